"""Gold scoring of sentence alignments: strict and lax precision, recall and F1, and the ladder format.

A *ladder* is one bead per line in the vecalign format, 0-based: ``[3, 4]:[5]`` (two source
segments with one target segment), ``[6]:[]`` (a source segment left unaligned), optionally
followed by a score: ``[3, 4]:[5]:0.8700``.

Conventions (those of vecalign's ``score.py``, after Sennrich and Volk 2011; Thompson and
Koehn 2019), kept so that figures compare with the published ones:

- **strict**: a predicted bead is right when the gold holds the very same bead;
  **lax**: when some gold bead shares a source segment with it and also a target segment.
- **precision** is taken over *all* predicted beads, null beads (``[6]:[]``) included: a null
  bead is right (strictly and laxly) only when the gold has the same null bead, since it
  overlaps nothing.
- **recall** is taken over the gold beads that have both sides, matched against the
  predicted beads that have both sides; null beads do not count towards recall.
- Counts are summed over all document pairs before dividing (micro-average); a ratio with
  nothing to divide is 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import Bead

Pair = tuple[tuple[int, ...], tuple[int, ...]]

_LINE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*(?::\s*(\S+))?\s*$")


def _ids(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.replace(",", " ").split())


def parse_ladder(text: str, source: str = "<ladder>") -> list[Bead]:
    """Beads from ladder text (blank lines skipped); ``source`` names the input in errors."""
    beads: list[Bead] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        m = _LINE.match(line)
        if m is None:
            raise InputError(source, f"line {number}: not a ladder bead like '[0, 1]:[2]' or '[0]:[]:0.5': {line!r}")
        try:
            score = float(m.group(3)) if m.group(3) is not None else 0.0
        except ValueError:
            raise InputError(source, f"line {number}: bad score {m.group(3)!r}") from None
        beads.append(Bead(_ids(m.group(1)), _ids(m.group(2)), score))
    return beads


def format_ladder(beads: Iterable[Bead], with_score: bool = True) -> str:
    """Ladder text, one bead a line (with a trailing newline when there is any bead)."""
    lines = [b.to_vecalign(with_score) for b in beads]
    return "\n".join(lines) + ("\n" if lines else "")


def read_ladder(path: str | Path) -> list[Bead]:
    """Read a ladder file (UTF-8)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read the alignment file: {exc.strerror or exc}") from None
    return parse_ladder(text, str(path))


def write_ladder(path: str | Path, beads: Iterable[Bead], with_score: bool = True) -> None:
    """Write beads to a ladder file (UTF-8)."""
    Path(path).write_text(format_ladder(beads, with_score), encoding="utf-8")


@dataclass(frozen=True)
class AlignmentScore:
    """Strict and lax precision, recall and F1 of predicted beads against gold ones, with the counts behind them."""

    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float
    predicted: int
    gold: int
    correct_strict: int
    found_strict: int

    def to_dict(self) -> dict:
        return {
            "precision_strict": round(self.precision_strict, 4),
            "recall_strict": round(self.recall_strict, 4),
            "f1_strict": round(self.f1_strict, 4),
            "precision_lax": round(self.precision_lax, 4),
            "recall_lax": round(self.recall_lax, 4),
            "f1_lax": round(self.f1_lax, 4),
            "predicted": self.predicted,
            "gold": self.gold,
            "correct_strict": self.correct_strict,
            "found_strict": self.found_strict,
        }


def _pairs(beads: Iterable[Bead | Pair]) -> list[Pair]:
    out = []
    for b in beads:
        s, t = (b.source, b.target) if isinstance(b, Bead) else b
        if s or t:
            out.append((tuple(s), tuple(t)))
    return out


def _judge(reference: Sequence[Pair], candidates: Sequence[Pair]) -> tuple[int, int, int]:
    """(candidates, strictly right, laxly right) of ``candidates`` judged against ``reference``."""
    exact = set(reference)
    linked: dict[int, set[int]] = {}
    for s, t in reference:
        for i in s:
            linked.setdefault(i, set()).update(t)
    strict = lax = 0
    for s, t in set(candidates):
        if (s, t) in exact:
            strict += 1
            lax += 1
        elif any(j in linked.get(i, ()) for i in s for j in t):
            lax += 1
    return len(set(candidates)), strict, lax


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_alignments(documents: Iterable[tuple[Iterable[Bead | Pair], Iterable[Bead | Pair]]]) -> AlignmentScore:
    """Score ``(gold, predicted)`` bead lists of several document pairs together (micro-average)."""
    n_pred = p_strict = p_lax = 0
    n_gold = r_strict = r_lax = 0
    for gold, predicted in documents:
        g, t = _pairs(gold), _pairs(predicted)
        count, strict, lax = _judge(g, t)
        n_pred, p_strict, p_lax = n_pred + count, p_strict + strict, p_lax + lax
        g_full = [x for x in g if x[0] and x[1]]
        t_full = [x for x in t if x[0] and x[1]]
        count, strict, lax = _judge(t_full, g_full)
        n_gold, r_strict, r_lax = n_gold + count, r_strict + strict, r_lax + lax
    ps, pl = _ratio(p_strict, n_pred), _ratio(p_lax, n_pred)
    rs, rl = _ratio(r_strict, n_gold), _ratio(r_lax, n_gold)
    return AlignmentScore(ps, rs, _f1(ps, rs), pl, rl, _f1(pl, rl), n_pred, n_gold, p_strict, r_strict)


def score_alignment(gold: Iterable[Bead | Pair], predicted: Iterable[Bead | Pair]) -> AlignmentScore:
    """Score one document pair's predicted beads against its gold beads (see the module docstring)."""
    return score_alignments([(gold, predicted)])

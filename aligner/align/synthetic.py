"""Synthetic parallel documents with known gold, for robustness and scale tests.

Units of a real aligned pair (each a list of source lines and a list of target lines) are
laid end to end until the source reaches the wished size, each pass over the units starting
at a random place, and then edited under control: a target side dropped (a 1-0 bead), two
consecutive targets joined on one line (2-1), a target cut in two at a comma or a space
near its middle (1-2), a line of boilerplate inserted in the target (0-1). Everything is
driven by a seeded ``random.Random``, so the same arguments give the same pair.

:func:`build_condition_pair` reproduces one condition (or a mix) at a controlled rate, for the
per-condition benchmark (``scripts/bench_align_conditions.py``): merges on either side (2-1,
1-2, 3-1, 1-3, 2-2), runs of deletions on either side, inserted headings and boilerplate in
one version, and reordered short segments, each with its gold beads.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

Unit = tuple[tuple[str, ...], tuple[str, ...]]
GoldBead = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class SyntheticPair:
    """A source and a target document (one segment per item) and their gold beads."""

    src: tuple[str, ...]
    tgt: tuple[str, ...]
    gold: tuple[GoldBead, ...]


def units_from_gold(src: Sequence[str], tgt: Sequence[str], gold: Sequence[GoldBead]) -> list[Unit]:
    """The texts of each gold bead, in order."""
    return [(tuple(src[i] for i in s), tuple(tgt[j] for j in t)) for s, t in gold]


def _split(text: str) -> tuple[str, str] | None:
    mid = len(text) // 2
    for sep in (", ", "; ", " "):
        cut = text.find(sep, mid)
        if cut < 0:
            cut = text.rfind(sep, 0, mid)
        if 0 < cut < len(text) - len(sep):
            return text[: cut + len(sep.rstrip())].strip(), text[cut + len(sep):].strip()
    return None


def build_pair(
    units: Sequence[Unit],
    size: int,
    *,
    seed: int = 0,
    p_delete: float = 0.02,
    p_merge: float = 0.03,
    p_split: float = 0.03,
    p_insert: float = 0.01,
    insert_text: str = "Advertisement",
) -> SyntheticPair:
    """About ``size`` source segments of ``units`` with controlled edits (see the module docstring)."""
    rng = random.Random(seed)
    seq = _lay(units, size, rng)
    edited: list[Unit] = []
    k = 0
    while k < len(seq):
        s, t = seq[k]
        r = rng.random()
        if r < p_delete and s and t:
            edited.append((s, ()))
        elif r < p_delete + p_merge and len(t) == 1 and k + 1 < len(seq) and len(seq[k + 1][1]) == 1 and seq[k + 1][0]:
            s2, t2 = seq[k + 1]
            edited.append((s + s2, (t[0] + " " + t2[0],)))
            k += 1
        elif r < p_delete + p_merge + p_split and len(t) == 1 and (cut := _split(t[0])) is not None:
            edited.append((s, cut))
        else:
            edited.append((s, t))
        if rng.random() < p_insert:
            edited.append(((), (insert_text,)))
        k += 1
    return _assemble(edited)


def _lay(units: Sequence[Unit], size: int, rng: random.Random) -> list[Unit]:
    """Units end to end, each pass from a random start, until the source holds ``size`` segments."""
    seq: list[Unit] = []
    n_src = 0
    while n_src < size:
        start = rng.randrange(len(units))
        for k in range(len(units)):
            u = units[(start + k) % len(units)]
            seq.append(u)
            n_src += len(u[0])
            if n_src >= size:
                break
    return seq


def _assemble(edited: Sequence[Unit]) -> SyntheticPair:
    """The documents and gold of a sequence of units, each unit one gold bead."""
    src: list[str] = []
    tgt: list[str] = []
    gold: list[GoldBead] = []
    for s, t in edited:
        gold.append((tuple(range(len(src), len(src) + len(s))), tuple(range(len(tgt), len(tgt) + len(t)))))
        src.extend(s)
        tgt.extend(t)
    return SyntheticPair(tuple(src), tuple(tgt), tuple(gold))


#: The conditions :func:`build_condition_pair` can reproduce, each at a controlled rate.
CONDITIONS: tuple[str, ...] = (
    "2-1", "1-2", "3-1", "1-3", "2-2", "delete-source-run", "delete-target-run", "boilerplate", "reorder",
)

#: Lines that one version inserts and the other lacks (headings, page furniture, adverts).
BOILERPLATE: tuple[str, ...] = (
    "Advertisement", "Continued on page 4", "Chapter 3", "Photo: Keystone", "Page 12 of 40",
    "Read more", "Contents", "Subscribe to our newsletter",
)

#: Reordering swaps two neighbouring segments whose sides are at most this many characters long.
SHORT = 80


def _one_one(u: Unit) -> bool:
    return len(u[0]) == 1 and len(u[1]) == 1


def _recut(left: str, right: str, rng: random.Random) -> tuple[str, str] | None:
    """``left + " " + right`` cut again at another space, so neither part is one of the originals."""
    text = left + " " + right
    spaces = [k for k, ch in enumerate(text) if ch == " " and k != len(left)]
    # Keep both parts substantial: cut in the middle half of the joined line.
    spaces = [k for k in spaces if len(text) // 4 <= k <= 3 * len(text) // 4]
    if not spaces:
        return None
    cut = rng.choice(spaces)
    return text[:cut], text[cut + 1:]


def build_condition_pair(units: Sequence[Unit], size: int, rates: dict[str, float], *, seed: int = 0,
                         run: tuple[int, int] = (2, 5)) -> SyntheticPair:
    """About ``size`` source segments of ``units`` with the :data:`CONDITIONS` in ``rates`` applied.

    At each unit, each condition fires with its rate (at most one per unit, drawn in one
    ``random()`` against the cumulative rates); a condition that does not apply there (a merge
    needs neighbouring 1-1 units) waits for the next unit where it does, so the rate of edits
    stays the one asked for whatever the units' shapes. Gold beads follow the edit:

    - ``"a-b"`` merges (2-1, 1-2, 3-1, 1-3): ``max(a, b)`` neighbouring 1-1 units, the side
      that gets one segment joined on one line with spaces (2-1: two sources, one target line);
    - ``"2-2"``: two neighbouring 1-1 units, the targets joined and cut again at another space,
      so both target segments straddle the source boundary;
    - ``"delete-source-run"`` / ``"delete-target-run"``: a run of ``run`` (inclusive range)
      neighbouring 1-1 units loses its source / target side, giving 0-1 / 1-0 beads;
    - ``"boilerplate"``: a line of :data:`BOILERPLATE` inserted in the target (a 0-1 bead);
    - ``"reorder"``: two neighbouring short 1-1 units (both sides at most :data:`SHORT`
      characters) have their targets swapped; a monotone alignment can only hold the crossing
      as one 2-2 bead, which is the gold.
    """
    unknown = set(rates) - set(CONDITIONS)
    if unknown:
        raise ValueError(f"unknown conditions: {sorted(unknown)}")
    rng = random.Random(seed)
    seq = _lay(units, size, rng)
    names = [c for c in CONDITIONS if rates.get(c, 0.0) > 0.0]
    edges = []
    total = 0.0
    for c in names:
        total += rates[c]
        edges.append(total)
    edited: list[Unit] = []
    pending: deque[str] = deque()
    k = 0
    while k < len(seq):
        r = rng.random()
        fired = next((c for c, edge in zip(names, edges) if r < edge), None)
        if fired:
            pending.append(fired)
        step = _apply(pending[0], seq, k, rng, run, edited) if pending else 0
        if step:
            pending.popleft()
        else:
            edited.append(seq[k])
            step = 1
        k += step
    return _assemble(edited)


def _apply(cond: str, seq: Sequence[Unit], k: int, rng: random.Random, run: tuple[int, int],
           edited: list[Unit]) -> int:
    """Apply ``cond`` at unit ``k`` (appending to ``edited``); how many units it used, 0 if it did not apply."""
    if cond == "boilerplate":
        edited.append(((), (rng.choice(BOILERPLATE),)))
        edited.append(seq[k])
        return 1
    if cond in ("2-1", "1-2", "3-1", "1-3"):
        a, b = int(cond[0]), int(cond[2])
        span = max(a, b)
        group = seq[k: k + span]
        if len(group) < span or not all(_one_one(u) for u in group):
            return 0
        srcs = tuple(u[0][0] for u in group)
        tgts = tuple(u[1][0] for u in group)
        if b == 1:
            edited.append((srcs, (" ".join(tgts),)))
        else:
            edited.append(((" ".join(srcs),), tgts))
        return span
    if cond in ("2-2", "reorder"):
        group = seq[k: k + 2]
        if len(group) < 2 or not all(_one_one(u) for u in group):
            return 0
        (s1,), (t1,) = group[0]
        (s2,), (t2,) = group[1]
        if cond == "reorder":
            if max(len(s1), len(s2), len(t1), len(t2)) > SHORT:
                return 0
            edited.append(((s1, s2), (t2, t1)))
            return 2
        cut = _recut(t1, t2, rng)
        if cut is None:
            return 0
        edited.append(((s1, s2), cut))
        return 2
    if cond in ("delete-source-run", "delete-target-run"):
        length = rng.randint(*run)
        group = seq[k: k + length]
        if len(group) < 2 or not all(_one_one(u) for u in group):
            return 0
        for s, t in group:
            edited.append(((), t) if cond == "delete-source-run" else (s, ()))
        return len(group)
    raise ValueError(f"unknown condition {cond!r}")  # pragma: no cover - checked by the caller

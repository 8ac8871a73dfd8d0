"""Benchmark ``aligner check`` on known damage (``scripts/damage.py``) beside two peers; write ``results/check.md``.

For every case (one damage in one version of a group) the tools are run on the case's files:

- **aligner**: the library call :func:`aligner.pipeline.check_paths` on the case directory: it reads,
  detects, groups and aligns the versions itself and blames one of them;
- **pofilter** (Translate Toolkit): the ``numbers`` check exactly as ``pofilter`` runs it
  (``StandardChecker(limitfilters=["numbers"]).run_filters(unit)`` on a PO unit, target language set),
  per aligned pair *source = pivot version, target = each other version*;
- **OpusFilter**: ``NonZeroNumeralsFilter(threshold=0.5)`` (its default) on the same pairs.

The peers are installed apart (``python -m pip install "translate-toolkit>=3.10" opusfilter==3.3.1``;
without them the script says so and exits with code 2). The peers are handed the gold alignment
(known by construction) and an undamaged pivot: the first of Danish/Tagalog for the seeds,
English/German and Dutch/Italian for the bench texts, that is not the damaged file. Those are two
oracles aligner does not get; a peer's flag on pair (pivot, X) is counted as blaming X.

Scoring, per case, over what is *new* against the clean group (the seeds have real damage of their
own, found in the clean run and subtracted, by file, code, line and value):

- **found** (recall): a new finding of severity major or worse, with an accepted code, on the damaged
  file at the damaged line (an omission may also be anchored on the next line); for a peer, a new
  flag on the damaged file's pair in the damaged unit;
- **exact**: the same with the expected code (aligner only);
- **precision**: new major+ findings (every category; format findings are minor) on the damaged file
  at the damaged line(s) are true, every other new major+ finding is a false alarm;
- **controls** (``damage.CONTROLS``): cases whose change a true translation may make (the number
  format, a number written in words with its value, a sentence split at a comma or two joined), counted
  when they give any new major+ finding (should be none); every such finding is a false alarm, also on
  the changed line.

The damages come in two sets: what machine translation does (``value`` ... ``format_only``) and what a
human translator does (``number_words`` ... ``drop_joined``, see ``scripts/damage.py``). For
``changed_words`` (a number written in words with another value) NUM002 is expected and NUM001 accepted;
for ``drop_joined`` (a sentence dropped, its neighbours joined or one of them split, so the sentence count
may not move) OMI001 is expected and NUM001 accepted, as for ``drop_sentence``.

Throughput: the four seed versions each repeated to about ``--mb`` megabytes in total, checked as one
group of four long documents (read, detect, align, check), in MB of UTF-8 input per second of wall
time; the peers on the same text, pair by pair on the gold alignment (no alignment cost).

    python scripts/bench_check.py [--seed 20261123] [--per-type 40] [--mb 10] [--out results/check.md] [--keep DIR]
    python scripts/bench_check.py --throughput-only [--mb 10]     # the throughput case alone, printed
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import os
import platform
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aligner.model import Finding, Severity
from aligner.pipeline import check_paths

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ("aligner", "pofilter", "opusfilter")


def _load_damage():  # noqa: ANN202 - the module object
    """``scripts/damage.py`` as a module (``scripts`` is not a package)."""
    if "damage" in sys.modules:
        return sys.modules["damage"]
    spec = importlib.util.spec_from_file_location("damage", Path(__file__).with_name("damage.py"))
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["damage"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


damage = _load_damage()
#: The damage types of what machine translation does and of what a human translator does (controls aside).
_FIRST_HUMAN = damage.DAMAGES.index("number_words")
MACHINE_DAMAGE = tuple(d for d in damage.DAMAGES[:_FIRST_HUMAN] if d not in damage.CONTROLS)
HUMAN_DAMAGE = tuple(d for d in damage.DAMAGES[_FIRST_HUMAN:] if d not in damage.CONTROLS)


@dataclass(frozen=True)
class Flag:
    """One new complaint of a tool: file, line (peers: unit), code and a short text for the report."""

    file: str
    line: int
    unit: str
    code: str
    text: str


@dataclass
class Outcome:
    """What one tool made of one case."""

    tool: str
    case: damage.Case
    found: bool = False
    exact: bool = False
    true: int = 0
    false: int = 0
    flags: list[Flag] = field(default_factory=list)
    seconds: float = 0.0
    masked: bool = False


# ---------------------------------------------------------------------------------------------
# aligner
# ---------------------------------------------------------------------------------------------


def _value(f: Finding) -> str:
    ev = f.evidence
    found = ev.get("found")
    found = found.get("value") if isinstance(found, dict) else found
    return str(ev.get("value") or found or ev.get("text", ""))[:80]


def _key(f: Finding) -> tuple[str, str, int, str]:
    return Path(f.path).name, f.code, f.line, _value(f)


def major(findings: Iterable[Finding]) -> list[Finding]:
    """Findings of severity major or worse."""
    return [f for f in findings if f.severity >= Severity.MAJOR]


def new_findings(findings: Sequence[Finding], baseline: Sequence[Finding]) -> list[Finding]:
    """Major+ findings of ``findings`` that the clean run did not have (as a multiset of keys)."""
    left = Counter(_key(f) for f in major(baseline))
    out = []
    for f in major(findings):
        k = _key(f)
        if left[k] > 0:
            left[k] -= 1
        else:
            out.append(f)
    return out


def score_aligner(case: damage.Case, new: Sequence[Finding], seconds: float) -> Outcome:
    """Found/exact/true/false of aligner's new findings on ``case``."""
    out = Outcome("aligner", case, seconds=seconds)
    for f in new:
        name = Path(f.path).name
        on_spot = name == case.file and f.line in case.lines and case.damage not in damage.CONTROLS
        out.flags.append(Flag(name, f.line, str(f.unit), f.code, f"{f.code} {f.severity.value} {name}:{f.line}: "
                                                                   f"{f.message}"))
        if on_spot:
            out.true += 1
            out.found |= f.code in case.accepted
            out.exact |= f.code in case.expected
        else:
            out.false += 1
    return out


# ---------------------------------------------------------------------------------------------
# Peers
# ---------------------------------------------------------------------------------------------


class Pofilter:
    """Translate Toolkit's ``numbers`` check as pofilter runs it, one checker per target language."""

    name = "pofilter"

    def __init__(self) -> None:
        from translate.filters import checks
        from translate.storage import pypo

        self._checks = checks
        self._unit = pypo.pounit
        self._checkers: dict[str, object] = {}

    def fails(self, source: str, target: str, language: str) -> bool:
        """True when the pair fails ``numbers``. An empty side is not checked: pofilter's
        ``untranslated`` precondition would stop ``numbers`` from running on it."""
        if not source.strip() or not target.strip():
            return False
        checker = self._checkers.get(language)
        if checker is None:
            config = self._checks.CheckerConfig(targetlanguage=language)
            checker = self._checks.StandardChecker(checkerconfig=config, limitfilters=["numbers"])
            self._checkers[language] = checker
        unit = self._unit(source)
        unit.target = target
        return "numbers" in checker.run_filters(unit)  # type: ignore[attr-defined]


class OpusNumerals:
    """OpusFilter's ``NonZeroNumeralsFilter`` at its default threshold (0.5)."""

    name = "opusfilter"

    def __init__(self) -> None:
        from opusfilter.filters import NonZeroNumeralsFilter

        self._filter = NonZeroNumeralsFilter(threshold=0.5)

    def fails(self, source: str, target: str, language: str) -> bool:
        """True when the filter would drop the pair (an empty side is scored like any other)."""
        if not source.strip() and not target.strip():
            return False
        score = next(iter(self._filter.score([(source, target)])))
        return not self._filter.accept(score)


#: What to install for each peer (the benchmark compares against both, in the same run).
PEER_INSTALL = 'python -m pip install "translate-toolkit>=3.10" opusfilter==3.3.1'


def _peers() -> tuple[Pofilter, OpusNumerals]:
    """Both peers, or exit code 2 with one line naming what to install."""
    try:
        return Pofilter(), OpusNumerals()
    except ImportError as exc:
        print(f"bench_check: peer {exc.name!r} is not installed; install the peers: {PEER_INSTALL}", file=sys.stderr)
        raise SystemExit(2) from None


def peer_flags(peer: Pofilter | OpusNumerals, versions: Sequence[damage.Version], pivot: str) -> list[Flag]:
    """Every pair (pivot, version) x gold unit that ``peer`` fails."""
    src = next(v for v in versions if v.name == pivot)
    src_units = src.unit_texts()
    flags = []
    for v in versions:
        if v.name == pivot:
            continue
        tgt_units = v.unit_texts()
        for unit in sorted(set(src_units) | set(tgt_units)):
            s = " ".join(t for _, t in src_units.get(unit, []))
            t = " ".join(t for _, t in tgt_units.get(unit, []))
            if peer.fails(s, t, v.language):
                line = tgt_units[unit][0][0] if unit in tgt_units else 0
                flags.append(Flag(v.name, line, unit, peer.name, f"{peer.name} {v.name} unit {unit}: {s[:60]!r} "
                                                                 f"-> {t[:60]!r}"))
    return flags


def score_peer(peer: Pofilter | OpusNumerals, case: damage.Case, baseline: Sequence[Flag]) -> Outcome:
    """Found/true/false of a peer's new flags on ``case`` (new: not flagged on the clean group)."""
    t0 = time.perf_counter()
    flags = peer_flags(peer, case.versions, case.pivot)
    out = Outcome(peer.name, case, seconds=time.perf_counter() - t0)
    old = {(f.file, f.unit) for f in baseline}
    out.masked = (case.file, case.unit) in old
    for f in flags:
        if (f.file, f.unit) in old:
            continue
        out.flags.append(f)
        if f.file == case.file and f.unit == case.unit and case.damage not in damage.CONTROLS:
            out.true += 1
            out.found = True
        else:
            out.false += 1
    out.exact = out.found
    return out


# ---------------------------------------------------------------------------------------------
# Throughput
# ---------------------------------------------------------------------------------------------


def _cpu_seconds() -> float:
    """CPU seconds (user + system) of this process and of its children that were waited for (forked checks)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def throughput_corpus(groups: Sequence[damage.Group], mb: float, directory: Path) -> tuple[Path, int, int]:
    """The seed versions each repeated to about ``mb`` MB in all, as four long documents in ``directory``:
    (directory, bytes written, how many times each version was repeated)."""
    seeds = next(g for g in groups if g.name == "seeds")
    texts = {v.name: v.render().rstrip("\n") for v in seeds.versions}
    one = sum(len(t.encode("utf-8")) + 1 for t in texts.values())
    times = max(1, round(mb * 1e6 / one))
    directory.mkdir(parents=True, exist_ok=True)
    total = 0
    for name, text in texts.items():
        body = "\n".join([text] * times) + "\n"
        (directory / name).write_text(body, encoding="utf-8")
        total += len(body.encode("utf-8"))
    return directory, total, times


def throughput(groups: Sequence[damage.Group], mb: float, peers: Sequence[Pofilter | OpusNumerals],
               workdir: Path, cpu: dict[str, float] | None = None) -> dict[str, tuple[float, float]]:
    """(MB, seconds) per tool on the seed versions repeated to about ``mb`` MB, as four long documents.

    ``cpu``, when given, receives aligner's CPU seconds (this process and its forked workers).
    """
    cpu = {} if cpu is None else cpu
    directory, total, times = throughput_corpus(groups, mb, workdir / "throughput")
    out: dict[str, tuple[float, float]] = {}
    t0, c0 = time.perf_counter(), _cpu_seconds()
    own0 = resource.getrusage(resource.RUSAGE_SELF)
    check_paths([str(directory)])
    out["aligner"] = (total / 1e6, time.perf_counter() - t0)
    cpu["aligner"] = _cpu_seconds() - c0
    own = resource.getrusage(resource.RUSAGE_SELF)
    # This process works through every stage and takes tasks in the parallel ones too: on a machine with a
    # free core per job its CPU time is about the wall time (the figure a loaded machine cannot show).
    cpu["aligner: this process"] = own.ru_utime + own.ru_stime - own0.ru_utime - own0.ru_stime
    seeds = next(g for g in groups if g.name == "seeds")
    pivot = seeds.pivots[0]
    for peer in peers:
        t0 = time.perf_counter()
        for _ in range(times):
            peer_flags(peer, seeds.versions, pivot)
        out[peer.name] = (total / 1e6, time.perf_counter() - t0)
    return out


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def _pct(a: int, b: int) -> str:
    """``a`` of ``b`` as a percentage; never rounded up to 100 % when one is missing (398/400 is 99.5 %)."""
    if not b:
        return "–"
    share = 100 * a / b
    text = f"{share:.0f}" if a == b or round(share) < 100 else f"{share:.1f}"
    return f"{text}% ({a}/{b})"


def _prec(t: int, f: int) -> str:
    return f"{100 * t / (t + f):.0f}% ({t}/{t + f})" if t + f else "– (0/0)"


def render(outcomes: dict[str, list[Outcome]], cases: Sequence[damage.Case], *, seed: int, per_type: int,
           speed: dict[str, tuple[float, float]], signature: str, seconds: float,
           baseline_counts: dict[str, int], clean: dict[str, tuple[int, dict[str, int]]],
           cpu: dict[str, float] | None = None) -> str:
    """``results/check.md``; ``cpu``: the throughput run's CPU seconds and load (see :func:`throughput`)."""
    damages = [d for d in damage.DAMAGES if any(c.damage == d for c in cases)]
    lines = [
        "# `aligner check` on known damage",
        "",
        "Made by `python scripts/bench_check.py` (damage from `scripts/damage.py`); do not edit by hand.",
        "",
        f"- seed **{seed}** (`random.Random(f\"{{seed}}:{{damage}}\")` per damage type), {per_type} cases per "
        f"damage type and {2 * per_type} format-only controls: **{len(cases)} cases**, each one damage in one "
        "version",
        f"- groups: {', '.join(f'`{g}` ({n} versions)' for g, n in _group_sizes(cases).items())}; "
        "`seeds` = corpora/seeds 000 lt, 001 da, 002 tl, 004 te; the others are corpora/bench/texts "
        "(see corpora/bench/README.md)",
        f"- aligner `{signature}`",
        f"- peers: Translate Toolkit {_version('translate-toolkit')} pofilter `numbers`; OpusFilter "
        f"{_version('opusfilter')} `NonZeroNumeralsFilter` (threshold 0.5); pairs = gold alignment, "
        "source = an undamaged pivot (seeds: da, else tl; harbour: en, else de; museum: nl, else it)",
        "- clean-run major+ findings subtracted per group: "
        + ", ".join(f"{g} {n}" for g, n in baseline_counts.items()),
        f"- {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores; whole run "
        f"{seconds:.0f} s",
        "",
        "## Recall: damage found and blamed on the damaged version at the damaged line",
        "",
        "Found = a new major+ finding with an accepted code (aligner) or a new failed pair (peers) on the "
        "damaged file there; *exact* = aligner's finding has the expected code; *masked* = cases whose damaged "
        "pair already failed in the clean group, so a peer cannot show anything new there.",
        "",
        "| damage | cases | expected | aligner found | aligner exact | pofilter found | OpusFilter found "
        "| pofilter / OpusFilter masked |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    by = {tool: {d: [o for o in outcomes[tool] if o.case.damage == d] for d in damages} for tool in TOOLS}
    dmg_cases = [d for d in damages if d not in damage.CONTROLS]
    for d in dmg_cases:
        n = len(by["aligner"][d])
        lines.append(
            f"| {d} | {n} | {'/'.join(damage.EXPECTED[d])} | {_pct(sum(o.found for o in by['aligner'][d]), n)} | "
            f"{_pct(sum(o.exact for o in by['aligner'][d]), n)} | "
            f"{_pct(sum(o.found for o in by['pofilter'][d]), n)} | "
            f"{_pct(sum(o.found for o in by['opusfilter'][d]), n)} | "
            f"{sum(o.masked for o in by['pofilter'][d])} / {sum(o.masked for o in by['opusfilter'][d])} |")
    total = sum(len(by["aligner"][d]) for d in dmg_cases)
    tot = {t: sum(o.found for d in dmg_cases for o in by[t][d]) for t in TOOLS}
    exact = sum(o.exact for d in dmg_cases for o in by["aligner"][d])
    lines.append(f"| **all damage** | {total} | | **{_pct(tot['aligner'], total)}** | {_pct(exact, total)} | "
                 f"{_pct(tot['pofilter'], total)} | {_pct(tot['opusfilter'], total)} | "
                 f"{sum(o.masked for o in outcomes['pofilter'] if o.case.damage not in damage.CONTROLS)} / "
                 f"{sum(o.masked for o in outcomes['opusfilter'] if o.case.damage not in damage.CONTROLS)} |")
    subsets = (
        ("number damage only", ("value", "swap_digits", "year", "drop_number", "dup_number", "changed_words")),
        ("machine-translation damage", MACHINE_DAMAGE),
        ("human-translation damage", HUMAN_DAMAGE),
    )
    for label, members in subsets:
        num = [d for d in dmg_cases if d in members]
        n_num = sum(len(by["aligner"][d]) for d in num)
        if not n_num:
            continue
        lines.append(f"| {label} | {n_num} | | "
                     + " | ".join(
                         [_pct(sum(o.found for d in num for o in by["aligner"][d]), n_num),
                          _pct(sum(o.exact for d in num for o in by["aligner"][d]), n_num)]
                         + [_pct(sum(o.found for d in num for o in by[t][d]), n_num)
                            for t in ("pofilter", "opusfilter")]
                         + [" / ".join(str(sum(o.masked for d in num for o in by[t][d]))
                                       for t in ("pofilter", "opusfilter"))])
                     + " |")
    lines += ["", "By group (aligner found / cases):", ""]
    groups = list(_group_sizes(cases))
    lines.append("| damage | " + " | ".join(groups) + " |")
    lines.append("|---|" + "---:|" * len(groups))
    for d in dmg_cases:
        cells = []
        for g in groups:
            os_ = [o for o in by["aligner"][d] if o.case.group == g]
            cells.append(f"{sum(o.found for o in os_)}/{len(os_)}" if os_ else "–")
        lines.append(f"| {d} | " + " | ".join(cells) + " |")

    lines += [
        "",
        "## Precision: new major+ findings that point at the damage",
        "",
        "True = on the damaged file at the damaged line; every other new major+ finding (another version, "
        "another line, any finding on a control) is a false alarm.",
        "",
        "| damage | aligner | aligner false alarms | pofilter | pofilter false | OpusFilter | OpusFilter false |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for d in damages:
        cells = []
        for t in TOOLS:
            tt = sum(o.true for o in by[t][d])
            ff = sum(o.false for o in by[t][d])
            cells += [_prec(tt, ff), str(ff)]
        lines.append(f"| {d} | " + " | ".join(cells) + " |")
    cells = []
    for t in TOOLS:
        tt = sum(o.true for o in outcomes[t])
        ff = sum(o.false for o in outcomes[t])
        cells += [f"**{_prec(tt, ff)}**", str(ff)]
    lines.append("| **all cases** | " + " | ".join(cells) + " |")

    fmt = [c for c in cases if c.damage == "format_only"]
    lines += [
        "",
        "## Format-only control: the number format changed, the value kept",
        "",
        "Cases with any new major+ finding (aligner) or any new failed pair (peers); should be 0. "
        "`space`/`nbsp`/`narrow-nbsp`: digits grouped with that space; `plain`: grouping dropped; "
        "`locale-group`: the language's own grouping added; `foreign`: the other comma/point convention where "
        "it cannot be misread (`2.784.500` -> `2,784,500` in Danish, `74,6` -> `74.6` in Spanish); "
        "`foreign-ambiguous`: where a reader of the language could misread it (`32.300` -> `32,300` in "
        "Danish, read 32.3 there).",
        "",
        "| variant | cases | aligner | pofilter | OpusFilter |",
        "|---|---:|---:|---:|---:|",
    ]
    variants = sorted({c.variant for c in fmt})
    for v in [*variants, None]:
        rows = {t: [o for o in by[t].get("format_only", []) if v is None or o.case.variant == v] for t in TOOLS}
        n = len(rows["aligner"])
        label = "**all format-only**" if v is None else v
        lines.append(f"| {label} | {n} | " + " | ".join(_pct(sum(o.false > 0 for o in rows[t]), n) for t in TOOLS)
                     + " |")

    human = [d for d in damage.CONTROLS if d != "format_only" and by["aligner"].get(d)]
    if human:
        lines += [
            "",
            "## Human-translation controls: the wording changed, the content kept",
            "",
            "Cases with any new major+ finding (aligner) or any new failed pair (peers); should be 0. "
            "`number_words`: a digit number written in words in the version's language, same value (CLDR "
            "cardinal; `small` 1-100, `large` 101-999,999; no Telugu, which CLDR lacks); `split_sentence`: a "
            "sentence cut in two at a comma (`, w` -> `. W`); `join_sentences`: two sentences of one paragraph "
            "made one with a comma or a semicolon.",
            "",
            "| control | variant | cases | aligner | pofilter | OpusFilter |",
            "|---|---|---:|---:|---:|---:|",
        ]
        for d in human:
            variants = sorted({o.case.variant for o in by["aligner"][d]})
            for v in [*(variants if len(variants) > 1 else []), None]:
                rows = {t: [o for o in by[t][d] if v is None or o.case.variant == v] for t in TOOLS}
                n = len(rows["aligner"])
                label = f"**{d}**" if v is None else d
                lines.append(f"| {label} | {v or 'all'} | {n} | "
                             + " | ".join(_pct(sum(o.false > 0 for o in rows[t]), n) for t in TOOLS) + " |")

    lines += ["", "## The clean groups", "",
              "Complaints on the undamaged groups (subtracted above). The seeds carry real damage (lt and te "
              "lose the 25th percentile, lt repeats 25,520: corpora/gold/findings.json); the bench texts are "
              "clean by construction, so every complaint there is a false alarm. Peers: failed pairs of "
              "(pivot, other version) per unit, first pivot.", "",
              "| group | units x pairs | aligner major+ | pofilter failed pairs | OpusFilter failed pairs |",
              "|---|---:|---:|---:|---:|"]
    for g, (pairs, counts) in clean.items():
        lines.append(f"| {g} | {pairs} | {counts['aligner']} | {counts['pofilter']} | {counts['opusfilter']} |")

    lines += ["", "## Throughput", "",
              "The four seed versions each repeated to about the size below, as **one group of four long "
              "documents** (aligner: read, detect language, segment, align, check; peers: the gold-aligned "
              "pairs only, pivot Danish, no reading or alignment).", "",
              "| tool | MB of text | seconds | MB/s |", "|---|---:|---:|---:|"]
    for t in TOOLS:
        if t in speed:
            mb, s = speed[t]
            lines.append(f"| {t} | {mb:.1f} | {s:.1f} | {mb / s:.2f} |")
    if cpu and "aligner" in cpu and "aligner" in speed:
        mb = speed["aligner"][0]
        mine = cpu.get("aligner: this process", cpu["aligner"])
        lines += ["", f"aligner's CPU time: {cpu['aligner']:.1f} s with its worker processes "
                  f"({mb / cpu['aligner']:.2f} MB per CPU s), {mine:.1f} s in this process, which runs every "
                  f"stage and takes tasks in the parallel ones (so about the wall time on a machine with a free "
                  f"core per job: {mb / mine:.2f} MB/s); load average {cpu.get('load before', 0):.1f} before, "
                  f"{cpu.get('load after', 0):.1f} after (2 cores)."]
    per_case = sum(o.seconds for o in outcomes["aligner"]) / max(1, len(outcomes["aligner"]))
    lines.append("")
    lines.append(f"Per case (4–5 short documents), aligner takes {per_case:.2f} s on average, after a one-time "
                 "model load.")

    lines += ["", "## What each tool can and cannot do here", "",
              "- **aligner** sees only the files: it detects languages, aligns all versions at once and blames "
              "the odd one out per unit, so a damage in the version that would be the pivot is found too.",
              "- **pofilter `numbers`** has no notion of which side is wrong: it says a pair differs. Here it is "
              "given the gold alignment and told which version is right (the pivot), which it would not know "
              "in use. It only counts the *source's* numbers in the target by substring, so added target "
              "numbers are ignored and a dropped number whose digits occur elsewhere in the target passes; it "
              "ends a number at a comma or space, so `32.300` vs `32 300` or `2,784,500` vs `2.784.500` fail "
              "(format changes give false alarms); it cannot see omitted, duplicated or foreign-language "
              "sentences unless they carry numbers, and an empty target is left to its `untranslated` check, "
              "which is not the numbers check measured here.",
              "- **OpusFilter `NonZeroNumeralsFilter`** compares the sequences of non-zero digits with difflib "
              "and keeps a pair at ratio ≥ 0.5: a changed or swapped digit in a long number, a changed year, "
              "a dropped number among several and a repeated number mostly pass; it ignores separators, so "
              "format changes never fail, and it has no notion of side either (same oracle pivot as above).",
              "- A peer's complaint on a unit already failing in the clean group is not new and does not count "
              "(the seeds' own mismatches mask damage in the same sentence); aligner's findings are compared "
              "by code, line and value, so a second problem on the same line still counts.",
              ]

    lines += ["", "## aligner's misses, other codes and false alarms, case by case", ""]
    rows = [o for o in outcomes["aligner"] if (o.case.damage not in damage.CONTROLS and not o.exact) or o.false]
    if not rows:
        lines.append("None.")
    for o in rows:
        c = o.case
        what = ("missed" if not o.found else "found, not with the expected code" if not o.exact else "found") \
            if c.damage not in damage.CONTROLS else "format only" if c.damage == "format_only" else "control"
        lines.append(f"- `{c.id}` {c.group} `{c.file}`:{c.line} {c.damage}"
                     f"{' (' + c.variant + ')' if c.variant else ''} {c.before[:70]!r} -> {c.after[:70]!r}: "
                     f"**{what}**" + (f", {o.false} false alarm(s)" if o.false else ""))
        for f in o.flags:
            lines.append(f"  - {f.text[:220]}")
        if not o.flags:
            lines.append("  - no new major+ finding")
    return "\n".join(lines) + "\n"


def _group_sizes(cases: Sequence[damage.Case]) -> dict[str, int]:
    out: dict[str, int] = {}
    for c in cases:
        out.setdefault(c.group, len(c.versions))
    return out


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "(not installed)"


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------


def run(seed: int, per_type: int, mb: float, workdir: Path,
        log: Callable[[str], None] = lambda s: print(s, file=sys.stderr)) -> str:
    """Generate the damage set, run every tool on every case, time them, return the report."""
    start = time.perf_counter()
    peers = _peers()  # before any work: a missing peer is said at once
    groups = damage.load_groups()
    cases = damage.make_cases(groups, seed=seed, per_type=per_type)
    damage.write_cases(groups, cases, workdir, seed)
    log(f"{len(cases)} cases in {workdir}")
    baseline: dict[str, list[Finding]] = {}
    peer_base: dict[tuple[str, str, str], list[Flag]] = {}
    signature = ""
    for g in groups:
        run_ = check_paths([str(workdir / "clean" / g.name)])
        baseline[g.name] = list(run_.findings)
        signature = run_.signature
        for pivot in g.pivots:
            for peer in peers:
                peer_base[(g.name, pivot, peer.name)] = peer_flags(peer, g.versions, pivot)
    outcomes: dict[str, list[Outcome]] = {t: [] for t in TOOLS}
    for i, case in enumerate(cases):
        t0 = time.perf_counter()
        result = check_paths([str(workdir / case.id)])
        seconds = time.perf_counter() - t0
        outcomes["aligner"].append(score_aligner(case, new_findings(result.findings, baseline[case.group]), seconds))
        for peer in peers:
            outcomes[peer.name].append(score_peer(peer, case, peer_base[(case.group, case.pivot, peer.name)]))
        if (i + 1) % 20 == 0:
            log(f"{i + 1}/{len(cases)} cases")
    log(f"throughput on ~{mb} MB")
    cpu: dict[str, float] = {}
    load = os.getloadavg()
    speed = throughput(groups, mb, peers, workdir, cpu)
    cpu["load before"], cpu["load after"] = load[0], os.getloadavg()[0]
    counts = {g: len(major(f)) for g, f in baseline.items()}
    clean = {}
    for g in groups:
        n_units = len({u for v in g.versions for u in v.unit_texts()})
        flags = {p.name: len(peer_base[(g.name, g.pivots[0], p.name)]) for p in peers}
        clean[g.name] = (n_units * (len(g.versions) - 1), {"aligner": counts[g.name], **flags})
    return render(outcomes, cases, seed=seed, per_type=per_type, speed=speed, signature=signature,
                  seconds=time.perf_counter() - start, baseline_counts=counts, clean=clean, cpu=cpu)


def throughput_only(mb: float) -> int:
    """Time the throughput case alone and print MB, wall and CPU seconds, MB/s and the load average."""
    try:
        peers: Sequence[Pofilter | OpusNumerals] = _peers()
    except SystemExit:
        peers = []
    groups = damage.load_groups()
    cpu: dict[str, float] = {}
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="aligner-bench-throughput-") as tmp:
        speed = throughput(groups, mb, peers, Path(tmp), cpu)
    print(f"load average before {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, after "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    for tool, (size, seconds) in speed.items():
        extra = f", {cpu[tool]:.1f} CPU s ({size / cpu[tool]:.2f} MB per CPU s)" if tool in cpu else ""
        if f"{tool}: this process" in cpu:
            mine = cpu[f"{tool}: this process"]
            extra += f"; this process {mine:.1f} CPU s ({size / mine:.2f} MB per CPU s of it)"
        print(f"{tool}: {size:.2f} MB in {seconds:.1f} s wall, {size / seconds:.2f} MB/s{extra}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: run the benchmark and write the Markdown report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=damage.DEFAULT_SEED)
    parser.add_argument("--per-type", type=int, default=damage.DEFAULT_PER_TYPE)
    parser.add_argument("--mb", type=float, default=10.0, help="MB of text for the throughput run")
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "check.md")
    parser.add_argument("--keep", type=Path, default=None, help="write the cases here and keep them")
    parser.add_argument("--throughput-only", action="store_true",
                        help="run only the throughput case and print its figures (no report is written); "
                             "the peers are timed when installed")
    args = parser.parse_args(argv)
    if args.throughput_only:
        return throughput_only(args.mb)
    if args.keep:
        report = run(args.seed, args.per_type, args.mb, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="aligner-bench-check-") as tmp:
            report = run(args.seed, args.per_type, args.mb, Path(tmp))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

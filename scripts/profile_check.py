"""Where the seconds of ``check`` go, stage by stage, in CPU seconds of this process.

    python scripts/profile_check.py [--mb 10] [--cases 120] [--cprofile [--dump PREFIX]] [--only large|small]
    python scripts/profile_check.py --dir PATH      # any file or directory, one run
    python scripts/profile_check.py --ntrex all|concat  # real news that does not repeat (see make_ntrex)
    python scripts/profile_check.py --timeline [--jobs N] [...]  # the real check_paths, wall and CPU per stage

Two workloads, as ``scripts/bench_check.py`` runs them:

- **large**: the four seed versions repeated to about ``--mb`` MB, one group of four long documents
  (the throughput case of ``bench_check.py``);
- **small**: ``--cases`` damage cases of ``scripts/damage.py`` (4-5 short documents each), checked one
  case directory after another as the benchmark's per-case mode does.

Each run goes through the same calls as :func:`aligner.pipeline.check_paths` (read, detect, align, check,
then rendering the findings as JSON as ``check --format json`` writes them), in one process
(``jobs=1``), each stage timed with ``time.process_time``. Reading is split further with cProfile
(decoding, document language, segmentation), as is detection (document language, segment language),
alignment (grouping, the rest) and the checks (each family's shared analysis).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import damage  # noqa: E402  (a sibling script)

#: Functions whose cumulative time names a sub-stage: (stage, module path suffix, function name).
SUBSTAGES = (
    ("read: decode + normalise", "io/reader.py", "read_text"),
    ("read: document language", "io/formats/build.py", "detect_language"),
    ("read: segmentation", "segment/layout.py", "build_document"),
    ("detect: document language", "aligner/detect.py", "detect_language"),
    ("detect: segment language", "langid/detector.py", "detect_segments"),
    ("align: grouping", "align/grouping.py", "group_documents"),
)


def make_large(workdir: Path, mb: float) -> tuple[Path, int]:
    """The throughput directory of ``bench_check.py``: (directory, bytes)."""
    from bench_check import throughput_corpus

    directory, total, _times = throughput_corpus(damage.load_groups(), mb, workdir / "large")
    return directory, total


def make_small(workdir: Path, cases: int) -> tuple[list[Path], int]:
    """``cases`` damage case directories (every k-th case, as ``snapshot.py --cases``): (directories, bytes)."""
    groups = damage.load_groups()
    made = damage.make_cases(groups)
    damage.write_cases(groups, made, workdir / "cases", damage.DEFAULT_SEED)
    step = max(1, len(made) // max(1, cases))
    dirs = [workdir / "cases" / c.id for c in made[::step]]
    total = sum(p.stat().st_size for d in dirs for p in d.iterdir() if p.is_file())
    return dirs, total


NTREX = ROOT.parent / "shared" / "real" / "ntrex-dev"


def make_ntrex(workdir: Path, how: str) -> tuple[Path, int]:
    """Text that does not repeat (real news of ``../shared/real/ntrex-dev``): (directory, bytes).

    ``all``: every article's running-text version of every language in one directory (62 articles x 5
    languages, 310 files, 62 groups to find); ``concat``: the 62 articles of each language one after the
    other in one file (5 files, one group of 5 long documents).
    """
    out = workdir / f"ntrex-{how}"
    out.mkdir(parents=True)
    articles = sorted(p for p in NTREX.iterdir() if p.is_dir())
    langs = sorted(p.name[:-4] for p in articles[0].glob("*.txt") if not p.name.endswith(".pre.txt"))
    for lang in langs:
        texts = [(a.name, (a / f"{lang}.txt").read_text("utf-8")) for a in articles]
        if how == "all":
            for name, text in texts:
                (out / f"{name}.{lang}.txt").write_text(text, "utf-8")
        else:
            (out / f"{lang}.txt").write_text("\n\n".join(t.strip("\n") for _, t in texts) + "\n", "utf-8")
    return out, sum(p.stat().st_size for p in out.iterdir())


def one_run(path: Path, times: dict[str, float]) -> None:
    """Check ``path`` stage by stage as ``check_paths`` does (jobs=1), adding CPU seconds into ``times``."""
    from aligner.align import AlignSettings, align_documents
    from aligner.checks.l10n import name_entries
    from aligner.checks.registry import run_all
    from aligner.heap import long_lived, settle
    from aligner.io.formats import read_paths
    from aligner.options import RunOptions
    from aligner.pipeline import _check_run, detect_all, select_checks, sort_findings
    from aligner.report.findings import render_findings

    def timed(stage: str, fn: Callable[[], object]) -> object:
        t0 = time.process_time()
        out = fn()
        times[stage] += time.process_time() - t0
        return out

    from aligner.checks.context import CheckContext

    opts = RunOptions(jobs=1)
    with long_lived():
        docs = timed("read", lambda: read_paths([str(path)], opts.reader_options()))
        settle()
        detections = timed("detect", lambda: detect_all(docs, None))
        settle()
        import aligner.align as align_module

        grouping = align_module.group_documents

        def timed_grouping(*args: object, **kwargs: object) -> object:
            return timed("align: grouping", lambda: grouping(*args, **kwargs))

        align_module.group_documents = timed_grouping
        try:
            before = times["align: grouping"]
            t0 = time.process_time()
            aligned = align_documents(docs)
            times["align: multi-way alignment"] += time.process_time() - t0 - (times["align: grouping"] - before)
        finally:
            align_module.group_documents = grouping
        settle()
        ctx = CheckContext(
            groups=aligned.groups, unmatched=aligned.unmatched,
            document_languages={d.id: d.guess for d in detections},
            segment_languages={d.id: tuple(s.guess for s in d.segments or ()) for d in detections},
            glossary=None, source=opts.config.source_version,
        )
        checks = select_checks(opts.config)
        by_analysis: dict[str, list] = defaultdict(list)
        for c in checks:
            by_analysis[(c.analysis or c.family) + ":" + c.family].append(c)
        found = []
        for key, members in by_analysis.items():
            family = key.split(":")[0]
            found += timed(f"check: {family}", lambda members=members: run_all(members, ctx, jobs=1))
        findings = timed("check: sort + entries", lambda: sort_findings(
            name_entries(found, aligned.groups, opts.config.source_version)))
        run = _check_run(docs, detections, aligned, AlignSettings(), opts, checks, findings)
        timed("write (json)", lambda: render_findings(
            "json", run.findings, fail_on=opts.config.fail_on, color=False, signature=run.signature,
            documents=[d.path for d in run.documents], suppressed=len(run.suppressed), root=os.getcwd(),
            families=run.families))


def timeline(path: Path) -> list[tuple[str, float, float, float]]:
    """Run the real :func:`aligner.pipeline.check_paths` on ``path`` (its own jobs: ``--jobs`` or ``auto_jobs``)
    and render the findings as JSON, recording at each stage's end: (stage, wall s, CPU s of this process,
    CPU s of its reaped workers), each the stage's own share. Grouping is told from the rest of the
    alignment by wrapping :func:`aligner.align.group_documents`."""
    import resource

    import aligner.align as align_module
    from aligner.pipeline import check_paths
    from aligner.report.findings import render_findings

    marks: list[tuple[str, float, float, float]] = []

    def mark(stage: str) -> None:
        own = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        marks.append((stage, time.perf_counter(), own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime))

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "read" or (stage == "detect" and done == total) or (stage == "check" and done == total):
            mark(stage)
        elif stage == "align" and done == 1:
            mark("align: multi-way alignment")

    grouping = align_module.group_documents

    def timed_grouping(*args: object, **kwargs: object) -> object:
        out = grouping(*args, **kwargs)
        mark("align: grouping")
        return out

    mark("start")
    align_module.group_documents = timed_grouping
    try:
        run = check_paths([str(path)], progress=progress, jobs=JOBS)
    finally:
        align_module.group_documents = grouping
    render_findings("json", run.findings, fail_on=run.config.fail_on, color=False, signature=run.signature,
                    documents=[d.path for d in run.documents], suppressed=len(run.suppressed), root=os.getcwd(),
                    families=run.families)
    mark("write (json)")
    return [(stage, t - t0, c - c0, k - k0)
            for (stage, t, c, k), (_, t0, c0, k0) in zip(marks[1:], marks[:-1])]


#: ``--jobs`` of :func:`timeline` (None: ``auto_jobs``, as the command).
JOBS: int | None = None


def substages(profile: cProfile.Profile) -> dict[str, float]:
    """Cumulative seconds of the functions in :data:`SUBSTAGES` (their outermost calls)."""
    stats = pstats.Stats(profile, stream=io.StringIO())
    out: dict[str, float] = {}
    for (filename, _line, name), (_cc, _nc, _tt, ct, callers) in stats.stats.items():  # type: ignore[attr-defined]
        for stage, suffix, fn in SUBSTAGES:
            if name != fn:
                continue
            if stage.startswith("read: document") or stage.startswith("detect: document"):
                # detect_language is one function called from two places: split by caller
                caller_suffix = suffix
                total = sum(v[3] for (cf, _cl, _cn), v in callers.items() if cf.endswith(caller_suffix))
                if filename.endswith("langid/detector.py"):
                    out[stage] = out.get(stage, 0.0) + total
            elif filename.endswith(suffix):
                out[stage] = out.get(stage, 0.0) + ct
    return out


def report(label: str, mb: float, times: dict[str, float], subs: dict[str, float] | None) -> str:
    total = sum(times.values())
    lines = [f"## {label}: {mb:.2f} MB, {total:.2f} CPU s, {mb / total:.2f} MB/s (stages, jobs=1)", "",
             "| stage | CPU s | share |", "|---|---:|---:|"]
    for stage, s in sorted(times.items(), key=lambda x: -x[1]):
        lines.append(f"| {stage} | {s:.2f} | {100 * s / total:.1f} % |")
    if subs:
        lines += ["", "Inside the stages (cProfile cumulative, inflated by the profiler):", "",
                  "| sub-stage | CPU s |", "|---|---:|"]
        for stage, s in sorted(subs.items()):
            lines.append(f"| {stage} | {s:.2f} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: profile the large and/or small workload and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--cases", type=int, default=120)
    parser.add_argument("--only", choices=("large", "small"), default=None)
    parser.add_argument("--dir", type=Path, default=None, help="profile this file or directory instead")
    parser.add_argument("--ntrex", choices=("all", "concat"), default=None,
                        help="profile ntrex-dev's news instead: every file in one directory, or one file per language")
    parser.add_argument("--cprofile", action="store_true", help="also split the stages with cProfile (slower)")
    parser.add_argument("--dump", type=Path, default=None, help="write the cProfile stats here (prefix)")
    parser.add_argument("--timeline", action="store_true",
                        help="run the real check_paths with its jobs: wall and CPU seconds per stage")
    parser.add_argument("--jobs", type=int, default=None, help="jobs of --timeline (default: as the command)")
    args = parser.parse_args(argv)
    global JOBS
    JOBS = args.jobs
    print(f"load average {os.getloadavg()}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="aligner-profile-") as tmp:
        work = Path(tmp)
        if args.ntrex:
            args.dir, _ = make_ntrex(work, args.ntrex)
        for which in ("large", "small") if args.dir is None else ("dir",):
            if args.only and which != args.only:
                continue
            if which == "dir":
                paths = [args.dir]
                files = [args.dir] if args.dir.is_file() else [p for p in args.dir.rglob("*") if p.is_file()]
                size = sum(p.stat().st_size for p in files)
            elif which == "large":
                directory, size = make_large(work, args.mb)
                paths = [directory]
            else:
                paths, size = make_small(work, args.cases)
            if args.timeline:
                rows = [row for p in paths for row in timeline(p)]
                print(f"## {which}: {size / 1e6:.2f} MB, check_paths with jobs {args.jobs or 'auto'}\n\n"
                      "| stage | wall s | CPU s, this process | CPU s, workers |\n|---|---:|---:|---:|")
                for stage, wall_s, own_s, kids_s in rows:
                    print(f"| {stage} | {wall_s:.2f} | {own_s:.2f} | {kids_s:.2f} |")
                print(f"| **total** | **{sum(r[1] for r in rows):.2f}** | **{sum(r[2] for r in rows):.2f}** | "
                      f"**{sum(r[3] for r in rows):.2f}** |\n")
                continue
            times: dict[str, float] = defaultdict(float)
            prof = cProfile.Profile() if args.cprofile else None
            wall = time.perf_counter()
            if prof:
                prof.enable()
            for p in paths:
                one_run(p, times)
            if prof:
                prof.disable()
                if args.dump:
                    prof.dump_stats(f"{args.dump}.{which}")
            wall = time.perf_counter() - wall
            print(report(f"{which} ({len(paths)} run(s), wall {wall:.1f} s)", size / 1e6, times,
                         substages(prof) if prof else None))
    print(f"load average {os.getloadavg()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

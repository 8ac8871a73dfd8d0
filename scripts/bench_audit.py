"""Audit throughput on generated corpora; writes results/audit.md.

Corpora are built from the seed article's four versions (lt, da, tl, te): a *document set*
is the four versions with every number shifted by a set-specific offset (so sets are
distinguishable, as different articles are) and sentences shuffled within sections by a
seeded generator; the large case concatenates the article with itself, numbers shifted per
copy, to 100k segments per version. Each size runs in a fresh process so peak memory
(RSS) is its own. Measured: wall seconds, peak RSS, segments/s, and the check stage's
throughput in MB of text per second (check only, on already aligned groups).

    python scripts/bench_audit.py [--sizes 1,10,100] [--big 100000] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = {"lt": "000_f8214269fd0884a9.txt", "da": "001_f556afaa5fda8b7f.txt", "tl": "002_7405d99d0319b2f2.txt",
         "te": "004_28bf82238f2b8943.txt"}
_NUM = re.compile(r"(?<![\d.,])\d+(?:[.,\u00a0 ]\d{3})*(?![\d])")
_LAST = re.compile(r"\d+$")


def shifted(text: str, offset: int) -> str:
    """Shift the last digit group of every number (``32 300``, ``32.300``, ``32,300`` alike) by ``offset``.

    Working on the last group keeps the versions of one set consistent whatever their locale's
    separators, while two sets with different offsets share no grouped number.
    """
    if offset == 0:
        return text

    def repl(m: re.Match[str]) -> str:
        number = m.group(0)
        last = _LAST.search(number)
        if last is None or len(number) < 2:
            return number
        digits = last.group(0)
        value = (int(digits) + offset) % (10 ** len(digits))
        return number[: last.start()] + str(value).zfill(len(digits))

    return _NUM.sub(repl, text)


def make_sets(directory: Path, n_sets: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    texts = {lang: (ROOT / "corpora" / "seeds" / name).read_text(encoding="utf-8") for lang, name in SEEDS.items()}
    # distinct offsets: two sets with one offset would be one text twice (and rightly grouped together)
    offsets = [0, *rng.sample(range(1, 997), n_sets - 1)] if n_sets > 1 else [0]
    out = []
    for s in range(n_sets):
        offset = offsets[s]
        for lang, text in texts.items():
            path = directory / f"set{s:03d}_{lang}.txt"
            path.write_text(shifted(text, offset), encoding="utf-8")
            out.append(path)
    return out


def make_big(directory: Path, segments: int) -> list[Path]:
    texts = {lang: (ROOT / "corpora" / "seeds" / name).read_text(encoding="utf-8") for lang, name in SEEDS.items()}
    copies = max(1, segments // 28)
    out = []
    for lang, text in texts.items():
        if lang == "tl":  # drop the Tagalog front matter so copies stay parallel
            text = text.split("\n\n", 3)[3]
        body = "\n".join(shifted(text.strip(), c % 900) for c in range(copies))
        path = directory / f"big_{lang}.txt"
        path.write_text(body + "\n", encoding="utf-8")
        out.append(path)
    return out


LOCALE = Path("/usr/share/locale")
CATALOG_LANGUAGES = ("da", "lt", "te", "de")


def make_catalogs(directory: Path) -> list[Path]:
    """Varied real text: the messages every one of Debian's catalogs on this machine translates into all of
    ``CATALOG_LANGUAGES``, as parallel files (English source + one per language, one message a line).

    Unlike the repeated seed article, hardly a sentence recurs, so no memo or cache flatters the figures.
    Empty when the machine has no such catalogs.
    """
    import gettext

    if not all((LOCALE / lang / "LC_MESSAGES").is_dir() for lang in CATALOG_LANGUAGES):
        return []
    domains = set.intersection(*({p.name for p in (LOCALE / lang / "LC_MESSAGES").glob("*.mo")
                                  if not p.name.startswith("iso_")} for lang in CATALOG_LANGUAGES))
    lines: dict[str, list[str]] = {lang: [] for lang in ("en", *CATALOG_LANGUAGES)}
    for domain in sorted(domains):
        catalogs = {}
        for lang in CATALOG_LANGUAGES:
            with (LOCALE / lang / "LC_MESSAGES" / domain).open("rb") as f:
                catalogs[lang] = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
        keys = set.intersection(*({k for k, v in c.items() if isinstance(k, str) and k and v and v != k}
                                  for c in catalogs.values()))
        for key in sorted(keys):
            source = key.split("\x04")[-1]  # a message's context ("keyboard label\x04Home") is not its text
            texts = {"en": source, **{lang: catalogs[lang][key] for lang in CATALOG_LANGUAGES}}
            texts = {lang: " ".join(t.split()) for lang, t in texts.items()}
            if all(texts.values()):
                for lang, t in texts.items():
                    lines[lang].append(t)
    out = []
    for lang, msgs in lines.items():
        path = directory / f"catalogs_{lang}.txt"
        path.write_text("\n".join(msgs) + "\n", encoding="utf-8")
        out.append(path)
    return out if lines["en"] else []


def run_one(paths: list[str], presegmented: bool = False, jobs: int | None = None) -> dict:
    """Audit ``paths`` in this process; return timings and sizes (called in a child process).

    ``jobs``: worker processes of the check stage (``None``: what the audit chooses by itself).
    """
    from aligner.checks.config import CheckConfig
    from aligner.checks.context import CheckContext
    from aligner.checks.policy import select_checks
    from aligner.checks.registry import run_all
    from aligner.pipeline import audit_paths, auto_jobs, write_audit

    marks: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "check":  # the pipeline reports the check stage's start (0 of 1) and end (1 of 1)
            marks["check_start" if done == 0 else "check_end"] = time.perf_counter()

    t0 = time.perf_counter()
    result = audit_paths(paths, presegmented=presegmented, progress=progress, jobs=jobs)
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        write_audit(result, tmp)
    t2 = time.perf_counter()
    findings = result.findings
    # Each family alone, on the same aligned groups (a second run: caches of words and number
    # formats are warm, the analyses themselves are recomputed): which family costs what.
    families: dict[str, float] = {}
    checks = select_checks(CheckConfig())
    for family in sorted({c.family for c in checks}):
        ctx = CheckContext(groups=result.groups, unmatched=result.unmatched, document_languages={},
                           segment_languages={})
        t3 = time.perf_counter()
        run_all([c for c in checks if c.family == family], ctx)
        families[family] = time.perf_counter() - t3
    nbytes = sum(Path(p).stat().st_size for p in paths)
    segments = sum(len(d.segments) for d in result.documents)
    return {
        "documents": len(paths), "groups": len(result.groups), "unmatched": len(result.unmatched),
        "segments": segments, "mb": nbytes / 1e6, "audit_s": t1 - t0, "write_s": t2 - t1,
        "check_s": marks["check_end"] - marks["check_start"], "findings": len(findings), "families": families,
        "jobs": jobs if jobs is not None else auto_jobs(sum(len(d.text) for d in result.documents)),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def measure(paths: list[Path], presegmented: bool = False, repeat: int = 1) -> dict:
    """Audit in a fresh process as users run it; when that used worker processes, again in one process.

    From 1 MB of input each audit runs ``repeat`` times, each in a fresh process, and the run with
    the median check stage is reported (``check_runs``: every run's check seconds): this machine's
    speed varies from run to run by more than the changes measured here.
    """
    r = _repeated(paths, presegmented, None, repeat)
    if r["jobs"] > 1:
        serial = _repeated(paths, presegmented, 1, repeat)
        r["serial_check_s"] = serial["check_s"]
        r["serial_check_runs"] = serial["check_runs"]
        r["serial_audit_s"] = serial["audit_s"]
        r["serial_peak_mb"] = serial["peak_mb"]
        assert serial["findings"] == r["findings"], "findings differ with and without workers"
    return r


def _repeated(paths: list[Path], presegmented: bool, jobs: int | None, repeat: int) -> dict:
    """The run with the median check stage of ``repeat`` fresh audits (one below 1 MB), with every run's seconds."""
    runs = [_child(paths, presegmented, jobs)]
    if runs[0]["mb"] >= 1:
        runs += [_child(paths, presegmented, jobs) for _ in range(repeat - 1)]
    assert len({r["findings"] for r in runs}) == 1, "findings differ from run to run"
    runs.sort(key=lambda r: r["check_s"])
    return {**runs[(len(runs) - 1) // 2], "check_runs": [r["check_s"] for r in runs]}


def _child(paths: list[Path], presegmented: bool, jobs: int | None) -> dict:
    job = {"paths": [str(p) for p in paths], "presegmented": presegmented, "jobs": jobs}
    cmd = [sys.executable, __file__, "--child", json.dumps(job)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100")
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument("--child", default=None)
    parser.add_argument("--out", default=str(ROOT / "results" / "audit.md"))
    parser.add_argument("--repeat", type=int, default=3,
                        help="fresh audits per corpus of 1 MB or more (the median is reported)")
    args = parser.parse_args()
    if args.child:
        job = json.loads(args.child)
        print(json.dumps(run_one(job["paths"], job["presegmented"], job["jobs"])))
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in [int(x) for x in args.sizes.split(",") if x]:
            d = Path(tmp) / f"sets{n}"
            d.mkdir()
            rows.append((f"{n} document set(s) x 4 versions", measure(make_sets(d, n), repeat=args.repeat)))
        d = Path(tmp) / "catalogs"
        d.mkdir()
        catalogs = make_catalogs(d)
        if catalogs:
            n = sum(1 for _ in catalogs[0].open(encoding="utf-8"))
            langs = " ".join(CATALOG_LANGUAGES)
            rows.append((f"Debian catalogs: {n:,} messages x {len(catalogs)} versions (en {langs}), one a line "
                         "(`--presegmented`)", measure(catalogs, presegmented=True, repeat=args.repeat)))
        if args.big:
            d = Path(tmp) / "big"
            d.mkdir()
            big = measure(make_big(d, args.big), repeat=args.repeat)
            rows.append((f"1 set, ~{args.big:,} segments per version", big))
    lines = [
        "# Audit benchmark",
        "",
        f"Generated by `python scripts/bench_audit.py` on this machine ({_cpus()} cores); each row in a fresh process. "
        "`audit` = read, detect, group, align, check and score, as `aligner audit` runs them (from 1 MB of input the "
        "checks run in worker processes, `jobs`); `write` = report.html, audit.json, alignment.tmx, findings.sarif; "
        "`check s` = the check stage inside that audit (every registered check on the aligned groups, the first run "
        "in the process: nothing cached from before); `check MB/s` = input bytes / check seconds; `1 process` = the "
        "same audit again in a fresh process with `--jobs 1` (same findings, asserted). From 1 MB of input each "
        f"audit runs {args.repeat} times, each in a fresh process, and the row is the run with the median check stage "
        "(`runs`: every run's check seconds; this machine's speed varies by up to a third from run to run). "
        "Peak RSS: the audit's process; `workers` = the largest worker's.",
        "",
        "| corpus | documents | groups | segments | MB | audit s | write s | segments/s | jobs | check s | "
        "check MB/s | runs | check s, 1 process | check MB/s, 1 process | runs, 1 process | peak RSS MB | workers MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---:|---:|",
    ]
    for name, r in rows:
        serial = r.get("serial_check_s", r["check_s"])
        lines.append(
            f"| {name} | {r['documents']} | {r['groups']} | {r['segments']:,} | {r['mb']:.2f} | {r['audit_s']:.1f} | "
            f"{r['write_s']:.1f} | {r['segments'] / r['audit_s']:,.0f} | {r['jobs']} | {r['check_s']:.2f} | "
            f"{r['mb'] / max(r['check_s'], 1e-9):.1f} | {_runs(r['check_runs'])} | {serial:.2f} | "
            f"{r['mb'] / max(serial, 1e-9):.1f} | {_runs(r.get('serial_check_runs', r['check_runs']))} | "
            f"{r['peak_mb']:,.0f} | {r['worker_peak_mb']:,.0f} |"
        )
    families = sorted({f for _, r in rows for f in r["families"]})
    lines += ["", "Check families alone, MB/s (a second run on the same aligned groups, so word and number-format "
              "caches are warm):", "",
              "| corpus | " + " | ".join(families) + " |", "|---|" + "---:|" * len(families)]
    for name, r in rows:
        lines.append(f"| {name} | " + " | ".join(f"{r['mb'] / max(r['families'].get(f, 0), 1e-9):.1f}"
                                                 for f in families) + " |")
    if len(rows) >= 2:
        a, b = rows[0][1], rows[-1][1]
        lines += ["", f"Growth: {b['segments'] / a['segments']:.0f}x the segments took "
                      f"{b['audit_s'] / a['audit_s']:.0f}x the audit time."]
    lines += notes(rows)
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


def _runs(seconds: list[float]) -> str:
    return " ".join(f"{x:.2f}" for x in seconds)


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def notes(rows: list[tuple[str, dict]]) -> list[str]:
    """What the figures say, computed from them (so the notes cannot go stale)."""
    if not rows:
        return []
    speeds = [r["mb"] / r["check_s"] for _, r in rows if r["mb"] >= 1]
    serial = [r["mb"] / r.get("serial_check_s", r["check_s"]) for _, r in rows if r["mb"] >= 1]
    out = ["", "## Notes", ""]
    if speeds:
        met = "met" if min(speeds) >= 10 else "met on some corpora" if max(speeds) >= 10 else "not met"
        out.append(f"- Check stage on the corpora of 1 MB or more, as the audit runs it: {min(speeds):.1f}-"
                   f"{max(speeds):.1f} MB/s with every family on (the issue asks for 10 MB/s: {met}); in one process "
                   f"{min(serial):.1f}-{max(serial):.1f} MB/s.")
    per = {f: [r["mb"] / max(r["families"][f], 1e-9) for _, r in rows if r["mb"] >= 1 and f in r["families"]]
           for f in sorted({f for _, r in rows for f in r["families"]})}
    per = {f: v for f, v in per.items() if v}
    if per:
        slowest = min(per, key=lambda f: min(per[f]))
        others = [x for f, v in per.items() if f != slowest for x in v]
        out.append(f"- Alone, the `{slowest}` family (glossary and statistics words, names) runs at "
                   f"{min(per[slowest]):.1f}-{max(per[slowest]):.1f} MB/s; every other family at "
                   f"{min(others):.1f} MB/s or more. Most of the check stage is the terms family.")
    sets = [(m.group(1), r["groups"]) for name, r in rows if (m := re.match(r"(\d+) document set", name))]
    if sets:
        found = ", ".join(f"{g} for {n}" for n, g in sets)
        out.append(f"- Groups found for the document sets: {found}. The sets are one article whose numbers are "
                   "shifted by a distinct offset per set, so only their numbers tell them apart.")
    return out


if __name__ == "__main__":
    main()

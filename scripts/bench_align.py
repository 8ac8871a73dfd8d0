"""Benchmark the pairwise sentence aligner against nltk's Gale–Church and write ``results/align.md``.

Measured, never extrapolated:

- Text+Berg German–French dev (``../shared/bench/textberg-dev``): strict and lax P/R/F1, seconds,
  peak resident memory, for ``aligner.align.pairwise.align_pair`` and for
  ``nltk.translate.gale_church.align_blocks`` on character lengths;
- the seed versions (lt, da, tl, te) of one article, all ordered pairs, against the hand gold;
- growth with size: synthetic pairs of 1k, 10k, 60k and 100k source segments made by laying
  the dev's gold units end to end with controlled edits (``aligner.align.synthetic``). nltk is
  run where it accepts the input and within a time budget; where it refuses or runs out of time
  the table says so.

Each measurement runs in its own process, so that its peak resident memory (``ru_maxrss``) is
its own; the memory of a bare process with the libraries imported is given for reference.

Usage: ``python scripts/bench_align.py [--out results/align.md] [--sizes 1000,10000,60000,100000]``;
``--hot 60000`` prints where the aligner's CPU seconds go on one synthetic pair instead.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "bench" / "textberg-dev"
SEEDS = {
    "lt": ROOT / "corpora/seeds/000_f8214269fd0884a9.txt",
    "da": ROOT / "corpora/seeds/001_f556afaa5fda8b7f.txt",
    "tl": ROOT / "corpora/seeds/002_7405d99d0319b2f2.txt",
    "te": ROOT / "corpora/seeds/004_28bf82238f2b8943.txt",
}
GOLD_TSV = ROOT / "corpora/gold/alignment.tsv"


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def _dev() -> tuple[list[str], list[str], list]:
    from aligner.align.evaluate import read_ladder

    gold = [(b.source, b.target) for b in read_ladder(DEV / "dev.defr")]
    return _lines(DEV / "dev.de"), _lines(DEV / "dev.fr"), gold


def _synthetic(size: int) -> tuple[list[str], list[str], list]:
    from aligner.align.synthetic import build_pair, units_from_gold

    src, tgt, gold = _dev()
    pair = build_pair(units_from_gold(src, tgt, gold), size, seed=size)
    return list(pair.src), list(pair.tgt), list(pair.gold)


def _nltk_beads(src: list[str], tgt: list[str]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """nltk's Gale–Church on character lengths, its links grouped into beads (unlinked segments: null beads)."""
    from nltk.translate.gale_church import align_blocks

    links = align_blocks([len(s) for s in src], [len(t) for t in tgt])
    # Union-find over ("s", i) and ("t", j) nodes joined by links.
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for i, j in links:
        a, b = find(("s", i)), find(("t", j))
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
    for i in range(len(src)):
        groups.setdefault(find(("s", i)), ([], []))[0].append(i)
    for j in range(len(tgt)):
        groups.setdefault(find(("t", j)), ([], []))[1].append(j)
    beads = [(tuple(s), tuple(t)) for s, t in groups.values()]
    beads.sort(key=lambda b: (b[0][0] if b[0] else -1, b[1][0] if b[1] else -1))
    return beads


def child(method: str, data: str) -> dict:
    """One measurement in this process; returns what it measured."""
    from aligner.align.evaluate import score_alignment
    from aligner.align.pairwise import align_pair

    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if data == "dev":
        src, tgt, gold = _dev()
    else:
        src, tgt, gold = _synthetic(int(data))
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        if method == "aligner":
            beads = [(b.source, b.target) for b in align_pair(src, tgt, "de", "fr")]
        else:
            beads = _nltk_beads(src, tgt)
    except ValueError as exc:
        return {"refused": str(exc).split(".")[0], "src": len(src), "tgt": len(tgt)}
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    score = score_alignment(gold, beads).to_dict()
    return {
        "src": len(src),
        "tgt": len(tgt),
        "seconds": seconds,
        "cpu": cpu,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "import_rss_mb": base_rss,
        **score,
    }


def run_child(method: str, data: str, timeout: float) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", method, data]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def seed_gold_pairs() -> list[tuple[str, str, list, object, object]]:
    """Every ordered pair of the seed versions: (a, b, gold beads derived from the hand gold, document a, b)."""
    from aligner.documents import read_document

    rows = [line.split("\t") for line in GOLD_TSV.read_text(encoding="utf-8").splitlines()]
    names = [Path(n).stem for n in rows[0]]
    column = {lang: names.index(path.stem) for lang, path in SEEDS.items()}
    docs = {lang: read_document(str(path), language=lang) for lang, path in SEEDS.items()}
    out = []
    for a in SEEDS:
        for b in SEEDS:
            if a == b:
                continue
            gold = []
            for row in rows[1:]:
                s, t = row[column[a]].strip(), row[column[b]].strip()
                if s or t:
                    gold.append(((int(s),) if s else (), (int(t),) if t else ()))
            out.append((a, b, gold, docs[a], docs[b]))
    return out


def seed_pairs(settings=None) -> list[dict]:
    """All ordered pairs of the seed versions against the hand gold (pairwise beads derived from it)."""
    from aligner.align.evaluate import score_alignment
    from aligner.align.pairwise import AlignSettings, align_pair

    out = []
    for a, b, gold, da, db in seed_gold_pairs():
        beads = align_pair(
            [s.text for s in da.segments], [s.text for s in db.segments], a, b,
            src_kinds=[s.kind for s in da.segments], tgt_kinds=[s.kind for s in db.segments],
            settings=settings or AlignSettings(),
        )
        sc = score_alignment(gold, beads)
        exact = sorted((x.source, x.target) for x in beads) == sorted(gold)
        out.append({"pair": f"{a}-{b}", "f1_strict": sc.f1_strict, "exact": exact})
    return out


def _fmt(x: dict, key: str, spec: str = ".3f") -> str:
    return format(x[key], spec) if key in x else "–"


def _status(x: dict) -> str | None:
    if "refused" in x:
        return f"refused: {x['refused']}"
    if "timeout" in x:
        return f"not finished within {x['timeout']:.0f} s (stopped)"
    if "error" in x:
        return f"error: {x['error']}"
    return None


def render(dev: dict, seeds: list[dict], scale: list[tuple[int, dict, dict]], meta: dict) -> str:
    lines = [
        "# Pairwise sentence alignment: aligner vs nltk Gale–Church",
        "",
        f"Generated by `scripts/bench_align.py` on {meta['date']}: {meta['cpus']} cores, load average "
        f"{meta['load']} at start (other work was running on the machine; CPU seconds are given beside wall "
        f"seconds), Python {meta['python']}, {meta['kernels']}.",
        f"Aligner signature: `{meta['signature']}`.",
        "",
        "## Text+Berg German–French dev (468 × 554 sentences)",
        "",
        "Strict: a predicted bead equals a gold bead; lax: it overlaps one. Precision counts null beads, recall "
        "does not (vecalign's `score.py` convention, see `aligner/align/evaluate.py`).",
        "",
        "| method | strict P | strict R | strict F1 | lax P | lax R | lax F1 | wall s | CPU s | peak RSS MB |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, x in dev.items():
        status = _status(x)
        if status:
            lines.append(f"| {name} | {status} |||||||||")
            continue
        lines.append(
            f"| {name} | {_fmt(x, 'precision_strict')} | {_fmt(x, 'recall_strict')} | **{_fmt(x, 'f1_strict')}** | "
            f"{_fmt(x, 'precision_lax')} | {_fmt(x, 'recall_lax')} | {_fmt(x, 'f1_lax')} | {_fmt(x, 'seconds', '.2f')} "
            f"| {_fmt(x, 'cpu', '.2f')} | {_fmt(x, 'peak_rss_mb', '.0f')} |"
        )
    lines += [
        "",
        "Published on the Text+Berg *test* split (not this dev split): Gale–Church 0.678, hunalign without "
        "dictionary 0.753, vecalign (LASER) 0.902, bertalign (LaBSE) 0.936.",
        "",
        "## Seed versions of one article (lt, da, tl, te; hand gold in `corpora/gold/alignment.tsv`)",
        "",
        "| pair | strict F1 | exact |",
        "|---|---|---|",
    ]
    for x in seeds:
        lines.append(f"| {x['pair']} | {x['f1_strict']:.3f} | {'yes' if x['exact'] else 'no'} |")
    lines += [
        "",
        "## Growth with size (synthetic pairs from the dev's gold units, controlled edits)",
        "",
        "The dev's gold units laid end to end from random starting points, with 2% of targets dropped, 3% of "
        "target pairs joined, 3% of targets cut in two and 1% `Advertisement` lines inserted "
        "(`aligner/align/synthetic.py`, seeded). Sizes are source × target segments; lines/s counts both sides "
        "per CPU second. Peak RSS is the whole process (a bare process with the libraries imported takes about "
        f"{meta['import_rss']:.0f} MB).",
        "",
        "| size | aligner wall s | CPU s | lines/s (CPU) | peak RSS MB | strict F1 | nltk wall s | CPU s | "
        "lines/s (CPU) | peak RSS MB | strict F1 |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for size, ours, theirs in scale:
        dims = f"{ours.get('src', size)} × {ours.get('tgt', '?')}"
        row = f"| {dims} | "
        status = _status(ours)
        if status:
            row += f"{status} | | | | | "
        else:
            lps = (ours["src"] + ours["tgt"]) / ours["cpu"]
            row += (
                f"{ours['seconds']:.2f} | {ours['cpu']:.2f} | {lps:,.0f} | {ours['peak_rss_mb']:.0f} | "
                f"{ours['f1_strict']:.3f} | "
            )
        status = _status(theirs) if theirs else "not run"
        if status:
            row += f"{status} | | | | |"
        else:
            lps = (theirs["src"] + theirs["tgt"]) / theirs["cpu"]
            row += (
                f"{theirs['seconds']:.2f} | {theirs['cpu']:.2f} | {lps:,.1f} | {theirs['peak_rss_mb']:.0f} | "
                f"{theirs['f1_strict']:.3f} |"
            )
        lines.append(row)
    lines.append("")
    for size, ours, theirs in scale:
        if theirs and not _status(theirs) and not _status(ours):
            lines.append(
                f"At {size:,} source segments the aligner processed {theirs['cpu'] / ours['cpu']:,.0f}× the lines per "
                f"CPU second of nltk ({theirs['seconds'] / ours['seconds']:,.0f}× by wall clock)."
            )
    lines += [
        "",
        "nltk's `align_blocks` fills the whole N×M table in pure Python and refuses inputs over "
        "`MAX_ALIGN_BLOCKS` (4,000) segments; where it refused or ran out of its time budget, nothing is "
        "extrapolated. The aligner searches a band around a coarse-to-fine path, so its time and memory "
        "grow linearly.",
        "",
    ]
    return "\n".join(lines)


#: Sections of the results file written by other scripts or by hand, kept when this script rewrites it.
KEPT_SECTIONS = ("## Speed of the banded DP", "## Per-condition accuracy")


def _kept_sections(path: Path) -> str:
    """The part of ``path`` from the first kept section on (empty if there is none)."""
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    starts = [text.find(mark) for mark in KEPT_SECTIONS if mark in text]
    return "\n" + text[min(starts):] if starts else ""


def hot_spots(size: int) -> str:
    """CPU seconds of the aligner's hot spots on ``_synthetic(size)``, one line (``--hot SIZE``).

    Each function is wrapped with a ``time.process_time`` accumulator (no profiler, so no per-call
    overhead beyond the wrapper); nested totals include what they call.
    """
    import aligner.align.cost as cost
    import aligner.align.lexicon as lexicon
    import aligner.align.pairwise as pairwise

    spent: dict[str, float] = {}

    def wrap(module: object, name: str, label: str) -> None:
        inner = getattr(module, name)

        def timed(*args: object, **kwargs: object) -> object:
            start = time.process_time()
            try:
                return inner(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - start

        setattr(module, name, timed)

    wrap(pairwise, "encode_pair", "anchors.encode (both texts)")
    wrap(pairwise, "band_scores", "band_scores (incl. match_table)")
    wrap(cost, "match_table", "match_table")
    wrap(pairwise, "search", "dp.search")
    wrap(pairwise, "train_model1", "model-1 training (incl. EM)")
    wrap(pairwise, "links_from_model1", "model-1 links")
    wrap(pairwise, "refine", "window search (refine)")
    wrap(lexicon, "_model1", "model-1 EM")
    src, tgt, _ = _synthetic(size)
    load = os.getloadavg()[0]
    start, wall = time.process_time(), time.perf_counter()
    pairwise.align_pair(src, tgt)
    total, wall = time.process_time() - start, time.perf_counter() - wall
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    parts = " ".join(f"[{k} {v:.2f}]" for k, v in spent.items())
    threads = os.environ.get("ALIGNER_THREADS") or "default"
    return (f"{len(src)} x {len(tgt)}: total {total:.2f} CPU s (all threads; the parts count the calling thread's "
            f"process CPU while they run), {wall:.2f} s wall, ALIGNER_THREADS={threads}, peak RSS {rss:.0f} MB, "
            f"load {load:.1f}-{os.getloadavg()[0]:.1f}, {_kernels_note()} {parts}")


def _kernels_note() -> str:
    """Which search code the aligner runs here: numba's compiled kernels or the numpy fallback."""
    try:
        from aligner.align import _kernels
    except ImportError:  # a checkout from before the kernels (for side-by-side runs)
        return "numpy search (no kernels in this version)"
    if not _kernels.available():
        return "numpy search (numba not installed)"
    import numba

    return f"numba {numba.__version__} kernels for bands of {_kernels.MIN_CELLS:,} cells or more"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(ROOT / "results" / "align.md"))
    parser.add_argument("--sizes", default="1000,10000,60000,100000")
    parser.add_argument("--nltk-budget", type=float, default=60.0, help="seconds allowed to one nltk run")
    parser.add_argument("--budget", type=float, default=600.0, help="seconds allowed to one aligner run")
    parser.add_argument("--child", nargs=2, metavar=("METHOD", "DATA"), help=argparse.SUPPRESS)
    parser.add_argument("--hot", type=int, metavar="SIZE", help="only print the hot spots' CPU seconds at SIZE")
    args = parser.parse_args()
    if args.hot:
        print(hot_spots(args.hot))
        return
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    if not DEV.is_dir():
        sys.exit(f"{DEV} is missing: the benchmark needs the shared Text+Berg dev split")
    from aligner.align.pairwise import AlignSettings

    meta = {
        "date": time.strftime("%Y-%m-%d"),
        "cpus": os.cpu_count(),
        "load": ", ".join(f"{x:.1f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "signature": AlignSettings().signature(),
        "kernels": _kernels_note(),
    }
    dev = {
        "aligner (this project)": run_child("aligner", "dev", 600),
        "nltk Gale–Church": run_child("nltk", "dev", 600),
    }
    meta["import_rss"] = dev["aligner (this project)"].get("import_rss_mb", 0.0)
    seeds = seed_pairs()
    scale = []
    for size in (int(s) for s in args.sizes.split(",")):
        ours = run_child("aligner", str(size), args.budget)
        theirs = run_child("nltk", str(size), args.nltk_budget)
        scale.append((size, ours, theirs))
        print(f"{size}: aligner {ours.get('seconds', ours)} nltk {theirs.get('seconds', theirs)}", file=sys.stderr)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(render(dev, seeds, scale, meta) + _kept_sections(Path(args.out)), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()

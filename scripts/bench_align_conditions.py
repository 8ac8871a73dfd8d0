"""Per-condition accuracy of the pairwise aligner against nltk Gale–Church, on synthetic pairs with gold.

Each condition of :data:`aligner.align.synthetic.CONDITIONS` is applied alone at a controlled rate
to the Text+Berg dev's gold units laid end to end (``build_condition_pair``), plus a pair with no
edit for reference. For each pair: strict and lax F1 (``aligner.align.evaluate``) of the aligner
and of nltk's ``align_blocks`` on character lengths (same pair, same run), and the number of gold
1-1 pairs whose source and target end up in two different predicted beads ("split").

Usage: ``python scripts/bench_align_conditions.py [--size 500] [--rate 0.05] [--out results/align.md]``
(``--out -`` prints the section instead of writing it into the results file).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

MARK = "## Per-condition accuracy (synthetic, `scripts/bench_align_conditions.py`)"


def split_pairs(gold: list, predicted: list) -> int:
    """Gold 1-1 pairs whose source and target fall in two different predicted beads."""
    s_bead: dict[int, int] = {}
    t_bead: dict[int, int] = {}
    for k, (s, t) in enumerate(predicted):
        for i in s:
            s_bead[i] = k
        for j in t:
            t_bead[j] = k
    return sum(1 for s, t in gold if len(s) == 1 and len(t) == 1 and s_bead.get(s[0]) != t_bead.get(t[0]))


def measure(name: str, pair, method: str) -> dict:
    from bench_align import _nltk_beads

    from aligner.align.evaluate import score_alignment
    from aligner.align.pairwise import align_pair

    src, tgt, gold = list(pair.src), list(pair.tgt), list(pair.gold)
    c0 = time.process_time()
    try:
        if method == "aligner":
            beads = [(b.source, b.target) for b in align_pair(src, tgt, "de", "fr")]
        else:
            beads = _nltk_beads(src, tgt)
    except ValueError as exc:
        return {"refused": str(exc).split(".")[0]}
    sc = score_alignment(gold, beads)
    ones = sum(1 for s, t in gold if len(s) == 1 and len(t) == 1)
    return {"f1_strict": sc.f1_strict, "f1_lax": sc.f1_lax, "split": split_pairs(gold, beads), "ones": ones,
            "cpu": time.process_time() - c0}


def run(size: int, rate: float, seed: int, nltk: bool) -> tuple[list[tuple[str, dict, dict | None, int, int]], dict]:
    from bench_align import _dev

    from aligner.align.synthetic import CONDITIONS, build_condition_pair, units_from_gold

    src, tgt, gold = _dev()
    units = units_from_gold(src, tgt, gold)
    rows = []
    for cond in ("none", *CONDITIONS):
        pair = build_condition_pair(units, size, {} if cond == "none" else {cond: rate}, seed=seed)
        events = sum(1 for s, t in pair.gold if (len(s), len(t)) != (1, 1))
        ours = measure(cond, pair, "aligner")
        theirs = measure(cond, pair, "nltk") if nltk else None
        rows.append((cond, ours, theirs, len(pair.src), len(pair.tgt)))
        print(f"{cond}: aligner {ours} nltk {theirs} ({events} non-1-1 gold beads)", file=sys.stderr)
    meta = {"date": time.strftime("%Y-%m-%d"), "load": ", ".join(f"{x:.1f}" for x in os.getloadavg())}
    return rows, meta


def render(rows: list, size: int, rate: float, seed: int, meta: dict) -> str:
    lines = [
        MARK,
        "",
        f"Generated on {meta['date']} (load average {meta['load']}). Each condition alone at rate {rate:g} per unit "
        f"on about {size} source segments of the Text+Berg dev's gold units (seed {seed}; "
        "`aligner/align/synthetic.py`, `build_condition_pair`). Merges `a-b` join neighbouring 1-1 units "
        "(a sources, b targets); `2-2` re-cuts two joined targets at another space; deletion runs drop "
        "2–5 neighbouring sides; `boilerplate` inserts headings and page furniture in the target; `reorder` "
        "swaps the targets of two short neighbouring units (gold: one 2-2 bead). *split*: gold 1-1 pairs "
        "whose source and target land in two different predicted beads, of all gold 1-1 pairs.",
        "",
        "| condition | size | aligner strict F1 | lax F1 | split | nltk strict F1 | lax F1 | split |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for cond, ours, theirs, n, m in rows:
        row = f"| {cond} | {n} × {m} | "
        if "refused" in ours:
            row += f"refused: {ours['refused']} | | | "
        else:
            row += f"{ours['f1_strict']:.3f} | {ours['f1_lax']:.3f} | {ours['split']} / {ours['ones']} | "
        if theirs is None:
            row += "not run | | |"
        elif "refused" in theirs:
            row += f"refused: {theirs['refused']} | | |"
        else:
            row += f"{theirs['f1_strict']:.3f} | {theirs['f1_lax']:.3f} | {theirs['split']} / {theirs['ones']} |"
        lines.append(row)
    lines.append("")
    return "\n".join(lines)


def write_section(path: Path, section: str) -> None:
    """Replace the section in ``path`` (everything from its heading to the next ``## ``), or append it."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if MARK in text:
        head, rest = text.split(MARK, 1)
        nxt = rest.find("\n## ")
        tail = rest[nxt + 1:] if nxt >= 0 else ""
        text = head + section + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=500)
    parser.add_argument("--rate", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-nltk", action="store_true",
                        help="skip nltk (it is quadratic and refuses > 4000 segments)")
    parser.add_argument("--out", default=str(ROOT / "results" / "align.md"))
    args = parser.parse_args()
    rows, meta = run(args.size, args.rate, args.seed, not args.no_nltk)
    section = render(rows, args.size, args.rate, args.seed, meta)
    if args.out == "-":
        print(section)
    else:
        write_section(Path(args.out), section)
        print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()

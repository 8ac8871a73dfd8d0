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
PIECES_MARK = "## What each piece buys (`scripts/bench_align_conditions.py --pieces`)"

#: Configurations compared by ``--pieces``: (name, AlignSettings fields, RefineSettings fields or None), each
#: adding one piece.
PIECES: tuple[tuple[str, dict, dict | None], ...] = (
    ("pass 1 only: lengths, anchors (numbers, symbols, cognates), bead priors", {"passes": 1, "window_prior": 0.0},
     None),
    ("+ pass 2 with a Dice lexicon (competitive linking) and re-estimated costs",
     {"lexicon": "dice", "window_prior": 0.0}, None),
    ("+ pass 2 with an IBM model 1 lexicon instead (default until 2026-12-07)", {"window_prior": 0.0}, None),
    ("+ a third pass (model 1 lexicon re-learned from pass 2; not default)", {"passes": 3, "window_prior": 0.0}, None),
    ("+ larger shapes (3-3, 2-4, 4-3, 1-5, 2-5 and mirrors) searched in windows around non-1-1 beads (default until "
     "2026-12-08)", {"sentence_weight": 0.0, "junction_weight": 0.0}, None),
    ("+ model-1 sentence score in those windows, model 1 of pass 1 (weight 0.05, mix 0.1; not default)", {},
     {"weight": 0.05, "mix": 0.1, "extra_prior": 0.001}),
    ("+ model-1 sentence score in those windows, model 1 re-trained on pass 2 (weight 0.2, mix 0.3; not default)", {},
     {"weight": 0.2, "mix": 0.3, "retrain": True, "extra_prior": 0.001}),
    ("+ model-1 sentence score (re-trained, weight 0.4) over the whole path near the old one, larger shapes at "
     "prior 0.0001 (default until 2026-12-08, sixth round)", {"sentence_leave_one_out": False, "junction_weight": 0.0},
     None),
    ("+ each model-1 pair counted without the bead it judges (leave-one-out, (c - 1) / c)",
     {"junction_weight": 0.0}, None),
    ("+ junction evidence: how merged segments end and begin, counted on the path (default)", {}, None),
    ("the windows around non-1-1 beads with the junction evidence, no sentence score (the default above "
     "`sentence_max`)", {"sentence_weight": 0.0}, None),
)


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


def measure(name: str, pair, method: str, settings=None, refine=None) -> dict:
    from bench_align import _nltk_beads

    from aligner.align.evaluate import score_alignment
    from aligner.align.pairwise import AlignSettings, align_pair

    src, tgt, gold = list(pair.src), list(pair.tgt), list(pair.gold)
    c0 = time.process_time()
    try:
        if method == "aligner":
            aligned = align_pair(src, tgt, "de", "fr", settings=settings or AlignSettings(), refine_with=refine)
            beads = [(b.source, b.target) for b in aligned]
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


def run_pieces(size: int, rate: float, seed: int) -> str:
    """The pieces table: strict F1 per condition, on the Text+Berg dev and on the seeds, per configuration."""
    from types import SimpleNamespace

    from bench_align import _dev

    from aligner.align.pairwise import AlignSettings
    from aligner.align.refine import RefineSettings
    from aligner.align.synthetic import CONDITIONS, build_condition_pair, units_from_gold

    src, tgt, gold = _dev()
    units = units_from_gold(src, tgt, gold)
    conds = ("none", *CONDITIONS)
    pairs = [build_condition_pair(units, size, {} if c == "none" else {c: rate}, seed=seed) for c in conds]
    dev_pair = SimpleNamespace(src=src, tgt=tgt, gold=gold)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        PIECES_MARK, "",
        f"Generated on {time.strftime('%Y-%m-%d')} (load average {load} at start). Strict F1 of each "
        f"configuration on the synthetic conditions above (rate {rate:g}, seed {seed}), on the Text+Berg dev "
        "(468 × 554) and on the seeds (mean strict F1 of the 12 ordered pairs against the 28-unit hand gold); "
        "*split*: gold 1-1 pairs split across two predicted beads, summed over the conditions; "
        "CPU s: all conditions and the dev. "
        "nltk Gale–Church on character lengths in the same run. The synthetic pairs are built from the dev's own "
        "gold units (OCR'd yearbook text with its own 1-2, 2-1 and null units), so the *none* column is not "
        "clean text: it carries the dev's difficulties.",
        "",
        "| configuration | " + " | ".join(conds) + " | mean | split | Text+Berg dev | seeds | CPU s |",
        "|---|" + "---|" * (len(conds) + 5),
    ]
    configs = [(name, AlignSettings(**fields), RefineSettings(**refine) if refine is not None else None)
               for name, fields, refine in PIECES] + [("nltk Gale–Church (lengths)", None, None)]
    for name, settings, refine in configs:
        c0 = time.process_time()
        method = "nltk" if settings is None else "aligner"
        res = [measure(c, p, method, settings, refine) for c, p in zip(conds, pairs)]
        dev = measure("dev", dev_pair, method, settings, refine)
        cpu = time.process_time() - c0
        f1_seeds = seed_pairs_nltk() if settings is None else seed_pairs_f1(settings, refine)
        seeds_f1 = sum(f1_seeds) / len(f1_seeds)
        f1s = [r.get("f1_strict", float("nan")) for r in res]
        split = sum(r.get("split", 0) for r in res)
        ones = sum(r.get("ones", 0) for r in res)
        lines.append(f"| {name} | " + " | ".join(f"{f:.3f}" for f in f1s) + f" | {sum(f1s) / len(f1s):.3f} | "
                     f"{split} / {ones} | {dev.get('f1_strict', float('nan')):.3f} | {seeds_f1:.3f} | {cpu:.1f} |")
        print(lines[-1], file=sys.stderr, flush=True)
    lines.append("")
    return "\n".join(lines)


def seed_pairs_f1(settings, refine=None) -> list[float]:
    """The aligner's strict F1 on each ordered seed pair (as ``bench_align.seed_pairs``, with ``refine_with``)."""
    from bench_align import seed_gold_pairs

    from aligner.align.evaluate import score_alignment
    from aligner.align.pairwise import align_pair

    out = []
    for a, b, gold, da, db in seed_gold_pairs():
        beads = align_pair([s.text for s in da.segments], [s.text for s in db.segments], a, b,
                           src_kinds=[s.kind for s in da.segments], tgt_kinds=[s.kind for s in db.segments],
                           settings=settings, refine_with=refine)
        out.append(score_alignment(gold, beads).f1_strict)
    return out


def seed_pairs_nltk() -> list[float]:
    """nltk Gale–Church's strict F1 on each ordered seed pair (same gold as ``bench_align.seed_pairs``)."""
    from bench_align import _nltk_beads, seed_gold_pairs

    from aligner.align.evaluate import score_alignment

    return [score_alignment(gold, _nltk_beads([s.text for s in da.segments], [s.text for s in db.segments])).f1_strict
            for _a, _b, gold, da, db in seed_gold_pairs()]


def write_section(path: Path, section: str, mark: str = MARK) -> None:
    """Replace the section in ``path`` (everything from its heading to the next ``## ``), or append it."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if mark in text:
        head, rest = text.split(mark, 1)
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
    parser.add_argument("--pieces", action="store_true", help="write the table of what each piece buys instead")
    args = parser.parse_args()
    if args.pieces:
        section = run_pieces(args.size, args.rate, args.seed)
        if args.out == "-":
            print(section)
        else:
            write_section(Path(args.out), section, PIECES_MARK)
        return
    rows, meta = run(args.size, args.rate, args.seed, not args.no_nltk)
    section = render(rows, args.size, args.rate, args.seed, meta)
    if args.out == "-":
        print(section)
    else:
        write_section(Path(args.out), section)
        print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()

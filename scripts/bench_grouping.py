"""Grouping on real and long texts: which files are versions of one text; write ``results/grouping.md``.

Issue #16. Four measurements, each run through the library call :func:`aligner.align.group_documents`
on documents read as the CLI reads them (:func:`aligner.documents.read_documents`, language detected):

1. **ntrex-dev, all in one directory**: every version of every article (62 articles x 5 languages,
   ``docNNN/<lang>.txt`` copied as ``docNNN_<lang>.txt`` into one temporary directory), running text
   and the presegmented ``.pre.txt`` variant. Each article must come out as one group of its five files
   and no two articles may share a group. Counted per article: *right* (one group, exactly its five
   files), *split* (its files in more than one group or some unmatched), *merged* (a group holding files
   of another article too).
2. **ntrex-dev, per article**: the five files of one article alone; how many articles are split.
3. **long texts without digits**: the Text+Berg dev split (``../shared/bench/textberg-dev/dev.de`` and
   ``dev.fr``, Swiss Alpine Club yearbook, de-fr) with every digit removed, one sentence per line, as a
   pair; and its first and second halves as two unrelated pairs (four files: each half must group with
   its own translation only).
4. **the seeds** (``corpora/seeds``): 000, 001, 002, 004 one group, 003 apart.

    python scripts/bench_grouping.py [--out results/grouping.md] [--skip-all]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from aligner.align.grouping import Grouping, group_documents
from aligner.documents import read_documents
from aligner.model import Document
from aligner.segment.layout import build_document

ROOT = Path(__file__).resolve().parents[1]
NTREX = ROOT.parent / "shared" / "real" / "ntrex-dev"
TEXTBERG = ROOT.parent / "shared" / "bench" / "textberg-dev"
SEEDS = ROOT / "corpora" / "seeds"
LANGS = ("en", "lt", "da", "tl", "te")

#: The figures of the hand-weighted score with a 0.50 cut (main at a2dd841), measured with this
#: script run against that tree (``git archive a2dd841 | tar -x -C old; PYTHONPATH=old python ...``).
BEFORE = """\
| measurement | before (hand-weighted score, cut at 0.50) | after (alignment against chance) |
|---|---|---|
| ntrex all in one directory, running text (310 files) | right 45, split 1 (doc024), merged 16; 63.7 s | {all_text} |
| ntrex all in one directory, presegmented (310 files) | right 43, split 1 (doc024), merged 18; 236.4 s | {all_pre} |
| ntrex per article, running text | 1/62 split (doc024); 2 ms per pair | {per_text} |
| ntrex per article, presegmented | 1/62 split (doc024); 3 ms per pair | {per_pre} |
| Text+Berg de-fr without digits (468 vs 554 lines) | grouped at 0.80 | {tb_pair} |
| Text+Berg halves (a.de, a.fr, b.de, b.fr) | WRONG: all four in one group | {tb_halves} |
| seeds | one group of 000, 001, 002, 004; 003 apart | {seeds} |
"""

RULE = """\
## The decision rule

Two documents are versions of one text when they **align better than chance**
(`aligner/align/evidence.py`): the pair is aligned (one pass of `align_pair`: anchors and lengths),
then again with one side's segment order shuffled (fixed seeds; two shuffles, up to six for short
texts, alternating sides), and three path statistics are compared, real minus shuffled: the
segment-weighted mean bead confidence, the share of 1-1 beads, and the share of segment pairs
sharing a rare anchor (a number or name in at most two segments per side) that the path puts in one
bead. A logistic model of these three differences plus the cheap screen's score (fitted on ntrex-dev
running text: 620 pairs of versions, 620 pairs of different articles) gives the log-odds and the
probability. The screen (numbers, names, structure, length) only chooses which pairs to align: each
document's 4 best-screened partners, then, during average-linkage clustering (mean >= 0.50, no pair
below 0.30), any pair across two clusters about to merge. It decides alone only two cases: numbers
that contradict (4+ numbers each, under 20% shared) and sizes more than 4x apart; and a pair with
fewer than 5 segments on a side gets the screen score as its probability (a shuffle of three sentences
is nearly the text: the order cannot tell). Every pair records `decided_by` (`alignment` or
`screen: ...`) and its `evidence`; reasons quote the statistics.

**Read the ntrex figures with care:** the model's weights were fitted on ntrex-dev pairs (running
text), so the ntrex rows are in-sample; the Text+Berg rows and the seeds are not. Times are wall
clock on 2 shared cores; the "before" times were taken under other load.
"""


def _article(path: str) -> str:
    return Path(path).name.split("_")[0]


def score_articles(grouping: Grouping, docs: Sequence[Document]) -> dict[str, list[str]]:
    """Articles by outcome: ``right``, ``split``, ``merged`` (an article both split and merged counts as merged)."""
    files: dict[str, set[int]] = defaultdict(set)
    for i, d in enumerate(docs):
        files[_article(d.path)].add(i)
    group_of = {i: k for k, g in enumerate(grouping.groups) for i in g.members}
    out: dict[str, list[str]] = {"right": [], "split": [], "merged": []}
    for art, members in sorted(files.items()):
        groups = {group_of.get(i) for i in members}
        mixed = any(
            _article(docs[j].path) != art for k in groups if k is not None for j in grouping.groups[k].members
        )
        if mixed:
            out["merged"].append(art)
        elif groups == {next(iter(groups))} and None not in groups:
            out["right"].append(art)
        else:
            out["split"].append(art)
    return out


def _copy_all(suffix: str, tmp: Path) -> list[str]:
    paths = []
    for art in sorted(p for p in NTREX.iterdir() if p.is_dir()):
        for lang in LANGS:
            target = tmp / f"{art.name}_{lang}{suffix}"
            shutil.copyfile(art / f"{lang}{suffix}", target)
            paths.append(str(target))
    return paths


def _aligned_pairs(grouping: Grouping) -> int:
    return sum(1 for p in grouping.pairs if getattr(p, "decided_by", "") == "alignment")


def run_all_in_one(presegmented: bool) -> tuple[dict[str, list[str]], float, float, int, int]:
    """(outcomes, seconds reading, seconds grouping, documents, pairs aligned): all ntrex-dev files in one directory."""
    suffix = ".pre.txt" if presegmented else ".txt"
    with tempfile.TemporaryDirectory() as tmp:
        paths = _copy_all(suffix, Path(tmp))
        t0 = time.perf_counter()
        docs = read_documents(paths, presegmented=presegmented)
        t1 = time.perf_counter()
        grouping = group_documents(docs)
        t2 = time.perf_counter()
    return score_articles(grouping, docs), t1 - t0, t2 - t1, len(docs), _aligned_pairs(grouping)


def run_per_article(presegmented: bool) -> tuple[list[str], float, int, list[str]]:
    """(split articles, seconds grouping in all, articles, one reason per split article)."""
    suffix = ".pre.txt" if presegmented else ".txt"
    split: list[str] = []
    reasons: list[str] = []
    spent = 0.0
    arts = sorted(p for p in NTREX.iterdir() if p.is_dir())
    for art in arts:
        docs = read_documents([str(art / f"{lang}{suffix}") for lang in LANGS], presegmented=presegmented)
        t0 = time.perf_counter()
        grouping = group_documents(docs)
        spent += time.perf_counter() - t0
        if [g.members for g in grouping.groups] != [tuple(range(len(docs)))]:
            split.append(art.name)
            why = grouping.unmatched[0].reason if grouping.unmatched else "two groups"
            reasons.append(f"{art.name}: {len(grouping.groups)} group(s); {why}")
    return split, spent, len(arts), reasons


def _no_digits(lines: Sequence[str]) -> list[str]:
    out = []
    for line in lines:
        line = re.sub(r"\s+", " ", re.sub(r"\d", "", line)).strip()
        if line:
            out.append(line)
    return out


def _gold_cut() -> tuple[int, int]:
    """(German line, French line) where a gold unit starts near the middle: the halves translate each other."""
    units = []
    for row in (TEXTBERG / "dev.defr").read_text(encoding="utf-8").splitlines():
        src, tgt = row.split(":")[:2]
        units.append((json.loads(src), json.loads(tgt)))
    de_lines = sum(len(s) for s, _ in units)
    seen_de = seen_fr = 0
    for s, t in units:
        if seen_de >= de_lines // 2 and s and t:
            return seen_de, seen_fr
        seen_de += len(s)
        seen_fr += len(t)
    return seen_de, seen_fr


def run_long_no_digits() -> list[tuple[str, str, float]]:
    """(case, outcome, seconds) for the Text+Berg pair without digits, whole and in halves."""
    de_raw = (TEXTBERG / "dev.de").read_text(encoding="utf-8").splitlines()
    fr_raw = (TEXTBERG / "dev.fr").read_text(encoding="utf-8").splitlines()
    de, fr = _no_digits(de_raw), _no_digits(fr_raw)
    out = []

    def doc(lines: list[str], name: str, lang: str) -> Document:
        return build_document("\n".join(lines) + "\n", name, language=lang, presegmented=True)

    t0 = time.perf_counter()
    pair = [doc(de, "tb.de.txt", "de"), doc(fr, "tb.fr.txt", "fr")]
    g = group_documents(pair)
    ok = [x.members for x in g.groups] == [(0, 1)]
    why = g.groups[0].reasons[0] if g.groups else g.unmatched[0].reason
    out.append((f"de-fr, {len(de)} vs {len(fr)} lines, no digits", ("grouped" if ok else "REFUSED") + f": {why}",
                time.perf_counter() - t0))

    cd, cf = _gold_cut()
    halves = [doc(_no_digits(de_raw[:cd]), "a.de.txt", "de"), doc(_no_digits(fr_raw[:cf]), "a.fr.txt", "fr"),
              doc(_no_digits(de_raw[cd:]), "b.de.txt", "de"), doc(_no_digits(fr_raw[cf:]), "b.fr.txt", "fr")]
    t0 = time.perf_counter()
    g = group_documents(halves)
    got = sorted(x.members for x in g.groups)
    ok = got == [(0, 1), (2, 3)]
    out.append((f"two halves cut at a gold unit (a.de, a.fr = lines :{cd}/:{cf}; b.de, b.fr the rest), "
                "same genre and style", ("right" if ok else "WRONG") + f": groups {got}", time.perf_counter() - t0))
    return out


def run_seeds() -> tuple[str, float, list[str]]:
    docs = read_documents([str(p) for p in sorted(SEEDS.glob("*.txt"))])
    t0 = time.perf_counter()
    g = group_documents(docs)
    spent = time.perf_counter() - t0
    groups = [tuple(Path(docs[i].path).name[:3] for i in x.members) for x in g.groups]
    reasons = [r for x in g.groups for r in x.reasons] + [u.reason for u in g.unmatched]
    outcome = f"groups {groups}, unmatched {[Path(docs[u.index].path).name[:3] for u in g.unmatched]}"
    return outcome, spent, reasons


HELDOUT_MARK = "## Held out: the evidence model's weights measured out of sample"


def pair_features(a: Document, b: Document) -> tuple[list[float], str] | None:
    """The joint model's inputs for one pair (three gains and the screen), or None when the screen decides it."""
    from aligner.align.evidence import LOGIT_WEIGHTS
    from aligner.align.grouping import document_similarity

    p = document_similarity(a, b)
    ev = p.evidence
    if ev is None or p.screen is None:
        return None
    gains = [getattr(ev.real, k) - getattr(ev.shuffled, k) for k in LOGIT_WEIGHTS]
    gains[list(LOGIT_WEIGHTS).index("anchors")] = max(gains[list(LOGIT_WEIGHTS).index("anchors")], 0.0)
    return gains + [p.screen - 0.5], p.decided_by


def fit_logistic(x, y, l2: float = 1.0, iterations: int = 50):
    """Weights and intercept of an L2-penalised logistic regression (intercept not penalised), by Newton's method."""
    import numpy as np

    xb = np.hstack([x, np.ones((x.shape[0], 1))])
    w = np.zeros(xb.shape[1])
    pen = np.full(xb.shape[1], l2)
    pen[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - y) + pen * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(pen)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return w[:-1], float(w[-1])


def _fold_pairs(arts: list[Path]) -> list[tuple[Path, str, Path, str, int]]:
    """Every pair of versions of each article (10) and as many pairs of versions of two different articles."""
    from itertools import combinations

    out = []
    for k, art in enumerate(arts):
        for p, (la, lb) in enumerate(combinations(LANGS, 2)):
            out.append((art, la, art, lb, 1))
            other = arts[(k + 1 + p) % len(arts)]
            out.append((art, la, other, lb, 0))
    return out


def run_heldout() -> list[str]:
    """Fit the joint model on half of ntrex-dev's articles and test it on the other half, both ways round."""
    import numpy as np

    from aligner.align.evidence import JOINT_INTERCEPT, JOINT_WEIGHTS, SCREEN_WEIGHT

    shipped = (np.asarray([*JOINT_WEIGHTS.values(), SCREEN_WEIGHT]), JOINT_INTERCEPT)
    arts = sorted(p for p in NTREX.iterdir() if p.is_dir())
    folds = {"A (even articles)": arts[0::2], "B (odd articles)": arts[1::2]}
    cache: dict[Path, Document] = {}

    def doc(art: Path, lang: str) -> Document:
        path = art / f"{lang}.txt"
        if path not in cache:
            cache[path] = read_documents([str(path)])[0]
        return cache[path]

    data = {}
    t0 = time.perf_counter()
    for name, fold in folds.items():
        xs, ys, screened = [], [], [0, 0]
        for a, la, b, lb, y in _fold_pairs(fold):
            f = pair_features(doc(a, la), doc(b, lb))
            if f is None:
                screened[y] += 1
                continue
            xs.append(f[0])
            ys.append(y)
        data[name] = (np.asarray(xs), np.asarray(ys, dtype=np.float64), screened)
    spent = time.perf_counter() - t0
    fits = {name: fit_logistic(x, y) for name, (x, y, _) in data.items()}
    fits["all (both halves)"] = fit_logistic(np.vstack([d[0] for d in data.values()]),
                                            np.concatenate([d[1] for d in data.values()]))

    def evaluate(model, x, y) -> str:
        z = x @ model[0] + model[1]
        p = np.clip(1 / (1 + np.exp(-z)), 1e-12, 1 - 1e-12)
        loss = float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
        fn = int(((z < 0) & (y == 1)).sum())
        fp = int(((z >= 0) & (y == 0)).sum())
        return (f"{fn} / {int(y.sum())} | {fp} / {int((1 - y).sum())} | {np.min(z[y == 1]):.2f} | "
                f"{np.max(z[y == 0]):.2f} | {loss:.4f}")

    lines = [HELDOUT_MARK, "",
             f"Generated by `scripts/bench_grouping.py --heldout` on {time.strftime('%Y-%m-%d')} (load average "
             f"{', '.join(f'{v:.1f}' for v in os.getloadavg())}; features of {sum(len(d[1]) for d in data.values())} "
             f"aligned pairs in {spent:.0f} s).",
             "",
             "The joint model of `aligner/align/evidence.py` (three gains *real minus shuffled* and the screen) was "
             "fitted on all of ntrex-dev. Here ntrex-dev's 62 articles (running text) are cut in two halves (even and "
             "odd article numbers); in each half, every pair of versions of an article (10 per article) and as many "
             "pairs of versions of two different articles of the same half. Pairs the screen decides alone (vetoed, "
             "or too short for the order to tell) are left out, as in the original fit. The model is refitted "
             "(L2 1.0, same features) on one half and tested on the other; *shipped* are the weights in "
             "`evidence.py`, in-sample on both halves.",
             "",
             "| tested on | model | versions below 0 | different articles at or above 0 | lowest version | "
             "highest different | log-loss |",
             "|---|---|---|---|---|---|---|"]
    for test, (x, y, _) in data.items():
        train = next(n for n in folds if n != test)
        lines.append(f"| {test} | fitted on {train} (held out) | {evaluate(fits[train], x, y)} |")
        lines.append(f"| {test} | shipped (in-sample) | {evaluate(shipped, x, y)} |")
    lines.append("")
    for test, (_, _, screened) in data.items():
        lines.append(f"- {test}: screen alone decided {screened[1]} version pairs and {screened[0]} "
                     "different-article pairs (left out above).")
    names = ["confidence", "one_to_one", "anchors", "screen - 0.5"]
    lines += ["", "| fit | " + " | ".join(names) + " | intercept |", "|---|" + "---|" * (len(names) + 1)]
    for name, (w, b) in [("shipped", shipped), *fits.items()]:
        lines.append(f"| {name} | " + " | ".join(f"{v:.2f}" for v in w) + f" | {b:.2f} |")
    lines.append("")
    lines += _heldout_elsewhere(fits, shipped)
    return lines


def _heldout_elsewhere(fits: dict, shipped) -> list[str]:
    """Log-odds of the seeds' pairs and the Text+Berg pair under each model (none was fitted on them)."""
    from itertools import combinations

    import numpy as np

    seeds = read_documents([str(p) for p in sorted(SEEDS.glob("*.txt"))])
    cases = []
    for i, j in combinations(range(len(seeds)), 2):
        a, b = seeds[i], seeds[j]
        same = "003" not in (Path(a.path).name[:3], Path(b.path).name[:3])
        cases.append((f"seeds {Path(a.path).name[:3]}-{Path(b.path).name[:3]}", same, a, b))
    de = (TEXTBERG / "dev.de").read_text(encoding="utf-8").splitlines()
    fr = (TEXTBERG / "dev.fr").read_text(encoding="utf-8").splitlines()
    for label, dl, fl in (("Text+Berg de-fr", de, fr), ("Text+Berg de-fr, no digits", _no_digits(de), _no_digits(fr))):
        cases.append((label, True, build_document("\n".join(dl) + "\n", "tb.de.txt", language="de", presegmented=True),
                      build_document("\n".join(fl) + "\n", "tb.fr.txt", language="fr", presegmented=True)))
    models = [("shipped", shipped)] + [(f"fit {n.split(' ')[0]}", m) for n, m in fits.items()]
    lines = ["Log-odds on pairs no model was fitted on (the seeds: 000, 001, 002, 004 are versions, 003 is not; "
             "Text+Berg de-fr), by model; *screen* where the screen decides alone:", "",
             "| pair | versions? | " + " | ".join(n for n, _ in models) + " |",
             "|---|---|" + "---|" * len(models)]
    for label, same, a, b in cases:
        f = pair_features(a, b)
        if f is None:
            cells = ["screen"] * len(models)
        else:
            x = np.asarray(f[0])
            cells = [f"{float(x @ m[0] + m[1]):.2f}" for _, m in models]
        lines.append(f"| {label} | {'yes' if same else 'no'} | " + " | ".join(cells) + " |")
    return lines


def write_heldout(out: Path, lines: list[str]) -> None:
    """Put the held-out section at the end of ``out``, replacing an earlier one."""
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    if HELDOUT_MARK in text:
        text = text[: text.index(HELDOUT_MARK)].rstrip("\n") + "\n"
    out.write_text(text + "\n" + "\n".join(lines) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "results" / "grouping.md"))
    parser.add_argument("--skip-all", action="store_true", help="skip the all-in-one-directory runs")
    parser.add_argument("--print-only", action="store_true", help="print, do not write --out")
    parser.add_argument("--heldout", action="store_true",
                        help="only measure the evidence model out of sample (a section at the end of --out)")
    args = parser.parse_args(argv)
    if args.heldout:
        held = run_heldout()
        print("\n".join(held))
        if not args.print_only:
            write_heldout(Path(args.out), held)
        return 0
    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    say("# Grouping: versions of one text by alignment evidence (issue #16)")
    say()
    say("Written by `scripts/bench_grouping.py`. Details of each measurement below the table.")
    say()
    table_at = len(lines)
    cells: dict[str, str] = {}
    say(RULE)
    say("## Seeds")
    outcome, spent, reasons = run_seeds()
    cells["seeds"] = outcome.replace("'", "") + f"; {spent:.1f} s"
    say(f"{outcome} ({spent:.2f} s)")
    say()
    for r in reasons:
        say(f"- {r}")
    say()
    say("## Long texts without digits")
    for key, (case, outcome, spent) in zip(("tb_pair", "tb_halves"), run_long_no_digits()):
        say(f"- {case}: {outcome} ({spent:.2f} s)")
        cells[key] = outcome.split(":")[0] + (outcome.split(":")[1] if key == "tb_halves" else "") + f"; {spent:.1f} s"
    say()
    say("## ntrex-dev per article (5 files each)")
    for pre in (False, True):
        split, spent, n, reasons = run_per_article(pre)
        cells["per_pre" if pre else "per_text"] = (f"{len(split)}/{n} split ({', '.join(split) or 'none'}); "
                                                   f"{spent / (n * 10) * 1000:.0f} ms per pair")
        say(f"- {'presegmented' if pre else 'running text'}: {len(split)}/{n} split, "
            f"{spent:.1f} s grouping ({spent / (n * 10) * 1000:.0f} ms per pair)")
        for r in reasons:
            say(f"  - {r}")
    if not args.skip_all:
        say()
        say("## ntrex-dev all in one directory (62 articles x 5 files)")
        for pre in (False, True):
            outcomes, t_read, t_group, n, aligned = run_all_in_one(pre)
            say(f"- {'presegmented' if pre else 'running text'} ({n} files): right {len(outcomes['right'])}, "
                f"split {len(outcomes['split'])}, merged {len(outcomes['merged'])}; "
                f"read {t_read:.1f} s, grouping {t_group:.1f} s, {aligned} of {n * (n - 1) // 2} pairs aligned")
            cells["all_pre" if pre else "all_text"] = (
                f"right {len(outcomes['right'])}, split {len(outcomes['split'])}, merged {len(outcomes['merged'])}; "
                f"{t_group:.1f} s, {aligned} pairs aligned")
            for kind in ("split", "merged"):
                if outcomes[kind]:
                    say(f"  - {kind}: {', '.join(outcomes[kind])}")
    for key in ("all_text", "all_pre"):
        cells.setdefault(key, "not run")
    lines.insert(table_at, BEFORE.format(**cells))
    if not args.print_only:
        Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

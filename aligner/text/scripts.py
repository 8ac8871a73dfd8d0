"""Writing systems (ISO 15924) from Unicode code point ranges, and which of them have case.

Moved here from :mod:`aligner.langid.script` (which re-exports it) so that the layers below
language identification (``facts``, ``align``) read scripts without importing ``langid``.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import islice

# (first code point, last code point, ISO 15924 code), sorted by first code point.
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x005A, "Latn"), (0x0061, 0x007A, "Latn"), (0x00C0, 0x024F, "Latn"),
    (0x0250, 0x02AF, "Latn"), (0x0370, 0x03FF, "Grek"), (0x0400, 0x052F, "Cyrl"),
    (0x0530, 0x058F, "Armn"), (0x0590, 0x05FF, "Hebr"), (0x0600, 0x06FF, "Arab"),
    (0x0700, 0x074F, "Syrc"), (0x0750, 0x077F, "Arab"), (0x0780, 0x07BF, "Thaa"),
    (0x0900, 0x097F, "Deva"), (0x0980, 0x09FF, "Beng"), (0x0A00, 0x0A7F, "Guru"),
    (0x0A80, 0x0AFF, "Gujr"), (0x0B00, 0x0B7F, "Orya"), (0x0B80, 0x0BFF, "Taml"),
    (0x0C00, 0x0C7F, "Telu"), (0x0C80, 0x0CFF, "Knda"), (0x0D00, 0x0D7F, "Mlym"),
    (0x0D80, 0x0DFF, "Sinh"), (0x0E00, 0x0E7F, "Thai"), (0x0E80, 0x0EFF, "Laoo"),
    (0x0F00, 0x0FFF, "Tibt"), (0x1000, 0x109F, "Mymr"), (0x10A0, 0x10FF, "Geor"),
    (0x1100, 0x11FF, "Hang"), (0x1200, 0x139F, "Ethi"), (0x13A0, 0x13FF, "Cher"),
    (0x1780, 0x17FF, "Khmr"), (0x1800, 0x18AF, "Mong"), (0x1E00, 0x1EFF, "Latn"),
    (0x1F00, 0x1FFF, "Grek"), (0x2D00, 0x2D2F, "Geor"), (0x3040, 0x309F, "Hira"),
    (0x30A0, 0x30FF, "Kana"), (0x3100, 0x312F, "Bopo"), (0x3130, 0x318F, "Hang"),
    (0x3400, 0x4DBF, "Hani"), (0x4E00, 0x9FFF, "Hani"), (0xA640, 0xA69F, "Cyrl"),
    (0xA720, 0xA7FF, "Latn"), (0xAC00, 0xD7AF, "Hang"), (0xF900, 0xFAFF, "Hani"),
    (0xFB00, 0xFB06, "Latn"), (0xFB1D, 0xFB4F, "Hebr"), (0xFB50, 0xFDFF, "Arab"),
    (0xFE70, 0xFEFF, "Arab"), (0xFF21, 0xFF3A, "Latn"), (0xFF41, 0xFF5A, "Latn"),
)
_STARTS = [r[0] for r in _RANGES]


def char_script(ch: str) -> str | None:
    """ISO 15924 code of a letter or mark, or None for digits, punctuation and unknown blocks."""
    cp = ord(ch)
    i = bisect_right(_STARTS, cp) - 1
    if i >= 0 and _RANGES[i][0] <= cp <= _RANGES[i][1]:
        return _RANGES[i][2]
    return None


_ASCII_NON_LETTERS = bytes(b for b in range(128) if not (65 <= b <= 90 or 97 <= b <= 122))


def script_counts(text: str) -> Counter[str]:
    """How many characters of each script ``text`` has (letters and marks only)."""
    counts: Counter[str] = Counter()
    if text.isascii():
        # (the letters A-Z and a-z counted by deleting every other byte, in C: a regex's list of matches cost
        # 0.11 CPU s on a 2.3 MB document)
        letters = len(text.encode("ascii").translate(None, _ASCII_NON_LETTERS))
        if letters:
            counts["Latn"] = letters
        return counts
    for ch, n in _char_counts(text):  # each distinct character once: whole documents come here
        if ch.isascii():
            if ch.isalpha():
                counts["Latn"] += n
            continue
        s = char_script(ch)
        if s is not None:
            counts[s] += n
    return counts


#: From this many characters :func:`_char_counts` tallies code points with numpy rather than ``Counter``.
BULK_CHARS = 65_536


def _char_counts(text: str) -> Iterable[tuple[str, int]]:
    """(character, how many times it occurs in ``text``) for each distinct character.

    ``Counter(text)`` walks the text a character at a time (about 30 ns each: 0.33 CPU s for the four
    documents of a 10 MB check, whose languages are read on the whole text); a long text's code points are
    tallied by ``numpy.bincount`` instead (UTF-32, lone surrogates kept as they are): the same counts, in
    code point order rather than first appearance.
    """
    if len(text) < BULK_CHARS:
        return Counter(text).items()
    import numpy as np

    # (code points are below 0x110000: read as int32, which bincount takes faster than uint32)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.int32)
    tally = np.bincount(codes)
    present = np.flatnonzero(tally)
    return zip(map(chr, present.tolist()), tally[present].tolist())


def dominant_script(text: str) -> str:
    """The script with the most characters in ``text``; ``Zyyy`` (common) when there is none.

    Japanese kana and Han count together as ``Jpan`` when kana are present.
    """
    return dominant_of(script_counts(text))


def dominant_of(counts: Counter[str]) -> str:
    """:func:`dominant_script` from :func:`script_counts` (``counts`` is not changed)."""
    if not counts:
        return "Zyyy"
    if counts.get("Hira", 0) + counts.get("Kana", 0) > 0:
        counts = Counter(counts)
        counts["Jpan"] = counts.pop("Hira", 0) + counts.pop("Kana", 0) + counts.pop("Hani", 0)
    return max(sorted(counts), key=lambda s: counts[s])


def first_letter_script(word: str) -> str | None:
    """The script of the first letter of ``word`` (``None`` when it has no letter or an unknown one).

    How :func:`aligner.text.translit.transliterate` picks its reading, and (with ``"Zyyy"`` for
    ``None``) the script a :class:`aligner.text.tokens.Token` carries.
    """
    return char_script(next((ch for ch in word if ch.isalpha()), " "))


#: Scripts with upper and lower case: a capital inside a sentence marks a name there.
CASED_SCRIPTS = frozenset({"Latn", "Cyrl", "Grek", "Armn", "Geor"})


def is_cased(script: str) -> bool:
    """True for a script (ISO 15924) with upper and lower case (:data:`CASED_SCRIPTS`)."""
    return script in CASED_SCRIPTS


def dominant_script_name(texts: Sequence[str], sample: int = 64, letters: int = 64) -> str:
    """The most frequent Unicode script *name* among the letters of (a sample of) ``texts``.

    The sentence aligner's test of whether two documents share a script
    (:func:`aligner.align.anchors.dominant_script`). It differs from :func:`dominant_script` on
    purpose, and is kept as it was: it names scripts by the first word of the characters' Unicode
    names (``LATIN``, ``TELUGU``, ``CJK``, ``HIRAGANA``...; ``NONE`` without letters) rather than
    ISO 15924 codes, reads every letter (no range table, no ``Jpan`` merge of kana and Han), and
    looks only at ``letters`` letters of every ``len(texts) // sample``-th text.
    """
    counts: Counter[str] = Counter()
    step = max(1, len(texts) // sample)
    for text in texts[::step]:
        # The first ``letters`` letters, found in C (``filter`` with ``str.isalpha``), counted by character.
        counts.update(islice(filter(str.isalpha, text), letters))
    if not counts:
        return "NONE"
    by_name: dict[str, int] = {}
    for ch, n in counts.items():
        name = _unicode_script_name(ch)
        by_name[name] = by_name.get(name, 0) + n
    return min(by_name, key=lambda k: (-by_name[k], k))


@lru_cache(maxsize=65_536)
def _unicode_script_name(ch: str) -> str:
    """The first word of ``ch``'s Unicode name (``LATIN``, ``TELUGU``, ``CJK``; ``UNKNOWN`` without one)."""
    return unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]

"""Anchors: what two translations of a sentence share on the surface, needing no dictionary.

Each segment is reduced to *keys*, strings that are equal on both sides when the two
segments say the same thing:

- numbers, normalised across locale formats (``32 300``, ``32.300`` and ``32,300`` all
  give ``n:32300``; ``8839,8`` and ``8839.8`` give ``n:88398``): a number is its digits;
- symbols that survive translation (``%``, ``$``, ``€``, brackets, ``?``, ``!``, quotes);
- cognates and names: for two documents in the same script, the first four letters of the
  accent-folded word (Simard, Foster and Isabelle 1992); across scripts, a consonant
  skeleton of the word transliterated to Latin, so that ``కస్టమర్`` and ``customer`` both
  give ``k:kstm``; short all-capital tokens (``SSE``, ``USA``) as they are.

Words are also returned as *stems* (their first five letters, lower-cased) for the
translation lexicon learned from the document pair itself (:mod:`aligner.align.lexicon`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import regex

try:  # anyascii transliterates every script; without it only same-script cognates are found.
    from anyascii import anyascii as _anyascii
except ImportError:  # pragma: no cover - exercised only where anyascii is missing
    _anyascii = None

#: Digit groups joined by locale separators (``2 784 500``, ``32.300``, ``1,000.00``) or a plain number.
_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f.,'’]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?"
#: Symbols kept as anchors, mapped to a class (all quote marks are one class, all brackets another).
_SYMBOLS = {
    "%": "%", "‰": "%", "$": "$", "€": "€", "£": "£", "¥": "¥", "₹": "₹",
    "(": "(", "[": "(", "{": "(", "?": "?", "¿": "?", "!": "!", "¡": "!",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', '"': '"', "‘": '"', "‹": '"', "›": '"',
    "§": "§", "&": "&", "+": "+", "=": "=", "/": "/", ":": ":", ";": ";", "°": "°", "#": "#",
}  # fmt: skip
_SYMBOL_CLASS = "[" + regex.escape("".join(_SYMBOLS)) + "]"
#: Passes over a whole document, one segment a line: words, then numbers and symbols.
_WORDS = regex.compile(r"\n|[\p{L}\p{M}]+")
_OTHERS = regex.compile(rf"\n|{_NUMBER}|{_SYMBOL_CLASS}")
_LATIN = regex.compile(r"^[\p{Latin}\p{M}]+$")
_SKELETON_MAP = str.maketrans({"c": "k", "q": "k", "z": "s", "v": "w", "x": "k"})
_NOT_CONSONANT = regex.compile(r"[^a-z]|[aeiouyh]")

STEM_CHARS = 5
COGNATE_CHARS = 4


def number_key(surface: str) -> str:
    """The locale-independent key of a number: its digits without leading zeros (``'32.300'`` → ``'32300'``)."""
    digits = "".join(str(unicodedata.digit(ch)) for ch in surface if ch.isdigit())
    return digits.lstrip("0") or "0"


def fold(word: str) -> str:
    """Lower-case ``word`` and strip accents (``'Kangchendzönga'`` → ``'kangchendzonga'``)."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def to_latin(word: str) -> str:
    """``word`` in lower-case Latin letters: folded if Latin, else transliterated (anyascii) when available."""
    if _LATIN.match(word) or _anyascii is None:
        return fold(word)
    return _anyascii(word).lower()


def skeleton(latin: str) -> str:
    """A consonant skeleton for cross-script matching (``'customer'`` → ``'kstmr'``, ``'kstmr'`` → ``'kstmr'``)."""
    s = _NOT_CONSONANT.sub("", latin.replace("ph", "f").translate(_SKELETON_MAP))
    out: list[str] = []
    for ch in s:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def word_key(word: str, same_script: bool) -> str | None:
    """The cognate key of one word, or ``None`` when the word is too short to be one."""
    latin = to_latin(word)
    if same_script:
        if len(latin) >= COGNATE_CHARS:
            return "c:" + latin[:COGNATE_CHARS]
    else:
        sk = skeleton(latin)
        if len(sk) >= 3:
            return "k:" + sk[:4]
    if len(word) >= 2 and word.isupper() and latin:
        return "c:" + latin
    return None


@dataclass(frozen=True)
class SegmentAnchors:
    """What one segment offers for matching: its length, anchor keys and word stems."""

    length: int
    keys: tuple[str, ...]
    stems: tuple[str, ...]


@dataclass
class Encoded:
    """A whole document reduced to arrays: lengths and (segment, id) occurrences of keys and stems.

    Key ids index a :class:`KeyTable` shared by both documents; stem ids index ``stems``,
    which is this document's own.
    """

    lengths: np.ndarray
    key_seg: np.ndarray
    key_id: np.ndarray
    stem_seg: np.ndarray
    stem_id: np.ndarray
    stems: list[str]

    @property
    def size(self) -> int:
        return int(self.lengths.shape[0])


class KeyTable:
    """Key strings and their ids, shared by the two documents of a pair."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.keys: list[str] = []

    def id(self, key: str) -> int:
        k = self.index.get(key)
        if k is None:
            k = self.index[key] = len(self.keys)
            self.keys.append(key)
        return k

    def __len__(self) -> int:
        return len(self.keys)


def _segment_ids(tokens: Sequence[str]) -> np.ndarray:
    """The segment of each token of a newline-separated token list (newlines included)."""
    if not tokens:
        return np.zeros(0, dtype=np.int64)
    return np.cumsum(np.fromiter((t == "\n" for t in tokens), dtype=bool, count=len(tokens)), dtype=np.int64)


def encode(texts: Sequence[str], same_script: bool, table: KeyTable) -> Encoded:
    """Reduce every segment of a document to anchors in one pass over the text per token class.

    ``same_script`` says whether the two documents share a script (then cognates are
    four-letter prefixes; otherwise consonant skeletons of transliterations).
    """
    joined = "\n".join(t.replace("\n", " ") for t in texts)
    # Words: stem ids and cognate key ids, computed once per distinct word.
    words = _WORDS.findall(joined)
    seg = _segment_ids(words)
    stem_index: dict[str, int] = {}
    stems: list[str] = []
    cache: dict[str, tuple[int, int]] = {"\n": (-1, -1)}
    for w in dict.fromkeys(words):  # distinct words in order of first appearance: ids never depend on hashing
        if w in cache:
            continue
        stem = w.casefold()[:STEM_CHARS]
        sid = stem_index.setdefault(stem, len(stem_index))
        if sid == len(stems):
            stems.append(stem)
        key = word_key(w, same_script)
        cache[w] = (sid, -1 if key is None else table.id(key))
    pairs = np.asarray([cache[w] for w in words], dtype=np.int64).reshape(-1, 2)
    stem_seg, stem_id = seg[pairs[:, 0] >= 0], pairs[:, 0][pairs[:, 0] >= 0]
    key_seg, key_id = seg[pairs[:, 1] >= 0], pairs[:, 1][pairs[:, 1] >= 0]
    # Numbers and symbols.
    others = _OTHERS.findall(joined)
    o_seg = _segment_ids(others)
    o_cache: dict[str, int] = {"\n": -1}
    for tok in others:
        if tok not in o_cache:
            o_cache[tok] = table.id("n:" + number_key(tok) if tok[0].isdigit() else "p:" + _SYMBOLS[tok])
    o_id = np.asarray([o_cache[t] for t in others], dtype=np.int64)
    key_seg = np.concatenate([key_seg, o_seg[o_id >= 0]])
    key_id = np.concatenate([key_id, o_id[o_id >= 0]])
    lengths = np.asarray([max(len(t.strip()), 1) for t in texts], dtype=np.float64)
    return Encoded(lengths, key_seg, key_id, stem_seg, stem_id, stems)


def analyse(text: str, same_script: bool = True) -> SegmentAnchors:
    """The anchors of one segment (for inspection and tests; :func:`encode` does whole documents)."""
    table = KeyTable()
    enc = encode([text], same_script, table)
    return SegmentAnchors(
        int(enc.lengths[0]),
        tuple(table.keys[k] for k in enc.key_id),
        tuple(enc.stems[s] for s in enc.stem_id),
    )


def dominant_script(texts: Sequence[str], sample: int = 64, letters: int = 64) -> str:
    """The most frequent script among the letters of (a sample of) ``texts`` (``LATIN``, ``TELUGU``, ...)."""
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    step = max(1, len(texts) // sample)
    for text in texts[::step]:
        seen = 0
        for ch in text:
            if not ch.isalpha():
                continue
            name = names.get(ch)
            if name is None:
                name = names[ch] = unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]
            counts[name] = counts.get(name, 0) + 1
            seen += 1
            if seen >= letters:
                break
    if not counts:
        return "NONE"
    return min(counts, key=lambda k: (-counts[k], k))

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

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import regex

from ..facts.numbers import DIGIT_RUN
from ..facts.numbers import digit_key as number_key
from ..text.fold import fold_accents as fold  # noqa: F401  (the name callers import from here)
from ..text.scripts import dominant_script_name
from ..text.tokens import LETTERS
from ..text.translit import cognate_skeleton as skeleton
from ..text.translit import to_latin

# The rules live below this module and keep their old names here: ``number_key`` is
# :func:`aligner.facts.numbers.digit_key`, ``fold`` :func:`aligner.text.fold.fold_accents`,
# ``skeleton`` :func:`aligner.text.translit.cognate_skeleton`, ``to_latin`` is
# :func:`aligner.text.translit.to_latin`.

#: Digit groups joined by locale separators (``2 784 500``, ``32.300``, ``1,000.00``) or a plain number.
_NUMBER = DIGIT_RUN
#: Symbols kept as anchors, mapped to a class (all quote marks are one class, all brackets another).
_SYMBOLS = {
    "%": "%", "‰": "%", "$": "$", "€": "€", "£": "£", "¥": "¥", "₹": "₹",
    "(": "(", "[": "(", "{": "(", "?": "?", "¿": "?", "!": "!", "¡": "!",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', '"': '"', "‘": '"', "‹": '"', "›": '"',
    "§": "§", "&": "&", "+": "+", "=": "=", "/": "/", ":": ":", ";": ";", "°": "°", "#": "#",
}  # fmt: skip
_SYMBOL_CLASS = "[" + regex.escape("".join(_SYMBOLS)) + "]"
#: Passes over a whole document, one segment a line: words, then numbers and symbols.
_WORDS = regex.compile(rf"\n|{LETTERS}")
_OTHERS = regex.compile(rf"\n|{_NUMBER}|{_SYMBOL_CLASS}")

STEM_CHARS = 5
COGNATE_CHARS = 4


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
    """The most frequent script among the letters of (a sample of) ``texts`` (``LATIN``, ``TELUGU``, ...).

    Unicode script names, not the ISO 15924 codes of :func:`aligner.text.scripts.dominant_script`:
    see :func:`aligner.text.scripts.dominant_script_name`.
    """
    return dominant_script_name(texts, sample, letters)

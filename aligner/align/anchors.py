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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

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


@lru_cache(maxsize=1 << 16)
def word_key(word: str, same_script: bool) -> str | None:
    """The cognate key of one word, or ``None`` when the word is too short to be one.

    Pure, and cached: the grouping encodes the same documents (and shuffles of them) dozens of times.
    """
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
    return np.cumsum(np.fromiter(map("\n".__eq__, tokens), dtype=bool, count=len(tokens)), dtype=np.int64)


#: Documents whose encoding is kept (:func:`encode`): a grouping run meets each document in several
#: pairs and, within a pair, in the real alignment, the anchor statistics and every other shuffle.
ENCODE_CACHE_SIZE = 64
#: Longer documents are encoded afresh every time (a cached encoding holds about six bytes per
#: character): the cache is for the many short alignments of grouping, not the one long alignment.
ENCODE_CACHE_CHARS = 250_000


class Permuted(list):
    """``[base[p] for p in order]``, remembering ``base`` and ``order``.

    :func:`encode` derives the encoding of a permuted document from the cached encoding of
    ``base`` (exactly what encoding the permuted texts would give) instead of reading the text
    again: the alignment evidence (:mod:`aligner.align.evidence`) aligns shuffled copies.
    """

    def __init__(self, base: Sequence[str], order: Sequence[int]) -> None:
        super().__init__(base[p] for p in order)
        self.base: tuple[str, ...] = tuple(base)
        self.order: tuple[int, ...] = tuple(order)


@dataclass(frozen=True)
class _Template:
    """One document's encoding against a table of its own: ``keys`` in the order they were first met.

    ``word_keys`` is how many of the key occurrences come from words (the rest are numbers and
    symbols, in that order, as :func:`_encode_fresh` lays them out).
    """

    encoded: Encoded
    keys: tuple[str, ...]
    word_keys: int


@lru_cache(maxsize=ENCODE_CACHE_SIZE)
def _template(texts: tuple[str, ...], same_script: bool) -> _Template:
    return _own_template(texts, same_script)


def _first_seen(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``ids`` renumbered 0, 1, ... in order of first appearance, and the old id of each new one."""
    if ids.shape[0] == 0:
        return ids.copy(), ids.copy()
    uniq, first = np.unique(ids, return_index=True)
    old = uniq[np.argsort(first, kind="stable")]
    rank = np.empty(int(uniq[-1]) + 1, dtype=np.int64)
    rank[old] = np.arange(old.shape[0], dtype=np.int64)
    return rank[ids], old


def _permute(tpl: _Template, order: Sequence[int]) -> _Template:
    """The template of the document with its segments in ``order``, as :func:`_encode_fresh` would give it.

    Tokens never cross a segment boundary, so the permuted text's token stream is each segment's
    tokens in the new order (a stable sort by new position); ids are then renumbered in order of
    first appearance, which is the order a fresh encoding assigns them in.
    """
    enc = tpl.encoded
    perm = np.asarray(order, dtype=np.int64)
    position = np.empty_like(perm)
    position[perm] = np.arange(perm.shape[0], dtype=np.int64)

    def reorder(seg: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        new_seg = position[seg] if seg.shape[0] else seg.copy()
        by = np.argsort(new_seg, kind="stable")
        return new_seg[by], ids[by]

    stem_seg, stem_local = reorder(enc.stem_seg, enc.stem_id)
    stem_id, stem_old = _first_seen(stem_local)
    w = tpl.word_keys
    wk_seg, wk_id = reorder(enc.key_seg[:w], enc.key_id[:w])
    ok_seg, ok_id = reorder(enc.key_seg[w:], enc.key_id[w:])
    key_id, key_old = _first_seen(np.concatenate([wk_id, ok_id]))
    stems = [enc.stems[i] for i in stem_old.tolist()]
    keys = tuple(tpl.keys[i] for i in key_old.tolist())
    permuted = Encoded(enc.lengths[perm], np.concatenate([wk_seg, ok_seg]), key_id, stem_seg, stem_id, stems)
    return _Template(permuted, keys, w)


def encode(texts: Sequence[str], same_script: bool, table: KeyTable) -> Encoded:
    """Reduce every segment of a document to anchors in one pass over the text per token class.

    ``same_script`` says whether the two documents share a script (then cognates are
    four-letter prefixes; otherwise consonant skeletons of transliterations).

    The encoding against a table of the document's own is cached (by content); ``table`` is then
    given the document's keys in the order a fresh encoding would have met them, so the ids, the
    table and the arrays are exactly those of :func:`_encode_fresh` (the tests compare them).
    """
    if sum(map(len, texts)) > ENCODE_CACHE_CHARS:
        return _encode_fresh(texts, same_script, table)
    if isinstance(texts, Permuted):
        tpl = _permute(_template(texts.base, same_script), texts.order)
    else:
        tpl = _template(tuple(texts), same_script)
    ids = np.asarray([table.id(k) for k in tpl.keys], dtype=np.int64)
    enc = tpl.encoded
    return Encoded(enc.lengths.copy(), enc.key_seg.copy(), ids[enc.key_id], enc.stem_seg.copy(),
                   enc.stem_id.copy(), list(enc.stems))


def encode_pair(src: Sequence[str], tgt: Sequence[str], same_script: bool, table: KeyTable
                ) -> tuple[Encoded, Encoded]:
    """``encode(src, ...)`` then ``encode(tgt, ...)``: the same arrays, ids and table.

    Two long documents (both above :data:`ENCODE_CACHE_CHARS`, so neither is cached) are read in
    two threads, each against a table of its own (the regex passes release the GIL), and their keys
    then enter ``table`` source first, in the order each met them, which gives the ids of encoding
    them one after the other (as :func:`encode` does with a cached encoding).
    """
    from . import _kernels

    if min(sum(map(len, src)), sum(map(len, tgt))) <= ENCODE_CACHE_CHARS or _kernels.threads() < 2:
        return encode(src, same_script, table), encode(tgt, same_script, table)
    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(_own_template, texts, same_script) for texts in (src, tgt)]
        templates = [future.result() for future in futures]
    out = []
    for tpl in templates:
        ids = np.asarray([table.id(k) for k in tpl.keys], dtype=np.int64)
        enc = tpl.encoded
        out.append(Encoded(enc.lengths, enc.key_seg, ids[enc.key_id], enc.stem_seg, enc.stem_id, enc.stems))
    return out[0], out[1]


def _own_template(texts: Sequence[str], same_script: bool) -> _Template:
    """:func:`_template` without the cache (for documents too long to keep)."""
    table = KeyTable()
    enc, word_keys = _encode_counted(texts, same_script, table)
    return _Template(enc, tuple(table.keys), word_keys)


@lru_cache(maxsize=1 << 16)
def _number_key(token: str) -> str:
    """:func:`aligner.facts.numbers.digit_key`, cached (pure)."""
    return number_key(token)


def _encode_fresh(texts: Sequence[str], same_script: bool, table: KeyTable) -> Encoded:
    """:func:`encode` without the cache: one pass over the text per token class."""
    return _encode_counted(texts, same_script, table)[0]


#: Segments read per regex pass by :func:`_encode_counted`: the token lists of a whole long document
#: (about 70 bytes a word) would set the peak memory of aligning it; in blocks they never exist at once.
ENCODE_BLOCK = 8192


def _encode_counted(texts: Sequence[str], same_script: bool, table: KeyTable) -> tuple[Encoded, int]:
    """:func:`_encode_fresh`, and how many of the key occurrences are words' (they come first).

    The text is read in blocks of :data:`ENCODE_BLOCK` segments, words of every block first, then
    numbers and symbols: ids are given in order of first appearance over the whole document, as
    one pass over it would give them.
    """
    blocks = [(b, "\n".join(t.replace("\n", " ") for t in texts[b: b + ENCODE_BLOCK]))
              for b in range(0, len(texts), ENCODE_BLOCK)]
    # Words: stem ids and cognate key ids, computed once per distinct word.
    stem_index: dict[str, int] = {}
    stems: list[str] = []
    # Each distinct word gets an index (in order of first appearance: ids never depend on hashing);
    # its stem id and key id are looked up once per distinct word and then gathered per token.
    distinct: dict[str, int] = {"\n": 0}
    word_stem = np.full(1024, -1, dtype=np.int64)  # by distinct word; grown by doubling
    word_kid = np.full(1024, -1, dtype=np.int64)
    stem_parts: list[tuple[np.ndarray, np.ndarray]] = []
    key_parts: list[tuple[np.ndarray, np.ndarray]] = []
    for first_seg, joined in blocks:
        words = _WORDS.findall(joined)
        new_stem: list[int] = []
        new_kid: list[int] = []
        for w in dict.fromkeys(words):
            if w in distinct:
                continue
            distinct[w] = len(distinct)
            stem = w.casefold()[:STEM_CHARS]
            sid = stem_index.setdefault(stem, len(stem_index))
            if sid == len(stems):
                stems.append(stem)
            key = word_key(w, same_script)
            new_stem.append(sid)
            new_kid.append(table.id(key) if key is not None else -1)
        known = len(distinct) - len(new_stem)
        if len(distinct) > word_stem.shape[0]:
            grown = max(2 * word_stem.shape[0], len(distinct))
            word_stem = np.concatenate([word_stem, np.full(grown - word_stem.shape[0], -1, dtype=np.int64)])
            word_kid = np.concatenate([word_kid, np.full(grown - word_kid.shape[0], -1, dtype=np.int64)])
        word_stem[known: len(distinct)] = new_stem
        word_kid[known: len(distinct)] = new_kid
        seg = _segment_ids(words) + first_seg
        which = np.fromiter(map(distinct.__getitem__, words), dtype=np.int64, count=len(words))
        del words
        w_stem, w_kid = word_stem[which], word_kid[which]
        stem_parts.append((seg[w_stem >= 0], w_stem[w_stem >= 0]))
        key_parts.append((seg[w_kid >= 0], w_kid[w_kid >= 0]))
    word_keys = sum(int(part[0].shape[0]) for part in key_parts)
    # Numbers and symbols.
    o_cache: dict[str, int] = {"\n": -1}
    for first_seg, joined in blocks:
        others = _OTHERS.findall(joined)
        for tok in dict.fromkeys(others):
            if tok not in o_cache:
                o_cache[tok] = table.id("n:" + _number_key(tok) if tok[0].isdigit() else "p:" + _SYMBOLS[tok])
        o_seg = _segment_ids(others) + first_seg
        o_id = np.fromiter(map(o_cache.__getitem__, others), dtype=np.int64, count=len(others))
        key_parts.append((o_seg[o_id >= 0], o_id[o_id >= 0]))
    stem_seg, stem_id = _joined(stem_parts)
    key_seg, key_id = _joined(key_parts)
    lengths = np.asarray([max(len(t.strip()), 1) for t in texts], dtype=np.float64)
    return Encoded(lengths, key_seg, key_id, stem_seg, stem_id, stems), word_keys


def _joined(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """The (segment, id) arrays of the blocks, end to end."""
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


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
    see :func:`aligner.text.scripts.dominant_script_name`. Cached by content like :func:`encode`;
    a :class:`Permuted` document short enough to be read whole (fewer than ``2 x sample`` texts)
    has its original's script, since the letters counted are then the same.
    """
    if sum(map(len, texts)) > ENCODE_CACHE_CHARS:
        return dominant_script_name(texts, sample, letters)
    if isinstance(texts, Permuted) and len(texts) < 2 * sample:
        return _dominant_script(texts.base, sample, letters)
    return _dominant_script(tuple(texts), sample, letters)


@lru_cache(maxsize=ENCODE_CACHE_SIZE)
def _dominant_script(texts: tuple[str, ...], sample: int, letters: int) -> str:
    return dominant_script_name(texts, sample, letters)

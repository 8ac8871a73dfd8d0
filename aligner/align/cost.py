"""The cost model of the pairwise aligner: how well a bead's source and target segments fit.

Every bead ``(S, T)`` gets a log-likelihood-ratio score, *these segments translate each
other* against *they are unrelated*, plus the log prior of its shape (1-1, 2-1, ...). The
score of an alignment is the sum over its beads, so a bead that merges segments must earn
its place: the matched anchors of the added segment count for it, its unmatched anchors and
a worse length fit against it. Three parts, all estimated on the document pair itself:

- **length** (Gale and Church 1993): ``delta = (l_T - c l_S) / sqrt(s2 (c l_S + l_T) / 2)``
  in characters, with the ratio ``c`` and the spread ``s2`` measured on the documents (so
  Telugu against Danish gets its own ratio). Matched pairs follow a normal law with a small
  heavy tail (OCR junk, notes), unrelated pairs a wide normal law.
- **anchors** (keys of :mod:`aligner.align.anchors`, plus lexicon links learned from a
  first pass): each key has a survival rate ``q`` (how often it reappears in the aligned
  segment) and a chance rate ``pi`` (how often a random segment holds it). A matched
  occurrence is worth ``log(q / pi)``, an unmatched one ``log((1 - q) / (1 - pi))``, per
  direction. Matching is computed exactly on the merged bead (a key twice in the source and
  once in the target matches once), and a merged side gives chance more targets to hit,
  which keeps 2-1 and 1-2 beads honest: they are neither free nor forbidden.
- **segment kinds**: a heading aligned with a heading is rewarded, with a sentence
  penalised, a heading merged with another segment penalised.

No function here does I/O; arrays are numpy.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import chain
from types import ModuleType
from typing import TypeVar

import numpy as np

from . import _kernels
from .dp import Band

_T = TypeVar("_T")

#: Bead shapes the aligner considers, in the fixed order that breaks ties.
BEAD_TYPES: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3), (3, 2), (2, 3), (4, 1), (1, 4),
)

#: Default bead-shape probabilities (Gale and Church's, with room for 2-2 and 1-3 / 3-1).
DEFAULT_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.854,
    (1, 0): 0.02,
    (0, 1): 0.02,
    (2, 1): 0.035,
    (1, 2): 0.035,
    (2, 2): 0.012,
    (3, 1): 0.007,
    (1, 3): 0.007,
    (3, 2): 0.003,
    (2, 3): 0.003,
    (4, 1): 0.002,
    (1, 4): 0.002,
}

#: How often an anchor of each family survives translation, before the document says otherwise:
#: numbers, symbols, same-script cognates, cross-script skeletons, learned lexicon links.
FAMILY_PRIORS = {"n": 0.85, "p": 0.6, "c": 0.5, "k": 0.4, "l": 0.3}

KIND_SENTENCE, KIND_HEADING, KIND_BOILERPLATE = 0, 1, 2
_KIND_CODES = {
    "sentence": KIND_SENTENCE, "heading": KIND_HEADING, "title": KIND_BOILERPLATE, "boilerplate": KIND_BOILERPLATE,
}


def kind_code(kind: object) -> int:
    """Map a segment kind (``SegmentKind`` or its string value) to the code used in the tables."""
    value = getattr(kind, "value", kind)
    return _KIND_CODES.get(str(value).lower(), KIND_SENTENCE)


@lru_cache(maxsize=64)
def _log_priors(priors: tuple[tuple[tuple[int, int], float], ...]) -> dict[tuple[int, int], float]:
    """``log`` of each shape's prior (asked once per bead when beads are made)."""
    return {shape: math.log(p) for shape, p in priors}


@dataclass(frozen=True)
class CostParams:
    """The parameters of the cost model (measured per document pair by :func:`estimate_params`)."""

    ratio: float = 1.0
    var: float = 6.8
    random_sd: float = 4.0
    tail: float = 0.03
    rel_sd: float = 0.1
    priors: tuple[tuple[tuple[int, int], float], ...] = tuple(DEFAULT_PRIORS.items())
    kind_weight: float = 3.0
    lexical_weight: float = 0.4
    #: Probability that a run of null beads goes on (1-0 after 1-0, 0-1 after 0-1): fixed, not
    #: measured, since a first pass's long runs would make every later null nearly free.
    run_extend: float = 0.15

    def log_prior(self, shape: tuple[int, int]) -> float:
        return _log_priors(self.priors)[shape]

    def extend(self, shapes: Sequence[tuple[int, int]]) -> list[float]:
        """What continuing a run adds to a null bead's score, replacing its prior (see :func:`dp.search`)."""
        return [
            math.log(self.run_extend) - self.log_prior(shape) if 0 in shape else 0.0 for shape in shapes
        ]


@dataclass(frozen=True)
class Occurrences:
    """Key (or stem) occurrences of one document: ``(seg[t], key[t])``, repeats allowed."""

    seg: np.ndarray
    key: np.ndarray
    size: int


@dataclass
class Side:
    """One document of the pair as arrays: lengths, kinds and anchor occurrences.

    ``occ_seg``/``occ_key``/``occ_cnt`` list for each segment the usable keys it holds and how
    many times, sorted by segment then key. ``loss`` is each segment's anchor evidence when
    none of its anchors is matched (a non-positive log-likelihood ratio).
    """

    lengths: np.ndarray
    kinds: np.ndarray
    occ_seg: np.ndarray
    occ_key: np.ndarray
    occ_cnt: np.ndarray
    loss: np.ndarray

    @property
    def size(self) -> int:
        return int(self.lengths.shape[0])


@dataclass
class Vocabulary:
    """The evidence each key carries, as arrays over key ids.

    ``usable`` keys occur in both documents and are not too common; ``join_weight`` is what
    one matched unit adds over leaving both its occurrences unmatched; ``src_loss`` and
    ``tgt_loss`` what an unmatched occurrence costs on each side.
    """

    usable: np.ndarray
    join_weight: np.ndarray
    src_loss: np.ndarray
    tgt_loss: np.ndarray


#: From this many occurrences :func:`aggregate` counts ones by sorting the codes alone (the same arrays).
AGGREGATE_SORT_MIN = 2048


def aggregate(seg: np.ndarray, key: np.ndarray, cnt: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sum the counts of repeated (segment, key) pairs; the result is sorted by segment, then key."""
    if seg.size == 0:
        return seg.astype(np.int64), key.astype(np.int64), cnt.astype(np.float64)
    kmax = int(key.max()) + 1
    code = seg.astype(np.int64) * kmax + key
    if code.size >= AGGREGATE_SORT_MIN and bool(np.all(cnt == 1.0)):
        # Counting occurrences (most callers): sums of ones are exact in any order, so the codes alone
        # are sorted (far cheaper than the stable order and three gathers) and each run's length is its sum.
        # (Not on short arrays: there the test and the extra steps cost more than they save; same arrays.)
        code = np.sort(code)
        starts = np.flatnonzero(np.concatenate(([True], code[1:] != code[:-1])))
        sums = np.diff(np.append(starts, code.size)).astype(np.float64)
        ucode = code[starts]
        return ucode // kmax, ucode % kmax, sums
    order = np.argsort(code, kind="stable")
    code = code[order]
    first = np.concatenate(([True], code[1:] != code[:-1]))
    starts = np.flatnonzero(first)
    sums = np.add.reduceat(cnt[order].astype(np.float64), starts)
    ucode = code[starts]
    return ucode // kmax, ucode % kmax, sums


def doc_freq(occ: Occurrences, n_keys: int) -> np.ndarray:
    """In how many segments each key occurs."""
    seg, key, _ = aggregate(occ.seg, occ.key, np.ones(occ.seg.size))
    return np.bincount(key, minlength=n_keys).astype(np.float64)


def prior_rates(src: Occurrences, tgt: Occurrences, family: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Survival rates before any alignment: the family's prior, capped by the balance of frequencies.

    A key in 70 German segments and 2 French ones (``durch``/``durcie``) can survive in at
    most 2 of the 70; a number written three times on each side can survive every time.
    """
    n_keys = family.size
    ds, dt = doc_freq(src, n_keys), doc_freq(tgt, n_keys)
    with np.errstate(divide="ignore", invalid="ignore"):
        q_st = family * np.minimum(1.0, np.where(ds > 0, dt / ds, 0.0))
        q_ts = family * np.minimum(1.0, np.where(dt > 0, ds / dt, 0.0))
    return q_st, q_ts


def bead_index(beads: Sequence[tuple[Sequence[int], Sequence[int]]], n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """For each source and each target segment, the index of the bead holding it."""
    out = []
    for side, size in ((0, n), (1, m)):
        index = np.full(size, -1, dtype=np.int64)
        members = [bead[side] for bead in beads]
        flat = np.fromiter(chain.from_iterable(members), dtype=np.int64)
        owner = np.repeat(np.arange(len(members), dtype=np.int64), np.fromiter(map(len, members), dtype=np.int64,
                                                                               count=len(members)))
        # Beads partition the segments, so each segment is written once.
        index[flat] = owner
        out.append(index)
    return out[0], out[1]


def measured_rates(
    src: Occurrences, tgt: Occurrences, beads: Sequence[tuple[Sequence[int], Sequence[int]]],
    prior: tuple[np.ndarray, np.ndarray], strength: float = 2.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Survival rates measured on an alignment (matched over all occurrences), smoothed towards ``prior``."""
    n_keys = prior[0].size
    b_src, b_tgt = bead_index(beads, src.size, tgt.size)
    sb, sk, sc = aggregate(b_src[src.seg], src.key, np.ones(src.seg.size))
    tb, tk, tc = aggregate(b_tgt[tgt.seg], tgt.key, np.ones(tgt.seg.size))
    tot_s = np.bincount(sk, weights=sc, minlength=n_keys)
    tot_t = np.bincount(tk, weights=tc, minlength=n_keys)
    _, i_s, i_t = np.intersect1d(sb * n_keys + sk, tb * n_keys + tk, assume_unique=True, return_indices=True)
    co = np.bincount(sk[i_s], weights=np.minimum(sc[i_s], tc[i_t]), minlength=n_keys)
    return (co + strength * prior[0]) / (tot_s + strength), (co + strength * prior[1]) / (tot_t + strength)


def build_vocabulary(
    src: Occurrences, tgt: Occurrences, rates: tuple[np.ndarray, np.ndarray], max_share: float = 0.1
) -> Vocabulary:
    """The evidence of each key (see :class:`Vocabulary`).

    A key in more than ``max_share`` of all segments (and more than 8), such as a comma-like
    symbol or the cognate of a function word, tells almost nothing and is left out: it would
    cost time and add noise.
    """
    n_keys = rates[0].size
    ds, dt = doc_freq(src, n_keys), doc_freq(tgt, n_keys)
    n, m = max(src.size, 1), max(tgt.size, 1)
    usable = (ds > 0) & (dt > 0) & (ds + dt <= max(max_share * (n + m), 8.0))
    pi_t = np.clip(dt / m, 1e-9, 0.999)
    pi_s = np.clip(ds / n, 1e-9, 0.999)
    q_st = np.clip(np.maximum(rates[0], pi_t), 1e-9, 0.97)
    q_ts = np.clip(np.maximum(rates[1], pi_s), 1e-9, 0.97)
    g_st, l_st = np.log(q_st / pi_t), np.log((1 - q_st) / (1 - pi_t))
    g_ts, l_ts = np.log(q_ts / pi_s), np.log((1 - q_ts) / (1 - pi_s))
    zero = np.zeros(n_keys)
    return Vocabulary(
        usable,
        np.where(usable, g_st + g_ts - l_st - l_ts, zero),
        np.where(usable, l_st, zero),
        np.where(usable, l_ts, zero),
    )


def build_side(occ: Occurrences, lengths: np.ndarray, vocab: Vocabulary, source: bool,
               kinds: Sequence[int] | None = None) -> Side:
    """Arrays for one document (``source`` tells which side's losses apply)."""
    keep = vocab.usable[occ.key]
    seg, key, cnt = aggregate(occ.seg[keep], occ.key[keep], np.ones(int(keep.sum())))
    per_key = vocab.src_loss if source else vocab.tgt_loss
    loss = np.bincount(seg, weights=cnt * per_key[key], minlength=occ.size)
    kind_arr = np.asarray(kinds if kinds is not None else np.zeros(occ.size), dtype=np.int8)
    return Side(np.asarray(lengths, dtype=np.float64), kind_arr, seg, key, cnt, loss)


def slice_side(side: Side, start: int, stop: int) -> Side:
    """Segments ``start .. stop-1`` of ``side``, renumbered from 0."""
    lo, hi = np.searchsorted(side.occ_seg, [start, stop])
    return Side(
        side.lengths[start:stop], side.kinds[start:stop], side.occ_seg[lo:hi] - start, side.occ_key[lo:hi],
        side.occ_cnt[lo:hi], side.loss[start:stop],
    )


def coarse_groups(n: int, m: int, proportional: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Group ids merging both sides into blocks of about two segments for the next coarser level.

    ``proportional``: blocks are cut at proportional positions, so that block ``k`` of either
    side holds about the same stretch of text when one side has more segments all along (its
    segmenter splits more, or its translator did), and the coarse path does not drift.
    Otherwise each side is halved, so that material one side lacks (a page of adverts,
    captions) stays a run of coarse null beads instead of being spread over every block.
    """
    if not proportional:
        return np.arange(n) // 2, np.arange(m) // 2
    k = max(1, (min(n, m) + 1) // 2)
    return np.arange(n) * k // n, np.arange(m) * k // m


def coarsen(src: Side, tgt: Side, vocab: Vocabulary, groups: tuple[np.ndarray, np.ndarray],
            max_share: float = 0.1) -> tuple[Side, Side]:
    """Merge the segments of each side by ``groups`` (see :func:`coarse_groups`).

    Keys that become common among the merged segments are dropped, with their losses, as
    :func:`build_vocabulary` drops them among segments: they would cost time and tell little.
    """
    sizes = [int(g[-1]) + 1 for g in groups]
    merged = [aggregate(g[side.occ_seg], side.occ_key, side.occ_cnt) for side, g in zip((src, tgt), groups)]
    n_keys = vocab.join_weight.size
    df = np.bincount(merged[0][1], minlength=n_keys) + np.bincount(merged[1][1], minlength=n_keys)
    common = df > max(max_share * sum(sizes), 8.0)
    out = []
    for side, grp, size, (seg, key, cnt), per_key in zip(
        (src, tgt), groups, sizes, merged, (vocab.src_loss, vocab.tgt_loss)
    ):
        lengths = np.bincount(grp, weights=side.lengths, minlength=size)
        loss = np.bincount(grp, weights=side.loss, minlength=size)
        drop = common[key]
        loss -= np.bincount(seg[drop], weights=cnt[drop] * per_key[key[drop]], minlength=size)
        keep = ~drop
        out.append(Side(lengths, np.zeros(size, dtype=np.int8), seg[keep], key[keep], cnt[keep], loss))
    return out[0], out[1]


def _units(side: Side, span: int, kernels: ModuleType | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Occurrences of the merged units ``[e - span, e)``, indexed by their end ``e``, sorted by (end, key)."""
    if span == 1:
        return side.occ_seg + 1, side.occ_key, side.occ_cnt
    n = side.size
    seg = side.occ_seg
    if kernels is not None and bool(np.all(seg[1:] >= seg[:-1])):
        return kernels.merged_units(np.ascontiguousarray(seg, dtype=np.int64),
                                    np.ascontiguousarray(side.occ_key, dtype=np.int64),
                                    np.ascontiguousarray(side.occ_cnt, dtype=np.float64), n, span)
    segs, keys, cnts = [], [], []
    for s in range(span):
        end = side.occ_seg + 1 + s
        ok = (end >= span) & (end <= n)
        segs.append(end[ok])
        keys.append(side.occ_key[ok])
        cnts.append(side.occ_cnt[ok])
    return aggregate(np.concatenate(segs), np.concatenate(keys), np.concatenate(cnts))


class _UnitCache:
    """Merged-unit occurrences per span, the target ones sorted by (key, end) for the join.

    With ``kernels`` (:mod:`aligner.align._kernels`) the tables are built by linear-time loops
    instead of sorts; they are the same arrays.
    """

    def __init__(self, src: Side, tgt: Side, kernels: ModuleType | None = None) -> None:
        self.src, self.tgt = src, tgt
        self.kernels = kernels
        # :func:`band_scores`'s threads share the cache: each table is built once, by whichever thread asks
        # first, under a lock of its own (a thread never waits for a table it does not need), and the
        # dictionaries change under ``_lock``.
        self._lock = threading.Lock()
        #: Set by :func:`band_scores` before its threads start: tables are then built under locks.
        self.shared = False
        self._building: dict[tuple[str, int], threading.Lock] = {}
        self._src: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._tgt: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._by_key: dict[int, np.ndarray] = {}
        self._queries: dict[tuple[int, int], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._bands: dict[tuple[int, int], Band] = {}

    def _get(self, store: dict[int, _T], kind: str, span: int, build: Callable[[], _T]) -> _T:
        """``store[span]``, built by ``build()`` under the lock of ``(kind, span)`` if it is not there yet."""
        value = store.get(span)
        if value is not None:
            return value
        if not self.shared:  # (one thread: no lock to take; most bands, all of grouping's)
            value = store[span] = build()
            return value
        with self._lock:
            building = self._building.setdefault((kind, span), threading.Lock())
        with building:
            value = store.get(span)
            if value is None:
                value = build()
                with self._lock:
                    store[span] = value
        return value

    def source(self, a: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self._get(self._src, "src", a, lambda: _units(self.src, a, self.kernels))

    def drop_source(self, a: int) -> None:
        with self._lock:
            self._src.pop(a, None)
            self._by_key.pop(a, None)
            for key in [key for key in self._queries if key[0] == a]:
                del self._queries[key]
                del self._bands[key]

    def drop_target(self, b: int) -> None:
        with self._lock:
            self._tgt.pop(b, None)

    def source_by_key(self, a: int) -> np.ndarray:
        """The order that sorts the source units of span ``a`` by (key, end)."""
        def build() -> np.ndarray:
            s_seg, s_key, _ = self.source(a)
            # (key, end) pairs are unique, so any sort gives this one order; the default is the fastest.
            return self._order(s_key, s_seg, self.src.size)

        return self._get(self._by_key, "by_key", a, build)

    def source_queries(self, a: int, band: Band) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(key * (m + 1), lo[end], key * (m + 1) + hi[end])`` of the source units of span ``a`` in (key, end) order.

        Every shape with ``a`` source segments looks up the same queries (only the lower bound's
        ``max(lo, b)`` depends on ``b``), so they are gathered once per span and band.
        """
        tag = (a, id(band))
        # Asked by the numpy path only. Two threads may both build an entry (the same arrays): rare, and
        # cheaper than making the other wait.
        if tag not in self._queries or self._bands.get(tag) is not band:
            s_seg, s_key, _ = self.source(a)
            by_key = self.source_by_key(a)
            base = s_key[by_key] * (self.tgt.size + 1)
            seg_sorted = s_seg[by_key]
            with self._lock:
                self._bands[tag] = band  # held, so that its id is not reused while the entry lives
                self._queries[tag] = (base, band.lo[seg_sorted], base + band.hi[seg_sorted])
        return self._queries[tag]

    def target(self, b: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(code, end, count)`` with ``code = key * (m + 1) + end``, sorted."""
        def build() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            t_seg, t_key, t_cnt = _units(self.tgt, b, self.kernels)
            if (self.kernels is not None and t_key.size and _int64(t_seg, t_key) and t_cnt.dtype == np.float64
                    and bool(np.all(t_seg[1:] >= t_seg[:-1]))):
                # Sorted by end: the counting sort by key scatters what the stable order would gather.
                return self.kernels.units_by_key(t_seg, t_key, t_cnt, self.tgt.size + 1, int(t_key.max()) + 1)
            t_code = t_key * (self.tgt.size + 1) + t_seg
            order = self._order(t_key, t_seg, self.tgt.size)
            return t_code[order], t_seg[order], t_cnt[order]

        return self._get(self._tgt, "tgt", b, build)

    def _order(self, key: np.ndarray, end: np.ndarray, size: int) -> np.ndarray:
        """The order that sorts units (sorted by end, then key) by (key, end): the pairs are unique,
        so every sort gives this one order; the kernels' counting sort by key takes linear time."""
        if self.kernels is not None and key.size and bool(np.all(end[1:] >= end[:-1])):
            return self.kernels.order_by_key(np.ascontiguousarray(key, dtype=np.int64), int(key.max()) + 1)
        return np.argsort(key * (size + 1) + end)


def _int64(*arrays: np.ndarray) -> bool:
    """Whether every array is contiguous int64 (what the table kernels are compiled for)."""
    return all(x.dtype == np.int64 and x.flags.c_contiguous for x in arrays)


def _work(src: Side, tgt: Side, band: Band) -> int:
    """The size that decides whether the match tables are worth the kernels: band cells, or the
    documents' anchor occurrences when there are more (a narrow band over long documents, as the
    window search's, still looks every occurrence up)."""
    return max(band.cells, int(src.occ_seg.size + tgt.occ_seg.size))


def match_table(src: Side, tgt: Side, weights: np.ndarray, band: Band, a: int, b: int, penalty: float = 0.0,
                chunk: int = 2_000_000, cache: _UnitCache | None = None) -> np.ndarray:
    """``sum_k (w_k - penalty) m_k`` for the bead of shape ``(a, b)`` ending at each band cell.

    ``m_k = min(c_S(k), c_T(k))`` is computed on the merged bead, which covers sources
    ``[i-a, i)`` and targets ``[j-b, j)`` for the bead ending at node ``(i, j)``: a key twice
    in the source and once in the target matches once. The result is flat over the band.
    """
    out = np.zeros(band.cells, dtype=np.float64)
    cache = cache or _UnitCache(src, tgt, _kernels.for_size(_work(src, tgt, band)))
    s_seg, s_key, s_cnt = cache.source(a)
    t_code, t_seg, t_cnt = cache.target(b)
    if s_seg.size == 0 or t_seg.size == 0:
        return out
    # Look the queries up in (key, end) order, which is nearly the order of ``t_code``: a binary
    # search whose queries walk the table in order stays in cache, one in random order does not
    # (that was most of this function's time). The results are put back in occurrence order, so
    # everything below sums in the same order as before.
    by_key = cache.source_by_key(a)
    if cache.kernels is not None:
        # The look-ups, the chunks and the sums below, in one compiled pass (the same integers and floats);
        # the kernel makes each query from the unit's key and row as it goes (no query arrays kept).
        ints = [np.ascontiguousarray(x, dtype=np.int64) for x in (s_seg, s_key, by_key, t_code, t_seg)]
        floats = [np.ascontiguousarray(x, dtype=np.float64) for x in (s_cnt, t_cnt, weights - penalty)]
        offsets, lo, hi = (np.ascontiguousarray(x, dtype=np.int64) for x in (band.offsets, band.lo, band.hi))
        cache.kernels.match_sum(*ints[:2], floats[0], ints[2], tgt.size + 1, hi, *ints[3:], floats[1], floats[2],
                                offsets, lo, b, chunk, out)
        return out
    base, lo_sorted, hi_query = cache.source_queries(a, band)
    left = np.empty(s_seg.size, dtype=np.intp)
    right = np.empty(s_seg.size, dtype=np.intp)
    left[by_key] = np.searchsorted(t_code, base + np.maximum(lo_sorted, b))
    right[by_key] = np.searchsorted(t_code, hi_query)
    counts = right - left
    keep = counts > 0
    if not keep.any():
        return out
    left, counts = left[keep], counts[keep]
    s_seg, s_cnt = s_seg[keep], s_cnt[keep]
    w_occ = weights[s_key[keep]] - penalty
    row_off = band.offsets[s_seg] - band.lo[s_seg]
    single = bool(s_cnt.max() <= 1.0 and t_cnt.max() <= 1.0)
    ends = np.cumsum(counts)
    bounds = [0]
    while bounds[-1] < counts.size:
        # A chunk of source occurrences whose expansions fit in memory.
        start = bounds[-1]
        stop = int(np.searchsorted(ends, (ends[start - 1] if start else 0) + chunk, side="right"))
        bounds.append(max(stop, start + 1))
    for start, stop in zip(bounds[:-1], bounds[1:]):
        c = counts[start:stop]
        first = np.cumsum(c) - c
        t_idx = np.arange(int(first[-1] + c[-1])) + np.repeat(left[start:stop] - first, c)
        pos = np.repeat(row_off[start:stop], c) + t_seg[t_idx]
        val = np.repeat(w_occ[start:stop], c)
        if not single:
            val *= np.minimum(np.repeat(s_cnt[start:stop], c), t_cnt[t_idx])
        out += np.bincount(pos, weights=val, minlength=band.cells)
    return out


def length_llr(ls: np.ndarray, lt: np.ndarray, params: CostParams) -> np.ndarray:
    """Log-likelihood ratio of the lengths ``ls`` (source chars) and ``lt`` (target chars)."""
    c = params.ratio
    mean = (c * ls + lt) / 2.0
    # Gale and Church's variance grows with length; omissions and notes add a share of it too,
    # which dominates for long stretches (the blocks of coarse levels).
    delta = (lt - c * ls) / np.sqrt(params.var * mean + (params.rel_sd * mean) ** 2 + 1.0)
    # log(((1 - tail) N(delta; 0, 1) + tail N(delta; 0, sd)) / N(delta; 0, sd)), in one exp and one log.
    sd = params.random_sd
    return np.log(params.tail + (1.0 - params.tail) * sd * np.exp(-0.5 * (1.0 - 1.0 / sd**2) * delta * delta))


def kind_score(src_kinds: np.ndarray, tgt_kinds: np.ndarray, a: int, b: int, i: np.ndarray, j: np.ndarray,
               weight: float) -> np.ndarray:
    """Reward heading↔heading; penalise heading↔sentence, boilerplate↔sentence and headings inside merges."""
    def count(kinds: np.ndarray, end: np.ndarray, span: int, code: int) -> np.ndarray:
        acc = np.zeros(end.shape[0])
        for s in range(1, span + 1):
            acc += kinds[end - s] == code
        return acc

    sh = count(src_kinds, i, a, KIND_HEADING)
    th = count(tgt_kinds, j, b, KIND_HEADING)
    sb = count(src_kinds, i, a, KIND_BOILERPLATE)
    tb = count(tgt_kinds, j, b, KIND_BOILERPLATE)
    if a == 1 and b == 1:
        out = np.where((sh == 1) & (th == 1), weight, 0.0)
        out -= np.where(sh != th, weight, 0.0)
        # Page furniture (titles, labels, bylines) paired with running text is the likeliest way for a
        # version-only line to steal a sentence's place, so it costs twice a heading mismatch.
        out -= np.where(sb != tb, 2.0 * weight, 0.0)
        return out
    # A heading or boilerplate line merged with anything else.
    out = -weight * ((sh + sb) * (a > 1) + (th + tb) * (b > 1))
    out -= np.where((sh > 0) != (th > 0), weight, 0.0)
    return out


#: Cells scored at a time by :func:`band_scores` (elementwise arithmetic: the block size changes no result).
SCORE_BLOCK = 1 << 18


def _score_compiled(kernels: ModuleType, out: np.ndarray, rows: np.ndarray, cols: np.ndarray, a: int, b: int,
                    ls_row: np.ndarray, lt_col: np.ndarray, es_row: np.ndarray, et_col: np.ndarray,
                    matched: np.ndarray, prior: float, params: CostParams, src_kinds: np.ndarray | None,
                    tgt_kinds: np.ndarray) -> None:
    """:func:`band_scores`'s arithmetic for one shape with both sides, by the kernels, block by block.

    The kernels do the gathers and the sums cell by cell in numpy's order, without temporaries;
    ``exp`` and ``log`` run in numpy as in :func:`length_llr`, so every score is the same float.
    """
    sd = params.random_sd
    k = -0.5 * (1.0 - 1.0 / sd**2)
    scale = (1.0 - params.tail) * sd
    no_kinds = np.zeros(0)
    for c0 in range(0, rows.shape[0], SCORE_BLOCK):
        c1 = min(c0 + SCORE_BLOCK, rows.shape[0])
        r, c = rows[c0:c1], cols[c0:c1]
        llr = np.empty(c1 - c0)
        kernels.length_exponent(r, c, a, b, ls_row, lt_col, params.ratio, params.var, params.rel_sd, k, llr)
        np.exp(llr, out=llr)
        llr *= scale
        llr += params.tail
        np.log(llr, out=llr)
        kind = no_kinds
        if src_kinds is not None:
            kind = kind_score(src_kinds, tgt_kinds, a, b, np.maximum(r, a), np.maximum(c, b), params.kind_weight)
        kernels.shape_scores(r, c, a, b, llr, prior, es_row, et_col, matched[c0:c1], params.lexical_weight, kind,
                             out[c0:c1])


def band_scores(src: Side, tgt: Side, vocab: Vocabulary, band: Band, params: CostParams,
                shapes: Sequence[tuple[int, int]] = BEAD_TYPES, use_kinds: bool = True) -> np.ndarray:
    """Score of every bead shape ending at every band cell, shape ``(len(shapes), band.cells)``.

    A score is the shape's log prior plus the length, anchor and kind log-likelihood
    ratios; cells where the bead would start before the document does are ``-inf``.
    """
    rows, cols = band.cells_ij()
    # Single precision halves the memory of the largest table; path sums are taken in double.
    out = np.full((len(shapes), band.cells), -np.inf, dtype=np.float32)
    cs = np.concatenate(([0.0], np.cumsum(src.lengths)))
    ct = np.concatenate(([0.0], np.cumsum(tgt.lengths)))
    es = np.concatenate(([0.0], np.cumsum(src.loss)))
    et = np.concatenate(([0.0], np.cumsum(tgt.loss)))
    kinds = use_kinds and params.kind_weight != 0.0 and bool(src.kinds.any() or tgt.kinds.any())
    cache = _UnitCache(src, tgt, _kernels.for_size(_work(src, tgt, band)))
    n, m = src.size, tgt.size

    def fill(t: int) -> None:
        a, b = shapes[t]
        prior = params.log_prior((a, b))
        ok = (rows >= a) & (cols >= b)
        if a == 0 or b == 0:
            score = np.full(int(ok.sum()), prior)
            if kinds:
                # A heading left out costs a little: headings are usually translated.
                dropped = src.kinds[rows[ok] - 1] if a else tgt.kinds[cols[ok] - 1]
                score -= 0.5 * params.kind_weight * (dropped == KIND_HEADING)
            out[t, ok] = score
            return
        if not ok.any():
            return
        del ok
        # Differences of cumulative sums depend on the row (or the column) alone: taken once per
        # row and column and then gathered per cell (the same subtractions, so the same floats).
        r_a, c_b = np.arange(a, n + 1), np.arange(b, m + 1)
        ls_row, es_row = cs[r_a] - cs[r_a - a], es[r_a] - es[r_a - a]
        lt_col, et_col = ct[c_b] - ct[c_b - b], et[c_b] - et[c_b - b]
        # A merged side gives chance more segments to hit: a key has a*b pairings to match in.
        matched = match_table(src, tgt, vocab.join_weight, band, a, b, math.log(a * b), cache=cache)
        if cache.kernels is not None:
            _score_compiled(cache.kernels, out[t], rows, cols, a, b, ls_row, lt_col, es_row, et_col, matched,
                            prior, params, src.kinds if kinds else None, tgt.kinds)
            return
        # The rest is the same arithmetic cell by cell, done in blocks of cells so that the
        # temporaries stay small (memory linear in the band, not a dozen arrays of its size).
        for c0 in range(0, band.cells, SCORE_BLOCK):
            c1 = min(c0 + SCORE_BLOCK, band.cells)
            r, c = rows[c0:c1], cols[c0:c1]
            ok = (r >= a) & (c >= b)
            # Every cell is scored and the cells where the bead cannot start are then left at -inf:
            # cheaper than selecting the allowed cells from each array (each cell's arithmetic is
            # the same either way). Indices are clipped so that the cells left out stay in range.
            i, j = np.maximum(r, a), np.maximum(c, b)
            i_a, j_b = i - a, j - b
            lexical = es_row[i_a]
            lexical += et_col[j_b]
            lexical += matched[c0:c1]
            lexical *= params.lexical_weight
            score = length_llr(ls_row[i_a], lt_col[j_b], params)
            score += prior
            score += lexical
            if kinds:
                score += kind_score(src.kinds, tgt.kinds, a, b, i, j, params.kind_weight)
            np.copyto(out[t, c0:c1], score, where=ok)

    # Merged units of a span are dropped once the last shape that uses them is scored: they are the
    # largest temporaries here, and keeping all spans at once set the peak memory.
    left_src = Counter(a for a, b in shapes if a and b)
    left_tgt = Counter(b for a, b in shapes if a and b)
    # Shapes are scored by source span, then target span: a source span's tables (units and their order
    # by key) are then built once and dropped before the next span's, so fewer tables are alive at once
    # (the 200k pair's peak fell 6 %). The order changes no score (each shape has its own row).
    pending = iter(sorted(range(len(shapes)), key=lambda t: shapes[t]))
    lock = threading.Lock()

    def work() -> None:
        # Each thread takes the next shape; every shape writes its own row of ``out``.
        while True:
            with lock:
                t = next(pending, None)
            if t is None:
                return
            fill(t)
            a, b = shapes[t]
            if a and b:
                with lock:
                    left_src[a] -= 1
                    left_tgt[b] -= 1
                    drop_a, drop_b = left_src[a] == 0, left_tgt[b] == 0
                if drop_a:
                    cache.drop_source(a)
                if drop_b:
                    cache.drop_target(b)

    threads = min(_kernels.threads_for(band.cells), len(shapes))
    if threads <= 1:
        work()
        return out
    # numpy's arithmetic on large arrays and the kernels (``nogil``) release the GIL, so the shapes
    # are scored on two cores; the cache builds each table once, under its lock.
    cache.shared = True
    with ThreadPoolExecutor(threads) as pool:
        for future in [pool.submit(work) for _ in range(threads)]:
            future.result()
    return out


def anchor_ratio(src: Side, tgt: Side, min_pairs: int = 5) -> float:
    """The length ratio (target over source characters) before any alignment.

    Measured on segment pairs that share a rare anchor (a key at most twice on each side: a
    number, a name), which are most likely translations: the median of their length ratios.
    When such pairs are too few, the ratio of the longer halves of both documents (the ``k``
    longest segments of each side, ``k`` half the shorter side's count): whole-document totals
    are misled by material one side alone has, such as a page of short adverts.
    """
    k = max(1, (min(src.size, tgt.size) + 1) // 2)
    top_s = np.sort(src.lengths)[-k:].sum()
    top_t = np.sort(tgt.lengths)[-k:].sum()
    total = float(top_t / max(top_s, 1.0))
    n_keys = int(max(src.occ_key.max(initial=-1), tgt.occ_key.max(initial=-1))) + 1
    if n_keys == 0:
        return total
    ds = np.bincount(src.occ_key, minlength=n_keys)
    dt = np.bincount(tgt.occ_key, minlength=n_keys)
    rare = (ds >= 1) & (ds <= 2) & (dt >= 1) & (dt <= 2)
    s_sel, t_sel = rare[src.occ_key], rare[tgt.occ_key]
    s_seg, s_key = src.occ_seg[s_sel], src.occ_key[s_sel]
    t_seg, t_key = tgt.occ_seg[t_sel], tgt.occ_key[t_sel]
    order = np.argsort(t_key, kind="stable")
    t_seg, t_key = t_seg[order], t_key[order]
    left = np.searchsorted(t_key, s_key, side="left")
    right = np.searchsorted(t_key, s_key, side="right")
    counts = right - left
    rep = np.repeat(np.arange(s_key.size), counts)
    within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    pairs = np.unique(np.stack([s_seg[rep], t_seg[left[rep] + within]], axis=1), axis=0)
    if pairs.shape[0] < min_pairs:
        return total
    return float(np.median(tgt.lengths[pairs[:, 1]] / src.lengths[pairs[:, 0]]))


def estimate_params(src: Side, tgt: Side, beads: Sequence[tuple[Sequence[int], Sequence[int]]] | None,
                    base: CostParams) -> CostParams:
    """Measure the length ratio and spreads and the bead-shape priors.

    Without ``beads`` only the length ratio is measured (see :func:`anchor_ratio`). With
    ``beads`` (a previous pass), the 1-1 beads give the ratio and the spread of matched
    pairs, offset pairs the spread of unrelated ones, and the shape counts, smoothed towards
    the defaults, the priors.
    """
    m = tgt.size
    params = replace(base, ratio=anchor_ratio(src, tgt))
    if not beads:
        return params
    ones = [(s[0], t[0]) for s, t in beads if len(s) == 1 and len(t) == 1]
    if len(ones) >= 10:
        si = np.asarray([p[0] for p in ones], dtype=np.int64)
        tj = np.asarray([p[1] for p in ones], dtype=np.int64)
        ls, lt = src.lengths[si], tgt.lengths[tj]
        ratio = float(lt.sum() / max(ls.sum(), 1.0))
        z = (lt - ratio * ls) / np.sqrt((ratio * ls + lt) / 2.0 + 1.0)
        # Robust spread (median absolute deviation), so that a few bad beads do not inflate it.
        mad = float(np.median(np.abs(z - np.median(z)))) * 1.4826
        var = min(max(mad**2, 1.0), 60.0)
        lr = tgt.lengths[(tj + max(m // 2, 1)) % m]
        zr = (lr - ratio * ls) / np.sqrt(var * (ratio * ls + lr) / 2.0 + 1.0)
        random_sd = float(min(max(np.std(zr), 2.0), 30.0))
        params = replace(params, ratio=ratio, var=var, random_sd=random_sd)
    counts = {shape: 0.0 for shape in BEAD_TYPES}
    for s, t in beads:
        shape = (len(s), len(t))
        if shape in counts:
            counts[shape] += 1
    total = sum(counts.values())
    strength = 50.0
    priors = tuple(
        (shape, (counts[shape] + strength * DEFAULT_PRIORS[shape]) / (total + strength)) for shape in BEAD_TYPES
    )
    return replace(params, priors=priors)


def family_priors(keys: Sequence[str]) -> np.ndarray:
    """The prior survival rate of each key, by its family (the letter before the colon)."""
    return np.asarray([FAMILY_PRIORS.get(k[0], 0.3) for k in keys], dtype=np.float64)

"""Local refinement of a pairwise alignment with a sentence-level translation score (IBM model 1).

:func:`aligner.align.pairwise.align_pair` runs it by default over the whole path (``RefineSettings.whole``,
windows of 25 beads near the old path, model 1 re-trained on the last pass: ``AlignSettings.sentence_weight``)
on pairs of 100 beads to ``sentence_max`` segments a side, and without the score (larger shapes only) in the
windows around non-1-1 beads otherwise; ``refine_with`` runs any other setting. Measured in
``results/align.md`` (fifth round).

The banded search scores a bead by its lengths, its anchors (numbers, symbols, cognates and the
lexicon links learned from pass 1) and the prior of its shape. Links are one-to-one and only the
strongest pairs, so most words say nothing. Around each bead that is not 1-1 (a merge, a split, a
segment left out) the refinement searches a small window again with every content word's evidence
added, from IBM model 1 trained both ways on pass 1's beads (:func:`aligner.align.lexicon.train_model1`),
in both directions::

    llr(T | S) = sum_{f in T} log(mix + (1 - mix) * max_{e in S} t(f|e) / p(f))

``p(f)`` is the word's unigram rate, ``mix`` the share of words left to it (no counterpart). The
best source word (not model 1's mean over the source words) is taken, so a merge is not diluted
by its length alone: with the mean, two true 1-1 beads always beat the 2-2 bead of crossing
sentences that the gold marks. Function words (stems in more than a tenth of the beads) are left
out: they match something in almost any sentence. This is the refinement Bleualign and vecalign
run after their first search, with a translation model of the document itself instead of a
machine translation or embeddings.

Model 1 is re-trained on the very path the score then judges, so by default each pair's ``t`` is
scaled by its leave-one-out share of beads, ``(c - 1) / c`` (``leave_one_out``): two rare words that a
wrong bead put together would otherwise vouch for that bead (measured in ``results/align.md``, sixth
round: a left-out sentence joined its neighbour's bead that way).

Each window (the bead with ``context`` beads on each side, overlapping windows joined) is searched
again whole, with the cost model's own bead scores (:func:`aligner.align.cost.band_scores`) plus
``weight`` times the two ``llr``, plus ``junction_weight`` times the junction evidence of the merged
sides (:func:`junction_llr`: how a segment ends and the next begins, inside beads against between
them, counted on the path); its new segmentation replaces the old one only when it scores
more than ``margin`` above it under that same combined score. No I/O.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..errors import ConfigError
from .cost import BEAD_TYPES, CostParams, Occurrences, Side, Vocabulary, band_scores
from .dp import Band, band_around, nodes_of, search
from .lexicon import Model1


@dataclass(frozen=True)
class RefineSettings:
    """How the refinement weighs its evidence and which windows it searches."""

    #: Weight of the two model-1 log-likelihood ratios against the cost model's bead score.
    weight: float = 0.5
    #: Share of words left to the unigram law (no counterpart in the bead).
    mix: float = 0.5
    #: A window's new segmentation must score this much above the old one.
    margin: float = 0.0
    #: Beads on each side of a non-1-1 bead that its window takes in.
    context: int = 1
    #: Windows with more segments than this on either side are left as they are.
    max_window: int = 40
    #: Longer stretches of windows are cut into windows of at most this many beads (0: never cut).
    max_beads: int = 0
    #: Windows holding fewer beads that are not 1-1 are left as they are.
    min_irregular: int = 1
    #: Nodes searched in a window: those within this many rows or columns of the old path (0: all).
    width: int = 0
    #: Train model 1 again on the last pass's beads (instead of using pass 1's model).
    retrain: bool = False
    #: Prior of the bead shapes the banded search does not try (:data:`EXTRA_SHAPES`), searched in
    #: the windows only; 0: not searched.
    extra_prior: float = 0.0
    #: Search the whole path (cut into windows of ``max_beads`` beads), not only around non-1-1 beads.
    whole: bool = False
    #: Shrink each model-1 pair's probabilities by its leave-one-out share of beads, ``(c - 1) / c``
    #: (:class:`WindowScorer`).
    leave_one_out: bool = False
    #: Weight of the junction evidence (:func:`junction_llr`: how a segment ends and the next begins, in
    #: merged beads against bead boundaries); 0: none. Needs the junction classes passed to :func:`refine`.
    junction_weight: float = 0.0

    def __post_init__(self) -> None:
        if not 0.0 < self.mix < 1.0:
            raise ConfigError("mix", f"must be between 0 and 1 (exclusive), not {self.mix}")
        for name in ("weight", "margin", "context", "max_window", "max_beads", "min_irregular", "width",
                     "junction_weight"):
            if getattr(self, name) < 0:
                raise ConfigError(name, f"must not be negative, not {getattr(self, name)}")


#: Larger bead shapes searched in the windows only (``RefineSettings.extra_prior``).
EXTRA_SHAPES: tuple[tuple[int, int], ...] = ((3, 3), (2, 4), (4, 2), (4, 3), (3, 4), (1, 5), (5, 1), (2, 5), (5, 2))


def window_params(params: CostParams, settings: RefineSettings) -> CostParams:
    """``params`` with priors for :data:`EXTRA_SHAPES` when the settings search them."""
    if settings.extra_prior <= 0:
        return params
    return replace(params, priors=params.priors + tuple((shape, settings.extra_prior) for shape in EXTRA_SHAPES))


class WindowScorer:
    """The model-1 log-likelihood ratios of every bead shape at every node of a window."""

    def __init__(self, model: Model1, src: Occurrences, tgt: Occurrences, mix: float, max_share: float = 0.1,
                 leave_one_out: bool = False) -> None:
        """``src``/``tgt``: the stem occurrences of both documents (stem ids as in ``model``), sorted by segment.

        ``leave_one_out``: each pair's ``t(f|e)`` and ``t(e|f)`` are scaled by ``(c - 1) / c``, ``c`` the beads
        holding both in the training path. Model 1 is trained on the path the score then judges, so a pair
        seen in one bead only (two rare words a wrong bead put together) would vouch for that very bead;
        without the bead being judged, ``c - 1`` beads are left to vouch for it. Pairs seen once count for
        nothing, pairs seen twice for half.
        """
        self.model = model
        self.mix = mix
        self.leave_one_out = leave_one_out
        # Function words (stems in more than ``max_share`` of the beads) match something in almost any
        # sentence, so they would reward every merge by chance: content words only.
        cap = max(max_share * model.beads, 2.0)
        s_keep = (model.known_s & (model.beads_s <= cap))[src.key]
        t_keep = (model.known_t & (model.beads_t <= cap))[tgt.key]
        self.s_seg, self.s_key = src.seg[s_keep], src.key[s_keep]
        self.t_seg, self.t_key = tgt.seg[t_keep], tgt.key[t_keep]
        self.rate_s, self.rate_t = model.rate_s(), model.rate_t()
        # Where each source stem's trained pairs start in ``model.codes`` (sorted by e * n_t + f).
        n_e = int(model.known_s.size)
        self._row_ptr = np.searchsorted(model.codes, np.arange(n_e + 1, dtype=np.int64) * model.n_t)

    def _tables(self, ue: np.ndarray, uf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``t(f|e)`` and ``t(e|f)`` of the distinct stems ``ue`` x ``uf`` (both sorted), 0 for untrained pairs.

        Reads each source stem's row of the trained pairs (``codes`` sorted by ``e``, then ``f``) and keeps
        the targets among ``uf``: as many reads as the rows hold, not one binary search per pair.
        """
        model = self.model
        t_fe = np.zeros((ue.size, uf.size))
        t_ef = np.zeros((ue.size, uf.size))
        if ue.size == 0 or uf.size == 0 or model.codes.size == 0:
            return t_fe, t_ef
        starts, stops = self._row_ptr[ue], self._row_ptr[ue + 1]
        lens = stops - starts
        total = int(lens.sum())
        if total == 0:
            return t_fe, t_ef
        row = np.repeat(np.arange(ue.size), lens)
        idx = np.arange(total) - np.repeat(np.cumsum(lens) - lens, lens) + np.repeat(starts, lens)
        f = model.codes[idx] % model.n_t
        col = np.searchsorted(uf, f)
        col = np.minimum(col, uf.size - 1)
        hit = uf[col] == f
        pairs = idx[hit]
        share = 1.0
        if self.leave_one_out:
            count = model.count[pairs].astype(np.float64)
            share = (count - 1.0) / count
        t_fe[row[hit], col[hit]] = model.t_fe[pairs] * share
        t_ef[row[hit], col[hit]] = model.t_ef[pairs] * share
        return t_fe, t_ef

    def _words(self, seg: np.ndarray, key: np.ndarray, start: int, stop: int) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = np.searchsorted(seg, [start, stop])
        return seg[lo:hi] - start, key[lo:hi]

    def llr(self, i0: int, i1: int, j0: int, j1: int, shapes: Sequence[tuple[int, int]]
            ) -> dict[tuple[int, int], np.ndarray]:
        """For each shape ``(a, b)`` with both sides, ``llr(T|S) + llr(S|T)`` of the bead ending at each node.

        The arrays are ``(n + 1) x (m + 1)`` over the window's nodes (``n = i1 - i0``, ``m = j1 - j0``),
        zero where the bead would start outside the window.
        """
        n, m = i1 - i0, j1 - j0
        e_seg, e_key = self._words(self.s_seg, self.s_key, i0, i1)
        f_seg, f_key = self._words(self.t_seg, self.t_key, j0, j1)
        out = {}
        if e_key.size == 0 and f_key.size == 0:
            return {sh: np.zeros((n + 1, m + 1)) for sh in shapes}
        # Look the distinct stems' pairs up (a repeated stem once), then spread them to the occurrences.
        ue, e_inv = np.unique(e_key, return_inverse=True)
        uf, f_inv = np.unique(f_key, return_inverse=True)
        t_fe_u, t_ef_u = self._tables(ue, uf)
        t_fe, t_ef = t_fe_u[e_inv][:, f_inv], t_ef_u[e_inv][:, f_inv]
        ts = self._direction(t_fe, e_seg, n, f_seg, m, self.rate_t[f_key])
        st = self._direction(t_ef.T, f_seg, m, e_seg, n, self.rate_s[e_key])
        for a, b in shapes:
            if a == 0 or b == 0:
                continue
            grid = np.zeros((n + 1, m + 1))
            if a <= n and b <= m:
                grid[a:, b:] = ts(a, b) + st(b, a).T
            out[(a, b)] = grid
        return out

    def _direction(self, t: np.ndarray, g_seg: np.ndarray, n_g: int, w_seg: np.ndarray, n_w: int,
                   rate: np.ndarray):
        """``f(a, b)``: ``llr`` of the words of ``b`` segments given ``a`` given segments, over end nodes."""
        # Each word's best translation probability from each given segment (0 without words).
        best = np.zeros((n_g, t.shape[1]))
        if t.shape[0]:
            starts = np.flatnonzero(np.concatenate(([True], g_seg[1:] != g_seg[:-1])))
            best[g_seg[starts]] = np.maximum.reduceat(t, starts, axis=0)
        first_w = np.searchsorted(w_seg, np.arange(n_w + 1))
        mix = self.mix

        sums: dict[int, np.ndarray] = {}

        def f(a: int, b: int) -> np.ndarray:
            cum = sums.get(a)
            if cum is None:  # the words' running sums depend on ``a`` only: made once for every ``b``
                got = best[: n_g - a + 1].copy()
                for d in range(1, a):
                    np.maximum(got, best[d: n_g - a + 1 + d], out=got)
                per_word = np.log(mix + (1.0 - mix) * got / rate[None, :])
                cum = sums[a] = np.hstack([np.zeros((per_word.shape[0], 1)), np.cumsum(per_word, axis=1)])
            ends = first_w[b:]
            starts = first_w[: n_w + 1 - b]
            return cum[:, ends] - cum[:, starts]

        return f


def windows(shapes: Sequence[tuple[int, int]], context: int, max_beads: int = 0, min_irregular: int = 1,
            whole: bool = False) -> list[tuple[int, int]]:
    """Bead index ranges ``[k0, k1)`` around every bead that is not 1-1, overlapping ranges joined.

    ``whole``: one range over every bead instead (then cut by ``max_beads``, filtered by ``min_irregular``).

    With ``max_beads``, a joined range longer than that is cut into consecutive ranges of at most
    ``max_beads`` beads (long stretches of merges and nulls would otherwise make a few windows
    whose cost grows with the square of their size). Ranges holding fewer than ``min_irregular``
    beads that are not 1-1 are left out.
    """
    out: list[tuple[int, int]] = [(0, len(shapes))] if whole and shapes else []
    for k, shape in enumerate(shapes):
        if whole or shape == (1, 1):
            continue
        k0, k1 = max(k - context, 0), min(k + context + 1, len(shapes))
        if out and k0 <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], k1))
        else:
            out.append((k0, k1))
    if max_beads > 0:
        out = [(k, min(k + max_beads, k1)) for k0, k1 in out for k in range(k0, k1, max_beads)]
    return [(k0, k1) for k0, k1 in out if sum(1 for shape in shapes[k0:k1] if shape != (1, 1)) >= min_irregular]


def _gather_side(side: Side, starts: np.ndarray, stops: np.ndarray) -> Side:
    """The segments ``starts[w] .. stops[w] - 1`` of every window ``w``, laid end to end and renumbered."""
    idx = np.concatenate([np.arange(a, b) for a, b in zip(starts.tolist(), stops.tolist())])
    pos = np.full(side.size, -1, dtype=np.int64)
    pos[idx] = np.arange(idx.size)
    keep = pos[side.occ_seg] >= 0
    return Side(side.lengths[idx], side.kinds[idx], pos[side.occ_seg[keep]], side.occ_key[keep],
                side.occ_cnt[keep], side.loss[idx])


def _window_band(r0: np.ndarray, r1: np.ndarray, c0: np.ndarray, c1: np.ndarray) -> Band:
    """The band of the windows laid end to end: window ``w`` is the rectangle of nodes ``(r0..r1, c0..c1)``
    (in the laid-out documents), each starting at the corner where the one before ends."""
    lo = np.empty(int(r1[-1]) + 1, dtype=np.int64)
    hi = np.empty_like(lo)
    for w in range(r0.size):  # later windows overwrite the shared corner row's upper bound
        lo[r0[w] + 1: r1[w] + 1] = c0[w]
        hi[r0[w]: r1[w] + 1] = c1[w] + 1
    lo[0] = 0
    return Band(lo, hi)


def _add_window_llr(scores: np.ndarray, band: Band, types: Sequence[tuple[int, int]], scorer: WindowScorer,
                    weight: float, spans: tuple[np.ndarray, ...], laid: tuple[np.ndarray, ...],
                    win: np.ndarray | None = None) -> None:
    """Add ``weight`` times the scorer's ``llr`` to ``scores`` (flat over ``band``) in place.

    Window ``w`` covers the documents' nodes ``(i0..i1, j0..j1)`` (``spans``), laid out at the nodes
    ``(r0..r1, c0..c1)`` (``laid``); the band may hold only part of each rectangle (``width``), so
    every band cell is mapped to its window and its node within it (``win``: :func:`_window_of` of the
    band's cells, when the caller has it already).
    """
    i0, i1, j0, j1 = spans
    r0, r1, c0, c1 = laid
    cell_r, cell_c = band.cells_ij()
    cell_w = win if win is not None else _window_of(cell_r, cell_c, r1, c1)
    order = np.argsort(cell_w, kind="stable")
    bounds = np.searchsorted(cell_w[order], np.arange(r1.size + 1))
    for w in range(r1.size):
        cells = order[bounds[w]: bounds[w + 1]]
        lr, lc = cell_r[cells] - r0[w], cell_c[cells] - c0[w]
        for shape, grid in scorer.llr(int(i0[w]), int(i1[w]), int(j0[w]), int(j1[w]), types).items():
            scores[types.index(shape), cells] += weight * grid[lr, lc]


#: Junction classes: how a segment ends (a sentence end; a weak stop; a closing quote or bracket; anything
#: else, e.g. a word cut off) times whether the next segment of the side starts in lower case (never, in a
#: script without case). Counted per document pair, so a class that says nothing there costs nothing.
JUNCTION_CLASSES = 8
_SENTENCE_END, _WEAK_STOP, _CLOSING = ".!?…。！？؟।॥", ":;,、，；：", ")]»\"'”’›」』）"
#: Add-``JUNCTION_PRIOR`` smoothing of the junction counts (Jeffreys' prior on each class).
JUNCTION_PRIOR = 0.5


def junction_classes(texts: Sequence[str]) -> np.ndarray:
    """The class of the junction after each segment of one side (the last segment's is that of the end of text)."""
    out = np.zeros(len(texts), dtype=np.int64)
    for k, text in enumerate(texts):
        tail = text.rstrip()
        end = 3
        if tail:
            for code, marks in enumerate((_SENTENCE_END, _WEAK_STOP, _CLOSING)):
                if tail[-1] in marks:
                    end = code
                    break
        lower = 0
        for ch in texts[k + 1] if k + 1 < len(texts) else "":
            if ch.isalpha() or ch.isdigit():
                lower = int(ch.islower())
                break
        out[k] = 2 * end + lower
    return out


def junction_llr(shapes: Sequence[tuple[int, int]], classes: tuple[np.ndarray, np.ndarray],
                 prior: float = JUNCTION_PRIOR) -> tuple[np.ndarray, np.ndarray]:
    """Per segment of each side, ``log P(class | joined to the next) - log P(class | a bead ends after it)``.

    Both laws are counted on ``shapes`` (the path being refined): the document pair says how its
    merged segments end and begin (a line cut after a comma and going on in lower case, say), against
    the junctions between beads. The last segment of a side has no junction (0).
    """
    nodes = np.asarray(nodes_of(shapes), dtype=np.int64)
    out = []
    for side, cls in enumerate(classes):
        size = cls.size
        ends = np.zeros(size, dtype=bool)
        stops = nodes[1:, side]
        ends[stops[stops > 0] - 1] = True
        inner = np.arange(size) < size - 1
        joined = np.bincount(cls[inner & ~ends], minlength=JUNCTION_CLASSES) + prior
        broken = np.bincount(cls[inner & ends], minlength=JUNCTION_CLASSES) + prior
        llr = np.log(joined / joined.sum()) - np.log(broken / broken.sum())
        out.append(np.where(inner, llr[cls], 0.0))
    return out[0], out[1]


def _add_junctions(scores: np.ndarray, band: Band, types: Sequence[tuple[int, int]], weights: tuple[np.ndarray, ...],
                   weight: float, spans: tuple[np.ndarray, ...]) -> None:
    """Add ``weight`` times the junction evidence inside each bead's merged sides to ``scores`` in place.

    ``weights`` are :func:`junction_llr`'s per-segment values; a bead of ``a`` sources joins ``a - 1``
    junctions (those after its first ``a - 1`` segments), so 1-1 and null beads get nothing and every
    path pays the same for its bead boundaries. Window ``w`` covers the documents' segments
    ``i0..i1`` and ``j0..j1`` (``spans``), laid end to end as the band's rows and columns.
    """
    i0, i1, j0, j1 = spans
    cum = []
    for w, starts, stops in ((weights[0], i0, i1), (weights[1], j0, j1)):
        laid = np.concatenate([w[a:b] for a, b in zip(starts.tolist(), stops.tolist())])
        cum.append(np.concatenate(([0.0], np.cumsum(laid))))
    rows, cols = band.cells_ij()
    for t, (a, b) in enumerate(types):
        if a < 2 and b < 2:
            continue
        add = np.zeros(rows.size)
        for size, at, cs in ((a, rows, cum[0]), (b, cols, cum[1])):
            if size >= 2:
                ok = at >= size
                add[ok] += cs[at[ok] - 1] - cs[at[ok] - size]
        scores[t] += weight * add


def _window_of(rows: np.ndarray, cols: np.ndarray, r1: np.ndarray, c1: np.ndarray) -> np.ndarray:
    """The window of each cell ``(rows, cols)`` of the laid-out windows.

    A cell of the row two windows share belongs to the earlier one up to its last column (the
    corner is where it ends) and to the later one after it.
    """
    win = np.searchsorted(r1, rows, side="left")  # the first window ending at or below the row
    win = np.minimum(win, r1.size - 1)
    win += (rows == r1[win]) & (cols > c1[win]) & (win + 1 < r1.size)
    return win


def _inside(band: Band, r0: np.ndarray, r1: np.ndarray, c0: np.ndarray, c1: np.ndarray,
            shape: tuple[int, int], win: np.ndarray | None = None) -> np.ndarray:
    """Per band cell: does the bead of ``shape`` ending there start in the same window?

    ``win`` is :func:`_window_of` of the band's cells (the same for every shape, so computed once by the caller).
    """
    rows, cols = band.cells_ij()
    if win is None:
        win = _window_of(rows, cols, r1, c1)
    a, b = shape
    return (rows - a >= r0[win]) & (cols - b >= c0[win])


def _path_score(scores: np.ndarray, extend: Sequence[float], path: Sequence[tuple[int, int]], band: Band,
                start: tuple[int, int], shapes: Sequence[tuple[int, int]]) -> tuple[float, list[float]]:
    """The total and per-bead score of ``path`` from node ``start`` under ``scores`` (flat over ``band``)."""
    index = {sh: t for t, sh in enumerate(shapes)}
    off = band.offsets  # type: ignore[attr-defined]
    total, gains = 0.0, []
    i, j = start
    prev = None
    for a, b in path:
        i, j = i + a, j + b
        t = index[(a, b)]
        g = float(scores[t, off[i] + j - band.lo[i]])
        if 0 in (a, b) and prev == (a, b):
            g += extend[t]
        gains.append(g)
        total += g
        prev = (a, b)
    return total, gains


def refine(shapes: Sequence[tuple[int, int]], gains: Sequence[float], src: Side, tgt: Side, vocab: Vocabulary,
           params: CostParams, scorer: WindowScorer | None, settings: RefineSettings = RefineSettings(),
           junctions: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[list[tuple[int, int]], list[float], int]:
    """Search each window around the non-1-1 beads again with the model-1 evidence added.

    The windows are laid end to end and searched in one banded search (one rectangle per window,
    beads never cross from one to the next), so the cost grows with their total area, not with
    their number. Returns the new shapes and gains (the cost model's bead scores, without the
    model-1 term, so that confidences stay on the scale of the rest) and how many windows changed.
    ``scorer`` may be ``None`` when ``settings.weight`` is 0. ``junctions``: :func:`junction_classes` of
    both documents, for ``settings.junction_weight``.
    """
    shapes, gains = list(shapes), list(gains)
    types = BEAD_TYPES + (EXTRA_SHAPES if settings.extra_prior > 0 else ())
    params = window_params(params, settings)
    nodes = np.asarray(nodes_of(shapes), dtype=np.int64)
    found_windows = windows(shapes, settings.context, settings.max_beads, settings.min_irregular, settings.whole)
    spans = np.asarray(found_windows, dtype=np.int64).reshape(-1, 2)
    if spans.size == 0:
        return shapes, gains, 0
    i0, j0 = nodes[spans[:, 0], 0], nodes[spans[:, 0], 1]
    i1, j1 = nodes[spans[:, 1], 0], nodes[spans[:, 1], 1]
    ok = (i1 > i0) & (j1 > j0) & (i1 - i0 <= settings.max_window) & (j1 - j0 <= settings.max_window)
    spans, i0, j0, i1, j1 = spans[ok], i0[ok], j0[ok], i1[ok], j1[ok]
    if spans.size == 0:
        return shapes, gains, 0
    # Window w covers the laid-out nodes (r0..r1, c0..c1).
    r1, c1 = np.cumsum(i1 - i0), np.cumsum(j1 - j0)
    r0, c0 = r1 - (i1 - i0), c1 - (j1 - j0)
    n, m = int(r1[-1]), int(c1[-1])
    band = _window_band(r0, r1, c0, c1)
    if settings.width > 0:
        # Only the nodes near the old path: the rectangles' far corners cost time and are never reached.
        old_path = [shape for k0, k1 in spans.tolist() for shape in shapes[k0:k1]]
        near = band_around(nodes_of(old_path), n, m, settings.width)
        band = Band(np.maximum(near.lo, band.lo), np.minimum(near.hi, band.hi))
    base = band_scores(_gather_side(src, i0, i1), _gather_side(tgt, j0, j1), vocab, band, params, types, True)
    base = base.astype(np.float64)
    win = _window_of(*band.cells_ij(), r1, c1)
    for t, shape in enumerate(types):
        base[t, ~_inside(band, r0, r1, c0, c1, shape, win)] = -np.inf
    combined = base
    if settings.weight > 0 and scorer is not None:
        combined = base.copy()
        _add_window_llr(combined, band, types, scorer, settings.weight, (i0, i1, j0, j1), (r0, r1, c0, c1),
                        win)
    if settings.junction_weight > 0 and junctions is not None:
        if combined is base:
            combined = base.copy()
        _add_junctions(combined, band, types, junction_llr(shapes, junctions), settings.junction_weight,
                       (i0, i1, j0, j1))
    extend = params.extend(types)
    found, _ = search(band, types, combined, n, m, extend)
    # Cut the laid-out path at the windows' corners.
    pieces: list[list[tuple[int, int]]] = [[] for _ in range(spans.shape[0])]
    w = r = c = 0
    for a, b in found:
        while r == r1[w] and c == c1[w]:
            w += 1
        pieces[w].append((a, b))
        r, c = r + a, c + b
    changed = 0
    for w in range(spans.shape[0] - 1, -1, -1):  # right to left: bead indices stay valid
        k0, k1 = int(spans[w, 0]), int(spans[w, 1])
        old, new = shapes[k0:k1], pieces[w]
        if new == old:
            continue
        corner = (int(r0[w]), int(c0[w]))
        old_total, _ = _path_score(combined, extend, old, band, corner, types)
        new_total, _ = _path_score(combined, extend, new, band, corner, types)
        if not new_total > old_total + settings.margin or not math.isfinite(new_total):
            continue
        shapes[k0:k1] = new
        gains[k0:k1] = _path_score(base, extend, new, band, corner, types)[1]
        changed += 1
    return shapes, gains, changed


__all__ = ["EXTRA_SHAPES", "JUNCTION_CLASSES", "RefineSettings", "WindowScorer", "junction_classes",
           "junction_llr", "refine", "window_params", "windows"]

"""Banded dynamic programming over bead shapes: the pure search core of the pairwise aligner.

Nodes ``(i, j)`` mean "``i`` source and ``j`` target segments consumed"; a bead of shape
``(a, b)`` goes from ``(i-a, j-b)`` to ``(i, j)``. Only nodes inside a :class:`Band` (for each
row ``i`` the columns ``lo[i] <= j < hi[i]``) are searched, so time and memory grow with the
band's area, linear in the document length for a band of fixed width.

Each row is computed with a few numpy operations per bead shape; beads that consume no
source segment (``0-1``) chain inside a row and are folded in with a running maximum
(``D[j] = C[j] + max_{k<=j}(best[k] - C[k])``, ``C`` the cumulative 0-1 scores), so no
Python loop runs over cells. Ties go to the shape listed first.

Large bands are searched by compiled kernels (:mod:`aligner.align._kernels`, numba) that do the
same floating-point operations cell by cell in the same order, so they find the same path with the
same gains; this numpy code is what they are tested against and what runs without numba.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType

import numpy as np

from . import _kernels


@dataclass(frozen=True)
class Band:
    """For each row ``i`` in ``0..n`` the searched columns ``lo[i] <= j < hi[i]``; flat cells row by row."""

    lo: np.ndarray
    hi: np.ndarray

    def __post_init__(self) -> None:
        widths = np.maximum(self.hi - self.lo, 0)
        object.__setattr__(self, "offsets", np.concatenate(([0], np.cumsum(widths))).astype(np.int64))

    @property
    def rows(self) -> int:
        return int(self.lo.shape[0])

    @property
    def cells(self) -> int:
        return int(self.offsets[-1])  # type: ignore[attr-defined]

    def cells_ij(self) -> tuple[np.ndarray, np.ndarray]:
        """Row and column of every flat cell (computed once)."""
        cached = self.__dict__.get("_cells_ij")
        if cached is None:
            cached = self._compute_cells_ij()
            object.__setattr__(self, "_cells_ij", cached)
        return cached

    def _compute_cells_ij(self) -> tuple[np.ndarray, np.ndarray]:
        widths = np.maximum(self.hi - self.lo, 0)
        rows = np.repeat(np.arange(self.rows, dtype=np.int64), widths)
        starts = self.offsets[:-1]  # type: ignore[attr-defined]
        cols = np.arange(self.cells, dtype=np.int64) - np.repeat(starts - self.lo, widths)
        return rows, cols


def full_band(n: int, m: int) -> Band:
    """Every node of the ``(n+1) x (m+1)`` lattice."""
    return Band(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m + 1, dtype=np.int64))


def band_around(path: Sequence[tuple[int, int]], n: int, m: int, width: int) -> Band:
    """The nodes within ``width`` rows/columns of a monotone ``path`` of nodes from ``(0,0)`` to ``(n,m)``.

    The row intervals are made monotone so that every path between the two corners
    inside the band is connected.
    """
    lo = np.full(n + 1, m + 1, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for i, j in path:
        lo[i] = min(lo[i], j)
        hi[i] = max(hi[i], j + 1)
    # Rows the path jumps over (a many-to-one bead) take the columns of the jump.
    last_hi = 0
    for i in range(n + 1):
        if hi[i] == 0:
            lo[i] = last_hi - 1
            hi[i] = last_hi
        last_hi = hi[i]
    return widen(Band(lo, hi), n, m, width)


def widen(band: Band, n: int, m: int, width: int, rows: np.ndarray | None = None) -> Band:
    """Grow the band by ``width`` in both directions (only around ``rows`` when given)."""
    lo, hi = band.lo.copy(), band.hi.copy()
    sel = np.ones(n + 1, dtype=bool) if rows is None else rows
    # Widening along the diagonal: row i may take the columns of rows i-width .. i+width.
    lo_w = _sliding_min(lo, width) - width
    hi_w = _sliding_max(hi, width) + width
    lo = np.where(sel, lo_w, lo)
    hi = np.where(sel, hi_w, hi)
    lo = np.clip(lo, 0, m)
    hi = np.clip(hi, 1, m + 1)
    lo = np.minimum.accumulate(lo[::-1])[::-1]  # non-decreasing
    hi = np.maximum.accumulate(hi)
    lo[0] = 0
    hi[n] = m + 1
    return Band(lo, np.maximum(hi, lo + 1))


def _sliding_min(x: np.ndarray, w: int) -> np.ndarray:
    out = x.copy()
    for d in range(1, w + 1):
        out[d:] = np.minimum(out[d:], x[:-d])
        out[:-d] = np.minimum(out[:-d], x[d:])
    return out


def _sliding_max(x: np.ndarray, w: int) -> np.ndarray:
    out = x.copy()
    for d in range(1, w + 1):
        out[d:] = np.maximum(out[d:], x[:-d])
        out[:-d] = np.maximum(out[:-d], x[d:])
    return out


def predecessors(band: Band, shape: tuple[int, int], sentinel: int) -> np.ndarray:
    """Flat index of the cell a bead of ``shape`` starts from, for every band cell (``sentinel`` if outside).

    Row by row: the bead ending at ``(i, j)`` starts at ``(i - a, j - b)``, whose flat index is the
    cell's own plus a constant of the row, and which lies in the band when ``j`` lies between two
    bounds of the row; so three per-row arrays are spread over the cells instead of gathering the
    band's bounds per cell (:func:`_predecessors_plain` is the cell-by-cell definition).
    """
    a, b = shape
    rows = band.rows
    off = band.offsets  # type: ignore[attr-defined]
    widths = np.diff(off)
    lo, hi = band.lo, band.hi
    i = np.arange(rows, dtype=np.int64)
    r = np.maximum(i - a, 0)
    # Allowed columns j of row i: c = j - b >= 0, lo[r] <= c < hi[r]; none in rows above the a-th.
    j_min = np.maximum(lo[r], 0) + b
    j_max = np.where(i >= a, hi[r] + b, j_min)
    delta = (off[r] - lo[r] - b) - (off[:-1] - lo)
    cols = band.cells_ij()[1]
    flat = np.arange(band.cells, dtype=np.int64)
    ok = cols >= np.repeat(j_min, widths)
    ok &= cols < np.repeat(j_max, widths)
    flat += np.repeat(delta, widths)
    return np.where(ok, flat, sentinel)


def _predecessors_plain(band: Band, shape: tuple[int, int], sentinel: int) -> np.ndarray:
    """Reference for :func:`predecessors`: the same result computed cell by cell (used by the tests)."""
    a, b = shape
    rows, cols = band.cells_ij()
    r, c = rows - a, cols - b
    ok = (r >= 0) & (c >= 0)
    r_ok = np.where(ok, r, 0)
    ok &= (c >= band.lo[r_ok]) & (c < band.hi[r_ok])
    return np.where(ok, band.offsets[r_ok] + c - band.lo[r_ok], sentinel)  # type: ignore[attr-defined]


def search(band: Band, shapes: Sequence[tuple[int, int]], scores: np.ndarray, n: int, m: int,
           extend: Sequence[float] | None = None) -> tuple[list[tuple[int, int]], list[float]]:
    """The best-scoring path of beads from ``(0, 0)`` to ``(n, m)`` inside ``band``.

    ``scores[t]`` is flat over the band: the score of the bead of shape ``shapes[t]`` that
    ends at each cell (``-inf`` where not allowed). Null beads (``1-0``, ``0-1``) come in runs
    (a block of captions, a page of adverts): a null bead that continues a run of its own
    shape scores ``scores[t] + extend[t]`` instead of ``scores[t]`` (an affine gap; ``extend``
    defaults to zeros, i.i.d. beads). Returns the bead shapes in order and the score each
    bead added. Raises ``ValueError`` if the band holds no complete path.

    The forward pass keeps only the state values (no back-pointers): the Python loop over rows
    is the cost here, so each row does as few numpy calls as it can. Every decision (which
    shape, which state, where a 0-1 run began) is made again by :func:`_trace` on the cells
    the best path visits, with the same floating-point operations in the same order, so it is
    the decision the forward pass would have recorded, ties included.
    """
    lo, hi, off = band.lo, band.hi, band.offsets  # type: ignore[attr-defined]
    cells = band.cells
    if any(a == 0 and b != 1 for a, b in shapes) or any(b == 0 and a != 1 for a, b in shapes):
        raise ValueError("null beads must be 1-0 or 0-1")
    ext = [float(x) for x in extend] if extend is not None else [0.0] * len(shapes)
    hgap = next((t for t, sh in enumerate(shapes) if sh == (0, 1)), -1)
    vgap = next((t for t, sh in enumerate(shapes) if sh == (1, 0)), -1)
    others = np.asarray([t for t, (a, b) in enumerate(shapes) if a > 0 and b > 0], dtype=np.int64)
    k = int(others.size)
    neg = -np.inf
    kernels = _kernels.for_size(cells)
    if kernels is not None:
        return _search_compiled(kernels, band, shapes, scores, n, m, ext, hgap, vgap, others)
    # All states live in one flat array, so that one gather per row fetches every predecessor:
    # [D (best of all) | Gv (inside a 1-0 run) | Y = max(M, Gh) (what a 1-0 run may open from)],
    # each ``cells + 1`` long, the last cell of each the sentinel "outside" (-inf).
    size = cells + 1
    state = np.full(3 * size, neg)
    best_all, vert, not_h = state[:size], state[size: 2 * size], state[2 * size:]
    match = np.full(cells, neg)  # M: arrived by a bead with both sides
    horiz = np.full(cells, neg)  # Gh: inside a run of 0-1 beads
    # Row r of ``index`` says where the r-th candidate of each cell comes from; ``gain`` what it adds.
    rows_idx = [predecessors(band, shapes[t], cells) for t in others]
    gain_rows = [t for t in others]
    has_v = vgap >= 0
    if has_v:
        up = predecessors(band, (1, 0), cells)
        rows_idx += [up + 2 * size, up + size]  # opened from Y, extended from Gv
        gain_rows += [vgap, vgap]
    index = np.empty((len(rows_idx), cells), dtype=np.int64 if 3 * size >= 2**31 else np.int32)
    for r, x in enumerate(rows_idx):
        index[r] = x
    del rows_idx
    gain = scores[np.asarray(gain_rows, dtype=np.int64)] if gain_rows else np.zeros((0, cells))
    ext_v = ext[vgap] if has_v else 0.0
    has_h = hgap >= 0
    if has_h:
        open_h = scores[hgap].astype(np.float64)
        step_h = open_h + ext[hgap]
        # The running sum of the 0-1 steps along each row does not depend on the search: taken for
        # every row at once (the same additions in the same order as one accumulate per row).
        cum_h = row_cumsum(step_h, off)
    maximum, add = np.maximum, np.add
    off_l = off.tolist()
    lo0 = int(lo[0])
    for i in range(n + 1):
        s, e = off_l[i], off_l[i + 1]
        w = e - s
        if w == 0:
            continue
        cand = state[index[:, s:e]]
        cand += gain[:, s:e]
        mrow = match[s:e]
        if k:
            maximum.reduce(cand[:k], axis=0, out=mrow)
        if i == 0 and lo0 == 0:
            mrow[0] = 0.0
        if has_v and i > 0:
            extended = cand[k + 1]
            extended += ext_v
            vrow = maximum(cand[k], extended, out=vert[s:e])
            xrow = maximum(mrow, vrow)
        else:
            xrow = mrow
        drow = best_all[s:e]
        if has_h and w > 1:
            # Gh[j] = max_{q<j} X[q] + open[q+1] + ext * (j - q - 1), by a running maximum.
            cum = cum_h[s + 1: e]
            lifted = xrow[:-1] + open_h[s + 1: e]
            lifted -= cum
            hrow = horiz[s:e]
            add(cum, maximum.accumulate(lifted), out=hrow[1:])
            maximum(mrow, hrow, out=not_h[s:e])
            maximum(xrow, hrow, out=drow)
        else:
            not_h[s:e] = mrow
            drow[:] = xrow
    end = int(off[n]) + m - int(lo[n])
    if not (lo[n] <= m < hi[n]) or not np.isfinite(best_all[end]):
        raise ValueError("band holds no complete alignment path")
    if not has_h:
        open_h = step_h = np.zeros(0)
    return _trace(band, shapes, n, m, state, match, horiz, index, gain, k, others, open_h, step_h, ext_v)


def _search_compiled(kernels: ModuleType, band: Band, shapes: Sequence[tuple[int, int]], scores: np.ndarray, n: int,
                     m: int, ext: list[float], hgap: int, vgap: int, others: np.ndarray,
                     ) -> tuple[list[tuple[int, int]], list[float]]:
    """:func:`search` by the compiled kernels: the same operations cell by cell, so the same path and gains."""
    lo, hi, off = band.lo, band.hi, band.offsets  # type: ignore[attr-defined]
    cells = band.cells
    size = cells + 1
    state = np.full(3 * size, -np.inf)
    best_all, vert, not_h = state[:size], state[size: 2 * size], state[2 * size:]
    match = np.full(cells, -np.inf)
    horiz = np.full(cells, -np.inf)
    sh_a = np.asarray([a for a, _ in shapes], dtype=np.int64)
    sh_b = np.asarray([b for _, b in shapes], dtype=np.int64)
    lo64, hi64, off64 = (np.ascontiguousarray(x, dtype=np.int64) for x in (lo, hi, off))
    ext_v = ext[vgap] if vgap >= 0 else 0.0
    ext_h = ext[hgap] if hgap >= 0 else 0.0
    args = (lo64, hi64, off64, sh_a, sh_b, others, vgap, hgap, scores, ext_v, ext_h)
    kernels.forward(*args, n, best_all, vert, not_h, match, horiz)
    end = int(off[n]) + m - int(lo[n])
    if not (lo[n] <= m < hi[n]) or not np.isfinite(best_all[end]):
        raise ValueError("band holds no complete alignment path")
    path_a, path_b, gains = kernels.trace(*args, n, m, best_all, vert, not_h, match, horiz)
    return list(zip(path_a[::-1].tolist(), path_b[::-1].tolist())), gains[::-1].tolist()


def row_cumsum(values: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """For each row (cells ``offsets[i] .. offsets[i+1]-1``) the running sum of ``values`` from its second cell on.

    ``out[s + 1: e]`` equals ``np.add.accumulate(values[s + 1: e])`` bit for bit (the same additions in
    the same order), computed for all rows together: one step per position within a row, over the
    rows at least that wide. ``out[s]`` (a row's first cell) is 0.
    """
    out = np.zeros(values.shape[0], dtype=np.float64)
    starts = np.asarray(offsets[:-1], dtype=np.int64)
    widths = np.asarray(offsets[1:], dtype=np.int64) - starts
    order = np.argsort(-widths, kind="stable")
    starts, widths = starts[order], widths[order]
    active = int(np.count_nonzero(widths > 1))
    first = starts[:active] + 1
    out[first] = values[first]
    for p in range(2, int(widths[0]) if widths.size else 0):
        active = int(np.count_nonzero(widths[:active] > p))
        idx = starts[:active] + p
        out[idx] = out[idx - 1] + values[idx]
    return out


def _row_cumsum_plain(values: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Reference for :func:`row_cumsum`: one accumulate per row (used by the tests)."""
    out = np.zeros(values.shape[0], dtype=np.float64)
    for s, e in zip(offsets[:-1].tolist(), offsets[1:].tolist()):
        if e - s > 1:
            out[s + 1: e] = np.add.accumulate(values[s + 1: e])
    return out


def _trace(band: Band, shapes: Sequence[tuple[int, int]], n: int, m: int, state: np.ndarray, match: np.ndarray,
           horiz: np.ndarray, index: np.ndarray, gain: np.ndarray, k: int, others: np.ndarray, open_h: np.ndarray,
           step_h: np.ndarray, ext_v: float) -> tuple[list[tuple[int, int]], list[float]]:
    """Walk back from ``(n, m)``, taking at each cell the decision the forward pass took there."""
    size = state.shape[0] // 3
    best_all, vert = state[:size], state[size: 2 * size]
    lo_l = band.lo.tolist()
    off_l = band.offsets.tolist()  # type: ignore[attr-defined]

    def cell(i: int, j: int) -> int:
        return off_l[i] + j - lo_l[i]

    # The shape each cell's M state came by, for all cells at once in large blocks: the same sums
    # and the same first-maximum rule as in the forward pass, far cheaper than one argmax per bead.
    m_shape = np.zeros(index.shape[1], dtype=np.int8)
    block = 1 << 18
    for c0 in range(0, index.shape[1] if k else 0, block):
        cand = state[index[:k, c0: c0 + block]]
        cand += gain[:k, c0: c0 + block]
        m_shape[c0: c0 + block] = cand.argmax(axis=0)
    shape_of = [shapes[int(t)] for t in others]
    path: list[tuple[int, int]] = []
    gains: list[float] = []
    i, j, st = n, m, "D"
    while i > 0 or j > 0:
        c = cell(i, j)
        if st == "D":
            # H if Gh > X, else V if Gv > M, else M (X = max(M, Gv)); Gv is -inf where it was never set.
            mv, vv = match[c], vert[c]
            xv = vv if vv > mv else mv
            st = "H" if horiz[c] > xv else ("V" if vv > mv else "M")
        elif st == "X":
            st = "V" if vert[c] > match[c] else "M"
        elif st == "Y":
            st = "H" if horiz[c] > match[c] else "M"
        elif st == "M":
            if k == 0:
                raise ValueError("broken back-pointer")  # pragma: no cover - a bug, not an input error
            a, b = shape_of[m_shape[c]]
            i, j = i - a, j - b
            path.append((a, b))
            gains.append(float(match[c] - best_all[cell(i, j)]))
            st = "D"
        elif st == "H":
            start = lo_l[i] + _run_start(off_l[i], off_l[i + 1], j - lo_l[i], match, vert, open_h, step_h)
            for _ in range(j - start):
                path.append((0, 1))
                gains.append(0.0)
            j = start
            st = "X"
        else:  # "V": opened from Y above, or extended a run of 1-0 beads
            u = int(index[k + 1, c]) - size
            opened = state[index[k, c]] + gain[k, c]
            extended = vert[u] + gain[k + 1, c]
            extended += ext_v
            i -= 1
            path.append((1, 0))
            gains.append(0.0)
            st = "Y" if opened >= extended else "V"
    path.reverse()
    gains.reverse()
    return path, gains


def _run_start(s: int, e: int, p: int, match: np.ndarray, vert: np.ndarray, open_h: np.ndarray,
               step_h: np.ndarray) -> int:
    """Position in its row (cells ``s .. e-1``) where the 0-1 run into position ``p`` began.

    The row's running maximum is computed again exactly as :func:`search` computed it; the run
    starts at the last position before ``p`` where the lifted value reached the running maximum.
    """
    xrow = np.maximum(match[s:e], vert[s:e])
    cum = np.cumsum(step_h[s + 1: e])
    lifted = xrow[:-1] + open_h[s + 1: e]
    lifted -= cum
    run = np.maximum.accumulate(lifted)
    where = np.where(lifted[:p] == run[:p], np.arange(p), 0)
    return int(where.max())


def beads_from_shapes(shapes: Sequence[tuple[int, int]]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Turn a sequence of bead shapes into (source ids, target ids) pairs."""
    out = []
    i = j = 0
    for a, b in shapes:
        out.append((tuple(range(i, i + a)), tuple(range(j, j + b))))
        i += a
        j += b
    return out


def nodes_of(shapes: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The lattice nodes a path of shapes visits, ``(0, 0)`` first."""
    if not shapes:
        return [(0, 0)]
    ends = np.cumsum(np.asarray(shapes, dtype=np.int64).reshape(-1, 2), axis=0)
    return [(0, 0), *zip(ends[:, 0].tolist(), ends[:, 1].tolist())]


def touches_edge(band: Band, nodes: Sequence[tuple[int, int]], n: int, m: int, margin: int = 1) -> np.ndarray:
    """Rows where the path runs within ``margin`` of a band edge that is not a document edge."""
    hit = np.zeros(n + 1, dtype=bool)
    for i, j in nodes:
        lo_i, hi_i = int(band.lo[i]), int(band.hi[i])
        if (j - lo_i < margin and lo_i > 0) or (hi_i - 1 - j < margin and hi_i <= m):
            hit[i] = True
    return hit

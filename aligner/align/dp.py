"""Banded dynamic programming over bead shapes: the pure search core of the pairwise aligner.

Nodes ``(i, j)`` mean "``i`` source and ``j`` target segments consumed"; a bead of shape
``(a, b)`` goes from ``(i-a, j-b)`` to ``(i, j)``. Only nodes inside a :class:`Band` (for each
row ``i`` the columns ``lo[i] <= j < hi[i]``) are searched, so time and memory grow with the
band's area, linear in the document length for a band of fixed width.

Each row is computed with a few numpy operations per bead shape; beads that consume no
source segment (``0-1``) chain inside a row and are folded in with a running maximum
(``D[j] = C[j] + max_{k<=j}(best[k] - C[k])``, ``C`` the cumulative 0-1 scores), so no
Python loop runs over cells. Ties go to the shape listed first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


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
    """Flat index of the cell a bead of ``shape`` starts from, for every band cell (``sentinel`` if outside)."""
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
    """
    lo, hi, off = band.lo, band.hi, band.offsets  # type: ignore[attr-defined]
    cells = band.cells
    if any(a == 0 and b != 1 for a, b in shapes) or any(b == 0 and a != 1 for a, b in shapes):
        raise ValueError("null beads must be 1-0 or 0-1")
    ext = list(extend) if extend is not None else [0.0] * len(shapes)
    hgap = next((t for t, sh in enumerate(shapes) if sh == (0, 1)), -1)
    vgap = next((t for t, sh in enumerate(shapes) if sh == (1, 0)), -1)
    others = np.asarray([t for t, (a, b) in enumerate(shapes) if a > 0 and b > 0], dtype=np.int64)
    pred = np.stack([predecessors(band, shapes[t], cells).astype(np.int32) for t in others])
    up = predecessors(band, (1, 0), cells)
    neg = -np.inf
    best_all = np.full(cells + 1, neg)  # D: best of all states; the last cell is the sentinel "outside"
    match = np.full(cells, neg)  # M: arrived by a bead with both sides
    vert = np.full(cells + 1, neg)  # Gv: inside a run of 1-0 beads
    not_h = np.full(cells + 1, neg)  # Y = max(M, Gh): what a 1-0 run may open from
    m_shape = np.full(cells, -1, dtype=np.int8)
    d_state = np.zeros(cells, dtype=np.int8)  # 0: M, 1: Gh, 2: Gv
    h_start = np.zeros(cells, dtype=np.int32)  # column where the 0-1 run into the cell began
    v_open = np.zeros(cells, dtype=bool)  # Gv opened here from Y (else extended a run)
    x_is_v = np.zeros(cells, dtype=bool)  # X = max(M, Gv) came from Gv
    y_is_h = np.zeros(cells, dtype=bool)  # Y came from Gh
    for i in range(n + 1):
        s, e = int(off[i]), int(off[i + 1])
        w = e - s
        if w == 0:
            continue
        if others.size:
            cand = best_all[pred[:, s:e]] + scores[others, s:e]
            k = cand.argmax(axis=0)
            mrow = cand[k, np.arange(w)]
            m_shape[s:e] = others[k]
        else:
            mrow = np.full(w, neg)
        if i == 0 and lo[0] == 0:
            mrow[0] = 0.0
            m_shape[s] = -1
        match[s:e] = mrow
        # 1-0 runs come down from the row above.
        if vgap >= 0 and i > 0:
            u = up[s:e]
            opened = not_h[u] + scores[vgap, s:e]
            extended = vert[u] + scores[vgap, s:e] + ext[vgap]
            v_open[s:e] = opened >= extended
            vrow = np.maximum(opened, extended)
        else:
            vrow = np.full(w, neg)
        vert[s:e] = vrow
        x_is_v[s:e] = vrow > mrow
        xrow = np.maximum(mrow, vrow)
        # 0-1 runs go along the row: Gh[j] = max_{k<j} X[k] + open[k+1] + ext * (j - k - 1), by a running maximum.
        hrow = np.full(w, neg)
        if hgap >= 0 and w > 1:
            open_ = scores[hgap, s:e].astype(np.float64)
            step = open_ + ext[hgap]
            step[0] = 0.0
            cum = np.cumsum(step)
            lifted = xrow[:-1] + open_[1:] - cum[1:]
            run = np.maximum.accumulate(lifted)
            hrow[1:] = cum[1:] + run
            where = np.where(lifted == run, np.arange(w - 1), 0)
            h_start[s + 1: e] = np.maximum.accumulate(where)
        y_is_h[s:e] = hrow > mrow
        not_h[s:e] = np.maximum(mrow, hrow)
        drow = np.maximum(xrow, hrow)
        d_state[s:e] = np.where(hrow > xrow, 1, np.where(vrow > mrow, 2, 0))
        best_all[s:e] = drow
    end = int(off[n]) + m - int(lo[n])
    if not (lo[n] <= m < hi[n]) or not np.isfinite(best_all[end]):
        raise ValueError("band holds no complete alignment path")
    return _trace(band, shapes, n, m, best_all, match, m_shape, d_state, h_start, v_open, x_is_v, y_is_h)


def _trace(band: Band, shapes: Sequence[tuple[int, int]], n: int, m: int, best_all: np.ndarray, match: np.ndarray,
           m_shape: np.ndarray, d_state: np.ndarray, h_start: np.ndarray, v_open: np.ndarray, x_is_v: np.ndarray,
           y_is_h: np.ndarray) -> tuple[list[tuple[int, int]], list[float]]:
    lo, off = band.lo, band.offsets  # type: ignore[attr-defined]

    def cell(i: int, j: int) -> int:
        return int(off[i]) + j - int(lo[i])

    path: list[tuple[int, int]] = []
    gains: list[float] = []
    i, j, state = n, m, "D"
    while i > 0 or j > 0:
        c = cell(i, j)
        if state == "D":
            state = ("M", "H", "V")[int(d_state[c])]
        elif state == "X":
            state = "V" if x_is_v[c] else "M"
        elif state == "Y":
            state = "H" if y_is_h[c] else "M"
        elif state == "M":
            t = int(m_shape[c])
            if t < 0:
                raise ValueError("broken back-pointer")  # pragma: no cover - a bug, not an input error
            a, b = shapes[t]
            i, j = i - a, j - b
            path.append((a, b))
            gains.append(float(match[c] - best_all[cell(i, j)]))
            state = "D"
        elif state == "H":
            k = int(h_start[c])  # the run began at column lo + k of this row
            start = int(lo[i]) + k
            for _ in range(j - start):
                path.append((0, 1))
                gains.append(0.0)
            j = start
            state = "X"
        else:  # "V"
            opened = bool(v_open[c])
            i -= 1
            path.append((1, 0))
            gains.append(0.0)
            state = "Y" if opened else "V"
    path.reverse()
    gains.reverse()
    return path, gains


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
    nodes = [(0, 0)]
    i = j = 0
    for a, b in shapes:
        i += a
        j += b
        nodes.append((i, j))
    return nodes


def touches_edge(band: Band, nodes: Sequence[tuple[int, int]], n: int, m: int, margin: int = 1) -> np.ndarray:
    """Rows where the path runs within ``margin`` of a band edge that is not a document edge."""
    hit = np.zeros(n + 1, dtype=bool)
    for i, j in nodes:
        lo_i, hi_i = int(band.lo[i]), int(band.hi[i])
        if (j - lo_i < margin and lo_i > 0) or (hi_i - 1 - j < margin and hi_i <= m):
            hit[i] = True
    return hit

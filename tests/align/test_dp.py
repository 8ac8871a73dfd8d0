"""Banded dynamic programming: best path on hand-made scores, band shapes, errors."""

from __future__ import annotations

import numpy as np
import pytest

from aligner.align.dp import Band, band_around, beads_from_shapes, full_band, nodes_of, search, touches_edge, widen

SHAPES = ((1, 1), (1, 0), (0, 1), (2, 1))


def scores_for(band: Band, wanted: dict[tuple[int, int, int, int], float], default: float = -5.0) -> np.ndarray:
    """Scores where the bead ``(a, b)`` ending at ``(i, j)`` gets ``wanted[(a, b, i, j)]`` else ``default``."""
    rows, cols = band.cells_ij()
    out = np.full((len(SHAPES), band.cells), default)
    for t, (a, b) in enumerate(SHAPES):
        for c in range(band.cells):
            i, j = int(rows[c]), int(cols[c])
            if i < a or j < b:
                out[t, c] = -np.inf
            else:
                out[t, c] = wanted.get((a, b, i, j), default)
    return out


def test_search_follows_the_rewarded_beads() -> None:
    band = full_band(3, 2)
    wanted = {(1, 1, 1, 1): 2.0, (2, 1, 3, 2): 3.0}
    shapes, gains = search(band, SHAPES, scores_for(band, wanted), 3, 2)
    assert shapes == [(1, 1), (2, 1)]
    assert gains == pytest.approx([2.0, 3.0])
    assert beads_from_shapes(shapes) == [((0,), (0,)), ((1, 2), (1,))]


def test_search_chains_insertions_in_one_row() -> None:
    band = full_band(1, 3)
    # Best: delete targets 0 and 1, then 1-1; 0-1 beads chain inside row 0.
    wanted = {(0, 1, 0, 1): -1.0, (0, 1, 0, 2): -1.0, (1, 1, 1, 3): 4.0}
    shapes, gains = search(band, SHAPES, scores_for(band, wanted, -9.0), 1, 3)
    assert shapes == [(0, 1), (0, 1), (1, 1)]
    assert gains == pytest.approx([0.0, 0.0, 4.0])  # null beads add nothing to a bead's own score


@pytest.mark.parametrize(
    "extend,expected", [(0.0, [(1, 1), (0, 1), (1, 1), (0, 1)]), (2.0, [(1, 1), (1, 1), (0, 1), (0, 1)])]
)
def test_runs_of_null_beads_are_cheaper_with_an_affine_gap(extend: float, expected: list) -> None:
    # Two targets to leave out: apart (two run openings) or together (one opening, one extension).
    band = full_band(2, 4)
    wanted = {(1, 1, 1, 1): 3.0, (1, 1, 2, 3): 3.2, (1, 1, 2, 2): 3.0}
    scores = scores_for(band, wanted, -2.0)
    shapes, _ = search(band, SHAPES, scores, 2, 4, extend=[0.0, extend, extend, 0.0])
    assert shapes == expected


def test_vertical_runs_use_the_extension_too() -> None:
    band = full_band(3, 1)
    wanted = {(1, 1, 1, 1): 3.0}
    shapes, _ = search(band, SHAPES, scores_for(band, wanted, -2.0), 3, 1, extend=[0.0, 1.5, 1.5, 0.0])
    assert shapes == [(1, 1), (1, 0), (1, 0)]


def test_ties_go_to_the_shape_listed_first() -> None:
    band = full_band(2, 2)
    flat = np.zeros((len(SHAPES), band.cells))
    rows, cols = band.cells_ij()
    for t, (a, b) in enumerate(SHAPES):
        flat[t, (rows < a) | (cols < b)] = -np.inf
    shapes, _ = search(band, SHAPES, flat, 2, 2)
    assert shapes == [(1, 1), (1, 1)]


def test_band_without_a_path_is_an_error() -> None:
    band = Band(np.array([0, 0, 0]), np.array([1, 1, 1]))  # column 0 only: the end (2, 2) is outside
    with pytest.raises(ValueError):
        search(band, SHAPES, scores_for(band, {}), 2, 2)


def test_band_around_path_is_monotone_and_holds_it() -> None:
    shapes = [(1, 1), (2, 1), (0, 1), (1, 1)]
    nodes = nodes_of(shapes)
    band = band_around(nodes, 4, 4, 1)
    assert all(band.lo[i] <= j < band.hi[i] for i, j in nodes)
    assert np.all(np.diff(band.lo) >= 0) and np.all(np.diff(band.hi) >= 0)
    assert band.lo[0] == 0 and band.hi[4] == 5


def test_widen_grows_only_selected_rows_and_touches_edge_sees_the_edge() -> None:
    band = band_around(nodes_of([(1, 1)] * 10), 10, 10, 1)
    assert touches_edge(band, [(5, 3)], 10, 10)[5]
    assert not touches_edge(band, [(5, 5)], 10, 10)[5]
    rows = np.zeros(11, dtype=bool)
    rows[5] = True
    wide = widen(band, 10, 10, 3, rows=rows)
    assert wide.hi[5] - wide.lo[5] > band.hi[5] - band.lo[5]
    assert wide.hi[0] - wide.lo[0] == band.hi[0] - band.lo[0]


BIG_SHAPES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3), (3, 2), (2, 3), (4, 1), (1, 4))


def random_case(rng: np.random.Generator, n: int, m: int, shapes, ties: bool, banded: bool):
    if banded:
        path = [(0, 0)]
        i = j = 0
        while (i, j) != (n, m):
            i, j = min(n, i + int(rng.integers(0, 2)) + (j >= m)), min(m, j + int(rng.integers(0, 2)) + (i >= n))
            path.append((i, j))
        band = band_around(path, n, m, int(rng.integers(1, 4)))
    else:
        band = full_band(n, m)
    rows, cols = band.cells_ij()
    if ties:  # few distinct values: many exact ties between shapes, states and run starts
        scores = rng.integers(-3, 2, size=(len(shapes), band.cells)).astype(np.float64)
    else:
        scores = rng.normal(-1.0, 2.0, size=(len(shapes), band.cells))
    scores = scores.astype(np.float32)  # as band_scores makes them
    for t, (a, b) in enumerate(shapes):
        scores[t, (rows < a) | (cols < b)] = -np.inf
    ext = [0.0] * len(shapes)
    for t, sh in enumerate(shapes):
        if sh in ((1, 0), (0, 1)):
            ext[t] = float(rng.choice([0.0, 0.5, 1.0, 2.5]))
    return band, scores, ext


@pytest.mark.parametrize("seed", range(60))
def test_search_agrees_with_the_reference_bead_for_bead(seed: int) -> None:
    rng = np.random.default_rng(seed)
    shapes = (SHAPES, BIG_SHAPES, ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2)))[seed % 3]
    n, m = int(rng.integers(1, 30)), int(rng.integers(1, 30))
    band, scores, ext = random_case(rng, n, m, shapes, ties=seed % 2 == 0, banded=seed % 4 < 2)
    try:
        expected = reference_search(band, shapes, scores, n, m, ext)
    except ValueError:
        with pytest.raises(ValueError):
            search(band, shapes, scores, n, m, ext)
        return
    got = search(band, shapes, scores, n, m, ext)
    assert got[0] == expected[0]
    assert got[1] == expected[1]  # the very same floats


# --- the search as it was before the row loop was slimmed (issue #16), kept as the reference that
# the faster search must agree with bead for bead, ties included ---

from collections.abc import Sequence  # noqa: E402

from aligner.align.dp import predecessors  # noqa: E402


def reference_search(band: Band, shapes: Sequence[tuple[int, int]], scores: np.ndarray, n: int, m: int,
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
    return _reference_trace(band, shapes, n, m, best_all, match, m_shape, d_state, h_start, v_open, x_is_v, y_is_h)


def _reference_trace(band: Band, shapes: Sequence[tuple[int, int]], n: int, m: int, best_all: np.ndarray,
           match: np.ndarray, m_shape: np.ndarray, d_state: np.ndarray, h_start: np.ndarray, v_open: np.ndarray,
           x_is_v: np.ndarray, y_is_h: np.ndarray) -> tuple[list[tuple[int, int]], list[float]]:
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



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

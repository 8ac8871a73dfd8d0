"""The vectorised helpers of the DP give exactly what their plain, cell-by-cell versions give."""

from __future__ import annotations

import numpy as np
import pytest

from aligner.align.dp import Band, _predecessors_plain, band_around, full_band, predecessors, widen


def _random_band(rng: np.random.Generator, n: int, m: int) -> Band:
    """A monotone band around a random monotone path, widened by a random width."""
    i = j = 0
    path = [(0, 0)]
    while i < n or j < m:
        step = rng.integers(0, 3)
        if (step == 0 and i < n) or j == m:
            i += 1
        elif step == 1 and i < n:
            i, j = i + 1, j + 1
        else:
            j += 1
        path.append((i, j))
    return band_around(path, n, m, int(rng.integers(0, 4)))


@pytest.mark.parametrize("seed", range(30))
def test_predecessors_match_plain(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(1, 40)), int(rng.integers(1, 40))
    bands = [_random_band(rng, n, m), full_band(n, m)]
    bands.append(widen(bands[0], n, m, 2, rows=rng.random(n + 1) < 0.3))
    for band in bands:
        for shape in [(1, 0), (0, 1), (1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (3, 3)]:
            got = predecessors(band, shape, band.cells)
            want = _predecessors_plain(band, shape, band.cells)
            assert np.array_equal(got, want), shape

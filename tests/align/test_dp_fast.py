"""The vectorised helpers of the DP give exactly what their plain, cell-by-cell versions give."""

from __future__ import annotations

import numpy as np
import pytest

from aligner.align.cost import Side, _UnitCache, match_table
from aligner.align.dp import (
    Band,
    _predecessors_plain,
    _row_cumsum_plain,
    band_around,
    full_band,
    predecessors,
    row_cumsum,
    widen,
)


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


def _random_side(rng: np.random.Generator, size: int, n_keys: int) -> Side:
    seg, key, cnt = [], [], []
    for s in range(size):
        keys = np.unique(rng.integers(0, n_keys, int(rng.integers(0, 4))))
        seg += [s] * keys.size
        key += keys.tolist()
        cnt += rng.integers(1, 3, keys.size).tolist()
    return Side(rng.integers(5, 80, size).astype(np.float64), np.zeros(size, dtype=np.int8),
                np.asarray(seg, dtype=np.int64), np.asarray(key, dtype=np.int64),
                np.asarray(cnt, dtype=np.float64), np.zeros(size))


def _match_plain(src: Side, tgt: Side, weights: np.ndarray, band: Band, a: int, b: int,
                 penalty: float) -> np.ndarray:
    """``sum_k (w_k - penalty) min(c_S(k), c_T(k))`` cell by cell on the merged bead."""
    def counts(side: Side, start: int, stop: int) -> dict[int, float]:
        out: dict[int, float] = {}
        for s, k, c in zip(side.occ_seg.tolist(), side.occ_key.tolist(), side.occ_cnt.tolist()):
            if start <= s < stop:
                out[k] = out.get(k, 0.0) + c
        return out

    rows, cols = band.cells_ij()
    out = np.zeros(band.cells)
    for c, (i, j) in enumerate(zip(rows.tolist(), cols.tolist())):
        if i < a or j < b:
            continue
        cs, ct = counts(src, i - a, i), counts(tgt, j - b, j)
        out[c] = sum((weights[k] - penalty) * min(v, ct[k]) for k, v in cs.items() if k in ct)
    return out


@pytest.mark.parametrize("seed", range(12))
def test_match_table_with_a_shared_cache_matches_plain(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    n, m = int(rng.integers(2, 25)), int(rng.integers(2, 25))
    src, tgt = _random_side(rng, n, 12), _random_side(rng, m, 12)
    weights = rng.random(12) * 3.0
    band = _random_band(rng, n, m)
    cache = _UnitCache(src, tgt)  # shared across shapes, as band_scores shares it
    for a, b in [(1, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3)]:
        got = match_table(src, tgt, weights, band, a, b, 0.1 * a * b, cache=cache)
        assert np.allclose(got, _match_plain(src, tgt, weights, band, a, b, 0.1 * a * b)), (a, b)
        assert np.array_equal(got, match_table(src, tgt, weights, band, a, b, 0.1 * a * b)), (a, b)


@pytest.mark.parametrize("seed", range(20))
def test_row_cumsum_matches_one_accumulate_per_row(seed: int) -> None:
    rng = np.random.default_rng(200 + seed)
    n, m = int(rng.integers(1, 60)), int(rng.integers(1, 60))
    band = widen(_random_band(rng, n, m), n, m, int(rng.integers(0, 6)), rows=rng.random(n + 1) < 0.5)
    off = band.offsets
    values = (rng.standard_normal(band.cells) * 10.0 ** rng.integers(-3, 4, band.cells)).astype(np.float32)
    values = values.astype(np.float64) - 0.7
    got = row_cumsum(values, off)
    assert np.array_equal(got, _row_cumsum_plain(values, off))  # bit for bit, not approximately

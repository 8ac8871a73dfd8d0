"""The compiled bead scores (lengths, anchors, kinds) are numpy's, float for float."""

from __future__ import annotations

import numpy as np
import pytest

from aligner.align import _kernels, cost
from aligner.align.dp import full_band

from .test_dp_fast import _random_band, _random_side

pytestmark = pytest.mark.skipif(not _kernels.available(), reason="numba is not installed")


def _both(monkeypatch: pytest.MonkeyPatch, *args: object, **kwargs: object) -> tuple[np.ndarray, np.ndarray]:
    monkeypatch.setattr(_kernels, "MIN_CELLS", 1 << 62)
    monkeypatch.delitem(_kernels._STATE, "warm", raising=False)
    plain = cost.band_scores(*args, **kwargs)
    monkeypatch.setattr(_kernels, "MIN_CELLS", 0)
    return plain, cost.band_scores(*args, **kwargs)


@pytest.mark.parametrize("seed", range(16))
def test_compiled_band_scores_equal_numpy(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(9000 + seed)
    n, m = int(rng.integers(2, 80)), int(rng.integers(2, 80))
    src, tgt = _random_side(rng, n, 15), _random_side(rng, m, 15)
    # Lengths over a wide range, so the length model's sums round in every way.
    src.lengths[:] = rng.uniform(1.0, 900.0, n).round(int(rng.integers(0, 3)))
    tgt.lengths[:] = rng.uniform(1.0, 900.0, m)
    src.loss[:] = -rng.random(n) * 3
    tgt.loss[:] = -rng.random(m) * 3
    if seed % 2:
        src.kinds[:] = rng.integers(0, 3, n)
        tgt.kinds[:] = rng.integers(0, 3, m)
    vocab = cost.Vocabulary(np.ones(15, dtype=bool), rng.normal(1.0, 2.0, 15), -rng.random(15), -rng.random(15))
    params = cost.CostParams(ratio=float(rng.uniform(0.5, 2.0)), var=float(rng.uniform(1.0, 60.0)),
                             random_sd=float(rng.uniform(2.0, 30.0)), tail=float(rng.uniform(0.001, 0.2)),
                             rel_sd=float(rng.uniform(0.0, 0.5)), lexical_weight=float(rng.uniform(0.1, 1.0)))
    band = full_band(n, m) if seed % 3 == 0 else _random_band(rng, n, m)
    monkeypatch.setattr(cost, "SCORE_BLOCK", int(rng.integers(1, 5000)))
    plain, compiled = _both(monkeypatch, src, tgt, vocab, band, params, use_kinds=bool(seed % 4))
    assert compiled.dtype == plain.dtype and compiled.shape == plain.shape
    assert compiled.tobytes() == plain.tobytes()


def test_a_large_band_scores_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """Some 100,000 cells per shape: a fused multiply-add anywhere would show in some of them."""
    rng = np.random.default_rng(4)
    n = m = 320
    src, tgt = _random_side(rng, n, 40), _random_side(rng, m, 40)
    src.lengths[:] = rng.uniform(1.0, 400.0, n)
    tgt.lengths[:] = rng.uniform(1.0, 400.0, m) * 1.13
    vocab = cost.Vocabulary(np.ones(40, dtype=bool), rng.normal(1.0, 2.0, 40), -rng.random(40), -rng.random(40))
    params = cost.CostParams(ratio=1.13, var=7.3, random_sd=4.4, rel_sd=0.11)
    plain, compiled = _both(monkeypatch, src, tgt, vocab, full_band(n, m), params)
    assert np.isfinite(plain).sum() > 1_000_000
    assert compiled.tobytes() == plain.tobytes()


@pytest.mark.parametrize("seed", range(12))
def test_compiled_target_tables_are_numpy_s(seed: int) -> None:
    rng = np.random.default_rng(9500 + seed)
    n, m = int(rng.integers(1, 60)), int(rng.integers(1, 60))
    src, tgt = _random_side(rng, n, int(rng.integers(1, 20))), _random_side(rng, m, int(rng.integers(1, 20)))
    plain, fast = cost._UnitCache(src, tgt), cost._UnitCache(src, tgt, _kernels.get())
    for span in range(1, 5):
        for got, want in zip(fast.target(span), plain.target(span)):
            assert got.dtype == want.dtype and np.array_equal(got, want), span

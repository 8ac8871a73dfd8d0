"""The compiled model-1 EM gives the numpy EM's table bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from aligner.align import _kernels, lexicon

pytestmark = pytest.mark.skipif(not _kernels.available(), reason="numba is not installed")


@pytest.mark.parametrize("seed", range(6))
def test_model1_em_kernel_equals_numpy(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(seed)
    n_e, n_f_words = int(rng.integers(2, 40)), int(rng.integers(2, 40))
    n_pairs = int(rng.integers(1, 3000))
    n_occ = int(rng.integers(1, 500))
    e = rng.integers(0, n_e, n_pairs)
    f_word = rng.integers(0, n_f_words, n_pairs)
    raw = e * n_f_words + f_word
    uniq, code = np.unique(raw, return_inverse=True)
    pair_f = rng.integers(0, n_occ, n_pairs)
    null_f = rng.random(n_occ) * 0.1 + 1e-4
    e_of_code = uniq // n_f_words
    args = (code, pair_f, n_occ, null_f, uniq.size, e_of_code, int(rng.integers(1, 8)))
    monkeypatch.setattr(_kernels, "MIN_CELLS", 10**12)
    plain = lexicon._model1(*args)
    monkeypatch.setattr(_kernels, "MIN_CELLS", 0)
    compiled = lexicon._model1(*args)
    assert compiled.dtype == plain.dtype and compiled.shape == plain.shape
    assert compiled.tobytes() == plain.tobytes()


def _beads(rng: np.random.Generator, beads: int, stems: int) -> tuple[np.ndarray, np.ndarray]:
    """Per bead the distinct stems it holds, as ``aggregate`` returns them (sorted by bead, then stem)."""
    rows = [(b, s) for b in range(beads) for s in sorted(set(rng.integers(0, stems, int(rng.integers(0, 9)))))]
    arr = np.asarray(rows, dtype=np.int64).reshape(-1, 2)
    return arr[:, 0].copy(), arr[:, 1].copy()


@pytest.mark.parametrize("seed", range(6))
def test_pair_codes_kernel_equals_numpy(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(100 + seed)
    n_s, n_t = int(rng.integers(1, 60)), int(rng.integers(1, 60))
    sb, ss = _beads(rng, int(rng.integers(1, 300)), n_s)
    tb, ts = _beads(rng, int(rng.integers(1, 300)), n_t)
    monkeypatch.setattr(_kernels, "MIN_CELLS", 10**12)
    plain = lexicon._pair_codes(sb, ss, tb, ts, n_s, n_t)
    monkeypatch.setattr(_kernels, "MIN_CELLS", 0)
    compiled = lexicon._pair_codes(sb, ss, tb, ts, n_s, n_t)
    for a, b in zip(plain, compiled):
        assert a.shape == b.shape
        assert np.array_equal(a, b)

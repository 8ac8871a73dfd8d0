"""The compiled kernels (numba) give what the numpy code gives, bit for bit."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from aligner.align import _kernels
from aligner.align.cost import _UnitCache, _units, match_table
from aligner.align.dp import search

from .test_dp import BIG_SHAPES, SHAPES, random_case
from .test_dp_fast import _random_band, _random_side

kernels = _kernels.get()
needs_numba = pytest.mark.skipif(kernels is None, reason="numba is not installed")


@pytest.fixture
def compiled_always(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every band, however small, goes to the kernels."""
    monkeypatch.setattr(_kernels, "MIN_CELLS", 0)


@pytest.fixture
def numpy_always(monkeypatch: pytest.MonkeyPatch) -> None:
    """No band goes to the kernels."""
    monkeypatch.setattr(_kernels, "MIN_CELLS", 1 << 62)


def _both(monkeypatch: pytest.MonkeyPatch, fn):
    monkeypatch.setattr(_kernels, "MIN_CELLS", 1 << 62)
    try:
        want = fn()
    except ValueError:
        want = ValueError
    monkeypatch.setattr(_kernels, "MIN_CELLS", 0)
    if want is ValueError:
        with pytest.raises(ValueError):
            fn()
        return None, None
    return fn(), want


@needs_numba
@pytest.mark.parametrize("seed", range(120))
def test_compiled_search_gives_the_numpy_path_and_gains(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(1000 + seed)
    shapes = (SHAPES, BIG_SHAPES, ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2)), ((1, 1), (2, 1), (1, 2)),
              ((1, 1), (1, 0)), ((1, 1), (0, 1)))[seed % 6]
    n, m = int(rng.integers(1, 40)), int(rng.integers(1, 40))
    band, scores, ext = random_case(rng, n, m, shapes, ties=seed % 2 == 0, banded=seed % 4 < 2)
    if seed % 5 == 0:
        scores = scores.astype(np.float64) + rng.normal(0.0, 1e-3, scores.shape)  # float64 scores too
    got, want = _both(monkeypatch, lambda: search(band, shapes, scores, n, m, ext))
    if want is None:
        return
    assert got[0] == want[0]
    assert got[1] == want[1]  # the very same floats


@needs_numba
def test_small_bands_stay_on_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(_kernels._STATE, "warm", raising=False)
    monkeypatch.setattr(_kernels, "MIN_CELLS", 100)
    assert _kernels.for_size(99) is None
    assert _kernels.for_size(5) is None
    assert _kernels.for_size(100) is kernels
    # Once a large band has loaded the kernels, smaller ones (down to MIN_CELLS // WARM_FACTOR) use them too.
    assert _kernels.for_size(100 // _kernels.WARM_FACTOR) is kernels
    assert _kernels.for_size(100 // _kernels.WARM_FACTOR - 1) is None
    monkeypatch.setenv("ALIGNER_NO_NUMBA", "1")
    assert _kernels.for_size(100) is None
    assert _kernels.for_size(99) is None


@needs_numba
@pytest.mark.parametrize("seed", range(20))
def test_compiled_match_table_is_the_numpy_sum(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3000 + seed)
    n, m = int(rng.integers(2, 40)), int(rng.integers(2, 40))
    src, tgt = _random_side(rng, n, 10), _random_side(rng, m, 10)
    if seed % 2:  # repeated keys: counts above one take the min of both sides
        src.occ_cnt[:] = rng.integers(1, 4, src.occ_cnt.size)
    weights = rng.normal(0.0, 3.0, 10)
    band = _random_band(rng, n, m)
    chunk = int(rng.integers(1, 30))  # small chunks: the per-chunk sums are what must be kept
    for a, b in [(1, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3)]:
        got, want = _both(monkeypatch, lambda a=a, b=b: match_table(
            src, tgt, weights, band, a, b, np.log(a * b), chunk=chunk))
        assert got.tobytes() == want.tobytes(), (a, b)


@needs_numba
@pytest.mark.parametrize("seed", range(20))
def test_compiled_unit_tables_are_the_sorted_ones(seed: int) -> None:
    rng = np.random.default_rng(4000 + seed)
    n, m = int(rng.integers(1, 50)), int(rng.integers(1, 50))
    src, tgt = _random_side(rng, n, int(rng.integers(1, 15))), _random_side(rng, m, 6)
    src.occ_cnt[:] = rng.integers(1, 4, src.occ_cnt.size) * 0.5  # halves: sums in one order only
    plain, fast = _UnitCache(src, tgt), _UnitCache(src, tgt, kernels)
    for span in range(1, 5):
        for got, want in zip(_units(src, span, kernels), _units(src, span)):
            assert got.dtype == want.dtype and np.array_equal(got, want), span
        assert np.array_equal(fast.source_by_key(span), plain.source_by_key(span))
        for got, want in zip(fast.target(span), plain.target(span)):
            assert got.dtype == want.dtype and np.array_equal(got, want), span


@pytest.mark.parametrize("seed", range(8))
def test_band_scores_do_not_depend_on_the_block_size(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from aligner.align import cost

    rng = np.random.default_rng(5000 + seed)
    n, m = int(rng.integers(2, 40)), int(rng.integers(2, 40))
    src, tgt = _random_side(rng, n, 10), _random_side(rng, m, 10)
    src.kinds[:] = rng.integers(0, 3, n)
    tgt.kinds[:] = rng.integers(0, 3, m)
    vocab = cost.Vocabulary(np.ones(10, dtype=bool), rng.normal(1.0, 2.0, 10), -rng.random(10), -rng.random(10))
    band = _random_band(rng, n, m)
    params = cost.CostParams(ratio=1.1)
    whole = cost.band_scores(src, tgt, vocab, band, params)
    monkeypatch.setattr(cost, "SCORE_BLOCK", int(rng.integers(1, 9)))
    assert cost.band_scores(src, tgt, vocab, band, params).tobytes() == whole.tobytes()


ROOT = Path(__file__).resolve().parents[2]
TEXTBERG = ROOT.parent / "shared" / "bench" / "textberg-dev"


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _align_both_ways(monkeypatch: pytest.MonkeyPatch, src: list[str], tgt: list[str]) -> None:
    from aligner.align.pairwise import align_pair

    monkeypatch.setattr(_kernels, "MIN_CELLS", 1 << 62)
    want = align_pair(src, tgt)
    monkeypatch.setattr(_kernels, "MIN_CELLS", 0)
    got = align_pair(src, tgt)
    assert [(b.source, b.target, b.score) for b in got] == [(b.source, b.target, b.score) for b in want]


@needs_numba
def test_seed_versions_align_the_same_with_the_kernels(monkeypatch: pytest.MonkeyPatch) -> None:
    from aligner.documents import read_document

    texts = [[s.text for s in read_document(str(p)).segments] for p in sorted((ROOT / "corpora/seeds").glob("*.txt"))]
    for src in texts:
        for tgt in texts:
            if src is not tgt:
                _align_both_ways(monkeypatch, src, tgt)


@needs_numba
@pytest.mark.skipif(not TEXTBERG.is_dir(), reason="the shared Text+Berg dev split is not beside the repository")
def test_textberg_dev_aligns_the_same_with_the_kernels(monkeypatch: pytest.MonkeyPatch) -> None:
    from aligner.align.evaluate import read_ladder
    from aligner.align.synthetic import build_pair, units_from_gold

    src, tgt = _lines(TEXTBERG / "dev.de"), _lines(TEXTBERG / "dev.fr")
    _align_both_ways(monkeypatch, src, tgt)
    gold = [(b.source, b.target) for b in read_ladder(TEXTBERG / "dev.defr")]
    pair = build_pair(units_from_gold(src, tgt, gold), 3000, seed=3000)  # coarse levels, widening, both passes
    _align_both_ways(monkeypatch, list(pair.src), list(pair.tgt))


@needs_numba
@pytest.mark.parametrize("seed", range(10))
def test_compiled_match_table_on_a_band_that_is_not_monotone(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bands of any shape (rows out of order too): the look-ups fall back to a binary search."""
    from aligner.align.dp import Band

    rng = np.random.default_rng(6000 + seed)
    n, m = int(rng.integers(2, 30)), int(rng.integers(2, 30))
    src, tgt = _random_side(rng, n, 6), _random_side(rng, m, 6)
    lo = rng.integers(0, m, n + 1)
    band = Band(lo, np.minimum(lo + rng.integers(1, m + 1, n + 1), m + 1))
    weights = rng.normal(0.0, 3.0, 6)
    for a, b in [(1, 1), (2, 1), (1, 2), (3, 2)]:
        got, want = _both(monkeypatch, lambda a=a, b=b: match_table(src, tgt, weights, band, a, b, 0.3))
        assert got.tobytes() == want.tobytes(), (a, b)

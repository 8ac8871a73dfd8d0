"""``aggregate`` counting occurrences (all counts one) by a plain sort gives the stable sum's arrays."""

from __future__ import annotations

import numpy as np
import pytest

from aligner.align.cost import aggregate


def _stable(seg: np.ndarray, key: np.ndarray, cnt: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    kmax = int(key.max()) + 1
    code = seg.astype(np.int64) * kmax + key
    order = np.argsort(code, kind="stable")
    code = code[order]
    starts = np.flatnonzero(np.concatenate(([True], code[1:] != code[:-1])))
    sums = np.add.reduceat(cnt[order].astype(np.float64), starts)
    return code[starts] // kmax, code[starts] % kmax, sums


@pytest.mark.parametrize("sort_min", [0, None])  # (0: every array counted by the sort; None: the default cut)
@pytest.mark.parametrize("seed", range(30))
def test_counting_gives_the_stable_sums(seed: int, sort_min: int | None, monkeypatch: pytest.MonkeyPatch) -> None:
    import aligner.align.cost as cost

    if sort_min is not None:
        monkeypatch.setattr(cost, "AGGREGATE_SORT_MIN", sort_min)
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 4000))
    seg = rng.integers(0, int(rng.integers(1, 400)), n)
    key = rng.integers(0, int(rng.integers(1, 300)), n).astype(np.int32 if seed % 3 == 0 else np.int64)
    for cnt in (np.ones(n), rng.integers(1, 4, n).astype(np.float64)):
        for got, want in zip(aggregate(seg, key, cnt), _stable(seg, key, cnt)):
            assert got.dtype == want.dtype and np.array_equal(got, want)

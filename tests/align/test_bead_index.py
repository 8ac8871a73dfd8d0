"""``bead_index`` (vectorised) gives what writing the beads one by one gives."""

from __future__ import annotations

import random

import numpy as np
import pytest

from aligner.align.cost import bead_index


def _one_by_one(beads: list, n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    src, tgt = np.full(n, -1, dtype=np.int64), np.full(m, -1, dtype=np.int64)
    for b, (s, t) in enumerate(beads):
        src[list(s)] = b
        tgt[list(t)] = b
    return src, tgt


@pytest.mark.parametrize("seed", range(40))
def test_bead_index_is_the_one_by_one_index(seed: int) -> None:
    rng = random.Random(seed)
    beads, i, j = [], 0, 0
    for _ in range(rng.randint(0, 60)):
        a, b = rng.choice([(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (3, 2), (1, 5)])
        beads.append((tuple(range(i, i + a)), tuple(range(j, j + b))))
        i, j = i + a, j + b
    n, m = i + rng.randint(0, 3), j + rng.randint(0, 3)  # trailing segments in no bead stay -1
    for got, want in zip(bead_index(beads, n, m), _one_by_one(beads, n, m)):
        assert got.dtype == want.dtype and np.array_equal(got, want)

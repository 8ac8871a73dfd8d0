"""Synthetic pairs: gold covers every segment once, edits happen, same seed same pair."""

from __future__ import annotations

from aligner.align.synthetic import build_pair, units_from_gold

UNITS = [((f"s{k}.",), (f"t{k}, part one, part two.",)) for k in range(30)]


def test_gold_covers_every_segment_in_order() -> None:
    pair = build_pair(UNITS, 500, seed=3, p_delete=0.05, p_merge=0.05, p_split=0.05, p_insert=0.05)
    src_ids = [i for s, _ in pair.gold for i in s]
    tgt_ids = [j for _, t in pair.gold for j in t]
    assert src_ids == list(range(len(pair.src))) and tgt_ids == list(range(len(pair.tgt)))
    shapes = {(len(s), len(t)) for s, t in pair.gold}
    assert {(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)} <= shapes
    assert len(pair.src) >= 500


def test_same_seed_same_pair() -> None:
    assert build_pair(UNITS, 200, seed=7) == build_pair(UNITS, 200, seed=7)
    assert build_pair(UNITS, 200, seed=7) != build_pair(UNITS, 200, seed=8)


def test_units_from_gold() -> None:
    assert units_from_gold(["a", "b"], ["x"], [((0, 1), (0,))]) == [(("a", "b"), ("x",))]

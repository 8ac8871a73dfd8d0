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


# --- per-condition pairs: the gold must say which source text each target text translates ---

import re  # noqa: E402

import pytest  # noqa: E402

from aligner.align.synthetic import BOILERPLATE, CONDITIONS, SHORT, build_condition_pair  # noqa: E402

# Unit k: source "s<k> ..." and target "t<k> ...", so every text says which unit it came from;
# more units than any test lays, so each unit occurs once.
ID_UNITS = [((f"s{k} source words here.",), (f"t{k} target, words, of this unit.",)) for k in range(1000)]


def ids(texts: tuple[str, ...], side: str) -> list[int]:
    return [int(x) for text in texts for x in re.findall(rf"\b{side}(\d+)\b", text)]


def check_gold(pair) -> None:
    """Every segment in one gold bead, in order; a bead's sources and targets come from the same units."""
    assert [i for s, _ in pair.gold for i in s] == list(range(len(pair.src)))
    assert [j for _, t in pair.gold for j in t] == list(range(len(pair.tgt)))
    for s, t in pair.gold:
        s_ids = ids(tuple(pair.src[i] for i in s), "s")
        t_ids = ids(tuple(pair.tgt[j] for j in t), "t")
        if s and t:
            assert sorted(s_ids) == sorted(t_ids), (s, t)
        elif s:  # a deleted target: its unit's target is nowhere in the document
            assert all(k not in ids(pair.tgt, "t") for k in s_ids)
        else:  # an inserted line or a deleted source
            assert all(k not in ids(pair.src, "s") for k in t_ids)


def shapes_of(pair) -> list[tuple[int, int]]:
    return [(len(s), len(t)) for s, t in pair.gold]


@pytest.mark.parametrize("cond", [c for c in CONDITIONS if "-" in c and c[0].isdigit()])
def test_merges_give_their_shape_with_the_right_gold(cond: str) -> None:
    a, b = int(cond[0]), int(cond[2])
    pair = build_condition_pair(ID_UNITS, 400, {cond: 0.1}, seed=1)
    check_gold(pair)
    shapes = shapes_of(pair)
    assert set(shapes) == {(1, 1), (a, b)}
    assert 0.03 < shapes.count((a, b)) / len(shapes) < 0.2  # about the rate asked for


def test_two_two_targets_straddle_the_source_boundary() -> None:
    pair = build_condition_pair(ID_UNITS, 400, {"2-2": 0.1}, seed=2)
    check_gold(pair)
    merged = [(s, t) for s, t in pair.gold if len(s) == 2]
    assert merged and all(len(t) == 2 for _, t in merged)
    for s, t in merged:
        k1, k2 = ids((pair.src[s[0]],), "s")[0], ids((pair.src[s[1]],), "s")[0]
        first, second = pair.tgt[t[0]], pair.tgt[t[1]]
        # Neither target part is one of the original targets, and the two join back to them.
        assert first != ID_UNITS[k1][1][0] and second != ID_UNITS[k2][1][0]
        assert first + " " + second == ID_UNITS[k1][1][0] + " " + ID_UNITS[k2][1][0]


@pytest.mark.parametrize("cond,shape", [("delete-source-run", (0, 1)), ("delete-target-run", (1, 0))])
def test_deletion_runs(cond: str, shape: tuple[int, int]) -> None:
    pair = build_condition_pair(ID_UNITS, 600, {cond: 0.05}, seed=3, run=(2, 4))
    check_gold(pair)
    shapes = shapes_of(pair)
    assert set(shapes) == {(1, 1), shape}
    runs, cur = [], 0
    for sh in shapes + [(1, 1)]:
        if sh == shape:
            cur += 1
        elif cur:
            runs.append(cur)
            cur = 0
    assert runs and min(runs) >= 2 and max(runs) <= 8  # runs of 2..4, two runs may touch


def test_boilerplate_lines_are_null_beads_in_the_target() -> None:
    pair = build_condition_pair(ID_UNITS, 400, {"boilerplate": 0.05}, seed=4)
    check_gold(pair)
    inserted = [pair.tgt[t[0]] for s, t in pair.gold if not s]
    assert inserted and all(x in BOILERPLATE for x in inserted)
    assert set(shapes_of(pair)) == {(1, 1), (0, 1)}
    assert len(pair.src) == sum(1 for s, _ in pair.gold if s)


def test_reordered_short_segments_are_one_crossing_bead() -> None:
    pair = build_condition_pair(ID_UNITS, 400, {"reorder": 0.1}, seed=5)
    check_gold(pair)
    crossed = [(s, t) for s, t in pair.gold if len(s) == 2]
    assert crossed
    for s, t in crossed:
        assert ids((pair.src[s[0]],), "s") == ids((pair.tgt[t[1]],), "t")  # swapped
        assert ids((pair.src[s[1]],), "s") == ids((pair.tgt[t[0]],), "t")
        assert max(len(pair.src[i]) for i in s) <= SHORT and max(len(pair.tgt[j]) for j in t) <= SHORT


def test_mixed_conditions_same_seed_same_pair_and_unknown_refused() -> None:
    rates = {c: 0.02 for c in CONDITIONS}
    pair = build_condition_pair(ID_UNITS, 800, rates, seed=6)
    check_gold(pair)
    assert pair == build_condition_pair(ID_UNITS, 800, rates, seed=6)
    assert len(set(shapes_of(pair))) >= 7
    with pytest.raises(ValueError):
        build_condition_pair(ID_UNITS, 10, {"3-3": 0.1})


def test_zero_rates_lay_the_units_unchanged() -> None:
    pair = build_condition_pair(ID_UNITS, 100, {}, seed=7)
    check_gold(pair)
    assert set(shapes_of(pair)) == {(1, 1)} and len(pair.src) == 100

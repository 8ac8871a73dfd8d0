"""Multi-way alignment from pairwise beads: merging, insertions, order and coverage."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align.multiway import align_multiway, choose_pivot, validate_units
from aligner.model import Bead, Segment, SegmentKind


def segs(keys: str) -> list[Segment]:
    """One segment per space-separated key; a key like ``3+4`` is a merge of 3 and 4."""
    return [Segment(i, SegmentKind.SENTENCE, k, 1, 1, 0, 0) for i, k in enumerate(keys.split())]


def keys_of(seg: Segment) -> set[str]:
    return set(seg.text.split("+"))


def oracle(src: Sequence[Segment], tgt: Sequence[Segment], _a: str | None, _b: str | None) -> list[Bead]:
    """A perfect pairwise aligner for key-labelled segments (segments sharing a key belong together)."""
    beads: list[Bead] = []
    i = j = 0
    while i < len(src) or j < len(tgt):
        if i < len(src) and j < len(tgt) and keys_of(src[i]) & keys_of(tgt[j]):
            si, tj = [i], [j]
            ks, kt = set(keys_of(src[i])), set(keys_of(tgt[j]))
            while True:
                if i + len(si) < len(src) and keys_of(src[i + len(si)]) & kt:
                    si.append(i + len(si))
                    ks |= keys_of(src[si[-1]])
                elif j + len(tj) < len(tgt) and keys_of(tgt[j + len(tj)]) & ks:
                    tj.append(j + len(tj))
                    kt |= keys_of(tgt[tj[-1]])
                else:
                    break
            beads.append(Bead(tuple(si), tuple(tj), 1.0))
            i, j = si[-1] + 1, tj[-1] + 1
        elif i < len(src) and (j >= len(tgt) or not any(keys_of(src[i]) & keys_of(t) for t in tgt[j:])):
            beads.append(Bead((i,), (), 0.5))
            i += 1
        else:
            beads.append(Bead((), (j,), 0.5))
            j += 1
    return beads


def table(versions: list[str]) -> list[tuple[str, ...]]:
    vs = [segs(v) for v in versions]
    units = align_multiway(vs, [None] * len(vs), oracle)
    return [tuple("+".join(vs[k][i].text for i in u.segments[k]) for k in range(len(vs))) for u in units]


def test_identical_versions_align_one_to_one() -> None:
    assert table(["1 2 3", "1 2 3", "1 2 3"]) == [("1", "1", "1"), ("2", "2", "2"), ("3", "3", "3")]


def test_one_version_only_boilerplate_is_its_own_unit() -> None:
    assert table(["1 2", "T C A 1 2", "1 2"]) == [
        ("", "T", ""), ("", "C", ""), ("", "A", ""), ("1", "1", "1"), ("2", "2", "2"),
    ]


def test_merge_in_one_version_merges_the_unit() -> None:
    assert table(["1 2 3 4", "1 2+3 4", "1 2 3 4"]) == [
        ("1", "1", "1"), ("2+3", "2+3", "2+3"), ("4", "4", "4"),
    ]


def test_sentence_the_pivot_lacks_is_one_unit_for_the_others() -> None:
    # The pivot (median length) lacks "x"; both others have it at the same place.
    assert table(["1 x 2", "1 2", "1 x 2", "1 2"]) == [
        ("1", "1", "1", "1"), ("x", "", "x", ""), ("2", "2", "2", "2"),
    ]


def test_omission_leaves_a_gap() -> None:
    assert table(["1 2 3", "1 3", "1 2 3"]) == [("1", "1", "1"), ("2", "", "2"), ("3", "3", "3")]


def test_empty_version() -> None:
    assert table(["1 2", "1 2"]) == [("1", "1"), ("2", "2")]
    vs = [segs("1 2"), []]
    units = align_multiway(vs, [None, None], oracle)
    assert [u.segments for u in units] == [((0,), ()), ((1,), ())]


def test_choose_pivot_is_median() -> None:
    assert choose_pivot([28, 28, 31, 28]) == 0
    assert choose_pivot([10, 30, 20]) == 2


def test_validate_units_rejects_gaps() -> None:
    from aligner.model import Unit

    with pytest.raises(ValueError):
        validate_units([Unit(((0,), (0,))), Unit(((2,), (1,)))], [3, 2])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.booleans(), min_size=1, max_size=8), min_size=2, max_size=4), st.integers(0, 7))
def test_every_segment_once_in_order(keeps: list[list[bool]], n_keys: int) -> None:
    """Versions are random subsets of one key sequence, some keys merged: invariants hold."""
    versions = []
    for keep in keeps:
        ks = [str(i) for i, flag in enumerate(keep) if flag]
        if n_keys % 2 and len(ks) > 2:
            ks[0:2] = [ks[0] + "+" + ks[1]]
        versions.append(" ".join(ks) if ks else "")
    vs = [segs(v) if v else [] for v in versions]
    units = align_multiway(vs, [None] * len(vs), oracle)
    validate_units(units, [len(v) for v in vs])


def test_the_collector_is_left_as_it_was_found() -> None:
    # The units are built with the garbage collector paused; it comes back on only if it was on.
    import gc

    assert gc.isenabled()
    assert table(["1 2 3", "1 2", "1 3"])
    assert gc.isenabled()
    gc.disable()
    try:
        assert table(["1 2 3", "1 2", "1 3"])
        assert not gc.isenabled()
    finally:
        gc.enable()

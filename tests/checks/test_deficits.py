"""OMI001 from :func:`check_deficits`: a sentence lost where its neighbours were joined (a 3-1 unit)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.checks.structure import check_deficits
from aligner.model import Alignment, Unit
from tests.checks.test_coverage import DA, EN
from tests.conftest import make_document


def _joined(third: list[str]) -> Alignment:
    """en, da and a third version whose sentences 3-5 are one segment (a 3-3-1 unit), 1-1 elsewhere."""
    docs = (make_document("en.txt", "en", EN), make_document("da.txt", "da", DA),
            make_document("da2.txt", "da", third))
    units = [Unit(((i,), (i,), (i,))) for i in range(3)]
    units.append(Unit(((3, 4, 5), (3, 4, 5), (3,))))
    units += [Unit(((i,), (i,), (i - 2,))) for i in range(6, 8)]
    return Alignment(docs, tuple(units))


def test_a_sentence_dropped_between_joined_neighbours_is_found() -> None:
    third = DA[:3] + [DA[3].rstrip(".") + ", og " + DA[5][0].lower() + DA[5][1:]] + DA[6:]
    found = check_deficits(_joined(third))
    assert [(f.code, f.path, f.unit) for f in found] == [("OMI001", "da2.txt", 3)]


@pytest.mark.parametrize("sep", [", ", "; "])
def test_three_sentences_joined_without_a_loss_are_no_omission(sep: str) -> None:
    third = DA[:3] + [sep.join(s.rstrip(".") for s in DA[3:6]) + "."] + DA[6:]
    assert check_deficits(_joined(third)) == []


def test_the_source_is_never_blamed_for_a_deficit() -> None:
    third = DA[:3] + [DA[3].rstrip(".") + ", og " + DA[5][0].lower() + DA[5][1:]] + DA[6:]
    assert check_deficits(_joined(third), source=2) == []


def test_a_split_off_piece_is_no_addition_when_a_translation_holds_its_number() -> None:
    """With a source, the other translations witness too: en says "a mile", da "1,6 km" like da2's piece."""
    from aligner.checks.structure import check_structure

    en = EN[:4] + ["Local businesses had hoped for a quick start, about a mile from the old bridge."] + EN[5:]
    da = DA[:4] + ["De lokale virksomheder havde håbet på en hurtig start, omkring 1,6 km fra den gamle bro."] + DA[5:]
    da2 = DA[:4] + ["De lokale virksomheder havde håbet på en hurtig start.",
                    "Det er omkring 1,6 km fra den gamle bro."] + DA[5:]
    docs = (make_document("en.txt", "en", en), make_document("da.txt", "da", da),
            make_document("da2.txt", "da", da2))
    units = [Unit(((i,), (i,), (i,))) for i in range(5)] + [Unit(((), (), (5,)))]
    units += [Unit(((i,), (i,), (i + 1,))) for i in range(5, 8)]
    found = check_structure(Alignment(docs, tuple(units)), source=0)
    assert [(f.code, f.path) for f in found] == [("ADD003", "da2.txt")]
    assert found[0].evidence["coverage"]["witnesses"] == ["1,6"]  # da's neighbour, not the source, holds it


# --- the windows as first written (every window's numbers read), against the summed, lazy loop ---------------

def _plain_deficits(alignment: Alignment, source: int | None = None,
                    reported: frozenset = frozenset()) -> list[tuple]:
    """The window search of :func:`check_deficits` as first written: each window re-summed, numbers always read."""
    from aligner.checks import structure as st_

    docs, units, n = alignment.documents, alignment.units, len(alignment.documents)
    seg_lengths = [[[len(docs[k].segments[i].text) for i in u.segments[k]] for u in units] for k in range(n)]
    lengths = [[sum(row) for row in per_unit] for per_unit in seg_lengths]
    totals = [sum(row) or 1 for row in lengths]
    out = []
    for k in range(n):
        if k == source:
            continue
        judges = [j for j in range(n) if j != k]
        near = {u for p, u in reported if p == docs[k].path and u is not None}
        u = 0
        while u < len(units):
            best = None
            for width in range(1, st_.DEFICIT_MAX_WIDTH + 1):
                window = range(u, u + width)
                if window.stop > len(units) or any(not lengths[j][v] for j in (k, *judges) for v in window):
                    break
                if any(v + d in near for v in window for d in (-1, 0, 1)):
                    break
                mine = sum(lengths[k][v] for v in window)
                my_count = sum(len(seg_lengths[k][v]) for v in window)
                joined = all(my_count < sum(len(seg_lengths[j][v]) for v in window) for j in judges)
                lost = True
                for j in judges:
                    theirs = [x for v in window for x in seg_lengths[j][v]]
                    p = sum(theirs) * totals[k] / totals[j]
                    if mine < st_.DEFICIT_RATIO * p and p - mine >= st_.DEFICIT_MIN_CHARS:
                        continue
                    allowed = None if joined else st_._lost_numbers(alignment, k, j, window)
                    gap = st_._sentence_gap(mine, theirs, totals[k], totals[j], allowed)
                    if gap is None or gap < st_.SENTENCE_MARGIN:
                        lost = False
                        break
                if lost:
                    best = window
                    break
            if best is None:
                u += 1
                continue
            out.append((docs[k].path, tuple(best)))
            u = best.stop + 1
    return out


_SENTENCES = st.builds(
    lambda words, number: " ".join(words) + (f" {number}" if number is not None else "") + ".",
    st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "epsilonic", "zetas", "et"]), min_size=1, max_size=14),
    st.one_of(st.none(), st.integers(0, 40)),
)


@st.composite
def _alignments(draw: st.DrawFn) -> tuple[Alignment, int | None, frozenset]:
    n = draw(st.integers(2, 4))
    shapes = draw(st.lists(st.tuples(*[st.integers(0, 3)] * n).filter(any), min_size=1, max_size=14))
    texts: list[list[str]] = [[] for _ in range(n)]
    units = []
    for shape in shapes:
        ids = []
        for k, count in enumerate(shape):
            start = len(texts[k])
            texts[k] += [draw(_SENTENCES) for _ in range(count)]
            ids.append(tuple(range(start, start + count)))
        units.append(Unit(tuple(ids)))
    docs = tuple(make_document(f"v{k}.txt", "en", texts[k]) for k in range(n))
    source = draw(st.one_of(st.none(), st.integers(0, n - 1)))
    reported = frozenset(draw(st.sets(st.tuples(st.sampled_from([d.path for d in docs]), st.integers(0, len(units))),
                                      max_size=2)))
    return Alignment(docs, tuple(units)), source, reported


@settings(max_examples=300, deadline=None)
@given(_alignments())
def test_the_window_search_decides_as_the_plain_one(case: tuple[Alignment, int | None, frozenset]) -> None:
    alignment, source, reported = case
    found = [(f.path, tuple(f.evidence["units"])) for f in check_deficits(alignment, source, reported)]
    assert found == _plain_deficits(alignment, source, reported)


def test_the_plain_search_finds_the_joined_loss_too() -> None:
    """The oracle itself is not vacuous: it finds the seeded loss of the first test."""
    third = DA[:3] + [DA[3].rstrip(".") + ", og " + DA[5][0].lower() + DA[5][1:]] + DA[6:]
    assert _plain_deficits(_joined(third)) == [("da2.txt", (2, 3))]

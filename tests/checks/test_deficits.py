"""OMI001 from :func:`check_deficits`: a sentence lost where its neighbours were joined (a 3-1 unit)."""

from __future__ import annotations

import pytest

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

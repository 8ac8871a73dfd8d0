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

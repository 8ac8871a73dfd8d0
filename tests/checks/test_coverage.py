"""Coverage: a null unit is an omission only when the lacking version's neighbourhood lacks the content too."""

from __future__ import annotations

from aligner.checks.coverage import CoverageModel
from aligner.model import Alignment, Unit
from tests.conftest import make_document

#: Eight English sentences and their Danish translations (translated by hand for the test).
PAIRS = [
    ("The council met on Monday to discuss the new budget for the coming year.",
     "Rådet mødtes mandag for at drøfte det nye budget for det kommende år."),
    ("Members argued for hours about the cost of the new bridge across the river.",
     "Medlemmerne diskuterede i timevis omkostningerne ved den nye bro over floden."),
    ("In the end they voted to postpone the decision until the spring session.",
     "Til sidst stemte de for at udskyde beslutningen til forårssamlingen."),
    ("The mayor said she was disappointed but would respect the vote.",
     "Borgmesteren sagde, at hun var skuffet, men ville respektere afstemningen."),
    ("Local businesses had hoped for a quick start to the construction work.",
     "De lokale virksomheder havde håbet på en hurtig start på byggeriet."),
    ("Several shop owners told reporters that the delay would cost them customers.",
     "Flere butiksejere fortalte journalister, at forsinkelsen ville koste dem kunder."),
    ("The opposition welcomed the pause and asked for an independent review.",
     "Oppositionen hilste pausen velkommen og bad om en uafhængig gennemgang."),
    ("A final decision is now expected before the summer holidays.",
     "En endelig beslutning ventes nu inden sommerferien."),
]
EN = [e for e, _ in PAIRS]
DA = [d for _, d in PAIRS]


def _alignment(left: list[str], right: list[str], units: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> Alignment:
    docs = (make_document("en.txt", "en", left), make_document("da.txt", "da", right))
    return Alignment(docs, tuple(Unit((a, b)) for a, b in units))


def _one_to_one(n: int, start: int = 0, shift: int = 0) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [((i,), (i + shift,)) for i in range(start, n)]


def test_a_dropped_sentence_is_absent() -> None:
    da = DA[:4] + DA[5:]
    units = _one_to_one(4) + [((4,), ())] + [((i,), (i - 1,)) for i in range(5, 8)]
    c = CoverageModel(_alignment(EN, da, units)).decide(4, 1, (0,))
    assert not c.covered
    assert c.votes_absent == 1


def test_a_sentence_joined_into_its_neighbour_is_covered() -> None:
    da = DA[:3] + [DA[3] + " " + DA[4]] + DA[5:]
    units = _one_to_one(4) + [((4,), ())] + [((i,), (i - 1,)) for i in range(5, 8)]
    c = CoverageModel(_alignment(EN, da, units)).decide(4, 1, (0,))
    assert c.covered
    assert c.score < 0


def test_a_number_in_the_neighbour_witnesses_the_passage() -> None:
    en = EN[:4] + ["Members argued about the 450 million kroner for the bridge."] + EN[5:]
    da = DA[:3] + [DA[3] + " Medlemmerne diskuterede de 450 mio. kroner til broen."] + DA[5:]
    units = _one_to_one(4) + [((4,), ())] + [((i,), (i - 1,)) for i in range(5, 8)]
    c = CoverageModel(_alignment(en, da, units)).decide(4, 1, (0,))
    assert "450" in c.witnesses
    assert c.covered


def test_a_split_sentence_is_not_an_addition() -> None:
    first, second = DA[4][:30], DA[4][30:]
    da = DA[:4] + [first, second] + DA[5:]
    units = _one_to_one(5) + [((), (5,))] + [((i,), (i + 1,)) for i in range(5, 8)]
    c = CoverageModel(_alignment(EN, da, units)).decide(5, 1, (0,), addition=True)
    assert c.covered


def test_an_inserted_sentence_is_an_addition() -> None:
    da = DA[:5] + ["Dette afsnit findes kun i den danske udgave og har intet modstykke."] + DA[5:]
    units = _one_to_one(5) + [((), (5,))] + [((i,), (i + 1,)) for i in range(5, 8)]
    c = CoverageModel(_alignment(EN, da, units)).decide(5, 1, (0,), addition=True)
    assert not c.covered


def test_a_number_in_the_partners_neighbour_witnesses_a_split_off_piece() -> None:
    """da splits a sentence and its second half, with the distance, is a unit of its own; the English
    neighbour has the distance, so the piece is a split, not an addition (lengths alone would not tell)."""
    en = EN[:4] + ["Local businesses had hoped for a quick start, about 1,6 km from the old bridge site."] + EN[5:]
    da = DA[:4] + [DA[4], "Det ligger omkring 1,6 km fra den gamle bro og hele vejen langs floden."] + DA[5:]
    units = _one_to_one(5) + [((), (5,))] + [((i,), (i + 1,)) for i in range(5, 8)]
    c = CoverageModel(_alignment(en, da, units)).decide(5, 1, (0,), addition=True)
    assert c.witnesses == ("1,6",)
    assert c.covered


def test_a_number_in_words_witnesses_the_passage() -> None:
    """The passage's "fourth" is the "fjerde" that da's joined neighbour has: covered (by value)."""
    en = EN[:4] + ["It was the fourth meeting of the season between the two sides."] + EN[5:]
    da = DA[:3] + [DA[3] + " Det var sæsonens fjerde møde mellem de to hold."] + DA[5:]
    units = _one_to_one(4) + [((4,), ())] + [((i,), (i - 1,)) for i in range(5, 8)]
    c = CoverageModel(_alignment(en, da, units)).decide(4, 1, (0,))
    assert "4" in c.witnesses
    assert c.covered


def test_an_inserted_sentence_with_a_number_of_its_own_stays_an_addition() -> None:
    da = DA[:5] + ["Dette afsnit med 12 ekstra punkter findes kun i den danske udgave."] + DA[5:]
    units = _one_to_one(5) + [((), (5,))] + [((i,), (i + 1,)) for i in range(5, 8)]
    c = CoverageModel(_alignment(EN, da, units)).decide(5, 1, (0,), addition=True)
    assert c.witnesses == ()
    assert not c.covered

"""Alignments built by hand for the exporter tests: the seed versions with the gold units, and nasty text."""

from __future__ import annotations

import pytest

from aligner.io.reader import read_text
from aligner.model import Alignment, Unit
from aligner.segment.layout import build_document
from aligner.signature import make_signature
from tests.conftest import GOLD, SEED_FILES, make_document  # noqa: F401 (test_tmx imports it from here)

SIGNATURE = make_signature("align", {"band": "auto", "pivot": 0})


def gold_alignment() -> Alignment:
    """The four seed versions, aligned by the hand-made gold file."""
    order = [("lt", "lt"), ("da", "da"), ("tl", "tl"), ("te", "te")]
    docs = tuple(
        build_document(read_text(str(SEED_FILES[key])), f"seeds/{SEED_FILES[key].name}", language=lang)
        for key, lang in order
    )
    lines = (GOLD / "alignment.tsv").read_text("utf-8").splitlines()
    units = []
    for line in lines[1:]:
        cells = line.split("\t")
        ids = tuple(tuple(int(x) for x in cell.split(",")) if cell else () for cell in cells)
        present = sum(1 for c in ids if c)
        units.append(Unit(ids, 0.93 if present == len(docs) else 0.0))
    return Alignment(docs, tuple(units), SIGNATURE)


@pytest.fixture(scope="session")
def seed_alignment() -> Alignment:
    return gold_alignment()


NASTY = [
    "Plain sentence.",
    "Tab\there, newline\nthere, backslash \\ and \\t literally.",
    "<script>alert('x & y')</script> \"quoted\"",
    "Controls \x00\x01\x07\x08\x0b\x0c\x1b\x7f end.",
    "Line\u2028separator and form\x0cfeed and next\x85line.",
    "Lone surrogate \ud800 and \ufffe \uffff gone.",
]


@pytest.fixture
def nasty_alignment() -> Alignment:
    """Two versions (en, de) whose text holds everything that breaks naive writers."""
    en = make_document("in/en.txt", "en", NASTY)
    de = make_document("in/de.txt", "de", [f"DE {t}" for t in NASTY] + ["Nur deutsch."])
    units = tuple(Unit(((i,), (i,)), 0.5 + i / 20) for i in range(len(NASTY))) + (Unit(((), (len(NASTY),)), 0.0),)
    return Alignment((en, de), units, SIGNATURE)


@pytest.fixture
def pair_alignment() -> Alignment:
    """Two versions with a 2-1 unit, an insertion and a deletion."""
    en = make_document("a/en.txt", "en", ["One.", "Two.", "Three.", "Four."])
    da = make_document("a/da.txt", "da", ["En og to.", "Tre.", "Ekstra.", ])
    units = (
        Unit(((0, 1), (0,)), 0.87),
        Unit(((2,), (1,)), 0.9),
        Unit(((), (2,)), 0.0),
        Unit(((3,), ()), 0.0),
    )
    return Alignment((en, da), units, SIGNATURE)


@pytest.fixture
def same_language_alignment() -> Alignment:
    """Three versions, two of them Lithuanian."""
    a = make_document("x/a.txt", "lt", ["Labas.", "Viso gero."])
    b = make_document("y/b.txt", "lt", ["Sveiki.", "Iki."])
    c = make_document("z/c.txt", "da", ["Hej.", "Farvel."])
    units = (Unit(((0,), (0,), (0,)), 0.8), Unit(((1,), (1,), (1,)), 0.7))
    return Alignment((a, b, c), units, SIGNATURE)

"""The hand-made segment gold of the seed corpus holds exactly."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from aligner.documents import read_document
from tests.conftest import GOLD, SEED_FILES


def gold_rows(name: str) -> list[dict[str, str]]:
    with open(GOLD / "segments" / f"{name}.tsv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.mark.parametrize("key", sorted(SEED_FILES))
def test_segments_match_gold(key: str) -> None:
    path = SEED_FILES[key]
    doc = read_document(str(path))
    gold = gold_rows(path.stem)
    got = [(s.kind.value, str(s.line), str(s.column), s.text) for s in doc.segments]
    want = [(r["kind"], r["line"], r["column"], r["text"]) for r in gold]
    assert got == want


@pytest.mark.parametrize("key", ["lt", "da", "te"])
def test_article_versions_have_28_segments(key: str) -> None:
    doc = read_document(str(SEED_FILES[key]))
    assert Counter(s.kind.value for s in doc.segments) == {"sentence": 23, "heading": 5}


def test_tagalog_has_front_matter() -> None:
    doc = read_document(str(SEED_FILES["tl"]))
    assert len(doc.segments) == 31
    assert [s.kind.value for s in doc.segments[:3]] == ["title", "boilerplate", "boilerplate"]
    assert doc.segments[1].text == "Talaan ng mga Nilalaman:"
    assert doc.segments[2].text == "Anonim"

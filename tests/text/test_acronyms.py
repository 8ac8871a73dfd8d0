"""Acronyms (:mod:`aligner.text.acronyms`): the letter rule with its limits, and grouping's case rule."""

from __future__ import annotations

import pytest

from aligner.text.acronyms import acronym_key, is_acronym, is_capitals

# word, letter rule (no limit / 8: glossary / 6), case rule (grouping lookup: max 6; grouping names: min 2)
CASES = [
    ("USA", True, True, True, True, True),
    ("U.S.", True, True, True, True, True),
    ("NASA", True, True, True, True, True),
    ("ΑΘΗΝΑ", True, True, True, True, True),
    ("COVID-19", True, True, True, False, True),  # the case rule counts the digits and the hyphen
    ("UNESCOS", True, True, False, False, True),
    ("ABCDEFGHI", True, False, False, False, True),
    ("A4", False, False, False, True, True),  # one letter: not an acronym by letters, upper case by case
    ("ABC中", False, False, False, True, True),  # an uncased letter fails the letter rule only
    ("A", False, False, False, True, False),
    ("A.", False, False, False, True, False),
    ("Ab", False, False, False, False, False),
    ("nasa", False, False, False, False, False),
    ("", False, False, False, False, False),
]


@pytest.mark.parametrize(("word", "any_len", "len8", "len6", "caps6", "caps2"), CASES)
def test_acronym_rules(word: str, any_len: bool, len8: bool, len6: bool, caps6: bool, caps2: bool) -> None:
    assert is_acronym(word) is any_len
    assert is_acronym(word, 8) is len8
    assert is_acronym(word, max_len=6) is len6
    assert is_capitals(word, max_len=6) is caps6
    assert is_capitals(word, min_len=2) is caps2


@pytest.mark.parametrize(("text", "key"), [("U.S.", "US"), ("USA", "USA"), ("USA'S", "USAS"), ("COVID-19", "COVID19")])
def test_acronym_key(text: str, key: str) -> None:
    assert acronym_key(text) == key

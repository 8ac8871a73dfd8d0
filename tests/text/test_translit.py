"""Transliteration and skeletons (:mod:`aligner.text.translit`): the names rule and the aligner's cognate rule."""

from __future__ import annotations

import pytest

from aligner.text.translit import cognate_skeleton, romanisable, skeleton, to_latin, transliterate


@pytest.mark.parametrize(
    ("word", "latin", "names_skeleton"),
    [
        ("customer", "customer", "kstmr"),
        ("Müller", "muller", "mlr"),
        ("кастомер", "kastomer", "kstmr"),
        ("Αθήνα", "athina", "tn"),
        ("కస్టమర్", "kastamar", "kstmr"),
        ("स्टैटिस्टिक्स", "staitistiksa", "ststks"),  # IAST writes the inherent vowel
        ("Philosophy", "philosophy", "flsf"),
        ("Jakarta", "jakarta", "krt"),  # j is y, and y counts as a vowel
        ("北京", "", ""),  # not romanisable: dropped
        ("COVID-19", "covid19", "kvd"),  # digits kept by the transliteration, dropped by the skeleton
    ],
)
def test_names_rule(word: str, latin: str, names_skeleton: str) -> None:
    assert transliterate(word) == latin
    assert skeleton(latin) == names_skeleton


@pytest.mark.parametrize(
    ("word", "latin", "skel"),
    [
        ("customer", "customer", "kstmr"),
        ("Müller", "muller", "mlr"),
        ("కస్టమర్", "kstmr", "kstmr"),
        ("北京", "beijing", "bjng"),  # anyascii reads every script
        ("Vishnu", "vishnu", "wsn"),
        ("Kangchendzönga", "kangchendzonga", "kngkndsng"),
    ],
)
def test_cognate_rule(word: str, latin: str, skel: str) -> None:
    assert to_latin(word) == latin
    assert cognate_skeleton(latin) == skel


@pytest.mark.parametrize(
    ("key", "names", "cognate"),
    [("vishnu", "vsn", "wsn"), ("thomas", "tms", "tms"), ("xavier", "ksvr", "kwr"), ("jojo", "", "j"),
     ("customer", "kstmr", "kstmr")],
)
def test_the_two_skeletons_differ_where_documented(key: str, names: str, cognate: str) -> None:
    assert (skeleton(key), cognate_skeleton(key)) == (names, cognate)


@pytest.mark.parametrize(("script", "readable"), [("Latn", True), ("Cyrl", True), ("Grek", True), ("Deva", True),
                                                  ("Telu", True), ("Arab", False), ("Hani", False), ("Zyyy", False)])
def test_romanisable(script: str, readable: bool) -> None:
    assert romanisable(script) is readable

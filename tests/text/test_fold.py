"""Folding (:mod:`aligner.text.fold`): the token fold keeps accents, the cognate fold strips them."""

from __future__ import annotations

import pytest

from aligner.text.fold import fold, fold_accents


@pytest.mark.parametrize(
    ("text", "folded", "accentless"),
    [
        ("Customer", "customer", "customer"),
        ("Müller", "müller", "muller"),
        ("Kangchendzönga", "kangchendzönga", "kangchendzonga"),
        ("Straße", "strasse", "strasse"),
        ("U.S.", "us", "u.s."),  # the token fold drops dots
        ("data\u200cbase", "database", "data\u200cbase"),  # and zero-width joiners
        ("ﬁle", "file", "file"),
        ("Ǆemal", "ǆemal", "dzemal"),  # NFC keeps the digraph letter, NFKD splits it
        ("ΑΘΉΝΑ", "αθήνα", "αθηνα"),
        ("", "", ""),
    ],
)
def test_the_two_folds(text: str, folded: str, accentless: str) -> None:
    assert fold(text) == folded
    assert fold_accents(text) == accentless


def test_token_fold_composes_decomposed_input() -> None:
    assert fold("Mu\u0308ller") == fold("Müller") == "müller"

"""Tokens (:mod:`aligner.text.tokens`): the three word patterns and the glossary's Token."""

from __future__ import annotations

import pytest
import regex

from aligner.facts import glossary
from aligner.text.tokens import LETTERS, NAME_WORD, TOKEN, Token, token_at, tokenize, word_set

TEXT = "The U.S. Bureau’s 2016 data\u200cbase, don't stop: ISO9001 café"


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (TOKEN, ["The", "U.S.", "Bureau’s", "2016", "data\u200cbase", "don't", "stop", "ISO9001", "café"]),
        (NAME_WORD, ["The", "U.S.", "Bureau’s", "data", "base", "don't", "stop", "ISO", "café"]),
        (regex.compile(LETTERS), ["The", "U", "S", "Bureau", "s", "data", "base", "don", "t", "stop", "ISO", "café"]),
    ],
)
def test_word_patterns(pattern: regex.Pattern, words: list[str]) -> None:
    assert pattern.findall(TEXT) == words


@pytest.mark.parametrize(
    ("word", "folded", "acronym", "script", "letters"),
    [("The", "the", False, "Latn", 3), ("U.S.", "us", True, "Latn", 2), ("2016", "2016", False, "Zyyy", 0),
     ("ABCDEFGHI", "abcdefghi", False, "Latn", 9), ("ЖКХ", "жкх", True, "Cyrl", 3),
     ("కస్టమర్", "కస్టమర్", False, "Telu", 5)],
)
def test_token_fields(word: str, folded: str, acronym: bool, script: str, letters: int) -> None:
    assert token_at(word, 5) == Token(word, 5, 5 + len(word), folded, acronym, script, letters)
    assert tokenize(f"  {word}") == [Token(word, 2, 2 + len(word), folded, acronym, script, letters)]


def test_word_set_is_the_tokens_words() -> None:
    assert word_set(TEXT) == frozenset(t.text for t in tokenize(TEXT))


def test_glossary_reexports_the_tokens() -> None:
    assert glossary.Token is Token and glossary.tokenize is tokenize and glossary.word_set is word_set

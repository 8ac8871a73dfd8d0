"""Sentence-splitting traps from the seed corpus and beyond, one row per case."""

from __future__ import annotations

import pytest

from aligner.segment.punkt import sentence_spans, split_sentences

CASES = [
    # (language, text, expected number of sentences)
    ("lt", "Atstovai 2016 m. Uždirbo vidutiniškai 32 300 JAV dolerių atlyginimą.", 1),
    ("lt", "Tai reiškia, kad 75 proc. Uždirbo daugiau nei ši suma. 75 proc. Darbo užmokestis yra 41,430.", 2),
    ("lt", "Jie pateikia užklausas raštu arba el. paštu. Kiti skambina.", 2),
    ("lt", "Atstovai gali atsakyti į klientų el. Jie taip pat gali padėti.", 2),
    ("da", "Den 75. percentile løn er $ 41.430, hvilket betyder 25 procent tjener mere.", 1),
    ("da", "Lønnen var $ 32.300 i 2016, ifølge U.S. Bureau of Labor Statistics. I 2016 var det anderledes.", 2),
    ("da", "Prisen er ca. 25 kr. pr. styk, bl.a. for nye kunder.", 1),
    ("tl", "Noong 2016, 2,784,500 katao ang nagtatrabaho sa U.S. bilang mga kinatawan.", 1),
    ("tl", "Si Dr. Santos ay dumating. Ang mga kinatawan ay umalis.", 2),
    ("te", "2016 లో, 2,784,500 మంది U.S. లో కస్టమర్ సేవా ప్రతినిధులుగా నియమించబడ్డారు. చివరకు, ఇది ముగిసింది.", 2),
    ("en", "Mr. Smith went to Washington. He arrived at 5 p.m. on Monday.", 2),
    ("en", "The U.S. Bureau of Labor Statistics said so! Really? Yes.", 3),
    (None, "Numbers like 3.14 and 1,000.50 stay inside. A new sentence starts here.", 2),
    (None, "Ends with an ellipsis... and goes on. Then stops.", 2),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_sentence_count(language: str | None, text: str, expected: int) -> None:
    assert len(split_sentences(text, language)) == expected, split_sentences(text, language)


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_spans_keep_every_non_space_character(language: str | None, text: str, expected: int) -> None:
    spans = sentence_spans(text, language)
    covered = "".join(text[a:b] for a, b in spans)
    assert covered.replace(" ", "") == text.replace(" ", "")
    assert all(a < b for a, b in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))


def test_unknown_language_uses_generic_data() -> None:
    assert split_sentences("Das ist gut. Wir gehen nach Hause.", "de") == [
        "Das ist gut.",
        "Wir gehen nach Hause.",
    ]


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("   ", "lt") == []


def test_very_long_paragraph_is_split_completely() -> None:
    text = "Kundeservice er vigtig for enhver virksomhed. " * 5000
    spans = sentence_spans(text.strip(), "da")
    assert len(spans) == 5000
    assert all(text[a:b] == "Kundeservice er vigtig for enhver virksomhed." for a, b in spans)

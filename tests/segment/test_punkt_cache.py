"""Sentence spans are remembered per paragraph: a repeated paragraph gets the spans Punkt gives it."""

from __future__ import annotations

from aligner.segment import punkt
from tests.conftest import SEED_FILES


def _fresh(text: str, language: str | None) -> list[tuple[int, int]]:
    tokenizer = punkt.splitter_for(language)
    if len(text) <= punkt.CHUNK:
        return list(tokenizer.span_tokenize(text))
    return [(a + x, a + y) for a, b in punkt._chunks(text) for x, y in tokenizer.span_tokenize(text[a:b])]


def test_remembered_spans_are_punkts_for_every_seed_paragraph() -> None:
    punkt._spans.cache_clear()
    checked = 0
    for key, path in SEED_FILES.items():
        language = key.rstrip("0123456789")
        for paragraph in path.read_text("utf-8").split("\n"):
            if paragraph.strip():
                first = punkt.sentence_spans(paragraph, language)
                again = punkt.sentence_spans(paragraph, language)  # remembered
                assert first == again == _fresh(paragraph, language)
                checked += 1
    assert checked > 20
    assert punkt._spans.cache_info().hits >= checked


def test_the_language_is_part_of_what_is_remembered() -> None:
    text = "Jis gyvena g. 5 Vilniuje. Tai viskas."
    assert punkt.sentence_spans(text, "lt") == _fresh(text, "lt")
    assert punkt.sentence_spans(text, None) == _fresh(text, None)


def test_a_caller_changing_its_list_changes_nothing_remembered() -> None:
    text = "One sentence here. Another one there."
    spans = punkt.sentence_spans(text, "en")
    spans.append((99, 100))
    assert punkt.sentence_spans(text, "en") == _fresh(text, "en")


def test_a_long_paragraph_is_cut_and_remembered_as_a_whole() -> None:
    text = " ".join(f"Sentence number {i} is here." for i in range(2_000))
    assert len(text) > punkt.CHUNK
    assert punkt.sentence_spans(text, "en") == _fresh(text, "en")
    assert punkt.sentence_spans(text, "en") == _fresh(text, "en")

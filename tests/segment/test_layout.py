"""Layout: titles, headings, lists and boilerplate from the shape of lines."""

from __future__ import annotations

from aligner.model import SegmentKind
from aligner.segment.layout import build_document, is_boilerplate_line


def kinds(text: str, language: str = "en") -> list[tuple[str, str]]:
    doc = build_document(text, "t.txt", language)
    return [(s.kind.value, s.text) for s in doc.segments]


def test_heading_is_short_line_followed_by_paragraph() -> None:
    text = "Intro one. Intro two.\nSales\nWe sell. We buy.\n"
    assert kinds(text) == [
        ("sentence", "Intro one."),
        ("sentence", "Intro two."),
        ("heading", "Sales"),
        ("sentence", "We sell."),
        ("sentence", "We buy."),
    ]


def test_list_of_short_lines_is_not_headings() -> None:
    text = "Many people work here. Their titles include these:\nClerk\nTeller\nSecretary\nAssistant\nThe job is hard.\n"
    got = kinds(text)
    assert all(kind == "sentence" for kind, _ in got)


def test_front_matter_title_and_boilerplate() -> None:
    text = "Two Functions of Service\n\nTable of Contents:\n\nAnonymous\n\nThe department matters. It sells.\n"
    assert kinds(text)[:3] == [
        ("title", "Two Functions of Service"),
        ("boilerplate", "Table of Contents:"),
        ("boilerplate", "Anonymous"),
    ]


def test_sections_follow_headings() -> None:
    doc = build_document("Intro.\nAlpha\nText one.\nBeta\nText two. More text.\n", "t.txt", "en")
    assert [len(s.segment_ids) for s in doc.sections] == [1, 2, 3]
    assert doc.sections[1].heading == 1
    assert doc.segments[doc.sections[2].heading].text == "Beta"


def test_positions_are_one_based_and_spans_index_the_text() -> None:
    text = "  Indented first. Second one.\n\nNext line."
    doc = build_document(text, "t.txt", "en")
    first, second, third = doc.segments
    assert (first.line, first.column) == (1, 3)
    assert (second.line, second.column) == (1, 19)
    assert (third.line, third.column) == (3, 1)
    for seg in doc.segments:
        assert text[seg.start:seg.end] == seg.text


def test_presegmented_keeps_lines_untouched() -> None:
    doc = build_document("Mr. A. B.\n\n  two  \n", "t.txt", "en", presegmented=True)
    assert [s.text for s in doc.segments] == ["Mr. A. B.", "  two  "]
    assert [s.line for s in doc.segments] == [1, 3]
    assert all(s.kind is SegmentKind.SENTENCE for s in doc.segments)


def test_boilerplate_lexicon() -> None:
    assert is_boilerplate_line("Talaan ng mga Nilalaman:")
    assert is_boilerplate_line("By Jane Doe")
    assert not is_boilerplate_line("Sales")


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ALPHABET = st.sampled_from(list("abcėųø ాకA.B!?:,;\n\t 0123456789$%") + ["U.S.", "proc.", "m. ", "\u00a0", "\u200b"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=200).map("".join), st.sampled_from(["lt", "da", "tl", "te", "en", None]),
       st.booleans())
def test_segmentation_keeps_every_character(text: str, language: str | None, presegmented: bool) -> None:
    """Every non-space character of the text is in exactly one segment, in order, at its span."""
    doc = build_document(text, "t.txt", language, presegmented=presegmented)
    covered = "".join(s.text for s in doc.segments)
    assert "".join(covered.split()) == "".join(text.split())
    last_end = 0
    for seg in doc.segments:
        assert text[seg.start:seg.end] == seg.text
        assert seg.start >= last_end
        last_end = seg.end

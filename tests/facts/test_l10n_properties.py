"""Properties of the l10n facts on arbitrary strings: spans are exact and a string never disagrees with itself."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.facts.literals import compare_literals, find_literals, token_number_spans
from aligner.facts.markup import compare_markup, find_entities, find_tags
from aligner.facts.placeholders import compare_placeholders, find_placeholders

_PIECES = ["%", "%%", "s", "d", "(", ")", "1", "$", "{", "}", "{{", "}}", ",", " plural", " one", " other", "#", ":",
           "name", " ", "<", ">", "/", "b", "a href=\"x\"", "&", ";", "amp", "#1", "`", "http://", ".com", "@", "x.py",
           "-", "A", "2.3.1", "\\", "'", "\"", "é", "\n", "!r", "|e", "%(n)d", "%@"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=14).map("".join)
_FLAGS = st.sampled_from([None, ["python-format"], ["python-brace-format"], ["c-format"], ["colon", "percent"],
                          ["icu-format"], ["no-python-format"]])


@settings(max_examples=400, deadline=None)
@given(text=_TEXT, flags=_FLAGS)
def test_placeholder_spans_are_exact_and_ordered(text: str, flags) -> None:
    phs = find_placeholders(text, flags)
    for p in phs:
        assert text[p.start:p.end] == p.surface
    top = [p for p in phs if p.depth == 0]
    for a, b in zip(top, top[1:]):
        assert a.end <= b.start


@settings(max_examples=400, deadline=None)
@given(text=_TEXT, flags=_FLAGS)
def test_a_string_agrees_with_itself(text: str, flags) -> None:
    kinds = {i.kind for i in compare_placeholders(text, text, None, flags)}
    assert kinds <= {"plural_other_missing"}
    assert compare_literals(text, text) == []
    assert {i.kind for i in compare_markup(text, text)} <= set()


@settings(max_examples=300, deadline=None)
@given(text=_TEXT)
def test_other_spans_are_exact(text: str) -> None:
    for lit in find_literals(text):
        assert text[lit.start:lit.end] == lit.surface
    for t in find_tags(text):
        assert text[t.start:t.end] == t.surface
    for e in find_entities(text):
        assert text[e.start:e.end] == e.surface
    for a, b in token_number_spans(text):
        assert text[a:b] and text[a].isdigit() and text[b - 1].isdigit()

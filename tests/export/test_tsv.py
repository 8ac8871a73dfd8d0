"""TSV: one header, one row per unit, escapes that round-trip."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aligner.errors import InputError
from aligner.export import get_exporter
from aligner.export.tsv import escape_field, unescape_field
from aligner.model import Alignment


def rows(alignment: Alignment, **options) -> list[list[str]]:
    text = get_exporter("tsv", **options).render([alignment])[""].decode("utf-8")
    assert text.endswith("\n")
    return [line.split("\t") for line in text[:-1].split("\n")]


def test_header_names_language_and_file(seed_alignment: Alignment) -> None:
    table = rows(seed_alignment)
    assert table[0] == [
        "lt:000_f8214269fd0884a9.txt",
        "da:001_f556afaa5fda8b7f.txt",
        "tl:002_7405d99d0319b2f2.txt",
        "te:004_28bf82238f2b8943.txt",
    ]
    assert len(table) == 1 + len(seed_alignment.units)
    assert all(len(row) == 4 for row in table)
    assert table[1] == ["", "", "Dalawang Pag-andar ng isang Kagawaran ng Customer Service", ""]


def test_escaped_text_round_trips(nasty_alignment: Alignment) -> None:
    table = rows(nasty_alignment)
    assert all(len(row) == 2 for row in table)
    for row, unit in zip(table[1:], nasty_alignment.units):
        expected = [nasty_alignment.texts(unit, k).replace("\ud800", "\ufffd") for k in range(2)]
        assert [unescape_field(cell) for cell in row] == expected  # a lone surrogate cannot be UTF-8
    assert table[2][0] == "Tab\\there, newline\\nthere, backslash \\\\ and \\\\t literally."


def test_segments_of_a_unit_are_joined_by_a_space(pair_alignment: Alignment) -> None:
    table = rows(pair_alignment, score=True)
    assert table[0] == ["en:en.txt", "da:da.txt", "score"]
    assert table[1] == ["One. Two.", "En og to.", "0.8700"]
    assert table[3] == ["", "Ekstra.", "0.0000"]


def test_repeated_file_names_fall_back_to_paths(same_language_alignment: Alignment) -> None:
    assert rows(same_language_alignment)[0] == ["lt:a.txt", "lt:b.txt", "da:c.txt"]


def test_one_group_only(seed_alignment: Alignment, pair_alignment: Alignment) -> None:
    with pytest.raises(InputError, match="one group"):
        get_exporter("tsv").render([seed_alignment, pair_alignment])


@given(st.text())
def test_escape_round_trip(text: str) -> None:
    cell = escape_field(text)
    assert not set(cell) & {"\t", "\n", "\r"}
    assert unescape_field(cell) == text


@pytest.mark.parametrize(
    ("text", "cell"),
    [("a\tb", "a\\tb"), ("a\nb", "a\\nb"), ("a\\b", "a\\\\b"), ("a\\nb", "a\\\\nb"), ("\r", "\\r"), ("", "")],
)
def test_escape_table(text: str, cell: str) -> None:
    assert escape_field(text) == cell
    assert unescape_field(cell) == text

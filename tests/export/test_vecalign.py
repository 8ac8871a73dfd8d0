"""Vecalign ladder: two versions, 0-based ids, empty sides kept."""

from __future__ import annotations

import pytest

from aligner.errors import AlignerError, InputError
from aligner.export import get_exporter
from aligner.model import Alignment


def test_ladder(pair_alignment: Alignment) -> None:
    text = get_exporter("vecalign").render([pair_alignment])[""].decode("utf-8")
    assert text.splitlines() == ["[0, 1]:[0]:0.8700", "[2]:[1]:0.9000", "[]:[2]:0.0000", "[3]:[]:0.0000"]


def test_more_than_two_versions_is_a_clear_error(seed_alignment: Alignment) -> None:
    with pytest.raises(InputError, match="exactly two versions, 4 given") as info:
        get_exporter("vecalign").render([seed_alignment])
    assert isinstance(info.value, AlignerError)
    assert "000_f8214269fd0884a9.txt (lt)" in str(info.value)

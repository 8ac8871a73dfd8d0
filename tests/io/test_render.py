"""``pretty_json`` writes what ``json.dumps(..., ensure_ascii=False, indent=2)`` writes, byte for byte."""

from __future__ import annotations

import enum
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.io.render import pretty_json, to_json


class _Level(str, enum.Enum):
    MAJOR = "major"


class _Rank(enum.IntEnum):
    ONE = 1


class _Opaque:
    def __str__(self) -> str:
        return "opaque «x»"


_LEAVES = (st.none() | st.booleans() | st.integers() | st.floats() | st.text()
           | st.sampled_from([_Level.MAJOR, _Rank.ONE, _Opaque(), "", "\u2028", "\x00\"\\", -0.0, 1e300]))
_KEYS = st.text() | st.integers() | st.floats() | st.booleans() | st.none()
_VALUES = st.recursive(_LEAVES, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                       | st.dictionaries(_KEYS, inner, max_size=4), max_leaves=30)


@settings(max_examples=600, deadline=None)
@given(_VALUES)
def test_the_same_text_as_the_standard_library(value: object) -> None:
    assert pretty_json(value, default=str) == json.dumps(value, ensure_ascii=False, indent=2, default=str)


@settings(max_examples=200, deadline=None)
@given(_VALUES)
def test_without_nan_the_same_text_or_the_same_refusal(value: object) -> None:
    try:
        expected = json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False, default=str)
    except ValueError:
        with pytest.raises(ValueError):
            pretty_json(value, default=str, allow_nan=False)
        return
    assert pretty_json(value, default=str, allow_nan=False) == expected


def test_what_it_cannot_write_is_refused_as_json_refuses_it() -> None:
    with pytest.raises(TypeError):
        pretty_json({"a": _Opaque()})
    with pytest.raises(TypeError):
        pretty_json({(1, 2): 3})
    with pytest.raises(ValueError):
        to_json({"x": math.nan})
    assert to_json({"a": [1, {}], "b": []}) == '{\n  "a": [\n    1,\n    {}\n  ],\n  "b": []\n}\n'

"""ISO 15924 script detection."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.langid.script import char_script, dominant_script, script_counts


@pytest.mark.parametrize(
    ("text", "script"),
    [("Klientų aptarnavimo", "Latn"), ("కస్టమర్ సేవా", "Telu"), ("தமிழ்", "Taml"), ("Привет", "Cyrl"),
     ("日本語のテキスト", "Jpan"), ("中文", "Hani"), ("123 — 45", "Zyyy"), ("", "Zyyy")],
)
def test_dominant_script(text: str, script: str) -> None:
    assert dominant_script(text) == script


def test_counts_ignore_digits_and_punctuation() -> None:
    assert script_counts("ab 12, ఒక!") == {"Latn": 2, "Telu": 2}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_counts_equal_a_character_by_character_count(text: str) -> None:
    want: dict[str, int] = {}
    for ch in text:
        s = "Latn" if ch.isascii() and ch.isalpha() else None if ch.isascii() else char_script(ch)
        if s is not None:
            want[s] = want.get(s, 0) + 1
    assert dict(script_counts(text)) == want

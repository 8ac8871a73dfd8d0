"""ISO 15924 script detection."""

from __future__ import annotations

import pytest

from aligner.langid.script import dominant_script, script_counts


@pytest.mark.parametrize(
    ("text", "script"),
    [("Klientų aptarnavimo", "Latn"), ("కస్టమర్ సేవా", "Telu"), ("தமிழ்", "Taml"), ("Привет", "Cyrl"),
     ("日本語のテキスト", "Jpan"), ("中文", "Hani"), ("123 — 45", "Zyyy"), ("", "Zyyy")],
)
def test_dominant_script(text: str, script: str) -> None:
    assert dominant_script(text) == script


def test_counts_ignore_digits_and_punctuation() -> None:
    assert script_counts("ab 12, ఒక!") == {"Latn": 2, "Telu": 2}

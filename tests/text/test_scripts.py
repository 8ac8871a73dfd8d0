"""Scripts and case (:mod:`aligner.text.scripts`)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.langid import script as langid_script
from aligner.text.scripts import (
    CASED_SCRIPTS,
    char_script,
    dominant_script,
    dominant_script_name,
    first_letter_script,
    is_cased,
    script_counts,
)


@pytest.mark.parametrize(
    ("ch", "script"),
    [("a", "Latn"), ("é", "Latn"), ("ж", "Cyrl"), ("θ", "Grek"), ("క", "Telu"), ("न", "Deva"), ("ب", "Arab"),
     ("北", "Hani"), ("か", "Hira"), ("カ", "Kana"), ("한", "Hang"), ("5", None), (".", None), ("😀", None)],
)
def test_char_script(ch: str, script: str | None) -> None:
    assert char_script(ch) == script


@pytest.mark.parametrize(
    ("text", "script"),
    [("Hello world", "Latn"), ("Привет, world", "Cyrl"), ("東京は晴れ", "Jpan"), ("北京", "Hani"), ("123 !", "Zyyy"),
     ("", "Zyyy")],
)
def test_dominant_script(text: str, script: str) -> None:
    assert dominant_script(text) == script


def test_script_counts_count_letters_only() -> None:
    assert script_counts("ab1 жж!") == {"Latn": 2, "Cyrl": 2}
    assert script_counts("abc 123") == {"Latn": 3}


@pytest.mark.parametrize(
    ("word", "script"), [("12abc", "Latn"), ("«Жук»", "Cyrl"), ("123", None), ("", None), ("కస్టమర్", "Telu")]
)
def test_first_letter_script(word: str, script: str | None) -> None:
    assert first_letter_script(word) == script


@pytest.mark.parametrize(("script", "cased"), [("Latn", True), ("Cyrl", True), ("Grek", True), ("Armn", True),
                                               ("Geor", True), ("Telu", False), ("Hani", False), ("Zyyy", False)])
def test_cased_scripts(script: str, cased: bool) -> None:
    assert is_cased(script) is cased
    assert (script in CASED_SCRIPTS) is cased


@pytest.mark.parametrize(
    ("texts", "name"),
    [(["Hello мир мир"], "CYRILLIC"), (["కస్టమర్ కస్టమర్ ok"], "TELUGU"), (["東京"], "CJK"), ([""], "NONE"), ([], "NONE"),
     (["ab", "ба"], "CYRILLIC")],  # ties go to the smaller name
)
def test_dominant_script_name_uses_unicode_names(texts: list[str], name: str) -> None:
    assert dominant_script_name(texts) == name


def test_langid_reexports_the_rule() -> None:
    assert langid_script.char_script is char_script and langid_script.dominant_script is dominant_script


def _dominant_script_name_loop(texts, sample=64, letters=64):
    """The character loop :func:`dominant_script_name` was written as (the oracle of its faster form)."""
    import unicodedata

    counts: dict[str, int] = {}
    step = max(1, len(texts) // sample)
    for text in texts[::step]:
        seen = 0
        for ch in text:
            if not ch.isalpha():
                continue
            name = unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]
            counts[name] = counts.get(name, 0) + 1
            seen += 1
            if seen >= letters:
                break
    if not counts:
        return "NONE"
    return min(counts, key=lambda k: (-counts[k], k))


@given(st.lists(st.text(alphabet=st.sampled_from(list("abcØæłšАбвγδఅఆక一二あア1 .,!\u0301")), max_size=200),
                max_size=150),
       st.integers(1, 70), st.integers(1, 70))
def test_dominant_script_name_equals_the_character_loop(texts: list[str], sample: int, letters: int) -> None:
    from aligner.text.scripts import dominant_script_name

    assert dominant_script_name(texts, sample, letters) == _dominant_script_name_loop(texts, sample, letters)


def _counted_one_by_one(text: str) -> dict[str, int]:
    """script_counts as first written: every character looked at once (the reference for the bulk paths)."""
    out: dict[str, int] = {}
    for ch in text:
        s = "Latn" if ch.isascii() and ch.isalpha() else (None if ch.isascii() else char_script(ch))
        if s is not None:
            out[s] = out.get(s, 0) + 1
    return out


@settings(deadline=None, max_examples=30)  # (texts of up to 130,000 characters, counted one by one for reference)
@given(st.text(min_size=0, max_size=60), st.integers(min_value=0, max_value=2))
def test_script_counts_of_long_texts_count_every_character(piece: str, power: int) -> None:
    # Long texts are tallied by numpy (from BULK_CHARS) and ASCII ones by deleting the other bytes: the same counts.
    import aligner.text.scripts as scripts

    unit = piece + "Ab ǅ ė ఇది \ud800 9"
    text = unit * (1 + scripts.BULK_CHARS * power // len(unit))
    assert power == 0 or len(text) >= scripts.BULK_CHARS
    for sample in (text, piece, text.encode("ascii", "ignore").decode("ascii")):
        assert dict(script_counts(sample)) == _counted_one_by_one(sample)

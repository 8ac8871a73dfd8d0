"""Names: the quick screen in front of :func:`extract_names` never loses a name."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.facts import names
from aligner.facts.names import extract_names
from tests.conftest import ROOT

_WORDS = ["U.S.", "USA", "USA'S", "Bureau", "of", "Labor", "jane", "Goodall", "iPhone", "3", "Ⅻ", "ǅemal", "New",
          "york", "the", "median", "JAV", "Straße", "Ørsted", "и", "Москва", "the", "e.g.", "x"]
_OTHER_WORDS = [*_WORDS, "USA's", "USA'S", "USAS", "U.S.A.", "Bureaus", "Jane's", "iPhone"]
_SEPARATORS = [" ", " ", ", ", ". ", ": ", " - ", "\n", "? "]


def _unscreened(text: str, language: str | None, heading: bool) -> list:
    with pytest.MonkeyPatch.context() as m:
        m.setattr(names, "_may_name", lambda _text: True)
        return extract_names(text, language, heading=heading)


@settings(max_examples=400, deadline=None)
@given(words=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8),
       seps=st.lists(st.sampled_from(_SEPARATORS), min_size=8, max_size=8),
       lead=st.sampled_from(["", " ", "«", "3. "]), heading=st.booleans(), language=st.sampled_from(["en", "de", None]))
def test_screen_keeps_every_name(words: list[str], seps: list[str], lead: str,
                                 heading: bool, language: str | None) -> None:
    text = lead + "".join(w + s for w, s in zip(words, seps)).strip()
    assert extract_names(text, language, heading=heading) == _unscreened(text, language, heading)


def test_screen_keeps_every_name_in_the_seeds() -> None:
    lines = [line for p in sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
             for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    found = 0
    for line in lines:
        got = extract_names(line, "en")
        assert got == _unscreened(line, "en", False), line
        found += len(got)
    assert found >= 10  # the article names the U.S. Bureau of Labor Statistics in every Latin version


@pytest.mark.parametrize(("text", "screened_out"), [
    ("uždirbo daugiau nei 25 proc.", True),
    ("Uždirbo daugiau nei 25 proc.", True),
    ("ifølge U.S. Bureau of Labor Statistics", False),
    ("sagde Jane", False),
    ("3 Apples", False),
])
def test_screen(text: str, screened_out: bool) -> None:
    assert names._may_name(text) is not screened_out


@settings(max_examples=300, deadline=None)
@given(needle=st.text(alphabet="Ab. é\u03011-", min_size=1, max_size=4),
       text=st.text(alphabet="Ab. é\u03011-x", max_size=16))
def test_whole_word_occurrence_equals_the_lookaround_regex(needle: str, text: str) -> None:
    import regex

    pattern = r"(?<![\p{L}\p{M}\p{N}])" + regex.escape(needle) + r"(?![\p{L}\p{M}\p{N}])"
    assert names._occurs(needle, text) == bool(regex.search(pattern, text))


@settings(max_examples=400, deadline=None)
@given(a=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6),
       b=st.lists(st.sampled_from(_OTHER_WORDS), min_size=1, max_size=6),
       seps=st.lists(st.sampled_from(_SEPARATORS), min_size=6, max_size=6))
def test_a_name_written_in_two_texts_shares_a_key(a: list[str], b: list[str], seps: list[str]) -> None:
    from aligner.facts.names import VersionNames, name_keys

    ta = "x " + "".join(w + s for w, s in zip(a, seps)).strip()
    tb = "x " + "".join(w + s for w, s in zip(b, seps)).strip()
    other = VersionNames([(tb, False)], "en", "Latn")
    if any(other.literal(m) for m in extract_names(ta, "en")):
        assert name_keys(ta) & name_keys(tb)


def test_name_keys() -> None:
    from aligner.facts.names import name_keys

    assert name_keys("ifølge U.S. Bureau of Labor Statistics") >= {"US", "Bureau", "Labor", "Statistics"}
    assert name_keys("uždirbo 25 proc. daugiau") == frozenset()
    assert "iPhone" not in name_keys("an iPhone")  # not capitalised: not a name

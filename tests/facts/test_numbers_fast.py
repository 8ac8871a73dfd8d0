"""The fast number extraction answers exactly what the plain one answers.

``tests/facts/numbers_reference.py`` is the extraction as it was before its speed work (suffix
alternation compiled twice, one word ending per trie branch, no memos). Every shortcut of
:mod:`aligner.facts.numbers` is checked against it here, on the seed cases of
``test_numbers.py`` and on generated texts built from the grammar's own word lists:

* the main pattern without the suffix, then the suffix matched at the end of the digits;
* the trie regex with shared word endings written once;
* the two-character gate before a suffix match (never refuses a place where a suffix matches);
* the memos: digit shapes (with the plain-digit shortcut), suffix kinds, scale words, gates;
* ``str.translate`` for digits of other scripts, the range pass only when mentions are close.
"""

from __future__ import annotations

import pytest
import regex
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from aligner.facts import numbers as fast
from tests.facts import numbers_reference as plain
from tests.facts.test_numbers import CASES as SEED_CASES
from tests.facts.test_numbers import COMPOSITES, LOCALES, PLACEHOLDER_CASES

NBSP, NNBSP, THIN = "\u00a0", "\u202f", "\u2009"

LANGUAGES = [
    None, "xx", "lt", "da", "tl", "fil", "te", "en", "de", "fr", "de_CH", "en-IN", "hi", "fa", "ar", "tr", "eu", "ja",
    "ru", "nb", "sv", "es", "pl", "zh",
]  # fmt: skip

#: digit zero of scripts whose digits extraction reads
ZEROS = ["0", "0", "0", "0", "\u0c66", "\u0966", "\u0660", "\u06f0", "\u09e6"]


def _vocabulary() -> list[str]:
    """Every entry of the hand-kept word lists (stems completed), plus traps around them."""
    data = fast._words()
    words: set[str] = set()

    def add(entries) -> None:  # noqa: ANN001
        for entry in entries:
            word = entry.rstrip("*")
            if not word:
                continue
            words.add(word)
            if entry.endswith("*"):
                words.update({word + "ų", word + "ai", word + "s"})

    for table in [data["universal"], *data["languages"].values()]:
        for value in table.values():
            add(value if isinstance(value, list) else list(value))
    for language in ("lt", "da", "te", "en", "de"):
        add(list(plain._profile(language).currency))
    words.update(w.upper() for w in list(words) if len(w) <= 6)
    words.update(w.capitalize() for w in list(words) if len(w) <= 8)
    return sorted(words)


VOCABULARY = _vocabulary()
OTHER_TOKENS = [
    "ISO", "A", "PR", "COVID", "H2O", "v2.3", "x", "×", "Uždirbo", "kad", "the", "Den", "og", "ang", "ng", "m.", "kr.",
    "USD", "EUR", "ABC", "TOP", "ALL", "$", "€", "£", "¥", "%", "‰", "٪", "(", ")", ",", ".", ";", ":", "/", "-", "–",
    "—", "+", "−", "'", "’", "{0}", "{1:N2}", "%1$s", "%2$s", "%5d", "%.2f", "%02d", "%d", "%25", "ika-", "-asis",
    "-oji", "వ", "శాతం", "డాలర్ల", "75 వ", "年", "万", "円", "°C", "km²", "m2", "US-Dollar",
]  # fmt: skip
JOINERS = ["", " ", " ", " ", NBSP, NNBSP, THIN, "-", "–", " – ", " - ", ". ", ", ", "\n", "/", ":"]
SEPARATORS = [",", ".", " ", NBSP, NNBSP, THIN, "'", "\u2019", "\u066b", "\u066c", "-", "/", ":", "،"]


@st.composite
def number_tokens(draw: st.DrawFn) -> str:
    """A digit run, maybe grouped or with a decimal part, a sign, a leading dot, other digits."""
    runs = draw(st.lists(st.text("0123456789", min_size=1, max_size=4), min_size=1, max_size=4))
    seps = [draw(st.sampled_from(SEPARATORS)) for _ in runs[1:]]
    if len(set(seps)) > 1 and draw(st.booleans()):
        seps = [seps[0]] * len(seps)
    out = runs[0] + "".join(s + r for s, r in zip(seps, runs[1:]))
    out = draw(st.sampled_from(["", "", "", "-", "+", "\u2212", ".", ",", "$", "(", "+45 "])) + out
    zero = draw(st.sampled_from(ZEROS))
    if zero != "0":
        out = "".join(chr(ord(zero) + int(c)) if c in "0123456789" else c for c in out)
    return out


TOKENS = st.one_of(
    number_tokens(), number_tokens(), number_tokens(), st.sampled_from(VOCABULARY), st.sampled_from(VOCABULARY),
    st.sampled_from(OTHER_TOKENS), st.text(alphabet="abcXYZ0123456789 .,%$-", max_size=6),
)


@st.composite
def texts(draw: st.DrawFn) -> str:
    tokens = draw(st.lists(TOKENS, min_size=1, max_size=9))
    out = tokens[0]
    for token in tokens[1:]:
        out += draw(st.sampled_from(JOINERS)) + token
    return out


def summary(mentions) -> list[dict]:  # noqa: ANN001
    return [m.to_dict() for m in mentions]


def assert_same(text: str, language: str | None) -> None:
    expected = summary(plain.extract_numbers(text, language))
    assert summary(fast.extract_numbers(text, language)) == expected, (language, text)
    assert summary(fast.extract_numbers(text, language)) == expected, (language, text)  # with warm memos


SEED_TEXTS = [(lang, text) for lang, text, _ in SEED_CASES + COMPOSITES] + [
    (lang, text) for text, lang, _ in PLACEHOLDER_CASES
] + [
    ("lt", "Pasak JAV darbo statistikos biuro, atstovai 2016 m. Uždirbo vidutiniškai 32 300 JAV dolerių atlyginimą."),
    ("lt", "Dėl žemo lygio atstovai uždirbo 25,520 dolerių atlyginimą 25,520 dolerių, o tai reiškia, kad 75 proc."),
    ("da", "I den lave ende tjente de en 25 percentile løn på 25.520 dollars, hvilket betyder 75 procent tjent mere."),
    ("da", "Den 75. percentile løn er $ 41.430, 2,5 mio. kr. og 3 %."),
    ("tl", "Ang 75 porsyento na suweldo ay $ 41,430, ibig sabihin ay 25 porsiyento ang kumita; ika-75 na"),
    ("te", "చివరకు, 25,520 డాలర్ల జీతాన్ని పొందారు, అంటే 75 శాతం; 27,84,500 మంది; 75 వ శాతం ౨౫"),
    ("lt", "2,5 mln. eurų, 10–15 proc., 2016-aisiais 75-asis, 5 x 3, 5 mln. m"),
    ("en", "USD 5, $10–15, 2–3 million, 10 to 15, .5 and ,5, 3D, 2016年, -5 and −7 and +3"),
    ("tr", "Fiyatlar %25 arttı, % 12 ve %\u00a012"),
    ("fa", "۱۲٫۵ و ۱۲٬۳۴۵"),
    ("ar", "١٢٫٥ و ١٢٬٣٤٥ و 12،5"),
]


def test_seed_texts_read_the_same() -> None:
    for language, text in SEED_TEXTS:
        for lang in {language, None, "en", "lt"}:
            assert_same(text, lang)


def test_babel_written_numbers_read_the_same() -> None:
    from babel.numbers import format_currency, format_decimal, format_percent

    for language, babel_locale, zero in LOCALES:
        system = "latn" if zero == "0" else "default"
        for value in ("1234567.891", "-0.5", "27845", "1000", "2016", "12.5"):
            written = format_decimal(value, locale=babel_locale, numbering_system=system)
            assert_same(f"x {written} y", language)
            assert_same(f"{format_percent(value, locale=babel_locale)} and {written}.", language)
            assert_same(format_currency(value, "EUR", locale=babel_locale), language)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts(), language=st.sampled_from(LANGUAGES))
@example(text="5 km2 and 7 -asis", language="lt")
@example(text="25 ABC 3", language="en")
@example(text="10 -15", language="en")
def test_generated_texts_read_the_same(text: str, language: str | None) -> None:
    assert_same(text, language)


@settings(max_examples=300, deadline=None)
@given(text=texts(), language=st.sampled_from(LANGUAGES))
def test_memos_emptied_when_full_read_the_same(text: str, language: str | None) -> None:
    saved = fast._MEMO_LIMIT, fast._READINGS_CACHE
    fast._MEMO_LIMIT = fast._READINGS_CACHE = 1  # every memo is emptied at almost every entry
    try:
        assert_same(text, language)
    finally:
        fast._MEMO_LIMIT, fast._READINGS_CACHE = saved


# --- the pieces, each against its plain computation ---------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    entries=st.lists(st.sampled_from(VOCABULARY) | st.sampled_from(VOCABULARY).map(lambda w: w + "*"), max_size=25),
    ignore_case=st.booleans(),
    probes=st.lists(st.sampled_from(VOCABULARY) | st.text(alphabet="abcAB .ųė*", max_size=8), min_size=1),
    tails=st.lists(st.sampled_from(["", " ", "s", "x1", ".", "ų"]), min_size=1),
)
def test_trie_with_shared_word_ends_matches_the_same(
    entries: list[str], ignore_case: bool, probes: list[str], tails: list[str]
) -> None:
    old = regex.compile(plain._alternation(entries, ignore_case=ignore_case))
    new = regex.compile(fast._alternation(entries, ignore_case=ignore_case))
    for probe in probes + [e.rstrip("*") for e in entries]:
        for tail in tails:
            text = probe + tail
            a, b = old.match(text), new.match(text)
            assert (a and a.span()) == (b and b.span()), (entries, text)


@settings(max_examples=500, deadline=None)
@given(text=texts(), language=st.sampled_from(LANGUAGES))
def test_suffix_gate_never_refuses_a_suffix(text: str, language: str | None) -> None:
    profile = fast._profile(language)
    for pos in range(len(text) + 1):
        if profile.suffix.match(text, pos) is not None:
            assert fast._suffix_may_start(text, pos, profile), (text, pos)


def test_main_pattern_no_longer_embeds_the_suffix() -> None:
    for language in ("lt", "en", None):
        profile = fast._profile(language)
        assert "pct" not in profile.main.groupindex and "core" in profile.main.groupindex
        assert set(plain._profile(language).main.groupindex) - set(profile.main.groupindex) == set(
            profile.suffix.groupindex
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_profiles_hold_the_same_words_and_patterns(language: str | None) -> None:
    old, new = plain._profile(language), fast._profile(language)
    assert new.conv.to_dict() == old.conv.to_dict()
    assert (new.currency, new.scale, new.dot_ordinal) == (old.currency, old.scale, old.dot_ordinal)
    assert (new.suffix_first, new.prefix_last) == (old.suffix_first, old.prefix_last)
    # the main pattern is the plain one without the optional suffix group after the digits
    assert old.main.pattern == new.main.pattern[:-2] + f"(?:{old.suffix.pattern})?))"


def _groups(m: regex.Match | None) -> tuple | None:
    return m and (m.span(), m.lastgroup, tuple(m.span(g) for g in sorted(m.re.groupindex)))


@settings(max_examples=300, deadline=None)
@given(text=texts(), language=st.sampled_from(LANGUAGES))
def test_suffix_and_prefix_patterns_match_the_same(text: str, language: str | None) -> None:
    old, new = plain._profile(language), fast._profile(language)
    for pos in range(len(text) + 1):
        assert _groups(new.suffix.match(text, pos)) == _groups(old.suffix.match(text, pos)), (text, pos)
        for lower in {0, max(0, pos - 24)}:
            assert _groups(new.prefix.match(text, lower, pos)) == _groups(old.prefix.match(text, lower, pos))


SHAPES = st.builds(
    lambda runs, seps, zero: "".join(
        chr(ord(zero) + int(c)) if c.isdigit() else c
        for c in runs[0] + "".join(s + r for s, r in zip(seps, runs[1:]))
    ),
    st.lists(st.text("0123456789", min_size=1, max_size=4), min_size=1, max_size=5),
    st.lists(st.sampled_from([",", ".", " ", NBSP, NNBSP, "'", "\u2019", "\u066b", "\u066c"]), min_size=4, max_size=4),
    st.sampled_from(ZEROS),
)


@settings(max_examples=500, deadline=None)
@given(shape=SHAPES, language=st.sampled_from(LANGUAGES))
def test_shape_readings_are_the_same(shape: str, language: str | None) -> None:
    old = plain._readings(shape, plain.number_conventions(language))
    new = fast._readings(shape, fast.number_conventions(language))
    assert [r.to_dict() for r in new] == [r.to_dict() for r in old]
    profile = fast._profile(language)
    for _ in range(2):  # computed, then memoised
        assert [r.to_dict() for r in fast._shape_readings(shape, profile)] == [r.to_dict() for r in old]


@given(text=st.text(max_size=20) | SHAPES)
def test_ascii_digits_are_the_same(text: str) -> None:
    assert fast._ascii_digits(text) == plain._ascii_digits(text)


def test_search_resumes_after_a_rejected_suffix(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the digits' suffix is matched but not taken, the next number is sought after it.

    The word lists have no suffix with a number inside, so made-up ones are added: the main
    pattern with the suffix inside resumed its search after the whole match.
    """
    import copy

    words = copy.deepcopy(fast._words())
    universal = words["universal"]
    universal["year"] = [*universal.get("year", []), "yr 7", "yr +8"]
    universal["units"] = [*universal["units"], "q 5"]
    monkeypatch.setattr(fast, "_words", lambda: words)
    monkeypatch.setattr(plain, "_words", lambda: words)
    fast._profile.cache_clear()
    plain._profile.cache_clear()
    try:
        for text in ("1,5 yr 7 and 2016 yr 7", "12.5.1 yr +8", "5 mln. q 5 x", "3 yr 7yr 7", "(1,5 yr +8) 20 q 5"):
            for language in (None, "en", "lt"):
                assert_same(text, language)
    finally:
        fast._profile.cache_clear()
        plain._profile.cache_clear()

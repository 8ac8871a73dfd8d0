"""Number extraction: seed-corpus excerpts and traps per language, one row per case, plus properties."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from babel import Locale
from babel.numbers import format_decimal, format_percent, get_group_symbol
from hypothesis import example, given, settings
from hypothesis import strategies as st

from aligner.facts.numbers import (
    KINDS,
    NumberMention,
    compare_mentions,
    extract_numbers,
    format_value,
    number_conventions,
)

NBSP, NNBSP = "\u00a0", "\u202f"


def summary(mention: NumberMention) -> tuple:
    """(surface, kind, readings as (value, locale_conform)) — what the tables below spell out."""
    return (mention.text, mention.kind, tuple((str(r.value), r.locale_conform) for r in mention.readings))


# (language, text, expected summaries in order); "!" readings are against the locale
CASES = [
    # --- seed 000, Lithuanian salary paragraph: comma groups against the locale, space groups with it
    (
        "lt",
        "uždirbo 25,520 dolerių atlyginimą 25,520 dolerių, o tai reiškia, kad 75 proc. Uždirbo daugiau",
        [
            ("25,520 dolerių", "currency", (("25.52", True), ("25520", False))),
            ("25,520 dolerių", "currency", (("25.52", True), ("25520", False))),
            ("75 proc.", "percent", (("75", True),)),
        ],
    ),
    (
        "lt",
        "atstovai 2016 m. Uždirbo vidutiniškai 32 300 JAV dolerių atlyginimą.",
        [("2016 m.", "year", (("2016", True),)), ("32 300 JAV dolerių", "currency", (("32300", True),))],
    ),
    (
        "lt",
        "75 proc. Darbo užmokestis yra 41,430 JAV dolerių",
        [
            ("75 proc.", "percent", (("75", True),)),
            ("41,430 JAV dolerių", "currency", (("41.43", True), ("41430", False))),
        ],
    ),
    ("lt", "JAV dirbo 2 784 500 žmonių.", [("2 784 500", "number", (("2784500", True),))]),
    (
        "lt",
        "2016-aisiais 75-asis",
        [
            ("2016-aisiais", "year", (("2016", True),)),
            ("75-asis", "ordinal", (("75", True),)),
        ],
    ),
    ("lt", "2,5 mln. eurų", [("2,5 mln. eurų", "currency", (("2500000", True),))]),
    ("lt", "ilgis 5 m. Kitas", [("5", "number", (("5", True),))]),
    # --- seed 001, Danish: dot groups, dot ordinal before a lower-case word
    (
        "da",
        "Den 75. percentile løn er $ 41.430, hvilket betyder 25 procent tjener mere.",
        [
            ("75. percentile", "percentile", (("75", True),)),
            ("$ 41.430", "currency", (("41430", True), ("41.43", False))),
            ("25 procent", "percent", (("25", True),)),
        ],
    ),
    (
        "da",
        "en 25 percentile løn på 25.520 dollars",
        [
            ("25 percentile", "percentile", (("25", True),)),
            ("25.520 dollars", "currency", (("25520", True), ("25.52", False))),
        ],
    ),
    (
        "da",
        "I 2016 var 2.784.500 personer ansat",
        [
            ("2016", "year", (("2016", True),)),
            ("2.784.500", "number", (("2784500", True),)),
        ],
    ),
    (
        "da",
        "Prisen er 25 kr. i dag. 75. Dernæst",
        [
            ("25 kr.", "currency", (("25", True),)),
            ("75", "number", (("75", True),)),
        ],
    ),
    # --- seed 002, Tagalog (Babel: fil): comma groups, percentiles rendered as percent
    (
        "tl",
        "nakakuha ng 25 porsyento na suweldo na $ 25,520, ibig sabihin ay 75 porsiyento ang nakakuha",
        [
            ("25 porsyento", "percent", (("25", True),)),
            ("$ 25,520", "currency", (("25520", True), ("25.52", False))),
            ("75 porsiyento", "percent", (("75", True),)),
        ],
    ),
    (
        "tl",
        "Noong 2016, 2,784,500 katao",
        [
            ("2016", "year", (("2016", True),)),
            ("2,784,500", "number", (("2784500", True),)),
        ],
    ),
    (
        "tl",
        "ang ika-75 na kaarawan, ₱500",
        [
            ("ika-75", "ordinal", (("75", True),)),
            ("₱500", "currency", (("500", True),)),
        ],
    ),
    # --- seed 004, Telugu: Western digits, Western or Indian groups
    (
        "te",
        "75 వ శాతం జీతం $ 41,430, అనగా 25 శాతం ఎక్కువ సంపాదించు.",
        [
            ("75 వ శాతం", "percentile", (("75", True),)),
            ("$ 41,430", "currency", (("41430", True), ("41.43", False))),
            ("25 శాతం", "percent", (("25", True),)),
        ],
    ),
    (
        "te",
        "ప్రతినిధులు 25,520 డాలర్ల జీతాన్ని పొందారు",
        [
            ("25,520 డాలర్ల", "currency", (("25520", True), ("25.52", False))),
        ],
    ),
    (
        "te",
        "27,84,500 మంది, ౭౫ శాతం, 75వ",
        [
            ("27,84,500", "number", (("2784500", True),)),
            ("౭౫ శాతం", "percent", (("75", True),)),
            ("75వ", "ordinal", (("75", True),)),
        ],
    ),
    # --- English and other locales
    (
        "en",
        "32.300 and 1,000 and 2,5",
        [
            ("32.300", "number", (("32.3", True), ("32300", False))),
            ("1,000", "number", (("1000", True), ("1", False))),
            ("2,5", "number", (("2.5", False),)),
        ],
    ),
    (
        "en",
        "the 75th percentile, 27,84,500 and 2 784 500",
        [
            ("75th percentile", "percentile", (("75", True),)),
            ("27,84,500", "number", (("2784500", False),)),
            ("2 784 500", "number", (("2784500", True),)),
        ],
    ),
    (
        "en",
        "-5 and −3.5 and +7 and .5",
        [
            ("-5", "number", (("-5", True),)),
            ("−3.5", "number", (("-3.5", True),)),
            ("+7", "number", (("7", True),)),
            (".5", "number", (("0.5", True),)),
        ],
    ),
    (
        "en",
        "USD 41,430, 5 EUR, €5, 12 %, 5 per cent, 7 pct.",
        [
            ("USD 41,430", "currency", (("41430", True), ("41.43", False))),
            ("5 EUR", "currency", (("5", True),)),
            ("€5", "currency", (("5", True),)),
            ("12 %", "percent", (("12", True),)),
            ("5 per cent", "percent", (("5", True),)),
            ("7 pct.", "percent", (("7", True),)),
        ],
    ),
    (
        "en",
        "$2.5 million and 10km",
        [
            ("$2.5 million", "currency", (("2500000", True),)),
            ("10km", "number", (("10", True),)),
        ],
    ),
    (
        "de",
        "1.234,5 und 1,234.5 und 1.5",
        [
            ("1.234,5", "number", (("1234.5", True),)),
            ("1,234.5", "number", (("1234.5", False),)),
            ("1.5", "number", (("1.5", False),)),
        ],
    ),
    (
        "de_CH",
        "1’234’567.891 und 1'234",
        [
            ("1’234’567.891", "number", (("1234567.891", True),)),
            ("1'234", "number", (("1234", True),)),
        ],
    ),
    (
        "fr",
        f"1{NNBSP}234{NNBSP}567,891 et 12{NBSP}% et le 5e",
        [
            (f"1{NNBSP}234{NNBSP}567,891", "number", (("1234567.891", True),)),
            (f"12{NBSP}%", "percent", (("12", True),)),
            ("5e", "ordinal", (("5", True),)),
        ],
    ),
    ("hi", "१२,३४,५६७.८९ रुपये", [("१२,३४,५६७.८९ रुपये", "currency", (("1234567.89", True),))]),
    ("fa", "۱۲٬۳۴۵٫۶۷", [("۱۲٬۳۴۵٫۶۷", "number", (("12345.67", True),))]),
    ("tr", "%12 ve yüzde 5", [("%12", "percent", (("12", True),)), ("yüzde 5", "percent", (("5", True),))]),
    ("ja", "約300万円", [("300万円", "currency", (("3000000", True),))]),
    # --- unknown language: both conventions plausible, none against the locale
    (
        None,
        "25,520 and 32.300",
        [
            ("25,520", "number", (("25520", True), ("25.52", True))),
            ("32.300", "number", (("32300", True), ("32.3", True))),
        ],
    ),
    ("xx", "12,5", [("12,5", "number", (("12.5", True),))]),
    # --- words and identifiers: digits glued to letters are not numbers
    ("en", "ISO9001, A4, PR-3, COVID-19, H2O, v2.3", []),
    (
        "en",
        "In 2016 100 000 people came",
        [
            ("2016", "year", (("2016", True),)),
            ("100 000", "number", (("100000", True),)),
        ],
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_extraction(language: str | None, text: str, expected: list[tuple]) -> None:
    found = extract_numbers(text, language)
    assert [summary(m) for m in found] == expected
    for m in found:
        assert text[m.start : m.end] == m.text
        assert m.kind in KINDS


# (language, text, expected (surface, kind, [part surfaces]))
COMPOSITES = [
    ("en", "10–15%", ("10–15%", "range", ["10", "15%"])),
    ("en", "pages 10-15", ("10-15", "range", ["10", "15"])),
    ("en", "in 2015 – 2016", ("2015 – 2016", "range", ["2015", "2016"])),
    ("en", "on 2016-05-01", ("2016-05-01", "date", ["2016", "05", "01"])),
    ("de", "am 01.05.2016", ("01.05.2016", "date", ["01", "05", "2016"])),
    ("en", "by 5/2016", ("5/2016", "date", ["5", "2016"])),
    ("en", "at 10:30", ("10:30", "time", ["10", "30"])),
    ("en", "open 24/7", ("24/7", "ratio", ["24", "7"])),
    ("en", "call +45 33 12 34 56", ("+45 33 12 34 56", "phone", [])),
    ("en", "call (555) 123-4567", ("(555) 123-4567", "phone", [])),
    ("en", "ISBN 978-3-16-148410-0", ("978-3-16-148410-0", "code", [])),
    ("en", "version 6.170.15", ("6.170.15", "code", [])),
]


@pytest.mark.parametrize(("language", "text", "expected"), COMPOSITES)
def test_composites(language: str, text: str, expected: tuple) -> None:
    (mention,) = extract_numbers(text, language)
    assert (mention.text, mention.kind, [p.text for p in mention.parts]) == expected
    assert mention.readings == ()


def test_range_shares_unit_and_scale() -> None:
    (pct,) = extract_numbers("10–15%", "en")
    assert [p.kind for p in pct.parts] == ["percent", "percent"] and pct.unit == "%"
    (money,) = extract_numbers("$10–15", "en")
    assert money.currency == "USD" and [p.currency for p in money.parts] == ["USD", "USD"]
    (scaled,) = extract_numbers("2–3 million", "en")
    assert [p.values for p in scaled.parts] == [{Decimal(2_000_000)}, {Decimal(3_000_000)}]


def test_currency_codes_and_units() -> None:
    lt = extract_numbers("32 300 JAV dolerių ir 5 €", "lt")
    assert [m.currency for m in lt] == ["USD", "EUR"]
    da = extract_numbers("25 kr. og 3 %", "da")
    assert (da[0].currency, da[1].unit) == ("DKK", "%")
    assert extract_numbers("5 kr.", None)[0].currency is None  # DKK, NOK, SEK, ISK: ambiguous


def test_conventions_are_named() -> None:
    (lt,) = extract_numbers("25,520", "lt")
    assert {r.convention: r.locale_conform for r in lt.readings} == {"decimal=comma": True, "group=comma": False}
    (space,) = extract_numbers("2 784 500", "lt")
    assert space.readings[0].convention == "group=space"
    (indian,) = extract_numbers("27,84,500", "te")
    assert indian.readings[0].convention == "group=comma(indian)" and indian.readings[0].locale_conform


@pytest.mark.parametrize(
    ("language", "locale", "convention", "indian"),
    [
        ("lt", "lt", "group=space,decimal=comma", False),
        ("da", "da", "group=dot,decimal=comma", False),
        ("tl", "fil", "group=comma,decimal=dot", False),
        ("te", "te", "group=comma(indian),decimal=dot", True),
        ("de-CH", "de_CH", "group=apostrophe,decimal=dot", False),
        ("xx", None, "generic", False),
        (None, None, "generic", False),
    ],
)
def test_number_conventions(language: str | None, locale: str | None, convention: str, indian: bool) -> None:
    conv = number_conventions(language)
    assert (conv.locale, conv.describe(), conv.indian_grouping) == (locale, convention, indian)
    assert conv.to_dict()["convention"] == convention


def test_compare_mentions_across_versions() -> None:
    (lt,) = extract_numbers("25,520 dolerių", "lt")
    (tl,) = extract_numbers("$ 25,520", "tl")
    (da,) = extract_numbers("25.520 dollars", "da")
    lt_tl = compare_mentions(lt, tl)
    assert lt_tl.matched and set(lt_tl.values) == {Decimal("25520"), Decimal("25.52")}
    assert not lt_tl.conform  # each value is against the locale on one side
    # only the against-locale Lithuanian reading meets the conform Tagalog and Danish ones
    conform_tl = {b.value for a, b in lt_tl.pairs if b.locale_conform}
    assert conform_tl == {Decimal("25520")}
    assert compare_mentions(tl, da).conform
    (other,) = extract_numbers("25,502", "tl")
    assert not compare_mentions(tl, other).matched
    assert compare_mentions(lt, tl).to_dict()["matched"] is True


def test_compare_composites() -> None:
    (a,) = extract_numbers("10–15 %", "lt")
    (b,) = extract_numbers("10-15%", "en")
    (c,) = extract_numbers("10-16%", "en")
    assert compare_mentions(a, b).matched
    assert not compare_mentions(a, c).matched
    assert not compare_mentions(a, extract_numbers("10", "en")[0]).matched


@pytest.mark.parametrize(
    ("value", "language", "kind", "currency", "expected"),
    [
        (Decimal("25520"), "lt", "number", None, f"25{NBSP}520"),
        (Decimal("25520"), "da", "number", None, "25.520"),
        (Decimal("2784500"), "te", "number", None, "27,84,500"),
        (Decimal("25.52"), "tl", "number", None, "25.52"),
        (Decimal("1234.5678"), "en", "number", None, "1,234.5678"),
        (Decimal("75"), "lt", "percent", None, f"75{NBSP}%"),
        (Decimal("41430"), "en", "currency", "USD", "$41,430.00"),
        (Decimal("5"), None, "number", None, "5"),
    ],
)
def test_format_value(value: Decimal, language: str | None, kind: str, currency: str | None, expected: str) -> None:
    assert format_value(value, language, kind=kind, currency=currency) == expected


def test_to_dict_is_json_ready() -> None:
    import json

    mentions = extract_numbers("10–15% and 25,520 dolerių", "lt")
    data = json.loads(json.dumps([m.to_dict() for m in mentions]))
    assert data[0]["kind"] == "range" and data[0]["parts"][1]["readings"][0]["value"] == "15"
    assert data[1]["readings"][1] == {"value": "25520", "locale_conform": False, "convention": "group=comma"}


def test_deterministic_and_pure() -> None:
    text = "Den 75. percentile løn er $ 41.430, 2.784.500 personer, 10–15 %"
    assert extract_numbers(text, "da") == extract_numbers(text, "da")


# --- properties: what Babel writes for a locale, we read back, conform to that locale ----------

#: (language given to extract_numbers, Babel locale used to format, digits of its numbering system)
LOCALES = [
    ("lt", "lt", "0"), ("da", "da", "0"), ("tl", "fil", "0"), ("te", "te", "0"), ("te", "te", "౦"),
    ("en", "en", "0"), ("de", "de", "0"), ("fr", "fr", "0"), ("de_CH", "de_CH", "0"), ("en_IN", "en_IN", "0"),
    ("hi", "hi", "0"), ("hi", "hi", "०"), ("ru", "ru", "0"), ("pl", "pl", "0"), ("sv", "sv", "0"), ("nb", "nb", "0"),
    ("es", "es", "0"), ("pt", "pt", "0"), ("it", "it", "0"), ("ja", "ja", "0"), ("fa", "fa", "۰"),
    ("ar", "ar", "٠"), ("tr", "tr", "0"), ("nl", "nl", "0"), ("fi", "fi", "0"), ("uk", "uk", "0"),
    ("cs", "cs", "0"), ("et", "et", "0"), ("lv", "lv", "0"), ("bn", "bn", "০"), ("zh", "zh", "0"),
    ("ko", "ko", "0"), ("id", "id", "0"), ("el", "el", "0"), ("he", "he", "0"), ("pt_PT", "pt_PT", "0"),
]  # fmt: skip


def _in_digits(text: str, zero: str) -> str:
    return "".join(chr(ord(zero) + int(c)) if c.isdigit() and c.isascii() else c for c in text)


def _babel_decimal(value: Decimal, babel_locale: str, system: str) -> str:
    """``format_decimal``, minus a Babel 2.19 bug for the Swiss locales.

    CLDR 48 made the Swiss group separator an ASCII apostrophe, and Babel's final pass that
    unquotes pattern literals (``'...'``) then eats pairs of group separators:
    ``1'234'567`` comes out as ``1234567``, ``1'000'000'000`` as ``1000000'000``. For such a
    locale we let Babel write the number without groups and group the integer part in threes,
    which is what the locale's pattern (``#,##0.###``, checked here) asks for.
    """
    written = format_decimal(value, locale=babel_locale, numbering_system=system)
    group = get_group_symbol(babel_locale, numbering_system=system)
    if group != "'":
        return written
    assert Locale.parse(babel_locale).decimal_formats[None].grouping == (3, 3)
    plain = format_decimal(value, locale=babel_locale, numbering_system=system, group_separator=False)
    sign = plain[0] if not plain[0].isdigit() else ""
    digits = plain[len(sign) :]
    integer = re.match(r"\d+", digits).group()  # type: ignore[union-attr]
    grouped = re.sub(r"(?<=\d)(?=(\d{3})+$)", group, integer)
    return sign + grouped + digits[len(integer) :]


@settings(max_examples=300, deadline=None)
@given(
    locale=st.sampled_from(LOCALES),
    value=st.one_of(
        st.integers(min_value=-(10**12), max_value=10**12).map(Decimal),
        st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False, allow_infinity=False),
    ),
)
@example(locale=("de_CH", "de_CH", "0"), value=Decimal("1000000000"))  # found by CI: Babel's Swiss bug
@example(locale=("de_CH", "de_CH", "0"), value=Decimal("-1234567.125"))
def test_babel_formatted_numbers_read_back(locale: tuple[str, str, str], value: Decimal) -> None:
    language, babel_locale, zero = locale
    system = "latn" if zero == "0" else "default"
    written = _in_digits(_babel_decimal(value, babel_locale, system), zero)
    text = f"Total: {written}; end"
    mentions = extract_numbers(text, language)
    assert len(mentions) == 1, (written, mentions)
    (mention,) = mentions
    assert mention.text == written
    conform = [r for r in mention.readings if r.value == value]
    assert conform and conform[0].locale_conform, (written, mention.readings)


@settings(max_examples=100, deadline=None)
@given(
    locale=st.sampled_from([loc for loc in LOCALES if loc[2] == "0"] + [("eu", "eu", "0")]),
    value=st.integers(min_value=0, max_value=1000),
)
def test_babel_formatted_percents_read_back(locale: tuple[str, str, str], value: int) -> None:
    language, babel_locale, _ = locale
    written = format_percent(Decimal(value) / 100, locale=babel_locale)
    (mention,) = extract_numbers(f"x {written} y", language)
    assert mention.kind == "percent" and Decimal(value) in mention.values, (written, mention)


def test_property_locales_exist_in_babel() -> None:
    for _, babel_locale, _ in LOCALES:
        assert Locale.parse(babel_locale)


@pytest.mark.parametrize(
    "text",
    ["1-" * 5000, "1/" * 5000, "12:" * 5000, "+" + "1" * 5000, "1," * 5000, "9" * 20000, "1 000 " * 2000, "a1" * 5000],
)
def test_pathological_inputs_stay_linear(text: str) -> None:
    import time

    started = time.process_time()
    mentions = extract_numbers(text, "en")
    assert time.process_time() - started < 2.0
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))


def test_mentions_never_overlap_on_seed_salary_paragraphs() -> None:
    from tests.conftest import SEED_FILES

    for language in ("lt", "da", "tl", "te"):
        text = SEED_FILES[language].read_text("utf-8")
        mentions = extract_numbers(text, language)
        assert mentions and all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))
        assert all(text[m.start : m.end] == m.text for m in mentions)


# Software strings: the digits of format placeholders are argument positions and widths, not numbers;
# a percent sign before a number (Turkish "%25") is still a percentage.
PLACEHOLDER_CASES = [
    ("ముద్రణాయంత్రము %2$s పైన పత్రము '%1$s'ను ముద్రించుటకు", "te", []),
    ("Print '%1$s' on %2$s", "en", []),
    ("{0} of {1} files, {2:N2} MB", "en", []),
    ("%5d items, %.2f MB, %02d:%02d left", "en", []),
    ("Fiyatlar %25 arttı", "tr", ["25"]),
    ("%25lik artış", "tr", ["25"]),
    ("75% of them", "en", ["75"]),
    ("%d of 12 files", "en", ["12"]),
    ("{0} of 12 files", "en", ["12"]),
]


@pytest.mark.parametrize(("text", "lang", "values"), PLACEHOLDER_CASES, ids=[c[0][:20] for c in PLACEHOLDER_CASES])
def test_placeholder_digits_are_not_numbers(text: str, lang: str, values: list[str]) -> None:
    assert [str(r.value) for m in extract_numbers(text, lang) for r in m.readings[:1]] == values

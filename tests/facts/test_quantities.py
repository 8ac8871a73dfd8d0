"""aligner.facts.quantities: units found per language, and conversions judged right or wrong."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aligner.facts import quantities
from aligner.facts.quantities import (
    Quantity,
    align_quantities,
    compare,
    convert,
    find_localised,
    find_quantities,
    relate,
    wrong_versions,
)


def D(x) -> Decimal:
    return Decimal(str(x))


def _value(v):
    return (D(v[0]), D(v[1])) if isinstance(v, tuple) else D(v)


# (language, text, expected [(surface, value, unit)])
FIND = [
    # English
    ("en", "about 30 yards out", [("30 yards", 30, "yard")]),
    ("en", "30 feet deep", [("30 feet", 30, "foot")]),
    ("en", "3-5 inches of rain", [("3-5 inches", (3, 5), "inch")]),
    ("en", "2 to 4 inches of rainfall", [("2 to 4 inches", (2, 4), "inch")]),
    ("en", "winds of 85 miles per hour", [("85 miles per hour", 85, "mile/hour")]),
    ("en", "at 60 mph", [("60 mph", 60, "mile/hour")]),
    ("en", "The 6-foot-6 forward", [("6-foot-6", D(6) + D(6) / 12, "foot")]),
    ("en", "200 km (120 miles) away", [("200 km", 200, "kilometer"), ("120 miles", 120, "mile")]),
    ("en", "highs in the 90s °F", [("90s °F", (90, 99), "degree_Fahrenheit")]),
    ("en", "a sunny 80 degrees outside", [("80 degrees", 80, "degree")]),
    ("en", "1,200 feet", [("1,200 feet", 1200, "foot")]),
    ("en", "the 550 pound hog", [("550 pound", 550, "pound")]),
    ("en", "the 200 metres and 400 metres", [("200 metres", 200, "meter"), ("400 metres", 400, "meter")]),
    ("en", "5,000 acres of forest", [("5,000 acres", 5000, "acre")]),
    ("en", "10 gallons", [("10 gallons", 10, "gallon")]),
    # Lithuanian
    ("lt", "apie 30 metrų nuo vartų", [("30 metrų", 30, "meter")]),
    ("lt", "1,98 metro ūgio", [("1,98 metro", D("1.98"), "meter")]),
    ("lt", "prilis 5–10 centimetrų kritulių", [("5–10 centimetrų", (5, 10), "centimeter")]),
    ("lt", "nuo 2,5 iki 5 centimetrų", [("2,5 iki 5 centimetrų", (D("2.5"), 5), "centimeter")]),
    ("lt", "su 137 km/h vėju", [("137 km/h", 137, "kilometer/hour")]),
    ("lt", "19 kilometrų per valandą greičiu", [("19 kilometrų per valandą", 19, "kilometer/hour")]),
    ("lt", "ne daugiau nei 64 kilometrus", [("64 kilometrus", 64, "kilometer")]),
    ("lt", "apima maždaug 130 mylių pakrantės", [("130 mylių", 130, "mile")]),
    ("lt", "buvo 27 laipsniai šilumos", [("27 laipsniai šilumos", 27, "degree")]),
    ("lt", "su dviejų 6 pėdų kraštais", [("6 pėdų", 6, "foot")]),
    ("lt", "3 colių sniego", [("3 colių", 3, "inch")]),
    ("lt", "250 kilogramų sverianti kiaulė", [("250 kilogramų", 250, "kilogram")]),
    ("lt", "200 ir 400 metrų rungtis", [("200", 200, "meter"), ("400 metrų", 400, "meter")]),
    ("lt", "1 200 km", [("1 200 km", 1200, "kilometer")]),
    # Danish
    ("da", "små 30 meter fra Chelseas mål", [("30 meter", 30, "meter")]),
    ("da", "Den 198 cm høje forward", [("198 cm", 198, "centimeter")]),
    ("da", "51 til 102 mm regn", [("51 til 102 mm", (51, 102), "millimeter")]),
    ("da", "vindstyrke på 38 m/s", [("38 m/s", 38, "meter/second")]),
    ("da", "nord med 19 km/t.", [("19 km/t.", 19, "kilometer/hour")]),
    ("da", "var det 26 grader uden for", [("26 grader", 26, "degree")]),
    ("da", "en 60 centimeter bred skygge", [("60 centimeter", 60, "centimeter")]),
    ("da", "30 fod dybt", [("30 fod", 30, "foot")]),
    ("da", "omkring 1,6 km fra", [("1,6 km", D("1.6"), "kilometer")]),
    ("da", "5 tommer sne", [("5 tommer", 5, "inch")]),
    ("da", "32 °C", [("32 °C", 32, "degree_Celsius")]),
    ("da", "1.200 km", [("1.200 km", 1200, "kilometer")]),
    # Tagalog
    ("tl", "mga 30 yarda ang layo", [("30 yarda", 30, "yard")]),
    ("tl", "2 hanggang 4 na pulgada ng pag-ulan", [("2 hanggang 4 na pulgada", (2, 4), "inch")]),
    ("tl", "hanggang 6 na pulgada", [("6 na pulgada", 6, "inch")]),
    ("tl", "hangin na 85 milya kada oras", [("85 milya kada oras", 85, "mile/hour")]),
    ("tl", "385 milya ang layo", [("385 milya", 385, "mile")]),
    ("tl", "30 metro (100 talampakan) ng tubig", [("30 metro", 30, "meter"), ("100 talampakan", 100, "foot")]),
    ("tl", "hanggang 4 na inch", [("4 na inch", 4, "inch")]),
    ("tl", "maaraw na 80 degrees sa labas", [("80 degrees", 80, "degree")]),
    ("tl", "isang 550 pound na baboy", [("550 pound", 550, "pound")]),
    ("tl", "200 metro at 400 metro", [("200 metro", 200, "meter"), ("400 metro", 400, "meter")]),
    ("tl", "1.5 kilometro", [("1.5 kilometro", D("1.5"), "kilometer")]),
    # Telugu
    ("te", "30 గజాల దూరంలో", [("30 గజాల", 30, "yard")]),
    ("te", "అతని ఎత్తు 6.6 అడుగులు", [("6.6 అడుగులు", D("6.6"), "foot")]),
    ("te", "200 మైళ్ల పరిధిలో", [("200 మైళ్ల", 200, "mile")]),
    ("te", "గంటకు 85 మైళ్ల వేగంతో", [("గంటకు 85 మైళ్ల", 85, "mile/hour")]),
    ("te", "2 నుండి 4 అంగుళాల వర్షం", [("2 నుండి 4 అంగుళాల", (2, 4), "inch")]),
    ("te", "6 అంగుళాల వరకు", [("6 అంగుళాల", 6, "inch")]),
    ("te", "30 మీటర్(100 అడుగులు)", [("30 మీటర్", 30, "meter"), ("100 అడుగులు", 100, "foot")]),
    ("te", "ఒక సన్నీ 80 డిగ్రీలు ఉంది", [("80 డిగ్రీలు", 80, "degree")]),
    ("te", "10 మైళ్ళలో ప్యాచెస్", [("10 మైళ్ళలో", 10, "mile")]),
    ("te", "650 పౌండ్ల బరువు", [("650 పౌండ్ల", 650, "pound")]),
    ("te", "200 మీటర్లు మరియు 400 మీటర్లు", [("200 మీటర్లు", 200, "meter"), ("400 మీటర్లు", 400, "meter")]),
    ("en", "highs in the mid-90s °F", [("mid-90s °F", (93, 96), "degree_Fahrenheit")]),
    ("en", "the upper 80s F", [("80s F", (86, 89), "degree_Fahrenheit")]),
    ("en", "it was 32° outside", [("32°", 32, "degree")]),
    ("lt", "50 km per valandą", [("50 km per valandą", 50, "kilometer/hour")]),
    # numbers written as words
    ("en", "about a mile away from", [("a mile", 1, "mile")]),
    ("en", "a two-foot wide brim", [("two-foot", 2, "foot")]),
    ("lt", "su dviejų pėdų kraštais", [("dviejų pėdų", 2, "foot")]),
    ("tl", "halos isang milya ang layo", [("isang milya", 1, "mile")]),
    ("tl", "brim na dalawang talampakan", [("dalawang talampakan", 2, "foot")]),
    ("te", "ఒక మైలు దూరంలో", [("ఒక మైలు", 1, "mile")]),
    ("te", "రెండు అడుగుల వెడల్పు", [("రెండు అడుగుల", 2, "foot")]),
    ("da", "to meter væk", [("to meter", 2, "meter")]),
    # German / French (cheap extras)
    ("de", "30 Meter tief", [("30 Meter", 30, "meter")]),
    ("fr", "à 200 kilomètres", [("200 kilomètres", 200, "kilometer")]),
]


@pytest.mark.parametrize(("language", "text", "expected"), FIND, ids=[f"{c[0]}:{c[1]}" for c in FIND])
def test_find_quantities(language, text, expected):
    found = find_quantities(text, language)
    assert [(q.surface, q.value, q.unit) for q in found] == [(s, _value(v), u) for s, v, u in expected]
    for q in found:
        assert text[q.start : q.end] == q.surface


# Not quantities: scale words, money, percentages, durations, years, store counts, words that begin like units.
NEGATIVE = [
    ("lt", "3 milijonai gyventojų"),
    ("lt", "4,2 mlrd. eurų"),
    ("lt", "Katrina (1967 m.) buvo uraganas"),
    ("lt", "12 svarbių klausimų"),
    ("lt", "per 20 metų"),
    ("da", "2,5 mio. kroner"),
    ("da", "13 % af nye byggerier"),
    ("da", "i 5 minutter"),
    ("en", "5 minutes later"),
    ("en", "won 3 in 10 games"),
    ("en", "£550 for the flat"),
    ("en", "it cost 550 pounds"),  # money: a plural "pounds" without a weight word stays currency
    ("en", "13 per cent"),
    ("en", "COVID-19 cases"),
    ("tl", "25 na milyong tao"),
    ("tl", "5 minuto"),
    ("te", "11 స్టోర్‌లలో"),
    ("te", "24 గంటల్లో"),
    ("te", "13 శాతం"),
    ("en", "to get a foot on the housing ladder"),  # an article before foot/degree/yard is no measurement
    ("en", "she has a degree in law"),
    ("da", "at få en fod indenfor"),
    ("en", "a 180-degree turn"),  # angles
    ("en", "a 360° view"),
]


@pytest.mark.parametrize(("language", "text"), NEGATIVE, ids=[f"{c[0]}:{c[1]}" for c in NEGATIVE])
def test_no_unit_invented(language, text):
    assert find_quantities(text, language) == []


def q1(text: str, language: str) -> Quantity:
    (q,) = find_quantities(text, language)
    return q


# (a, lang_a, b, lang_b, kind)
COMPARE = [
    ("30 feet", "en", "9 metrai", "lt", "converted"),
    ("30 feet", "en", "9,1 m", "da", "converted"),
    ("30 feet", "en", "30 talampakan", "tl", "same"),
    ("30 feet", "en", "30 అడుగులు", "te", "same"),
    ("3 miles", "en", "5 km", "da", "converted"),
    ("1 mile", "en", "1,6 km", "lt", "converted"),
    ("60 mph", "en", "97 km/t", "da", "converted"),
    ("85 miles per hour", "en", "137 km/h", "lt", "converted"),
    ("85 miles per hour", "en", "38 m/s", "da", "converted"),
    ("200 miles", "en", "322 kilometrų", "lt", "converted"),
    ("200 miles", "en", "320 km", "da", "converted"),
    ("130 miles", "en", "210 km", "da", "converted"),
    ("the 90s °F", "en", "32 °C", "da", "converted"),
    ("the mid-90s °F", "en", "35 °C", "lt", "converted"),
    ("the mid-90s °F", "en", "25 °C", "lt", "wrong_conversion"),
    ("80 degrees", "en", "27 laipsniai šilumos", "lt", "converted"),
    ("80 degrees", "en", "26 grader", "da", "converted"),
    ("80 degrees", "en", "80 degrees", "tl", "same"),
    ("2 to 4 inches", "en", "5–10 centimetrų", "lt", "converted"),
    ("2 to 4 inches", "en", "51 til 102 mm", "da", "converted"),
    ("3 to 6 inches", "en", "8–15 centimetrų", "lt", "converted"),
    ("6-foot-6", "en", "1,98 metro", "lt", "converted"),
    ("6-foot-6", "en", "198 cm", "da", "converted"),
    ("550 pound", "en", "250 kilogramų", "lt", "converted"),
    ("5,000 acres", "en", "2 000 hektarų", "lt", "converted"),
    ("10 gallons", "en", "38 liter", "da", "converted"),
    # wrong conversions
    ("3-5 inches", "en", "5-9 cm", "lt", "wrong_conversion"),
    ("up to 6 inches", "en", "iki 5 centimetrų", "lt", "wrong_conversion"),
    ("3 miles", "en", "3 km", "da", "wrong_conversion"),
    ("60 mph", "en", "60 km/t", "da", "wrong_conversion"),
    ("80 degrees", "en", "80 grader", "da", "same"),  # bare degrees on both sides: same scale
    ("90 °F", "en", "90 °C", "da", "wrong_conversion"),
    ("27 laipsniai", "lt", "24 °C", "da", "different"),  # the unsaid scale read as Celsius: 27 / 24
    ("27 laipsniai", "lt", "27 °C", "da", "same"),
    ("100 kg", "en", "100 lb", "en", "wrong_conversion"),
    # same unit, other value; different dimension
    ("6-foot-6", "en", "6.6 అడుగులు", "te", "different"),
    ("5 kg", "en", "5 km", "lt", "unrelated"),
    ("85 mph", "en", "85 milya", "tl", "unrelated"),
]


@pytest.mark.parametrize(("a", "la", "b", "lb", "kind"), COMPARE, ids=[f"{c[0]}|{c[2]}" for c in COMPARE])
def test_compare(a, la, b, lb, kind):
    assert compare(q1(a, la), q1(b, lb)).kind == kind


def test_messages_give_the_conversion_and_the_expected_value():
    ok = compare(q1("30 feet", "en"), q1("9 metrai", "lt"))
    assert ok.message.startswith("converted: 30 ft ≈ 9.14 m")
    assert ok.consistent
    bad = compare(q1("3-5 inches", "en"), q1("5-9 cm", "lt"))
    assert bad.expected == (D("7.62"), D("12.7"))
    assert "7.62-12.7 cm" in bad.message and "found 5-9 cm" in bad.message
    assert not bad.consistent


def test_temperature_uses_offset_units():
    assert convert(D(212), "degree_Fahrenheit", "degree_Celsius") == D(100)
    assert convert(D(-40), "degree_Celsius", "degree_Fahrenheit") == D(-40)
    assert compare(q1("32 °F", "en"), q1("0 °C", "da")).kind == "converted"


def test_rounding_to_the_digits_written():
    # 1 mile = 1.609 km: "2 km" is the value rounded to the one digit written, "1 km" is not
    assert compare(q1("1 mile", "en"), q1("2 km", "da")).kind == "converted"
    assert compare(q1("1 mile", "en"), q1("1 km", "da")).kind == "wrong_conversion"


def test_align_drops_parenthetical_alternative():
    en = find_quantities("about 200 km (120 miles) from the coast", "en")
    lt = find_quantities("apie 200 km nuo kranto", "lt")
    pairs, lone_en, lone_lt = align_quantities(en, lt)
    assert [c.kind for c in pairs] == ["same"]
    assert lone_en == [] and lone_lt == []


def test_align_pairs_conversions_in_order():
    en = find_quantities("winds of 85 miles per hour, 385 miles south, moving at 12 miles per hour", "en")
    da = find_quantities("vindstyrke på 38 m/s og befinder sig 620 km syd og bevæger sig med 19 km/t", "da")
    pairs, lone_en, lone_da = align_quantities(en, da)
    assert [(c.a.surface, c.b.surface, c.kind) for c in pairs] == [
        ("85 miles per hour", "38 m/s", "converted"),
        ("385 miles", "620 km", "converted"),
        ("12 miles per hour", "19 km/t", "converted"),
    ]
    assert lone_en == lone_da == []


def test_registry_is_built_once_and_timed():
    reg = quantities.registry()
    assert quantities.registry() is reg
    assert quantities.REGISTRY_BUILD_SECONDS is not None and quantities.REGISTRY_BUILD_SECONDS > 0


def test_unknown_language_reads_english_units_and_symbols():
    found = find_quantities("30 feet and 9 m, 2-3 km", "xx")
    assert [(q.surface, q.unit) for q in found] == [("30 feet", "foot"), ("9 m", "meter"), ("2-3 km", "kilometer")]
    assert find_quantities("", "en") == []


def test_find_localised_and_relate_across_versions():
    en = find_localised("The 6-foot-6 forward, 20, plays at 3 p.m. in a 19th-century hall.", "en")
    lt = find_localised("1,98 metro ūgio dvidešimtmetis žais 15 val. XIX a. salėje.", "lt")
    assert [type(i).__name__ for i in en] == ["Quantity", "TimeOfDay", "Century"]
    assert [type(i).__name__ for i in lt] == ["Quantity", "Age", "TimeOfDay", "Century"]
    assert relate(en[0], lt[0]) == "converted"
    assert relate(en[1], lt[2]) == "same"
    assert relate(en[2], lt[3]) == "same"
    assert relate(en[1], lt[3]) == "unrelated"
    assert relate(en[1], find_localised("kl. 16", "da")[0]) == "different"


def test_wrong_versions_blames_the_odd_one_out():
    versions = {
        "en": q1("up to 6 inches", "en"),
        "lt": q1("iki 5 centimetrų", "lt"),
        "da": q1("op til 152 mm", "da"),
        "tl": q1("hanggang 6 na pulgada", "tl"),
        "te": q1("6 అంగుళాల వరకు", "te"),
    }
    assert wrong_versions(versions, reference="en") == ["lt"]
    assert wrong_versions({"en": q1("3-5 inches", "en"), "lt": q1("5-9 cm", "lt")}, reference="en") == ["lt"]
    assert wrong_versions({"en": q1("30 feet", "en"), "lt": q1("9 metrai", "lt")}, reference="en") == []

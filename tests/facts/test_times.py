"""aligner.facts.times: times of day, centuries and ages read as values in en/lt/da/tl/te."""

from __future__ import annotations

import pytest

from aligner.facts.times import (
    TimeOfDay,
    find_ages,
    find_centuries,
    find_dated,
    find_times,
    roman_to_int,
    same_time,
)


def hm(h: int, m: int = 0) -> int:
    return h * 60 + m


# (language, text, surface, minutes, twelve_hour)
TIMES = [
    # English
    ("en", "at 3 p.m. on Wednesday", "3 p.m.", hm(15), False),
    ("en", "found at 7.55am with", "7.55am", hm(7, 55), False),
    ("en", "at 12:55 p.m. on Tuesday", "12:55 p.m.", hm(12, 55), False),
    ("en", "starts at 19:30", "19:30", hm(19, 30), False),
    ("en", "doors open 7:30 PM", "7:30 PM", hm(19, 30), False),
    ("en", "at 12 a.m.", "12 a.m.", hm(0), False),
    ("en", "at 4.40 am Thursday", "4.40 am", hm(4, 40), False),
    ("en", "is 5.30pm on a Saturday", "5.30pm", hm(17, 30), False),
    ("en", "at 1 p.m.", "1 p.m.", hm(13), False),
    ("en", "at 02:30 local time", "02:30", hm(2, 30), False),
    # Lithuanian
    ("lt", "15 val. trečiadienį", "15 val.", hm(15), False),
    ("lt", "rasta 7.55 val. prie", "7.55 val.", hm(7, 55), False),
    ("lt", "Antradienį, 12 val. 55 min., „City“", "12 val. 55 min.", hm(12, 55), False),
    ("lt", "šeštadienį 17.30 val.", "17.30 val.", hm(17, 30), False),
    ("lt", "13 val. prasidės", "13 val.", hm(13), False),
    ("lt", "19:30 prasidės", "19:30", hm(19, 30), False),
    ("lt", "19.30 val. koncertas", "19.30 val.", hm(19, 30), False),
    ("lt", "02.30 val. naktį", "02.30 val.", hm(2, 30), False),
    ("lt", "nuo 9 val. ryto", "9 val.", hm(9), False),
    ("lt", "10.15 val.", "10.15 val.", hm(10, 15), False),
    # Danish
    ("da", "kl. 15 onsdag", "kl. 15", hm(15), False),
    ("da", "fundet kl. 7.55 ved", "kl. 7.55", hm(7, 55), False),
    ("da", "klokken 19.30", "klokken 19.30", hm(19, 30), False),
    ("da", "Kl. 14 i dag", "Kl. 14", hm(14), False),
    ("da", "kl. 12.55 tirsdag", "kl. 12.55", hm(12, 55), False),
    ("da", "lørdage kl. 17.30, viser", "kl. 17.30", hm(17, 30), False),
    ("da", "på 19:30", "19:30", hm(19, 30), False),
    ("da", "kl. 13", "kl. 13", hm(13), False),
    ("da", "kl. 02.30", "kl. 02.30", hm(2, 30), False),
    ("da", "kl. 4.40 torsdag", "kl. 4.40", hm(4, 40), False),
    # Tagalog
    ("tl", "ganap na 3 p.m. ng Miyerkules", "3 p.m.", hm(15), False),
    ("tl", "ika-1 ng hapon", "ika-1 ng hapon", hm(13), False),
    ("tl", "ika-7 ng gabi", "ika-7 ng gabi", hm(19), False),
    ("tl", "alas-siyete ng umaga", "alas-siyete ng umaga", hm(7), False),
    ("tl", "alas-siyete na", "alas-siyete", hm(7), True),
    ("tl", "alas-dose ng tanghali", "alas-dose ng tanghali", hm(12), False),
    ("tl", "alas 7:30 ng gabi", "alas 7:30 ng gabi", hm(19, 30), False),
    ("tl", "noong 7:55am sa Grayson", "7:55am", hm(7, 55), False),
    ("tl", "5:30pm ng Sabado", "5:30pm", hm(17, 30), False),
    ("tl", "alas-una y medya ng hapon", "alas-una y medya ng hapon", hm(13, 30), False),
    # Telugu
    ("te", "మధ్యాహ్నం 1 గంటకు", "మధ్యాహ్నం 1 గంటకు", hm(13), False),
    ("te", "బుధవారం మధ్యాహ్నం 3 గంటలకు లివర్‌పూల్", "మధ్యాహ్నం 3 గంటలకు", hm(15), False),
    ("te", "ఉదయం 7.55 గంటల సమయంలో", "ఉదయం 7.55 గంటల సమయంలో", hm(7, 55), False),
    ("te", "ఉదయం 4.40 గంటలకు", "ఉదయం 4.40 గంటలకు", hm(4, 40), False),
    ("te", "శనివారం సాయంత్రం 5.30, అని", "సాయంత్రం 5.30", hm(17, 30), False),
    ("te", "రాత్రి 9 గంటలకు", "రాత్రి 9 గంటలకు", hm(21), False),
    ("te", "3 గంటలకు", "3 గంటలకు", hm(3), True),
    ("te", "12:55 గంటలకు", "12:55 గంటలకు", hm(12, 55), True),
    ("te", "మధ్యాహ్నం 2 గంటలకు", "మధ్యాహ్నం 2 గంటలకు", hm(14), False),
    ("te", "10:15 న", "10:15", hm(10, 15), False),
]


@pytest.mark.parametrize(("language", "text", "surface", "minutes", "twelve"), TIMES, ids=[t[1] for t in TIMES])
def test_find_times(language, text, surface, minutes, twelve):
    (t,) = find_times(text, language)
    assert (t.surface, t.minutes, t.twelve_hour) == (surface, minutes, twelve)
    assert text[t.start : t.end] == surface


NOT_TIMES = [
    ("lt", "19.30 proc."),  # the dot rule: no marker, a decimal
    ("lt", "kaina 12.50"),
    ("da", "19.30 kroner"),
    ("en", "rose 4.40 per cent"),
    ("en", "a 3.5 rating"),
    ("te", "24 గంటల్లో"),  # a duration
    ("te", "6.6 అడుగులు"),
    ("tl", "4.5 porsiyento"),
]


@pytest.mark.parametrize(("language", "text"), NOT_TIMES, ids=[t[1] for t in NOT_TIMES])
def test_no_time_without_marker(language, text):
    assert find_times(text, language) == []


def test_same_time_across_languages():
    en = find_times("at 1 p.m.", "en")[0]
    for text, lang in (("13 val.", "lt"), ("kl. 13", "da"), ("ika-1 ng hapon", "tl"), ("మధ్యాహ్నం 1 గంటకు", "te")):
        assert same_time(en, find_times(text, lang)[0]), text
    assert same_time(find_times("19.30 val.", "lt")[0], find_times("klokken 19:30", "da")[0])
    # a 12-hour reading without a day part may be 12 hours later
    assert same_time(find_times("alas-siyete", "tl")[0], find_times("kl. 19", "da")[0])
    assert not same_time(find_times("3 p.m.", "en")[0], find_times("kl. 3", "da")[0])
    assert TimeOfDay(0, 1, "x", hm(9, 5)).describe() == "09:05"


CENTURIES = [
    ("en", "a bloody 19th-century resource conflict", "19th-century", 19),
    ("en", "in the 19th century", "19th century", 19),
    ("en", "the nineteenth century", "nineteenth century", 19),
    ("en", "the 21st century", "21st century", 21),
    ("en", "the 3rd century", "3rd century", 3),
    ("lt", "XIX amžiaus kruviname konflikte", "XIX amžiaus", 19),
    ("lt", "XIX a. pabaigoje", "XIX a.", 19),
    ("lt", "XXI amžiuje", "XXI amžiuje", 21),
    ("lt", "XVIII a.", "XVIII a.", 18),
    ("lt", "IV amžius", "IV amžius", 4),
    ("da", "i det 19. århundrede, stadig", "19. århundrede", 19),
    ("da", "i 1800-tallet", "1800-tallet", 19),
    ("da", "det 21. århundrede", "21. århundrede", 21),
    ("da", "1900-tallets", "1900-tallets", 20),
    ("da", "det 3. århundrede", "3. århundrede", 3),
    ("tl", "noong ika-19 na siglo", "ika-19 na siglo", 19),
    ("tl", "ika-21 siglo", "ika-21 siglo", 21),
    ("tl", "siglo XIX", "siglo XIX", 19),
    ("tl", "ika-18 na dantaon", "ika-18 na dantaon", 18),
    ("tl", "siglo 20", "siglo 20", 20),
    ("te", "19వ శతాబ్దంలో జరిగిన", "19వ శతాబ్దంలో", 19),
    ("te", "21వ శతాబ్దం", "21వ శతాబ్దం", 21),
    ("te", "18 వ శతాబ్దపు", "18 వ శతాబ్దపు", 18),
    ("te", "20వ శతాబ్ది", "20వ శతాబ్ది", 20),
    ("te", "15వ శతాబ్దానికి", "15వ శతాబ్దానికి", 15),
    ("de", "im 19. Jahrhundert", "19. Jahrhundert", 19),
    ("fr", "au XIXe siècle", "XIXe siècle", 19),
]


@pytest.mark.parametrize(("language", "text", "surface", "value"), CENTURIES, ids=[c[1] for c in CENTURIES])
def test_find_centuries(language, text, surface, value):
    (c,) = find_centuries(text, language)
    assert (c.surface, c.value) == (surface, value)


def test_roman_numerals():
    assert [roman_to_int(r) for r in ("XIX", "XXI", "IV", "IX", "XIV")] == [19, 21, 4, 9, 14]
    assert roman_to_int("IIII") is None and roman_to_int("VX") is None and roman_to_int("MIX") is None
    assert find_centuries("VISA kortelė, XL dydis", "lt") == []


AGES = [
    ("en", "a 20-year-old basketball player", "20-year-old", 20),
    ("en", "said the 31-year-old.", "31-year-old", 31),
    ("en", "18- to 29-year-olds", "29-year-olds", 29),
    ("en", "Sims was 20 years old.", "20 years old", 20),
    ("en", "A 45-year-old man", "45-year-old", 45),
    ("en", "who died in 2011 aged 40 after", "aged 40", 40),
    ("lt", "20-mečio LSU krepšinio žaidėjo", "20-mečio", 20),
    ("lt", "35-erių Risa Kusuma", "35-erių", 35),
    ("lt", "42 metų amžiaus mechanikas", "42 metų amžiaus", 42),
    ("lt", "dvidešimtmetis žaidėjas", "dvidešimtmetis", 20),
    ("lt", "20-metis", "20-metis", 20),
    ("lt", "trisdešimtmetė moteris", "trisdešimtmetė", 30),
    ("da", "en 20-årig basketballspiller", "20-årig", 20),
    ("da", "den 31-årige.", "31-årige", 31),
    ("da", "Sims var 20 år gammel.", "20 år gammel", 20),
    ("da", "18-29-årige", "29-årige", 29),
    ("da", "En 45-årig mand", "45-årig", 45),
    ("tl", "ng 35-taong-gulang na ina", "35-taong-gulang", 35),
    ("tl", "ng 24-na-taong-gulang", "24-na-taong-gulang", 24),
    ("tl", "45 taong gulang na lalaki", "45 taong gulang", 45),
    ("tl", "44 na taong gulang na babae", "44 na taong gulang", 44),
    ("tl", "isang 42-year-old na mekaniko", "42-year-old", 42),
    ("te", "20 ఏళ్ల బాస్కెట్‌బాల్ ఆటగాడు", "20 ఏళ్ల", 20),
    ("te", "32 ఏళ్ల పురుషుడిని", "32 ఏళ్ల", 32),
    ("te", "29 సంవత్సరాల వయస్సు ఉన్న", "29 సంవత్సరాల వయస్సు", 29),
    ("te", "35 ఏళ్ళ తల్లి", "35 ఏళ్ళ", 35),
    ("te", "45 ఏళ్ల మహిళపై", "45 ఏళ్ల", 45),
]


@pytest.mark.parametrize(("language", "text", "surface", "value"), AGES, ids=[a[1] for a in AGES])
def test_find_ages(language, text, surface, value):
    (a,) = find_ages(text, language)
    assert (a.surface, a.value) == (surface, value)


def test_decade_is_no_age():
    assert find_ages("per pastarąjį dešimtmetį", "lt") == []
    assert [a.value for a in find_ages("keturiasdešimtmetį nukentėjusįjį", "lt")] == [40]


def test_find_dated_merges_in_text_order():
    text = "The 44-year-old was found at 7.55am in a 19th-century house."
    items = find_dated(text, "en")
    assert [(type(i).__name__, i.value) for i in items] == [("Age", 44), ("TimeOfDay", hm(7, 55)), ("Century", 19)]

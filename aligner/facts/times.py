"""Times of day, centuries and ages: numbers whose digits a translator legitimately rewrites.

"3 p.m." is "15 val." in Lithuanian, "kl. 15" in Danish, "ika-3 ng hapon" in Tagalog and
"మధ్యాహ్నం 3 గంటలకు" in Telugu; "the 19th century" is "XIX amžius" and "det 19. århundrede";
"a 20-year-old" is "20-årig", "20-mečio" or "dvidešimtmetis". Each finder returns spans with the
*value* they mean, so a number check can compare values instead of digit strings: the digits inside
a span stand for that value (``1 p.m.`` and ``13 val.`` are both 13:00 = 780 minutes).

Times of day (:func:`find_times`)
---------------------------------
``minutes`` is minutes after midnight. Recognised:

* ``H:MM`` everywhere (``19:30``, ``12:55 p.m.``, ``7:55am``);
* a 12-hour clock with ``a.m./p.m./am/pm`` in any language (``3 p.m.``, ``7.55am``, ``ganap na 3 p.m.``);
* Lithuanian ``15 val.``, ``7.55 val.``, ``12 val. 55 min.``; Danish ``kl. 15``, ``kl. 7.55``,
  ``klokken 19.30``; German ``19.30 Uhr``; French ``19 h 30``/``19h30``;
* Tagalog ``ika-1 ng hapon``, ``alas-siyete ng gabi``, ``alas-7``, ``alas 7:30`` (Spanish hour words
  ``una`` ... ``dose``; ``umaga``/``madaling-araw`` morning, ``tanghali`` noon, ``hapon`` afternoon,
  ``gabi`` evening);
* Telugu ``మధ్యాహ్నం 1 గంటకు``, ``ఉదయం 7.55 గంటల సమయంలో``, ``3 గంటలకు`` (``ఉదయం`` morning,
  ``మధ్యాహ్నం`` afternoon, ``సాయంత్రం`` evening, ``రాత్రి`` night, ``తెల్లవారుజామున`` dawn).

The dot rule: ``H.MM`` (hour 0-23, two-digit minutes) is a time, not the decimal H.MM, only when a
time marker is attached -- ``val.``, ``kl.``/``klokken`` before it, ``a.m./p.m.``, ``Uhr``, a Telugu
day part or ``గంటలకు``/``గంటల``, Tagalog ``alas``. Without one (``19.30`` alone) it stays a number:
the plain number check reads it, and a colon time in the other version then has to match by digits.
A 12-hour reading without a day part (``alas-7``, Telugu ``3 గంటలకు``) has ``twelve_hour=True``: it
means ``minutes`` or ``minutes + 720``; :func:`same_time` accounts for that. Telugu ``N గంటల``
without ``-కు``/``సమయంలో`` and without a day part is a duration ("24 గంటల్లో"), not a time.

Centuries (:func:`find_centuries`)
----------------------------------
Roman numerals with a century word (lt ``XIX a.``, ``XIX amžiuje``; fr ``XIXe siècle``; es/it/tl
``siglo XIX``, ``secolo XIX``), ordinals with a century word (en ``19th century``/``19th-century``,
``nineteenth century``; da ``19. århundrede``; de ``19. Jahrhundert``; tl ``ika-19 na siglo``; te
``19వ శతాబ్దం``), and Danish ``1800-tallet`` (= the 19th century). ``value`` is the century number.

Ages (:func:`find_ages`)
------------------------
en ``20-year-old(s)``, ``20 years old``, ``aged 20``; da ``20-årig(e)``; lt ``20-mečio``/``20-metis``/``35-erių``,
``20 metų amžiaus`` and the tens compounds ``dvidešimtmetis``...``devyniasdešimtmetė`` (not ``dešimtmetis``:
that is mostly "a decade"); tl ``35-taong-gulang``,
``35 na taong gulang``; te ``20 ఏళ్ల``, ``20 సంవత్సరాల వయస్సు``. ``value`` is the age in years.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from aligner.facts.numbers import cldr_locale

__all__ = [
    "Age",
    "Century",
    "TimeOfDay",
    "find_ages",
    "find_centuries",
    "find_dated",
    "find_times",
    "roman_to_int",
    "same_time",
]


@dataclass(frozen=True)
class TimeOfDay:
    """A time of day: ``minutes`` after midnight; ``twelve_hour`` when it may also be 12 h later."""

    start: int
    end: int
    surface: str
    minutes: int
    twelve_hour: bool = False

    @property
    def value(self) -> int:
        return self.minutes

    def describe(self) -> str:
        return f"{self.minutes // 60:02d}:{self.minutes % 60:02d}"


@dataclass(frozen=True)
class Century:
    start: int
    end: int
    surface: str
    value: int


@dataclass(frozen=True)
class Age:
    start: int
    end: int
    surface: str
    value: int


def same_time(a: TimeOfDay, b: TimeOfDay) -> bool:
    """True when ``a`` and ``b`` may be the same time of day (12-hour readings may be 12 h apart)."""
    if a.minutes == b.minutes:
        return True
    if a.twelve_hour or b.twelve_hour:
        return (a.minutes - b.minutes) % 720 == 0
    return False


def _base(language: str) -> str:
    loc = cldr_locale(language)
    base = loc.language if loc is not None else language.split("_")[0].split("-")[0].lower()
    return "tl" if base == "fil" else base


_SP = "[ \u00a0\u202f\u2009]"
_NB = r"(?<![\p{L}\p{N}.,:])"  # no letter, digit or separator before the hour
_NA = r"(?![\p{L}\p{N}])"
_HOUR = r"(?P<h>[01]?\d|2[0-3])"
_MIN = r"(?P<m>[0-5]\d)"
_AMPM = rf"(?P<ap>(?i:a\.?{_SP}?m\.?|p\.?{_SP}?m\.?)(?![\p{{L}}]))"

_SPANISH_HOURS = {
    "una": 1, "dos": 2, "tres": 3, "kuwatro": 4, "kwatro": 4, "kuatro": 4, "singko": 5, "sinko": 5,
    "sais": 6, "siyete": 7, "syete": 7, "otso": 8, "nuwebe": 9, "nueve": 9, "diyes": 10, "dyes": 10,
    "onse": 11, "dose": 12,
}  # fmt: skip
_TL_PARTS = {"umaga": "am", "madaling-araw": "am", "madaling araw": "am", "tanghali": "noon", "hapon": "pm",
             "gabi": "night"}  # fmt: skip
_TE_PARTS = {"ఉదయం": "am", "తెల్లవారుజామున": "am", "వేకువజామున": "am", "మధ్యాహ్నం": "pm", "సాయంత్రం": "pm",
             "రాత్రి": "night"}  # fmt: skip


def _apply_part(h: int, part: str | None) -> tuple[int, bool]:
    """Hour on a 24-hour clock from a 12-hour hour and a day part; second item: still ambiguous."""
    if part is None:
        return h, 1 <= h <= 12
    if h > 12:
        return h, False
    if part == "am":
        return (0 if h == 12 else h), False
    if part == "noon":
        return (12 if h == 12 else h + 12 if h < 6 else h), False
    if part == "pm":
        return (12 if h == 12 else h + 12), False
    # night: 6-11 is the evening, 12 midnight, 1-5 small hours
    if h == 12:
        return 0, False
    return (h + 12 if h >= 6 else h), False


def _alts(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


_COMMON = [
    # 12-hour clock with a.m./p.m. (any language): 3 p.m., 7.55am, 12:55 p.m.
    regex.compile(rf"{_NB}{_HOUR}(?:[:.]{_MIN})?{_SP}?{_AMPM}"),
    # colon times: 19:30, 13:00:05
    regex.compile(rf"{_NB}{_HOUR}:{_MIN}(?::[0-5]\d)?(?![\d:])"),
]
_BY_LANGUAGE = {
    "lt": [regex.compile(rf"{_NB}{_HOUR}(?:[:.]{_MIN})?{_SP}?val\.(?:{_SP}?{_MIN}{_SP}?min\.?)?")],
    "da": [regex.compile(rf"(?<![\p{{L}}])(?i:kl\.|klokken){_SP}?{_HOUR}(?:[.:]{_MIN})?(?![\d])")],
    "de": [regex.compile(rf"{_NB}{_HOUR}(?:[.:]{_MIN})?{_SP}?Uhr{_NA}")],
    "fr": [regex.compile(rf"{_NB}{_HOUR}{_SP}?h{_SP}?{_MIN}?{_NA}")],
    "tl": [
        regex.compile(
            rf"(?<![\p{{L}}])(?i:ika-?){_HOUR}(?:[:.]{_MIN})?{_SP}+(?:ng|sa){_SP}+(?P<part>{_alts(_TL_PARTS)})"
        ),
        regex.compile(
            rf"(?<![\p{{L}}])(?i:alas)[- ]?(?:{_HOUR}(?:[:.]{_MIN})?|(?P<word>{_alts(_SPANISH_HOURS)})"
            rf"(?:[- ]y[- ]medya)?){_NA}(?:{_SP}?{_AMPM}|{_SP}+(?:ng|sa){_SP}+(?P<part>{_alts(_TL_PARTS)}))?"
        ),
    ],
    "te": [
        regex.compile(
            rf"(?:(?P<part>{_alts(_TE_PARTS)}){_SP}+)?{_NB}{_HOUR}(?:[:.]{_MIN})?{_SP}?"
            rf"(?P<mark>గంటలకు|గంటకు|గంటల{_SP}సమయంలో|గంటల|గం\.)"
        ),
        # a day part alone marks a time: సాయంత్రం 5.30
        regex.compile(rf"(?P<part>{_alts(_TE_PARTS)}){_SP}+{_NB}{_HOUR}(?:[:.]{_MIN})?(?![\d.,:]\d)"),
    ],
}


def find_times(text: str, language: str) -> list[TimeOfDay]:
    """Times of day in ``text`` (see the module doc for the forms and the dot rule), in text order."""
    base = _base(language)
    found: list[TimeOfDay] = []
    for pattern in _BY_LANGUAGE.get(base, []) + _COMMON:
        for m in pattern.finditer(text):
            if any(t.start < m.end() and m.start() < t.end for t in found):
                continue
            g = m.groupdict()
            if g.get("word"):
                h = _SPANISH_HOURS[g["word"].lower()]
                minutes = 30 if "medya" in m.group().lower() else 0
            else:
                h = int(g["h"])
                minutes = int(g["m"]) if g.get("m") else 0
            part = None
            if g.get("ap"):
                part = "am" if g["ap"].lower().startswith("a") else "pm"
                if h > 12:
                    continue
            elif g.get("part"):
                part = (_TL_PARTS if base == "tl" else _TE_PARTS)[g["part"].lower()]
            if base == "te" and g.get("mark") in ("గంటల", "గం.") and part is None:
                continue  # a duration: 24 గంటల్లో
            twelve = False
            if part is not None:
                h, twelve = _apply_part(h, part)
            elif (base == "tl" and "alas" in m.group().lower()) or (base == "te" and g.get("mark")):
                h, twelve = _apply_part(h, None)
            found.append(TimeOfDay(m.start(), m.end(), m.group(), h * 60 + minutes, twelve))
    found.sort(key=lambda t: t.start)
    return found


# --------------------------------------------------------------------------------------------
# Centuries
# --------------------------------------------------------------------------------------------

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(s: str) -> int | None:
    """Value of a Roman numeral up to C (``XIX`` -> 19); None when it is not a well-formed one."""
    total = 0
    prev = 0
    for ch in reversed(s.upper()):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        if v < prev:
            total -= v
        else:
            total += v
            prev = v
    return total if 0 < total <= 30 and _int_to_roman(total) == s.upper() else None


def _int_to_roman(n: int) -> str:
    out = ""
    for v, r in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += r
            n -= v
    return out


_EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty first": 21,
}  # fmt: skip
_R = r"(?P<roman>[IVX]{1,5})"
_CENTURY_PATTERNS = {
    "lt": [regex.compile(rf"(?<![\p{{L}}]){_R}(?:{_SP}?[-–]{_SP}?[IVX]{{1,5}})?{_SP}?(?:a\.|amž\.|amž(?:ius|iaus|iuje|ių|iui|iumi)){_NA}?")],  # noqa: E501
    "en": [
        regex.compile(rf"{_NB}(?P<n>\d{{1,2}})(?:st|nd|rd|th)[- ](?i:century|centuries){_NA}"),
        regex.compile(rf"(?<![\p{{L}}])(?P<w>(?i:{_alts(_EN_ORDINALS)}))[- ](?i:century){_NA}"),
    ],
    "da": [
        regex.compile(rf"{_NB}(?P<n>\d{{1,2}})\.{_SP}?(?i:århundrede){_NA}"),
        regex.compile(rf"{_NB}(?P<hundreds>\d{{1,2}})00-(?i:tallets?|tals){_NA}"),
    ],
    "de": [regex.compile(rf"{_NB}(?P<n>\d{{1,2}})\.{_SP}?Jahrhundert\w*")],
    "fr": [regex.compile(rf"(?<![\p{{L}}]){_R}(?:e|ème){_SP}siècle{_NA}")],
    "es": [regex.compile(rf"(?i:siglo){_SP}{_R}{_NA}")],
    "it": [regex.compile(rf"(?i:secolo){_SP}{_R}{_NA}")],
    "tl": [
        regex.compile(rf"(?<![\p{{L}}])(?i:ika-?)(?P<n>\d{{1,2}})(?:{_SP}+na|-na)?{_SP}+(?i:siglo|dantaon){_NA}"),
        regex.compile(rf"(?i:siglo){_SP}(?:{_R}|(?P<n2>\d{{1,2}})){_NA}"),
    ],
    "te": [regex.compile(rf"{_NB}(?P<n>\d{{1,2}}){_SP}?వ?{_SP}?శతాబ్ద[\p{{L}}\p{{M}}]*")],
}


def find_centuries(text: str, language: str) -> list[Century]:
    """Centuries named in ``text`` (Roman or ordinal with a century word), value = century number."""
    found: list[Century] = []
    for pattern in _CENTURY_PATTERNS.get(_base(language), []):
        for m in pattern.finditer(text):
            g = m.groupdict()
            if g.get("roman"):
                value = roman_to_int(g["roman"])
            elif g.get("n") or g.get("n2"):
                value = int(g.get("n") or g["n2"])
            elif g.get("w"):
                value = _EN_ORDINALS[g["w"].lower().replace("-", " ").replace("twenty first", "twenty-first")]
            elif g.get("hundreds"):
                value = int(g["hundreds"]) + 1
            else:
                value = None
            if value and not any(c.start < m.end() and m.start() < c.end for c in found):
                found.append(Century(m.start(), m.end(), m.group(), value))
    found.sort(key=lambda c: c.start)
    return found


# --------------------------------------------------------------------------------------------
# Ages
# --------------------------------------------------------------------------------------------

# "dešimtmetis" is first of all a decade, so 10 is not in the table.
_LT_TENS = {
    "dvidešimt": 20, "trisdešimt": 30, "keturiasdešimt": 40, "penkiasdešimt": 50,
    "šešiasdešimt": 60, "septyniasdešimt": 70, "aštuoniasdešimt": 80, "devyniasdešimt": 90,
}  # fmt: skip
_LT_AGE_END = r"(?:metis|mečio|mečiui|metį|mečiu|metyje|metė|metės|metei|metę|mete|mečiai|mečių|mečiams|mečius|mečiais)"
_AGE_PATTERNS = {
    "en": [
        regex.compile(rf"{_NB}(?P<n>\d{{1,3}})[- ](?i:years?)[- ](?i:olds?){_NA}"),
        regex.compile(rf"(?<![\p{{L}}])(?i:aged){_SP}(?P<n>\d{{1,3}}){_NA}"),
    ],
    "da": [
        regex.compile(rf"{_NB}(?P<n>\d{{1,3}})-(?i:årig[et]?){_NA}"),
        regex.compile(rf"{_NB}(?P<n>\d{{1,3}}){_SP}(?i:år{_SP}gammel){_NA}"),
    ],
    "lt": [
        regex.compile(rf"{_NB}(?P<n>\d{{1,3}})-?{_LT_AGE_END}{_NA}"),
        regex.compile(rf"{_NB}(?P<n>\d{{1,3}})-(?:erių|ejų|ių|ies|mečių){_NA}"),
        regex.compile(rf"{_NB}(?P<n>\d{{1,3}}){_SP}metų{_SP}amžiaus{_NA}"),
        regex.compile(rf"(?<![\p{{L}}])(?P<w>(?i:{_alts(_LT_TENS)})){_LT_AGE_END}{_NA}"),
    ],
    "tl": [
        regex.compile(rf"{_NB}(?P<n>\d{{1,3}})(?:[- ]na)?[- ](?i:taong?)[- ](?i:gulang){_NA}"),
        regex.compile(rf"{_NB}(?P<n>\d{{1,3}})[- ](?i:years?)[- ](?i:olds?){_NA}"),
    ],
    "te": [regex.compile(rf"{_NB}(?P<n>\d{{1,3}}){_SP}?(?:ఏళ్ల|ఏళ్ళ|సంవత్సరాల{_SP}వయస్సు|ఏళ్ల{_SP}వయస్సు)")],
}


def find_ages(text: str, language: str) -> list[Age]:
    """Ages of people in ``text`` ("a 20-year-old", "20-årig", "20-mečio", "dvidešimtmetis")."""
    found: list[Age] = []
    base = _base(language)
    patterns = _AGE_PATTERNS.get(base, []) + (_AGE_PATTERNS["en"] if base not in ("en", "tl") else [])
    for pattern in patterns:
        for m in pattern.finditer(text):
            g = m.groupdict()
            value = int(g["n"]) if g.get("n") else _LT_TENS[g["w"].lower()]
            if not any(a.start < m.end() and m.start() < a.end for a in found):
                found.append(Age(m.start(), m.end(), m.group(), value))
    found.sort(key=lambda a: a.start)
    return found


def find_dated(text: str, language: str) -> list[TimeOfDay | Century | Age]:
    """All times, centuries and ages of ``text`` in text order (overlaps resolved by first found)."""
    out: list[TimeOfDay | Century | Age] = []
    for item in find_times(text, language) + find_centuries(text, language) + find_ages(text, language):
        if not any(o.start < item.end and item.start < o.end for o in out):
            out.append(item)
    out.sort(key=lambda o: o.start)
    return out

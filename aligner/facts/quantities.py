"""Physical quantities (a number with a unit of measurement) and whether two of them agree.

Why
---
Translators localise measurements: "30 feet" becomes "9 metrų", "85 miles per hour" "137 km/h",
"80 degrees" (Fahrenheit) "27 laipsniai". A digit-string comparison reports these as changed
numbers. Here a quantity keeps its *value* and its *unit*, and :func:`compare` decides with pint
whether two quantities are the same, a consistent conversion (localisation: an info finding), a
wrong conversion (a real error) or unrelated.

What is recognised
------------------
:func:`find_quantities` reads the numbers of a text with :func:`aligner.facts.numbers.extract_numbers`
(the language's own decimal and group separators, scale words such as ``mlrd.``) and looks for a unit
word right after each number. The unit vocabulary of a language is

* every surface form CLDR gives for the units of :data:`UNITS` (Babel's ``format_unit`` in the long,
  short and narrow lengths for several plural categories: ``pėda/pėdos/pėdų``, ``fod``,
  ``talampakan``, ``అడుగులు``, ``mi``, ``km/t``, ``°F`` ...), minus a few abbreviations that are
  common words (``in``, and most one-letter symbols: only ``m``, ``g``, ``l`` and ``L`` stay),
* plus the hand table :data:`EXTRA_UNIT_WORDS` for the case forms and abbreviations CLDR lacks
  (Lithuanian genitive/accusative/instrumental ``metrų``, ``kilometrus``, ``mylių``, ``colių``,
  ``laipsnių``; Danish ``tommer``, ``grader``; Tagalog ``inch``, ``degrees``; Telugu oblique forms
  ``మైళ్ల``, ``అంగుళాల``, ``కిలోమీటర్ల`` ...). An entry ending in ``*`` is a stem (any letters
  may follow). Telugu full words (not abbreviations) are stems: the language glues case suffixes to the noun
  (``మైళ్ళలో``, ``అంగుళాలకు``).

Between the number and the unit there may be a space, a hyphen (``30-foot``, ``200-meter``) and in
Tagalog the linker ``na``/``ng`` (``4 na pulgada``). Further forms:

* ranges: ``3-5 inches``, ``5–10 centimetrų``, ``2 to 4 inches``, ``nuo 2,5 iki 5 centimetrų``,
  ``51 til 102 mm``, ``2 hanggang 4 na pulgada``, ``2 నుండి 4 అంగుళాల`` -- the value is a
  ``(low, high)`` pair;
* decades of a scale: ``the 90s °F`` is the range 90-99 °F, ``the mid-90s`` 93-96, ``the upper 80s`` 86-89;
* feet and inches: ``6-foot-6``, ``6 ft 6 in`` (one value in feet);
* small numbers written as words: ``a mile``, ``two-foot``, ``dviejų pėdų``, ``isang milya``, ``ఒక మైలు``
  (an indefinite article counts as 1 only before units such as mile, metre, inch, acre: not in "a foot
  on the ladder" or "a degree in law");
* Telugu speeds written with a "per hour" word before the number: ``గంటకు 85 మైళ్ల`` (mile/hour);
* a bare ``degrees``/``laipsniai``/``grader``/``°`` is a temperature whose scale is not said: its
  unit is ``degree`` and :func:`compare` tries Celsius and Fahrenheit. A hyphen-joined ``180-degree``
  and ``180°``/``270°``/``360°`` are angles and are skipped.

What is NOT a quantity: scale words (``3 milijonai``, ``4,2 mlrd.`` are plain numbers), money and
percentages (the number module handles them), and durations (``5 minutes``, ``20 metų``): translators
do not convert durations between unit systems, so the digits stay and the plain number check already
compares them; times of day are :mod:`aligner.facts.times`.

Comparison
----------
:func:`compare` returns a :class:`Comparison` whose ``kind`` is

* ``same`` -- same unit and equal value,
* ``different`` -- same unit, different value (not a conversion: the plain number check's business),
* ``converted`` -- same dimension, different units, and the second value is the first converted,
  allowing for translator rounding: within 10 % of the exact value, or equal to it rounded to the
  significant digits the translator wrote (``1 mile`` -> ``2 km`` passes, ``6 inches`` -> ``5 cm``
  does not); temperatures are converted as offset units and must agree within 1.5 °C (2.7 °F); ranges
  are compared bound by bound (a single value against a range must fall inside it),
* ``wrong_conversion`` -- same dimension, inconsistent values; the message gives the expected value,
* ``unrelated`` -- different dimensions.

:func:`align_quantities` pairs the quantities of two language versions of one sentence, and knows
that a parenthetical conversion (``200 km (120 miles)``) may be dropped by a translator.

Pint's registry is slow to build (~0.4 s, plus ~0.5 s to import pint): it is built once, lazily, on
the first comparison between different units (:func:`registry`; :data:`REGISTRY_BUILD_SECONDS`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache

import regex
from babel.numbers import format_decimal
from babel.units import format_unit

from aligner.facts.numbers import NumberMention, cldr_locale, extract_numbers
from aligner.facts.times import Age, Century, TimeOfDay, find_dated, same_time

__all__ = [
    "Comparison",
    "EXTRA_UNIT_WORDS",
    "Quantity",
    "REGISTRY_BUILD_SECONDS",
    "UNITS",
    "align_quantities",
    "compare",
    "convert",
    "find_localised",
    "find_quantities",
    "registry",
    "relate",
    "unit_words",
    "wrong_versions",
]

Value = Decimal | tuple[Decimal, Decimal]

#: CLDR unit key -> (canonical unit name, dimension). Canonical names are pint unit expressions
#: except those in :data:`_PINT_EXPR` (pint has no ``square_meter``).
UNITS: dict[str, tuple[str, str]] = {
    "length-kilometer": ("kilometer", "length"),
    "length-meter": ("meter", "length"),
    "length-centimeter": ("centimeter", "length"),
    "length-millimeter": ("millimeter", "length"),
    "length-mile": ("mile", "length"),
    "length-yard": ("yard", "length"),
    "length-foot": ("foot", "length"),
    "length-inch": ("inch", "length"),
    "length-nautical-mile": ("nautical_mile", "length"),
    "mass-tonne": ("metric_ton", "mass"),
    "mass-ton": ("short_ton", "mass"),
    "mass-kilogram": ("kilogram", "mass"),
    "mass-gram": ("gram", "mass"),
    "mass-pound": ("pound", "mass"),
    "mass-ounce": ("ounce", "mass"),
    "mass-stone": ("stone", "mass"),
    "temperature-celsius": ("degree_Celsius", "temperature"),
    "temperature-fahrenheit": ("degree_Fahrenheit", "temperature"),
    "temperature-generic": ("degree", "temperature"),
    "speed-kilometer-per-hour": ("kilometer/hour", "speed"),
    "speed-mile-per-hour": ("mile/hour", "speed"),
    "speed-meter-per-second": ("meter/second", "speed"),
    "speed-knot": ("knot", "speed"),
    "area-square-kilometer": ("square_kilometer", "area"),
    "area-square-meter": ("square_meter", "area"),
    "area-square-mile": ("square_mile", "area"),
    "area-square-foot": ("square_foot", "area"),
    "area-acre": ("acre", "area"),
    "area-hectare": ("hectare", "area"),
    "volume-liter": ("liter", "volume"),
    "volume-milliliter": ("milliliter", "volume"),
    "volume-cubic-meter": ("cubic_meter", "volume"),
    "volume-gallon": ("gallon", "volume"),
    "volume-fluid-ounce": ("fluid_ounce", "volume"),
    "volume-barrel": ("oil_barrel", "volume"),
}
DIMENSION = {unit: dim for unit, dim in UNITS.values()}

_PINT_EXPR = {
    "square_kilometer": "kilometer**2",
    "square_meter": "meter**2",
    "square_mile": "mile**2",
    "square_foot": "foot**2",
    "cubic_meter": "meter**3",
}

#: Short symbols for messages.
_SYMBOL = {
    "kilometer": "km",
    "meter": "m",
    "centimeter": "cm",
    "millimeter": "mm",
    "mile": "mi",
    "yard": "yd",
    "foot": "ft",
    "inch": "in",
    "nautical_mile": "nmi",
    "metric_ton": "t",
    "short_ton": "ton",
    "kilogram": "kg",
    "gram": "g",
    "pound": "lb",
    "ounce": "oz",
    "stone": "st",
    "degree_Celsius": "°C",
    "degree_Fahrenheit": "°F",
    "degree": "°",
    "kilometer/hour": "km/h",
    "mile/hour": "mph",
    "meter/second": "m/s",
    "knot": "kn",
    "square_kilometer": "km²",
    "square_meter": "m²",
    "square_mile": "sq mi",
    "square_foot": "sq ft",
    "acre": "acre",
    "hectare": "ha",
    "liter": "l",
    "milliliter": "ml",
    "cubic_meter": "m³",
    "gallon": "gal",
    "fluid_ounce": "fl oz",
    "oil_barrel": "bbl",
}

#: Unit words CLDR does not give (case forms, common abbreviations), per language: surface -> unit.
#: A trailing ``*`` makes the entry a stem. Matching ignores case for entries of 3+ characters.
EXTRA_UNIT_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "feet": "foot", "foot": "foot", "ft.": "foot", "in.": "inch", "metres": "meter", "metre": "meter",
        "kilometres": "kilometer", "kilometre": "kilometer", "centimetres": "centimeter",
        "millimetres": "millimeter", "kms": "kilometer", "miles an hour": "mile/hour",
        "kilometres per hour": "kilometer/hour", "kilometres an hour": "kilometer/hour", "kph": "kilometer/hour",
        "kmh": "kilometer/hour", "km per hour": "kilometer/hour", "km an hour": "kilometer/hour",
        "degrees": "degree", "degree": "degree", "°F": "degree_Fahrenheit",
        "°C": "degree_Celsius", "ºF": "degree_Fahrenheit", "ºC": "degree_Celsius", "F": "degree_Fahrenheit",
        "C": "degree_Celsius", "degrees Fahrenheit": "degree_Fahrenheit", "degrees Celsius": "degree_Celsius",
        "degrees F": "degree_Fahrenheit", "degrees C": "degree_Celsius", "tonnes": "metric_ton",
        "tonne": "metric_ton", "lbs": "pound", "square feet": "square_foot", "sq ft": "square_foot",
        "square metres": "square_meter", "square kilometres": "square_kilometer", "litres": "liter",
        "pound": "pound", "pounds": "pound", "mile": "mile", "miles": "mile", "inch": "inch", "inches": "inch",
        "yard": "yard", "yards": "yard", "meters": "meter", "kilometers": "kilometer", "mph": "mile/hour",
        "km": "kilometer", "cm": "centimeter", "mm": "millimeter", "kg": "kilogram", "km/h": "kilometer/hour",
        "litre": "liter", "cubic metres": "cubic_meter", "barrels": "oil_barrel",
    },
    "lt": {
        "metr*": "meter", "kilometr*": "kilometer", "centimetr*": "centimeter", "milimetr*": "millimeter",
        "myli*": "mile", "mylių": "mile", "coli*": "inch", "jard*": "yard",
        **{f"pėd{e}": "foot" for e in ("a", "os", "ų", "as", "oms", "omis", "ai", "ą", "a")},
        "laipsn*": "degree", "kilogram*": "kilogram", "gram*": "gram", "tona": "metric_ton", "tonos": "metric_ton",
        "tonų": "metric_ton", "tonas": "metric_ton", "tonomis": "metric_ton", "akr*": "acre", "hektar*": "hectare",
        "litr*": "liter", "galon*": "gallon", "uncij*": "ounce",
        **{f"svar{e}": "pound" for e in ("as", "ai", "ų", "us", "o", "ais", "ams", "ui")},
        "km/val": "kilometer/hour", "km/h": "kilometer/hour", "km per valandą": "kilometer/hour",
        "kilometrų per valandą": "kilometer/hour", "kilometrus per valandą": "kilometer/hour",
        "kilometro per valandą": "kilometer/hour", "mylių per valandą": "mile/hour",
        "mylias per valandą": "mile/hour", "m/s": "meter/second", "°C": "degree_Celsius",
        "°F": "degree_Fahrenheit", "Farenheito laipsn*": "degree_Fahrenheit", "Celsijaus laipsn*": "degree_Celsius",
        "laipsn* Farenheito": "degree_Fahrenheit", "laipsn* pagal Farenheitą": "degree_Fahrenheit",
        "laipsn* Celsijaus": "degree_Celsius", "laipsn* šilumos": "degree", "laipsn* šalčio": "degree",
        "kvadratinių metrų": "square_meter", "kvadratinių kilometrų": "square_kilometer",
        "kv. m": "square_meter", "kv. km": "square_kilometer", "kubinių metrų": "cubic_meter",
        "kub. m": "cubic_meter",
    },
    "da": {
        "fod": "foot", "tomme": "inch", "tommer": "inch", "grader": "degree", "grad": "degree",
        "km/t": "kilometer/hour", "km/h": "kilometer/hour", "kilometer i timen": "kilometer/hour",
        "km i timen": "kilometer/hour",
        "miles i timen": "mile/hour", "mil i timen": "mile/hour", "engelske mil": "mile", "miles": "mile",
        "mile": "mile", "meter": "meter", "meters": "meter", "meteren": "meter", "kilometer": "kilometer",
        "centimeter": "centimeter", "millimeter": "millimeter", "kilo": "kilogram", "ton": "metric_ton",
        "tons": "metric_ton", "liter": "liter", "kvadratmeter": "square_meter", "kvadratkilometer":
        "square_kilometer", "kubikmeter": "cubic_meter", "grader fahrenheit": "degree_Fahrenheit",
        "grader celsius": "degree_Celsius", "°C": "degree_Celsius", "°F": "degree_Fahrenheit", "m/s": "meter/second",
    },
    "tl": {
        "talampakan": "foot", "paa": "foot", "milya": "mile", "pulgada": "inch", "inch": "inch",
        "inches": "inch", "yarda": "yard", "metro": "meter", "kilometro": "kilometer", "sentimetro": "centimeter",
        "milimetro": "millimeter", "km": "kilometer", "degrees": "degree", "digri": "degree", "grado": "degree",
        "milya kada oras": "mile/hour", "milya bawat oras": "mile/hour", "kilometro kada oras": "kilometer/hour",
        "kilometro bawat oras": "kilometer/hour", "miles": "mile", "feet": "foot", "libra": "pound",
        "kilo": "kilogram", "kilogramo": "kilogram", "gramo": "gram", "tonelada": "metric_ton", "litro": "liter",
        "galon": "gallon", "ektarya": "hectare", "hektarya": "hectare", "acre": "acre", "ektarya*": "hectare",
        "°F": "degree_Fahrenheit", "°C": "degree_Celsius", "degrees Fahrenheit": "degree_Fahrenheit",
        "degrees Celsius": "degree_Celsius", "metro kubiko": "cubic_meter", "cubic meters": "cubic_meter",
    },
    "te": {
        "అడుగు": "foot", "అడుగుల": "foot", "మైలు": "mile", "మైళ్ల": "mile", "మైళ్ళ": "mile", "అంగుళ": "inch",
        "గజ": "yard", "మీటర్": "meter", "మీటర": "meter", "కిలోమీటర్": "kilometer", "కిలోమీటర": "kilometer",
        "కి.మీ": "kilometer", "సెంటీమీటర్": "centimeter", "సెం.మీ": "centimeter", "మిల్లీమీటర్": "millimeter",
        "డిగ్రీ": "degree", "ఫారెన్‌హీట్": "degree_Fahrenheit", "ఫారెన్\u200cహీట్ డిగ్రీ": "degree_Fahrenheit",
        "డిగ్రీల ఫారెన్\u200cహీట్": "degree_Fahrenheit", "డిగ్రీల సెల్సియస్": "degree_Celsius",
        "సెల్సియస్": "degree_Celsius", "పౌండ్": "pound", "కిలో": "kilogram", "కిలోగ్రామ": "kilogram",
        "గ్రామ": "gram", "టన్": "metric_ton", "ఎకర": "acre", "హెక్టార": "hectare", "లీటర": "liter",
        "గ్యాలన": "gallon", "క్యూబిక్ మీటర్": "cubic_meter", "చదరపు మీటర్": "square_meter",
        "చదరపు అడుగ": "square_foot", "చదరపు కిలోమీటర్": "square_kilometer", "చదరపు మైళ్": "square_mile",
        "km": "kilometer", "°F": "degree_Fahrenheit", "°C": "degree_Celsius",
    },
    "de": {"Meter": "meter", "Kilometer": "kilometer", "Fuß": "foot", "Meilen": "mile", "Zoll": "inch",
           "Grad": "degree", "km/h": "kilometer/hour", "Stundenkilometer": "kilometer/hour"},
    "fr": {"mètres": "meter", "kilomètres": "kilometer", "pieds": "foot", "milles": "mile", "pouces": "inch",
           "degrés": "degree", "km/h": "kilometer/hour"},
    "nl": {"meter": "meter", "kilometer": "kilometer", "voet": "foot", "mijl": "mile", "inch": "inch",
           "graden": "degree", "km/u": "kilometer/hour"},
    "es": {"metros": "meter", "kilómetros": "kilometer", "pies": "foot", "millas": "mile", "pulgadas": "inch",
           "grados": "degree", "km/h": "kilometer/hour"},
    "it": {"metri": "meter", "chilometri": "kilometer", "piedi": "foot", "miglia": "mile", "pollici": "inch",
           "gradi": "degree", "km/h": "kilometer/hour"},
}  # fmt: skip

#: CLDR surfaces that are common words or too short to trust after a number.
_DROP = {"in", "#", "ak", "ट", "ట", "t", "tn", "st", "T", "C", "F", "mil", "nmi", "bbl", "kn", "kt"}
_KEEP_SHORT = {"m", "g", "l", "L", "°", "′", "″"}
_PLURAL_SAMPLES = (0, 1, 2, 3, 5, 10, 21, 1.5)
_SP = "[ \u00a0\u202f\u2009]"
_LETTER = r"\p{L}\p{M}"
#: Tagalog speed-less "per hour" prefix in Telugu: ``గంటకు 85 మైళ్ల`` is 85 mile/hour.
_PER_HOUR_PREFIX = {"te": ("గంటకు",)}
_PER_HOUR = {"mile": "mile/hour", "kilometer": "kilometer/hour", "meter": "meter/second"}
#: Words joining the two ends of a word range, per language (a dash always joins).
_RANGE_WORDS = {
    "en": ("to",),
    "lt": ("iki",),
    "da": ("til",),
    "tl": ("hanggang", "hanggang sa"),
    "te": ("నుండి", "నుంచి", "నుడి", "నుండీ"),
    "de": ("bis",),
    "fr": ("à",),
    "es": ("a",),
    "it": ("a",),
    "nl": ("tot",),
}
_LINKERS = {"tl": ("na", "ng")}
#: Conjunctions: in "200 ir 400 metrų" the first number shares the unit of the second (two quantities).
_AND_WORDS = {
    "en": ("and", "or"),
    "lt": ("ir", "ar", "arba"),
    "da": ("og", "eller"),
    "tl": ("at", "o"),
    "te": ("మరియు", "లేదా"),
    "de": ("und", "oder"),
    "fr": ("et", "ou"),
    "es": ("y", "o"),
    "it": ("e", "o"),
    "nl": ("en", "of"),
}
#: Small numbers written as words before a unit ("a mile", "two-foot", "dviejų pėdų", "isang milya",
#: "ఒక మైలు"). Value 0 marks an indefinite article: it counts as 1 but only before the units of
#: :data:`_ARTICLE_UNITS` ("a foot on the ladder", "a degree in law", "a yard" are no measurements).
_NUMBER_WORDS: dict[str, dict[str, int]] = {
    "en": {"a": 0, "an": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "hundred": 100},
    "lt": {"vienas": 1, "vieno": 1, "vienos": 1, "viena": 1, "vieną": 1, "du": 2, "dvi": 2, "dviejų": 2,
           "dvejų": 2, "trys": 3, "trijų": 3, "keturi": 4, "keturių": 4, "keturias": 4, "penki": 5, "penkių": 5,
           "penkis": 5, "šeši": 6, "šešių": 6, "septyni": 7, "septynių": 7, "aštuoni": 8, "aštuonių": 8,
           "devyni": 9, "devynių": 9, "dešimt": 10, "dešimties": 10},
    "da": {"en": 0, "et": 0, "én": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8,
           "ni": 9, "ti": 10, "tolv": 12},
    "tl": {"isang": 0, "dalawang": 2, "tatlong": 3, "apat": 4, "limang": 5, "anim": 6, "pitong": 7,
           "walong": 8, "siyam": 9, "sampung": 10},
    "te": {"ఒక": 0, "ఒకటి": 1, "రెండు": 2, "మూడు": 3, "నాలుగు": 4, "ఐదు": 5, "ఆరు": 6, "ఏడు": 7,
           "ఎనిమిది": 8, "తొమ్మిది": 9, "పది": 10},
}  # fmt: skip
_ARTICLE_UNITS = frozenset(
    {"mile", "kilometer", "meter", "inch", "centimeter", "millimeter", "acre", "hectare", "gallon", "liter",
     "kilogram", "gram", "ounce", "mile/hour", "kilometer/hour"}
)  # fmt: skip


@lru_cache(maxsize=64)
def _number_word_regex(language: str) -> regex.Pattern | None:
    words = _NUMBER_WORDS.get(_base_language(language))
    if not words:
        return None
    alts = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?<![{_LETTER}\d])(?i:{alts})(?![{_LETTER}\d])")


#: Bare degrees that are angles, not temperatures ("360°"); a hyphen-joined "180-degree" is one too.
_ANGLES = frozenset(Decimal(v) for v in (180, 270, 360))
#: "the mid-90s": the part of the decade each word means.
_DECADE_PARTS = {"low": (0, 3), "lower": (0, 3), "mid": (3, 6), "middle": (3, 6), "upper": (6, 9), "high": (6, 9)}
_DECADE_WORD = regex.compile(r"(?i:(low|lower|mid|middle|upper|high))[- ]$")

#: "between 2 and 4 inches" is a range, not two quantities.
_BETWEEN = regex.compile(r"(?i:between|mellem|tarp|pagitan ng|zwischen|entre|tra|tussen)[ \u00a0]+$")
#: A currency mention "550 pound" is a weight when the singular is used attributively (en, tl) or a
#: weight word follows ("650 పౌండ్ల బరువు", "250 svarų sverianti").
_POUND_SINGULAR = regex.compile(r"(?i:pound)$")
_WEIGHT_CUE = regex.compile(r"(?i:weigh|sver|vej|bigat|బరువు)")


@dataclass(frozen=True)
class Quantity:
    """A number with a unit of measurement found in a text.

    ``value`` is a :class:`~decimal.Decimal` or a ``(low, high)`` pair for a range; ``unit`` a
    canonical unit name (see :data:`UNITS`), ``dimension`` its dimension (``length``, ``mass``,
    ``temperature``, ``speed``, ``area``, ``volume``). ``parenthetical`` is True for a quantity in
    brackets right after another one of the same dimension (``200 km (120 miles)``).
    """

    start: int
    end: int
    surface: str
    value: Value
    unit: str
    dimension: str
    parenthetical: bool = False

    @property
    def is_range(self) -> bool:
        return isinstance(self.value, tuple)

    @property
    def bounds(self) -> tuple[Decimal, Decimal]:
        return self.value if isinstance(self.value, tuple) else (self.value, self.value)

    def describe(self) -> str:
        return f"{_fmt_value(self.value)} {_SYMBOL.get(self.unit, self.unit)}"


@dataclass(frozen=True)
class Comparison:
    """How quantity ``b`` relates to quantity ``a`` (``a`` taken as the reference).

    ``kind``: ``same``, ``different``, ``converted``, ``wrong_conversion`` or ``unrelated``;
    ``expected`` is ``a`` converted to ``b``'s unit (None when not computable) and ``message`` a
    short human-readable statement ("converted: 30 ft ≈ 9.1 m").
    """

    kind: str
    a: Quantity
    b: Quantity
    expected: Value | None
    message: str

    @property
    def consistent(self) -> bool:
        return self.kind in ("same", "converted")


# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------


def _base_language(language: str) -> str:
    loc = cldr_locale(language)
    base = loc.language if loc is not None else language.split("_")[0].split("-")[0].lower()
    return "tl" if base == "fil" else base


@lru_cache(maxsize=64)
def unit_words(language: str) -> dict[str, str]:
    """Every unit surface known for ``language`` (CLDR forms plus :data:`EXTRA_UNIT_WORDS`) -> unit."""
    return _unit_words(language)[0]


@lru_cache(maxsize=64)
def _unit_words(language: str) -> tuple[dict[str, str], frozenset[str]]:
    """Unit surfaces -> unit, and the surfaces that are full words (CLDR long forms, the hand table)."""
    out: dict[str, str] = {}
    words: set[str] = set()
    loc = cldr_locale(language) or cldr_locale("en")  # an unknown language reads the English symbols
    if loc is not None:
        samples = [(n, format_decimal(n, locale=loc)) for n in _PLURAL_SAMPLES]
        for key, (unit, _) in UNITS.items():
            for length in ("long", "short", "narrow"):
                for n, number in samples:
                    try:
                        text = format_unit(n, key, length=length, locale=loc)
                    except Exception:  # noqa: BLE001 - Babel raises several types for missing unit data
                        continue
                    if number not in text:
                        continue
                    before, _, after = text.partition(number)
                    after = after.strip(" \u00a0\u202f")
                    if before.strip() or not after or "temperature" in after:
                        continue
                    if after in _DROP or (len(after) == 1 and after not in _KEEP_SHORT):
                        continue
                    out.setdefault(after, unit)
                    if length == "long":
                        words.add(after)
    base = _base_language(language)
    for surface, unit in EXTRA_UNIT_WORDS.get(base, {}).items():
        out[surface] = unit
        words.add(surface)
    for surface, unit in EXTRA_UNIT_WORDS["en"].items():  # English units appear in every language
        if len(surface) > 1:
            out.setdefault(surface, unit)
    if "°" in out:
        out["°"] = "degree"  # CLDR's narrow Fahrenheit (en) is a bare degree sign: the scale is not said
    return out, frozenset(words)


def _entry_regex(entry: str, stem: bool) -> str:
    body = entry.rstrip("*")
    parts = []
    for token in regex.split(r"(\*| )", body):
        if token == "*":
            parts.append(f"[{_LETTER}]*")
        elif token == " ":
            parts.append(f"{_SP}+")
        elif token:
            parts.append(regex.escape(token))
    pattern = "".join(parts)
    if entry.endswith("*") or stem:
        pattern += f"[{_LETTER}\u200c\u200d]*"
    # symbols ending in a letter must end a word ("m" is not the start of "mln")
    if regex.match(rf"[{_LETTER}\d]", body[-1]):
        pattern += rf"(?![{_LETTER}\d])"
    return pattern


@dataclass(frozen=True)
class _Vocab:
    pattern: regex.Pattern
    # full-match pattern (its source: compiled when first tried, :func:`_full_match`) per entry, longest first
    lookup: tuple[tuple[str, str], ...]


@lru_cache(maxsize=64)
def _vocab(language: str) -> _Vocab:
    words, full_words = _unit_words(language)
    stem_all = _base_language(language) == "te"
    entries = sorted(words, key=lambda e: (-len(e.rstrip("*")), e))
    alts = []
    lookup = []
    for entry in entries:
        # Telugu glues case endings to full unit words (not to abbreviations: "స్టో" is no stem of "స్టోర్")
        stem = stem_all and entry in full_words and regex.match(rf"[{_LETTER}]", entry[-1]) is not None
        rx = _entry_regex(entry, stem)
        ci = len(entry.rstrip("*")) >= 3 and entry not in ("°F", "°C")
        rx = f"(?i:{rx})" if ci else rx
        alts.append(rx)
        lookup.append((rx, words[entry]))
    base = _base_language(language)
    linkers = "|".join(_LINKERS.get(base, ()))
    gap = rf"(?:{_SP}*-?{_SP}*)"
    if linkers:
        gap = rf"(?:{gap}(?:(?:{linkers}){_SP}+|-?(?:{linkers})-)?)"
    pattern = regex.compile(rf"(?P<gap>{gap})(?P<unit>" + "|".join(alts) + ")")
    return _Vocab(pattern, tuple(lookup))


def _unit_of(surface: str, vocab: _Vocab) -> str | None:
    for rx, unit in vocab.lookup:
        if _full_match(rx).fullmatch(surface):
            return unit
    return None


@lru_cache(maxsize=4096)
def _full_match(rx: str) -> regex.Pattern:
    """An entry's pattern of :attr:`_Vocab.lookup`, compiled on first use: a run meets a few units of the
    hundreds a language lists, and compiling them all cost 0.1 CPU s per language and process."""
    return regex.compile(rx)


# --------------------------------------------------------------------------------------------
# Finding quantities
# --------------------------------------------------------------------------------------------

_DIGIT = regex.compile(r"\d")


def _digits_end(mention: NumberMention) -> int:
    """Where the digits of a mention end (a unit the number module glued on is read again here)."""
    if mention.scale != 1:
        return mention.end
    last = None
    for m in _DIGIT.finditer(mention.text):
        last = m.end()
    return mention.start + (last or len(mention.text))


def _value_of(mention: NumberMention) -> Value | None:
    if mention.kind == "range" and len(mention.parts) == 2:
        lo, hi = (_value_of(p) for p in mention.parts)
        if isinstance(lo, Decimal) and isinstance(hi, Decimal):
            return (lo, hi)
        return None
    if mention.kind in ("number", "year", "ordinal", "currency") and mention.readings:
        return mention.readings[0].value
    return None


@lru_cache(maxsize=64)
def _range_gap(language: str) -> regex.Pattern:
    """A dash or range word between two numbers (group ``and``: a conjunction, two quantities)."""
    base = _base_language(language)
    words = _RANGE_WORDS.get(base, ())
    ands = _AND_WORDS.get(base, ())
    alts = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"
    and_alts = "|".join(regex.escape(w) for w in sorted(ands, key=len, reverse=True)) or "(?!)"
    return regex.compile(
        rf"-?{_SP}*(?:(?P<and>(?:{and_alts})(?![{_LETTER}]))|[-\u2012\u2013\u2014]|(?:{alts})(?![{_LETTER}])){_SP}*"
    )


_FEET_INCHES = regex.compile(
    r"(?P<ft>\d{1,2})(?:-foot-|['′]|\s?(?:ft\.?|feet|foot)\s?)(?P<in>\d{1,2})(?:\s?(?:in\.?|inches|\"|″)|(?!\d))"
)
_DECADE = regex.compile(r"['’]?s(?![\p{L}])")


def find_quantities(text: str, language: str) -> list[Quantity]:
    """The quantities (number + unit of measurement) of ``text`` written in ``language``, in text order."""
    vocab = _vocab(language)
    base = _base_language(language)
    mentions = [m for m in extract_numbers(text, language) if m.kind in ("number", "range", "year", "ordinal")
                or (m.kind == "currency" and m.currency == "GBP" and _pound_weight(text, m))]
    found: list[Quantity] = []
    taken_until = 0
    per_hour = _PER_HOUR_PREFIX.get(base, ())
    range_gap = _range_gap(language)
    i = 0
    while i < len(mentions):
        mention = mentions[i]
        i += 1
        if mention.start < taken_until:
            continue
        value = _value_of(mention)
        if value is None:
            continue
        start = mention.start
        pos = _digits_end(mention)
        if base not in ("lt", "da", "te"):  # feet and inches in one figure: English usage
            fi = _FEET_INCHES.match(text, mention.start)
            if fi and mention.kind in ("number", "range"):
                feet = Decimal(fi["ft"]) + Decimal(fi["in"]) / 12
                found.append(Quantity(start, fi.end(), text[start : fi.end()], feet, "foot", "length"))
                taken_until = fi.end()
                continue
        decade = None
        if isinstance(value, Decimal) and value % 10 == 0 and value == value.to_integral() and value > 0:
            decade = _DECADE.match(text, pos)
            if decade:
                pos = decade.end()
                value = _decade(value, _DECADE_WORD.search(text, max(0, start - 7), start))
        um = vocab.pattern.match(text, pos)
        if um is None:
            # a word range: "2 to 4 inches", "nuo 2,5 iki 5 centimetrų"
            if isinstance(value, Decimal) and i < len(mentions):
                nxt = mentions[i]
                gm = range_gap.match(text, pos)
                if gm and gm.end() == nxt.start:
                    hi = _value_of(nxt)
                    um2 = vocab.pattern.match(text, _digits_end(nxt)) if isinstance(hi, Decimal) else None
                    if um2 is not None:
                        unit = _unit_of(um2["unit"], vocab)
                        between = _BETWEEN.search(text, max(0, start - 20), start) is not None
                        if unit is not None and gm["and"] and not between:
                            found.append(_make(text, start, pos, value, unit))  # "200 [ir] 400 metrų"
                        elif unit is not None:
                            i += 1
                            found.append(_make(text, start, um2.end(), (value, hi), unit))
                            taken_until = um2.end()
            continue
        surface_unit = um["unit"]
        if base == "lt" and surface_unit == "m" and text[um.end() : um.end() + 1] == ".":
            continue  # "2016 m." is a year (metai), not metres
        unit = _unit_of(surface_unit, vocab)
        if unit is None:
            continue
        if unit == "degree" and ("-" in um["gap"] or (surface_unit == "°" and value in _ANGLES)):
            continue  # an angle: "a 180-degree turn", "360° view"
        if per_hour and unit in _PER_HOUR:
            before = text[max(0, start - 12) : start].rstrip()
            if before.endswith(per_hour):
                start = start - (len(text[max(0, start - 12) : start]) - len(before)) - len(
                    next(p for p in per_hour if before.endswith(p))
                )
                unit = _PER_HOUR[unit]
        found.append(_make(text, start, um.end(), value, unit))
        taken_until = um.end()
    found.extend(_word_quantities(text, language, vocab, found))
    if "0s" in text or "0's" in text:
        found.extend(_decade_quantities(text, vocab, found))
    found.sort(key=lambda q: q.start)
    return _mark_parentheticals(text, found)


def _decade(value: Decimal, part: regex.Match | None) -> tuple[Decimal, Decimal]:
    low, high = _DECADE_PARTS[part.group(1).lower()] if part else (0, 9)
    return (value + low, value + high)


_HYPHEN_DECADE = regex.compile(r"(?<![\p{L}])(?i:(low|lower|mid|middle|upper|high))-(?P<n>[1-9]?\d0)['’]?s")


def _decade_quantities(text: str, vocab: _Vocab, found: list[Quantity]) -> list[Quantity]:
    """``the mid-90s °F``: the number module does not read digits hyphen-joined to a word."""
    out: list[Quantity] = []
    for m in _HYPHEN_DECADE.finditer(text):
        um = vocab.pattern.match(text, m.end())
        unit = _unit_of(um["unit"], vocab) if um else None
        if unit is None or DIMENSION[unit] != "temperature":
            continue
        if any(q.start < um.end() and m.start() < q.end for q in found):
            continue
        out.append(_make(text, m.start(), um.end(), _decade(Decimal(m["n"]), m), unit))
    return out


def _word_quantities(text: str, language: str, vocab: _Vocab, found: list[Quantity]) -> list[Quantity]:
    """Quantities whose number is a word (see :data:`_NUMBER_WORDS`)."""
    pattern = _number_word_regex(language)
    if pattern is None:
        return []
    words = _NUMBER_WORDS[_base_language(language)]
    out: list[Quantity] = []
    for wm in pattern.finditer(text):
        um = vocab.pattern.match(text, wm.end())
        if um is None or not um["gap"] or any(q.start < um.end() and wm.start() < q.end for q in found):
            continue
        unit = _unit_of(um["unit"], vocab)
        n = words.get(wm.group().lower(), words.get(wm.group()))
        if unit is None or n is None or (n == 0 and unit not in _ARTICLE_UNITS):
            continue
        out.append(_make(text, wm.start(), um.end(), Decimal(max(n, 1)), unit))
    return out


def _pound_weight(text: str, mention: NumberMention) -> bool:
    """A "pound" currency mention that is a weight (see :data:`_POUND_SINGULAR`)."""
    if mention.text[:1] in "£₤":
        return False
    if _POUND_SINGULAR.search(mention.text) and mention.readings and mention.readings[0].value != 1:
        return True
    return _WEIGHT_CUE.search(text, mention.end, mention.end + 16) is not None


def _make(text: str, start: int, end: int, value: Value, unit: str) -> Quantity:
    if isinstance(value, tuple) and value[0] > value[1]:
        value = (value[1], value[0])
    return Quantity(start, end, text[start:end], value, unit, DIMENSION[unit])


_PAREN_GAP = regex.compile(rf"{_SP}*[(\[]{_SP}*$")


def _mark_parentheticals(text: str, found: list[Quantity]) -> list[Quantity]:
    out: list[Quantity] = []
    for q in found:
        if out and out[-1].dimension == q.dimension and _PAREN_GAP.match(text[out[-1].end : q.start]):
            q = Quantity(q.start, q.end, q.surface, q.value, q.unit, q.dimension, parenthetical=True)
        out.append(q)
    return out


# --------------------------------------------------------------------------------------------
# Conversion and comparison
# --------------------------------------------------------------------------------------------

#: Seconds the pint registry took to build (None until :func:`registry` is first called).
REGISTRY_BUILD_SECONDS: float | None = None


@lru_cache(maxsize=1)
def registry():
    """The module's pint ``UnitRegistry``, built on first use (import plus build take about 1 s)."""
    global REGISTRY_BUILD_SECONDS
    t0 = time.perf_counter()
    import pint

    reg = pint.UnitRegistry()
    REGISTRY_BUILD_SECONDS = time.perf_counter() - t0
    return reg


@lru_cache(maxsize=1024)
def _convert_float(value: float, unit_from: str, unit_to: str) -> float:
    reg = registry()
    q = reg.Quantity(value, _PINT_EXPR.get(unit_from, unit_from))
    return float(q.to(_PINT_EXPR.get(unit_to, unit_to)).magnitude)


def convert(value: Decimal, unit_from: str, unit_to: str) -> Decimal:
    """``value`` in ``unit_from`` expressed in ``unit_to`` (pint; temperatures as offset units)."""
    if unit_from == unit_to:
        return value
    return Decimal(f"{_convert_float(float(value), unit_from, unit_to):.12g}")  # no float noise


def _sig_digits(d: Decimal) -> int:
    """Significant digits a translator wrote: ``9`` -> 1, ``9.1`` -> 2, ``30`` -> 1, ``320`` -> 2."""
    t = d.normalize().as_tuple()
    return max(1, len(t.digits))


def _round_sig(x: Decimal, digits: int) -> Decimal:
    if x == 0:
        return x
    exp = x.adjusted() - digits + 1
    return x.quantize(Decimal(1).scaleb(exp), rounding=ROUND_HALF_EVEN)


def _close(expected: Decimal, got: Decimal, unit: str) -> bool:
    if DIMENSION.get(unit) == "temperature":
        tol = Decimal("1.5") if unit == "degree_Celsius" else Decimal("2.7")
        return abs(expected - got) <= tol
    if abs(expected - got) <= abs(expected) * Decimal("0.1"):
        return True
    return _round_sig(expected, _sig_digits(got)) == got.normalize() or _round_sig(expected, _sig_digits(got)) == got


def _consistent(a: Quantity, b: Quantity, unit_a: str, unit_b: str) -> tuple[bool, Value]:
    lo, hi = (convert(x, unit_a, unit_b) for x in a.bounds)
    blo, bhi = b.bounds
    expected: Value = lo if not a.is_range else (lo, hi)
    if a.is_range and b.is_range:
        return _close(lo, blo, unit_b) and _close(hi, bhi, unit_b), expected
    if a.is_range:  # a single value must fall inside the converted range
        return _close(lo, blo, unit_b) or _close(hi, blo, unit_b) or lo <= blo <= hi, expected
    if b.is_range:
        return _close(lo, blo, unit_b) or _close(lo, bhi, unit_b) or blo <= lo <= bhi, expected
    return _close(lo, blo, unit_b), expected


def _fmt_value(value: Value | None) -> str:
    if value is None:
        return "?"
    if isinstance(value, tuple):
        return f"{_fmt_value(value[0])}-{_fmt_value(value[1])}"
    v = value
    if v != v.to_integral():
        v = _round_sig(v, 3) if abs(v) < 100 else v.quantize(Decimal(1))
    s = format(v.normalize(), "f")
    return s


def compare(a: Quantity, b: Quantity) -> Comparison:
    """How ``b`` relates to ``a``: same, different, converted, wrong_conversion or unrelated (see module doc)."""
    if a.dimension != b.dimension:
        return Comparison("unrelated", a, b, None, f"unrelated: {a.describe()} / {b.describe()}")
    if a.unit == b.unit:
        if a.bounds == b.bounds or (a.is_range == b.is_range and a.value == b.value):
            return Comparison("same", a, b, a.value, f"same: {a.describe()}")
        if a.unit != "degree":
            return Comparison("different", a, b, a.value, f"different: {a.describe()} / {b.describe()}")
    candidates: list[tuple[str, str]] = []
    if a.dimension == "temperature" and "degree" in (a.unit, b.unit):
        scales = ("degree_Fahrenheit", "degree_Celsius")
        ua = (a.unit,) if a.unit != "degree" else scales
        ub = (b.unit,) if b.unit != "degree" else scales
        candidates = [(x, y) for x in ua for y in ub if x != y]
        candidates += [(x, y) for x in ua for y in ub if x == y]
    else:
        candidates = [(a.unit, b.unit)]
    first: tuple[Value, str] | None = None
    for ua, ub in candidates:
        ok, expected = _consistent(a, b, ua, ub)
        if first is None:
            first = (expected, ub)
        if ok:
            kind = "same" if ua == ub and a.bounds == b.bounds else "converted"
            if ua == ub and kind != "same":
                continue
            sym_a, sym_b = _SYMBOL.get(ua, ua), _SYMBOL.get(ub, ub)
            msg = f"{kind}: {_fmt_value(a.value)} {sym_a} ≈ {_fmt_value(b.value)} {sym_b}"
            if kind == "converted":
                msg = f"converted: {_fmt_value(a.value)} {sym_a} ≈ {_fmt_value(expected)} {sym_b}"
            return Comparison(kind, a, b, expected, msg)
    assert first is not None
    if any(ua == ub for ua, ub in candidates):
        # an unsaid temperature scale read as the other side's: two values on one scale that differ
        return Comparison("different", a, b, a.value, f"different: {a.describe()} / {b.describe()}")
    expected, ub = first
    sym_b = _SYMBOL.get(ub, ub)
    msg = (
        f"wrong conversion: {a.describe()} = {_fmt_value(expected)} {sym_b}, "
        f"found {_fmt_value(b.value)} {_SYMBOL.get(b.unit, b.unit)}"
    )
    return Comparison("wrong_conversion", a, b, expected, msg)


_RANK = {"same": 0, "converted": 1, "different": 2, "wrong_conversion": 3}


def align_quantities(
    a: list[Quantity], b: list[Quantity]
) -> tuple[list[Comparison], list[Quantity], list[Quantity]]:
    """Pair the quantities of two versions of one sentence.

    Each quantity of ``a`` (in order) takes the unpaired quantity of ``b`` of the same dimension that
    compares best (same, then converted, then different, then wrong conversion; ties: nearest in
    order). Returns the comparisons, the unpaired quantities of ``a`` and those of ``b``. A
    parenthetical conversion (``200 km (120 miles)``) that finds no partner is only an alternative
    form of the quantity before it: it is dropped from the unpaired lists when that quantity paired.
    """
    used: set[int] = set()
    out: list[Comparison] = []
    lone_a: list[Quantity] = []
    order = sorted(range(len(a)), key=lambda k: a[k].parenthetical)  # main quantities choose first
    paired_a: set[int] = set()
    for ia in order:
        qa = a[ia]
        best: tuple[int, int, int, Comparison] | None = None
        for ib, qb in enumerate(b):
            if ib in used or qb.dimension != qa.dimension:
                continue
            c = compare(qa, qb)
            if c.kind == "unrelated":
                continue
            key = (_RANK[c.kind], abs(ia - ib), ib, c)
            if best is None or key[:3] < best[:3]:
                best = key
        if best is None or (qa.parenthetical and best[0] > 1):
            lone_a.append(qa)
            continue
        used.add(best[2])
        paired_a.add(ia)
        out.append(best[3])
    # a parenthetical alternative whose main quantity paired is not missing
    lone_a = [
        q
        for q in lone_a
        if not (q.parenthetical and (k := a.index(q)) > 0 and (k - 1) in paired_a)
    ]
    lone_b = [qb for ib, qb in enumerate(b) if ib not in used]
    lone_b = [q for q in lone_b if not (q.parenthetical and (k := b.index(q)) > 0 and (k - 1) in used)]
    out.sort(key=lambda c: c.a.start)
    return out, lone_a, lone_b


def wrong_versions(versions: dict[str, Quantity], reference: str | None = None) -> list[str]:
    """The versions of one quantity (language -> quantity) that disagree with the others.

    The version consistent (same or converted) with the most others anchors the judgement, the
    ``reference`` (e.g. the source language) winning ties; every version inconsistent with the anchor
    is wrong. "6 inches" / "152 mm" / "5 centimetrus" / "6 na pulgada" blames only the Lithuanian.
    With two disagreeing versions and a reference, the other one is blamed.
    """
    langs = list(versions)
    agree = {
        x: {y for y in langs if y != x and compare(versions[x], versions[y]).consistent} for x in langs
    }
    anchor = max(langs, key=lambda x: (len(agree[x]), x == reference))
    return [x for x in langs if x != anchor and x not in agree[anchor]]


# --------------------------------------------------------------------------------------------
# Everything a translator may legitimately rewrite, for the number check
# --------------------------------------------------------------------------------------------

Localised = Quantity | TimeOfDay | Century | Age


def find_localised(text: str, language: str) -> list[Localised]:
    """Quantities, times of day, centuries and ages of ``text``, non-overlapping, in text order.

    How a number check uses them: a number mention whose span lies inside one of these items stands
    for the item's value (``13`` in ``13 val.`` is 13:00, ``9`` in ``9 metrai`` is 9 m), and two items
    of two language versions are related with :func:`relate` instead of comparing their digits.
    Quantities win over the others where spans overlap (``20 metų amžiaus`` is an age, not a length).
    """
    items: list[Localised] = list(find_quantities(text, language))
    for item in find_dated(text, language):
        if not any(o.start < item.end and item.start < o.end for o in items):
            items.append(item)
    items.sort(key=lambda o: o.start)
    return items


def relate(a: Localised, b: Localised) -> str:
    """``same``, ``converted``, ``wrong_conversion``, ``different`` or ``unrelated`` for any two items."""
    if isinstance(a, Quantity) and isinstance(b, Quantity):
        return compare(a, b).kind
    if isinstance(a, TimeOfDay) and isinstance(b, TimeOfDay):
        return "same" if same_time(a, b) else "different"
    if type(a) is type(b):
        return "same" if a.value == b.value else "different"
    return "unrelated"

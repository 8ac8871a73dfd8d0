"""Locale-aware extraction of numeric expressions: the base of the number consistency checks.

The reading model
-----------------
A number written in text is a *surface form*; what it means depends on conventions that differ
between languages. ``25,520`` is twenty-five thousand five hundred and twenty in English and
twenty-five point five two in Lithuanian; ``32.300`` is 32300 in Danish and 32.3 in English. A
translation may also write a number against the conventions of its own language (machine
translation often copies the source's separators). So instead of guessing one value, every
mention keeps **all readings its shape allows**, each a :class:`NumberReading` with

* ``value`` -- an exact :class:`decimal.Decimal` (no float drift; scale words already applied),
* ``convention`` -- which separators that reading assumes, e.g. ``"group=space,decimal=comma"``,
  ``"group=comma(indian)"`` or ``"plain"`` for a bare digit run,
* ``locale_conform`` -- whether that convention is the one CLDR gives for the text's language.

Readings that follow the locale come first. A later step (the checker) settles ambiguous values
against the other language versions of the same sentence: when only an against-locale reading
matches the others, the number is "written against its locale"; when one document uses
different conventions for its settled numbers, it "mixes conventions".

Separators and decimal marks come from CLDR through Babel (``number_symbols`` of the latin and of
the locale's default numbering system, and the grouping sizes of its decimal pattern, so Indian
``27,84,500`` is native in Telugu or Hindi). Space grouping (space, no-break space U+00A0, narrow
no-break space U+202F, thin space) is accepted as locale-conform everywhere: it is the SI/ISO
style and cannot be mistaken for a decimal mark. With an unknown language every reading is
conform (both conventions plausible, none against the locale). Digits of any script are read
(``unicodedata`` decimal digits: Telugu ౦-౯, Devanagari, Arabic-Indic, ...).

What a mention is
-----------------
``kind`` is one of ``number``, ``percent`` (unit ``%`` or ``‰``), ``percentile`` (``25 percentile``,
``Den 75. percentile``, Telugu ``75 వ శాతం``), ``currency`` (ISO 4217 code in ``currency``; ``$``
and bare dollar words read as USD), ``ordinal`` (``75th``, Danish/Lithuanian ``75.`` before a
lower-case word, Telugu ``75 వ``, Tagalog ``ika-75``), ``year`` (a plain 1000-2100 integer of 4
digits or one with a year marker such as Lithuanian ``2016 m.``), and the composites ``range``
(``10–15%``, ``10-15``), ``date`` (``2016-05-01``, ``01.05.2016``, ``5/2016``), ``time`` (``10:30``)
and ``ratio`` (``24/7``), whose ``parts`` hold the simple mentions and whose own readings are
empty. Two kinds carry neither readings nor parts and are compared by their digits: ``phone``
(``+45 33 12 34 56``, ``(555) 123-4567``) and ``code`` (hyphen chains that are no date such as
``978-3-16-148410-0``, and separator runs no convention can read, such as versions ``6.170.15``).
Digits glued to a preceding letter of an alphabetic script or joined to it by a hyphen (``ISO9001``,
``A4``, ``PR-3``, ``COVID-19``) are part of a word and are not extracted; letters glued after the
digits (``3D``, ``2016-aisiais``, ``2016年``) do not stop extraction. Word ranges (``10 to 15``) stay
two mentions.

One precompiled pattern per language finds the digits (and phones, dates, codes), a second one the
word after them (percent, currency, scale, ...), a third the word before them. What depends only on a
digit shape or a word (readings, suffix kinds, scale factors) is memoised per language, in memos that
are emptied when full, and all per-language data (Babel lookups, compiled patterns) is cached per
language.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from importlib import resources

import regex
from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.numbers import (
    format_currency,
    format_decimal,
    format_percent,
    get_currency_name,
    get_currency_symbol,
    get_decimal_symbol,
    get_group_symbol,
    get_territory_currencies,
    list_currencies,
)
from babel.units import format_unit

__all__ = [
    "KINDS",
    "MentionMatch",
    "NumberConventions",
    "NumberMention",
    "NumberReading",
    "SIMPLE_KINDS",
    "compare_mentions",
    "cldr_locale",
    "extract_numbers",
    "placeholders",
    "format_value",
    "number_conventions",
]

#: Every ``NumberMention.kind``.
KINDS = (
    "number",
    "percent",
    "percentile",
    "currency",
    "ordinal",
    "year",
    "range",
    "date",
    "time",
    "ratio",
    "phone",
    "code",
)

#: Kinds whose mentions carry readings (the others are composites or digit strings).
SIMPLE_KINDS = frozenset({"number", "percent", "percentile", "currency", "ordinal", "year"})


# --------------------------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberReading:
    """One way to read a surface form: its exact value and the convention that gives it."""

    value: Decimal
    locale_conform: bool
    convention: str

    def to_dict(self) -> dict:
        return {"value": str(self.value), "locale_conform": self.locale_conform, "convention": self.convention}


@dataclass(frozen=True)
class NumberMention:
    """A numeric expression found in a text segment.

    ``start``/``end`` are the character span in the text given to :func:`extract_numbers` and
    ``text`` is that slice (with currency symbols, percent words, ordinal marks that belong to it).
    Simple kinds have one or more ``readings`` (locale-conform first); composite kinds (``range``,
    ``date``, ``time``, ``ratio``) have ``parts`` instead; ``phone``/``code`` have neither.
    ``scale`` is the multiplier of a scale word (``2,5 mln.`` -> 1000000), already applied to the
    reading values.
    """

    text: str
    start: int
    end: int
    kind: str
    readings: tuple[NumberReading, ...] = ()
    unit: str | None = None
    currency: str | None = None
    scale: int = 1
    parts: tuple[NumberMention, ...] = ()

    @property
    def values(self) -> frozenset[Decimal]:
        """All values this mention may have (empty for composites, phones and codes)."""
        return frozenset(r.value for r in self.readings)

    @property
    def ambiguous(self) -> bool:
        """True when the surface form reads to more than one value."""
        return len(self.values) > 1

    @property
    def digits(self) -> str:
        """The ASCII digits of the surface form, in order (how phones and codes are compared)."""
        return "".join(str(unicodedata.decimal(c)) for c in self.text if unicodedata.decimal(c, None) is not None)

    def to_dict(self) -> dict:
        out: dict = {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "readings": [r.to_dict() for r in self.readings],
            "unit": self.unit,
            "currency": self.currency,
            "scale": self.scale,
        }
        if self.parts:
            out["parts"] = [p.to_dict() for p in self.parts]
        return out


@dataclass(frozen=True)
class NumberConventions:
    """How CLDR says a language writes numbers (what "locale-conform" is measured against).

    ``locale`` is the Babel locale used (``None``: unknown language, generic reading). ``decimal``
    and ``group`` are the latin-digit symbols; ``alt_decimal``/``alt_group`` those of the locale's
    default numbering system when it differs (Persian ``٫``/``٬``).
    """

    language: str | None
    locale: str | None
    decimal: str
    group: str
    indian_grouping: bool
    percent_prefix: bool
    alt_decimal: str | None = None
    alt_group: str | None = None

    @property
    def generic(self) -> bool:
        return self.locale is None

    def describe(self) -> str:
        """The locale's own convention in the same notation as :attr:`NumberReading.convention`."""
        if self.generic:
            return "generic"
        group = _sep_name(self.group) + ("(indian)" if self.indian_grouping else "")
        return f"group={group},decimal={_sep_name(self.decimal)}"

    def extra_separators(self) -> tuple[frozenset[str], frozenset[str]]:
        """CLDR group and decimal characters of this locale beyond the common ones (Arabic ``،``, ...)."""
        groups = frozenset(c for c in (self.group, self.alt_group) if c and len(c) == 1 and c not in _SEP_CLASS)
        decimals = frozenset(c for c in (self.decimal, self.alt_decimal) if c and len(c) == 1 and c not in _SEP_CLASS)
        return groups, decimals

    def to_dict(self) -> dict:
        return {
            "language": self.language,
            "locale": self.locale,
            "decimal": self.decimal,
            "group": self.group,
            "indian_grouping": self.indian_grouping,
            "percent_prefix": self.percent_prefix,
            "alt_decimal": self.alt_decimal,
            "alt_group": self.alt_group,
            "convention": self.describe(),
        }


@dataclass(frozen=True)
class MentionMatch:
    """The outcome of comparing two mentions: the pairs of readings with equal values.

    For composites the parts are compared in order and the pairs of all parts are concatenated
    (empty unless every part matched).
    """

    pairs: tuple[tuple[NumberReading, NumberReading], ...]

    @property
    def matched(self) -> bool:
        return bool(self.pairs)

    @property
    def values(self) -> tuple[Decimal, ...]:
        """Shared values, in the order of the pairs, without repeats."""
        return tuple(dict.fromkeys(a.value for a, _ in self.pairs))

    @property
    def conform(self) -> bool:
        """True when some shared value is read by the locale convention on both sides."""
        return any(a.locale_conform and b.locale_conform for a, b in self.pairs)

    def to_dict(self) -> dict:
        return {
            "matched": self.matched,
            "conform": self.conform,
            "pairs": [[a.to_dict(), b.to_dict()] for a, b in self.pairs],
        }


# --------------------------------------------------------------------------------------------
# Conventions from CLDR
# --------------------------------------------------------------------------------------------

_SPACES = " \u00a0\u202f\u2009"
_SP = "[ \u00a0\u202f\u2009]"
#: Separator characters and the class (convention name) each belongs to.
_SEP_CLASS = {
    ".": "dot",
    ",": "comma",
    " ": "space",
    "\u00a0": "space",
    "\u202f": "space",
    "\u2009": "space",
    "'": "apostrophe",
    "\u2019": "apostrophe",
    "\u066c": "arabic-thousands",
    "\u066b": "arabic-decimal",
}
#: Characters that may be a decimal mark (U+066B is the Arabic decimal separator).
_DECIMAL_CHARS = frozenset({".", ",", "\u066b"})
_GROUP_CHARS = frozenset(_SEP_CLASS) - {"\u066b"}


def _sep_name(c: str) -> str:
    """Convention name of a separator character (``comma``, ``space``, or its Unicode name)."""
    if c in _SEP_CLASS:
        return _SEP_CLASS[c]
    return "+".join(unicodedata.name(ch, f"u+{ord(ch):04x}").lower().replace(" ", "-") for ch in c)


@lru_cache(maxsize=1)
def _words() -> dict:
    text = resources.files("aligner.facts").joinpath("data").joinpath("number_words.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=256)
def cldr_locale(language: str | None) -> Locale | None:
    """The Babel locale of ``language`` (ISO 639-1 code or locale id, aliases such as ``tl`` resolved), or ``None``."""
    if not language:
        return None
    code = language.strip().replace("-", "_")
    base, _, rest = code.partition("_")
    base = _words()["aliases"].get(base.lower(), base.lower())
    code = f"{base}_{rest}" if rest else base
    try:
        return Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return None


@lru_cache(maxsize=256)
def number_conventions(language: str | None) -> NumberConventions:
    """The CLDR number conventions of ``language`` (ISO 639-1 code or locale id such as ``de_CH``)."""
    loc = cldr_locale(language)
    if loc is None:
        return NumberConventions(language, None, ".", ",", False, False)
    decimal = get_decimal_symbol(loc)
    group = get_group_symbol(loc)
    alt_decimal = get_decimal_symbol(loc, numbering_system="default")
    alt_group = get_group_symbol(loc, numbering_system="default")
    pattern = loc.decimal_formats.get(None)
    indian = bool(pattern is not None and pattern.grouping[1] == 2)
    percent = loc.percent_formats.get(None)
    prefix = bool(percent is not None and percent.pattern.lstrip().startswith("%"))
    return NumberConventions(
        language=language,
        locale=str(loc),
        decimal=decimal,
        group=group,
        indian_grouping=indian,
        percent_prefix=prefix,
        alt_decimal=alt_decimal if alt_decimal != decimal else None,
        alt_group=alt_group if alt_group != group else None,
    )


# --------------------------------------------------------------------------------------------
# Readings of one digit/separator shape
# --------------------------------------------------------------------------------------------

_SHAPE_SPLIT = regex.compile(r"(\D)")
_READINGS_CACHE = 100_000  # distinct shapes kept per language before the cache is emptied


class _AsciiDigitTable(dict):
    """``str.translate`` table: each decimal digit of any script to its ASCII digit, other characters kept.

    Filled lazily, one entry per distinct character met: only digit shapes are translated, so at
    most the decimal digits of Unicode and the separators.
    """

    def __missing__(self, code: int) -> str:
        c = chr(code)
        out = self[code] = str(unicodedata.decimal(c)) if c.isdecimal() else c
        return out


_ASCII_DIGITS = _AsciiDigitTable()


def _ascii_digits(s: str) -> str:
    if s.isascii():
        return s
    return s.translate(_ASCII_DIGITS)


def _clean(value: Decimal) -> Decimal:
    """Drop trailing fractional zeros without switching to exponent notation."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return Decimal(format(value.normalize(), "f"))


def _grouping(runs: list[str]) -> str | None:
    """``"western"``, ``"indian"`` or ``None`` for the group sizes of ``runs`` (integer part)."""
    first, rest = runs[0], runs[1:]
    if len(first) > 3 or (first[0] == "0"):
        return None
    if all(len(r) == 3 for r in rest):
        return "western"
    if len(rest) >= 2 and len(first) <= 2 and len(rest[-1]) == 3 and all(len(r) == 2 for r in rest[:-1]):
        return "indian"
    return None


def _readings(shape: str, conv: NumberConventions) -> tuple[NumberReading, ...]:
    """All readings of a digit run with separators (``shape``), locale-conform ones first."""
    if shape.isdecimal():  # no separator (a separator is no decimal digit): what the split below finds
        return (NumberReading(Decimal(_ascii_digits(shape)), True, "plain"),)
    pieces = _SHAPE_SPLIT.split(_ascii_digits(shape))
    runs, seps = pieces[0::2], pieces[1::2]
    if not seps:
        return (NumberReading(Decimal(runs[0]), True, "plain"),)
    out: list[NumberReading] = []
    extra_group, extra_decimal, styles = _conv_tables(conv)
    classes = [_sep_name(s) for s in seps]
    # 1. every separator groups thousands
    if len(set(classes)) == 1 and (seps[0] in _GROUP_CHARS or seps[0] in extra_group):
        grouping = _grouping(runs)
        if grouping is not None:
            out.append(_reading(Decimal("".join(runs)), classes[0], grouping, None, conv, styles))
    # 2. the last separator is the decimal mark, the others group
    if seps[-1] in _DECIMAL_CHARS or seps[-1] in extra_decimal:
        dec_class = classes[-1]
        int_runs, group_classes = runs[:-1], classes[:-1]
        grouping = "none"
        if group_classes:
            if len(set(group_classes)) != 1 or group_classes[0] == dec_class:
                grouping = None
            else:
                grouping = _grouping(int_runs)
        if grouping is not None:
            frac = runs[-1].rstrip("0")
            whole = "".join(int_runs)
            value = Decimal(f"{whole}.{frac}") if frac else Decimal(whole)
            group = group_classes[0] if group_classes else None
            out.append(_reading(value, group, grouping, dec_class, conv, styles))
    out.sort(key=lambda r: not r.locale_conform)
    return tuple(out)


@lru_cache(maxsize=256)
def _conv_tables(conv: NumberConventions) -> tuple[frozenset[str], frozenset[str], dict]:
    """Per-convention data :func:`_readings` asks for every new digit shape: the extra group and
    decimal characters, and a memo of :func:`_reading_style` (a handful of entries)."""
    return (*conv.extra_separators(), {})


def _reading(
    value: Decimal, group: str | None, grouping: str, decimal: str | None, conv: NumberConventions, styles: dict
) -> NumberReading:
    key = (group, grouping, decimal)
    style = styles.get(key)
    if style is None:
        style = styles[key] = _reading_style(group, grouping, decimal, conv)
    return NumberReading(value, *style)


def _reading_style(
    group: str | None, grouping: str, decimal: str | None, conv: NumberConventions
) -> tuple[bool, str]:
    """``(locale_conform, convention)`` of a reading with these group and decimal separator classes."""
    names = []
    conform = True
    if group is not None:
        names.append(f"group={group}" + ("(indian)" if grouping == "indian" else ""))
        if not conv.generic:
            own = {_sep_name(conv.group), _sep_name(conv.alt_group or conv.group)}
            conform = group == "space" or group in own
            if grouping == "indian" and not conv.indian_grouping:
                conform = False
    if decimal is not None:
        names.append(f"decimal={decimal}")
        if not conv.generic:
            conform = conform and decimal in {_sep_name(conv.decimal), _sep_name(conv.alt_decimal or conv.decimal)}
    return conform, ",".join(names)


# --------------------------------------------------------------------------------------------
# Per-language words and compiled patterns
# --------------------------------------------------------------------------------------------

_LETTER = r"\p{Latin}\p{Greek}\p{Cyrillic}\p{Armenian}\p{Georgian}"
_WORD_END = r"(?![\p{L}\p{M}\d])"
#: Scripts written without spaces between words: their words need no end boundary ("300万円").
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
_CORE = rf"\d{{1,3}}(?:{_SP}\d{{3}}(?!\d))+(?:[.,]\d+)?|\d+(?:[.,'\u2019\u066b\u066c{{extra}}]\d+)*"
_CURRENCY_PRIORITY = (
    "USD", "EUR", "GBP", "JPY", "CNY", "INR", "CHF", "CAD", "AUD", "DKK", "SEK", "NOK", "PHP", "RUB", "PLN", "BRL",
    "MXN", "KRW", "TRY",
)  # fmt: skip
_PLURAL_SAMPLES = (0, 1, 2, 3, 5, 11, 21, 22, 25, 101, Decimal("0.5"), Decimal("1.5"))


_STEM_TAIL = r"[\p{L}\p{M}]*"
_END = "\x00"  # trie key that marks the end of a word (never part of an entry)


@lru_cache(maxsize=4096)
def _escaped(c: str) -> str:
    """``regex.escape(c, special_only=True)``, memoised (word lists repeat their characters)."""
    return regex.escape(c, special_only=True)


def _tokens(entry: str, *, ignore_case: bool) -> tuple[str, ...]:
    """One word-list entry as regex tokens: its characters, then how the word must end.

    Stems end in ``*`` (the rest of the word follows); spaces match any space; words of spaced
    scripts must end at a word boundary; symbols and words of unspaced scripts need none.
    """
    stem = entry.endswith("*")
    word = entry[:-1] if stem else entry
    if ignore_case:
        word = word.lower()
    chars = tuple(_SP if c == " " else _escaped(c) for c in word)
    last = word[-1:]
    if stem:
        tail = _STEM_TAIL
    elif (last.isalnum() or unicodedata.category(last).startswith("M")) and not _UNSPACED.match(last):
        tail = _WORD_END
    else:
        tail = ""
    return chars + ("\0" + tail,)


def _trie_regex(node: dict) -> tuple[str, str]:
    """Regex of a character trie: shared prefixes are tested once, longer words first.

    Returns ``(body, tail)``: the regex is ``body + tail``, where ``tail`` is the word ending
    (:data:`_WORD_END`, :data:`_STEM_TAIL` or nothing) shared by every word below ``node``.
    A shared ending is written once after the alternation instead of after each branch:
    ``(?:a|b)T`` tries exactly what ``(?:aT|bT)`` tries, in the same order, so the matches are the
    same, and the pattern (hundreds of word ends per language) compiles much faster.
    """
    options = [(tok + body, tail) for tok, child in sorted(node.items()) if not tok.startswith(_END)
               for body, tail in (_trie_regex(child),)]
    # word ends come after the longer continuations; a stem ending before a bounded one
    ends = sorted((tok[1:] for tok in node if tok.startswith(_END)), key=lambda t: (t != _STEM_TAIL, t == ""))
    options += [("", tail) for tail in ends]
    if len(options) == 1:
        return options[0]
    # consecutive options with the same ending share it: (?:aT|bT|cU) -> (?:(?:a|b)T|cU)
    runs: list[tuple[list[str], str]] = []
    for body, tail in options:
        if runs and runs[-1][1] == tail:
            runs[-1][0].append(body)
        else:
            runs.append(([body], tail))
    if len(runs) == 1:
        return "(?:" + "|".join(runs[0][0]) + ")", runs[0][1]
    parts = [(bodies[0] if len(bodies) == 1 else "(?:" + "|".join(bodies) + ")") + tail for bodies, tail in runs]
    return "(?:" + "|".join(parts) + ")", ""


def _alternation(entries, *, ignore_case: bool) -> str:
    """One regex matching any entry of a word list, built as a trie (fast on long lists)."""
    trie: dict = {}
    for entry in sorted(set(entries)):
        if not entry.rstrip("*"):
            continue
        node = trie
        for tok in _tokens(entry, ignore_case=ignore_case):
            node = node.setdefault(tok, {})
    if not trie:
        return "(?!)"
    body, tail = _trie_regex(trie)
    return f"(?i:{body}{tail})" if ignore_case else body + tail


def _cldr_unit_words(loc: Locale, unit: str) -> tuple[set[str], set[str]]:
    """Suffix and prefix words CLDR uses for ``unit`` (e.g. ``procentai``, Turkish ``yüzde``)."""
    suffix: set[str] = set()
    prefix: set[str] = set()
    samples = [(n, format_decimal(n, locale=loc)) for n in _PLURAL_SAMPLES]
    for length in ("long", "short", "narrow"):
        for n, number in samples:
            try:
                text = format_unit(n, unit, length=length, locale=loc)
            except Exception:  # noqa: BLE001 - Babel raises several types for missing unit data
                continue
            if "concentr" in text or number not in text:
                continue
            before, _, after = text.partition(number)
            before, after = before.strip(_SPACES + "/"), after.strip(_SPACES + "/")
            if after and not before:
                suffix.add(after)
            elif before and not after:
                prefix.add(before)
    return suffix, prefix


def _cldr_currency_words(loc: Locale) -> tuple[dict[str, str], dict[str, str]]:
    """Currency names (all plural forms, and their last word) and symbols in ``loc`` from CLDR."""
    likely = get_global("likely_subtags").get(loc.language)
    territory = loc.territory or (Locale.parse(likely).territory if likely else None)
    own = get_territory_currencies(territory, tender=True, non_tender=False)[:1] if territory else []
    names: dict[str, str] = {}
    last_words: dict[str, str] = {}
    symbols: dict[str, str] = {}
    for code in dict.fromkeys(own + list(_CURRENCY_PRIORITY)):
        for n in _PLURAL_SAMPLES:
            name = get_currency_name(code, n, loc)
            if not name or name == code:
                continue
            names.setdefault(name, code)
            words = name.split()
            if len(words) > 1:
                last_words.setdefault(words[-1], code)
        symbol = get_currency_symbol(code, loc)
        if symbol != code:
            symbols.setdefault(symbol, code)
    for word, code in last_words.items():
        names.setdefault(word, code)
    return names, symbols


@dataclass(frozen=True)
class _Profile:
    """Everything extraction needs for one language, built once (see :func:`_profile`)."""

    conv: NumberConventions
    main: regex.Pattern
    suffix: regex.Pattern
    prefix: regex.Pattern
    currency: dict[str, str | None]  # lower-cased surface -> ISO code (None when ambiguous)
    scale: dict[str, int]  # lower-cased surface -> multiplier
    dot_ordinal: bool
    suffix_first: frozenset[str]  # characters a suffix may start with (cheap pre-check)
    prefix_last: frozenset[str]  # characters a prefix may end with
    suffix_gate: regex.Pattern | None = None  # the first character of every suffix (see _suffix_may_start)
    readings: dict = field(default_factory=dict, compare=False, hash=False)  # shape -> readings
    gates: dict = field(default_factory=dict, compare=False, hash=False)  # two characters -> may a suffix start
    kinds: dict = field(default_factory=dict, compare=False, hash=False)  # (group, surface) -> _suffix_kind
    scales: dict = field(default_factory=dict, compare=False, hash=False)  # scale word -> multiplier


def _edge_chars(lists: list[tuple[str, list[str], bool]], *, first: bool) -> frozenset[str]:
    """First (or last) characters of every entry of some word lists, in both cases when needed."""
    out: set[str] = set()
    for _, entries, ignore_case in lists:
        for entry in entries:
            word = entry.rstrip("*")
            if not word:
                continue
            c = word[0] if first else word[-1]
            out.update((c, c.lower(), c.upper()) if ignore_case else (c,))
    return frozenset(out)


def _language_keys(language: str | None, generic: bool) -> list[str]:
    """Keys of the hand-kept word lists for ``language`` (all of them when it is unknown)."""
    data = _words()["languages"]
    if generic or language is None:
        return sorted(data)
    loc = cldr_locale(language)
    base = loc.language if loc is not None else language.split("_")[0].split("-")[0].lower()
    return [base] if base in data else []


def _merge(tables: list[dict], *, lower: bool) -> dict:
    """Merge surface->value tables; a surface given two different values maps to ``None``."""
    out: dict = {}
    for table in tables:
        for surface, value in table.items():
            key = surface.lower() if lower else surface
            if key in out and out[key] != value:
                out[key] = None
            else:
                out[key] = value
    return out


def _stem_lookup(table: dict, surface: str):
    """Find the value of the word-list entry that produced ``surface`` (exact, then stems)."""
    key = " ".join(surface.lower().split())  # any space (no-break, narrow) as in the word lists
    if key in table:
        return table[key]
    for entry, value in table.items():
        if entry.endswith("*") and key.startswith(entry[:-1]):
            return value
    return None


@lru_cache(maxsize=128)
def _profile(language: str | None) -> _Profile:
    conv = number_conventions(language)
    words = _words()
    universal = words["universal"]
    keys = _language_keys(language, conv.generic)
    langs = [words["languages"][k] for k in keys]

    def gather(field: str) -> list:
        out: list = list(universal.get(field, []))
        for lang in langs:
            out.extend(lang.get(field, []))
        return out

    def gather_map(field: str, *, lower: bool) -> dict:
        return _merge([universal.get(field, {})] + [lang.get(field, {}) for lang in langs], lower=lower)

    percent, permille = gather("percent"), gather("permille")
    percent_prefix_words = gather("percent_prefix_words")
    loc = cldr_locale(language)
    cldr_locales = [loc] if loc is not None else [cl for cl in map(cldr_locale, keys) if cl is not None]
    cldr_names: list[dict] = []
    cldr_symbols: list[dict] = []
    for cl in cldr_locales:
        suffix_words, prefix_words = _cldr_unit_words(cl, "concentr-percent")
        percent.extend(suffix_words)
        percent_prefix_words.extend(prefix_words)
        permille.extend(_cldr_unit_words(cl, "concentr-permille")[0])
        names, symbols = _cldr_currency_words(cl)
        cldr_names.append(names)
        cldr_symbols.append(symbols)
    # hand-kept lists refine CLDR; the locale's own CLDR symbols refine the universal ones
    currency_words = {**_merge(cldr_names, lower=True), **gather_map("currency_words", lower=True)}
    symbol_tables = [universal["currency_symbols"]]
    if not conv.generic:
        symbol_tables += cldr_symbols
    symbol_tables += [lang.get("currency_symbols", {}) for lang in langs]
    if conv.generic:
        currency_symbols = _merge(symbol_tables, lower=False)
    else:
        currency_symbols = {}
        for table in symbol_tables:
            currency_symbols.update(table)
    prefix_currency = gather_map("currency_prefix_words", lower=False)
    scale = gather_map("scale", lower=True)
    ordinal_suffix, ordinal_word = gather("ordinal_suffix"), gather("ordinal_word")
    ordinal_prefix = gather("ordinal_prefix")
    year_words = gather("year")

    currency_lookup = {k.lower(): v for k, v in currency_symbols.items()}
    currency_lookup.update(currency_words)
    currency_lookup.update({k.lower(): v for k, v in prefix_currency.items()})

    suffix_lists = [
        ("pctile", gather("percentile"), True),
        ("pml", permille, True),
        ("pct", percent, True),
        ("scale", list(scale), True),
        ("cur", list(currency_words), True),
        ("sym", list(currency_symbols), False),
        ("year", year_words, True),
        ("ordw", ordinal_word, True),
        ("ord", ordinal_suffix, True),
        ("unit", universal["units"], False),
    ]
    suffix_alts = [f"(?P<{name}>{_alternation(entries, ignore_case=ic)})" for name, entries, ic in suffix_lists]
    suffix_alts.insert(6, rf"(?P<iso>[A-Z]{{3}}){_WORD_END}")
    suffix_body = rf"(?P<sp>{_SP}?)(?:" + "|".join(suffix_alts) + ")"
    suffix = regex.compile(suffix_body)
    prefix_percent = ["%", "\u066a"] if conv.percent_prefix or conv.generic else []
    prefix_lists = [
        ("sym", list(currency_symbols) + list(prefix_currency), False),
        ("pct", percent_prefix_words + prefix_percent, True),
        ("ord", ordinal_prefix, True),
    ]
    prefix = regex.compile(
        r"(?r)(?:"
        r"(?<![\p{L}\d])(?P<iso>[A-Z]{3})"
        rf"|(?P<sym>{_alternation(prefix_lists[0][1], ignore_case=False)})"
        rf"|(?<![\p{{L}}\p{{M}}])(?P<pct>{_alternation(prefix_lists[1][1], ignore_case=True)})"
        rf"|(?<![\p{{L}}\p{{M}}])(?P<ord>{_alternation(prefix_lists[2][1], ignore_case=True)})"
        rf")(?P<sp>{_SP}?)"
    )
    upper = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    suffix_first = upper | _edge_chars(suffix_lists, first=True)
    # The first token of every suffix word, under the same case flag as in the suffix pattern: a
    # suffix can only match where this matches (see _suffix_may_start).
    first_tokens: dict[bool, set[str]] = {True: set(), False: set()}
    for _, entries, ignore_case in suffix_lists:
        for entry in entries:
            if entry.rstrip("*"):
                first_tokens[ignore_case].add(_tokens(entry, ignore_case=ignore_case)[0])
    gate_options = sorted(first_tokens[False]) + ["[A-Z]"]
    if first_tokens[True]:
        gate_options.insert(0, "(?i:" + "|".join(sorted(first_tokens[True])) + ")")
    suffix_gate = regex.compile(rf"{_SP}?(?:" + "|".join(gate_options) + ")")
    prefix_last = upper | _edge_chars(prefix_lists, first=False)
    # Digits must not continue a word of an alphabetic script ("ISO9001", "PR-3"), except after an
    # ordinal prefix such as Tagalog "ika-75".
    ord_pre = [regex.escape(p) for p in ordinal_prefix if p.endswith("-")]
    hyphen_ok = rf"(?:(?<=(?i:{'|'.join(ord_pre)}))|(?<![{_LETTER}]-))" if ord_pre else rf"(?<![{_LETTER}]-)"
    extra = "".join(sorted(set().union(*conv.extra_separators())))
    core = _CORE.replace("{extra}", regex.escape(extra, special_only=False) if extra else "")
    main = regex.compile(
        r"(?=[\d+(\-\u2212])(?:"
        r"(?P<phone>(?<![\w+])\+\d{1,3}(?>(?:[ \u00a0.-]?\(?\d{1,4}\)?){2,})(?!\d)"
        r"|(?<!\w)\(\d{2,5}\)[ \u00a0]?\d{2,4}[ .-]\d{2,5}(?!\d))"
        rf"|(?<![\d_{_LETTER}]){hyphen_ok}(?<!\d[.,])(?:"
        r"(?<!\d-)(?P<chain>(?>\d+(?:-\d+){2,}))(?!\d)"
        r"|(?<!\d/)(?P<slash>(?>\d+(?:/\d+)+))(?!\d)"
        r"|(?P<time>\d{1,2}:\d{2}(?::\d{2})?)(?![\d:])"
        rf"|(?P<sign>(?<![\w.,])[-\u2212+])?(?P<core>{core})"
        "))"
    )
    dot_ordinal = any(k in words["dot_ordinal"] for k in keys) and not conv.generic
    return _Profile(
        conv=conv,
        main=main,
        suffix=suffix,
        prefix=prefix,
        currency=currency_lookup,
        scale=scale,
        dot_ordinal=dot_ordinal,
        suffix_first=suffix_first,
        prefix_last=prefix_last,
        suffix_gate=suffix_gate,
    )


# --------------------------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------------------------

#: ISO 4217 codes, without those that are also common upper-case words ("TOP 10", "ALL 3").
_ISO_CODES = frozenset(list_currencies()) - frozenset(_words()["iso_code_stoplist"])
_COMPOSITE_SEP = {"chain": "-", "slash": "/", "time": ":"}
_SIGNS = frozenset("-\u2212+")
_RANGE_GAP = regex.compile(r"[ \u00a0\u202f\u2009]?[\u2012\u2013\u2014][ \u00a0\u202f\u2009]?|-| - ")


def _scaled(readings: tuple[NumberReading, ...], factor: int, negate: bool) -> tuple[NumberReading, ...]:
    if factor == 1 and not negate:
        return readings
    sign = -1 if negate else 1
    return tuple(replace(r, value=_clean(r.value * factor * sign)) for r in readings)


def _plain(text: str, start: int, end: int, kind: str = "number") -> NumberMention:
    value = Decimal(_ascii_digits(text[start:end]))
    return NumberMention(text[start:end], start, end, kind, (NumberReading(value, True, "plain"),))


def _is_year(value: int) -> bool:
    return 1000 <= value <= 2100


def _date_parts(runs: list[str], sep: str) -> bool:
    """True when ``runs`` (digit strings) look like a calendar date written with ``sep``."""
    if any(len(r) > 4 for r in runs):
        return False
    nums = [int(_ascii_digits(r)) for r in runs]
    if len(runs) == 3:
        if len(runs[0]) == 4 and _is_year(nums[0]):
            return 1 <= nums[1] <= 12 and 1 <= nums[2] <= 31
        year_ok = (len(runs[2]) == 4 and _is_year(nums[2])) or (sep == "/" and len(runs[2]) == 2)
        if year_ok and len(runs[0]) <= 2 and len(runs[1]) <= 2:
            a, b = nums[0], nums[1]
            return 1 <= a <= 31 and 1 <= b <= 31 and (a <= 12 or b <= 12)
        return False
    if len(runs) == 2 and sep == "/":
        return len(runs[1]) == 4 and _is_year(nums[1]) and 1 <= nums[0] <= 12 and len(runs[0]) <= 2
    return False


def _composite(text: str, start: int, end: int, sep: str) -> NumberMention:
    """A date, time, ratio or code made of digit runs joined by one separator character."""
    surface = text[start:end]
    runs = surface.split(sep)
    if sep == ":":
        kind = "time" if int(_ascii_digits(runs[0])) <= 24 and int(_ascii_digits(runs[1])) <= 59 else "ratio"
    elif _date_parts(runs, sep):
        kind = "date"
    elif sep == "/" and len(runs) == 2:
        kind = "ratio"
    else:
        return NumberMention(surface, start, end, "code")
    parts = []
    pos = start
    for run in runs:
        part = _plain(text, pos, pos + len(run))
        if kind == "date" and len(run) == 4 and _is_year(int(_ascii_digits(run))):
            part = replace(part, kind="year")
        parts.append(part)
        pos += len(run) + 1
    return NumberMention(surface, start, end, kind, parts=tuple(parts))


def _suffix_kind(group: str, surface: str, profile: _Profile) -> tuple[str, str | None, str | None]:
    """Map a suffix/prefix match to (kind, unit, currency)."""
    if group == "pct":
        return "percent", "%", None
    if group == "pml":
        return "percent", "\u2030", None
    if group == "pctile":
        return "percentile", None, None
    if group in ("cur", "sym"):
        code = _stem_lookup(profile.currency, surface) if group == "cur" else profile.currency.get(surface.lower())
        return "currency", None, code
    if group == "iso":
        return "currency", None, surface
    return "number", surface, None


_MEMO_LIMIT = 100_000  # entries of a per-language memo (gates, suffix kinds) before it is emptied


def _suffix_kind_memo(group: str, surface: str, profile: _Profile) -> tuple[str, str | None, str | None]:
    """:func:`_suffix_kind`, memoised per language (it depends on nothing else)."""
    key = (group, surface)
    found = profile.kinds.get(key)
    if found is None:
        if len(profile.kinds) >= _MEMO_LIMIT:
            profile.kinds.clear()
        found = profile.kinds[key] = _suffix_kind(group, surface, profile)
    return found


def _scale_of(surface: str, profile: _Profile) -> int:
    """The multiplier of a scale word (``mln.`` -> 1000000; 1 when the list has none), memoised per language."""
    found = profile.scales.get(surface)
    if found is None:
        if len(profile.scales) >= _MEMO_LIMIT:
            profile.scales.clear()
        found = profile.scales[surface] = _stem_lookup(profile.scale, surface) or 1
    return found


def _suffix_may_start(text: str, pos: int, profile: _Profile) -> bool:
    """False when no suffix can match at ``pos`` (``profile.suffix.match(text, pos)`` would be ``None``).

    A suffix match is an optional space and a word whose first character matches the first token
    of some word list entry: ``profile.suffix_gate`` is exactly that prefix of the suffix pattern,
    so where it fails the suffix fails. It reads at most two characters and has no look-around, so
    its answer depends only on ``text[pos:pos + 2]``, which is memoised.
    """
    key = text[pos : pos + 2]
    found = profile.gates.get(key)
    if found is None:
        if len(profile.gates) >= _MEMO_LIMIT:
            profile.gates.clear()
        gate = profile.suffix_gate
        found = profile.gates[key] = gate is None or gate.match(key) is not None
    return found


def _suffix_at(text: str, pos: int, profile: _Profile) -> regex.Match | None:
    """The suffix (percent word, currency, scale word, ...) starting at ``pos``, if any."""
    c = text[pos : pos + 1]
    if c in _SPACES:
        c = text[pos + 1 : pos + 2]
    if not c or c not in profile.suffix_first or not _suffix_may_start(text, pos, profile):
        return None
    return profile.suffix.match(text, pos)


def _shape_readings(core: str, profile: _Profile) -> tuple[NumberReading, ...]:
    """:func:`_readings` of a digit shape in the profile's language, memoised per language."""
    readings = profile.readings.get(core)
    if readings is None:
        if len(profile.readings) > _READINGS_CACHE:
            profile.readings.clear()
        readings = profile.readings[core] = _readings(core, profile.conv)
    return readings


def _simple(text: str, start: int, end: int, sm: regex.Match | None, lower: int, profile: _Profile) -> NumberMention:
    """Build one simple mention from a ``core`` match: readings, then suffixes and prefixes.

    ``start``/``end`` are the span of the ``core`` match of ``profile.main`` (with its sign, which
    is its first character when there is one). ``sm`` is the suffix matched right after the digits
    (``profile.suffix`` at ``end``), if any; further suffixes (``75. percentile``,
    ``2,5 mln. eurų``, ``75 వ శాతం``) are matched here.
    """
    core_start = start
    sign = text[start]
    if sign in _SIGNS:  # the core itself starts with a digit, so a sign char is the sign group
        core_start += 1
        core = text[core_start:end]
    else:
        sign = None
        core = text[start:end]
        if start > lower and text[start - 1] in ".," and (start < 2 or not text[start - 2].isalnum()):
            # ".5" / ",5": a decimal without its leading zero
            core, start = "0" + text[start - 1] + core, start - 1
    readings = profile.readings.get(core)
    if readings is None:
        readings = _shape_readings(core, profile)
    if not readings:
        pieces = _SHAPE_SPLIT.split(core)
        if set(pieces[1::2]) == {"."} and not sign and _date_parts(pieces[0::2], "."):
            return _composite(text, core_start, end, ".")
        return NumberMention(text[start:end], start, end, "code")
    plain_int = readings[0].convention == "plain"
    kind = "number"
    unit = currency = None
    scale = 1
    ordinal = False
    pos = end
    # Danish/Lithuanian/German "75. percentile": a dot after an integer, then a lower-case word
    if (
        sm is None
        and profile.dot_ordinal
        and plain_int
        and not sign
        and text[end : end + 1] == "."
        and text[end + 1 : end + 2] in _SPACES
        and text[end + 2 : end + 3].islower()
    ):
        ordinal, pos = True, end + 1
        sm = _suffix_at(text, pos, profile)
    for _ in range(3):
        if sm is None:
            break
        group = sm.lastgroup
        surface = sm.group(group)
        spaced = sm.start(group) > pos
        if group == "iso" and surface not in _ISO_CODES:
            break
        if group == "year":
            if plain_int and not sign and 3 <= len(core) <= 4 and not ordinal and kind == "number":
                kind, pos = "year", sm.end(group)
            break
        if group in ("ord", "ordw"):
            if not plain_int or ordinal or kind != "number" or (spaced and group == "ord"):
                break
            ordinal, pos = True, sm.end(group)
        elif group == "scale":
            if scale != 1 or kind != "number" or ordinal:
                break
            scale, pos = _scale_of(surface, profile), sm.end(group)
        else:
            if group == "unit" and (scale != 1 or (spaced and len(surface) == 1 and surface.isalpha())):
                break  # "5 x": a lone spaced letter is a word; "5 mln. m" is no unit either
            new_kind, new_unit, new_currency = _suffix_kind_memo(group, surface, profile)
            if ordinal:
                if new_kind in ("percent", "percentile"):
                    kind, pos = "percentile", sm.end(group)
                break
            if kind != "number":
                break
            kind, unit, currency, pos = new_kind, new_unit, new_currency, sm.end(group)
            if new_kind != "currency":
                break
        sm = _suffix_at(text, pos, profile)
    # prefixes: "$ 41.430", "USD 5", Turkish "%12", Tagalog "ika-75"
    if start > lower and (kind == "number" or kind == "currency"):
        c = text[start - 1]
        if c in _SPACES and start - 1 > lower:
            c = text[start - 2]
        if c in profile.prefix_last:
            pm = profile.prefix.match(text, max(lower, start - 24), start)
            if pm is not None:
                iso, sym, pct, ord_ = pm.group("iso", "sym", "pct", "ord")  # the first one that matched
                if iso is not None:
                    group, surface = "iso", iso
                elif sym is not None:
                    group, surface = "sym", sym
                elif pct is not None:
                    group, surface = "pct", pct
                else:
                    group, surface = "ord", ord_
                if group == "ord":
                    if not ordinal and plain_int and kind == "number":
                        ordinal, start = True, pm.start()
                elif group == "pct":
                    # Turkish "%12", Basque "%\u00a012"; after an ordinary space "%" belongs to the number before
                    if kind == "number" and not ordinal and not (surface in "%\u066a" and pm.group("sp") == " "):
                        kind, unit, start = "percent", "%", pm.start()
                elif not ordinal and (group == "sym" or surface in _ISO_CODES):
                    code = _suffix_kind_memo(group, surface, profile)[2]
                    kind, currency, start = "currency", currency or code, pm.start()
    if kind == "number":
        if ordinal:
            kind = "year" if len(core) == 4 and _is_year(int(readings[0].value)) else "ordinal"
        elif unit is None and plain_int and not sign and scale == 1 and len(core) == 4:
            if _is_year(int(readings[0].value)):
                kind = "year"
    negative = sign == "-" or sign == "\u2212"
    if scale != 1 or negative:
        readings = _scaled(readings, scale, negative)
    return NumberMention(text[start:pos], start, pos, kind, readings, unit, currency, scale)


def _adopt(target: NumberMention, source: NumberMention) -> NumberMention:
    """Give the bare end of a range the kind, unit, currency and scale of the other end."""
    if target.kind not in ("number",) or source.kind in ("number", "year", "ordinal"):
        if target.scale == 1 and source.scale != 1 and target.kind == source.kind:
            return replace(target, readings=_scaled(target.readings, source.scale, False), scale=source.scale)
        return target
    readings = target.readings
    scale = target.scale
    if target.scale == 1 and source.scale != 1:
        readings, scale = _scaled(readings, source.scale, False), source.scale
    return replace(target, kind=source.kind, unit=source.unit, currency=source.currency, readings=readings, scale=scale)


def _ranges(text: str, mentions: list[NumberMention]) -> list[NumberMention]:
    out: list[NumberMention] = []
    i = 0
    while i < len(mentions):
        a = mentions[i]
        if i + 1 < len(mentions) and a.kind in SIMPLE_KINDS:
            b = mentions[i + 1]
            gap = b.start - a.end
            if (
                0 < gap <= 3
                and b.kind in SIMPLE_KINDS
                and _RANGE_GAP.fullmatch(text, a.end, b.start)
                and b.text[:1] not in "-\u2212"
            ):
                a2, b2 = _adopt(a, b), _adopt(b, a)
                out.append(
                    NumberMention(
                        text[a.start : b.end],
                        a.start,
                        b.end,
                        "range",
                        unit=b2.unit or a2.unit,
                        currency=b2.currency or a2.currency,
                        parts=(a2, b2),
                    )
                )
                i += 2
                continue
        out.append(a)
        i += 1
    return out


#: Format placeholders of software strings, whose digits are argument positions or widths, not numbers:
#: printf positional (``%1$s``) and width/precision (``%5d``, ``%.2f``) forms, and ``{0}``/``{1:N2}``.
#: A conversion letter must end the printf forms, so Turkish ``%25`` (25 percent) stays a number.
_PLACEHOLDER = regex.compile(
    r"%\d+\$[-+ #0']*\d*(?:\.\d+)?[a-zA-Z@]"
    r"|%[-+ #0']*\d*(?:\.\d+)?[diouxXfFeEgGs](?<=\d[diouxXfFeEgGs])(?![\p{L}\p{N}])"
    r"|\{\d+(?:[,:][^{}]*)?\}"
)


def placeholders(text: str) -> list[tuple[int, int]]:
    """Spans of the format placeholders in ``text`` (``%1$s``, ``%5d``, ``%.2f``, ``{0}``) that hold digits."""
    if "%" not in text and "{" not in text:
        return []
    return [m.span() for m in _PLACEHOLDER.finditer(text)]


# --------------------------------------------------------------------------- digit keys

#: A number as the sentence aligner's anchors see it, by its shape only: digit groups joined by
#: locale separators (``2 784 500``, ``32.300``, ``1,000.00``) or a plain number (a pattern string).
DIGIT_RUN = r"\d{1,3}(?:[ \u00a0\u202f.,'’]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?"


def digit_key(surface: str) -> str:
    """The locale-independent key of a number: its digits without leading zeros (``'32.300'`` -> ``'32300'``).

    The coarse reading of the sentence aligner's anchors (``aligner.align.anchors``), where two
    segments only need to share a key: ``8839,8`` and ``8839.8`` both give ``88398``, and so does
    ``88 398``; no locale is consulted. :func:`extract_numbers` is the reading of values.
    """
    digits = "".join(str(unicodedata.digit(ch)) for ch in surface if ch.isdigit())
    return digits.lstrip("0") or "0"


def extract_numbers(text: str, language: str | None = None) -> list[NumberMention]:
    """Find the numeric expressions of ``text`` written in ``language``.

    ``language`` is an ISO 639-1 code (``lt``, ``da``, ``tl``, ``te``, ...) or a locale id
    (``de_CH``, ``en-IN``); ``None`` or an unknown code reads generically. Returns mentions in
    text order with non-overlapping spans. Pure and deterministic.

    >>> [(m.text, m.kind, [str(r.value) for r in m.readings]) for m in extract_numbers("25,520 dolerių", "lt")]
    [('25,520 dolerių', 'currency', ['25.52', '25520'])]
    """
    profile = _profile(language)
    mentions: list[NumberMention] = []
    lower = 0  # end of the previous mention: suffixes may reach past the regex match
    masked = placeholders(text)
    search, suffix_match, gates = profile.main.search, profile.suffix.match, profile.gates
    pos = 0
    near = False
    while (m := search(text, pos)) is not None:
        start, end = m.span()
        group = m.lastgroup
        sm = None
        if group == "core":
            # The suffix right after the digits, as one optional group at the end of the main pattern
            # would match it: the core never depends on it, and the next search resumes after it.
            may = gates.get(text[end : end + 2])
            if may is None:
                may = _suffix_may_start(text, end, profile)
            if may and (sm := suffix_match(text, end)) is not None:
                suffix_end = sm.end()
                if sm.lastgroup == "sp":
                    sm = None
            else:
                suffix_end = end
            pos = suffix_end
            if start < lower or (masked and any(a < suffix_end and start < b for a, b in masked)):
                continue  # inside the previous mention, or digits of a format placeholder
            mention = _simple(text, start, end, sm, lower, profile)
        else:
            pos = end
            if start < lower or (masked and any(a < end and start < b for a, b in masked)):
                continue
            if group == "phone":
                mention = NumberMention(m.group(), start, end, "phone")
            else:
                mention = _composite(text, start, end, _COMPOSITE_SEP[group])
        if mentions and 0 < mention.start - lower <= 3:
            near = True  # a possible range: _ranges joins only mentions 1-3 characters apart
        mentions.append(mention)
        lower = mention.end
    return _ranges(text, mentions) if near else mentions


# --------------------------------------------------------------------------------------------
# Comparison and formatting
# --------------------------------------------------------------------------------------------


def compare_mentions(a: NumberMention, b: NumberMention) -> MentionMatch:
    """Compare two mentions (typically from two language versions of one sentence).

    Returns the pairs of readings (one of ``a``, one of ``b``) with equal values; ``matched`` says
    whether the reading sets intersect and ``conform`` whether they meet on readings that follow
    both locales. ``25,520`` (lt) against ``$ 25,520`` (tl) pairs 25520 (against the Lithuanian
    locale, conform in Tagalog) and 25.52 (conform in Lithuanian, against in Tagalog). Composites
    are compared part by part; a composite never matches a simple mention.
    """
    if a.parts or b.parts:
        if len(a.parts) != len(b.parts):
            return MentionMatch(())
        pairs: list[tuple[NumberReading, NumberReading]] = []
        for pa, pb in zip(a.parts, b.parts):
            sub = compare_mentions(pa, pb)
            if not sub.matched:
                return MentionMatch(())
            pairs.extend(sub.pairs)
        return MentionMatch(tuple(pairs))
    return MentionMatch(tuple((ra, rb) for ra in a.readings for rb in b.readings if ra.value == rb.value))


def format_value(
    value: Decimal | int,
    language: str | None,
    *,
    kind: str = "number",
    currency: str | None = None,
) -> str:
    """Write ``value`` the way ``language`` writes numbers (CLDR via Babel), for messages.

    ``kind="percent"`` gives ``75 %``-style output (value in percent, not a fraction) and
    ``kind="currency"`` with an ISO ``currency`` gives the locale's currency format; other kinds
    give the plain decimal. No rounding beyond what the value carries.
    """
    loc = cldr_locale(language) or Locale.parse("en")
    number = Decimal(value)
    if kind == "percent":
        return format_percent(number / 100, locale=loc, decimal_quantization=False)
    if kind == "currency" and currency:
        return format_currency(number, currency, locale=loc, decimal_quantization=False)
    return format_decimal(number, locale=loc, decimal_quantization=False)

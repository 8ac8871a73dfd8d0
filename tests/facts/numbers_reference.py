"""Frozen reference copy of ``aligner/facts/numbers.py`` as it was before its speed work (do not edit).

The oracle of ``tests/facts/test_numbers_fast.py``: the optimised extraction must give exactly
what this plain version gives. It loads the same word lists and builds its own per-language
patterns (the suffix alternation compiled twice, one word ending per trie branch, no memos).

Definitions that did not change are imported from the live module (one copy of them).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import regex
from babel import Locale
from babel.numbers import (
    format_decimal,
)
from babel.units import format_unit

from aligner.facts.numbers import (  # unchanged by the speed work: shared, not copied
    _COMPOSITE_SEP,
    _CORE,
    _DECIMAL_CHARS,
    _END,
    _GROUP_CHARS,
    _ISO_CODES,
    _LETTER,
    _PLURAL_SAMPLES,
    _READINGS_CACHE,
    _SHAPE_SPLIT,
    _SP,
    _SPACES,
    _STEM_TAIL,
    _UNSPACED,
    _WORD_END,
    NumberConventions,
    NumberMention,
    NumberReading,
    _cldr_currency_words,
    _composite,
    _date_parts,
    _edge_chars,
    _grouping,
    _is_year,
    _language_keys,
    _merge,
    _ranges,
    _scaled,
    _sep_name,
    _stem_lookup,
    _suffix_kind,
    _words,
    cldr_locale,
    number_conventions,
    placeholders,
)

#: Every ``NumberMention.kind``.

#: Kinds whose mentions carry readings (the others are composites or digit strings).


# --------------------------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------------------------










# --------------------------------------------------------------------------------------------
# Conventions from CLDR
# --------------------------------------------------------------------------------------------

#: Separator characters and the class (convention name) each belongs to.
#: Characters that may be a decimal mark (U+066B is the Arabic decimal separator).










# --------------------------------------------------------------------------------------------
# Readings of one digit/separator shape
# --------------------------------------------------------------------------------------------



def _ascii_digits(s: str) -> str:
    if s.isascii():
        return s
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in s)






def _readings(shape: str, conv: NumberConventions) -> tuple[NumberReading, ...]:
    """All readings of a digit run with separators (``shape``), locale-conform ones first."""
    pieces = _SHAPE_SPLIT.split(_ascii_digits(shape))
    runs, seps = pieces[0::2], pieces[1::2]
    if not seps:
        return (NumberReading(Decimal(runs[0]), True, "plain"),)
    out: list[NumberReading] = []
    extra_group, extra_decimal = conv.extra_separators()
    classes = [_sep_name(s) for s in seps]
    # 1. every separator groups thousands
    if len(set(classes)) == 1 and (seps[0] in _GROUP_CHARS or seps[0] in extra_group):
        grouping = _grouping(runs)
        if grouping is not None:
            out.append(_reading(Decimal("".join(runs)), classes[0], grouping, None, conv))
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
            out.append(_reading(value, group, grouping, dec_class, conv))
    out.sort(key=lambda r: not r.locale_conform)
    return tuple(out)


def _reading(
    value: Decimal, group: str | None, grouping: str, decimal: str | None, conv: NumberConventions
) -> NumberReading:
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
    return NumberReading(value, conform, ",".join(names))


# --------------------------------------------------------------------------------------------
# Per-language words and compiled patterns
# --------------------------------------------------------------------------------------------

#: Scripts written without spaces between words: their words need no end boundary ("300万円").




def _tokens(entry: str, *, ignore_case: bool) -> tuple[str, ...]:
    """One word-list entry as regex tokens: its characters, then how the word must end.

    Stems end in ``*`` (the rest of the word follows); spaces match any space; words of spaced
    scripts must end at a word boundary; symbols and words of unspaced scripts need none.
    """
    stem = entry.endswith("*")
    word = entry[:-1] if stem else entry
    if ignore_case:
        word = word.lower()
    chars = tuple(_SP if c == " " else regex.escape(c, special_only=True) for c in word)
    last = word[-1:]
    if stem:
        tail = _STEM_TAIL
    elif (last.isalnum() or unicodedata.category(last).startswith("M")) and not _UNSPACED.match(last):
        tail = _WORD_END
    else:
        tail = ""
    return chars + ("\0" + tail,)


def _trie_regex(node: dict) -> str:
    """Regex of a character trie: shared prefixes are tested once, longer words first."""
    options = [tok + _trie_regex(child) for tok, child in sorted(node.items()) if not tok.startswith(_END)]
    # word ends come after the longer continuations; a stem ending before a bounded one
    ends = sorted((tok[1:] for tok in node if tok.startswith(_END)), key=lambda t: (t != _STEM_TAIL, t == ""))
    options += ends
    if len(options) == 1:
        return options[0]
    return "(?:" + "|".join(options) + ")"


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
    body = _trie_regex(trie)
    return f"(?i:{body})" if ignore_case else body


def _cldr_unit_words(loc: Locale, unit: str) -> tuple[set[str], set[str]]:
    """Suffix and prefix words CLDR uses for ``unit`` (e.g. ``procentai``, Turkish ``yüzde``)."""
    suffix: set[str] = set()
    prefix: set[str] = set()
    for length in ("long", "short", "narrow"):
        for n in _PLURAL_SAMPLES:
            number = format_decimal(n, locale=loc)
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
    readings: dict = field(default_factory=dict, compare=False, hash=False)  # shape -> readings










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
        rf"|(?P<sign>(?<![\w.,])[-\u2212+])?(?P<core>{core})(?:{suffix_body})?"
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
    )


# --------------------------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------------------------

#: ISO 4217 codes, without those that are also common upper-case words ("TOP 10", "ALL 3").














def _suffix_at(text: str, pos: int, profile: _Profile) -> regex.Match | None:
    """The suffix (percent word, currency, scale word, ...) starting at ``pos``, if any."""
    c = text[pos : pos + 1]
    if c in _SPACES:
        c = text[pos + 1 : pos + 2]
    if not c or c not in profile.suffix_first:
        return None
    return profile.suffix.match(text, pos)


def _simple(text: str, m: regex.Match, lower: int, profile: _Profile) -> NumberMention:
    """Build one simple mention from a ``core`` match: readings, then suffixes and prefixes.

    The main pattern already tried one suffix right after the digits (``m.lastgroup`` names it);
    further suffixes (``75. percentile``, ``2,5 mln. eurų``, ``75 వ శాతం``) are matched here.
    """
    start = m.start()
    sign, core = m.group("sign", "core")
    end = m.end("core")
    if not sign and start > lower and text[start - 1] in ".," and (start < 2 or not text[start - 2].isalnum()):
        # ".5" / ",5": a decimal without its leading zero
        core, start = "0" + text[start - 1] + core, start - 1
    readings = profile.readings.get(core)
    if readings is None:
        if len(profile.readings) > _READINGS_CACHE:
            profile.readings.clear()
        readings = profile.readings[core] = _readings(core, profile.conv)
    if not readings:
        pieces = _SHAPE_SPLIT.split(core)
        if set(pieces[1::2]) == {"."} and not sign and _date_parts(pieces[0::2], "."):
            return _composite(text, m.start("core"), end, ".")
        return NumberMention(text[start:end], start, end, "code")
    plain_int = readings[0].convention == "plain"
    kind = "number"
    unit = currency = None
    scale = 1
    ordinal = False
    pos = end
    group = m.lastgroup
    sm: regex.Match | None = m if group not in ("core", "sp") else None
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
            scale, pos = _stem_lookup(profile.scale, surface) or 1, sm.end(group)
        else:
            if group == "unit" and (scale != 1 or (spaced and len(surface) == 1 and surface.isalpha())):
                break  # "5 x": a lone spaced letter is a word; "5 mln. m" is no unit either
            new_kind, new_unit, new_currency = _suffix_kind(group, surface, profile)
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
    if start > lower and kind in ("number", "currency"):
        c = text[start - 1]
        if c in _SPACES and start - 1 > lower:
            c = text[start - 2]
        pm = profile.prefix.match(text, max(lower, start - 24), start) if c in profile.prefix_last else None
        if pm is not None:
            group = next(name for name in ("iso", "sym", "pct", "ord") if pm.group(name) is not None)
            surface = pm.group(group)
            if group == "ord":
                if not ordinal and plain_int and kind == "number":
                    ordinal, start = True, pm.start()
            elif group == "pct":
                # Turkish "%12", Basque "%\u00a012"; after an ordinary space "%" belongs to the number before
                if kind == "number" and not ordinal and not (surface in "%\u066a" and pm.group("sp") == " "):
                    kind, unit, start = "percent", "%", pm.start()
            elif not ordinal and (group == "sym" or surface in _ISO_CODES):
                code = _suffix_kind(group, surface, profile)[2]
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






#: Format placeholders of software strings, whose digits are argument positions or widths, not numbers:
#: printf positional (``%1$s``) and width/precision (``%5d``, ``%.2f``) forms, and ``{0}``/``{1:N2}``.
#: A conversion letter must end the printf forms, so Turkish ``%25`` (25 percent) stays a number.




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
    for m in profile.main.finditer(text):
        if m.start() < lower:
            continue
        if masked and any(a < m.end() and m.start() < b for a, b in masked):
            continue  # digits of a format placeholder
        group = m.lastgroup
        if group in _COMPOSITE_SEP:
            mention = _composite(text, m.start(), m.end(), _COMPOSITE_SEP[group])
        elif group == "phone":
            mention = NumberMention(m.group(), m.start(), m.end(), "phone")
        else:
            mention = _simple(text, m, lower, profile)
        mentions.append(mention)
        lower = mention.end
    return _ranges(text, mentions) if len(mentions) > 1 else mentions


# --------------------------------------------------------------------------------------------
# Comparison and formatting
# --------------------------------------------------------------------------------------------





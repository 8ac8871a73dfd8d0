"""Reconcile a unit's number differences with what translators legitimately do, before anything is blamed.

The number analysis counts the values written in digits in each version of a unit. On real translations
most differences it finds are not errors:

- a number is **spelled out** in one version (``tūkstantis du šimtai``, ``femoghalvfjerds``, ``dalawampu't
  lima``) and written in digits in another (:mod:`aligner.facts.spelled`);
- a quantity is **converted** to the reader's units (``3 miles`` / ``5 km``, ``90s °F`` / ``32 °C``), or
  the bracketed conversion of the source (``200 km (120 miles)``) is dropped
  (:mod:`aligner.facts.quantities`);
- a **time, century or age** is written the local way (``1 p.m.`` / ``13 val.`` / ``kl. 13``; ``XIX a.``
  / ``19th century``; ``a 20-year-old`` / ``dvidešimtmetis``) (:mod:`aligner.facts.times`);
- a **scale** is written with a word in one version and without in another (``£9bn`` / ``9 mlrd.``: the
  digits agree and the values differ by a power of a thousand), or a **decade** is shortened (``'80s`` /
  ``1980``).

:func:`reconcile` takes a unit's values missing from and extra in each version (as the counting found
them) and removes those that such an equivalence explains; what it removes it reports as notes (a
consistent unit conversion becomes an info finding, never a major one). A conversion that does not hold
(``3-5 inches`` / ``5-9 cm``) is kept, with a message that shows both quantities, so the version that got it
wrong is blamed for a wrong conversion rather than for "a changed number".

Words never make a finding by themselves: a value that only spelled-out numbers carry can explain a
difference but is never reported missing or extra (words for numbers are paraphrased far more freely
than digits: "both", "a couple", "dozens").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

import regex

from ..facts.numbers import cldr_locale
from ..facts.quantities import Localised, find_localised, relate
from ..facts.spelled import SpelledNumber, find_spelled_numbers

#: Value ratios that a scale word makes (thousand, million, billion, trillion) in either direction.
_SCALES = tuple(Decimal(1000) ** i for i in range(1, 5))
#: Digits glued to letters on either side: part of a name or a code, which the number reader skips.
_GLUED = regex.compile(r"(?<=\p{L}[-‑]?)(\p{Nd}+)")
#: Languages that write compounds as one word, where an ordinal can begin a noun (``førsteplads``).
_COMPOUNDING = frozenset({"da", "de", "nl", "sv", "nb", "nn", "no", "is", "fi", "et"})
_LONG_WORD = regex.compile(r"\p{L}{8,}")
#: Period nouns and the number of years they stand for, from CLDR's duration units (``decade``,
#: ``century``) plus the Lithuanian compounds CLDR lacks (``dešimtmetis``, ``šimtmetis``): "over the past
#: decade" and "10 years" are one value.
_PERIOD_UNITS = (("duration-decade", Decimal(10)), ("duration-century", Decimal(100)))
_PERIOD_EXTRA = {"lt": (("dešimtmet", Decimal(10)), ("šimtmet", Decimal(100)))}


@dataclass(frozen=True)
class Note:
    """A difference the reconciliation explained: ``kind`` is ``spelled``, ``converted``, ``same``
    (a time, century or age written another way), ``scale`` or ``decade``."""

    version: int
    value: Decimal
    kind: str
    message: str


@dataclass
class Outcome:
    """What is left to blame after :func:`reconcile`, and why the rest was dropped."""

    missing: dict[int, list[tuple[Decimal, int, float]]]
    extra: dict[int, list[tuple[Decimal, float]]]
    notes: list[Note] = field(default_factory=list)
    #: (version, extra value) -> a message that replaces "reads X where others have Y" (wrong conversions)
    messages: dict[tuple[int, Decimal], str] = field(default_factory=dict)
    #: (version, missing value) -> a number written in words there with another value: a changed number
    changed: dict[tuple[int, Decimal], SpelledNumber] = field(default_factory=dict)


class UnitView:
    """The text of each version in one unit, read for spelled numbers and localised items on first need.

    ``texts[k]`` is the version's text in the unit; ``spans(k, value)`` gives the character spans of the
    digit mentions of ``value`` in that text (from the counting).
    """

    def __init__(self, texts: dict[int, str], languages: dict[int, str | None],
                 spans: Callable[[int, Decimal], Sequence[tuple[int, int]]],
                 values: frozenset[Decimal] = frozenset(),
                 kinds: Callable[[int, Decimal], frozenset[str]] | None = None,
                 locate: Callable[[int, int], tuple[Any, int]] | None = None) -> None:
        self.texts = texts
        self.languages = languages
        self.spans = spans
        #: every value written in digits in the unit, in any version
        self.values = values
        #: the kinds (``percent``, ``currency``, ...) of version k's digit mentions of a value
        self.kinds = kinds or (lambda k, v: frozenset())
        #: (version, offset in its unit text) -> (the segment holding it, the offset in that segment)
        self.locate = locate
        self._words: dict[int, list[SpelledNumber]] = {}
        self._spelled: dict[int, frozenset[Decimal]] = {}
        self._ordinals: dict[int, frozenset[Decimal]] = {}
        self._localised: dict[int, list[Localised]] = {}

    def spelled(self, k: int) -> frozenset[Decimal]:
        """The values spelled out in words (or digits with a scale word) in version ``k``'s text."""
        found = self._spelled.get(k)
        if found is None:
            language = self.languages.get(k)
            found = self._spelled[k] = frozenset(
                s.value for s in find_spelled_numbers(self.texts[k], language, weak=True)) if language else frozenset()
            # ages and centuries written as words ("dvidešimtmetis", "XIX a.") stand for their number too
            dated = frozenset(Decimal(item.value) for item in self.localised(k)
                              if type(item).__name__ in ("Age", "Century") and isinstance(item.value, int))
            found = self._spelled[k] = found | _period_words(self.texts[k], language) | dated
        return found

    def words(self, k: int) -> list[SpelledNumber]:
        """The numbers written in words in version ``k``'s text, the article-like "one" left out."""
        found = self._words.get(k)
        if found is None:
            language = self.languages.get(k)
            found = self._words[k] = find_spelled_numbers(self.texts[k], language) if language else []
        return found

    def ordinals(self, k: int) -> frozenset[Decimal]:
        """The ordinals written in words in version ``k``'s text (``devintajame`` = ninth)."""
        found = self._ordinals.get(k)
        if found is None:
            # (read from :meth:`words`: the same call on the same text, made once per version)
            found = self._ordinals[k] = frozenset(s.value for s in self.words(k) if s.kind == "ordinal")
        return found

    def compound_ordinals(self, k: int) -> frozenset[Decimal]:
        """Ordinals that begin a compound word (Danish ``førstepladsen``, first place) in languages that compound."""
        language = self.languages.get(k)
        if language not in _COMPOUNDING:
            return frozenset()
        found: set[Decimal] = set()
        for m in _LONG_WORD.finditer(self.texts[k]):
            word = m.group()
            for cut in range(4, min(len(word) - 3, 12) + 1):
                hits = find_spelled_numbers(word[:cut], language)
                if len(hits) == 1 and hits[0].kind == "ordinal" and hits[0].end == cut and hits[0].start == 0:
                    found.add(hits[0].value)
                    break
        return frozenset(found)

    def glued(self, k: int) -> str:
        """Version ``k``'s digit runs that sit inside a word or code (``WW1``, ``SS19``, ``ESPN2``), space-joined
        and space-framed, so ``" 19 " in glued`` asks whether 19 is written there glued to letters."""
        return " " + " ".join(m.group(1) for m in _GLUED.finditer(self.texts[k])) + " "

    def localised(self, k: int) -> list[Localised]:
        """Quantities with units, times of day, centuries and ages in version ``k``'s text."""
        found = self._localised.get(k)
        if found is None:
            language = self.languages.get(k)
            found = self._localised[k] = find_localised(self.texts[k], language) if language else []
        return found

    def items_of(self, k: int, value: Decimal) -> list[Localised]:
        """The localised items of version ``k`` that hold a digit mention of ``value``."""
        out = []
        for start, end in self.spans(k, value):
            for item in self.localised(k):
                if item.start <= start and end <= item.end and item not in out:
                    out.append(item)
        return out


def _relation(view: UnitView, x: Localised, k: int) -> tuple[str, Localised | None]:
    """The best relation of item ``x`` (of another version) to an item of version ``k``."""
    best: tuple[str, Localised | None] = ("none", None)
    rank = {"same": 0, "converted": 1, "wrong_conversion": 2}
    for y in view.localised(k):
        r = relate(x, y)
        if r in rank and (best[1] is None or rank[r] < rank[best[0]]):
            best = (r, y)
    return best


def _describe(item: Localised) -> str:
    return item.surface


def reconcile(view: UnitView, present: Sequence[int],
              missing: dict[int, list[tuple[Decimal, int, float]]],
              extra: dict[int, list[tuple[Decimal, float]]],
              holders: Callable[[Decimal], Sequence[int]]) -> Outcome:
    """Drop the differences an equivalence explains; see the module docstring.

    ``missing[k]``: (value, times, confidence) that version ``k`` lacks; ``extra[k]``: (value,
    confidence) only a minority has; ``holders(value)``: the versions that have ``value`` in digits.
    """
    out = Outcome({k: [] for k in missing}, {k: [] for k in extra})
    for k in present:
        miss = list(missing.get(k, ()))
        ext = list(extra.get(k, ()))
        if not miss and not ext:
            continue
        used_extra: set[int] = set()
        # a time written with a dot (3.35 for 3:35): the extra value and both missing parts are one time
        for i, (ev, _conf) in enumerate(ext):
            parts = _dotted_time(ev, [e[0] for e in miss])
            if parts:
                used_extra.add(i)
                miss = [e for e in miss if e[0] not in parts]
                out.notes.append(Note(k, ev, "time", f"{ev.normalize():f} is the time "
                                      f"{parts[0].normalize():f}:{parts[1].normalize():02f} written with a dot"))
        kept_missing: list[tuple[Decimal, int, float]] = []
        for entry in miss:
            mv = entry[0]
            reason = _explain_missing(view, k, mv, ext, used_extra, holders, out)
            if reason is None:
                kept_missing.append(entry)
            else:
                out.notes.append(Note(k, mv, *reason))
        kept_extra: list[tuple[Decimal, float]] = []
        for i, entry in enumerate(ext):
            if i in used_extra:
                continue
            ev = entry[0]
            reason = _explain_extra(view, k, ev, present, holders, out)
            if reason is None:
                kept_extra.append(entry)
            else:
                out.notes.append(Note(k, ev, *reason))
        out.missing[k] = kept_missing
        out.extra[k] = kept_extra
        # A value k lacks, where k writes a number in words that no version has (in digits or in words: the
        # "seven companies" every version spells is no changed 0.35): the words changed it.
        taken: set[int] = set()
        others = [j for j in view.texts if j != k]
        for mv, _times, _conf in kept_missing:
            options = [(abs(w.value - mv), i, w) for i, w in enumerate(view.words(k))
                       if i not in taken and not w.ambiguous and w.kind in ("cardinal", "scaled")
                       and w.value != mv and w.value not in view.values
                       and not any(w.value in view.spelled(j) for j in others)]
            if options:
                _d, i, w = min(options, key=lambda o: (o[0], o[1]))
                taken.add(i)
                out.changed[(k, mv)] = w
    return out


def _explain_missing(view: UnitView, k: int, mv: Decimal, ext: list[tuple[Decimal, float]], used: set[int],
                     holders: Callable[[Decimal], Sequence[int]], out: Outcome) -> tuple[str, str] | None:
    """Why version ``k`` may lack ``mv`` in digits, or None."""
    spelled = view.spelled(k)
    if mv in spelled:
        return "spelled", f"{mv.normalize():f} is written in words here"
    if any("percent" in view.kinds(j, mv) for j in holders(mv)):
        if mv / 100 in spelled:  # 50 % / "half", 25 % / "a quarter"
            return "spelled", f"{mv.normalize():f} % is written as a fraction in words here"
        if mv == 100:  # "100 percent certain" / "visiškai tikras" (completely sure): the whole, said in words
            return "spelled", "100 % is rendered as 'entirely' or 'completely' here"
    for n in view.ordinals(k):  # "in the 1980s" / "devintajame dešimtmetyje" (in the ninth decade)
        reason = _pair(mv, n)
        if reason is not None and reason[0] == "decade":
            return reason
    if _integral(mv) and f" {int(mv)} " in view.glued(k):
        return "glued", f"{mv.normalize():f} is written inside a name or code here"
    for i, (ev, _conf) in enumerate(ext):
        if i in used:
            continue
        reason = _pair(mv, ev)
        if reason is not None:
            used.add(i)
            return reason
    if _integral(mv) and mv <= 20 and mv in view.compound_ordinals(k):
        return "spelled", f"{mv.normalize():f} is an ordinal at the start of a compound word here"
    for j in holders(mv):
        for x in view.items_of(j, mv):
            relation, y = _relation(view, x, k)
            if relation in ("same", "converted") and y is not None:
                _use_extras_in(view, k, y, ext, used)
                kind = "converted" if relation == "converted" else "same"
                return kind, f"{kind}: {_describe(x)} ≈ {_describe(y)}"
            if getattr(x, "parenthetical", False) and any(
                    getattr(y2, "dimension", None) == getattr(x, "dimension", "") for y2 in view.localised(k)):
                return "converted", f"the conversion {_describe(x)} in brackets is left out"
            if relation == "wrong_conversion" and y is not None:
                for i, (ev, _conf) in enumerate(ext):
                    if i not in used and _inside(view, k, ev, y):
                        out.messages[(k, ev)] = (f"wrong conversion: {_describe(x)} is not {_describe(y)} "
                                                 f"(the other versions' value, converted, does not match)")
    return None


def _integral(v: Decimal) -> bool:
    return v == v.to_integral_value() and v >= 0


def _year(v: Decimal) -> bool:
    return _integral(v) and 1000 <= v <= 2100


def _pair(mv: Decimal, ev: Decimal) -> tuple[str, str] | None:
    """Why a missing ``mv`` and an extra ``ev`` of one version are one value written two ways, or None."""
    if ev == -mv and mv:
        return "sign", f"{ev.normalize():f} and {mv.normalize():f} differ by a hyphen read as a minus sign"
    if ev and mv:
        big, small = (ev, mv) if abs(ev) > abs(mv) else (mv, ev)
        if any(big == small * s for s in _SCALES):
            return "scale", f"{ev.normalize():f} and {mv.normalize():f} differ by a scale word only"
    for year, short in ((mv, ev), (ev, mv)):
        if _year(year) and _integral(short) and short < 100 and year % 100 == short:
            return "decade", f"'{short.normalize():f}' is the year or decade {year.normalize():f} shortened"
    for decade, n in ((mv, ev), (ev, mv)):  # "in the 1980s" / "9-ame dešimtmetyje" (the ninth decade)
        if _year(decade) and decade % 10 == 0 and _integral(n) and 1 <= n <= 10 and (n - 1) * 10 == decade % 100:
            return "decade", f"the {n.normalize():f}th decade of the century is the {decade.normalize():f}s"
    return None


def _dotted_time(ev: Decimal, missing: Sequence[Decimal]) -> tuple[Decimal, Decimal] | None:
    """(hours, minutes) when ``ev`` (3.35) is a time whose two parts (3 and 35) this version lacks."""
    if _integral(ev) or ev < 0 or ev >= 25 or ev.as_tuple().exponent != -2:
        return None
    hours, minutes = Decimal(int(ev)), (ev * 100) % 100
    if minutes >= 60 or hours not in missing or minutes not in missing:
        return None
    return hours, minutes


def _inside(view: UnitView, k: int, value: Decimal, item: Localised) -> bool:
    return any(item.start <= s and e <= item.end for s, e in view.spans(k, value))


def _use_extras_in(view: UnitView, k: int, item: Localised, ext: list[tuple[Decimal, float]], used: set[int]) -> None:
    """Mark the extra values of ``k`` written inside ``item`` as explained with it."""
    for i, (ev, _conf) in enumerate(ext):
        if i not in used and _inside(view, k, ev, item):
            used.add(i)


def _explain_extra(view: UnitView, k: int, ev: Decimal, present: Sequence[int],
                   holders: Callable[[Decimal], Sequence[int]], out: Outcome) -> tuple[str, str] | None:
    """Why version ``k`` may have ``ev`` in digits where most versions do not, or None."""
    have = set(holders(ev))
    lacking = [j for j in present if j not in have]
    if not lacking:
        return None
    spelled = [j for j in lacking if ev in view.spelled(j)]
    if len(spelled) * 2 > len(lacking):
        return "spelled", f"{ev.normalize():f} is written in words in the other versions"
    if ev:
        scaled = [j for j in lacking if any(j in holders(ev * f) or j in holders(ev / f) for f in _SCALES)]
        if len(scaled) * 2 > len(lacking):
            return "scale", f"{ev.normalize():f} is the others' value without its scale word"
    if _integral(ev):
        keys = {f" {int(ev)} "} | ({f" {int(ev) % 100:02d} ", f" {int(ev) % 100} "} if _year(ev) else set())
        glued = [j for j in lacking if any(key in view.glued(j) for key in keys)]
        if len(glued) * 2 > len(lacking):
            return "glued", f"{ev.normalize():f} is written inside a name or code in the other versions"
    items = view.items_of(k, ev)
    if items:
        related = 0
        what = ""
        for j in lacking:
            for y in items:
                relation, x = _relation(view, y, j)
                if relation in ("same", "converted") and x is not None:
                    related += 1
                    what = what or f"{relation}: {_describe(y)} ≈ {_describe(x)}"
                    break
        if related * 2 > len(lacking):
            return ("converted" if what.startswith("converted") else "same"), what
    return None


@lru_cache(maxsize=64)
def _period_stems(language: str) -> tuple[tuple[str, Decimal], ...]:
    """Lower-case word stems of "decade" and "century" in ``language`` (CLDR unit names, numbers removed)."""
    from babel.units import format_unit

    loc = cldr_locale(language)
    stems: list[tuple[str, Decimal]] = list(_PERIOD_EXTRA.get(language, ()))
    if loc is not None:
        for unit, years in _PERIOD_UNITS:
            for n in (1, 2, 5):
                try:
                    text = format_unit(n, unit, locale=loc, length="long")
                except Exception:  # noqa: BLE001 - a locale without the unit: no stems from it
                    continue
                word = regex.sub(r"[\p{N}\s\u00a0]+", " ", text).strip().casefold()
                if len(word) >= 4 and " " not in word:
                    stems.append((word[: max(4, len(word) - 2)], years))
    return tuple(dict.fromkeys(stems))


def _period_words(text: str, language: str | None) -> frozenset[Decimal]:
    """Years that a period noun in ``text`` stands for: {10} for "decade", {100} for "century"."""
    if not language:
        return frozenset()
    folded = text.casefold()
    return frozenset(years for stem, years in _period_stems(language) if stem in folded)

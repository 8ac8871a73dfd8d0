"""Plural forms of gettext catalogs against CLDR: how many forms a language needs, and what each form holds.

Pure functions, no I/O.

How many forms (CLDR vs gettext)
--------------------------------
CLDR (through Babel) lists the plural *categories* of a language, ``other`` included:
Lithuanian has ``one``, ``few``, ``many``, ``other`` = 4. gettext catalogs choose forms by an integer
``n``, and CLDR categories that only decimal fractions reach (Lithuanian ``many``: 0.1, 1.5; Czech,
Slovak ``many``; Russian, Polish, Ukrainian ``other``) or only huge compact numbers reach (French,
Spanish, Italian, Portuguese ``many``: 1000000) are never selected. So the widespread gettext headers
have fewer forms: Lithuanian ``nplurals=3``, Russian/Polish/Czech 3, French 2. Both are right for
their model, and :func:`accepted_plural_counts` accepts both: the CLDR count, and the number of
categories that an integer 0..999 selects (computed from the CLDR rules, no hand-kept table).
:func:`expected_plural_count` returns the CLDR count. A header outside the accepted counts is only
reported as ``info`` (the catalog's header decides what gettext does at run time; a count that
differs from CLDR may still be a deliberate older convention, e.g. Hebrew 2 vs CLDR 3 or 4).

What each form holds
--------------------
Every msgstr form must keep the placeholders of ``msgid_plural`` (an error otherwise), with two
exceptions, decided from the integers each form serves (the header's ``plural=`` expression, else
CLDR ``one`` for form 0):

* the singular form (it serves 1, and at most 0 besides, e.g. French ``n > 1``) may do without what
  ``msgid`` itself does without: ``an hour ago`` / ``%(count)s hours ago`` -> ``il y a une heure``;
* a form that serves a single n (Danish form 0: 1; Hebrew form 1: 2; Arabic form 0: 0) may drop a
  *named* placeholder, ``info`` only: ``שנתיים`` ("two years") is a right translation of
  ``%(num)d years``. Unnamed printf placeholders may never go: ``"Én fil" % 1`` raises in Python.

Lithuanian or Serbian form 0 serves 1, 21, 31, ... and must keep the count: ``pre sat`` ("an hour
ago") for ``n = 21`` is wrong.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from aligner.facts.placeholders import compare_placeholders

__all__ = [
    "PluralFormsHeader",
    "PluralIssue",
    "plural_categories",
    "expected_plural_count",
    "accepted_plural_counts",
    "parse_plural_forms_header",
    "check_plural_forms",
]

_SAMPLE = range(0, 1000)


@dataclass(frozen=True)
class PluralFormsHeader:
    """A parsed ``Plural-Forms`` header: ``nplurals``, the C ``plural`` expression as written."""

    nplurals: int
    plural: str


@dataclass(frozen=True)
class PluralIssue:
    """A plural-forms problem.

    ``kind``: ``form_count`` (msgstr forms != header nplurals), ``header_vs_cldr`` (info),
    ``expression_out_of_range`` (``plural=`` yields an index >= nplurals), ``expression_unused_form``
    (a form no n in 0..999 selects, beyond the fraction-only CLDR categories; info),
    ``missing_placeholder`` (a form lacks a placeholder of the source), ``placeholder`` (any other
    placeholder issue of a form, see :class:`~aligner.facts.placeholders.PlaceholderIssue`).
    ``form`` is the msgstr index or ``None``.
    """

    kind: str
    detail: str
    severity: str = "error"
    form: int | None = None


@lru_cache(maxsize=256)
def _rule(language: str):
    try:
        from babel import Locale

        return Locale.parse(language.replace("-", "_")).plural_form
    except Exception:  # noqa: BLE001 - unknown or malformed locale ids
        return None


def plural_categories(language: str) -> frozenset[str] | None:
    """CLDR cardinal categories of ``language``, ``other`` included; ``None`` if Babel does not know it."""
    rule = _rule(language)
    return None if rule is None else frozenset(rule.tags) | {"other"}


def expected_plural_count(language: str) -> int | None:
    """Number of CLDR plural categories of ``language`` (``lt`` -> 4, ``da`` -> 2, ``ja`` -> 1)."""
    cats = plural_categories(language)
    return None if cats is None else len(cats)


@lru_cache(maxsize=256)
def accepted_plural_counts(language: str) -> frozenset[int]:
    """Plural counts a gettext header may rightly give ``language``: CLDR's, and the integer-reachable one.

    ``lt`` -> {3, 4}, ``ru``/``pl``/``cs`` -> {3, 4}, ``fr`` -> {2, 3}, ``da`` -> {2}. Empty if unknown.
    """
    rule = _rule(language)
    if rule is None:
        return frozenset()
    reachable = {rule(n) for n in _SAMPLE}
    return frozenset({len(set(rule.tags) | {"other"}), len(reachable)})


_HEADER = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$", re.S)


def parse_plural_forms_header(header: str) -> PluralFormsHeader:
    """Parse ``"nplurals=3; plural=(n%10==1 ? 0 : 1);"``; ``ValueError`` when malformed or not C syntax."""
    m = _HEADER.match(header.replace("\\n", ""))
    if not m:
        raise ValueError(f"not a Plural-Forms header: {header!r}")
    nplurals, plural = int(m.group(1)), m.group(2).strip()
    if nplurals < 1:
        raise ValueError(f"nplurals must be at least 1: {header!r}")
    _compile(plural)  # raises ValueError
    return PluralFormsHeader(nplurals, plural)


@lru_cache(maxsize=64)
def _compile(plural: str) -> Callable[[int], int]:
    return gettext.c2py(plural)


@lru_cache(maxsize=64)
def _form_values(plural: str, nplurals: int) -> tuple[tuple[int, ...], ...]:
    """For each form index, the n in 0..999 the expression sends to it."""
    fn = _compile(plural)
    out: list[list[int]] = [[] for _ in range(max(nplurals, 1))]
    for n in _SAMPLE:
        i = fn(n)
        if 0 <= i < len(out):
            out[i].append(n)
    return tuple(tuple(v) for v in out)


def _form_sets(language: str, n_forms: int, plural: str | None) -> list[frozenset[int] | None]:
    """The n in 0..999 each form serves (``None`` where unknown): from the header expression, else CLDR's
    ``one`` for form 0 (the gettext convention that form 0 is the singular)."""
    if plural:
        try:
            values = _form_values(plural, n_forms)
        except ValueError:
            values = ()
        return [frozenset(values[i]) if i < len(values) else None for i in range(n_forms)]
    rule = _rule(language)
    if rule is None or n_forms < 2:
        return [None] * n_forms
    return [frozenset(n for n in _SAMPLE if rule(n) == "one")] + [None] * (n_forms - 1)


def check_plural_forms(language: str, nplurals_header: int | None, forms: Sequence[str], *,
                       msgid: str | None = None, msgid_plural: str | None = None,
                       flags: Iterable[str] | None = None, plural: str | None = None) -> list[PluralIssue]:
    """Problems of one plural entry translated into ``language``.

    ``nplurals_header``: the catalog's ``nplurals`` (``None`` if it has no header); ``forms``: the msgstr
    forms; ``msgid``/``msgid_plural``: the source pair, to check each form's placeholders; ``plural``: the
    header's C expression, to know which forms serve a single n.
    """
    issues: list[PluralIssue] = []
    if nplurals_header is not None and len(forms) != nplurals_header:
        issues.append(PluralIssue("form_count", f"{len(forms)} forms, the header says nplurals={nplurals_header}"))
    if nplurals_header is not None:
        accepted = accepted_plural_counts(language)
        if accepted and nplurals_header not in accepted:
            issues.append(PluralIssue(
                "header_vs_cldr", f"nplurals={nplurals_header}; CLDR {language} has {expected_plural_count(language)} "
                f"categories ({', '.join(sorted(plural_categories(language) or ()))}), accepted: "
                f"{', '.join(map(str, sorted(accepted)))}", "info"))
    if plural and nplurals_header:
        try:
            values = _form_values(plural, max(nplurals_header, 1))
            fn = _compile(plural)
            bad = sorted({fn(n) for n in _SAMPLE if not 0 <= fn(n) < nplurals_header})
        except ValueError:
            values, bad = (), []
        if bad:
            issues.append(PluralIssue("expression_out_of_range", f"plural= yields form {bad} >= nplurals"))
        unused = [i for i, v in enumerate(values) if not v]
        # A CLDR-following header keeps forms only fractions reach (Lithuanian ``n % 1 != 0 ? 2``): as many
        # unused forms as CLDR has fraction-only categories are expected.
        rule = _rule(language)
        expected_unused = 0
        if rule is not None:
            expected_unused = len(set(rule.tags) | {"other"}) - len({rule(n) for n in _SAMPLE})
        if len(unused) > expected_unused:
            for i in unused:
                issues.append(PluralIssue("expression_unused_form", f"no n in 0..999 selects form {i}", "info", i))
    if msgid is None and msgid_plural is None:
        return issues
    src_plural = msgid_plural if msgid_plural is not None else msgid
    src_single = msgid if msgid is not None else msgid_plural
    sets = _form_sets(language, len(forms), plural) if len(forms) > 1 else [None]
    flags = None if flags is None else tuple(flags)
    for i, form in enumerate(forms):
        if not form:
            continue
        values = sets[i] if i < len(sets) else None
        found = compare_placeholders(src_plural, form, language, flags)
        if values is not None and 1 in values and values <= {0, 1} and src_single != src_plural:
            # The singular form: what msgid itself does without (``an hour ago`` / ``%(count)s hours
            # ago``) the form may do without too; only issues against msgid as well count.
            keep = {(x.kind, x.detail) for x in compare_placeholders(src_single, form, language, flags)}
            found = [x for x in found if (x.kind, x.detail) in keep]
        for x in found:
            if x.kind == "missing":
                one_n = values is not None and len(values) == 1
                severity = "info" if one_n and _droppable(x.source) else x.severity
                why = f" (form {i} only serves n={min(values)}: it may name the count in words)" \
                    if severity == "info" else ""
                issues.append(PluralIssue("missing_placeholder", f"form {i}: {x.detail}{why}", severity, i))
            else:
                issues.append(PluralIssue("placeholder", f"form {i}: {x.kind}: {x.detail}", x.severity, i))
    return issues


def _droppable(p) -> bool:
    """Whether a form may leave the placeholder out: named ones may (``"%(n)d" % {"n": 1}`` ignores unused
    names); unnamed printf ones may not (``"one file" % 1`` raises "not all arguments converted")."""
    return p is not None and p.key is not None and not p.key.isdigit()

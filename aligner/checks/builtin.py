"""The built-in checks: one class per code over a few shared analyses (numbers, structure, language).

Each family is measured once per run (memoised on the context); the analyses stamp each code's
registered default severity, and each check class picks its own code's findings with the severity
in force (:meth:`~aligner.checks.registry.Check.own_findings`), so configuration can re-grade any code.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Finding, Severity
from .context import CheckContext
from .language import check_segment_languages, check_untranslated
from .numbers import check_mixed_conventions, check_numbers
from .registry import Check, register
from .structure import check_document, check_duplicates, check_structure


def _numbers(ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for group in ctx.groups:
        out.extend(check_numbers(group))
    for doc, _reason in ctx.unmatched:
        out.extend(check_mixed_conventions(doc))
    return out


def _structure(ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for group in ctx.groups:
        out.extend(check_structure(group))
        out.extend(check_duplicates(group))
    for doc, reason in ctx.unmatched:
        out.extend(check_document(doc, reason))
    return out


def _language(ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for doc in ctx.documents:
        guesses = ctx.segment_languages.get(doc.path)
        if guesses:
            out.extend(check_segment_languages(doc, guesses))
    for group in ctx.groups:
        out.extend(check_untranslated(group, ctx.segment_languages))
    return out


_FAMILIES = {"numbers": _numbers, "structure": _structure, "language": _language}
#: Relative cost of each analysis (scheduling hint for parallel runs; terms is 6, names 3), as measured
#: on the generated corpora of scripts/bench_audit.py.
_WEIGHTS = {"numbers": 3, "structure": 1, "language": 1}


class _FamilyCheck(Check):
    """Shared run(): this code's findings from its family's analysis."""

    analysis = "numbers"

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.weight = _WEIGHTS[cls.analysis]

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        yield from self.own_findings(ctx.memo(self.analysis, lambda: _FAMILIES[self.analysis](ctx)))


@register
class MissingNumber(_FamilyCheck):
    """A number most versions have is missing in this one.

    Bad:  da "en 25 percentile løn på 25.520 dollars" / lt "uždirbo 25,520 dolerių" (25 lost)
    Good: da "en 25 percentile løn på 25.520 dollars" / tl "25 porsyento na suweldo na $ 25,520"
    """

    code = "NUM001"
    name = "missing-number"
    category = "number"
    default_severity = Severity.MAJOR
    family = "numbers"
    analysis = "numbers"


@register
class ChangedNumber(_FamilyCheck):
    """A number reads another value than the other versions have at the same place.

    Bad:  da "$ 41.430" / lt "41 340 JAV dolerių"
    Good: da "$ 41.430" / lt "41 430 JAV dolerių" (format differs, value is the same)
    """

    code = "NUM002"
    name = "changed-number"
    category = "number"
    default_severity = Severity.CRITICAL
    family = "numbers"
    analysis = "numbers"


@register
class DuplicatedNumber(_FamilyCheck):
    """A value repeated in one version only.

    Bad:  lt "uždirbo 25,520 dolerių atlyginimą 25,520 dolerių"
    Good: lt "uždirbo 25 520 dolerių atlyginimą"
    """

    code = "NUM003"
    name = "duplicated-number"
    category = "duplication"
    default_severity = Severity.MAJOR
    family = "numbers"
    analysis = "numbers"


@register
class AddedNumber(_FamilyCheck):
    """A number only this version has, where the others have none in its place.

    Bad:  da "I 2016 var 2.784.500 personer ansat" / lt "2016 m. dirbo 2 784 500 ir 12 žmonių"
    Good: da "I 2016 var 2.784.500 personer ansat" / lt "2016 m. dirbo 2 784 500 žmonių"
    """

    code = "NUM004"
    name = "added-number"
    category = "number"
    default_severity = Severity.MAJOR
    family = "numbers"
    analysis = "numbers"


@register
class NumberAgainstLocale(_FamilyCheck):
    """A number written against its language's convention (read by what the other versions say).

    Bad:  lt "25,520 dolerių" (Lithuanian writes decimals with a comma; the others mean 25 520)
    Good: lt "25 520 dolerių"
    """

    code = "FMT001"
    name = "number-against-locale"
    category = "format"
    default_severity = Severity.MINOR
    family = "format"
    analysis = "numbers"


@register
class MixedNumberFormats(_FamilyCheck):
    """One document groups digits in more than one convention.

    Bad:  lt "32 300 JAV dolerių" ... "41,430 JAV dolerių"
    Good: lt "32 300 JAV dolerių" ... "41 430 JAV dolerių"
    """

    code = "FMT002"
    name = "mixed-number-formats"
    category = "format"
    default_severity = Severity.MINOR
    family = "format"
    analysis = "numbers"


@register
class OmittedPassage(_FamilyCheck):
    """A passage (sentence, heading) most versions have is missing in this one.

    Bad:  da has "Kundens opbevaring er ikke altid afhængig af prisen." and the lt version has nothing there
    Good: every version has its rendering of the sentence
    """

    code = "OMI001"
    name = "omitted-passage"
    category = "omission"
    default_severity = Severity.MAJOR
    family = "structure"
    analysis = "structure"


@register
class AddedPassage(_FamilyCheck):
    """A passage only this version has (of three or more).

    Bad:  one version inserts a sentence the others do not have
    Good: all versions carry the same sentences
    """

    code = "ADD001"
    name = "added-passage"
    category = "addition"
    default_severity = Severity.MAJOR
    family = "structure"
    analysis = "structure"


@register
class AddedFurniture(_FamilyCheck):
    """Page furniture (title, table-of-contents label, byline) only this version has.

    Bad:  tl starts with "Talaan ng mga Nilalaman:" and "Anonim", which no other version has
    Good: versions share their front matter, or none has it
    """

    code = "ADD002"
    name = "added-furniture"
    category = "addition"
    default_severity = Severity.MINOR
    family = "structure"
    analysis = "structure"


@register
class DuplicatedSentence(_FamilyCheck):
    """A sentence repeated in this version where the other versions do not repeat it.

    Bad:  "Kunderne kan mærke det." appears twice in the Danish text
    Good: the sentence appears once, as in the other versions
    """

    code = "DUP001"
    name = "duplicated-sentence"
    category = "duplication"
    default_severity = Severity.MAJOR
    family = "duplication"
    analysis = "structure"


@register
class WrongLanguage(_FamilyCheck):
    """A segment confidently in another language than its document.

    Bad:  tl text containing "The customer service department plays a vital role in any company."
    Good: "Ang kagawaran ng serbisyo sa customer ay may mahalagang papel."
    """

    code = "LNG001"
    name = "wrong-language"
    category = "language"
    default_severity = Severity.MAJOR
    family = "language"
    analysis = "language"


@register
class Untranslated(_FamilyCheck):
    """A passage identical to another version's, though the languages differ: left untranslated.

    Bad:  da "Customer retention is directly related to public relations." = en source
    Good: da "Kundens tilbageholdelse er direkte relateret til PR-funktionen."
    """

    code = "LNG002"
    name = "untranslated"
    category = "language"
    default_severity = Severity.MAJOR
    family = "language"
    analysis = "language"


@register
class NotAVersion(_FamilyCheck):
    """A document that is not a version of the other documents given with it.

    Bad:  003 (another Lithuanian article) checked with four versions of one article
    Good: only the versions of one text, or several complete groups
    """

    code = "DOC001"
    name = "not-a-version"
    category = "document"
    default_severity = Severity.MAJOR
    family = "document"
    analysis = "structure"


@register
class EmptyDocument(_FamilyCheck):
    """A document with no text.

    Bad:  an empty lt.txt beside da.txt and tl.txt
    Good: every version has its text
    """

    code = "DOC002"
    name = "empty-document"
    category = "document"
    default_severity = Severity.MAJOR
    family = "document"
    analysis = "structure"

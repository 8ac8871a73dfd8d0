"""Language of segments: stray-language sentences and passages left untranslated.

One analysis per context yields both codes' findings, each built by its check class
(:meth:`~aligner.checks.registry.Check.make_finding`); each check applies the severity in force.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import regex

from ..model import Alignment, Document, Finding, LanguageGuess, Severity
from .context import CheckContext
from .registry import SharedAnalysisCheck, register
from .structure import columns, doc_norms, unit_texts

#: A segment needs this many letters before its language is judged.
MIN_LETTERS = 20
MIN_WORDS = 4
#: Confidence a segment's guess must reach to call it another language.
MIN_CONFIDENCE = 0.8

_LETTER = regex.compile(r"\p{L}")


#: A word that starts with a lower-case letter: something a translator would translate.
_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{M}])\p{Ll}[\p{L}\p{M}]{2,}")


def _names_only(text: str) -> bool:
    """True when ``text`` has no word of three letters or more that starts in lower case: a line of names,
    titles and numbers (a headline of team names, a byline), which versions keep as they are."""
    return _LOWER_WORD.search(text) is None


def _judgeable(text: str) -> bool:
    if len(text) < MIN_LETTERS or len(text.split()) < MIN_WORDS:
        return False
    return len(_LETTER.findall(text)) >= MIN_LETTERS


def check_segment_languages(doc: Document, guesses: Sequence[LanguageGuess]) -> list[Finding]:
    """LNG001: a segment confidently in another language than its document."""
    out: list[Finding] = []
    if not doc.language:
        return out
    own = ("und", doc.language)
    for seg, g in zip(doc.segments, guesses):
        if g.language in own or g.confidence < MIN_CONFIDENCE or not _judgeable(seg.text) or _names_only(seg.text):
            continue
        out.append(WrongLanguage.make_finding(
            doc.path, doc.language, seg.line, seg.column,
            f"segment is in {g.language} (confidence {g.confidence:.2f}), not {doc.language}",
            {"text": seg.text, "detected": g.language, "expected": doc.language,
             "confidence": round(g.confidence, 3)},
            g.confidence, seg.start, seg.end, None,
        ))
    return out


def check_untranslated(alignment: Alignment, segment_languages: Mapping[str, Sequence[LanguageGuess]]) -> list[Finding]:
    """LNG002: text identical to another version's in the same unit, though the languages differ."""
    docs = alignment.documents
    out: list[Finding] = []
    if len({d.language for d in docs}) < 2:
        return out  # versions with equal text would all be in one language
    if any(d.keyed for d in docs):
        return out  # localization entries: the localization family's UNT001 judges a target equal to its source
    # Each version's normalised text per unit; a number (its own per version) where it has none.
    tables = [unit_texts(alignment, k, doc_norms(doc), -1 - k, column)
              for (k, doc), column in zip(enumerate(docs), columns(alignment))]
    # Only a unit where two versions have equal text can hold a finding.
    shared = [u_idx for u_idx, row in enumerate(zip(*tables)) if len(set(row)) < len(docs)]
    for u_idx in shared:
        unit = alignment.units[u_idx]
        texts: dict[str, list[int]] = {}
        for k in unit.present():
            texts.setdefault(tables[k][u_idx], []).append(k)
        for t, same in texts.items():
            if len(same) < 2 or len({docs[k].language for k in same}) < 2 or not _judgeable(t):
                continue
            if _names_only(docs[same[0]].segments[unit.segments[same[0]][0]].text):
                continue  # "Elite League: Dundee Stars 5-3 Belfast Giants": names and numbers, nothing to translate
            # Blame the versions whose own language the text is not in.
            for k in same:
                doc = docs[k]
                ids = unit.segments[k]
                guesses = segment_languages.get(doc.id, ())
                seg_lang = guesses[ids[0]].language if guesses and ids[0] < len(guesses) else None
                if seg_lang == doc.language:
                    continue
                seg = doc.segments[ids[0]]
                twins = [docs[j].path for j in same if j != k]
                out.append(Untranslated.make_finding(
                    doc.path, doc.language, seg.line, seg.column,
                    f"left untranslated: the same text as in {', '.join(twins)}"
                    + (f" (it reads as {seg_lang})" if seg_lang and seg_lang != "und" else ""),
                    {"text": seg.text, "same_as": twins, "detected": seg_lang}, 0.9,
                    seg.start, doc.segments[ids[-1]].end, u_idx,
                ))
    return out


# --------------------------------------------------------------------------- checks


class _LanguageCheck(SharedAnalysisCheck):
    """The language family: every document's segments, then every group's shared texts."""

    analysis = "language"
    weight = 1

    @classmethod
    def analyse(cls, ctx: CheckContext) -> list[Finding]:
        out: list[Finding] = []
        for doc in ctx.documents:
            guesses = ctx.segment_languages_of(doc)
            if guesses:
                out.extend(check_segment_languages(doc, guesses))
        for group in ctx.groups:
            out.extend(check_untranslated(group, ctx.segment_languages))
        return out


@register
class WrongLanguage(_LanguageCheck):
    """A segment confidently in another language than its document.

    Bad:  tl text containing "The customer service department plays a vital role in any company."
    Good: "Ang kagawaran ng serbisyo sa customer ay may mahalagang papel."
    """

    code = "LNG001"
    name = "wrong-language"
    category = "language"
    default_severity = Severity.MAJOR
    family = "language"


@register
class Untranslated(_LanguageCheck):
    """A passage identical to another version's, though the languages differ: left untranslated.

    Bad:  da "Customer retention is directly related to public relations." = en source
    Good: da "Kundens tilbageholdelse er direkte relateret til PR-funktionen."
    """

    code = "LNG002"
    name = "untranslated"
    category = "language"
    default_severity = Severity.MAJOR
    family = "language"

"""Language of segments: stray-language sentences and passages left untranslated.

Findings carry their code's registered default severity (:func:`~aligner.checks.registry.default_severity`);
the registered check applies the severity configuration puts in force.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import regex

from ..model import Alignment, Document, Finding, LanguageGuess
from .registry import default_severity
from .structure import columns, doc_norms, unit_texts

#: A segment needs this many letters before its language is judged.
MIN_LETTERS = 20
MIN_WORDS = 4
#: Confidence a segment's guess must reach to call it another language.
MIN_CONFIDENCE = 0.8

_LETTER = regex.compile(r"\p{L}")


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
        if g.language in own or g.confidence < MIN_CONFIDENCE or not _judgeable(seg.text):
            continue
        out.append(Finding(
            "LNG001", "language", default_severity("LNG001"), doc.path, doc.language, seg.line, seg.column,
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
            # Blame the versions whose own language the text is not in.
            for k in same:
                doc = docs[k]
                ids = unit.segments[k]
                guesses = segment_languages.get(doc.path, ())
                seg_lang = guesses[ids[0]].language if guesses and ids[0] < len(guesses) else None
                if seg_lang == doc.language:
                    continue
                seg = doc.segments[ids[0]]
                twins = [docs[j].path for j in same if j != k]
                out.append(Finding(
                    "LNG002", "language", default_severity("LNG002"), doc.path, doc.language, seg.line, seg.column,
                    f"left untranslated: the same text as in {', '.join(twins)}"
                    + (f" (it reads as {seg_lang})" if seg_lang and seg_lang != "und" else ""),
                    {"text": seg.text, "same_as": twins, "detected": seg_lang}, 0.9,
                    seg.start, doc.segments[ids[-1]].end, u_idx,
                ))
    return out

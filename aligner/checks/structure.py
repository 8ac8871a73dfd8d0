"""Structure across versions: omitted and added passages, duplicated sentences, odd documents.

Omission and addition come from the multi-way alignment: a unit that most versions have and
one lacks is an omission in that one; a unit only one version has (of three or more) is an
addition in it (ADD002 when it is page furniture: a title, a label, a byline). With two
versions, or a tie, omission is blamed at a lower confidence: translations drop far more
often than they invent.

Findings carry their code's registered default severity (:func:`~aligner.checks.registry.default_severity`);
the registered check applies the severity configuration puts in force.
"""

from __future__ import annotations

from collections import Counter

from ..model import Alignment, Document, Finding, SegmentKind
from .registry import default_severity

_MIN_DUP_WORDS = 4


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _snippet(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _anchor(doc: Document, alignment: Alignment, version: int, unit_index: int,
            following: list[int | None] | None = None) -> tuple[int, int, int, int]:
    """Where a version lacking a unit is located: its next segment, else its last one, else line 1.

    ``following``: :func:`_following` of the version, when many units are to be located.
    """
    nxt = (following or _following(alignment, version))[unit_index + 1]
    if nxt is not None:
        s = doc.segments[nxt]
        return s.line, s.column, s.start, s.start
    if doc.segments:
        s = doc.segments[-1]
        return s.line, s.column + len(s.text), s.end, s.end
    return 1, 1, 0, 0


def _following(alignment: Alignment, version: int) -> list[int | None]:
    """For each unit index (and one past the last), the version's first segment in that unit or after it."""
    out: list[int | None] = [None] * (len(alignment.units) + 1)
    for u in range(len(alignment.units) - 1, -1, -1):
        ids = alignment.units[u].segments[version]
        out[u] = ids[0] if ids else out[u + 1]
    return out


def check_structure(alignment: Alignment) -> list[Finding]:
    """OMI001 omitted passage, ADD001 added passage, ADD002 one-version page furniture."""
    docs = alignment.documents
    n = len(docs)
    out: list[Finding] = []
    if n < 2:
        return out
    following: dict[int, list[int | None]] = {}  # per version, built when first needed
    texts: dict[int, Counter[str]] = {}
    for u_idx, unit in enumerate(alignment.units):
        present = unit.present()
        if len(present) == n:
            continue
        kinds = {docs[k].segments[i].kind for k in present for i in unit.segments[k]}
        furniture = kinds <= {SegmentKind.TITLE, SegmentKind.BOILERPLATE}
        sample_k = present[0]
        sample = " ".join(docs[sample_k].segments[i].text for i in unit.segments[sample_k])
        if len(present) == 1 and n >= 3:
            k = present[0]
            doc = docs[k]
            first = doc.segments[unit.segments[k][0]]
            text = " ".join(doc.segments[i].text for i in unit.segments[k])
            if k not in texts:
                texts[k] = _counts(doc)
            if not furniture and _repeats_elsewhere(doc, unit.segments[k], texts[k]):
                continue  # a repeated sentence: DUP001 reports it once, not also as an addition
            code = "ADD002" if furniture else "ADD001"
            what = "page furniture" if furniture else "a passage"
            out.append(Finding(
                code, "addition", default_severity(code), doc.path, doc.language, first.line, first.column,
                f"{what} only this version has: {_snippet(text)!r}",
                {"text": text, "versions_with": 1, "versions": n}, 0.8, first.start,
                doc.segments[unit.segments[k][-1]].end, u_idx,
            ))
            continue
        lacking = [k for k in range(n) if not unit.segments[k]]
        majority = len(present) > n / 2
        conf = 0.9 if majority and len(present) >= 2 else 0.5
        holders = ", ".join(docs[k].language or docs[k].name for k in present)
        for k in lacking:
            doc = docs[k]
            if k not in following:
                following[k] = _following(alignment, k)
            line, column, start, end = _anchor(doc, alignment, k, u_idx, following[k])
            tie = "" if majority else " (no majority: omission is likelier than addition)"
            out.append(Finding(
                "OMI001", "omission", default_severity("OMI001"), doc.path, doc.language, line, column,
                f"a passage {len(present)} of {n} versions have ({holders}) is missing here: "
                f"{_snippet(sample)!r}{tie}",
                {"text": sample, "versions_with": len(present), "versions": n,
                 "present": [docs[j].path for j in present]},
                conf, start, end, u_idx,
            ))
    return out


def _counts(doc: Document) -> Counter[str]:
    """How often each normalised segment text occurs in ``doc``."""
    return Counter(_norm(s.text) for s in doc.segments)


def _repeats_elsewhere(doc: Document, ids: tuple[int, ...], counts: Counter[str] | None = None) -> bool:
    """True when the segments ``ids`` repeat other segments of the same document word for word.

    ``counts``: :func:`_counts` of ``doc``, when many units are asked about.
    """
    mine = Counter(_norm(doc.segments[i].text) for i in ids)
    if not all(len(t.split()) >= _MIN_DUP_WORDS for t in mine):
        return False
    counts = counts if counts is not None else _counts(doc)
    return all(counts[t] > n for t, n in mine.items())  # each text also outside ``ids``


def check_duplicates(alignment: Alignment) -> list[Finding]:
    """DUP001: a sentence repeated in one version where the others do not repeat it."""
    docs = alignment.documents
    unit_of: list[dict[int, int]] = [{} for _ in docs]
    for u_idx, unit in enumerate(alignment.units):
        for k, ids in enumerate(unit.segments):
            for i in ids:
                unit_of[k][i] = u_idx
    out: list[Finding] = []
    unit_text: dict[tuple[int, int], str] = {}

    def text_of(u: int, k: int) -> str:
        key = (u, k)
        if key not in unit_text:
            unit_text[key] = _norm(alignment.texts(alignment.units[u], k))
        return unit_text[key]

    for k, doc in enumerate(docs):
        seen: dict[str, int] = {}
        for seg in doc.segments:
            if seg.kind is not SegmentKind.SENTENCE or len(seg.text.split()) < _MIN_DUP_WORDS:
                continue
            key = _norm(seg.text)
            if key not in seen:
                seen[key] = seg.id
                continue
            first = doc.segments[seen[key]]
            u1, u2 = unit_of[k].get(first.id), unit_of[k].get(seg.id)
            if u1 is not None and u2 is not None and u1 != u2 and _others_repeat(len(docs), k, u1, u2, text_of):
                continue
            out.append(Finding(
                "DUP001", "duplication", default_severity("DUP001"), doc.path, doc.language, seg.line, seg.column,
                f"sentence repeated from line {first.line}: {_snippet(seg.text)!r}",
                {"text": seg.text, "first_line": first.line}, 0.9, seg.start, seg.end, u2,
            ))
    return out


def _others_repeat(n: int, version: int, u1: int, u2: int, text_of) -> bool:  # noqa: ANN001
    """True when most other versions also have equal text in units ``u1`` and ``u2`` (a repeat in the source)."""
    others = [k for k in range(n) if k != version]
    if not others:
        return False
    same = 0
    for k in others:
        a = text_of(u1, k)
        if a and a == text_of(u2, k):
            same += 1
    return same > len(others) / 2


def check_document(doc: Document, reason: str) -> list[Finding]:
    """DOC001 a document that is not a version of the others; DOC002 an empty document."""
    if not doc.segments:
        return [Finding("DOC002", "document", default_severity("DOC002"), doc.path, doc.language, 1, 1,
                        "empty document: it has no text to compare", {"text": ""}, 1.0, 0, 0, None)]
    return [Finding("DOC001", "document", default_severity("DOC001"), doc.path, doc.language, 1, 1,
                    f"not a version of the other documents: {reason}", {"text": doc.segments[0].text,
                                                                          "reason": reason},
                    0.8, 0, 0, None)]

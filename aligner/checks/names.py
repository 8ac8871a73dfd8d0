"""ENT001: a name or acronym most versions keep is missing, with no trace of it, in one version.

Part of the terms family (run by :mod:`aligner.checks.terms`); the rule is described there. The
facts themselves (what a name is, how it is looked up in a version) are :mod:`aligner.facts.names`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache

from ..facts.glossary import fold, word_set
from ..facts.names import NameMention, VersionNames, name_keys, unexplained
from ..langid.codes import canonical
from ..langid.script import dominant_script
from ..model import Alignment, Document, Finding, Segment, SegmentKind
from .registry import default_severity

__all__ = ["check_names"]

#: Units aligned with less confidence than this are not checked: a missing name there may be a misalignment.
MIN_UNIT_SCORE = 0.25


def _language(doc: Document) -> str | None:
    return canonical(doc.language) if doc.language else None


def _label(doc: Document) -> str:
    return doc.language or doc.name


def _locate(seg: Segment) -> tuple[int, int, int, int]:
    return seg.line, seg.column, seg.start, seg.end


def _script(doc: Document) -> str:
    return dominant_script(doc.text[:4000])


def _lower_words(docs: Sequence[Document]) -> Callable[[int], frozenset[str]]:
    """Per document index, the folded words it writes in lower case (each built on first use: few units need one)."""

    @cache
    def lower(k: int) -> frozenset[str]:
        words = word_set("\n".join(s.text for s in docs[k].segments))  # no word spans a line break
        return frozenset(fold(w) for w in words if w[:1].islower())

    return lower


def _share_a_key(versions: Iterable[Iterable[frozenset[str]]]) -> bool:
    """Whether two of the versions (each a list of segment key sets) have a key in common."""
    seen: set[str] = set()
    for segments in versions:
        mine = frozenset().union(*segments)
        if not seen.isdisjoint(mine):
            return True
        seen |= mine
    return False


def check_names(alignment: Alignment) -> list[Finding]:
    """ENT001: a name most versions keep is missing, with no trace of it, in one version."""
    docs = alignment.documents
    scripts = [_script(d) for d in docs]
    lower = _lower_words(docs)
    keys = [[name_keys(s.text) for s in d.segments] for d in docs]
    out: list[Finding] = []
    for u_idx, unit in enumerate(alignment.units):
        present = unit.present()
        if len(present) < 3 or unit.score < MIN_UNIT_SCORE:
            continue
        if not _share_a_key([keys[k][i] for i in unit.segments[k]] for k in present):
            continue  # no name or acronym is written in two versions: none can be found missing
        views: dict[int, VersionNames] = {}
        for k in present:
            segs = [docs[k].segments[i] for i in unit.segments[k]]
            views[k] = VersionNames([(s.text, s.kind in (SegmentKind.HEADING, SegmentKind.TITLE,
                                                         SegmentKind.BOILERPLATE)) for s in segs],
                                    _language(docs[k]), scripts[k])
        seen: set[tuple[bool, str]] = set()
        for j in present:
            for m in views[j].mentions:
                key = (m.acronym, m.text)
                if key in seen:
                    continue
                seen.add(key)
                out.extend(_name_findings(alignment, u_idx, present, views, m, lower))
    return out


def _name_findings(alignment: Alignment, u_idx: int, present: Sequence[int], views: Mapping[int, VersionNames],
                   m: NameMention, lower: Callable[[int], frozenset[str]]) -> list[Finding]:
    docs = alignment.documents
    literal = [k for k in present if views[k].literal(m) and views[k].cased or (m.acronym and views[k].literal(m))]
    if len(literal) < 2:
        return []
    if not m.acronym and any(fold(w) in lower(k) for w in m.words for k in literal):
        return []  # a phrase in title case: its words are common words in the documents that keep it
    holders = [k for k in present if views[k].has(m)]
    comparable = [k for k in present if views[k].cased or views[k].has(m) or not m.acronym]
    if len(holders) * 2 <= len(comparable):
        return []
    out: list[Finding] = []
    for k in comparable:
        view = views[k]
        if k in holders or not view.cased:
            continue
        if view.trace(m) or unexplained(view, [views[j] for j in present if j != k]):
            continue
        doc = docs[k]
        seg0 = doc.segments[alignment.units[u_idx].segments[k][0]]
        # per version: the name as written, "present" (transliterated, inflected, by the table) or None
        kept = {docs[j].path: m.text if views[j].literal(m) else "present" if j in holders else None for j in present}
        ev = {"value": m.text, "name": m.text, "versions": kept}
        names = ", ".join(_label(docs[j]) for j in holders)
        line, column, start, end = _locate(seg0)
        out.append(Finding("ENT001", "entity", default_severity("ENT001"), doc.path, doc.language, line, column,
                           f"the name {m.text!r} is missing here; {len(holders)} of {len(comparable)} versions have "
                           f"it ({names})",
                           {"text": seg0.text, **ev, "found": None}, 0.7, start, end, u_idx))
    return out

"""Facts beyond numbers: glossary terms, statistics words and names, compared per aligned unit.

Three analyses, each over the units of every multi-way alignment, blaming the odd version out:

Glossary terms (``TRM001``, ``TRM002``; only with a glossary in ``CheckContext.glossary``)
    In each unit, count per version the occurrences of each concept's terms for the version's
    language (:class:`~aligner.facts.glossary.TermMatcher`; English terms left in another
    language count too, as loans). Only versions whose language has a term for the concept take
    part. A version with none of the concept's terms where others have one is blamed:

    * ``TRM002`` (major) when it uses a **forbidden variant** of the concept and at least one other
      version uses the concept: the finding names the variant. A forbidden word that is also a term
      of another concept (glossary or statistics) is excused when this version has no more of that
      other concept than the versions using the concept do: Telugu ``శాతం`` ("percent") forbidden
      for "percentile" is fine in "75 percent earned more", which the others also say;
    * ``TRM001`` (minor) when a strict majority of the taking part versions use the concept (or, of
      two, the other one does): it uses another term or none. A concept whose every use lies
      inside another blamed concept's (``customer service`` in ``customer service department``)
      is not reported twice. A version that only has the English term is reported, with the term.

Statistics words (``STA001``, ``STA002``; always on, ``aligner/facts/data/statistics.csv``)
    "median" and "average", "percentile" and "percent" are distinct concepts. MT turns the
    specific statistic into the generic one, hardly ever the reverse; so where some versions say
    the specific word S, a version with fewer S and *more* of the generic G than every one of them
    has is blamed: "median turned into average" (``STA001``, major), "percentile rendered as a
    percentage" (``STA002``, minor). Requiring the generic word keeps "above average" (no median
    anywhere) and a dropped percentile (the others' "75 percent" is matched, not exceeded) silent.
    The confidence says how many versions vouch for S: a majority 0.9, half 0.7, fewer 0.5.
    Magnitude words (thousand, million, billion) are compared both ways but only on a strict
    majority of two or more, and not after digits (the number checks read ``2.5 million``); a
    false friend listed as forbidden (Danish ``billion`` = 10^12) is ``STA001``. A statistics
    finding that a glossary finding already covers (same words) is dropped.

Names (``ENT001``, minor; always on, :mod:`aligner.facts.names`)
    A name or acronym written as it is in two or more versions with case, and present (maybe
    transliterated, inflected or translated by the table of entities) in a strict majority of the
    versions that can show it, is missing in a version with case that shows no trace of it (none
    of its words, not its acronym) and no name of its own that the others lack (a translation).
    Precision before recall: versions without case are never blamed, headings only yield
    acronyms, title-case phrases whose words the documents also write in lower case are not
    names, and a name with a word changed is not reported ("Nueva York" is a translation, and a
    changed surname cannot be told from it).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import regex

from ..facts.glossary import (
    Concept,
    Glossary,
    JoinedTexts,
    Term,
    TermMatch,
    TermMatcher,
    non_overlapping,
    statistics_glossary,
)
from ..model import Alignment, Document, Finding, Segment, Severity
from .context import CheckContext, source_version, version_label
from .names import MIN_UNIT_SCORE, NameMissing, _language, check_names
from .registry import Check, SharedAnalysisCheck, register

__all__ = [
    "NameMissing",
    "check_glossary_terms",
    "check_names",
    "check_statistics",
    "check_terms",
]

_SCALE = frozenset({"thousand", "million", "billion"})
_DIGIT_BEFORE = regex.compile(r"\p{Nd}[\p{Nd}.,\s\u00a0\u202f]*$")


# --------------------------------------------------------------------------- hits


@dataclass(frozen=True)
class _Hit:
    version: int
    segment: Segment
    match: TermMatch
    offset: float  # relative position in the version's unit text, 0..1
    loan: bool = False
    after_digit: bool = False  # a scale word after digits ("2.5 million"): the number checks read it

    @property
    def span(self) -> tuple[int, int, int]:
        return (self.segment.id, self.match.start, self.match.end)


@dataclass
class _Uses:
    """One concept in one version of one unit: its allowed uses and forbidden variants."""

    allowed: list[_Hit] = field(default_factory=list)
    forbidden: list[_Hit] = field(default_factory=list)
    _surfaces: list[str] | None = field(default=None, repr=False, compare=False)

    @property
    def count(self) -> int:
        return len(self.allowed)

    @property
    def words(self) -> list[_Hit]:
        """The allowed uses that are words, not scale words after digits."""
        return [h for h in self.allowed if not h.after_digit]

    def surfaces(self) -> list[str]:
        """The distinct texts of the allowed uses, sorted (a new list each time: it goes into evidence)."""
        if self._surfaces is None:  # (asked for once per finding: computed once per unit, after the hits are in)
            self._surfaces = sorted({h.match.text for h in self.allowed})
        return list(self._surfaces)


@dataclass(frozen=True)
class _Source:
    """A glossary (user or built-in statistics) prepared for one alignment."""

    name: str
    glossary: Glossary
    statistics: bool
    by_id: Mapping[str, Concept] = field(default_factory=dict, compare=False)
    order: Mapping[str, int] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, name: str, glossary: Glossary, statistics: bool) -> _Source:
        return cls(name, glossary, statistics, {c.id: c for c in glossary.concepts},
                   {c.id: i for i, c in enumerate(glossary.concepts)})


class _Matchers:
    """Term matchers per (glossary, language), built once per run, and which segments each may match in."""

    def __init__(self) -> None:
        self._cache: dict[tuple[int, str | None, bool], TermMatcher] = {}
        self._screens: dict[tuple[int, int, bool, tuple[int, int] | None], set[int]] = {}
        # per document (and window): its segments cut once for every matcher
        self._texts: dict[tuple[int, tuple[int, int] | None], JoinedTexts] = {}
        self._windows: dict[int, tuple[int, int]] = {}  # per document: the segments screened, if not all

    def window(self, doc: Document, start: int, stop: int) -> None:
        """Screen only ``doc.segments[start:stop]`` (a part of the units is checked): say so before :meth:`hits`."""
        self._windows[id(doc)] = (start, stop)

    def hits(self, glossary: Glossary, doc: Document, loans: bool = False) -> set[int]:
        """Indices of ``doc``'s segments where the matcher of ``glossary`` may find a term (one pass per document)."""
        window = self._windows.get(id(doc))
        key = (id(glossary), id(doc), loans, window)
        if key not in self._screens:
            lang = _language(doc)
            skip = lang == "en" if loans else lang is None  # the same rule as _unit_uses
            if skip:
                self._screens[key] = set()
            else:
                start, stop = window or (0, len(doc.segments))
                texts = self._texts.get((id(doc), window))
                if texts is None:
                    texts = self._texts[id(doc), window] = JoinedTexts([s.text for s in doc.segments[start:stop]])
                found = self.get(glossary, lang, loans).screen(texts)
                self._screens[key] = {start + i for i in found} if start else found
        return self._screens[key]

    def done_screening(self, doc: Document) -> None:
        """Drop ``doc``'s prepared texts (its screens are kept): every matcher has read them."""
        self._texts.pop((id(doc), self._windows.get(id(doc))), None)

    def get(self, glossary: Glossary, language: str | None, loans: bool = False) -> TermMatcher:
        key = (id(glossary), language, loans)
        if key not in self._cache:
            if loans:
                entries = [(c.id, t) for c in glossary.concepts for t in c.allowed("en")]
                self._cache[key] = TermMatcher(entries, "en", morphology=False)
            else:
                self._cache[key] = TermMatcher.for_glossary(glossary, language)
        return self._cache[key]


def _overlap(a: _Hit, b: _Hit) -> bool:
    return a.segment.id == b.segment.id and a.match.start < b.match.end and b.match.start < a.match.end


def _unit_uses(alignment: Alignment, unit_index: int, k: int, source: _Source,
               matchers: _Matchers) -> dict[str, _Uses]:
    """Every concept of ``source`` that version ``k`` uses in the unit (allowed and forbidden terms)."""
    doc = alignment.documents[k]
    lang = _language(doc)
    ids = alignment.units[unit_index].segments[k]
    segs = [doc.segments[i] for i in ids]
    total = sum(len(s.text) + 1 for s in segs) or 1
    own = matchers.get(source.glossary, lang)
    loans = matchers.get(source.glossary, lang, loans=True) if lang != "en" else None
    own_hits = matchers.hits(source.glossary, doc)
    loan_hits = matchers.hits(source.glossary, doc, loans=True)
    uses: dict[str, _Uses] = {}
    base = 0
    for i, seg in zip(ids, segs):
        found = [(m, False) for m in own.find(seg.text, screened=True)] if lang and i in own_hits else []
        if loans and i in loan_hits:
            found += [(m, True) for m in loans.find(seg.text, screened=True)]
        hits = [_Hit(k, seg, m, (base + m.start) / total, loan) for m, loan in found]
        if source.statistics:
            # "mil millones" is a billion, not a thousand and a million; "2.5 million" is the number checks'
            hits = [h for h in hits if not any(
                o.match.concept != h.match.concept and o.match.start <= h.match.start and h.match.end <= o.match.end
                and o.match.end - o.match.start > h.match.end - h.match.start for o in hits)]
            hits = [dataclasses.replace(h, after_digit=True) if h.match.concept in _SCALE and _DIGIT_BEFORE.search(
                seg.text[:h.match.start].rstrip()) else h for h in hits]
        by_concept: dict[str, list[_Hit]] = {}
        for h in hits:
            by_concept.setdefault(h.match.concept, []).append(h)
        for cid, chits in by_concept.items():
            u = uses.setdefault(cid, _Uses())
            own_allowed = [h for h in chits if not h.loan and not h.match.term.forbidden]
            forbidden = [h for h in chits if h.match.term.forbidden]
            loan_hits = [h for h in chits if h.loan and not any(_overlap(h, x) for x in own_allowed + forbidden)]
            allowed = _distinct(own_allowed + loan_hits)
            u.allowed.extend(allowed)
            u.forbidden.extend(_distinct([h for h in forbidden if not any(_overlap(h, a) for a in allowed)]))
        base += len(seg.text) + 1
    return {cid: u for cid, u in uses.items() if u.allowed or u.forbidden}


def _distinct(hits: list[_Hit]) -> list[_Hit]:
    if len(hits) < 2:  # (most concepts are used once in a segment: nothing can overlap)
        return list(hits)
    keep = {id(m) for m in non_overlapping(h.match for h in hits)}
    out = [h for h in hits if id(h.match) in keep]
    return sorted(out, key=lambda h: (h.offset, -(h.match.end - h.match.start)))


# --------------------------------------------------------------------------- findings


@dataclass
class _Candidate:
    finding: Finding
    version: int
    unit: int
    concept: str
    spans: set[tuple[int, int, int]]  # (segment id, start, end) in the blamed version
    witnesses: dict[int, set[tuple[int, int, int]]]  # the uses in the versions that vouch for the concept


def _locate(seg: Segment, start: int | None, end: int | None) -> tuple[int, int, int, int]:
    if start is None or end is None:
        return seg.line, seg.column, seg.start, seg.end
    before = seg.text[:start]
    newlines = before.count("\n")
    if newlines:
        return seg.line + newlines, start - before.rfind("\n"), seg.start + start, seg.start + end
    return seg.line, seg.column + start, seg.start + start, seg.start + end


def _make(check: type[Check], doc: Document, seg: Segment, hit: _Hit | None, message: str, evidence: dict,
          confidence: float, unit: int) -> Finding:
    # evidence["value"] (the concept, the pair of statistics or the name) enters the baseline fingerprint
    # beside the segment text, so that two findings of one code in one segment stay apart
    line, column, start, end = _locate(seg, hit.match.start if hit else None, hit.match.end if hit else None)
    return check.make_finding(doc.path, doc.language, line, column, message,
                              {"text": seg.text, **evidence}, round(confidence, 3), start, end, unit)


def _quote(hits: Sequence[_Hit]) -> str:
    return ", ".join(repr(s) for s in dict.fromkeys(h.match.text for h in hits))  # distinct, in order


def _terms_of(terms: Sequence[Term]) -> str:
    return ", ".join(repr(t.text) for t in terms) or "(none)"


def _surfaces(uses: Mapping[int, Mapping[str, _Uses]], cid: str, versions: Iterable[int],
              docs: Sequence[Document]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k in versions:
        u = uses[k].get(cid)
        out[docs[k].path] = u.surfaces() if u else []
    return out


def _count(uses: Mapping[int, Mapping[str, _Uses]], k: int, cid: str) -> int:
    u = uses[k].get(cid)
    return u.count if u else 0


_AllUses = Sequence[tuple[_Source, dict[int, dict[str, _Uses]]]]


def _excused(hit: _Hit, k: int, witnesses: Sequence[int], all_uses: _AllUses, exclude: tuple[str, str],
             docs: Sequence[Document]) -> bool:
    """A forbidden word that is an allowed term of another concept this version uses no more than the witnesses do."""
    for source, uses in all_uses:
        for cid, u in uses[k].items():
            if (source.name, cid) == exclude or not any(_overlap(hit, a) for a in u.allowed):
                continue
            concept = source.by_id[cid]
            able = [j for j in witnesses if concept.allowed(_language(docs[j]))]
            if not able or u.count <= max(_count(uses, j, cid) for j in able):
                return True
    return False


def _glossary_candidates(alignment: Alignment, u_idx: int, present: Sequence[int], source: _Source,
                         uses: dict[int, dict[str, _Uses]], all_uses: _AllUses,
                         origin: int | None = None) -> list[_Candidate]:
    """TRM001/TRM002 for a user glossary; STA001 for forbidden statistics variants (false friends).

    ``origin``: the source version (present in the unit), which is never blamed; a term it does not use
    here is missing from no translation, and one it uses is missing from each translation without it.
    """
    docs = alignment.documents
    out: list[_Candidate] = []
    used = {cid for k in present for cid in uses[k]}  # only the concepts some version uses here
    for cid in sorted(used, key=source.order.__getitem__):
        concept = source.by_id[cid]
        eligible = [k for k in present if concept.allowed(_language(docs[k]))]
        if len(eligible) < 2:
            continue
        support = [k for k in eligible if _count(uses, k, cid) > 0]
        if not support:
            continue
        n = len(eligible)
        for k in eligible:
            if k == origin:
                continue
            u = uses[k].get(cid)
            doc = docs[k]
            lang = _language(doc)
            others = [j for j in support if j != k]
            if not others or (source.statistics and not (u and u.forbidden)):
                continue
            witness_spans = {j: {h.span for h in uses[j][cid].allowed} for j in others}
            said = "; ".join(f"{version_label(docs[j])} {_quote(uses[j][cid].allowed)}" for j in others)
            base_ev = {"value": cid, "concept": cid, "glossary": source.glossary.source,
                       "expected": [t.text for t in concept.allowed(lang)],
                       "versions": _surfaces(uses, cid, eligible, docs), "support": len(others), "eligible": n}
            if u is not None and u.allowed:
                loans = [h for h in u.allowed if h.loan]
                if source.statistics or len(loans) < len(u.allowed) or lang == "en":
                    continue
                hit = loans[0]
                msg = (f"{hit.match.text!r} is the English term for {cid!r}; the glossary has {lang}: "
                       f"{_terms_of(concept.allowed(lang))} ({len(others)} of {n} versions use their own term: {said})")
                out.append(_Candidate(
                    _make(TermMissing, doc, hit.segment, hit, msg, {**base_ev, "found": hit.match.text, "loan": True},
                          0.6, u_idx), k, u_idx, cid, {hit.span}, witness_spans))
                continue
            forbidden = [h for h in (u.forbidden if u else [])
                         if not _excused(h, k, others, all_uses, (source.name, cid), docs)]
            if forbidden:
                hit = forbidden[0]
                conf = 0.9 if len(others) * 2 > n else 0.7 if len(others) * 2 == n else 0.6
                check = StatisticChanged if source.statistics else ForbiddenTerm
                note = f" ({concept.note})" if concept.note else ""
                msg = (f"{hit.match.text!r} is a forbidden variant for {cid!r}{note}; use {lang}: "
                       f"{_terms_of(concept.allowed(lang))}. {len(others)} of {n} versions use the concept here: "
                       f"{said}")
                out.append(_Candidate(
                    _make(check, doc, hit.segment, hit, msg,
                          {**base_ev, "found": hit.match.text, "forbidden": True, "note": concept.note}, conf, u_idx),
                    k, u_idx, cid, {h.span for h in forbidden}, witness_spans))
                continue
            if source.statistics or u is not None and u.allowed:
                continue
            if origin is not None and origin in eligible:
                if origin not in support:
                    continue  # the source does not use the concept here: no translation left it out
                decided = True
            else:
                decided = len(others) * 2 > n or (n == 2 and len(others) == 1)
            if decided:
                tie = len(others) * 2 == n and origin is None
                conf = 0.5 if tie else 0.9 if len(others) >= 3 and len(others) == n - 1 else 0.8
                msg = (f"{cid!r} is not rendered with a glossary term here: {len(others)} of {n} versions use one "
                       f"({said}); expected {lang}: {_terms_of(concept.allowed(lang))}")
                seg0 = doc.segments[alignment.units[u_idx].segments[k][0]]
                out.append(_Candidate(
                    _make(TermMissing, doc, seg0, None, msg, {**base_ev, "found": None, "tie": tie}, conf, u_idx),
                    k, u_idx, cid, set(), witness_spans))
    return _drop_nested(out)


def _inside(a: set[tuple[int, int, int]], b: set[tuple[int, int, int]]) -> bool:
    """Every span of ``a`` lies within a span of ``b`` (same segment)."""
    return all(any(s == t_s and t_a <= x and y <= t_b for t_s, t_a, t_b in b) for s, x, y in a)


def _covered(small: _Candidate, big: _Candidate) -> bool:
    if small is big or small.version != big.version or small.unit != big.unit:
        return False
    if small.spans and big.spans and _inside(small.spans, big.spans):
        return True
    common = [j for j in small.witnesses if small.witnesses[j]]
    return bool(common) and all(j in big.witnesses and _inside(small.witnesses[j], big.witnesses[j]) for j in common)


def _drop_nested(cands: list[_Candidate]) -> list[_Candidate]:
    out: list[_Candidate] = []
    for i, c in enumerate(cands):
        dominated = False
        for j, other in enumerate(cands):
            if i == j or not _covered(c, other):
                continue
            if not _covered(other, c) or j < i:  # strictly inside, or identical and the other comes first
                dominated = True
                break
        if not dominated:
            out.append(c)
    return out


def _pair_count(uses: Mapping[int, Mapping[str, _Uses]], k: int, cid: str, words_only: bool) -> int:
    u = uses[k].get(cid)
    return 0 if u is None else len(u.words) if words_only else u.count


def _pair_candidates(alignment: Alignment, u_idx: int, present: Sequence[int], source: _Source,
                     uses: dict[int, dict[str, _Uses]], origin: int | None = None) -> list[_Candidate]:
    """STA001/STA002: a version saying the generic word where others say the specific one.

    ``origin``: the source version (present in the unit): the one witness of the specific word, never blamed.
    """
    docs = alignment.documents
    g = source.glossary
    known = {c.id for c in g.concepts}
    out: list[_Candidate] = []
    blamed: set[tuple[int, int, int, int]] = set()  # (version, segment, start, end): one finding per word
    for spec, gen, check, what, symmetric in _PAIRS:
        if spec not in known or gen not in known or not any(spec in uses[k] for k in present):
            continue  # (no version uses the specific word: nothing to compare)
        cs, cg = g.concept(spec), g.concept(gen)
        eligible = [k for k in present if cs.allowed(_language(docs[k])) and cg.allowed(_language(docs[k]))]
        if len(eligible) < 2:
            continue
        s = {k: _pair_count(uses, k, spec, symmetric) for k in eligible}
        gcount = {k: _pair_count(uses, k, gen, symmetric) for k in eligible}
        s_max = max(s.values())
        if s_max == 0:
            continue
        if origin in eligible:
            s_max = s[origin]  # the source says how specific the text is
            if s_max == 0:
                continue
            witnesses = [origin]
        else:
            witnesses = [k for k in eligible if s[k] == s_max]
        n, w = len(eligible), len(witnesses)
        if symmetric and origin not in eligible and (w * 2 <= n or w < 2):
            continue
        g_ref = max(gcount[j] for j in witnesses)
        for k in eligible:
            if k == origin or s[k] >= s_max or gcount[k] <= g_ref:
                continue
            doc = docs[k]
            ref = sum(h.offset for j in witnesses for h in uses[j][spec].words) / max(
                1, sum(len(uses[j][spec].words) for j in witnesses))
            hit = min(uses[k][gen].words, key=lambda h: (abs(h.offset - ref), h.offset))
            if (k, *hit.span) in blamed:
                continue
            blamed.add((k, *hit.span))
            conf = 0.9 if w * 2 > n or origin in eligible else 0.7 if w * 2 == n else 0.5
            said = "; ".join(f"{version_label(docs[j])} {_quote(uses[j][spec].allowed)}" for j in witnesses)
            msg = (f"{hit.match.text!r} says {gen!r} where {w} of {n} versions {'says' if w == 1 else 'say'} "
                   f"{spec!r} ({said}): {what}"
                   + (" (fewer than half vouch for it: check the others too)" if w * 2 < n and origin is None
                      else ""))
            ev = {"value": f"{spec}->{gen}", "expected": spec, "found": gen, "surface": hit.match.text,
                  "witnesses": [docs[j].path for j in witnesses],
                  "versions": {docs[j].path: {c: _surfaces(uses, c, [j], docs)[docs[j].path] for c in (spec, gen)}
                               for j in eligible},
                  "counts": {docs[j].path: {spec: s[j], gen: gcount[j]} for j in eligible}}
            out.append(_Candidate(_make(check, doc, hit.segment, hit, msg, ev, conf, u_idx), k, u_idx, spec,
                                  {hit.span}, {j: {h.span for h in uses[j][spec].words} for j in witnesses}))
    return out


def _unit_term_candidates(alignment: Alignment, u_idx: int, sources: Sequence[_Source],
                          matchers: _Matchers, source_doc: int | None = None) -> list[_Candidate]:
    present = alignment.units[u_idx].present()
    origin = source_doc if source_doc in present else None
    if len(present) < 2 or alignment.units[u_idx].score < MIN_UNIT_SCORE:
        return []
    all_uses = [(src, {k: _unit_uses(alignment, u_idx, k, src, matchers) for k in present}) for src in sources]
    if not any(uses[k] for _, uses in all_uses for k in present):
        return []  # no version uses any term here (most units)
    glossary_cands: list[_Candidate] = []
    stats_cands: list[_Candidate] = []
    for src, uses in all_uses:
        if src.statistics:
            stats_cands.extend(_glossary_candidates(alignment, u_idx, present, src, uses, all_uses, origin))
            stats_cands.extend(_pair_candidates(alignment, u_idx, present, src, uses, origin))
        else:
            glossary_cands.extend(_glossary_candidates(alignment, u_idx, present, src, uses, all_uses, origin))
    kept = [c for c in stats_cands if not any(
        c.version == t.version and (c.spans & t.spans or _inside(c.spans, t.spans) or _covered(c, t))
        for t in glossary_cands)]
    return glossary_cands + kept


def _units_with_terms(alignment: Alignment, sources: Sequence[_Source], matchers: _Matchers,
                      part: range | None = None) -> list[int]:
    """The units (of ``part``, default all) where some version may use a term of some source, in order.

    One screen per document and source names the segments; most units of most texts have none.
    Elsewhere there is nothing to compare. With ``part``, only its units' segments are screened.
    """
    part = range(len(alignment.units)) if part is None else part
    units: set[int] = set()
    for k, doc in enumerate(alignment.documents):
        ids = [i for u_idx in part for i in alignment.units[u_idx].segments[k]]
        if not ids:
            continue
        matchers.window(doc, min(ids), max(ids) + 1)
        hit = set().union(*(matchers.hits(src.glossary, doc, loans) for src in sources for loans in (False, True)))
        matchers.done_screening(doc)
        if hit:
            units.update(u_idx for u_idx in part if not hit.isdisjoint(alignment.units[u_idx].segments[k]))
    return sorted(units)


def _sources(glossary: Glossary | None, statistics: Glossary | None) -> list[_Source]:
    out = []
    if glossary is not None:
        out.append(_Source.of("glossary", glossary, False))
    if statistics is not None:
        out.append(_Source.of("statistics", statistics, True))
    return out


def check_terms(alignment: Alignment, glossary: Glossary | None = None, *,
                statistics: Glossary | None = None, names: bool = True, source: int | None = None) -> list[Finding]:
    """Every finding of the terms family on one alignment: TRM001/TRM002 (with ``glossary``), STA001/STA002, ENT001.

    ``statistics`` defaults to the built-in list (:func:`~aligner.facts.glossary.statistics_glossary`).
    ``source``: the index of the source version, which decides instead of the majority: a translation that
    departs from it is blamed however many others do the same, and the source itself never is.
    """
    return _check_terms(alignment, glossary, statistics, names, _Matchers(), source=source)


def _check_terms(alignment: Alignment, glossary: Glossary | None, statistics: Glossary | None, names: bool,
                 matchers: _Matchers, part: range | None = None, source: int | None = None) -> list[Finding]:
    # ``matchers`` may serve several alignments of one run: each word of each language is judged once
    stats = statistics if statistics is not None else statistics_glossary()
    findings: list[Finding] = []
    sources = _sources(glossary, stats)
    for u_idx in _units_with_terms(alignment, sources, matchers, part):
        findings.extend(c.finding for c in _unit_term_candidates(alignment, u_idx, sources, matchers, source))
    if names:
        findings.extend(check_names(alignment, source))
    return findings


def check_glossary_terms(alignment: Alignment, glossary: Glossary, *,
                         statistics: Glossary | None = None) -> list[Finding]:
    """TRM001/TRM002 only (statistics used to excuse forbidden words that are other statistics' terms)."""
    return [f for f in check_terms(alignment, glossary, statistics=statistics, names=False) if f.code.startswith("TRM")]


def check_statistics(alignment: Alignment, statistics: Glossary | None = None) -> list[Finding]:
    """STA001/STA002 without a user glossary."""
    return [f for f in check_terms(alignment, None, statistics=statistics, names=False) if f.code.startswith("STA")]


# --------------------------------------------------------------------------- registry


def _analysis(ctx: CheckContext) -> list[Finding]:
    """Glossary and statistics words (TRM*, STA*) over every group's units in ``ctx.part``."""
    glossary = ctx.glossary
    if glossary is not None and not isinstance(glossary, Glossary):
        raise TypeError("CheckContext.glossary must be an aligner.facts.glossary.Glossary "
                        f"(from load_glossary(path)), not {type(glossary).__name__}")
    out: list[Finding] = []
    matchers = _Matchers()
    for group, part in zip(ctx.groups, ctx.unit_ranges()):
        if part:
            out.extend(_check_terms(group, glossary, None, False, matchers, part, source_version(group, ctx.source)))
    return out


class _TermsCheck(SharedAnalysisCheck):
    """The terms family: glossary and statistics words of every group, in one analysis of the run."""

    family = "terms"
    category = "entity"
    analysis = "terms"
    weight = 6  # glossary and statistics words: the costliest analysis (twice the names or the numbers)
    parts = True  # the analysis reads ctx.unit_ranges(): a parallel run splits it

    @classmethod
    def analyse(cls, ctx: CheckContext) -> list[Finding]:
        return _analysis(ctx)


@register
class TermMissing(_TermsCheck):
    """A glossary concept most versions render with its term is rendered otherwise here.

    Bad:  heading da "Kunde tilbageholdelse" / lt "Klientų išlaikymas" / tl "Pagpapanatili ng Customer" /
          te "కస్టమర్ నిలుపుదల" and a fifth version with neither its glossary term nor a forbidden one
    Good: every version uses its language's term for "customer retention" (lt "Kliento išlaikymas", inflected)
    """

    code = "TRM001"
    name = "term-missing"
    default_severity = Severity.MINOR


@register
class ForbiddenTerm(_TermsCheck):
    """A forbidden variant of a glossary concept is used where the other versions use the concept.

    Bad:  lt "Uždirbo vidutiniškai 32 300 JAV dolerių" (glossary: median = mediana, !vidutiniškai) /
          tl "nakakuha ng median taunang suweldo"
    Good: lt "medianinis darbo užmokestis buvo 32 300 JAV dolerių"
    """

    code = "TRM002"
    name = "forbidden-term"
    default_severity = Severity.MAJOR


@register
class StatisticChanged(_TermsCheck):
    """A statistic or magnitude word says something else than the other versions (median turned into average).

    Bad:  lt "Uždirbo vidutiniškai 32 300 JAV dolerių" / da "en gennemsnitlig årsløn" where tl and te say
          "median" / "మధ్యస్థ"
    Good: "over gennemsnittet kundeservice" where every version says "above average"
    """

    code = "STA001"
    name = "statistic-changed"
    default_severity = Severity.MAJOR


@register
class PercentileAsPercent(_TermsCheck):
    """A percentile is rendered as a percentage (the word for percent where others say percentile).

    Bad:  tl "Ang 75 porsyento na suweldo ay $ 41,430" where da says "Den 75. percentile løn er $ 41.430"
    Good: "75 procent tjent mere" where every version says "75 percent earned more"
    """

    code = "STA002"
    name = "percentile-as-percent"
    default_severity = Severity.MINOR


# The statistics pairs name the check that reports them, so they follow the check classes.

#: (specific, generic, check, what it means) for the statistics words: generic replaces specific.
DIRECTED_PAIRS = (
    ("median", "average", StatisticChanged, "the statistic changed (median turned into average)"),
    ("percentile", "percent", PercentileAsPercent, "a percentile rendered as a percentage"),
)
#: Magnitude words compared both ways (strict majority only).
MAGNITUDE_PAIRS = (("thousand", "million"), ("million", "billion"), ("thousand", "billion"))
#: (specific, generic, check, what, symmetric): the directed pairs, then each magnitude pair both ways.
_PAIRS = (*((spec, gen, check, what, False) for spec, gen, check, what in DIRECTED_PAIRS),
          *((x, y, StatisticChanged, "the magnitude changed", True)
            for a, b in MAGNITUDE_PAIRS for x, y in ((a, b), (b, a))))

"""Frozen reference copy of ``aligner/checks/numbers.py`` as it was before its speed work (do not edit).

The oracle of ``tests/checks/test_numbers_fast.py``: the optimised checks must give exactly the
findings this plain version gives. It reads numbers with the frozen reference extraction
(``tests/facts/numbers_reference.py``).

Original module documentation follows.

Numbers across versions: values compared per aligned unit, blame on the odd version out.

Measuring and deciding are apart: each mention keeps every reading its surface form allows
in its locale (``25,520`` in Lithuanian reads 25.52 or 25520); a reading is chosen per
mention by what the other versions of the same unit say, then values are counted per
version. A value most versions have and one lacks is an omission in that one; a value one
version has more often than the others is a duplication; a value only a minority has,
paired with a majority value it lacks, is a changed number. Ties are said to be ties:
for a value present in half the versions, omission is more likely than invention (machine
translation drops numbers, it rarely makes them up), so the lacking side is blamed at a
lower confidence; for a value conflict (two versions read X, two read Y) both sides are.

Findings carry their code's registered default severity (:func:`~aligner.checks.registry.default_severity`);
the registered check applies the severity configuration puts in force.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from aligner.checks.numbers import (  # unchanged by the speed work: shared, not copied
    _DIGIT,
    _finding,
    _fmt,
    _Mention,
)
from aligner.model import Alignment, Document, Finding, Segment
from tests.facts.numbers_reference import NumberMention, extract_numbers

#: Any decimal digit, of any script: segments without one hold no number mention.










def _settle(mentions: list[_Mention], n_versions: int) -> dict[int, Decimal]:
    """Choose one reading per mention, jointly for the unit so that readings never cross.

    Candidate values are ranked once for the whole unit: by how many versions can read them
    at all, then by how many mentions read them in their own locale's convention, then whole
    numbers first (a three-digit group after a separator is far more often a thousands group
    than three decimals), then by value. Each mention takes its best-ranked reading, so two
    versions that both can read 41 430 never end up one at 41.43 and one at 41430.
    """
    readers: dict[Decimal, set[int]] = {}
    conform: dict[Decimal, int] = {}
    for item in mentions:
        for r in item.mention.readings:
            readers.setdefault(r.value, set()).add(item.version)
            if r.locale_conform:
                conform[r.value] = conform.get(r.value, 0) + 1
    rank = {
        v: i
        for i, v in enumerate(sorted(readers, key=lambda v: (-len(readers[v]), -conform.get(v, 0),
                                                              v != v.to_integral_value(), v)))
    }
    chosen: dict[int, Decimal] = {}
    for idx, item in enumerate(mentions):
        if item.mention.readings:
            chosen[idx] = min((r.value for r in item.mention.readings), key=lambda v: rank[v])
    return chosen


def _reading_of(m: NumberMention, value: Decimal):
    for r in m.readings:
        if r.value == value:
            return r
    return None


def unit_mentions(alignment: Alignment, unit_index: int) -> list[_Mention]:
    """Every number mention in one unit, with its version and segment."""
    unit = alignment.units[unit_index]
    out: list[_Mention] = []
    for k, ids in enumerate(unit.segments):
        doc = alignment.documents[k]
        for i in ids:
            seg = doc.segments[i]
            if not _DIGIT.search(seg.text):
                continue
            for m in extract_numbers(seg.text, doc.language):
                for part in (m, *m.parts):
                    if part.readings:
                        out.append(_Mention(k, seg, part))
    return out


def check_numbers(alignment: Alignment) -> list[Finding]:
    """Number findings: NUM001 missing, NUM002 changed, NUM003 duplicated, NUM004 added, FMT001/FMT002 format."""
    findings: list[Finding] = []
    settled: list[list[tuple[Segment, NumberMention, object]]] = [[] for _ in alignment.documents]
    for u_idx in range(len(alignment.units)):
        findings.extend(_unit_findings(alignment, u_idx, settled))
    for k, doc in enumerate(alignment.documents):
        findings.extend(check_mixed_conventions(doc, sorted(settled[k], key=lambda x: (x[0].start, x[1].start))))
    return findings


def _unit_findings(alignment: Alignment, u_idx: int,
                   settled: list[list[tuple[Segment, NumberMention, object]]]) -> list[Finding]:
    docs = alignment.documents
    present = alignment.units[u_idx].present()
    mentions = unit_mentions(alignment, u_idx)
    if not mentions:
        return []
    chosen_map = _settle(mentions, len(docs))
    chosen = [chosen_map[i] for i in range(len(mentions))]
    findings: list[Finding] = []
    for item, value in zip(mentions, chosen):
        settled[item.version].append((item.segment, item.mention, _reading_of(item.mention, value)))

    def surfaces(k: int, value: Decimal) -> list[str]:
        return [x.mention.text for x, v in zip(mentions, chosen) if x.version == k and v == value]

    def evidence_for(value: Decimal) -> dict:
        return {"value": _fmt(value), "versions": {docs[k].path: surfaces(k, value) for k in present}}

    # Against-locale readings (format findings), where other versions confirm the reading.
    for item, value in zip(mentions, chosen):
        r = _reading_of(item.mention, value)
        if r is None or r.locale_conform or len(present) < 2:
            continue
        others = sorted({s for k in present if k != item.version for s in surfaces(k, value)})
        if not others:
            continue
        doc = docs[item.version]
        conform = [x for x in item.mention.readings if x.locale_conform]
        alt = f"; in {doc.language} it would read {_fmt(conform[0].value)}" if conform else ""
        findings.append(_finding(
            "FMT001", "format", doc, item.segment, item.mention,
            f"{item.mention.text!r} is written against the {doc.language} number format: read as "
            f"{_fmt(value)} because the other versions have {', '.join(others)}{alt}",
            {"value": _fmt(value), "surface": item.mention.text, "convention": r.convention, "others": others},
            0.9, u_idx,
        ))
    if len(present) < 2:
        return findings

    counts: dict[int, Counter[Decimal]] = {k: Counter() for k in present}
    occurrences: dict[tuple[int, Decimal], list[_Mention]] = {}
    for item, value in zip(mentions, chosen):
        counts[item.version][value] += 1
        occurrences.setdefault((item.version, value), []).append(item)
    n = len(present)
    missing: dict[int, list[tuple[Decimal, int, float]]] = {k: [] for k in present}
    extra: dict[int, list[tuple[Decimal, float]]] = {k: [] for k in present}
    for v in sorted({v for c in counts.values() for v in c}):
        have = [k for k in present if counts[k][v] > 0]
        if len(have) == n:
            mult = Counter(counts[k][v] for k in present)
            top = max(mult.values())
            mode = min(c for c in mult if mult[c] == top)
            if top <= n / 2:
                continue
            findings.extend(_repeats(present, v, counts, occurrences, docs, u_idx, evidence_for, mode=mode))
            for k in present:
                if counts[k][v] < mode:
                    missing[k].append((v, mode - counts[k][v], 0.8))
            continue
        lacking = [k for k in present if counts[k][v] == 0]
        if len(have) >= 3 or (len(have) == 2 and n == 2):
            findings.extend(_repeats(have, v, counts, occurrences, docs, u_idx, evidence_for))
        elif len(have) == 2:
            # Two holders disagreeing on how often: the one with more repeats it if a holder has it once.
            low, high = sorted(have, key=lambda k: (counts[k][v], k))
            if counts[low][v] == 1 and counts[high][v] > 1:
                findings.extend(_repeats(have, v, counts, occurrences, docs, u_idx, evidence_for, mode=1))
        if len(have) > n / 2:
            for k in lacking:
                missing[k].append((v, 1, 0.9 if len(have) >= 2 else 0.6))
        elif len(have) < n / 2:
            for k in have:
                extra[k].append((v, 0.9 if len(lacking) >= 2 else 0.6))
        else:  # a tie: omission is likelier than invention, so the lacking side is blamed, softly
            for k in lacking:
                missing[k].append((v, 1, 0.5))
            for k in have:
                extra[k].append((v, 0.0))

    for k in present:
        doc = docs[k]
        miss = list(missing[k])
        ext = list(extra[k])
        # A missing majority value and an extra minority value in one version: a changed number.
        unpaired: list[tuple[Decimal, int, float]] = []
        while miss:
            mv, _times, mconf = miss.pop(0)
            tie = mconf <= 0.5
            # A value most versions have pairs with a value only a minority has (a changed number);
            # a tied value pairs only with a tied value (a 2-against-2 conflict). Otherwise it is missing.
            options = [e for e in ext if (e[1] <= 0.0) == tie]
            if not options:
                unpaired.append((mv, _times, mconf))
                continue
            pick = min(options, key=lambda e: (abs(e[0] - mv), e[0]))
            ext.remove(pick)
            ev = pick[0]
            item = occurrences[(k, ev)][0]
            holders = [j for j in present if counts[j][mv] > 0]
            findings.append(_finding(
                "NUM002", "number", doc, item.segment, item.mention,
                f"{item.mention.text!r} reads {_fmt(ev)} where {len(holders)} of {n} versions have {_fmt(mv)}"
                + (" (a tie: both sides are blamed)" if tie else ""),
                {"expected": evidence_for(mv), "found": evidence_for(ev), "tie": tie},
                0.5 if tie else max(mconf, 0.6), u_idx,
            ))
        for mv, times, conf in unpaired:
            holders = [j for j in present if counts[j][mv] > 0]
            seg = doc.segments[alignment.units[u_idx].segments[k][0]]
            names = ", ".join(docs[j].language or docs[j].name for j in holders)
            findings.append(_finding(
                "NUM001", "number", doc, seg, None,
                f"the value {_fmt(mv)} is missing here; {len(holders)} of {n} versions have it ({names})"
                + (" (a tie: omission is likelier than invention)" if conf <= 0.5 else ""),
                {**evidence_for(mv), "missing": times, "tie": conf <= 0.5}, conf, u_idx,
            ))
        for ev, conf in ext:
            if conf <= 0.0:
                continue
            item = occurrences[(k, ev)][0]
            findings.append(_finding(
                "NUM004", "number", doc, item.segment, item.mention,
                f"{item.mention.text!r} ({_fmt(ev)}) is not in the other versions of this passage",
                evidence_for(ev), conf, u_idx,
            ))
    return findings


def _repeats(holders, v, counts, occurrences, docs, u_idx, evidence_for, mode=None) -> list[Finding]:  # noqa: ANN001
    """NUM003 for holders that have ``v`` more often than most holders do (a value repeated in one version)."""
    mult = Counter(counts[k][v] for k in holders)
    if mode is None:
        top = max(mult.values())
        mode = min(c for c in mult if mult[c] == top)
        if top <= len(holders) / 2:
            return []
    out = []
    for k in holders:
        if counts[k][v] > mode:
            items = occurrences[(k, v)]
            dup = items[mode] if len(items) > mode else items[-1]
            out.append(_finding(
                "NUM003", "duplication", docs[k], dup.segment, dup.mention,
                f"{dup.mention.text!r} ({_fmt(v)}) appears {counts[k][v]} times here but "
                f"{mode} time(s) in the other versions that have it",
                evidence_for(v), 0.9, u_idx,
            ))
    return out


def check_mixed_conventions(doc: Document, settled: Sequence[tuple[Segment, NumberMention, object]] | None = None
                            ) -> list[Finding]:
    """FMT002: one document groups digits in more than one convention (``32 300`` and ``41,430``).

    ``settled`` holds (segment, mention, chosen reading) from the multi-way comparison; without
    it (a document with no group) each mention's locale-conform reading is taken.
    """
    if settled is None:
        settled = [(seg, m, m.readings[0]) for seg in doc.segments
                   for m in extract_numbers(seg.text, doc.language) if m.readings]
    styles: dict[str, list[tuple[Segment, NumberMention, bool]]] = {}
    for seg, m, reading in settled:
        convention = getattr(reading, "convention", "")
        group = next((part for part in convention.split(",") if part.startswith("group=")), None)
        if group:
            styles.setdefault(group[6:], []).append((seg, m, bool(getattr(reading, "locale_conform", True))))
    if len(styles) < 2:
        return []
    # The reference style is the locale's own where the text uses it, else the most frequent.
    ranked = sorted(styles, key=lambda st: (-any(c for _, _, c in styles[st]), -len(styles[st]), st))
    ref = ranked[0]
    out: list[Finding] = []
    for style in ranked[1:]:
        seg, m, _conform = styles[style][0]
        out.append(_finding(
            "FMT002", "format", doc, seg, m,
            f"mixed number formats in one document: {m.text!r} groups digits with a {style} while "
            f"{len(styles[ref])} number(s) use a {ref} (e.g. {styles[ref][0][1].text!r})",
            {"styles": {st: [x[1].text for x in styles[st]] for st in ranked}}, 0.8, None,
        ))
    return out

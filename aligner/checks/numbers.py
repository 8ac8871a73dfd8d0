"""Numbers across versions: values compared per aligned unit, blame on the odd version out.

Measuring and deciding are apart: each mention keeps every reading its surface form allows
in its locale (``25,520`` in Lithuanian reads 25.52 or 25520); a reading is chosen per
mention by what the other versions of the same unit say, then values are counted per
version. A value most versions have and one lacks is an omission in that one; a value one
version has more often than the others is a duplication; a value only a minority has,
paired with a majority value it lacks, is a changed number. Ties are said to be ties:
for a value present in half the versions, omission is more likely than invention (machine
translation drops numbers, it rarely makes them up), so the lacking side is blamed at a
lower confidence; for a value conflict (two versions read X, two read Y) both sides are.

The analysis runs once per context (:meth:`~aligner.checks.registry.SharedAnalysisCheck.run`) and
yields the findings of six codes, each built by its check class (:meth:`~aligner.checks.registry.Check.make_finding`,
so code, category and default severity are written once, on the class below); each check then
applies the severity configuration puts in force.

Work is skipped only where it cannot change a finding: segments without a digit are not read,
units without a mention are not compared, the readings of a unit are ranked only when one of its
mentions is ambiguous, and the counting stops early when every version reads the same values
equally often with its own locale's conventions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import compress

import regex

from ..facts.numbers import NumberMention, NumberReading, extract_numbers
from ..model import Alignment, Document, Finding, Segment, Severity
from .context import CheckContext, source_version, version_label
from .reconcile import UnitView, reconcile
from .registry import Check, SharedAnalysisCheck, register

#: Any decimal digit, of any script: segments without one hold no number mention.
_DIGIT = regex.compile(r"\d")


@dataclass(frozen=True)
class _Mention:
    version: int
    segment: Segment
    mention: NumberMention


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f")


@dataclass(frozen=True)
class _Span:
    """Where in its segment a finding points that is no digit mention (a number written in words)."""

    start: int
    end: int


def _locate(doc: Document, seg: Segment, m: NumberMention | _Span | None) -> tuple[int, int, int, int]:
    if m is None:
        return seg.line, seg.column, seg.start, seg.end
    return seg.line, seg.column + m.start, seg.start + m.start, seg.start + m.end


def _finding(
    check: type[Check], doc: Document, seg: Segment, m: NumberMention | _Span | None,
    message: str, evidence: dict, confidence: float, unit: int | None,
) -> Finding:
    line, column, start, end = _locate(doc, seg, m)
    evidence = {"text": seg.text, **evidence}
    return check.make_finding(doc.path, doc.language, line, column, message, evidence, confidence, start, end, unit)


def _choose(versions: Sequence[int], ments: Sequence[NumberMention]) -> tuple[list[Decimal], list[NumberReading]]:
    """Choose one reading per mention of a unit (all have readings), so that readings never cross.

    Candidate values are ranked once for the whole unit: by how many versions can read them
    at all, then by how many mentions read them in their own locale's convention, then whole
    numbers first (a three-digit group after a separator is far more often a thousands group
    than three decimals), then by value. Each mention takes its best-ranked reading, so two
    versions that both can read 41 430 never end up one at 41.43 and one at 41430.

    Returns the chosen values and, for each, the mention's first reading of that value. A mention
    with a single reading keeps it whatever the ranking, so the ranking is built only for units
    with an ambiguous mention.
    """
    for m in ments:
        if len(m.readings) > 1:
            break
    else:
        readings = [m.readings[0] for m in ments]
        return [r.value for r in readings], readings
    readers: dict[Decimal, set[int]] = {}
    conform: dict[Decimal, int] = {}
    for version, m in zip(versions, ments):
        for r in m.readings:
            v = r.value
            holders = readers.get(v)
            if holders is None:
                readers[v] = {version}
            else:
                holders.add(version)
            if r.locale_conform:
                conform[v] = conform.get(v, 0) + 1
    rank = {
        v: i
        for i, v in enumerate(sorted(readers, key=lambda v: (-len(readers[v]), -conform.get(v, 0),
                                                              v != v.to_integral_value(), v)))
    }
    values: list[Decimal] = []
    readings = []
    for m in ments:
        # the first reading of the best rank: min() keeps the first of equal keys, and the first
        # reading of the chosen value is the first of its rank (equal ranks are equal values)
        best = m.readings[0]
        if len(m.readings) > 1:
            best_rank = rank[best.value]
            for r in m.readings[1:]:
                r_rank = rank[r.value]
                if r_rank < best_rank:
                    best, best_rank = r, r_rank
        values.append(best.value)
        readings.append(best)
    return values, readings


def unit_mentions(alignment: Alignment, unit_index: int) -> list[_Mention]:
    """Every number mention in one unit, with its version and segment."""
    unit = alignment.units[unit_index]
    out: list[_Mention] = []
    for k, ids in enumerate(unit.segments):
        doc = alignment.documents[k]
        for i in ids:
            seg = doc.segments[i]
            if not _DIGIT.search(seg.text):
                continue  # no digit, no mention
            out.extend(_Mention(k, seg, part) for part in _with_readings(extract_numbers(seg.text, doc.language)))
    return out


#: Distinct (text, language) pairs whose mentions one :func:`check_numbers` call keeps (texts recur:
#: boilerplate, catalog messages); the memo is emptied when it grows past this.
_MEMO_LIMIT = 50_000


def _mentions_with_readings(text: str, language: str | None, memo: dict) -> tuple[NumberMention, ...]:
    """The mentions (composites replaced by their parts) of ``text`` that carry readings, memoised."""
    key = (text, language)
    found = memo.get(key)
    if found is None:
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        found = memo[key] = tuple(_with_readings(extract_numbers(text, language)))
    return found


def _with_readings(mentions: list[NumberMention]) -> list[NumberMention]:
    """The mentions that carry readings, composites replaced by their parts."""
    out = []
    for m in mentions:
        if m.readings:
            out.append(m)
        if m.parts:
            out.extend([part for part in m.parts if part.readings])
    return out


@lru_cache(maxsize=1024)
def _group_style(convention: str) -> str | None:
    """The digit-grouping style a reading's convention names (``space``, ``comma(indian)``), if any."""
    group = next((part for part in convention.split(",") if part.startswith("group=")), None)
    return group[6:] if group else None


#: Segments, mentions and chosen readings (parallel lists) of one version's settled mentions.
_Settled = tuple[list[Segment], list[NumberMention], list[NumberReading]]


def _position(entry: tuple[Segment, NumberMention, object]) -> tuple[int, int]:
    return entry[0].start, entry[1].start


def check_numbers(alignment: Alignment, source: int | None = None) -> list[Finding]:
    """Number findings: NUM001 missing, NUM002 changed, NUM003 duplicated, NUM004 added, FMT001/FMT002 format."""
    findings: list[Finding] = []
    # per version: the settled mentions whose reading groups digits (the others cannot make a
    # mixed-conventions finding), as parallel lists (fewer objects for the garbage collector than
    # a tuple each), and the grouping styles seen
    settled: list[_Settled] = [([], [], []) for _ in alignment.documents]
    styles: list[set[str]] = [set() for _ in alignment.documents]
    docs = alignment.documents
    search = _DIGIT.search
    # which segments hold a digit (no digit, no mention), and which such texts recur in a language:
    # the mentions of those are kept for their next occurrence (keeping every text's would cost the
    # garbage collector more than reading it again)
    digits = [[search(seg.text) is not None for seg in doc.segments] for doc in docs]
    counts: dict[str | None, Counter[str]] = {}
    for doc, flags in zip(docs, digits):
        counts.setdefault(doc.language, Counter()).update(seg.text for seg in compress(doc.segments, flags))
    recurring = {language: {text for text, n in texts.items() if n > 1} for language, texts in counts.items()}
    memo: dict = {}
    for u_idx, unit in enumerate(alignment.units):
        # the unit's mentions as parallel lists (what unit_mentions gives)
        versions: list[int] = []
        segs: list[Segment] = []
        ments: list[NumberMention] = []
        for k, ids in enumerate(unit.segments):
            flags = digits[k]
            for i in ids:
                if not flags[i]:
                    continue
                seg = docs[k].segments[i]
                language = docs[k].language
                if seg.text in recurring[language]:
                    found = _mentions_with_readings(seg.text, language, memo)
                else:
                    found = _with_readings(extract_numbers(seg.text, language))
                if found:
                    versions.extend([k] * len(found))
                    segs.extend([seg] * len(found))
                    ments.extend(found)
        if ments:
            findings.extend(_unit_findings(alignment, u_idx, versions, segs, ments, settled, styles, source))
    findings = _moved_across_boundaries(findings)
    for k, doc in enumerate(alignment.documents):
        if len(styles[k]) >= 2:
            # check_mixed_conventions skips readings without a group style, so leaving them out
            # before the (stable) sort changes nothing
            findings.extend(check_mixed_conventions(doc, sorted(zip(*settled[k]), key=_position)))
    return findings


def _unit_findings(alignment: Alignment, u_idx: int, versions: list[int], segs: list[Segment],
                   ments: list[NumberMention], settled: list[_Settled],
                   styles: list[set[str]], source: int | None = None) -> list[Finding]:
    """Findings of one unit whose mentions (``versions``, ``segs``, ``ments``, parallel) are not empty."""
    docs = alignment.documents
    present = alignment.units[u_idx].present()
    chosen, readings = _choose(versions, ments)
    against = False  # some reading is against its locale
    # the mentions (indices, in order) of each value in each version that has it
    occurrences: dict[Decimal, dict[int, list[int]]] = {}
    for i, (k, v, r) in enumerate(zip(versions, chosen, readings)):
        style = _group_style(r.convention)
        if style is not None:
            settled_segs, settled_ments, settled_readings = settled[k]
            settled_segs.append(segs[i])
            settled_ments.append(ments[i])
            settled_readings.append(r)
            styles[k].add(style)
        if not r.locale_conform:
            against = True
        per = occurrences.get(v)
        if per is None:
            occurrences[v] = {k: [i]}
        else:
            found = per.get(k)
            if found is None:
                per[k] = [i]
            else:
                found.append(i)
    n = len(present)
    if not against and all(len(per) == n and len({len(f) for f in per.values()}) == 1 for per in occurrences.values()):
        # Every present version reads every value equally often: no value is missing, extra,
        # changed or repeated, and no reading is against its locale.
        return []

    findings: list[Finding] = []

    def surfaces(k: int, value: Decimal) -> list[str]:
        return [ments[i].text for i in occurrences.get(value, {}).get(k, ())]

    def evidence_for(value: Decimal) -> dict:
        return {"value": _fmt(value), "versions": {docs[k].path: surfaces(k, value) for k in present}}

    # Against-locale readings (format findings), where other versions confirm the reading.
    if against and len(present) >= 2:
        for k, seg, m, value, r in zip(versions, segs, ments, chosen, readings):
            if r.locale_conform:
                continue
            others = sorted({s for j in present if j != k for s in surfaces(j, value)})
            if not others:
                continue
            doc = docs[k]
            conform = [x for x in m.readings if x.locale_conform]
            alt = f"; in {doc.language} it would read {_fmt(conform[0].value)}" if conform else ""
            findings.append(_finding(
                NumberAgainstLocale, doc, seg, m,
                f"{m.text!r} is written against the {doc.language} number format: read as "
                f"{_fmt(value)} because the other versions have {', '.join(others)}{alt}",
                {"value": _fmt(value), "surface": m.text, "convention": r.convention, "others": others},
                0.9, u_idx,
            ))
    if len(present) < 2:
        return findings

    missing: dict[int, list[tuple[Decimal, int, float]]] = {k: [] for k in present}
    extra: dict[int, list[tuple[Decimal, float]]] = {k: [] for k in present}
    if source is not None:
        if source not in present:
            return findings  # a passage the source lacks: the structure check reports it, not its numbers
        # With a source, each target answers to it: what the source has and a target lacks is missing there,
        # what a target has beyond the source is extra; the source is never blamed.
        for v in sorted(occurrences):
            per = occurrences[v]
            cs = len(per.get(source, ()))
            for k in present:
                ck = len(per.get(k, ()))
                if k == source or ck == cs:
                    continue
                if ck < cs:
                    missing[k].append((v, cs - ck, 0.9))
                elif cs == 0:
                    extra[k].append((v, 0.9))
                else:
                    findings.extend(_repeats([k], v, {k: ck}, per, segs, ments, docs, u_idx, evidence_for, mode=cs))
    for v in sorted(occurrences) if source is None else ():
        per = occurrences[v]
        if len(per) == n and len({len(found) for found in per.values()}) == 1:
            continue  # every version has it equally often: nothing to say
        count = {k: len(per.get(k, ())) for k in present}  # how often each version has it
        have = [k for k in present if count[k] > 0]
        if len(have) == n:
            mult = Counter(count.values())
            top = max(mult.values())
            mode = min(c for c in mult if mult[c] == top)
            if top <= n / 2:
                continue
            findings.extend(_repeats(present, v, count, per, segs, ments, docs, u_idx, evidence_for, mode=mode))
            for k in present:
                if count[k] < mode:
                    missing[k].append((v, mode - count[k], 0.8))
            continue
        lacking = [k for k in present if count[k] == 0]
        if len(have) >= 3 or (len(have) == 2 and n == 2):
            findings.extend(_repeats(have, v, count, per, segs, ments, docs, u_idx, evidence_for))
        elif len(have) == 2:
            # Two holders disagreeing on how often: the one with more repeats it if a holder has it once.
            low, high = sorted(have, key=lambda k: (count[k], k))
            if count[low] == 1 and count[high] > 1:
                findings.extend(_repeats(have, v, count, per, segs, ments, docs, u_idx, evidence_for, mode=1))
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

    def holders_of(value: Decimal) -> list[int]:
        per = occurrences.get(value, {})
        return [j for j in present if j in per]

    messages: dict[tuple[int, Decimal], str] = {}
    changed: dict = {}
    if any(missing[k] or extra[k] for k in present):
        view = _unit_view(alignment, u_idx, present, occurrences, segs, ments)
        outcome = reconcile(view, present, missing, extra, holders_of)
        missing, extra, messages, changed = outcome.missing, outcome.extra, outcome.messages, outcome.changed

    for k in present:
        if not missing[k] and not extra[k]:
            continue
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
            i = occurrences[ev][k][0]
            holders = holders_of(mv)
            findings.append(_finding(
                ChangedNumber, doc, segs[i], ments[i],
                messages.get((k, ev)) or
                f"{ments[i].text!r} reads {_fmt(ev)} where {_who_has(docs, source, holders, n)} {_fmt(mv)}"
                + (" (a tie: both sides are blamed)" if tie else ""),
                {"expected": evidence_for(mv), "found": evidence_for(ev), "tie": tie},
                0.5 if tie else max(mconf, 0.6), u_idx,
            ))
        for mv, times, conf in unpaired:
            holders = holders_of(mv)
            seg = doc.segments[alignment.units[u_idx].segments[k][0]]
            names = ", ".join(docs[j].language or docs[j].name for j in holders)
            words = changed.get((k, mv))
            if words is not None:  # written in words, with another value
                seg, at = view.locate(k, words.start)
                findings.append(_finding(
                    ChangedNumber, doc, seg, _Span(at, at + len(words.surface)),
                    f"{words.surface!r} (in words) reads {_fmt(words.value)} where "
                    f"{_who_has(docs, source, holders, n)} {_fmt(mv)}"
                    + (" (a tie: both sides are blamed)" if conf <= 0.5 else ""),
                    {"expected": evidence_for(mv), "found": {"value": _fmt(words.value), "words": words.surface},
                     "tie": conf <= 0.5}, 0.5 if conf <= 0.5 else max(conf, 0.6), u_idx,
                ))
                continue
            findings.append(_finding(
                MissingNumber, doc, seg, None,
                (f"the value {_fmt(mv)} is missing here; the source ({version_label(docs[source])}) has it"
                 if source is not None else
                 f"the value {_fmt(mv)} is missing here; {len(holders)} of {n} versions have it ({names})"
                 + (" (a tie: omission is likelier than invention)" if conf <= 0.5 else "")),
                {**evidence_for(mv), "missing": times, "tie": conf <= 0.5}, conf, u_idx,
            ))
        for ev, conf in ext:
            if conf <= 0.0:
                continue
            i = occurrences[ev][k][0]
            findings.append(_finding(
                AddedNumber, doc, segs[i], ments[i],
                f"{ments[i].text!r} ({_fmt(ev)}) is not in the "
                + (f"source ({version_label(docs[source])})" if source is not None
                   else "other versions of this passage"),
                evidence_for(ev), conf, u_idx,
            ))
    return findings



def _who_has(docs: Sequence[Document], source: int | None, holders: Sequence[int], n: int) -> str:
    """``the source (en) has`` with a source, ``3 of 4 versions have`` without."""
    if source is not None:
        return f"the source ({version_label(docs[source])}) has"
    return f"{len(holders)} of {n} versions have"


def _moved_across_boundaries(findings: list[Finding]) -> list[Finding]:
    """Drop a NUM004 and a NUM001 of one version and one value in neighbouring units: the translator moved
    the value into the next or the previous sentence; both findings are the same value, kept.

    Only the pair goes: a value missing next to a unit where the version merely also has it (another
    mention of the same value) is still missing.
    """
    keyed: dict[tuple[str, str, str, int], int] = {}
    for i, f in enumerate(findings):
        if f.code in ("NUM001", "NUM004") and f.unit is not None and "value" in f.evidence:
            keyed.setdefault((f.code, f.path, f.evidence["value"], f.unit), i)
    drop: set[int] = set()
    for (code, path, value, unit), i in keyed.items():
        if code != "NUM004" or i in drop:
            continue
        for nb in (unit - 1, unit + 1):
            j = keyed.get(("NUM001", path, value, nb))
            if j is not None and j not in drop:
                drop.update((i, j))
                break
    return [f for i, f in enumerate(findings) if i not in drop] if drop else findings


def _unit_view(alignment: Alignment, u_idx: int, present: Sequence[int],
               occurrences: dict[Decimal, dict[int, list[int]]], segs: Sequence[Segment],
               ments: Sequence[NumberMention]) -> UnitView:
    """The unit's text per version, with the spans of each value's digit mentions in it."""
    unit = alignment.units[u_idx]
    docs = alignment.documents
    texts: dict[int, str] = {}
    offsets: dict[int, dict[int, int]] = {}
    for k in present:
        at = 0
        parts = []
        offsets[k] = {}
        for i in unit.segments[k]:
            offsets[k][i] = at
            text = docs[k].segments[i].text
            parts.append(text)
            at += len(text) + 1
        texts[k] = " ".join(parts)

    def spans(k: int, value: Decimal) -> list[tuple[int, int]]:
        out = []
        for i in occurrences.get(value, {}).get(k, ()):
            base = offsets[k].get(segs[i].id)
            if base is not None:
                out.append((base + ments[i].start, base + ments[i].end))
        return out

    def kinds(k: int, value: Decimal) -> frozenset[str]:
        return frozenset(ments[i].kind for i in occurrences.get(value, {}).get(k, ()))

    def locate(k: int, start: int) -> tuple[Segment, int]:
        """The segment of version ``k`` that holds character ``start`` of its unit text, and the offset in it."""
        seg_id, base = max(((i, b) for i, b in offsets[k].items() if b <= start), key=lambda x: x[1])
        return docs[k].segments[seg_id], start - base

    return UnitView(texts, {k: docs[k].language for k in present}, spans, frozenset(occurrences), kinds, locate)


def _repeats(holders, v, count, per, segs, ments, docs, u_idx, evidence_for, mode=None  # noqa: ANN001
             ) -> list[Finding]:
    """NUM003 for holders that have ``v`` more often than most holders do (a value repeated in one version)."""
    if mode is None:
        mult = Counter(count[k] for k in holders)
        top = max(mult.values())
        mode = min(c for c in mult if mult[c] == top)
        if top <= len(holders) / 2:
            return []
    out = []
    for k in holders:
        if count[k] > mode:
            items = per[k]
            dup = items[mode] if len(items) > mode else items[-1]
            out.append(_finding(
                DuplicatedNumber, docs[k], segs[dup], ments[dup],
                f"{ments[dup].text!r} ({_fmt(v)}) appears {count[k]} times here but "
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
        settled = [(seg, m, m.readings[0]) for seg in doc.segments if _DIGIT.search(seg.text)
                   for m in extract_numbers(seg.text, doc.language) if m.readings]
    styles: dict[str, list[tuple[Segment, NumberMention, bool]]] = {}
    for seg, m, reading in settled:
        style = _group_style(getattr(reading, "convention", ""))
        if style is not None:
            styles.setdefault(style, []).append((seg, m, bool(getattr(reading, "locale_conform", True))))
    if len(styles) < 2:
        return []
    # The reference style is the locale's own where the text uses it, else the most frequent.
    ranked = sorted(styles, key=lambda st: (-any(c for _, _, c in styles[st]), -len(styles[st]), st))
    ref = ranked[0]
    out: list[Finding] = []
    for style in ranked[1:]:
        seg, m, _conform = styles[style][0]
        out.append(_finding(
            MixedNumberFormats, doc, seg, m,
            f"mixed number formats in one document: {m.text!r} groups digits with a {style} while "
            f"{len(styles[ref])} number(s) use a {ref} (e.g. {styles[ref][0][1].text!r})",
            {"styles": {st: [x[1].text for x in styles[st]] for st in ranked}}, 0.8, None,
        ))
    return out


# --------------------------------------------------------------------------- checks


class _NumbersCheck(SharedAnalysisCheck):
    """The numbers family: one analysis of every group's numbers (and the unmatched documents' conventions)."""

    analysis = "numbers"
    #: Relative cost (scheduling hint for parallel runs; terms is 6, names 3), as measured on the
    #: generated corpora of scripts/bench_audit.py.
    weight = 3

    @classmethod
    def analyse(cls, ctx: CheckContext) -> list[Finding]:
        out: list[Finding] = []
        for group in ctx.groups:
            out.extend(check_numbers(group, source_version(group, ctx.source)))
        for doc, _reason in ctx.unmatched:
            out.extend(check_mixed_conventions(doc))
        return out


@register
class MissingNumber(_NumbersCheck):
    """A number most versions have is missing in this one.

    Bad:  da "en 25 percentile løn på 25.520 dollars" / lt "uždirbo 25,520 dolerių" (25 lost)
    Good: da "en 25 percentile løn på 25.520 dollars" / tl "25 porsyento na suweldo na $ 25,520"
    """

    code = "NUM001"
    name = "missing-number"
    category = "number"
    default_severity = Severity.MAJOR
    family = "numbers"


@register
class ChangedNumber(_NumbersCheck):
    """A number reads another value than the other versions have at the same place.

    Bad:  da "$ 41.430" / lt "41 340 JAV dolerių"
    Good: da "$ 41.430" / lt "41 430 JAV dolerių" (format differs, value is the same)
    """

    code = "NUM002"
    name = "changed-number"
    category = "number"
    default_severity = Severity.CRITICAL
    family = "numbers"


@register
class DuplicatedNumber(_NumbersCheck):
    """A value repeated in one version only.

    Bad:  lt "uždirbo 25,520 dolerių atlyginimą 25,520 dolerių"
    Good: lt "uždirbo 25 520 dolerių atlyginimą"
    """

    code = "NUM003"
    name = "duplicated-number"
    category = "duplication"
    default_severity = Severity.MAJOR
    family = "numbers"


@register
class AddedNumber(_NumbersCheck):
    """A number only this version has, where the others have none in its place.

    Bad:  da "I 2016 var 2.784.500 personer ansat" / lt "2016 m. dirbo 2 784 500 ir 12 žmonių"
    Good: da "I 2016 var 2.784.500 personer ansat" / lt "2016 m. dirbo 2 784 500 žmonių"
    """

    code = "NUM004"
    name = "added-number"
    category = "number"
    default_severity = Severity.MAJOR
    family = "numbers"


@register
class NumberAgainstLocale(_NumbersCheck):
    """A number written against its language's convention (read by what the other versions say).

    Bad:  lt "25,520 dolerių" (Lithuanian writes decimals with a comma; the others mean 25 520)
    Good: lt "25 520 dolerių"
    """

    code = "FMT001"
    name = "number-against-locale"
    category = "format"
    default_severity = Severity.MINOR
    family = "format"


@register
class MixedNumberFormats(_NumbersCheck):
    """One document groups digits in more than one convention.

    Bad:  lt "32 300 JAV dolerių" ... "41,430 JAV dolerių"
    Good: lt "32 300 JAV dolerių" ... "41 430 JAV dolerių"
    """

    code = "FMT002"
    name = "mixed-number-formats"
    category = "format"
    default_severity = Severity.MINOR
    family = "format"

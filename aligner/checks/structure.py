"""Structure across versions: omitted and added passages, duplicated sentences, odd documents.

Omission and addition come from the multi-way alignment: a unit that most versions have and
one lacks is an omission in that one; a unit only one version has (of three or more) is an
addition in it (ADD002 when it is page furniture: a title, a label, a byline). With two
versions, or a tie, omission is blamed at a lower confidence: translations drop far more
often than they invent.

One analysis per context yields the findings of six codes, each built by its check class
(:meth:`~aligner.checks.registry.Check.make_finding`); each check applies the severity in force.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate, chain, compress, repeat
from operator import attrgetter, is_, itemgetter, lt, ne, not_

import numpy as np

from ..model import Alignment, Document, Finding, SegmentKind, Severity
from .context import CheckContext, source_version, version_label
from .coverage import CoverageModel, number_keys
from .registry import Check, SharedAnalysisCheck, register

_MIN_DUP_WORDS = 4

_TEXT = attrgetter("text")
_KIND = attrgetter("kind")
_ID = attrgetter("id")
_SEGMENTS = attrgetter("segments")
_FIRST = itemgetter(0)
#: What no text holds in practice (:func:`norms` checks); case folding neither makes it nor changes it.
_MARK = "\x00"
#: Joins the texts of a document for the whole-document string methods. The spaces around the mark make
#: a text's leading or trailing space show as a double space.
_SEP = " " + _MARK + " "
#: Every character ``str.isspace`` (so ``str.split``) takes for whitespace, except the space.
_OTHER_SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                 "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
#: What texts joined with :data:`_SEP` hold when one of them is not already ``" ".join(text.split())``.
_UNSPACED = (*_OTHER_SPACES, "  ")


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _words(norm: str) -> int:
    """How many words a normalised text has (``len(norm.split())``): case folding neither makes nor removes
    whitespace, so this is also the word count of the text it was made from."""
    return norm.count(" ") + 1 if norm else 0


def norms(texts: Sequence[str]) -> list[str]:
    """``[_norm(t) for t in texts]`` (case folded, whitespace runs made one space), computed for all at once.

    Equal texts are folded once; the distinct ones are folded as one string, and only the texts that
    hold other whitespace than single inner spaces are re-spaced one by one.
    """
    if len(texts) < 2:
        return [_norm(t) for t in texts]
    distinct = dict.fromkeys(texts)
    if len(distinct) < len(texts):
        table = dict(zip(distinct, _norms_of_distinct(list(distinct))))
        return list(map(table.__getitem__, texts))
    return _norms_of_distinct(texts)


def _norms_of_distinct(texts: Sequence[str]) -> list[str]:
    # Folding is character by character, so folding the joined texts folds each of them.
    folded = _SEP.join(["", *texts, ""]).casefold()
    if folded.count(_MARK) != len(texts) + 1:  # some text holds the mark
        return [_norm(t) for t in texts]
    pieces = folded.split(_SEP)
    found = [u for u in _UNSPACED if u in folded]
    if found:
        # Start of each piece in ``folded``; re-space the pieces where ``found`` occurs, once each.
        starts = list(accumulate(map(len, pieces), initial=0))
        starts = [s + len(_SEP) * j for j, s in enumerate(starts)]
        dirty: set[int] = set()
        for u in found:
            at = folded.find(u)
            while at >= 0:
                # The piece of its last character: a double space that begins in a separator is the
                # leading space of the piece after it, one that ends in a separator the trailing space
                # of the piece before it.
                j = bisect_right(starts, at + len(u) - 1) - 1
                dirty.add(j)
                at = folded.find(u, starts[j + 1] - 1)  # from the space that ends the next separator
        for j in dirty:
            pieces[j] = " ".join(pieces[j].split())
    del pieces[0], pieces[-1]
    return pieces


def doc_norms(doc: Document) -> list[str]:
    """:func:`_norm` of each segment text of ``doc``, in segment order."""
    return norms(list(map(_TEXT, doc.segments)))


def columns(alignment: Alignment) -> list[Sequence[tuple[int, ...]]]:
    """For each version ``k``, its segment ids in each unit: ``[u.segments[k] for u in alignment.units]``."""
    ids_of = list(map(_SEGMENTS, alignment.units))
    return [list(map(itemgetter(k), ids_of)) for k in range(len(alignment.documents))]


def unit_texts(alignment: Alignment, version: int, seg_norms: Sequence[str], absent: object = "",
               column: Sequence[tuple[int, ...]] | None = None) -> list:
    """For each unit, ``_norm(alignment.texts(unit, version))`` from ``seg_norms`` (:func:`doc_norms` of the
    version); ``absent`` where the version has no segment in the unit.

    ``column``: the version's entry of :func:`columns`, when it is at hand. A unit's text joins its
    segments with spaces, so its normal form joins theirs, empty ones left out.
    """
    if column is None:
        column = [u.segments[version] for u in alignment.units]
    if set(map(len, column)) == {1}:
        return list(map(seg_norms.__getitem__, map(_FIRST, column)))
    return [seg_norms[ids[0]] if len(ids) == 1 else
            " ".join([t for i in ids if (t := seg_norms[i])]) if ids else absent for ids in column]


def _snippet(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _ends_a_line(alignment: Alignment, unit_index: int, present: Sequence[int]) -> bool:
    """Whether, in most versions that have unit ``unit_index``, it ends a line (a paragraph) that an earlier
    unit's text starts: then a version that lacks it lost the end of that paragraph, not the start of the next."""
    docs, units = alignment.documents, alignment.units
    votes = 0
    for j in present:
        ids = units[unit_index].segments[j]
        first, last = docs[j].segments[ids[0]], docs[j].segments[ids[-1]]
        before = ids[0] - 1
        after = ids[-1] + 1
        if (before >= 0 and docs[j].segments[before].line == first.line
                and (after >= len(docs[j].segments) or docs[j].segments[after].line != last.line)):
            votes += 1
    return votes * 2 > len(present)


def _anchor(doc: Document, alignment: Alignment, version: int, unit_index: int,
            following: list[int | None] | None = None, present: Sequence[int] = ()) -> tuple[int, int, int, int]:
    """Where a version lacking a unit is located: its next segment, else its last one, else line 1.

    ``following``: :func:`_following` of the version, when many units are to be located. ``present``: the
    versions that have the unit; when it ends a paragraph in most of them (:func:`_ends_a_line`), the end of
    the version's previous segment, so the finding points at the paragraph that lost its end.
    """
    nxt = (following or _following(alignment, version))[unit_index + 1]
    if present and nxt is not None and nxt > 0 and _ends_a_line(alignment, unit_index, present):
        s = doc.segments[nxt - 1]
        if s.line != doc.segments[nxt].line:
            return s.line, s.column + len(s.text), s.end, s.end
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


def check_structure(alignment: Alignment, source: int | None = None) -> list[Finding]:
    """OMI001 omitted passage, ADD001 added passage, ADD002 one-version page furniture (OMI002/ADD003 where
    the neighbourhood may hold the passage). With a ``source`` version, the targets answer to it: a passage
    the source has and a target lacks is an omission there, one a target has and the source lacks an
    addition; the source is never blamed."""
    docs = alignment.documents
    n = len(docs)
    out: list[Finding] = []
    if n < 2:
        return out
    following: dict[int, list[int | None]] = {}  # per version, built when first needed
    texts: dict[int, Counter[str]] = {}
    coverage_model: list[CoverageModel] = []

    def model() -> CoverageModel:  # built on the first null unit: most groups have none
        if not coverage_model:
            coverage_model.append(CoverageModel(alignment))
        return coverage_model[0]

    units = alignment.units
    ids_of = list(map(_SEGMENTS, units))
    todo: Iterable[int] = range(len(units))
    if set(map(len, ids_of)) == {n}:  # skip, in C, the units every version has (``len(present) == n``)
        todo = compress(todo, map(not_, map(all, ids_of)))
    for u_idx in todo:
        unit = units[u_idx]
        present = unit.present()
        if len(present) == n:
            continue
        kinds = {docs[k].segments[i].kind for k in present for i in unit.segments[k]}
        furniture = kinds <= {SegmentKind.TITLE, SegmentKind.BOILERPLATE}
        sample_k = present[0] if source is None or source not in present else source
        sample = " ".join(docs[sample_k].segments[i].text for i in unit.segments[sample_k])
        if source is not None:
            out.extend(_against_source(alignment, u_idx, source, present, sample, furniture, model, following))
            continue
        if len(present) == 1 and n >= 3:
            k = present[0]
            doc = docs[k]
            first = doc.segments[unit.segments[k][0]]
            text = " ".join(doc.segments[i].text for i in unit.segments[k])
            if k not in texts:
                texts[k] = _counts(doc)
            if not furniture and _repeats_elsewhere(doc, unit.segments[k], texts[k]):
                continue  # a repeated sentence: DUP001 reports it once, not also as an addition
            check = AddedFurniture if furniture else AddedPassage
            what = "page furniture" if furniture else "a passage"
            evidence = {"text": text, "versions_with": 1, "versions": n}
            message = f"{what} only this version has: {_snippet(text)!r}"
            if not furniture and not doc.keyed:
                coverage = model().decide(u_idx, k, [j for j in range(n) if j != k], addition=True)
                if coverage.covered:
                    check = PossibleAddition
                    message += " (perhaps a sentence split differently: its neighbours' partners may hold it)"
                    evidence["coverage"] = coverage.to_dict()
            out.append(check.make_finding(
                doc.path, doc.language, first.line, first.column, message, evidence, 0.8, first.start,
                doc.segments[unit.segments[k][-1]].end, u_idx, key=first.key,
            ))
            continue
        lacking = [k for k in range(n) if not unit.segments[k]]
        majority = len(present) > n / 2
        conf = 0.9 if majority and len(present) >= 2 else 0.5
        holders = ", ".join(docs[k].language or docs[k].name for k in present)
        heading = kinds <= {SegmentKind.TITLE, SegmentKind.HEADING, SegmentKind.BOILERPLATE}
        for k in lacking:
            doc = docs[k]
            if k not in following:
                following[k] = _following(alignment, k)
            line, column, start, end = _anchor(doc, alignment, k, u_idx, following[k], present)
            tie = "" if majority else " (no majority: omission is likelier than addition)"
            check: type[Check] = OmittedPassage
            evidence = {"text": sample, "versions_with": len(present), "versions": n,
                        "present": [docs[j].path for j in present]}
            message = f"a passage {len(present)} of {n} versions have ({holders}) is missing here: {_snippet(sample)!r}"
            if not heading and not doc.keyed:  # a heading is a line of its own; a key is where it is
                coverage = model().decide(u_idx, k, present)
                if coverage.covered:
                    check = PossibleOmission
                    message += " (perhaps a sentence split differently: the neighbouring text may hold it)"
                    evidence["coverage"] = coverage.to_dict()
            if not majority and n >= 3:
                check = PossibleOmission  # a minority's passage: the others may simply not have it
            out.append(check.make_finding(doc.path, doc.language, line, column, message + tie, evidence,
                                          conf, start, end, u_idx, key=_unit_key(alignment, u_idx)))
    return out


def _against_source(alignment: Alignment, u_idx: int, source: int, present: Sequence[int], sample: str,
                    furniture: bool, model: Callable[[], CoverageModel],
                    following: dict[int, list[int | None]]) -> list[Finding]:
    """The structure findings of one unit that not every version has, when ``source`` is the source version."""
    docs = alignment.documents
    unit = alignment.units[u_idx]
    out: list[Finding] = []
    if source in present:  # targets without the source's passage: omissions
        for k in range(len(docs)):
            if unit.segments[k] or k == source:
                continue
            doc = docs[k]
            if k not in following:
                following[k] = _following(alignment, k)
            if furniture:
                continue  # front matter the source has and a target leaves out: not an omission of content
            line, column, start, end = _anchor(doc, alignment, k, u_idx, following[k], present)
            check: type[Check] = OmittedPassage
            evidence = {"text": sample, "versions_with": len(present), "versions": len(docs),
                        "present": [docs[j].path for j in present], "source": docs[source].path}
            message = f"a passage of the source ({version_label(docs[source])}) is missing here: {_snippet(sample)!r}"
            if not doc.keyed:
                coverage = model().decide(u_idx, k, [source])
                if coverage.covered:
                    check = PossibleOmission
                    message += " (perhaps a sentence split differently: the neighbouring text may hold it)"
                    evidence["coverage"] = coverage.to_dict()
            out.append(check.make_finding(doc.path, doc.language, line, column, message, evidence, 0.9,
                                          start, end, u_idx, key=_unit_key(alignment, u_idx)))
        return out
    for k in present:  # a passage the source lacks: an addition in each target that has it
        doc = docs[k]
        first = doc.segments[unit.segments[k][0]]
        text = " ".join(doc.segments[i].text for i in unit.segments[k])
        check = AddedFurniture if furniture else AddedPassage
        evidence = {"text": text, "versions_with": len(present), "versions": len(docs), "source": docs[source].path}
        what = "page furniture" if furniture else "a passage"
        message = f"{what} the source ({version_label(docs[source])}) lacks: {_snippet(text)!r}"
        if not furniture:
            if len(present) > 1:
                check = PossibleAddition  # several translations agree on it: the source may say it elsewhere
            elif not doc.keyed:
                # every version without the piece tells where its content is (the source's length, and any
                # translation whose neighbour holds the piece's numbers or names), not the source alone
                lacking = [j for j in range(len(docs)) if not unit.segments[j]]
                coverage = model().decide(u_idx, k, lacking, addition=True)
                if coverage.covered:
                    check = PossibleAddition
                    message += " (perhaps a sentence split differently: its neighbours' partners may hold it)"
                    evidence["coverage"] = coverage.to_dict()
        out.append(check.make_finding(doc.path, doc.language, first.line, first.column, message, evidence, 0.8,
                                      first.start, doc.segments[unit.segments[k][-1]].end, u_idx,
                                      key=_unit_key(alignment, u_idx)))
    return out


def _unit_key(alignment: Alignment, u_idx: int) -> str | None:
    """The localization key of a unit (its entries share it), or ``None`` for running text."""
    unit = alignment.units[u_idx]
    for k, ids in enumerate(unit.segments):
        if ids:
            return alignment.documents[k].segments[ids[0]].key
    return None



def _counts(doc: Document) -> Counter[str]:
    """How often each normalised segment text occurs in ``doc``."""
    return Counter(doc_norms(doc))


def _repeats_elsewhere(doc: Document, ids: tuple[int, ...], counts: Counter[str] | None = None) -> bool:
    """True when the segments ``ids`` repeat other segments of the same document word for word.

    ``counts``: :func:`_counts` of ``doc``, when many units are asked about.
    """
    mine = Counter(_norm(doc.segments[i].text) for i in ids)
    if not all(len(t.split()) >= _MIN_DUP_WORDS for t in mine):
        return False
    counts = counts if counts is not None else _counts(doc)
    return all(counts[t] > n for t, n in mine.items())  # each text also outside ``ids``


#: A window of a version's text shorter than this share of what the other versions' text there predicts (each
#: scaled by the two whole texts' length ratio), for every other version, holds an omission.
DEFICIT_RATIO = 0.7
#: ... and only when the text missing is at least this many characters (about a short sentence).
DEFICIT_MIN_CHARS = 50
#: A sentence-sized gap (see :func:`check_deficits`): the sentence the others have and this version lacks is
#: at least this long (shorter ones are within the noise of translation lengths) ...
SENTENCE_MIN_CHARS = 30
#: ... and the version's length is nearer, by this much in log length, to "the window without one of the other
#: versions' sentences" than to "the whole window" (0.05: about 5 % of the length).
SENTENCE_MARGIN = 0.05
#: The widest window (in units every version has) searched for a lost sentence.
DEFICIT_MAX_WIDTH = 3


def _sentence_gap(mine: int, theirs: Sequence[int], total_mine: int, total_theirs: int,
                  allowed: Sequence[bool] | None = None) -> float | None:
    """How much better "one of ``theirs`` (another version's sentence lengths in the window) is missing here"
    explains ``mine`` than "all of them are here", in log length; None when the window holds one sentence only
    or none long enough to tell. ``allowed``: which of ``theirs`` may be the missing one (default all).

    Each hypothesis scales by the whole texts' length ratio as it would be under it (as
    :class:`~aligner.checks.coverage.CoverageModel` does): with the sentence where it is here, without it where
    it is missing (otherwise the ratio of the whole texts, shortened by the omission, explains part of it away).
    """
    whole = sum(theirs)
    options = [s for i, s in enumerate(theirs) if s >= SENTENCE_MIN_CHARS and (allowed is None or allowed[i])
               ] if len(theirs) >= 2 else []
    if not options:
        return None
    covered = abs(math.log((mine + 1) / (whole * total_mine / total_theirs + 1)))
    absent = min(abs(math.log((mine + 1) / ((whole - s) * total_mine / max(1, total_theirs - s) + 1)))
                 for s in options)
    return covered - absent


def _lost_numbers(alignment: Alignment, k: int, j: int, window: range) -> list[bool]:
    """Per segment of version ``j`` in the units ``window``: it has numbers, and none of them (in digits or
    in words) is in version ``k``'s text of the window and the unit on each side."""
    units, docs = alignment.units, alignment.documents
    around = range(max(0, window.start - 1), min(len(units), window.stop + 1))
    here = number_keys(" ".join(alignment.texts(units[v], k) for v in around), docs[k].language)
    out = []
    for v in window:
        for i in units[v].segments[j]:
            keys = number_keys(docs[j].segments[i].text, docs[j].language)
            out.append(bool(keys) and not keys & here)
    return out


def _deficit_candidates(lengths: Sequence[Sequence[int]], counts: Sequence[Sequence[int]], totals: Sequence[int],
                        k: int, judges: Sequence[int]) -> list[bool]:
    """Per unit, whether a window starting there (of any width up to :data:`DEFICIT_MAX_WIDTH`) may hold a
    deficit of version ``k``: what :func:`check_deficits` asks of every judge before anything else, for every
    window at once in numpy.

    A judge lets a window through only when the version falls short of its prediction, or when its window
    holds two or more sentences and "all of them are here" misses the version's length by the margin (else the
    sentence gap, which is that miss less another, cannot reach it). A window no judge stops may still not be
    lost; a window some judge stops is not, so units with no such window are skipped. The tests are made
    looser by a hair (``1e-9``), so that no rounding of numpy's against ``math``'s can skip a window.
    """
    size = len(lengths[k])
    length = np.asarray(lengths, dtype=np.int64)
    count = np.asarray(counts, dtype=np.int64)
    zero = np.zeros((length.shape[0], 1), dtype=np.int64)
    length_sum = np.concatenate([zero, np.cumsum(length, axis=1)], axis=1)
    count_sum = np.concatenate([zero, np.cumsum(count, axis=1)], axis=1)
    out = np.zeros(size, dtype=bool)
    slack = 1e-9
    for width in range(1, DEFICIT_MAX_WIDTH + 1):
        starts = size - width + 1
        if starts <= 0:
            break
        window_length = length_sum[:, width:width + starts] - length_sum[:, :starts]
        window_count = count_sum[:, width:width + starts] - count_sum[:, :starts]
        mine = window_length[k].astype(np.float64)
        ok = np.ones(starts, dtype=bool)
        for j in judges:
            whole = window_length[j].astype(np.float64)
            predicted = whole * (totals[k] / totals[j])
            short = (mine < DEFICIT_RATIO * predicted + slack) & (predicted - mine >= DEFICIT_MIN_CHARS - slack)
            with np.errstate(divide="ignore"):
                missed = np.abs(np.log((mine + 1) / (whole * totals[k] / totals[j] + 1)))
            ok &= short | ((window_count[j] >= 2) & (missed >= SENTENCE_MARGIN - slack))
        out[:starts] |= ok
    return out.tolist()


def check_deficits(alignment: Alignment, source: int | None = None,
                   reported: set[tuple[str, int | None]] = frozenset()) -> list[Finding]:  # type: ignore[assignment]
    """OMI001 for a sentence lost inside the units a version has: its neighbours were joined or split around
    the gap, so the alignment made a 3-1 unit or shifted 1-1 units instead of a null unit.

    For each version and each window of one to :data:`DEFICIT_MAX_WIDTH` consecutive units every version has,
    the version's length is compared with what each other version's length predicts (scaled by the ratio of
    the whole texts). The window holds an omission when, for every other version, either

    - the version is below :data:`DEFICIT_RATIO` of the prediction, by :data:`DEFICIT_MIN_CHARS` characters or
      more (a part of a sentence lost), or
    - the version has fewer segments there than every other version (a join) and its length is nearer to the
      other version's text without one of its sentences than with all of them, by :data:`SENTENCE_MARGIN`
      (a whole sentence lost where the neighbours were joined; :func:`_sentence_gap`).

    It is reported once, at the unit where the version falls shortest. With a source version the source is
    never blamed (it still predicts, beside the other translations). Windows next to a unit already reported
    are skipped.
    """
    docs = alignment.documents
    n = len(docs)
    if n < 2 or any(d.keyed for d in docs):
        return []
    units = alignment.units
    seg_lengths = [[[len(docs[k].segments[i].text) for i in u.segments[k]] for u in units] for k in range(n)]
    lengths = [[sum(row) for row in per_unit] for per_unit in seg_lengths]
    totals = [sum(row) or 1 for row in lengths]
    counts = [[len(row) for row in per_unit] for per_unit in seg_lengths]
    # units every version has text in (a window holds only such units)
    full = [all(lengths[j][v] for j in range(n)) for v in range(len(units))]
    out: list[Finding] = []
    for k in range(n):
        if k == source:
            continue
        judges = [j for j in range(n) if j != k]  # every other version, the source included, must agree
        doc = docs[k]
        near = {u for p, u in reported if p == doc.path and u is not None}
        beside = {v + d for v in near for d in (-1, 0, 1)}  # units whose window would touch a reported one

        candidates = _deficit_candidates(lengths, counts, totals, k, judges)
        u = 0
        while u < len(units):
            if not candidates[u]:  # every window from here is stopped by some judge: not lost
                u += 1
                continue
            best = None
            # the window grows by one unit at a time; what it holds is summed as it grows
            mine = my_count = 0
            their_counts = dict.fromkeys(judges, 0)
            their_lengths: dict[int, list[int]] = {j: [] for j in judges}
            for width in range(1, DEFICIT_MAX_WIDTH + 1):
                window = range(u, u + width)
                v = window.stop - 1
                if v >= len(units) or not full[v] or v in beside:
                    break
                mine += lengths[k][v]
                my_count += counts[k][v]
                for j in judges:
                    their_counts[j] += counts[j][v]
                    their_lengths[j].extend(seg_lengths[j][v])
                # a join: every other version has more segments here (one that split a sentence of its own is
                # no evidence that this version joined two)
                joined = all(my_count < their_counts[j] for j in judges)
                lost = True
                for j in judges:
                    scale = totals[k] / totals[j]
                    theirs = their_lengths[j]
                    whole = sum(theirs)
                    p = whole * scale
                    if mine < DEFICIT_RATIO * p and p - mine >= DEFICIT_MIN_CHARS:
                        continue
                    # any of their sentences may be the one lost (a join) ...
                    if len(theirs) < 2 or abs(math.log((mine + 1) / (whole * totals[k] / totals[j] + 1))) \
                            < SENTENCE_MARGIN:
                        # (the gap is what "all of them are here" misses by, less what "one is missing" misses
                        # by: below the margin when the first already is, so the window is not lost here)
                        lost = False
                        break
                    gap = _sentence_gap(mine, theirs, totals[k], totals[j])
                    if not joined and gap is not None and gap >= SENTENCE_MARGIN:
                        # ... else a split elsewhere hides the loss: only a sentence whose numbers are nowhere here.
                        # Fewer candidates can only lower the gap, so the numbers are read only where all of them
                        # would pass (the same decision, without reading every window's numbers).
                        gap = _sentence_gap(mine, theirs, totals[k], totals[j], _lost_numbers(alignment, k, j, window))

                    if gap is None or gap < SENTENCE_MARGIN:
                        lost = False
                        break
                if lost:
                    best = window
                    break
            if best is None:
                u += 1
                continue
            # at the unit where this version has fewer segments than the others (the join), else where it falls
            # shortest
            worst = min(best, key=lambda v: (all(len(seg_lengths[k][v]) >= len(seg_lengths[j][v]) for j in judges),
                                             lengths[k][v] / max(1, sum(lengths[j][v] for j in judges))))
            ids = units[worst].segments[k]
            seg = doc.segments[ids[0]]
            holder = judges[0]
            sample = alignment.texts(units[worst], holder)
            share = sum(lengths[k][v] for v in best) / (sum(lengths[holder][v] for v in best) * totals[k]
                                                        / totals[holder])
            out.append(OmittedPassage.make_finding(
                doc.path, doc.language, seg.line, seg.column,
                f"part of this passage is missing here: this version has {share:.0%} of the text the other "
                f"versions have ({version_label(docs[holder])}: {_snippet(sample)!r})",
                {"text": sample, "share": round(share, 3), "units": list(best),
                 "present": [docs[j].path for j in judges]},
                0.7, seg.start, doc.segments[ids[-1]].end, worst,
            ))
            u = best.stop + 1
    return out


def check_duplicates(alignment: Alignment, source: int | None = None) -> list[Finding]:
    """DUP001: a sentence repeated in one version where the others do not repeat it.

    Not when most other versions also have equal text in the two units (a repeat in the source). A
    ``source`` version (its index) is never blamed: what it repeats is the text the translations answer to.
    """
    docs = alignment.documents
    n = len(docs)
    n_units = len(alignment.units)
    half = (n - 1) / 2  # the other versions that must repeat too: more than this
    out: list[Finding] = []
    version_norms = [doc_norms(doc) for doc in docs]
    tables: list[list] = []  # per version, :func:`_comparable_unit_texts` (built when first needed)
    per_version: list[Sequence[tuple[int, ...]]] = []  # :func:`columns`, with the tables
    for k, doc in enumerate(docs):
        if k == source:
            continue
        segs = doc.segments
        at, first_at = _repeats(doc, version_norms[k])
        if not at:
            continue
        if not tables:
            per_version = columns(alignment)
            tables = [_comparable_unit_texts(alignment, j, version_norms[j], per_version[j]) for j in range(n)]
        unit_of = _unit_of(per_version[k])
        for pos, first_pos in zip(at, first_at):  # (repeats are few: plain Python from here)
            seg, first = segs[pos], segs[segs[first_pos].id]
            # Units of the first and of the repeat; no unit (or the same one) reads as an entry no text equals.
            u1 = unit_of.get(first.id, n_units)
            u2 = unit_of.get(seg.id, n_units + 1)
            u2_vote = n_units + 1 if u1 == u2 else u2
            # each other version's vote: equal non-empty text in both units
            votes = sum(table[u1] == table[u2_vote] for j, table in enumerate(tables) if j != k)
            if votes > half:
                continue  # most other versions repeat it too: a repeat in the source
            out.append(DuplicatedSentence.make_finding(
                doc.path, doc.language, seg.line, seg.column,
                f"sentence repeated from line {first.line}: {_snippet(seg.text)!r}",
                {"text": seg.text, "first_line": first.line}, 0.9, seg.start, seg.end,
                None if u2 == n_units + 1 else u2,
            ))
    return out


def _repeats(doc: Document, seg_norms: Sequence[str]) -> tuple[list[int], list[int]]:
    """Positions of the sentences of ``doc`` (of four words or more) whose normalised text (``seg_norms``)
    an earlier sentence has, in document order, and the position of that earliest sentence for each."""
    segs = doc.segments
    sentence = list(map(is_, map(_KIND, segs), repeat(SegmentKind.SENTENCE)))
    if all(sentence):
        positions: Sequence[int] = range(len(segs))
        keys: Sequence[str] = seg_norms
    else:
        positions = list(compress(range(len(segs)), sentence))
        keys = list(compress(seg_norms, sentence))
    first: dict[str, int] = {}
    first_of = list(map(first.setdefault, keys, positions))  # the first position of each one's text
    if len(first) == len(keys):
        return [], []
    later = list(compress(range(len(keys)), map(ne, first_of, positions)))
    # Four words or more: three spaces or more in the normal form (see :func:`_words`), counted once a text.
    texts = list(map(keys.__getitem__, later))
    distinct = dict.fromkeys(texts)
    long_enough = map(lt, repeat(_MIN_DUP_WORDS - 2), map(str.count, distinct, repeat(" ")))
    if len(distinct) < len(texts):
        long_enough = map(dict(zip(distinct, long_enough)).__getitem__, texts)
    later = list(compress(later, long_enough))
    return list(map(positions.__getitem__, later)), list(map(first_of.__getitem__, later))


def _unit_of(column: Sequence[Sequence[int]]) -> dict[int, int]:
    """Segment id -> index of its unit, from one version's ids in each unit (the last unit when in several)."""
    if set(map(len, column)) == {1}:
        return dict(zip(map(_FIRST, column), range(len(column))))
    units = chain.from_iterable(map(repeat, range(len(column)), map(len, column)))
    return dict(zip(chain.from_iterable(column), units))


def _comparable_unit_texts(alignment: Alignment, version: int, seg_norms: Sequence[str],
                           column: Sequence[tuple[int, ...]]) -> list:
    """:func:`unit_texts`, with a distinct number (equal to nothing else) for each unit without text,
    and for two entries past the last unit (a repeat outside any unit, or the same unit as its first)."""
    texts = unit_texts(alignment, version, seg_norms, column=column)
    n_units = len(texts)
    if "" in texts:
        texts = [t or -1 - u for u, t in enumerate(texts)]
    texts += [-1 - n_units, -2 - n_units]
    return texts


def check_document(doc: Document, reason: str) -> list[Finding]:
    """DOC001 a document that is not a version of the others; DOC002 an empty document."""
    if not doc.segments:
        return [EmptyDocument.make_finding(doc.path, doc.language, 1, 1,
                                           "empty document: it has no text to compare", {"text": ""}, 1.0, 0, 0, None)]
    return [NotAVersion.make_finding(doc.path, doc.language, 1, 1,
                                     f"not a version of the other documents: {reason}",
                                     {"text": doc.segments[0].text, "reason": reason}, 0.8, 0, 0, None)]


# --------------------------------------------------------------------------- checks


class _StructureCheck(SharedAnalysisCheck):
    """The structure family: omissions, additions and repeats per group, and the documents set apart."""

    analysis = "structure"
    #: Relative cost (scheduling hint for parallel runs; terms 6 in four parts, names and numbers 3). Measured
    #: after the alignment in one process (CPU s, structure / numbers / terms / names): 10 MB of one group of
    #: four 0.72 / 0.85 / 1.2 / 0.36; ntrex-dev as 5 long files 0.64 / 0.62 / 0.43 / 0.87. It was 1 when it
    #: cost a third of the numbers; then it went last, and one process ended a second after the other.
    weight = 3

    @classmethod
    def analyse(cls, ctx: CheckContext) -> list[Finding]:
        out: list[Finding] = []
        for group in ctx.groups:
            if any(d.keyed for d in group.documents):
                # Entries of localization files align by key. A bilingual file's untranslated entries are
                # the localization family's (EMP001); equal translations of different keys are normal.
                if not any(d.is_source for d in group.documents):
                    out.extend(check_structure(group, source_version(group, ctx.source)))
                continue
            source = source_version(group, ctx.source)
            found = check_structure(group, source)
            out.extend(found)
            out.extend(check_deficits(group, source, {(f.path, f.unit) for f in found}))
            out.extend(check_duplicates(group, source))
        for doc, reason in ctx.unmatched:
            out.extend(check_document(doc, reason))
        return out


@register
class OmittedPassage(_StructureCheck):
    """A passage (sentence, heading) most versions have is missing in this one.

    Bad:  da has "Kundens opbevaring er ikke altid afhængig af prisen." and the lt version has nothing there
    Good: every version has its rendering of the sentence
    """

    code = "OMI001"
    name = "omitted-passage"
    category = "omission"
    default_severity = Severity.MAJOR
    family = "structure"


@register
class AddedPassage(_StructureCheck):
    """A passage only this version has (of three or more).

    Bad:  one version inserts a sentence the others do not have
    Good: all versions carry the same sentences
    """

    code = "ADD001"
    name = "added-passage"
    category = "addition"
    default_severity = Severity.MAJOR
    family = "structure"


@register
class PossibleOmission(_StructureCheck):
    """A passage other versions have has no partner here, but the neighbouring text may hold it.

    Reported instead of OMI001 when the version's neighbouring sentences are about as long as the other
    versions' with the passage (a sentence joined to its neighbour, a missing full stop), when the passage's
    numbers or names turn up in the neighbours, when it is too short for lengths to tell, or when only a
    minority of versions have it (see :mod:`aligner.checks.coverage`).

    Bad:  en "He was arrested on Monday night" ends without a full stop and runs into the next sentence,
          so lt's sentence for it has no partner unit
    Good: every version has the sentence as a sentence of its own
    """

    code = "OMI002"
    name = "possible-omission"
    category = "omission"
    default_severity = Severity.MINOR
    family = "structure"


@register
class PossibleAddition(_StructureCheck):
    """A passage only this version has, which its neighbours' partners in the other versions may hold.

    Reported instead of ADD001 when the version's text around it, the passage included, is as long as the
    other versions' text there: the translator split one sentence in two (see :mod:`aligner.checks.coverage`).

    Bad:  te splits "..., recalled Ms. Schroeder." after the abbreviation, leaving 'ష్కోడర్ గుర్తు చేసారు.' alone
    Good: the sentence is one sentence in every version
    """

    code = "ADD003"
    name = "possible-addition"
    category = "addition"
    default_severity = Severity.MINOR
    family = "structure"


@register
class AddedFurniture(_StructureCheck):
    """Page furniture (title, table-of-contents label, byline) only this version has.

    Bad:  tl starts with "Talaan ng mga Nilalaman:" and "Anonim", which no other version has
    Good: versions share their front matter, or none has it
    """

    code = "ADD002"
    name = "added-furniture"
    category = "addition"
    default_severity = Severity.MINOR
    family = "structure"


@register
class DuplicatedSentence(_StructureCheck):
    """A sentence repeated in this version where the other versions do not repeat it.

    Bad:  "Kunderne kan mærke det." appears twice in the Danish text
    Good: the sentence appears once, as in the other versions
    """

    code = "DUP001"
    name = "duplicated-sentence"
    category = "duplication"
    default_severity = Severity.MAJOR
    family = "duplication"


@register
class NotAVersion(_StructureCheck):
    """A document that is not a version of the other documents given with it.

    Bad:  003 (another Lithuanian article) checked with four versions of one article
    Good: only the versions of one text, or several complete groups
    """

    code = "DOC001"
    name = "not-a-version"
    category = "document"
    default_severity = Severity.MAJOR
    family = "document"


@register
class EmptyDocument(_StructureCheck):
    """A document with no text.

    Bad:  an empty lt.txt beside da.txt and tl.txt
    Good: every version has its text
    """

    code = "DOC002"
    name = "empty-document"
    category = "document"
    default_severity = Severity.MAJOR
    family = "document"

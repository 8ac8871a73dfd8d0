"""ENT001: a name or acronym most versions keep is missing, with no trace of it, in one version.

Reported with the terms family (``family = "terms"``: one JUnit case with the glossary and
statistics words) but analysed on its own (its own memo key and parallel job); the rule is
described in :mod:`aligner.checks.terms`. The facts themselves (what a name is, how it is looked up
in a version) are :mod:`aligner.facts.names`.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache, partial
from itertools import chain

from ..facts.glossary import JoinedTexts, _fold, word_set
from ..facts.names import NameMention, VersionNames, extract_names, name_key_spans, unexplained
from ..langid.codes import canonical
from ..langid.script import dominant_script
from ..model import Alignment, Document, Finding, Segment, SegmentKind, Severity
from .context import CheckContext, source_version, version_label
from .registry import SharedAnalysisCheck, register

__all__ = ["NameMissing", "check_names"]

#: Units aligned with less confidence than this are not checked: a missing name there may be a misalignment.
MIN_UNIT_SCORE = 0.25


def _language(doc: Document) -> str | None:
    """The document's language as an ISO 639 code (shared with the terms analysis)."""
    return canonical(doc.language) if doc.language else None



def _locate(seg: Segment) -> tuple[int, int, int, int]:
    return seg.line, seg.column, seg.start, seg.end


def _script(doc: Document) -> str:
    return dominant_script(doc.text[:4000])


def _lower_words(docs: Sequence[Document]) -> Callable[[int, str], bool]:
    """Whether document ``k`` writes the folded word ``f`` in lower case: ``lower(k, f)``.

    Each document is prepared on first use (few units need one): see :class:`_LowerCase`.
    """

    @cache
    def prepared(k: int) -> _LowerCase:
        return _LowerCase([s.text for s in docs[k].segments])

    def lower(k: int, folded: str) -> bool:
        return prepared(k).has(folded)

    return lower


class _LowerCase:
    """The words a text (a document's segments) writes in lower case, looked up one folded word at a time.

    When the text is in NFC, holds no zero-width joiner and case-folds character for character (as
    most texts do), a word ``w`` that starts with a lower-case letter and folds to ``f`` is ``f``
    written in the case-folded text where ``w`` stands (``w`` is in NFC as the text is, holds no
    joiner, and no dot: only acronyms such as ``U.S.`` do, and :func:`fold` drops nothing else).
    The occurrences of ``f`` there are the only places to look, and each is checked against the
    words of its segment. Otherwise (and for an empty word) the folded lower-case words of the
    whole text are made once, as :func:`_lower_case_words` makes them.
    """

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.text = JoinedTexts(texts)
        joined = self.text.joined
        folded = joined.casefold()
        plain = (len(folded) == len(joined) and "\u200c" not in joined and "\u200d" not in joined
                 and unicodedata.is_normalized("NFC", joined))
        self.folded = folded if plain else None
        self._words: frozenset[str] | None = None

    def has(self, f: str) -> bool:
        """Whether the text writes a word that starts with a lower-case letter and folds to ``f``."""
        if self.folded is None or not f:
            if self._words is None:
                self._words = _lower_case_words(self.texts)
            return f in self._words
        folded, joined = self.folded, self.text.joined
        pos = folded.find(f)
        while pos >= 0:
            word = joined[pos:pos + len(f)]
            if word[:1].islower() and _fold(word) == f and word in word_set(self.texts[self.text.index_at(pos)]):
                return True
            pos = folded.find(f, pos + 1)
        return False


def _lower_case_words(texts: Iterable[str]) -> frozenset[str]:
    """The folded forms of the words of ``texts`` that start with a lower-case letter.

    No word spans white space, so the words are read once over the distinct white-space-delimited
    chunks: a document repeats most of its chunks.
    """
    words = word_set("\n".join(JoinedTexts(list(texts)).chunks))
    return frozenset(_fold(w) for w in words if w[:1].islower())


def _units_sharing_a_key(alignment: Alignment) -> list[int]:
    """The units where two versions write a key of :func:`name_keys` in common, in order.

    The keys of each document are read in one pass over all its segments and placed back by
    position; a key that no other document writes is shared in no unit, so only the others are placed.
    """
    docs = alignment.documents
    found: list[tuple[JoinedTexts, list[int], list[str]]] = []
    for doc in docs:
        text = JoinedTexts([s.text for s in doc.segments])
        starts, keys = name_key_spans(text.joined)  # no key spans a line break
        found.append((text, starts, keys))
    counts = Counter(chain.from_iterable(set(keys) for _, _, keys in found))
    shared = {key for key, n in counts.items() if n > 1}
    if not shared:
        return []
    written: Counter[tuple[int, str]] = Counter()  # (unit, key) -> how many versions write the key there
    for k, (text, starts, keys) in enumerate(found):
        hits = [i for i, key in enumerate(keys) if key in shared]
        if not hits:
            continue
        unit_of = _segment_units(alignment, k)
        written.update({(unit_of[text.index_at(starts[i])], keys[i]) for i in hits})
    return sorted({u_idx for (u_idx, _), n in written.items() if n > 1 and u_idx >= 0})


def _segment_units(alignment: Alignment, k: int) -> list[int]:
    """Per segment of document ``k``: the index of the unit that holds it (-1: none)."""
    n = len(alignment.documents[k].segments)
    owner = [-1] * n
    for u_idx, unit in enumerate(alignment.units):
        for i in unit.segments[k]:
            if 0 <= i < n:
                owner[i] = u_idx  # (a segment in two units, which an alignment never makes: the last)
    return owner


_HEADING_KINDS = frozenset({SegmentKind.HEADING, SegmentKind.TITLE, SegmentKind.BOILERPLATE})


def check_names(alignment: Alignment, source: int | None = None) -> list[Finding]:
    """ENT001: a name most versions keep is missing, with no trace of it, in one version.

    With a ``source`` version (its index), the source decides instead of the majority: a name the source
    has is missing from each translation without a trace of it, however many translations also lack it;
    a name the source lacks is no omission anywhere, and the source itself is never blamed.
    """
    docs = alignment.documents
    languages = [_language(d) for d in docs]

    @cache
    def script(k: int) -> str:  # read on first need: many versions are never asked whether they are cased
        return _script(docs[k])

    scripts = [partial(script, k) for k in range(len(docs))]
    lower = _lower_words(docs)
    found: dict[tuple[str, str | None, bool], list[NameMention]] = {}

    def names_in(text: str, language: str | None, heading: bool) -> list[NameMention]:
        # what VersionNames.mentions reads, read once per text: texts recur (messages, boilerplate, untranslated)
        key = (text, language, heading)
        names = found.get(key)
        if names is None:
            names = found[key] = extract_names(text, language, heading=heading)
        return names

    out: list[Finding] = []
    # where no name or acronym is written in two versions, none can be found missing
    for u_idx in _units_sharing_a_key(alignment):
        unit = alignment.units[u_idx]
        present = unit.present()
        if len(present) < 3 or unit.score < MIN_UNIT_SCORE:
            continue
        views: dict[int, VersionNames] = {}
        for k in present:
            texts = [(s.text, s.kind in _HEADING_KINDS) for s in (docs[k].segments[i] for i in unit.segments[k])]
            views[k] = view = VersionNames(texts, languages[k], scripts[k])
            view.mentions = [m for text, heading in texts for m in names_in(text, languages[k], heading)]
        seen: set[tuple[bool, str]] = set()
        for j in present:
            for m in views[j].mentions:
                key = (m.acronym, m.text)
                if key in seen:
                    continue
                seen.add(key)
                out.extend(_name_findings(alignment, u_idx, present, views, m, lower,
                                          source if source in present else None))
    return out


def _name_findings(alignment: Alignment, u_idx: int, present: Sequence[int], views: Mapping[int, VersionNames],
                   m: NameMention, lower: Callable[[int, str], bool], source: int | None = None) -> list[Finding]:
    docs = alignment.documents
    literal = [k for k in present if views[k].literal(m) and (m.acronym or views[k].cased)]
    if len(literal) < 2:
        return []
    # (The answers below do not depend on one another, so the dearest question, whether the name is a
    # phrase in title case, which reads whole documents, is asked last: only of a name found missing.)
    holders = [k for k in present if views[k].has(m)]
    comparable = [k for k in present if not m.acronym or views[k].has(m) or views[k].cased]
    if source is not None:
        if source not in holders:
            return []  # the source does not have the name: no translation left it out
    elif len(holders) * 2 <= len(comparable):
        return []
    out: list[Finding] = []
    for k in comparable:
        view = views[k]
        if k in holders or k == source or not view.cased:
            continue
        if view.trace(m) or unexplained(view, [views[j] for j in present if j != k]):
            continue
        if not out and not m.acronym and any(lower(j, _fold(w)) for w in m.words for j in literal):
            return []  # a phrase in title case: its words are common words in the documents that keep it
        doc = docs[k]
        seg0 = doc.segments[alignment.units[u_idx].segments[k][0]]
        # per version: the name as written, "present" (transliterated, inflected, by the table) or None
        kept = {docs[j].path: m.text if views[j].literal(m) else "present" if j in holders else None for j in present}
        ev = {"value": m.text, "name": m.text, "versions": kept}
        names = ", ".join(version_label(docs[j]) for j in holders)
        line, column, start, end = _locate(seg0)
        out.append(NameMissing.make_finding(
            doc.path, doc.language, line, column,
            f"the name {m.text!r} is missing here; the source ({version_label(docs[source])}) has it"
            if source is not None else
            f"the name {m.text!r} is missing here; {len(holders)} of {len(comparable)} versions have it ({names})",
            {"text": seg0.text, **ev, "found": None}, 0.7, start, end, u_idx))
    return out


# --------------------------------------------------------------------------- check


@register
class NameMissing(SharedAnalysisCheck):
    """A name most versions keep is missing in this one, with no trace of a translation.

    Bad:  da "ifølge U.S. Bureau of Labor Statistics" / tl "ayon sa U.S. Bureau of Labor Statistics" /
          a Latin-script version with no trace of the bureau
    Good: lt "Pasak JAV darbo statistikos biuro" (translated: JAV = U.S.) or te "US బ్యూరో ఆఫ్ లేబర్ స్టాటిస్టిక్స్"
    """

    code = "ENT001"
    name = "name-missing"
    category = "entity"
    default_severity = Severity.MINOR
    family = "terms"
    analysis = "names"  # independent of the words: a memo and a parallel job of its own
    weight = 3
    parts = False  # names prepares per document (its name keys, its lower-case words): not cut

    @classmethod
    def analyse(cls, ctx: CheckContext) -> list[Finding]:
        return [f for group in ctx.groups for f in check_names(group, source_version(group, ctx.source))]

"""The names analysis (ENT001) computed the plain way, as it was written before it was made fast.

The tests of ``test_names_fast.py`` compare :mod:`aligner.facts.names` and
:func:`aligner.checks.names.check_names` with this: every screen, memo and shortcut there must
answer exactly what this answers. Keep it plain: no screen, no memo, no shortcut.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property

from rapidfuzz import fuzz

from aligner.align.grouping import skeleton, transliterate
from aligner.checks.names import MIN_UNIT_SCORE, _label, _language, _locate, _script
from aligner.checks.registry import default_severity
from aligner.facts.glossary import Token, fold, tokenize, word_set
from aligner.facts.names import (  # unchanged by the speed work: shared, not copied
    _CAPITAL_APOSTROPHE,
    _CAPITAL_RUN,
    _CASED_SCRIPTS,
    _DOTTED,
    _NOUN_CAPITALISING,
    _PLAIN_GAP,
    _SENTENCE_BREAK,
    CONNECTORS,
    NameMention,
    _acronym_entities,
    _calendar_words,
    _entity_matcher,
    _may_name,
    _occurs,
    _plain,
)
from aligner.model import Alignment, Finding, SegmentKind


def acronym_key(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def _capitalised(tok: Token) -> bool:
    return tok.script in _CASED_SCRIPTS and tok.text[:1].isupper() and not any(ch.isdigit() for ch in tok.text)




def name_keys(text: str) -> frozenset[str]:
    keys = set(_CAPITAL_RUN.findall(text))
    if "." in text:
        keys.update(m.replace(".", "") for m in _DOTTED.findall(text))
    if "'" in text or "’" in text:
        keys.update(acronym_key(m) for m in _CAPITAL_APOSTROPHE.findall(text))
    return frozenset(keys)


def extract_names(text: str, language: str | None = None, *, heading: bool = False) -> list[NameMention]:
    if not _may_name(text):
        return []
    toks = tokenize(text)
    letters = [t for t in toks if any(ch.isalpha() for ch in t.text)]
    if letters and sum(t.acronym for t in letters) * 2 > len(letters):
        return []
    initial = [i == 0 or bool(_SENTENCE_BREAK.search(text[toks[i - 1].end:t.start])) for i, t in enumerate(toks)]
    out: list[NameMention] = []
    i = 0
    while i < len(toks):
        if not _capitalised(toks[i]):
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < len(toks):
            gap = text[toks[j - 1].end:toks[j].start]
            if not _PLAIN_GAP.match(gap):
                break
            if _capitalised(toks[j]):
                run.append(j)
                j += 1
                continue
            k = j
            while k < len(toks) and toks[k].folded in CONNECTORS and _plain(text, toks, k):
                k += 1
            if k > j and k < len(toks) and _capitalised(toks[k]) and _plain(text, toks, k):
                run.extend(range(j, k + 1))
                j = k + 1
                continue
            break
        i = j
        acronyms = [r for r in run if toks[r].acronym]
        for r in acronyms:
            out.append(NameMention(toks[r].text, toks[r].start, toks[r].end, (toks[r].text,), True))
        if heading:
            continue
        at_start = initial[run[0]] and not toks[run[0]].acronym
        if at_start:
            run = run[1:]
            while run and toks[run[0]].folded in CONNECTORS:
                run = run[1:]
        content = [r for r in run if toks[r].folded not in CONNECTORS or _capitalised(toks[r])]
        if not content or (len(content) == 1 and (toks[content[0]].acronym or at_start)):
            continue
        if len(content) == 1 and language in _NOUN_CAPITALISING:
            continue
        if len(content) == 1 and toks[content[0]].letters < 2:
            continue
        if all(toks[r].folded in _calendar_words(language) for r in content):
            continue
        start, end = toks[run[0]].start, toks[run[-1]].end
        out.append(NameMention(text[start:end], start, end, tuple(toks[r].text for r in content), False))
    return out


def entity_ids(mention: NameMention) -> frozenset[str]:
    if mention.acronym:
        return _acronym_entities().get(acronym_key(mention.text), frozenset())
    return frozenset(m.concept for m in _entity_matcher(None).find(mention.text)
                     if m.start == 0 and m.end == len(mention.text))


def word_close(a: str, b: str, *, strict: bool) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    if len(a) >= 4 and b.startswith(a) and len(b) - len(a) <= 4:
        return True
    if len(a) >= 4 and fuzz.ratio(a, b) >= (85 if strict else 75):
        return True
    sa, sb = skeleton(a), skeleton(b)
    return len(a) >= 4 and sa == sb and len(sa) >= (3 if strict else 2)


def _is_acronym_word(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


class VersionNames:
    """The plain lookups: nothing remembered, every window compared."""

    def __init__(self, texts: Sequence[tuple[str, bool]], language: str | None, script: str) -> None:
        self.language = language
        self.cased = script in _CASED_SCRIPTS
        self.texts = [t for t, _ in texts]
        self._headings = [h for _, h in texts]
        self.mentions = [m for t, heading in texts for m in extract_names(t, language, heading=heading)]

    @cached_property
    def _tokens(self) -> list[Token]:
        return [tok for t in self.texts for tok in tokenize(t)]

    @cached_property
    def acronyms(self) -> frozenset[str]:
        return frozenset(acronym_key(t.text) for t in self._tokens if t.acronym)

    @cached_property
    def entities(self) -> frozenset[str]:
        return frozenset(m.concept for t in self.texts for m in _entity_matcher(self.language).find(t))

    @cached_property
    def keys(self) -> list[tuple[Token, str]]:
        return [
            (tok, transliterate(tok.text)) for tok in self._tokens
            if not tok.acronym and not (tok.folded in CONNECTORS
                                        or (len(transliterate(tok.text)) <= 3 and not _capitalised(tok)))
        ]

    @cached_property
    def own_names(self) -> list[NameMention]:
        if self.language not in _NOUN_CAPITALISING:
            return self.mentions
        return [m for t, heading in zip(self.texts, self._headings) for m in extract_names(t, None, heading=heading)]

    def literal(self, m: NameMention) -> bool:
        if m.acronym:
            return acronym_key(m.text) in self.acronyms
        return any(_occurs(m.text, t) for t in self.texts)

    def has(self, m: NameMention) -> bool:
        if self.literal(m) or (entity_ids(m) & self.entities):
            return True
        if m.acronym:
            return False
        for w in m.words:
            if _is_acronym_word(w) and not self._has_acronym(w):
                return False
        want = [transliterate(w) for w in m.words if not _is_acronym_word(w)]
        n = len(want)
        if not n:
            return True
        for p in range(len(self.keys) - n + 1):
            window = self.keys[p:p + n]
            if all(word_close(w, key, strict=False) for w, (_, key) in zip(want, window)):
                if n == 1 or fuzz.ratio("".join(want), "".join(key for _, key in window)) >= 70:
                    return True
        return False

    def _has_acronym(self, word: str) -> bool:
        probe = NameMention(word, 0, len(word), (word,), True)
        return acronym_key(word) in self.acronyms or bool(entity_ids(probe) & self.entities)

    def trace(self, m: NameMention) -> bool:
        if self.has(m):
            return True
        for w in m.words:
            if _is_acronym_word(w):
                if self._has_acronym(w) or self._acronym_trace(w):
                    return True
                continue
            key = transliterate(w)
            if len(key) >= 4 and any(word_close(key, k, strict=True) for _, k in self.keys):
                return True
        return False

    def _acronym_trace(self, word: str) -> bool:
        key = acronym_key(word)
        folded = key.casefold()
        return any(t.folded == folded or (len(key) >= 3 and t.text.startswith(key) and t.text[len(key):][:1].islower())
                   for t in self._tokens)


def unexplained(version: VersionNames, others: Iterable[VersionNames]) -> list[NameMention]:
    others = list(others)
    return [m for m in version.own_names if not any(o.has(m) for o in others)]


def lower_case_words(texts: Iterable[str]) -> frozenset[str]:
    words = word_set("\n".join(texts))
    return frozenset(fold(w) for w in words if w[:1].islower())


def share_a_key(versions: Iterable[Iterable[frozenset[str]]]) -> bool:
    seen: set[str] = set()
    for segments in versions:
        mine = frozenset().union(*segments)
        if not seen.isdisjoint(mine):
            return True
        seen |= mine
    return False


def units_sharing_a_key(alignment: Alignment) -> list[int]:
    """The units whose versions share a key of :func:`name_keys` (whatever their score and versions)."""
    docs = alignment.documents
    keys = [[name_keys(s.text) for s in d.segments] for d in docs]
    return [u_idx for u_idx, unit in enumerate(alignment.units)
            if share_a_key([keys[k][i] for i in unit.segments[k]] for k in unit.present())]


def check_names(alignment: Alignment) -> list[Finding]:
    docs = alignment.documents
    scripts = [_script(d) for d in docs]
    lower = {k: lower_case_words(s.text for s in d.segments) for k, d in enumerate(docs)}
    keys = [[name_keys(s.text) for s in d.segments] for d in docs]
    out: list[Finding] = []
    for u_idx, unit in enumerate(alignment.units):
        present = unit.present()
        if len(present) < 3 or unit.score < MIN_UNIT_SCORE:
            continue
        if not share_a_key([keys[k][i] for i in unit.segments[k]] for k in present):
            continue
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


def _name_findings(alignment: Alignment, u_idx: int, present: Sequence[int], views: dict[int, VersionNames],
                   m: NameMention, lower: dict[int, frozenset[str]]) -> list[Finding]:
    docs = alignment.documents
    literal = [k for k in present if views[k].literal(m) and views[k].cased or (m.acronym and views[k].literal(m))]
    if len(literal) < 2:
        return []
    if not m.acronym and any(fold(w) in lower[k] for w in m.words for k in literal):
        return []
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
        kept = {docs[j].path: m.text if views[j].literal(m) else "present" if j in holders else None for j in present}
        ev = {"value": m.text, "name": m.text, "versions": kept}
        names = ", ".join(_label(docs[j]) for j in holders)
        line, column, start, end = _locate(seg0)
        out.append(Finding("ENT001", "entity", default_severity("ENT001"), doc.path, doc.language, line, column,
                           f"the name {m.text!r} is missing here; {len(holders)} of {len(comparable)} versions have "
                           f"it ({names})",
                           {"text": seg0.text, **ev, "found": None}, 0.7, start, end, u_idx))
    return out

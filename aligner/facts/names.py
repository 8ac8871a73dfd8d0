"""Names and acronyms across versions and scripts: what counts as a name, and whether a version has it.

A **name** is a run of capitalised words inside a sentence, with short lower-case connectors
(``U.S. Bureau of Labor Statistics``, ``Jane Goodall``), or a single capitalised word there; an
**acronym** is a word of two to eight capitals, dots allowed (``U.S.``, ``USA``, ``JAV``). Only
scripts with case can show names; a word at the start of a sentence (or after ``.``, ``!``, ``?``,
``:``, ``;`` inside a segment) is not taken for one, nor is any word of a heading or title but
acronyms (headings are in title case). In German (and Luxembourgish) every noun is capitalised,
so single capitalised words of those languages are not names. A name whose words the documents
that keep it also write in lower case (``Customer Retention`` beside ``customer``) is a phrase in
title case, not a name.

Whether another version **has** a name is decided on a transliteration to Latin
(:func:`aligner.text.translit.transliterate`, which reads Telugu and the other Indic scripts,
Cyrillic and Greek): the name's content words must follow one another there, each equal, an
inflected form (a prefix with at most four more letters), close by rapidfuzz ratio, or with the
same consonant skeleton (:func:`aligner.text.translit.skeleton`: ``Statistics`` ~
``స్టాటిస్టిక్స్`` = ``statistiks``). Acronyms are compared without dots, case-sensitively, and
through the small table of common countries and organisations in ``data/entities.csv``
(``U.S.`` = ``USA`` = ``JAV`` = ``యుఎస్``), so a translated acronym is not a missing one.

A version that lacks a name may still show a **trace** of it (one of its words, or its acronym
by the table): then the name was translated (``JAV darbo statistikos biuras``), not dropped. A
name with one word changed is not told apart from a translated one (``Nueva York``): both are traces.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain
from operator import and_, attrgetter
from typing import Any

import regex
from rapidfuzz import fuzz

from ..text.acronyms import acronym_key, is_acronym
from ..text.scripts import CASED_SCRIPTS as _CASED_SCRIPTS
from ..text.tokens import Token, fold, tokenize
from ..text.translit import skeleton, transliterate
from .glossary import NAME, TERM, Glossary, Term, TermMatcher, parse_csv_glossary
from .numbers import cldr_locale

__all__ = [
    "NameMention",
    "VersionNames",
    "acronym_key",
    "entities",
    "entity_ids",
    "extract_names",
    "name_keys",
    "name_key_spans",
    "unexplained",
]

#: Lower-case words allowed inside a name (``Bureau of Labor Statistics``, ``Banco de España``).
CONNECTORS = frozenset({
    "of", "the", "and", "for", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les",
    "el", "los", "van", "von", "der", "den", "het", "og", "und", "et", "af", "ng", "al", "bin", "ibn",
})
_NOUN_CAPITALISING = frozenset({"de", "lb"})
_SENTENCE_BREAK = regex.compile(r"[.!?:;…•·]")
_PLAIN_GAP = regex.compile(r"^[\s\u00a0\u202f]+$|^[\s\u00a0\u202f]*[-‐‑][\s\u00a0\u202f]*$")


@dataclass(frozen=True)
class NameMention:
    """A name or acronym in a segment text: its surface, span, content words and whether it is an acronym."""

    text: str
    start: int
    end: int
    words: tuple[str, ...]
    acronym: bool

    @property
    def key(self) -> str:
        """The content words transliterated to lower-case ASCII, joined by spaces."""
        return " ".join(transliterate(w) for w in self.words)


def _capitalised(tok: Token) -> bool:
    return _capital(tok.text, tok.script)


@lru_cache(maxsize=1 << 16)
def _capital(word: str, script: str) -> bool:
    """A word of a script with case that starts with a capital and holds no digit (memoised: words recur)."""
    return script in _CASED_SCRIPTS and word[:1].isupper() and not any(ch.isdigit() for ch in word)


@lru_cache(maxsize=1 << 16)
def _has_letter(word: str) -> bool:
    return any(ch.isalpha() for ch in word)


def _plain(text: str, toks: Sequence[Token], k: int) -> bool:
    return bool(_PLAIN_GAP.match(text[toks[k - 1].end:toks[k].start]))


_UPPER = regex.compile(r"\p{Uppercase}")
_WORDISH = regex.compile(r"[\p{L}\p{M}\p{N}]")


_ACRONYM = attrgetter("acronym")
_TEXT = attrgetter("text")
_SCRIPT = attrgetter("script")
_CAPITAL_RUN = regex.compile(r"(?<![\p{L}\p{M}\p{N}])\p{Uppercase}[\p{L}\p{M}\p{N}]*")
_CAPITAL_APOSTROPHE = regex.compile(r"(?<![\p{L}\p{M}\p{N}])\p{Uppercase}[\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+)+")
_DOTTED = regex.compile(r"(?:\p{Lu}\.){2,}")


def name_keys(text: str) -> frozenset[str]:
    """What a name or acronym of ``text`` must share with a text it is written in (a screen, read in C).

    The runs of letters and digits that start with a capital after a non-letter, and acronyms as
    :func:`acronym_key` writes them (dotted ones without dots, ``USA'S`` without its apostrophe):
    a name starts with a capitalised word, written the same wherever the name is, and acronyms are
    compared dots aside. Two texts with no key in common have no name or acronym in common.
    """
    keys = set(_CAPITAL_RUN.findall(text))
    # A dotted acronym's second capital follows a dot and precedes one: it is a capital run of its
    # own, one letter long. With no such run there is no dotted acronym to look for.
    if "." in text and keys and min(map(len, keys)) == 1:
        keys.update(m.replace(".", "") for m in _DOTTED.findall(text))
    if "'" in text or "’" in text:
        keys.update(acronym_key(m) for m in _CAPITAL_APOSTROPHE.findall(text))
    return frozenset(keys)


def name_key_spans(text: str) -> tuple[list[int], list[str]]:
    """Where each key of :func:`name_keys` stands in ``text``: the keys as found, and their starts.

    One pass of each pattern over ``text`` (a document's segments joined by line breaks: no key
    spans one, and a key after one is found as at the start of a text), so that the keys of many
    texts are read at once and placed back by position. The keys are those of :func:`name_keys`.
    """
    runs = list(_CAPITAL_RUN.finditer(text))
    starts = [m.start() for m in runs]
    keys = [m.group() for m in runs]
    if "." in text:
        dotted = list(_DOTTED.finditer(text))
        starts.extend(m.start() for m in dotted)
        keys.extend(m.group().replace(".", "") for m in dotted)
    if "'" in text or "’" in text:
        # An apostrophe acronym starts where a capital run does (the same look-behind and capital) and
        # goes on from the run's end over apostrophes: only the runs an apostrophe follows are tried.
        run_starts = starts[:len(runs)]
        tried = set()
        for q in chain(_find_all(text, "'"), _find_all(text, "’")):
            i = bisect_right(run_starts, q) - 1  # the run before the apostrophe: does it end there?
            if i >= 0 and runs[i].end() == q:
                tried.add(i)
        last = -1
        for i in sorted(tried):
            start = run_starts[i]
            if start >= last and (m := _CAPITAL_APOSTROPHE.match(text, start)) is not None:
                starts.append(start)
                keys.append(acronym_key(m.group()))
                last = m.end()  # (the matches do not overlap, as those of a search over the text)
    return starts, keys


def _find_all(text: str, needle: str) -> list[int]:
    """Where ``needle`` occurs in ``text``."""
    out: list[int] = []
    pos = text.find(needle)
    while pos >= 0:
        out.append(pos)
        pos = text.find(needle, pos + 1)
    return out


def _may_hold(text: str, key: str) -> bool:
    """False when no word of ``text`` has the :func:`acronym_key` ``key``: some character of it is missing.

    (Such a word holds every character of ``key``, with dots, apostrophes, marks or joiners between.)
    """
    return all(ch in text for ch in key)


def _occurs(needle: str, text: str) -> bool:
    """``needle`` is in ``text`` as whole words (no letter, mark or digit right before or after it)."""
    pos = text.find(needle)
    while pos >= 0:
        end = pos + len(needle)
        if not (pos and _WORDISH.match(text, pos - 1)) and not _WORDISH.match(text, end):
            return True
        pos = text.find(needle, pos + 1)
    return False


def _may_name(text: str) -> bool:
    """False when ``text`` cannot hold a name: no capital, or one capital that starts the text's first word.

    An acronym needs two capitals and a name a capitalised word that does not start the sentence,
    so most segments are ruled out by two searches in C.
    """
    first = _UPPER.search(text)
    if first is None:
        return False
    if _UPPER.search(text, first.end()) is not None:
        return True
    return _WORDISH.search(text, 0, first.start()) is not None


@lru_cache(maxsize=64)
def _calendar_words(language: str | None) -> frozenset[str]:
    """Month and weekday names (wide and abbreviated, all contexts) of ``language`` and English, folded (CLDR)."""
    words: set[str] = set()
    for loc in filter(None, (cldr_locale("en"), cldr_locale(language))):
        for table in (loc.months, loc.days):
            for context in table.values():
                for width in ("wide", "abbreviated"):
                    words.update(fold(name) for name in context.get(width, {}).values())
    return frozenset(words)


def extract_names(text: str, language: str | None = None, *, heading: bool = False) -> list[NameMention]:
    """Names and acronyms in one segment ``text`` (headings and titles: acronyms only)."""
    if not _may_name(text):
        return []
    toks = tokenize(text)
    if any(map(_ACRONYM, toks)):  # (with no acronym, no text in capitals)
        letters = list(map(_has_letter, map(_TEXT, toks)))  # the words with letters
        if sum(map(and_, letters, map(_ACRONYM, toks))) * 2 > sum(letters):
            return []  # a text in capitals: case says nothing
    capital = list(map(_capital, map(_TEXT, toks), map(_SCRIPT, toks)))
    if True not in capital:
        return []
    n = len(toks)
    out: list[NameMention] = []
    j = capital.index(True)
    while j < n:
        if not capital[j]:  # on to the next capitalised word
            try:
                j = capital.index(True, j)
            except ValueError:
                break
        i = j
        run = [i]
        j = i + 1
        while j < n:
            gap = text[toks[j - 1].end:toks[j].start]
            if not _PLAIN_GAP.match(gap):
                break
            if capital[j]:
                run.append(j)
                j += 1
                continue
            # connectors followed by a capitalised word continue the run
            k = j
            while k < n and toks[k].folded in CONNECTORS and _plain(text, toks, k):
                k += 1
            if k > j and k < n and capital[k] and _plain(text, toks, k):
                run.extend(range(j, k + 1))
                j = k + 1
                continue
            break
        acronyms = [r for r in run if toks[r].acronym]
        for r in acronyms:
            out.append(NameMention(toks[r].text, toks[r].start, toks[r].end, (toks[r].text,), True))
        if heading:
            continue
        first = run[0]  # at the start of a sentence?
        at_start = (first == 0 or bool(_SENTENCE_BREAK.search(text, toks[first - 1].end, toks[first].start))) \
            and not toks[first].acronym
        if at_start:  # "New York", "Bureau of Labor Statistics" at the start: the rest, if it is a name
            run = run[1:]
            while run and toks[run[0]].folded in CONNECTORS:
                run = run[1:]
        content = [r for r in run if toks[r].folded not in CONNECTORS or capital[r]]
        if not content or (len(content) == 1 and (toks[content[0]].acronym or at_start)):
            continue
        if len(content) == 1 and language in _NOUN_CAPITALISING:
            continue
        if len(content) == 1 and toks[content[0]].letters < 2:
            continue  # one capital letter alone ("%H", "Plan B") is not a name to look for
        if all(toks[r].folded in _calendar_words(language) for r in content):
            continue  # "November", "Monday": dates, which other languages translate or write in lower case
        start, end = toks[run[0]].start, toks[run[-1]].end
        out.append(NameMention(text[start:end], start, end, tuple(toks[r].text for r in content), False))
    return out


@lru_cache(maxsize=1)
def entities() -> Glossary:
    """The table of common countries and organisations (``data/entities.csv``)."""
    from importlib import resources

    text = resources.files("aligner.facts").joinpath("data").joinpath("entities.csv").read_text("utf-8")
    return parse_csv_glossary(text, "package:aligner/facts/data/entities.csv")


@lru_cache(maxsize=1)
def _acronym_entities() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for concept in entities().concepts:
        for terms in concept.terms.values():
            for t in terms:
                toks = tokenize(t.text)
                if len(toks) == 1 and toks[0].acronym:
                    out.setdefault(acronym_key(t.text), set()).add(concept.id)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=64)
def _entity_matcher(language: str | None) -> TermMatcher:
    # Every surface of every language, matched with the morphology of the text's language:
    # a Danish text may say "USA", a Lithuanian one "Jungtinėse Valstijose".
    def kind(text: str) -> str:  # acronyms exactly, full names tolerating inflection
        words = tokenize(text)
        return NAME if words and all(w.acronym for w in words) else TERM

    entries = [(c.id, Term(t.text, t.language, False, kind(t.text)))
               for c in entities().concepts for terms in c.terms.values() for t in terms]
    return TermMatcher(entries, language, transliteration=False)  # every script's surfaces are listed


def entity_ids(mention: NameMention) -> frozenset[str]:
    """The table entities an acronym or name stands for (empty when it is not in the table)."""
    return _entity_ids(mention.text, mention.acronym)


@lru_cache(maxsize=1 << 14)
def _entity_ids(text: str, acronym: bool) -> frozenset[str]:
    # memoised: the same names are looked up in every version of every unit that writes them
    if acronym:
        return _acronym_entities().get(acronym_key(text), frozenset())
    return frozenset(m.concept for m in _entity_matcher(None).find(text) if m.start == 0 and m.end == len(text))


#: :func:`~aligner.text.translit.skeleton`, memoised (a text's words recur, and it is read in Python).
_skeleton = lru_cache(maxsize=1 << 16)(skeleton)


def _word_close(a: str, b: str, *, strict: bool) -> bool:
    """Transliterated keys ``a`` (a name's word) and ``b`` (a text word) are one word, maybe inflected."""
    if not a or not b:
        return False
    if a == b:
        return True
    if len(a) < 4:  # short words must be equal
        return False
    if b.startswith(a) and len(b) - len(a) <= 4:
        return True
    if fuzz.ratio(a, b) >= (85 if strict else 75):
        return True
    sa = _skeleton(a)
    return len(sa) >= (3 if strict else 2) and sa == _skeleton(b)


@lru_cache(maxsize=1 << 16)
def _loosely_close(a: str, b: str) -> bool:
    # memoised: a name's words are compared with the same words of the other versions, unit after unit
    return _word_close(a, b, strict=False)


class VersionNames:
    """What one version says in one aligned unit, for looking names up: words, acronyms, entities, names.

    The answers of :meth:`literal`, :meth:`has` and :meth:`trace` are remembered per name (they
    depend on the name's text, words and kind only): one name is looked up in a version several times.
    """

    def __init__(self, texts: Sequence[tuple[str, bool]], language: str | None,
                 script: str | Callable[[], str]) -> None:
        """``texts``: (segment text, is heading or title); ``script``: the version's ISO 15924 script.

        ``script`` may be given as a function that reads it, called when it is first needed.
        """
        self.language = language
        self._script = script
        self.texts = [t for t, _ in texts]
        self._headings = [h for _, h in texts]
        # answers already given: ("literal" | "has" | "trace", text, acronym, words), ("acronym", word), ("close", word)
        self._memo: dict[tuple[object, ...], Any] = {}

    # What is needed to look names up is built on first use: most units have no name to look up.

    @cached_property
    def cased(self) -> bool:
        """The version is written in a script with case (so that names show)."""
        script = self._script
        return (script if isinstance(script, str) else script()) in _CASED_SCRIPTS

    @cached_property
    def mentions(self) -> list[NameMention]:
        """The names and acronyms of the version's texts, in order."""
        return [m for t, heading in zip(self.texts, self._headings)
                for m in extract_names(t, self.language, heading=heading)]

    @cached_property
    def _tokens(self) -> list[Token]:
        return [tok for t in self.texts for tok in tokenize(t)]

    @cached_property
    def acronyms(self) -> frozenset[str]:
        """The version's acronyms, dots and spaces dropped."""
        return frozenset(acronym_key(t.text) for t in self._tokens if t.acronym)

    @cached_property
    def entities(self) -> frozenset[str]:
        """The ids of the table's entities the version names (``data/entities.csv``)."""
        return frozenset(m.concept for t in self.texts for m in _entity_matcher(self.language).find(t))

    @cached_property
    def keys(self) -> list[tuple[Token, str]]:
        """Content words (short lower-case connectors left out) with their transliterations."""
        return [
            (tok, transliterate(tok.text)) for tok in self._tokens
            if not tok.acronym and not (tok.folded in CONNECTORS
                                        or (len(transliterate(tok.text)) <= 3 and not _capitalised(tok)))
        ]

    @cached_property
    def _key_list(self) -> list[str]:
        return [key for _, key in self.keys]

    @cached_property
    def _key_positions(self) -> dict[str, list[int]]:
        """Where each distinct key stands in :attr:`keys`."""
        out: dict[str, list[int]] = {}
        for p, key in enumerate(self._key_list):
            out.setdefault(key, []).append(p)
        return out

    def _close_keys(self, word: str) -> frozenset[str]:
        """The distinct keys here that ``word`` (transliterated) is close to (not strictly)."""
        memo = ("close", word)
        found = self._memo.get(memo)
        if found is None:
            found = self._memo[memo] = frozenset(
                key for key in self._key_positions if _loosely_close(word, key))
        return found

    @cached_property
    def own_names(self) -> list[NameMention]:
        """What could be a translated name here: its names; in German, every capitalised noun."""
        if self.language not in _NOUN_CAPITALISING:
            return self.mentions
        return [m for t, heading in zip(self.texts, self._headings) for m in extract_names(t, None, heading=heading)]

    def literal(self, m: NameMention) -> bool:
        """The name or acronym is written here as it is (acronyms: dots aside)."""
        memo = ("literal", m.text, m.acronym)
        found = self._memo.get(memo)
        if found is None:
            if m.acronym:
                found = self._has_acronym_key(acronym_key(m.text))
            else:
                found = any(_occurs(m.text, t) for t in self.texts)
            self._memo[memo] = found
        return found

    def has(self, m: NameMention) -> bool:
        """The name is here: literally, through the table of entities, or transliterated/inflected word by word."""
        memo = ("has", m.text, m.acronym, m.words)
        found = self._memo.get(memo)
        if found is None:
            found = self._memo[memo] = self._lookup(m)
        return found

    def _lookup(self, m: NameMention) -> bool:
        if self.literal(m):
            return True
        ids = entity_ids(m)
        if ids and not ids.isdisjoint(self.entities):  # the table is read only for a name in it
            return True
        if m.acronym:
            return False
        for w in m.words:  # the acronyms of a name must be here, as they are or through the table
            if _is_acronym_word(w) and not self._has_acronym(w):
                return False
        want = [transliterate(w) for w in m.words if not _is_acronym_word(w)]
        n = len(want)
        if not n:
            return True
        # The content words must follow one another, each close to its key: the windows are those
        # starting at a key close to the first word (close keys are found once per distinct key).
        keys = self._key_list
        last = len(keys) - n
        if last < 0:
            return False
        first = self._close_keys(want[0])
        if not first:
            return False
        starts = sorted(p for key in first for p in self._key_positions[key] if p <= last)
        for p in starts:
            if all(keys[p + i] in self._close_keys(want[i]) for i in range(1, n)):
                if n == 1 or fuzz.ratio("".join(want), "".join(keys[p:p + n])) >= 70:
                    return True
        return False

    def _has_acronym_key(self, key: str) -> bool:
        """``key`` is in :attr:`acronyms` (a text with no acronym of that key is not cut into words to tell)."""
        if not any(_may_hold(t, key) for t in self.texts):
            return False
        return key in self.acronyms

    def _has_acronym(self, word: str) -> bool:
        memo = ("acronym", word)
        found = self._memo.get(memo)
        if found is None:
            ids = _entity_ids(word, True)
            found = self._has_acronym_key(acronym_key(word)) or bool(ids and not ids.isdisjoint(self.entities))
            self._memo[memo] = found
        return found

    def trace(self, m: NameMention) -> bool:
        """Some of the name is here (one long word, or an acronym of it), as in a translated name."""
        memo = ("trace", m.text, m.acronym, m.words)
        found = self._memo.get(memo)
        if found is None:
            found = self._memo[memo] = self.has(m) or self._partial(m)
        return found

    def _partial(self, m: NameMention) -> bool:
        for w in m.words:
            if _is_acronym_word(w):
                if self._has_acronym(w) or self._acronym_trace(w):
                    return True
                continue
            key = transliterate(w)
            if len(key) >= 4 and any(_word_close(key, k, strict=True) for k in self._key_positions):
                return True
        return False

    def _acronym_trace(self, word: str) -> bool:
        """The acronym written in lower case as a word ("Bruger-id" for ID) or heading a compound ("SIGNALbesked")."""
        key = acronym_key(word)
        folded = key.casefold()
        return any(t.folded == folded or (len(key) >= 3 and t.text.startswith(key) and t.text[len(key):][:1].islower())
                   for t in self._tokens)


#: An acronym of any length (:func:`aligner.text.acronyms.is_acronym` without a limit; the glossary's
#: ``Token.acronym`` allows 8 letters, document grouping 6), memoised: words recur.
_is_acronym_word = lru_cache(maxsize=1 << 14)(is_acronym)


def unexplained(version: VersionNames, others: Iterable[VersionNames]) -> list[NameMention]:
    """This version's names and acronyms (German: capitalised words) that no other version has.

    They are candidates for the translation of a name the others keep.
    """
    others = list(others)
    return [m for m in version.own_names if not any(o.has(m) for o in others)]

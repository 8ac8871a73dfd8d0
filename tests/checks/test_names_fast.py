"""The fast names analysis (ENT001) answers exactly what the plain computation answers.

Every screen, memo and shortcut of :mod:`aligner.facts.names` and :mod:`aligner.checks.names` is
compared here with :mod:`tests.checks.names_reference` (the analysis as it was written before it
was made fast), on generated texts and alignments in several scripts and on the seed corpus with
names dropped, changed and added.
"""

from __future__ import annotations

import dataclasses
import random
import unicodedata
from functools import lru_cache

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.align import align_documents
from aligner.checks import names as checks
from aligner.documents import read_documents
from aligner.facts import names
from aligner.facts.glossary import tokenize
from aligner.model import Alignment, Document, Segment, SegmentKind, Unit
from tests.checks import names_reference as plain
from tests.conftest import SEEDS

#: Names, acronyms (dotted, with apostrophes, in the table of entities), their translations and
#: transliterations, common words, and words with marks, joiners and other rarities.
NAMES = ["Jane", "Goodall", "New", "York", "Bureau", "Labor", "Statistics", "Angela", "Merkel", "Microsoft",
         "Berlin", "Köln", "Cologne", "Straße", "Ørsted", "Москва", "Αθήνα", "Jungtinės", "Valstijos", "Nueva",
         "Customer", "Retention", "Envelope", "Pango", "November", "Monday", "Kundeservice"]
ACRONYMS = ["U.S.", "USA", "JAV", "NASA", "GTK", "ID", "X", "USA'S", "U.S.A.", "PATH", "SIGNAL", "EU", "UN", "TRUE",
            "KP", "CUPS", "SOCKSv5", "GIcon"]
OTHER = ["Džeinė", "Gudol", "జేన్", "గుడాల్", "యుఎస్", "స్టాటిస్టిక్స్", "బ్యూరో", "Гудолл", "Statistikos", "Statistics's",
         "Goodallas", "Bureaus", "Jungtinėse", "Valstijose", "SIGNALbesked", "Bruger-id", "NASA-Archiv"]
WORDS = ["the", "of", "and", "de", "von", "led", "by", "study", "goodall", "bureau", "statistics", "nasa", "id",
         "customer", "retention", "mandag", "in", "2016", "3", "labor", "ir", "ng", "signal", "envelope", "и"]
RARE = ["A\u0301B", "U\u200dSA", "Ⅻ", "ǅemal", "x'AB", "O'Neil", "l'Europe", "e\u0301", "ⅫA", "AB½", "İstanbul",
        "ﬁle", "ß", "Ǆ", "\u0301", "A.B", "a.b.", "Ab1", "’", "'", "ss"]
SEPARATORS = [" ", " ", " ", ", ", ". ", ": ", " - ", "\n", "? ", " (", ") ", "; ", "«", "»", "-"]
LANGUAGES = ["en", "de", "da", "lt", "te", "ru", "fr", None]

word = st.one_of(st.sampled_from(NAMES), st.sampled_from(ACRONYMS), st.sampled_from(OTHER),
                 st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(RARE))


@st.composite
def texts(draw: st.DrawFn, pool: list[str] | None = None) -> str:
    """A segment text: words (some from ``pool``, the names of its unit) and separators."""
    source = word if not pool else st.one_of(word, st.sampled_from(pool), st.sampled_from(pool))
    ws = draw(st.lists(source, min_size=1, max_size=9))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(ws), max_size=len(ws)))
    lead = draw(st.sampled_from(["", "", "The ", "Ifølge ", "3. ", "x "]))
    return lead + "".join(w + s for w, s in zip(ws, seps)).rstrip()


@st.composite
def alignments(draw: st.DrawFn) -> Alignment:
    """Three to five versions of two to four units sharing names (or not), some segments headings."""
    n_versions = draw(st.integers(3, 5))
    n_units = draw(st.integers(1, 4))
    languages = [draw(st.sampled_from(LANGUAGES)) for _ in range(n_versions)]
    segments: list[list[Segment]] = [[] for _ in range(n_versions)]
    bodies = [""] * n_versions
    units = []
    for _ in range(n_units):
        pool = draw(st.lists(st.one_of(st.sampled_from(NAMES), st.sampled_from(ACRONYMS), st.sampled_from(OTHER)),
                             min_size=1, max_size=3))
        ids = []
        for k in range(n_versions):
            count = draw(st.sampled_from([1, 1, 1, 2, 0]))
            mine = []
            for _ in range(count):
                text = draw(texts(pool))
                kind = draw(st.sampled_from([SegmentKind.SENTENCE] * 4 + [SegmentKind.HEADING, SegmentKind.TITLE]))
                start = len(bodies[k])
                bodies[k] += text + "\n"
                mine.append(len(segments[k]))
                segments[k].append(Segment(len(segments[k]), kind, text, len(segments[k]) + 1, 1, start,
                                           start + len(text)))
            ids.append(tuple(mine))
        units.append(Unit(tuple(ids), draw(st.sampled_from([1.0, 0.9, 0.3, 0.1]))))
    docs = tuple(Document(f"v{k}.txt", bodies[k], tuple(segments[k]), (), languages[k]) for k in range(n_versions))
    return Alignment(docs, tuple(units))


def _same_findings(alignment: Alignment) -> None:
    fast = [f.to_dict() for f in checks.check_names(alignment)]
    assert fast == [f.to_dict() for f in plain.check_names(alignment)]


# --------------------------------------------------------------------------- the whole check


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(alignment=alignments())
def test_check_names_answers_what_the_plain_check_answers(alignment: Alignment) -> None:
    _same_findings(alignment)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(alignment=alignments())
def test_the_units_sharing_a_key_are_those_the_plain_screen_keeps(alignment: Alignment) -> None:
    assert checks._units_sharing_a_key(alignment) == plain.units_sharing_a_key(alignment)


@lru_cache(maxsize=1)
def _seed_group() -> Alignment:
    return align_documents(read_documents([str(SEEDS)])).groups[0]


def _damaged(alignment: Alignment, seed: int) -> Alignment:
    """``alignment`` with names dropped, written in lower case, inflected, misspelt or added here and there."""
    rnd = random.Random(seed)
    docs = [list(d.segments) for d in alignment.documents]
    for unit in alignment.units:
        present = unit.present()
        if not present or rnd.random() < 0.3:
            continue
        k = rnd.choice(present)
        i = rnd.choice(unit.segments[k])
        seg = docs[k][i]
        found = plain.extract_names(seg.text, None)
        if not found:  # take one from another version
            j = rnd.choice(present)
            found_there = plain.extract_names(docs[j][rnd.choice(unit.segments[j])].text, None)
            if found_there:
                docs[k][i] = dataclasses.replace(seg, text=seg.text + " " + rnd.choice(found_there).text)
            continue
        m = rnd.choice(found)
        name = seg.text[m.start:m.end]
        cut = rnd.randrange(len(name))
        new = rnd.choice(["", name.lower(), name + "as", name.upper(), name.replace(" ", ""),
                          name[:cut] + rnd.choice("aeiouxZ") + name[cut + 1:]])
        docs[k][i] = dataclasses.replace(seg, text=seg.text[:m.start] + new + seg.text[m.end:])
    return Alignment(tuple(dataclasses.replace(d, segments=tuple(s)) for d, s in zip(alignment.documents, docs)),
                     alignment.units, alignment.signature)


def test_check_names_answers_what_the_plain_check_answers_on_the_damaged_seeds() -> None:
    group = _seed_group()
    _same_findings(group)
    found = 0
    for seed in range(4):
        damaged = _damaged(group, seed)
        _same_findings(damaged)
        found += len(plain.check_names(damaged))
    assert found  # the damage is seen: the comparison covers findings, not only their absence


# --------------------------------------------------------------------------- the screen of units


@settings(max_examples=500, deadline=None)
@given(parts=st.lists(texts(), min_size=1, max_size=5))
def test_name_keys_and_their_spans_are_the_plain_keys(parts: list[str]) -> None:
    for text in parts:
        assert names.name_keys(text) == plain.name_keys(text)
    joined = "\n".join(parts)
    starts, keys = names.name_key_spans(joined)
    assert set(keys) == plain.name_keys(joined)
    offsets = [sum(len(t) + 1 for t in parts[:i]) for i in range(len(parts))]
    for i, text in enumerate(parts):  # placed back by position, the keys are each text's own
        end = offsets[i] + len(text)
        assert {key for p, key in zip(starts, keys) if offsets[i] <= p < end} == plain.name_keys(text)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="AaBbSsUu.'’ \u0301\u200d1Ⅻǅ\n-", max_size=30))
def test_name_key_spans_on_any_text(text: str) -> None:
    starts, keys = names.name_key_spans(text)
    found = sorted(zip(starts, keys))
    want = sorted([(m.start(), m.group()) for m in names._CAPITAL_RUN.finditer(text)]
                  + [(m.start(), m.group().replace(".", "")) for m in names._DOTTED.finditer(text)]
                  + [(m.start(), plain.acronym_key(m.group())) for m in names._CAPITAL_APOSTROPHE.finditer(text)])
    assert found == want


def test_segment_units() -> None:
    rows = Alignment((), (Unit(((0,), (0, 1))), Unit(((1, 2), ())), Unit(((), (2,)))))
    rows = dataclasses.replace(rows, documents=tuple(Document(f"{k}", "", tuple(
        Segment(i, SegmentKind.SENTENCE, "", 1, 1, 0, 0) for i in range(3)), ()) for k in range(2)))
    assert checks._segment_units(rows, 0) == [0, 1, 1]
    assert checks._segment_units(rows, 1) == [0, 0, 2]
    odd = dataclasses.replace(rows, units=(Unit(((2,), (0, 1))), Unit(((0,), ()))))  # out of order, one left out
    assert checks._segment_units(odd, 0) == [1, -1, 0]


# --------------------------------------------------------------------------- the facts


@settings(max_examples=500, deadline=None)
@given(text=texts(), language=st.sampled_from(LANGUAGES), heading=st.booleans())
def test_extract_names_answers_what_the_plain_extraction_answers(text: str, language: str | None,
                                                                 heading: bool) -> None:
    assert names.extract_names(text, language, heading=heading) == plain.extract_names(text, language,
                                                                                        heading=heading)


@st.composite
def units(draw: st.DrawFn) -> list[tuple[list[tuple[str, bool]], str | None, str]]:
    pool = draw(st.lists(st.one_of(st.sampled_from(NAMES), st.sampled_from(ACRONYMS), st.sampled_from(OTHER)),
                         min_size=1, max_size=3))
    return [(draw(st.lists(st.tuples(texts(pool), st.booleans()), min_size=1, max_size=2)),
             draw(st.sampled_from(LANGUAGES)), draw(st.sampled_from(["Latn", "Latn", "Cyrl", "Telu", "Zyyy"])))
            for _ in range(draw(st.integers(2, 4)))]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(unit=units(), lazy_script=st.booleans())
def test_version_lookups_answer_what_the_plain_lookups_answer(
        unit: list[tuple[list[tuple[str, bool]], str | None, str]], lazy_script: bool) -> None:
    fast = [names.VersionNames(t, lang, (lambda s=script: s) if lazy_script else script) for t, lang, script in unit]
    slow = [plain.VersionNames(t, lang, script) for t, lang, script in unit]
    for f, s in zip(fast, slow):
        assert f.mentions == s.mentions and f.own_names == s.own_names and f.cased == s.cased
        assert f.acronyms == s.acronyms and f.keys == s.keys and f.entities == s.entities
    asked = [m for s in slow for m in s.own_names]
    asked += [dataclasses.replace(m, acronym=not m.acronym) for m in asked[:2]]  # and a kind never extracted
    for m in asked * 2:  # twice: the remembered answers are the same answers
        for f, s in zip(fast, slow):
            assert (f.literal(m), f.has(m), f.trace(m)) == (s.literal(m), s.has(m), s.trace(m)), (m, f.texts)
            assert names.entity_ids(m) == plain.entity_ids(m)
    for k, (f, s) in enumerate(zip(fast, slow)):
        assert names.unexplained(f, fast[:k] + fast[k + 1:]) == plain.unexplained(s, slow[:k] + slow[k + 1:])


@settings(max_examples=1000, deadline=None)
@given(a=st.text(alphabet="abcdeikstrnuo", max_size=9), b=st.text(alphabet="abcdeikstrnuo", max_size=11),
       strict=st.booleans())
def test_word_close_answers_what_the_plain_comparison_answers(a: str, b: str, strict: bool) -> None:
    assert names._word_close(a, b, strict=strict) == plain.word_close(a, b, strict=strict)
    assert names._word_close(a, a + b[:5], strict=strict) == plain.word_close(a, a + b[:5], strict=strict)


@settings(max_examples=500, deadline=None)
@given(token=st.text(alphabet="ABCUSabc.'’\u0301\u0308\u200c\u200d1½Ⅻ", min_size=1, max_size=8))
def test_a_text_with_an_acronym_matches_its_screen(token: str) -> None:
    """:func:`names._may_hold` lets every text through that holds a word of the acronym key."""
    for text in (token, f"x {token} y", f"({token}),"):
        for t in tokenize(text):
            if t.acronym:
                assert names._may_hold(text, names.acronym_key(t.text))


def test_no_word_holds_white_space() -> None:
    """What the screens rely on: no letter, mark, digit, joiner, dot or apostrophe is white space."""
    word_chars = regex.compile(r"[\p{L}\p{M}\p{N}\u200c\u200d.'’]")
    space = regex.compile(r"\s")
    for cp in range(0x110000):
        ch = chr(cp)
        if word_chars.match(ch):
            assert not ch.isspace() and not space.match(ch), hex(cp)
    assert unicodedata.category("\u200d") == "Cf"


LOWER_CASE_ALPHABET = "AaBbßſKkİıΣσς.'’ \t\u00a0\u2028\nx\u200d\u0301\u0308éeÉﬁ"


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.one_of(texts(), st.text(alphabet=LOWER_CASE_ALPHABET, max_size=12)), max_size=6))
def test_lower_case_words_are_the_plain_ones(parts: list[str]) -> None:
    want = plain.lower_case_words(parts)
    assert checks._lower_case_words(parts) == want
    lower = checks._LowerCase(parts)
    asked = {plain.fold(t.text) for text in parts for t in tokenize(text)} | {"", "a", "ss", "strasse", "goodall"}
    for f in sorted(asked):  # the folded words of the texts (in any case), and others
        assert lower.has(f) == (f in want), f


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet="aeAEoO\u0301\u0302\u0323\u0308\u0327\u1100\u1161\u11a8\uac00\u0b47\u0b3e "
                            "\u0ccb\u0cd5\u0cbf", max_size=12), start=st.integers(0, 12), end=st.integers(0, 12))
def test_a_piece_of_a_text_in_nfc_is_in_nfc(text: str, start: int, end: int) -> None:
    """What :class:`checks._LowerCase` relies on: a word of a text in NFC is in NFC."""
    text = unicodedata.normalize("NFC", text)
    assert unicodedata.is_normalized("NFC", text[start:end])


def test_no_character_folds_to_nothing() -> None:
    """What :class:`checks._LowerCase` relies on: a text folds to as many characters as it has, or more."""
    assert all(chr(cp).casefold() for cp in range(0x110000) if not 0xD800 <= cp < 0xE000)

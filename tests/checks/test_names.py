"""The names analysis (ENT001) and the facts it reads, with the answers written out.

Tables give texts, views of a unit and small alignments with what :mod:`aligner.facts.names` and
:mod:`aligner.checks.names` must answer (checked by hand); the seed corpus with names dropped, changed
and added has its findings written out too. Generated texts and alignments in several scripts keep
property tests: the screens and memos must agree with the definitions they shortcut, written out here
or in the module (``_lower_case_words``). The end-to-end cases of ENT001 are in ``tests/checks/cases/``.
"""

from __future__ import annotations

import dataclasses
import random
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.align import align_documents
from aligner.checks import names as checks
from aligner.documents import read_documents
from aligner.facts import names
from aligner.facts.glossary import _fold, tokenize, word_set
from aligner.model import Alignment, Document, Segment, SegmentKind, Unit
from tests.conftest import SEEDS, make_document

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


DA = "Kundeservicemedarbejdere tjente $ 32.300 i 2016, ifølge U.S. Bureau of Labor Statistics."
TL = "Ang mga kinatawan ay nakakuha ng $ 32,300 sa 2016, ayon sa U.S. Bureau of Labor Statistics."
TE = "US బ్యూరో ఆఫ్ లేబర్ స్టాటిస్టిక్స్ ప్రకారం, ప్రతినిధులు 2016 లో $ 32,300 సంపాదించారు."
EN = "Representatives earned $ 32,300 in 2016, according to the U.S. Bureau of Labor Statistics."
LT_JAV = "Pasak JAV darbo statistikos biuro, atstovai 2016 m. uždirbo 32 300 JAV dolerių."  # JAV = U.S.
LT_NONE = "Klientų aptarnavimo atstovai 2016 m. uždirbo 32 300 dolerių."
BUREAU = "U.S. Bureau of Labor Statistics"


def one_unit(texts: dict[str, tuple[str, str]], score: float = 1.0, kind: SegmentKind = SegmentKind.SENTENCE,
             ) -> Alignment:
    """One unit of one segment per version (name -> (language, text))."""
    docs = tuple(make_document(f"{name}.txt", lang, [text]) for name, (lang, text) in texts.items())
    docs = tuple(dataclasses.replace(d, segments=tuple(dataclasses.replace(s, kind=kind) for s in d.segments))
                 for d in docs)
    return Alignment(docs, (Unit(tuple((0,) for _ in docs), score),))


#: name: (alignment, the units sharing a key, the findings as (version, name, unit))
CHECK_NAMES = {
    # the Latin-script version without a trace of the bureau: the name and both spellings of its acronym
    "dropped": (one_unit({"da": ("da", DA), "tl": ("tl", TL), "te": ("te", TE), "lt": ("lt", LT_NONE)}), [0],
                [("lt", "U.S.", 0), ("lt", BUREAU, 0), ("lt", "US", 0)]),
    "translated": (one_unit({"da": ("da", DA), "tl": ("tl", TL), "te": ("te", TE), "lt": ("lt", LT_JAV)}), [0], []),
    "weak_unit": (one_unit({"da": ("da", DA), "tl": ("tl", TL), "te": ("te", TE), "lt": ("lt", LT_NONE)}, score=0.1),
                  [0], []),
    "two_versions": (one_unit({"da": ("da", DA), "lt": ("lt", LT_NONE)}), [], []),
    # Telugu has no case: a name it lacks is not blamed on it
    "uncased_version_lacks_it": (one_unit({"da": ("da", DA), "tl": ("tl", TL), "en": ("en", EN),
                                           "te": ("te", "ప్రతినిధులు 2016 లో $ 32,300 సంపాదించారు.")}), [0], []),
    # two of five versions have it: no majority
    "minority": (one_unit({"da": ("da", DA), "tl": ("tl", TL), "lt": ("lt", LT_NONE),
                           "lt2": ("lt", "Atstovai 2016 m. uždirbo 32 300 dolerių."),
                           "en": ("en", "Representatives earned $ 32,300 in 2016.")}), [0], []),
    # headings yield acronyms only
    "heading": (one_unit({"da": ("da", "Lønninger ifølge Bureau of Labor Statistics (BLS)"),
                          "tl": ("tl", "Suweldo ayon sa Bureau of Labor Statistics (BLS)"),
                          "en": ("en", "Wages according to Bureau of Labor Statistics (BLS)"),
                          "lt": ("lt", "Darbo užmokestis")}, kind=SegmentKind.HEADING), [0], [("lt", "BLS", 0)]),
}


@pytest.mark.parametrize("name", list(CHECK_NAMES))
def test_check_names(name: str) -> None:
    alignment, units, expected = CHECK_NAMES[name]
    assert checks._units_sharing_a_key(alignment) == units
    assert [(f.path.removesuffix(".txt"), f.evidence["value"], f.unit) for f in checks.check_names(alignment)] \
        == expected


MINORITY = {"da": ("da", DA), "tl": ("tl", TL), "lt": ("lt", LT_NONE),
            "lt2": ("lt", "Atstovai 2016 m. uždirbo 32 300 dolerių."),
            "en": ("en", "Representatives earned $ 32,300 in 2016.")}


@pytest.mark.parametrize(("source", "expected"), [
    # the source (da) has the name: every cased translation without a trace of it is blamed, majority or not
    (0, [("en", BUREAU), ("lt", BUREAU), ("lt2", BUREAU)]),
    # the source (en) lacks it: the translations that add it are not outvoted, nobody lacks it
    (4, []),
    # no source: two of five have it, no majority, no finding
    (None, []),
])
def test_check_names_answers_to_the_source(source: int | None, expected: list) -> None:
    found = checks.check_names(one_unit(MINORITY), source)
    bureau = {(f.path.removesuffix(".txt"), f.evidence["value"]) for f in found if f.evidence["value"] == BUREAU}
    assert sorted(bureau) == expected
    if source is not None:
        assert all(f.path != f"{list(MINORITY)[source]}.txt" for f in found)


def test_check_names_never_blames_the_source() -> None:
    """The "dropped" unit with the version that lacks the name as the source: no finding at all."""
    alignment = one_unit({"da": ("da", DA), "tl": ("tl", TL), "te": ("te", TE), "lt": ("lt", LT_NONE)})
    assert checks.check_names(alignment, 3) == []
    assert [f.path for f in checks.check_names(alignment)] == ["lt.txt"] * 3


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(alignment=alignments())
def test_check_names_blames_cased_versions_of_shared_units(alignment: Alignment) -> None:
    """On generated alignments: a finding is in a unit sharing a key, blames a version present there, and
    the same findings come when asked again (the memos change no answer)."""
    shared = set(checks._units_sharing_a_key(alignment))
    first = checks.check_names(alignment)
    for f in first:
        assert f.unit in shared
        k = [d.path for d in alignment.documents].index(f.path)
        assert alignment.units[f.unit].segments[k]
    assert [f.to_dict() for f in checks.check_names(alignment)] == [f.to_dict() for f in first]


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(alignment=alignments())
def test_the_units_sharing_a_key_are_those_where_two_versions_write_one(alignment: Alignment) -> None:
    """The screen reads whole documents at once; by definition a unit passes when two of its versions'
    texts there have a name key in common."""
    want = []
    for u_idx, unit in enumerate(alignment.units):
        keys = [set().union(*(names.name_keys(alignment.documents[k].segments[i].text) for i in ids))
                for k, ids in enumerate(unit.segments)]
        if any(keys[a] & keys[b] for a in range(len(keys)) for b in range(a + 1, len(keys))):
            want.append(u_idx)
    assert checks._units_sharing_a_key(alignment) == want


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
        found = names.extract_names(seg.text, None)
        if not found:  # take one from another version
            j = rnd.choice(present)
            found_there = names.extract_names(docs[j][rnd.choice(unit.segments[j])].text, None)
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


#: Per damage seed, the findings on the damaged seed group as (file, name, unit).
DAMAGED_SEEDS = {0: [], 1: [], 2: [("000_f8214269fd0884a9.txt", "U.S.", 30)], 3: []}


def test_check_names_on_the_damaged_seeds() -> None:
    group = _seed_group()
    assert checks.check_names(group) == []
    assert checks._units_sharing_a_key(group) == [27, 30]
    for seed, expected in DAMAGED_SEEDS.items():
        damaged = _damaged(group, seed)
        assert [(Path(f.path).name, f.evidence["value"], f.unit) for f in checks.check_names(damaged)] == expected


# --------------------------------------------------------------------------- the screen of units


#: text: its name keys (capital runs, dotted acronyms without dots, acronyms with an apostrophe as one key)
NAME_KEYS = {
    "ifølge U.S. Bureau of Labor Statistics": ["Bureau", "Labor", "S", "Statistics", "U", "US"],
    "Pasak JAV darbo statistikos biuro": ["JAV", "Pasak"],
    "US బ్యూరో ఆఫ్ లేబర్ స్టాటిస్టిక్స్ ప్రకారం": ["US"],
    "The study was led by Jane Goodall in New York.": ["Goodall", "Jane", "New", "The", "York"],
    "Straße in Berlin: SOCKSv5 and GIcon": ["Berlin", "GIcon", "SOCKSv5", "Straße"],
    "USA'S first O'Neil": ["Neil", "O", "ONeil", "S", "USA", "USAS"],
    "l'Europe": ["Europe"],
    "no capitals at all": [],
}


@pytest.mark.parametrize("text", list(NAME_KEYS))
def test_name_keys(text: str) -> None:
    assert sorted(names.name_keys(text)) == NAME_KEYS[text]


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(texts(), min_size=1, max_size=5))
def test_name_key_spans_are_each_texts_name_keys(parts: list[str]) -> None:
    joined = "\n".join(parts)
    starts, keys = names.name_key_spans(joined)
    assert set(keys) == names.name_keys(joined)
    offsets = [sum(len(t) + 1 for t in parts[:i]) for i in range(len(parts))]
    for i, text in enumerate(parts):  # placed back by position, the keys are each text's own
        end = offsets[i] + len(text)
        assert {key for p, key in zip(starts, keys) if offsets[i] <= p < end} == names.name_keys(text)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="AaBbSsUu.'’ \u0301\u200d1Ⅻǅ\n-", max_size=30))
def test_name_key_spans_on_any_text(text: str) -> None:
    starts, keys = names.name_key_spans(text)
    found = sorted(zip(starts, keys))
    want = sorted([(m.start(), m.group()) for m in names._CAPITAL_RUN.finditer(text)]
                  + [(m.start(), m.group().replace(".", "")) for m in names._DOTTED.finditer(text)]
                  + [(m.start(), names.acronym_key(m.group())) for m in names._CAPITAL_APOSTROPHE.finditer(text)])
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


#: (text, language, heading): the names found as (text, acronym). A capitalised first word of a
#: sentence is no evidence of a name; a heading yields acronyms only.
EXTRACT_NAMES = [
    ("ifølge U.S. Bureau of Labor Statistics", "da", False, [("U.S.", True), (BUREAU, False)]),
    ("Pasak JAV darbo statistikos biuro", "lt", False, [("JAV", True)]),
    ("US బ్యూరో ఆఫ్ లేబర్ స్టాటిస్టిక్స్ ప్రకారం", "te", False, [("US", True)]),
    ("The study was led by Jane Goodall in New York.", "en", False, [("Jane Goodall", False), ("New York", False)]),
    ("Customer Retention", "en", True, []),
    ("Wages according to Bureau of Labor Statistics (BLS)", "en", True, [("BLS", True)]),
    ("Straße in Berlin: SOCKSv5 and GIcon", None, False, [("Berlin", False), ("GIcon", False)]),
    ("USA'S first O'Neil", "en", False, [("USA'S", True), ("O'Neil", False)]),
    ("l'Europe", "fr", False, []),
]


@pytest.mark.parametrize(("text", "language", "heading", "expected"), EXTRACT_NAMES)
def test_extract_names(text: str, language: str | None, heading: bool, expected: list) -> None:
    assert [(m.text, m.acronym) for m in names.extract_names(text, language, heading=heading)] == expected


#: One unit's versions (texts, language, script) and, per name of the Danish version, each version's
#: (literal, has, trace): written as it is, present (by the table of entities, transliterated), a trace of it.
VIEW_UNIT = [([(DA, False)], "da", "Latn"), ([(LT_JAV, False)], "lt", "Latn"), ([(TE, False)], "te", "Telu"),
             ([(LT_NONE, False)], "lt", "Latn")]
VIEW_ANSWERS = {
    "U.S.": [(True, True, True), (False, True, True), (True, True, True), (False, False, False)],
    BUREAU: [(True, True, True), (False, False, True), (False, True, True), (False, False, False)],
}


@pytest.mark.parametrize("lazy_script", [False, True])
def test_version_lookups(lazy_script: bool) -> None:
    views = [names.VersionNames(t, lang, (lambda s=script: s) if lazy_script else script)
             for t, lang, script in VIEW_UNIT]
    assert [v.cased for v in views] == [True, True, False, True]
    assert [sorted(v.acronyms) for v in views] == [["US"], ["JAV"], ["US"], []]
    mentions = names.extract_names(DA, "da")
    assert [m.text for m in mentions] == list(VIEW_ANSWERS)
    for m in mentions * 2:  # twice: the remembered answers are the same answers
        assert [(v.literal(m), v.has(m), v.trace(m)) for v in views] == VIEW_ANSWERS[m.text]
    assert [sorted(names.entity_ids(m)) for m in mentions] == [["US"], []]
    for k, v in enumerate(views):
        assert names.unexplained(v, views[:k] + views[k + 1:]) == []


@st.composite
def units(draw: st.DrawFn) -> list[tuple[list[tuple[str, bool]], str | None, str]]:
    pool = draw(st.lists(st.one_of(st.sampled_from(NAMES), st.sampled_from(ACRONYMS), st.sampled_from(OTHER)),
                         min_size=1, max_size=3))
    return [(draw(st.lists(st.tuples(texts(pool), st.booleans()), min_size=1, max_size=2)),
             draw(st.sampled_from(LANGUAGES)), draw(st.sampled_from(["Latn", "Latn", "Cyrl", "Telu", "Zyyy"])))
            for _ in range(draw(st.integers(2, 4)))]


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(unit=units())
def test_version_lookups_do_not_depend_on_memos_or_a_lazy_script(
        unit: list[tuple[list[tuple[str, bool]], str | None, str]]) -> None:
    eager = [names.VersionNames(t, lang, script) for t, lang, script in unit]
    lazy = [names.VersionNames(t, lang, lambda s=script: s) for t, lang, script in unit]
    for e, z in zip(eager, lazy):
        assert e.mentions == z.mentions and e.own_names == z.own_names and e.cased == z.cased
    asked = [m for e in eager for m in e.own_names]
    asked += [dataclasses.replace(m, acronym=not m.acronym) for m in asked[:2]]  # and a kind never extracted
    first = [[(e.literal(m), e.has(m), e.trace(m)) for e in eager] for m in asked]
    assert [[(z.literal(m), z.has(m), z.trace(m)) for z in lazy] for m in asked] == first
    assert [[(e.literal(m), e.has(m), e.trace(m)) for e in eager] for m in asked] == first


#: (a, b): whether the folded words are close (strict, loose): inflected, transliterated, or not
WORD_CLOSE = {
    ("goodall", "goodallas"): (True, True),
    ("goodall", "gudol"): (True, True),
    ("statistics", "statistikos"): (True, True),
    ("bureau", "biuro"): (False, True),
    ("nasa", "nasos"): (False, True),
    ("merkel", "merkelis"): (True, True),
    ("ab", "abc"): (False, False),
}


@pytest.mark.parametrize(("a", "b"), list(WORD_CLOSE))
def test_word_close(a: str, b: str) -> None:
    assert (names._word_close(a, b, strict=True), names._word_close(a, b, strict=False)) == WORD_CLOSE[a, b]


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


def lower_case_words(texts: list[str]) -> frozenset[str]:
    """The definition: the folded forms of the words of the texts that start with a lower-case letter."""
    return frozenset(_fold(w) for w in word_set("\n".join(texts)) if w[:1].islower())


#: texts: their lower-case words, folded
LOWER_CASE_WORDS = [
    (["The bureau of labor statistics", "Bureau of Labor Statistics"], ["bureau", "labor", "of", "statistics"]),
    (["Straße und STRASSE", "strasse"], ["strasse", "und"]),
    (["İstanbul ıı", "ﬁle ǅemal"], ["file", "ıı"]),
    ([], []),
]


@pytest.mark.parametrize(("texts", "expected"), LOWER_CASE_WORDS)
def test_lower_case_words(texts: list[str], expected: list[str]) -> None:
    assert sorted(checks._lower_case_words(texts)) == expected == sorted(lower_case_words(texts))


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.one_of(texts(), st.text(alphabet=LOWER_CASE_ALPHABET, max_size=12)), max_size=6))
def test_lower_case_words_and_their_lookup_keep_the_definition(parts: list[str]) -> None:
    want = lower_case_words(parts)
    assert checks._lower_case_words(parts) == want
    lower = checks._LowerCase(parts)
    asked = {_fold(t.text) for text in parts for t in tokenize(text)} | {"", "a", "ss", "strasse", "goodall"}
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

"""Glossaries: TBX and CSV input (same concepts from both), term kinds, morphology-tolerant matching."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.errors import InputError
from aligner.facts.glossary import (
    NAME,
    TERM,
    Glossary,
    Term,
    TermMatcher,
    guess_kind,
    load_glossary,
    parse_csv_glossary,
    parse_tbx,
    statistics_glossary,
)
from tests.conftest import ROOT

CORPUS_TBX = ROOT / "corpora" / "glossary.tbx"
CORPUS_CSV = ROOT / "corpora" / "glossary.csv"


def _texts(glossary: Glossary, cid: str, lang: str, *, forbidden: bool) -> list[str]:
    c = glossary.concept(cid)
    return [t.text for t in (c.forbidden(lang) if forbidden else c.allowed(lang))]


# --------------------------------------------------------------------------- the corpus glossary


def test_corpus_tbx_and_csv_hold_the_same_concepts() -> None:
    tbx, csv_ = load_glossary(CORPUS_TBX), load_glossary(CORPUS_CSV)
    assert [c.id for c in tbx.concepts] == [c.id for c in csv_.concepts]
    assert tbx.concepts == csv_.concepts  # terms, languages, forbidden flags, kinds and notes
    assert {"customer-service-department", "customer-retention", "public-relations", "company-culture", "sales",
            "median", "percentile", "bls"} <= {c.id for c in tbx.concepts}
    assert set(tbx.languages) == {"en", "lt", "da", "tl", "te"}
    assert tbx.source == str(CORPUS_TBX)


@pytest.mark.parametrize("path", [CORPUS_TBX, CORPUS_CSV], ids=["tbx", "csv"])
def test_corpus_glossary_forbids_the_wrong_terms_the_seeds_use(path: Path) -> None:
    g = load_glossary(path)
    assert "vidutiniškai" in _texts(g, "median", "lt", forbidden=True)
    assert "gennemsnitlig" in _texts(g, "median", "da", forbidden=True)
    assert "median" in _texts(g, "median", "tl", forbidden=False)
    assert "serbisyong kolehiyo" in _texts(g, "customer-service", "tl", forbidden=True)
    assert g.concept("bls").allowed("da")[0].kind == NAME
    assert g.concept("bls").allowed("lt")[0].kind == TERM  # "JAV darbo statistikos biuras" inflects


# --------------------------------------------------------------------------- CSV


def test_csv_variants_forbidden_escapes_and_columns() -> None:
    text = (
        "# a comment line, ignored\n"
        "id,en,lt,fil,en-US,note,kind\n"
        "median,median,mediana|medianinis|!vidutiniškai,median,,the middle value,\n"
        ",pipe \\| term,\\!bang,,,,term\n"
        "org,World Bank,Pasaulio bankas,,World Bank,,name\n"
    )
    g = parse_csv_glossary(text, "g.csv")
    assert [c.id for c in g.concepts] == ["median", "pipe | term", "org"]
    median = g.concept("median")
    assert [t.text for t in median.allowed("lt")] == ["mediana", "medianinis"]
    assert median.forbidden("lt") == (Term("vidutiniškai", "lt", True, TERM),)
    assert median.allowed("tl") == (Term("median", "tl", False, TERM),)  # fil is read as tl
    assert median.note == "the middle value"
    assert g.concept("pipe | term").allowed("lt")[0].text == "!bang"
    org = g.concept("org")
    assert org.allowed("en") == (Term("World Bank", "en", False, NAME),)  # en and en-US merge, no duplicate
    assert org.allowed("lt")[0].kind == NAME  # the kind column wins over the guess


def test_tsv_is_read_with_tabs(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("id\ten\tda\nsales\tsales, revenue\tsalg\n", encoding="utf-8")
    g = load_glossary(path)
    assert g.concept("sales").allowed("en")[0].text == "sales, revenue"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("id,en,langue\nx,a,b\n", "unknown column 'langue'"),
        ("id,note\nx,y\n", "no language column"),
        ("id,en\nx,a\nx,b\n", "used twice"),
        ("id,en,kind\nx,a,thing\n", "kind must be"),
        ("id,en\nx,a,b,c\n", "row 2 has 4 cells"),
        ("id,en\n", "no terms"),
    ],
)
def test_csv_errors_name_the_file_and_the_fault(text: str, fragment: str) -> None:
    with pytest.raises(InputError) as err:
        parse_csv_glossary(text, "bad.csv")
    assert err.value.path == "bad.csv"
    assert fragment in err.value.message


# --------------------------------------------------------------------------- TBX

TBX_V2 = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="median">
      <descrip type="definition">the middle value</descrip>
      <descrip type="subjectField">statistics</descrip>
      <langSet xml:lang="en-US"><tig><term>median</term></tig></langSet>
      <langSet xml:lang="lt">
        <tig><term>mediana</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <ntig><termGrp><term>vidutiniškai</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp></ntig>
        <tig><term>vidutinis</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></tig>
      </langSet>
      <langSet xml:lang="da"><tig><term>gennemsnitlig</term>
        <termNote type="normativeAuthorization">deprecatedTerm</termNote></tig>
        <tig><term>median</term><termNote type="normativeAuthorization">admittedTerm</termNote></tig></langSet>
      <someVendorThing>ignored</someVendorThing>
    </termEntry>
    <termEntry id="bls">
      <langSet xml:lang="en"><tig><term>Bureau of <hi>Labor</hi> Statistics</term>
        <termNote type="partOfSpeech">properNoun</termNote></tig>
        <tig><term>BLS</term><termNote type="termType">acronym</termNote></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""

TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Core" style="dct" xml:lang="en">
  <tbxHeader><fileDesc><sourceDesc><p>v3</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="median">
      <langSec xml:lang="en"><termSec><term>median</term></termSec></langSec>
      <langSec xml:lang="lt">
        <termSec><term>mediana</term></termSec>
        <termSec><term>vidutiniškai</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
        </termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_tbx_basic_v2() -> None:
    g = parse_tbx(TBX_V2.encode(), "v2.tbx")
    median = g.concept("median")
    assert median.note == "the middle value"
    assert [t.text for t in median.allowed("en")] == ["median"]  # en-US is en
    assert [t.text for t in median.allowed("lt")] == ["mediana"]
    assert [t.text for t in median.forbidden("lt")] == ["vidutiniškai", "vidutinis"]  # ntig/termGrp, superseded
    assert [t.text for t in median.forbidden("da")] == ["gennemsnitlig"]
    assert [t.text for t in median.allowed("da")] == ["median"]
    bls = g.concept("bls").allowed("en")
    assert [(t.text, t.kind) for t in bls] == [("Bureau of Labor Statistics", NAME), ("BLS", NAME)]


def test_tbx_v3_namespaced_concept_entries() -> None:
    g = parse_tbx(TBX_V3.encode(), "v3.tbx")
    assert [c.id for c in g.concepts] == ["median"]
    assert [t.text for t in g.concept("median").forbidden("lt")] == ["vidutiniškai"]
    assert g.concept("median").allowed("lt")[0].text == "mediana"


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"<martif><text><body><termEntry id='a'><langSet xml:lang='en'><tig><term>x</term></tig>"
         b"</langSet></termEntry></body></text>", "malformed TBX/XML at line 1"),
        (b"<html><body/></html>", "root element is <html>"),
        (b"<martif><text><body><termEntry><langSet><tig><term>x</term></tig></langSet></termEntry></body></text>"
         b"</martif>", "has no xml:lang"),
        (b"<martif><text><body></body></text></martif>", "no concepts"),
        (b"<martif><text><body><termEntry id='a'><langSet xml:lang='en'><tig><term>x</term></tig></langSet>"
         b"</termEntry><termEntry id='a'><langSet xml:lang='en'><tig><term>y</term></tig></langSet></termEntry>"
         b"</body></text></martif>", "used twice"),
    ],
    ids=["malformed", "not-tbx", "no-lang", "empty", "duplicate-id"],
)
def test_tbx_errors_name_the_file_and_the_fault(data: bytes, fragment: str) -> None:
    with pytest.raises(InputError) as err:
        parse_tbx(data, "bad.tbx")
    assert err.value.path == "bad.tbx"
    assert fragment in err.value.message


def test_tbx_entities_are_not_resolved() -> None:
    data = (b'<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<martif><text><body><termEntry id='a'><langSet xml:lang='en'><tig><term>&x;ok</term></tig>"
            b"</langSet></termEntry></body></text></martif>")
    g = parse_tbx(data, "xxe.tbx")
    assert "root" not in g.concept("a").allowed("en")[0].text


def test_load_glossary_refuses_unknown_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown glossary format"):
        load_glossary(tmp_path / "g.xlsx")
    with pytest.raises(InputError, match="no such glossary file"):
        load_glossary(tmp_path / "missing.tbx")
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("id,lt\nx,vidutini\xb9kai\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_glossary(bad)


@pytest.mark.parametrize(
    ("text", "kind"),
    [("U.S. Bureau of Labor Statistics", NAME), ("BLS", NAME), ("JAV", NAME), ("JAV darbo statistikos biuras", TERM),
     ("customer service", TERM), ("Median", TERM), ("Bureau of Labor Statistics", NAME), ("బ్యూరో ఆఫ్ లేబర్", TERM)],
)
def test_guess_kind(text: str, kind: str) -> None:
    assert guess_kind(text) == kind


# --------------------------------------------------------------------------- matching

MATCHES = [
    # (language, term, text, the surface found or None)
    ("lt", "klientų aptarnavimas", "Klientų aptarnavimo skyrius atlieka", "Klientų aptarnavimo"),
    ("lt", "klientų aptarnavimas", "už aukščiau nurodytą klientų aptarnavimą.", "klientų aptarnavimą"),
    ("lt", "vidutinis", "2016 m. Uždirbo vidutiniškai 32 300 JAV dolerių", "vidutiniškai"),
    ("lt", "mediana", "medianinis darbo užmokestis", "medianinis"),
    ("lt", "JAV darbo statistikos biuras", "Pasak JAV darbo statistikos biuro, klientų", "JAV darbo statistikos biuro"),
    ("lt", "klientų išlaikymas", "Kliento išlaikymas yra tiesiogiai susijęs", "Kliento išlaikymas"),
    ("lt", "procentas", "75 procentilis", None),
    ("da", "kundeservice", "Kundeserviceafdelingen spiller en vigtig rolle", "Kundeserviceafdelingen"),
    ("da", "gennemsnitlig", "i bytte for over gennemsnittet kundeservice", "gennemsnittet"),
    ("da", "salg", "som en direkte salgsagent", "salgsagent"),
    ("da", "salg", "på udsalget i dag", None),  # the tail of a compound is not the term
    ("da", "PR", "relateret til PR-funktionen", "PR"),
    ("da", "PR", "Prisen er lav", None),
    ("tl", "serbisyong kolehiyo", "para sa Mga Kinatawan ng Serbisyong Kolehiyo", "Serbisyong Kolehiyo"),
    ("tl", "relasyon sa publiko", "Mga Relasyong Pampubliko", None),
    ("tl", "relasyong pampubliko", "Mga Relasyong Pampubliko", "Relasyong Pampubliko"),
    ("tl", "relasyon sa publiko", "ang mga relasyong sa publiko", "relasyong sa publiko"),
    ("tl", "pagbebenta", "isang direktang benta ahente", "benta"),
    ("tl", "benta", "Pagbebenta", "Pagbebenta"),
    ("tl", "kultura ng kumpanya", "isang positibong kultura ng kumpanya.", "kultura ng kumpanya"),
    ("tl", "kinatawan", "ang katawan ng tao", None),  # infixes are not undone
    ("te", "కస్టమర్ సేవ", "కస్టమర్ సేవా విభాగం మనుగడలో", "కస్టమర్ సేవా"),
    ("te", "విభాగం", "ఒక కస్టమర్ సేవా విభాగాన్ని పోషిస్తున్న", "విభాగాన్ని"),
    ("te", "శాతం", "75 శాతాంశం", None),  # percent is not percentile
    ("te", "శాతం", "75 వ శాతం జీతం", "శాతం"),
    ("te", "madhyastha", "$ 32,300 యొక్క మధ్యస్థ వార్షిక", "మధ్యస్థ"),  # a Latin term through transliteration
    ("en", "median", "the media reported", None),
    ("en", "percent", "the 25th percentile", None),
    ("en", "sales", "wholesales rose", None),
    ("en", "U.S. Bureau of Labor Statistics", "ifølge U.S. Bureau of Labor Statistics.",
     "U.S. Bureau of Labor Statistics"),
    ("en", "U.S. Bureau of Labor Statistics", "ifølge u.s. bureau of labor statistics.", None),  # names keep case
    ("en", "customer service", "customer, service", None),  # punctuation breaks a term
    ("pl", "mediana", "wyniosła medianą", "medianą"),  # no stemmer: a bounded prefix
    ("pl", "mediana", "w mediach", None),
    ("zh", "中位数", "工资中位数为三万", "中位数"),  # no spaces between words: substring
    ("da", "%", "75% af dem", "%"),
]


@pytest.mark.parametrize(("lang", "term", "text", "want"), MATCHES, ids=[f"{m[0]}-{m[1]}-{m[3]}" for m in MATCHES])
def test_term_matching(lang: str, term: str, text: str, want: str | None) -> None:
    t = Term(term, lang, False, guess_kind(term))
    found = TermMatcher([("c", t)], lang).find(text)
    assert (found[0].text if found else None) == want
    for m in found:
        assert text[m.start:m.end] == m.text


def test_matcher_from_glossary_keeps_forbidden_apart() -> None:
    g = load_glossary(CORPUS_CSV)
    found = TermMatcher.for_glossary(g, "lt").find("Uždirbo vidutiniškai 32 300 JAV dolerių")
    assert [(m.concept, m.text, m.term.forbidden) for m in found] == [("median", "vidutiniškai", True)]
    assert TermMatcher.for_glossary(g, "lt", forbidden=False).find("Uždirbo vidutiniškai") == []


def test_statistics_data_has_the_required_languages_and_concepts() -> None:
    g = statistics_glossary()
    wanted = {"median", "average", "percentile", "percent", "thousand", "million", "billion"}
    assert wanted <= {c.id for c in g.concepts}
    for lang in ("en", "lt", "da", "tl", "te", "de", "fr"):
        for cid in ("median", "average", "percentile", "percent"):
            assert g.concept(cid).allowed(lang), (cid, lang)
    # "average" words are not forbidden for median: they are another concept
    assert not g.concept("median").forbidden("lt") and not g.concept("median").forbidden("da")
    assert [t.text for t in g.concept("billion").forbidden("da")] == ["billion"]  # the long-scale false friend


def _brute_force(matcher: TermMatcher, text: str) -> set[tuple[int, int, str]]:
    """Every entry tried at every word: what the screened, indexed :meth:`TermMatcher.find` must equal."""
    from aligner.facts.glossary import tokenize

    entries = {id(e): e for bucket in matcher._index.values() for e in bucket}.values()
    toks = tokenize(text)
    out = set()
    for i, tok in enumerate(toks):
        for e in entries:
            end = matcher._match_at(e, toks, i, text)
            if end is not None:
                out.add((tok.start, end, e.concept))
    for e in matcher._symbols:
        pos = text.find(e.symbols)
        while pos >= 0:
            out.add((pos, pos + len(e.symbols), e.concept))
            pos = text.find(e.symbols, pos + len(e.symbols))
    return out


@pytest.mark.parametrize("lang", ["lt", "da", "tl", "te", "en", "de", "es", "pl", None])
def test_screened_find_equals_trying_every_term_everywhere(lang: str | None) -> None:
    # The word memo and index only skip work: the matches are those of every entry tried at every word,
    # on a cold matcher and on one that has seen the texts before (memo answers), in any language's text.
    g = statistics_glossary()
    entries = [(c.id, t) for c in g.concepts for terms in c.terms.values() for t in terms]
    texts = [line for p in sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
             for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += ["Medianinis atlyginimas – 32 300; vidurkis 25 procentai.", "medianlønnen og 75. percentil",
              "ang panggitnang sahod (median) ay", "మధ్యస్థ జీతం 32,300 మీడియన్", "U.S. median wages, 2.5 million",
              "ang sahod sa karaniwan ay", "son mil millones de", "20 per cent, the arithmetic mean"]
    for morphology in (True, False):
        matcher = TermMatcher(entries, lang, morphology=morphology)
        for _ in range(2):
            for text in texts:
                got = {(m.start, m.end, m.concept) for m in matcher.find(text)}
                assert got == _brute_force(matcher, text), text


@pytest.mark.parametrize("lang", ["lt", "da", "tl", "te", "en", None])
def test_screen_names_every_text_find_matches_in(lang: str | None) -> None:
    g = statistics_glossary()
    entries = [(c.id, t) for c in g.concepts for terms in c.terms.values() for t in terms]
    texts = [line for p in sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
             for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += ["(median)", "medianen,", "sa karaniwan", "sa kanila", "75 %", "L'average\u00a0x", ""]
    matcher = TermMatcher(entries, lang)
    with_matches = {i for i, t in enumerate(texts) if TermMatcher(entries, lang).find(t)}
    screened = matcher.screen(texts)
    assert with_matches <= screened
    assert with_matches  # the texts do hold terms
    assert len(screened) < len(texts)  # and the screen leaves some out


def _screen_one_chunk_at_a_time(matcher: TermMatcher, texts: list[str]) -> set[int]:
    """The plain screen :meth:`TermMatcher.screen` must equal: each chunk judged alone by its words."""
    from aligner.facts.glossary import word_set

    out = {i for i, t in enumerate(texts) for e in matcher._symbols if e.symbols in t}
    if not matcher._index:
        return out
    joined = "\n".join(texts)
    hits = set()
    for chunk in set(joined.split()):
        words = word_set(chunk)
        matcher._learn(words)
        if not matcher._screen_words.isdisjoint(words):
            hits.add(chunk)
    return out | {i for i, t in enumerate(texts) if any(c in t for c in hits)}


_SCREEN_WORDS = ["median", "medianinis", "vidurkis", "75.", "percentil", "sa", "karaniwan", "మధ్యస్థ", "U.S.",
                 "million", "%", "procent", "Ærø", "x", "-", "(", ")", ",", "'s", "l'average"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_SCREEN_WORDS), max_size=8).map(
    lambda ws: "".join(w + sep for w, sep in zip(ws, [" ", "", "\u00a0", "\n", "  "] * 2))), max_size=12),
       st.sampled_from(["lt", "da", "tl", "te", "en", None]))
def test_bulk_chunk_screen_equals_judging_each_chunk_alone(texts: list[str], lang: str | None) -> None:
    g = statistics_glossary()
    entries = [(c.id, t) for c in g.concepts for terms in c.terms.values() for t in terms]
    bulk = TermMatcher(entries, lang)
    assert bulk.screen(texts) == _screen_one_chunk_at_a_time(TermMatcher(entries, lang), texts)
    assert bulk.screen(texts) == _screen_one_chunk_at_a_time(TermMatcher(entries, lang), texts)  # memo answers


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_SCREEN_WORDS + ["average", "percentile", "percent", "75", "thousand", "mil millones",
                                                 "sa karaniwan", "per cent", "arithmetic mean", "gennemsnitlig"]),
                max_size=14).map(
    lambda ws: "".join(w + sep for w, sep in zip(ws, [" ", "", "\u00a0", " - ", "  "] * 3))),
       st.sampled_from(["lt", "da", "tl", "te", "en", "es", None]))
def test_find_reads_tokens_only_where_a_term_starts(text: str, lang: str | None) -> None:
    # find() reads a text's words as strings and makes tokens only from a word that starts a term on:
    # the matches equal every entry tried at every token, and find() given the tokens
    from aligner.facts.glossary import tokenize

    g = statistics_glossary()
    entries = [(c.id, t) for c in g.concepts for terms in c.terms.values() for t in terms]
    matcher = TermMatcher(entries, lang)
    lazy = matcher.find(text)
    assert {(m.start, m.end, m.concept) for m in lazy} == _brute_force(matcher, text)
    assert lazy == matcher.find(text, tokenize(text))

"""The terms family: glossary terms (TRM001/TRM002), statistics words (STA001/STA002), names (ENT001).

Unit tests run on hand-made alignments (one unit per row, one segment per version); the seed
tests run once on the real alignment of the seed corpus, with and without the corpus glossary.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from aligner.align import align_documents
from aligner.checks import terms as terms_module  # noqa: F401  (registers the terms checks)
from aligner.checks.context import CheckContext
from aligner.checks.names import check_names
from aligner.checks.registry import REGISTRY
from aligner.checks.terms import check_statistics, check_terms
from aligner.documents import read_documents
from aligner.facts.glossary import Glossary, TermMatcher, load_glossary, parse_csv_glossary
from aligner.model import Alignment, Document, Finding, Segment, SegmentKind, Severity, Unit
from aligner.pipeline import CheckRun, check_paths
from tests.conftest import ROOT, SEEDS

CORPUS_TBX = ROOT / "corpora" / "glossary.tbx"
LT, DA, TL, TE = "000_f8214269fd0884a9.txt", "001_f556afaa5fda8b7f.txt", "002_7405d99d0319b2f2.txt", \
    "004_28bf82238f2b8943.txt"


def make_group(rows: list[dict[str, str]], *, kinds: list[SegmentKind] | None = None) -> Alignment:
    """An alignment with one unit per row; a row maps a language to that version's segment ('' = absent)."""
    langs = list(dict.fromkeys(lang for row in rows for lang in row))
    docs = []
    for lang in langs:
        segs, text, line = [], "", 1
        for r, row in enumerate(rows):
            if not row.get(lang):
                continue
            start = len(text)
            text += row[lang]
            kind = kinds[r] if kinds else SegmentKind.SENTENCE
            segs.append(Segment(len(segs), kind, row[lang], line, 1, start, len(text)))
            text += "\n"
            line += 1
        docs.append(Document(f"{lang}.txt", text, tuple(segs), (), lang))
    units, counters = [], dict.fromkeys(langs, 0)
    for row in rows:
        ids = []
        for lang in langs:
            if row.get(lang):
                ids.append((counters[lang],))
                counters[lang] += 1
            else:
                ids.append(())
        units.append(Unit(tuple(ids), 1.0))
    return Alignment(tuple(docs), tuple(units))


def codes(findings: list[Finding]) -> list[tuple[str, str]]:
    return sorted((f.code, f.path.split(".")[0]) for f in findings)


def glossary(text: str) -> Glossary:
    return parse_csv_glossary(text, "test.csv")


# --------------------------------------------------------------------------- registry


@pytest.mark.parametrize(
    ("code", "severity"),
    [("TRM001", Severity.MINOR), ("TRM002", Severity.MAJOR), ("ENT001", Severity.MINOR),
     ("STA001", Severity.MAJOR), ("STA002", Severity.MINOR)],
)
def test_registered(code: str, severity: Severity) -> None:
    cls = REGISTRY.get(code)
    assert cls.category == "entity" and cls.family == "terms" and cls.default_severity == severity
    assert "Bad:" in cls.description() and "Good:" in cls.description()


def test_severity_override_and_one_analysis_per_run() -> None:
    group = make_group([{"lt": "Uždirbo vidutiniškai 32 300 dolerių.", "tl": "Nakakuha ng median na $ 32,300.",
                         "te": "$ 32,300 యొక్క మధ్యస్థ వేతనం."}])
    ctx = CheckContext(groups=(group,))
    found = list(REGISTRY.get("STA001")(Severity.CRITICAL).run(ctx))
    assert [(f.code, f.severity, f.path) for f in found] == [("STA001", Severity.CRITICAL, "lt.txt")]
    assert "terms" in ctx.cache
    assert list(REGISTRY.get("STA002")().run(ctx)) == []


def test_glossary_of_another_type_is_refused() -> None:
    ctx = CheckContext(groups=(make_group([{"en": "a", "da": "b"}]),), glossary="corpora/glossary.tbx")
    with pytest.raises(TypeError, match="load_glossary"):
        list(REGISTRY.get("TRM001")().run(ctx))


# --------------------------------------------------------------------------- statistics words

STATS_CASES = [
    # (rows, expected (code, version) findings)
    pytest.param([{"en": "The median wage was $ 32,300.", "lt": "Uždirbo vidutiniškai 32 300 dolerių.",
                   "da": "en gennemsnitlig årsløn på $ 32.300", "tl": "median taunang suweldo na $ 32,300"}],
                 [("STA001", "da"), ("STA001", "lt")], id="median-to-average-majority"),
    pytest.param([{"lt": "Uždirbo vidutiniškai 32 300 dolerių.", "da": "en gennemsnitlig årsløn på $ 32.300",
                   "tl": "median taunang suweldo na $ 32,300", "te": "$ 32,300 యొక్క మధ్యస్థ వార్షిక వేతనం"}],
                 [("STA001", "da"), ("STA001", "lt")], id="median-to-average-tie"),
    pytest.param([{"lt": "už aukščiau nurodytą klientų aptarnavimą.", "da": "for over gennemsnittet kundeservice.",
                   "tl": "para sa itaas na average na serbisyo", "te": "ఎగువ సగటు కస్టమర్ సేవకు"}],
                 [], id="above-average-everywhere"),
    pytest.param([{"en": "The median is above the average.", "da": "Medianen ligger over gennemsnittet.",
                   "lt": "Mediana viršija vidurkį."}], [], id="both-words-in-all"),
    pytest.param([{"da": "en 25 percentile løn på 25.520 dollars, hvilket betyder 75 procent tjent mere",
                   "tl": "ng 25 porsyento na suweldo na $ 25,520, ibig sabihin ay 75 porsiyento ang nakakuha",
                   "te": "25,520 డాలర్ల జీతాన్ని పొందారు, అంటే 75 శాతం ఈ మొత్తం కంటే"}],
                 [("STA002", "tl")], id="percentile-to-percent-not-the-dropped-one"),
    pytest.param([{"en": "Sales reached 2 billion dollars.", "da": "Salget nåede 2 milliarder dollars.",
                   "de": "Der Umsatz erreichte 2 Milliarden Dollar."}], [], id="magnitudes-after-digits"),
    pytest.param([{"en": "Billions of people use it.", "da": "Milliarder af mennesker bruger det.",
                   "de": "Millionen Menschen nutzen es.", "fr": "Des milliards de personnes l'utilisent."}],
                 [("STA001", "de")], id="magnitude-word-changed"),
    pytest.param([{"en": "Sales reached 2 billion dollars.", "da": "Salget nåede 2 billioner dollars.",
                   "de": "Der Umsatz erreichte 2 Milliarden Dollar."}], [("STA001", "da")], id="false-friend"),
]


@pytest.mark.parametrize(("rows", "want"), STATS_CASES)
def test_statistics_words(rows: list[dict[str, str]], want: list[tuple[str, str]]) -> None:
    assert codes(check_statistics(make_group(rows))) == want


TIE = [{"lt": "Uždirbo vidutiniškai 32 300 dolerių.", "da": "en gennemsnitlig årsløn på $ 32.300",
        "tl": "median taunang suweldo na $ 32,300", "te": "$ 32,300 యొక్క మధ్యస్థ వార్షిక వేతనం"}]
ALONE = [{"en": "The median wage was $ 32,300.", "lt": "Uždirbo vidutiniškai 32 300 dolerių.",
          "da": "en gennemsnitlig årsløn på $ 32.300", "tl": "karaniwang suweldo na $ 32,300"}]


@pytest.mark.parametrize(("rows", "source", "want"), [
    # the source says median: the translations that say average are blamed, in a tie or alone against a majority
    (TIE, "tl", [("STA001", "da"), ("STA001", "lt")]),
    (ALONE, "en", [("STA001", "da"), ("STA001", "lt")]),
    # the source says average: it is never blamed, and no translation departs from it towards "average"
    (TIE, "lt", []),
    # a glossary term the source uses is missing from the translation that lacks it, majority or not
    ([{"lt": "pirmoji ryšių su visuomene linija", "da": "den første kontaktlinje", "tl": "ang unang linya",
       "te": "ప్రజలతో సంబంధాల మొదటి పంక్తి"}], "lt", [("TRM001", "da"), ("TRM001", "tl")]),
    # ... and none when the source lacks the term, however many translations use it
    ([{"en": "the first line", "lt": "pirmoji ryšių su visuomene linija", "da": "første linje i public relations",
       "te": "ప్రజా సంబంధాల మొదటి పంక్తి", "tl": "ang unang linya"}], "en", []),
])
def test_terms_answer_to_the_source(rows: list[dict[str, str]], source: str, want: list[tuple[str, str]]) -> None:
    group = make_group(rows)
    k = [d.language for d in group.documents].index(source)
    found = check_terms(group, RULES_GLOSSARY, source=k)
    assert codes([f for f in found if f.code != "ENT001"]) == want
    assert all(f.path != group.documents[k].path for f in found)


def test_statistics_finding_names_the_words_and_their_span() -> None:
    group = make_group(STATS_CASES[1].values[0])
    lt = next(f for f in check_statistics(group) if f.path == "lt.txt")
    doc = group.documents[0]
    assert doc.text[lt.start:lt.end] == "vidutiniškai" and lt.column == 1 + doc.text.index("vidutiniškai")
    assert lt.evidence["expected"] == "median" and lt.evidence["found"] == "average"
    assert lt.evidence["versions"]["te.txt"]["median"] == ["మధ్యస్థ"]
    assert lt.evidence["text"] == doc.segments[0].text
    assert lt.confidence == 0.7  # a tie: half the versions vouch for "median"
    assert "median" in lt.message and "'vidutiniškai'" in lt.message


# --------------------------------------------------------------------------- glossary terms

GLOSSARY = glossary(
    "id,en,lt,da,tl,te\n"
    "customer-service-department,customer service department,klientų aptarnavimo skyrius,kundeserviceafdeling,"
    "departamento ng serbisyo sa customer,కస్టమర్ సేవా విభాగం\n"
    "customer-service,customer service,klientų aptarnavimas,kundeservice,serbisyo sa customer|!serbisyong kolehiyo,"
    "కస్టమర్ సేవ\n"
    "median,median,mediana|!vidutiniškai,median|!gennemsnitlig,median,మధ్యస్థ\n"
    "percentile,percentile,procentilis,percentil,persentil|!porsyento,పర్సంటైల్|!శాతం\n"
)


def test_forbidden_variant_named_and_major() -> None:
    group = make_group([{"lt": "Uždirbo vidutiniškai 32 300 dolerių.", "da": "en gennemsnitlig årsløn på $ 32.300",
                         "tl": "median taunang suweldo na $ 32,300", "te": "$ 32,300 యొక్క మధ్యస్థ వేతనం"}])
    found = check_terms(group, GLOSSARY, names=False)
    assert codes(found) == [("TRM002", "da"), ("TRM002", "lt")]  # the statistics finding is covered, not repeated
    lt = next(f for f in found if f.path == "lt.txt")
    assert lt.severity == Severity.MAJOR and lt.evidence["found"] == "vidutiniškai" and lt.evidence["forbidden"]
    assert lt.evidence["versions"] == {"lt.txt": [], "da.txt": [], "tl.txt": ["median"], "te.txt": ["మధ్యస్థ"]}
    assert group.documents[0].text[lt.start:lt.end] == "vidutiniškai"


def test_missing_term_on_a_majority_and_nested_concepts_reported_once() -> None:
    group = make_group([
        {"lt": "Klientų aptarnavimo skyrius atlieka svarbų vaidmenį.",
         "da": "Kundeserviceafdelingen spiller en vigtig rolle.",
         "tl": "Ang isang service department ng customer ay may papel.",
         "te": "కస్టమర్ సేవా విభాగం ఒక ముఖ్యమైన పాత్రను పోషిస్తుంది."},
    ])
    found = check_terms(group, GLOSSARY, names=False)
    assert codes(found) == [("TRM001", "tl")]
    f = found[0]
    assert f.evidence["concept"] == "customer-service-department" and f.evidence["found"] is None
    assert f.severity == Severity.MINOR and f.confidence >= 0.8 and f.start == 0


def test_college_heading_is_a_forbidden_variant() -> None:
    group = make_group([{"lt": "2016 m. Atlyginimų informacija klientų aptarnavimo atstovams",
                         "da": "2016 Lønoplysninger til kundeservicer",
                         "tl": "2016 Impormasyon ng Salary para sa Mga Kinatawan ng Serbisyong Kolehiyo",
                         "te": "2016 కస్టమర్ సర్వీస్ ప్రతినిధుల కోసం జీతం సమాచారం"}],
                       kinds=[SegmentKind.HEADING])
    found = check_terms(group, GLOSSARY, names=False)
    assert [(f.code, f.path, f.evidence["found"]) for f in found] == [("TRM002", "tl.txt", "Serbisyong Kolehiyo")]


RULES_GLOSSARY = glossary(
    "id,en,lt,da,tl,te\n"
    "public-relations,public relations,ryšiai su visuomene,public relations|PR,relasyon sa publiko,ప్రజా సంబంధాలు\n"
    "customer-service-department,customer service department,klientų aptarnavimo skyrius,kundeserviceafdeling,"
    "departamento ng serbisyo sa customer,కస్టమర్ సేవా విభాగం\n"
    "customer-service,customer service,klientų aptarnavimas,kundeservice,serbisyo sa customer,కస్టమర్ సేవ\n"
)


@pytest.mark.parametrize(
    ("rows", "want"),
    [
        # half the versions use the concept: not enough to blame the others for a missing term
        ([{"lt": "pirmoji ryšių su visuomene linija", "da": "den første kontaktlinje", "tl": "ang unang linya",
           "te": "ప్రజలతో సంబంధాల మొదటి పంక్తి"}], []),
        # a language without a term for the concept is not blamed
        ([{"en": "the customer service department", "da": "kundeserviceafdelingen", "fr": "le service client"}], []),
        # of two versions, the one without the term is blamed (softly)
        ([{"en": "the customer service department", "da": "afdelingen for kunder"}], [("TRM001", "da")]),
        # an English term left in a Tagalog sentence is reported with the term
        ([{"lt": "klientų aptarnavimo reputaciją", "da": "ry for kundeservice",
           "tl": "reputasyon para sa customer service", "te": "కస్టమర్ సేవకు బలమైన"}], [("TRM001", "tl")]),
    ],
    ids=["tie-no-blame", "no-term-no-blame", "pair", "english-loan"],
)
def test_missing_term_rules(rows: list[dict[str, str]], want: list[tuple[str, str]]) -> None:
    found = check_terms(make_group(rows), RULES_GLOSSARY, names=False)
    assert codes(found) == want
    if want == [("TRM001", "tl")]:
        assert found[0].evidence["loan"] and found[0].evidence["found"] == "customer service"


def test_forbidden_word_excused_when_it_is_another_concepts_word_the_others_share() -> None:
    # Telugu శాతం ("percent") is forbidden for "percentile"; in "75 percent earned more" it is right.
    rows = [
        {"da": "en 25 percentile løn, hvilket betyder 75 procent tjent mere",
         "tl": "ng 25 porsyento na suweldo, ibig sabihin ay 75 porsiyento ang nakakuha",
         "te": "జీతాన్ని పొందారు, అంటే 75 శాతం ఈ మొత్తం కంటే"},
        {"da": "Den 75. percentile løn er $ 41.430, hvilket betyder 25 procent tjener mere.",
         "tl": "Ang 75 porsyento na suweldo ay $ 41,430, ibig sabihin ay 25 porsiyento ang kumita.",
         "te": "75 వ శాతం జీతం $ 41,430, అనగా 25 శాతం ఎక్కువ సంపాదించు."},
    ]
    found = check_terms(make_group(rows), GLOSSARY, names=False)
    assert sorted((f.code, f.path, f.unit) for f in found) == [
        ("TRM002", "te.txt", 1), ("TRM002", "tl.txt", 0), ("TRM002", "tl.txt", 1)]


# --------------------------------------------------------------------------- names

GOODALL = {"en": "The study was led by Jane Goodall in 2016.", "da": "Studiet blev ledet af Jane Goodall i 2016."}
NAME_CASES = [
    pytest.param([{**GOODALL, "lt": "Tyrimui 2016 m. vadovavo mokslininkė.",
                   "tl": "Ang pag-aaral ay pinangunahan ni Jane Goodall."}], [("ENT001", "lt")], id="dropped-name"),
    pytest.param([{**GOODALL, "lt": "Tyrimui 2016 m. vadovavo Džeinė Gudol.",
                   "te": "ఈ అధ్యయనానికి జేన్ గుడాల్ నాయకత్వం వహించారు."}], [], id="transliterated-names"),
    pytest.param([{"en": "according to the U.S. Bureau of Labor Statistics.",
                   "da": "ifølge U.S. Bureau of Labor Statistics.", "tl": "ayon sa U.S. Bureau of Labor Statistics.",
                   "lt": "Pasak JAV darbo statistikos biuro, atstovai uždirbo daugiau.",
                   "te": "US బ్యూరో ఆఫ్ లేబర్ స్టాటిస్టిక్స్ ప్రకారం, ప్రతినిధులు."}], [], id="translated-bureau"),
    pytest.param([{"en": "2,784,500 people worked in the U.S. as representatives.",
                   "da": "I 2016 var 2.784.500 personer ansat i USA som repræsentanter.",
                   "lt": "2016 m. JAV dirbo 2 784 500 žmonių.", "tl": "2,784,500 katao ang nagtatrabaho sa U.S."}],
                 [], id="translated-acronym"),
    pytest.param([{"de": "Die Kunden und die Mitarbeiter der Firma sind zufrieden.",
                   "en": "The customers and the employees of the company are happy.",
                   "nl": "De klanten en de medewerkers van het bedrijf zijn tevreden."}], [], id="german-nouns"),
    # one word changed is a trace: it cannot be told from a translation such as "Nueva York"
    pytest.param([{"en": "The report of the Bureau of Labor Statistics was late.",
                   "da": "Rapporten fra Bureau of Labor Statistics kom sent.",
                   "tl": "Ang ulat ng Bureau of Lager Statistics ay huli."}], [], id="one-word-changed"),
    pytest.param([{"en": "He later moved to New York City.", "fr": "Il s'est ensuite installé à New York.",
                   "es": "Luego se mudó a Nueva York.", "it": "Poi si è trasferito a New York."}], [],
                 id="translated-place"),
    pytest.param([{"en": "Chancellor Angela Merkel met Microsoft executives in Berlin.",
                   "de": "Die Bundeskanzlerin traf Führungskräfte in der Hauptstadt.",
                   "fr": "La chancelière Angela Merkel a rencontré à Berlin des dirigeants de Microsoft."}], [],
                 id="german-capitals-may-be-the-translation"),
    pytest.param([{"en": "Chancellor Angela Merkel met Microsoft executives in Berlin.",
                   "da": "Kansler Angela Merkel mødte ledere fra Microsoft i Berlin.",
                   "es": "La canciller se reunió con ejecutivos en la capital.",
                   "fr": "La chancelière Angela Merkel a rencontré à Berlin des dirigeants de Microsoft."}],
                 [("ENT001", "es"), ("ENT001", "es"), ("ENT001", "es")], id="three-names-dropped"),
    pytest.param([{"en": "Sales in Cologne grew.", "fr": "Les ventes à Cologne ont augmenté.",
                   "de": "Der Umsatz in Köln wuchs."}], [], id="translated-city"),
    # software messages (Debian's catalogs): acronyms written in lower case or heading a compound
    pytest.param([{"en": "The user ID is not valid.", "lt": "Naudotojo ID netinkamas.",
                   "de": "Die Benutzer-ID ist ungültig.", "da": "Bruger-id er ugyldigt."}], [],
                 id="acronym-in-lower-case"),
    pytest.param([{"en": "SIGNAL message: the PATH header is missing", "de": "SIGNAL-Nachricht: PATH fehlt",
                   "lt": "SIGNAL pranešimas: trūksta PATH", "da": "SIGNALmeddelelse: Teksthovedet PATH mangler"}], [],
                 id="acronym-heading-a-compound"),
    pytest.param([{"en": "Format %a %d %b %Y %H", "de": "Format %a %d %b %Y %H", "lt": "Formatas %a %d %b %Y %H",
                   "da": "Format %a %d %b %Y"}], [], id="one-letter-is-no-name"),
    pytest.param([{"en": "The release is due in November, on a Monday.", "lt": "Leidimas planuojamas lapkričio mėnesį.",
                   "de": "Die Veröffentlichung ist im November, an einem Montag.",
                   "da": "Udgivelsen kommer i November, en mandag."}], [], id="dates-are-no-names"),
    pytest.param([{"en": "Data from the NASA archive was used.", "de": "Daten aus dem NASA-Archiv wurden genutzt.",
                   "lt": "Naudoti NASA archyvo duomenys.", "da": "Data fra arkivet blev brugt."}],
                 [("ENT001", "da")], id="acronym-dropped"),
]


@pytest.mark.parametrize(("rows", "want"), NAME_CASES)
def test_names(rows: list[dict[str, str]], want: list[tuple[str, str]]) -> None:
    found = check_names(make_group(rows))
    assert codes(found) == want
    for f in found:
        assert f.category == "entity" and f.severity == Severity.MINOR and f.evidence["text"]


def test_names_in_headings_are_not_compared() -> None:
    rows = [{"en": "Customer Retention", "da": "Customer Retention", "lt": "Klientų išlaikymas",
             "tl": "Customer Retention"}]
    assert check_names(make_group(rows, kinds=[SegmentKind.HEADING])) == []
    assert codes(check_names(make_group(rows))) == []  # sentence-initial: not a name either


# --------------------------------------------------------------------------- the seed corpus


@lru_cache(maxsize=1)
def seed_group() -> Alignment:
    result = align_documents(read_documents([str(SEEDS)]))
    assert len(result.groups) == 1
    return result.groups[0]


@lru_cache(maxsize=1)
def seed_run_with_glossary() -> CheckRun:
    return check_paths([str(SEEDS)], glossary=load_glossary(CORPUS_TBX))


def _table(findings) -> set[tuple[str, str, int, str | None]]:  # noqa: ANN001
    return {(Path(f.path).name, f.code, f.line, f.evidence.get("found") if f.code != "STA002" else
             f.evidence["surface"]) for f in findings if f.category == "entity"}


def test_seeds_with_the_corpus_glossary_end_to_end() -> None:
    run = seed_run_with_glossary()
    assert _table(run.findings) == {
        (LT, "TRM002", 11, "vidutiniškai"),  # median -> "on average"
        (DA, "TRM002", 11, "gennemsnitlig"),  # median -> "average"
        (TL, "TRM002", 25, "Serbisyong Kolehiyo"),  # customer service -> college service
        (LT, "TRM002", 4, "Klientų saugojimas"),  # retention -> storage
        (DA, "TRM002", 5, "Kundens opbevaring"),  # retention -> storage
        (TL, "TRM001", 7, None),  # "isang service department ng customer"
        (LT, "TRM001", 9, None),  # "parduodant įmonę": selling the company, not the sales it makes
        (TL, "STA002", 27, "porsyento"),  # 25th percentile -> 25 percent (75 porsiyento is right)
        (TL, "STA002", 27, "porsyento"),
        (LT, "STA002", 11, "proc."),
        (TE, "STA002", 11, "శాతం"),
    }
    docs = {d.path: d for d in run.documents}
    for f in run.findings:
        if f.category == "entity" and f.evidence.get("found"):
            surface = f.evidence["surface"] if f.code.startswith("STA") else f.evidence["found"]
            assert docs[f.path].text[f.start:f.end] == surface
    assert not [f for f in run.findings if f.code == "STA001"]  # the glossary findings cover median/average


def test_seeds_no_correct_term_is_flagged() -> None:
    g = load_glossary(CORPUS_TBX)
    run = seed_run_with_glossary()
    group = run.alignment.groups[0]
    for f in run.findings:
        if not f.code.startswith("TRM"):
            continue
        concept = g.concept(f.evidence["concept"])
        if f.code == "TRM002":  # what is blamed is a listed forbidden variant
            assert f.evidence["found"].casefold() in {t.text.casefold() for t in concept.forbidden(f.language)}
        # and the blamed version has none of the concept's allowed terms in that unit
        k = next(i for i, d in enumerate(group.documents) if d.path == f.path)
        text = group.texts(group.units[f.unit], k)
        allowed = TermMatcher.for_glossary(g, f.language, forbidden=False).find(text)
        assert not [m for m in allowed if m.concept == concept.id], (f.message, allowed)
    # Telugu uses the right terms throughout (మధ్యస్థ for median, కస్టమర్ సేవ ... విభాగం)
    assert not [f for f in run.findings if f.code.startswith("TRM") and Path(f.path).name == TE]


def test_seeds_without_glossary_statistics_catch_median_to_average() -> None:
    found = check_terms(seed_group())
    assert _table(f for f in found if f.code == "STA001") == {
        (LT, "STA001", 11, "average"), (DA, "STA001", 11, "average")}
    assert not [f for f in found if f.code.startswith(("TRM", "ENT"))]
    # "above average" in the retention section is right in every version
    assert not [f for f in found if f.code == "STA001" and f.line != 11]

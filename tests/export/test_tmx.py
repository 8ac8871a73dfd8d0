"""TMX: valid XML whatever the text, header as promised, and readable by translate-toolkit."""

from __future__ import annotations

from itertools import combinations

from lxml import etree
from translate.storage import tmx

from aligner.export import get_exporter
from aligner.export.corpus import xml_safe
from aligner.model import Alignment, Unit

from .conftest import NASTY, SIGNATURE, make_document

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def render(alignments) -> bytes:
    return get_exporter("tmx").render(list(alignments))[""]


def test_header_attributes_and_signature(seed_alignment: Alignment) -> None:
    root = etree.fromstring(render([seed_alignment]))
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert dict(header.attrib) == {
        "creationtool": "aligner",
        "creationtoolversion": header.get("creationtoolversion"),
        "segtype": "sentence",
        "o-tmf": "aligner",
        "adminlang": "en",
        "srclang": "lt",
        "datatype": "plaintext",
    }
    assert header.get("creationtoolversion")
    assert header.findtext("prop[@type='x-aligner-signature']") == SIGNATURE
    assert b"creationdate" not in render([seed_alignment])


def test_one_tu_per_unit_and_one_tuv_per_present_version(seed_alignment: Alignment) -> None:
    root = etree.fromstring(render([seed_alignment]))
    tus = root.findall("body/tu")
    assert len(tus) == len(seed_alignment.units) == 31
    for tu, unit in zip(tus, seed_alignment.units):
        langs = [tuv.get(XML_LANG) for tuv in tu.findall("tuv")]
        assert langs == [["lt", "da", "tl", "te"][k] for k in unit.present()]
        assert tu.findtext("prop[@type='x-aligner-score']") == f"{unit.score:.4f}"
    # The Tagalog title stands alone; the first four-way unit holds the first sentence of each.
    assert [tuv.get(XML_LANG) for tuv in tus[0].findall("tuv")] == ["tl"]
    assert tus[3].findtext("tuv[@{http://www.w3.org/XML/1998/namespace}lang='te']/seg").startswith("కస్టమర్")


def test_translate_toolkit_reads_every_language_back(seed_alignment: Alignment, tmp_path) -> None:
    path = tmp_path / "seeds.tmx"
    get_exporter("tmx").write(seed_alignment, path)
    store = tmx.tmxfile.parsefile(str(path))
    assert len(store.units) == 31
    langs = ["lt", "da", "tl", "te"]
    for k, lang in enumerate(langs):
        for unit, tu in zip(seed_alignment.units, store.units):
            expected = seed_alignment.texts(unit, k) if unit.segments[k] else None
            assert tu.gettarget(lang) == expected
    # The bilingual API, for every pair of languages.
    data = path.read_bytes()
    for (i, src), (j, tgt) in combinations(enumerate(langs), 2):
        store = tmx.tmxfile(data, sourcelanguage=src, targetlanguage=tgt)
        four_way = [(u, tu) for u, tu in zip(seed_alignment.units, store.units) if len(u.present()) == 4]
        assert len(four_way) == 28
        for unit, tu in four_way:
            assert tu.source == seed_alignment.texts(unit, i)
            assert tu.target == seed_alignment.texts(unit, j)


def test_control_characters_and_markup_still_give_valid_xml(nasty_alignment: Alignment) -> None:
    data = render([nasty_alignment])
    root = etree.fromstring(data)  # raises on invalid XML
    segs = [tu.findtext("tuv/seg") for tu in root.findall("body/tu")]
    assert segs[: len(NASTY)] == [xml_safe(t) for t in NASTY]
    assert "<script>alert('x & y')</script>" in segs[2]
    assert b"<script>" not in data  # escaped, never markup
    assert "\x00" not in segs[3] and "\x1b" not in segs[3] and segs[3].startswith("Controls ")
    store = tmx.tmxfile(data, sourcelanguage="en", targetlanguage="de")
    assert store.units[2].source == "<script>alert('x & y')</script> \"quoted\""
    assert store.units[2].target == "DE <script>alert('x & y')</script> \"quoted\""


def test_xml_safe_keeps_what_xml_allows() -> None:
    allowed = "tab\t lf\n cr\r é ü 𝔘 \ue000 \ufffd"
    assert xml_safe(allowed) == allowed
    assert xml_safe("a\x00b\x1fc\ud800d\uffffe") == "abcde"


def test_same_language_versions_get_distinct_tags(same_language_alignment: Alignment) -> None:
    data = render([same_language_alignment])
    root = etree.fromstring(data)
    tags = [tuv.get(XML_LANG) for tuv in root.find("body/tu").findall("tuv")]
    assert tags == ["lt", "lt-x-v2", "da"]
    store = tmx.tmxfile(data, sourcelanguage="lt", targetlanguage="lt-x-v2")
    assert (store.units[0].source, store.units[0].target) == ("Labas.", "Sveiki.")
    assert store.units[1].gettarget("da") == "Farvel."


def test_unknown_language_makes_srclang_all() -> None:
    a = make_document("a.txt", None, ["x"])
    b = make_document("b.txt", "da", ["y"])
    root = etree.fromstring(render([Alignment((a, b), (Unit(((0,), (0,)), 1.0),))]))
    assert root.find("header").get("srclang") == "*all*"
    assert [t.get(XML_LANG) for t in root.findall("body/tu/tuv")] == ["und", "da"]


def test_several_groups_in_one_file(seed_alignment: Alignment, pair_alignment: Alignment) -> None:
    root = etree.fromstring(render([seed_alignment, pair_alignment]))
    tus = root.findall("body/tu")
    assert len(tus) == 31 + 4
    assert tus[0].get("tuid") == "1.1" and tus[-1].get("tuid") == "2.4"
    assert tus[-1].findtext("prop[@type='x-aligner-group']") == "2"
    assert root.find("header").get("srclang") == "*all*"  # lt first in one group, en in the other


def test_output_is_deterministic(seed_alignment: Alignment) -> None:
    assert render([seed_alignment]) == render([seed_alignment])


# The parts of the TMX 1.4 DTD that our output uses (element order and required attributes).
TMX14_SUBSET = """
<!ELEMENT tmx (header, body)>
<!ATTLIST tmx version CDATA #FIXED "1.4">
<!ELEMENT header ((note|prop)*)>
<!ATTLIST header creationtool CDATA #REQUIRED creationtoolversion CDATA #REQUIRED
  segtype (block|paragraph|sentence|phrase) #REQUIRED o-tmf CDATA #REQUIRED adminlang CDATA #REQUIRED
  srclang CDATA #REQUIRED datatype CDATA #REQUIRED creationdate CDATA #IMPLIED>
<!ELEMENT note (#PCDATA)>
<!ELEMENT prop (#PCDATA)>
<!ATTLIST prop type CDATA #REQUIRED>
<!ELEMENT body (tu*)>
<!ELEMENT tu ((note|prop)*, tuv+)>
<!ATTLIST tu tuid CDATA #IMPLIED>
<!ELEMENT tuv ((note|prop)*, seg)>
<!ATTLIST tuv xml:lang CDATA #REQUIRED>
<!ELEMENT seg (#PCDATA)>
"""


def test_valid_against_the_tmx14_element_structure(
    seed_alignment: Alignment, nasty_alignment: Alignment, pair_alignment: Alignment
) -> None:
    from io import StringIO

    dtd = etree.DTD(StringIO(TMX14_SUBSET))
    for alignments in ([seed_alignment], [nasty_alignment], [seed_alignment, pair_alignment]):
        root = etree.fromstring(render(alignments))
        assert dtd.validate(root), dtd.error_log.filter_from_errors()


def test_unmatched_documents_are_noted_in_the_header(pair_alignment: Alignment) -> None:
    from aligner.align.grouping import Unmatched

    left = [Unmatched(3, "shares no numbers with the group (0/7)\x00", "seeds/003.txt", "lt")]
    root = etree.fromstring(get_exporter("tmx").render([pair_alignment], left)[""])
    assert root.find("header").findtext("prop[@type='x-aligner-unmatched']") == (
        "seeds/003.txt: shares no numbers with the group (0/7)"
    )

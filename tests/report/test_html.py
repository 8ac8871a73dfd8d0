"""The HTML audit report: escaping, exact highlights, one column per version, determinism, size, and a real browser."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from aligner.model import Alignment, AuditResult, Finding, LanguageGuess, QualityScore, Severity, Unit
from aligner.report.html import PAGE_SIZE, highlight, render_html
from aligner.segment.layout import build_document

ROOT = Path(__file__).resolve().parents[2]

# Short excerpts of the seed corpus (a salary passage) in four languages; Danish carries markup to escape.
LT = """Klientų aptarnavimo atstovo atlyginimas

Pasak JAV darbo statistikos biuro, atstovai 2016 m. uždirbo 32 300 JAV dolerių. Dėl žemo lygio atstovai uždirbo \
25,520 dolerių atlyginimą 25,520 dolerių, o tai reiškia, kad dauguma uždirbo daugiau.

Darbo rūšys

Bet kuri įmonė turi klientų aptarnavimo skyrių.
"""
DA = """Løn til kundeservicerepræsentanter

Ifølge U.S. Bureau of Labor Statistics tjente repræsentanter $ 32.300 i 2016. I den lave ende tjente de 25.520 \
dollars, hvilket betyder, at de fleste tjente mere. Skriv aldrig <script>alert(1)</script> i en oversættelse.

Jobtyper

Enhver virksomhed har en kundeserviceafdeling.
"""
TL = """Suweldo ng mga kinatawan ng serbisyo sa customer

Talaan ng mga Nilalaman:

Ayon sa U.S. Bureau of Labor Statistics, ang mga kinatawan ay nakakuha ng $ 32,300 sa 2016. Sa mababang dulo, \
nakakuha sila ng $ 25,520, ibig sabihin ay karamihan ang nakakuha ng higit.

Ang bawat kumpanya ay may departamento ng serbisyo sa customer.
"""
TE = """కస్టమర్ సేవా ప్రతినిధుల జీతం

US బ్యూరో ఆఫ్ లేబర్ స్టాటిస్టిక్స్ ప్రకారం, ప్రతినిధులు 2016 లో $ 32,300 సంపాదించారు. చివరకు, ప్రతినిధులు డాలర్ల \
జీతాన్ని పొందారు, అంటే ఎక్కువ మంది ఎక్కువ సంపాదించారు.

ఉద్యోగ రకాలు

ప్రతి సంస్థకు కస్టమర్ సేవా విభాగం ఉంది.
"""
ODD = "Klientų aptarnavimo atstovas yra profesionalas, dirbantis tiesiogiai su klientais.\n"

#: Paths: the Danish one carries markup too, to check that paths are escaped as well as text.
PATHS = ("corpus/lt/salary.txt", "corpus/da/<b>løn</b>&co.txt", "corpus/tl/suweldo.txt", "corpus/te/salary.txt")

#: Units by hand: (lt, da, tl, te) segment ids; TL alone has a contents label, TL lacks the heading.
UNITS = (
    ((0,), (0,), (0,), (0,)),  # title
    ((), (), (1,), ()),  # "Talaan ng mga Nilalaman:" (boilerplate)
    ((1,), (1,), (2,), (1,)),
    ((2,), (2, 3), (3,), (2,)),  # the 25,520 sentence; Danish adds the <script> sentence
    ((3,), (4,), (), (3,)),  # heading, missing in TL
    ((4,), (5,), (4,), (4,)),
)
SALARY_UNIT = 3

NUM003, FMT001, NUM001, STR001, ADD002, DOC001, LID001, NUM002 = range(8)


def _second(text: str, needle: str) -> int:
    return text.index(needle, text.index(needle) + 1)


def build_result(n_findings: bool = True) -> AuditResult:
    """The four-version audit every test here looks at (importable, for the cross-process test)."""
    docs = tuple(build_document(text, path, lang) for text, path, lang in zip((LT, DA, TL, TE), PATHS,
                                                                               ("lt", "da", "tl", "te")))
    lt, da, tl, te = docs
    odd = build_document(ODD, "corpus/lt/other.txt", "lt")
    alignment = Alignment(docs, tuple(Unit(u, 0.3 if i == 1 else 0.9) for i, u in enumerate(UNITS)),
                          "aligner:align|band:auto|version:0.1.0")
    dup = _second(LT, "25,520")
    first = LT.index("25,520")
    script = DA.index("<script>")
    findings = (
        Finding("NUM003", "duplication", Severity.MAJOR, lt.path, "lt", 3, 1, "'25,520' appears 2 times here",
                {"value": "25520"}, 0.9, dup, dup + len("25,520"), SALARY_UNIT),
        Finding("FMT001", "format", Severity.MINOR, lt.path, "lt", 3, 1, "'25,520' is written against the lt format",
                {}, 0.9, first, first + len("25,520"), SALARY_UNIT),
        Finding("NUM001", "number", Severity.MAJOR, te.path, "te", 3, 1, "the value 25520 is missing here",
                {"value": "25520"}, 0.9, None, None, SALARY_UNIT),
        Finding("STR001", "omission", Severity.MAJOR, tl.path, "tl", 7, 1, "the heading 'Darbo rūšys' is missing",
                {}, 0.8, tl.segments[4].start, tl.segments[4].start, 4),
        Finding("ADD002", "addition", Severity.MINOR, tl.path, "tl", 3, 1, "page furniture only this version has",
                {}, 0.7, tl.segments[1].start, tl.segments[1].end, None),
        Finding("DOC001", "document", Severity.MAJOR, odd.path, "lt", 1, 1, "not a version of the other documents",
                {"reason": "no shared numbers"}, 0.8, 0, 0, None),
        Finding("LID001", "language", Severity.INFO, da.path, "da", 3, 1,
                "segment looks like code: <script>alert(2)</script>", {}, 0.6,
                script, script + len("<script>alert(1)</script>"), SALARY_UNIT),
        Finding("NUM002", "number", Severity.CRITICAL, te.path, "te", 3, 1, "2016 reads differently",
                {}, 0.9, TE.index("2016"), TE.index("2016") + 4, 2),
    )
    return AuditResult(
        documents=(*docs, odd),
        document_languages={d.path: LanguageGuess(d.language, 0.98, "Telu" if d.language == "te" else "Latn")
                            for d in (*docs, odd)},
        groups=(alignment,),
        unmatched=((odd, "shares no numbers with group 1"),),
        findings=findings if n_findings else (),
        scores=tuple(QualityScore(d.path, d.language, s, {"numbers": 0.5, "structure": 1.0}, r + 1)
                     for r, (d, s) in enumerate(zip(docs, (91.5, 84.0, 66.25, 41.0)))),
        signatures={"detect": "aligner:detect|candidates:all|version:0.1.0",
                    "align": alignment.signature, "check": "aligner:check|fail-on:major|version:0.1.0"},
    )


# --------------------------------------------------------------------------- a small DOM for assertions

_VOID = {"meta", "input", "col", "br", "img", "link", "hr", "source", "wbr", "area", "base", "embed", "track"}


@dataclass
class El:
    tag: str
    attrs: dict[str, str]
    children: list = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, El):
                yield from c.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[El]:
        return [e for e in self.iter() if (tag is None or e.tag == tag)
                and all(e.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())]

    def by_id(self, ident: str) -> El:
        found = self.find_all(id=ident)
        assert len(found) == 1, ident
        return found[0]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = El("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        el = El(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(el)
        if tag not in _VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(El(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(page: str) -> El:
    builder = _Builder()
    builder.feed(page)
    builder.close()
    return builder.root


@pytest.fixture(scope="module")
def result() -> AuditResult:
    return build_result()


@pytest.fixture(scope="module")
def page(result: AuditResult) -> str:
    return render_html(result)


@pytest.fixture(scope="module")
def dom(page: str) -> El:
    return parse(page)


def _marks_of(dom: El, finding: int) -> list[El]:
    return [m for m in dom.find_all("mark") if f"f{finding}" in m.attrs.get("data-f", "").split()]


def _own_text(cell: El) -> str:
    """A cell's text without the finding messages written under it."""
    return "".join(c if isinstance(c, str) else _own_text(c) for c in cell.children
                   if isinstance(c, str) or "fns" not in c.classes)


def _cell(dom: El, unit: int, version: int) -> El:
    return dom.by_id(f"g0-u{unit}").find_all("td")[version]


# --------------------------------------------------------------------------- escaping and safety


def test_document_text_and_paths_are_escaped(page: str, dom: El) -> None:
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(2)" not in page  # in a finding message
    assert "<b>løn</b>" not in page
    assert "&lt;b&gt;løn&lt;/b&gt;&amp;co.txt" in page
    # The only live scripts are the report's own two (the third is JSON data, which never runs),
    # and the text survives as text.
    scripts = dom.find_all("script")
    assert len(scripts) == 3 == page.count("<script")
    assert [s.attrs.get("type") for s in scripts] == [None, "application/json", None]
    assert "<" not in scripts[1].text and "alert(2)" in scripts[1].text
    assert "Skriv aldrig <script>alert(1)</script> i en oversættelse." in _cell(dom, SALARY_UNIT, 1).text


def test_no_inline_event_handlers_or_external_resources(page: str, dom: El) -> None:
    for el in dom.iter():
        assert not [a for a in el.attrs if a.startswith("on")], el.tag
        for attr in ("src", "href", "action", "xlink:href"):
            value = el.attrs.get(attr, "")
            assert not re.match(r"\s*(https?:)?//", value, re.I), (el.tag, attr, value)
    assert not re.search(r"(src|href)\s*=\s*[\"']?\s*(https?:)?//", page, re.I)
    assert "url(" not in page and "@import" not in page and "@font-face" not in page
    csp = dom.find_all("meta", **{"http-equiv": "Content-Security-Policy"})[0].attrs["content"]
    assert "default-src 'none'" in csp


def test_scripts_are_allowed_by_hash_only(page: str, dom: El) -> None:
    csp = dom.find_all("meta", **{"http-equiv": "Content-Security-Policy"})[0].attrs["content"]
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    for script in re.findall(r"<script>(.*?)</script>", page, re.S):
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp


# --------------------------------------------------------------------------- highlights


def test_highlight_wraps_exactly_the_findings_characters(result: AuditResult, dom: El) -> None:
    lt = result.groups[0].documents[0]
    seg = lt.segments[2]
    marks = _marks_of(dom, NUM003)
    assert len(marks) == 1 and marks[0].text == "25,520"
    # It is the second 25,520 of the sentence, at finding.start - segment.start.
    cell = _cell(dom, SALARY_UNIT, 0)
    assert _own_text(cell) == seg.text
    assert _offset_of(cell, marks[0]) == result.findings[NUM003].start - seg.start == _second(seg.text, "25,520")
    assert marks[0].attrs["data-show"] == "major"
    assert "NUM003" in marks[0].attrs["title"] and "appears 2 times" in marks[0].attrs["title"]
    first = _marks_of(dom, FMT001)
    assert len(first) == 1 and first[0].text == "25,520" and first[0].attrs["data-show"] == "minor"
    assert _offset_of(cell, first[0]) == seg.text.index("25,520")


def _offset_of(container: El, target: El) -> int:
    """Characters of text in ``container`` before ``target``."""
    count = 0

    def walk(node: El) -> bool:
        nonlocal count
        for child in node.children:
            if child is target:
                return True
            if isinstance(child, str):
                count += len(child)
            elif walk(child):
                return True
        return False

    assert walk(container)
    return count


def test_highlight_in_telugu_and_markup_text(result: AuditResult, dom: El) -> None:
    assert [m.text for m in _marks_of(dom, NUM002)] == ["2016"]
    assert [m.text for m in _marks_of(dom, LID001)] == ["<script>alert(1)</script>"]
    assert _marks_of(dom, LID001)[0].attrs["data-show"] == "info"


def test_findings_without_span_mark_the_whole_cell(dom: El) -> None:
    te = _cell(dom, SALARY_UNIT, 3)
    assert "hl" in te.classes and te.attrs["data-f"] == f"f{NUM001}" and te.attrs["data-show"] == "major"
    assert "the value 25520 is missing here" in te.attrs["title"]
    # An omission (empty span) lands on the gap of the version that lacks the unit.
    gap = _cell(dom, 4, 2)
    assert {"gap", "hl"} <= gap.classes and gap.attrs["data-f"] == f"f{STR001}"
    assert _own_text(gap) == "no text"


def test_finding_without_unit_is_placed_by_its_span(dom: El) -> None:
    marks = _marks_of(dom, ADD002)
    assert [m.text for m in marks] == ["Talaan ng mga Nilalaman:"]
    assert dom.by_id(f"f{ADD002}").find_all("a")[0].attrs["href"] == "#g0-u1"


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("a <b> c", [], "a &lt;b&gt; c"),
        ("abcdef", [(1, 3, 0)], 'a<mark f="f0">bc</mark>def'),
        # Nested: the inner mark sits inside the outer one.
        ("abcdef", [(0, 6, 0), (2, 4, 1)], '<mark f="f0">ab<mark f="f1">cd</mark>ef</mark>'),
        # Same characters: one mark for both, worst first.
        ("abcdef", [(2, 4, 1), (2, 4, 0)], 'ab<mark f="f0 f1">cd</mark>ef'),
        # Crossing: the later span is cut at the end of the earlier one.
        ("abcdef", [(0, 3, 0), (2, 5, 1)], '<mark f="f0">ab<mark f="f1">c</mark></mark><mark f="f1">de</mark>f'),
        # Out of range is clipped; escaping inside marks.
        ("x<y", [(1, 9, 0)], 'x<mark f="f0">&lt;y</mark>'),
    ],
)
def test_highlight(text: str, spans: list, expected: str) -> None:
    findings = [Finding("X", "number", Severity.MAJOR, "p", "lt", 1, 1, "m <1>"),
                Finding("Y", "number", Severity.MINOR, "p", "lt", 1, 1, "m2")]
    out = re.sub(r'<mark class="hl" data-f="([^"]*)"[^>]*>', r'<mark f="\1">', highlight(text, spans, findings))
    assert out == expected
    assert "<1>" not in highlight(text, spans, findings)


# --------------------------------------------------------------------------- layout


def test_one_column_per_version(result: AuditResult, dom: El) -> None:
    table = dom.by_id("group-0-table")
    heads = table.find_all("thead")[0].find_all("th")
    assert len(heads) == 2 + 4
    for th, doc in zip(heads[1:-1], result.groups[0].documents):
        assert th.attrs["scope"] == "col"
        assert doc.language.upper() in th.text and doc.name in th.text
    rows = table.find_all("tbody")[0].find_all("tr")
    assert len(rows) == len(UNITS)
    assert all(len(r.find_all("td")) == 4 + 1 for r in rows)
    assert all(r.find_all("th")[0].attrs["scope"] == "row" for r in rows)
    assert [td.attrs.get("lang") for td in rows[0].find_all("td")[:4]] == ["lt", "da", "tl", "te"]


def test_headings_boilerplate_and_gaps_are_marked(dom: El) -> None:
    assert "hd" in dom.by_id("g0-u0").classes and "hd" in dom.by_id("g0-u4").classes
    assert "hd" not in dom.by_id("g0-u2").classes
    assert dom.by_id("g0-u0").find_all("span", class_="s k-title")
    assert dom.by_id("g0-u4").find_all("span", class_="s k-heading")
    assert dom.by_id("g0-u1").find_all("span", class_="s k-boilerplate")
    gaps = [td for td in dom.by_id("g0-u1").find_all("td") if "gap" in td.classes]
    assert len(gaps) == 3 and all(td.text == "no text" for td in gaps)
    assert "low" in dom.by_id("g0-u1").find_all("td")[-1].classes  # unit score 0.3


def _card(dom: El, cls: str) -> tuple[str, str]:
    """(value, detail) of the summary card with class ``card <cls>``."""
    card = dom.find_all("div", class_=f"card {cls}")[0]
    return card.find_all("div", class_="v")[0].text, card.find_all("div", class_="d")[0].text


def test_summary(page: str, dom: El) -> None:
    value, detail = _card(dom, "status fail")
    assert value == "1" and detail.startswith("fails: 5 findings at or above major")
    for label, n in (("critical", 1), ("major", 4), ("minor", 2), ("info", 1)):
        assert _card(dom, f"sev {label}")[0] == str(n)
    assert _card(dom, "documents") == ("5", "4 grouped, 1 unmatched")
    assert _card(dom, "languages")[1] == "lt ×2, da, te, tl"
    text = dom.by_id("summary").text
    assert "shares no numbers with group 1" in text and "corpus/lt/other.txt" in text
    assert "aligner:detect|candidates:all|version:0.1.0" in text
    assert "aligner:align|band:auto|version:0.1.0" in text


@pytest.mark.parametrize(("fail_on", "status"), [("critical", "1"), (Severity.MAJOR, "1"), ("never", "0"), (None, "0")])
def test_exit_status_follows_fail_on(result: AuditResult, fail_on: object, status: str) -> None:
    dom = parse(render_html(result, fail_on=fail_on))
    assert _card(dom, "status " + ("fail" if status == "1" else "pass"))[0] == status
    assert dom.find_all("a", class_="topstatus " + ("fail" if status == "1" else "pass"))[0].text == \
        f"CI exit status {status}"


def test_exit_status_passes_without_findings() -> None:
    value, detail = _card(parse(render_html(build_result(n_findings=False))), "status pass")
    assert value == "0" and detail.startswith("passes")


def test_score_chart(result: AuditResult, dom: El) -> None:
    svg = dom.find_all("svg")[0]
    bars = [r for r in svg.find_all("rect") if "fill" in r.attrs]
    assert len(bars) == 4
    assert [float(b.attrs["width"]) for b in bars] == pytest.approx([560 * s.score / 100 for s in result.scores],
                                                                   abs=0.05)
    labels = svg.text
    for s in result.scores:
        assert s.language.upper() in labels and f"{s.score:.1f}" in labels


def test_findings_list_links_to_unit_rows(result: AuditResult, dom: El) -> None:
    table = dom.by_id("findings-table")
    rows = table.find_all("tbody")[0].find_all("tr")
    assert len(rows) == len(result.findings)
    assert rows[0].find_all("span", class_="badge critical")  # worst first
    for i, f in enumerate(result.findings):
        row = dom.by_id(f"f{i}")
        assert row.attrs["data-k"] == f"{f.severity.value}.{f.category}"
        links = row.find_all("a")
        if f.path == "corpus/lt/other.txt":
            assert not links and "whole document" in row.text
        else:
            target = links[0].attrs["href"][1:]
            assert dom.by_id(target).tag == "tr"
    assert dom.by_id(f"f{NUM003}").find_all("a")[0].attrs["href"] == f"#g0-u{SALARY_UNIT}"


def test_filters_cover_every_severity_and_present_category(dom: El) -> None:
    tokens = [i.attrs["data-tok"] for i in dom.find_all("input") if "flt" in i.classes]
    assert tokens == ["s:critical", "s:major", "s:minor", "s:info",  # every severity, worst first
                      "c:number", "c:format", "c:duplication", "c:omission", "c:addition", "c:language", "c:document"]
    # Row keys drive "only units with findings": worst first.
    keys = dom.by_id(f"g0-u{SALARY_UNIT}").attrs["data-k"]
    assert keys == "major.duplication major.number minor.format info.language"
    assert "data-k" not in dom.by_id("g0-u0").attrs


def test_without_javascript_everything_is_shown(page: str) -> None:
    # Rows and controls are hidden only under html.js, which the head script sets.
    assert ".js tr.r { display: none; }" in page
    assert 'class="js"' not in page and "<html lang=\"en\">" in page
    assert re.search(r"html:not\(\.js\) \.needs-js \{ display: none", page)


def test_empty_audit_renders() -> None:
    dom = parse(render_html(AuditResult((), {}, (), (), (), (), {})))
    assert "No aligned groups." in dom.by_id("alignment").text and "No findings." in dom.by_id("findings").text
    assert _card(dom, "status pass")[0] == "0"


@pytest.mark.parametrize("name", ["report.css", "report.js"])
def test_templates_cannot_close_their_element(name: str) -> None:
    text = (ROOT / "aligner" / "report" / "templates" / name).read_text("utf-8")
    assert "</" not in text and "<!--" not in text


# --------------------------------------------------------------------------- determinism and size


def test_deterministic(result: AuditResult, page: str) -> None:
    assert render_html(result) == page
    assert render_html(build_result()) == page


def test_deterministic_across_processes(page: str) -> None:
    code = "import sys; from tests.report.test_html import build_result; from aligner.report.html import render_html;" \
           " sys.stdout.buffer.write(render_html(build_result()).encode('utf-8'))"
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, check=True).stdout
        assert out == page.encode("utf-8")


def _big_result(n: int) -> tuple[AuditResult, int]:
    sentences = {"lt": "Atstovai uždirbo {i} dolerių atlyginimą, o tai reiškia, kad dauguma uždirbo daugiau.",
                 "da": "Repræsentanter tjente {i} dollars, hvilket betyder, at de fleste tjente mere.",
                 "tl": "Nakakuha sila ng $ {i}, ibig sabihin ay karamihan ang nakakuha ng higit.",
                 "te": "ప్రతినిధులు {i} డాలర్ల జీతాన్ని పొందారు, అంటే ఎక్కువ మంది సంపాదించారు."}
    docs = tuple(build_document("\n".join(s.format(i=i) for i in range(n)) + "\n", f"big/{lang}.txt", lang,
                                presegmented=True) for lang, s in sentences.items())
    alignment = Alignment(docs, tuple(Unit(((i,),) * 4, 0.9) for i in range(n)), "aligner:align|version:0.1.0")
    lt = docs[0]
    findings = tuple(
        Finding("NUM002", "number", Severity.MAJOR, lt.path, "lt", i + 1, 18, f"{i} changed", {}, 0.9,
                lt.segments[i].start + 17, lt.segments[i].start + 17 + len(str(i)), i)
        for i in range(0, n, 100)
    )
    result = AuditResult(docs, {}, (alignment,), (), findings,
                         tuple(QualityScore(d.path, d.language, 80.0) for d in docs), {"align": alignment.signature})
    return result, sum(len(d.text.encode("utf-8")) for d in docs)


@pytest.fixture(scope="module")
def big() -> tuple[AuditResult, int, str]:
    result, text_bytes = _big_result(10_000)
    return result, text_bytes, render_html(result)


def test_ten_thousand_units_are_paged_and_stay_small(big: tuple[AuditResult, int, str]) -> None:
    result, text_bytes, page = big
    size = len(page.encode("utf-8"))
    # The text itself is ~4.7 MB; markup may add at most 400 bytes per unit (four versions).
    assert size < text_bytes + 400 * 10_000, size
    assert page.count('class="r"') + page.count('class="r ') == 10_000 + len(result.findings)
    assert f'data-page-size="{PAGE_SIZE}"' in page
    assert page.count('<nav class="pager needs-js" data-for="group-0-table"') == 2
    assert page.count("<mark") == len(result.findings)


# --------------------------------------------------------------------------- a real browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: CI sets ALIGNER_REQUIRE_BROWSER=1 so that a missing browser fails instead of skipping.
REQUIRE_BROWSER = os.environ.get("ALIGNER_REQUIRE_BROWSER", "") not in ("", "0")
needs_chromium = pytest.mark.skipif(CHROMIUM is None and not REQUIRE_BROWSER,
                                    reason="needs Debian's chromium (apt-get install chromium)")
_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--enable-logging=stderr", "--v=0", "--hide-scrollbars")


def chromium(tmp_path: Path, url: str, *args: str) -> tuple[str, str]:
    """Run headless chromium on ``url``; return (stdout, the console lines of stderr)."""
    if CHROMIUM is None:
        pytest.fail("ALIGNER_REQUIRE_BROWSER is set but chromium is not installed (apt-get install chromium)")
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    proc = subprocess.run([CHROMIUM, *_FLAGS, f"--user-data-dir={profile}", *args, url],
                          capture_output=True, text=True, timeout=180)
    console = [line for line in proc.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    return proc.stdout, "\n".join(console)


@needs_chromium
def test_console_errors_are_caught(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><title>x</title><script>undefinedFunction()</script>", "utf-8")
    _, console = chromium(tmp_path, broken.as_uri(), "--dump-dom")
    assert "Uncaught" in console  # so the assertions below are not vacuous


@needs_chromium
def test_report_in_a_real_browser(tmp_path: Path, page: str) -> None:
    report = tmp_path / "report.html"
    report.write_text(page, "utf-8")
    out, console = chromium(tmp_path, report.as_uri(), "--dump-dom")
    assert console == ""
    dom = parse(out)
    assert "js" in dom.find_all("html")[0].classes
    heads = dom.by_id("group-0-table").find_all("thead")[0].find_all("th")
    assert [th.find_all("span", class_="lang")[0].text for th in heads[1:-1]] == ["LT", "DA", "TL", "TE"]
    assert [m.text for m in _marks_of(dom, NUM003)] == ["25,520"]
    assert all("on" in r.classes for r in dom.by_id("group-0-table").find_all("tr") if "r" in r.classes)
    status = [s.text for s in dom.find_all("span", class_="status")]
    assert status[-2:] == ["1–6 of 6 units · page 1 of 1"] * 2
    assert not [s for s in dom.find_all("script") if "src" in s.attrs]
    shot = tmp_path / "report.png"
    _, console = chromium(tmp_path, report.as_uri(), f"--screenshot={shot}", "--window-size=1280,2000")
    assert console == ""
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


@needs_chromium
def test_ten_thousand_units_page_in_a_real_browser(tmp_path: Path, big: tuple[AuditResult, int, str]) -> None:
    report = tmp_path / "big.html"
    report.write_text(big[2], "utf-8")
    out, console = chromium(tmp_path, report.as_uri(), "--dump-dom")
    assert console == ""
    dom = parse(out)
    rows = [r for r in dom.by_id("group-0-table").find_all("tr") if "r" in r.classes]
    assert len(rows) == 10_000
    assert [r.attrs["id"] for r in rows if "on" in r.classes] == [f"g0-u{i}" for i in range(PAGE_SIZE)]
    statuses = [s.text for s in dom.find_all("span", class_="status")]
    assert "1–50 of 10,000 units · page 1 of 200" in statuses
    assert "1–50 of 100 findings · page 1 of 2" in statuses


@needs_chromium
def test_link_to_a_unit_opens_its_page(tmp_path: Path) -> None:
    result, _ = _big_result(1_000)
    report = tmp_path / "big.html"
    report.write_text(render_html(result), "utf-8")
    out, console = chromium(tmp_path, report.as_uri() + "#g0-u777", "--dump-dom")
    assert console == ""
    dom = parse(out)
    shown = [r.attrs["id"] for r in dom.by_id("group-0-table").find_all("tr") if "on" in r.classes]
    assert shown == [f"g0-u{i}" for i in range(750, 800)]


@needs_chromium
def test_filters_narrow_rows_and_highlights(tmp_path: Path, page: str) -> None:
    report = tmp_path / "report.html"
    report.write_text(page, "utf-8")
    out, console = chromium(tmp_path, report.as_uri() + "?hide=minor,info&only=1", "--dump-dom")
    assert console == ""
    dom = parse(out)
    shown = [r.attrs["id"] for r in dom.by_id("group-0-table").find_all("tr") if "on" in r.classes]
    assert shown == ["g0-u2", f"g0-u{SALARY_UNIT}", "g0-u4"]  # unit 1 has only a minor finding
    findings = [r.attrs["id"] for r in dom.by_id("findings-table").find_all("tr") if "on" in r.classes]
    assert sorted(findings) == sorted(f"f{i}" for i in (NUM002, NUM003, NUM001, STR001, DOC001))
    assert "data-show" not in _marks_of(dom, FMT001)[0].attrs  # minor: drawn plain
    assert _marks_of(dom, NUM003)[0].attrs["data-show"] == "major"
    statuses = [s.text for s in dom.find_all("span", class_="status")]
    assert "1–5 of 5 findings · page 1 of 1 (filtered from 8)" in statuses
    assert "1–3 of 3 units · page 1 of 1 (filtered from 6)" in statuses


# --------------------------------------------------------------------------- first screen, findings, phone


def test_documents_table_has_scores_and_counts_worst_first(result: AuditResult, dom: El) -> None:
    table = dom.find_all("table", class_="docs")[0]
    heads = [th.text for th in table.find_all("th")]
    assert heads[:5] == ["Language", "File", "Score", "Critical", "Major"] and "Minor" in heads
    rows = table.find_all("tbody")[0].find_all("tr")
    files = [r.find_all("td")[1].text for r in rows]
    # Scores ascending (41.0 te, 66.25 tl, 84.0 da, 91.5 lt), the unscored document last.
    assert files == [PATHS[3], PATHS[2], PATHS[1], PATHS[0], "corpus/lt/other.txt"]
    te = rows[0].find_all("td")
    assert te[2].text == "41.0" and "#b91c1c" in te[2].find_all("span")[0].attrs["style"]  # red, as in the chart
    assert [td.text for td in te[3:6]] == ["1", "1", "0"]  # NUM002 critical, NUM001 major



def test_paths_break_at_slashes(page: str) -> None:
    # A narrow screen wraps a path after a "/", not two letters a line.
    assert '<td class="file">corpus/<wbr>te/<wbr>salary.txt</td>' in page


def test_finding_messages_are_written_in_the_aligned_view(dom: El) -> None:
    lt = _cell(dom, SALARY_UNIT, 0)
    notes = [n for n in lt.iter() if "fn" in n.classes and "miss" not in n.classes]
    assert [n.attrs["data-f"] for n in notes] == [f"f{NUM003}", f"f{FMT001}"]  # worst first
    assert "NUM003 '25,520' appears 2 times here" == notes[0].text


def test_an_omission_is_marked_in_the_versions_that_have_it(dom: El) -> None:
    # TL lacks the heading of unit 4: the three versions that have it say so.
    for version in (0, 1, 3):
        miss = [n for n in _cell(dom, 4, version).iter() if "miss" in n.classes]
        assert len(miss) == 1 and miss[0].attrs["data-f"] == f"f{STR001}"
        assert miss[0].text.startswith("missing in TL suweldo.txt")
    assert not [n for n in _cell(dom, 4, 2).iter() if "miss" in n.classes]
    # TE lacks the value 25520 in unit 3: the others are marked too, saying what.
    miss = [n for n in _cell(dom, SALARY_UNIT, 1).iter() if "miss" in n.classes]
    assert [n.attrs["data-f"] for n in miss] == [f"f{NUM001}"]
    assert miss[0].text == "missing in TE salary.txt: the value 25520"


def test_evidence_reads_as_words(dom: El) -> None:
    row = dom.by_id(f"f{DOC001}")
    evidence = row.find_all("span", class_="evidence")[0]
    assert evidence.text == "reason no shared numbers"
    assert "{" not in dom.by_id(f"f{NUM003}").text


def _probe(tmp_path: Path, page: str, script: str, size: tuple[int, int] = (1400, 900)) -> object:
    """Open ``page`` at ``size`` CSS pixels in headless chromium, run ``script`` after the report's own, return ``out``.

    The copy drops the Content-Security-Policy so the probe may run; the report's script is unchanged.
    It is shown in an iframe of exactly ``size``: headless chromium will not make a window narrower than
    500 px, and a phone is narrower. ``script`` sets ``out`` (any JSON value).
    """
    import json

    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    probe = ("<script>(function(){var out=null;" + script + ";var pre=document.createElement('pre');"
             "pre.id='probe-out';pre.textContent=JSON.stringify(out);document.body.appendChild(pre);}());</script>")
    (tmp_path / "probe.html").write_text(page.replace("</body>", probe + "</body>"), "utf-8")
    width, height = size
    frame = tmp_path / "frame.html"
    frame.write_text(
        '<!DOCTYPE html><html><body style="margin:0"><iframe id="r" src="probe.html" '
        f'style="border:0;width:{width}px;height:{height}px"></iframe><pre id="got"></pre><script>'
        'document.getElementById("r").addEventListener("load", function () {'
        'document.getElementById("got").textContent = '
        'this.contentDocument.getElementById("probe-out").textContent; });</script></body></html>', "utf-8")
    out, console = chromium(tmp_path, frame.as_uri(), "--allow-file-access-from-files", "--dump-dom",
                            f"--window-size={width + 100},{height + 100}")
    assert console == ""
    return json.loads(parse(out).by_id("got").text)


@needs_chromium
def test_first_screen_shows_each_versions_score_and_findings(tmp_path: Path, page: str) -> None:
    got = _probe(tmp_path, page, """
        var t = document.querySelector("table.docs"), r = t.getBoundingClientRect();
        out = {bottom: r.bottom, height: innerHeight, first: t.tBodies[0].rows[0].cells[1].textContent}""",
                 (1400, 900))
    assert got["first"] == PATHS[3]
    assert got["bottom"] <= got["height"], got  # the whole table above the fold


def _with_repeats() -> AuditResult:
    base = build_result()
    lt = base.documents[0]
    repeats = tuple(Finding("FMT002", "format", Severity.MINOR, lt.path, "lt", n, 1, "mixed number formats",
                            {}, 0.9, None, None, None) for n in (1, 3, 5))
    return AuditResult(base.documents, base.document_languages, base.groups, base.unmatched,
                       base.findings + repeats, base.scores, base.signatures)


@needs_chromium
def test_findings_group_filter_search_and_csv(tmp_path: Path) -> None:
    page = render_html(_with_repeats())
    got = _probe(tmp_path, page, """
        function shown() {
          return Array.prototype.filter.call(document.querySelectorAll("#findings-table tr.r"),
            function (tr) { return tr.classList.contains("on"); }).map(function (tr) { return tr.id; });
        }
        function status() { return document.querySelector(".pager[data-for=findings-table] .status").textContent; }
        out = {grouped: shown(), status: status()};
        var more = document.querySelector("#findings-table button.more:not([hidden])");
        out.more = more.textContent;
        more.click();
        out.expanded = shown().length;
        more.click();
        var where = document.getElementById("ff-where");
        where.value = "l:te"; where.dispatchEvent(new Event("change"));
        out.te = shown();
        where.value = ""; where.dispatchEvent(new Event("change"));
        var q = document.getElementById("ff-q");
        q.value = "2016 reads"; q.dispatchEvent(new Event("input"));
        out.search = shown();
        q.value = ""; q.dispatchEvent(new Event("input"));
        out.csv = window.alignerFindingsCsv();""")
    assert len(got["grouped"]) == 9 and "f8" in got["grouped"] and "f9" not in got["grouped"]
    assert "2 repeats folded" in got["status"]
    assert got["more"] == "+2 more like this" and got["expanded"] == 11
    assert sorted(got["te"]) == [f"f{NUM001}", f"f{NUM002}"]
    assert got["search"] == [f"f{NUM002}"]
    lines = got["csv"].strip().split("\r\n")
    assert lines[0] == "severity,code,category,file,language,line,column,message,evidence,confidence,unit,entry"
    assert len(lines) == 1 + 11  # every finding, the repeats too
    assert any(line.startswith("major,DOC001,document,corpus/lt/other.txt,lt,1,1,") and "reason: no shared numbers"
               in line for line in lines)


@needs_chromium
def test_usable_on_a_phone(tmp_path: Path, page: str) -> None:
    got = _probe(tmp_path, page, """
        var filters = document.getElementById("filters"), bar = document.querySelector(".topbar");
        out = {folded: getComputedStyle(filters).display, bar: bar.getBoundingClientRect().height,
               width: document.documentElement.scrollWidth,
               margin: parseFloat(getComputedStyle(document.getElementById("g0-u3")).scrollMarginTop)};
        document.getElementById("toggle-filters").click();
        out.open = getComputedStyle(filters).display;
        out.expanded = document.getElementById("toggle-filters").getAttribute("aria-expanded");
        var file = document.querySelector("#findings-table td.file");
        out.fileWidth = file.getBoundingClientRect().width;
        out.viewport = innerWidth;
        var docs = document.querySelector("table.docs").getBoundingClientRect();
        out.docs = {right: docs.right, bottom: docs.bottom};""", (420, 860))
    assert got["folded"] == "none" and got["open"] == "flex" and got["expanded"] == "true"
    assert got["bar"] < 120, got  # was 264 px of 860
    # Nothing pushes the page sideways; wide tables scroll in their own box.
    assert got["viewport"] == 420 and got["width"] <= 420, got
    assert got["margin"] >= got["bar"] - 60, got
    assert got["fileWidth"] >= 100, got  # not two or three letters a line
    # Which version is wrong, on the phone's first screen: scores and severities without scrolling sideways.
    assert got["docs"]["right"] <= 420 and got["docs"]["bottom"] <= 860, got

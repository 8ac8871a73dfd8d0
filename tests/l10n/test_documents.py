from __future__ import annotations

import pytest

from aligner.errors import InputError
from aligner.l10n.html import parse_html
from aligner.l10n.markdown import parse_markdown
from tests.l10n.helpers import raw_at

MARKDOWN = """---
title: Pradžia
layout: page
---
# Sveiki, `aligner`

Pastraipa su [nuoroda](https://example.com "Pavadinimas") ir ![paveikslėlis](img.png) **paryškinta**.
Antra eilutė su `--flag`.

<!-- vertėjams: nekeisti -->

- pirmas punktas
- antras punktas
  su tęsiniu

  antra punkto pastraipa

| Stulpelis | Kitas |
|-----------|-------|
| langelis  | `kodas` |

```python
print("ne vertimas")
```

    indented code

## Pabaiga
"""

# key, text, line, raw text at (line, column)
MD_CASES = [
    ("front-matter.title", "Pradžia", 2, "Pradžia"),
    ("h1[0]", "Sveiki, `aligner`", 5, "Sveiki"),
    ("p[0]", "Pastraipa su nuoroda ir paveikslėlis paryškinta.\nAntra eilutė su `--flag`.", 7, "Pastraipa"),
    ("p[0].a[0]", "nuoroda", 7, "nuoroda"),
    ("p[0].img[0]", "paveikslėlis", 7, "paveikslėlis"),
    ("li[0]", "pirmas punktas", 12, "pirmas"),
    ("li[1]", "antras punktas\nsu tęsiniu", 13, "antras"),
    ("li[1].p[1]", "antra punkto pastraipa", 16, "antra punkto"),
    ("table[0].r0.c0", "Stulpelis", 18, "Stulpelis"),
    ("table[0].r0.c1", "Kitas", 18, "Kitas"),
    ("table[0].r1.c0", "langelis", 20, "langelis"),
    ("table[0].r1.c1", "`kodas`", 20, "`kodas`"),
    ("h2[0]", "Pabaiga", 28, "Pabaiga"),
]


@pytest.fixture(scope="module")
def md():
    return parse_markdown(MARKDOWN.encode("utf-8"), "docs/lt/index.md")


@pytest.mark.parametrize("key,text,line,raw", MD_CASES)
def test_markdown_units(md, key, text, line, raw):
    u = md.unit(key)
    assert u is not None, [x.key for x in md.units]
    assert (u.target.text, u.target.line) == (text, line)
    assert raw_at(MARKDOWN, u.target.line, u.target.column, len(raw)) == raw


def test_markdown_leaves_out_code_comments_targets_and_front_matter_keys(md):
    assert [u.key for u in md.units] == [k for k, *_ in MD_CASES[:1]] + ["front-matter.layout"] + [
        k for k, *_ in MD_CASES[1:]
    ]
    texts = " ".join(u.target.text for u in md.units)
    for absent in ("ne vertimas", "indented code", "https://example.com", "vertėjams", "img.png", "Pavadinimas"):
        assert absent not in texts
    assert md.target_language == "lt"


def test_markdown_versions_align_by_structure():
    en = parse_markdown("# Hello\n\nFirst.\n\n- a\n- b\n", "en/x.md")
    de = parse_markdown("# Hallo\n\nErster\nSatz.\n\n- A\n- B\n", "de/x.md")
    assert [u.key for u in en.units] == [u.key for u in de.units] == ["h1[0]", "p[0]", "li[0]", "li[1]"]


HTML = """<!DOCTYPE html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <title>Startseite</title>
  <style>p { color: red; }</style>
</head>
<body>
  <h1>Willkommen <b>bei</b> uns</h1>
  <p>Klicken Sie <a href="/hilfe" title="Zur Hilfe">hier</a> und geben Sie <code>--help</code> ein.</p>
  <img src="logo.png" alt="Firmenlogo">
  <div>Vorher
    <p>Innen</p>
    nachher</div>
  <pre>nicht übersetzen</pre>
  <script>var s = "nicht übersetzen";</script>
  <!-- Kommentar -->
  <ul><li><em>Erster</em> Punkt</li><li>Zweiter</li></ul>
  <table><tr><th>Name</th><td>Wert</td></tr></table>
</body>
</html>
"""

HTML_CASES = [
    ("head/title[0]", "Startseite", 5, "Startseite"),
    ("body/h1[0]", "Willkommen bei uns", 9, "Willkommen"),
    ("body/p[0]", "Klicken Sie hier und geben Sie --help ein.", 10, "Klicken"),
    ("body/p[0]/a[0]@title", "Zur Hilfe", 10, "Zur Hilfe"),
    ("body/img[0]@alt", "Firmenlogo", 11, "Firmenlogo"),
    ("body/div[0]", "Vorher", 12, "Vorher"),
    ("body/div[0]/p[0]", "Innen", 13, "Innen"),
    ("body/div[0]#1", "nachher", 14, "nachher"),
    ("body/ul[0]/li[0]", "Erster Punkt", 18, "Erster"),
    ("body/ul[0]/li[1]", "Zweiter", 18, "Zweiter"),
    ("body/table[0]/tr[0]/th[0]", "Name", 19, "Name"),
    ("body/table[0]/tr[0]/td[0]", "Wert", 19, "Wert"),
]


@pytest.fixture(scope="module")
def html():
    return parse_html(HTML.encode("utf-8"), "site/index.html")


@pytest.mark.parametrize("key,text,line,raw", HTML_CASES)
def test_html_units(html, key, text, line, raw):
    u = html.unit(key)
    assert u is not None, [x.key for x in html.units]
    assert (u.target.text, u.target.line) == (text, line)
    assert raw_at(HTML, u.target.line, u.target.column, len(raw)) == raw


def test_html_skips_code_and_keeps_document_order(html):
    assert [u.key for u in html.units] == [k for k, *_ in HTML_CASES]
    assert not any("nicht übersetzen" in u.target.text or "Kommentar" in u.target.text for u in html.units)
    assert html.target_language == "de"


def test_html_encodings():
    assert parse_html(b"<p>Gr\xfc\xdfe</p>", "a.html").units[0].target.text == "Grüße"  # cp1252, HTML's default
    with pytest.raises(InputError) as e:
        parse_html(b'<html><head>\n<meta charset="utf-8">\n</head><body>\n<p>Gr\xfc\xdfe</p></body></html>', "b.html")
    assert str(e.value).startswith("b.html: line 4: bytes that are not utf-8")


def test_html_options_are_units_of_their_own():
    c = parse_html("<p>Wähle <select><option>Eins</option><option>Zwei</option></select> aus</p>", "a.html")
    assert [(u.key, u.target.text) for u in c.units] == [
        ("body/p[0]", "Wähle"),
        ("body/p[0]/select[0]/option[0]", "Eins"),
        ("body/p[0]/select[0]/option[1]", "Zwei"),
        ("body/p[0]#1", "aus"),
    ]


def test_html_markup_inside_script_style_and_comments_does_not_shift_positions():
    h = """<html><body>
<script>document.write("<p>fake</p>");</script>
<!-- <p>commented out</p> -->
<p><!-- note -->Echter <b>Text</b></p>
<style>p::before { content: "<p>"; }</style>
<p>Zweiter <b>Satz</b> <!-- c --> danach</p>
</body></html>"""
    c = parse_html(h, "a.html")
    assert [(u.key, u.target.text, u.target.line) for u in c.units] == [
        ("body/p[0]", "Echter Text", 4),
        ("body/p[1]", "Zweiter Satz danach", 6),
    ]
    assert [raw_at(h, u.target.line, u.target.column, 6) for u in c.units] == ["Echter", "Zweite"]


@pytest.mark.parametrize(
    "source,text,column",
    [
        ("**Svarbu:** skaityk.", "Svarbu: skaityk.", 3),
        ("- [Nuoroda](https://x.lt) pradžioje", "Nuoroda pradžioje", 4),
        ("# _Kursyvas_ antraštėje", "Kursyvas antraštėje", 4),
        ("`kodas` pirmas", "`kodas` pirmas", 1),
    ],
)
def test_markdown_position_steps_over_leading_markup(source, text, column):
    u = parse_markdown(source, "x.md").units[0]
    assert (u.target.text, u.target.line, u.target.column) == (text, 1, column)


def test_markdown_crlf_and_lone_cr_line_ends():
    lf = parse_markdown("---\ntitle: T\n---\n# A\n\nPara\n- item\n- two\n", "x.md")
    crlf = parse_markdown("---\r\ntitle: T\r\n---\r\n# A\r\n\r\nPara\r\n- item\r\n- two\r\n", "x.md")
    cr = parse_markdown("---\rtitle: T\r---\r# A\r\rPara\r- item\r- two\r", "x.md")  # found by random damage
    assert lf.units == crlf.units == cr.units
    assert [u.key for u in lf.units] == ["front-matter.title", "h1[0]", "p[0]", "li[0]", "li[1]"]

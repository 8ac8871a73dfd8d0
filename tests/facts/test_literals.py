"""Literals (URLs, e-mails, paths, code) and the digits of names and codes."""

from __future__ import annotations

import pytest

from aligner.facts.literals import compare_literals, find_literals, literal_spans, token_number_spans


@pytest.mark.parametrize(("text", "expected"), [
    ("See https://www.sphinx-doc.org/en/master/ (docs).", [("url", "https://www.sphinx-doc.org/en/master/")]),
    ("Go to http://example.com.", [("url", "http://example.com")]),
    ("(see https://en.wikipedia.org/wiki/Foo_(bar))", [("url", "https://en.wikipedia.org/wiki/Foo_(bar)")]),
    ("visit www.example.com/page, now", [("url", "www.example.com/page")]),
    ("ftp://files.example.org/pub and mailto:a@b.org", [("url", "ftp://files.example.org/pub"),
                                                         ("url", "mailto:a@b.org")]),
    ("Mail me at john.doe@example.org.", [("email", "john.doe@example.org")]),
    ("Edit conf.py or docs/index.rst", [("path", "conf.py"), ("path", "docs/index.rst")]),
    ("in /usr/local/share/doc now", [("path", "/usr/local/share/doc")]),
    ("C:\\Users\\x\\file.txt", [("path", "C:\\Users\\x\\file.txt")]),
    ("\\\\server\\share\\dir", [("path", "\\\\server\\share\\dir")]),
    ("~/.config/app and ./build and ../x", [("path", "~/.config/app"), ("path", "./build"), ("path", "../x")]),
    ("Run ``make html`` or `pip install x`", [("code", "``make html``"), ("code", "`pip install x`")]),
    ("``http://x.org/a`` stays code", [("code", "``http://x.org/a``")]),
    ("`Sphinx <https://sphinx-doc.org>`_ link", [("url", "https://sphinx-doc.org")]),
    # negatives
    ("e.g. this/that and/or 1.5 Mr. Smith", []),
    ("Note: this", []),
    ("He said @home and user@", []),
    ("ratio 3/4 and 24/7", []),
    ("The end.", []),
    ("", []),
    # false alarms met in Django 5.2's catalogs
    ("Time: 5 p.m. or a.m.", []),
    ("Enter a valid URL, like “https://”.", []),
    ("Letters, numbers and ./+/-/_ only.", []),
    ("edit main.m", []),                                  # one-letter extensions need a slash
    ("edit src/main.m", [("path", "src/main.m")]),
])
def test_find_literals(text, expected) -> None:
    assert [(lit.kind, lit.surface) for lit in find_literals(text)] == expected


def test_literal_spans() -> None:
    text = "see http://a.org/x1 now"
    assert [text[a:b] for a, b in literal_spans(text)] == ["http://a.org/x1"]


@pytest.mark.parametrize(("source", "target", "expected"), [
    ("See https://a.com/x", "Žr. https://a.com/x", []),
    ("Mail a@b.com", "Rašykite a@b.com", []),
    ("Edit conf.py", "Redaguokite conf.py", []),
    ("Run `make html`", "Paleiskite make html", []),               # backticks may go, the code stays
    ("Run ``make html``", "Paleiskite ``make html``", []),
    ("See https://a.com/x and `make`", "Žr. https://a.com/y ir make", [("changed", "url")]),
    ("Mail a@b.com", "Rašykite", [("missing", "email")]),
    ("Mail a@b.com", "Rašykite a@c.com", [("changed", "email")]),
    ("Edit conf.py", "Redaguokite konfig.py", [("changed", "path")]),
    ("Run `make html`", "Paleiskite `padaryk html`", [("changed", "code")]),
    ("Run `make html`", "Paleiskite", [("missing", "code")]),
    ("No literals", "Nėra", []),
])
def test_compare_literals(source, target, expected) -> None:
    assert [(i.kind, i.literal_kind) for i in compare_literals(source, target)] == expected


# Real entries of Django 5.2's catalogs (flatpages, admin).
@pytest.mark.parametrize(("source", "target", "expected"), [
    # localised examples and documentation links keep their shape: warnings
    ("Example: “/about/contact/”. Make sure to have leading and trailing slashes.",
     "Eksempel: “/om/kontakt/”. Vær opmærksom på, at der skal være skråstreg både først og sidst.",
     [("changed", "warning")]),
    ('View <a href="https://docs.djangoproject.com/en/%(version)s/releases/">release notes</a>',
     'Afficher les <a href="https://docs.djangoproject.com/fr/%(version)s/releases/">notes</a>',
     [("changed", "warning")]),
    ("the system will use “flatpages/default.html”.", "sistem akan menggunakan \"flatpages/defulat.html\".",
     [("changed", "warning")]),                            # ms: a typo has the same shape
    # errors
    ("Example: “/about/contact/”. Make sure to have leading and trailing slashes.",
     "Exemplo: “/about/contact”. Lembre incluír as barras inicial e final.", [("changed", "error")]),   # gl
    ("Example: “/about/contact/”. Make sure to have leading and trailing slashes.",
     'Meselem: "about/contact/". Dogry we yzygiderli çyzgylaryň bardygyna göz ýetiriň.', [("missing", "error")]),
    ("Example: “flatpages/contact_page.html”. If this isn’t provided, the system will use “flatpages/default.html”.",
     "Наприклад, “/about/contact/”. Якщо не вказано, система використовуватиме “flatpages/default.html”.",
     [("changed", "error")]),                              # uk: the wrong example
    ("the related `%(app_label)s.%(data_type)s` object", "پەیوەستکراو `%(app_label)s. ئۆبجێکتی%(data_type)s`",
     [("changed", "error")]),                              # ckb: a word inside the code span
    ("Example: “/about/contact/”.", "Ejemplo: “/acerca/contacto/”.", [("changed", "warning")]),
    ("Example: '/about/contact'. Make sure to have a leading slash.",                                   # lt
     "Pavizdys: '/apie/kontaktai'. Įsitikinkite kad pradžioje būtų pasvirasis brūkšnys.", [("changed", "warning")]),
    ("Example: “/about/contact”.", "Eksempel: “/om/kontakt/”.", [("changed", "error")]),  # da: a slash added
])
def test_django_literals(source, target, expected) -> None:
    assert [(i.kind, i.severity) for i in compare_literals(source, target)] == expected


@pytest.mark.parametrize(("text", "tokens"), [
    ("Formula-1", ["1"]),
    ("ESPN2", ["2"]),
    ("COVID-19 cases rose by 12", ["19"]),
    ("the A320 and F-16", ["320", "16"]),
    ("version v2.3.1", ["2.3.1"]),
    ("release 3.10.12", ["3.10.12"]),
    ("ISO 9001 and IEC 61508", ["9001", "61508"]),
    ("PEP 8 and RFC 2616.", ["8", "2616"]),
    ("x86_64 build", ["86", "64"]),
    ("MP3 player", ["3"]),
    ("4K60 video", ["4", "60"]),
    ("see http://ex.com/a1 or a@b9.com", ["1", "9"]),
    ("file report2024.pdf", ["2024"]),
    ("run `sleep 5`", ["5"]),
    # quantities, not tokens
    ("5km 10% 3x 2nd 30GB", []),
    ("1920x1080 pixels, 2×3 grid", []),
    ("10.000.000 kr on 01.05.2016", []),
    ("2.5 million", []),
    ("10-15 km", []),
    ("Windows 10 has 25 apps", []),
    ("In 2016 the price rose 3.5%", []),
    ("", []),
])
def test_token_number_spans(text, tokens) -> None:
    assert [text[a:b] for a, b in token_number_spans(text)] == tokens

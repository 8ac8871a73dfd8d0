from __future__ import annotations

import re
import shutil
import subprocess
import time

import pytest

from aligner.errors import InputError
from aligner.l10n import parse_bytes
from aligner.l10n.po import parse_po
from tests.conftest import SHARED

SAMPLE = """# Lithuanian translation of the demo app.
msgid ""
msgstr ""
"Project-Id-Version: demo 1.0\\n"
"Language: lt\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

#. Button on the toolbar
#: app/toolbar.py:12
msgid "Save"
msgstr "Išsaugoti"

#, fuzzy, python-format
msgctxt "menu"
msgid "Open %(name)s"
msgstr "Atverti %(name)s"

#: app/list.py:40
#, python-brace-format
msgid "{n} file"
msgid_plural "{n} files"
msgstr[0] "{n} failas"
msgstr[1] "{n} failai"
msgstr[2] "{n} failų"

msgid ""
"A long text that is "
"split over lines.\\n"
msgstr ""
"Ilgas tekstas, "
"padalytas į eilutes.\\n"

msgid "Untranslated \\"quoted\\""
msgstr ""

#| msgid "Old text"
msgid "New text"
msgstr "Naujas tekstas"

#~ msgid "Gone"
#~ msgstr "Dingo"
"""

# key, source text, target text, target line, target column, state, flags
CASES = [
    ("Save", "Save", "Išsaugoti", 12, 9, "translated", ()),
    ("menu\x04Open %(name)s", "Open %(name)s", "Atverti %(name)s", 17, 9, "fuzzy", ("python-format",)),
    ("{n} file", "{n} file", "{n} failas", 23, 12, "translated", ("python-brace-format",)),
    (
        "A long text that is split over lines.\n",
        "A long text that is split over lines.\n",
        "Ilgas tekstas, padalytas į eilutes.\n",
        31,
        2,
        "translated",
        (),
    ),
    ('Untranslated "quoted"', 'Untranslated "quoted"', "", 35, 9, "untranslated", ()),
    ("New text", "New text", "Naujas tekstas", 39, 9, "translated", ()),
    ("Gone", "Gone", "Dingo", 42, 12, "obsolete", ()),
]


@pytest.fixture(scope="module")
def catalog():
    return parse_po(SAMPLE.encode("utf-8"), "locale/lt/LC_MESSAGES/demo.po")


def test_header(catalog):
    assert catalog.format == "po"
    assert catalog.target_language == "lt"
    assert catalog.plural_header.startswith("nplurals=3;")
    assert len(catalog.units) == len(CASES)


@pytest.mark.parametrize("key,source,target,line,column,state,flags", CASES)
def test_units(catalog, key, source, target, line, column, state, flags):
    u = catalog.unit(key)
    assert u is not None
    assert u.source.text == source
    assert (u.target.text, u.target.line, u.target.column) == (target, line, column)
    assert u.state == state
    assert u.flags == flags


def test_plural_and_notes(catalog):
    u = catalog.unit("{n} file")
    assert u.source_plural.text == "{n} files" and u.source_plural.line == 22
    assert [(f.text, f.line) for f in u.plural_forms] == [("{n} failas", 23), ("{n} failai", 24), ("{n} failų", 25)]
    assert catalog.unit("Save").notes == ("Button on the toolbar",)
    assert catalog.unit("Save").source == type(u.source)("Save", 11, 8)


def test_language_from_file_name_without_header():
    c = parse_po(b'msgid "a"\nmsgstr "b"\n', "po/messages.de.po")
    assert c.target_language == "de"
    assert parse_po(b'msgid "a"\nmsgstr ""\n', "po/messages.pot").target_language is None


BAD = [
    (b'msgid "a\nmsgstr "b"\n', "line 1: unterminated string"),
    (b'msgid "a"\nmsgstr "b"\n"stray\n', "line 3: unterminated string"),
    (b'msgid "a"\n\nmsgid "b"\nmsgstr ""\n', "line 3: second msgid"),
    (b'msgid "a"\nmsgtsr "b"\n', "line 2: cannot read"),
    (b'msgid "a"\n', "line 1: msgid without msgstr"),
    (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "\xe6\xf8"\n'.encode(
            "latin-1"
        ),
        "line 5: bytes that are not utf-8",
    ),
    (b'msgid ""\nmsgstr "Content-Type: text/plain; charset=KOI-X\\n"\n', "line 2: unknown encoding"),
    (
        b'msgid ""\nmsgstr "Plural-Forms: nplurals=3; plural=n!=1;\\n"\n\nmsgid "f"\nmsgid_plural "fs"\n'
        b'msgstr[0] "x"\nmsgstr[1] "y"\n',
        "line 6: 2 msgstr[n] forms but the header's Plural-Forms says nplurals=3",
    ),
]


@pytest.mark.parametrize("data,message", BAD)
def test_bad_files(data, message):
    with pytest.raises(InputError) as e:
        parse_bytes(data, "bad/de.po")
    assert e.value.path == "bad/de.po"
    assert message.lower() in str(e.value).lower()
    assert str(e.value).startswith("bad/de.po: line ")


def test_latin1_catalog_with_declared_charset():
    data = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n\nmsgid "a"\nmsgstr "æø"\n'
    c = parse_po(data.encode("latin-1"), "da.po")
    assert c.units[0].target.text == "æø"


def _po_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


SPHINX = SHARED / "real" / "catalogs-dev" / "sphinx"


@pytest.mark.skipif(not SPHINX.is_dir(), reason="real Sphinx catalogs not present")
@pytest.mark.parametrize("name", ["sphinx.pot", "da.po", "lt.po", "te.po"])
def test_real_sphinx_catalogs_match_translate_toolkit(name):
    from translate.storage import factory

    path = SPHINX / name
    data = path.read_bytes()
    start = time.perf_counter()
    catalog = parse_po(data, str(path))
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0
    store = factory.getobject(str(path))
    tt = [u for u in store.units if not u.isheader()]
    assert len(catalog.units) == len(tt)
    assert sum(u.state == "translated" for u in catalog.units) == sum(u.istranslated() for u in tt)
    assert sum(u.state == "fuzzy" for u in catalog.units) == sum(u.isfuzzy() and not u.isobsolete() for u in tt)
    lines = data.decode("utf-8").split("\n")
    for mine, theirs in zip(catalog.units, tt):
        assert mine.source.text == theirs.source
        if theirs.hasplural():
            assert [f.text for f in mine.plural_forms] == list(theirs.target.strings)
        else:
            assert mine.target.text == theirs.target
    # every span points at its text's first character inside its quotes (checked on the escaped text)
    for mine in catalog.units:
        for span in (mine.source, mine.target, mine.source_plural, *mine.plural_forms):
            if span is None:
                continue
            rest = lines[span.line - 1][span.column - 1 :]
            rest = rest[:-1] if rest.endswith('"') else rest
            assert lines[span.line - 1][span.column - 2] == '"'
            assert rest.startswith(_po_escape(span.text)[: len(rest)][:8])
    if shutil.which("msgfmt") and name != "sphinx.pot":
        out = subprocess.run(
            ["msgfmt", "--statistics", "-o", "/dev/null", str(path)], capture_output=True, text=True
        ).stderr
        translated = int(out.split(" translated")[0].strip().split()[-1])
        assert translated == sum(u.state == "translated" for u in catalog.units)


@pytest.mark.parametrize(
    "data,message",
    [
        (
            'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n\nmsgid "a"\nmsgstr "æø"\n'.encode(),
            "line 5: the bytes are utf-8 but the header's content-type charset= declares iso8859-1",
        ),
        (
            b'<?xml version="1.0" encoding="windows-1252"?>\n<xliff version="1.2">\n<file><body><trans-unit id="a">'
            b"<source>\xe2\x80\x9cHi\xe2\x80\x9d</source></trans-unit></body></file></xliff>",
            "line 3: the bytes are utf-8 but the xml declaration's encoding= declares cp1252",
        ),
    ],
)
def test_utf8_bytes_under_a_legacy_declaration(data, message):
    name = "x.po" if data.startswith(b"msgid") else "x.xlf"
    with pytest.raises(InputError) as e:
        parse_bytes(data, name)
    assert message in str(e.value).lower()


def test_crlf_line_ends_give_the_same_positions():
    lf = parse_po(SAMPLE.encode("utf-8"), "lt.po")
    crlf = parse_po(SAMPLE.replace("\n", "\r\n").encode("utf-8"), "lt.po")
    assert lf.units == crlf.units


PLURAL_HEADER = 'msgid ""\nmsgstr "Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'


@pytest.mark.parametrize(
    "entry,strict_error",
    [
        # Django 5's es/fr/it catalogs: a third form under nplurals=2 (msgfmt --check: fatal)
        ('msgid "f"\nmsgid_plural "fs"\nmsgstr[0] "a"\nmsgstr[1] "b"\nmsgstr[2] "c"\n', "line 6: 3 msgstr[n] forms"),
        ('msgid "f"\nmsgid_plural "fs"\nmsgstr[0] "a"\n', "line 6: 1 msgstr[n] forms"),
        # exempt, as in msgfmt --check: untranslated (empty msgstr[0]), fuzzy
        ('msgid "f"\nmsgid_plural "fs"\nmsgstr[0] ""\n', None),
        ('#, fuzzy\nmsgid "f"\nmsgid_plural "fs"\nmsgstr[0] "a"\nmsgstr[1] "b"\nmsgstr[2] "c"\n', None),
    ],
)
def test_nplurals_mismatch_judged_like_msgfmt_check(entry, strict_error):
    data = (PLURAL_HEADER + entry).encode()
    if strict_error is None:
        parse_po(data, "es.po")
        return
    with pytest.raises(InputError, match=re.escape(strict_error)):
        parse_bytes(data, "es.po")
    lenient = parse_bytes(data, "es.po", strict_plurals=False)
    assert lenient.units[0].flags == ("nplurals-mismatch",)
    assert parse_bytes(b'{"a": "b"}', "x.json", strict_plurals=False).units  # options a parser lacks are ignored


def test_missing_msgstr_is_reported_at_the_msgid():
    with pytest.raises(InputError, match=r"line 5: msgid without msgstr"):
        parse_po(b'msgid "a"\nmsgstr "b"\n\n#. a comment\nmsgid "c"\n"continued"\n', "x.po")

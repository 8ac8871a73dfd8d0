from __future__ import annotations

import pytest

from aligner.errors import InputError
from aligner.l10n.android import parse_android
from aligner.l10n.xliff import parse_tmx, parse_xliff
from tests.conftest import SHARED

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="app.properties" source-language="en" target-language="de" datatype="plaintext">
    <body>
      <trans-unit id="save" approved="yes">
        <source>Save &amp; <g id="1">close</g> <x id="2"/></source>
        <target state="final">Speichern &amp; <g id="1">schließen</g> <x id="2"/></target>
        <note>Toolbar button</note>
      </trans-unit>
      <trans-unit id="count">
        <source>{0} files in <ph id="1">%s</ph></source>
        <target state="needs-review-translation">{0} Dateien in <ph id="1">%s</ph></target>
      </trans-unit>
      <trans-unit id="new">
        <source>Not yet translated</source>
      </trans-unit>
      <trans-unit id="multi"><source>Line one
line two</source><target
          state="translated">Zeile eins
Zeile zwei</target></trans-unit>
      <trans-unit id="skip" translate="no"><source>ACME</source></trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-US" trgLang="lt">
  <file id="f1">
    <unit id="greeting">
      <notes><note>Shown on the start page</note></notes>
      <segment state="translated">
        <source>Hello <pc id="1">world</pc>!</source>
        <target>Labas, <pc id="1">pasauli</pc>!</target>
      </segment>
    </unit>
    <unit id="two">
      <segment id="s1" state="reviewed"><source>First.</source><target>Pirmas.</target></segment>
      <ignorable><source> </source></ignorable>
      <segment id="s2"><source>Second <ph id="2"/>.</source></segment>
    </unit>
  </file>
</xliff>
"""

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en"
          srclang="en" datatype="plaintext"/>
  <body>
    <tu tuid="1">
      <note>From the manual</note>
      <tuv xml:lang="en"><seg>Press <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
      <tuv xml:lang="da"><seg>Tryk på <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="en-GB"><seg>Colour</seg></tuv>
      <tuv xml:lang="da-DK"><seg>Farve</seg></tuv>
    </tu>
  </body>
</tmx>
"""

ANDROID = """<?xml version="1.0" encoding="utf-8"?>
<resources xmlns:xliff="urn:oasis:names:tc:xliff:document:1.2">
    <!-- Greeting on the home screen -->
    <string name="hello">Labas, <xliff:g id="name" example="Jonas">%1$s</xliff:g>!</string>
    <string name="quote">"Don\\'t panic"</string>
    <string name="app_id" translatable="false">com.example</string>
    <plurals name="files">
        <item quantity="one">%d failas</item>
        <item quantity="few">%d failai</item>
        <item quantity="many">%d failo</item>
        <item quantity="other">%d failų</item>
    </plurals>
    <string-array name="days">
        <item>Pirmadienis</item>
        <item>Antradienis</item>
    </string-array>
</resources>
"""

# format sample, parser, path, key, source (text, line, col) or None, target (text, line, col), state
CASES = [
    (
        XLIFF12,
        parse_xliff,
        "a.xlf",
        "save",
        ('Save & <g id="1">close</g> <x id="2"/>', 6, 17),
        ('Speichern & <g id="1">schließen</g> <x id="2"/>', 7, 31),
        "final",
    ),
    (
        XLIFF12,
        parse_xliff,
        "a.xlf",
        "count",
        ('{0} files in <ph id="1">%s</ph>', 11, 17),
        ('{0} Dateien in <ph id="1">%s</ph>', 12, 50),
        "needs-review-translation",
    ),
    (XLIFF12, parse_xliff, "a.xlf", "new", ("Not yet translated", 15, 17), None, "new"),
    (
        XLIFF12,
        parse_xliff,
        "a.xlf",
        "multi",
        ("Line one\nline two", 17, 38),
        ("Zeile eins\nZeile zwei", 19, 30),
        "translated",
    ),
    (
        XLIFF20,
        parse_xliff,
        "b.xlf",
        "greeting",
        ('Hello <pc id="1">world</pc>!', 7, 17),
        ('Labas, <pc id="1">pasauli</pc>!', 8, 17),
        "translated",
    ),
    (XLIFF20, parse_xliff, "b.xlf", "two/s1", ("First.", 12, 49), ("Pirmas.", 12, 72), "reviewed"),
    (XLIFF20, parse_xliff, "b.xlf", "two/s2", ('Second <ph id="2"/>.', 14, 32), None, "initial"),
    (
        TMX,
        parse_tmx,
        "m.tmx",
        "1",
        ('Press <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept>.', 8, 31),
        ('Tryk på <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept>.', 9, 31),
        "translated",
    ),
    (TMX, parse_tmx, "m.tmx", "tu[1]", ("Colour", 12, 34), ("Farve", 13, 34), "translated"),
    (
        ANDROID,
        parse_android,
        "res/values-lt/strings.xml",
        "hello",
        None,
        ('Labas, <xliff:g id="name" example="Jonas">%1$s</xliff:g>!', 4, 26),
        None,
    ),
    (ANDROID, parse_android, "res/values-lt/strings.xml", "quote", None, ("Don't panic", 5, 27), None),
    (ANDROID, parse_android, "res/values-lt/strings.xml", "days[1]", None, ("Antradienis", 15, 15), None),
]


@pytest.mark.parametrize("sample,parser,path,key,source,target,state", CASES)
def test_units(sample, parser, path, key, source, target, state):
    catalog = parser(sample.encode("utf-8"), path)
    u = catalog.unit(key)
    assert u is not None, [x.key for x in catalog.units]
    assert (u.source and (u.source.text, u.source.line, u.source.column)) == source
    if target is None:
        assert u.target is None or u.target.text == ""
    else:
        assert (u.target.text, u.target.line, u.target.column) == target
    assert u.state == state


@pytest.mark.parametrize(
    "sample,parser,path,languages,count",
    [
        (XLIFF12, parse_xliff, "a.xlf", ("en", "de"), 4),
        (XLIFF20, parse_xliff, "b.xlf", ("en-US", "lt"), 3),
        (TMX, parse_tmx, "m.tmx", ("en", "da"), 2),
        (ANDROID, parse_android, "app/src/main/res/values-lt/strings.xml", (None, "lt"), 5),
        (ANDROID, parse_android, "res/values-pt-rBR/strings.xml", (None, "pt-BR"), 5),
        (ANDROID, parse_android, "res/values/strings.xml", (None, None), 5),
    ],
)
def test_languages_and_counts(sample, parser, path, languages, count):
    catalog = parser(sample, path)
    assert (catalog.source_language, catalog.target_language) == languages
    assert len(catalog.units) == count


def test_notes_flags_and_plurals():
    c = parse_xliff(XLIFF12, "a.xlf")
    assert c.unit("save").notes == ("Toolbar button",) and c.unit("save").flags == ("approved",)
    assert parse_xliff(XLIFF20, "b.xlf").unit("greeting").notes == ("Shown on the start page",)
    assert parse_tmx(TMX, "m.tmx").unit("1").notes == ("From the manual",)
    a = parse_android(ANDROID, "res/values-lt/strings.xml")
    assert a.unit("hello").notes == ("Greeting on the home screen",)
    files = a.unit("files")
    assert [(f.text, f.line, f.column) for f in files.plural_forms] == [
        ("%d failas", 8, 30),
        ("%d failai", 9, 30),
        ("%d failo", 10, 31),
        ("%d failų", 11, 32),
    ]
    assert files.flags == ("plurals=one,few,many,other",)
    assert a.unit("app_id") is None


BAD = [
    (
        parse_xliff,
        b'<xliff version="1.2"><file><body>\n<trans-unit id="a"><source>x</source>\n</body></file></xliff>',
        "line 3: XLIFF is not well-formed XML",
    ),
    (
        parse_xliff,
        b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<xliff version="1.2"><file><body>\n'
        b'<trans-unit id="a"><source>\xe2\x80\x9cx\xe2\x80\x9d</source></trans-unit></body></file></xliff>',
        "line 3: the bytes are UTF-8 but the XML declaration's encoding= declares iso8859-1",
    ),
    (
        parse_xliff,
        b'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file><body>\n'
        b'<trans-unit id="a"><source>K\xf8benhavn</source></trans-unit></body></file></xliff>',
        "line 3: bytes that are not utf-8",
    ),
    (parse_xliff, b'<?xml version="1.0" encoding="klingon"?>\n<xliff/>', "line 1: unknown encoding"),
    (parse_xliff, b"<tmx/>", "line 1: root element is <tmx>, not <xliff>"),
    (
        parse_xliff,
        b'\xef\xbb\xbf<?xml version="1.0" encoding="ISO-8859-1"?><xliff/>',
        "line 1: the file starts with a utf-8 byte-order mark but the XML declaration's encoding= says iso8859-1",
    ),
    (
        parse_tmx,
        b'<tmx version="1.4"><body>\n<tu><tuv xml:lang="en"><seg>a</seg></tuv>\n</tu>\n</bod></tmx>',
        "line 4: TMX is not well-formed XML",
    ),
    (parse_android, b"<resources>\n<string>no name</string>\n</resources>", "line 2: <string> without a name"),
    (parse_android, b'<resources>\n<string name="a">x &nbsp; y</string>\n</resources>', "line 2: "),
]


@pytest.mark.parametrize("parser,data,message", BAD)
def test_bad_files(parser, data, message):
    with pytest.raises(InputError) as e:
        parser(data, "bad/file.xml")
    assert str(e.value).startswith("bad/file.xml: line ")
    assert message.lower() in str(e.value).lower()


def test_xliff12_several_files_prefix_keys_with_original():
    x = """<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="a.txt" source-language="en" target-language="da"><body>
<trans-unit id="1"><source>One</source><target>En</target></trans-unit></body></file>
<file original="b.txt" source-language="en" target-language="da"><body>
<trans-unit id="1"><source>Two</source><target>To</target></trans-unit></body></file></xliff>"""
    c = parse_xliff(x, "x.xlf")
    assert [(u.key, u.target.text, u.target.line) for u in c.units] == [("a.txt/1", "En", 3), ("b.txt/1", "To", 5)]


def test_tmx_target_language_can_be_chosen():
    tmx = """<tmx version="1.4"><header srclang="en" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"
 creationtool="x" creationtoolversion="1"/><body>
<tu><tuv xml:lang="en"><seg>Yes</seg></tuv><tuv xml:lang="da"><seg>Ja</seg></tuv>
    <tuv xml:lang="lt"><seg>Taip</seg></tuv></tu>
</body></tmx>"""
    assert parse_tmx(tmx, "m.tmx").units[0].target.text == "Ja"
    lt = parse_tmx(tmx, "m.tmx", target_language="lt")
    assert (lt.target_language, lt.units[0].target.text, lt.units[0].target.column) == ("lt", "Taip", 29)


def test_commented_out_elements_and_cdata_do_not_shift_positions():
    x = """<resources>
<!-- <string name="a">old</string> -->
<string name="a"><![CDATA[<b>neu</b>]]></string>
<string name="b">zwei</string>
</resources>"""
    c = parse_android(x, "values-de/strings.xml")
    assert [(u.key, u.target.text, u.target.line, u.target.column) for u in c.units] == [
        ("a", "<b>neu</b>", 3, 18),
        ("b", "zwei", 4, 18),
    ]


SPHINX = SHARED / "real" / "catalogs-dev" / "sphinx"


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.mark.skipif(not SPHINX.is_dir(), reason="real Sphinx catalogs not present")
@pytest.mark.parametrize("name", ["da.po", "lt.po"])
def test_xliff_that_translate_toolkit_writes_from_a_real_catalog(name):
    """translate-toolkit turns a real catalog into XLIFF; we read back the same units at the right positions."""
    from translate.storage import factory, xliff

    po = factory.getobject(str(SPHINX / name))
    store = xliff.xlifffile(sourcelanguage="en", targetlanguage=name[:2])
    for unit in po.units:
        if unit.isheader() or unit.isobsolete():
            continue
        new = store.addsourceunit(unit.source)
        new.target = unit.target.strings[0] if unit.hasplural() else unit.target
        new.setid(unit.getid())
    data = bytes(store)
    catalog = parse_xliff(data, f"{name[:2]}.xlf")
    back = [u for u in xliff.xlifffile.parsestring(data).units if not u.isheader()]
    assert (catalog.source_language, catalog.target_language) == ("en", name[:2])
    assert [(u.key, u.source.text, u.target.text) for u in catalog.units] == [
        (u.xmlelement.get("id"), u.source, u.target or "") for u in back
    ]
    lines = data.decode("utf-8").split("\n")
    for u in catalog.units:
        for span in (u.source, u.target):
            rest = lines[span.line - 1][span.column - 1 :]
            assert rest.startswith(_xml_escape(span.text.split("\n")[0])[:10][: len(rest)])
            assert lines[span.line - 1][span.column - 2] == ">"


@pytest.mark.parametrize(
    "data",
    [
        '<xliff version="1.2"><file source-language="en" target-language="de"><body><trans-unit id="a">'
        "<source>x</source><target>y</target><note>n</note></trans-unit></body></file></xliff>",
        '<xliff version="2.0" srcLang="en" trgLang="de"><file id="f"><unit id="a"><notes><note>n</note></notes>'
        "<segment><source>x</source><target>y</target></segment></unit></file></xliff>",
    ],
)
def test_xliff_without_namespace(data):
    u = parse_xliff(data, "a.xlf").units[0]
    assert (u.key, u.source.text, u.target.text, u.notes) == ("a", "x", "y", ("n",))

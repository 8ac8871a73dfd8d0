from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.errors import InputError
from aligner.l10n import FORMATS, PARSERS, detect_format, parse_bytes, parse_path
from tests.l10n import test_documents, test_monolingual, test_po, test_xml_formats

DETECT = [
    ("locale/de/LC_MESSAGES/app.po", b"", "po"),
    ("app.pot", b"", "po"),
    ("a.xlf", b"", "xliff"),
    ("a.xliff", b"", "xliff"),
    ("memory.tmx", b"", "tmx"),
    ("de.json", b"", "json"),
    ("config/locales/lt.yml", b"", "yaml"),
    ("messages_de.properties", b"", "properties"),
    ("de.lproj/Localizable.strings", b"", "apple-strings"),
    ("README.md", b"", "markdown"),
    ("index.html", b"", "html"),
    ("res/values-de/strings.xml", b'<?xml version="1.0"?>\n<!-- c -->\n<resources>', "android"),
    ("export.xml", b'<?xml version="1.0"?><xliff version="2.0">', "xliff"),
    ("export.xml", b"<tmx version='1.4'>", "tmx"),
    ("export.xml", b"<project/>", None),
    ("noext", b'# comment\nmsgid ""\nmsgstr ""\n', "po"),
    ("noext", b'\xef\xbb\xbf{"a": "b"}', "json"),
    ("noext", b"<!DOCTYPE html><html>", "html"),
    ("noext", '"a" = "b";\n'.encode("utf-16"), "apple-strings"),
    ("noext", b"\x00\x01binary", None),
    ("notes.txt", b"plain text", None),
]


@pytest.mark.parametrize("path,head,expected", DETECT)
def test_detect_format(path, head, expected):
    assert detect_format(path, head) == expected


SAMPLES = {
    "po": ("lt.po", test_po.SAMPLE),
    "xliff": ("a.xlf", test_xml_formats.XLIFF12),
    "tmx": ("m.tmx", test_xml_formats.TMX),
    "json": ("lt.json", test_monolingual.JSON_NESTED),
    "yaml": ("lt.yml", test_monolingual.YAML_RAILS),
    "properties": ("m_de.properties", test_monolingual.PROPERTIES),
    "android": ("values-lt/strings.xml", test_xml_formats.ANDROID),
    "apple-strings": ("fr.lproj/Localizable.strings", test_monolingual.APPLE),
    "markdown": ("lt/index.md", test_documents.MARKDOWN),
    "html": ("index.html", test_documents.HTML),
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_parse_path_reads_every_format(tmp_path, fmt):
    name, sample = SAMPLES[fmt]
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(sample.encode("utf-8"))
    catalog = parse_path(str(path))
    assert catalog.format == fmt and catalog.path == str(path)
    assert catalog.units
    assert all(u.target is None or (u.target.line >= 1 and u.target.column >= 1) for u in catalog.units)
    assert parse_bytes(sample, name) == parse_bytes(sample.encode("utf-8"), name)  # str and bytes agree


def test_parse_path_errors(tmp_path):
    with pytest.raises(InputError, match="cannot read the file"):
        parse_path(str(tmp_path / "missing.po"))
    (tmp_path / "x.bin").write_bytes(b"\x00\x01")
    with pytest.raises(InputError, match="not a localization format"):
        parse_path(str(tmp_path / "x.bin"))


def test_deep_nesting_is_an_input_error():
    with pytest.raises(InputError):
        parse_bytes("[" * 100000 + "]" * 100000, "deep.json")


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_files_raise_input_error_or_parse(fmt, data):
    """Whatever the bytes, a parser returns a Catalog or raises InputError: never another exception."""
    name, sample = SAMPLES[fmt]
    raw = sample.encode("utf-8")
    cut = data.draw(st.integers(0, len(raw)))
    junk = data.draw(st.binary(max_size=8) | st.sampled_from([b'"', b"<", b"\\", b"{", b"\n", b"\xff", b"#~ "]))
    damaged = raw[:cut] + junk + raw[cut + data.draw(st.integers(0, 5)) :]
    try:
        catalog = PARSERS[fmt](damaged, name)
    except InputError as e:
        assert str(e).startswith(f"{name}: ")
    else:
        assert catalog.format == fmt


@pytest.mark.parametrize(
    "data,name",
    [
        (b"<p>Gr\x81\x8d\x8f\x90\x9de</p>", "cp1252-unmapped.html"),  # found by random damage: cp1252 has holes
        (b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UT\x00F-8\\n"\n', "nul-charset.po"),
    ],
)
def test_regressions_from_random_damage(data, name):
    try:
        parse_bytes(data, name)
    except InputError as e:
        assert str(e).startswith(f"{name}: line ")


def test_parse_path_refuses_huge_files(tmp_path, monkeypatch):
    import aligner.l10n as l10n

    path = tmp_path / "big.po"
    path.write_bytes(b'msgid "a"\nmsgstr "b"\n')
    monkeypatch.setattr(l10n, "MAX_BYTES", 10)
    with pytest.raises(InputError, match="over the 0 MB limit"):
        parse_path(str(path))

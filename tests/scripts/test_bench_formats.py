"""The damage generators and the line-preserving PO writer of ``scripts/bench_formats.py`` (small, no aligner run)."""

from __future__ import annotations

import importlib.util
import json
import random
import sys

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_formats", ROOT / "scripts" / "bench_formats.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules["bench_formats"] = module  # (its dataclasses look their module up)
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop("bench_formats", None)


PO = """msgid ""
msgstr ""
"Language: da\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#: a.py:1
#, python-format
msgid "Saved %(name)s to %s"
msgstr ""
"Gemte %(name)s "
"i %s"

msgid "Read <b>the \\"docs\\"</b> at https://example.org/docs"
msgstr "Læs <b>de \\"docs\\"</b> på https://example.org/docs"

msgctxt "menu"
msgid "Open"
msgstr "Åbn"

msgid "one file"
msgid_plural "%d files"
msgstr[0] "én fil"
msgstr[1] "%d filer"

msgid "Not yet"
msgstr ""
"""


def test_po_reader_keys_texts_and_spans(bench) -> None:
    entries = [e for e in bench.parse_po_lines(PO.split("\n")) if e.source]
    assert [e.key for e in entries] == ["Saved %(name)s to %s", 'Read <b>the "docs"</b> at https://example.org/docs',
                                        "menu\x04Open", "one file", "Not yet"]
    first = entries[0]
    assert first.target == "Gemte %(name)s i %s" and "python-format" in first.flags
    assert (first.fields["msgstr"].first, first.fields["msgstr"].last) == (8, 11)
    assert [e.translated for e in entries] == [True, True, True, True, False]
    assert [f.text for f in entries[3].forms()] == ["én fil", "%d filer"]


def test_escape_round_trips(bench) -> None:
    text = 'a "quoted" \\ back\nslash\ttab'
    assert bench.po_unescape(bench.po_escape(text)) == text


def test_set_field_keeps_the_line_count_and_the_po_valid(bench) -> None:
    lines = PO.split("\n")
    entry = bench.parse_po_lines(lines)[1]
    bench.set_field(lines, entry.fields["msgstr"], 'Gemte "x"\n')
    assert len(lines) == len(PO.split("\n"))
    again = bench.parse_po_lines(lines)[1]
    assert again.target == 'Gemte "x"\n' and lines[8:11] == ['msgstr "Gemte \\"x\\"\\n"', '""', '""']
    from translate.storage import pypo  # the peer's reader accepts it too

    store = pypo.pofile.parsestring("\n".join(lines).encode())
    assert [u.target for u in store.units if u.source == "Saved %(name)s to %s"] == ['Gemte "x"\n']


def test_placeholder_generators(bench) -> None:
    rng = random.Random(1)
    src, tgt = "Saved %(name)s to %s", "Gemte %(name)s i %s"
    dropped = bench.drop_placeholder(src, tgt, rng)
    assert dropped in ("Gemte i %s", "Gemte %(name)s i")
    assert bench.rename_placeholder(src, tgt, rng) == "Gemte %(name_x)s i %s"
    assert bench.change_placeholder_type(src, tgt, random.Random(0)) in ("Gemte %(name)d i %s", "Gemte %(name)s i %d")
    # {0} -> {1} would be the other placeholder of the source: only {1} -> {2} is a renaming
    assert bench.rename_placeholder("{0} of {1}", "{0} af {1}", random.Random(0)) == "{0} af {2}"
    assert bench.rename_placeholder("Hi {{user}}", "Hej {{user}}", rng) == "Hej {{user_x}}"
    assert bench.drop_placeholder("No placeholder", "Ingen", rng) is None


def test_tag_url_number_and_untranslated_generators(bench) -> None:
    src, tgt = 'Read <b>the docs</b> at https://example.org/docs', 'Læs <b>docs</b> på https://example.org/docs'
    for seed in range(6):
        out = bench.damage_tag(src, tgt, random.Random(seed))
        assert out in ("Læs <b>docs på https://example.org/docs", "Læs docs på https://example.org/docs")
    literals = ("<<oprindeligt punkt>>", "visit <https://www.sphinx-doc.org/>", "{0} [OPTIONS] <COMMAND>", "<command>")
    for literal in literals:
        assert bench.damage_tag(literal, literal, random.Random(0)) is None  # text in angle brackets, not markup
    url = bench.change_url(src, tgt, random.Random(3))
    assert url.startswith("Læs <b>docs</b> på https://") and url != tgt and len(url) == len(tgt)
    assert bench.change_url("me@example.com", "me@example.com", random.Random(0)) == "me@xexample.com"
    assert bench.change_number("Line %d of 12", "Linje %d af 12", random.Random(0)) in {
        f"Linje %d af 1{d}" for d in "013456789"}
    assert bench.change_number("%s &#8212; %d", "%s &#8212; %d", random.Random(0)) is None
    assert bench.change_number("for EPUB3", "pour EPUB3", random.Random(0)) is None  # a name's digits: not here
    epub = bench.change_name_number("for EPUB3", "pour EPUB3", random.Random(0))
    assert epub in {f"pour EPUB{d}" for d in "012456789"}
    assert bench.change_name_number("UTF-8 only", "kun UTF-8", random.Random(0)).startswith("kun UTF-")
    assert bench.untranslate("Open", "Åbn", random.Random(0)) == "Open"
    assert bench.untranslate("OK", "OK", random.Random(0)) is None


def test_damage_po_is_seeded_and_touches_only_damaged_entries(bench) -> None:
    a, da = bench.damage_po(PO, "placeholder_dropped", random.Random(5), 5, "da.po")
    b, db = bench.damage_po(PO, "placeholder_dropped", random.Random(5), 5, "da.po")
    assert a == b and da == db and len(da) == 1 and da[0].key == "Saved %(name)s to %s"
    changed = [i for i, (x, y) in enumerate(zip(PO.split("\n"), a.split("\n"), strict=True)) if x != y]
    assert changed and all(8 <= i < 11 for i in changed)
    text, dp = bench.damage_po(PO, "plural_dropped", random.Random(0), 5, "da.po")
    assert [d.key for d in dp] == ["one file"] and 'msgstr[1] "%d filer"' not in text
    text, de = bench.damage_po(PO, "plural_empty", random.Random(0), 5, "da.po")
    assert 'msgstr[1] ""' in text and len(text.split("\n")) == len(PO.split("\n"))


def test_damage_json_removes_a_key_in_one_language(bench) -> None:
    en = {"a": {"x": "Hello {{name}}", "y": "7 days"}, "b": "Sign in"}
    de = {"a": {"x": "Hallo {{name}}", "y": "7 Tage"}, "b": "Anmelden"}
    texts = {"en-US": bench.dump_json(en), "de-DE": bench.dump_json(de)}
    out, damages = bench.damage_json(texts, "en-US", "key_missing", random.Random(2), 1)
    assert len(damages) == 1 and out["en-US"] == texts["en-US"]
    (d,) = damages
    leaves = dict(bench.json_leaves(json.loads(out["de-DE"])))
    assert d.key not in leaves and len(leaves) == 2
    assert d.lines[0] == bench.line_of_key(texts["de-DE"], d.key) and d.source == dict(bench.json_leaves(en))[d.key]
    out, damages = bench.damage_json(texts, "en-US", "placeholder_dropped", random.Random(2), 5)
    assert [x.key for x in damages] == ["a.x"] and json.loads(out["de-DE"])["a"]["x"] == "Hallo"


def test_grow_catalog_repeats_entries_under_a_context(bench) -> None:
    grown = bench.grow_catalog(PO, 11)
    entries = [e for e in bench.parse_po_lines(grown.split("\n")) if e.source]
    assert len(entries) == 11 and len({e.key for e in entries}) == 11
    assert entries[4].key == "r1\x04Saved %(name)s to %s"

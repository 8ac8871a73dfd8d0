"""Plural forms as entries: every ``msgstr[n]`` (and Android ``<item quantity>``) is a segment of its entry's
unit, checked as a form: its placeholders, its emptiness, and the number of forms for the language."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.align.keyed import align_keyed
from aligner.checks.config import CheckConfig
from aligner.io.formats import read_path
from aligner.pipeline import check_paths

HEADER = {
    "lt": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "da": "nplurals=2; plural=(n != 1);",
    "tl": "nplurals=2; plural=(n != 1 && n != 2 && n != 3 && (n % 10 == 4 || n % 10 == 6 || n % 10 == 9));",
    "te": "nplurals=2; plural=(n != 1);",
}
FORMS = {
    "lt": ["%d failas", "%d failai", "%d failų"],
    "da": ["%d fil", "%d filer"],
    "tl": ["%d file", "%d na mga file"],
    "te": ["%d ఫైల్", "%d ఫైళ్లు"],
}


def _po(tmp_path: Path, lang: str, forms: list[str], nplurals: int | None = None, header: str | None = None) -> str:
    header = header or HEADER[lang]
    if nplurals is not None:
        header = f"nplurals={nplurals}; plural=(n != 1);"
    body = "".join(f'msgstr[{i}] "{f}"\n' for i, f in enumerate(forms))
    text = (f'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Plural-Forms: {header}\\n"\n\n'
            f'msgid "Save"\nmsgstr "{ {"lt": "Išsaugoti", "da": "Gem", "tl": "I-save", "te": "సేవ్"}[lang]}"\n\n'
            f'msgid "%d file"\nmsgid_plural "%d files"\n{body}')
    path = tmp_path / f"{lang}.po"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_every_form_is_a_segment_of_the_entry(tmp_path: Path) -> None:
    source, target = read_path(_po(tmp_path, "lt", FORMS["lt"]))
    assert [s.text for s in target.segments if s.key.startswith("%d file")] == FORMS["lt"]
    assert [s.text for s in source.segments if s.key.startswith("%d file")] == ["%d file", "%d files"]
    assert [s.line for s in target.segments][-3:] == [11, 12, 13]
    unit = align_keyed([source, target]).units[-1]
    assert (len(unit.segments[0]), len(unit.segments[1])) == (2, 3)  # one entry, not a form added in lt


@pytest.mark.parametrize("lang", sorted(FORMS))
def test_the_usual_number_of_forms_is_no_finding(lang: str, tmp_path: Path) -> None:
    run = check_paths([_po(tmp_path, lang, FORMS[lang])])
    assert [f.code for f in run.findings] == []


def test_lithuanian_with_four_forms_is_accepted(tmp_path: Path) -> None:
    run = check_paths([_po(tmp_path, "lt", [*FORMS["lt"], "%d failo"], nplurals=4)])
    assert [f.code for f in run.findings if f.code == "PLU001"] == []


def test_lithuanian_with_two_forms_is_a_major_plural_finding(tmp_path: Path) -> None:
    run = check_paths([_po(tmp_path, "lt", FORMS["lt"][:2], nplurals=2)])
    found = [f for f in run.findings if f.code == "PLU001"]
    assert len(found) == 1 and found[0].severity.value == "major" and "2 plural forms" in found[0].message


def test_a_form_that_drops_the_placeholder_is_found_at_its_line(tmp_path: Path) -> None:
    run = check_paths([_po(tmp_path, "lt", ["%d failas", "%d failai", "failų"])])
    found = [f for f in run.findings if f.code == "PLU001"]
    assert [(f.line, f.evidence["form"]) for f in found] == [(13, 2)]
    assert found[0].key == "%d file"


@pytest.mark.parametrize("lang", ["da", "lt"])
def test_an_empty_last_form_is_a_finding(lang: str, tmp_path: Path) -> None:
    forms = [*FORMS[lang][:-1], ""]
    run = check_paths([_po(tmp_path, lang, forms)])
    found = [f for f in run.findings if f.code == "EMP001"]
    assert len(found) == 1 and found[0].evidence["source"] == "%d files" and found[0].line == 10 + len(forms)


def test_every_form_empty_is_an_untranslated_entry_not_a_finding(tmp_path: Path) -> None:
    run = check_paths([_po(tmp_path, "da", ["", ""])])
    assert run.findings == ()


ANDROID_EN = """<resources>
  <plurals name="files"><item quantity="one">%d file</item><item quantity="other">%d files</item></plurals>
  <string name="save">Save the file</string>
</resources>
"""


def test_android_plurals_are_entries_and_keep_the_placeholder(tmp_path: Path) -> None:
    (tmp_path / "values").mkdir()
    (tmp_path / "values-lt").mkdir()
    en = tmp_path / "values" / "strings.xml"
    lt = tmp_path / "values-lt" / "strings.xml"
    en.write_text(ANDROID_EN, encoding="utf-8")
    lt.write_text(ANDROID_EN.replace("Save the file", "Išsaugoti failą").replace(
        '<item quantity="one">%d file</item><item quantity="other">%d files</item>',
        '<item quantity="one">%d failas</item><item quantity="few">%d failai</item>'
        '<item quantity="other">failų</item>'), encoding="utf-8")
    (doc,) = read_path(str(lt))
    assert [s.text for s in doc.segments if s.key.startswith("files")] == ["%d failas", "%d failai", "failų"]
    run = check_paths([str(en), str(lt)], config=CheckConfig(source_version="en"))
    found = [f for f in run.findings if f.code == "PLU001"]
    assert len(found) == 1 and found[0].evidence["form"] == 2, run.findings

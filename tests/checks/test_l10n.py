"""The l10n family on keyed documents built as a catalog reader builds them: what the YAML cases cannot say
(plural entries, entry states and flags, where a finding points, severities a fact lowers)."""

from __future__ import annotations

import pytest

from aligner.align.keyed import align_keyed
from aligner.checks.l10n import ChangedLiteral, check_l10n
from aligner.checks.registry import SharedAnalysisCheck
from aligner.io.formats.build import Entry, keyed_document
from aligner.model import Severity

Row = tuple  # (key, text) or (key, text, state)


def _doc(name: str, language: str, rows: list[Row], *, source: bool = False):
    entries = [Entry(r[0], r[1], 10 + 3 * i, 8, r[2] if len(r) > 2 else None) for i, r in enumerate(rows)]
    return keyed_document(f"{name}.po", entries, language=language, is_source=source, id=f"{name}#{language}")


def _run(src_rows: list[Row], tgt_rows: list[Row], language: str = "da", source: str | None = None,
         mark_source: bool = True):
    docs = [_doc("src", "en", src_rows, source=mark_source), _doc(language, language, tgt_rows)]
    return check_l10n(align_keyed(docs), source)


def _codes(findings) -> list[str]:
    return [f.code for f in findings]


def test_a_finding_points_at_the_target_entry_and_names_both_sides() -> None:
    found = _run([("greet", "Hello {name}, you have %d new messages")],
                 [("greet", "Hej, du har %d nye beskeder")])
    assert _codes(found) == ["PLH001"]
    f = found[0]
    assert (f.path, f.line, f.column, f.key, f.language) == ("da.po", 10, 8, "greet", "da")
    assert f.message == "'{name}' is missing here; the source has 'Hello {name}, you have %d new messages'"
    assert f.evidence["source"] == "Hello {name}, you have %d new messages"
    assert f.evidence["text"] == "Hej, du har %d nye beskeder"


def test_versions_without_a_source_are_peers_and_get_nothing() -> None:
    rows_en, rows_da = [("a", "Hello {name}")], [("a", "Hej")]
    assert _run(rows_en, rows_da, mark_source=False) == []
    # --source names the version by language
    assert _codes(_run(rows_en, rows_da, mark_source=False, source="en")) == ["PLH001"]


def test_untranslated_entries_are_not_empty_translations() -> None:
    src = [("a", "Open"), ("b", "Save changes?"), ("c", "Close")]
    assert _codes(_run(src, [("a", "Åbn"), ("b", "", "untranslated"), ("c", "Luk")])) == []
    assert _codes(_run(src, [("a", "Åbn"), ("b", ""), ("c", "Luk")])) == ["EMP001"]


def test_a_fuzzy_entry_is_reported_once_and_not_checked_further() -> None:
    found = _run([("a", "Hello {name}")], [("a", "Hej", "fuzzy")])
    assert _codes(found) == ["FUZ001"]
    assert found[0].severity == Severity.INFO
    # needs-review is used at run time: its text is checked as well
    assert sorted(_codes(_run([("a", "Hello {name}")], [("a", "Hej", "needs-review-translation")]))) == [
        "FUZ001", "PLH001"]


def test_format_flags_in_the_states_enable_their_syntax() -> None:
    src, tgt = [("a", ":count items selected")], [("a", "elementer valgt")]
    assert _run(src, tgt) == []  # ':count' is text unless the file says colon-format
    src = [("a", ":count items selected", "colon-format")]
    assert _codes(_run(src, tgt)) == ["PLH001"]


# --- plural entries: the key repeated (msgid, msgid_plural / msgstr[0], msgstr[1], ...) -----------------

_FILES = [("f", "%d file"), ("f", "%d files")]


def test_lithuanian_takes_three_or_four_forms() -> None:
    assert _run(_FILES, [("f", "%d failas"), ("f", "%d failai"), ("f", "%d failų")], "lt") == []
    assert _run(_FILES, [("f", "%d failas"), ("f", "%d failai"), ("f", "%d failo"), ("f", "%d failų")], "lt") == []
    found = _run(_FILES, [("f", "%d failas"), ("f", "%d failų")], "lt")
    assert _codes(found) == ["PLU001"]
    assert "2 plural forms here; lt has 3 or 4" in found[0].message
    assert found[0].key == "f"


def test_a_form_that_drops_the_count() -> None:
    # Lithuanian form 0 serves 1, 21, 31...: it must keep the number
    found = _run(_FILES, [("f", "failas"), ("f", "%d failai"), ("f", "%d failų")], "lt")
    assert _codes(found) == ["PLU001"]
    assert found[0].line == 10
    # Danish form 0 serves only 1: a named count may be spelled out, an unnamed %d may not (Python raises)
    named = [("f", "%(n)d file"), ("f", "%(n)d files")]
    assert _run(named, [("f", "én fil"), ("f", "%(n)d filer")]) == []
    assert _codes(_run(_FILES, [("f", "én fil"), ("f", "%d filer")])) == ["PLU001"]


def test_a_form_with_another_placeholder_is_a_placeholder_finding() -> None:
    found = _run(_FILES, [("f", "%d fil"), ("f", "%s filer")])
    assert _codes(found) == ["PLH002"]
    assert found[0].evidence["form"] == 1


def test_an_empty_form() -> None:
    assert _codes(_run(_FILES, [("f", "%d fil"), ("f", "")])) == ["EMP001"]


def test_an_element_lost_whole_is_one_finding() -> None:
    found = _run([("a", "This will <strong>enable</strong> password login.")],
                 [("a", "このアクションはパスワード認証を有効にします。")], "ja")
    assert [(f.code, f.evidence["value"]) for f in found] == [("TAG001", "<strong>…</strong>")]


def test_a_lost_emphasis_is_minor_a_lost_link_major() -> None:
    found = _run([("a", "This will <strong>enable</strong> password login.")],
                 [("a", "Dette vil aktivere adgangskodelogin.")])
    assert [(f.code, f.severity) for f in found] == [("TAG001", Severity.MINOR)]
    found = _run([("a", "Change it using <a href=\"/help\">this form</a>.")], [("a", "Skift den med denne formular.")])
    assert [(f.code, f.severity) for f in found] == [("TAG001", Severity.MAJOR)]


def test_an_unkeyed_brace_replaced_by_a_named_one_is_one_renaming() -> None:
    # Django mr.po: '{}th' -> '{वा}' raises KeyError at run time
    found = _run([("a", "{}th")], [("a", "{वा}")], "mr")
    assert [(f.code, f.evidence["kind"]) for f in found] == [("PLH001", "renamed")]


@pytest.mark.parametrize(("target", "severity"), [
    ("Eksempel: “/om/kontakt/”.", Severity.MINOR),  # the example's words translated: deliberate
    ("Eksempel: “/about/contact”.", Severity.MAJOR),  # the same words, the trailing slash lost
])
def test_a_translated_example_path_is_minor_a_damaged_one_major(target: str, severity: Severity) -> None:
    found = _run([("a", "Example: “/about/contact/”.")], [("a", target)])
    assert [(f.code, f.severity) for f in found] == [("URL001", severity)]


# --- severities -------------------------------------------------------------------------------------------


def test_a_deliberate_localisation_is_minor_unless_configuration_grades_the_code() -> None:
    found = _run([("a", "Read https://docs.djangoproject.com/en/stable/ first")],
                 [("a", "Læs https://docs.djangoproject.com/da/stable/ først")])
    assert [(f.code, f.severity) for f in found] == [("URL001", Severity.MINOR)]
    assert issubclass(ChangedLiteral, SharedAnalysisCheck)
    assert list(ChangedLiteral().own_findings(found))[0].severity == Severity.MINOR
    assert list(ChangedLiteral(Severity.CRITICAL).own_findings(found))[0].severity == Severity.CRITICAL


# --- excerpts of the real Sphinx catalogs (da.po, lt.po): what must stay quiet --------------------------


@pytest.mark.parametrize(("source", "target", "language"), [
    ("'%b %d, %Y'", "'%Y-%m-%d'", "lt"),  # a strftime format: %Y, %m, %b are no printf directives
    ("Python Enhancement Proposals; PEP %s", "Python Enhancement Proposals; PEP %s", "da"),  # names
    ("%(filename)s &#8212; %(docstitle)s", "%(filename)s &#8212; %(docstitle)s", "da"),
    ("<h1>Source code for %s</h1>", "<h1>Kodas %s</h1>", "lt"),
    ("a file suffix, e.g. '.rst' or '.txt'.", "et filsuffiks, f.eks. ».rst« eller ».txt«", "da"),
    ("%s is not a directory.", "%s er ikke en mappe", "da"),
])
def test_real_catalog_entries_that_are_right(source: str, target: str, language: str) -> None:
    assert _run([("k", source, "python-format")], [("k", target, "translated")], language) == []


def test_real_catalog_trailing_space_dropped() -> None:
    found = _run([("k", "reading sources... ", "python-format")], [("k", "læser kilder...", "translated")])
    assert _codes(found) == ["WSP001"]
    assert found[0].message == "trailing whitespace '' here, ' ' in the source 'reading sources... '"


def test_indentation_after_a_line_break_is_layout() -> None:
    # Django: "\n    View function: ..." translated "\nVis funktion: ..."
    src = [("k", "\n    View function: <code>%(name)s</code>")]
    assert _run(src, [("k", "\nVis funktion: <code>%(name)s</code>")]) == []
    assert _codes(_run(src, [("k", "Vis funktion: <code>%(name)s</code>")])) == ["WSP001"]

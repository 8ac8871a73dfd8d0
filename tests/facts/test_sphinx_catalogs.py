"""The l10n facts over real catalogs: Sphinx 9.0.4's da, lt and te (see ../shared/real/catalogs-dev/README.md).

Nobody marked their errors, so two things are measured: the false alarms on the translators' real work
(every issue found must be a real error; there are none in these entries), and the recall on damaged
copies of the real entries (each damage must be found).
"""

from __future__ import annotations

import importlib.util
import re

import pytest

from aligner.facts.literals import compare_literals
from aligner.facts.markup import compare_markup
from aligner.facts.placeholders import compare_placeholders, find_placeholders
from tests.conftest import ROOT, SHARED

SPHINX = SHARED / "real" / "catalogs-dev" / "sphinx"
pytest.importorskip("translate.storage.factory")
pytestmark = pytest.mark.skipif(not SPHINX.is_dir(), reason="shared Sphinx catalogs not available")


def _script():
    spec = importlib.util.spec_from_file_location("catalog_placeholders", ROOT / "scripts" / "catalog_placeholders.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _entries(lang: str) -> list[tuple[str, str, list[str]]]:
    from translate.storage import factory

    store = factory.getobject(str(SPHINX / f"{lang}.po"))
    out = []
    for u in store.units:
        if u.isheader() or not u.istranslated() or u.isfuzzy() or u.hasplural():
            continue
        flags = [f.strip() for line in u.typecomments for f in line.lstrip("#,").split(",") if f.strip()]
        out.append((str(u.source), str(u.target), flags))
    return out


# Figures of the run (scripts/catalog_placeholders.py): translated entries and placeholder issues per file.
@pytest.mark.parametrize(("lang", "entries", "issues"), [("da", 198, 0), ("lt", 124, 0), ("te", 0, 0)])
def test_placeholder_issues_per_catalog(lang, entries, issues) -> None:
    n, found = _script().catalog_issues(SPHINX / f"{lang}.po")
    assert n == entries
    assert [(i.kind, i.detail, s, t) for s, t, _, i in found] == []
    assert len(found) == issues


@pytest.mark.parametrize("lang", ["da", "lt"])
def test_no_markup_or_literal_alarms(lang) -> None:
    alarms = [(i.kind, s, t) for s, t, _ in _entries(lang) for i in compare_markup(s, t)]
    alarms += [(i.kind, s, t) for s, t, _ in _entries(lang) for i in compare_literals(s, t)]
    assert alarms == []


def _damages(source: str, target: str, flags: list[str]):
    """Damaged copies of a real translation, each with the issue kind it must raise."""
    phs = [p for p in find_placeholders(target, flags) if p.depth == 0]
    for p in phs:
        yield target[:p.start] + target[p.end:], "missing"
        if p.syntax == "python-format":
            yield target[:p.start] + p.surface.replace(f"({p.key})", f"({p.key}x)") + target[p.end:], "renamed"
        if p.type in ("s", "r"):
            yield target[:p.start] + p.surface[:-1] + "d" + target[p.end:], "type_changed"
        extra = p.surface.replace(f"({p.key})", f"({p.key}z)") if p.syntax == "python-format" else "%s"
        yield target + " " + extra, "added"
    unpos = [p for p in phs if p.key is None and p.syntax == "printf"]
    if len(unpos) >= 2 and unpos[0].type != unpos[1].type:
        a, b = unpos[0], unpos[1]
        swapped = target[:a.start] + b.surface + target[a.end:b.start] + a.surface + target[b.end:]
        yield swapped, "reordered_unpositioned"


@pytest.mark.parametrize("lang", ["da", "lt"])
def test_damaged_real_entries_are_caught(lang) -> None:
    tried, missed = 0, []
    for source, target, flags in _entries(lang):
        for damaged, kind in _damages(source, target, flags):
            tried += 1
            kinds = [i.kind for i in compare_placeholders(source, damaged, lang, flags)]
            if kind not in kinds and not (kind == "added" and "renamed" in kinds):
                missed.append((kind, source, damaged, kinds))
    assert tried > 100
    assert missed == []


def test_every_sphinx_msgid_placeholder_is_a_python_directive() -> None:
    """On the template, what find_placeholders reads under the entry's flags is what Python would format."""
    from translate.storage import factory

    store = factory.getobject(str(SPHINX / "sphinx.pot"))
    directive = re.compile(r"%(?:\([^)]*\))?[-+ #0]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
    for u in store.units:
        if u.isheader():
            continue
        flags = [f.strip() for line in u.typecomments for f in line.lstrip("#,").split(",") if f.strip()]
        for text in (u.source.strings if u.hasplural() else [str(u.source)]):
            text = str(text)
            if "python-format" in flags:
                expected = directive.findall(text.replace("%%", ""))
                assert [p.surface for p in find_placeholders(text, flags) if p.syntax != "brace"] == expected, text

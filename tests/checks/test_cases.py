"""Every registered check against its YAML cases (``tests/checks/cases/<CODE>.yml``), as sqlfluff runs its rules.

A case file names its code and holds cases: short versions of one text, each named (the name is the
file name ``<name>.txt`` and, unless ``language`` is given, the language), and what the check must say::

    code: NUM002
    cases:
      changed_value:
        versions:
          da: "Den 75. percentile løn er $ 41.430."
          lt: "75 procentilis darbo užmokestis yra 41 340 JAV dolerių."
          tl: "Ang 75 percentile na suweldo ay $ 41,430."
        blamed: [lt]                # bad case: exactly these versions get the code (once or more)
        severity: critical          # optional: the severity they carry
      same_value_other_format:
        versions: {...}
        blamed: []                  # good case: the code is absent

A version may also be ``{language: lt, text: "..."}`` (two versions in one language). A file's top-level
``texts`` holds YAML anchors (``lt: &lt "..."``) that its cases share as ``*lt``. Optional keys of a
case: ``glossary`` (a path from the repository root), ``config`` (``severity`` overrides, as in
aligner.toml) and ``candidates`` (languages detection may choose from; default: the versions' languages
and English). A keyed case (``keyed: true``: each line one entry, keyed by its line number) may name its
``source`` version and give entries states (``states: {da: {2: fuzzy}}``). The documents go through
:func:`aligner.pipeline.check_documents`: detection, grouping, alignment and every check, as ``aligner check``
runs them.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from aligner.checks import REGISTRY
from aligner.checks.config import parse_config
from aligner.documents import document_from_text
from aligner.facts.glossary import load_glossary
from aligner.io.formats.build import Entry, keyed_document
from aligner.model import Finding, Severity
from aligner.pipeline import check_documents
from tests.conftest import ROOT

CASES = Path(__file__).parent / "cases"
_CASE_KEYS = {"description", "versions", "blamed", "severity", "glossary", "config", "candidates", "keyed", "source",
              "states"}


def load_cases() -> list[tuple[str, str, dict]]:
    """(code, case name, case) for every case of every file, in file then case order."""
    out = []
    for path in sorted(CASES.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["code"] == path.stem, f"{path.name} holds cases of {data['code']}"
        for name, case in data["cases"].items():
            out.append((data["code"], name, case))
    return out


def run_case(case: dict) -> list[Finding]:
    """Every finding of ``aligner check`` on the case's versions (one document each)."""
    unknown = set(case) - _CASE_KEYS
    assert not unknown, f"unknown keys {sorted(unknown)}"
    docs, languages = [], []
    for name, version in case["versions"].items():
        language, text = (version["language"], version["text"]) if isinstance(version, dict) else (name, version)
        if case.get("keyed"):
            # a localization file: each line is one entry, keyed by its line number
            # ``states: {de: {2: fuzzy}}`` gives an entry the state its file would (PO fuzzy, XLIFF state)
            states = (case.get("states") or {}).get(name, {})
            entries = [Entry(str(n), line, n, 1, states.get(n)) for n, line in enumerate(text.split("\n"), 1) if line]
            docs.append(keyed_document(f"{name}.txt", entries, language=language,
                                       is_source=name == case.get("source")))
        else:
            docs.append(document_from_text(text, f"{name}.txt", language=language))
        languages.append(language)
    candidates = tuple(case.get("candidates") or sorted({*languages, "en"}))
    changes: dict = {"candidates": candidates}
    if "glossary" in case:
        changes["glossary"] = load_glossary(ROOT / case["glossary"])
    if "config" in case:
        changes["config"] = parse_config(case["config"], "<case>")
    if "source" in case and not case.get("keyed"):
        config = changes.get("config") or parse_config({}, "<case>")
        changes["config"] = dataclasses.replace(config, source_version=f"{case['source']}.txt")
    return list(check_documents(docs, **changes).findings)


CASE_LIST = load_cases()


@pytest.mark.parametrize(("code", "name", "case"), CASE_LIST, ids=[f"{c}-{n}" for c, n, _ in CASE_LIST])
def test_case(code: str, name: str, case: dict) -> None:
    findings = run_case(case)
    mine = [f for f in findings if f.code == code]
    blamed = {Path(f.path).stem for f in mine}
    expected = set(case["blamed"])
    assert blamed == expected, (
        f"{code} {name}: blamed {sorted(blamed)}, expected {sorted(expected)}; "
        f"all findings: {[(f.code, Path(f.path).stem, f.message) for f in findings]}"
    )
    if "severity" in case:
        assert {f.severity for f in mine} == {Severity(case["severity"])}


def test_every_registered_code_has_cases_both_bad_and_good() -> None:
    """A new check cannot be registered without its YAML file, holding a bad and a good case."""
    kinds: dict[str, set[bool]] = {}
    for code, _name, case in CASE_LIST:
        kinds.setdefault(code, set()).add(bool(case["blamed"]))
    missing = [code for code in REGISTRY.codes() if kinds.get(code) != {True, False}]
    assert not missing, f"codes without a bad and a good case in {CASES}: {', '.join(missing)}"
    stray = sorted(set(kinds) - set(REGISTRY.codes()))
    assert not stray, f"case files of codes that are not registered: {', '.join(stray)}"

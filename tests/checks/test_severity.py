"""Severity has one source: the registered check's default, replaced by configuration.

The shared analyses (numbers, structure, language, terms) stamp each code's registered default, so a
direct call gives what ``aligner checks`` lists; a run gives each check its severity in force.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import pytest

from aligner.checks.config import CheckConfig
from aligner.checks.language import check_segment_languages, check_untranslated
from aligner.checks.numbers import check_mixed_conventions, check_numbers
from aligner.checks.registry import REGISTRY, Check, default_severity
from aligner.checks.structure import check_document, check_duplicates, check_structure
from aligner.checks.terms import check_terms
from aligner.model import Finding, Severity
from aligner.pipeline import CheckRun, check_paths
from tests.conftest import SEED_FILES, SEEDS

#: The families whose analyses live outside their check classes.
FAMILY_CODES = ("NUM001", "NUM002", "NUM003", "NUM004", "FMT001", "FMT002", "OMI001", "ADD001", "ADD002",
                "DUP001", "LNG001", "LNG002", "DOC001", "DOC002", "TRM001", "TRM002", "STA001", "STA002", "ENT001")


@lru_cache(maxsize=1)
def seed_run() -> CheckRun:
    return check_paths([str(SEEDS)])


def direct_findings(run: CheckRun) -> list[Finding]:
    """What a notebook gets calling the analyses itself on the run's alignment and languages."""
    groups, unmatched = run.alignment.groups, run.alignment.unmatched
    languages = {d.path: tuple(s.guess for s in d.segments or ()) for d in run.detections}
    out: list[Finding] = []
    for group in groups:
        out += check_numbers(group) + check_structure(group) + check_duplicates(group)
        out += check_untranslated(group, languages) + check_terms(group)
    for doc, reason in unmatched:
        out += check_mixed_conventions(doc) + check_document(doc, reason)
    for doc in run.documents:
        out += check_segment_languages(doc, languages[doc.path])
    return out


def without_heading(tmp_path: Path) -> Path:
    """The seed group with the Tagalog version's first section heading removed (an OMI001)."""
    for key in ("lt", "da", "tl", "te"):
        lines = SEED_FILES[key].read_text(encoding="utf-8").split("\n")
        if key == "tl":
            assert lines[8] == "Mga Relasyong Pampubliko"
            del lines[8]
        (tmp_path / f"{key}.txt").write_text("\n".join(lines), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("code", FAMILY_CODES)
def test_family_codes_are_registered(code: str) -> None:
    assert default_severity(code) is REGISTRY.get(code).default_severity


def test_default_severity_of_an_unknown_code() -> None:
    with pytest.raises(KeyError, match="NUM999"):
        default_severity("NUM999")


def test_direct_analyses_stamp_the_registry_default() -> None:
    findings = direct_findings(seed_run())
    assert {f.code for f in findings} >= {"NUM001", "FMT001", "ADD002", "DOC001", "STA001"}
    assert [(f.code, f.severity) for f in findings] == [(f.code, default_severity(f.code)) for f in findings]


def test_direct_analyses_equal_the_run_without_configuration() -> None:
    run = seed_run()
    family = [f for f in run.all_findings if f.code in FAMILY_CODES]
    assert sorted(map(repr, direct_findings(run))) == sorted(map(repr, family))


def test_heading_omission_takes_the_registry_default_and_the_override(tmp_path: Path) -> None:
    directory = str(without_heading(tmp_path))
    run = check_paths([directory], candidates=["lt", "da", "tl", "te"])
    omitted = [f for f in direct_findings(run) if f.code == "OMI001"]
    assert [(Path(f.path).stem, f.severity) for f in omitted] == [("tl", default_severity("OMI001"))]
    assert [f.severity for f in run.findings if f.code == "OMI001"] == [default_severity("OMI001")]
    minor = check_paths([directory], candidates=["lt", "da", "tl", "te"],
                        config=CheckConfig(severity={"OMI001": Severity.MINOR}))
    assert [f.severity for f in minor.findings if f.code == "OMI001"] == [Severity.MINOR]


def test_config_override_shows_in_findings_and_nothing_else_changes() -> None:
    default = seed_run()
    overrides = {"NUM001": Severity.INFO, "FMT001": Severity.CRITICAL, "DOC001": Severity.MINOR}
    run = check_paths([str(SEEDS)], config=CheckConfig(severity=overrides))
    assert {f.code for f in default.findings} >= set(overrides)
    assert len(run.findings) == len(default.findings)
    for before, after in zip(default.findings, run.findings):
        assert after.severity is overrides.get(before.code, before.severity)
        assert after.severity is overrides.get(after.code, default_severity(after.code))
        assert (after.code, after.path, after.line, after.column, after.message, after.evidence) == (
            before.code, before.path, before.line, before.column, before.message, before.evidence)


class _Example(Check):
    """An example check over a shared analysis.

    Bad:  a finding of this code
    Good: none
    """

    code = "NUM902"
    name = "example-shared"
    category = "number"
    default_severity = Severity.MAJOR
    family = "numbers"

    def run(self, ctx: Iterable[Finding]) -> Iterable[Finding]:
        yield from self.own_findings(ctx)


def _finding(code: str, severity: Severity) -> Finding:
    return Finding(code, "number", severity, "lt.txt", "lt", 1, 1, "m", {"text": "t"})


def test_own_findings_picks_the_code_and_stamps_the_severity_in_force() -> None:
    shared = [_finding(code, Severity.MAJOR) for code in ("NUM902", "NUM903", "NUM902")]
    default = list(_Example().run(shared))
    assert default == [shared[0], shared[2]] and default[0] is shared[0]  # unchanged findings are not copied
    graded = list(_Example(Severity.MINOR).run(shared))
    assert [(f.code, f.severity) for f in graded] == [("NUM902", Severity.MINOR)] * 2
    assert shared[0].severity is Severity.MAJOR  # the shared analysis result is not mutated


def test_every_severity_list_comes_from_the_enum() -> None:
    from aligner.checks.config import FAIL_ON_CHOICES
    from aligner.cli import FailOn
    from aligner.report.findings import summarize

    assert [s.rank for s in Severity] == [0, 1, 2, 3]
    assert Severity.descending() == (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR, Severity.INFO)
    assert FAIL_ON_CHOICES == Severity.fail_on_choices() == ("never", "critical", "major", "minor", "info")
    assert [c.value for c in FailOn] == ["critical", "major", "minor", "info", "never"]
    assert list(summarize([])["by_severity"]) == ["critical", "major", "minor", "info"]


def test_a_finding_is_built_with_its_class_code_category_and_default_severity() -> None:
    for cls in REGISTRY:
        f = cls.make_finding("x.txt", "lt", 1, 1, "message", {"text": "t"})
        assert (f.code, f.category, f.severity) == (cls.code, cls.category, cls.default_severity)

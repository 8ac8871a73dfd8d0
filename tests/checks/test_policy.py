"""Policy: configuration applied to findings, the exit code, and line-independent baselines."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from aligner.checks.config import CheckConfig
from aligner.checks.policy import (
    Baseline,
    apply_config,
    baseline_json,
    display_path,
    exit_code,
    filter_baseline,
    fingerprint,
    load_baseline,
    parse_baseline,
    reaches,
    select_checks,
    sort_findings,
    write_baseline,
)
from aligner.errors import ConfigError, InputError
from aligner.model import Finding, Severity

from .test_registry import make_registry


def _f(code: str = "NUM001", severity: Severity = Severity.MAJOR, path: str = "docs/lt.txt", line: int = 3,
       column: int = 1, text: str | None = "Sumokėkite EUR iki gegužės 1 d.", value: str | None = "25",
       message: str = "number 25 is missing", language: str | None = "lt") -> Finding:
    evidence: dict = {}
    if text is not None:
        evidence["text"] = text
    if value is not None:
        evidence["value"] = value
    return Finding(code, "number", severity, path, language, line, column, message, evidence)


# -------------------------------------------------------------------------------- configuration


def test_apply_config_disables_and_overrides_keeping_order() -> None:
    findings = [_f("NUM001", line=1), _f("FMT002", Severity.MINOR, line=2), _f("NUM004", line=3)]
    config = CheckConfig(severity={"NUM004": Severity.INFO, "NUM001": Severity.MAJOR}, disable=frozenset({"FMT002"}))
    out = apply_config(findings, config)
    assert [(f.code, f.severity) for f in out] == [("NUM001", Severity.MAJOR), ("NUM004", Severity.INFO)]
    assert out[0] is findings[0]  # unchanged findings are not copied
    assert findings[2].severity is Severity.MAJOR  # inputs are not mutated (frozen)


def test_select_checks_skips_disabled_and_sets_severity() -> None:
    config = CheckConfig(severity={"NUM901": Severity.CRITICAL}, disable=frozenset({"LNG901"}))
    checks = select_checks(config, make_registry())
    assert [(c.code, c.severity) for c in checks] == [("NUM901", Severity.CRITICAL)]
    assert [c.code for c in select_checks(CheckConfig(), make_registry())] == ["LNG901", "NUM901"]


@pytest.mark.parametrize(
    ("severities", "fail_on", "code"),
    [
        ((), "info", 0),
        (("info",), "info", 1),
        (("info",), "minor", 0),
        (("minor", "info"), "minor", 1),
        (("minor",), "major", 0),
        (("major",), "major", 1),
        (("critical",), "major", 1),
        (("major",), "critical", 0),
        (("critical",), "critical", 1),
        (("critical",), "never", 0),
        (("critical",), None, 0),
        (("major",), Severity.MAJOR, 1),
        (("minor",), Severity.MAJOR, 0),
    ],
)
def test_exit_code(severities: tuple[str, ...], fail_on: object, code: int) -> None:
    findings = [_f(severity=Severity(s)) for s in severities]
    assert exit_code(findings, fail_on) == code  # type: ignore[arg-type]
    assert any(reaches(f, fail_on) for f in findings) == bool(code)  # type: ignore[arg-type]


def test_exit_code_rejects_a_bad_threshold() -> None:
    with pytest.raises(ConfigError, match="--fail-on"):
        exit_code([_f()], "error")


def test_sort_findings_by_path_line_column_code() -> None:
    findings = [_f("NUM002", line=3), _f("NUM001", line=3), _f(path="a.txt", line=9), _f(line=1, column=7),
                _f(line=1, column=2), _f(path="./docs/lt.txt", line=2)]
    assert [(display_path(f.path), f.line, f.column, f.code) for f in sort_findings(findings)] == [
        ("a.txt", 9, 1, "NUM001"),
        ("docs/lt.txt", 1, 2, "NUM001"),
        ("docs/lt.txt", 1, 7, "NUM001"),
        ("docs/lt.txt", 2, 1, "NUM001"),
        ("docs/lt.txt", 3, 1, "NUM001"),
        ("docs/lt.txt", 3, 1, "NUM002"),
    ]


@pytest.mark.parametrize(
    ("path", "expected"),
    [("docs/lt.txt", "docs/lt.txt"), ("./docs/lt.txt", "docs/lt.txt"), ("docs\\lt.txt", "docs/lt.txt"),
     ("docs//x/../lt.txt", "docs/lt.txt"), ("/abs/lt.txt", "/abs/lt.txt"), ("lt.txt", "lt.txt")],
)
def test_display_path(path: str, expected: str) -> None:
    assert display_path(path) == expected


# ---------------------------------------------------------------------------------- fingerprint

BASE = _f()


@pytest.mark.parametrize(
    "variant",
    [
        dataclasses.replace(BASE, line=40, column=12),
        dataclasses.replace(BASE, message="number 25 is missing (see line 7)"),
        dataclasses.replace(BASE, severity=Severity.CRITICAL, confidence=0.4, start=10, end=12, unit=5),
        dataclasses.replace(BASE, path="./docs/lt.txt"),
        dataclasses.replace(BASE, path="docs\\lt.txt"),
        dataclasses.replace(BASE, evidence={**BASE.evidence, "text": "  Sumokėkite EUR\n iki gegužės 1 d. "}),
        dataclasses.replace(BASE, evidence={**BASE.evidence, "first_line": 99, "confidence": 0.1}),
    ],
    ids=["moved", "message", "severity", "dot-slash", "backslash", "whitespace", "other-evidence"],
)
def test_fingerprint_ignores_position_and_presentation(variant: Finding) -> None:
    assert fingerprint(variant) == fingerprint(BASE)


@pytest.mark.parametrize(
    "variant",
    [
        dataclasses.replace(BASE, code="NUM002"),
        dataclasses.replace(BASE, path="docs/da.txt"),
        dataclasses.replace(BASE, path="other/lt.txt"),  # same basename in another folder stays apart
        dataclasses.replace(BASE, language="da"),
        dataclasses.replace(BASE, evidence={**BASE.evidence, "text": "Sumokėkite EUR iki gegužės 2 d."}),
        dataclasses.replace(BASE, evidence={**BASE.evidence, "value": "1"}),
    ],
    ids=["code", "file", "folder", "language", "text", "value"],
)
def test_fingerprint_tells_different_findings_apart(variant: Finding) -> None:
    assert fingerprint(variant) != fingerprint(BASE)


def test_fingerprint_falls_back_to_the_message_without_text() -> None:
    a = _f(text=None, message="empty document")
    assert fingerprint(a) == fingerprint(dataclasses.replace(a, line=9))
    assert fingerprint(a) != fingerprint(dataclasses.replace(a, message="another message"))


# A pinned digest: a change of recipe must be deliberate (bump BASELINE_VERSION), never accidental.
PINNED = "928db4ebf30e3c81198956137992c609c1532d960a4ba2b7e668c7ea8d8d273a"


def test_fingerprint_is_pinned_and_independent_of_hash_seed() -> None:
    assert fingerprint(BASE) == PINNED
    code = (
        "from aligner.model import Finding, Severity\n"
        "from aligner.checks.policy import fingerprint\n"
        "print(fingerprint(Finding('NUM001', 'number', Severity.MAJOR, 'docs/lt.txt', 'lt', 3, 1,"
        " 'number 25 is missing', {'value': '25', 'text': 'Sumokėkite EUR iki gegužės 1 d.'})))\n"
    )
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONIOENCODING": "utf-8"}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        assert out.stdout.strip() == PINNED


# ------------------------------------------------------------------------------------- baseline


def test_baseline_round_trip_suppresses_known_and_keeps_new(tmp_path: Path) -> None:
    known = [_f(line=3), _f("LNG001", Severity.MINOR, line=8, text="Terms of use", value=None)]
    path = tmp_path / "ci" / "baseline.json"
    assert write_baseline(known, path) == 2
    baseline = load_baseline(path)
    assert len(baseline) == 2 and baseline.path == str(path)

    # A paragraph was added above: every line moved by 2; one new finding appeared.
    later = [dataclasses.replace(f, line=f.line + 2) for f in known] + [_f(line=20, value="1")]
    kept, suppressed = filter_baseline(later, baseline)
    assert [(f.code, f.line) for f in kept] == [("NUM001", 20)]
    assert sorted((f.code, f.line) for f in suppressed) == [("LNG001", 10), ("NUM001", 5)]


def test_baseline_counts_equal_findings() -> None:
    twice = [_f(line=3), _f(line=9)]  # the same sentence, repeated: equal fingerprints
    baseline = parse_baseline(baseline_json(twice))
    assert list(baseline.counts.values()) == [2]
    three = twice + [_f(line=15)]
    kept, suppressed = filter_baseline(three, baseline)
    assert [f.line for f in suppressed] == [3, 9] and [f.line for f in kept] == [15]


def test_baseline_file_is_sorted_readable_and_deterministic() -> None:
    findings = [_f(path="b.txt"), _f(path="a.txt", line=5), _f(path="a.txt", line=1, value="1")]
    text = baseline_json(findings)
    assert text == baseline_json(list(reversed(findings)))
    assert text.endswith("}\n")
    doc = json.loads(text)
    assert doc["aligner-baseline"] == 1
    assert [e["path"] for e in doc["findings"]] == ["a.txt", "a.txt", "b.txt"]
    assert set(doc["findings"][0]) == {"fingerprint", "code", "path", "message", "count"}
    assert "Sumokėkite" not in text  # segment text is hashed, not copied
    assert "gegužės" not in text


def test_empty_baseline_suppresses_nothing() -> None:
    findings = [_f()]
    kept, suppressed = filter_baseline(findings, Baseline({}))
    assert kept == findings and suppressed == []
    assert parse_baseline(baseline_json([])).counts == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not valid JSON"),
        ("[]", "not an aligner baseline"),
        ('{"findings": []}', "not an aligner baseline"),
        ('{"aligner-baseline": 2, "findings": []}', "format 2 is not 1"),
        ('{"aligner-baseline": 1}', "no list of findings"),
        ('{"aligner-baseline": 1, "findings": [{"fingerprint": "abc"}]}', "findings[0] has no valid fingerprint"),
        ('{"aligner-baseline": 1, "findings": ["x"]}', "findings[0] has no valid fingerprint"),
        ('{"aligner-baseline": 1, "findings": [{"fingerprint": "' + "a" * 64 + '", "count": 0}]}',
         "findings[0].count must be a positive integer"),
        ('{"aligner-baseline": 1, "findings": [{"fingerprint": "' + "a" * 64 + '", "count": true}]}',
         "findings[0].count must be a positive integer"),
    ],
)
def test_bad_baselines(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("[", r"\[").replace("]", r"\]")) as info:
        parse_baseline(text, "ci/baseline.json")
    assert info.value.path == "ci/baseline.json"


def test_missing_baseline_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="create it with --write-baseline"):
        load_baseline(tmp_path / "none.json")

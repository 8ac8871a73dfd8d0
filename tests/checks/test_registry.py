"""The check registry: explicit registration, refusals, code order, the Finding helper.

The two example checks here are the pattern the real checks follow (and fixtures for the
policy and output tests); they live in tests only and never enter the global registry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pytest

from aligner.checks import registry as registry_module
from aligner.checks.registry import (
    REGISTRY,
    Check,
    CheckRow,
    RegistrationError,
    Registry,
    all_checks,
    describe_checks,
    get_check,
    run_all,
)
from aligner.model import Finding, Severity

# A tiny context: (path, language, line, source text, translated text) rows.
Row = tuple[str, str, int, str, str]


class MissingNumber(Check):
    """A number of the source is missing from the translation.

    Every digit run of the source must appear in the translation.

    Bad:
        source: "Pay 25 EUR by 1 May."  translation: "Sumokėkite EUR iki gegužės 1 d."
    Good:
        source: "Pay 25 EUR by 1 May."  translation: "Sumokėkite 25 EUR iki gegužės 1 d."
    """

    code = "NUM901"
    name = "missing-number"
    category = "number"
    default_severity = Severity.MAJOR
    family = "numbers"

    def run(self, ctx: Iterable[Row]) -> Iterable[Finding]:
        for path, lang, line, source, target in ctx:
            have = re.findall(r"\d+", target)
            for m in re.finditer(r"\d+", source):
                if m.group() not in have:
                    yield self.finding(
                        path=path, line=line, column=1, language=lang,
                        message=f"number {m.group()} is missing",
                        evidence={"text": target, "value": m.group()},
                    )


class Untranslated(Check):
    """A segment left untranslated.

    Bad:
        source: "Terms of use"  translation: "Terms of use"
    Good:
        source: "Terms of use"  translation: "Naudojimo sąlygos"
    """

    code = "LNG901"
    name = "untranslated"
    category = "language"
    default_severity = Severity.MINOR
    family = "language"

    def run(self, ctx: Iterable[Row]) -> Iterable[Finding]:
        for path, lang, line, source, target in ctx:
            if source == target:
                yield self.finding(path=path, line=line, column=1, language=lang,
                                   message="left untranslated", evidence={"text": target})


def make_registry() -> Registry:
    """A fresh registry holding the two example checks (registered out of code order on purpose)."""
    reg = Registry()
    reg.register(MissingNumber)
    reg.register(Untranslated)
    return reg


CTX: list[Row] = [
    ("lt.txt", "lt", 3, "Pay 25 EUR by 1 May.", "Sumokėkite EUR iki gegužės 1 d."),
    ("lt.txt", "lt", 4, "Terms of use", "Terms of use"),
    ("lt.txt", "lt", 5, "Call 112.", "Skambinkite 112."),
]


def test_all_checks_are_in_code_order_and_get_finds_them() -> None:
    reg = make_registry()
    assert [c.code for c in reg.all()] == ["LNG901", "NUM901"]
    assert reg.get("NUM901") is MissingNumber
    assert "LNG901" in reg and "XXX000" not in reg
    assert len(reg) == 2
    with pytest.raises(KeyError, match="NUM999"):
        reg.get("NUM999")


def test_describe_checks_rows() -> None:
    rows = describe_checks(make_registry())
    assert rows == [
        CheckRow("LNG901", "language", "minor", "A segment left untranslated."),
        CheckRow("NUM901", "number", "major", "A number of the source is missing from the translation."),
    ]


def test_title_and_description_come_from_the_docstring() -> None:
    assert MissingNumber.title() == "A number of the source is missing from the translation."
    desc = MissingNumber.description()
    assert desc.startswith("Every digit run")
    assert "Bad:" in desc and "Good:" in desc
    assert "A number of the source" not in desc


def _cls(**overrides: Any) -> type[Check]:
    """A check class like Untranslated with some attributes changed (or removed, with None)."""
    attrs: dict[str, Any] = {
        "__doc__": Untranslated.__doc__,
        "code": "TST001",
        "name": "test-check",
        "category": "language",
        "default_severity": Severity.INFO,
        "family": "language",
        "run": lambda self, ctx: [],
    }
    for key, value in overrides.items():
        if value is None:
            attrs.pop(key)
        else:
            attrs[key] = value
    return type("Probe", (Check,), attrs)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"code": "NUM901"}, "already registered"),
        ({"name": "missing-number"}, "already used by NUM901"),
        ({"category": "numbers"}, "unknown category 'numbers'"),
        ({"code": "num001"}, "three capitals and three digits"),
        ({"code": "NUM01"}, "three capitals and three digits"),
        ({"name": "Bad Name"}, "lower-case words"),
        ({"default_severity": "major"}, "must be a Severity"),
        ({"family": "Numbers"}, "family 'Numbers'"),
        ({"family": None}, "missing class attribute 'family'"),
        ({"code": None}, "missing class attribute 'code'"),
        ({"run": None}, "does not implement run"),
        ({"__doc__": "Only a title."}, "'Bad:' and a 'Good:' example"),
        ({"__doc__": "Title.\n\nBad:\n    x\n"}, "'Bad:' and a 'Good:' example"),
        ({"__doc__": ""}, "docstring whose first line is its title"),
    ],
)
def test_registration_refuses_malformed_checks(overrides: dict, message: str) -> None:
    reg = make_registry()
    with pytest.raises(RegistrationError, match=re.escape(message)):
        reg.register(_cls(**overrides))
    assert reg.codes() == ("LNG901", "NUM901")  # nothing half-registered


def test_registration_refuses_non_check_classes() -> None:
    class NotACheck:
        code = "TST002"

    with pytest.raises(RegistrationError, match="subclass"):
        Registry().register(NotACheck)  # type: ignore[arg-type]


def test_register_returns_the_class_so_it_works_as_a_decorator() -> None:
    reg = Registry()
    probe = _cls()
    assert reg.register(probe) is probe


def test_finding_helper_stamps_code_category_and_severity_in_force() -> None:
    default = MissingNumber().finding(path="a.txt", line=2, column=3, message="m", evidence={"text": "t"})
    assert (default.code, default.category, default.severity) == ("NUM901", "number", Severity.MAJOR)
    assert (default.path, default.line, default.column, default.evidence) == ("a.txt", 2, 3, {"text": "t"})
    overridden = MissingNumber(Severity.CRITICAL).finding(path="a.txt", line=2, column=3, message="m")
    assert overridden.severity is Severity.CRITICAL
    assert overridden.evidence == {}


def test_finding_helper_copies_evidence() -> None:
    evidence = {"text": "t"}
    f = Untranslated().finding(path="a", line=1, column=1, message="m", evidence=evidence)
    evidence["text"] = "changed"
    assert f.evidence == {"text": "t"}


def test_run_all_collects_findings_of_each_check_in_order() -> None:
    checks = [c() for c in make_registry().all()]
    found = run_all(checks, CTX)
    assert [(f.code, f.line, f.evidence.get("value")) for f in found] == [
        ("LNG901", 4, None),
        ("NUM901", 3, "25"),
    ]


def test_module_functions_use_the_global_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    reg = make_registry()
    monkeypatch.setattr(registry_module, "REGISTRY", reg)
    assert [c.code for c in all_checks()] == ["LNG901", "NUM901"]
    assert get_check("LNG901") is Untranslated
    assert [r.code for r in describe_checks()] == ["LNG901", "NUM901"]
    registry_module.register(_cls())
    assert "TST001" in reg


def test_an_empty_registry_passed_explicitly_is_used_not_the_global_one() -> None:
    assert all_checks(Registry()) == []
    assert describe_checks(Registry()) == []


def test_examples_never_leak_into_the_global_registry() -> None:
    assert "NUM901" not in REGISTRY and "LNG901" not in REGISTRY

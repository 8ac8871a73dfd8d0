"""`aligner check` on generated damage (``scripts/damage.py``): one case per damage type and group.

Each case is one known damage in one version; the check must blame that version, at the damaged
line, with the expected code and category, and blame no other version for anything new. The
controls (``damage.CONTROLS``: value kept, format changed; a number written in words; a sentence split
or two joined) must give no new finding of severity major or worse. Findings the clean group already
has (the seeds' own damage) are subtracted first.
Cases that show a known weakness are left out here and listed with the benchmark (results/check.md).
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from aligner.model import Finding, Severity
from aligner.pipeline import check_paths
from tests.conftest import ROOT


def _damage_module():  # noqa: ANN202 - a module object
    if "damage" not in sys.modules:
        spec = importlib.util.spec_from_file_location("damage", ROOT / "scripts" / "damage.py")
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        sys.modules["damage"] = module
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    return sys.modules["damage"]


damage = _damage_module()
GROUPS = damage.load_groups()
#: Category of each expected code.
CATEGORY = {"NUM001": "number", "NUM002": "number", "NUM003": "duplication", "OMI001": "omission",
            "DUP001": "duplication", "LNG001": "language", "ADD001": "addition"}
#: (group, damage, variant) left out: the case the default seed picks there shows a weakness reported with
#: the benchmark (Tagalog drops ``75`` -> NUM002 on ``25 porsyento`` instead of NUM001; Danish ``41.430`` ->
#: ``41,430`` -> crossed readings and four NUM002 criticals).
KNOWN_WEAK: set[tuple[str, str, str]] = {
    # A sentence dropped while its neighbours are joined: no OMI001 (the dropped sentence's numbers give
    # NUM001, or a neighbour's number NUM002; the Tagalog case gives nothing).
    ("seeds", "drop_joined", ""), ("harbour", "drop_joined", ""), ("museum", "drop_joined", ""),
    # Portuguese "cento e oitenta e cinco mil" (185 000 in words) is read as "cinco mil" = 5000: NUM002.
    ("museum", "number_words", ""),
}


def _id(case) -> tuple[str, str, str]:  # noqa: ANN001 - a damage.Case
    return case.group, case.damage, case.variant if case.damage == "format_only" else ""


CASES = [c for g in GROUPS for c in damage.make_cases([g], per_type=1) if _id(c) not in KNOWN_WEAK]


def _key(f: Finding) -> tuple[str, str, int, str]:
    ev = f.evidence
    found = ev.get("found")
    value = ev.get("value") or (found.get("value") if isinstance(found, dict) else found) or ev.get("text", "")
    return Path(f.path).name, f.code, f.line, str(value)[:80]


def _major(findings) -> list[Finding]:  # noqa: ANN001 - any iterable of findings
    return [f for f in findings if f.severity >= Severity.MAJOR]


@cache
def _clean(group: str, directory: str) -> tuple[Finding, ...]:
    g = next(x for x in GROUPS if x.name == group)
    damage.write_group(g.versions, Path(directory))
    return tuple(check_paths([directory]).findings)


def _new_major(case, tmp_path_factory: pytest.TempPathFactory) -> list[Finding]:  # noqa: ANN001 - a damage.Case
    base_dir = tmp_path_factory.getbasetemp() / f"clean-{case.group}"
    baseline = Counter(_key(f) for f in _major(_clean(case.group, str(base_dir))))
    directory = tmp_path_factory.mktemp(case.id)
    damage.write_group(case.versions, directory)
    out = []
    for f in _major(check_paths([str(directory)]).findings):
        if baseline[_key(f)] > 0:
            baseline[_key(f)] -= 1
        else:
            out.append(f)
    return out


def test_cases_cover_every_damage_in_every_group() -> None:
    seen = {(c.group, c.damage) for c in CASES} | {(g, d) for g, d, _ in KNOWN_WEAK}
    assert seen == {(g.name, d) for g in GROUPS for d in damage.DAMAGES}


def test_cases_are_deterministic() -> None:
    again = [c for g in GROUPS for c in damage.make_cases([g], per_type=1) if _id(c) not in KNOWN_WEAK]
    assert [c.to_dict() for c in again] == [c.to_dict() for c in CASES]


@pytest.mark.parametrize("case", [c for c in CASES if c.damage not in damage.CONTROLS],
                         ids=lambda c: f"{c.group}-{c.damage}")
def test_damage_is_blamed_on_the_damaged_version(case, tmp_path_factory: pytest.TempPathFactory) -> None:  # noqa: ANN001
    new = _new_major(case, tmp_path_factory)
    hits = [f for f in new if Path(f.path).name == case.file and f.line in case.lines and f.code in case.expected]
    said = [f"{f.code} {Path(f.path).name}:{f.line} {f.message}" for f in new]
    assert hits, f"{case.damage} {case.before!r} -> {case.after!r} at {case.file}:{case.line} not found; said {said}"
    assert all(f.category == CATEGORY[f.code] for f in hits)
    assert all(Path(f.path).name == case.file for f in new), f"another version blamed: {said}"


@pytest.mark.parametrize("case", [c for c in CASES if c.damage in damage.CONTROLS],
                         ids=lambda c: f"{c.group}-{c.damage}-{c.variant}")
def test_control_gives_no_major_finding(case, tmp_path_factory: pytest.TempPathFactory) -> None:  # noqa: ANN001
    new = _new_major(case, tmp_path_factory)
    assert not new, [f"{f.code} {Path(f.path).name}:{f.line} {f.message}" for f in new]

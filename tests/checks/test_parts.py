"""Analyses split into parts of the units: the parts, one after another, give the whole's findings."""

from __future__ import annotations

import dataclasses
import multiprocessing

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aligner.checks.config import CheckConfig
from aligner.checks.context import CheckContext
from aligner.checks.policy import select_checks
from aligner.checks.registry import PARTS_PER_JOB, _plan, _tasks, run_all
from aligner.checks.terms import _analysis
from aligner.facts.glossary import load_glossary
from aligner.model import Alignment, Unit
from aligner.pipeline import check_paths
from tests.conftest import ROOT, SEEDS

fork_only = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork here")


def _groups(*sizes: int) -> tuple[Alignment, ...]:
    return tuple(Alignment((), tuple(Unit((), 1.0) for _ in range(n))) for n in sizes)


@given(sizes=st.lists(st.integers(0, 40), max_size=6), count=st.integers(1, 12))
def test_the_parts_cover_every_unit_once_in_order_and_evenly(sizes: list[int], count: int) -> None:
    groups = _groups(*sizes)
    seen = []
    lengths = []
    for index in range(count):
        ranges = CheckContext(groups=groups, part=(index, count)).unit_ranges()
        assert len(ranges) == len(groups)
        part = [(g, u) for g, r in enumerate(ranges) for u in r]
        seen.extend(part)
        lengths.append(len(part))
    assert seen == [(g, u) for g, n in enumerate(sizes) for u in range(n)]
    assert max(lengths) - min(lengths) <= 1


@pytest.mark.parametrize("part", [(1, 1), (-1, 2), (0, 0)])
def test_a_part_outside_its_count_is_refused(part: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match="CheckContext.part"):
        CheckContext(groups=(), part=part)


@pytest.fixture(scope="module")
def seeds_ctx() -> CheckContext:
    run = check_paths([str(SEEDS)], jobs=1)
    groups = run.alignment.groups
    # the article three times over: parts that start and end inside groups and across them
    return CheckContext(groups=groups * 3, unmatched=run.alignment.unmatched,
                        glossary=load_glossary(ROOT / "corpora" / "glossary.tbx"))


def test_the_terms_analysis_in_parts_is_the_whole(seeds_ctx: CheckContext) -> None:
    whole = _analysis(seeds_ctx)
    assert {f.code[:3] for f in whole} >= {"TRM", "STA"}  # glossary and statistics findings to compare
    units = sum(len(g.units) for g in seeds_ctx.groups)
    for count in (2, 3, 5, 8, units, units + 3):  # (parts with one unit, and empty parts)
        parts = [_analysis(dataclasses.replace(seeds_ctx, part=(p, count), cache={})) for p in range(count)]
        assert [f for part in parts for f in part] == whole, count


def test_the_plan_cuts_only_analyses_that_can_be_split_and_keeps_their_parts_in_order() -> None:
    checks = select_checks(CheckConfig())
    plan = _plan(checks, _tasks(checks), CheckContext(groups=()), jobs=2)
    split = [t for t in plan if t.part != (0, 1)]
    assert split and all(checks[i].parts for t in split for i in t.checks)
    assert [t.part for t in split] == [(p, 2 * PARTS_PER_JOB) for p in range(2 * PARTS_PER_JOB)]
    assert {checks[i].analysis for t in split for i in t.checks} == {"terms"}
    assert [t.weight for t in plan] == sorted((t.weight for t in plan), reverse=True)
    # a context already a part is not cut again
    again = _plan(checks, _tasks(checks), CheckContext(groups=(), part=(0, 2)), jobs=2)
    assert all(t.part == (0, 1) for t in again)


@fork_only
def test_split_runs_give_the_same_findings_in_the_same_order(seeds_ctx: CheckContext) -> None:
    checks = select_checks(CheckConfig())

    def fresh() -> CheckContext:
        return dataclasses.replace(seeds_ctx, cache={})

    serial = run_all(checks, fresh(), jobs=1)
    assert any(f.code.startswith("TRM") for f in serial)
    for jobs in (2, 3):
        assert run_all(checks, fresh(), jobs=jobs) == serial

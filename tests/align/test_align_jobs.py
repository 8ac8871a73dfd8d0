"""``jobs``: the grouping's features and evidence and a group's pairwise alignments may run in worker processes;
the grouping and the units must be exactly those of one process."""

from __future__ import annotations

import pytest

from aligner.align import align_documents, grouping, multiway
from aligner.executor import can_fork
from tests.align.test_grouping import _seed

pytestmark = pytest.mark.skipif(not can_fork(), reason="the worker processes are forked")


@pytest.fixture(scope="module")
def seeds() -> list:
    return [_seed("lt", "lt"), _seed("da", "da"), _seed("tl", "tl"), _seed("lt2", "lt"), _seed("te", "te")]


def test_with_jobs_the_seeds_group_and_align_as_in_one_process(seeds: list, monkeypatch: pytest.MonkeyPatch) -> None:
    one = align_documents(seeds, jobs=1)
    ran: list[int] = []
    real = multiway.executor_for

    def counted(jobs: int, tasks: int):
        ran.append(tasks)
        return real(jobs, tasks)

    # the seeds are short: lower the floor so that the workers really run
    monkeypatch.setattr(multiway, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(grouping, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(multiway, "executor_for", counted)
    monkeypatch.setattr(grouping, "executor_for", counted)
    two = align_documents(seeds, jobs=2)
    assert ran and max(ran) > 1  # some map really had several tasks for the pool
    assert two.to_dict() == one.to_dict()
    assert two.grouping == one.grouping
    assert [g.units for g in two.groups] == [g.units for g in one.groups]


def test_short_inputs_stay_in_this_process(seeds: list, monkeypatch: pytest.MonkeyPatch) -> None:
    pools: list[int] = []
    real = multiway.executor_for

    def counted(jobs: int, tasks: int):
        pools.append(jobs)
        return real(jobs, tasks)

    monkeypatch.setattr(multiway, "executor_for", counted)
    monkeypatch.setattr(grouping, "executor_for", counted)
    align_documents(seeds, jobs=2)
    assert all(j == 1 for j in pools)  # under PARALLEL_MIN_CHARS nothing is forked

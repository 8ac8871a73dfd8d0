"""Checks in worker processes: the same findings, in the same order, as in one process."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable

import pytest

from aligner.checks.config import CheckConfig
from aligner.checks.context import CheckContext
from aligner.checks.policy import select_checks
from aligner.checks.registry import Check, _tasks, run_all
from aligner.executor import Executor, ForkPool, InProcess, can_fork, executor_for
from aligner.model import Severity
from aligner.pipeline import AUTO_JOBS_MIN_CHARS, auto_jobs, check_paths
from tests.conftest import SEEDS

fork_only = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork here")


def _check(code: str, analysis: str | None, weight: int, run: Callable[[object], list] = lambda ctx: []) -> Check:
    """A check instance (never registered) with ``run(ctx)`` as its measure."""
    cls = type(f"C{code}", (Check,), {"code": code, "name": code.lower(), "category": "number",
                                      "default_severity": Severity.MINOR, "family": "numbers",
                                      "analysis": analysis, "weight": weight,
                                      "run": lambda self, ctx: run(ctx)})
    return cls()


def _boom(ctx: object) -> list:
    raise ValueError("broken check")


_PARENT = os.getpid()

#: Set by the worker once it has claimed a task and is about to misbehave in it.
_CLAIMED = multiprocessing.get_context("fork").Event() if "fork" in multiprocessing.get_all_start_methods() else None


@pytest.fixture(autouse=True)
def _fresh_claim() -> None:
    if _CLAIMED is not None:
        _CLAIMED.clear()


def _in_worker(misbehave: Callable[[], list]) -> Callable[[object], list]:
    """A check that misbehaves in a worker process and, in this one, waits until the worker has.

    Two such checks and ``jobs=2``: whichever task the worker claims first, it misbehaves in it, and
    this process, whichever task it gets, waits for that, so the test never depends on which process
    is quicker off the mark (a fixed sleep here once made these tests fail on a loaded machine).
    """

    def run(ctx: object) -> list:
        if os.getpid() != _PARENT:
            assert _CLAIMED is not None
            _CLAIMED.set()
            return misbehave()
        assert _CLAIMED is not None and _CLAIMED.wait(60), "the worker never claimed a task"
        return []

    return run


def _pair(code: str, misbehave: Callable[[], list]) -> list[Check]:
    return [_check(f"{code}001", None, 5, _in_worker(misbehave)), _check(f"{code}002", None, 1, _in_worker(misbehave))]


def _raise() -> list:
    raise ValueError("broken check")


def _die() -> list:
    os._exit(9)  # as the kernel's out-of-memory killer would end the worker


def test_tasks_group_checks_by_shared_analysis_heaviest_first() -> None:
    checks = [_check("AAA001", "light", 1), _check("AAA002", None, 1), _check("AAA003", "heavy", 3),
              _check("AAA004", "light", 1), _check("AAA005", "heavy", 3)]
    assert _tasks(checks) == [[2, 4], [0, 3], [1]]


def test_the_builtin_analyses_are_separate_jobs() -> None:
    checks = select_checks(CheckConfig())
    tasks = _tasks(checks)
    analyses = [{checks[i].analysis for i in task} for task in tasks]
    assert all(len(a) == 1 for a in analyses)
    assert {a.pop() for a in analyses} >= {"numbers", "structure", "language", "terms", "names"}
    assert sum(len(t) for t in tasks) == len(checks)


@fork_only
def test_workers_give_the_same_findings_in_the_same_order() -> None:
    run = check_paths([str(SEEDS)], jobs=1)
    checks = select_checks(CheckConfig())

    def ctx() -> CheckContext:
        return CheckContext(groups=run.alignment.groups, unmatched=run.alignment.unmatched,
                            document_languages={d.path: d.guess for d in run.detections},
                            segment_languages={d.path: tuple(s.guess for s in d.segments or ())
                                               for d in run.detections})

    serial = run_all(checks, ctx(), jobs=1)
    assert serial  # the seeds carry damage: something to compare
    for jobs in (2, 3, 8):
        assert run_all(checks, ctx(), jobs=jobs) == serial


@fork_only
def test_pipeline_findings_do_not_depend_on_jobs() -> None:
    one = check_paths([str(SEEDS)], jobs=1)
    two = check_paths([str(SEEDS)], jobs=2)
    assert one.all_findings == two.all_findings
    assert one.signature == two.signature


@fork_only
def test_an_error_in_a_worker_reaches_the_caller() -> None:
    with pytest.raises(ValueError, match="broken check"):
        run_all([_check("BOM001", None, 1, _boom), _check("AAA001", "x", 1)], CheckContext(groups=()), jobs=2)


def test_auto_jobs_stays_in_process_for_small_inputs() -> None:
    assert auto_jobs(0) == 1
    assert auto_jobs(AUTO_JOBS_MIN_CHARS - 1) == 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    expected = max(1, min(cpus, 4)) if sys.platform.startswith("linux") else 1
    assert auto_jobs(AUTO_JOBS_MIN_CHARS) == expected


def test_auto_jobs_forks_only_on_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert auto_jobs(10 * AUTO_JOBS_MIN_CHARS) == 1


@fork_only
def test_an_error_in_a_forked_worker_reaches_the_caller() -> None:
    with pytest.raises(ValueError, match="broken check"):
        run_all(_pair("BOM", _raise), CheckContext(groups=()), jobs=2)


@fork_only
def test_a_dead_worker_is_an_error_naming_the_way_out_not_a_hang() -> None:
    from aligner.errors import AlignerError

    with pytest.raises(AlignerError, match="--jobs 1"):
        run_all(_pair("DIE", _die), CheckContext(groups=()), jobs=2)


@fork_only
def test_when_no_worker_can_start_this_process_runs_every_check(monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing.process

    def refuse(self: object) -> None:
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", refuse)
    run = check_paths([str(SEEDS)], jobs=1)
    ctx = CheckContext(groups=run.alignment.groups, unmatched=run.alignment.unmatched)
    checks = select_checks(CheckConfig())
    assert run_all(checks, ctx, jobs=2) == run_all(checks, CheckContext(groups=run.alignment.groups,
                                                                       unmatched=run.alignment.unmatched), jobs=1)


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_objects_already_there_are_frozen_while_checks_run_and_only_then(jobs: int) -> None:
    # The garbage collector's full walks leave out what existed before the checks (in an audit, the
    # aligned corpus); after the run, or after an error in a check, nothing stays frozen.
    import gc

    seen: list[int] = []
    before = [object() for _ in range(10)]

    def measure(ctx: object) -> list:
        seen.append(gc.get_freeze_count())
        return []

    run_all([_check("AAA001", "x", 1, measure), _check("BBB001", "y", 1, measure)], CheckContext(groups=()),
            jobs=jobs)
    if jobs == 1:  # (with workers, either process may run a check: the parent's freeze was there before)
        assert seen and min(seen) >= len(before)
    assert gc.get_freeze_count() == 0
    with pytest.raises(ValueError, match="broken check"):
        run_all([_check("BOM001", None, 1, _boom)], CheckContext(groups=()), jobs=jobs)
    assert gc.get_freeze_count() == 0


def _unsendable() -> list:
    from aligner.model import Finding

    # a finding whose evidence cannot be pickled (a third-party check's mistake), made in a worker
    return [Finding("UNP001", "number", Severity.MINOR, "a.txt", "en", 1, 1, "odd", {"why": lambda: 0})]


@fork_only
def test_findings_a_worker_cannot_send_are_an_error_naming_the_check_never_silently_lost() -> None:
    from aligner.errors import AlignerError

    with pytest.raises(AlignerError, match=r"UNP00[12].*--jobs 1"):
        run_all(_pair("UNP", _unsendable), CheckContext(groups=()), jobs=2)


def _quit() -> list:
    os._exit(0)  # ends "cleanly" without sending anything, not even its end-of-work mark


@fork_only
def test_a_worker_that_ends_without_sending_is_an_error_not_a_hang() -> None:
    from aligner.errors import AlignerError

    with pytest.raises(AlignerError, match="ended without sending its findings.*--jobs 1"):
        run_all(_pair("QUI", _quit), CheckContext(groups=()), jobs=2)


# --------------------------------------------------------------------------- the executors


def _square_or_fail(n: int) -> int:
    if n < 0:
        raise ValueError("broken task")
    return n * n


@pytest.mark.parametrize("executor", [InProcess(), ForkPool(1), ForkPool(3)], ids=["in-process", "fork-1", "fork-3"])
def test_an_executor_gives_results_in_task_order(executor: Executor) -> None:
    tasks = [5, 1, 4, 2, 3, 0, 7]
    assert executor.map_tasks(_square_or_fail, tasks) == [25, 1, 16, 4, 9, 0, 49]
    assert executor.map_tasks(_square_or_fail, []) == []


@pytest.mark.parametrize("executor", [InProcess(), ForkPool(2)], ids=["in-process", "fork-2"])
def test_an_executor_passes_a_tasks_error_on(executor: Executor) -> None:
    with pytest.raises(ValueError, match="broken task"):
        executor.map_tasks(_square_or_fail, [1, 2, -1, 3])


def test_the_executor_is_chosen_by_jobs_and_tasks() -> None:
    assert isinstance(executor_for(1, 10), InProcess)
    assert isinstance(executor_for(4, 1), InProcess)
    pool = executor_for(4, 3)
    assert isinstance(pool, ForkPool if can_fork() else InProcess)
    if isinstance(pool, ForkPool):
        assert pool.workers == 3

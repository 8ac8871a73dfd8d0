"""Every executor gives the results in task order, and the checks the same bytes, whatever runs them."""

from __future__ import annotations

import pickle

import pytest

from aligner.checks.config import CheckConfig
from aligner.checks.context import CheckContext
from aligner.checks.policy import select_checks
from aligner.checks.registry import run_all
from aligner.executor import ForkPool, InProcess, can_fork
from aligner.io.render import to_json
from aligner.pipeline import check_paths
from tests.conftest import SEEDS

distributed = pytest.importorskip("distributed")

from aligner.cluster import DaskExecutor, connect  # noqa: E402


@pytest.fixture(scope="module")
def dask_executor() -> DaskExecutor:
    with connect("local:2", timeout=120) as executor:
        yield executor


def _cube(n: int) -> tuple[int, str]:
    return n ** 3, "x" * n


def _engines(dask_executor: DaskExecutor) -> dict[str, object]:
    engines: dict[str, object] = {"in-process": InProcess(), "dask": dask_executor}
    if can_fork():
        engines["fork-3"] = ForkPool(3)
    return engines


def test_every_engine_gives_the_results_in_task_order_with_progress(dask_executor: DaskExecutor) -> None:
    tasks = [7, 1, 5, 0, 3, 9, 2]
    expected = [_cube(t) for t in tasks]
    for name, engine in _engines(dask_executor).items():
        seen: list[tuple[int, int]] = []
        assert engine.map_tasks(_cube, tasks, progress=lambda d, t, seen=seen: seen.append((d, t))) == expected, name
        assert seen and seen[-1] == (len(tasks), len(tasks)), name
        assert engine.map_tasks(_cube, []) == [], name


def test_every_engine_hands_each_result_over_as_it_arrives(dask_executor: DaskExecutor) -> None:
    tasks = [7, 1, 5, 0, 3, 9, 2]
    for name, engine in _engines(dask_executor).items():
        got: dict[int, object] = {}
        order: list[int] = []

        def each(i: int, result: object, got: dict = got, order: list = order) -> None:
            assert i not in got, f"task {i} handed over twice"
            got[i] = result
            order.append(i)

        out = engine.map_tasks(_cube, tasks, each=each)
        assert got == dict(enumerate(out)), name  # every result once, under its task's index
        assert sorted(order) == list(range(len(tasks))), name


def _warmed() -> None:
    import os
    import sys

    sys._aligner_test_warmed = os.getpid()  # type: ignore[attr-defined]


def _was_warmed(_: object) -> int | None:
    import sys

    return getattr(sys, "_aligner_test_warmed", None)


def test_a_warm_up_runs_once_in_every_worker_before_its_tasks(dask_executor: DaskExecutor) -> None:
    import os

    dask_executor.warm_up(_warmed)
    dask_executor.warm_up(_warmed)  # (registered once)
    pids = dask_executor.client.run(os.getpid)
    warmed = dask_executor.client.run(_was_warmed, None)
    assert set(warmed) == set(pids) and all(warmed[w] == pids[w] for w in pids)
    assert all(dask_executor.map_tasks(_was_warmed, list(range(6))))


def _cannot_warm_up() -> None:
    raise RuntimeError("no model here")


def test_a_warm_up_that_fails_does_not_stop_the_run(dask_executor: DaskExecutor) -> None:
    dask_executor.warm_up(_cannot_warm_up)  # (a saving only: the tasks still run)
    assert dask_executor.map_tasks(_cube, [2, 3]) == [_cube(2), _cube(3)]


def test_the_checks_give_the_same_bytes_on_every_engine(dask_executor: DaskExecutor,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import aligner.checks.registry as registry

    run = check_paths([str(SEEDS)], jobs=1)
    checks = select_checks(CheckConfig())

    def ctx() -> CheckContext:
        return CheckContext(groups=run.alignment.groups, unmatched=run.alignment.unmatched,
                            document_languages={d.id: d.guess for d in run.detections},
                            segment_languages={d.id: tuple(s.guess for s in d.segments or ())
                                               for d in run.detections})

    def as_bytes(findings: list) -> bytes:
        return to_json([f.to_dict() for f in findings]).encode()

    one = as_bytes(run_all(checks, ctx(), jobs=1))
    assert one != b"[]"
    for name, engine in _engines(dask_executor).items():
        # run_all's parallel plan (one task per analysis or part of one), run by each engine in turn
        monkeypatch.setattr(registry, "executor_for", lambda jobs, n, engine=engine: engine)
        monkeypatch.setattr(registry, "can_fork", lambda: True)
        assert as_bytes(run_all(checks, ctx(), jobs=2)) == one, name


def test_a_dask_executor_pickles_what_a_worker_sends_back(dask_executor: DaskExecutor) -> None:
    results = dask_executor.map_tasks(_cube, [3, 4])
    assert pickle.loads(pickle.dumps(results)) == [_cube(3), _cube(4)]


def _pid_after(seconds: float) -> int:
    import os
    import time

    time.sleep(seconds)
    return os.getpid()


@pytest.mark.skipif(not can_fork(), reason="no fork here")
def test_the_fork_pool_runs_tasks_in_this_process_and_in_a_worker() -> None:
    import os

    # eight tasks of 0.1 s: neither process can take them all before the other starts
    pids = ForkPool(2).map_tasks(_pid_after, [0.1] * 8)
    assert os.getpid() in pids
    assert len(set(pids)) == 2


def _exit_in_worker(code: int) -> int:
    import os
    import time

    if os.getpid() != _PARENT:
        os._exit(code)
    time.sleep(2)  # (the parent leaves the other tasks to the worker)
    return code


_PARENT = __import__("os").getpid()


@pytest.mark.skipif(not can_fork(), reason="no fork here")
def test_a_worker_that_dies_is_named_with_its_exit_code_and_the_way_out() -> None:
    from aligner.errors import AlignerError

    with pytest.raises(AlignerError, match=r"died \(exit code 7.*--jobs 1"):
        ForkPool(2).map_tasks(_exit_in_worker, [7, 7, 7])


def test_batches_cut_runs_heaviest_first_within_a_weight_and_a_count() -> None:
    from aligner.executor import batches

    assert batches([5, 1, 1, 9, 1, 2], 6, 3) == [[3], [0], [5, 1, 2], [4]]  # 9 alone; 5 + 2 would pass 6
    assert batches([], 6, 3) == []
    assert sorted(i for run in batches([3] * 10, 7, 4) for i in run) == list(range(10))


def _long_here_short_there(index: int) -> int:
    import os
    import time

    # this process's first task is long; every other task, here or in the worker, short
    time.sleep(2.0 if os.getpid() == _PARENT and index == _FIRST_HERE.setdefault("index", index) else 0.01)
    return os.getpid()


_FIRST_HERE: dict[str, int] = {}


@pytest.mark.skipif(not can_fork(), reason="no fork here")
def test_a_worker_does_not_wait_for_this_processs_task_to_take_its_next() -> None:
    """While this process runs a long task, the worker takes every other task one after another (it used to
    get its next task only when this process had ended its own and collected the worker's result)."""
    import os

    _FIRST_HERE.clear()
    pids = ForkPool(2).map_tasks(_long_here_short_there, list(range(10)))
    assert pids.count(os.getpid()) == 1  # only its long task: the worker ran the nine short ones meanwhile


# --------------------------------------------------------------------------- task queues: stages without a barrier


def _pid_after(seconds: float) -> int:
    import os
    import time

    time.sleep(seconds)
    return os.getpid()


def _fail(n: int) -> int:
    raise ValueError(f"broken task {n}")


def _two_stages(queue: object) -> tuple[dict[int, object], list[int]]:
    """Four first-stage tasks; as each comes back, two second-stage tasks near it. Results by ticket, and the
    order the tickets came back in."""
    first = {queue.submit(_cube, n, stage=0): n for n in range(4)}
    near: dict[int, int] = {}
    out: dict[int, object] = {}
    order = []
    for ticket, result in queue.results():
        out[ticket] = result
        order.append(ticket)
        if ticket in first:
            for k in range(2):
                near[queue.submit(_pid_after, 0.05 * k, stage=1, near=ticket)] = ticket
    assert sorted(out) == list(range(12)) and all(out[t] == _cube(n) for t, n in first.items())
    return out, order


@pytest.mark.parametrize("engine", ["in-process", "dask", "fork-3"])
def test_a_task_queue_runs_tasks_sent_while_results_come_in(dask_executor: DaskExecutor, engine: str) -> None:
    from aligner.executor import task_queue

    engines = _engines(dask_executor)
    if engine not in engines:
        pytest.skip("no fork here")
    with task_queue(engines[engine]) as queue:
        out, order = _two_stages(queue)
    if engine != "dask":  # (in process and by stage: every first-stage task before the second stage)
        assert order[:4] == [0, 1, 2, 3]
    with pytest.raises(ValueError, match="broken task 3"), task_queue(engines[engine]) as queue:
        queue.submit(_fail, 3)
        list(queue.results())


def test_the_dask_queue_runs_a_task_where_the_one_it_continues_ran(dask_executor: DaskExecutor) -> None:
    # Eight first tasks of 0.2 s, then for each, when it is back, one of 0.2 s near it: each worker has its own
    # second tasks waiting as it frees up, so (with no worker dying) every one runs where its first ran.
    from aligner.executor import task_queue

    with task_queue(dask_executor) as queue:
        first = {queue.submit(_pid_after, 0.2, stage=0): None for _ in range(8)}
        pids: dict[int, int] = {}
        second: dict[int, int] = {}
        for ticket, pid in queue.results():
            pids[ticket] = pid
            if ticket in first:
                second[queue.submit(_pid_after, 0.2, stage=1, near=ticket)] = ticket
    assert len(set(pids.values())) == 2  # both workers took tasks
    same = sum(pids[t] == pids[f] for t, f in second.items())
    assert same >= 6, (same, pids)


def test_the_dask_queue_gives_a_free_worker_its_own_tasks_then_unbound_then_the_oldest_of_another() -> None:
    from aligner.cluster import _DaskQueue

    queue = _DaskQueue.__new__(_DaskQueue)
    queue._waiting = {}
    queue._where = {0: "a", 1: "b"}
    queue._tickets = 2
    for near in (1, 1, None, 0):
        queue.submit(_cube, 0, stage=1, near=near)  # tickets 2, 3 (near b), 4 (unbound), 5 (near a)
    queue.submit(_cube, 0, stage=2)  # ticket 6: a later stage waits for every task of stage 1
    taken = [queue._next_for("a")[0] for _ in range(4)]
    assert taken == [5, 4, 2, 3]
    assert queue._next_for("b")[0] == 6 and queue._next_for("b") is None

"""Executors: run a list of independent tasks and give back their results in task order.

A task is any value; ``fn(task)`` computes its result. An executor may run the tasks anywhere
(this process, forked workers, later a Dask cluster), in any order and at once, but
:meth:`Executor.map_tasks` always returns the results in the order of the tasks, so what a caller
builds from them does not depend on the executor. Callers that care about balance list their
tasks heaviest first: workers claim them in that order.

* :class:`InProcess` runs them one after another here.
* :func:`task_queue` opens a :class:`TaskQueue` on any executor: tasks submitted while earlier ones'
  results come in (a later stage of work starts as soon as what it needs is done, with no barrier
  between stages), each with a hint of where to run (near the task whose results it continues).
* :class:`aligner.cluster.DaskExecutor` runs them on a Dask cluster (``--cluster``).
* :class:`ForkPool` runs them on a fork-context :class:`concurrent.futures.ProcessPoolExecutor`
  of ``workers - 1`` processes and in this process, all taking tasks from one shared counter; the
  forked ones see ``fn`` and the tasks (and whatever they reference, such as a large check
  context) without copying.

:func:`executor_for` picks one from a number of jobs.

``--jobs`` runs on the standard library's pool (it starts, feeds and watches the processes); kept
from the hand-written pool it replaced are what the standard pool alone does not give, each said
in :class:`ForkPool`: this process works too (on 2 cores, a pool of 2 workers and an idle parent is
one core short), a platform that cannot fork a worker still finishes the run in this process, and a
worker that dies or cannot send its findings is an error naming ``--jobs 1``.
"""

from __future__ import annotations

import contextlib
import heapq
import multiprocessing
import pickle
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol, TypeVar

from .errors import AlignerError
from .heap import collector_paused, long_lived

__all__ = ["Executor", "ForkPool", "InProcess", "TaskQueue", "batches", "can_fork", "executor_for", "task_queue"]

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    """Runs tasks; results come back in the order of the tasks."""

    def map_tasks(self, fn: Callable[[T], R], tasks: Sequence[T], *,
                  label: Callable[[T], str] = repr, progress: Callable[[int, int], None] | None = None,
                  each: Callable[[int, R], None] | None = None) -> list[R]:
        """``[fn(t) for t in tasks]``, however it is run. ``label(task)`` names a task in error messages;
        ``progress(done, total)``, when given, is called as tasks finish; ``each(index, result)``, when
        given, is called here with each result as it arrives (in any order), so a caller can write it
        out while the other tasks still run."""
        ...


class InProcess:
    """Every task in this process, in order."""

    def map_tasks(self, fn: Callable[[T], R], tasks: Sequence[T], *,
                  label: Callable[[T], str] = repr, progress: Callable[[int, int], None] | None = None,
                  each: Callable[[int, R], None] | None = None) -> list[R]:
        out = []
        for task in tasks:
            out.append(fn(task))
            if each is not None:
                each(len(out) - 1, out[-1])
            if progress is not None:
                progress(len(out), len(tasks))
        return out


class TaskQueue(Protocol):
    """Tasks submitted while the results of earlier ones come in: stages of work without a barrier between them.

    :meth:`submit` gives a ticket (0, 1, 2... in submission order); :meth:`results` yields
    ``(ticket, result)`` as tasks finish and ends when no task is left, and the caller may submit
    more between two results (a task that continues another's work, as soon as that one is done).
    ``stage``: when tasks of several stages wait, the lowest stage runs first. ``near``: the ticket of a
    finished task whose work this one continues; an executor with several processes runs it in that
    task's process when it can (its memos and caches are there), and elsewhere rather than leave a
    process idle. Where tasks run never changes their results. An error in a task is raised from
    :meth:`results`.
    """

    def submit(self, fn: Callable[[Any], Any], task: Any, *, stage: int = 0, near: int | None = None) -> int:
        """Queue ``fn(task)``; its ticket."""
        ...

    def results(self) -> Iterator[tuple[int, Any]]:
        """``(ticket, result)`` of each task as it finishes, until none is queued or running."""
        ...


class _QueueHere:
    """A :class:`TaskQueue` in this process: the waiting task of the lowest stage, the first submitted, next."""

    def __init__(self) -> None:
        self._waiting: list[tuple[int, int, Callable[[Any], Any], Any]] = []
        self._tickets = 0

    def submit(self, fn: Callable[[Any], Any], task: Any, *, stage: int = 0, near: int | None = None) -> int:
        ticket = self._tickets
        self._tickets += 1
        heapq.heappush(self._waiting, (stage, ticket, fn, task))  # (stage, ticket) is unique: fn never compared
        return ticket

    def results(self) -> Iterator[tuple[int, Any]]:
        while self._waiting:
            _, ticket, fn, task = heapq.heappop(self._waiting)
            yield ticket, fn(task)


class _QueueByStage(_QueueHere):
    """A :class:`TaskQueue` over an executor's :meth:`~Executor.map_tasks`: each stage's waiting tasks as one map."""

    def __init__(self, executor: Executor) -> None:
        super().__init__()
        self._executor = executor

    def results(self) -> Iterator[tuple[int, Any]]:
        while self._waiting:
            stage = self._waiting[0][0]
            now = []
            while self._waiting and self._waiting[0][0] == stage:
                now.append(heapq.heappop(self._waiting))
            found = self._executor.map_tasks(_call, [(fn, task) for _, _, fn, task in now],
                                             label=lambda job: repr(job[1]))
            for (_, ticket, _, _), result in zip(now, found):
                yield ticket, result


def _call(job: tuple[Callable[[Any], Any], Any]) -> Any:
    fn, task = job
    return fn(task)


@contextlib.contextmanager
def task_queue(executor: Executor | None) -> Iterator[TaskQueue]:
    """A :class:`TaskQueue` on ``executor`` (``None``: this process): its own when it has one (``queue()``),
    else one that runs the waiting tasks of a stage through its :meth:`~Executor.map_tasks`."""
    if executor is None or isinstance(executor, InProcess):
        yield _QueueHere()
        return
    own = getattr(executor, "queue", None)
    if own is None:
        yield _QueueByStage(executor)
        return
    with own() as queue:
        yield queue


def can_fork() -> bool:
    """Whether this platform can fork workers (Linux, and macOS when asked; never Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def executor_for(jobs: int, tasks: int) -> Executor:
    """The executor for ``tasks`` tasks and ``jobs`` jobs: a fork pool when both exceed one and it can fork."""
    if jobs > 1 and tasks > 1 and can_fork():
        return ForkPool(min(jobs, tasks))
    return InProcess()


#: Calls a :class:`ForkPool` keeps queued per worker process: a worker idles only when this process's own task
#: outlasts that many of the worker's.
QUEUED_CALLS_PER_WORKER = 64

#: What the forked workers of a :class:`ForkPool` read: (fn, tasks, label, counter); set only while they run.
_JOB: tuple[Callable[[Any], Any], Sequence[Any], Callable[[Any], str], Any] | None = None


class ForkPool:
    """A fork-context :class:`concurrent.futures.ProcessPoolExecutor` of ``workers - 1`` processes, and this one.

    The pool starts, feeds and watches the worker processes (a worker that dies breaks the pool,
    and that is reported here with the way out, ``--jobs 1``). What is kept of the hand-written
    pool it replaced, and why:

    * **This process works too** rather than only waiting (on 2 cores, a pool of 2 and an idle
      parent is one core short; a forked worker also pays to copy every inherited page it writes
      to, this process does not). So the tasks are not handed to the pool in a fixed split: every
      process, this one included, claims the next task index from one shared counter, heaviest
      first, and each call the pool runs is "claim one task and run it"; a call that finds none left
      ends that worker's turn. Calls are queued ahead (:data:`QUEUED_CALLS_PER_WORKER`), so a worker
      does not wait for this process to finish its own task before it gets its next call.
    * **The workers see ``fn`` and the tasks without copying**: they are forked with them (the
      heap frozen first, :func:`~aligner.heap.long_lived`), and only a task's index and its pickled
      result cross between processes.
    * **A worker pickles its result itself**, so a result that cannot be pickled is an error naming
      the task, and results are unpickled here with the garbage collector paused.
    * **Where no worker can be forked** (no memory or process left), this process runs every task.
    """

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise ValueError(f"ForkPool needs one worker or more, not {workers}")
        self.workers = workers

    def map_tasks(self, fn: Callable[[T], R], tasks: Sequence[T], *,
                  label: Callable[[T], str] = repr, progress: Callable[[int, int], None] | None = None,
                  each: Callable[[int, R], None] | None = None) -> list[R]:
        global _JOB
        mp = multiprocessing.get_context("fork")
        counter = mp.Value("i", 0)
        extra = min(self.workers, len(tasks)) - 1
        done: dict[int, Any] = {}
        _JOB = (fn, tasks, label, counter)
        pool: ProcessPoolExecutor | None = None
        processes: list[Any] = []
        running: set[Future] = set()
        queued = 0  # calls submitted to the pool

        def record(future: Future) -> bool:
            """Keep a finished call's result; False once that worker found no task left."""
            try:
                item = future.result()
            except BrokenProcessPool:
                for proc in processes:  # the pool may report the break before the worker is reaped
                    proc.join(timeout=2.0)
                codes = [p.exitcode for p in processes if p.exitcode is not None]
                dead = [c for c in codes if c != 0]
                if dead:
                    raise AlignerError(f"a worker process died (exit code {dead[0]}; out of memory?): "
                                       "run again with --jobs 1 to run in one process") from None
                # Exit code 0, or none known (under load the pool may not have reaped the worker yet).
                unknown = "" if codes else " (its exit code is not known; out of memory?)"
                raise AlignerError(f"a worker process ended without sending its findings{unknown}: "
                                   "run again with --jobs 1 to run in one process") from None
            if item is None:
                return False
            index, result = _received(item)
            done[index] = result
            if each is not None:
                each(index, result)
            if progress is not None:
                progress(len(done), len(tasks))
            return True

        def harvest(block: bool) -> None:
            """Record the calls that have finished (waiting for one if ``block``) and queue more while tasks remain."""
            finished, _ = wait(running, timeout=None if block else 0, return_when=FIRST_COMPLETED)
            nonlocal queued
            for future in finished:
                running.discard(future)
                if record(future) and queued < len(tasks):
                    running.add(pool.submit(_claim_and_run))  # type: ignore[union-attr]
                    queued += 1

        # Frozen objects are left alone by the workers' garbage collector: it would otherwise walk the
        # whole inherited heap, writing to (and so copying) every page of it.
        with long_lived():
            try:
                if extra > 0:
                    pool = ProcessPoolExecutor(max_workers=extra, mp_context=mp)
                    try:
                        # Calls queued ahead (each claims its task only when it runs; one that finds none
                        # left returns at once), so that a worker that finishes a task starts the next
                        # straight away rather than idling until this process ends its own task and
                        # harvests. Not one per task: tens of thousands of tiny tasks would each cost a
                        # round trip; harvesting tops the queue up.
                        for _ in range(min(len(tasks), extra * QUEUED_CALLS_PER_WORKER)):
                            running.add(pool.submit(_claim_and_run))
                            queued += 1
                        processes = list((getattr(pool, "_processes", None) or {}).values())
                    except OSError:  # no memory or process left to fork: this process does the rest
                        running = set()
                        pool.shutdown(wait=False, cancel_futures=True)
                        pool = None
                for index in _claim(counter, len(tasks)):
                    done[index] = fn(tasks[index])
                    if each is not None:
                        each(index, done[index])
                    if progress is not None:
                        progress(len(done), len(tasks))
                    if running:
                        harvest(block=False)
                while running:
                    harvest(block=True)
            finally:
                _JOB = None
                if pool is not None:
                    for p in processes:
                        if p.is_alive() and (running or len(done) < len(tasks)):
                            p.terminate()  # an error cut the run short: no worker outlives it
                    pool.shutdown(wait=True, cancel_futures=True)
        return [done[i] for i in range(len(tasks))]


def _claim(counter: Any, n: int) -> Iterator[int]:
    """The next task index from the shared ``counter``, until all ``n`` are taken."""
    while True:
        with counter.get_lock():
            index = counter.value
            counter.value = index + 1
        if index >= n:
            return
        yield index


def _claim_and_run() -> bytes | None:
    """In a worker: claim the next task and run it; its index and result pickled, or ``None`` if none is left.

    The result is pickled here, so a result that cannot be pickled is an error naming the task
    (and the pool's own pickling of an arbitrary object graph is skipped: bytes travel as they are).
    An error that cannot be pickled travels as its text.
    """
    assert _JOB is not None, "a ForkPool worker started without a job"
    fn, tasks, label, counter = _JOB
    for index in _claim(counter, len(tasks)):
        try:
            result = fn(tasks[index])
        except BaseException as exc:  # noqa: BLE001 - every error goes to the caller, which re-raises it
            try:
                pickle.dumps(exc)
            except Exception:  # noqa: BLE001 - an error that cannot travel is sent as its text
                raise RuntimeError(f"{type(exc).__name__}: {exc}") from None
            raise
        try:
            return pickle.dumps((index, result), pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - whatever pickle raises, the task is named
            raise AlignerError(f"the findings of {label(tasks[index])} cannot be sent from a worker process "
                               f"({type(exc).__name__}: {exc}): run again with --jobs 1 to run in one "
                               "process") from None
    return None


def _received(data: bytes) -> tuple[int, Any]:
    """A task's index and its result from a worker, unpickled with the garbage collector paused.

    Tens of thousands of findings are hundreds of thousands of new dicts and lists, none of them
    garbage: collections of the young generation during the load only walk them.
    """
    with collector_paused():
        return pickle.loads(data)


def batches(weights: Sequence[int], limit: int, most: int) -> list[list[int]]:
    """Indices cut into runs, heaviest first: a run ends before it would pass ``limit`` or hold ``most`` items.

    An item heavier than ``limit`` is a run of its own; the heaviest runs come first, so that a long
    one does not run alone at the end.
    """
    out: list[list[int]] = []
    run: list[int] = []
    weight = 0
    for i in sorted(range(len(weights)), key=lambda i: (-weights[i], i)):
        if run and (weight + weights[i] > limit or len(run) >= most):
            out.append(run)
            run, weight = [], 0
        run.append(i)
        weight += weights[i]
    if run:
        out.append(run)
    return out

"""Executors: run a list of independent tasks and give back their results in task order.

A task is any value; ``fn(task)`` computes its result. An executor may run the tasks anywhere
(this process, forked workers, later a Dask cluster), in any order and at once, but
:meth:`Executor.map_tasks` always returns the results in the order of the tasks, so what a caller
builds from them does not depend on the executor. Callers that care about balance list their
tasks heaviest first: workers claim them in that order.

* :class:`InProcess` runs them one after another here.
* :class:`aligner.cluster.DaskExecutor` runs them on a Dask cluster (``--cluster``).
* :class:`ForkPool` runs them in this process and ``workers - 1`` forked processes that take
  tasks from one shared counter; the forked ones see ``fn`` and the tasks (and whatever they
  reference, such as a large check context) without copying.

:func:`executor_for` picks one from a number of jobs.

Why ``--jobs`` keeps its own fork pool rather than ``concurrent.futures.ProcessPoolExecutor``: the
results would be the same, but here this process works too (on 2 cores, a pool of 2 workers and an
idle parent is one core short), a platform that cannot fork a worker still finishes the run in
this process, and a worker that dies or cannot send its findings is an error naming ``--jobs 1``.
A pool of processes that only waits for tasks is what :class:`aligner.cluster.DaskExecutor` is.
"""

from __future__ import annotations

import gc
import multiprocessing
import pickle
import queue
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from .errors import AlignerError
from .heap import long_lived

__all__ = ["Executor", "ForkPool", "InProcess", "can_fork", "executor_for"]

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    """Runs tasks; results come back in the order of the tasks."""

    def map_tasks(self, fn: Callable[[T], R], tasks: Sequence[T], *,
                  label: Callable[[T], str] = repr, progress: Callable[[int, int], None] | None = None) -> list[R]:
        """``[fn(t) for t in tasks]``, however it is run. ``label(task)`` names a task in error messages;
        ``progress(done, total)``, when given, is called as tasks finish."""
        ...


class InProcess:
    """Every task in this process, in order."""

    def map_tasks(self, fn: Callable[[T], R], tasks: Sequence[T], *,
                  label: Callable[[T], str] = repr, progress: Callable[[int, int], None] | None = None) -> list[R]:
        out = []
        for task in tasks:
            out.append(fn(task))
            if progress is not None:
                progress(len(out), len(tasks))
        return out


def can_fork() -> bool:
    """Whether this platform can fork workers (Linux, and macOS when asked; never Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def executor_for(jobs: int, tasks: int) -> Executor:
    """The executor for ``tasks`` tasks and ``jobs`` jobs: a fork pool when both exceed one and it can fork."""
    if jobs > 1 and tasks > 1 and can_fork():
        return ForkPool(min(jobs, tasks))
    return InProcess()


#: What the forked workers of a :class:`ForkPool` read: (fn, tasks, label); set only while they run.
_JOB: tuple[Callable[[Any], Any], Sequence[Any], Callable[[Any], str]] | None = None


class ForkPool:
    """This process and ``workers - 1`` forked workers take tasks from one counter, in order, until none is left.

    This process works too (rather than waiting): a forked worker pays to copy every inherited
    memory page it writes to (reference counts are writes); this process does not. Where no
    worker can be forked (no memory or process left), this process runs every task.
    """

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise ValueError(f"ForkPool needs one worker or more, not {workers}")
        self.workers = workers

    def map_tasks(self, fn: Callable[[T], R], tasks: Sequence[T], *,
                  label: Callable[[T], str] = repr, progress: Callable[[int, int], None] | None = None) -> list[R]:
        global _JOB
        mp = multiprocessing.get_context("fork")
        counter = mp.Value("i", 0)
        results = mp.Queue()
        workers: list[Any] = []
        _JOB = (fn, tasks, label)
        done: dict[int, Any] = {}
        # Frozen objects are left alone by the workers' garbage collector: it would otherwise walk the
        # whole inherited heap, writing to (and so copying) every page of it.
        with long_lived():
            try:
                for _ in range(min(self.workers, len(tasks)) - 1):
                    worker = mp.Process(target=_work, args=(counter, results), daemon=True)
                    try:
                        worker.start()
                    except OSError:  # no memory or process left to fork: this process does the rest
                        break
                    workers.append(worker)
                for index in _claim(counter, len(tasks)):
                    done[index] = fn(tasks[index])
                running = len(workers)
                while running:
                    try:
                        item = results.get(timeout=1.0)
                    except queue.Empty:
                        dead = [w.exitcode for w in workers if w.exitcode not in (None, 0)]
                        if dead:
                            raise AlignerError(f"a worker process died (exit code {dead[0]}; out of memory?): "
                                               "run again with --jobs 1 to run in one process") from None
                        if all(w.exitcode is not None for w in workers):
                            # every worker has ended, so all they sent is in the pipe: once more, then give up
                            try:
                                item = results.get(timeout=1.0)
                            except queue.Empty:
                                raise AlignerError("a worker process ended without sending its findings: "
                                                   "run again with --jobs 1 to run in one process") from None
                        else:
                            continue
                    if item is None:
                        running -= 1
                    elif isinstance(item, BaseException):
                        raise item
                    else:
                        index, result = _received(item)
                        done[index] = result
                for w in workers:
                    w.join()
                if progress is not None:  # (the workers' results arrive together: one call at the end)
                    progress(len(tasks), len(tasks))
            finally:
                _JOB = None
                for w in workers:
                    if w.is_alive():
                        w.terminate()
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


def _work(counter: Any, results: Any) -> None:
    """A worker's life: run the tasks it claims, send their results (or the error), then ``None``.

    Results are pickled here, not in the queue's feeder thread: there a result that cannot be
    pickled was dropped with a traceback on stderr (and the caller waited for ever), and the thread
    took turns with the next task for the interpreter lock.
    """
    assert _JOB is not None, "a ForkPool worker started without a job"
    fn, tasks, label = _JOB
    try:
        for index in _claim(counter, len(tasks)):
            result = fn(tasks[index])
            try:
                data = pickle.dumps((index, result), pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # noqa: BLE001 - whatever pickle raises, the task is named
                raise AlignerError(f"the findings of {label(tasks[index])} cannot be sent from a worker process "
                                   f"({type(exc).__name__}: {exc}): run again with --jobs 1 to run in one "
                                   "process") from None
            results.put(data)
    except BaseException as exc:  # noqa: BLE001 - every error goes to the caller, which re-raises it
        try:
            pickle.dumps(exc)
        except Exception:  # noqa: BLE001 - an error that cannot travel is sent as its text
            exc = RuntimeError(f"{type(exc).__name__}: {exc}")
        results.put(exc)
    results.put(None)


def _received(data: bytes) -> tuple[int, Any]:
    """A task's index and its result from a worker, unpickled with the garbage collector paused.

    Tens of thousands of findings are hundreds of thousands of new dicts and lists, none of them
    garbage: collections of the young generation during the load only walk them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if enabled:
            gc.enable()

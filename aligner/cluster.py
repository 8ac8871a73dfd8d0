"""Running a corpus on a Dask cluster: ``--cluster local[:N]`` or ``--cluster tcp://HOST:PORT``.

:func:`connect` opens a :class:`DaskExecutor` on a cluster and gives it back as a context manager
that closes what it opened (a ``LocalCluster`` it started, or only the client of a running
scheduler). A cluster that cannot be reached, or whose workers never come up within the timeout,
is a :class:`~aligner.errors.ConfigError` naming the address and what to check: the CLI turns it
into one line and exit code 2, never a hang or a traceback.

Dask is an optional dependency (``pip install "aligner[cluster]"``): nothing here imports it before
a cluster is asked for.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar
from uuid import uuid4

from .errors import ConfigError

__all__ = ["DEFAULT_TIMEOUT", "QUIET", "ClusterSpec", "DaskExecutor", "connect", "parse_cluster"]

T = TypeVar("T")
R = TypeVar("R")

#: Seconds to reach a scheduler and see its workers come up, unless ``--cluster-timeout`` says otherwise.
DEFAULT_TIMEOUT = 60.0

_LOCAL = re.compile(r"^local(?::(\d+))?$")
_TCP = re.compile(r"^tcp://[^\s:/]+:\d{1,5}$")


class ClusterSpec:
    """What ``--cluster`` asked for: a local cluster of ``workers`` processes, or a scheduler ``address``."""

    def __init__(self, text: str, workers: int | None, address: str | None) -> None:
        self.text = text
        self.workers = workers
        self.address = address

    @property
    def local(self) -> bool:
        return self.address is None

    def __repr__(self) -> str:
        return f"ClusterSpec({self.text!r})"


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def parse_cluster(text: str) -> ClusterSpec:
    """``local``, ``local:N`` (N worker processes; default one per CPU) or ``tcp://HOST:PORT``."""
    value = text.strip()
    local = _LOCAL.match(value)
    if local:
        workers = int(local.group(1)) if local.group(1) else _cpus()
        if workers < 1:
            raise ConfigError("--cluster", f"{text!r} asks for no worker; give local:1 or more")
        return ClusterSpec(value, workers, None)
    if _TCP.match(value):
        return ClusterSpec(value, None, value)
    raise ConfigError("--cluster", f"{text!r} is neither local[:N] nor tcp://HOST:PORT")


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:  # pragma: no cover - the test extra installs it
        raise ConfigError("--cluster", "Dask is not installed; install it with pip install 'aligner[cluster]'") \
            from None
    return distributed


class DaskExecutor:
    """Runs tasks on a Dask cluster through ``client``; results come back in task order.

    Each task is a Dask future of its own (``pure=False``: two equal tasks are still two runs), so
    a worker that dies takes nothing with it: the scheduler runs its tasks again elsewhere.
    ``progress(done, total)`` and ``each(index, result)`` are called as futures complete, in the order
    they complete.
    """

    def __init__(self, client: Any, *, workers: int | None = None, address: str = "") -> None:
        self.client = client
        self.address = address
        self.workers = workers
        self._warmed: set[str] = set()

    def warm_up(self, fn: Callable[[], object]) -> None:
        """Run ``fn`` once in every worker, and in every worker that joins later, before it takes a task.

        For what each task would otherwise pay in every fresh worker process (imports, models
        loaded on first use): paid once per worker as it starts, not inside the first tasks, and
        again in a worker that replaces a dead one. ``fn`` must be importable where the workers
        run (a module-level function). Registered once per function on a cluster.
        """
        name = f"aligner-warm-up-{fn.__module__}.{fn.__qualname__}"
        if name in self._warmed:
            return
        distributed = _import_distributed()
        self._warmed.add(name)
        try:
            self.client.register_plugin(_warm_up_plugin(distributed, fn, name))
        except Exception:  # noqa: BLE001 - only a saving: a worker that cannot warm up says why in its first task
            pass

    @contextlib.contextmanager
    def queue(self) -> Iterator[_DaskQueue]:
        """A :class:`~aligner.executor.TaskQueue` on the cluster (see :class:`_DaskQueue`); what still runs
        when it is closed (an error cut the run short) is cancelled."""
        queue = _DaskQueue(self.client, _import_distributed())
        try:
            yield queue
        finally:
            queue.cancel()

    def map_tasks(self, fn: Callable[[T], R], tasks: Sequence[T], *, label: Callable[[T], str] = repr,
                  progress: Callable[[int, int], None] | None = None,
                  each: Callable[[int, R], None] | None = None) -> list[R]:
        """``[fn(t) for t in tasks]`` on the cluster; an error in a task is raised here, as it was raised there."""
        if not tasks:
            return []
        distributed = _import_distributed()
        with warnings.catch_warnings():
            # (the tasks carry their documents on purpose: each is used once, so scattering them first
            # would send the same bytes; Dask's advice on a large graph would only be noise to the user)
            warnings.filterwarnings("ignore", message="Sending large graph", category=UserWarning)
            futures = self.client.map(fn, list(tasks), pure=False)
        place = {future.key: i for i, future in enumerate(futures)}
        out: list[Any] = [None] * len(futures)
        try:
            done = 0
            # Each result is taken as it arrives and its future let go, so the workers do not hold every
            # result until the end (raise_errors: a task's error is raised here, as it was raised there).
            for future, result in distributed.as_completed(futures, with_results=True, raise_errors=True,
                                                           loop=self.client.loop):
                i = place[future.key]
                out[i] = result
                futures[i] = None
                future.release()
                if each is not None:
                    each(i, result)
                done += 1
                if progress is not None:
                    progress(done, len(out))
            return out
        finally:
            left = [f for f in futures if f is not None]
            if left:
                self.client.cancel(left)


def _located(fn: Callable[[Any], Any], task: Any) -> tuple[str, Any]:
    """``fn(task)`` in a worker, with the address of the worker that ran it (where a task ``near`` it should go)."""
    from distributed import get_worker

    return get_worker().address, fn(task)


class _DaskQueue:
    """A :class:`~aligner.executor.TaskQueue` whose tasks this process hands to the workers one by one.

    Dask places a task as it is submitted and, without work stealing (:data:`QUIET`), leaves it where
    it was placed; so tasks wait here, and each worker is given :data:`IN_FLIGHT` at a time (one running, one
    queued on it, so it never waits for a round trip). A worker with a free slot takes the waiting task
    of the lowest stage: first one ``near`` a task it ran itself, then one bound to no worker, then the
    oldest one bound to another worker (the end of a stage is shared, not left to one worker). Each task is
    placed on its worker with ``allow_other_workers``: if that worker dies, the scheduler runs it on
    another, and the workers are listed again every :data:`RELIST_SECONDS`, so a worker that replaces a
    dead one is given tasks too.
    """

    #: Tasks handed to a worker at a time: the one it runs and the next, so that it never idles waiting for us.
    IN_FLIGHT = 2
    #: Seconds between two listings of the cluster's workers (a dead one is replaced by a new address).
    RELIST_SECONDS = 2.0

    def __init__(self, client: Any, distributed: Any) -> None:
        self.client = client
        self.distributed = distributed
        self.done = distributed.as_completed(with_results=True, raise_errors=True, loop=client.loop)
        self._tickets = 0
        # stage -> worker address ("" : bound to none) -> (ticket, fn, task), oldest first
        self._waiting: dict[int, dict[str, deque]] = {}
        self._where: dict[int, str] = {}  # ticket of a finished task -> the worker that ran it
        self._running: dict[str, tuple[int, str, Any]] = {}  # future key -> (ticket, worker given, future)
        self._busy: dict[str, int] = {}
        self._listed = 0.0
        self._workers: list[str] = []

    def submit(self, fn: Callable[[Any], Any], task: Any, *, stage: int = 0, near: int | None = None) -> int:
        ticket = self._tickets
        self._tickets += 1
        where = self._where.get(near, "") if near is not None else ""
        self._waiting.setdefault(stage, {}).setdefault(where, deque()).append((ticket, fn, task))
        return ticket

    def _list_workers(self) -> None:
        now = time.monotonic()
        if now - self._listed < self.RELIST_SECONDS and self._workers:
            return
        self._listed = now
        with contextlib.suppress(Exception):  # (a listing that fails keeps the last one)
            self._workers = sorted(self.client.scheduler_info(n_workers=-1)["workers"])

    def _next_for(self, worker: str) -> tuple[int, Callable[[Any], Any], Any] | None:
        for stage in sorted(self._waiting):
            queues = self._waiting[stage]
            for where in (worker, ""):
                if queues.get(where):
                    return queues[where].popleft()
            others = [(queue[0][0], where) for where, queue in queues.items() if queue]
            if others:
                return queues[min(others)[1]].popleft()
        return None

    def _dispatch(self) -> None:
        self._list_workers()
        workers = self._workers or [""]
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Sending large graph", category=UserWarning)
            for _ in range(self.IN_FLIGHT):
                for worker in workers:
                    if self._busy.get(worker, 0) >= self.IN_FLIGHT:
                        continue
                    item = self._next_for(worker)
                    if item is None:
                        return
                    ticket, fn, task = item
                    # (the key names the function, for Dask's task stream and dashboard)
                    key = f"{getattr(fn, '__name__', 'task')}-{uuid4().hex}"
                    future = self.client.submit(_located, fn, task, key=key, workers=[worker] if worker else None,
                                                allow_other_workers=bool(worker))
                    self._running[future.key] = (ticket, worker, future)
                    self._busy[worker] = self._busy.get(worker, 0) + 1
                    self.done.add(future)

    def results(self) -> Iterator[tuple[int, Any]]:
        self._dispatch()
        while self._running:
            future, (address, result) = next(self.done)
            ticket, worker, _ = self._running.pop(future.key)
            self._busy[worker] -= 1
            self._where[ticket] = address
            future.release()
            self._dispatch()
            yield ticket, result
            self._dispatch()

    def cancel(self) -> None:
        left = [future for _, _, future in self._running.values()]
        self._running.clear()
        if left:
            with contextlib.suppress(Exception):
                self.client.cancel(left)


def _warm_up_plugin(distributed: Any, fn: Callable[[], object], name: str) -> Any:
    """A worker plugin whose set-up runs ``fn`` (a class made here: distributed is imported only when asked for)."""

    class WarmUp(distributed.WorkerPlugin):  # type: ignore[misc, name-defined]
        idempotent = True  # (a second registration under the same name runs nothing again)

        def __init__(self) -> None:
            self.name = name
            self.fn = fn

        def setup(self, worker: Any) -> None:
            self.fn()

    return WarmUp()


#: Dask settings of a run: the periodic work each process of a cluster does for diagnostics that a command-line
#: run never shows. Defaults: an event-loop tick every 20 ms, a system monitor every 0.5 s (disk counters
#: too), the active memory manager every 2 s, work stealing every 100 ms, a worker memory check every 0.1 s.
#: Measured idle (a local cluster of 2 workers, 30 s, nothing to do): 1.1 CPU s in the scheduler and client
#: and 0.6 in each worker with those defaults, 0.2 and 0.1 with these. Stealing is off as the tasks are
#: listed heaviest first and handed out as workers free up (the scheduler's queue); a dead worker's tasks
#: still go to the others.
QUIET = {
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.system-monitor.disk": False,
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.scheduler.work-stealing": False,
    "distributed.scheduler.active-memory-manager.start": False,
    "distributed.worker.memory.monitor-interval": "1s",
    # (each worker's statistical profiler samples every thread's stack every 10 ms for the status page)
    "distributed.worker.profile.enabled": False,
}


def _quiet_logs() -> None:
    # The scheduler and nanny log every worker start and stop at INFO; a CLI run shows only its own lines.
    for name in ("distributed", "distributed.nanny", "distributed.scheduler", "distributed.worker",
                 "distributed.core", "distributed.http.proxy", "distributed.diskutils"):
        logging.getLogger(name).setLevel(logging.ERROR)


@contextlib.contextmanager
def connect(spec: str | ClusterSpec, *, timeout: float = DEFAULT_TIMEOUT) -> Iterator[DaskExecutor]:
    """A :class:`DaskExecutor` on the cluster ``spec`` names, closed (and a local cluster stopped) on exit.

    Waits at most ``timeout`` seconds for the scheduler and at least one worker (all ``N`` for
    ``local:N``); past that, a :class:`ConfigError` says which address and what to check.
    """
    cluster = parse_cluster(spec) if isinstance(spec, str) else spec
    if timeout <= 0:
        raise ConfigError("--cluster-timeout", f"{timeout} is not a positive number of seconds")
    distributed = _import_distributed()
    import dask

    _quiet_logs()
    local = None
    client = None
    # (dask's own connect timeout bounds each attempt; ours bounds the whole wait. The workers of a local
    # cluster take this configuration too, :data:`QUIET` included.)
    with dask.config.set({"distributed.comm.timeouts.connect": f"{timeout}s", **QUIET}):
        try:
            if cluster.local:
                try:
                    # (the status page on a free port: 8787 may be another run's)
                    local = distributed.LocalCluster(
                        n_workers=cluster.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                        dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR,
                    )
                except Exception as exc:  # noqa: BLE001 - whatever keeps the processes from starting
                    raise ConfigError("--cluster", f"{cluster.text}: the local Dask cluster did not start "
                                      f"({type(exc).__name__}: {exc}); check free memory and processes, or "
                                      "run without --cluster") from None
                address = local.scheduler_address
            else:
                address = cluster.address or ""
            try:
                client = distributed.Client(local if local is not None else address, timeout=timeout,
                                            set_as_default=False)
            except Exception as exc:  # noqa: BLE001 - OSError, TimeoutError, CommClosedError...
                raise ConfigError("--cluster", f"cannot reach the Dask scheduler at {address} within {timeout:g} s "
                                  f"({type(exc).__name__}); check that a scheduler runs there "
                                  "(dask scheduler) and that the port is open") from None
            wanted = cluster.workers or 1
            try:
                client.wait_for_workers(wanted, timeout=timeout)
            except Exception:  # noqa: BLE001 - a TimeoutError in every version of distributed
                raise ConfigError("--cluster", f"the Dask scheduler at {address} has no {wanted} worker(s) after "
                                  f"{timeout:g} s; start workers with dask worker {address}, or raise "
                                  "--cluster-timeout") from None
            yield DaskExecutor(client, workers=cluster.workers, address=address)
        finally:
            if client is not None:
                with contextlib.suppress(Exception):
                    client.close(timeout=10)
            if local is not None:
                with contextlib.suppress(Exception):
                    local.close(timeout=10)

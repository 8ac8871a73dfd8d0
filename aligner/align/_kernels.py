"""Compiled loops of the pairwise aligner (numba, a dependency), and when to use them.

Each kernel does, cell by cell, the floating-point operations of the numpy code it replaces in
the same order (no fastmath, no reassociation), so it gives the same numbers bit for bit and the
same beads; ``tests/align/test_kernels.py`` compares both paths. Nothing here is required: without
numba (a platform with no wheel, or ``ALIGNER_NO_NUMBA=1`` in the environment) the numpy code runs.

numba is imported lazily, and only for bands of at least :data:`MIN_CELLS` cells: importing it
and loading the cached machine code takes a few tenths of a second, more than the numpy path
spends on the small alignments of grouping and of short files. ``cache=True`` keeps the compiled
code on disk (in ``__pycache__`` beside this file, or numba's user cache directory when that is
not writable), so the compile cost (a few seconds) is paid once per installation. A long pair
starts that load in a background thread while it encodes its texts (:func:`preload`).

This module also decides when the aligner uses a second core (:func:`threads_for`): the shapes of a
large band are scored in threads (the kernels are ``nogil``; numpy releases the GIL in its loops),
and two long texts are encoded in two, unless the process already shares the machine with workers
of its own run. Threads change no result.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from types import ModuleType

#: Bands smaller than this (in cells) are searched by the numpy code (``ALIGNER_NUMBA_MIN_CELLS`` sets it,
#: for instance to 0 to send every band to the kernels when comparing outputs).
MIN_CELLS = int(os.environ.get("ALIGNER_NUMBA_MIN_CELLS", "400000"))

_STATE: dict[str, ModuleType | None] = {}


def available() -> bool:
    """Whether numba can be imported (and is not switched off by ``ALIGNER_NO_NUMBA``)."""
    return get() is not None


def get() -> ModuleType | None:
    """The compiled kernels (:mod:`aligner.align._numba_kernels`), or ``None`` without numba."""
    if os.environ.get("ALIGNER_NO_NUMBA"):
        return None
    if "mod" not in _STATE:
        try:
            from . import _numba_kernels as mod
        except ImportError:
            mod = None
        _STATE["mod"] = mod
    return _STATE["mod"]


#: Once this process has sent a band of :data:`MIN_CELLS` cells to the kernels (their machine code is
#: then loaded, or about to be), bands down to ``MIN_CELLS // WARM_FACTOR`` cells go to them too: what
#: kept them from the kernels was the load, not the kernels' speed (the window search's band of a long
#: pair, 0.3 million cells, took 0.6 s in numpy).
WARM_FACTOR = 20


def for_size(size: int) -> ModuleType | None:
    """The kernels if they are available and work of ``size`` is worth them, else ``None``.

    ``size`` is what the caller's loops run over: band cells (the search), the larger of band cells and
    anchor occurrences (the match tables), pair occurrences (model 1). The kernels and the numpy code give the
    same numbers, so which one runs changes no result.
    """
    floor = MIN_CELLS // WARM_FACTOR if _STATE.get("warm") else MIN_CELLS
    if size < floor:
        return None
    loading = _LOADING.pop("thread", None)
    if loading is not None:
        loading.join()
    mod = get()
    if mod is not None and size >= MIN_CELLS:
        _STATE["warm"] = mod
    return mod


#: Bands of at least this many cells have their bead shapes scored in threads (``ALIGNER_THREAD_MIN_CELLS``
#: sets it): below it, starting threads costs more than it saves.
THREAD_MIN_CELLS = int(os.environ.get("ALIGNER_THREAD_MIN_CELLS", "200000"))


def threads_for(cells: int) -> int:
    """How many threads may score a band of ``cells`` cells (1: this thread alone).

    More than one only for large bands, and only when nothing else of this run is likely to be using
    the other cores: in the main thread of a process that is not a worker of a process pool (a forked
    ``--jobs`` worker, a Dask worker) and has no pool workers of its own alive (``--jobs`` forks its
    workers and keeps working itself; a ``local`` Dask cluster runs its workers as children), so the
    check's jobs and a cluster's workers are not oversubscribed. ``ALIGNER_THREADS`` caps the number
    (``ALIGNER_THREADS=1`` forces one thread). The threads split the work, never the results: the
    scores are the same whatever the number.
    """
    return 1 if cells < THREAD_MIN_CELLS else threads()


def threads() -> int:
    """How many threads this call may use for work that is worth them (see :func:`threads_for`)."""
    cap = int(os.environ.get("ALIGNER_THREADS", "2") or 2)
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    want = min(cap, cpus)
    if want <= 1 or threading.current_thread() is not threading.main_thread():
        return 1
    if multiprocessing.parent_process() is not None or multiprocessing.active_children():
        return 1
    return want


_LOADING: dict[str, threading.Thread] = {}


def _finish_loading() -> None:
    """Wait for a background load to end (before a fork: a child must not inherit the import lock held)."""
    loading = _LOADING.get("thread")
    if loading is not None and loading is not threading.current_thread():
        loading.join()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_finish_loading)


def preload(cells: int) -> None:
    """Start loading the kernels in a background thread if a band of ``cells`` cells is coming.

    Importing numba and loading the first kernel's machine code takes about 0.8 CPU s, all of it
    before the first large band can be searched; a long pair spends that time encoding its texts
    first, whose regex passes release the GIL, so the load runs beside them on the other core.
    Only where threads are wanted (:func:`threads`); :func:`for_size` waits for the load to end
    before it hands the kernels out. Loading changes no result.
    """
    if cells < MIN_CELLS or "mod" in _STATE or _LOADING or threads() < 2 or os.environ.get("ALIGNER_NO_NUMBA"):
        return
    thread = threading.Thread(target=_load, name="aligner-kernels", daemon=True)
    _LOADING["thread"] = thread
    thread.start()


def _load() -> None:
    mod = get()
    if mod is not None:
        # The first call of any kernel sets numba's machinery up; the others then load in milliseconds.
        import numpy as np

        mod.order_by_key(np.zeros(1, dtype=np.int64), 1)
        # A large band is coming (that is why the load started): smaller ones may use the kernels too.
        _STATE["warm"] = mod

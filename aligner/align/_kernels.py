"""Compiled loops of the pairwise aligner (numba, a dependency), and when to use them.

Each kernel does, cell by cell, the floating-point operations of the numpy code it replaces in
the same order (no fastmath, no reassociation), so it gives the same numbers bit for bit and the
same beads; ``tests/align/test_kernels.py`` compares both paths. Nothing here is required: without
numba (a platform with no wheel, or ``ALIGNER_NO_NUMBA=1`` in the environment) the numpy code runs.

numba is imported lazily, and only for bands of at least :data:`MIN_CELLS` cells: importing it
and loading the cached machine code takes a few tenths of a second, more than the numpy path
spends on the small alignments of grouping and of short files. ``cache=True`` keeps the compiled
code on disk (in ``__pycache__`` beside this file, or numba's user cache directory when that is
not writable), so the compile cost (a few seconds) is paid once per installation.
"""

from __future__ import annotations

import os
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


def for_cells(cells: int) -> ModuleType | None:
    """The kernels if they are available and a band of ``cells`` cells is worth them, else ``None``."""
    return get() if cells >= MIN_CELLS else None

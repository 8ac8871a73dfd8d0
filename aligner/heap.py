"""Keeping a run's long-lived objects out of the garbage collector's full walks.

A run reads documents, then detects, aligns and checks them; what each stage makes (segments,
alignments, findings) lives until the run ends, none of it garbage. CPython's full collections
walk every object the collector tracks, so on a large corpus each one walked the whole run again:
on 24 MB of text (a 1.3 GB heap) eleven full collections took 3.2 s of a 57 s audit, one of them
0.43 s inside a 3 s check stage. :func:`long_lived` freezes the heap (``gc.freeze``: what exists is
left out of the walks) and :func:`settle` freezes again at the end of each stage, so a stage's
collections walk only the stage's own objects. Everything is unfrozen when the outermost
:func:`long_lived` ends: the library leaves the collector as it found it.

The price: a reference cycle that became garbage in a stage and was already in the oldest
generation when :func:`settle` ran is only freed after the run (younger garbage is collected first).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused", "long_lived", "settle"]

_depth = 0


@contextmanager
def long_lived() -> Iterator[None]:
    """Freeze the objects there now for the block's duration (nested blocks unfreeze with the outermost)."""
    global _depth
    gc.freeze()
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0:
            gc.unfreeze()


def settle() -> None:
    """Inside :func:`long_lived`: freeze what a stage made too (its young garbage collected first); else nothing."""
    if _depth:
        gc.collect(1)
        gc.freeze()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No collection during the block: for code that makes many new objects and no garbage cycles (unpickling a
    worker's findings, a multi-way alignment's bookkeeping), where the young collections would only walk them.
    The collector is left as it was found."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

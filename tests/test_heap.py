"""The run's long-lived objects are frozen while it runs, and the collector is left as it was found."""

from __future__ import annotations

import gc

from aligner.heap import long_lived, settle
from aligner.pipeline import audit_paths
from tests.conftest import SEEDS


def test_nested_blocks_unfreeze_with_the_outermost_and_settle_freezes_what_a_stage_made() -> None:
    assert gc.get_freeze_count() == 0
    with long_lived():
        frozen = gc.get_freeze_count()
        assert frozen > 0
        with long_lived():
            pass
        assert gc.get_freeze_count() >= frozen  # the inner block's end left the outer's objects frozen
        made = [[i] for i in range(5000)]  # a stage's results
        settle()
        assert gc.get_freeze_count() >= frozen + len(made)
    assert gc.get_freeze_count() == 0


def test_settle_outside_a_block_changes_nothing() -> None:
    settle()
    assert gc.get_freeze_count() == 0


def test_an_error_inside_still_unfreezes() -> None:
    try:
        with long_lived():
            raise KeyError("x")
    except KeyError:
        pass
    assert gc.get_freeze_count() == 0


def test_a_cycle_that_became_garbage_while_frozen_is_collected_after_the_run() -> None:
    import weakref

    class Node:
        pass

    with long_lived():
        a, b = Node(), Node()
        a.other, b.other = b, a
        gc.collect()  # (a and b now sit in the oldest generation)
        ref = weakref.ref(a)
        settle()
        del a, b
        gc.collect()
        assert ref() is not None  # frozen: left alone during the run (the documented price)
    gc.collect()
    assert ref() is None


def test_the_pipeline_leaves_nothing_frozen() -> None:
    audit_paths([str(SEEDS)], jobs=1)
    assert gc.get_freeze_count() == 0

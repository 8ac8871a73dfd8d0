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


def _counted(monkeypatch: pytest.MonkeyPatch, module: object, what: str = "tasks") -> list[int]:
    """Record, for each map ``module`` asks for, its task count (``what="jobs"``: the processes asked for)."""
    seen: list[int] = []
    real = module.executor_for

    def counted(jobs: int, tasks: int):
        seen.append(jobs if what == "jobs" else tasks)
        return real(jobs, tasks)

    monkeypatch.setattr(module, "executor_for", counted)
    return seen


def _forced_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lower the floor of every map so that the seeds (short) really go to worker processes."""
    import aligner.align as align_module

    monkeypatch.setattr(multiway, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(grouping, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(align_module, "PARALLEL_MIN_CHARS", 0)


def _assert_same(two: object, one: object) -> None:
    assert two.to_dict() == one.to_dict()
    assert two.grouping == one.grouping
    assert [g.units for g in two.groups] == [g.units for g in one.groups]


def test_with_jobs_the_seeds_group_and_align_as_in_one_process(seeds: list, monkeypatch: pytest.MonkeyPatch) -> None:
    one = align_documents(seeds, jobs=1)
    # the seeds are short: lower the floor so that the workers really run
    monkeypatch.setattr(multiway, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(grouping, "PARALLEL_MIN_CHARS", 0)
    ran = _counted(monkeypatch, multiway)
    ran_grouping = _counted(monkeypatch, grouping)
    two = align_documents(seeds, jobs=2)
    ran += ran_grouping
    assert ran and max(ran) > 1  # some map really had several tasks for the pool
    _assert_same(two, one)


def test_short_inputs_stay_in_this_process(seeds: list, monkeypatch: pytest.MonkeyPatch) -> None:
    pools = _counted(monkeypatch, multiway, "jobs")
    pools_grouping = _counted(monkeypatch, grouping, "jobs")
    align_documents(seeds, jobs=2)
    assert all(j == 1 for j in pools + pools_grouping)  # under PARALLEL_MIN_CHARS nothing is forked


def test_pivot_alignments_run_beside_the_evidence_with_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    # Four versions of one text: the screen finds every pair alike, so the group's pivot alignments run in the
    # grouping's map, and the multi-way alignment then aligns nothing again.
    docs = [_seed("lt", "lt"), _seed("da", "da"), _seed("tl", "tl"), _seed("te", "te")]
    one = align_documents(docs, jobs=1)
    _forced_workers(monkeypatch)
    maps = _counted(monkeypatch, grouping)
    pivot_maps = _counted(monkeypatch, multiway)
    two = align_documents(docs, jobs=2)
    assert maps == [4, 3 + 6]  # the features; then the three pivot alignments with the six pairs' evidence
    assert pivot_maps == [0]  # every pivot alignment was known: the map of the group has no task
    _assert_same(two, one)


def test_nothing_runs_beside_when_the_screen_sees_another_text(seeds: list, monkeypatch: pytest.MonkeyPatch) -> None:
    # lt2 is another text: no group of all is expected, so the evidence map holds the pairs alone.
    one = align_documents(seeds, jobs=1)
    _forced_workers(monkeypatch)
    maps = _counted(monkeypatch, grouping)
    two = align_documents(seeds, jobs=2)
    assert len(maps) == 2 and maps[1] <= 10  # features, then at most the 10 pairs' evidence
    _assert_same(two, one)


def test_known_pairs_are_not_aligned_again() -> None:
    from aligner.align import _known
    from aligner.align.grouping import Beside

    ahead = Beside([(0, 1), (0, 2), (0, 3)], run=lambda t: t)
    ahead.results.update({0: ["a"], 2: ["c"]})
    # a group of documents 0, 2 and 3: positions 0, 1 and 2; the pair (0, 1) is not in it, (0, 2) did not run
    assert _known(ahead, [0, 2, 3]) == {(0, 2): ["c"]}
    assert _known(None, [0, 1]) is None
    docs = [_seed("lt", "lt"), _seed("da", "da"), _seed("tl", "tl")]
    segs = [d.segments for d in docs]
    langs = [d.language for d in docs]
    calls: list[tuple[int, int]] = []
    from aligner.align import AlignSettings, _pair_function

    real = _pair_function(AlignSettings(), None)

    def pair(src, tgt, sl, tl):  # noqa: ANN001, ANN202 - the PairAligner signature
        calls.append((len(src), len(tgt)))
        return real(src, tgt, sl, tl)

    plain = multiway.align_multiway(segs, langs, pair)
    first = list(calls)
    p, k = multiway.star_pairs([len(s) for s in segs])[0]
    known = {(p, k): real(segs[p], segs[k], langs[p], langs[k])}
    calls.clear()
    again = multiway.align_multiway(segs, langs, pair, known=known)
    assert again == plain
    assert len(calls) == len(first) - 1 and (len(segs[p]), len(segs[k])) not in calls[:1]

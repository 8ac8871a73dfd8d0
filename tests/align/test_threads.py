"""Scoring a band's shapes in threads: the same scores as one thread, and threads only where they are wanted."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

import numpy as np
import pytest

from aligner.align import _kernels, cost
from aligner.align.pairwise import align_pair

from .test_dp_fast import _random_band, _random_side

ROOT = Path(__file__).resolve().parents[2]


def _case(seed: int) -> tuple:
    rng = np.random.default_rng(7000 + seed)
    n, m = int(rng.integers(2, 60)), int(rng.integers(2, 60))
    src, tgt = _random_side(rng, n, 12), _random_side(rng, m, 12)
    src.kinds[:] = rng.integers(0, 3, n)
    tgt.kinds[:] = rng.integers(0, 3, m)
    vocab = cost.Vocabulary(np.ones(12, dtype=bool), rng.normal(1.0, 2.0, 12), -rng.random(12), -rng.random(12))
    return src, tgt, vocab, _random_band(rng, n, m), cost.CostParams(ratio=float(rng.uniform(0.8, 1.3)))


@pytest.mark.parametrize("kernels_on", [False, True])
@pytest.mark.parametrize("seed", range(12))
def test_threaded_band_scores_are_the_one_thread_scores(seed: int, kernels_on: bool,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    if kernels_on and not _kernels.available():
        pytest.skip("numba is not installed")
    monkeypatch.setattr(_kernels, "MIN_CELLS", 0 if kernels_on else 1 << 62)
    src, tgt, vocab, band, params = _case(seed)
    monkeypatch.setenv("ALIGNER_THREADS", "1")
    monkeypatch.setattr(_kernels, "THREAD_MIN_CELLS", 0)
    one = cost.band_scores(src, tgt, vocab, band, params)
    used = []
    real = _kernels.threads_for
    monkeypatch.setattr(_kernels, "threads_for", lambda cells: used.append(real(cells)) or used[-1])
    monkeypatch.setattr(cost, "SCORE_BLOCK", 7)  # many blocks, so that the threads interleave
    for threads in ("2", "3"):
        monkeypatch.setenv("ALIGNER_THREADS", threads)
        assert cost.band_scores(src, tgt, vocab, band, params).tobytes() == one.tobytes()
    if len(_cpus()) >= 2 and multiprocessing.parent_process() is None and not multiprocessing.active_children():
        assert max(used) >= 2  # the threads really ran


def _cpus() -> set[int]:
    import os

    try:
        return os.sched_getaffinity(0)
    except AttributeError:
        return set(range(os.cpu_count() or 1))


def test_threads_only_for_large_bands_and_never_when_asked_for_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_kernels, "THREAD_MIN_CELLS", 1000)
    monkeypatch.delenv("ALIGNER_THREADS", raising=False)
    assert _kernels.threads_for(999) == 1
    monkeypatch.setenv("ALIGNER_THREADS", "1")
    assert _kernels.threads_for(10**9) == 1
    monkeypatch.setenv("ALIGNER_THREADS", "2")
    assert _kernels.threads_for(10**9) <= 2


def test_no_threads_from_a_worker_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """A caller that runs alignments in its own threads (a Dask worker's, say) already uses the cores."""
    monkeypatch.setattr(_kernels, "THREAD_MIN_CELLS", 0)
    monkeypatch.setenv("ALIGNER_THREADS", "2")
    got = []
    worker = threading.Thread(target=lambda: got.append(_kernels.threads_for(10**9)))
    worker.start()
    worker.join()
    assert got == [1]


def _report(queue: multiprocessing.Queue) -> None:
    queue.put(_kernels.threads_for(10**9))


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_no_threads_in_a_pool_worker_nor_beside_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """A forked worker (the check's ``--jobs``) and the process that forked it each keep to one thread."""
    monkeypatch.setattr(_kernels, "THREAD_MIN_CELLS", 0)
    monkeypatch.setenv("ALIGNER_THREADS", "2")
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_report, args=(queue,))
    child.start()
    try:
        assert queue.get(timeout=60) == 1  # in the worker
        assert _kernels.threads_for(10**9) == 1  # beside a live worker
    finally:
        child.join(timeout=60)


def test_the_seed_versions_align_the_same_in_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    from aligner.documents import read_document

    texts = [[s.text for s in read_document(str(p)).segments] for p in sorted((ROOT / "corpora/seeds").glob("*.txt"))]
    monkeypatch.setenv("ALIGNER_THREADS", "1")
    want = [align_pair(a, b) for a in texts for b in texts if a is not b]
    monkeypatch.setattr(_kernels, "THREAD_MIN_CELLS", 0)
    monkeypatch.setenv("ALIGNER_THREADS", "2")
    got = [align_pair(a, b) for a in texts for b in texts if a is not b]
    assert got == want


def test_two_long_documents_encode_in_threads_as_one_after_the_other(monkeypatch: pytest.MonkeyPatch) -> None:
    from aligner.align import anchors

    def doc(lang_shift: int, n: int) -> list[str]:
        words = ["Haus", "maison", "Zürich", "3 200", "42,5 %", "Straße", "(CERN)", "Ölpreis", "über"]
        return [" ".join(words[(i * 7 + k + lang_shift) % len(words)] + str(i % 13) for k in range(i % 6 + 1))
                for i in range(n)]

    src, tgt = doc(0, 400), doc(3, 500)
    monkeypatch.setattr(anchors, "ENCODE_CACHE_CHARS", 1000)  # both "long": the threaded path
    monkeypatch.setenv("ALIGNER_THREADS", "2")
    seen = []
    real = anchors._own_template
    monkeypatch.setattr(anchors, "_own_template", lambda *a: seen.append(threading.current_thread()) or real(*a))
    for same_script in (True, False):
        want_table, got_table = anchors.KeyTable(), anchors.KeyTable()
        want = [anchors._encode_fresh(texts, same_script, want_table) for texts in (src, tgt)]
        got = anchors.encode_pair(src, tgt, same_script, got_table)
        assert got_table.keys == want_table.keys
        for g, w in zip(got, want):
            for name in ("lengths", "key_seg", "key_id", "stem_seg", "stem_id"):
                assert np.array_equal(getattr(g, name), getattr(w, name)), name
            assert g.stems == w.stems
    if _kernels.threads() >= 2:
        assert len(seen) == 4 and threading.main_thread() not in seen


def test_kernels_preload_in_the_background_for_a_long_pair() -> None:
    """In a fresh process: a long pair starts the load in a thread, and ``for_size`` hands out the loaded kernels."""
    import subprocess
    import sys

    code = (
        "import threading, sys\n"
        "from aligner.align import _kernels\n"
        "import os, importlib.util\n"
        "no_numba = importlib.util.find_spec('numba') is None or os.environ.get('ALIGNER_NO_NUMBA')\n"
        "if _kernels.threads() < 2 or no_numba:\n"
        "    sys.exit(3)\n"
        "_kernels.preload(_kernels.MIN_CELLS - 1)\n"
        "assert 'aligner-kernels' not in [t.name for t in threading.enumerate()]\n"
        "_kernels.preload(_kernels.MIN_CELLS)\n"
        "assert 'mod' in _kernels._STATE or 'thread' in _kernels._LOADING\n"
        "import os\n"
        "pid = os.fork()  # waits for the load: the child must not inherit a half-done import\n"
        "if pid == 0:\n"
        "    os._exit(0 if _kernels._STATE.get('mod') is not None else 5)\n"
        "assert os.waitpid(pid, 0)[1] == 0\n"
        "mod = _kernels.for_size(_kernels.MIN_CELLS)\n"
        "assert mod is not None and not _kernels._LOADING\n"
        "assert mod.order_by_key.signatures, 'the first kernel was loaded'\n"
        "assert _kernels.for_size(_kernels.MIN_CELLS // _kernels.WARM_FACTOR) is mod, 'loaded: smaller bands too'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    if result.returncode == 3:
        pytest.skip("one core, or no numba (or ALIGNER_NO_NUMBA) here")
    assert result.returncode == 0, result.stderr

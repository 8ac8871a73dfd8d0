"""Runs on a Dask cluster (``--cluster``): the same bytes as one process, nothing lost to a dead worker,
and a cluster that is not there is one line and exit code 2 within the timeout, never a hang.

Every cluster here is started by the test on 127.0.0.1 and stopped by it.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("distributed")

from aligner.cli import app  # noqa: E402
from aligner.cluster import DaskExecutor, connect, parse_cluster  # noqa: E402
from aligner.errors import ConfigError  # noqa: E402
from aligner.executor import InProcess  # noqa: E402
from aligner.pipeline import align_paths, check_paths, run_audit  # noqa: E402
from tests.cluster_corpus import make_corpus  # noqa: E402
from tests.conftest import SEEDS  # noqa: E402

runner = CliRunner()
OUTPUTS = ("report.html", "audit.json", "alignment.tmx", "findings.sarif")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six generated document sets (two bench texts, numbers shifted per set, some damaged) and the seeds."""
    return make_corpus(tmp_path_factory.mktemp("corpus") / "c", 6)


@pytest.fixture(scope="module")
def cluster() -> DaskExecutor:
    with connect("local:2", timeout=120) as executor:
        yield executor


def _same_run(one: object, other: object) -> None:
    assert other.all_findings == one.all_findings
    assert other.findings == one.findings
    assert other.alignment == one.alignment
    assert other.detections == one.detections
    assert other.signature == one.signature


# --------------------------------------------------------------------------- group tasks in this process


@pytest.mark.parametrize("which", ["seeds", "corpus"])
def test_group_tasks_give_the_run_of_one_pass(which: str, corpus: Path) -> None:
    path = SEEDS if which == "seeds" else corpus
    one = check_paths([str(path)], jobs=1)
    assert one.all_findings and len(one.alignment.groups) >= 1
    _same_run(one, check_paths([str(path)], jobs=1, executor=InProcess()))


# --------------------------------------------------------------------------- on a local cluster


@pytest.mark.parametrize("per_task", [16, 1])
def test_a_cluster_run_is_the_run_of_one_process(corpus: Path, cluster: DaskExecutor, per_task: int,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import aligner.pipeline as pipeline

    one = check_paths([str(corpus)], jobs=1)
    assert len(one.alignment.groups) == 7 and one.alignment.unmatched
    monkeypatch.setattr(pipeline, "GROUPS_PER_TASK", per_task)  # small groups share a task, or not
    seen: list[tuple[str, int, int]] = []
    on_cluster = check_paths([str(corpus)], jobs=1, executor=cluster, progress=lambda *a: seen.append(a))
    _same_run(one, on_cluster)
    # progress comes from the futures, one call per finished task (7 groups and the ungrouped document)
    tasks = len(pipeline.batches([1] * 8, pipeline.CHARS_PER_GROUP_TASK, per_task))
    assert tasks == (8 if per_task == 1 else 1)
    assert [s for s in seen if s[0] == "groups"] == [("groups", i, tasks) for i in range(1, tasks + 1)]


def test_an_audit_on_a_cluster_writes_the_same_bytes(corpus: Path, cluster: DaskExecutor, tmp_path: Path) -> None:
    run_audit([str(corpus)], str(tmp_path / "one"), jobs=1)
    run_audit([str(corpus)], str(tmp_path / "cluster"), jobs=1, executor=cluster)
    for name in OUTPUTS:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "cluster" / name).read_bytes(), name


def test_an_alignment_on_a_cluster_is_the_same(corpus: Path, cluster: DaskExecutor) -> None:
    assert align_paths([str(corpus)], executor=cluster) == align_paths([str(corpus)])


def test_an_error_in_a_group_reaches_the_caller(cluster: DaskExecutor) -> None:
    with pytest.raises(ValueError, match="broken task"):
        cluster.map_tasks(_square_or_fail, [1, -1, 2])


def test_tasks_that_carry_megabytes_reach_the_workers_without_a_warning(cluster: DaskExecutor) -> None:
    import warnings

    pages = ["x" * 1_000_000 + str(i) for i in range(12)]  # (Dask warns past 10 MB of graph)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cluster.map_tasks(len, pages) == [len(p) for p in pages]


def _square_or_fail(n: int) -> int:
    if n < 0:
        raise ValueError("broken task")
    return n * n


def test_a_worker_killed_mid_run_loses_nothing(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import aligner.pipeline as pipeline

    one = check_paths([str(corpus)], jobs=1)
    killed: list[int] = []
    monkeypatch.setattr(pipeline, "GROUPS_PER_TASK", 2)  # (small groups share a task: keep several tasks here)
    with connect("local:2", timeout=120) as executor:
        def kill_one(stage: str, done: int, total: int) -> None:
            if stage == "groups" and done == 1 and not killed:
                pids = executor.client.run(os.getpid)  # {worker address: its process id}
                pid = sorted(pids.values())[0]
                os.kill(pid, signal.SIGKILL)  # as the out-of-memory killer would
                killed.append(pid)

        seen: list[tuple[int, int]] = []
        on_cluster = check_paths([str(corpus)], jobs=1, executor=executor,
                                 progress=lambda s, d, t: (s == "groups" and seen.append((d, t)), kill_one(s, d, t)))
        assert killed and seen[0][1] >= 3  # killed with tasks still to run
        executor.client.wait_for_workers(2, timeout=60)
        assert killed[0] not in executor.client.run(os.getpid).values()  # the nanny started a new worker
    _same_run(one, on_cluster)


# --------------------------------------------------------------------------- a cluster that is not there


def test_cluster_specs() -> None:
    assert parse_cluster("local:3").workers == 3
    assert parse_cluster("local").workers >= 1
    assert parse_cluster("tcp://127.0.0.1:8786").address == "tcp://127.0.0.1:8786"
    for bad in ("local:0", "remote", "tcp://host", "127.0.0.1:8786"):
        with pytest.raises(ConfigError, match="--cluster"):
            parse_cluster(bad)


def test_an_unreachable_scheduler_is_one_line_within_the_timeout() -> None:
    start = time.monotonic()
    with pytest.raises(ConfigError, match=r"tcp://127\.0\.0\.1:9 within 2 s.*scheduler"):
        with connect("tcp://127.0.0.1:9", timeout=2):
            pass
    assert time.monotonic() - start < 20


def test_a_scheduler_without_workers_is_one_line_within_the_timeout() -> None:
    import distributed

    with distributed.LocalCluster(n_workers=0, processes=True, host="127.0.0.1",
                                  dashboard_address="127.0.0.1:0") as empty:
        start = time.monotonic()
        with pytest.raises(ConfigError, match=rf"{empty.scheduler_address} has no 1 worker.*dask worker"):
            with connect(empty.scheduler_address, timeout=2):
                pass
        assert time.monotonic() - start < 20


def test_the_cli_says_an_unreachable_cluster_in_one_line_and_exits_2() -> None:
    for command in (["check"], ["audit", "-o", "out", "-q"], ["align"]):
        result = runner.invoke(app, [*command, str(SEEDS), "--cluster", "tcp://127.0.0.1:9", "--cluster-timeout", "1"])
        assert result.exit_code == 2, result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "tcp://127.0.0.1:9" in lines[0], result.stderr


def test_the_cli_on_a_local_cluster_writes_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    one = runner.invoke(app, ["audit", str(corpus), "-o", str(tmp_path / "one"), "-q", "--jobs", "1"])
    two = runner.invoke(app, ["audit", str(corpus), "-o", str(tmp_path / "two"), "-q", "--cluster", "local:2"])
    assert one.exit_code == two.exit_code == 1, two.output
    for name in OUTPUTS:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name

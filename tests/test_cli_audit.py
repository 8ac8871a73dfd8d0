"""`aligner audit`: the four output files, the exit code, and byte-identical output across runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from translate.storage import tmx
from typer.testing import CliRunner

from aligner.cli import app
from tests.conftest import ROOT, SEEDS

runner = CliRunner()
OUTPUTS = ("report.html", "audit.json", "alignment.tmx", "findings.sarif")


def test_audit_writes_four_files(tmp_path: Path) -> None:
    result = runner.invoke(app, ["audit", str(SEEDS), "-o", str(tmp_path), "--quiet"])
    assert result.exit_code == 1, result.output
    for name in OUTPUTS:
        assert (tmp_path / name).stat().st_size > 0
    audit = json.loads((tmp_path / "audit.json").read_text())
    assert {"documents", "groups", "unmatched", "findings", "scores", "signatures"} <= set(audit)
    assert set(audit["signatures"]) == {"detect", "align", "check", "score"}
    store = tmx.tmxfile.parsefile(str(tmp_path / "alignment.tmx"))
    assert len(store.units) >= 28
    assert "25,520" in (tmp_path / "report.html").read_text()
    assert "000_f8214269fd0884a9.txt" in result.stdout  # the summary table


def test_audit_fail_on_never_exits_zero(tmp_path: Path) -> None:
    result = runner.invoke(app, ["audit", str(SEEDS), "-o", str(tmp_path), "--fail-on", "never", "-q"])
    assert result.exit_code == 0, result.output


def test_audit_is_byte_identical_across_processes_hash_seeds_and_jobs(tmp_path: Path) -> None:
    outs = []
    for seed, jobs in (("0", "1"), ("12345", "1"), ("777", "2")):  # 2 jobs: the checks in a forked worker too
        out = tmp_path / f"{seed}-{jobs}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "aligner.cli", "audit", str(SEEDS), "-o", str(out), "-q", "--fail-on", "never",
             "--jobs", jobs],
            cwd=ROOT, env=env, check=True, capture_output=True,
        )
        outs.append(out)
    for name in OUTPUTS:
        for other in outs[1:]:
            assert (outs[0] / name).read_bytes() == (other / name).read_bytes(), (name, other.name)


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    before = {p.name: p.read_bytes() for p in SEEDS.glob("*.txt")}
    runner.invoke(app, ["audit", str(SEEDS), "-o", str(tmp_path), "-q"])
    assert {p.name: p.read_bytes() for p in SEEDS.glob("*.txt")} == before


def test_score_follows_the_configuration_as_audit_does(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    # Reference-free scores count the findings in force: a setting that disables the number checks
    # must move `score` exactly as it moves the scores `audit` writes.
    def scores_of(args: list[str]) -> dict[str, float]:
        result = runner.invoke(app, ["score", str(SEEDS), "--format", "json", *args])
        assert result.exit_code == 0, result.output
        return {d["path"]: d["score"] for d in json.loads(result.stdout)["documents"]}

    monkeypatch.chdir(tmp_path)
    default = scores_of([])
    (tmp_path / "aligner.toml").write_text('disable = ["NUM001", "NUM002", "NUM003", "FMT001", "FMT002"]\n')
    relaxed = scores_of([])
    assert relaxed != default
    lt = next(p for p in default if p.endswith("000_f8214269fd0884a9.txt"))
    assert relaxed[lt] > default[lt]  # the Lithuanian version's number damage no longer counts
    out = tmp_path / "out"
    assert runner.invoke(app, ["audit", str(SEEDS), "-o", str(out), "-q", "--fail-on", "never"]).exit_code == 0
    audited = {d["path"]: d["score"] for d in json.loads((out / "audit.json").read_text())["scores"]}
    assert audited == relaxed


def test_audit_summary_shows_long_paths_whole(tmp_path: Path) -> None:
    deep = tmp_path / ("a-rather-long-directory-name-" * 3) / "versions"
    deep.mkdir(parents=True)
    for p in SEEDS.glob("*.txt"):
        (deep / p.name).write_bytes(p.read_bytes())
    result = runner.invoke(app, ["audit", str(deep), "-o", str(tmp_path / "out"), "-q", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    # The part that tells the files apart is shown whole; the directory they share is named once, below.
    assert all(f" {p.name} " in result.stdout for p in SEEDS.glob("*.txt"))
    assert "…" not in result.stdout
    assert "".join(result.stdout.split()).count("".join(f"files in {deep}/".split())) == 1

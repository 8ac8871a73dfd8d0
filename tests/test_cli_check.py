"""`aligner check`, `aligner checks`, `aligner align` and `aligner score` end to end."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from aligner.checks.config import CheckConfig
from aligner.cli import app
from aligner.model import Severity
from aligner.pipeline import RunOptions, check_paths
from tests.conftest import SEED_FILES, SEEDS

runner = CliRunner()


@pytest.fixture(scope="module")
def seed_json() -> dict:
    result = runner.invoke(app, ["check", str(SEEDS), "--format", "json"])
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


def test_check_json_shape(seed_json: dict) -> None:
    keys = {"code", "category", "severity", "path", "language", "line", "column", "message", "evidence"}
    assert seed_json["findings"]
    assert all(keys <= set(f) for f in seed_json["findings"])
    assert seed_json["signature"].startswith("aligner:check|")
    assert "summary" in seed_json


@pytest.mark.parametrize(("fail_on", "code"), [("never", 0), ("critical", 0), ("major", 1), ("minor", 1)])
def test_fail_on(fail_on: str, code: int) -> None:
    result = runner.invoke(app, ["check", str(SEEDS), "--fail-on", fail_on])
    assert result.exit_code == code, result.output


def test_text_format_lines() -> None:
    result = runner.invoke(app, ["check", str(SEEDS)])
    first = result.stdout.splitlines()[0]
    path, line, col, rest = first.split(":", 3)
    assert Path(path).name.endswith(".txt") and int(line) >= 1 and int(col) >= 1
    assert rest.split()[0][:3] in {"NUM", "FMT", "ADD", "DOC", "OMI", "DUP", "LNG", "STA", "TRM", "ENT"}


def test_sarif_and_junit_and_github() -> None:
    sarif = json.loads(runner.invoke(app, ["check", str(SEEDS), "--format", "sarif"]).stdout)
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert results and all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in results)
    junit = runner.invoke(app, ["check", str(SEEDS), "--format", "junit"]).stdout
    root = etree.fromstring(junit.encode())
    assert root.xpath("//failure")
    gh = runner.invoke(app, ["check", str(SEEDS), "--format", "github"]).stdout
    assert any(line.startswith("::error file=") for line in gh.splitlines())


def test_baseline_silences_known_findings(tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    first = runner.invoke(app, ["check", str(SEEDS), "--write-baseline", str(base)])
    assert first.exit_code == 1 and base.is_file()
    second = runner.invoke(app, ["check", str(SEEDS), "--baseline", str(base), "--format", "json"])
    assert second.exit_code == 0, second.output
    assert json.loads(second.stdout)["findings"] == []


def test_unknown_config_key_is_exit_2(tmp_path: Path) -> None:
    cfg = tmp_path / "aligner.toml"
    cfg.write_text('fail_on = "major"\n')
    result = runner.invoke(app, ["check", str(SEEDS), "--config", str(cfg)])
    assert result.exit_code == 2
    assert "aligner: error:" in result.stderr and "fail_on" in result.stderr


def test_checks_lists_registry() -> None:
    result = runner.invoke(app, ["checks", "--format", "json"])
    codes = [c["code"] for c in json.loads(result.stdout)["checks"]]
    assert {"NUM001", "NUM002", "NUM003", "FMT001", "DOC001", "LNG001"} <= set(codes)
    assert codes == sorted(codes)


def test_align_seeds_json() -> None:
    result = runner.invoke(app, ["align", str(SEEDS)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["groups"]) == 1 and len(data["groups"][0]["units"]) == 31
    assert [Path(u["path"]).name for u in data["unmatched"]] == ["003_1fe17f78ad08b776.txt"]
    assert data["signature"].startswith("aligner:align|")


def test_align_errors() -> None:
    one = runner.invoke(app, ["align", str(SEED_FILES["lt"])])
    assert one.exit_code == 2 and "at least two documents" in one.stderr
    three = runner.invoke(app, ["align", str(SEED_FILES["lt"]), str(SEED_FILES["da"]), str(SEED_FILES["te"]),
                                "--format", "vecalign"])
    assert three.exit_code == 2 and "exactly two" in three.stderr


def test_align_vecalign_two_documents(tmp_path: Path) -> None:
    out = tmp_path / "pair.txt"
    result = runner.invoke(app, ["align", str(SEED_FILES["lt"]), str(SEED_FILES["da"]), "--format", "vecalign",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert len(lines) == 28 and lines[0].startswith("[0]:[0]")


def test_score_reference_free_json() -> None:
    result = runner.invoke(app, ["score", str(SEEDS), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    by_lang = {d["language"]: d["score"] for d in data["documents"]}
    assert set(by_lang) == {"lt", "da", "tl", "te"}
    assert by_lang["lt"] < by_lang["da"]  # the damaged Lithuanian version ranks below the Danish
    assert data["signature"].startswith("aligner:score|")


def test_align_presegmented_textberg_through_the_cli(tmp_path: Path) -> None:
    """German-French, one sentence a line, through `aligner align --presegmented --format vecalign`."""
    from aligner.align.evaluate import read_ladder, score_alignment
    from tests.conftest import SHARED

    bench = SHARED / "bench" / "textberg-dev"
    if not bench.is_dir():
        pytest.skip("../shared/bench/textberg-dev is not beside the repository")
    de, fr = tmp_path / "dev_de.txt", tmp_path / "dev_fr.txt"
    de.write_bytes((bench / "dev.de").read_bytes())
    fr.write_bytes((bench / "dev.fr").read_bytes())
    out = tmp_path / "pred.defr"
    result = runner.invoke(app, ["align", "--presegmented", str(de), str(fr), "--format", "vecalign", "-o", str(out)])
    assert result.exit_code == 0, result.output
    score = score_alignment(read_ladder(str(bench / "dev.defr")), read_ladder(str(out)))
    assert score.f1_strict >= 0.85


# ------------------------------------------------------------------ the library call behind the commands


def test_run_options_are_frozen_and_keep_candidates_immutable() -> None:
    options = RunOptions(candidates=["lt", "da"])  # type: ignore[arg-type]  (lists are accepted, stored as tuples)
    assert options.candidates == ("lt", "da")
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.encoding = "latin-1"  # type: ignore[misc]
    assert options.replace() is options
    assert options.replace(encoding="latin-1") == RunOptions(encoding="latin-1", candidates=("lt", "da"))
    with pytest.raises(TypeError, match="encodng"):
        options.replace(encodng="latin-1")


def test_options_object_and_keywords_give_the_same_run(seed_json: dict) -> None:
    config = CheckConfig(severity={"FMT001": Severity.INFO}, disable=frozenset({"ADD002"}))
    by_keywords = check_paths([str(SEEDS)], config=config, candidates=["lt", "da", "tl", "te"])
    options = RunOptions(config=config, candidates=("lt", "da", "tl", "te"))
    by_options = check_paths([str(SEEDS)], options)
    assert by_options.findings == by_keywords.findings and by_options.signature == by_keywords.signature
    assert {f.severity for f in by_options.findings if f.code == "FMT001"} == {Severity.INFO}
    assert "ADD002" not in {f.code for f in by_options.findings}
    with pytest.raises(TypeError, match="languages"):
        check_paths([str(SEEDS)], options, languages=["lt"])
    # Keywords apply over the options object: back to the default configuration, as `aligner check` runs.
    default = check_paths([str(SEEDS)], options, config=CheckConfig(), candidates=None)
    assert [(f.code, f.severity.value, f.line) for f in default.findings] == [
        (f["code"], f["severity"], f["line"]) for f in seed_json["findings"]]

"""`aligner detect` end to end through Typer's test runner."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from aligner.cli import app
from tests.conftest import SEEDS

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("aligner ")


def test_detect_seeds_json() -> None:
    result = runner.invoke(app, ["detect", str(SEEDS), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["language"] for d in data["documents"]] == ["lt", "da", "tl", "lt", "te"]
    assert [d["script"] for d in data["documents"]] == ["Latn"] * 4 + ["Telu"]
    assert all(0 < d["confidence"] <= 1 for d in data["documents"])
    assert data["signature"].startswith("aligner:detect|")


def test_detect_segments_shape() -> None:
    result = runner.invoke(app, ["detect", str(SEEDS / "001_f556afaa5fda8b7f.txt"), "--segments", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)["documents"][0]
    assert len(doc["segments"]) == 28
    first = doc["segments"][0]
    assert {"id", "line", "text", "language", "confidence"} <= set(first)
    assert first["id"] == 0 and first["line"] == 1


def test_detect_is_deterministic() -> None:
    args = ["detect", str(SEEDS), "--segments", "--format", "json"]
    assert runner.invoke(app, args).stdout == runner.invoke(app, args).stdout


def test_detect_csv() -> None:
    result = runner.invoke(app, ["detect", str(SEEDS), "--format", "csv"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "path,language,confidence,script"
    assert len(lines) == 6


def test_missing_file_is_one_line_exit_2() -> None:
    result = runner.invoke(app, ["detect", "no-such-file.txt"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "aligner: error: no-such-file.txt: no such file or directory; check the path"
    ]


def test_bad_languages_option() -> None:
    result = runner.invoke(app, ["detect", str(SEEDS), "--languages", "lt,123"])
    assert result.exit_code == 2
    assert "--languages" in result.stderr

"""`aligner align`: the exporters' rules reach the user as one error line and exit code 2."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from aligner.cli import app
from tests.conftest import SEED_FILES, SEEDS

runner = CliRunner()


def _error(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("aligner: error: "), result.stderr
    return lines[0]


def test_moses_needs_a_directory() -> None:
    assert _error(["align", str(SEED_FILES["lt"]), str(SEED_FILES["da"]), "--format", "moses"]) == (
        "aligner: error: --format moses: writes one file per version; give a directory with -o DIR"
    )


def test_vecalign_needs_two_documents() -> None:
    assert _error(["align", str(SEEDS), "--format", "vecalign"]) == (
        "aligner: error: --format vecalign: takes exactly two documents, got 5; use json or tmx"
    )


def test_a_missing_file_names_it(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    assert _error(["align", missing, str(SEED_FILES["da"])]) == (
        f"aligner: error: {missing}: no such file or directory; check the path"
    )


def test_moses_writes_one_file_per_version(tmp_path: Path) -> None:
    result = runner.invoke(app, ["align", str(SEED_FILES["lt"]), str(SEED_FILES["da"]), "--no-group",
                                 "--format", "moses", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["corpus.da", "corpus.lt"]


def test_the_format_choices_are_the_registries() -> None:
    from aligner.cli import AlignFormat, CheckFormat
    from aligner.export import EXPORTERS
    from aligner.report.findings import FINDINGS_FORMATS

    assert sorted(f.value for f in AlignFormat) == sorted(EXPORTERS)
    assert sorted(f.value for f in CheckFormat) == sorted(FINDINGS_FORMATS)

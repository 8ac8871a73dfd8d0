"""What a user reads from the CLI: help, error lines, CI summaries, colour, widths, progress (issue #18)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aligner.cli import app
from aligner.report.terminal import render, short_paths, use_color
from tests.conftest import SEEDS

runner = CliRunner()
LT, DA, TL = (str(SEEDS / n) for n in ("000_f8214269fd0884a9.txt", "001_f556afaa5fda8b7f.txt",
                                       "002_7405d99d0319b2f2.txt"))
COMMANDS = ("detect", "align", "check", "score", "audit", "checks")


# --------------------------------------------------------------------------- words a user reads


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_metavars_and_plain_words(command: str) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    text = result.stdout
    for raw in ("<list[str]>", "<str>", "<int", "{files}", "{paths}", "``", "[text|", "<text|"):
        assert raw not in text, (command, raw)
    if command != "checks":
        assert re.search(r"Usage: aligner \w+ \[OPTIONS\] FILE\.\.\.", text), text
    assert "--format FORMAT" in text or command == "audit"
    assert "--color WHEN" in text or command == "align"  # align writes data, never a table


def test_unknown_format_says_the_choices() -> None:
    result = runner.invoke(app, ["check", LT, DA, "--format", "sarf"])
    assert result.exit_code == 2
    assert "unknown format 'sarf'; choose text, json, sarif, junit, github" in result.output
    assert "Value error" not in result.output


# --------------------------------------------------------------------------- CI logs say why


def test_check_to_a_file_prints_one_summary_line(tmp_path: Path) -> None:
    out = tmp_path / "findings.sarif"
    result = runner.invoke(app, ["check", str(SEEDS), "--format", "sarif", "-o", str(out)])
    assert result.exit_code == 1 and out.is_file()
    assert result.stdout == ""
    assert result.stderr.splitlines() == [  # what the directory held, then the one summary line
        "aligner: read 5 files (5 text)",
        f"aligner: 17 findings (6 major, 11 minor) -> {out}; exit 1: 6 at or above major, see --fail-on"]


def test_write_baseline_and_a_passing_run_say_so(tmp_path: Path) -> None:
    base, out = tmp_path / "baseline.json", tmp_path / "f.json"
    result = runner.invoke(app, ["check", str(SEEDS), "--format", "json", "-o", str(out), "--write-baseline",
                                 str(base), "--fail-on", "never"])
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines[0] == "aligner: read 5 files (5 text)"
    assert lines[1] == f"aligner: recorded 17 findings in {base}; --baseline {base} silences them"
    assert lines[2].endswith("; exit 0 (--fail-on never)")


def test_output_mistakes_are_one_line_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", LT, DA, "--format", "sarif", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == f"aligner: error: {tmp_path}: is a directory; -o takes a file name\n"
    afile = tmp_path / "report"
    afile.write_text("x")
    result = runner.invoke(app, ["audit", LT, DA, "-o", str(afile), "-q"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.startswith(f"aligner: error: {afile}: is a file; -o takes a directory")


@pytest.mark.parametrize("command", ["check", "score"])
def test_a_single_version_is_a_usage_error(command: str) -> None:
    result = runner.invoke(app, [command, LT])
    assert result.exit_code == 2
    assert result.stderr == (f"aligner: error: {LT}: grouping needs two or more versions of a text; "
                             "give the other language versions too\n")


def test_score_against_a_reference_in_another_language_warns() -> None:
    result = runner.invoke(app, ["score", "--ref", DA, LT, "--format", "json"])
    assert result.exit_code == 0
    assert "is in lt but the reference" in result.stderr and "is in da" in result.stderr
    data = json.loads(result.stdout)
    assert data["languages"] == {DA: "da", LT: "lt"}
    assert len(data["warnings"]) == 1 and "different languages" in data["warnings"][0]
    assert data["hypotheses"][0]["path"] == LT  # the shape scripts read is kept


def test_score_tables_show_segments_and_the_paired_test_without_json() -> None:
    result = runner.invoke(app, ["score", "--ref", DA, LT, TL, "--segments"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Paired test (bs, 1000 samples, seed 12345)" in result.stdout
    assert "Per segment: 000_f8214269fd0884a9.txt" in result.stdout
    assert "{" not in result.stdout and '"p_value"' not in result.stdout
    result = runner.invoke(app, ["score", str(SEEDS), "--segments"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Per segment" in result.stdout
    # The arithmetic of the score, not raw keys: a score shown, then the same score as a result.
    assert re.search(r"\b(\d+\.\d) .*= \1\b", result.stdout)
    assert "normed_penalty" not in result.stdout


def test_detect_with_candidates_that_fit_nothing() -> None:
    result = runner.invoke(app, ["detect", TL, "--languages", "de,fr", "--format", "json"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)["documents"][0]
    assert doc["language"] in ("de", "fr", "und") and doc["confidence"] < 0.5
    assert doc["note"].startswith("none of the candidates de,fr fits: the text looks like tl")
    assert "none of the candidates de,fr fits" in result.stderr


def test_detect_refuses_codes_that_do_not_exist() -> None:
    result = runner.invoke(app, ["detect", TL, "--languages", "xx,yy"])
    assert result.exit_code == 2
    assert result.stderr == ("aligner: error: --languages: no language has the code 'xx', 'yy'; "
                             "give ISO 639 codes like lt,da,tl,te\n")


# --------------------------------------------------------------------------- the terminal


@pytest.mark.parametrize(("choice", "env", "tty", "expected"), [
    ("auto", {}, True, True),
    ("auto", {}, False, False),
    ("auto", {"NO_COLOR": "1"}, True, False),
    ("auto", {"FORCE_COLOR": "1"}, False, True),
    ("auto", {"FORCE_COLOR": "0"}, False, False),
    ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
    ("always", {"NO_COLOR": "1"}, False, True),
    ("never", {"FORCE_COLOR": "1"}, True, False),
])
def test_use_color(choice: str, env: dict, tty: bool, expected: bool) -> None:
    class Stream:
        def isatty(self) -> bool:
            return tty

    assert use_color(choice, Stream(), env) is expected


def test_color_option_and_no_color() -> None:
    args = ["check", str(SEEDS)]
    assert "\x1b[" in runner.invoke(app, [*args, "--color", "always"]).stdout
    assert "\x1b[" not in runner.invoke(app, [*args, "--color", "never"], env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" in runner.invoke(app, args, env={"FORCE_COLOR": "1", "NO_COLOR": ""}).stdout
    assert "\x1b[" not in runner.invoke(app, args, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout


@pytest.mark.parametrize(("paths", "names", "prefix"), [
    (["a/translations/final_lt.txt", "a/translations/final_da.txt"], ["final_lt.txt", "final_da.txt"],
     "a/translations/"),
    (["x/lt/a.txt", "x/da/a.txt"], ["lt/a.txt", "da/a.txt"], "x/"),
    (["one.txt", "d/two.txt"], ["one.txt", "d/two.txt"], ""),
    (["only/one.txt"], ["one.txt"], "only/"),
])
def test_short_paths_keep_what_tells_files_apart(paths: list, names: list, prefix: str) -> None:
    short, common = short_paths(paths)
    assert [short[p] for p in paths] == names and common == prefix


def test_tables_fit_the_terminal_and_never_hide_a_name(tmp_path: Path) -> None:
    deep = tmp_path / "translations" / ("final-delivery-" * 4)
    deep.mkdir(parents=True)
    for p in SEEDS.glob("*.txt"):
        (deep / p.name).write_bytes(p.read_bytes())
    result = runner.invoke(app, ["detect", str(deep)], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "…" not in result.stdout
    assert all(p.name in result.stdout for p in SEEDS.glob("*.txt"))


def test_render_uses_the_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.table import Table

    table = Table()
    table.add_column("x")
    table.add_row("word " * 60)
    monkeypatch.setenv("COLUMNS", "60")
    assert max(len(line) for line in render(table, color=False).splitlines()) <= 60
    monkeypatch.setenv("COLUMNS", "200")
    assert max(len(line) for line in render(table, color=False).splitlines()) > 120


@pytest.mark.parametrize("command", [["detect", DA, LT], ["align", DA, LT], ["check", DA, LT],
                                     ["score", DA, LT]])
def test_progress_on_stderr_only_when_it_is_a_terminal(command: list, monkeypatch: pytest.MonkeyPatch) -> None:
    import aligner.report.terminal as terminal

    seen: list[bool] = []
    real = terminal.progress_bar

    def spy(enabled: bool):  # noqa: ANN202
        seen.append(enabled)
        return real(False)

    monkeypatch.setattr(terminal, "progress_bar", spy)
    result = runner.invoke(app, command)
    assert result.exit_code in (0, 1), result.output
    assert seen == [False]  # CliRunner's stderr is no terminal: no bar
    assert "━" not in result.stderr


def test_score_arithmetic_of_the_documented_example() -> None:
    from aligner.score.quality import explain_score, quality_scores
    from tests.score.test_quality import worked_example

    alignment, findings, langs = worked_example()
    da = quality_scores(alignment, findings, segment_languages=langs)[0]
    line = explain_score(da.score, da.components)
    assert line == ("77.0 after findings (1 major, 1 minor; 250 words) × content 0.865 "
                    "(1 of 10 units missing, alignment 0.94, 6% other language) = 66.6")
    docs = " ".join((Path(__file__).resolve().parents[1] / "docs" / "scoring.md").read_text("utf-8").split())
    assert f"`{line}`" in docs

"""Bad input on every command: exit 2 and one line naming the file, or a finding; never a traceback.

The table in docs/robustness.md is this file's CASES; keep them together.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from aligner.cli import app
from tests.conftest import SEED_FILES

runner = CliRunner()
COMMANDS = ["detect", "align", "check", "score", "audit"]
GOOD = SEED_FILES["da"].read_bytes()

# name -> (file bytes, expected exit code per command, fragment of the error line or None)
CASES: dict[str, tuple[bytes | None, int | None, str | None]] = {
    "non-utf8": (b"Kliento \xe0 duomenys\n", 2, "not valid UTF-8 at byte offset 8"),
    "binary": (bytes(range(256)) * 8, 2, "NUL byte at byte offset 0"),
    "nul-bytes": (b"Hello\x00world.\n", 2, "NUL byte at byte offset 5"),
    "missing": (None, 2, "no such file or directory"),
}
# Readable but odd: no error; the tool answers (exit 0, or 1 from check/audit findings).
ODD: dict[str, bytes] = {
    "empty": b"",
    "crlf-and-cr": GOOD.replace(b"\n", b"\r\n", 3).replace(b"\n", b"\r", 2),
    "utf8-bom": b"\xef\xbb\xbf" + GOOD,
    "utf16-bom": GOOD.decode().encode("utf-16"),
    "nfd": unicodedata.normalize("NFD", SEED_FILES["lt"].read_text()).encode(),
    "bidi-zero-width": GOOD.replace(b"PR", "\u202ePR\u200b\u2066".encode(), 1),
    "control-chars": GOOD.replace(b"Salg", b"Sa\x01lg\x1b", 1),
}


def _args(cmd: str, paths: list[str], tmp_path: Path) -> list[str]:
    if cmd == "audit":
        return [cmd, *paths, "-o", str(tmp_path / "out"), "-q"]
    return [cmd, *paths]


@pytest.mark.parametrize("cmd", COMMANDS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_one_line_exit_2(cmd: str, case: str, tmp_path: Path) -> None:
    data, code, fragment = CASES[case]
    bad = tmp_path / f"{case}.txt"
    if data is not None:
        bad.write_bytes(data)
    other = tmp_path / "da.txt"
    other.write_bytes(GOOD)
    result = runner.invoke(app, _args(cmd, [str(bad), str(other)], tmp_path))
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"aligner: error: {bad}: "), result.stderr
    assert fragment in lines[0]
    assert "Traceback" not in result.output
    if data is not None:
        assert bad.read_bytes() == data  # never changed


@pytest.mark.parametrize("cmd", COMMANDS)
def test_directory_without_text_files(cmd: str, tmp_path: Path) -> None:
    empty = tmp_path / "nothing"
    empty.mkdir()
    result = runner.invoke(app, _args(cmd, [str(empty)], tmp_path))
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert line.startswith(f"aligner: error: {empty}: directory holds no *.txt or localization files (*.po, ")
    assert line.endswith("); give text files or another folder") and "\n" not in line


@pytest.mark.parametrize("cmd", ["detect", "check", "audit"])
@pytest.mark.parametrize("case", sorted(ODD))
def test_odd_but_readable_input_is_answered(cmd: str, case: str, tmp_path: Path) -> None:
    odd = tmp_path / f"{case}.txt"
    odd.write_bytes(ODD[case])
    other = tmp_path / "lt.txt"
    other.write_bytes(SEED_FILES["lt"].read_bytes())
    result = runner.invoke(app, _args(cmd, [str(odd), str(other)], tmp_path))
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert odd.read_bytes() == ODD[case]


def test_empty_document_is_a_finding(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "da.txt").write_bytes(GOOD)
    result = runner.invoke(app, ["check", str(tmp_path), "--format", "json"])
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert "DOC002" in codes


def test_unknown_encoding_and_encoding_way_out(tmp_path: Path) -> None:
    f = tmp_path / "lt.txt"
    f.write_bytes("Klientų aptarnavimas yra svarbus. Tai tiesa.\n".encode("cp1257"))
    bad = runner.invoke(app, ["detect", str(f)])
    assert bad.exit_code == 2 and "--encoding" in bad.stderr
    good = runner.invoke(app, ["detect", str(f), "--encoding", "cp1257", "--format", "json"])
    assert good.exit_code == 0 and json.loads(good.stdout)["documents"][0]["language"] == "lt"
    nope = runner.invoke(app, ["detect", str(f), "--encoding", "klingon"])
    assert nope.exit_code == 2 and "unknown encoding" in nope.stderr


def test_long_single_line(tmp_path: Path) -> None:
    f = tmp_path / "long.txt"
    f.write_text("Kundeservice er vigtig for enhver virksomhed. " * 220_000)  # ~10 MB on one line
    result = runner.invoke(app, ["detect", str(f), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["documents"][0]["language"] == "da"


def test_markup_and_control_characters_never_break_outputs(tmp_path: Path) -> None:
    lt = SEED_FILES["lt"].read_text().replace("Pardavimai", "Pardavimai <script>alert(1)</script> \x01\x0b", 1)
    da = SEED_FILES["da"].read_text().replace("Salg", "Salg </tu>]]> \x02 & <b>", 1)
    (tmp_path / "lt.txt").write_text(lt)
    (tmp_path / "da.txt").write_text(da)
    out = tmp_path / "out"
    result = runner.invoke(app, ["audit", str(tmp_path / "lt.txt"), str(tmp_path / "da.txt"), "-o", str(out), "-q"])
    assert result.exit_code in (0, 1), result.output
    etree.parse(str(out / "alignment.tmx"))
    json.loads((out / "audit.json").read_text())
    json.loads((out / "findings.sarif").read_text())
    html = (out / "report.html").read_text()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    junit = runner.invoke(app, ["check", str(tmp_path / "lt.txt"), str(tmp_path / "da.txt"), "--format", "junit"])
    etree.fromstring(junit.stdout.encode())


# Localization files that do not parse: exit 2, one line naming the file and the line, on every command.
BAD_CATALOGS: dict[str, tuple[bytes, str]] = {
    "unterminated.po": (b'msgid "Hello"\nmsgstr "Labas\n', "line 2"),
    "broken.xlf": (b'<?xml version="1.0"?>\n<xliff version="1.2"><file><body><trans-unit id="a">\n', "line"),
    "broken.json": (b'{"menu": {"file": "Datei",}\n', "line 1"),
    "latin1.po": ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "\u00e6"\n'
                  .encode("latin-1"), "line"),
}


@pytest.mark.parametrize("cmd", COMMANDS)
@pytest.mark.parametrize("name", sorted(BAD_CATALOGS))
def test_a_catalog_that_does_not_parse_is_one_line_exit_2(cmd: str, name: str, tmp_path: Path) -> None:
    data, fragment = BAD_CATALOGS[name]
    bad = tmp_path / name
    bad.write_bytes(data)
    other = tmp_path / "da.txt"
    other.write_bytes(GOOD)
    result = runner.invoke(app, _args(cmd, [str(bad), str(other)], tmp_path))
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"aligner: error: {bad}: "), result.stderr
    assert fragment in lines[0]
    assert bad.read_bytes() == data  # never changed


def _catalog_folder(tmp_path: Path) -> Path:
    """A folder with two good catalogs (a damaged number in de.po) and two that do not parse."""
    folder = tmp_path / "locale"
    folder.mkdir()
    (folder / "de.po").write_text('msgid ""\nmsgstr ""\n"Language: de\\n"\n\n'
                                  'msgid "Keep it for 30 days"\nmsgstr "Behalten Sie es 31 Tage"\n')
    (folder / "lt.po").write_text('msgid ""\nmsgstr ""\n"Language: lt\\n"\n\n'
                                  'msgid "Keep it for 30 days"\nmsgstr "Laikykite 30 dienų"\n')
    (folder / "a-broken.json").write_bytes(BAD_CATALOGS["broken.json"][0])
    (folder / "b-unterminated.po").write_bytes(BAD_CATALOGS["unterminated.po"][0])
    return folder


@pytest.mark.parametrize("cmd", COMMANDS)
def test_a_directory_run_stops_at_the_first_bad_file_without_keep_going(cmd: str, tmp_path: Path) -> None:
    folder = _catalog_folder(tmp_path)
    result = runner.invoke(app, _args(cmd, [str(folder)], tmp_path))
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert lines == [lines[0]] and lines[0].startswith(f"aligner: error: {folder / 'a-broken.json'}: line 1"), lines
    assert result.stdout == ""


@pytest.mark.parametrize("cmd", COMMANDS)
def test_keep_going_names_every_bad_file_checks_the_rest_and_exits_2(cmd: str, tmp_path: Path) -> None:
    folder = _catalog_folder(tmp_path)
    args = _args(cmd, [str(folder), "--keep-going"], tmp_path)
    if cmd == "check":
        args += ["--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("aligner: error: ")]
    assert errors[0].startswith(f"aligner: error: {folder / 'a-broken.json'}: line 1: JSON syntax error")
    assert errors[1].startswith(f"aligner: error: {folder / 'b-unterminated.po'}: line 2: unterminated string")
    assert errors[2] == ("aligner: error: exit 2: 2 files could not be read (named above); the rest was checked")
    assert len(errors) == 3 and "Traceback" not in result.output
    if cmd == "check":  # the good files were checked: de.po's changed number is found
        found = json.loads(result.stdout)["findings"]
        assert any(f["code"] == "NUM002" and f["path"].endswith("de.po") for f in found), found
        assert "read 2 files (2 catalog); 2 could not be read" in result.stderr
    if cmd == "audit":
        paths = {d["path"] for d in json.loads((tmp_path / "out" / "audit.json").read_text())["documents"]}
        assert {Path(p).name for p in paths} == {"de.po", "lt.po"}


def test_keep_going_with_nothing_readable_is_exit_2(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "x.json").write_bytes(BAD_CATALOGS["broken.json"][0])
    result = runner.invoke(app, ["check", str(folder), "--keep-going"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "aligner: error: none of the 1 files could be read; fix them (named above)"


def test_keep_going_changes_nothing_when_every_file_reads(tmp_path: Path) -> None:
    folder = _catalog_folder(tmp_path)
    for bad in folder.glob("[ab]-*"):
        bad.unlink()
    plain = runner.invoke(app, ["check", str(folder), "--format", "json"])
    kept = runner.invoke(app, ["check", str(folder), "--format", "json", "-k"])
    assert plain.exit_code == kept.exit_code == 1
    assert plain.stdout == kept.stdout

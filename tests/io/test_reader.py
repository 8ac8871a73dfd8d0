"""The reader: encodings, line ends, normalisation, and refusals naming file and offset."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from aligner.errors import InputError
from aligner.io.formats import expand_paths
from aligner.io.reader import read_text


def write(tmp_path: Path, data: bytes, name: str = "f.txt") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"abc\n", "abc\n"),
        (b"\xef\xbb\xbfabc", "abc"),
        (b"a\r\nb\rc\n", "a\nb\nc\n"),
        ("ų".encode("utf-16"), "ų"),
        (unicodedata.normalize("NFD", "klientų").encode(), "klientų"),
    ],
)
def test_accepted_inputs(tmp_path: Path, data: bytes, expected: str) -> None:
    assert read_text(write(tmp_path, data)) == expected


def test_nfd_equals_nfc(tmp_path: Path) -> None:
    nfd = write(tmp_path, unicodedata.normalize("NFD", "ų").encode(), "a.txt")
    nfc = write(tmp_path, unicodedata.normalize("NFC", "ų").encode(), "b.txt")
    assert read_text(nfd) == read_text(nfc)


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"abc\xff\xfedef", "not valid UTF-8 at byte offset 3"),
        (b"ab\x00cd", "NUL byte at byte offset 2"),
        (bytes(range(1, 32)) * 40, "looks binary"),
    ],
)
def test_refused_inputs_name_file_and_offset(tmp_path: Path, data: bytes, fragment: str) -> None:
    path = write(tmp_path, data)
    before = Path(path).read_bytes()
    with pytest.raises(InputError) as err:
        read_text(path)
    assert fragment in str(err.value)
    assert str(err.value).startswith(path)
    assert Path(path).read_bytes() == before


def test_encoding_option_is_the_way_out(tmp_path: Path) -> None:
    path = write(tmp_path, "Klientų".encode("cp1257"))
    with pytest.raises(InputError):
        read_text(path)
    assert read_text(path, encoding="cp1257") == "Klientų"


def test_unknown_encoding(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown encoding"):
        read_text(write(tmp_path, b"x"), encoding="no-such-codec")


def test_missing_file() -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text("/nonexistent/file.txt")


def test_directory_means_sorted_txt_files(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.rst"):
        (tmp_path / name).write_text("x")
    assert [Path(p).name for p in expand_paths([str(tmp_path)])] == ["a.txt", "b.txt"]


def test_directory_without_text_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no \\*.txt or localization files"):
        expand_paths([str(tmp_path)])

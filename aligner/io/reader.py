"""Reading text files: decoding, validation and normalisation. Nothing here writes."""

from __future__ import annotations

import codecs
import os
import unicodedata

from ..errors import InputError

#: Bytes inspected to decide whether a file is binary.
_SNIFF = 8192
#: C0 control characters that may appear in text files.
_TEXT_CONTROLS = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
#: Files larger than this are refused (the whole text is held in memory).
MAX_BYTES = 256 * 1024 * 1024


def read_bytes(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a file's bytes, mapping OS errors to one-line :class:`InputError`."""
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise InputError(
                path,
                f"file is {size // (1024 * 1024)} MB, over the {max_bytes // (1024 * 1024)} MB limit; "
                "split it into smaller files",
            )
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise InputError(path, "no such file; check the path") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory; give a text file") from None
    except PermissionError:
        raise InputError(path, "permission denied; make the file readable") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror}); check the file") from None


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Decode file bytes to text, refusing binary data and undecodable bytes.

    UTF-8 (with or without BOM) is the default; a UTF-16/32 BOM is honoured.
    ``encoding`` overrides detection. Errors name the byte offset.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(
                path, f"unknown encoding {encoding!r}; use a Python codec name such as latin-1"
            ) from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                path, f"not valid {encoding} at byte offset {exc.start}; check --encoding"
            ) from None
        if text.startswith("\ufeff"):
            text = text[1:]
        _refuse_binary_text(text, path)
        return text
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    path, f"not valid {codec.upper()} at byte offset {exc.start}; re-save as UTF-8"
                ) from None
            _refuse_binary_text(text, path)
            return text.lstrip("\ufeff")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(
            path,
            f"contains a NUL byte at byte offset {nul}: a binary file, or UTF-16 without BOM; "
            "give UTF-8 text or use --encoding",
        )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
        offset_shift = 3
    else:
        offset_shift = 0
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"not valid UTF-8 at byte offset {exc.start + offset_shift}; "
            "convert it to UTF-8 or pass --encoding (e.g. --encoding cp1257)",
        ) from None
    _refuse_binary_text(text, path)
    return text


def _refuse_binary_text(text: str, path: str) -> None:
    sample = text[:_SNIFF]
    if not sample:
        return
    bad = [i for i, ch in enumerate(sample) if ord(ch) < 32 and ord(ch) not in _TEXT_CONTROLS]
    if len(bad) > max(8, len(sample) // 100):
        raise InputError(
            path,
            f"looks binary (control character at character offset {bad[0]}); give a plain text file",
        )
    if "\x00" in text:
        offset = text.index("\x00")
        raise InputError(path, f"contains a NUL character at character offset {offset}; give a plain text file")


def normalise(text: str) -> str:
    """Unify line ends (CRLF and CR become LF) and apply Unicode NFC."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_text(path: str, encoding: str | None = None) -> str:
    """Read, decode and normalise a text file; the file itself is never changed."""
    return normalise(decode(read_bytes(path), path, encoding))

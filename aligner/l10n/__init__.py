"""Localization files parsed into a neutral :class:`Catalog` (issue #17).

Pure parsers (bytes or str in, frozen dataclasses out) for gettext PO/POT, XLIFF 1.2 and 2.x, TMX, JSON (flat,
nested, i18next), YAML (Rails), Java ``.properties``, Android ``strings.xml``, Apple ``.strings``, Markdown and
HTML. Only :func:`parse_path` reads a file. Every unit's text carries its 1-based line and column; a file that
cannot be read as its format raises :class:`aligner.errors.InputError` ``"path: line N: what; what to do"``.
"""

from __future__ import annotations

import inspect
import os

from ..errors import InputError
from .android import parse_android
from .detect import EXTENSIONS, detect_format
from .html import parse_html
from .markdown import parse_markdown
from .model import FORMATS, Catalog, CatalogUnit, TextSpan
from .monolingual import parse_apple_strings, parse_json, parse_properties, parse_yaml
from .po import parse_po
from .xliff import parse_tmx, parse_xliff

# the same limit as aligner.io.reader.MAX_BYTES: refused before reading, so memory stays bounded
MAX_BYTES = 256 * 1024 * 1024

PARSERS = {
    "po": parse_po,
    "xliff": parse_xliff,
    "tmx": parse_tmx,
    "json": parse_json,
    "yaml": parse_yaml,
    "properties": parse_properties,
    "android": parse_android,
    "apple-strings": parse_apple_strings,
    "markdown": parse_markdown,
    "html": parse_html,
}

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "PARSERS",
    "Catalog",
    "CatalogUnit",
    "TextSpan",
    "detect_format",
    "parse_bytes",
    "parse_path",
]


def parse_bytes(data: bytes | str, path: str, format: str | None = None, **options) -> Catalog:
    """Parse a file's content; ``path`` names it in errors and may imply its language and format.

    ``options`` go to the format's parser when it takes them (``strict_plurals`` for PO, ``target_language`` for
    TMX), so one set of options serves a folder of mixed files.
    """
    if format is None:
        head = data[:4096] if isinstance(data, bytes) else data[:4096].encode("utf-8")
        format = detect_format(path, head)
        if format is None:
            raise InputError(
                path,
                "line 1: not a localization format aligner reads; give a file with one of the "
                f"extensions {', '.join(sorted(EXTENSIONS))} or name the format",
            )
    parser = PARSERS.get(format)
    if parser is None:
        raise InputError(path, f"line 1: unknown format {format!r}; use one of {', '.join(FORMATS)}")
    try:
        accepted = inspect.signature(parser).parameters
        return parser(data, path, **{k: v for k, v in options.items() if k in accepted})
    except RecursionError:
        raise InputError(path, "line 1: structure nested too deeply to read; flatten it") from None


def parse_path(path: str, format: str | None = None, **options) -> Catalog:
    """Read and parse one localization file (the only function here that does I/O)."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_BYTES:
                raise InputError(
                    path,
                    f"file is {size // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB "
                    "limit; split it into smaller files",
                )
            data = fh.read()
    except OSError as e:
        raise InputError(path, f"cannot read the file ({e.strerror}); check the path and its permissions") from None
    return parse_bytes(data, path, format, **options)

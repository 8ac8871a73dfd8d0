"""Which localization format a file is in: by extension first, then by sniffing its first bytes."""

from __future__ import annotations

import codecs
import re
from pathlib import PurePath

EXTENSIONS = {
    ".po": "po",
    ".pot": "po",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".xlif": "xliff",
    ".sdlxliff": "xliff",
    ".tmx": "tmx",
    ".json": "json",
    ".yml": "yaml",
    ".yaml": "yaml",
    ".properties": "properties",
    ".strings": "apple-strings",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}

_XML_ROOT = re.compile(r"<(?!\?|!)(?:[\w.-]+:)?([\w.-]+)")
_PO = re.compile(r"^(?:msgctxt|msgid)\s+\"", re.MULTILINE)
_APPLE = re.compile(r'^\s*"(?:[^"\\]|\\.)*"\s*=\s*"(?:[^"\\]|\\.)*"\s*;', re.MULTILINE)


def _head_text(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", "ignore")
    return head.decode("utf-8", "ignore").lstrip("\ufeff")


def _sniff_xml(text: str) -> str | None:
    body = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    m = _XML_ROOT.search(body)
    if not m:
        return None
    root = m.group(1).lower()
    return {"resources": "android", "xliff": "xliff", "tmx": "tmx", "html": "html"}.get(root)


def detect_format(path: str, head: bytes) -> str | None:
    """The format name (see :data:`aligner.l10n.model.FORMATS`) of a file, or ``None`` when it is not one."""
    suffix = PurePath(path).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    text = _head_text(head)
    stripped = text.lstrip()
    if suffix == ".xml" or stripped.startswith("<"):
        if re.match(r"(?is)<!doctype\s+html", stripped):
            return "html"
        return _sniff_xml(stripped)
    if _PO.search(text):
        return "po"
    if stripped.startswith("{"):
        return "json"
    if _APPLE.search(text) or stripped.startswith("/*"):
        return "apple-strings" if _APPLE.search(text) else None
    return None

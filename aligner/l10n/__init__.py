"""Localization files parsed into a neutral :class:`Catalog` (see :mod:`aligner.l10n.model`)."""

from __future__ import annotations

from ..errors import InputError
from .model import Catalog, CatalogUnit, TextSpan
from .po import parse_po

__all__ = ["Catalog", "CatalogUnit", "TextSpan", "parse_bytes", "parse_po"]


def parse_bytes(data: bytes | str, path: str, format: str | None = None) -> Catalog:
    if format is None:
        format = "po"
    if format == "po":
        return parse_po(data, path)
    raise InputError(path, f"line 1: unknown format {format!r}")

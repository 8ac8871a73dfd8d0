"""Serialising results deterministically (same data, same bytes)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any


def to_json(data: object) -> str:
    """Pretty JSON, UTF-8 characters kept, key order as built, trailing newline."""
    return pretty_json(data, allow_nan=False) + "\n"


def pretty_json(data: object, *, default: Callable[[Any], Any] | None = None, allow_nan: bool = True) -> str:
    """Indented JSON with UTF-8 characters kept: ``json.dumps(data, ensure_ascii=False, indent=2, ...)``."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=default, allow_nan=allow_nan)


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV with a header row and ``\\n`` line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return buf.getvalue()


__all__ = ["pretty_json", "to_csv", "to_json"]

"""Serialising results deterministically (same data, same bytes)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence


def to_json(data: object) -> str:
    """Pretty JSON, UTF-8 characters kept, key order as built, trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV with a header row and ``\\n`` line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return buf.getvalue()

"""JSON (everything in one document) and JSON Lines (one object per unit).

Both are built from :meth:`Alignment.to_dict` so that they say what the rest of aligner says:
segments keyed by the document path as given, with id (0-based), line, column, kind and text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..model import Alignment
from .corpus import AlignmentExporter, UnmatchedLike, utf8


def _dumps(data: object, indent: int | None = None) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent, separators=(",", ": ") if indent else (",", ":"))


def common_signature(alignments: Sequence[Alignment]) -> str | None:
    """The signature all ``alignments`` share, or ``None`` when they differ (each group keeps its own)."""
    signatures = {a.signature for a in alignments}
    return signatures.pop() if len(signatures) == 1 else None


class JsonExporter(AlignmentExporter):
    """``{"groups": [{"documents", "units", "signature"}], "unmatched": [...], "signature": ...}``."""

    name = "json"
    extensions = (".json",)

    def render(self, alignments: Sequence[Alignment], unmatched: Sequence[UnmatchedLike] = ()) -> dict[str, bytes]:
        data = {
            "groups": [a.to_dict() for a in alignments],
            "unmatched": [{"path": u.path, "language": u.language, "reason": u.reason} for u in unmatched],
            "signature": common_signature(alignments),
        }
        return {"": utf8(_dumps(data, indent=2) + "\n")}


class JsonlExporter(AlignmentExporter):
    """One JSON object per unit: ``{"group", "unit", "score", "segments": {path: [...]}}``."""

    name = "jsonl"
    extensions = (".jsonl", ".ndjson")

    def render(self, alignments: Sequence[Alignment], unmatched: Sequence[UnmatchedLike] = ()) -> dict[str, bytes]:
        lines: list[str] = []
        for g, alignment in enumerate(alignments):
            languages = {d.path: d.language for d in alignment.documents}
            for u, unit in enumerate(alignment.to_dict()["units"]):
                record = {
                    "group": g,
                    "unit": u,
                    "score": unit["score"],
                    "languages": languages,
                    "segments": unit["segments"],
                }
                lines.append(_dumps(record))
        return {"": utf8("".join(line + "\n" for line in lines))}

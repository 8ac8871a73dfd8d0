r"""TSV: a header of version labels, then one row per unit, one column per version.

Labels are ``<language>:<file name>``. A cell holds the unit's segments of that version joined
by a space; inside a cell ``\`` is written ``\\``, tab ``\t``, newline ``\n`` and carriage return
``\r`` (the convention of PostgreSQL's text COPY and of the gold file), so every row is one line
with the same number of tab-separated fields. :func:`unescape_field` reads a cell back.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Alignment
from .corpus import AlignmentExporter, UnmatchedLike, utf8, version_labels

_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def escape_field(text: str) -> str:
    """``text`` as one TSV cell: backslash, tab, newline and carriage return escaped."""
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def unescape_field(cell: str) -> str:
    """The inverse of :func:`escape_field` (an unknown escape keeps its backslash)."""
    out: list[str] = []
    i = 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\" and i + 1 < len(cell) and cell[i + 1] in _UNESCAPES:
            out.append(_UNESCAPES[cell[i + 1]])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


class TsvExporter(AlignmentExporter):
    """One group of versions as a table; ``score=True`` adds a last ``score`` column."""

    name = "tsv"
    extensions = (".tsv",)
    multi_group = False

    def __init__(self, *, score: bool = False) -> None:
        self.score = score

    def render(self, alignments: Sequence[Alignment], unmatched: Sequence[UnmatchedLike] = ()) -> dict[str, bytes]:
        alignment = self.single(alignments)
        header = [escape_field(label) for label in version_labels(alignment)]
        if self.score:
            header.append("score")
        rows = ["\t".join(header)]
        for unit in alignment.units:
            cells = [escape_field(alignment.texts(unit, k)) for k in range(len(alignment.documents))]
            if self.score:
                cells.append(f"{unit.score:.4f}")
            rows.append("\t".join(cells))
        return {"": utf8("\n".join(rows) + "\n")}

"""Vecalign's ladder: one bead per line, ``[0, 1]:[0]:0.8700`` (0-based segment ids, then the score).

Two versions only, as in vecalign; a unit where one side has nothing is written with an empty
list (``[]:[3]:0.0000``), as vecalign writes deletions and insertions.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import InputError
from ..model import Alignment, Bead
from .corpus import AlignmentExporter, UnmatchedLike, language_code


class VecalignExporter(AlignmentExporter):
    """One pair of versions as a vecalign ladder."""

    name = "vecalign"
    extensions = (".ladder",)
    multi_group = False
    versions = 2

    def render(self, alignments: Sequence[Alignment], unmatched: Sequence[UnmatchedLike] = ()) -> dict[str, bytes]:
        alignment = self.single(alignments)
        if len(alignment.documents) != 2:
            versions = ", ".join(f"{d.name} ({language_code(d.language)})" for d in alignment.documents)
            raise InputError(
                self.name,
                f"the vecalign format holds exactly two versions, {len(alignment.documents)} given ({versions}); "
                "use tsv, tmx or json for more",
            )
        lines = [Bead(u.segments[0], u.segments[1], u.score).to_vecalign() for u in alignment.units]
        return {"": "".join(line + "\n" for line in lines).encode("ascii")}

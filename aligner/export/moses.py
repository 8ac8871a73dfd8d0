"""Moses-style parallel text: one plain-text file per version, line *i* of every file is unit *i*.

Files are ``<stem>.<language>`` in the output directory (``corpus.lt``, ``corpus.da``); a
repeated language gets ``-2``, ``-3`` (``corpus.lt-2``), an unknown one ``und``. A version with
nothing in a unit has an empty line there, so all files have the same number of lines. Line
breaks inside a segment (also U+2028 and form feeds, which some readers split on) become spaces.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ..errors import ConfigError
from ..model import Alignment
from .corpus import AlignmentExporter, UnmatchedLike, language_code, one_line, utf8

_SAFE_STEM = regex.compile(r"^[\w.-]+$")


class MosesExporter(AlignmentExporter):
    """One group of versions as line-aligned plain-text files in a directory."""

    name = "moses"
    extensions = ()
    directory = True
    multi_group = False

    def __init__(self, *, stem: str = "corpus") -> None:
        if not _SAFE_STEM.match(stem):
            raise ConfigError("stem", f"{stem!r}: a moses file stem is letters, digits, '.', '_' or '-' only")
        self.stem = stem

    def file_names(self, alignment: Alignment) -> list[str]:
        """The file name of each version: ``<stem>.<language>``, made unique with ``-N``."""
        seen: dict[str, int] = {}
        names: list[str] = []
        for doc in alignment.documents:
            code = language_code(doc.language)
            seen[code] = seen.get(code, 0) + 1
            names.append(f"{self.stem}.{code}" if seen[code] == 1 else f"{self.stem}.{code}-{seen[code]}")
        return names

    def render(self, alignments: Sequence[Alignment], unmatched: Sequence[UnmatchedLike] = ()) -> dict[str, bytes]:
        alignment = self.single(alignments)
        out: dict[str, bytes] = {}
        for k, name in enumerate(self.file_names(alignment)):
            lines = [one_line(alignment.texts(unit, k)) for unit in alignment.units]
            out[name] = utf8("".join(line + "\n" for line in lines))
        return out

"""Plain text: one file is one document whose id is its path.

Options: ``presegmented`` (each non-empty line is one segment, untouched) and ``encoding``
(``None``: UTF-8, or UTF-16/32 with a BOM).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ...errors import ConfigError
from ...model import Document
from ..reader import read_text
from .base import DocumentReader
from .build import document_from_text


class PlainTextReader(DocumentReader):
    """A ``.txt`` file (and any file no other reader claims) as one document."""

    name = "text"
    extensions = (".txt",)
    defaults = MappingProxyType({"presegmented": False, "encoding": None})

    def validate(self, options: Mapping[str, object]) -> None:
        if not isinstance(options["presegmented"], bool):
            raise ConfigError("presegmented", f"must be true or false, not {options['presegmented']!r}")
        if options["encoding"] is not None and not isinstance(options["encoding"], str):
            raise ConfigError("encoding", f"must be a codec name such as latin-1, not {options['encoding']!r}")

    def check_file(self, path: str, options: Mapping[str, object] | None = None) -> None:
        """Decoding is what can fail (segmenting cannot)."""
        read_text(path, self.options(options)["encoding"])  # type: ignore[arg-type]

    def read(self, path: str, options: Mapping[str, object] | None = None) -> tuple[Document, ...]:
        opts = self.options(options)
        text = read_text(path, opts["encoding"])  # type: ignore[arg-type]
        return (document_from_text(text, path, presegmented=bool(opts["presegmented"]),
                                   candidates=opts["candidates"]),)  # type: ignore[arg-type]

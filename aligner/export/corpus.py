"""The one interface of alignment exporters, and what the formats share.

An exporter has a ``name`` (``--format``), the file ``extensions`` it claims, a pure
:meth:`AlignmentExporter.render` that turns alignments into bytes, and :meth:`AlignmentExporter.write`
that puts those bytes on disk atomically. Formats register in :data:`aligner.export.EXPORTERS`.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar, Protocol

import regex

from ..errors import InputError
from ..io.writer import atomic_write
from ..model import Alignment, Document

# Characters XML 1.0 does not allow (C0 controls but tab/LF/CR, surrogates, U+FFFE/U+FFFF).
_NOT_XML = regex.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SURROGATE = regex.compile("[\ud800-\udfff]")
# Characters that some readers take as line ends (Python's str.splitlines does).
_LINE_BREAKS = regex.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


class UnmatchedLike(Protocol):
    """A document left out of every group (e.g. :class:`aligner.align.grouping.Unmatched`)."""

    path: str
    language: str | None
    reason: str


class _UnmatchedPair:
    """A ``(Document, reason)`` pair (``AlignResult.unmatched``, ``AuditResult.unmatched``) as ``UnmatchedLike``."""

    __slots__ = ("path", "language", "reason")

    def __init__(self, doc: Document, reason: str) -> None:
        self.path, self.language, self.reason = doc.path, doc.language, reason


def as_unmatched(unmatched: Sequence[UnmatchedLike | tuple[Document, str]]) -> tuple[UnmatchedLike, ...]:
    """Unmatched documents as :class:`UnmatchedLike`: the grouping's records as they are, pairs read."""
    return tuple(_UnmatchedPair(*u) if isinstance(u, tuple) else u for u in unmatched)


class AlignmentExporter(ABC):
    """Writes one or more :class:`Alignment` (one per group of versions) in one format.

    ``render`` is pure: it returns ``{relative file name: bytes}``, where ``""`` stands for
    the output path itself (single-file formats) and other names are files inside the output
    directory (``directory = True`` formats). The same input always gives the same bytes.
    """

    #: Format name, as given to ``--format``.
    name: ClassVar[str]
    #: File name endings this format claims (first one preferred), e.g. ``(".tmx",)``.
    extensions: ClassVar[tuple[str, ...]]
    #: True when the output is a directory of files rather than one file.
    directory: ClassVar[bool] = False
    #: True when several groups fit in one output; otherwise exactly one alignment is accepted.
    multi_group: ClassVar[bool] = True
    #: The number of versions the format holds (``None``: any).
    versions: ClassVar[int | None] = None

    def check_input(self, documents: int, output: str | os.PathLike[str] | None) -> None:
        """Refuse, before any alignment is made, ``documents`` this format cannot hold or a missing ``output``."""
        if self.versions is not None and documents != self.versions:
            raise InputError(f"--format {self.name}", f"takes exactly two documents, got {documents}; use json or tmx"
                             if self.versions == 2 else
                             f"takes exactly {self.versions} documents, got {documents}; use json or tmx")
        if self.directory and not output:
            raise InputError(f"--format {self.name}", "writes one file per version; give a directory with -o DIR")

    def check_groups(self, groups: int) -> None:
        """Refuse ``groups`` groups of versions when the format holds only one."""
        if not self.multi_group and groups > 1:
            raise InputError(f"--format {self.name}",
                             f"found {groups} groups of versions; use json, jsonl or tmx, or --no-group")

    def export(
        self,
        alignments: Sequence[Alignment],
        output: str | os.PathLike[str] | None = None,
        *,
        unmatched: Sequence[UnmatchedLike | tuple[Document, str]] = (),
    ) -> bytes | None:
        """Write ``alignments`` to ``output``; without one, return the bytes of a single-file format.

        A single-group format takes the first group (:meth:`check_groups` refuses more first).
        """
        chosen = list(alignments) if self.multi_group else list(alignments[:1])
        if output:
            self.write(chosen, output, unmatched=unmatched)
            return None
        return self.render(chosen, as_unmatched(unmatched))[""]

    @abstractmethod
    def render(
        self, alignments: Sequence[Alignment], unmatched: Sequence[UnmatchedLike] = ()
    ) -> dict[str, bytes]:
        """The output as ``{relative file name: bytes}`` (``""``: the output path itself)."""

    def write(
        self,
        alignments: Alignment | Sequence[Alignment],
        path: str | os.PathLike[str],
        *,
        unmatched: Sequence[UnmatchedLike | tuple[Document, str]] = (),
    ) -> tuple[Path, ...]:
        """Render and write atomically to ``path`` (a file, or a directory for directory formats)."""
        files = self.render(as_alignments(alignments), as_unmatched(unmatched))
        written: list[Path] = []
        for name, data in files.items():
            target = Path(path) / name if name else Path(path)
            atomic_write(target, data)
            written.append(target)
        return tuple(written)

    def single(self, alignments: Sequence[Alignment]) -> Alignment:
        """The one alignment a single-group format can hold; a clear :class:`InputError` otherwise."""
        if len(alignments) != 1:
            raise InputError(
                self.name,
                f"the {self.name} format holds one group of versions, {len(alignments)} given; "
                "write one output per group, or use json, jsonl or tmx",
            )
        return alignments[0]


def as_alignments(alignments: Alignment | Sequence[Alignment]) -> tuple[Alignment, ...]:
    """One alignment or several, as a tuple."""
    if isinstance(alignments, Alignment):
        return (alignments,)
    return tuple(alignments)


def language_code(language: str | None) -> str:
    """The language tag to print: ``und`` (undetermined, BCP 47) when unknown."""
    return language or "und"


def version_labels(alignment: Alignment) -> list[str]:
    """One unique label per version, ``<language>:<file name>`` (the path when names repeat)."""
    docs = alignment.documents
    labels = [f"{language_code(d.language)}:{d.name}" for d in docs]
    if len(set(labels)) < len(labels):
        labels = [f"{language_code(d.language)}:{d.path}" for d in docs]
    seen: dict[str, int] = {}
    unique: list[str] = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label}#{seen[label]}")
    return unique


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (control characters, lone surrogates)."""
    return _NOT_XML.sub("", text)


def one_line(text: str) -> str:
    """``text`` with every kind of line break (also U+2028, form feed) turned into a space."""
    return _LINE_BREAKS.sub(" ", text)


def utf8(text: str) -> bytes:
    """``text`` as UTF-8 bytes; a lone surrogate (undecodable input) becomes U+FFFD instead of failing."""
    return _SURROGATE.sub("\ufffd", text).encode("utf-8")

"""Reading documents: file -> decoded, normalised text -> language -> segments and sections.

Files go through the reader registry (:mod:`aligner.io.formats`), which picks a reader by extension.
"""

from __future__ import annotations

from collections.abc import Sequence

from .io.formats import read_paths
from .io.formats.build import document_from_text
from .io.reader import read_text
from .model import Document


def read_document(
    path: str,
    *,
    language: str | None = None,
    presegmented: bool = False,
    encoding: str | None = None,
    candidates: Sequence[str] | None = None,
) -> Document:
    """Read one plain text file into a :class:`Document`.

    The language, when not given, is detected on the whole text (restricted to
    ``candidates`` if given) and chooses the sentence splitter's data.
    """
    text = read_text(path, encoding)
    return document_from_text(
        text, path, language=language, presegmented=presegmented, candidates=candidates
    )


def read_documents(
    paths: Sequence[str],
    *,
    presegmented: bool = False,
    encoding: str | None = None,
    candidates: Sequence[str] | None = None,
) -> list[Document]:
    """Read files and directories (a directory means the files some reader claims, sorted).

    ``presegmented`` and ``encoding`` are options of the plain text reader; they are passed on
    only when set, so a reader that does not take them is not bothered with their defaults.
    """
    options: dict[str, object] = {"candidates": candidates}
    if presegmented:
        options["presegmented"] = True
    if encoding is not None:
        options["encoding"] = encoding
    return read_paths(paths, options)

"""Reading documents: file -> decoded, normalised text -> language -> segments and sections."""

from __future__ import annotations

from collections.abc import Sequence

from .io.reader import expand_paths, read_text
from .langid import detect_language
from .model import Document
from .segment.layout import build_document


def read_document(
    path: str,
    *,
    language: str | None = None,
    presegmented: bool = False,
    encoding: str | None = None,
    candidates: Sequence[str] | None = None,
) -> Document:
    """Read one file into a :class:`Document`.

    The language, when not given, is detected on the whole text (restricted to
    ``candidates`` if given) and chooses the sentence splitter's data.
    """
    text = read_text(path, encoding)
    return document_from_text(
        text, path, language=language, presegmented=presegmented, candidates=candidates
    )


def document_from_text(
    text: str,
    path: str = "<text>",
    *,
    language: str | None = None,
    presegmented: bool = False,
    candidates: Sequence[str] | None = None,
) -> Document:
    """Build a :class:`Document` from already-decoded text (normalise it with :func:`aligner.io.reader.normalise`)."""
    if language is None:
        guess = detect_language(text[:20000], candidates)
        language = guess.language if guess.language != "und" else None
    return build_document(text, path, language=language, presegmented=presegmented)


def read_documents(
    paths: Sequence[str],
    *,
    presegmented: bool = False,
    encoding: str | None = None,
    candidates: Sequence[str] | None = None,
) -> list[Document]:
    """Read files and directories (a directory means its ``*.txt`` files, sorted)."""
    return [
        read_document(p, presegmented=presegmented, encoding=encoding, candidates=candidates)
        for p in expand_paths(list(paths))
    ]

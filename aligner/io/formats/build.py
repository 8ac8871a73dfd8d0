"""Build a :class:`~aligner.model.Document` from decoded text: the step every reader ends with.

It detects the language (when not given) and segments the text, so the readers sit above language
identification and segmentation; :mod:`aligner.documents` re-exports it for library callers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ...langid import detect_language
from ...model import Document
from ...segment.layout import build_document


def document_from_text(
    text: str,
    path: str = "<text>",
    *,
    language: str | None = None,
    presegmented: bool = False,
    candidates: Sequence[str] | None = None,
    id: str | None = None,
) -> Document:
    """Build a :class:`Document` from already-decoded text (normalise it with :func:`aligner.io.reader.normalise`).

    ``id`` names the document when ``path`` holds several (default: ``path``).
    """
    if language is None:
        guess = detect_language(text[:20000], candidates)
        language = guess.language if guess.language != "und" else None
    doc = build_document(text, path, language=language, presegmented=presegmented)
    if id is not None and id != doc.id:
        doc = dataclasses.replace(doc, id=id)
    return doc

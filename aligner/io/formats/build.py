"""Build a :class:`~aligner.model.Document` from decoded text: the step every reader ends with.

It detects the language (when not given) and segments the text, so the readers sit above language
identification and segmentation; :mod:`aligner.documents` re-exports it for library callers.
"""

from __future__ import annotations

import dataclasses
import functools
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


#: Characters of a localization file's entries its language is detected from when the file does not say it
#: (a few hundred UI strings: plenty for one language, and a tenth of the cost of 20,000 characters).
KEYED_SAMPLE = 4000


@functools.lru_cache(maxsize=32)
def _entries_language(sample: str, candidates: tuple[str, ...] | None) -> str | None:
    """The language of a file's entries; remembered, since every catalog of a gettext domain has the same
    source entries (``da.po``, ``lt.po``... each detect the same English msgids once between them)."""
    guess = detect_language(sample, candidates)
    return guess.language if guess.language != "und" else None


@dataclasses.dataclass(frozen=True)
class Entry:
    """One keyed text of a localization file: its key, its text and where the text starts in the file."""

    key: str
    text: str
    line: int = 1
    column: int = 1
    state: str | None = None


def keyed_document(
    path: str,
    entries: Sequence[Entry],
    *,
    language: str | None = None,
    id: str | None = None,
    is_source: bool = False,
    candidates: Sequence[str] | None = None,
) -> Document:
    """A :class:`Document` whose segments are the entries of a localization file, one segment per key.

    The text is the entries joined by newlines (segment spans point into it); each segment keeps the line
    and column of its text in the file, so findings point at the ``msgstr`` line, the ``<target>``, the
    JSON value. The language, when not given, is detected on the entries' text.
    """
    from ...model import Segment, SegmentKind

    segments = []
    offset = 0
    seen: dict[str, int] = {}
    for i, e in enumerate(entries):
        n = seen[e.key] = seen.get(e.key, 0) + 1
        key = e.key if n == 1 else f"{e.key}\x00{n}"  # a key given twice stays two entries
        segments.append(Segment(i, SegmentKind.SENTENCE, e.text, e.line, e.column, offset, offset + len(e.text),
                                key=key))
        offset += len(e.text) + 1
    text = "\n".join(e.text for e in entries)
    if language is None and text.strip():
        language = _entries_language(text[:KEYED_SAMPLE], tuple(candidates) if candidates is not None else None)
    states = tuple((e.key, e.state) for e in entries if e.state)
    return Document(path, text, tuple(segments), (), language, True, id or path, is_source, states)

"""What a check sees: the aligned groups, the documents set apart, and per-segment languages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..model import Alignment, Document, LanguageGuess


@dataclass(frozen=True)
class CheckContext:
    """Input to every check. ``unmatched`` pairs a document with the reason it has no group.

    ``segment_languages[path]`` holds one guess per segment of that document (same order).
    ``glossary`` is an optional termbase (see :mod:`aligner.facts.glossary`).
    """

    groups: tuple[Alignment, ...]
    unmatched: tuple[tuple[Document, str], ...] = ()
    document_languages: Mapping[str, LanguageGuess] = field(default_factory=dict)
    segment_languages: Mapping[str, tuple[LanguageGuess, ...]] = field(default_factory=dict)
    glossary: object | None = None
    #: Per-run memo of family analyses (one analysis feeds several check codes).
    cache: dict = field(default_factory=dict, compare=False, repr=False)

    def memo(self, key: str, compute):  # noqa: ANN001, ANN201 - a tiny generic helper
        """Compute ``compute()`` once per context under ``key``."""
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]

    @property
    def documents(self) -> tuple[Document, ...]:
        """Every document, grouped ones first (in group order), then the unmatched."""
        docs = [d for g in self.groups for d in g.documents]
        docs.extend(d for d, _ in self.unmatched)
        return tuple(docs)

"""What a check sees: the aligned groups, the documents set apart, and per-segment languages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..model import Alignment, Document, LanguageGuess


@dataclass(frozen=True)
class CheckContext:
    """Input to every check. ``unmatched`` pairs a document with the reason it has no group.

    ``document_languages`` and ``segment_languages`` are keyed by :attr:`Document.id` (the path of a
    plain text file); ``segment_languages[id]`` holds one guess per segment of that document (same order).
    ``glossary`` is an optional termbase (see :mod:`aligner.facts.glossary`).
    """

    groups: tuple[Alignment, ...]
    unmatched: tuple[tuple[Document, str], ...] = ()
    document_languages: Mapping[str, LanguageGuess] = field(default_factory=dict)
    segment_languages: Mapping[str, tuple[LanguageGuess, ...]] = field(default_factory=dict)
    glossary: object | None = None
    #: Per-run memo of family analyses (one analysis feeds several check codes).
    cache: dict = field(default_factory=dict, compare=False, repr=False)
    #: The part of the aligned units this context covers, as (index, count): an analysis that can be
    #: split (:attr:`~aligner.checks.registry.Check.parts`) reads only :meth:`unit_ranges`, and a
    #: parallel :func:`~aligner.checks.registry.run_all` runs its parts in different processes.
    part: tuple[int, int] = (0, 1)
    #: The source version, when the user names one (``--source``): an ISO 639-1 code, a document id or a
    #: path. A bilingual file's own source document (:attr:`Document.is_source`) is the source of its group
    #: without it. ``None``: no source, versions are peers and the majority decides.
    source: str | None = None

    def __post_init__(self) -> None:
        index, count = self.part
        if not 0 <= index < count:
            raise ValueError(f"CheckContext.part must be (index, count) with 0 <= index < count, not {self.part}")

    def unit_ranges(self) -> tuple[range, ...]:
        """Per group, in order, the indices of its units that lie in :attr:`part`.

        The units of all groups, one group after another, are cut into ``count`` runs of near-equal
        length and part ``index`` is the ``index``-th run: an analysis that goes through the units in
        this order gives, part after part, the findings it gives on the whole.
        """
        index, count = self.part
        sizes = [len(g.units) for g in self.groups]
        if count == 1:
            return tuple(range(n) for n in sizes)
        total = sum(sizes)
        lo, hi = index * total // count, (index + 1) * total // count
        out = []
        first = 0  # the global index of this group's first unit
        for n in sizes:
            out.append(range(max(lo - first, 0), max(min(hi - first, n), 0)))
            first += n
        return tuple(out)

    def memo(self, key: str, compute):  # noqa: ANN001, ANN201 - a tiny generic helper
        """Compute ``compute()`` once per context under ``key``."""
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]

    def segment_languages_of(self, doc: Document) -> tuple[LanguageGuess, ...] | None:
        """The per-segment language guesses of ``doc`` (by its id), or ``None`` when there are none."""
        return self.segment_languages.get(doc.id)

    @property
    def documents(self) -> tuple[Document, ...]:
        """Every document, grouped ones first (in group order), then the unmatched."""
        docs = [d for g in self.groups for d in g.documents]
        docs.extend(d for d, _ in self.unmatched)
        return tuple(docs)


def version_label(doc: Document) -> str:
    """How a message names a version: its language, else its file name."""
    return doc.language or doc.name


def source_version(alignment: Alignment, source: str | None = None) -> int | None:
    """The index of the source document in ``alignment``, or ``None`` when its versions are peers.

    ``source`` (the user's ``--source``) names a document id, a path or a language code; without a match
    the document a bilingual file marks as its source (:attr:`Document.is_source`) is the source. One source
    at most: when a language names several documents, none is taken (the majority decides).
    """
    docs = alignment.documents
    if source:
        for k, doc in enumerate(docs):
            if source in (doc.id, doc.path):
                return k
        by_language = [k for k, doc in enumerate(docs) if doc.language == source]
        if len(by_language) == 1:
            return by_language[0]
    marked = [k for k, doc in enumerate(docs) if doc.is_source]
    return marked[0] if len(marked) == 1 else None

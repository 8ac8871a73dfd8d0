"""Data models: frozen dataclasses, each with ``to_dict()`` (the JSON output is these dicts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class SegmentKind(str, Enum):
    """What a segment is in the layout of its document."""

    TITLE = "title"
    HEADING = "heading"
    SENTENCE = "sentence"
    BOILERPLATE = "boilerplate"


@dataclass(frozen=True)
class Segment:
    """One unit of text: a sentence, heading, title or boilerplate line.

    ``line`` and ``column`` are 1-based positions in the file (column counts
    characters of the NFC-normalised line); ``start``/``end`` are the character
    span in :attr:`Document.text`.
    """

    id: int
    kind: SegmentKind
    text: str
    line: int
    column: int
    start: int
    end: int
    section: int = 0
    paragraph: int = 0
    #: The entry a localization file keys this text by (``msgctxt\x04msgid``, a trans-unit id, a JSON key
    #: path): versions of one resource align by key, not by position. ``None`` for running text.
    key: str | None = None

    def to_dict(self) -> dict:
        out = {
            "id": self.id,
            "kind": self.kind.value,
            "line": self.line,
            "column": self.column,
            "start": self.start,
            "end": self.end,
            "section": self.section,
            "paragraph": self.paragraph,
            "text": self.text,
        }
        if self.key is not None:
            out["key"] = self.key
        return out


@dataclass(frozen=True)
class Section:
    """A heading (or none, for the text before the first heading) and the segments under it."""

    index: int
    heading: int | None
    segment_ids: tuple[int, ...]

    def to_dict(self) -> dict:
        return {"index": self.index, "heading": self.heading, "segments": list(self.segment_ids)}


@dataclass(frozen=True)
class Document:
    """A decoded, normalised text cut into segments and sections.

    ``path`` is the file the text was read from (findings point into it); ``id`` names the
    document among all others of a run: the path for a plain text file, ``path#part`` for a file
    that holds several documents (``messages.po#source`` and ``messages.po#target``).
    Everything that maps documents to results (check contexts, scores, report links) keys on ``id``.
    ``language`` is the ISO 639-1 code used to segment it (``None`` when unknown).
    """

    path: str
    text: str
    segments: tuple[Segment, ...]
    sections: tuple[Section, ...]
    language: str | None = None
    presegmented: bool = False
    id: str = ""
    #: The source text of a bilingual file (a PO ``msgid``, an XLIFF ``<source>``): the version the others
    #: are translations of, blamed for nothing (see :func:`aligner.checks.context.source_version`).
    is_source: bool = False
    #: Per segment key, the state the file gives the translation (``fuzzy``, ``needs-review``...), if any.
    states: tuple[tuple[str, str], ...] = ()

    @property
    def keyed(self) -> bool:
        """True when the segments carry keys (a localization file): versions align by key."""
        return bool(self.segments) and all(s.key is not None for s in self.segments)

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", self.path)

    @property
    def name(self) -> str:
        """The file name of :attr:`path`, with the part of :attr:`id` when the file holds several documents."""
        name = self.path.replace("\\", "/").rsplit("/", 1)[-1]
        if self.id != self.path and self.id.startswith(self.path):
            name += self.id[len(self.path):]
        return name

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            **({"id": self.id} if self.id != self.path else {}),
            **({"source": True} if self.is_source else {}),
            "language": self.language,
            "segments": [s.to_dict() for s in self.segments],
            "sections": [s.to_dict() for s in self.sections],
        }


@dataclass(frozen=True)
class LanguageGuess:
    """A language decision: ISO 639-1 code (or ``und``), confidence in [0, 1], ISO 15924 script."""

    language: str
    confidence: float
    script: str
    candidates: tuple[tuple[str, float], ...] = field(default=())

    def to_dict(self) -> dict:
        return {
            "language": self.language,
            "confidence": round(self.confidence, 4),
            "script": self.script,
        }


@dataclass(frozen=True)
class Bead:
    """A pairwise alignment step: consecutive source ids to consecutive target ids.

    Printed in the vecalign ladder format ``[0, 1]:[2]:0.8700``.
    """

    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float = 0.0

    def to_vecalign(self, with_score: bool = True) -> str:
        src = "[" + ", ".join(str(i) for i in self.source) + "]"
        tgt = "[" + ", ".join(str(i) for i in self.target) + "]"
        return f"{src}:{tgt}:{self.score:.4f}" if with_score else f"{src}:{tgt}"


@dataclass(frozen=True)
class Unit:
    """One row of a multi-way alignment.

    ``segments[k]`` holds the ids of the consecutive segments of version ``k``
    (index into :attr:`Alignment.documents`) in this unit; empty when the version
    has nothing here. ``score`` is the alignment confidence in [0, 1].
    """

    segments: tuple[tuple[int, ...], ...]
    score: float = 1.0

    def present(self) -> tuple[int, ...]:
        """Indices of the versions that have at least one segment in this unit."""
        return tuple(k for k, ids in enumerate(self.segments) if ids)


@dataclass(frozen=True)
class Alignment:
    """A multi-way alignment of the versions of one text: every segment in exactly one unit, order kept."""

    documents: tuple[Document, ...]
    units: tuple[Unit, ...]
    signature: str = ""

    def texts(self, unit: Unit, version: int, sep: str = " ") -> str:
        """The text of ``version`` in ``unit`` (its segments joined with ``sep``)."""
        segs = self.documents[version].segments
        return sep.join(segs[i].text for i in unit.segments[version])

    def to_dict(self) -> dict:
        docs = self.documents
        return {
            "documents": [{"path": d.path, **({"id": d.id} if d.id != d.path else {}), "language": d.language}
                          for d in docs],
            "units": [
                {
                    "segments": {
                        docs[k].id: [
                            {
                                "id": i,
                                "line": docs[k].segments[i].line,
                                "column": docs[k].segments[i].column,
                                "kind": docs[k].segments[i].kind.value,
                                "text": docs[k].segments[i].text,
                            }
                            for i in ids
                        ]
                        for k, ids in enumerate(u.segments)
                    },
                    "score": round(u.score, 4),
                }
                for u in self.units
            ],
            "signature": self.signature,
        }


class Severity(str, Enum):
    """How bad a finding is; ordered by definition, ``critical`` highest.

    The one source of every severity ordering and list: ranks, the order reports count in
    (:meth:`descending`) and the choices of ``fail-on`` / ``--fail-on`` (:meth:`fail_on_choices`).
    """

    INFO = "info"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """0 for ``info`` up to 3 for ``critical``: the order of definition."""
        return _SEVERITY_RANK[self]

    @classmethod
    def descending(cls) -> tuple[Severity, ...]:
        """Every severity, ``critical`` first: the order reports list and count them in."""
        return _DESCENDING

    @classmethod
    def fail_on_choices(cls) -> tuple[str, ...]:
        """The values ``fail-on`` accepts, ``never`` first then severities from ``critical`` (strictest last)."""
        return (NEVER, *(s.value for s in _DESCENDING))

    def __ge__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_SEVERITY_RANK = {s: rank for rank, s in enumerate(Severity)}
_DESCENDING = tuple(reversed(Severity))
#: The ``fail-on`` value that fails on nothing.
NEVER = "never"

#: Finding categories (fixed vocabulary; scripts filter on them).
CATEGORIES = ("number", "format", "duplication", "omission", "addition", "language", "entity", "document")


@dataclass(frozen=True)
class Finding:
    """One problem found in one version, located by file, line and column.

    ``evidence`` holds the measured values (e.g. each version's reading of a number)
    so that a policy can re-decide later; ``confidence`` is in [0, 1].
    ``start``/``end`` are the character span in the document text when known.
    """

    code: str
    category: str
    severity: Severity
    path: str
    language: str | None
    line: int
    column: int
    message: str
    evidence: dict = field(default_factory=dict)
    confidence: float = 1.0
    start: int | None = None
    end: int | None = None
    unit: int | None = None
    #: The localization entry the finding is about (``msgctxt\x04msgid``, trans-unit id, key path), where the
    #: file has keys; ``unit`` stays the index of the aligned unit.
    key: str | None = None

    def to_dict(self) -> dict:
        out = {
            "code": self.code,
            "category": self.category,
            "severity": self.severity.value,
            "path": self.path,
            "language": self.language,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "evidence": self.evidence,
            "confidence": round(self.confidence, 3),
        }
        if self.start is not None:
            out["start"] = self.start
            out["end"] = self.end
        if self.unit is not None:
            out["unit"] = self.unit
        if self.key is not None:
            out["key"] = self.key
        return out


@dataclass(frozen=True)
class QualityScore:
    """A reference-free 0–100 quality score of one version, with the components it is made of."""

    path: str
    language: str | None
    score: float
    components: dict = field(default_factory=dict)
    rank: int = 0
    segments: tuple[float, ...] | None = None

    def to_dict(self) -> dict:
        out = {
            "path": self.path,
            "language": self.language,
            "score": round(self.score, 2),
            "rank": self.rank,
            "components": self.components,
        }
        if self.segments is not None:
            out["segments"] = [round(s, 2) for s in self.segments]
        return out


@dataclass(frozen=True)
class AuditResult:
    """Everything one audit found: detect -> group -> align -> check -> score.

    ``groups`` are the multi-way alignments; ``unmatched`` pairs each document that is no
    version of another with the reason; ``findings`` are after configuration and baseline;
    ``scores`` one per grouped document; ``signatures`` one per stage (detect, align, check, score).
    """

    documents: tuple[Document, ...]
    document_languages: dict
    groups: tuple[Alignment, ...]
    unmatched: tuple[tuple[Document, str], ...]
    findings: tuple[Finding, ...]
    scores: tuple[QualityScore, ...]
    signatures: dict

    def to_dict(self) -> dict:
        return {
            "documents": [
                {"path": d.path, **({"id": d.id} if d.id != d.path else {}), "language": d.language,
                 "segments": len(d.segments),
                 **({"confidence": round(self.document_languages[d.id].confidence, 4),
                     "script": self.document_languages[d.id].script}
                    if d.id in self.document_languages else {})}
                for d in self.documents
            ],
            "groups": [g.to_dict() for g in self.groups],
            "unmatched": [{"path": d.path, "language": d.language, "reason": r} for d, r in self.unmatched],
            "findings": [f.to_dict() for f in self.findings],
            "scores": [s.to_dict() for s in self.scores],
            "signatures": self.signatures,
        }

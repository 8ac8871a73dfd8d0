"""The ``detect`` verb: language and script of each document and, optionally, each segment."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .langid import detect_language, detect_segments
from .model import Document, LanguageGuess
from .signature import Signature

if TYPE_CHECKING:
    from .options import RunOptions


@dataclass(frozen=True)
class SegmentDetection:
    """The language of one segment, and whether it differs from its document's."""

    id: int
    line: int
    column: int
    text: str
    guess: LanguageGuess
    differs: bool

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "language": self.guess.language,
            "confidence": round(self.guess.confidence, 4),
            "script": self.guess.script,
            "differs": self.differs,
        }


@dataclass(frozen=True)
class DocumentDetection:
    """The language of one document, with its segments' when asked for.

    ``id`` is the document's :attr:`~aligner.model.Document.id` (default: ``path``).
    """

    path: str
    guess: LanguageGuess
    segments: tuple[SegmentDetection, ...] | None = None
    id: str = ""
    #: Set when the candidate languages fit the text badly (what it looks like instead).
    note: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", self.path)

    def to_dict(self) -> dict:
        out = {
            "path": self.path,
            **({"id": self.id} if self.id != self.path else {}),
            "language": self.guess.language,
            "confidence": round(self.guess.confidence, 4),
            "script": self.guess.script,
        }
        if self.note:
            out["note"] = self.note
        if self.segments is not None:
            out["segments"] = [s.to_dict() for s in self.segments]
        return out


#: Below this share of the open detection's probability, a candidate list is said to fit nothing.
CANDIDATE_FIT = 0.5


def fit_candidates(guess: LanguageGuess, open_guess: LanguageGuess,
                   candidates: Sequence[str]) -> tuple[LanguageGuess, str | None]:
    """``guess`` (restricted to ``candidates``) checked against ``open_guess`` (no restriction).

    When the open detection gives the candidates less than :data:`CANDIDATE_FIT` of its probability,
    the candidate list fits nothing: the confidence falls to that share and a note says what the text
    looks like. A script-settled or undetermined open answer is taken as it is.
    """
    from .langid.codes import expand_candidates

    allowed = expand_candidates(candidates)
    if open_guess.language in ("und", *allowed) or not open_guess.candidates:
        return guess, None
    share = sum(p for lang, p in open_guess.candidates if lang in allowed)
    if share >= CANDIDATE_FIT:
        return guess, None
    note = (f"none of the candidates {','.join(candidates)} fits: the text looks like "
            f"{open_guess.language} ({open_guess.confidence:.2f})")
    return replace(guess, confidence=min(guess.confidence, share)), note


def detect_document(
    doc: Document, *, segments: bool = False, candidates: Sequence[str] | None = None, screen: bool = False
) -> DocumentDetection:
    """Detect ``doc``'s language and, with ``segments``, each segment's (the document's language as context).

    ``screen`` settles the segments that fastText alone clearly reads as the document's language
    there (:func:`aligner.langid.detect_segments`): the same language codes, fastText's confidence
    for those segments, a fraction of the cost. The checks use it; ``detect --segments`` does not.
    """
    guess = detect_language(doc.text, candidates)
    note = None
    if candidates:
        guess, note = fit_candidates(guess, detect_language(doc.text), candidates)
    if not segments:
        return DocumentDetection(doc.path, guess, id=doc.id, note=note)
    texts = [s.text for s in doc.segments]
    context = guess.language if guess.language != "und" else None
    seg_guesses = detect_segments(texts, candidates, context=context,
                                  screen=guess.script if screen and context is not None else None)
    segs = tuple(
        SegmentDetection(
            s.id, s.line, s.column, s.text, g,
            differs=g.language not in ("und", guess.language) and context is not None,
        )
        for s, g in zip(doc.segments, seg_guesses)
    )
    return DocumentDetection(doc.path, guess, segs, id=doc.id, note=note)


def detect_paths(paths: Sequence[str], options: RunOptions | None = None, *, segments: bool = False,
                 progress: Callable[[str, int, int], None] | None = None) -> list[DocumentDetection]:
    """Read files/directories (under ``options``' reading settings) and detect each document's language.

    ``progress(stage, done, total)`` is told after each document (stages ``read`` and ``detect``).
    """
    from .io.formats import read_paths
    from .options import RunOptions

    opts = options or RunOptions()
    docs = read_paths(paths, opts.reader_options())
    out = []
    for i, d in enumerate(docs):
        if progress is not None:
            progress("detect", i, len(docs))
        out.append(detect_document(d, segments=segments, candidates=opts.candidates))
    if progress is not None:
        progress("detect", len(docs), len(docs))
    return out


def detection_csv(results: Sequence[DocumentDetection], segments: bool) -> str:
    """Detections as CSV: one row per document, or with ``segments`` one row per segment."""
    from .io.render import to_csv

    if segments:
        rows = [
            (r.id, s.id, s.line, s.column, s.guess.language, f"{s.guess.confidence:.4f}",
             s.guess.script, "yes" if s.differs else "no", s.text)
            for r in results for s in (r.segments or ())
        ]
        header = ["path", "segment", "line", "column", "language", "confidence", "script", "differs", "text"]
    else:
        rows = [(r.id, r.guess.language, f"{r.guess.confidence:.4f}", r.guess.script) for r in results]
        header = ["path", "language", "confidence", "script"]
    return to_csv(header, rows)


def detection_settings(candidates: Sequence[str] | None, segments: bool) -> Signature:
    """The settings of a detection run (a check run nests them)."""
    return Signature.of("detect", {"candidates": sorted(candidates or []) or "all", "segments": segments})


def detection_signature(candidates: Sequence[str] | None, segments: bool) -> str:
    """The signature string of a detection run's settings."""
    return detection_settings(candidates, segments).render()

"""Language identification: scripts settle what they can, statistical backends the rest.

Public entry points: :func:`detect_language` (one text) and :func:`detect_segments`
(many short texts, optionally with their document's language as context).
See ``docs/langid.md`` for the backends and how they are combined.
"""

from __future__ import annotations

from .detector import detect_language, detect_segments, known_languages, unknown_candidates

__all__ = ["detect_language", "detect_segments", "known_languages", "unknown_candidates"]

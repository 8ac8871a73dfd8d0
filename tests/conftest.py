from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from aligner.model import Document, Segment, SegmentKind

# Property tests draw the same examples on every run, so the test command the README gives (and CI
# runs) passes or fails the same way each time; a failure found once is found again. To explore new
# examples instead, run with HYPOTHESIS_PROFILE=explore (and scripts/fuzz.py for long runs).
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpora" / "seeds"
GOLD = ROOT / "corpora" / "gold"
SHARED = ROOT.parent / "shared"

SEED_FILES = {
    "lt": SEEDS / "000_f8214269fd0884a9.txt",
    "da": SEEDS / "001_f556afaa5fda8b7f.txt",
    "tl": SEEDS / "002_7405d99d0319b2f2.txt",
    "lt2": SEEDS / "003_1fe17f78ad08b776.txt",
    "te": SEEDS / "004_28bf82238f2b8943.txt",
}


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


def make_document(path: str, language: str | None, texts: list[str]) -> Document:
    """A document whose segments are exactly ``texts`` (one per line), whatever they contain."""
    segments = []
    offset = 0
    for i, text in enumerate(texts):
        segments.append(Segment(i, SegmentKind.SENTENCE, text, i + 1, 1, offset, offset + len(text)))
        offset += len(text) + 1
    return Document(path, "\n".join(texts), tuple(segments), (), language)

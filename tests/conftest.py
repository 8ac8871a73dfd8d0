from __future__ import annotations

from pathlib import Path

import pytest

from aligner.model import Document, Segment, SegmentKind

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

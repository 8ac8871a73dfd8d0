"""Alignment evidence on long documents: judged on the same first share of each, said so."""

from __future__ import annotations

from aligner.align import evidence
from aligner.align.evidence import alignment_evidence


def _text(n: int, offset: int = 0) -> list[str]:
    return [f"Sentence {i + offset} tells of the year {1800 + i + offset} and the town number {i + offset}."
            for i in range(n)]


def test_short_documents_are_aligned_whole() -> None:
    ev = alignment_evidence(_text(40), _text(40))
    assert ev.share == 1.0 and ev.segments == (40, 40)
    assert "share" not in ev.to_dict() and not ev.describe().startswith("on the first")


def test_long_documents_are_cut_at_the_same_share(monkeypatch) -> None:
    monkeypatch.setattr(evidence, "MAX_SEGMENTS", 50)
    src, tgt = _text(200), _text(100)
    ev = alignment_evidence(src, tgt)
    assert ev.share == 0.25
    assert ev.segments == (50, 25)
    assert ev.to_dict()["share"] == 0.25
    assert ev.describe().startswith("on the first 25% of each, aligned")
    # the cut is what is aligned: the same as the evidence on the first parts themselves
    whole = alignment_evidence(src[:50], tgt[:25])
    assert (ev.real, ev.shuffled, ev.log_odds) == (whole.real, whole.shuffled, whole.log_odds)


def test_versions_past_the_cut_still_align_better_than_chance(monkeypatch) -> None:
    monkeypatch.setattr(evidence, "MAX_SEGMENTS", 60)
    assert alignment_evidence(_text(300), _text(300)).probability > 0.9
    assert alignment_evidence(_text(300), _text(300, offset=5000)).probability < 0.5


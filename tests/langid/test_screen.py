"""The segment screen of the check pipeline: the same language codes as the whole pool, for less work."""

from __future__ import annotations

import pytest

from aligner.detect import detect_document
from aligner.documents import read_document
from aligner.langid import backends, detect_language, detect_segments
from aligner.langid import detector as D
from aligner.langid.detector import clear_cache
from tests.conftest import SEED_FILES

TAGALOG = [
    "Ang kagawaran ng serbisyo sa customer ay may mahalagang papel sa kaligtasan ng anumang kumpanya.",
    "Ang mga kawani ay sumasagot sa mga tanong ng mga mamimili araw-araw.",
    "The customer service department is responsible for the public image of the company.",
    "Maraming salamat po sa inyong pagtitiwala at suporta sa aming kumpanya.",
    "Ikaw",
    "42",
]


def test_screen_gives_the_codes_of_the_whole_pool() -> None:
    clear_cache()
    full = detect_segments(TAGALOG, context="tl")
    clear_cache()
    screened = detect_segments(TAGALOG, context="tl", screen="Latn")
    assert [g.language for g in screened] == [g.language for g in full]
    assert screened[2].language == "en"  # the stray English sentence is still found
    assert screened[2] == full[2]  # ... with the whole pool's answer (it was not screened)


def test_screened_segment_carries_fasttexts_probability() -> None:
    clear_cache()
    text = TAGALOG[0]
    guess = detect_segments([text], context="tl", screen="Latn")[0]
    fast = backends.FastTextBackend().scores(D.clean_text(text))
    assert next(iter(fast)) == "tl" and fast["tl"] >= D.SCREEN_CONFIDENCE
    assert guess.language == "tl"
    assert guess.confidence == pytest.approx(fast["tl"])
    assert guess.candidates == (("tl", fast["tl"]),)


def test_screen_needs_the_documents_script() -> None:
    clear_cache()
    screened = detect_segments(TAGALOG[:1], context="tl", screen="Cyrl")  # a segment not in the document's script
    clear_cache()
    full = detect_segments(TAGALOG[:1], context="tl")
    assert screened == full


def test_screened_and_full_answers_are_cached_apart() -> None:
    clear_cache()
    screened = detect_segments(TAGALOG[:1], context="tl", screen="Latn")
    full = detect_segments(TAGALOG[:1], context="tl")
    assert screened[0].language == full[0].language
    assert screened[0].candidates != full[0].candidates  # the full answer was computed, not the screened one reused


@pytest.mark.parametrize("key", ["lt", "da", "tl", "te"])
def test_seed_segments_keep_their_codes(key: str) -> None:
    doc = read_document(str(SEED_FILES[key]))
    clear_cache()
    full = detect_document(doc, segments=True)
    clear_cache()
    screened = detect_document(doc, segments=True, screen=True)
    assert full.guess == screened.guess
    assert [s.guess.language for s in screened.segments] == [s.guess.language for s in full.segments]


def test_document_evidence_is_reused_with_the_same_answer() -> None:
    doc = read_document(str(SEED_FILES["da"]))
    clear_cache()
    first = detect_language(doc.text)
    again = detect_language(doc.text)  # the backends' evidence comes from the memo now
    clear_cache()
    fresh = detect_language(doc.text)
    assert first == again == fresh
    assert D._EVIDENCE_MEMO  # (filled by the fresh run)

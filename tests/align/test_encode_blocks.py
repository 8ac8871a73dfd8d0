"""Reading a long document in blocks of segments gives the arrays and ids of one pass over it."""

from __future__ import annotations

import numpy as np
import pytest

from aligner.align import anchors


def _doc(n: int, shift: int) -> list[str]:
    words = ["Haus", "maison", "Zürich", "3 200", "42,5 %", "Straße", "(CERN)", "Ölpreis", "über", "", "«x»"]
    return [" ".join(words[(i * 5 + k + shift) % len(words)] + ("" if k % 3 else str(i % 17)) for k in range(i % 5))
            for i in range(n)]


@pytest.mark.parametrize("block", [1, 2, 3, 7, 64])
@pytest.mark.parametrize("same_script", [True, False])
def test_blocks_give_the_one_pass_encoding(block: int, same_script: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    src, tgt = _doc(150, 0), _doc(97, 4)
    want_table = anchors.KeyTable()
    monkeypatch.setattr(anchors, "ENCODE_BLOCK", 1 << 30)
    want = [anchors._encode_counted(texts, same_script, want_table) for texts in (src, tgt)]
    got_table = anchors.KeyTable()
    monkeypatch.setattr(anchors, "ENCODE_BLOCK", block)
    got = [anchors._encode_counted(texts, same_script, got_table) for texts in (src, tgt)]
    assert got_table.keys == want_table.keys
    for (g, g_words), (w, w_words) in zip(got, want):
        assert g_words == w_words
        for name in ("lengths", "key_seg", "key_id", "stem_seg", "stem_id"):
            assert getattr(g, name).dtype == getattr(w, name).dtype
            assert np.array_equal(getattr(g, name), getattr(w, name)), name
        assert g.stems == w.stems


def test_an_empty_document_encodes_to_empty_arrays() -> None:
    enc, words = anchors._encode_counted([], True, anchors.KeyTable())
    assert words == 0 and enc.size == 0 and enc.key_id.shape == (0,) and enc.stem_seg.dtype == np.int64

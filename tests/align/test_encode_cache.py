"""The cached anchor encoding is exactly the fresh one: same arrays, same ids, same table."""

from __future__ import annotations

import random

import numpy as np
import pytest

from aligner.align import anchors
from aligner.align.anchors import KeyTable, _encode_fresh, encode

DOCS = [
    ["Le 12 mars 2020, 32.300 personnes (15 %) ont voté.", "Paris « accueille » l'UNESCO !", "", "Ça va ?"],
    ["On 12 March 2020, 32,300 people (15%) voted.", "Paris hosts UNESCO!", "Fine?", "2 784 500 $ and 8839,8"],
    ["కస్టమర్ సేవ 2020", "customer service", "Москва 1 000 000", "Berlin\nBonn 3,5"],
]


def _same(a: anchors.Encoded, b: anchors.Encoded) -> None:
    for name in ("lengths", "key_seg", "key_id", "stem_seg", "stem_id"):
        x, y = getattr(a, name), getattr(b, name)
        assert x.dtype == y.dtype, name
        assert np.array_equal(x, y), name
    assert a.stems == b.stems


@pytest.mark.parametrize("same_script", [True, False])
def test_cached_encoding_equals_fresh_encoding_in_any_table_state(same_script: bool) -> None:
    rng = random.Random(7)
    for trial in range(30):
        docs = [list(d) for d in DOCS]
        texts = docs[trial % len(docs)]
        rng.shuffle(texts)
        other = docs[(trial + 1) % len(docs)]
        fresh_table, cached_table = KeyTable(), KeyTable()
        # The table already holds another document's keys, as in a pair; encode twice (a cache hit).
        _encode_fresh(other, same_script, fresh_table)
        encode(other, same_script, cached_table)
        fresh = _encode_fresh(texts, same_script, fresh_table)
        first = encode(texts, same_script, cached_table)
        _same(fresh, first)
        assert fresh_table.keys == cached_table.keys
        again_table = KeyTable()
        encode(other, same_script, again_table)
        _same(first, encode(texts, same_script, again_table))
        assert again_table.keys == fresh_table.keys


def test_cached_encoding_is_not_shared_between_callers() -> None:
    a = encode(DOCS[0], True, KeyTable())
    a.key_id[:] = -5
    a.lengths[:] = 0
    a.stems.append("zzz")
    b = encode(DOCS[0], True, KeyTable())
    _same(b, _encode_fresh(DOCS[0], True, KeyTable()))


def test_long_documents_bypass_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(anchors, "ENCODE_CACHE_CHARS", 10)
    anchors._template.cache_clear()
    _same(encode(DOCS[1], True, KeyTable()), _encode_fresh(DOCS[1], True, KeyTable()))
    assert anchors._template.cache_info().currsize == 0


@pytest.mark.parametrize("same_script", [True, False])
def test_permuted_encoding_equals_fresh_encoding_of_the_permuted_text(same_script: bool) -> None:
    rng = random.Random(11)
    base = [t for d in DOCS for t in d] + ["12 345,6 % et 12", "(UNESCO) 7", "", "Bonn Berlin Bonn"]
    for seed in range(40):
        order = list(range(len(base)))
        rng.shuffle(order)
        cut = rng.randrange(1, len(base) + 1)
        texts = base[:cut]
        order = [i for i in order if i < cut]
        permuted = anchors.Permuted(texts, order)
        assert list(permuted) == [texts[i] for i in order]
        fresh_table, derived_table = KeyTable(), KeyTable()
        other = DOCS[seed % len(DOCS)]
        _encode_fresh(other, same_script, fresh_table)
        _encode_fresh(other, same_script, derived_table)
        fresh = _encode_fresh(list(permuted), same_script, fresh_table)
        derived = encode(permuted, same_script, derived_table)
        _same(fresh, derived)
        assert fresh_table.keys == derived_table.keys


def test_permuted_empty_document() -> None:
    _same(encode(anchors.Permuted([], []), True, KeyTable()), _encode_fresh([], True, KeyTable()))
    _same(encode(anchors.Permuted(["", ""], [1, 0]), True, KeyTable()), _encode_fresh(["", ""], True, KeyTable()))


def test_cached_dominant_script_equals_fresh_for_documents_and_shuffles() -> None:
    from aligner.text.scripts import dominant_script_name

    rng = random.Random(3)
    pool = [t for d in DOCS for t in d] + ["東京 タワー", "ΑΘΗΝΑ αθηνα", "русский текст"]
    for n in (1, 3, 20, 127, 128, 200):
        texts = [rng.choice(pool) for _ in range(n)]
        order = list(range(n))
        rng.shuffle(order)
        permuted = anchors.Permuted(texts, order)
        assert anchors.dominant_script(texts) == dominant_script_name(texts)
        assert anchors.dominant_script(permuted) == dominant_script_name(list(permuted))
        for sample in (1, 2):  # sampled: the permuted text is read on its own
            assert anchors.dominant_script(permuted, sample) == dominant_script_name(list(permuted), sample)

"""Anchors: locale-independent numbers, cognate keys within and across scripts, symbols, stems."""

from __future__ import annotations

import pytest

from aligner.align.anchors import KeyTable, analyse, dominant_script, encode, number_key, skeleton, to_latin, word_key


@pytest.mark.parametrize(
    "surface,key",
    [
        ("32 300", "32300"),
        ("32.300", "32300"),
        ("32,300", "32300"),
        ("2 784 500", "2784500"),
        ("8839,8", "88398"),
        ("8839.8", "88398"),
        ("007", "7"),
        ("0", "0"),
        ("౨౦౧౬", "2016"),  # Telugu digits
    ],
)
def test_number_key_ignores_locale_format(surface: str, key: str) -> None:
    assert number_key(surface) == key


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Lønnen var $ 32.300 i 2016.", ["n:32300", "n:2016", "p:$"]),
        ("uždirbo 32 300 dolerių", ["n:32300"]),
        ("12,5 % (ca.)", ["n:125", "p:%", "p:("]),
        ("« Makalu »", ['p:"', 'p:"', "c:maka"]),
    ],
)
def test_analyse_finds_numbers_symbols_and_cognates(text: str, expected: list[str]) -> None:
    keys = analyse(text).keys
    for key in expected:
        assert keys.count(key) == expected.count(key), (key, keys)


def test_same_script_cognates_are_folded_prefixes() -> None:
    assert word_key("Expédition", True) == word_key("Expedition", True) == "c:expe"
    assert word_key("der", True) is None  # too short to be a cognate
    assert word_key("SSE", True) == "c:sse"  # short capitals are kept whole


def test_cross_script_cognates_meet_on_consonant_skeletons() -> None:
    assert to_latin("కస్టమర్") != "customer"
    assert skeleton(to_latin("కస్టమర్")) == skeleton("customer") == "kstmr"
    assert word_key("కస్టమర్", False) == word_key("customer", False)


def test_encode_maps_tokens_to_segments_and_shares_key_ids() -> None:
    table = KeyTable()
    src = encode(["Nepal 1956", "", "Lhotse (8501 m)"], True, table)
    tgt = encode(["Népal en 1956"], True, table)
    assert src.size == 3 and list(src.lengths) == [10, 1, 15]
    keys = {(int(s), table.keys[int(k)]) for s, k in zip(src.key_seg, src.key_id)}
    assert {(0, "c:nepa"), (0, "n:1956"), (2, "n:8501"), (2, "p:(")} <= keys
    assert {table.keys[int(k)] for k in tgt.key_id} >= {"c:nepa", "n:1956"}
    assert [src.stems[int(i)] for i in src.stem_id] == ["nepal", "lhots", "m"]


def test_encode_is_independent_of_hash_order() -> None:
    a, b = KeyTable(), KeyTable()
    texts = ["zeta alpha beta", "beta gamma 12"]
    ea, eb = encode(texts, True, a), encode(texts, True, b)
    assert a.keys == b.keys and ea.stems == eb.stems


@pytest.mark.parametrize(
    "texts,script",
    [(["Kundeservice er vigtig."], "LATIN"), (["కస్టమర్ సేవా విభాగం"], "TELUGU"), (["123 456"], "NONE")],
)
def test_dominant_script(texts: list[str], script: str) -> None:
    assert dominant_script(texts) == script

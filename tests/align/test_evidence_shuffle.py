"""The shuffles' rare-anchor pairs, carried over from the real pair, equal the ones computed afresh."""

from __future__ import annotations

import pytest

from aligner.align import evidence
from aligner.align.anchors import dominant_script

SRC = [
    "In 1998 Berlin had 3,4 million people.", "Bonn was the capital until 1999.", "UNESCO met in Paris.",
    "The river Rhine is 1,230 km long (Rhine).", "Berlin, Bonn and Paris.", "No anchors here at all.",
    "Prices rose by 5 % in 2001!", "Hamburg 1998.",
]
TGT = [
    "En 1998, Berlin comptait 3,4 millions d'habitants.", "Bonn fut la capitale jusqu'en 1999.",
    "L'UNESCO s'est réunie à Paris.", "Le Rhin mesure 1 230 km (Rhin).", "Berlin, Bonn et Paris.",
    "Rien ici.", "Les prix ont augmenté de 5 % en 2001 !", "Hambourg 1998.", "Москва 2001",
]


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("source", [False, True])
def test_shuffled_pairs_equal_fresh_pairs(seed: int, source: bool) -> None:
    pairs = evidence._pair_anchors(SRC, TGT)
    assert pairs, "the fixture must have rare anchors for the test to mean anything"
    same_script = dominant_script(SRC) == dominant_script(TGT)
    shuffled, _ = evidence._permuted(SRC if source else TGT, None, seed)
    src, tgt = (shuffled, TGT) if source else (SRC, shuffled)
    moved = evidence._shuffled_pairs(pairs, src, tgt, same_script, shuffled.order, source=source)
    assert moved == evidence._pair_anchors(list(src), list(tgt))


def test_shuffled_pairs_refuse_when_the_script_test_changes() -> None:
    pairs = [(0, 0)]
    shuffled, _ = evidence._permuted(TGT, None, 0)
    assert evidence._shuffled_pairs(pairs, SRC, shuffled, False, shuffled.order, source=False) is None


def test_evidence_with_carried_pairs_equals_evidence_computed_per_shuffle(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = evidence._alignment_evidence(SRC, TGT, None, None, 2, 0, 0.6)
    monkeypatch.setattr(evidence, "_shuffled_pairs", lambda *args, **kwargs: None)
    slow = evidence._alignment_evidence(SRC, TGT, None, None, 2, 0, 0.6)
    assert fast == slow


def test_cached_evidence_equals_uncached_and_is_keyed_by_every_argument() -> None:
    kinds = ["sentence"] * (len(SRC) - 1) + ["heading"]
    calls = [
        ((SRC, TGT), {}), ((SRC, TGT), {"screen": 0.6}), ((SRC, TGT), {"screen": 0.2}),
        ((SRC, TGT, kinds, None), {}), ((SRC, TGT), {"seed": 3}), ((SRC, TGT), {"shuffles": 3}),
        ((TGT, SRC), {}), ((SRC[:5], TGT[:5]), {}),
    ]
    for args, kwargs in calls * 2:  # the second round from the cache
        cached = evidence.alignment_evidence(*args, **kwargs)
        full = {"src_kinds": None, "tgt_kinds": None, "shuffles": evidence.DEFAULT_SHUFFLES, "seed": 0,
                "screen": None, **dict(zip(("src_kinds", "tgt_kinds"), args[2:])), **kwargs}
        assert cached == evidence._alignment_evidence(args[0], args[1], full["src_kinds"], full["tgt_kinds"],
                                                      full["shuffles"], full["seed"], full["screen"])

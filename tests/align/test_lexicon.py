"""The lexicon learned from a document pair: co-occurring stems linked one to one."""

from __future__ import annotations

import numpy as np

from aligner.align.cost import Occurrences
from aligner.align.lexicon import learn_links, link_occurrences


def occurrences(segments: list[list[str]], vocab: list[str]) -> Occurrences:
    seg = [i for i, words in enumerate(segments) for _ in words]
    key = [vocab.index(w) for words in segments for w in words]
    return Occurrences(np.asarray(seg, dtype=np.int64), np.asarray(key, dtype=np.int64), len(segments))


SRC = [["gipfe", "der"], ["gipfe", "lager"], ["lager", "der"], ["schne", "der"], ["schne", "gipfe"]]
TGT = [["somme", "le"], ["somme", "camp"], ["camp", "le"], ["neige", "le"], ["neige", "somme"]]
ONE_TO_ONE = [((i,), (i,)) for i in range(5)]


def test_cooccurring_stems_are_linked_one_to_one() -> None:
    sv, tv = sorted({w for s in SRC for w in s}), sorted({w for s in TGT for w in s})
    links = learn_links(occurrences(SRC, sv), occurrences(TGT, tv), sv, tv, ONE_TO_ONE, max_share=1.0)
    pairs = {(sv[lk.source], tv[lk.target]) for lk in links}
    assert pairs == {("gipfe", "somme"), ("lager", "camp"), ("schne", "neige"), ("der", "le")}
    assert all(lk.dice == 1.0 for lk in links)


def test_frequent_single_and_cognate_stems_are_not_linked() -> None:
    src = [["nepal", "der", "solo"], ["nepal", "der"], ["der", "once"]]
    tgt = [["népal", "le", "seul"], ["népal", "le"], ["le", "fois"]]
    sv, tv = sorted({w for s in src for w in s}), sorted({w for s in tgt for w in s})
    beads = [((i,), (i,)) for i in range(3)]
    links = learn_links(occurrences(src, sv), occurrences(tgt, tv), sv, tv, beads, max_share=0.5)
    pairs = {(sv[lk.source], tv[lk.target]) for lk in links}
    # nepal/népal share a cognate key already; der/le are in every bead; solo/seul and once/fois occur once.
    assert pairs == set()


def test_link_occurrences_put_one_key_on_both_sides() -> None:
    sv, tv = sorted({w for s in SRC for w in s}), sorted({w for s in TGT for w in s})
    so, to = occurrences(SRC, sv), occurrences(TGT, tv)
    links = learn_links(so, to, sv, tv, ONE_TO_ONE, max_share=1.0)
    s_link, t_link = link_occurrences(so, to, links, 100, len(sv), len(tv))
    src_keys = sorted(zip(s_link.seg.tolist(), s_link.key.tolist()))
    assert src_keys == sorted(zip(t_link.seg.tolist(), t_link.key.tolist()))
    assert int(s_link.key.min()) >= 100


def _noisy_corpus(seed: int = 3) -> tuple[list[list[str]], list[list[str]], list, list[tuple[str, str]]]:
    """Sentences from a 12-word bilingual dictionary plus shared function words; every fourth bead is wrong."""
    rng = np.random.default_rng(seed)
    pairs = [(f"s{k:02d}", f"t{k:02d}") for k in range(12)]
    src, tgt = [], []
    for _ in range(80):
        chosen = rng.choice(len(pairs), size=3, replace=False)
        src.append([pairs[c][0] for c in chosen] + ["der"])
        tgt.append([pairs[c][1] for c in chosen] + ["le", "la"])
    # A noisy first pass: every fourth bead pairs a source with the next sentence's target.
    beads = [((i,), ((i + 1) % 80,) if i % 4 == 0 else (i,)) for i in range(80)]
    return src, tgt, beads, pairs


def test_model1_recovers_the_dictionary_from_a_noisy_first_pass() -> None:
    from aligner.align.lexicon import learn_links_model1

    src, tgt, beads, pairs = _noisy_corpus()
    sv, tv = sorted({w for s in src for w in s}), sorted({w for s in tgt for w in s})
    links = learn_links_model1(occurrences(src, sv), occurrences(tgt, tv), sv, tv, beads, max_share=0.5)
    found = {(sv[lk.source], tv[lk.target]) for lk in links}
    assert found == set(pairs)
    assert all(0.5 <= lk.dice <= 1.0 for lk in links)


def test_model1_links_nothing_between_unrelated_texts() -> None:
    from aligner.align.lexicon import learn_links_model1

    src, tgt, _, _ = _noisy_corpus()
    rng = np.random.default_rng(9)
    beads = [((i,), (int(j),)) for i, j in enumerate(rng.permutation(80))]
    beads.sort(key=lambda b: b[0])
    sv, tv = sorted({w for s in src for w in s}), sorted({w for s in tgt for w in s})
    links = learn_links_model1(occurrences(src, sv), occurrences(tgt, tv), sv, tv, beads, max_share=0.5)
    # Shuffled beads: no dictionary pair co-occurs more than chance, so none reaches the threshold.
    assert len(links) <= 1

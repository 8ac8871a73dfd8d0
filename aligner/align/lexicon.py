"""A translation lexicon learned from the document pair itself, without supervision.

After a first alignment pass (lengths and surface anchors), words that keep landing in the
same beads are probably translations of each other: ``Gipfel`` and ``sommet`` in a
mountaineering report, ``kunde`` and ``klient`` in a customer-service article. Co-occurrence
is measured with the Dice coefficient over beads, and pairs are linked one-to-one by
competitive linking (Melamed 2000): the strongest pair is linked first and its two words
leave the race, which keeps a frequent word from linking to everything near it. This is
hunalign's "realign" idea, with a Dice lexicon in place of a dictionary.

:func:`learn_links_model1` (the default of :class:`~aligner.align.pairwise.AlignSettings`)
scores pairs with IBM model 1 trained both ways by expectation–maximisation instead: a wrong
bead of the first pass spreads its mass over many candidates, so the lexicon survives a noisy
first pass (measured in ``results/align.md``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..text.fold import fold_accents as fold
from . import _kernels
from .anchors import COGNATE_CHARS
from .cost import Occurrences, aggregate, bead_index


@dataclass(frozen=True)
class Link:
    """Two stems linked as translations: ids, how many beads hold both, and the link's strength.

    ``dice`` is the Dice coefficient for :func:`learn_links`, ``sqrt(t(f|e) t(e|f))`` for
    :func:`learn_links_model1` (the name is kept for compatibility).
    """

    source: int
    target: int
    count: int
    dice: float


def _ranks(words: Sequence[str]) -> np.ndarray:
    """The rank of each word in code-point order (ties cannot occur: stems are distinct)."""
    order = np.argsort(np.asarray(words, dtype=str), kind="stable")
    ranks = np.empty(len(words), dtype=np.int64)
    ranks[order] = np.arange(len(words))
    return ranks



def _bead_stems(beads: Sequence[tuple[Sequence[int], Sequence[int]]], src: Occurrences, tgt: Occurrences,
                n_s: int, n_t: int, max_beads: int
                ) -> tuple[list[int], np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """The stems each non-null bead holds, once per bead, on both sides, and how many beads hold each stem.

    At most ``max_beads`` beads are read, evenly spaced. Returns the beads read, then per side the
    bead and stem arrays (one row per stem and bead) and the bead count of every stem; ``None``
    when no bead has text on both sides.
    """
    full = [b for b, (s, t) in enumerate(beads) if s and t]
    if not full:
        return None
    if len(full) > max_beads:
        step = len(full) / max_beads
        full = [full[int(k * step)] for k in range(max_beads)]
    chosen = np.zeros(len(beads), dtype=bool)
    chosen[full] = True
    b_src, b_tgt = bead_index(beads, src.size, tgt.size)
    sb = b_src[src.seg]
    tb = b_tgt[tgt.seg]
    ks, kt = chosen[sb] & (sb >= 0), chosen[tb] & (tb >= 0)
    sb, ss, _ = aggregate(sb[ks], src.key[ks], np.ones(int(ks.sum())))
    tb, ts, _ = aggregate(tb[kt], tgt.key[kt], np.ones(int(kt.sum())))
    c_s = np.bincount(ss, minlength=n_s)
    c_t = np.bincount(ts, minlength=n_t)
    return full, sb, ss, tb, ts, c_s, c_t


def _compete(si: np.ndarray, ti: np.ndarray, counts: np.ndarray, strength: np.ndarray,
             src_words: Sequence[str], tgt_words: Sequence[str]) -> list[Link]:
    """Competitive linking (Melamed 2000): candidate pairs strongest first (ties by count, then by the
    words themselves: deterministic), each word linked once; a pair of cognates takes its words out of
    the race but is not returned (the cognate anchors already match it)."""
    order = np.lexsort((_ranks(tgt_words)[ti], _ranks(src_words)[si], -counts, -strength))
    used_s = np.zeros(len(src_words), dtype=bool)
    used_t = np.zeros(len(tgt_words), dtype=bool)
    links: list[Link] = []
    for k in order:
        a, b = int(si[k]), int(ti[k])
        if used_s[a] or used_t[b]:
            continue
        used_s[a] = used_t[b] = True
        if fold(src_words[a])[:COGNATE_CHARS] != fold(tgt_words[b])[:COGNATE_CHARS]:
            links.append(Link(a, b, int(counts[k]), float(strength[k])))
    return links

def learn_links(
    src: Occurrences,
    tgt: Occurrences,
    src_words: Sequence[str],
    tgt_words: Sequence[str],
    beads: Sequence[tuple[Sequence[int], Sequence[int]]],
    *,
    min_count: int = 2,
    min_dice: float = 0.3,
    max_beads: int = 20_000,
    max_share: float = 0.1,
) -> list[Link]:
    """Stem pairs that share the non-null ``beads`` more than chance would, linked one-to-one.

    ``src``/``tgt`` hold stem occurrences (``key`` = stem id into ``src_words``/``tgt_words``).
    At most ``max_beads`` beads are read (evenly spaced, so long documents cost a bounded
    time). Stems that share their first letters are not linked: the cognate anchors already
    match them (counting them twice would overstate the evidence); nor are stems in
    more than ``max_share`` of the beads (function words), which could not be told apart
    from chance anyway.
    """
    n_s, n_t = len(src_words), len(tgt_words)
    read = _bead_stems(beads, src, tgt, n_s, n_t, max_beads)
    if read is None:
        return []
    full, sb, ss, tb, ts, c_s, c_t = read
    cap = max(max_share * len(full), float(min_count))
    ks = (c_s[ss] >= min_count) & (c_s[ss] <= cap)
    kt = (c_t[ts] >= min_count) & (c_t[ts] <= cap)
    sb, ss, tb, ts = sb[ks], ss[ks], tb[kt], ts[kt]
    if ss.size == 0 or ts.size == 0:
        return []
    # Every source stem of a bead with every target stem of the same bead, counted per stem pair.
    _, _, _, uniq, c_st = _pair_codes(sb, ss, tb, ts, len(c_s), n_t)
    keep = c_st >= min_count
    uniq, c_st = uniq[keep], c_st[keep]
    si, ti = uniq // n_t, uniq % n_t
    dice = 2.0 * c_st / (c_s[si] + c_t[ti])
    keep = dice >= min_dice
    si, ti, c_st, dice = si[keep], ti[keep], c_st[keep], dice[keep]
    return _compete(si, ti, c_st, dice, src_words, tgt_words)


def link_occurrences(
    src: Occurrences, tgt: Occurrences, links: Sequence[Link], first_key: int, n_src_words: int, n_tgt_words: int
) -> tuple[Occurrences, Occurrences]:
    """Key occurrences ``first_key + n`` wherever the stems of link ``n`` occur, on each side."""
    s_map = np.full(n_src_words, -1, dtype=np.int64)
    t_map = np.full(n_tgt_words, -1, dtype=np.int64)
    for n, lk in enumerate(links):
        s_map[lk.source] = first_key + n
        t_map[lk.target] = first_key + n
    sk, tk = s_map[src.key], t_map[tgt.key]
    return (
        Occurrences(src.seg[sk >= 0], sk[sk >= 0], src.size),
        Occurrences(tgt.seg[tk >= 0], tk[tk >= 0], tgt.size),
    )


def _bead_pairs(sb: np.ndarray, ss: np.ndarray, tb: np.ndarray, ts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (source occurrence, target occurrence) pair of one bead: indices into ``ss`` and ``ts``.

    ``sb``/``tb`` (the bead of each occurrence) are sorted, as :func:`aggregate` returns them.
    """
    left = np.searchsorted(tb, sb, side="left")
    right = np.searchsorted(tb, sb, side="right")
    counts = right - left
    rep = np.repeat(np.arange(ss.size), counts)
    within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    return rep, left[rep] + within


def _pair_codes(sb: np.ndarray, ss: np.ndarray, tb: np.ndarray, ts: np.ndarray, n_s: int, n_t: int
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The co-occurrence pairs of :func:`_bead_pairs` and their distinct ``(e, f)`` codes.

    Returns the pairs' source and target occurrence indices, each pair's index into the sorted
    distinct codes ``s * n_t + t``, those codes, and how many pairs hold each (``np.unique``'s
    inverse and counts). Large pair sets go to a compiled kernel that gives the same arrays
    (up to the integer width of the indices) in a fraction of the memory.
    """
    left = np.searchsorted(tb, sb, side="left")
    counts = np.searchsorted(tb, sb, side="right") - left
    kernels = _kernels.for_size(int(counts.sum()))
    if kernels is not None:
        return kernels.model1_pairs(left, counts, ss, ts, n_s, n_t)
    pi, pj = _bead_pairs(sb, ss, tb, ts)
    uniq, code, c_st = np.unique(ss[pi] * n_t + ts[pj], return_inverse=True, return_counts=True)
    return pi, pj, code, uniq, c_st


def _model1(pair_code: np.ndarray, pair_f: np.ndarray, n_f: int, null_f: np.ndarray, n_codes: int,
            e_of_code: np.ndarray, iterations: int) -> np.ndarray:
    """IBM model 1 translation probabilities ``t(f | e)`` per distinct pair code, by expectation–maximisation.

    ``pair_code[p]`` is the (e, f) code of co-occurrence ``p`` (dense, ``< n_codes``), ``pair_f[p]``
    the target occurrence it explains (dense, ``< n_f``); ``null_f`` is each target occurrence's
    empty-word probability (held fixed: it soaks up words with no counterpart in the bead).
    """
    t = np.ones(n_codes)
    # Uniform start: t(f | e) = 1 / (number of distinct f seen with e).
    per_e = np.bincount(e_of_code, minlength=int(e_of_code.max()) + 1 if e_of_code.size else 0).astype(np.float64)
    t /= per_e[e_of_code]
    kernels = _kernels.for_size(pair_code.size)
    if kernels is not None:  # the same sums in the same order, without the pair-long temporaries
        return kernels.model1_em(pair_code, pair_f, n_f, np.ascontiguousarray(null_f, dtype=np.float64),
                                 e_of_code, per_e.size, t, iterations)
    for _ in range(iterations):
        tp = t[pair_code]
        denom = np.bincount(pair_f, weights=tp, minlength=n_f) + null_f
        counts = np.bincount(pair_code, weights=tp / denom[pair_f], minlength=n_codes)
        total_e = np.bincount(e_of_code, weights=counts, minlength=per_e.size)
        t = counts / np.maximum(total_e[e_of_code], 1e-12)
    return t


@dataclass(frozen=True)
class Model1:
    """IBM model 1 translation tables trained both ways, over stem ids of the two documents.

    ``codes`` (sorted) are the trained ``(e, f)`` pairs as ``e * n_t + f``; ``t_fe[k]`` is
    ``t(f | e)`` and ``t_ef[k]`` is ``t(e | f)`` of pair ``codes[k]``; ``count[k]`` how many beads
    hold both. ``beads_s``/``beads_t`` count the beads holding each stem (of the ``beads`` read);
    :meth:`rate_s`/:meth:`rate_t` are the stems' unigram rates (the empty word's emission);
    ``known_s``/``known_t`` say whether a stem took part in the training (too rare or too common did not).
    """

    n_t: int
    codes: np.ndarray
    t_fe: np.ndarray
    t_ef: np.ndarray
    count: np.ndarray
    beads_s: np.ndarray
    beads_t: np.ndarray
    known_s: np.ndarray
    known_t: np.ndarray
    beads: int

    def rate_s(self) -> np.ndarray:
        """Each source stem's share of the stem occurrences in the beads read."""
        return self.beads_s / max(float(self.beads_s.sum()), 1.0)

    def rate_t(self) -> np.ndarray:
        """Each target stem's share of the stem occurrences in the beads read."""
        return self.beads_t / max(float(self.beads_t.sum()), 1.0)


def train_model1(
    src: Occurrences,
    tgt: Occurrences,
    n_s: int,
    n_t: int,
    beads: Sequence[tuple[Sequence[int], Sequence[int]]],
    *,
    min_count: int = 2,
    max_beads: int = 20_000,
    iterations: int = 5,
) -> Model1 | None:
    """IBM model 1 trained both ways over the non-null ``beads`` (see :func:`learn_links_model1`).

    ``None`` when no bead has trained stems on both sides.
    """
    read = _bead_stems(beads, src, tgt, n_s, n_t, max_beads)
    if read is None:
        return None
    full, sb, ss, tb, ts, c_s, c_t = read
    # Words too common to be worth a pair are dropped from training (they would cost most of the
    # pairs); words seen once cannot repeat a pairing.
    train_cap = max(0.5 * len(full), float(min_count))
    known_s = (c_s >= min_count) & (c_s <= train_cap)
    known_t = (c_t >= min_count) & (c_t <= train_cap)
    ks, kt = known_s[ss], known_t[ts]
    sb, ss, tb, ts = sb[ks], ss[ks], tb[kt], ts[kt]
    if ss.size == 0 or ts.size == 0:
        return None
    pi, pj, code, uniq, c_st = _pair_codes(sb, ss, tb, ts, len(c_s), n_t)
    if pi.size == 0:
        return None
    si, ti = uniq // n_t, uniq % n_t
    # The empty word emits each word at its unigram rate: a word with no counterpart in the bead
    # is explained by it instead of by a chance neighbour.
    t_fe = _model1(code, pj, ts.size, c_t[ts] / max(float(c_t.sum()), 1.0), uniq.size, si, iterations)
    t_ef = _model1(code, pi, ss.size, c_s[ss] / max(float(c_s.sum()), 1.0), uniq.size, ti, iterations)
    return Model1(n_t, uniq, t_fe, t_ef, c_st, c_s, c_t, known_s, known_t, len(full))


def learn_links_model1(
    src: Occurrences,
    tgt: Occurrences,
    src_words: Sequence[str],
    tgt_words: Sequence[str],
    beads: Sequence[tuple[Sequence[int], Sequence[int]]],
    *,
    min_count: int = 2,
    min_prob: float = 0.5,
    max_beads: int = 20_000,
    max_share: float = 0.1,
    iterations: int = 5,
) -> list[Link]:
    """Stem pairs linked by IBM model 1 trained both ways over the non-null ``beads`` of a first pass.

    Expectation–maximisation shares each word's mass among the words of its bead, so a word
    that is explained by a better partner stops counting for a chance neighbour, and a wrong
    bead of the first pass spreads its mass thinly (it has many candidates and no repeat) where
    a right one concentrates it: the lexicon survives a noisy first pass better than
    co-occurrence counts. A pair is linked when ``sqrt(t(f|e) t(e|f))`` is at least
    ``min_prob`` and it shares at least ``min_count`` beads; pairs are then linked one-to-one,
    strongest first (competitive linking, as :func:`learn_links`). Function words (stems in more
    than ``max_share`` of the beads) take part in the training, so they absorb their share of
    each bead, but are never linked; only stems in more than half of the beads (which would cost
    most of the pairs) and stems seen once are left out of it. Cognates are left to the cognate
    anchors. At most ``max_beads`` beads are read (evenly spaced), so the time is bounded.
    """
    model = train_model1(src, tgt, len(src_words), len(tgt_words), beads, min_count=min_count,
                         max_beads=max_beads, iterations=iterations)
    return [] if model is None else links_from_model1(model, src_words, tgt_words, min_count=min_count,
                                                      min_prob=min_prob, max_share=max_share)


def links_from_model1(model: Model1, src_words: Sequence[str], tgt_words: Sequence[str], *, min_count: int = 2,
                      min_prob: float = 0.5, max_share: float = 0.1) -> list[Link]:
    """The links of a trained :class:`Model1` (see :func:`learn_links_model1`)."""
    n_t = model.n_t
    si, ti = model.codes // n_t, model.codes % n_t
    score = np.sqrt(model.t_fe * model.t_ef)
    c_s, c_t = model.beads_s, model.beads_t
    cap = max(max_share * model.beads, float(min_count))
    keep = (model.count >= min_count) & (score >= min_prob) & (c_s[si] <= cap) & (c_t[ti] <= cap)
    return _compete(si[keep], ti[keep], model.count[keep], score[keep], src_words, tgt_words)

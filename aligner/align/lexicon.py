"""A translation lexicon learned from the document pair itself, without supervision.

After a first alignment pass (lengths and surface anchors), words that keep landing in the
same beads are probably translations of each other: ``Gipfel`` and ``sommet`` in a
mountaineering report, ``kunde`` and ``klient`` in a customer-service article. Co-occurrence
is measured with the Dice coefficient over beads, and pairs are linked one-to-one by
competitive linking (Melamed 2000): the strongest pair is linked first and its two words
leave the race, which keeps a frequent word from linking to everything near it. This is
hunalign's "realign" idea, with a Dice lexicon in place of a dictionary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..text.fold import fold_accents as fold
from .anchors import COGNATE_CHARS
from .cost import Occurrences, aggregate, bead_index


@dataclass(frozen=True)
class Link:
    """Two stems linked as translations: ids, how many beads hold both, and their Dice coefficient."""

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
    full = [b for b, (s, t) in enumerate(beads) if s and t]
    if not full:
        return []
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
    n_s, n_t = len(src_words), len(tgt_words)
    c_s = np.bincount(ss, minlength=n_s)
    c_t = np.bincount(ts, minlength=n_t)
    cap = max(max_share * len(full), float(min_count))
    ks = (c_s[ss] >= min_count) & (c_s[ss] <= cap)
    kt = (c_t[ts] >= min_count) & (c_t[ts] <= cap)
    sb, ss, tb, ts = sb[ks], ss[ks], tb[kt], ts[kt]
    if ss.size == 0 or ts.size == 0:
        return []
    # Every source stem of a bead with every target stem of the same bead.
    left = np.searchsorted(tb, sb, side="left")
    right = np.searchsorted(tb, sb, side="right")
    counts = right - left
    rep = np.repeat(np.arange(ss.size), counts)
    within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    codes = ss[rep] * n_t + ts[left[rep] + within]
    uniq, c_st = np.unique(codes, return_counts=True)
    keep = c_st >= min_count
    uniq, c_st = uniq[keep], c_st[keep]
    si, ti = uniq // n_t, uniq % n_t
    dice = 2.0 * c_st / (c_s[si] + c_t[ti])
    keep = dice >= min_dice
    si, ti, c_st, dice = si[keep], ti[keep], c_st[keep], dice[keep]
    # Strongest first; ties by count, then by the words themselves (deterministic).
    order = np.lexsort((_ranks(tgt_words)[ti], _ranks(src_words)[si], -c_st, -dice))
    used_s = np.zeros(n_s, dtype=bool)
    used_t = np.zeros(n_t, dtype=bool)
    links: list[Link] = []
    for k in order:
        a, b = int(si[k]), int(ti[k])
        if used_s[a] or used_t[b]:
            continue
        used_s[a] = used_t[b] = True
        if fold(src_words[a])[:COGNATE_CHARS] != fold(tgt_words[b])[:COGNATE_CHARS]:
            links.append(Link(a, b, int(c_st[k]), float(dice[k])))
    return links


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

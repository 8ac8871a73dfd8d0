"""Alignment evidence: do two documents align better than chance? Pure: segments in, evidence out.

Two versions of one text align along a path of mostly one-to-one beads whose lengths fit and whose
anchors (numbers, names, cognates) meet; two unrelated texts align too (the aligner always finds
*some* path), but no better than either text against a shuffled copy of the other. So the pair is
aligned once (:func:`aligner.align.pairwise.align_pair`, one pass: anchors and lengths), the target
is aligned again with its segment order permuted (fixed seeds), and the same path statistics are
compared:

``confidence``
    the mean bead confidence, each segment weighted once (a segment left out counts 0);
``one_to_one``
    the share of beads that pair one segment with one;
``anchors``
    the share of segment pairs sharing a rare anchor key (a number, a name: in at most two
    segments of each side) that the path puts in one bead, counted as if two more had missed.

The log-odds that the two documents are versions of one text is a logistic model of the three
differences *real minus shuffled* (:data:`LOGIT_WEIGHTS`; the anchor difference floored at 0),
fitted (L2 1.0) on development data:
ntrex-dev running text, 620 pairs of versions and 620 pairs of different articles, 5-62 segments,
the shuffles as below. There two pairs of versions (8-9 sentences) scored just below 0 and no pair of
different articles above -0.4; long texts are far clearer (differences of 0.3-0.5).
Fitted jointly with the cheap screen's score (:data:`JOINT_WEIGHTS`) the margins grow (versions'
1st percentile 1.5, different articles' 99th -1.6). The classes were balanced, so 0 means even
odds *among pairs the screen found worth aligning*.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .anchors import ENCODE_CACHE_CHARS, KeyTable, Permuted, dominant_script, encode
from .pairwise import AlignSettings, align_pair

#: One pass (anchors and lengths) is enough to tell a text from chance, and costs half of two. No
#: window search for larger shapes (``window_prior``): it refines beads, not whether a text aligns,
#: and on the shuffled copies, all irregular beads, it doubled the cost of grouping (100 generated
#: sets: 12.4 -> 24.3 CPU s); the decision model was fitted on alignments without it.
EVIDENCE_SETTINGS = AlignSettings(passes=1, window_prior=0.0)
#: Shuffled copies of the target aligned for the chance level (seeds 0, 1, ...).
DEFAULT_SHUFFLES = 2
#: Short texts get more shuffles, up to this many, so that about ``SHUFFLED_SEGMENTS`` segments are shuffled.
MAX_SHUFFLES = 6
SHUFFLED_SEGMENTS = 60
#: Pseudo-count of missed anchor pairs added to the rare-anchor share.
ANCHOR_PRIOR = 2
#: Log-odds = intercept + sum of weight x (real - shuffled), per statistic.
LOGIT_WEIGHTS = {"confidence": 7.7, "one_to_one": 6.5, "anchors": 5.9}
LOGIT_INTERCEPT = -3.5
#: The same model fitted jointly with the cheap screen's score (:mod:`aligner.align.grouping`),
#: which adds ``SCREEN_WEIGHT x (screen - 0.5)``: names and numbers found anywhere, structure and
#: length tell what the order of a 5-sentence text cannot; on long texts the alignment outweighs it.
JOINT_WEIGHTS = {"confidence": 4.2, "one_to_one": 3.6, "anchors": 3.7}
JOINT_INTERCEPT = -2.4
SCREEN_WEIGHT = 6.9
#: Longer documents are judged on their first ``MAX_SEGMENTS`` segments (the longer side; the other
#: side's cut at the same share of its segments). The statistics are means over the path, already far
#: from chance at a few hundred segments (the model was fitted on 5-62), while every alignment of the
#: pair and its shuffles grows with the length: on four 2.5 MB versions the grouping aligned 18 paths
#: of 25,000 segments, five times the cost of the alignment that followed.
MAX_SEGMENTS = 1_000


@dataclass(frozen=True)
class PathStats:
    """Statistics of one alignment path (see the module docstring)."""

    aligned: tuple[int, int]
    beads: int
    confidence: float
    one_to_one: float
    anchors: float
    length_correlation: float

    def to_dict(self) -> dict:
        return {
            "aligned": list(self.aligned),
            "beads": self.beads,
            "confidence": round(self.confidence, 4),
            "one_to_one": round(self.one_to_one, 4),
            "anchors": round(self.anchors, 4),
            "length_correlation": round(self.length_correlation, 4),
        }


@dataclass(frozen=True)
class AlignmentEvidence:
    """How much better than chance two documents align, as a log-odds and a probability."""

    segments: tuple[int, int]
    real: PathStats
    shuffled: PathStats
    log_odds: float
    probability: float
    screen: float | None = None
    #: The share of each document that was aligned (1.0: all; less past :data:`MAX_SEGMENTS`).
    share: float = 1.0

    def to_dict(self) -> dict:
        return {
            "segments": list(self.segments),
            **({"share": round(self.share, 4)} if self.share < 1.0 else {}),
            "real": self.real.to_dict(),
            "shuffled": self.shuffled.to_dict(),
            "log_odds": round(self.log_odds, 4),
            "probability": round(self.probability, 4),
            "screen": None if self.screen is None else round(self.screen, 4),
        }

    def describe(self) -> str:
        """In words: ``aligned 28/28 and 28/28 segments, 100% 1-1 beads (61% shuffled), ...``."""
        r, s = self.real, self.shuffled
        return (
            (f"on the first {self.share:.0%} of each, " if self.share < 1.0 else "")
            + f"aligned {r.aligned[0]}/{self.segments[0]} and {r.aligned[1]}/{self.segments[1]} segments, "
            f"{r.one_to_one:.0%} 1-1 beads ({s.one_to_one:.0%} shuffled), "
            f"confidence {r.confidence:.2f} against {s.confidence:.2f} for shuffled text, "
            f"rare anchors met on the path {r.anchors:.0%} ({s.anchors:.0%} shuffled), "
            f"length correlation {r.length_correlation:.2f}"
        )


def path_stats(src: Sequence[str], tgt: Sequence[str], src_kinds: Sequence[object] | None,
               tgt_kinds: Sequence[object] | None, settings: AlignSettings = EVIDENCE_SETTINGS, *,
               rare_pairs: Sequence[tuple[int, int]] | None = None) -> PathStats:
    """Align ``src`` with ``tgt`` and measure the path.

    ``rare_pairs``, when given, are the segment pairs sharing a rare anchor (:func:`_rare_pairs` of
    the two documents), known already (:func:`alignment_evidence` maps the real pair's through the
    shuffle); otherwise they are computed here.
    """
    n, m = len(src), len(tgt)
    beads = align_pair(src, tgt, src_kinds=src_kinds, tgt_kinds=tgt_kinds, settings=settings)
    full = [b for b in beads if b.source and b.target]
    if not full:
        return PathStats((0, 0), len(beads), 0.0, 0.0, 0.0, 0.0)
    aligned = (sum(len(b.source) for b in full), sum(len(b.target) for b in full))
    confidence = sum(b.score * (len(b.source) + len(b.target)) for b in full) / (n + m)
    ones = sum(1 for b in full if len(b.source) == 1 and len(b.target) == 1) / len(beads)
    pairs = rare_pairs if rare_pairs is not None else _pair_anchors(src, tgt)
    bead_of_src = {i: k for k, b in enumerate(beads) for i in b.source}
    bead_of_tgt = {j: k for k, b in enumerate(beads) for j in b.target}
    # Shrunk towards 0 by ANCHOR_PRIOR pairs: one shared year landing in one bead proves little.
    hit = sum(1 for i, j in pairs if bead_of_src[i] == bead_of_tgt[j]) / (len(pairs) + ANCHOR_PRIOR)
    ls = np.log1p([sum(len(src[i]) for i in b.source) for b in full])
    lt = np.log1p([sum(len(tgt[j]) for j in b.target) for b in full])
    corr = float(np.corrcoef(ls, lt)[0, 1]) if len(full) >= 3 and ls.std() > 0 and lt.std() > 0 else 0.0
    return PathStats(aligned, len(beads), confidence, ones, hit, corr)


def _pair_anchors(src: Sequence[str], tgt: Sequence[str]) -> list[tuple[int, int]]:
    """The segment pairs of ``src`` and ``tgt`` that share a rare anchor (see :func:`_rare_pairs`)."""
    table = KeyTable()
    same_script = dominant_script(src) == dominant_script(tgt)
    return _rare_pairs(_keys(src, same_script, table), _keys(tgt, same_script, table))


def _shuffled_pairs(pairs: Sequence[tuple[int, int]], src: Sequence[str], tgt: Sequence[str],
                    same_script: bool, order: Sequence[int], source: bool) -> list[tuple[int, int]] | None:
    """The real pair's rare-anchor pairs carried through a shuffle of one side, or ``None`` when they may differ.

    ``order`` is the shuffle of the source (``source``) or of the target: segment ``order[q]`` went
    to position ``q``. Which keys a segment has and how many segments of a side have a key do not
    depend on the order, so the pairs are the same pairs at the new positions, unless the shuffle
    changed whether the two sides share a script (possible only when the script is read on a sample).
    """
    if (dominant_script(src) == dominant_script(tgt)) != same_script:
        return None
    position = [0] * len(order)
    for q, p in enumerate(order):
        position[p] = q
    if source:
        return sorted((position[i], j) for i, j in pairs)
    return sorted((i, position[j]) for i, j in pairs)


def _rare_pairs(src: list[set[int]], tgt: list[set[int]], most: int = 2) -> list[tuple[int, int]]:
    """Segment pairs that share a rare anchor (a key in at most ``most`` segments of each side).

    A number or a name met once or twice on each side says where the two texts meet; a key found
    everywhere (a quote mark, the subject's name) says nothing about the order.
    """
    where_s: dict[int, list[int]] = {}
    where_t: dict[int, list[int]] = {}
    for where, segs in ((where_s, src), (where_t, tgt)):
        for i, keys in enumerate(segs):
            for k in keys:
                where.setdefault(k, []).append(i)
    out = set()
    for k, ss in where_s.items():
        ts = where_t.get(k)
        if ts and len(ss) <= most and len(ts) <= most:
            out.update((i, j) for i in ss for j in ts)
    return sorted(out)


def _keys(texts: Sequence[str], same_script: bool, table: KeyTable) -> list[set[int]]:
    enc = encode(texts, same_script, table)
    out: list[set[int]] = [set() for _ in texts]
    for seg, key in zip(enc.key_seg.tolist(), enc.key_id.tolist()):
        out[seg].add(key)
    return out


def alignment_evidence(
    src: Sequence[str],
    tgt: Sequence[str],
    src_kinds: Sequence[object] | None = None,
    tgt_kinds: Sequence[object] | None = None,
    *,
    shuffles: int = DEFAULT_SHUFFLES,
    seed: int = 0,
    screen: float | None = None,
) -> AlignmentEvidence:
    """Align ``src`` with ``tgt``, and each with permutations of the other; compare the paths.

    At least ``shuffles`` permutations (more for short texts, :func:`null_size`), from
    ``random.Random(seed + k)``: the result depends only on the inputs. ``screen``, the cheap
    score of the pair in [0, 1] when there is one, is weighed in by the joint model. Past
    :data:`MAX_SEGMENTS` segments only the first part of each document is aligned (the same share of
    each; ``segments`` and ``share`` say how much).

    The result is a pure function of the arguments and is cached by content (:data:`EVIDENCE_CACHE_SIZE`
    results; not for documents past ``ENCODE_CACHE_CHARS`` characters): ``check`` asks for the
    same pair more than once (on the damage cases, 156 requests for 91 distinct pairs).
    """
    if sum(map(len, src)) + sum(map(len, tgt)) <= ENCODE_CACHE_CHARS:
        try:
            return _cached_evidence(
                tuple(src), tuple(tgt), None if src_kinds is None else tuple(src_kinds),
                None if tgt_kinds is None else tuple(tgt_kinds), shuffles, seed, screen, MAX_SEGMENTS,
            )
        except TypeError:  # unhashable kinds: computed as it is
            pass
    return _alignment_evidence(src, tgt, src_kinds, tgt_kinds, shuffles, seed, screen)


#: Evidence results kept by :func:`alignment_evidence` (each a few hundred bytes, plus the texts it keeps alive).
EVIDENCE_CACHE_SIZE = 512


@lru_cache(maxsize=EVIDENCE_CACHE_SIZE)
def _cached_evidence(src: tuple[str, ...], tgt: tuple[str, ...], src_kinds: tuple | None, tgt_kinds: tuple | None,
                     shuffles: int, seed: int, screen: float | None, max_segments: int) -> AlignmentEvidence:
    """:func:`_alignment_evidence` by content; ``max_segments`` (:data:`MAX_SEGMENTS`) only keys the cache."""
    del max_segments
    return _alignment_evidence(list(src), list(tgt), None if src_kinds is None else list(src_kinds),
                               None if tgt_kinds is None else list(tgt_kinds), shuffles, seed, screen)


def _alignment_evidence(src: Sequence[str], tgt: Sequence[str], src_kinds: Sequence[object] | None,
                        tgt_kinds: Sequence[object] | None, shuffles: int, seed: int,
                        screen: float | None) -> AlignmentEvidence:
    """:func:`alignment_evidence` without the cache."""
    share = 1.0
    if max(len(src), len(tgt)) > MAX_SEGMENTS:
        share = MAX_SEGMENTS / max(len(src), len(tgt))
        cut_s, cut_t = max(1, round(len(src) * share)), max(1, round(len(tgt) * share))
        src, tgt = src[:cut_s], tgt[:cut_t]
        src_kinds = src_kinds[:cut_s] if src_kinds is not None else None
        tgt_kinds = tgt_kinds[:cut_t] if tgt_kinds is not None else None
    n, m = len(src), len(tgt)
    same_script = dominant_script(src) == dominant_script(tgt)
    pairs = _pair_anchors(src, tgt)
    real = path_stats(src, tgt, src_kinds, tgt_kinds, rare_pairs=pairs)
    nulls = []
    for k in range(null_size(shuffles, min(n, m))):
        # Shuffle the target, then the source, in turn: the result hardly depends on which is which.
        if k % 2 == 0:
            texts, kinds = _permuted(tgt, tgt_kinds, seed + k)
            moved = _shuffled_pairs(pairs, src, texts, same_script, texts.order, source=False)
            nulls.append(path_stats(src, texts, src_kinds, kinds, rare_pairs=moved))
        else:
            texts, kinds = _permuted(src, src_kinds, seed + k)
            moved = _shuffled_pairs(pairs, texts, tgt, same_script, texts.order, source=True)
            nulls.append(path_stats(texts, tgt, kinds, tgt_kinds, rare_pairs=moved))
    shuffled = PathStats(
        (round(_mean(x.aligned[0] for x in nulls)), round(_mean(x.aligned[1] for x in nulls))),
        round(_mean(x.beads for x in nulls)),
        _mean(x.confidence for x in nulls),
        _mean(x.one_to_one for x in nulls),
        _mean(x.anchors for x in nulls),
        _mean(x.length_correlation for x in nulls),
    )
    gains = {name: getattr(real, name) - getattr(shuffled, name) for name in LOGIT_WEIGHTS}
    # Anchors only count for: between scripts with no shared names, the "rare anchors" are chance
    # collisions of consonant skeletons, and fewer of them on the real path than on a shuffled one
    # is noise, not evidence against (the bead confidence already holds what anchors there are).
    gains["anchors"] = max(gains["anchors"], 0.0)
    if screen is None:
        log_odds = LOGIT_INTERCEPT + sum(w * gains[name] for name, w in LOGIT_WEIGHTS.items())
    else:
        log_odds = JOINT_INTERCEPT + sum(w * gains[name] for name, w in JOINT_WEIGHTS.items())
        log_odds += SCREEN_WEIGHT * (screen - 0.5)
    if n == 0 or m == 0:
        log_odds = -10.0
    return AlignmentEvidence((n, m), real, shuffled, log_odds, _sigmoid(log_odds), screen, share)


def null_size(shuffles: int, segments: int) -> int:
    """How many shuffles: at least ``shuffles``, more for short texts (noisiest chance level, cheapest to align)."""
    return max(shuffles, 1, min(MAX_SHUFFLES, math.ceil(SHUFFLED_SEGMENTS / max(segments, 1))))


def _permuted(texts: Sequence[str], kinds: Sequence[object] | None, seed: int) -> tuple[Permuted, list | None]:
    """``texts`` (and ``kinds``) in a shuffled order; the texts as :class:`~aligner.align.anchors.Permuted`,
    so that the anchor encoding is derived from the original's instead of read again."""
    perm = list(range(len(texts)))
    random.Random(seed).shuffle(perm)
    return Permuted(texts, perm), ([kinds[p] for p in perm] if kinds is not None else None)


def _mean(values) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 0.0


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(x, 50.0), -50.0)))


__all__ = ["AlignmentEvidence", "PathStats", "alignment_evidence", "path_stats"]

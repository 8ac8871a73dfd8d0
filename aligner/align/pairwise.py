"""Pairwise sentence alignment: two sequences of segments in, beads out. No I/O.

The search runs in two passes and a local step:

1. **Anchors and lengths.** Segments are reduced to anchor keys (numbers, symbols,
   cognates; :mod:`aligner.align.anchors`) and character lengths. The document pair is
   aligned coarse-to-fine: for long documents, neighbouring segments are merged about two
   by two until the lattice is small, that is aligned exhaustively, and each finer level
   searches only a band around the path found one level up (widened, locally and doubling,
   where the path runs along the band's edge); the length ratio is re-measured on each
   level's path. Time and memory are linear in the length of the documents.
2. **Realign with a learned lexicon.** Words that keep falling into the same beads of pass 1
   are linked (:mod:`aligner.align.lexicon`: IBM model 1 trained both ways over pass 1's
   beads, by default) and become anchors too; the cost parameters
   (length ratio and spread, anchor match rates, bead-shape priors) are re-estimated from
   pass 1, and the pair is aligned again in a band around the pass-1 path.
3. **Larger shapes in windows.** Around the stretches of the last pass with two or more beads
   that are not 1-1, the nodes near the path are searched again with nine larger shapes (3-3,
   1-5, 2-4, ...) that the banded search does not try (:mod:`aligner.align.refine`;
   ``window_prior``). A caption's five lines against one sentence, or three sentences cut
   differently on each side, become one bead instead of a chain of guesses. By default (pairs up to
   ``sentence_max`` = 5,000 segments a side) the whole path is searched again that way, in windows of 25 beads
   near the old path, with a sentence score from IBM model 1 re-trained on the last pass's beads added
   to every bead (each word's best counterpart on the other side, :class:`aligner.align.refine.WindowScorer`):
   it sees every content word, where the anchors see numbers, cognates and the strongest links. Each
   model-1 pair counts there without the bead it judges (leave-one-out), and both searches weigh how the
   segments a bead merges end and begin (a line cut after a comma, going on in lower case), with classes
   counted on the pair's own path (:func:`aligner.align.refine.junction_llr`).

Null beads are scored as runs (an affine gap, :func:`aligner.align.dp.search`): a block of
captions or a page of adverts that only one side has costs one opening plus a little per
line, so it is not spread over merges with real sentences.

An optional :class:`SemanticScorer` (sentence embeddings, say) adds its evidence in the last
pass; nothing here needs one or downloads anything.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import Protocol, runtime_checkable

import numpy as np

from ..errors import ConfigError, InputError
from ..model import Bead
from ..signature import make_signature
from . import _kernels
from .anchors import KeyTable, dominant_script, encode_pair
from .cost import (
    BEAD_TYPES,
    FAMILY_PRIORS,
    CostParams,
    Occurrences,
    Side,
    Vocabulary,
    band_scores,
    build_side,
    build_vocabulary,
    coarse_groups,
    coarsen,
    estimate_params,
    family_priors,
    kind_code,
    measured_rates,
    prior_rates,
    slice_side,
)
from .dp import Band, band_around, beads_from_shapes, full_band, nodes_of, search, touches_edge, widen
from .lexicon import Model1, learn_links, link_occurrences, links_from_model1, train_model1
from .refine import RefineSettings, WindowScorer, junction_classes, refine, window_params


@runtime_checkable
class SemanticScorer(Protocol):
    """Optional semantic evidence: similarity of aligned lists of texts, pair by pair.

    ``score(["a", "b"], ["x", "y"])`` returns the similarities of ``("a", "x")`` and
    ``("b", "y")``, higher meaning closer (a cosine of sentence embeddings, for example).
    Texts of merged segments are joined with a space.
    """

    def score(self, src_texts: Sequence[str], tgt_texts: Sequence[str]) -> Sequence[float]: ...


@dataclass(frozen=True)
class AlignSettings:
    """Settings of :func:`align_pair`; they all go into :meth:`signature`."""

    #: Half-width (in segments) of the band searched around the coarser path.
    band: int = 6
    #: Half-width of the band searched around the previous pass's path when realigning.
    realign_band: int = 5
    #: Lattices up to this many nodes are searched whole; larger ones coarse-to-fine.
    max_full: int = 100_000
    #: 1 = anchors and lengths only; 2 = realign with a lexicon learned from pass 1.
    passes: int = 2
    #: A learned link needs this many beads holding both stems ...
    lexicon_min_count: int = 2
    #: How pass 2's lexicon is learned from pass 1's beads: ``"model1"`` (IBM model 1 trained both
    #: ways, :func:`~aligner.align.lexicon.learn_links_model1`) or ``"dice"`` (co-occurrence,
    #: :func:`~aligner.align.lexicon.learn_links`).
    lexicon: str = "model1"
    #: ... a ``"dice"`` link needs at least this Dice coefficient ...
    lexicon_min_dice: float = 0.3
    #: ... a ``"model1"`` link at least this ``sqrt(t(f|e) t(e|f))``.
    lexicon_min_prob: float = 0.5
    #: Weight (log-odds) of the segment-kind evidence (headings with headings).
    kind_weight: float = CostParams.kind_weight
    #: Weight of the anchor evidence against lengths and priors (anchors are not independent).
    lexical_weight: float = CostParams.lexical_weight
    #: Weight of the optional semantic scorer's evidence.
    semantic_weight: float = 2.0
    #: How many times the band may be widened (doubling each time) where the path touches its edge.
    max_widen: int = 6
    #: Prior of the larger bead shapes (3-3, 2-4, 4-2, 4-3, 3-4, 1-5, 5-1, 2-5, 5-2) that the last pass
    #: searches in windows around its non-1-1 beads (:mod:`aligner.align.refine`); 0: not searched.
    window_prior: float = 0.001
    #: Weight of the model-1 sentence score (:class:`aligner.align.refine.WindowScorer`, model 1 re-trained
    #: on the last pass's beads) with which the last pass's whole path is searched again, in windows of
    #: :data:`SENTENCE_WINDOW` beads near the old path, with the larger shapes of ``window_prior``; 0 (or
    #: ``window_prior`` 0, one pass, or model 1 trained on fewer than :data:`SENTENCE_MIN_BEADS` beads): only
    #: the windows around non-1-1 beads, without the score (with the junction evidence, ``junction_weight``).
    #: Measured in results/align.md (fifth round): Text+Berg dev strict F1 0.891 -> 0.905.
    sentence_weight: float = 0.4
    #: Prior of the larger shapes in that search: the sentence score only grows as a bead takes in more
    #: segments (each word's best counterpart), so they get a lower prior than in the windows without it.
    sentence_prior: float = 0.0001
    #: Pairs with more segments than this on either side skip the sentence score (it makes an alignment
    #: about 1.7 times as costly: results/align.md); they get the windows around non-1-1 beads only, with the
    #: junction evidence (which costs next to nothing), so the long inputs of the speed goals (10k-1M
    #: segments, the 10 MB check) keep their cost.
    sentence_max: int = 5_000
    #: In that search, each model-1 pair counts only the beads other than the one being judged
    #: (:class:`aligner.align.refine.WindowScorer`, ``leave_one_out``): model 1 is trained on the path it
    #: then judges, and a pair of rare words a wrong bead put together would otherwise vouch for that bead.
    #: Measured in results/align.md (sixth round): Text+Berg dev 0.905 -> 0.920.
    sentence_leave_one_out: bool = True
    #: Weight of the junction evidence (:func:`aligner.align.refine.junction_llr`: how the segments a bead
    #: merges end and begin, against the junctions between beads, both counted on the path) in the last
    #: search: the whole-path search with the sentence score, or, on pairs above ``sentence_max`` (or with
    #: ``sentence_weight`` 0), the windows around non-1-1 beads; paths of fewer than
    #: :data:`SENTENCE_MIN_BEADS` beads go without it. 0: none.
    junction_weight: float = 1.0

    def signature(self, scorer: SemanticScorer | None = None) -> str:
        """``aligner:align|band:6|...|version:X``; ``scorer`` names the semantic scorer if one is used."""
        fields = asdict(self)
        fields["scorer"] = type(scorer).__name__ if scorer is not None else None
        return make_signature("align", fields)


def align_pair(
    src: Sequence[str],
    tgt: Sequence[str],
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    *,
    src_kinds: Sequence[object] | None = None,
    tgt_kinds: Sequence[object] | None = None,
    scorer: SemanticScorer | None = None,
    settings: AlignSettings = AlignSettings(),
    refine_with: RefineSettings | None = None,
) -> list[Bead]:
    """Align two sequences of segment texts; every segment lands in exactly one bead, in order.

    ``src_kinds``/``tgt_kinds`` are the segments' kinds (``SegmentKind`` or ``"heading"``,
    ``"sentence"``, ``"title"``, ``"boilerplate"``); headings are drawn to headings. The
    languages are accepted for the record and future use: the model measures what it needs
    (length ratio, scripts) on the texts. Bead scores are confidences in ``[0, 1]`` that the
    two sides translate each other (0 for beads with an empty side).

    After the last pass, the windows around its non-1-1 beads are searched again with the larger
    shapes it does not try (``settings.window_prior``, :func:`aligner.align.refine.refine`).
    ``refine_with`` (experimental and not part of the signature; used by
    ``scripts/bench_align_conditions.py --pieces``) replaces that step by one that also adds a model-1
    sentence score (``lexicon="model1"``, ``passes >= 2``): it pays a little more F1 for about twice
    the CPU time (``results/align.md``), so nothing else uses it.
    """
    del src_lang, tgt_lang  # everything language-dependent is measured on the texts
    n, m = len(src), len(tgt)
    _check(settings, src_kinds, n, tgt_kinds, m)
    if n == 0 or m == 0:
        return [Bead((i,), (), 0.0) for i in range(n)] + [Bead((), (j,), 0.0) for j in range(m)]
    # A long pair loads the compiled kernels in the background while its texts are encoded.
    _kernels.preload((min(n, m) + 1) * (2 * settings.band + 1))
    table = KeyTable()
    same_script = dominant_script(src) == dominant_script(tgt)
    s_enc, t_enc = encode_pair(src, tgt, same_script, table)
    s_occ = Occurrences(s_enc.key_seg, s_enc.key_id, n)
    t_occ = Occurrences(t_enc.key_seg, t_enc.key_id, m)
    s_kind = [kind_code(k) for k in src_kinds] if src_kinds is not None else None
    t_kind = [kind_code(k) for k in tgt_kinds] if tgt_kinds is not None else None
    base = CostParams(kind_weight=settings.kind_weight, lexical_weight=settings.lexical_weight)

    family = family_priors(table.keys)
    vocab = build_vocabulary(s_occ, t_occ, prior_rates(s_occ, t_occ, family))
    s_side = build_side(s_occ, s_enc.lengths, vocab, True, s_kind)
    t_side = build_side(t_occ, t_enc.lengths, vocab, False, t_kind)
    params = estimate_params(s_side, t_side, None, base)
    shapes, gains, params = _coarse_to_fine(s_side, t_side, vocab, params, settings, top=True)

    model: Model1 | None = None
    s_stems = Occurrences(s_enc.stem_seg, s_enc.stem_id, n)
    t_stems = Occurrences(t_enc.stem_seg, t_enc.stem_id, m)
    for _ in range(settings.passes - 1):
        beads = beads_from_shapes(shapes)
        if settings.lexicon == "model1":
            model = train_model1(s_stems, t_stems, len(s_enc.stems), len(t_enc.stems), beads,
                                 min_count=settings.lexicon_min_count)
            links = [] if model is None else links_from_model1(
                model, s_enc.stems, t_enc.stems, min_count=settings.lexicon_min_count,
                min_prob=settings.lexicon_min_prob,
            )
        else:
            links = learn_links(
                s_stems, t_stems, s_enc.stems, t_enc.stems, beads,
                min_count=settings.lexicon_min_count, min_dice=settings.lexicon_min_dice,
            )
        s_link, t_link = link_occurrences(s_stems, t_stems, links, len(table), len(s_enc.stems), len(t_enc.stems))
        s_occ2 = Occurrences(np.concatenate([s_occ.seg, s_link.seg]), np.concatenate([s_occ.key, s_link.key]), n)
        t_occ2 = Occurrences(np.concatenate([t_occ.seg, t_link.seg]), np.concatenate([t_occ.key, t_link.key]), m)
        family2 = np.concatenate([family, np.full(len(links), FAMILY_PRIORS["l"])])
        prior = prior_rates(s_occ2, t_occ2, family2)
        vocab = build_vocabulary(s_occ2, t_occ2, measured_rates(s_occ2, t_occ2, beads, prior))
        s_side = build_side(s_occ2, s_enc.lengths, vocab, True, s_kind)
        t_side = build_side(t_occ2, t_enc.lengths, vocab, False, t_kind)
        params = estimate_params(s_side, t_side, beads, base)
        band = band_around(nodes_of(shapes), n, m, settings.realign_band)
        shapes, gains = _search_widening(
            s_side, t_side, vocab, params, band, settings, True, BEAD_TYPES, settings.realign_band
        )

    if (refine_with is None and settings.window_prior > 0 and settings.sentence_weight > 0 and model is not None
            and model.beads >= SENTENCE_MIN_BEADS and max(n, m) <= settings.sentence_max):
        refine_with = sentence_refinement(settings)
    if refine_with is None and settings.window_prior > 0:
        # A lone merge among 1-1 beads never took a larger shape in the measurements (results/align.md):
        # only stretches with two or more beads that are not 1-1 are searched again.
        # The junction evidence is counted on the path: on a short one there are too few merges to count.
        junction = settings.junction_weight if len(shapes) >= SENTENCE_MIN_BEADS else 0.0
        refine_with = RefineSettings(weight=0.0, extra_prior=settings.window_prior, min_irregular=2, width=2,
                                     junction_weight=junction)
    if refine_with is not None and refine_with.weight == 0:
        junctions = (junction_classes(src), junction_classes(tgt)) if refine_with.junction_weight > 0 else None
        shapes, gains, _ = refine(shapes, gains, s_side, t_side, vocab, params, None, refine_with, junctions)
        params = window_params(params, refine_with)
    elif refine_with is not None and model is not None:
        if refine_with.retrain:
            model = train_model1(s_stems, t_stems, len(s_enc.stems), len(t_enc.stems), beads_from_shapes(shapes),
                                 min_count=settings.lexicon_min_count) or model
        refiner = WindowScorer(model, s_stems, t_stems, refine_with.mix, leave_one_out=refine_with.leave_one_out)
        junctions = (junction_classes(src), junction_classes(tgt)) if refine_with.junction_weight > 0 else None
        shapes, gains, _ = refine(shapes, gains, s_side, t_side, vocab, params, refiner, refine_with, junctions)
        params = window_params(params, refine_with)
    if scorer is not None:
        band = band_around(nodes_of(shapes), n, m, settings.realign_band)
        shapes, gains = _search_in(
            s_side, t_side, vocab, params, band, True, BEAD_TYPES, src, tgt, scorer, settings.semantic_weight
        )
    return _to_beads(shapes, gains, params)


#: Beads per window of the whole-path search with the sentence score (``AlignSettings.sentence_weight``):
#: longer windows cost more (their grids grow with the square), shorter ones cut more beads apart.
SENTENCE_WINDOW = 25
#: Share of a bead's words left to the unigram law in the sentence score (``RefineSettings.mix``).
SENTENCE_MIX = 0.3
#: The sentence score needs model 1 trained on at least this many beads: on a few beads every word
#: co-occurs with every other, and the score would reward any merge (a title taking the place of the
#: sentence a version dropped, ``tests/checks/test_structure_cases.py``).
SENTENCE_MIN_BEADS = 100


def sentence_refinement(settings: AlignSettings) -> RefineSettings:
    """The refinement run after the last pass by default: the whole path near the old one, with the sentence score."""
    return RefineSettings(weight=settings.sentence_weight, mix=SENTENCE_MIX, retrain=True,
                          extra_prior=settings.sentence_prior, min_irregular=0, width=2, whole=True,
                          max_beads=SENTENCE_WINDOW, max_window=8 * SENTENCE_WINDOW,
                          leave_one_out=settings.sentence_leave_one_out, junction_weight=settings.junction_weight)


def _check(settings: AlignSettings, src_kinds: Sequence[object] | None, n: int, tgt_kinds: Sequence[object] | None,
           m: int) -> None:
    for name, kinds, size in (("src_kinds", src_kinds, n), ("tgt_kinds", tgt_kinds, m)):
        if kinds is not None and len(kinds) != size:
            raise InputError(name, f"{len(kinds)} kinds given for {size} segments")
    for name in ("band", "realign_band", "passes", "lexicon_min_count"):
        if getattr(settings, name) < 1:
            raise ConfigError(name, f"must be at least 1, not {getattr(settings, name)}")
    if settings.lexicon not in ("model1", "dice"):
        raise ConfigError("lexicon", f"must be 'model1' or 'dice', not {settings.lexicon!r}")
    if not 0.0 <= settings.window_prior < 1.0:
        raise ConfigError("window_prior", f"must be at least 0 and below 1, not {settings.window_prior}")
    for name in ("max_widen", "kind_weight", "lexical_weight", "semantic_weight", "max_full", "lexicon_min_dice",
                 "lexicon_min_prob", "sentence_weight", "sentence_max", "sentence_prior", "junction_weight"):
        if getattr(settings, name) < 0:
            raise ConfigError(name, f"must not be negative, not {getattr(settings, name)}")


def _to_beads(shapes: Sequence[tuple[int, int]], gains: Sequence[float], params: CostParams) -> list[Bead]:
    out = []
    for (s, t), gain, shape in zip(beads_from_shapes(shapes), gains, shapes):
        if s and t:
            llr = gain - params.log_prior(shape)
            conf = 1.0 / (1.0 + math.exp(-max(min(llr, 50.0), -50.0)))
        else:
            conf = 0.0
        out.append(Bead(s, t, round(conf, 4)))
    return out


#: Shapes searched at coarse levels, where blocks of segments meet mostly one to one.
COARSE_TYPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))


def _coarse_to_fine(src: Side, tgt: Side, vocab: Vocabulary, params: CostParams, settings: AlignSettings,
                    top: bool) -> tuple[list[tuple[int, int]], list[float], CostParams]:
    """Align ``src`` and ``tgt``, searching a band around the path of a coarser level if they are large.

    Also returns the parameters with the length ratio measured on the path found: the ratio of
    whole documents is misled by one side's extra material (a page of adverts, captions), the
    ratio over aligned 1-1 beads is not, and each finer level starts from the coarser one's.
    """
    n, m = src.size, tgt.size
    shapes = BEAD_TYPES if top else COARSE_TYPES
    if (n + 1) * (m + 1) <= settings.max_full or min(n, m) < 8:
        band = full_band(n, m)
        path, gains = _search_widening(src, tgt, vocab, params, band, settings, top, shapes, settings.band)
        measured = _with_ratio(params, path, src, tgt)
        if abs(math.log(measured.ratio / params.ratio)) > 0.05:
            params = measured
            path, gains = _search_widening(src, tgt, vocab, params, band, settings, top, shapes, settings.band)
        return path, gains, _with_ratio(params, path, src, tgt)
    # Proportional blocks keep a side that splits more all along from drifting; a side far longer
    # than the other more likely holds extra material, which halved blocks keep in one place.
    groups = coarse_groups(n, m, proportional=max(n, m) <= 1.5 * min(n, m))
    coarse, _, params = _coarse_to_fine(*coarsen(src, tgt, vocab, groups), vocab, params, settings, top=False)
    band = _project(nodes_of(coarse), groups, n, m, settings.band)
    path, gains = _search_widening(src, tgt, vocab, params, band, settings, top, shapes, settings.band)
    return path, gains, _with_ratio(params, path, src, tgt)


def _with_ratio(params: CostParams, path: Sequence[tuple[int, int]], src: Side, tgt: Side) -> CostParams:
    """``params`` with the length ratio of the path's 1-1 beads (unchanged if there are fewer than 10)."""
    nodes = np.asarray(nodes_of(path)[:-1], dtype=np.int64)
    ones = np.asarray([shape == (1, 1) for shape in path])
    if ones.sum() < 10:
        return params
    ls = float(src.lengths[nodes[ones, 0]].sum())
    lt = float(tgt.lengths[nodes[ones, 1]].sum())
    return replace(params, ratio=lt / max(ls, 1.0))


def _project(coarse_nodes: Sequence[tuple[int, int]], groups: tuple[np.ndarray, np.ndarray], n: int, m: int,
             width: int) -> Band:
    """The fine band covering, for each coarse bead, the rectangle of its fine segments, widened."""
    # starts[k]: the first fine segment of block k (and the side's length after the last block).
    s_start = np.searchsorted(groups[0], np.arange(int(groups[0][-1]) + 2))
    t_start = np.searchsorted(groups[1], np.arange(int(groups[1][-1]) + 2))
    lo = np.full(n + 1, m + 1, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for (i0, j0), (i1, j1) in zip(coarse_nodes, coarse_nodes[1:]):
        r0, r1 = int(s_start[i0]), int(s_start[i1])
        c0, c1 = int(t_start[j0]), int(t_start[j1])
        lo[r0: r1 + 1] = np.minimum(lo[r0: r1 + 1], c0)
        hi[r0: r1 + 1] = np.maximum(hi[r0: r1 + 1], c1 + 1)
    return widen(Band(lo, hi), n, m, width)


def _search_widening(src: Side, tgt: Side, vocab: Vocabulary, params: CostParams, band: Band,
                     settings: AlignSettings, use_kinds: bool, shapes: Sequence[tuple[int, int]], width: int,
                     ) -> tuple[list[tuple[int, int]], list[float]]:
    """Search the band; where the path runs along its edge, widen the band there and search that stretch again.

    The stretch is searched again between the path's nodes just before and just after it,
    so a widening costs time in proportion to the stretch, not to the document.
    """
    n, m = src.size, tgt.size
    path, gains = _search_in(src, tgt, vocab, params, band, use_kinds, shapes)
    for attempt in range(settings.max_widen):
        hit = touches_edge(band, nodes_of(path), n, m)
        if not hit.any():
            break
        # Each attempt doubles the widening: a coarse level that went astray by hundreds of
        # segments is reached in a few attempts, while the usual small slips cost little.
        grow = width * 2 ** (attempt + 1)
        near = np.convolve(hit.astype(np.int64), np.ones(2 * grow + 1, dtype=np.int64), mode="same") > 0
        band = widen(band, n, m, grow, rows=near)
        path, gains = _repair(src, tgt, vocab, params, band, use_kinds, shapes, path, gains, near)
    return path, gains


def _repair(src: Side, tgt: Side, vocab: Vocabulary, params: CostParams, band: Band, use_kinds: bool,
            shapes: Sequence[tuple[int, int]], path: list[tuple[int, int]], gains: list[float], rows: np.ndarray,
            ) -> tuple[list[tuple[int, int]], list[float]]:
    """Search again each run of ``rows`` inside ``band``, keeping the path outside the runs."""
    flags = np.concatenate(([False], rows, [False]))
    starts = np.flatnonzero(flags[1:] & ~flags[:-1])
    stops = np.flatnonzero(~flags[1:] & flags[:-1])
    for r0, r1 in sorted(zip(starts.tolist(), stops.tolist()), reverse=True):  # right to left: indices stay valid
        nodes = nodes_of(path)
        rows_of = [i for i, _ in nodes]
        k0 = max(bisect_left(rows_of, r0) - 1, 0)  # last node before the run
        k1 = min(bisect_right(rows_of, r1), len(nodes) - 1)  # first node after it
        (i0, j0), (i1, j1) = nodes[k0], nodes[k1]
        if k1 - k0 < 1 or (i1 - i0) * (j1 - j0) == 0:
            continue
        lo = np.clip(band.lo[i0: i1 + 1], j0, j1) - j0
        hi = np.clip(band.hi[i0: i1 + 1], j0 + 1, j1 + 1) - j0
        sub_band = Band(lo, np.maximum(hi, lo + 1))
        sub_path, sub_gains = _search_in(
            slice_side(src, i0, i1), slice_side(tgt, j0, j1), vocab, params, sub_band, use_kinds, shapes
        )
        path = path[:k0] + sub_path + path[k1:]
        gains = gains[:k0] + sub_gains + gains[k1:]
    return path, gains


def _search_in(src: Side, tgt: Side, vocab: Vocabulary, params: CostParams, band: Band, use_kinds: bool,
               shapes: Sequence[tuple[int, int]] = BEAD_TYPES, src_texts: Sequence[str] | None = None,
               tgt_texts: Sequence[str] | None = None, scorer: SemanticScorer | None = None,
               semantic_weight: float = 0.0) -> tuple[list[tuple[int, int]], list[float]]:
    scores = band_scores(src, tgt, vocab, band, params, shapes, use_kinds)
    if scorer is not None and src_texts is not None and tgt_texts is not None:
        scores = _add_semantic(scores, band, shapes, src_texts, tgt_texts, scorer, semantic_weight)
    return search(band, shapes, scores, src.size, tgt.size, params.extend(shapes))


def _add_semantic(scores: np.ndarray, band: Band, shapes: Sequence[tuple[int, int]], src: Sequence[str],
                  tgt: Sequence[str], scorer: SemanticScorer, weight: float) -> np.ndarray:
    """Add ``weight * ((sim - mu) / sd - 2)`` per bead, ``mu``/``sd`` measured on unrelated pairs."""
    n, m = len(src), len(tgt)
    k = min(n, m, 200)
    ri = [(t * 7919) % n for t in range(k)]
    rj = [(t * 7919 + m // 2) % m for t in range(k)]
    base = np.asarray(scorer.score([src[i] for i in ri], [tgt[j] for j in rj]), dtype=np.float64)
    mu, sd = float(base.mean()), max(float(base.std()), 1e-3)
    rows, cols = band.cells_ij()
    out = scores.copy()
    for t, (a, b) in enumerate(shapes):
        if a == 0 or b == 0:
            continue
        ok = np.flatnonzero(np.isfinite(scores[t]))
        s_txt = [" ".join(src[int(rows[c]) - a: int(rows[c])]) for c in ok]
        t_txt = [" ".join(tgt[int(cols[c]) - b: int(cols[c])]) for c in ok]
        sim = np.asarray(scorer.score(s_txt, t_txt), dtype=np.float64) if ok.size else np.zeros(0)
        out[t, ok] += weight * np.clip((sim - mu) / sd - 2.0, -10.0, 10.0)
    return out


def settings_signature(settings: AlignSettings = AlignSettings(), scorer: SemanticScorer | None = None) -> str:
    """The signature of an alignment made with ``settings`` (and ``scorer``)."""
    return settings.signature(scorer)


__all__ = ["AlignSettings", "SemanticScorer", "align_pair", "settings_signature"]

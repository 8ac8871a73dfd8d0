"""Multi-way alignment: all versions of one text in one table of units.

Star alignment around a pivot version: every other version is aligned to the pivot with
the pairwise aligner; pivot segments linked by any version's bead are merged into one unit,
and what a version has that the pivot lacks goes between the pivot's units. Segments that
several versions insert at the same place are aligned among themselves recursively, so a
sentence the pivot dropped but the others keep still forms one unit.

Invariants (checked by :func:`validate_units`): every segment of every version is in exactly
one unit, each unit holds consecutive segments of a version, and order is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..executor import InProcess, executor_for
from ..heap import collector_paused
from ..model import Bead, Segment, SegmentKind, Unit

_FURNITURE = frozenset({SegmentKind.TITLE, SegmentKind.BOILERPLATE})

#: Below this many characters in a group the pairwise alignments run in this process whatever ``jobs`` says:
#: forking costs more than aligning a few thousand short segments.
PARALLEL_MIN_CHARS = 200_000

#: ``pair(src_segments, tgt_segments, src_lang, tgt_lang) -> beads`` with ids local to the sequences.
PairAligner = Callable[[Sequence[Segment], Sequence[Segment], "str | None", "str | None"], Sequence[Bead]]


@dataclass(frozen=True)
class _Version:
    segments: tuple[Segment, ...]
    language: str | None


def choose_pivot(lengths: Sequence[int]) -> int:
    """The version whose segment count is the median (ties: the earliest)."""
    order = sorted(range(len(lengths)), key=lambda k: (lengths[k], k))
    median = lengths[order[(len(order) - 1) // 2]]
    return min(k for k in range(len(lengths)) if lengths[k] == median)


def star_pairs(sizes: Sequence[int], pivot: int | None = None) -> list[tuple[int, int]]:
    """The (pivot, version) pairs that :func:`align_multiway` aligns first for versions of ``sizes`` segments.

    Each is ``pair(versions[pivot], versions[k], ...)``; a caller may compute them ahead (in other processes,
    beside other work) and hand the beads in as ``known``. Empty when fewer than two versions have segments.
    """
    present = [k for k in range(len(sizes)) if sizes[k]]
    if len(sizes) < 2 or len(present) < 2:
        return []
    p = pivot if pivot is not None and sizes[pivot] else present[choose_pivot([sizes[k] for k in present])]
    return [(p, k) for k in range(len(sizes)) if k != p and sizes[k]]


def align_multiway(
    versions: Sequence[Sequence[Segment]],
    languages: Sequence[str | None],
    pair: PairAligner,
    pivot: int | None = None,
    jobs: int = 1,
    known: Mapping[tuple[int, int], Sequence[Bead]] | None = None,
) -> tuple[Unit, ...]:
    """Align all ``versions`` at once; unit ids index into each version's sequence (0-based).

    With ``jobs`` > 1 the pivot's pairwise alignments (independent of each other, and on long documents
    most of the time) run in that many processes (:func:`aligner.executor.executor_for`) when the versions
    hold :data:`PARALLEL_MIN_CHARS` characters or more; the units are the same either way.
    ``known``: beads of pairs of :func:`star_pairs` computed already with the same ``pair`` function, by
    (pivot, version); those are not aligned again.
    """
    vs = [_Version(tuple(v), lang) for v, lang in zip(versions, languages)]
    chars = sum(len(s.text) for v in vs for s in v.segments)
    units = _align(vs, pair, pivot, jobs if chars >= PARALLEL_MIN_CHARS else 1, known or {})
    validate_units(units, [len(v) for v in versions])
    return tuple(units)


def _align(vs: list[_Version], pair: PairAligner, pivot: int | None = None, jobs: int = 1,
           known: Mapping[tuple[int, int], Sequence[Bead]] | None = None) -> list[Unit]:
    n = len(vs)
    sizes = [len(v.segments) for v in vs]
    if n == 0:
        return []
    if n == 1:
        return [Unit(((i,),), 1.0) for i in range(sizes[0])]
    present = [k for k in range(n) if sizes[k]]
    if not present:
        return []
    if len(present) == 1:
        k = present[0]
        return [Unit(tuple((i,) if j == k else () for j in range(n)), 0.0) for i in range(sizes[k])]
    pairs = star_pairs(sizes, pivot)
    p, others = pairs[0][0], [k for _, k in pairs]

    def to_pivot(k: int) -> list[Bead]:
        return list(pair(vs[p].segments, vs[k].segments, vs[p].language, vs[k].language))

    made: dict[int, Sequence[Bead]] = {k: known[(p, k)] for k in others if known and (p, k) in known}
    todo = [k for k in others if k not in made]
    executor = executor_for(jobs, len(todo)) if jobs > 1 else InProcess()
    made.update(zip(todo, executor.map_tasks(
        to_pivot, todo, label=lambda k: f"the alignment of version {k + 1} with version {p + 1}")))
    # (the units' bookkeeping makes lists by the ten thousand and no cycles: the 10 MB group's units, freshly
    # aligned, 0.43 -> 0.10 CPU s with the collector paused; the pairwise alignments above run before it, the small
    # alignments of what several versions insert at one place (:func:`_gap_units`) inside it)
    with collector_paused():
        return _units(vs, pair, p, made)


def _units(vs: list[_Version], pair: PairAligner, p: int, made: Mapping[int, Sequence[Bead]]) -> list[Unit]:
    """The units of versions ``vs`` around pivot ``p`` from each other version's beads with it (``made``)."""
    n = len(vs)
    m = len(vs[p].segments)
    # Pivot clusters: union pivot ids that any version's bead joins (contiguous ranges).
    joined_with_next = [False] * max(m - 1, 0)
    beads: dict[int, list[Bead]] = {}
    for k in range(n):
        if k == p:
            continue
        bk = list(made.get(k, []))
        beads[k] = bk
        for b in bk:
            for a in b.source[:-1]:
                joined_with_next[a] = True
    cluster_of = [0] * m
    c = 0
    for i in range(1, m):
        if not joined_with_next[i - 1]:
            c += 1
        cluster_of[i] = c
    n_clusters = c + 1 if m else 0

    members: list[list[list[int]]] = [[[] for _ in range(n)] for _ in range(n_clusters)]
    scores: list[list[float]] = [[] for _ in range(n_clusters)]
    # gaps[g][k]: ids version k inserts after cluster g-1 (g = 0: before the first cluster).
    gaps: list[list[list[int]]] = [[[] for _ in range(n)] for _ in range(n_clusters + 1)]
    gap_scores: list[list[float]] = [[] for _ in range(n_clusters + 1)]
    for i in range(m):
        members[cluster_of[i]][p].append(i)
    for k, bk in beads.items():
        last_pivot = -1
        # Next pivot id after each bead, to tell inserts inside a cluster from inserts between clusters.
        next_pivot = [m] * len(bk)
        nxt = m
        for j in range(len(bk) - 1, -1, -1):
            next_pivot[j] = nxt
            if bk[j].source:
                nxt = bk[j].source[0]
        for j, b in enumerate(bk):
            if b.source:
                cl = cluster_of[b.source[0]]
                members[cl][k].extend(b.target)
                if b.target:
                    scores[cl].append(b.score)
                last_pivot = b.source[-1]
            elif b.target:
                before = cluster_of[last_pivot] if last_pivot >= 0 else -1
                after = cluster_of[next_pivot[j]] if next_pivot[j] < m else n_clusters
                if before == after and before >= 0:
                    members[before][k].extend(b.target)
                else:
                    gaps[before + 1][k].extend(b.target)
                    gap_scores[before + 1].append(b.score)

    units: list[Unit] = []
    for g in range(n_clusters + 1):
        units.extend(_gap_units(vs, gaps[g], pair))
        if g < n_clusters:
            seg = tuple(tuple(sorted(ids)) for ids in members[g])
            sc = sum(scores[g]) / len(scores[g]) if scores[g] else 0.0
            units.append(Unit(seg, sc))
    return units


def _gap_units(vs: list[_Version], gap: list[list[int]], pair: PairAligner) -> list[Unit]:
    """Units for the segments versions insert at one place, aligned among themselves."""
    n = len(vs)
    if not any(gap):
        return []
    sub = [_Version(tuple(vs[k].segments[i] for i in gap[k]), vs[k].language) for k in range(n)]
    out: list[Unit] = []
    for u in _align(sub, pair):
        unit = Unit(tuple(tuple(gap[k][i] for i in u.segments[k]) for k in range(n)), u.score)
        furniture = {
            sub[k].segments[i].kind in _FURNITURE for k in range(n) for i in u.segments[k]
        }
        if len(furniture) == 2:
            # Page furniture one version inserted never shares a unit with another version's running text:
            # the versions' segments become units of their own, each version keeping its order.
            out.extend(
                Unit(tuple(unit.segments[j] if j == k else () for j in range(n)), 0.0)
                for k in range(n) if unit.segments[k]
            )
        else:
            out.append(unit)
    return out


def validate_units(units: Sequence[Unit], sizes: Sequence[int]) -> None:
    """Raise ``ValueError`` unless every segment is in exactly one unit, consecutive and in order."""
    for k, size in enumerate(sizes):
        expected = 0
        for u in units:
            ids = u.segments[k]
            for i in ids:
                if i != expected:
                    raise ValueError(f"version {k}: segment {i} out of order (expected {expected})")
                expected += 1
        if expected != size:
            raise ValueError(f"version {k}: {expected} of {size} segments in units")
    for u in units:
        if not any(u.segments):
            raise ValueError("empty unit")

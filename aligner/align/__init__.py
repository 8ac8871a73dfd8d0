"""Alignment: group the versions of one text, then align each group's versions all at once.

Public API: :func:`align_documents` (group + align), :func:`align_group` (one known group),
:func:`align_pair` (two segment lists, the pure core) and :func:`group_documents`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from ..model import Alignment, Bead, Document, Segment
from ..signature import Signature
from .grouping import Beside, Grouping, group_documents
from .keyed import align_keyed, group_keyed, one_source
from .multiway import PARALLEL_MIN_CHARS, align_multiway, star_pairs
from .pairwise import AlignSettings, SemanticScorer, align_pair

__all__ = [
    "AlignResult",
    "AlignSettings",
    "SemanticScorer",
    "align_documents",
    "align_group",
    "align_pair",
    "alignment_settings",
    "alignment_signature",
    "group_documents",
]


@dataclass(frozen=True)
class AlignResult:
    """Groups of versions with their multi-way alignments, and the documents set apart."""

    groups: tuple[Alignment, ...]
    unmatched: tuple[tuple[Document, str], ...]
    grouping: Grouping | None
    signature: str

    def to_dict(self) -> dict:
        return {
            "groups": [g.to_dict() for g in self.groups],
            "unmatched": [{"path": d.path, "language": d.language, "reason": r} for d, r in self.unmatched],
            "signature": self.signature,
        }


def _pair_function(settings: AlignSettings, scorer: SemanticScorer | None):
    def pair(src: Sequence[Segment], tgt: Sequence[Segment], src_lang: str | None, tgt_lang: str | None) -> list[Bead]:
        return align_pair(
            [s.text for s in src], [s.text for s in tgt], src_lang, tgt_lang,
            src_kinds=[s.kind.value for s in src], tgt_kinds=[s.kind.value for s in tgt],
            scorer=scorer, settings=settings,
        )

    return pair


def alignment_settings(settings: AlignSettings = AlignSettings(), scorer: SemanticScorer | None = None,
                       grouping: bool = True) -> Signature:
    """The settings of an alignment run: the pairwise settings (nested) plus the multi-way strategy.

    A check run nests this whole signature, so it names the alignment it was made on.
    """
    # (the same fields as AlignSettings.signature, nested here so the version is written once)
    pair = Signature.of("pair", {**asdict(settings), "scorer": type(scorer).__name__ if scorer is not None else None})
    return Signature.of("align", {"pair": pair, "multiway": "star-median", "group": grouping})


def alignment_signature(settings: AlignSettings = AlignSettings(), scorer: SemanticScorer | None = None,
                        grouping: bool = True) -> str:
    """The signature string of an alignment run (see :func:`alignment_settings`)."""
    return alignment_settings(settings, scorer, grouping).render()


def align_group(
    docs: Sequence[Document],
    *,
    settings: AlignSettings = AlignSettings(),
    scorer: SemanticScorer | None = None,
    signature: str | None = None,
    jobs: int = 1,
) -> Alignment:
    """Align versions known to be of one text: one table of units, every segment exactly once.

    ``jobs``: processes for the pairwise alignments of a long group (:func:`align_multiway`); same units.
    """
    return _align_group(docs, settings, scorer, signature, jobs, None)


def _align_group(docs: Sequence[Document], settings: AlignSettings, scorer: SemanticScorer | None,
                 signature: str | None, jobs: int, known: dict[tuple[int, int], list[Bead]] | None) -> Alignment:
    """:func:`align_group`, with ``known`` pairwise beads by (pivot, version) position (:func:`align_multiway`)."""
    units = align_multiway([d.segments for d in docs], [d.language for d in docs], _pair_function(settings, scorer),
                           jobs=jobs, known=known)
    return Alignment(tuple(docs), units, signature or alignment_signature(settings, scorer, grouping=False))


def _star_ahead(docs: Sequence[Document], settings: AlignSettings, scorer: SemanticScorer | None,
                jobs: int) -> Beside | None:
    """The pivot alignments of one group of all ``docs``, to run beside the grouping's evidence (:class:`Beside`).

    Only where both would run in worker processes (``jobs`` > 1, :data:`PARALLEL_MIN_CHARS` characters or more);
    the grouping runs them only when its screen expects one group of all.
    """
    if jobs <= 1 or len(docs) < 2 or sum(len(d.text) for d in docs) < PARALLEL_MIN_CHARS:
        return None
    pair = _pair_function(settings, scorer)
    tasks = star_pairs([len(d.segments) for d in docs])

    def run(task: object) -> list[Bead]:
        p, k = task  # type: ignore[misc]
        return list(pair(docs[p].segments, docs[k].segments, docs[p].language, docs[k].language))

    def label(task: object) -> str:
        p, k = task  # type: ignore[misc]
        return f"the alignment of {docs[k].path} with {docs[p].path}"

    return Beside(tasks, run, label) if tasks else None


def _known(ahead: Beside | None, members: Sequence[int]) -> dict[tuple[int, int], list[Bead]] | None:
    """The beads ``ahead`` made for pairs of ``members``, by their positions in the group."""
    if ahead is None or not ahead.results:
        return None
    position = {d: x for x, d in enumerate(members)}
    return {(position[p], position[k]): ahead.results[t]  # type: ignore[misc]
            for t, (p, k) in enumerate(ahead.tasks) if t in ahead.results and p in position and k in position}


def align_documents(
    docs: Sequence[Document],
    *,
    group: bool = True,
    settings: AlignSettings = AlignSettings(),
    scorer: SemanticScorer | None = None,
    jobs: int = 1,
) -> AlignResult:
    """Group ``docs`` into versions of one text (unless ``group`` is False) and align each group.

    ``jobs``: processes for the costly parts of long inputs (the grouping's features and alignment evidence,
    each long group's pairwise alignments); the result is the same whatever it is.

    Documents of localization files (keyed segments, :attr:`Document.keyed`) are grouped and aligned by
    key (:mod:`aligner.align.keyed`); the others by their text. Groups come in the order of their first
    document.
    """
    signature = alignment_signature(settings, scorer, grouping=group)
    keyed = [i for i, d in enumerate(docs) if d.keyed]
    if keyed and len(keyed) == len(docs) and not group:
        return AlignResult((align_keyed(one_source(docs), signature),), (), None, signature)
    if not group:
        return AlignResult((align_group(docs, settings=settings, scorer=scorer, signature=signature, jobs=jobs),), (),
                           None, signature)
    if not keyed:
        # The pivot alignments of one group of all run beside the grouping's evidence when its screen expects that
        # group; a group that turns out otherwise aligns what it lacks afterwards (the same beads either way).
        ahead = _star_ahead(docs, settings, scorer, jobs)
        grouping = group_documents(docs, jobs=jobs, beside=ahead)
        groups = tuple(
            _align_group([docs[i] for i in g.members], settings, scorer, signature, jobs, _known(ahead, g.members))
            for g in grouping.groups
        )
        unmatched = tuple((docs[u.index], u.reason) for u in grouping.unmatched)
        return AlignResult(groups, unmatched, grouping, signature)
    # Keyed documents group and align by key; the running texts among them as before.
    made: list[tuple[int, Alignment]] = []
    lone: list[tuple[int, tuple[Document, str]]] = []
    for members in group_keyed([docs[i] for i in keyed]):
        first = keyed[members[0]]
        chosen = one_source([docs[keyed[m]] for m in members])
        if len(chosen) < 2:
            if chosen[0].is_source:
                continue  # a template, or a catalog with nothing translated yet: nothing to compare, no fault
            lone.append((first, (chosen[0], "no other version of this resource shares its keys; "
                                            "give the other languages' files too")))
            continue
        made.append((first, align_keyed(chosen, signature)))
    plain = [i for i in range(len(docs)) if i not in set(keyed)]
    grouping = None
    if plain:
        grouping = group_documents([docs[i] for i in plain], jobs=jobs)
        for g in grouping.groups:
            members = [plain[m] for m in g.members]
            made.append((members[0], align_group([docs[i] for i in members], settings=settings, scorer=scorer,
                                                 signature=signature, jobs=jobs)))
        lone.extend((plain[u.index], (docs[plain[u.index]], u.reason)) for u in grouping.unmatched)
    made.sort(key=lambda x: x[0])
    lone.sort(key=lambda x: x[0])
    return AlignResult(tuple(a for _, a in made), tuple(u for _, u in lone), grouping, signature)

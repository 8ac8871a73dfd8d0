"""Blocking a corpus for grouping: which documents can be versions of one text, without comparing every pair.

Each document gets language-independent keys (:func:`block_keys`: its numbers, its names in Latin
letters); documents sharing rare keys form a block (:func:`block_documents`), and each block is
grouped as a whole (:func:`group_corpus`), so 100,000 files do not need 10^10 comparisons.
Pure functions over :class:`~aligner.model.Document`; the executor only says where the blocks are grouped.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ..executor import Executor, batches
from ..model import Document
from .grouping import Group, Grouping, Unmatched, group_documents

__all__ = ["block_documents", "block_keys", "corpus_grouping", "group_blocks", "group_corpus", "grouping_jobs",
           "placed", "second_chance"]

#: Weight (documents squared, as grouping a block costs) per grouping task of a corpus run.
GROUPING_WEIGHT_PER_TASK = 100
#: A key shared by more documents than this says nothing about which text they are versions of.
RARE_KEY_DOCUMENTS = 16
#: Past this many documents without 3 rare keys, they are blocked by their structure (see :func:`block_documents`).
LOOSE_BLOCK = 48
_DIGITS = re.compile(r"\d{2,}")


def block_keys(doc: Document) -> frozenset[str]:
    """The language-independent keys a document is blocked by: its numbers and its names, in Latin letters.

    ``#32``: a digit run of two or more digits (``32 300`` gives 32 and 300, whatever the separator).
    ``@brln``: a name, transliterated to Latin (:func:`aligner.text.translit.transliterate`) and cut to
    the first four letters of its consonant skeleton, so that ``Berlin``, ``Берлин`` and ``బెర్లిన్`` are
    one key and an inflected ``Trampas`` is ``Trump``'s. In a cased script a name is a capitalised word
    that does not open its sentence; in an uncased one (Telugu, Thai...) every word counts, and the
    rarity of keys (:func:`block_documents`) leaves the names.
    """
    from ..text.scripts import CASED_SCRIPTS, dominant_script
    from ..text.tokens import NAME_WORD
    from ..text.translit import skeleton, transliterate

    keys = {"#" + d for d in _DIGITS.findall(doc.text)}
    cased = dominant_script(doc.text[:4000]) in CASED_SCRIPTS
    for seg in doc.segments:
        for k, word in enumerate(NAME_WORD.findall(seg.text)):
            if cased and (k == 0 or not word[:1].isupper()):
                continue
            key = skeleton(transliterate(word))[:4]
            if len(key) >= 3:
                keys.add("@" + key)
    return frozenset(keys)


def _paragraphs(doc: Document) -> int:
    return len({s.paragraph for s in doc.segments})


#: A block grows by a link only while it stays this small (links are taken strongest first).
MAX_BLOCK = 64


def block_documents(docs: Sequence[Document], keys: Sequence[frozenset[str]] | None = None) -> list[list[int]]:
    """Candidate blocks of ``docs``: documents linked by the rare keys they share, as connected components.

    The keys are language-independent (:func:`block_keys`: numbers, names in Latin letters); a key
    is rare when at most :data:`RARE_KEY_DOCUMENTS` documents hold it. Two documents are linked when
    they share at least 3 rare keys and those are at least 30% of the smaller one's (two documents
    of one language: rare numbers, as texts of one template share their names); then each
    document still alone joins the block it shares the most rare keys with, summed over the
    block's documents and weighted by how rare (at least two keys).
    Links are taken strongest first, and one that would make a block larger than :data:`MAX_BLOCK`
    is not taken (a common name must not chain a corpus into one block). The documents left alone
    form one block while they are at most :data:`LOOSE_BLOCK`; past that they are blocked by their
    structure: by paragraph count, then in runs of at most :data:`LOOSE_BLOCK` by segment count
    (versions of one text keep their paragraphs). Each block is then grouped as a whole by
    :func:`aligner.align.group_documents`, so a block only bounds which pairs are compared: 100,000
    files do not need 10^10 comparisons. ``keys``: each document's :func:`block_keys`, when they were
    computed already (where the documents were read).
    """
    from collections import defaultdict

    if keys is None:
        keys = [block_keys(d) for d in docs]
    holders: dict[str, list[int]] = defaultdict(list)
    for i, ks in enumerate(keys):
        for k in sorted(ks):  # (sorted: the weights below are summed in one order, whatever the hash seed)
            holders[k].append(i)
    # (per document and pair: [rare keys, rare numbers] and [shared, shared numbers, weight, number weight])
    rare = [[0, 0] for _ in docs]
    shared: dict[tuple[int, int], list[float]] = defaultdict(lambda: [0, 0, 0.0, 0.0])
    for key, members in holders.items():
        if len(members) <= RARE_KEY_DOCUMENTS:
            number = key.startswith("#")
            weight = 1.0 / len(members)
            for a in range(len(members)):
                rare[members[a]][0] += 1
                rare[members[a]][1] += number
                for b in range(a + 1, len(members)):
                    pair = shared[members[a], members[b]]
                    pair[0] += 1
                    pair[2] += weight
                    if number:
                        pair[1] += 1
                        pair[3] += weight
    parent = list(range(len(docs)))
    size = [1] * len(docs)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def link(a: int, b: int) -> None:
        ra, rb = root(a), root(b)
        if ra != rb and size[ra] + size[rb] <= MAX_BLOCK:
            parent[ra] = rb
            size[rb] += size[ra]

    # Two documents in one language count only their numbers: texts of one template share their names,
    # and in an uncased script every word is a key; across languages a shared name is evidence.
    strong = []
    partners: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
    for (a, b), (n_all, n_num, w_all, w_num) in shared.items():
        same = docs[a].language is not None and docs[a].language == docs[b].language
        n, w = (n_num, w_num) if same else (n_all, w_all)
        smaller = min(rare[a][same], rare[b][same])
        if n >= 3 and n >= 0.3 * smaller:
            strong.append((-n / smaller, a, b))
        if n:
            partners[a].append((b, n, w))
            partners[b].append((a, n, w))
    for _, a, b in sorted(strong):
        link(a, b)
    # A document still alone joins the block it shares most with, summed over the block's documents
    # (one coincidence with one document weighs less than a few names shared with a whole set).
    lone = [x for x in range(len(docs)) if size[root(x)] == 1]
    choice = []
    for x in lone:
        score: dict[int, list[float]] = defaultdict(lambda: [0, 0.0])
        for y, n, w in partners.get(x, ()):
            entry = score[root(y)]
            entry[0] += n
            entry[1] += w
        found = [(-w, r) for r, (n, w) in score.items() if n >= 2]
        if found:
            choice.append((min(found), x))
    for (_, r), x in sorted(choice):
        link(x, r)
    blocks: dict[int, list[int]] = defaultdict(list)
    for i in range(len(docs)):
        blocks[root(i)].append(i)
    out = [b for b in blocks.values() if len(b) > 1]
    loose = [b[0] for b in blocks.values() if len(b) == 1]
    if len(loose) <= LOOSE_BLOCK:
        out.append(loose)
    else:
        by_shape: dict[int, list[int]] = defaultdict(list)
        for i in loose:
            by_shape[_paragraphs(docs[i])].append(i)
        for members in by_shape.values():
            members.sort(key=lambda i: (len(docs[i].segments), i))
            out.extend(sorted(members[k:k + LOOSE_BLOCK]) for k in range(0, len(members), LOOSE_BLOCK))
    return sorted((b for b in out if b), key=lambda b: b[0])


def grouping_jobs(docs: Sequence[Document], keys: Sequence[frozenset[str]] | None = None
                  ) -> tuple[list[list[int]], list[list[int]], list[tuple[tuple[Document, ...], ...]]]:
    """The blocks of ``docs`` (:func:`block_documents`), cut into runs (several small blocks to a run, by
    documents squared, as grouping a block costs), and each run's task for :func:`group_blocks`: its blocks'
    documents."""
    blocks = block_documents(docs, keys)
    runs = batches([len(b) ** 2 for b in blocks], GROUPING_WEIGHT_PER_TASK, len(docs) + 1)
    jobs = [tuple(tuple(docs[i] for i in blocks[k]) for k in run) for run in runs]
    return blocks, runs, jobs


def group_blocks(blocks: tuple[tuple[Document, ...], ...]) -> list[tuple[tuple, tuple]]:
    """:func:`aligner.align.group_documents` on each block: its groups and unmatched (indices in the block)."""
    out = []
    for block in blocks:
        part = group_documents(list(block))
        out.append((part.groups, part.unmatched))
    return out



def placed(blocks: Sequence[Sequence[int]], run: Sequence[int], found: Sequence[tuple[tuple, tuple]]
           ) -> tuple[list[Group], list[Unmatched]]:
    """The groups and unmatched documents of one run's :func:`group_blocks` result, in the corpus's indices."""
    groups: list[Group] = []
    unmatched: list[Unmatched] = []
    for k, (part_groups, part_unmatched) in zip(run, found):
        block = blocks[k]
        groups.extend(dataclasses.replace(g, members=tuple(block[m] for m in g.members)) for g in part_groups)
        unmatched.extend(dataclasses.replace(u, index=block[u.index], closest=tuple(block[c] for c in u.closest))
                         for u in part_unmatched)
    return groups, unmatched


def corpus_grouping(docs: Sequence[Document], groups: Sequence[Group], unmatched: Sequence[Unmatched]) -> Grouping:
    """The :class:`~aligner.align.grouping.Grouping` of the blocks' groups: groups in order of their
    members (the order that numbers them), unmatched documents in document order; no similarity matrix
    (it would hold n² numbers). Before :func:`second_chance`."""
    return Grouping(tuple(sorted(groups, key=lambda g: g.members)), tuple(sorted(unmatched, key=lambda u: u.index)),
                    (), paths=tuple(d.path for d in docs), languages=tuple(d.language for d in docs))


def group_corpus(docs: Sequence[Document], executor: Executor | None = None,
                 keys: Sequence[frozenset[str]] | None = None) -> Grouping:
    """:func:`aligner.align.group_documents` block by block (:func:`block_documents`); groups by first document.

    With an ``executor`` the blocks are grouped as its tasks (several small blocks to a task); the
    grouping is the same. The :class:`~aligner.align.grouping.Grouping` has no similarity matrix (it
    would hold n² numbers). ``keys`` as for :func:`block_documents`. (A corpus audit runs the same
    tasks through :func:`grouping_jobs` and :func:`placed`, and starts each block's groups as soon
    as that block is grouped.)
    """
    from ..executor import InProcess

    blocks, runs, jobs = grouping_jobs(docs, keys)
    parts = (executor or InProcess()).map_tasks(group_blocks, jobs, label=lambda j: f"grouping {j[0][0].id}")
    groups, unmatched = [], []
    for run, found in zip(runs, parts):
        g, u = placed(blocks, run, found)
        groups.extend(g)
        unmatched.extend(u)
    return second_chance(docs, corpus_grouping(docs, groups, unmatched))


#: Units (groups, or documents left in no group) screened for each unit, nearest by segment count first.
SECOND_CHANCE_SCREEN = 32
#: Of those, the best screened whose grouping with the unit is run again.
SECOND_CHANCE_TRIES = 2
#: Segment counts of two documents further apart than this ratio are not taken for versions of one text here.
SECOND_CHANCE_RATIO = 1.5


def second_chance(docs: Sequence[Document], grouping: Grouping) -> Grouping:
    """Join what blocking kept apart: groups and lone documents of disjoint languages that are one text.

    Blocks are made from rare keys (numbers, names in Latin letters); a version whose names are
    translated rather than transliterated (Lithuanian ``Vokietija`` for Germany) or written in an
    uncased script shares few of them and can land in a block of other texts, where it is rightly
    refused, or with another stray version of its text, where the two make a group of their own.
    Here two units (a group, or a document in no group) are grouped again when they share no
    language and together hold languages that some group of the corpus holds (so a corpus whose
    texts all come in the same languages, or of lone documents, costs nothing here). Each unit is
    screened (numbers, names, structure, length: the cheap part of
    :func:`aligner.align.grouping.document_similarity`) against the :data:`SECOND_CHANCE_SCREEN`
    such units whose segment counts are nearest (within :data:`SECOND_CHANCE_RATIO`), and grouped
    again with each of the :data:`SECOND_CHANCE_TRIES` best screened that no pair vetoes: the two
    join when :func:`aligner.align.group_documents` makes one group of them all (what grouping all
    pairs would decide). Units are taken in order of their first document, so the result does not
    depend on where the blocks were grouped.
    """
    import math
    from collections import defaultdict

    from .grouping import _features, _pair

    if not grouping.groups:
        return grouping
    # A unit: its documents, and its group (None: a lone document, or a group made here).
    units: list[list[int] | None] = [list(g.members) for g in grouping.groups]
    made: list[Group | None] = list(grouping.groups)
    for u in grouping.unmatched:
        units.append([u.index])
        made.append(None)
    features: dict[int, object] = {}

    def feature(i: int) -> object:
        if i not in features:
            features[i] = _features(docs[i])
        return features[i]

    def languages(members: list[int]) -> frozenset[str]:
        return frozenset(docs[i].language for i in members if docs[i].language is not None)

    by_languages: dict[frozenset[str], list[int]] = defaultdict(list)
    for k, members in enumerate(units):
        by_languages[languages(members)].append(k)
    # The language sets the corpus's texts come in: two pieces may make one text only if together they hold
    # languages some group holds (a corpus of lone documents, or of texts in disjoint languages, costs nothing).
    seen = {languages(list(g.members)) for g in grouping.groups}
    known = [a for a in seen if not any(a < b for b in seen)]
    limit = math.log(SECOND_CHANCE_RATIO)
    for k in sorted(range(len(units)), key=lambda k: units[k][0]):
        if units[k] is None:
            continue
        mine = languages(units[k])
        fits = [langs for langs in by_languages if not langs & mine and any(langs | mine <= c for c in known)]
        others = [v for langs in fits for v in by_languages[langs] if v != k and units[v] is not None]
        if not others:
            continue
        sizes = [max(1, len(docs[i].segments)) for i in units[k]]
        near = []
        for v in others:
            gap = min(abs(math.log(a / max(1, len(docs[j].segments)))) for a in sizes for j in units[v])
            if gap <= limit:
                near.append((gap, units[v][0], v))
        near.sort()
        screened = []
        for _, first, v in near[:SECOND_CHANCE_SCREEN]:
            scores = [_pair(feature(i), feature(j)) for i in units[k] for j in units[v]]
            if not any(s[3] for s in scores):
                screened.append((-sum(s[0] for s in scores) / len(scores), first, v))
        for _, _, v in sorted(screened)[:SECOND_CHANCE_TRIES]:
            together = sorted(units[k] + units[v])
            part = group_documents([docs[i] for i in together])
            if len(part.groups) == 1 and len(part.groups[0].members) == len(together):
                g = part.groups[0]
                by_languages[languages(units[k])].remove(k)
                by_languages[languages(units[v])].remove(v)
                units[k], units[v] = together, None
                made[k], made[v] = dataclasses.replace(g, members=tuple(together[m] for m in g.members)), None
                by_languages[languages(together)].append(k)
                break
    if all(m is g for m, g in zip(made, grouping.groups)) and len(made) == len(grouping.groups) + len(
            grouping.unmatched) and all(m is None for m in made[len(grouping.groups):]):
        return grouping
    groups = sorted((g for g in made if g is not None), key=lambda g: g.members)
    grouped = {i for g in groups for i in g.members}
    unmatched = tuple(u for u in grouping.unmatched if u.index not in grouped)
    return dataclasses.replace(grouping, groups=tuple(groups), unmatched=unmatched)

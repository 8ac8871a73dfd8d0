"""Versions of a localization resource align by key, not by position.

A gettext catalog's ``msgid`` and ``msgstr``, two XLIFF ``<target>`` files, ``de.json`` and ``lt.json``:
their entries are matched by their keys (``msgctxt\\x04msgid``, trans-unit id, key path), which the file
gives, so no length model or anchor is needed and none may second-guess it. A key one version lacks is a
unit that version is absent from (an omission or an addition, as for running text).

Grouping is by key too: the documents of one file belong together (a catalog's source and target), and
files whose key sets overlap by at least :data:`MIN_SHARED_KEYS` are versions of one resource. Of several
source documents in one group (every ``da.po`` and ``lt.po`` of a domain carries the same English
``msgid``\\ s), the first is kept and the others are left out of the alignment, so one source remains.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Alignment, Document, Unit

#: The share of the smaller key set that two keyed documents must have in common to be one resource.
MIN_SHARED_KEYS = 0.5


def group_keyed(docs: Sequence[Document]) -> list[list[int]]:
    """Indices of ``docs`` (all keyed) in groups: one file's documents together, overlapping key sets joined.

    Deterministic: groups and their members in input order.
    """
    groups: list[list[int]] = []
    keys_of: list[set[str]] = []
    paths: list[set[str]] = []
    for i, doc in enumerate(docs):
        keys = {s.key for s in doc.segments if s.key is not None}
        placed = False
        for g, members in enumerate(groups):
            shared = len(keys & keys_of[g])
            smaller = min(len(keys), len(keys_of[g])) or 1
            if doc.path in paths[g] or shared / smaller >= MIN_SHARED_KEYS:
                members.append(i)
                keys_of[g] |= keys
                paths[g].add(doc.path)
                placed = True
                break
        if not placed:
            groups.append([i])
            keys_of.append(set(keys))
            paths.append({doc.path})
    return groups


def one_source(docs: Sequence[Document]) -> list[Document]:
    """``docs`` with every source document after the first of each language left out."""
    seen: set[str | None] = set()
    out = []
    for doc in docs:
        if doc.is_source:
            if doc.language in seen:
                continue
            seen.add(doc.language)
        out.append(doc)
    return out


#: Joins a key and the number of its repeat (:func:`~aligner.io.formats.build.keyed_document`): the forms of
#: a plural entry, ``key``, ``key\x002``...
_REPEAT = "\x00"


def _entry(key: str) -> str:
    return key.split(_REPEAT, 1)[0]


def align_keyed(docs: Sequence[Document], signature: str = "") -> Alignment:
    """One unit per entry, in the order entries first appear (the source's order when it comes first).

    The forms of a plural entry (its key repeated) are one unit, each version with as many forms as it has:
    English ``msgid``/``msgid_plural`` against Lithuanian's three ``msgstr[n]`` is one entry, not a form
    added in Lithuanian.
    """
    order: dict[str, None] = {}
    for doc in sorted(docs, key=lambda d: not d.is_source):
        for seg in doc.segments:
            if seg.key is not None:
                order.setdefault(_entry(seg.key), None)
    where: list[dict[str, list[int]]] = []
    for doc in docs:
        ids: dict[str, list[int]] = {}
        for seg in doc.segments:
            if seg.key is not None:
                ids.setdefault(_entry(seg.key), []).append(seg.id)
        where.append(ids)
    units = tuple(
        Unit(tuple(tuple(w.get(key, ())) for w in where)) for key in order
    )
    return Alignment(tuple(docs), units, signature)

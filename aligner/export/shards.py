"""Corpus-scale outputs in shards: aligned units as Parquet, findings as JSON lines, TMX per language pair.

Pure renderers, bytes out, like every exporter; :func:`aligner.corpus.write_corpus` decides
the file names and writes them atomically. A corpus of many groups is cut into shards of whole
groups (``groups_per_shard`` each) so no file grows with the corpus and a reader can stream them.

Parquet needs ``pyarrow`` (the ``cluster`` extra); nothing imports it before a shard is rendered.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import ConfigError
from ..model import Alignment, Finding, Unit
from .corpus import language_code
from .tmx import _DOCTYPE, TmxExporter, add_units, tuv_languages

__all__ = ["TmxPiece", "UnitsPiece", "findings_jsonl", "language_pairs", "pair_alignments", "tmx_pair",
           "tmx_pair_from_pieces", "tmx_pieces", "units_parquet", "units_parquet_from_pieces", "units_piece",
           "version_columns"]


def version_columns(alignments: Iterable[Alignment]) -> list[str]:
    """Every version column of the corpus, sorted: the language (``lt``; ``lt-x-v2`` for a second Lithuanian)."""
    return sorted({tag for a in alignments for tag in tuv_languages(a)})


@dataclass(frozen=True)
class UnitsPiece:
    """One group's rows of :func:`units_parquet`, column by column (made where the group ran).

    ``scores`` a unit's score each; ``versions`` for each of the group's version columns (its
    :func:`~aligner.export.tmx.tuv_languages`) the lists of texts, files, first lines and segment ids,
    a unit each. Columns of versions the group lacks are filled with nulls when the shard is written.
    """

    scores: tuple[float, ...]
    versions: tuple[tuple[str, tuple[list, list, list, list]], ...]


def units_piece(alignment: Alignment) -> UnitsPiece:
    """The :class:`UnitsPiece` of one group's alignment."""
    docs = alignment.documents
    versions = []
    for k, tag in enumerate(tuv_languages(alignment)):
        texts: list = []
        files: list = []
        lines: list = []
        segments: list = []
        for unit in alignment.units:
            ids = unit.segments[k]
            texts.append(alignment.texts(unit, k) if ids else None)
            files.append(docs[k].path)
            lines.append(docs[k].segments[ids[0]].line if ids else None)
            segments.append(list(ids))
        versions.append((tag, (texts, files, lines, segments)))
    return UnitsPiece(tuple(round(u.score, 4) for u in alignment.units), tuple(versions))


def units_parquet(groups: Sequence[tuple[int, Alignment]], columns: Sequence[str]) -> bytes:
    """One Parquet file: a row per unit of each ``(group number, alignment)``, a column per version.

    Columns: ``group``, ``unit`` (1-based), ``score``, then for each version column ``C`` of
    ``columns``: ``C`` (the text, null where the group has no such version), ``C.file``,
    ``C.line`` (first line of the unit's text) and ``C.segments`` (segment ids).
    """
    return units_parquet_from_pieces([(number, units_piece(a)) for number, a in groups], columns)


def units_parquet_from_pieces(groups: Sequence[tuple[int, UnitsPiece]], columns: Sequence[str]) -> bytes:
    """:func:`units_parquet` from each group's :class:`UnitsPiece` (made where the groups ran): the same bytes."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - the test extra installs it
        raise ConfigError("--layout", "Parquet shards need pyarrow; install it with pip install 'aligner[cluster]'") \
            from None
    data: dict[str, list] = {"group": [], "unit": [], "score": []}
    for c in columns:
        data.update({c: [], f"{c}.file": [], f"{c}.line": [], f"{c}.segments": []})
    for number, piece in groups:
        n = len(piece.scores)
        data["group"].extend([number] * n)
        data["unit"].extend(range(1, n + 1))
        data["score"].extend(piece.scores)
        here = dict(piece.versions)
        for c in columns:
            found = here.get(c)
            for name, values in zip((c, f"{c}.file", f"{c}.line", f"{c}.segments"), found or ((None,) * 4)):
                data[name].extend(values if found else [None] * n)
    schema = pa.schema([("group", pa.int32()), ("unit", pa.int32()), ("score", pa.float64())]
                       + [field for c in columns for field in (
                           (c, pa.string()), (f"{c}.file", pa.string()), (f"{c}.line", pa.int32()),
                           (f"{c}.segments", pa.list_(pa.int32())))])
    table = pa.table(data, schema=schema)
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def findings_jsonl(groups: Sequence[tuple[int, Sequence[Finding]]]) -> bytes:
    """One JSON object per finding, each with its ``group`` number (0: the ungrouped documents)."""
    lines = [json.dumps({"group": number, **f.to_dict()}, ensure_ascii=False, sort_keys=True)
             for number, findings in groups for f in findings]
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def language_pairs(alignments: Iterable[Alignment]) -> list[tuple[str, str]]:
    """The pairs of languages that share a group, each pair once, in sorted order."""
    pairs = set()
    for alignment in alignments:
        langs = sorted({language_code(d.language) for d in alignment.documents})
        pairs.update((a, b) for i, a in enumerate(langs) for b in langs[i + 1:])
    return sorted(pairs)


def pair_alignments(alignments: Iterable[Alignment], pair: tuple[str, str]) -> list[Alignment]:
    """Each group holding both languages of ``pair``, cut down to their first versions and the units they share."""
    out = []
    for alignment in alignments:
        langs = [language_code(d.language) for d in alignment.documents]
        if pair[0] not in langs or pair[1] not in langs:
            continue
        ks = (langs.index(pair[0]), langs.index(pair[1]))
        units = tuple(Unit((u.segments[ks[0]], u.segments[ks[1]]), u.score) for u in alignment.units
                      if u.segments[ks[0]] and u.segments[ks[1]])
        out.append(Alignment(tuple(alignment.documents[k] for k in ks), units, alignment.signature))
    return out


def tmx_pair(alignments: Sequence[Alignment], pair: tuple[str, str]) -> bytes:
    """The TMX of one language pair over every group that holds both."""
    return TmxExporter().render(pair_alignments(alignments, pair))[""]


#: The group number a :class:`TmxPiece` is rendered with, put right in :func:`tmx_pair_from_pieces`. Both places it
#: takes are found with the ``<`` before them, which text and attribute values never hold unescaped.
_PIECE_GROUP = 0
_PIECE_HEADS = (b'<tu tuid="%d.' % _PIECE_GROUP, b'<prop type="x-aligner-group">%d</prop>' % _PIECE_GROUP)


@dataclass(frozen=True)
class TmxPiece:
    """One group's units in the TMX of one language pair, rendered before the group's place in the file is known.

    ``units`` are the ``<tu>`` elements as :func:`tmx_pair` writes them in a file of several groups, with
    the group's place as :data:`_PIECE_GROUP`; ``first`` the language of the group's source version and
    ``signature`` its alignment's (the file's header is made of all of them).
    """

    first: str
    signature: str
    units: bytes


def tmx_pieces(alignment: Alignment) -> dict[tuple[str, str], TmxPiece]:
    """The group's :class:`TmxPiece` for every language pair it holds (rendered where the group ran)."""
    from lxml import etree

    out = {}
    for pair in language_pairs([alignment]):
        cut = pair_alignments([alignment], pair)[0]
        root = etree.Element("tmx")
        body = etree.SubElement(root, "body")
        add_units(body, cut, _PIECE_GROUP, True)
        units = b""
        if len(body):  # (serialised at the depth the units have in the file, then cut out: "<body>" and
            # "</body>" are never in text unescaped)
            units = etree.tostring(root, encoding="UTF-8", pretty_print=True).split(b"<body>\n", 1)[1]
            units = units.rsplit(b"  </body>\n", 1)[0]
        out[pair] = TmxPiece(next(iter(TmxExporter().first_languages([cut]))), cut.signature, units)
    return out


def tmx_pair_from_pieces(pieces: Sequence[TmxPiece], pair: tuple[str, str]) -> bytes:
    """:func:`tmx_pair` of the groups whose pieces these are, in this order, from the pieces: the same bytes.

    Only for two groups or more (one group alone is written without group numbers: :func:`tmx_pair`).
    """
    from lxml import etree

    if len(pieces) < 2:
        raise ValueError("a TMX of one group is rendered whole (tmx_pair)")
    root, body = TmxExporter().head({p.first for p in pieces}, {p.signature for p in pieces})
    etree.SubElement(body, "tu")
    whole = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=_DOCTYPE)
    head, tail = whole.split(b"<body>\n", 1)
    tail = tail.split(b"<tu/>\n", 1)[1]
    out = [head, b"<body>\n"]
    for g, piece in enumerate(pieces, 1):
        out.append(piece.units.replace(_PIECE_HEADS[0], b'<tu tuid="%d.' % g).replace(
            _PIECE_HEADS[1], b'<prop type="x-aligner-group">%d</prop>' % g))
    out.append(tail)
    return b"".join(out)

"""TMX 1.4 translation memory, built with lxml, readable by translate-toolkit and OmegaT.

One ``<tu>`` per unit and one ``<tuv xml:lang="..">`` per version present in it; the unit
score is a ``<prop type="x-aligner-score">`` and the alignment signature sits in the header
(``<prop type="x-aligner-signature">``). Several groups go into one file (``tuid`` then reads
``group.unit`` and each ``<tu>`` carries ``x-aligner-group``).

Two versions in the same language: the first keeps the plain code (``lt``), the next ones get
a BCP 47 private-use subtag (``lt-x-v2``, ``lt-x-v3``) so that every ``<tuv>`` of a unit has a
distinct ``xml:lang``; tools that match on the primary subtag (OmegaT) still see Lithuanian.
Each ``<tuv>`` names its file in ``<prop type="x-aligner-file">`` and its first line in
``x-aligner-line``.

Characters XML 1.0 forbids are removed from all text, so the file always parses; there is no
``creationdate`` (the output depends on the input only).
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from .._version import __version__
from ..model import Alignment
from .corpus import AlignmentExporter, UnmatchedLike, language_code, xml_safe

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'


def tuv_languages(alignment: Alignment) -> list[str]:
    """The ``xml:lang`` of each version: its code, with ``-x-vN`` for the N-th version of a repeated language."""
    seen: dict[str, int] = {}
    tags: list[str] = []
    for doc in alignment.documents:
        code = language_code(doc.language)
        seen[code] = seen.get(code, 0) + 1
        tags.append(code if seen[code] == 1 else f"{code}-x-v{seen[code]}")
    return tags


def _prop(parent: etree._Element, kind: str, value: str) -> None:
    prop = etree.SubElement(parent, "prop", type=kind)
    prop.text = xml_safe(value)


class TmxExporter(AlignmentExporter):
    """TMX 1.4 (``segtype="sentence"``, plain text), one translation unit per alignment unit."""

    name = "tmx"
    extensions = (".tmx",)

    def __init__(self, source: str | None = None) -> None:
        #: The source version (a language, a file or a document id; see
        #: :func:`aligner.checks.context.source_version`): its language is the header's ``srclang``. Without
        #: one, a bilingual file's own source, else the first version's language when all groups agree.
        self.source = source

    def render(self, alignments: Sequence[Alignment], unmatched: Sequence[UnmatchedLike] = ()) -> dict[str, bytes]:
        root, body = self.head(self.first_languages(alignments), {a.signature for a in alignments}, unmatched)
        many = len(alignments) > 1
        for g, alignment in enumerate(alignments, 1):
            add_units(body, alignment, g, many)
        data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=_DOCTYPE)
        return {"": data}

    def first_languages(self, alignments: Sequence[Alignment]) -> set[str]:
        """The language of each alignment's source version (else its first): one of them is the header's ``srclang``."""
        from ..checks.context import source_version

        firsts = set()
        for a in alignments:
            if a.documents:
                k = source_version(a, self.source)
                firsts.add(language_code(a.documents[0 if k is None else k].language))
        return firsts

    def head(self, firsts: set[str], signatures: set[str], unmatched: Sequence[UnmatchedLike] = ()
             ) -> tuple[etree._Element, etree._Element]:
        """The ``<tmx>`` element with its header (``srclang`` from ``firsts``) and its empty ``<body>``."""
        srclang = next(iter(firsts)) if len(firsts) == 1 else "*all*"
        if srclang == "und":
            srclang = "*all*"
        root = etree.Element("tmx", version="1.4")
        header = etree.SubElement(
            root,
            "header",
            attrib={
                "creationtool": "aligner",
                "creationtoolversion": __version__,
                "segtype": "sentence",
                "o-tmf": "aligner",
                "adminlang": "en",
                "srclang": srclang,
                "datatype": "plaintext",
            },
        )
        for signature in sorted(s for s in signatures if s):
            _prop(header, "x-aligner-signature", signature)
        for doc in unmatched:
            _prop(header, "x-aligner-unmatched", f"{doc.path}: {doc.reason}")
        return root, etree.SubElement(root, "body")


def add_units(body: etree._Element, alignment: Alignment, g: int, many: bool) -> None:
    """One ``<tu>`` per unit of ``alignment``, the ``g``-th group of the file (named only when there are ``many``)."""
    tags = tuv_languages(alignment)
    docs = alignment.documents
    for u, unit in enumerate(alignment.units, 1):
        tu = etree.SubElement(body, "tu", tuid=f"{g}.{u}" if many else str(u))
        if many:
            _prop(tu, "x-aligner-group", str(g))
        _prop(tu, "x-aligner-score", f"{unit.score:.4f}")
        for k, ids in enumerate(unit.segments):
            if not ids:
                continue
            tuv = etree.SubElement(tu, "tuv")
            tuv.set(_XML_LANG, tags[k])
            _prop(tuv, "x-aligner-file", docs[k].path)
            _prop(tuv, "x-aligner-line", str(docs[k].segments[ids[0]].line))
            seg = etree.SubElement(tuv, "seg")
            seg.text = xml_safe(alignment.texts(unit, k))

"""HTML with lxml.html: the text of each block element (its inline children merged in) and the ``alt``,
``title``, ``placeholder`` and ``aria-label`` attributes; nothing inside ``script``, ``style``, ``pre``,
``template`` or comments. Inline ``code`` stays in its paragraph's text as a literal but is never a unit alone.

Keys are structural paths (``body/div[0]/p[1]``, ``body/img[0]@alt``); text runs split by a nested block get
``#1``, ``#2``... Whitespace is collapsed; a position is that of the first non-blank character of the run.
"""

from __future__ import annotations

import re

from ._common import LineIndex, check_codec, decode, language_from_path, normalise_language
from ._xml import Positions
from .model import Catalog, CatalogUnit, TextSpan

INLINE = frozenset(
    "a abbr b bdi bdo br button cite code data del dfn em font i img input ins kbd label mark q s samp "
    "small span strike strong sub sup time tt u var wbr".split()
)
SKIP = frozenset("script style pre template noscript svg math textarea".split())
ATTRS = ("alt", "title", "placeholder", "aria-label")
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_WS = re.compile(r"\s+")


def parse_html(data: bytes | str, path: str = "<html>") -> Catalog:
    import lxml.etree
    import lxml.html

    declared = None
    if isinstance(data, bytes):
        m = _META.search(data[:4096])
        if m:
            line = data.count(b"\n", 0, m.start()) + 1
            declared = check_codec(path, m.group(1).decode("ascii"), line, "the <meta> charset")
    text = decode(data, path, declared, declared_by="the <meta> charset", fallback="cp1252")  # HTML's default
    source = re.sub(r"\A(\s*)<\?xml[^>]*\?>", lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), text)
    if not source.strip():
        return Catalog(
            path=path, format="html", source_language=None, target_language=language_from_path(path), units=()
        )
    try:
        root = lxml.html.document_fromstring(source)
    except lxml.etree.ParserError:  # only markup without content (e.g. a lone "<!-- -->" or "</p>")
        return Catalog(
            path=path, format="html", source_language=None, target_language=language_from_path(path), units=()
        )
    pos = Positions(root, LineIndex(source), ignore_case=True)
    units: list[CatalogUnit] = []
    _walk(root, "", pos, units)
    lang = normalise_language(root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang"))
    return Catalog(
        path=path,
        format="html",
        source_language=None,
        target_language=lang or language_from_path(path),
        units=tuple(units),
    )


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _inline_text(el, out: list[str]) -> None:
    if _tag(el) == "br":
        out.append(" ")
    if _tag(el) not in SKIP:
        out.append(el.text or "")
        for c in el:
            if isinstance(c.tag, str):
                _inline_text(c, out)
            out.append(c.tail or "")


def _attr_units(el, key: str, pos: Positions, units: list[CatalogUnit]) -> None:
    for attr in ATTRS:
        value = el.get(attr)
        if value is None or not value.strip():
            continue
        start = pos.after_start.get(el)
        span = TextSpan(value, el.sourceline or 1, 1)
        if start is not None:
            t = pos.index.text
            tag_start = t.rfind("<", 0, start)
            m = re.compile(r"\b" + re.escape(attr) + r"""\s*=\s*["']?""", re.IGNORECASE).search(t, tag_start, start)
            if m:
                span = pos.index.span(value, m.end())
        units.append(CatalogUnit(key=f"{key}@{attr}", source=None, target=span))


def _walk(el, key: str, pos: Positions, units: list[CatalogUnit]) -> None:
    """Emit the text runs of ``el`` (a block), its attributes and nested blocks, in document order."""
    ukey = key or _tag(el)
    if _tag(el) not in INLINE:
        _attr_units(el, ukey, pos, units)
    counts: dict[str, int] = {}
    pieces: list[str] = []
    host: list = [None]
    pending: list[CatalogUnit] = []
    emitted = [0]

    def add(piece: str, where: tuple[str, object]) -> None:
        if host[0] is None and piece.strip():
            host[0] = where
        pieces.append(piece)

    def flush() -> None:
        text = _WS.sub(" ", "".join(pieces)).strip()
        if text and host[0] is not None:
            units.append(
                CatalogUnit(
                    key=ukey if emitted[0] == 0 else f"{ukey}#{emitted[0]}",
                    source=None,
                    target=_run_span(text, host[0], el, pos),
                )
            )
            emitted[0] += 1
        units.extend(pending)
        pending.clear()
        pieces.clear()
        host[0] = None

    add(el.text or "", ("text", el))
    for c in el:
        tag = _tag(c)
        if tag:
            n = counts.get(tag, 0)
            counts[tag] = n + 1
            ckey = f"{key}/{tag}" if tag in ("head", "body") else f"{key}/{tag}[{n}]"
            ckey = ckey.lstrip("/")
            if tag in SKIP:
                pass
            elif tag in INLINE:
                out: list[str] = []
                _inline_text(c, out)
                add("".join(out), ("text", c))
                for d in c.iter():
                    if isinstance(d.tag, str) and _tag(d) not in SKIP:
                        _attr_units(d, ckey if d is c else f"{ckey}/{_tag(d)}", pos, pending)
            else:
                flush()
                _walk(c, ckey, pos, units)
        add(c.tail or "", ("tail", c))
    flush()


def _run_span(text: str, host: tuple[str, object], el, pos: Positions) -> TextSpan:
    kind, node = host
    if kind == "tail" and not isinstance(node.tag, str):
        # the tail of a comment or PI: start from the element before it (or the parent's start tag); the
        # comment itself is blanked in pos.search, so skipping white space passes over it
        prev = node.getprevious()
        while prev is not None and not isinstance(prev.tag, str):
            prev = prev.getprevious()
        kind, node = ("tail", prev) if prev is not None else ("text", node.getparent())
    off = pos.after_start.get(node) if kind == "text" else pos.tail_offset(node, ignore_case=True)
    if off is None:
        return TextSpan(text, getattr(node, "sourceline", None) or 1, 1)
    t = pos.search  # comments blanked: a run after a comment starts at its text
    while off < len(t) and t[off].isspace():
        off += 1
    if kind == "text" and node is not el:
        # the run starts in an inline child whose own text may be empty: skip to the first character of text
        off = _first_text_offset(t, off)
    return pos.index.span(text, off)


def _first_text_offset(t: str, off: int) -> int:
    """Skip markup (tags) from ``off`` to the first character of text."""
    while off < len(t) and t[off] == "<":
        end = t.find(">", off)
        if end < 0:
            break
        off = end + 1
        while off < len(t) and t[off].isspace():
            off += 1
    return off

"""lxml plumbing for the XML formats: safe parsing with line-numbered errors, text positions, inline markup."""

from __future__ import annotations

import codecs
import re

from lxml import etree

from ..errors import InputError
from ._common import LineIndex, check_codec, decode
from .model import TextSpan

_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_NS_DECL = re.compile(r'\s+xmlns(?::[\w.-]+)?="[^"]*"')
_START = re.compile(r"<(?:[\w.-]+:)?([\w.-]+)(?=[\s/>])")
_TAG_END = re.compile(r"""(?:[^>"']|"[^"]*"|'[^']*')*>""")


def parse_xml(data: bytes | str, path: str, what: str) -> tuple[etree._Element, LineIndex]:
    """Parse XML safely (no entities resolved, no network); the decoded text comes back for positions.

    An ``encoding=`` declaration the bytes contradict and a document that is not well-formed raise
    :class:`InputError` with the line.
    """
    if isinstance(data, str):
        text = decode(data, path)
        raw = text.encode("utf-8")
        raw = re.sub(rb"^(\s*<\?xml[^>]*?)encoding\s*=\s*[\"'][^\"']*[\"']", rb"\1", raw, count=1)
    else:
        raw = data
        declared = None
        m = _DECL.match(data[3:] if data.startswith(codecs.BOM_UTF8) else data)
        if m:
            declared = check_codec(path, m.group(1).decode("ascii"), 1, "the XML declaration's encoding=")
        text = decode(data, path, declared, declared_by="the XML declaration's encoding=")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as e:
        line = e.lineno or 1
        msg = str(e.msg).split(", line ")[0]
        raise InputError(path, f"line {line}: {what} is not well-formed XML ({msg}); fix the markup") from None
    return root, LineIndex(text)


def localname(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


class Positions:
    """Offsets just after each element's start tag, found by scanning the text in document order.

    lxml gives only ``sourceline`` (the line where the start tag ends), so each start tag is searched for from
    the previous one onwards; if the search fails (markup in comments, implied HTML elements) the element falls
    back to the start of its ``sourceline``.
    """

    def __init__(self, root: etree._Element, index: LineIndex, *, ignore_case: bool = False) -> None:
        self.index = index
        self.after_start: dict[etree._Element, int] = {}
        self.search = text = _blank_non_markup(index.text, html=ignore_case)
        # one pass over every start tag in the text, matched to the elements in document order
        tags = [(m.group(1).lower() if ignore_case else m.group(1), m.end()) for m in _START.finditer(text)]
        k = 0
        for el in root.iter():
            name = localname(el)
            if not name:
                continue
            if ignore_case:
                name = name.lower()
            t, stop = k, min(len(tags), k + 64)  # an element missing from the text (implied by the HTML parser)
            while t < stop and tags[t][0] != name:  # must not cost a scan of the whole file
                t += 1
            if t < stop:
                end = _TAG_END.match(text, tags[t][1])
                if end and el.sourceline and index.position(end.end() - 1)[0] == el.sourceline:
                    self.after_start[el] = end.end()
                    k = t + 1
                    continue
            line = el.sourceline or 1
            self.after_start[el] = index.offset(line)

    def text_span(self, el: etree._Element, text: str, *, skip_space: bool = False) -> TextSpan:
        off = self.after_start.get(el)
        if off is None:
            return TextSpan(text, el.sourceline or 1, 1)
        if skip_space:
            t = self.search
            while off < len(t) and t[off] in " \t\r\n":
                off += 1
        return self.index.span(text, off)

    def tail_offset(self, el: etree._Element, ignore_case: bool = False) -> int | None:
        """Offset just after ``el``'s end tag (or its start tag when it is empty/void)."""
        start = self.after_start.get(el)
        if start is None:
            return None
        t = self.search
        if t[start - 2 : start] == "/>":
            return start
        last = start
        for d in el.iterdescendants():
            last = max(last, self.after_start.get(d, last))
        m = re.compile(r"</(?:[\w.-]+:)?" + re.escape(localname(el)) + r"\s*>", re.IGNORECASE if ignore_case else 0)
        found = m.search(t, last)
        return found.end() if found else start


_OPAQUE_XML = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>", re.DOTALL)
_OPAQUE_HTML = re.compile(
    r"<!--.*?-->|<(?:script|style)\b[^>]*>(?P<body>.*?)(?=</(?:script|style)\s*>)", re.DOTALL | re.IGNORECASE
)


def _blank_non_markup(text: str, *, html: bool) -> str:
    """The text with comments, CDATA, PIs (and HTML script/style bodies) blanked out, lengths and newlines kept,
    so a start tag is never looked for inside them."""

    def blank(m: re.Match[str]) -> str:
        if html and m.group("body") is not None:  # keep the <script> tag itself, blank its body
            start = m.start("body") - m.start()
            return m.group(0)[:start] + re.sub(r"[^\n]", " ", m.group("body"))
        return re.sub(r"[^\n]", " ", m.group(0))

    return (_OPAQUE_HTML if html else _OPAQUE_XML).sub(blank, text)


def inner_xml(el: etree._Element) -> str:
    """The element's content with inline elements kept as their XML text (namespace declarations dropped)."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str):
            s = etree.tostring(child, encoding="unicode", with_tail=False)
            parts.append(_NS_DECL.sub("", s))
        parts.append(child.tail or "")
    return "".join(parts)


def child(el: etree._Element, name: str) -> etree._Element | None:
    for c in el:
        if localname(c) == name:
            return c
    return None


def children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if localname(c) == name]


def preceding_comment(el: etree._Element) -> str | None:
    prev = el.getprevious()
    if isinstance(prev, etree._Comment):
        return (prev.text or "").strip() or None
    return None

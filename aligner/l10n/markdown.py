"""Markdown with markdown-it-py (CommonMark + tables): headings, paragraphs, list items, table cells, link texts
and image alt texts are units; code blocks, HTML blocks and comments, link targets and front-matter keys are not.

Keys are structural (``h1[0]``, ``p[3]``, ``li[2]``, ``table[0].r1.c2``, ``p[3].a[0]``) so two language versions
of one document align by structure. Unit text keeps code spans with their backticks (so a literal check can
compare them) and drops emphasis markers and link targets. A unit's position is that of its text's first
character (emphasis and link brackets before it are stepped over).
"""

from __future__ import annotations

import re

from ._common import LineIndex, decode, language_from_path
from .model import Catalog, CatalogUnit, TextSpan

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def _render(children) -> tuple[str, list[tuple[str, str]]]:
    """Unit text of an inline token's children, and the (kind, text) of its links and images."""
    out: list[str] = []
    extras: list[tuple[str, str]] = []
    link: list[str] | None = None
    for c in children or ():
        piece = ""
        if c.type == "text":
            piece = c.content
        elif c.type == "code_inline":
            piece = f"{c.markup}{c.content}{c.markup}"
        elif c.type in ("softbreak", "hardbreak"):
            piece = "\n"
        elif c.type == "image":
            piece = c.content
            if piece:
                extras.append(("img", piece))
        elif c.type == "html_inline":
            piece = "" if c.content.startswith("<!--") else c.content
        elif c.type == "link_open":
            link = []
        elif c.type == "link_close":
            if link is not None and "".join(link).strip():
                extras.append(("a", "".join(link)))
            link = None
        if link is not None and c.type != "link_open":
            link.append(piece)
        out.append(piece)
    return "".join(out).strip(), extras


def parse_markdown(data: bytes | str, path: str = "<markdown>") -> Catalog:
    from markdown_it import MarkdownIt

    text = decode(data, path).replace("\r\n", "\n").replace("\r", "\n")  # markdown-it's line breaks: maps agree
    units: list[CatalogUnit] = []
    body = text
    m = _FRONT.match(text)
    if m:
        units.extend(_front_matter(m.group(1), path))
        body = "\n" * m.group(0).count("\n") + text[m.end() :]  # keep line numbers
    index = LineIndex(body)
    lines = body.split("\n")
    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(body)
    counters: dict[str, int] = {}
    li_stack: list[list] = []  # [key, paragraphs seen]
    table_key = ""
    row = col = -1
    line_cursor: dict[int, int] = {}

    def next_key(kind: str) -> str:
        n = counters.get(kind, 0)
        counters[kind] = n + 1
        return f"{kind}[{n}]"

    def locate(tok, content: str) -> tuple[int, int]:
        line_no = tok.map[0] if tok.map else 0
        first = content.split("\n", 1)[0].strip()
        src = lines[line_no] if line_no < len(lines) else ""
        start = line_cursor.get(line_no, 0)
        at = src.find(first, start) if first else -1
        if at < 0:
            at = len(src) - len(src.lstrip())
        line_cursor[line_no] = at + len(first)
        return line_no + 1, at + 1

    heading = ""
    for i, tok in enumerate(tokens):
        t = tok.type
        if t == "heading_open":
            heading = tok.tag
        elif t == "list_item_open":
            li_stack.append([next_key("li"), 0])
        elif t == "list_item_close":
            li_stack.pop()
        elif t == "table_open":
            table_key = next_key("table")
            row = -1
        elif t == "tr_open":
            row += 1
            col = -1
        elif t in ("th_open", "td_open"):
            col += 1
        elif t == "inline":
            parent = tokens[i - 1].type if i else ""
            if parent == "heading_open":
                key = next_key(heading)
            elif parent in ("th_open", "td_open"):
                key = f"{table_key}.r{row}.c{col}"
            elif li_stack:
                entry = li_stack[-1]
                key = entry[0] if entry[1] == 0 else f"{entry[0]}.p[{entry[1]}]"
                entry[1] += 1
            else:
                key = next_key("p")
            rendered, extras = _render(tok.children)
            if not rendered:
                continue
            line, column = locate(tok, tok.content)
            # step over leading markup (``**``, ``[``, ``![``) to the text's first character, on the same line
            src = lines[line - 1] if line - 1 < len(lines) else ""
            j = src.find(rendered[0], column - 1)
            if j >= 0 and not src[column - 1 : j].strip("*_[!~ "):
                column = j + 1
            units.append(CatalogUnit(key=key, source=None, target=TextSpan(rendered, line, column)))
            start = index.offset(line, column)
            seen: dict[str, int] = {}
            for kind, etext in extras:
                n = seen.get(kind, 0)
                seen[kind] = n + 1
                at = body.find(etext, start)
                span = index.span(etext, at) if at >= 0 else TextSpan(etext, line, column)
                if at >= 0:
                    start = at + len(etext)
                units.append(CatalogUnit(key=f"{key}.{kind}[{n}]", source=None, target=span))
    return Catalog(
        path=path, format="markdown", source_language=None, target_language=language_from_path(path), units=tuple(units)
    )


def _front_matter(fm: str, path: str) -> list[CatalogUnit]:
    """String values of a YAML front matter as ``front-matter.<key>`` units (the keys themselves are not text)."""
    from ..errors import InputError
    from .monolingual import parse_yaml

    try:
        cat = parse_yaml(fm, path)
    except InputError:
        return []
    out = []
    for u in cat.units:
        t = u.target
        out.append(
            CatalogUnit(
                key=f"front-matter.{u.key}",
                source=None,
                target=TextSpan(t.text, t.line + 1, t.column),
                plural_forms=u.plural_forms,
                flags=u.flags,
            )
        )
    return out

"""Document layout: title, headings, boilerplate and paragraphs found from the shape of lines.

A heading is a short line without final punctuation that is followed by a paragraph;
a run of three or more such lines is a list (its items are sentences). Lines before the
first paragraph are front matter: the first is the title, labels (``Contents:``),
bylines and page furniture are boilerplate.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import accumulate

import regex

from ..model import Document, Section, Segment, SegmentKind
from .punkt import sentence_spans

#: A heading-like line has at most this many words and characters.
MAX_HEADING_WORDS = 15
MAX_HEADING_CHARS = 150
#: A line ending in a colon is a label ("Contents:") up to this many words.
MAX_LABEL_WORDS = 6
#: Consecutive heading-like lines from this many on are a list, not headings.
MIN_LIST_RUN = 3

_FINAL_PUNCT = regex.compile(r"[.!?…。！？।॥؟:;,]['\"’”»)\]]*\s*$")
_LABEL = regex.compile(r"[:;]\s*$")
_DATE = regex.compile(
    r"^\s*(\d{1,4}[-./]\d{1,2}[-./]\d{1,4}|\p{L}+\s+\d{1,2},?\s+\d{4}|\d{1,2}\.?\s+\p{L}+\s+\d{4})\s*$"
)


@dataclass(frozen=True)
class _Block:
    line: int  # 0-based line index
    start: int  # offset of first non-space char in text
    text: str  # stripped line
    kind: str  # "short", "label", "para"


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[frozenset[str], tuple[str, ...]]:
    lines: set[str] = set()
    prefixes: list[str] = []
    section = None
    data = resources.files("aligner.segment").joinpath("data").joinpath("boilerplate.txt")
    for raw in data.read_text("utf-8").splitlines():
        item = raw.strip()
        if not item or item.startswith("#"):
            continue
        if item.startswith("["):
            section = item.strip("[]")
        elif section == "lines":
            lines.add(item.casefold())
        elif section == "byline_prefixes":
            prefixes.append(item.casefold() + " ")
    return frozenset(lines), tuple(prefixes)


def is_boilerplate_line(text: str) -> bool:
    """True for page furniture: ``Contents:``, ``Anonymous``, ``By Jane Doe``, a bare date."""
    key = text.strip().rstrip(":").strip().casefold()
    lines, prefixes = _boilerplate()
    if key in lines or _DATE.match(key):
        return True
    words = key.split()
    return any(key.startswith(p) for p in prefixes) and 2 <= len(words) <= 5


def _classify(text: str) -> str:
    words = len(text.split())
    if words <= MAX_HEADING_WORDS and len(text) <= MAX_HEADING_CHARS:
        if _LABEL.search(text):
            return "label" if words <= MAX_LABEL_WORDS else "para"
        if not _FINAL_PUNCT.search(text):
            return "short"
    return "para"


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    offset = 0
    for i, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            blocks.append(_Block(i, offset + lead, stripped, _classify(stripped)))
        offset += len(line) + 1
    return blocks


def _line_kinds(blocks: list[_Block]) -> list[SegmentKind | None]:
    """Kind per block: TITLE/HEADING/BOILERPLATE, or None for text cut into sentences."""
    kinds: list[SegmentKind | None] = [None] * len(blocks)
    first_para = next((i for i, b in enumerate(blocks) if b.kind == "para"), len(blocks))
    # Front matter.
    if first_para > 0:
        for i in range(first_para):
            b = blocks[i]
            if i == 0 and b.kind == "short":
                kinds[i] = SegmentKind.TITLE
            elif b.kind == "label" or is_boilerplate_line(b.text):
                kinds[i] = SegmentKind.BOILERPLATE
            elif b.kind == "short" and first_para - 1 <= 2:
                kinds[i] = SegmentKind.HEADING
            else:
                kinds[i] = SegmentKind.BOILERPLATE if b.kind == "short" else None
    # Body: runs of short lines followed by a paragraph are headings unless they form a list.
    i = first_para
    while i < len(blocks):
        if blocks[i].kind != "short":
            i += 1
            continue
        j = i
        while j < len(blocks) and blocks[j].kind == "short":
            j += 1
        followed_by_para = j < len(blocks) and blocks[j].kind == "para"
        if followed_by_para and j - i < MIN_LIST_RUN:
            for k in range(i, j):
                kinds[k] = SegmentKind.HEADING
        i = j
    return kinds


def build_document(
    text: str,
    path: str,
    language: str | None = None,
    presegmented: bool = False,
) -> Document:
    """Cut normalised ``text`` into segments and sections (pure: no I/O).

    With ``presegmented`` every non-empty line is one sentence segment, untouched.
    """
    segments: list[Segment] = []
    sections: list[Section] = []
    # (offsets of the lines, from their lengths: a character loop in Python cost 0.4 s per 2.5 MB)
    line_starts = [0, *accumulate(len(line) + 1 for line in text.split("\n")[:-1])]

    if presegmented:
        for i, line in enumerate(text.split("\n")):
            if line.strip():
                start = line_starts[i]
                segments.append(
                    Segment(len(segments), SegmentKind.SENTENCE, line, i + 1, 1, start, start + len(line), 0, i)
                )
        sections.append(Section(0, None, tuple(s.id for s in segments)))
        return Document(path, text, tuple(segments), tuple(sections), language, True)

    blocks = _blocks(text)
    kinds = _line_kinds(blocks)
    section = 0
    section_heading: int | None = None
    section_ids: list[int] = []
    for para, (block, kind) in enumerate(zip(blocks, kinds)):
        col0 = block.start - line_starts[block.line]
        if kind is SegmentKind.HEADING:
            if section_ids or section_heading is not None:
                sections.append(Section(section, section_heading, tuple(section_ids)))
                section += 1
            section_heading = len(segments)
            section_ids = []
        if kind is not None:
            seg = Segment(
                len(segments), kind, block.text, block.line + 1, col0 + 1,
                block.start, block.start + len(block.text), section, para,
            )
            segments.append(seg)
            section_ids.append(seg.id)
            continue
        for a, b in sentence_spans(block.text, language):
            seg = Segment(
                len(segments), SegmentKind.SENTENCE, block.text[a:b], block.line + 1, col0 + a + 1,
                block.start + a, block.start + b, section, para,
            )
            segments.append(seg)
            section_ids.append(seg.id)
    if section_ids or section_heading is not None or not sections:
        sections.append(Section(section, section_heading, tuple(section_ids)))
    return Document(path, text, tuple(segments), tuple(sections), language, False)

"""The HTML audit report: one self-contained file a localization lead can open and send around.

Everything is inline (CSS from ``templates/report.css``, JS from ``templates/report.js``, an SVG
chart). A Content-Security-Policy of ``default-src 'none'`` makes the browser refuse any fetch,
and the scripts are allowed by their SHA-256 hash only, so no script can run that this module
did not write. All document text, paths and messages go through :func:`html.escape`, and no
event handler is built from them. The same :class:`AuditResult` gives byte-identical HTML: no
timestamps, ids derived from indices, stable ordering.

Large alignments: every unit is a ``<tr>`` in the file, so with JavaScript disabled the report
simply shows everything; the script hides all rows but one page (50 by default) and pages
through the rows that pass the severity/category filters. Hiding costs nothing at layout time
(``display: none``), so 10,000 units stay usable.

Findings are drawn on the exact characters: ``Finding.start``/``end`` index ``Document.text``
and a segment covers ``Segment.start``/``end``, so the highlight inside a segment runs from
``finding.start - segment.start``. A finding without a span, or whose span misses the unit's
segments in its version, marks the whole cell (an empty cell, for an omission).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from .._version import __version__
from ..checks.config import parse_fail_on
from ..checks.policy import exit_code
from ..model import CATEGORIES, Alignment, AuditResult, Document, Finding, QualityScore, SegmentKind, Severity
from ..score.quality import explain_score, finding_of

#: Display order of severities, worst first.
SEVERITY_ORDER = (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR, Severity.INFO)
#: Rows per page of the aligned tables and of the findings list (the reader can change it).
PAGE_SIZE = 50
_PAGE_SIZES = (25, 50, 100, 250, 1000)
#: Scores at or above these thresholds are drawn green / amber; below, red.
_GOOD, _FAIR = 80.0, 60.0
#: Evidence shown under a finding's message is cut to this many characters.
_EVIDENCE_CHARS = 160

_LANG_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
_TOKEN = re.compile(r"[^a-z0-9_-]+")
_HEAD_SCRIPT = 'document.documentElement.classList.add("js");'


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


@cache
def _template(name: str) -> str:
    return resources.files("aligner.report").joinpath("templates").joinpath(name).read_text("utf-8")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _token(category: str) -> str:
    """A category as a class/attribute token (the vocabulary is fixed, but input is not trusted)."""
    return _TOKEN.sub("-", category.lower()).strip("-") or "other"


def _key(f: Finding) -> str:
    return f"{f.severity.value}.{_token(f.category)}"


def _lang_attr(language: str | None) -> str:
    return f' lang="{_esc(language)}"' if language and _LANG_TAG.fullmatch(language) else ""


def _lang_badge(language: str | None) -> str:
    return f'<span class="lang">{_esc((language or "und").upper())}</span>'


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.3f}".rstrip("0")


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


# --------------------------------------------------------------------------- where findings go


@dataclass
class _Placement:
    """Where each finding lands in the aligned tables."""

    #: (group, version, segment id) -> [(start, end, finding)] offsets inside the segment text.
    spans: dict[tuple[int, int, int], list[tuple[int, int, int]]] = field(default_factory=lambda: defaultdict(list))
    #: (group, unit, version) -> findings that mark the whole cell.
    cells: dict[tuple[int, int, int], list[int]] = field(default_factory=lambda: defaultdict(list))
    #: (group, unit) -> findings in that row.
    rows: dict[tuple[int, int], list[int]] = field(default_factory=lambda: defaultdict(list))
    #: finding -> (group, unit) of its row.
    anchor: dict[int, tuple[int, int]] = field(default_factory=dict)
    #: (group, unit, version) -> findings whose message is written in that cell.
    notes: dict[tuple[int, int, int], list[int]] = field(default_factory=lambda: defaultdict(list))
    #: (group, unit, version) -> omissions found in another version: this cell holds what that one lacks.
    missing: dict[tuple[int, int, int], list[int]] = field(default_factory=lambda: defaultdict(list))


def _segment_at(doc: Document, starts: Sequence[int], pos: int) -> int | None:
    i = bisect_right(starts, pos) - 1
    if i >= 0 and pos < doc.segments[i].end:
        return i
    return None


def _place(result: AuditResult) -> _Placement:
    placed = _Placement()
    # A finding names its file; a file that holds several documents tells them apart by language.
    where: dict[str, list[tuple[Document, int, int]]] = {}
    for g, alignment in enumerate(result.groups):
        for k, doc in enumerate(alignment.documents):
            where.setdefault(doc.path, []).append((doc, g, k))
    unit_of: dict[tuple[int, int], list[int]] = {}
    starts: dict[tuple[int, int], list[int]] = {}

    for i, f in enumerate(result.findings):
        at = next(((g, k) for doc, g, k in where.get(f.path, ()) if finding_of(f, doc)), None)
        if at is None:
            continue
        g, k = at
        alignment = result.groups[g]
        doc = alignment.documents[k]
        u = f.unit if f.unit is not None and 0 <= f.unit < len(alignment.units) else None
        if u is None and f.start is not None:
            if (g, k) not in starts:
                starts[g, k] = [s.start for s in doc.segments]
                owner = [0] * len(doc.segments)
                for index, unit in enumerate(alignment.units):
                    for sid in unit.segments[k] if k < len(unit.segments) else ():
                        owner[sid] = index
                unit_of[g, k] = owner
            sid = _segment_at(doc, starts[g, k], f.start)
            if sid is not None:
                u = unit_of[g, k][sid]
        if u is None:
            continue
        placed.anchor[i] = (g, u)
        placed.rows[g, u].append(i)
        placed.notes[g, u, k].append(i)
        if is_omission(f):
            for other, version in enumerate(alignment.units[u].segments):
                if other != k and version:
                    placed.missing[g, u, other].append(i)
        hit = False
        if f.start is not None and f.end is not None and f.end > f.start:
            unit = alignment.units[u]
            for sid in unit.segments[k] if k < len(unit.segments) else ():
                seg = doc.segments[sid]
                a = max(f.start, seg.start) - seg.start
                b = min(f.end, seg.end, seg.start + len(seg.text)) - seg.start
                if a < b:
                    placed.spans[g, k, sid].append((a, b, i))
                    hit = True
        if not hit:
            placed.cells[g, u, k].append(i)
    return placed


def is_omission(finding: Finding) -> bool:
    """Whether ``finding`` says its version lacks something the others have (so the others show what)."""
    return finding.category == "omission" or " missing" in finding.message


def _worst_first(ids: Iterable[int], findings: Sequence[Finding]) -> list[int]:
    return sorted(set(ids), key=lambda i: (-findings[i].severity.rank, i))


def _tip(ids: Sequence[int], findings: Sequence[Finding]) -> str:
    return "\n".join(
        f"{findings[i].severity.value.upper()} {findings[i].code} ({findings[i].category}): {findings[i].message}"
        for i in ids
    )


def _hl_attrs(ids: Sequence[int], findings: Sequence[Finding], outer: Sequence[int] = ()) -> str:
    """Attributes of a highlighted element: finding ids, filter keys (worst first), colour and tooltip.

    ``outer`` are findings of enclosing highlights: listed in the tooltip (the browser shows only the
    innermost ``title``) but not in the keys, so each element is coloured by its own findings.
    """
    ordered = _worst_first(ids, findings)
    keys = " ".join(dict.fromkeys(_key(findings[i]) for i in ordered))
    tip = _tip(ordered + [i for i in _worst_first(outer, findings) if i not in ordered], findings)
    return (
        f' data-f="{" ".join(f"f{i}" for i in ordered)}" data-k="{_esc(keys)}"'
        f' data-show="{findings[ordered[0]].severity.value}" title="{_esc(tip)}"'
    )


def _nest(text: str, lo: int, hi: int, items: list[tuple[int, int, tuple[int, ...]]],
          findings: Sequence[Finding], outer: tuple[int, ...]) -> str:
    """Escape ``text[lo:hi]`` with ``items`` (start, -end, finding ids) as nested marks.

    A span that crosses the end of the span before it is cut there, so marks always nest.
    """
    out: list[str] = []
    pos = lo
    items = sorted(items)
    while items:
        a, neg_b, ids = items.pop(0)
        b = -neg_b
        inner: list[tuple[int, int, tuple[int, ...]]] = []
        rest: list[tuple[int, int, tuple[int, ...]]] = []
        for c, neg_d, other in items:
            if c >= b:
                rest.append((c, neg_d, other))
            elif -neg_d <= b:
                inner.append((c, neg_d, other))
            else:
                inner.append((c, -b, other))
                rest.append((b, neg_d, other))
        items = sorted(rest)
        out.append(_esc(text[pos:a]))
        out.append(f'<mark class="hl"{_hl_attrs(ids, findings, outer)}>'
                   f"{_nest(text, a, b, inner, findings, outer + ids)}</mark>")
        pos = b
    out.append(_esc(text[pos:hi]))
    return "".join(out)


def highlight(text: str, spans: Sequence[tuple[int, int, int]], findings: Sequence[Finding]) -> str:
    """Escape ``text`` and wrap each ``(start, end, finding index)`` span in a ``<mark>``.

    Findings on the same characters share one mark; a span inside another is a mark inside the
    other's, so each mark holds exactly its finding's characters (spans that cross are cut).
    """
    if not spans:
        return _esc(text)
    same: dict[tuple[int, int], list[int]] = defaultdict(list)
    for a, b, i in spans:
        same[max(0, a), min(len(text), b)].append(i)
    items = [(a, -b, tuple(_worst_first(ids, findings))) for (a, b), ids in same.items() if a < b]
    return _nest(text, 0, len(text), items, findings, ())


# --------------------------------------------------------------------------- sections


def _summary(result: AuditResult, fail_on: Severity | None, status: int) -> str:
    counts = Counter(f.severity for f in result.findings)
    langs = Counter(d.language or "und" for d in result.documents)
    grouped = sum(len(g.documents) for g in result.groups)
    units = sum(len(g.units) for g in result.groups)
    if fail_on is None:
        status_detail = "report only: nothing fails the run (--fail-on never)"
    else:
        failing = sum(n for s, n in counts.items() if s >= fail_on)
        status_detail = (
            f"fails: {_plural(failing, 'finding')} at or above {fail_on.value}" if status
            else f"passes: nothing at or above {fail_on.value}"
        )
    lang_list = ", ".join(
        f"{_esc(code)}" + (f" ×{n}" if n > 1 else "") for code, n in sorted(langs.items(), key=lambda x: (-x[1], x[0]))
    )
    cards = [
        f'<div class="card status {"fail" if status else "pass"}"><div class="k">CI exit status</div>'
        f'<div class="v">{status}</div><div class="d">{_esc(status_detail)}'
        + (f" (<code>--fail-on {fail_on.value}</code>)" if fail_on is not None else "") + "</div></div>",
        f'<div class="card documents"><div class="k">Documents</div><div class="v">{len(result.documents):,}</div>'
        f'<div class="d">{grouped:,} grouped, {len(result.unmatched):,} unmatched</div></div>',
        f'<div class="card languages"><div class="k">Languages</div><div class="v">{len(langs):,}</div>'
        f'<div class="d">{lang_list or "none"}</div></div>',
        f'<div class="card groups"><div class="k">Groups</div><div class="v">{len(result.groups):,}</div>'
        f'<div class="d">{_plural(units, "aligned unit")}</div></div>',
    ]
    for sev in SEVERITY_ORDER:
        n = counts.get(sev, 0)
        cards.append(
            f'<div class="card sev {sev.value}"><div class="k">{sev.value}</div>'
            f'<div class="v">{n:,}</div><div class="d">{"finding" if n == 1 else "findings"}</div></div>'
        )
    return (
        '<section id="summary" aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>'
        f'<div class="cards">{"".join(cards)}</div>'
        f"{_documents_table(result)}"
        f'<div class="grid2"><div>{_unmatched(result)}</div><div>{_signatures(result)}</div></div></section>'
    )


def _documents_table(result: AuditResult) -> str:
    """Which version is wrong: each document's score and findings by severity, worst first, above the fold."""
    member: dict[str, str] = {}
    for g, alignment in enumerate(result.groups):
        for k, doc in enumerate(alignment.documents):
            member.setdefault(doc.id, f'<a href="#group-{g}">group {g + 1}</a>, version {k + 1}')
    for doc, _ in result.unmatched:
        member.setdefault(doc.id, "unmatched")
    score_of = {(s.path, s.language): s.score for s in result.scores}
    counts = {d.id: Counter(f.severity for f in result.findings if finding_of(f, d)) for d in result.documents}
    shown = SEVERITY_ORDER[:3]

    def worst_first(doc: Document) -> tuple:
        score = score_of.get((doc.path, doc.language))
        c = counts[doc.id]
        return (score is None, score if score is not None else 0.0, *(-c.get(s, 0) for s in shown), doc.id)

    rows = []
    for doc in sorted(result.documents, key=worst_first):
        guess = result.document_languages.get(doc.id)
        confidence = getattr(guess, "confidence", None)
        score = score_of.get((doc.path, doc.language))
        score_cell = (
            f'<td class="num score"><span class="pill" style="background:{_score_colour(score)}">'
            f"{score:.1f}</span></td>"
            if score is not None else '<td class="num score"><span class="reason">–</span></td>'
        )
        sev_cells = "".join(
            f'<td class="num n-{s.value}{"" if counts[doc.id].get(s) else " zero"}">{counts[doc.id].get(s, 0):,}</td>'
            for s in shown
        )
        rows.append(
            f"<tr><td>{_lang_badge(doc.language)}</td><td class=\"file\">{_path_html(doc.id)}</td>{score_cell}"
            f"{sev_cells}"
            f'<td class="num">{"" if confidence is None else f"{confidence:.2f}"}</td>'
            f'<td class="num">{len(doc.segments):,}</td><td>{member.get(doc.id, "")}</td></tr>'
        )
    sev_heads = "".join(f'<th scope="col" class="num n-{s.value}">{s.value.capitalize()}</th>' for s in shown)
    return (
        '<h3 id="documents">Documents, worst first</h3><div class="box wide"><table class="docs"><thead><tr>'
        '<th scope="col">Language</th><th scope="col">File</th><th scope="col" class="num">Score</th>'
        f'{sev_heads}<th scope="col" class="num" title="language detection confidence">Lang. conf.</th>'
        '<th scope="col" class="num">Segments</th><th scope="col">Group</th>'
        f'</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def _path_html(path: str) -> str:
    """A path, escaped, that may break after each ``/`` (a narrow screen wraps it there, not mid-name)."""
    return "/<wbr>".join(_esc(part) for part in path.split("/"))


def _unmatched(result: AuditResult) -> str:
    if not result.unmatched:
        return '<h3 id="unmatched">Unmatched documents</h3><p class="empty">Every document is in a group.</p>'
    rows = "".join(
        f'<tr><td>{_lang_badge(doc.language)}</td><td class="file">{_path_html(doc.id)}</td>'
        f'<td class="reason">{_esc(reason)}</td></tr>'
        for doc, reason in result.unmatched
    )
    return (
        '<h3 id="unmatched">Unmatched documents</h3><div class="box"><table><thead><tr>'
        '<th scope="col">Language</th><th scope="col">File</th><th scope="col">Why it has no group</th>'
        f"</tr></thead><tbody>{rows}</tbody></table></div>"
    )


def _signatures(result: AuditResult) -> str:
    rows = [
        f'<tr><th scope="row">{_esc(stage)}</th><td class="sig">{_esc(sig)}</td></tr>'
        for stage, sig in result.signatures.items()
    ]
    rows += [
        f'<tr><th scope="row">group {g + 1}</th><td class="sig">{_esc(a.signature)}</td></tr>'
        for g, a in enumerate(result.groups)
        if a.signature
    ]
    body = "".join(rows) or '<tr><td colspan="2" class="empty">No signatures recorded.</td></tr>'
    return (
        '<h3 id="signatures">Signatures</h3><div class="box"><table><caption class="note">'
        "Same signature and same input give the same result.</caption><thead><tr>"
        f'<th scope="col">Stage</th><th scope="col">Signature</th></tr></thead><tbody>{body}</tbody></table></div>'
    )


def _score_colour(score: float) -> str:
    return "#15803d" if score >= _GOOD else "#b45309" if score >= _FAIR else "#b91c1c"


def _name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _short(name: str, limit: int = 34) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def score_chart(scores: Sequence[QualityScore]) -> str:
    """An inline SVG bar chart of the 0–100 quality score per version, labelled by language and file."""
    row, top, label_w, bar_w = 30, 26, 330, 560
    width, height = label_w + bar_w + 60, top + row * len(scores) + 6
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img"'
        ' aria-labelledby="chart-title"><title id="chart-title">Quality score per version, 0 to 100</title>'
    ]
    for tick in (0, 25, 50, 75, 100):
        x = label_w + bar_w * tick / 100
        out.append(
            f'<line class="grid" x1="{x:g}" y1="{top - 6}" x2="{x:g}" y2="{height - 4}"/>'
            f'<text class="axis" x="{x:g}" y="{top - 10}" text-anchor="middle">{tick}</text>'
        )
    for n, s in enumerate(scores):
        y = top + n * row
        value = max(0.0, min(100.0, float(s.score)))
        name = _name(s.path)
        tip = f"{(s.language or 'und').upper()} {s.path}: {s.score:.1f} (rank {s.rank})"
        if s.components:
            tip += "\n" + explain_score(s.score, s.components)
        out.append(
            f"<g><title>{_esc(tip)}</title>"
            f'<text x="{label_w - 10}" y="{y + 15}" text-anchor="end"><tspan font-weight="700">'
            f"{_esc((s.language or 'und').upper())}</tspan> {_esc(_short(name))}</text>"
            f'<rect class="track" x="{label_w}" y="{y + 3}" width="{bar_w}" height="18" rx="3"/>'
            f'<rect x="{label_w}" y="{y + 3}" width="{bar_w * value / 100:.1f}" height="18" rx="3"'
            f' fill="{_score_colour(value)}"/>'
            f'<text class="val" x="{label_w + bar_w * value / 100 + 6:.1f}" y="{y + 16}">{s.score:.1f}</text></g>'
        )
    out.append("</svg>")
    return "".join(out)


def _scores(result: AuditResult) -> str:
    if not result.scores:
        return '<section id="scores"><h2>Scores</h2><p class="empty">No scores in this audit.</p></section>'
    rows = "".join(
        f'<tr><td class="num">{s.rank}</td><td>{_lang_badge(s.language)}</td><td class="file">{_esc(s.path)}</td>'
        f'<td class="num"><strong>{s.score:.1f}</strong></td>'
        f"<td>{_esc(explain_score(s.score, s.components))}</td></tr>"
        for s in result.scores
    )
    return (
        '<section id="scores" aria-labelledby="scores-h"><h2 id="scores-h">Scores</h2>'
        '<p class="lede">Reference-free quality score of each version (0–100, higher is better); '
        "green from 80, amber from 60.</p>"
        f'<div class="chart-wrap">{score_chart(result.scores)}</div>'
        '<details><summary class="note">How each score is made (score after the findings × content factor)'
        '</summary><div class="box"><table><thead><tr>'
        '<th scope="col" class="num">Rank</th><th scope="col">Language</th><th scope="col">File</th>'
        '<th scope="col" class="num">Score</th><th scope="col">Why</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div></details></section>"
    )


def _categories(findings: Sequence[Finding]) -> list[tuple[str, str, int]]:
    """(token, label, count) per category present: the fixed vocabulary first, then others by name."""
    counts = Counter(_token(f.category) for f in findings)
    labels: dict[str, str] = {}
    for f in findings:
        labels.setdefault(_token(f.category), f.category)
    known = [_token(c) for c in CATEGORIES]
    order = sorted(counts, key=lambda t: (known.index(t) if t in known else len(known), t))
    return [(t, labels[t], counts[t]) for t in order]


def _filters(result: AuditResult) -> str:
    counts = Counter(f.severity for f in result.findings)
    sev = "".join(
        f'<label class="chip"><input type="checkbox" class="flt" data-tok="s:{s.value}" checked autocomplete="off">'
        f'<span class="dot {s.value}"></span>{s.value}<span class="n">{counts.get(s, 0):,}</span></label>'
        for s in SEVERITY_ORDER
    )
    cats = "".join(
        f'<label class="chip"><input type="checkbox" class="flt" data-tok="c:{_esc(token)}" checked autocomplete="off">'
        f'{_esc(label)}<span class="n">{n:,}</span></label>'
        for token, label, n in _categories(result.findings)
    )
    return (
        '<div class="filters needs-js" id="filters" role="group" aria-label="Filters">'
        f"<fieldset><legend>Severity</legend>{sev}</fieldset>"
        + (f"<fieldset><legend>Category</legend>{cats}</fieldset>" if cats else "")
        + '<label class="chip"><input type="checkbox" id="only-findings" autocomplete="off">'
        "only units with findings</label>"
        '<span class="reset"><button type="button" id="reset-filters">Show all</button></span></div>'
    )


def _filters_toggle() -> str:
    """On a narrow screen the filter bar folds away behind this button (it would take a third of a phone)."""
    return ('<button type="button" id="toggle-filters" class="needs-js" aria-controls="filters"'
            ' aria-expanded="false">Filters</button>')


def _pager(table_id: str, where: str, label: str) -> str:
    options = "".join(
        f'<option value="{n}"{" selected" if n == PAGE_SIZE else ""}>{n}</option>' for n in _PAGE_SIZES
    )
    select = (
        f'<label>Rows per page <select aria-label="Rows per page of {_esc(label)}">{options}</select></label>'
        if where == "top" else ""
    )
    return (
        f'<nav class="pager needs-js" data-for="{table_id}" data-at="{where}" aria-label="Pages of {_esc(label)}">'
        '<button type="button" data-go="first" aria-label="First page">« First</button>'
        '<button type="button" data-go="prev" aria-label="Previous page">‹ Previous</button>'
        '<button type="button" data-go="next" aria-label="Next page">Next ›</button>'
        '<button type="button" data-go="last" aria-label="Last page">Last »</button>'
        f'<span class="status" aria-live="polite"></span>{select}</nav>'
    )


def _words(key: object) -> str:
    return str(key).replace("_", " ").replace("-", " ")


def _value_words(value: object) -> str:
    """A piece of evidence as a reader says it: lists joined, paths as file names, no JSON punctuation."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return _num(value)
    if isinstance(value, str):
        return _name(value) if "/" in value and " " not in value else value
    if isinstance(value, Mapping):
        return "; ".join(f"{_value_words(k)}: {_value_words(v) or 'none'}" for k, v in value.items())
    if isinstance(value, (list, tuple, set)):
        return ", ".join(_value_words(v) for v in value)
    return str(value)


def evidence_words(evidence: Mapping) -> list[tuple[str, str]]:
    """(label, value) pairs of a finding's evidence in words; the segment text is left out (the report shows it)."""
    return [(_words(k), _value_words(v)) for k, v in evidence.items() if k != "text"]


#: The longest entry key or text the findings table shows in full (a PO key is its whole msgid).
_PAIR_CHARS = 160


def _clip(text: str, limit: int = _PAIR_CHARS) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def entry_label(key: str) -> str:
    """A localization key as a reader says it: ``msgctxt · msgid`` for a PO entry with a context."""
    return key.replace("\x04", " · ").replace("\x00", " #")


def _pair(f: Finding) -> str:
    """For a finding on a localization entry: the entry, its source text and the target, one above the other."""
    source = f.evidence.get("source") if isinstance(f.evidence, Mapping) else None
    if f.key is None or not isinstance(source, str):
        return ""
    target = f.evidence.get("text")
    rows = [("entry", f'<code>{_esc(_clip(entry_label(f.key)))}</code>'),
            ("source", f'<q class="src">{_esc(_clip(source))}</q>')]
    if isinstance(target, str):
        rows.append(("target", f'<q{_lang_attr(f.language)}>{_esc(_clip(target))}</q>'))
    return '<span class="pair">' + "".join(
        f'<span class="pr"><span class="evk">{k}</span> {v}</span>' for k, v in rows) + "</span>"


def _evidence(evidence: Mapping, shown: tuple[str, ...] = ()) -> str:
    items = [(k, v) for k, v in evidence_words(evidence) if k not in shown]
    if not items:
        return ""
    return '<span class="evidence">' + "".join(
        f'<span class="ev"><span class="evk">{_esc(k)}</span> {_esc(v)}</span>' for k, v in items
    ) + "</span>"


def _findings_data(result: AuditResult, placed: _Placement) -> str:
    """The findings as JSON for the CSV button (read by the script; a JSON block never runs)."""
    rows = [
        {"severity": f.severity.value, "code": f.code, "category": f.category, "file": f.path,
         "language": f.language or "", "line": f.line, "column": f.column, "message": f.message,
         "evidence": "; ".join(f"{k}: {v}" for k, v in evidence_words(f.evidence)),
         "confidence": round(f.confidence, 2),
         "unit": "" if i not in placed.anchor else placed.anchor[i][1],
         "entry": "" if f.key is None else entry_label(f.key)}
        for i, f in enumerate(result.findings)
    ]
    # Every "<" escaped, so no text can close the element.
    text = json.dumps(rows, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    return f'<script type="application/json" id="findings-data">{text}</script>'


def _finding_tools(result: AuditResult) -> str:
    langs = sorted({f.language or "und" for f in result.findings})
    paths = sorted({f.path for f in result.findings})
    options = ['<option value="">all files and languages</option><optgroup label="Language">']
    options += [f'<option value="l:{_esc(lang)}">{_esc(lang.upper())}</option>' for lang in langs]
    options += ['</optgroup><optgroup label="File">']
    options += [f'<option value="p:{_esc(path)}">{_esc(path)}</option>' for path in paths]
    options += ["</optgroup>"]
    return (
        '<div class="ftools needs-js" role="group" aria-label="Find findings">'
        '<label>Show <select id="ff-where" autocomplete="off">' + "".join(options) + "</select></label>"
        '<label>Search <input type="search" id="ff-q" placeholder="code, word or value" autocomplete="off"></label>'
        '<label class="chip"><input type="checkbox" id="ff-group" checked autocomplete="off">'
        "group repeats of one code and message</label>"
        '<button type="button" id="ff-csv">Download CSV</button></div>'
    )


def _findings(result: AuditResult, placed: _Placement) -> str:
    findings = result.findings
    if not findings:
        return (
            '<section id="findings" aria-labelledby="findings-h"><h2 id="findings-h">Findings</h2>'
            '<p class="empty">No findings.</p></section>'
        )
    order = sorted(
        range(len(findings)),
        key=lambda i: (-findings[i].severity.rank, findings[i].path, findings[i].line, findings[i].column,
                       findings[i].code, i),
    )
    repeat: dict[tuple[str, str], int] = {}
    several = len(result.groups) > 1
    rows = []
    for i in order:
        f = findings[i]
        rep = repeat.setdefault((f.code, f.message), len(repeat))
        pair = _pair(f)
        if i in placed.anchor:
            g, u = placed.anchor[i]
            text = f"group {g + 1} · unit {u}" if several else f"unit {u}"
            link = f'<a class="go" href="#g{g}-u{u}">{text}</a>'
        else:
            link = '<span class="reason">whole document</span>'
        rows.append(
            f'<tr id="f{i}" class="r" data-k="{_esc(_key(f))}" data-rep="{rep}" data-p="{_esc(f.path)}"'
            f' data-lang="{_esc(f.language or "und")}"><td><span class="badge {f.severity.value}">'
            f"{f.severity.value}</span></td><td><code>{_esc(f.code)}</code></td><td>{_esc(f.category)}</td>"
            f'<td class="file">{_lang_badge(f.language)} {_path_html(f.path)}'
            f'</td><td class="num">{f.line}:{f.column}</td><td class="msg">{_esc(f.message)}{pair}'
            f'{_evidence(f.evidence, ("source",) if pair else ())}'
            '<button type="button" class="more needs-js" hidden></button></td>'
            f'<td class="num">{f.confidence:.2f}</td><td>{link}</td></tr>'
        )
    return (
        '<section id="findings" aria-labelledby="findings-h"><h2 id="findings-h">Findings</h2>'
        '<p class="lede">Worst first. The unit link opens the aligned row where the finding is highlighted.</p>'
        + _finding_tools(result)
        + _pager("findings-table", "top", "findings")
        + '<div class="box"><table id="findings-table" class="findings paged" data-filter="always" '
        f'data-noun="findings" data-page-size="{PAGE_SIZE}"><thead><tr>'
        '<th scope="col">Severity</th><th scope="col">Code</th><th scope="col">Category</th><th scope="col">File</th>'
        '<th scope="col" class="num">Line:col</th><th scope="col">Message</th>'
        '<th scope="col" class="num">Confidence</th><th scope="col">Where</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div>'
        + _pager("findings-table", "bottom", "findings")
        + _findings_data(result, placed)
        + "</section>"
    )


def _note_attrs(i: int, findings: Sequence[Finding]) -> str:
    f = findings[i]
    return f' data-f="f{i}" data-k="{_esc(_key(f))}" data-show="{f.severity.value}"'


def _surfaces(f: Finding, path: str) -> list[str]:
    """What ``f``'s evidence says the version at ``path`` has (an omission's missing text), if it says."""
    versions = f.evidence.get("versions") if isinstance(f.evidence, Mapping) else None
    found = versions.get(path) if isinstance(versions, Mapping) else None
    return [str(v) for v in found] if isinstance(found, (list, tuple)) else []


def _notes(own: Sequence[int], missing: Sequence[int], doc: Document, alignment: Alignment,
           findings: Sequence[Finding]) -> str:
    """The messages of a cell's findings written under its text (a hover title alone reaches no keyboard,
    touch screen or printer), and for an omission elsewhere, what this version has that the other lacks."""
    if not own and not missing:
        return ""
    out = []
    for i in _worst_first(own, findings):
        f = findings[i]
        out.append(f'<span class="fn hl"{_note_attrs(i, findings)}><b>{_esc(f.code)}</b> {_esc(f.message)}</span>')
    for i in _worst_first(missing, findings):
        f = findings[i]
        lacking = next((d for d in alignment.documents if d.path == f.path and d.language == f.language),
                       next((d for d in alignment.documents if d.path == f.path), None))
        who = f"{(f.language or 'und').upper()} {_name(f.path)}" if lacking is None else \
            f"{(lacking.language or 'und').upper()} {lacking.name}"
        what = ", ".join(f"\u2018{v}\u2019" for v in _surfaces(f, doc.path))
        value = f.evidence.get("value") if isinstance(f.evidence, Mapping) else None
        if not what:
            what = f"the value {value}" if isinstance(value, (str, int, float)) and value != "" else "this cell's text"
        out.append(f'<span class="fn hl miss"{_note_attrs(i, findings)}><b>missing in {_esc(who)}</b>: '
                   f"{_esc(what)}</span>")
    return f'<span class="fns">{"".join(out)}</span>'


def _row(g: int, u: int, alignment: Alignment, placed: _Placement, findings: Sequence[Finding]) -> str:
    unit = alignment.units[u]
    heading = False
    cells = []
    for k, doc in enumerate(alignment.documents):
        ids = unit.segments[k] if k < len(unit.segments) else ()
        parts = []
        for sid in ids:
            seg = doc.segments[sid]
            if seg.kind in (SegmentKind.HEADING, SegmentKind.TITLE):
                heading = True
            text = highlight(seg.text, placed.spans.get((g, k, sid), ()), findings)
            # Plain sentences go bare: at 10,000 units every byte per cell counts.
            if seg.kind is not SegmentKind.SENTENCE:
                text = f'<span class="s k-{seg.kind.value}">{text}</span>'
            parts.append(text)
        classes = [] if ids else ["gap"]
        attrs = _lang_attr(doc.language) + (f' data-l="{doc.segments[ids[0]].line}"' if ids else "")
        whole = placed.cells.get((g, u, k))
        if whole:
            classes.append("hl")
            attrs += _hl_attrs(whole, findings)
        cls_attr = f' class="{" ".join(classes)}"' if classes else ""
        content = " ".join(parts) if parts else '<span class="gap-note">no text</span>'
        content += _notes(placed.notes.get((g, u, k), ()), placed.missing.get((g, u, k), ()), doc, alignment,
                          findings)
        cells.append(f"<td{cls_attr}{attrs}>{content}</td>")
    row_findings = placed.rows.get((g, u))
    keys = ""
    if row_findings:
        keys = ' data-k="' + _esc(" ".join(dict.fromkeys(_key(findings[i]) for i in _worst_first(row_findings,
                                                                                           findings)))) + '"'
    low = " low" if unit.score < 0.5 else ""
    key = next((alignment.documents[k].segments[ids[0]].key for k, ids in enumerate(unit.segments) if ids), None)
    entry = f' title="entry: {_esc(_clip(entry_label(key)))}"' if key is not None else ""
    return (
        f'<tr id="g{g}-u{u}" class="r{" hd" if heading else ""}"{keys}>'
        f'<th scope="row"{entry}><a class="go" href="#g{g}-u{u}">{u}</a></th>{"".join(cells)}'
        f'<td class="sc{low}">{unit.score:.2f}</td></tr>'
    )


def _group(g: int, alignment: Alignment, result: AuditResult, placed: _Placement) -> str:
    score_of = {(s.path, s.language): s for s in result.scores}
    heads = []
    for doc in alignment.documents:
        score = score_of.get((doc.path, doc.language))
        vscore = f'<span class="vscore" title="quality score">{score.score:.1f}</span>' if score else ""
        heads.append(
            f'<th scope="col">{vscore}{_lang_badge(doc.language)}'
            f'<span class="file" title="{_esc(doc.path)}">{_esc(doc.name)}</span></th>'
        )
    table_id = f"group-{g}-table"
    n_findings = sum(len(v) for (gg, _), v in placed.rows.items() if gg == g)
    gaps = sum(1 for unit in alignment.units for ids in unit.segments if not ids)
    rows = "\n".join(_row(g, u, alignment, placed, result.findings) for u in range(len(alignment.units)))
    languages = " · ".join(_esc(d.language or "und") for d in alignment.documents)
    return (
        f'<section id="group-{g}" aria-labelledby="group-{g}-h">'
        f'<h3 id="group-{g}-h">Group {g + 1}: {languages}</h3>'
        f'<p class="group-meta"><span>{_plural(len(alignment.documents), "version")}</span>'
        f"<span>{_plural(len(alignment.units), 'unit')}</span><span>{_plural(gaps, 'gap')}</span>"
        f"<span>{_plural(n_findings, 'finding')} located</span>"
        + (f'<span class="sig">{_esc(alignment.signature)}</span>' if alignment.signature else "")
        + "</p>"
        + _pager(table_id, "top", f"group {g + 1}")
        + f'<div class="scroller"><table id="{table_id}" class="aligned paged" data-noun="units" '
        f'data-page-size="{PAGE_SIZE}"><caption class="sr-only">Group {g + 1}: one column per version, one row per '
        "aligned unit</caption>"
        f'<colgroup><col class="c-num"><col span="{len(alignment.documents)}"><col class="c-score"></colgroup>'
        f'<thead><tr><th scope="col">#</th>{"".join(heads)}<th scope="col" class="num" title="alignment confidence">'
        f"Conf.</th></tr></thead><tbody>\n{rows}\n</tbody></table></div>"
        + _pager(table_id, "bottom", f"group {g + 1}")
        + "</section>"
    )


def _alignment(result: AuditResult, placed: _Placement) -> str:
    legend = (
        '<div class="legend"><span><span class="sw heading"></span>heading or title row</span>'
        '<span><span class="s k-boilerplate">boilerplate</span> (page furniture)</span>'
        '<span><span class="sw gap"></span>gap: the version has nothing here</span>'
        '<span><span class="sw mark"></span>finding on these characters (its message is written under the text)</span>'
        '<span><span class="sw miss"></span>what another version is missing</span>'
        '<span><span class="sw cell"></span>finding on the whole cell</span>'
        "<span>small grey number: line in the file</span><span># is the unit index used in findings (from 0)</span>"
        "</div>"
    )
    body = "".join(_group(g, a, result, placed) for g, a in enumerate(result.groups))
    if not body:
        body = '<p class="empty">No aligned groups.</p>'
    return (
        '<section id="alignment" aria-labelledby="alignment-h"><h2 id="alignment-h">Aligned versions</h2>'
        f"{legend}{body}</section>"
    )


# --------------------------------------------------------------------------- the page


@dataclass(frozen=True)
class UntitledPage:
    """A page of :func:`render_html` made before its title is known: the page is ``parts`` joined by the title.

    The corpus layout renders a group's page where the group ran, before the groups are numbered;
    the title (``group N``) is put in here, in the same bytes :func:`render_html` writes.
    """

    parts: tuple[str, ...]

    def titled(self, title: str) -> str:
        """The page with ``title`` (escaped) in each of its places."""
        return _esc(title).join(self.parts)


def render_html(
    result: AuditResult, *, fail_on: Severity | str | None = Severity.MAJOR, title: str = "aligner audit report"
) -> str:
    """Render ``result`` as one self-contained HTML5 page (no network, no external resources).

    ``fail_on`` is the policy whose exit status the summary shows, as ``--fail-on`` takes it
    (a :class:`Severity`, its name, or ``"never"``/``None``); the status is
    :func:`aligner.checks.policy.exit_code`. Same ``result`` and arguments give byte-identical output.
    """
    return render_untitled(result, fail_on=fail_on).titled(title)


def render_untitled(result: AuditResult, *, fail_on: Severity | str | None = Severity.MAJOR) -> UntitledPage:
    """:func:`render_html` without its title (:meth:`UntitledPage.titled` puts it in)."""
    threshold = parse_fail_on(fail_on) if isinstance(fail_on, str) else fail_on
    placed = _place(result)
    status = exit_code(result.findings, threshold)
    script = _template("report.js")
    csp = (
        f"default-src 'none'; script-src {_csp_hash(_HEAD_SCRIPT)} {_csp_hash(script)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    langs = sorted({d.language or "und" for d in result.documents})
    subtitle = (
        f"{_plural(len(result.documents), 'document')} in {_plural(len(langs), 'language')}, "
        f"{_plural(len(result.groups), 'group')}, {_plural(len(result.findings), 'finding')}"
    )
    toc = (
        '<nav class="toc" aria-label="Sections"><a href="#summary">Summary</a><a href="#scores">Scores</a>'
        '<a href="#findings">Findings</a><a href="#alignment">Aligned versions</a></nav>'
    )
    return UntitledPage((
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="aligner {_esc(__version__)}">\n'
        "<title>",
        "</title>\n"
        f"<script>{_HEAD_SCRIPT}</script>\n"
        f"<style>\n{_template('report.css')}</style>\n</head>\n<body>\n"
        '<header class="topbar"><div class="topbar-inner"><div class="brand">',
        f"<small>aligner {_esc(__version__)}</small></div>{toc}"
        f'<a class="topstatus {"fail" if status else "pass"}" href="#summary">CI exit status {status}</a>'
        f"{_filters_toggle()}"
        f"{_filters(result)}</div></header>\n"
        '<main>\n<h1>',
        f'</h1><p class="lede">{_esc(subtitle)}</p>\n'
        '<noscript><p class="noscript">JavaScript is off: every row is shown and the filters are hidden.</p>'
        "</noscript>\n"
        f"{_summary(result, threshold, status)}\n{_scores(result)}\n{_findings(result, placed)}\n"
        f"{_alignment(result, placed)}\n"
        f'<footer>Generated by aligner {_esc(__version__)}. Self-contained: this file loads nothing from the network.'
        "</footer>\n</main>\n"
        f"<script>{script}</script>\n</body>\n</html>\n",
    ))


__all__ = ["PAGE_SIZE", "SEVERITY_ORDER", "UntitledPage", "highlight", "render_html", "render_untitled", "score_chart"]

"""Inline markup of translatable strings: tags and entities a translation must keep intact.

Pure functions, no I/O.

What is read
------------
* Tags: HTML/XML start, end and self-closing tags (``<a href="x">``, ``</a>``, ``<br>``, ``<br/>``) and
  the XLIFF inline elements (``<x/>``, ``<g>``, ``<ph>``, ``<bpt>``/``<ept>``, ``<it>``, ``<bx/>``/``<ex/>``,
  ``<mrk>``; XLIFF 2 ``<pc>``, ``<sc/>``/``<ec/>``, ``<sm/>``/``<em/>``). A ``<`` must be followed
  directly by a letter (or ``/`` and a letter) so ``a < b`` and ``x<5`` are text. HTML void elements
  (``br``, ``img``, ``hr``...) need no end tag. A name that is no HTML or XLIFF element is a tag only if
  it has a ``:`` or ``-`` (namespaced, custom elements), closes itself (``<foo/>``), or the string also
  holds its end tag: ``<filename>`` and ``<original entry>`` in prose are text. Nor is anything inside
  doubled angle brackets (Sphinx's ``<<original entry>>``), nor a tag whose "attributes" are no names
  (``<a rel="noreferrer" …>`` in prose about HTML).
* Entities: named (``&amp;``, ``&nbsp;`` -- the HTML5 list plus XML ``&apos;``), decimal ``&#123;`` and
  hexadecimal ``&#x1F600;`` references. A named reference the HTML5 list does not know (``&foo;``) is a
  custom (DTD) entity: it is a placeholder when the source has it, a bad entity when only the
  target does. ``AT&T`` and ``&`` followed by a space are no references.

Comparison rules (:func:`compare_markup`)
-----------------------------------------
* Tags are matched by identity: the element name, plus ``id`` (and ``rid``) for XLIFF elements, whose
  ids pair them with the source. Order may change (languages reorder phrases); counts may not:
  ``missing_tag`` / ``added_tag``.
* ``unbalanced``: the target's start and end tags do not nest properly (unclosed, stray end tag,
  crossed ``<b><i></b></i>``; ``<bpt id=1>`` without its ``<ept id=1>``), while the source's do. A
  source that is itself a fragment (a segment holding only ``<b>``) is compared by counts only.
* ``attribute_changed``: attributes of matched tags (i-th ``<a>`` of the source with the i-th of the
  target) must be equal, except translatable ones (``title``, ``alt``, ``aria-label``, ``label``,
  ``placeholder``, ``summary``, ``abbr``); ``href``/``src`` changes are always reported.
* ``bad_entity``: an invalid numeric reference (``&#0;``, surrogates, > U+10FFFF) or an unknown named one
  the source does not have. ``missing_entity``: a custom entity (``&brandName;``) of the source the
  target lacks (standard ones like ``&amp;`` may rightly become other characters).
"""

from __future__ import annotations

import html.entities
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

__all__ = ["Tag", "Entity", "MarkupIssue", "find_tags", "find_entities", "compare_markup", "is_balanced"]

_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})
_XLIFF = frozenset({"x", "g", "ph", "bpt", "ept", "it", "bx", "ex", "mrk", "sub", "pc", "sc", "ec", "sm", "em"})
#: XLIFF elements that are empty by definition (their end tag is never expected).
_XLIFF_EMPTY = frozenset({"x", "bx", "ex", "sc", "ec", "sm", "em"})
#: HTML elements (and the SVG/MathML ones that show up inline); any other plain name is a tag only when the
#: string also closes it or it closes itself, so ``<original entry>`` or ``<filename>`` in prose stay text.
_HTML = frozenset("""
a abbr acronym address area article aside audio b base bdi bdo big blockquote body br button canvas caption center
cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure font
footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map
mark math menu meta meter nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby s
samp script section select slot small source span strike strong style sub summary sup svg table tbody td template
textarea tfoot th thead time title tr track tt u ul var video wbr
""".split())
#: Presentational elements a translation may add for its own typography.
_PRESENTATIONAL = frozenset({"b", "i", "em", "strong", "sup", "sub", "small", "u", "s", "mark", "q", "span", "abbr",
                             "br", "wbr", "nobr", "bdi", "bdo", "ruby", "rt", "rp"})
_URL_HOST = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:)?//([^/?#]*)")
_TRANSLATABLE_ATTRS = frozenset({"title", "alt", "aria-label", "label", "placeholder", "summary", "abbr"})
_TAG = re.compile(
    r"<(?P<close>/)?(?P<name>[A-Za-z][\w:.-]*)"
    r"(?P<attrs>(?:\s+[A-Za-z_:@][-\w:.@]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"'<]+))?)*)"
    r"\s*(?P<self>/)?>"
)
_ATTR = re.compile(r"([A-Za-z_:@][-\w:.@]*)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"'<]+)))?")
_ENTITY = re.compile(r"&(?:#(?P<dec>[0-9]+)|#[xX](?P<hex>[0-9A-Fa-f]+)|(?P<name>[A-Za-z][A-Za-z0-9._-]*));")
_KNOWN = frozenset(k[:-1] for k in html.entities.html5 if k.endswith(";")) | {"apos"}


@dataclass(frozen=True)
class Tag:
    """One tag. ``kind``: ``start``, ``end`` or ``empty`` (self-closing or void). ``attrs`` as written, in order."""

    start: int
    end: int
    surface: str
    name: str
    kind: str
    attrs: tuple[tuple[str, str], ...] = ()

    @property
    def ident(self) -> tuple[str, str | None]:
        """What pairs this tag with its counterpart: the name, plus the id of an XLIFF element."""
        if self.name.lower() in _XLIFF:
            a = dict(self.attrs)
            return (self.name.lower(), a.get("id") or a.get("rid"))
        return (self.name.lower(), None)


@dataclass(frozen=True)
class Entity:
    """One character or entity reference; ``valid`` is False for unknown names and impossible code points."""

    start: int
    end: int
    surface: str
    name: str | None
    codepoint: int | None
    valid: bool
    known: bool


@dataclass(frozen=True)
class MarkupIssue:
    """``kind``: missing_tag, added_tag, unbalanced, attribute_changed, bad_entity, missing_entity.

    ``severity`` is ``warning`` for what translators do on purpose: adding a presentational tag
    (French ``1<sup>er</sup>``, ``<i>`` for a foreign word, ``<br>``) and pointing ``href``/``src`` at
    the same host in another language (``docs.djangoproject.com/en/`` -> ``/fr/``); ``error`` otherwise.
    """

    kind: str
    detail: str
    source: Tag | Entity | None = None
    target: Tag | Entity | None = None
    severity: str = "error"


def find_tags(text: str) -> list[Tag]:
    """The tags of ``text`` in order."""
    if "<" not in text:
        return []
    out = []
    for m in _TAG.finditer(text):
        name = m.group("name")
        if (m.start() > 0 and text[m.start() - 1] == "<") or text.startswith(">", m.end()):
            continue  # <<original entry>>: double angle quotes, not a tag
        low = name.lower()
        if not (low in _HTML or low in _XLIFF or ":" in name or "-" in name or m.group("self")
                or f"</{name}>" in text or (m.group("close") and f"<{name}" in text)):
            continue
        attrs = tuple((a.group(1).lower(), next((g for g in a.groups()[1:] if g is not None), ""))
                      for a in _ATTR.finditer(m.group("attrs") or ""))
        if m.group("close"):
            kind = "end"
        elif m.group("self") or name.lower() in _VOID or name.lower() in _XLIFF_EMPTY:
            kind = "empty"
        else:
            kind = "start"
        out.append(Tag(m.start(), m.end(), m.group(), name, kind, attrs))
    return out


def find_entities(text: str) -> list[Entity]:
    """The character and entity references of ``text`` in order."""
    if "&" not in text:
        return []
    out = []
    for m in _ENTITY.finditer(text):
        if m.group("name"):
            known = m.group("name") in _KNOWN
            out.append(Entity(m.start(), m.end(), m.group(), m.group("name"), None, known, known))
            continue
        cp = int(m.group("dec"), 10) if m.group("dec") else int(m.group("hex"), 16)
        valid = 0 < cp <= 0x10FFFF and not 0xD800 <= cp <= 0xDFFF
        out.append(Entity(m.start(), m.end(), m.group(), None, cp, valid, True))
    return out


def _balance_errors(tags: list[Tag]) -> list[str]:
    """Why the start/end tags (and bpt/ept pairs) of a string do not nest; empty when they do."""
    errors = []
    stack: list[Tag] = []
    for t in tags:
        if t.kind == "start":
            stack.append(t)
        elif t.kind == "end":
            name = t.name.lower()
            if stack and stack[-1].name.lower() == name:
                stack.pop()
            elif any(s.name.lower() == name for s in stack):
                errors.append(f"{t.surface} crosses {stack[-1].surface}")
                while stack and stack[-1].name.lower() != name:
                    stack.pop()
                stack.pop()
            else:
                errors.append(f"{t.surface} closes nothing")
    errors.extend(f"{s.surface} is not closed" for s in stack)
    bpt = Counter(t.ident[1] for t in tags if t.name.lower() == "bpt" and t.kind != "end")
    ept = Counter(dict(t.attrs).get("rid") or dict(t.attrs).get("id") for t in tags
                  if t.name.lower() == "ept" and t.kind != "end")
    for key in sorted(set(bpt) | set(ept), key=str):
        if bpt[key] != ept[key]:
            errors.append(f"bpt/ept id={key}: {bpt[key]} bpt, {ept[key]} ept")
    return errors


def _same_host(a: str | None, b: str | None) -> bool:
    """Whether two absolute URLs name the same host (a localised link); False for anything else."""
    ma, mb = _URL_HOST.match(a or ""), _URL_HOST.match(b or "")
    return bool(ma and mb and ma.group(1) and ma.group(1).lower() == mb.group(1).lower())


def is_balanced(text: str) -> bool:
    """Whether the tags of ``text`` nest properly (and every ``<bpt>`` has its ``<ept>``)."""
    return not _balance_errors(find_tags(text))


def compare_markup(source: str, target: str) -> list[MarkupIssue]:
    """Tag and entity problems of ``target``, a translation of ``source`` (see the module documentation)."""
    issues: list[MarkupIssue] = []
    s_tags, t_tags = find_tags(source), find_tags(target)
    if s_tags or t_tags:
        s_by: dict[tuple, list[Tag]] = defaultdict(list)
        t_by: dict[tuple, list[Tag]] = defaultdict(list)
        for t in s_tags:
            s_by[(t.kind, *t.ident)].append(t)
        for t in t_tags:
            t_by[(t.kind, *t.ident)].append(t)
        for key in list(s_by) + [k for k in t_by if k not in s_by]:
            a, b = s_by.get(key, []), t_by.get(key, [])
            for x in a[len(b):]:
                issues.append(MarkupIssue("missing_tag", f"{x.surface} ({len(a)} in source, {len(b)} in target)", x))
            for y in b[len(a):]:
                severity = "warning" if y.name.lower() in _PRESENTATIONAL else "error"
                issues.append(MarkupIssue("added_tag", f"{y.surface} ({len(a)} in source, {len(b)} in target)",
                                          None, y, severity))
            for x, y in zip(a, b):
                xa = {k: v for k, v in x.attrs if k not in _TRANSLATABLE_ATTRS}
                ya = {k: v for k, v in y.attrs if k not in _TRANSLATABLE_ATTRS}
                if xa != ya:
                    changed = sorted(k for k in set(xa) | set(ya) if xa.get(k) != ya.get(k))
                    localised = all(k in ("href", "src") and _same_host(xa.get(k), ya.get(k)) for k in changed)
                    issues.append(MarkupIssue(
                        "attribute_changed",
                        "; ".join(f"{x.name} {k}: {xa.get(k)!r} -> {ya.get(k)!r}" for k in changed), x, y,
                        "warning" if localised else "error"))
        if not _balance_errors(s_tags):
            for why in _balance_errors(t_tags):
                issues.append(MarkupIssue("unbalanced", why))
    s_ent, t_ent = find_entities(source), find_entities(target)
    s_names = {e.surface for e in s_ent}
    for e in t_ent:
        if not e.valid and e.surface not in s_names:
            what = "unknown entity" if e.name else "invalid character reference"
            issues.append(MarkupIssue("bad_entity", f"{what} {e.surface}", None, e))
    t_count = Counter(e.surface for e in t_ent)
    for surface, n in Counter(e.surface for e in s_ent if not e.known).items():
        if t_count[surface] < n:
            e = next(x for x in s_ent if x.surface == surface)
            issues.append(MarkupIssue("missing_entity", f"{surface} ({n} in source, {t_count[surface]} in target)", e))
    return issues

"""gettext PO/POT parser that records the line and column of every string.

translate-toolkit's ``pypo`` parses PO well but its units keep no line numbers (its parse state counts lines
only to word its errors), and findings must point at the ``msgstr`` line; so this is a small strict parser of
the PO grammar: comments (``#``, ``#.``, ``#:``, ``#,`` flags, ``#|`` previous), ``msgctxt``, ``msgid``,
``msgid_plural``, ``msgstr``, ``msgstr[n]``, multi-line strings, C escapes and ``#~`` obsolete entries.
The tests check its unit counts and texts against translate-toolkit's on real catalogs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..errors import InputError
from ._common import check_codec, decode, language_from_path, normalise_language
from .model import Catalog, CatalogUnit, TextSpan

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[\s\"]|$)")
_CHARSET = re.compile(rb'"Content-Type:[^"\n]*?charset=([^\s"\\;]+)', re.IGNORECASE)
_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "\\": "\\",
    '"': '"',
    "'": "'",
    "?": "?",
}
_ESC = re.compile(r"\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|.)", re.DOTALL)


def _unescape(s: str) -> str:
    if "\\" not in s:
        return s

    def repl(m: re.Match[str]) -> str:
        e = m.group(1)
        if e in _ESCAPES:
            return _ESCAPES[e]
        if e[0] == "x" and len(e) > 1:
            return chr(int(e[1:], 16))
        if e[0] in "01234567":
            return chr(int(e, 8))
        return e

    return _ESC.sub(repl, s)


@dataclass
class _Field:
    parts: list[tuple[str, int, int, bool]] = field(default_factory=list)  # text, line, column, raw non-empty

    def span(self) -> TextSpan:
        text = "".join(p[0] for p in self.parts)
        first = next((p for p in self.parts if p[3]), self.parts[0])
        return TextSpan(text, first[1], first[2])


@dataclass
class _Entry:
    line: int = 0
    obsolete: bool = False
    notes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    fields: dict[str, _Field] = field(
        default_factory=dict
    )  # "msgctxt", "msgid", "msgid_plural", "msgstr", "msgstr[0]"...

    def has_msgstr(self) -> bool:
        return any(k.startswith("msgstr") for k in self.fields)

    def empty(self) -> bool:
        return not self.fields and not self.notes and not self.flags


def _read_literal(path: str, s: str, pos: int, line: int, col0: int) -> tuple[str, int, bool]:
    """Parse one ``"..."`` starting at ``s[pos]``; returns (decoded text, column of its content, raw non-empty)."""
    if pos >= len(s) or s[pos] != '"':
        raise InputError(
            path,
            f"line {line}: expected a quoted string at column {col0 + pos + 1}; "
            'write the text in double quotes, e.g. msgstr "..."',
        )
    i = pos + 1
    n = len(s)
    while i < n:
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == '"':
            break
        i += 1
    if i >= n:
        raise InputError(
            path,
            f"line {line}: unterminated string (no closing double quote); "
            'end the line with " and continue long texts on a new "..." line',
        )
    rest = s[i + 1 :].strip()
    if rest:
        raise InputError(
            path, f"line {line}: unexpected text {rest[:20]!r} after the closing quote; put each string on its own line"
        )
    raw = s[pos + 1 : i]
    return _unescape(raw), col0 + pos + 2, bool(raw)


def parse_po(data: bytes | str, path: str = "<po>", *, strict_plurals: bool = True) -> Catalog:
    """Parse a PO or POT file into a :class:`Catalog` (the header entry is read for languages, not emitted).

    ``strict_plurals=False`` keeps a translated entry whose msgstr[n] count contradicts the header's nplurals
    (flag ``nplurals-mismatch``) instead of raising: Django 5's es/fr/it/pt catalogs ship such entries.
    """
    declared = None
    if isinstance(data, bytes):
        m = _CHARSET.search(data)
        if m:
            name = m.group(1).decode("ascii", "replace")
            if name.upper() != "CHARSET":
                line = data.count(b"\n", 0, m.start()) + 1
                declared = check_codec(path, name, line, "the header's charset=")
    text = decode(data, path, declared, declared_by="the header's Content-Type charset=")
    entries = _parse_entries(text, path)
    return _build_catalog(entries, path, strict_plurals)


def _parse_entries(text: str, path: str) -> list[_Entry]:
    entries: list[_Entry] = []
    cur = _Entry()
    last: _Field | None = None

    def finish() -> None:
        nonlocal cur, last
        if cur.fields:
            if "msgid" not in cur.fields:
                raise InputError(path, f'line {cur.line}: entry without msgid; every entry needs msgid "..."')
            if not cur.has_msgstr():
                line = cur.fields["msgid"].parts[0][1]
                raise InputError(path, f'line {line}: msgid without msgstr; add msgstr "" after it')
            entries.append(cur)
        cur = _Entry()
        last = None

    for lineno, raw_line in enumerate(text.split("\n"), start=1):
        line = raw_line.rstrip("\r")
        stripped = line.strip()
        if not stripped:
            if cur.has_msgstr():
                finish()
            continue
        col0 = len(line) - len(line.lstrip())
        body = line[col0:]
        obsolete = False
        if body.startswith("#~"):
            rest = body[2:]
            if rest.startswith("|"):  # previous msgid of an obsolete entry
                if cur.has_msgstr():
                    finish()
                last = None
                continue
            obsolete = True
            col0 += 2 + (len(rest) - len(rest.lstrip()))
            body = rest.lstrip()
            if not body:
                continue
        elif body.startswith("#"):
            if cur.has_msgstr():
                finish()
            if not cur.line:
                cur.line = lineno
            kind = body[1:2]
            content = body[2:].strip() if kind in ",.:|" else body[1:].strip()
            if kind == ",":
                cur.flags.extend(f.strip() for f in content.split(",") if f.strip())
            elif kind == "." or kind not in ":|":
                if content:
                    cur.notes.append(content)
            last = None
            continue
        if body.startswith('"'):
            if last is None:
                raise InputError(
                    path,
                    f"line {lineno}: a string with no keyword before it; "
                    'start the entry with msgid "..." (or remove the stray line)',
                )
            t, c, nonempty = _read_literal(path, body, 0, lineno, col0)
            last.parts.append((t, lineno, c, nonempty))
            continue
        m = _KEYWORD.match(body)
        if not m:
            raise InputError(
                path,
                f"line {lineno}: cannot read {body[:30]!r}; each line must be a # comment, "
                "a keyword (msgctxt, msgid, msgid_plural, msgstr, msgstr[n]) or a quoted string",
            )
        kw = m.group(1)
        if kw == "msgctxt" or kw == "msgid":
            if cur.has_msgstr() or (kw == "msgctxt" and "msgid" in cur.fields):
                finish()
            if kw in cur.fields:
                raise InputError(
                    path,
                    f'line {lineno}: second {kw} in one entry; add the missing msgstr "" '
                    "or a blank line between entries",
                )
        elif "msgid" not in cur.fields:
            raise InputError(path, f'line {lineno}: {kw} before any msgid; every entry starts with msgid "..."')
        elif kw in cur.fields:
            raise InputError(path, f"line {lineno}: {kw} repeated in one entry; keep one")
        if not cur.line:
            cur.line = lineno
        if obsolete:
            cur.obsolete = True
        pos = m.end()
        while pos < len(body) and body[pos] in " \t":
            pos += 1
        t, c, nonempty = _read_literal(path, body, pos, lineno, col0)
        last = _Field([(t, lineno, c, nonempty)])
        cur.fields[kw] = last
    finish()
    return entries


def _parse_header(msgstr: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for hline in msgstr.split("\n"):
        if ":" in hline:
            k, v = hline.split(":", 1)
            out[k.strip().lower()] = v.strip()
    return out


def _build_catalog(entries: list[_Entry], path: str, strict_plurals: bool = True) -> Catalog:
    header: dict[str, str] = {}
    units: list[CatalogUnit] = []
    header_seen = False
    for e in entries:
        msgid = e.fields["msgid"].span()
        if not header_seen and msgid.text == "" and "msgctxt" not in e.fields and not e.obsolete:
            header_seen = True
            header = _parse_header(e.fields.get("msgstr", _Field([("", 0, 0, False)])).span().text)
            continue
        ctxt = e.fields.get("msgctxt")
        key = (ctxt.span().text + "\x04" + msgid.text) if ctxt else msgid.text
        plural = e.fields.get("msgid_plural")
        forms: tuple[TextSpan, ...] = ()
        if plural is not None:
            idx = sorted(int(k[7:-1]) for k in e.fields if k.startswith("msgstr["))
            forms = tuple(e.fields[f"msgstr[{i}]"].span() for i in idx)
            target = forms[0] if forms else (e.fields["msgstr"].span() if "msgstr" in e.fields else None)
        else:
            if "msgstr" not in e.fields:
                raise InputError(
                    path, f'line {e.line}: msgstr[n] without msgid_plural; use plain msgstr "..." or add msgid_plural'
                )
            target = e.fields["msgstr"].span()
        flags = tuple(f for f in e.flags if f != "fuzzy")
        texts = [f.text for f in forms] if forms else [target.text if target else ""]
        if e.obsolete:
            state = "obsolete"
        elif "fuzzy" in e.flags:
            state = "fuzzy"
        elif all(texts):
            state = "translated"
        else:
            state = "untranslated"
        units.append(
            CatalogUnit(
                key=key,
                source=msgid,
                target=target,
                plural_forms=forms,
                source_plural=plural.span() if plural else None,
                state=state,
                notes=tuple(e.notes),
                flags=flags,
            )
        )
    plural_header = header.get("plural-forms") or None
    if plural_header:
        units = _check_nplurals(path, plural_header, units, strict_plurals)
    target_language = normalise_language(header.get("language")) or (
        None if path.endswith(".pot") else language_from_path(path)
    )
    source_language = normalise_language(header.get("x-source-language"))
    return Catalog(
        path=path,
        format="po",
        source_language=source_language,
        target_language=target_language,
        units=tuple(units),
        plural_header=plural_header,
    )


def _check_nplurals(path: str, plural_header: str, units: list[CatalogUnit], strict: bool) -> list[CatalogUnit]:
    """Entries whose msgstr[n] count differs from the header's nplurals, judged as ``msgfmt --check`` does: fuzzy,
    obsolete and untranslated (empty msgstr[0]) entries are exempt. Strict: the first is an InputError; else each
    is kept with the flag ``nplurals-mismatch`` so a check can report it."""
    m = re.search(r"nplurals\s*=\s*(\d+)", plural_header)
    if not m:
        return units
    n = int(m.group(1))
    out = []
    for u in units:
        if (
            u.source_plural is not None
            and u.state not in ("obsolete", "fuzzy")
            and u.plural_forms
            and u.plural_forms[0].text
            and len(u.plural_forms) != n
        ):
            line = u.target.line if u.target else u.source_plural.line
            if strict:
                raise InputError(
                    path,
                    f"line {line}: {len(u.plural_forms)} msgstr[n] forms but the header's Plural-Forms says "
                    f"nplurals={n}; add or remove msgstr[n] lines or fix the header",
                )
            u = replace(u, flags=(*u.flags, "nplurals-mismatch"))
        out.append(u)
    return out

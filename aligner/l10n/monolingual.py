"""Key-value catalogs: JSON (flat, nested, i18next), YAML (Rails), Java ``.properties`` and Apple ``.strings``.

All are monolingual: ``source`` is ``None`` and the value is the ``target``. Positions are of the value's first
character (inside its quotes).
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring

from ..errors import InputError
from ._common import (
    CLDR_CATEGORIES,
    LineIndex,
    decode,
    group_plural_categories,
    language_from_path,
    looks_like_language,
)
from .model import Catalog, CatalogUnit, TextSpan

_WS = re.compile(r"[ \t\n\r]*")
_I18NEXT_PLURAL = re.compile(r"^(.+)_(zero|one|two|few|many|other)$")


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _plural_units(prefix: str, values: dict[str, TextSpan]) -> CatalogUnit:
    forms, flags = group_plural_categories(values)
    return CatalogUnit(key=prefix, source=None, target=forms[0], plural_forms=forms, flags=flags)


def _is_plural_mapping(keys: list[str]) -> bool:
    return bool(keys) and "other" in keys and all(k in CLDR_CATEGORIES for k in keys)


# ---------------------------------------------------------------- JSON


def parse_json(data: bytes | str, path: str = "<json>") -> Catalog:
    """Parse a JSON catalog: nested objects and arrays become key paths ``a.b[0].c``; non-string values are skipped.

    i18next plural keys (``item_one``, ``item_other``...) and objects whose keys are CLDR plural categories become
    one unit with ``plural_forms``.
    """
    text = decode(data, path)
    try:
        json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(
            path, f"line {e.lineno}: JSON syntax error at column {e.colno}: {e.msg}; fix the JSON"
        ) from None
    except RecursionError:
        raise InputError(path, "line 1: JSON nested too deeply; flatten the structure") from None
    index = LineIndex(text)
    units: list[CatalogUnit] = []
    _JsonWalker(text, index, units).value(_WS.match(text, 0).end(), "")
    return Catalog(
        path=path, format="json", source_language=None, target_language=language_from_path(path), units=tuple(units)
    )


class _JsonWalker:
    """Walks an already validated JSON text, recording the offset of every string value."""

    def __init__(self, text: str, index: LineIndex, units: list[CatalogUnit]) -> None:
        self.text, self.index, self.units = text, index, units
        self.decoder = json.JSONDecoder()

    def ws(self, i: int) -> int:
        return _WS.match(self.text, i).end()

    def value(self, i: int, key: str) -> tuple[int, TextSpan | None]:
        c = self.text[i]
        if c == '"':
            s, end = scanstring(self.text, i + 1)
            return end, self.index.span(s, i + 1)
        if c == "{":
            return self.obj(i, key), None
        if c == "[":
            i = self.ws(i + 1)
            n = 0
            if self.text[i] == "]":
                return i + 1, None
            while True:
                i, span = self.value(i, f"{key}[{n}]")
                if span is not None:
                    self.units.append(CatalogUnit(key=f"{key}[{n}]", source=None, target=span))
                n += 1
                i = self.ws(i)
                if self.text[i] == "]":
                    return i + 1, None
                i = self.ws(i + 1)  # ","
        _, end = self.decoder.raw_decode(self.text, i)
        return end, None

    def obj(self, i: int, prefix: str) -> int:
        i = self.ws(i + 1)
        strings: list[tuple[str, TextSpan, int]] = []  # key, span, index of its unit in self.units
        first_unit = len(self.units)
        if self.text[i] != "}":
            while True:
                k, i = scanstring(self.text, i + 1)
                i = self.ws(i)
                i = self.ws(i + 1)  # ":"
                i, span = self.value(i, _join(prefix, k))
                if span is not None:
                    strings.append((k, span, len(self.units)))
                    self.units.append(CatalogUnit(key=_join(prefix, k), source=None, target=span))
                i = self.ws(i)
                if self.text[i] == "}":
                    break
                i = self.ws(i + 1)  # ","
        keys = [k for k, _, _ in strings]
        if prefix and _is_plural_mapping(keys) and len(self.units) - first_unit == len(keys) == len(set(keys)):
            del self.units[first_unit:]
            self.units.append(_plural_units(prefix, {k: s for k, s, _ in strings}))
            return i + 1
        groups: dict[str, dict[str, TextSpan]] = {}
        for k, span, _ in strings:
            m = _I18NEXT_PLURAL.match(k)
            if m:
                groups.setdefault(m.group(1), {})[m.group(2)] = span
        done: set[str] = set()
        drop: list[int] = []
        for k, _, at in strings:
            m = _I18NEXT_PLURAL.match(k)
            if m and "other" in groups[m.group(1)]:
                if m.group(1) in done:
                    drop.append(at)
                else:
                    done.add(m.group(1))
                    self.units[at] = _plural_units(_join(prefix, m.group(1)), groups[m.group(1)])
        for at in reversed(drop):
            del self.units[at]
        return i + 1


# ---------------------------------------------------------------- YAML


def parse_yaml(data: bytes | str, path: str = "<yaml>") -> Catalog:
    """Parse a YAML catalog with pyyaml's node tree (which carries positions). A Rails-style single root key that
    is a language (``lt:``) gives the language and is left out of the key paths; a mapping whose keys are CLDR
    plural categories (``one:``/``other:``) is one plural unit."""
    import yaml

    text = decode(data, path)
    try:
        # libyaml's loader is ~5x faster and gives the same character-based marks (checked on non-ASCII text)
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        raise InputError(path, f"line {line}: YAML syntax error: {e.problem or e.context}; fix the YAML") from None
    except yaml.YAMLError as e:
        raise InputError(path, f"line 1: YAML error: {str(e).splitlines()[0]}; fix the YAML") from None
    index = LineIndex(text)
    language = None
    if isinstance(root, yaml.MappingNode) and len(root.value) == 1:
        k, v = root.value[0]
        lang = looks_like_language(str(k.value)) if isinstance(k, yaml.ScalarNode) else None
        if lang and isinstance(v, yaml.MappingNode):
            language, root = lang, v
    units: list[CatalogUnit] = []
    if root is not None:
        _yaml_walk(root, "", index, units)
    return Catalog(
        path=path,
        format="yaml",
        source_language=None,
        target_language=language or language_from_path(path),
        units=tuple(units),
    )


def _yaml_span(node, index: LineIndex) -> TextSpan:
    mark = node.start_mark
    line, col = mark.line + 1, mark.column + 1
    if node.style in ("'", '"'):
        col += 1
    elif node.style in ("|", ">"):
        text = index.text
        nl = text.find("\n", mark.index)
        if nl >= 0:
            i = nl + 1
            while True:
                end = text.find("\n", i)
                seg = text[i:] if end < 0 else text[i:end]
                if seg.strip() or end < 0:
                    break
                i = end + 1
            offset = i + (len(seg) - len(seg.lstrip(" ")))
            line, col = index.position(offset)
    return TextSpan(node.value, line, col)


def _yaml_walk(node, prefix: str, index: LineIndex, units: list[CatalogUnit]) -> None:
    import yaml

    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:str" and prefix:
            units.append(CatalogUnit(key=prefix, source=None, target=_yaml_span(node, index)))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _yaml_walk(item, f"{prefix}[{i}]", index, units)
    elif isinstance(node, yaml.MappingNode):
        pairs = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value != "<<"]
        keys = [str(k.value) for k, _ in pairs]
        if (
            prefix
            and _is_plural_mapping(keys)
            and all(isinstance(v, yaml.ScalarNode) and v.tag == "tag:yaml.org,2002:str" for _, v in pairs)
        ):
            units.append(_plural_units(prefix, {str(k.value): _yaml_span(v, index) for k, v in pairs}))
            return
        for k, v in pairs:
            _yaml_walk(v, _join(prefix, str(k.value)), index, units)


# ---------------------------------------------------------------- Java .properties

_PROP_ESC = {"t": "\t", "n": "\n", "r": "\r", "f": "\f"}


def _prop_unescape(s: str, path: str, line: int) -> str:
    if "\\" not in s:
        return s
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            e = s[i + 1]
            if e == "u":
                hexd = s[i + 2 : i + 6]
                if not re.fullmatch(r"[0-9A-Fa-f]{4}", hexd):
                    raise InputError(
                        path, f"line {line}: malformed \\u escape {s[i : i + 6]!r}; write \\u and four hex digits"
                    )
                out.append(chr(int(hexd, 16)))
                i += 6
                continue
            out.append(_PROP_ESC.get(e, e))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def parse_properties(data: bytes | str, path: str = "<properties>") -> Catalog:
    """Parse a Java ``.properties`` file (``key=value``, ``key: value``, ``key value``; ``\\`` continuation lines;
    ``\\uXXXX`` escapes). Bytes are UTF-8 or, failing that, ISO-8859-1 (as Java 9+ reads them). Comment lines right
    above a key become its notes."""
    text = decode(data, path, fallback="latin-1")
    lines = text.split("\n")
    units: list[CatalogUnit] = []
    notes: list[str] = []
    n = 0
    while n < len(lines):
        physical = lines[n].rstrip("\r")
        stripped = physical.lstrip(" \t\f")
        start_line = n + 1
        n += 1
        if not stripped:
            notes = []
            continue
        if stripped[0] in "#!":
            notes.append(stripped[1:].strip())
            continue
        # logical line: chunks with their (line, column) origin
        chunks: list[tuple[str, int, int]] = []
        col = len(physical) - len(stripped) + 1
        cur, cur_line = stripped, start_line
        while True:
            trailing = len(cur) - len(cur.rstrip("\\"))
            if trailing % 2 == 1 and n <= len(lines):
                chunks.append((cur[:-1], cur_line, col))
                if n >= len(lines):
                    break
                nxt = lines[n].rstrip("\r")
                cur = nxt.lstrip(" \t\f")
                col = len(nxt) - len(cur) + 1
                cur_line = n + 1
                n += 1
                continue
            chunks.append((cur, cur_line, col))
            break
        logical = "".join(c[0] for c in chunks)
        i = 0
        while i < len(logical) and logical[i] not in "=: \t\f":
            i += 2 if logical[i] == "\\" else 1
        key_raw = logical[:i]
        while i < len(logical) and logical[i] in " \t\f":
            i += 1
        if i < len(logical) and logical[i] in "=:":
            i += 1
            while i < len(logical) and logical[i] in " \t\f":
                i += 1
        value_raw = logical[i:]
        # where does logical offset i sit in the file?
        off = i
        vline, vcol = chunks[-1][1], chunks[-1][2] + len(chunks[-1][0])
        for text_chunk, cl, cc in chunks:
            if off < len(text_chunk) or (off == len(text_chunk) and text_chunk is chunks[-1][0]):
                vline, vcol = cl, cc + off
                break
            off -= len(text_chunk)
        key = _prop_unescape(key_raw, path, start_line)
        value = _prop_unescape(value_raw, path, start_line)
        units.append(CatalogUnit(key=key, source=None, target=TextSpan(value, vline, vcol), notes=tuple(notes)))
        notes = []
    return Catalog(
        path=path,
        format="properties",
        source_language=None,
        target_language=language_from_path(path),
        units=tuple(units),
    )


# ---------------------------------------------------------------- Apple .strings

_APPLE_ESC = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "'": "'", "0": "\0"}
_BARE = re.compile(r"[A-Za-z0-9_.$:/-]+")


def parse_apple_strings(data: bytes | str, path: str = "<strings>") -> Catalog:
    """Parse an Apple ``.strings`` file: ``"key" = "value";`` entries, ``/* */`` and ``//`` comments (the comment
    right above an entry becomes its note), ``\\n``, ``\\"``, ``\\U00E9`` escapes. UTF-16 files need their BOM."""
    text = decode(data, path)
    index = LineIndex(text)
    units: list[CatalogUnit] = []
    note: str | None = None
    i, n = 0, len(text)

    def err(at: int, what: str) -> InputError:
        return InputError(path, f"line {index.position(at)[0]}: {what}")

    def skip(i: int) -> tuple[int, str | None]:
        comment = None
        while i < n:
            c = text[i]
            if c in " \t\r\n":
                i += 1
            elif text.startswith("/*", i):
                end = text.find("*/", i + 2)
                if end < 0:
                    raise err(i, "unterminated /* comment; close it with */")
                comment = text[i + 2 : end].strip()
                i = end + 2
            elif text.startswith("//", i):
                end = text.find("\n", i)
                end = n if end < 0 else end
                comment = text[i + 2 : end].strip()
                i = end
            else:
                break
        return i, comment

    def string(i: int) -> tuple[str, int, int]:
        """Returns (text, offset of its first character, offset after it)."""
        if i < n and text[i] == '"':
            out = []
            j = i + 1
            while j < n and text[j] != '"':
                if text[j] == "\\" and j + 1 < n:
                    e = text[j + 1]
                    if e in "uU" and re.fullmatch(r"[0-9A-Fa-f]{4}", text[j + 2 : j + 6]):
                        out.append(chr(int(text[j + 2 : j + 6], 16)))
                        j += 6
                        continue
                    out.append(_APPLE_ESC.get(e, e))
                    j += 2
                    continue
                out.append(text[j])
                j += 1
            if j >= n:
                raise err(i, 'unterminated string; close it with "')
            return "".join(out), i + 1, j + 1
        m = _BARE.match(text, i)
        if not m:
            raise err(i, f'expected a quoted string, found {text[i : i + 10]!r}; write entries as "key" = "value";')
        return m.group(0), i, m.end()

    while True:
        i, comment = skip(i)
        if comment is not None:
            note = comment
        if i >= n:
            break
        key, _, i = string(i)
        i, _ = skip(i)
        if i >= n or text[i] != "=":
            raise err(min(i, n - 1), f'missing "=" after the key {key!r}; write entries as "key" = "value";')
        i, _ = skip(i + 1)
        value, vstart, i = string(i)
        i, _ = skip(i)
        if i >= n or text[i] != ";":
            raise err(min(i, n - 1), f'missing ";" after the value of {key!r}; end each entry with ;')
        i += 1
        units.append(CatalogUnit(key=key, source=None, target=index.span(value, vstart), notes=(note,) if note else ()))
        note = None
    return Catalog(
        path=path,
        format="apple-strings",
        source_language=None,
        target_language=language_from_path(path),
        units=tuple(units),
    )

"""Android ``res/values*/strings.xml``: ``<string>``, ``<plurals>/<item quantity>``, ``<string-array>/<item>``."""

from __future__ import annotations

import re

from ..errors import InputError
from ._common import group_plural_categories, language_from_path
from ._xml import Positions, children, inner_xml, localname, parse_xml, preceding_comment
from .model import Catalog, CatalogUnit, TextSpan

_ESC = re.compile(r"\\(u[0-9A-Fa-f]{4}|.)", re.DOTALL)
_SIMPLE = {"n": "\n", "t": "\t", "'": "'", '"': '"', "@": "@", "?": "?", "\\": "\\"}


def android_unescape(value: str) -> str:
    """What Android shows for a resource value: enclosing double quotes dropped, backslash escapes resolved."""
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"' and not value.endswith('\\"'):
        value = value[1:-1]

    def repl(m: re.Match[str]) -> str:
        e = m.group(1)
        if e[0] == "u" and len(e) == 5:
            return chr(int(e[1:], 16))
        return _SIMPLE.get(e, e)

    return _ESC.sub(repl, value)


def parse_android(data: bytes | str, path: str = "<strings.xml>") -> Catalog:
    """Parse an Android string resource file; ``translatable="false"`` resources are skipped."""
    root, index = parse_xml(data, path, "Android resource file")
    if localname(root) != "resources":
        raise InputError(
            path,
            f"line {root.sourceline}: root element is <{localname(root)}>, not <resources>; "
            "give an Android strings.xml",
        )
    pos = Positions(root, index)
    units: list[CatalogUnit] = []

    def span(el) -> TextSpan:
        raw = inner_xml(el)
        text = android_unescape(raw)
        sp = pos.text_span(el, text)
        if raw.startswith('"') and not text.startswith('"'):  # point past the enclosing quote
            sp = TextSpan(text, sp.line, sp.column + 1)
        return sp

    for el in root:
        kind = localname(el)
        if kind not in ("string", "plurals", "string-array") or el.get("translatable") == "false":
            continue
        name = el.get("name")
        if not name:
            raise InputError(path, f'line {el.sourceline}: <{kind}> without a name attribute; add name="..."')
        note = preceding_comment(el)
        notes = (note,) if note else ()
        if kind == "string":
            units.append(CatalogUnit(key=name, source=None, target=span(el), notes=notes))
        elif kind == "plurals":
            items = {}
            for item in children(el, "item"):
                q = item.get("quantity")
                if not q:
                    raise InputError(
                        path,
                        f'line {item.sourceline}: plural <item> without quantity; add quantity="one|few|many|other..."',
                    )
                items[q] = span(item)
            forms, flags = group_plural_categories(items)
            units.append(
                CatalogUnit(
                    key=name,
                    source=None,
                    target=forms[0] if forms else None,
                    plural_forms=forms,
                    notes=notes,
                    flags=flags,
                )
            )
        else:
            for i, item in enumerate(children(el, "item")):
                units.append(CatalogUnit(key=f"{name}[{i}]", source=None, target=span(item), notes=notes))
    return Catalog(
        path=path, format="android", source_language=None, target_language=language_from_path(path), units=tuple(units)
    )

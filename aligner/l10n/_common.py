"""Helpers shared by the parsers: decoding bytes with a line-numbered error, offsets to positions, languages."""

from __future__ import annotations

import bisect
import codecs
import re
from functools import lru_cache
from pathlib import PurePath

from ..errors import InputError
from .model import TextSpan

CLDR_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


class LineIndex:
    """Maps character offsets in a text to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        for m in re.finditer("\n", text):
            self.starts.append(m.end())

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

    def offset(self, line: int, column: int = 1) -> int:
        if line - 1 >= len(self.starts):
            return len(self.text)
        return self.starts[line - 1] + column - 1

    def span(self, text: str, offset: int) -> TextSpan:
        line, column = self.position(offset)
        return TextSpan(text, line, column)


def line_of_byte(data: bytes, index: int) -> int:
    return data.count(b"\n", 0, index) + 1


def check_codec(path: str, name: str, line: int, what: str) -> str:
    try:
        return codecs.lookup(name).name
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        raise InputError(
            path, f"line {line}: unknown encoding {name!r} in {what}; declare a real encoding such as UTF-8"
        ) from None


def decode(
    data: bytes | str, path: str, declared: str | None = None, *, declared_by: str = "", fallback: str | None = None
) -> str:
    """Decode ``data``: a BOM wins, then ``declared`` (which must fit the bytes), then UTF-8 (then ``fallback``).

    Raises :class:`InputError` naming the line of the first byte that does not fit.
    """
    if isinstance(data, str):
        return data[1:] if data.startswith("\ufeff") else data
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            body = data[len(bom) :]
            if (
                declared
                and enc.startswith("utf-8") != codecs.lookup(declared).name.startswith("utf-8")
                and not (enc.startswith("utf-16") and codecs.lookup(declared).name.startswith("utf-16"))
            ):
                raise InputError(
                    path,
                    f"line 1: the file starts with a {enc} byte-order mark but {declared_by or 'its declaration'} says "
                    f"{declared}; fix the declaration or re-save the file as {declared}",
                )
            return _decode(body, enc, path, None, "")
    if declared:
        if not declared.startswith(("utf", "ascii")) and not data.isascii():
            _reject_utf8_labelled_legacy(data, path, declared, declared_by)
        return _decode(data, declared, path, declared, declared_by)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        if fallback:
            try:
                return data.decode(fallback)
            except UnicodeDecodeError:  # cp1252's five unmapped bytes: WHATWG maps them to C1 controls
                return data.decode("latin-1")
        line = line_of_byte(data, e.start)
        raise InputError(
            path, f"line {line}: bytes that are not UTF-8 ({data[e.start : e.start + 4]!r}); save the file as UTF-8"
        ) from None


def _reject_utf8_labelled_legacy(data: bytes, path: str, declared: str, declared_by: str) -> None:
    """A legacy 8-bit declaration on bytes that are valid, non-ASCII UTF-8 is a mislabelled file: Latin-1 or
    cp125x text is virtually never valid UTF-8 by chance, and decoding as declared would yield mojibake."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return
    if codecs.lookup(declared).name in ("shift_jis", "euc_jp", "gb2312", "gbk", "gb18030", "big5", "euc_kr"):
        return  # multi-byte legacy encodings: leave them to the decoder
    first = next(i for i, b in enumerate(data) if b >= 0x80)
    line = line_of_byte(data, first)
    raise InputError(
        path,
        f"line {line}: the bytes are UTF-8 but {declared_by} declares {declared}; change the declaration to UTF-8",
    )


def _decode(data: bytes, enc: str, path: str, declared: str | None, declared_by: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as e:
        line = line_of_byte(data, e.start)
        if declared:
            msg = (
                f"line {line}: bytes that are not {declared} ({data[e.start : e.start + 4]!r}) although {declared_by} "
                f"declares {declared}; re-save the file in {declared} or correct the declaration"
            )
        else:
            msg = f"line {line}: bytes that are not {enc} ({data[e.start : e.start + 4]!r}); save the file as UTF-8"
        raise InputError(path, msg) from None


def normalise_language(tag: str | None) -> str | None:
    """``pt_BR`` -> ``pt-BR``; empty -> ``None``."""
    if not tag:
        return None
    tag = tag.strip().replace("_", "-")
    if not tag:
        return None
    parts = tag.split("-")
    out = [parts[0].lower()]
    for p in parts[1:]:
        out.append(p.upper() if len(p) == 2 else (p.title() if len(p) == 4 else p))
    return "-".join(out)


@lru_cache(maxsize=1)
def _known_languages() -> frozenset[str]:
    from babel.localedata import locale_identifiers

    return frozenset(i.split("_")[0].lower() for i in locale_identifiers())


_TAG = re.compile(r"^([a-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|[0-9]{3}))?$")


def looks_like_language(token: str) -> str | None:
    """``token`` as a normalised language tag if it is one babel knows (``de``, ``pt_BR``, ``sr-Latn``)."""
    m = _TAG.match(token)
    if not m or m.group(1).lower() not in _known_languages():
        return None
    return normalise_language(token)


def language_from_path(path: str) -> str | None:
    """The language a file's name or folder implies: ``de.json``, ``messages.de.po``, ``values-de-rAT/strings.xml``,
    ``de.lproj/Localizable.strings``, ``locale/de/LC_MESSAGES/x.po``, ``config/locales/lt.yml``."""
    p = PurePath(path)
    stem = p.name
    for suffix in p.suffixes[::-1]:
        if stem.endswith(suffix) and len(stem) > len(suffix):
            stem = stem[: -len(suffix)]
            break
    last = stem.rsplit(".", 1)[-1]
    under = last.split("_")
    candidates = [stem, last, "_".join(under[-2:]) if len(under) > 2 else "", under[-1] if len(under) > 1 else ""]
    for c in candidates:
        lang = looks_like_language(c) if c else None
        if lang:
            return lang
    parents = list(p.parents)
    for parent in parents[:3]:
        name = parent.name
        if name.startswith("values-"):
            lang = _android_qualifier(name[len("values-") :])
            if lang:
                return lang
        if name.endswith(".lproj"):
            return looks_like_language(name[: -len(".lproj")])
        if name == "LC_MESSAGES":
            continue
        lang = looks_like_language(name)
        if lang:
            return lang
    return None


def _android_qualifier(q: str) -> str | None:
    if q.startswith("b+"):
        return looks_like_language("-".join(q[2:].split("+")))
    parts = q.split("-")
    lang = looks_like_language(parts[0])
    if not lang:
        return None
    if len(parts) > 1 and re.fullmatch(r"r[A-Z]{2}", parts[1]):
        return f"{lang}-{parts[1][1:]}"
    return lang


def group_plural_categories(items: dict[str, TextSpan]) -> tuple[tuple[TextSpan, ...], tuple[str, ...]]:
    """Plural forms in CLDR category order and the ``plurals=...`` flag."""
    cats = [c for c in CLDR_CATEGORIES if c in items]
    return tuple(items[c] for c in cats), (f"plurals={','.join(cats)}",)

"""Format placeholders of software strings, and what a translation may and may not do with them.

Pure functions: strings (and gettext-style flags) in, frozen dataclasses out. No I/O.

Recognised syntaxes (``Placeholder.syntax``)
--------------------------------------------
``printf``         ``%s``, ``%d``, ``%5.2f``, ``%-10s``, ``%lu``, ``%r``, positional ``%1$s`` (key ``"1"``).
``python-format``  ``%(name)s`` (key ``"name"``, type ``"s"``).
``ios``            ``%@`` and positional ``%1$@`` (Objective-C / Swift object placeholders).
``brace``          Python ``str.format`` / .NET / MessageFormat simple arguments: ``{0}``, ``{name}``,
                   ``{}`` (auto-numbered, no key), ``{name.attr}``, ``{0[key]}``, ``{x!r}``, ``{0:>10}``.
``icu``            ICU MessageFormat arguments with a type: ``{count, plural, one {...} other {...}}``,
                   ``select``, ``selectordinal`` (``plural_keywords`` holds the branch keywords; the
                   placeholders inside the branches are reported too), and ``{n, number}``, ``{d, date}``...
``jinja``          ``{{ var }}``, ``{{ user.name|e }}`` and statements ``{% if x %}`` (key: the expression).
``dollar``         ``${var}``, ``${obj.prop}``.
``colon``          ``:name`` (Laravel, SQL) -- off unless enabled, see below.
``percent``        ``%name%`` (Windows, some PHP frameworks) -- off unless enabled, see below.

Precedence and escapes
----------------------
* ``%%`` is a literal percent sign, never a placeholder, in every mode.
* A printf directive needs a conversion letter. The space and ``'`` flags are only read when the
  string is declared a format string (``c-format``, ``python-format``, ...) so ``100% sure`` and
  ``50% of`` are text. Without a declaration, ``%`` right after a digit whose conversion letter is
  followed by a letter (``50%off``) is text as well.
* ``{{`` and ``}}`` are the brace-format escapes of literal braces. ``{{ ... }}`` holding an expression
  (``{{ name }}``, ``{{user.name|e}}``) is read as Jinja unless the flags say ``python-brace-format``
  without ``jinja``; then ``{{`` / ``}}`` are escapes.
* ``${var}`` is one dollar placeholder, not a ``$`` followed by a brace placeholder.
* Braces whose content is no field name (``{ not a field }``, JSON ``{"a": 1}``) are text.
* In strings declared ICU/Java MessageFormat (``icu-format``, ``java-format``) an apostrophe quotes
  literal text when a ``{``, ``}``, ``#`` or ``|`` follows it (``'{name}'`` is text, ``''`` one
  apostrophe); elsewhere apostrophes are text, because ``'{0}'`` in a Python or .NET string is a
  quoted placeholder.
* ``%name%`` (percent) is tried before printf when enabled; its name must have two characters or
  more so ``%s%d`` stays two printf directives.

When ``:name`` and ``%name%`` count (false-positive rule)
----------------------------------------------------------
Ordinary prose and reST are full of colons (``Note: this``, ``12:30``, ``http://``, ``:ref:`x```), and
``%PATH%``-like tokens are rare enough to be worth opting in. So :func:`find_placeholders` only reads
``colon`` and ``percent`` when ``flags`` enable them (``"colon"``, ``"colon-format"``, ``"laravel-format"``;
``"percent"``, ``"percent-format"``). :func:`compare_placeholders` also enables one of them for a pair
when the *other side shows it*: the same candidate surface (``:count``) occurs in both source and
target. A ``colon`` candidate must follow the start, a space or an opening bracket/quote, start with
a letter or ``_`` and not be followed by ``:`` or a backtick (reST roles) -- so ``Note: this`` never
qualifies (a space follows the colon).

Flags
-----
``flags`` is an iterable of gettext flags and/or syntax names. ``None`` means the default set
(everything but ``colon`` and ``percent``). Named syntaxes and format flags (``c-format``,
``python-format``, ``python-brace-format``, ``icu-format``, ``objc-format``, ``sh-format``, ``jinja``,
``colon``, ``percent``) add syntaxes to the default set; ``no-<x>-format`` flags remove them (gettext
meaning: "this string is not a <x> format string even though it looks like one"). A brace-format flag
(``python-brace-format``, ``csharp-format``, ``java-format``, ``icu-format``) without ``sh-format``
turns ``dollar`` off: there ``${x}`` is a literal ``$`` before the field ``{x}``. Mustache-style
``{{name}}`` is read as Jinja by default and as an escaped literal ``{name}`` under ``python-brace-format``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import regex

__all__ = [
    "Placeholder",
    "PlaceholderIssue",
    "SYNTAXES",
    "DEFAULT_SYNTAXES",
    "enabled_syntaxes",
    "find_placeholders",
    "compare_placeholders",
    "plural_categories",
]

SYNTAXES = ("printf", "python-format", "ios", "brace", "icu", "jinja", "dollar", "colon", "percent")
DEFAULT_SYNTAXES = frozenset({"printf", "python-format", "ios", "brace", "icu", "jinja", "dollar"})

_FLAG_SYNTAXES: dict[str, frozenset[str]] = {
    "c-format": frozenset({"printf"}),
    "python-format": frozenset({"printf", "python-format"}),
    "php-format": frozenset({"printf"}),
    "perl-format": frozenset({"printf"}),
    "objc-format": frozenset({"printf", "ios"}),
    "python-brace-format": frozenset({"brace"}),
    "csharp-format": frozenset({"brace"}),
    "java-format": frozenset({"brace", "icu"}),
    "icu-format": frozenset({"brace", "icu"}),
    "sh-format": frozenset({"dollar"}),
    "javascript-format": frozenset({"printf"}),
    "jinja": frozenset({"jinja"}),
    "jinja-format": frozenset({"jinja"}),
    "colon": frozenset({"colon"}),
    "colon-format": frozenset({"colon"}),
    "laravel-format": frozenset({"colon"}),
    "percent": frozenset({"percent"}),
    "percent-format": frozenset({"percent"}),
}
#: Flags that declare the string a printf-style format string: they let the space and ``'`` flags be read.
_PRINTF_DECLARING = frozenset({"c-format", "python-format", "php-format", "perl-format", "objc-format",
                               "javascript-format"})


@dataclass(frozen=True)
class Placeholder:
    """One placeholder found in a string.

    ``key`` is the argument name or position (``"name"``, ``"1"``, ``"0"``), ``None`` for unpositioned
    directives (``%s``, ``{}``, ``%@``). ``type`` is the printf conversion (``d``, ``s``, ``f``, ``@``),
    the brace format-spec type (``{0:d}`` -> ``d``, a conversion ``!r`` gives ``r``), or the ICU
    argument type (``plural``, ``select``, ``number``...). ``plural_keywords`` lists the branch keywords
    of an ICU ``plural``/``select``/``selectordinal`` argument in source order. ``depth`` is 0 for
    top-level placeholders and 1+ for those inside ICU branches.
    """

    start: int
    end: int
    surface: str
    syntax: str
    key: str | None = None
    type: str | None = None
    plural_keywords: tuple[str, ...] = ()
    depth: int = 0


@dataclass(frozen=True)
class PlaceholderIssue:
    """A difference between the placeholders of a source and its translation.

    ``kind``: ``missing``, ``added``, ``renamed``, ``type_changed``, ``reordered_unpositioned``,
    ``plural_keyword_invalid`` (an ICU keyword the target language has no use for),
    ``plural_other_missing``, ``plural_category_missing`` (a CLDR category of the target language
    without a branch; ICU falls back to ``other``, a warning). ``severity`` is ``error`` or ``warning``.
    """

    kind: str
    syntax: str
    source: Placeholder | None
    target: Placeholder | None
    detail: str
    severity: str = "error"


def enabled_syntaxes(flags: Iterable[str] | None) -> frozenset[str]:
    """The syntaxes read under ``flags`` (see the module documentation)."""
    if flags is None:
        return DEFAULT_SYNTAXES
    enabled = set(DEFAULT_SYNTAXES)
    flags = [f.strip() for f in flags]
    for f in flags:
        if f in SYNTAXES:
            enabled.add(f)
        enabled |= _FLAG_SYNTAXES.get(f, frozenset())
    if ({"python-brace-format", "csharp-format", "java-format", "icu-format"} & set(flags)
            and not ({"sh-format", "dollar"} & set(flags))):
        enabled.discard("dollar")  # ``${x}`` is ``$`` and the brace field ``{x}`` there
    if {"icu-format", "java-format"} & set(flags):
        enabled.add("icu-quoting")  # MessageFormat apostrophes: '{' is a literal brace
    for f in flags:
        if f.startswith("no-") and f[3:] in _FLAG_SYNTAXES:
            removed = _FLAG_SYNTAXES[f[3:]]
            if f[3:] == "python-format":
                removed = removed | {"python-format"}
            enabled -= removed
    return frozenset(enabled)


# --- printf -----------------------------------------------------------------------------------------

_PRINTF_BODY = (
    r"(?:(?P<pos>[1-9]\d*)\$)?"
    r"(?:\((?P<name>[^()\s%]*)\))?"
    r"(?P<flags>{flags})"
    r"(?P<width>\*(?:[1-9]\d*\$)?|\d+)?"
    r"(?:\.(?P<prec>\*(?:[1-9]\d*\$)?|\d+))?"
    r"(?P<len>hh|h|ll|l|L|q|j|z|t|I64|I32)?"
    r"(?P<conv>[diouxXeEfFgGaAcsrpn@])"
)
_PRINTF_DECLARED = re.compile(_PRINTF_BODY.replace("{flags}", r"[-+ #0']*"))
_PRINTF_LOOSE = re.compile(_PRINTF_BODY.replace("{flags}", r"[-+#0]*"))
_PERCENT_NAME = re.compile(r"%([A-Za-z_][A-Za-z0-9_]+)%")
_DOLLAR = re.compile(r"\$\{([A-Za-z_][\w.\-\[\]'\"]*)\}")
_JINJA_VAR = re.compile(r"\{\{-?\s*([^{}]*?)\s*-?\}\}")
_JINJA_STMT = re.compile(r"\{%-?\s*(.*?)\s*-?%\}", re.S)
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
_JINJA_EXPR = re.compile(r"[A-Za-z_][\w.]*(?:\[[^\]]*\])*(?:\s*\|\s*\w+(?:\([^()]*\))?)*(?:\(\s*\))?$")
_COLON = re.compile(r":([A-Za-z_]\w*)(?![:`\w])")
_NEXT = re.compile(r"[%${}:']")
#: Cheap pre-tests of the opt-in syntaxes, before a full scan probes them.
_COLON_QUICK = re.compile(r"(?<![^\s(\[{\"'«“‘,]):[A-Za-z_]")
_PERCENT_QUICK = re.compile(r"%[A-Za-z_][A-Za-z0-9_]+%")
_COLON_BEFORE = frozenset(" \t\n([{\"'«“‘,")
#: Field names are identifiers of any script (Python accepts ``{वा}``; combining marks included).
_BRACE_FIELD = regex.compile(
    r"(?P<field>[\p{L}_][\p{L}\p{M}\p{N}_]*|\d+)?(?P<attrs>(?:\.[\p{L}_][\p{L}\p{M}\p{N}_]*|\[[^\[\]]*\])*)"
    r"(?:!(?P<conv>[rsa]))?(?::(?P<spec>[^{}]*(?:\{[^{}]*\}[^{}]*)*))?",
    regex.S,
)
_ICU_COMPLEX = re.compile(r"\s*([^\s,{}]+)\s*,\s*(plural|select|selectordinal)\s*,", re.S)
_ICU_SIMPLE = re.compile(r"\s*([^\s,{}]+)\s*,\s*(number|date|time|spellout|ordinal|duration)\s*(?:,[^{}]*)?", re.S)
_ICU_KEYWORD = re.compile(r"\s*(offset:\s*\d+\s*)?(=-?\d+(?:\.\d+)?|[A-Za-z_][\w-]*)\s*\{")
_SPEC_TYPE = re.compile(r"([bcdeEfFgGnosxX%])$")


def _quoted_end(text: str, j: int) -> int:
    """ICU apostrophe quoting: where the literal that the ``'`` at ``j`` opens ends (exclusive), or ``j + 1``
    when the apostrophe quotes nothing (``''`` is one apostrophe; ``'`` before a letter is just text)."""
    if text.startswith("''", j):
        return j + 2
    if j + 1 < len(text) and text[j + 1] in "{}#|":
        k = j + 1
        while k < len(text):
            if text.startswith("''", k):
                k += 2
            elif text[k] == "'":
                return k + 1
            else:
                k += 1
        return len(text)
    return j + 1


def _matching_brace(text: str, i: int, quoting: bool = False) -> int:
    """Index of the ``}`` closing the ``{`` at ``i``, or -1 (``quoting``: skip ICU-quoted literals)."""
    depth = 0
    j = i
    while j < len(text):
        c = text[j]
        if quoting and c == "'":
            j = _quoted_end(text, j)
            continue
        j += 1
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return j - 1
    return -1


def _icu_branches(text: str, start: int, end: int, quoting: bool = False) -> list[tuple[str, int, int]] | None:
    """Branches ``keyword {body}`` between ``start`` and ``end``: (keyword, body start, body end)."""
    out = []
    i = start
    while True:
        while i < end and text[i].isspace():
            i += 1
        if i >= end:
            return out
        m = _ICU_KEYWORD.match(text, i, end)
        if not m:
            return None
        open_at = m.end() - 1
        close = _matching_brace(text, open_at, quoting)
        if close < 0 or close >= end:
            return None
        out.append((m.group(2), open_at + 1, close))
        i = close + 1


def _scan(text: str, syntaxes: frozenset[str], declared: bool, brace_escapes: bool,
          lo: int, hi: int, depth: int, out: list[Placeholder]) -> None:
    printf = "printf" in syntaxes or "python-format" in syntaxes or "ios" in syntaxes
    printf_re = _PRINTF_DECLARED if declared else _PRINTF_LOOSE
    braces = "brace" in syntaxes or "icu" in syntaxes
    jinja = "jinja" in syntaxes
    quoting = "icu-quoting" in syntaxes
    i = lo
    while i < hi:
        c = text[i]
        if c not in "%${}:'":
            m = _NEXT.search(text, i + 1, hi)
            i = m.start() if m else hi
            continue
        if quoting and c == "'":
            i = _quoted_end(text, i)
            continue
        if c == "%":
            if i + 1 < hi and text[i + 1] == "%":
                i += 2
                continue
            if "percent" in syntaxes:
                m = _PERCENT_NAME.match(text, i, hi)
                if m:
                    out.append(Placeholder(i, m.end(), m.group(), "percent", m.group(1), None, (), depth))
                    i = m.end()
                    continue
            if printf:
                m = printf_re.match(text, i + 1, hi)
                if m and not (not declared and i > 0 and text[i - 1].isdigit() and m.end() < hi
                              and text[m.end()].isalpha()):
                    conv, name, pos = m.group("conv"), m.group("name"), m.group("pos")
                    if conv == "@":
                        syntax = "ios"
                    elif name is not None:
                        syntax = "python-format"
                    else:
                        syntax = "printf"
                    if syntax in syntaxes and not (name is not None and pos is not None):
                        out.append(Placeholder(i, m.end(), text[i:m.end()], syntax,
                                               name if name is not None else pos, conv, (), depth))
                        i = m.end()
                        continue
            i += 1
            continue
        if c == "$" and "dollar" in syntaxes and text.startswith("${", i):
            m = _DOLLAR.match(text, i, hi)
            if m:
                out.append(Placeholder(i, m.end(), m.group(), "dollar", m.group(1), None, (), depth))
                i = m.end()
                continue
            i += 1
            continue
        if c == ":" and "colon" in syntaxes and (i == lo or text[i - 1] in _COLON_BEFORE):
            m = _COLON.match(text, i, hi)
            if m:
                out.append(Placeholder(i, m.end(), m.group(), "colon", m.group(1), None, (), depth))
                i = m.end()
                continue
            i += 1
            continue
        if c == "}":
            i += 2 if (braces and text.startswith("}}", i)) else 1
            continue
        if c == "{":
            if text.startswith("{{", i):
                if jinja and not brace_escapes:
                    m = _JINJA_VAR.match(text, i, hi)
                    if m and _JINJA_EXPR.match(m.group(1)):
                        out.append(Placeholder(i, m.end(), m.group(), "jinja", m.group(1).strip(), None, (), depth))
                        i = m.end()
                        continue
                if braces:
                    i += 2  # an escaped literal brace
                    continue
            if jinja and text.startswith("{%", i):
                m = _JINJA_STMT.match(text, i, hi)
                if m:
                    out.append(Placeholder(i, m.end(), m.group(), "jinja", m.group(1), None, (), depth))
                    i = m.end()
                    continue
            if jinja and text.startswith("{#", i):
                m = _JINJA_COMMENT.match(text, i, hi)
                if m:
                    i = m.end()
                    continue
            if braces:
                close = _matching_brace(text, i, quoting)
                if 0 <= close < hi:
                    ph = _brace(text, i, close, syntaxes, declared, brace_escapes, depth, out)
                    if ph:
                        i = close + 1
                        continue
            i += 1
            continue
        i += 1


def _brace(text: str, i: int, close: int, syntaxes: frozenset[str], declared: bool, brace_escapes: bool,
           depth: int, out: list[Placeholder]) -> bool:
    """Read the brace group ``text[i:close+1]``; append what it holds; False when it is plain text."""
    if "icu" in syntaxes:
        m = _ICU_COMPLEX.match(text, i + 1, close)
        if m:
            branches = _icu_branches(text, m.end(), close, "icu-quoting" in syntaxes)
            if branches:
                keywords = tuple(k for k, _, _ in branches)
                out.append(Placeholder(i, close + 1, text[i:close + 1], "icu", m.group(1), m.group(2),
                                       keywords, depth))
                for _, b0, b1 in branches:
                    _scan(text, syntaxes, declared, brace_escapes, b0, b1, depth + 1, out)
                return True
        m = _ICU_SIMPLE.fullmatch(text, i + 1, close)
        if m:
            out.append(Placeholder(i, close + 1, text[i:close + 1], "icu", m.group(1), m.group(2), (), depth))
            return True
    if "brace" in syntaxes:
        m = _BRACE_FIELD.fullmatch(text, i + 1, close)
        if m:
            field = m.group("field")
            if field is None and m.group("attrs"):
                return False
            key = None if field is None else field + m.group("attrs")
            typ = None
            spec = m.group("spec")
            if spec:
                t = _SPEC_TYPE.search(spec)
                typ = t.group(1) if t else None
            if m.group("conv"):
                typ = m.group("conv") if typ is None else typ
            out.append(Placeholder(i, close + 1, text[i:close + 1], "brace", key, typ, (), depth))
            return True
    return False


def find_placeholders(text: str, flags: Iterable[str] | None = None) -> list[Placeholder]:
    """The placeholders of ``text`` in text order (ICU branch contents after their argument).

    ``flags``: gettext flags and/or syntax names, see the module documentation.
    """
    flags = None if flags is None else tuple(flags)
    syntaxes = enabled_syntaxes(flags)
    declared = bool(flags) and any(f in _PRINTF_DECLARING for f in flags)
    brace_escapes = bool(flags) and "python-brace-format" in flags and not ({"jinja", "jinja-format"} & set(flags))
    out: list[Placeholder] = []
    if not any(c in text for c in "%{$:"):
        return out
    _scan(text, syntaxes, declared, brace_escapes, 0, len(text), 0, out)
    out.sort(key=lambda p: (p.start, p.depth))
    return out


# --- comparison -------------------------------------------------------------------------------------

#: Conversions that print the same kind of value; a change inside one class is no type change.
_TYPE_CLASS = {c: "int" for c in "diu"} | {c: "float" for c in "eEfFgGaA"} | {"x": "hex", "X": "hex"}


def _type_class(t: str | None) -> str | None:
    return _TYPE_CLASS.get(t, t) if t is not None else None


@lru_cache(maxsize=256)
def plural_categories(language: str, ordinal: bool = False) -> frozenset[str] | None:
    """CLDR plural categories of ``language`` (always with ``other``), ``None`` when Babel does not know it."""
    try:
        from babel import Locale

        loc = Locale.parse(language.replace("-", "_"))
        form = loc.ordinal_form if ordinal else loc.plural_form
    except Exception:  # noqa: BLE001 - unknown or malformed locale ids
        return None
    return frozenset(form.tags) | {"other"}


def _auto_syntaxes(source: str, target: str, flags: Iterable[str] | None) -> tuple[str, ...] | None:
    """Flags for the pair: the given ones plus colon/percent when both sides show the same candidate."""
    extra = []
    base = enabled_syntaxes(flags)
    for syntax, mark, quick in (("colon", ":", _COLON_QUICK), ("percent", "%", _PERCENT_QUICK)):
        if (syntax in base or mark not in source or mark not in target
                or not quick.search(source) or not quick.search(target)):
            continue
        probe = [syntax]
        src = {p.surface for p in find_placeholders(source, probe) if p.syntax == syntax}
        if src and src & {p.surface for p in find_placeholders(target, probe) if p.syntax == syntax}:
            extra.append(syntax)
    if not extra:
        return None if flags is None else tuple(flags)
    return (*(flags or ()), *extra)


def _positionalise(phs: list[Placeholder], positional: bool) -> list[Placeholder]:
    """Give unpositioned printf/brace placeholders their implicit position when the other side numbers them."""
    if not positional:
        return phs
    out, n = [], 0
    for p in phs:
        if p.key is None and p.syntax in ("printf", "ios", "brace") and p.depth == 0:
            n += 1
            p = Placeholder(p.start, p.end, p.surface, p.syntax, str(n - 1 if p.syntax == "brace" else n),
                            p.type, p.plural_keywords, p.depth)
        out.append(p)
    return out


def _numbered(phs: list[Placeholder]) -> bool:
    return any(p.key is not None and p.key.isdigit() for p in phs if p.syntax in ("printf", "ios", "brace"))


def _unnumbered(phs: list[Placeholder]) -> bool:
    return any(p.key is None for p in phs if p.syntax in ("printf", "ios", "brace"))


def compare_placeholders(source: str, target: str, language: str | None = None,
                         flags: Iterable[str] | None = None) -> list[PlaceholderIssue]:
    """What ``target`` (a translation of ``source`` into ``language``) did wrong with the placeholders.

    Keyed placeholders (``%(n)d``, ``{name}``, ``%1$s``, ``${x}``, ICU arguments) are compared as sets
    per syntax: a key may be used twice or moved anywhere (reordering positional placeholders is
    allowed). Unpositioned ones (``%s``, ``{}``, ``%@``) are compared as sequences: their order is the
    argument order and may not change. When one side numbers them (``%2$s %1$s``) and the other does
    not, the unnumbered side gets its implicit positions (C and gettext allow this in translations).
    A missing and an added placeholder of the same syntax make one ``renamed`` issue.

    ICU ``plural``/``selectordinal`` arguments are checked against the CLDR categories of ``language``
    (``=0``/``=1`` explicit forms are always fine; ``other`` is required); ``select`` needs ``other``.
    """
    pair_flags = _auto_syntaxes(source, target, flags)
    src = find_placeholders(source, pair_flags)
    tgt = find_placeholders(target, pair_flags)
    if not src and not tgt:
        return []
    src = _positionalise(src, _numbered(tgt) and _unnumbered(src) and not _numbered(src))
    tgt = _positionalise(tgt, _numbered(src) and _unnumbered(tgt) and not _numbered(tgt))
    issues: list[PlaceholderIssue] = []

    # Unpositioned: sequences per syntax family.
    for fam in ("printf", "ios", "brace"):
        s_seq = [p for p in src if p.key is None and p.syntax == fam]
        t_seq = [p for p in tgt if p.key is None and p.syntax == fam]
        if not s_seq and not t_seq:
            continue
        s_types = [_type_class(p.type) for p in s_seq]
        t_types = [_type_class(p.type) for p in t_seq]
        if s_types == t_types:
            continue
        if len(s_seq) == len(t_seq) and Counter(s_types) == Counter(t_types):
            issues.append(PlaceholderIssue(
                "reordered_unpositioned", fam, s_seq[0], t_seq[0],
                f"order {' '.join(p.surface for p in s_seq)} became {' '.join(p.surface for p in t_seq)}; "
                "unnumbered placeholders take their arguments in order, number them (%1$s) to reorder"))
            continue
        n = min(len(s_seq), len(t_seq))
        for a, b in zip(s_seq[:n], t_seq[:n]):
            if _type_class(a.type) != _type_class(b.type):
                issues.append(PlaceholderIssue("type_changed", fam, a, b, f"{a.surface} became {b.surface}"))
        for a in s_seq[n:]:
            issues.append(PlaceholderIssue("missing", fam, a, None,
                                           f"{a.surface} ({len(s_seq)} in source, {len(t_seq)} in target)"))
        for b in t_seq[n:]:
            issues.append(PlaceholderIssue("added", fam, None, b,
                                           f"{b.surface} ({len(s_seq)} in source, {len(t_seq)} in target)"))

    # Keyed: sets per syntax.
    s_keyed: dict[tuple[str, str], Placeholder] = {}
    t_keyed: dict[tuple[str, str], Placeholder] = {}
    for p in src:
        if p.key is not None:
            s_keyed.setdefault((p.syntax, p.key), p)
    for p in tgt:
        if p.key is not None:
            t_keyed.setdefault((p.syntax, p.key), p)
    missing = [p for k, p in s_keyed.items() if k not in t_keyed]
    added = [p for k, p in t_keyed.items() if k not in s_keyed]
    for k, a in s_keyed.items():
        b = t_keyed.get(k)
        if b is None:
            continue
        if a.syntax == "icu":
            if a.type != b.type:
                issues.append(PlaceholderIssue("type_changed", "icu", a, b, f"{{{a.key}, {a.type}}} became "
                                                                             f"{{{b.key}, {b.type}}}"))
        elif _type_class(a.type) != _type_class(b.type):
            issues.append(PlaceholderIssue("type_changed", a.syntax, a, b, f"{a.surface} became {b.surface}"))
    for syntax in SYNTAXES:
        ms = [p for p in missing if p.syntax == syntax]
        ad = [p for p in added if p.syntax == syntax]
        n = min(len(ms), len(ad))
        for a, b in zip(ms[:n], ad[:n]):
            issues.append(PlaceholderIssue("renamed", syntax, a, b, f"{a.surface} became {b.surface}"))
        for a in ms[n:]:
            issues.append(PlaceholderIssue("missing", syntax, a, None, a.surface))
        for b in ad[n:]:
            issues.append(PlaceholderIssue("added", syntax, None, b, b.surface))

    # ICU plural keywords of the target.
    for b in tgt:
        if b.syntax == "icu" and b.type in ("plural", "selectordinal", "select"):
            issues.extend(_icu_keyword_issues(b, language))
    return issues


def _icu_keyword_issues(p: Placeholder, language: str | None) -> list[PlaceholderIssue]:
    out = []
    kws = p.plural_keywords
    if "other" not in kws:
        out.append(PlaceholderIssue("plural_other_missing", "icu", None, p,
                                    f"{{{p.key}, {p.type}}} has no 'other' branch"))
    if p.type == "select" or not language:
        return out
    cats = plural_categories(language, ordinal=p.type == "selectordinal")
    if cats is None:
        return out
    for kw in kws:
        if not kw.startswith("=") and kw not in cats:
            out.append(PlaceholderIssue("plural_keyword_invalid", "icu", None, p,
                                        f"'{kw}' is no {p.type} category of {language} ({', '.join(sorted(cats))})"))
    lacking = sorted(cats - set(kws))
    if lacking and "other" in kws:
        out.append(PlaceholderIssue("plural_category_missing", "icu", None, p,
                                    f"{language} {p.type} has no branch for {', '.join(lacking)} "
                                    "(falls back to 'other')", "warning"))
    return out

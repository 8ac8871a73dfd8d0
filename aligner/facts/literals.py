"""Literals a translation must copy unchanged (URLs, e-mail addresses, file paths, code spans), and the
digits that belong to names and codes rather than to quantities.

Pure functions, no I/O.

Literals (:func:`find_literals`)
--------------------------------
``kind`` is one of

* ``code``  -- backtick spans: ```x```, ````x```` (reST/Markdown). A span followed by ``_`` (reST link
  text ```Text <url>`_``) is not code, its URL part is still read as a URL.
* ``url``   -- ``scheme://...`` (http, https, ftp, file, ssh, git, ...), ``mailto:``, and ``www.host.tld/...``.
  Trailing sentence punctuation (``.,;:!?'"``) and an unbalanced ``)`` are not part of it.
* ``email`` -- ``local@domain.tld``.
* ``path``  -- absolute Unix paths with 2+ segments (``/usr/local/bin``), ``~/x``, ``./x``, ``../x``,
  Windows ``C:\\dir\\file`` and UNC ``\\\\host\\share``, relative paths with a ``/`` whose last segment has a
  file extension (``docs/conf.py``), and bare file names with a common extension (``conf.py``,
  ``README.md``, ``index.html``) whose name and extension have two characters or more (so ``a.m.``,
  ``p.m.`` and ``e.g.`` are text). Every path segment needs a letter or digit (``/./+/-/_`` is text).
  URLs need a host character after ``://`` and end before typographic quotes (``“https://”`` is text).

Literals do not overlap; an outer code span wins over what it contains, then URL, e-mail, path.

Digits of tokens (:func:`token_number_spans`)
---------------------------------------------
The number check must not read ``Formula-1``, ``ESPN2``, ``COVID-19``, ``A320``, ``v2.3.1`` or
``ISO 9001`` as quantities. A number (a digit run with its inner ``.``/``,``) is part of a token when

1. it lies inside a literal (URL, e-mail, path, code span);
2. a letter or ``_`` is glued before it (``A320``, ``ESPN2``, ``v2``, ``x86_64``, ``MP3``), or it is
   joined by a hyphen to a word before it (``COVID-19``, ``Formula-1``, ``F-16``, ``Wi-Fi 6``-style
   codes excluded: only the hyphen form);
3. it is followed by letters that are again followed by digits (``4K60``, ``H2O2``'s inner parts): a
   letter/digit chain with letters on both sides of a digit run is a code -- except a dimension
   ``1920x1080`` / ``2×3``, whose numbers are quantities;
4. it is a version string: a ``v``/``V`` prefix (rule 2) or three or more dot-separated groups that
   are neither grouped thousands (``10.000.000``) nor a date (``01.05.2016``);
5. it follows a standards/series designator and a space: ``ISO 9001``, ``IEC 61508``, ``EN 71``,
   ``DIN 476``, ``RFC 2616``, ``PEP 8``, ``IEEE 754``, ``ANSI``, ``ASTM``, ``ECMA``, ``CVE``, ``UTF``...

Not tokens -- quantities with a unit or suffix glued after them: ``5km``, ``10%``, ``3x``, ``2nd``,
``30GB`` (letters *after* digits are units, ordinals, multipliers). ``Windows 10`` or ``iPhone 12``
(a name, a space, a number) cannot be told from a quantity by shape and are not tokens.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

__all__ = ["Literal", "LiteralIssue", "find_literals", "compare_literals", "literal_spans", "token_number_spans"]

_EXT = (r"(?:py|pyc|pyi|txt|rst|md|json|ya?ml|toml|ini|cfg|conf|xml|html?|css|js|ts|tsx|jsx|php|rb|java|"
        r"cs|cpp|hpp|c|h|go|rs|sh|bat|ps1|exe|dll|so|dylib|zip|tar|gz|tgz|bz2|xz|pdf|docx?|xlsx?|pptx?|odt|csv|"
        r"tsv|png|jpe?g|gif|svg|webp|ico|mp3|mp4|wav|po|pot|mo|xliff?|tmx|log|lock|sql|db|sqlite|whl|egg|"
        r"tex|bib|epub|css|scss|less|vue|kt|swift|m|mm|pl|lua|r|jar|war|dmg|iso|img|apk|ipa|ttf|otf|woff2?)")
_CODE = re.compile(r"(``+|`)(?!\s)(.+?)(?<!\s)\1(?!_)", re.S)
_URL = re.compile(
    r"(?<![\w@.])(?:(?:[A-Za-z][A-Za-z0-9+.-]{1,15})://[\w\[%~.-][^\s<>\"'`“”‘’«»‹›„]*"
    r"|mailto:[^\s<>\"'`“”‘’«»‹›„]+"
    r"|www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[^\s<>\"'`“”‘’«»‹›„]*)?)"
)
_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
_PATH = re.compile(
    r"(?<![\w/\\.:-])(?:"
    r"(?:~|\.\.?)?/(?:[\w.@+-]+/)+[\w.@+-]*"  # /usr/local/bin, ~/x/y, ./x/, ../x/y
    r"|(?:~|\.\.?)/[\w.@+-]+"  # ~/x, ./x, ../x
    r"|[A-Za-z]:\\(?:[\w .@+-]+\\)*[\w.@+-]*"  # C:\dir\file
    r"|\\\\[\w.-]+(?:\\[\w.@$+-]+)+"  # \\host\share
    r"|(?:[\w.@+-]+/)+[\w@+-]+\." + _EXT + r"(?![\w/])"  # docs/conf.py
    r"|[\w@+-][\w.@+-]*\." + _EXT + r"(?![\w/])"  # conf.py (see _bare_name_ok)
    r")"
)
_TRAILING = ".,;:!?'\""
_STANDARDS = ("ISO", "IEC", "EN", "DIN", "RFC", "PEP", "IEEE", "ANSI", "ASTM", "ECMA", "CVE", "UTF", "JIS",
              "GOST", "BS", "NFPA", "IEC/EN", "ISO/IEC", "SAE", "ITU-T", "MIL-STD", "NIST SP", "FIPS", "EC")
_STANDARD_NUMBER = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(s) for s in _STANDARDS) + r")\s+(\d[\d.:-]*\d|\d)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Literal:
    """One literal: ``kind`` code, url, email or path; ``value`` is the span's text without backticks for code."""

    start: int
    end: int
    surface: str
    kind: str

    @property
    def value(self) -> str:
        return self.surface.strip("`") if self.kind == "code" else self.surface


@dataclass(frozen=True)
class LiteralIssue:
    """``kind``: ``missing`` (no counterpart of that kind in the target) or ``changed`` (a different one).

    ``severity`` is ``warning`` for a change that keeps the literal's shape -- a URL on the same host
    (``docs.djangoproject.com/en/`` -> ``/fr/``), a path with the same number of segments, the same
    leading/trailing separators and extension (``/about/contact/`` -> ``/om/kontakt/``): translators
    localise examples and documentation links on purpose (a typo such as ``defulat.html`` looks the same).
    Everything else is an ``error``.
    """

    kind: str
    literal_kind: str
    source: Literal
    target: Literal | None
    detail: str
    severity: str = "error"


def _trim_url(s: str) -> str:
    while s and s[-1] in _TRAILING:
        s = s[:-1]
    while s.endswith(")") and s.count(")") > s.count("("):
        s = s[:-1]
        while s and s[-1] in _TRAILING:
            s = s[:-1]
    return s


def find_literals(text: str) -> list[Literal]:
    """URLs, e-mail addresses, file paths and code spans of ``text``, in order, not overlapping."""
    found: list[Literal] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    if "`" in text:
        for m in _CODE.finditer(text):
            found.append(Literal(m.start(), m.end(), m.group(), "code"))
            taken.append(m.span())
    if ":" in text or "www." in text:
        for m in _URL.finditer(text):
            s = _trim_url(m.group())
            if len(s) > len("http://") and free(m.start(), m.start() + len(s)):
                found.append(Literal(m.start(), m.start() + len(s), s, "url"))
                taken.append((m.start(), m.start() + len(s)))
    if "@" in text:
        for m in _EMAIL.finditer(text):
            if free(*m.span()):
                found.append(Literal(m.start(), m.end(), m.group(), "email"))
                taken.append(m.span())
    if "/" in text or "\\" in text or "." in text:
        for m in _PATH.finditer(text):
            s = m.group()
            if s.endswith(".") and not s.endswith(".."):
                s = s.rstrip(".")
            if len(s) > 2 and _path_ok(s) and free(m.start(), m.start() + len(s)):
                found.append(Literal(m.start(), m.start() + len(s), s, "path"))
                taken.append((m.start(), m.start() + len(s)))
    found.sort(key=lambda x: x.start)
    return found


def _path_ok(s: str) -> bool:
    """Reject path look-alikes: ``a.m``/``p.m`` (a one-letter name or extension without a slash) and
    punctuation lists like ``/./+/-/_`` (a segment without a letter or digit)."""
    if "/" not in s and "\\" not in s:
        name, _, ext = s.rpartition(".")
        return len(ext) >= 2 and len(name.lstrip("._-")) >= 2
    segments = [x for x in re.split(r"[/\\]", s) if x not in ("", ".", "..", "~")]
    return bool(segments) and all(any(c.isalnum() for c in x) for x in segments)


def literal_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every literal of ``text`` (for checks that must skip what is inside them)."""
    return [(x.start, x.end) for x in find_literals(text)]


def compare_literals(source: str, target: str) -> list[LiteralIssue]:
    """Literals of ``source`` that ``target`` does not carry unchanged.

    A source literal found verbatim in the target (as a literal or as plain text: code spans may lose
    their backticks in formats without them) is kept. Otherwise the unused target literals of the same
    kind are paired with the lost ones in order: ``changed`` (``http://a`` became ``http://b``), and
    what is left over is ``missing``.
    """
    s_lits = find_literals(source)
    if not s_lits:
        return []
    t_lits = find_literals(target)
    lost: dict[str, list[Literal]] = defaultdict(list)
    used: set[int] = set()
    for lit in s_lits:
        exact = next((i for i, t in enumerate(t_lits) if i not in used and t.kind == lit.kind and t.value == lit.value),
                     None)
        if exact is not None:
            used.add(exact)
        elif lit.value not in target:
            lost[lit.kind].append(lit)
    issues = []
    for kind, lits in lost.items():
        kept = {x.value for x in s_lits}
        spare = [t for i, t in enumerate(t_lits) if i not in used and t.kind == kind and t.value not in kept]
        for lit, t in zip(lits, spare):
            severity = "warning" if _same_shape(lit, t) else "error"
            issues.append(LiteralIssue("changed", kind, lit, t, f"{lit.surface} became {t.surface}", severity))
        for lit in lits[len(spare):]:
            issues.append(LiteralIssue("missing", kind, lit, None, lit.surface))
    issues.sort(key=lambda i: i.source.start)
    return issues


_SEPARATOR = re.compile(r"[/\\]")
_EXTENSION = re.compile(r"\.([A-Za-z0-9]+)$")
_URL_HOST = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://)?([^/?#]*)")


def _same_shape(a: Literal, b: Literal) -> bool:
    """Whether ``b`` looks like a deliberate localisation of ``a`` (see :class:`LiteralIssue`)."""
    if a.kind == "url":
        return _URL_HOST.match(a.value).group(1).lower() == _URL_HOST.match(b.value).group(1).lower()
    if a.kind == "path":
        x, y = a.value, b.value
        seps = "/\\"
        ex, ey = _EXTENSION.search(x), _EXTENSION.search(y)
        return (len(_SEPARATOR.split(x)) == len(_SEPARATOR.split(y))
                and (x[:1] in seps) == (y[:1] in seps) and (x[-1:] in seps) == (y[-1:] in seps)
                and (ex.group(1) if ex else None) == (ey.group(1) if ey else None))
    return False


def _is_grouped(groups: list[str]) -> bool:
    return all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3


def _is_date(groups: list[str]) -> bool:
    return (len(groups) == 3 and len(groups[2]) in (2, 4) and all(g.isdigit() for g in groups)
            and 1 <= len(groups[0]) <= 2 and 1 <= len(groups[1]) <= 2
            and ((int(groups[0]) <= 31 and int(groups[1]) <= 12) or (int(groups[0]) <= 12 and int(groups[1]) <= 31))
            and len(groups[2]) == 4)


def token_number_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the numbers of ``text`` that belong to a name, code or version, not to a quantity.

    See the module documentation for the rules (literals, letters glued before, hyphenated codes,
    letter-digit chains, versions, standard designators). Spans cover the whole number (``2.3.1`` of
    ``v2.3.1``, ``19`` of ``COVID-19``).
    """
    if not any(c.isdigit() for c in text):
        return []
    lits = literal_spans(text)
    standards = [m.span(1) for m in _STANDARD_NUMBER.finditer(text)]
    out = []
    for m in _NUMBER.finditer(text):
        a, b = m.span()
        num = m.group()
        while num and num[-1] in ".,":
            num, b = num[:-1], b - 1
        token = False
        if any(x <= a and b <= y for x, y in lits) or any(x <= a < y for x, y in standards):
            token = True
        elif a > 1 and text[a - 1] in "xX×" and text[a - 2].isdigit():
            token = False  # 1920x1080: a dimension, both numbers are quantities
        elif a > 0 and (text[a - 1].isalpha() or text[a - 1] == "_"):
            token = True  # A320, ESPN2, v2.3.1, x86_64, MP3
        elif a > 1 and text[a - 1] == "-" and (text[a - 2].isalpha()):
            token = True  # COVID-19, Formula-1, F-16
        elif b < len(text) and text[b].isalpha():
            j = b
            while j < len(text) and text[j].isalpha():
                j += 1
            token = j < len(text) and text[j].isdigit() and j - b <= 3  # 4K60
            if token and text[b:j].lower() == "x":
                token = False  # 1920x1080, 2x2: dimensions are quantities
        if not token and "." in num:
            groups = num.split(".")
            token = len(groups) >= 3 and not _is_grouped(groups) and not _is_date(groups)
        if token:
            out.append((a, b))
    return out

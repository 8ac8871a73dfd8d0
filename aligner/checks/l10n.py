"""Localization entries against their source: placeholders, markup, literals, plurals, empty, fuzzy and
untranslated entries, whitespace and end punctuation.

These checks compare a translation with *its source*, entry by entry, so they run only on a group that
has one (:func:`~aligner.checks.context.source_version`: a bilingual file's ``msgid``/``<source>``, or
the version ``--source`` names); versions that are peers (running text without a source) get nothing
from them. Each finding blames the target, points at its segment (path, line, column), names the entry
(``Finding.key``) and carries both texts in its evidence (``text``: the target, ``source``: the source).

The comparisons are the pure functions of :mod:`aligner.facts.placeholders`, :mod:`~aligner.facts.markup`,
:mod:`~aligner.facts.literals` and :mod:`~aligner.facts.plurals`; a fact's ``warning`` severity (a
presentational tag the translator added, a link or example path localised on the same host or in the same
shape) makes the finding ``minor``, its ``error`` the code's default.

Entry states and flags
----------------------
:attr:`Document.states` gives each key a state (``fuzzy``, ``needs-review-translation``, ``untranslated``);
a state may also list format flags (``"fuzzy, python-format"``), which enable placeholder syntaxes the way
the PO ``#,`` line does. Without flags the placeholder module's conservative defaults apply.

* An entry the file calls untranslated (``untranslated``, ``new``, ``initial``, ``needs-translation``) is
  empty on purpose: no EMP001, no other check.
* A PO ``fuzzy`` entry is not used at run time until reviewed: FUZ001 (info) only, its text is not
  checked further (a fuzzy match of another ``msgid`` often has other placeholders by construction). A
  ``needs-review`` state is used at run time, so its text is checked too.

Plural entries
--------------
A catalog entry's plural forms are its key repeated: the source's ``msgid`` and ``msgid_plural``, the
target's ``msgstr[0]``, ``msgstr[1]``... (:func:`~aligner.io.formats.build.keyed_document` keys the n-th
repeat ``key\\x00n``). PLU001 checks the number of target forms against the language (CLDR through Babel,
and the count integers reach: Lithuanian 3 or 4) and that every form keeps the source's placeholders
(:func:`~aligner.facts.plurals.check_plural_forms`: a form that serves only n=1 may spell the number out).
In ICU messages, a ``plural`` the source splits into forms must have a branch for each category an integer
reaches in the target language, and each branch must keep the count (``#``) unless it serves one number.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import regex

from ..facts.literals import compare_literals, find_literals
from ..facts.markup import compare_markup, find_entities, find_tags
from ..facts.placeholders import (
    _ICU_COMPLEX,
    PlaceholderIssue,
    _icu_branches,
    compare_placeholders,
    find_placeholders,
)
from ..facts.plurals import accepted_plural_counts, check_plural_forms, plural_categories
from ..model import Alignment, Document, Finding, Segment, Severity
from .context import CheckContext, source_version
from .registry import Check, SharedAnalysisCheck, register, regrade

#: States under which an empty target is expected: the file says the entry is not translated yet.
_UNTRANSLATED = frozenset({"untranslated", "new", "initial", "needs-translation", "obsolete"})
#: States of a translation that waits for review (FUZ001).
_REVIEW = frozenset({"fuzzy", "needs-review", "needs-review-translation", "needs-review-l10n",
                     "needs-review-adaptation", "needs-adaptation", "needs-l10n"})
#: Where the plural forms of an entry come from: the key repeated (``key\x00n``, see the module documentation).
_REPEAT = "\x00"

_PLACEHOLDER_CODE = {"missing": "PLH001", "added": "PLH001", "renamed": "PLH001",
                     "type_changed": "PLH002", "reordered_unpositioned": "PLH002",
                     "plural_keyword_invalid": "PLH003", "plural_other_missing": "PLH003"}
_FORM_ISSUE = re.compile(r"^form (\d+): (\w+): (.*)$", re.S)

_SNIPPET = 70


def _snippet(text: str, limit: int = _SNIPPET) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _severity(check: type[Check], fact_severity: str) -> Severity:
    """The finding's severity: the code's default for a fact's ``error``, ``minor`` for its ``warning``."""
    if fact_severity == "error":
        return check.default_severity
    return min(check.default_severity, Severity.MINOR)


def _primary(language: str | None) -> str | None:
    return language.replace("_", "-").split("-")[0].lower() if language else None


# --------------------------------------------------------------------------- entry states and flags


def _tokens(state: str) -> list[str]:
    return [t for t in re.split(r"[\s,]+", state.strip().lower()) if t]


def _entry_states(doc: Document) -> dict[str, tuple[frozenset[str], tuple[str, ...] | None]]:
    """Per key, the state words and the format flags the document's :attr:`~Document.states` give it."""
    out: dict[str, tuple[frozenset[str], tuple[str, ...] | None]] = {}
    for key, state in doc.states:
        words = _tokens(state or "")
        flags = tuple(w for w in words if w.endswith("-format") or w in ("jinja", "colon", "percent"))
        out[key] = (frozenset(words) - set(flags), flags or None)
    return out


# --------------------------------------------------------------------------- end punctuation


_CLOSERS = "\"'”’»›)]}」』）"
_TRAILING_TAGS = re.compile(r"(?:\s*</?[A-Za-z][^<>]*>)+\s*$")
_STOPS = frozenset(".。｡।॥۔။።།។៕։")
_QUESTIONS = frozenset("?？؟፧⸮")
_EXCLAMATIONS = frozenset("!！")
_COLONS = frozenset(":：፦")
#: Marks that stand for another in some languages' typing: a visarga typed as a colon (Bengali, Hindi), the
#: pipe as a danda, "::" as the Ethiopic full stop, the Armenian mijaket.
_LANGUAGE_MARKS = {
    "bn": {"ঃ": "colon", "|": "stop"}, "as": {"ঃ": "colon", "|": "stop"},
    "hi": {"ः": "colon", "|": "stop"}, "mr": {"ः": "colon", "|": "stop"}, "ne": {"ः": "colon", "|": "stop"},
    "hy": {"․": "colon"},
}
#: Languages whose full stop also serves as the colon (the Armenian '։' looks like one): the two are one mark.
_STOP_IS_COLON = frozenset({"hy"})
#: Languages that write the question mark on the stressed word, not at the end (Armenian).
_QUESTION_INSIDE = frozenset({"hy"})


def _end_mark(text: str, language: str | None) -> str | None:
    """What ``text`` ends with: ``question``, ``exclamation``, ``colon``, ``ellipsis``, ``stop`` or ``None``."""
    t = _TRAILING_TAGS.sub("", text).rstrip()
    while t and t[-1] in _CLOSERS:
        t = t[:-1].rstrip()
    if not t:
        return None
    last = t[-1]
    lang = _primary(language)
    if last == "…" or t.endswith("...") or t.endswith("。。。"):
        return "ellipsis"
    if lang in ("am", "ti") and t.endswith("::"):
        return "stop"  # '::' typed for the Ethiopic full stop '።'
    if last in _LANGUAGE_MARKS.get(lang, {}):
        return _LANGUAGE_MARKS[lang][last]
    if last in _QUESTIONS or (last in ";;" and lang == "el"):
        return "question"
    if last in _EXCLAMATIONS:
        return "exclamation"
    if last in _COLONS:
        return "colon"
    if last in _STOPS:
        return "stop"
    return None


_QUOTES = "\"'”’»›」』"


def _quoted(text: str) -> bool:
    """Whether ``text`` ends with a closing quotation mark: its end punctuation belongs to the quotation."""
    t = _TRAILING_TAGS.sub("", text).rstrip()
    return bool(t) and t[-1] in _QUOTES


_MARK_NAMES = {"question": "a question mark", "exclamation": "an exclamation mark", "colon": "a colon",
               "ellipsis": "an ellipsis", "stop": "a full stop", None: "no end punctuation"}


def _punctuation_differs(source: str, target: str, src_lang: str | None, tgt_lang: str | None
                         ) -> tuple[str | None, str | None] | None:
    """``(source mark, target mark)`` when the end punctuation differs in a way worth a finding."""
    a, b = _end_mark(source, src_lang), _end_mark(target, tgt_lang)
    if a == b or {a, b} <= {"stop", None}:
        return None  # a full stop kept, added or dropped is style (and "." / "。" / "।" are one mark)
    if (a is None and _quoted(target)) or (b is None and _quoted(source)):
        return None  # 'how-to’s' -> '"πως να..."': the mark ends a quotation, not the entry
    lang = _primary(tgt_lang)
    if lang in _QUESTION_INSIDE and "question" in (a, b):
        return None
    if lang in _STOP_IS_COLON and {a, b} == {"stop", "colon"}:
        return None
    return a, b


# --------------------------------------------------------------------------- whitespace


def _ws_norm(s: str) -> str:
    """An edge's whitespace as compared: its line breaks when it has any (the indentation after them is
    layout: '\\n    View function' and '\\nVis funktion' agree), else its spaces, any kind of space as ' '."""
    if "\n" in s:
        return "\n" * s.count("\n")
    return "".join(" " if c.isspace() else c for c in s)


def _edges(text: str) -> tuple[str, str]:
    body = text.strip()
    if not body:
        return text, ""
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return _ws_norm(lead), _ws_norm(trail)


# --------------------------------------------------------------------------- untranslated


_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")
_LOWER_WORD = regex.compile(r"^\p{Ll}[\p{L}\p{M}]{2,}")


def _translatable_words(text: str, flags: tuple[str, ...] | None) -> list[str]:
    """The words of ``text`` outside placeholders, literals, tags and entities."""
    return _WORD.findall(_masked(text, flags))


def _worth_translating(text: str, flags: tuple[str, ...] | None) -> bool:
    """Whether a text has something a translator would translate: two words or more, one of them an
    ordinary lower-case word (not only names, codes, placeholders, numbers or a single shared word)."""
    words = _translatable_words(text, flags)
    # A capitalised word may be a name or just begin the sentence: only lower-case words after the first
    # count, and two of them are needed ("Django administration" is Danish too).
    ordinary = [w for w in words[1:] if _LOWER_WORD.match(w) and not any(c.isupper() for c in w[1:])]
    return len(ordinary) >= 2


def _masked(text: str, flags: tuple[str, ...] | None) -> str:
    """``text`` with placeholders, literals, tags and entities blanked out (same length)."""
    spans = [(p.start, p.end) for p in find_placeholders(text, flags)]
    spans += [(x.start, x.end) for x in find_literals(text)]
    spans += [(t.start, t.end) for t in find_tags(text)]
    spans += [(e.start, e.end) for e in find_entities(text)]
    if not spans:
        return text
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def _short_entry_words(text: str, flags: tuple[str, ...] | None, names: frozenset[str]) -> list[str]:
    """The words of an entry too short for :func:`_worth_translating` that a translator would translate: words
    of two letters or more written as ordinary words (not all capitals, no capital inside), which the source
    catalog never writes capitalised inside a sentence without also writing them in lower case (``names``:
    Python, Sphinx). Empty when the entry holds only names, codes, placeholders and numbers, or is a name
    phrase: a capitalised first word followed only by names ("Python Enhancement Proposals")."""
    words = _translatable_words(text, flags)
    ordinary = [w for w in words if len(w) >= 2 and w.isalpha() and not any(c.isupper() for c in w[1:])
                and w.casefold() not in names]
    if ordinary == words[:1] and len(words) > 1 and words[0][:1].isupper():
        return []
    return ordinary


def source_names(doc: Document) -> frozenset[str]:
    """Words the source document writes capitalised after the start of a text and never in lower case: the
    names of the catalog (case folded). A short entry made of them is not 'left untranslated'."""
    upper: set[str] = set()
    lower: set[str] = set()
    for seg in doc.segments:
        text = seg.text
        for m in _WORD.finditer(text):
            w = m.group(0)
            if w[:1].islower():
                lower.add(w.casefold())
            elif w[:1].isupper() and text[:m.start()].rstrip()[-1:] not in _SENTENCE_OPENERS:
                upper.add(w.casefold())
    return frozenset(upper - lower)


#: What a capital after it does not make a name: the start of the text, a sentence end, an opening quote.
_SENTENCE_OPENERS = frozenset(("", ".", "!", "?", ":", ";", "\"", "'", "«", "“", "‘", "(", "[", "-", "—", "*", ">"))


#: A token that mixes ASCII letters and digits (``EPUB3``, ``UTF-8``, ``x86_64``, ``i18n``, ``3.0a1``): a name,
#: code or version whose digits are part of it.
_CODE_TOKEN = re.compile(r"(?<![\w.-])[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*(?![\w-])")
_DIGITS = re.compile(r"\d+")


def _code_tokens(text: str, flags: tuple[str, ...] | None) -> list[str]:
    out = []
    for m in _CODE_TOKEN.finditer(_masked(text, flags)):
        tok = m.group(0)
        if any(c.isdigit() for c in tok) and any(c.isalpha() for c in tok):
            out.append(tok)
    return out


def changed_code_tokens(source: str, target: str, flags: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """(source token, target token) for each name or code with digits whose digits the target changed:
    the same letters and separators (``EPUB#``, ``UTF-#``, compared without case) with other digits, the
    source's own token absent from the target (``EPUB3`` -> ``EPUB5``, ``UTF-8`` -> ``UTF-6``). A token
    the target drops or translates is not judged here (it may be said in words)."""
    if not any(c.isdigit() for c in source):
        return []
    src = _code_tokens(source, flags)
    if not src:
        return []
    tgt = _code_tokens(target, flags)
    have = Counter(t.casefold() for t in tgt)
    out = []
    for tok in dict.fromkeys(src):
        need = sum(1 for t in src if t == tok)
        if have[tok.casefold()] >= need:
            continue
        shape = _DIGITS.sub("#", tok).casefold()
        for t in tgt:
            if t.casefold() != tok.casefold() and _DIGITS.sub("#", t).casefold() == shape \
                    and t.casefold() not in {x.casefold() for x in src}:
                out.append((tok, t))
                break
    return out


# --------------------------------------------------------------------------- plurals


@lru_cache(maxsize=128)
def _integers_by_category(language: str, ordinal: bool = False) -> dict[str, frozenset[int]] | None:
    """For each CLDR category of ``language``, the integers 0..999 that select it (``None``: unknown)."""
    try:
        from babel import Locale

        loc = Locale.parse(language.replace("-", "_"))
        rule = loc.ordinal_form if ordinal else loc.plural_form
    except Exception:  # noqa: BLE001 - unknown or malformed locale ids
        return None
    out: dict[str, set[int]] = {}
    for n in range(1000):
        out.setdefault(rule(n), set()).add(n)
    return {k: frozenset(v) for k, v in out.items()}


def _icu_plural_branches(surface: str) -> tuple[str, str, list[tuple[str, str]]] | None:
    """``(argument, type, [(keyword, body)...])`` of an ICU ``plural``/``selectordinal`` argument."""
    m = _ICU_COMPLEX.match(surface, 1, len(surface) - 1)
    if not m or m.group(2) == "select":
        return None
    branches = _icu_branches(surface, m.end(), len(surface) - 1)
    if not branches:
        return None
    return m.group(1), m.group(2), [(k, surface[a:b]) for k, a, b in branches]


def _keeps_count(body: str, argument: str) -> bool:
    return "#" in body or re.search(r"\{\s*" + re.escape(argument) + r"\s*[,}]", body) is not None


def _icu_plural_issues(source: str, target: str, language: str | None,
                       flags: tuple[str, ...] | None) -> list[str]:
    """What the ICU plurals of ``target`` lack for ``language``: categories integers reach without a
    branch (where the source has forms), and branches that drop the count the source keeps."""
    if not language or "plural" not in target:
        return []
    src = {p.key: p for p in find_placeholders(source, flags) if p.syntax == "icu" and p.type != "select"}
    out = []
    for p in find_placeholders(target, flags):
        if p.syntax != "icu" or p.type not in ("plural", "selectordinal") or p.key not in src:
            continue
        parsed_t, parsed_s = _icu_plural_branches(p.surface), _icu_plural_branches(src[p.key].surface)
        if not parsed_t or not parsed_s:
            continue
        argument, kind, branches = parsed_t
        ints = _integers_by_category(language, kind == "selectordinal")
        if ints is None:
            continue
        keywords = {k for k, _ in branches}
        explicit = {int(k[1:]) for k in keywords if re.fullmatch(r"=\d+", k)}
        src_forms = {k for k, _ in parsed_s[2] if not k.startswith("=")}
        if "other" in keywords and len(src_forms) >= 2:
            lacking = [c for c in sorted(ints) if c not in keywords and not ints[c] <= explicit]
            if lacking:
                examples = "; ".join(f"{c}: {', '.join(map(str, sorted(ints[c])[:4]))}…" for c in lacking)
                n_cats = len(plural_categories(language) or ()) or len(ints)
                out.append(f"{{{argument}, {kind}}} has {len(keywords - {'other'}) + 1} forms here; {language} "
                           f"needs {n_cats} ({', '.join(sorted(plural_categories(language) or ints))}): "
                           f"no branch for {examples} (they would take 'other')")
        src_other = dict(parsed_s[2]).get("other")
        if src_other is not None and _keeps_count(src_other, argument):
            for k, body in branches:
                if k.startswith("=") or k not in ints or _keeps_count(body, argument):
                    continue
                if len(ints[k]) == 1:
                    continue  # a form that serves one number may spell it out ("one {a file}" in Danish)
                served = ", ".join(map(str, sorted(ints[k])[:4]))
                out.append(f"the '{k}' branch of {{{argument}, {kind}}} ({served}…) drops the count "
                           f"({_snippet(body, 40)!r}); the source's 'other' keeps it")
    return out


# --------------------------------------------------------------------------- the analysis


class _Pair:
    """One target text against its source text, with where findings about it point."""

    __slots__ = ("doc", "seg", "source", "unit", "flags", "src_lang")

    def __init__(self, doc: Document, seg: Segment, source: str, unit: int, flags: tuple[str, ...] | None,
                 src_lang: str | None) -> None:
        self.doc, self.seg, self.source, self.unit, self.flags, self.src_lang = doc, seg, source, unit, flags, src_lang

    @property
    def text(self) -> str:
        return self.seg.text

    def finding(self, check: type[Check], message: str, evidence: dict | None = None,
                severity: Severity | None = None, confidence: float = 0.9) -> Finding:
        seg = self.seg
        ev = {"text": seg.text, "source": self.source, **(evidence or {})}
        f = check.make_finding(self.doc.path, self.doc.language, seg.line, seg.column, message, ev, confidence,
                               seg.start, seg.end, self.unit, key=_base_key(seg.key))
        return f if severity is None else regrade(f, severity)


def _base_key(key: str | None) -> str | None:
    return key.split(_REPEAT, 1)[0] if key is not None else None


def _compare_text(pair: _Pair, out: list[Finding], *, placeholders: bool = True,
                  names: frozenset[str] | None = None) -> None:
    """Every text check of one target text against its source (placeholders, markup, literals,
    untranslated, whitespace, end punctuation).

    ``names``: :func:`source_names` of the source document; with it a short entry (one or two words) the
    same as its source is UNT001 at info (without it short entries are not judged)."""
    source, target, lang = pair.source, pair.text, pair.doc.language
    where = _snippet(source)
    if placeholders:
        for issue in _pair_renamed(compare_placeholders(source, target, lang, pair.flags)):
            code = _PLACEHOLDER_CODE.get(issue.kind)
            if code is None:
                continue  # plural_category_missing: ICU falls back to 'other' (PLU001 judges the count)
            out.append(_placeholder_finding(pair, code, issue.kind, issue.source, issue.target, issue.detail,
                                            issue.severity, where))
        for why in _icu_plural_issues(source, target, lang, pair.flags):
            out.append(pair.finding(WrongPluralForms, f"{why}; the source has {where!r}", {"value": why}))
    markup = compare_markup(source, target)
    counted = any(i.kind in ("missing_tag", "added_tag") for i in markup)
    partner = _tag_pairs(markup)
    for n, issue in enumerate(markup):
        if (issue.kind == "unbalanced" and counted) or partner.get(n) == -1:
            continue  # a tag missing or added unbalances the rest; an end tag is said with its start tag
        surface = getattr(issue.source, "surface", None) or getattr(issue.target, "surface", None)
        if n in partner:
            end = markup[partner[n]]
            surface = f"{surface}…{(end.source or end.target).surface}"
            where_ = ("is missing here; the source has" if issue.kind == "missing_tag"
                      else "is here but not in the source")
            severity = max(issue.severity, end.severity, key=_FACT_RANK.get)
            if (issue.source or issue.target).name.lower() in _EMPHASIS:
                severity = "warning"  # emphasis or quotation marks dropped whole: typography, not a break
            out.append(pair.finding(BrokenMarkup, f"the element {surface!r} {where_} {where!r}",
                                    {"value": surface, "kind": issue.kind, "detail": issue.detail},
                                    _severity(BrokenMarkup, severity)))
            continue
        if issue.kind == "bad_entity":
            out.append(pair.finding(InvalidEntity, f"{issue.detail} here; the source has {where!r}",
                                    {"value": surface, "kind": issue.kind}, _severity(InvalidEntity, issue.severity)))
            continue
        if issue.kind == "missing_tag":
            message = f"the tag {issue.source.surface!r} is missing here; the source has {where!r}"
        elif issue.kind == "added_tag":
            message = f"the tag {issue.target.surface!r} is here but not in the source {where!r}"
        elif issue.kind == "unbalanced":
            message = f"the tags do not nest here ({issue.detail}); the source's do: {where!r}"
        elif issue.kind == "missing_entity":
            message = f"the entity {issue.source.surface!r} is missing here; the source has {where!r}"
        else:
            message = f"a tag attribute changed here ({issue.detail}); the source has {where!r}"
        out.append(pair.finding(BrokenMarkup, message, {"value": surface, "kind": issue.kind, "detail": issue.detail},
                                _severity(BrokenMarkup, issue.severity)))
    for issue in compare_literals(source, target):
        kind = {"url": "URL", "email": "e-mail address", "path": "path", "code": "code span"}[issue.literal_kind]
        if issue.kind == "missing":
            message = f"the {kind} {issue.source.surface!r} is missing here; the source has {where!r}"
        else:
            message = (f"the {kind} {issue.source.surface!r} became {issue.target.surface!r} here; "
                       f"the source has {where!r}")
        evidence = {"value": issue.source.value, "target_value": issue.target.value if issue.target else None,
                    "kind": issue.literal_kind}
        severity = issue.severity
        if (issue.kind == "changed" and issue.literal_kind == "path"
                and _path_words(issue.target.value) - _path_words(issue.source.value)):
            # '/about/contact' -> '/om/kontakt/': the translator translated the example's words (a slash more
            # or less with them); the same words with a slash, space or extension lost stay major
            severity = "warning"
            message += " (a localised example?)"
        out.append(pair.finding(ChangedLiteral, message, evidence, _severity(ChangedLiteral, severity)))
    for tok, changed in changed_code_tokens(source, target, pair.flags):
        out.append(pair.finding(ChangedLiteral, f"the name {tok!r} became {changed!r} here (its digits changed); "
                                f"the source has {where!r}", {"value": tok, "target_value": changed, "kind": "name"}))
    if target.strip() == source.strip() and _primary(lang) != _primary(pair.src_lang):
        if _worth_translating(target, pair.flags):
            out.append(pair.finding(SameAsSource, f"the same text as the source here: {where!r}", confidence=0.7))
        elif names is not None and _short_entry_words(target, pair.flags, names):
            # "Index" may stay "Index": a short entry the same as its source is said, not held against the file
            out.append(pair.finding(SameAsSource, f"the same text as the source here, a short entry (words "
                                    f"{lang or 'the language'} may share): {where!r}", {"short": True},
                                    Severity.INFO, confidence=0.5))
    (s_lead, s_trail), (t_lead, t_trail) = _edges(source), _edges(target)
    for side, a, b in (("leading", s_lead, t_lead), ("trailing", s_trail, t_trail)):
        if a != b:
            out.append(pair.finding(
                WhitespaceDiffers,
                f"{side} whitespace {b!r} here, {a!r} in the source {source[:_SNIPPET]!r}",
                {"value": b, "source_value": a, "side": side}))
    marks = _punctuation_differs(source, target, pair.src_lang, lang)
    if marks:
        a, b = marks
        out.append(pair.finding(
            EndPunctuation, f"ends with {_MARK_NAMES[b]} here; the source ends with {_MARK_NAMES[a]}: {where!r}",
            {"value": b, "source_value": a}, confidence=0.7))


def _pair_renamed(issues: list[PlaceholderIssue]) -> list[PlaceholderIssue]:
    """The issues with a missing and an added placeholder of one syntax made one ``renamed`` issue.

    The facts module pairs keyed ones; an unkeyed ``{}`` replaced by a keyed ``{वा}`` comes as two issues."""
    out = list(issues)
    for syntax in {i.syntax for i in issues}:
        missing = [i for i in out if i.kind == "missing" and i.syntax == syntax]
        added = [i for i in out if i.kind == "added" and i.syntax == syntax]
        for a, b in zip(missing, added):
            at = out.index(a)
            out[at] = PlaceholderIssue("renamed", syntax, a.source, b.target, f"{a.source.surface} became "
                                       f"{b.target.surface}", max(a.severity, b.severity, key=_FACT_RANK.get))
            out.remove(b)
    return out


_FACT_RANK = {"info": 0, "warning": 1, "error": 2}
#: Elements whose loss, start and end tag together, changes only the typography (``<strong>``, ``<q>`` replaced
#: by quotation marks): minor. A lost ``<a>``, ``<code>`` or a half of any element stays major.
_EMPHASIS = frozenset({"b", "i", "em", "strong", "u", "q", "small", "mark", "s", "span", "abbr", "cite"})


def _path_words(path: str) -> set[str]:
    return {re.sub(r"\.[A-Za-z0-9]+$", "", w).lower() for w in re.split(r"[/\\]", path) if w.strip(" .~")}


def _tag_pairs(markup: list) -> dict[int, int]:
    """Missing (or added) start tags whose end tag is missing (added) too, by index in ``markup``: the
    start's index maps to the end's, the end's to -1. One element lost is one finding, not two."""
    out: dict[int, int] = {}
    for kind, side in (("missing_tag", "source"), ("added_tag", "target")):
        ends = [n for n, i in enumerate(markup) if i.kind == kind and getattr(i, side).kind == "end"]
        for n, issue in enumerate(markup):
            tag = getattr(issue, side)
            if issue.kind != kind or tag.kind != "start":
                continue
            match = next((e for e in ends if e not in out
                          and getattr(markup[e], side).name.lower() == tag.name.lower()), None)
            if match is not None:
                out[n], out[match] = match, -1
    return out


def _placeholder_finding(pair: _Pair, code: str, kind: str, src, tgt, detail: str, severity: str,
                         where: str) -> Finding:
    check = {"PLH001": MissingPlaceholder, "PLH002": PlaceholderType, "PLH003": PluralKeyword}[code]
    if kind == "missing":
        message = f"{src.surface!r} is missing here; the source has {where!r}"
    elif kind == "added":
        message = f"{tgt.surface!r} is here but not in the source {where!r}"
    elif kind == "renamed":
        message = f"{src.surface!r} became {tgt.surface!r} here; the source has {where!r}"
    elif kind == "type_changed":
        message = f"{src.surface!r} became {tgt.surface!r} here (another type); the source has {where!r}"
    elif kind == "reordered_unpositioned":
        message = f"unnumbered placeholders reordered here ({detail}); the source has {where!r}"
    else:
        message = f"{detail}; the source has {where!r}"
    evidence = {"kind": kind, "value": src.surface if src else None, "target_value": tgt.surface if tgt else None}
    return pair.finding(check, message, evidence, _severity(check, severity))


def _keys(doc: Document) -> dict[str, list[int]]:
    """Per base key, the document's segment ids in order (one, or the forms of a plural entry)."""
    out: dict[str, list[int]] = {}
    for seg in doc.segments:
        if seg.key is not None:
            out.setdefault(_base_key(seg.key), []).append(seg.id)
    return out


def check_l10n(alignment: Alignment, source: str | None = None, units: range | None = None) -> list[Finding]:
    """Every finding of the l10n family on one group: each target against the source, entry by entry.

    ``source``: the user's ``--source`` (see :func:`source_version`); ``units``: the unit indices to
    look at (default: all). Nothing when the group has no source.
    """
    src = source_version(alignment, source)
    if src is None:
        return []
    docs = alignment.documents
    src_doc = docs[src]
    src_keys = _keys(src_doc)
    src_states = _entry_states(src_doc)
    names = source_names(src_doc)
    out: list[Finding] = []
    tables = [(k, doc, _keys(doc), _entry_states(doc)) for k, doc in enumerate(docs) if k != src]
    usual: dict[str, int | None] = {}  # per target document, its usual number of plural forms
    reported: set[str] = set()  # target documents told once that their form count is a convention
    for u_idx in units if units is not None else range(len(alignment.units)):
        unit = alignment.units[u_idx]
        s_ids = unit.segments[src]
        if not s_ids:
            continue
        s_seg = src_doc.segments[s_ids[0]]
        if s_seg.key is not None and _REPEAT in s_seg.key:
            continue  # a later plural form: checked with the entry's first
        base = _base_key(s_seg.key)
        for k, doc, keys, states in tables:
            t_ids = unit.segments[k]
            if not t_ids:
                continue  # the key is missing: structure's business (OMI001)
            words, flags = states.get(base, (frozenset(), None))
            if flags is None:
                flags = src_states.get(base, (frozenset(), None))[1]
            t_seg = doc.segments[t_ids[0]]
            pair = _Pair(doc, t_seg, s_seg.text, u_idx, flags, src_doc.language)
            if words & _REVIEW:
                state = ", ".join(sorted(words & _REVIEW))
                out.append(pair.finding(UnreviewedEntry, f"the file marks this entry {state}: its translation "
                                        f"waits for review; the source has {_snippet(s_seg.text)!r}",
                                        {"state": state}, confidence=1.0))
                if "fuzzy" in words:
                    continue  # not used at run time until reviewed
            if words & _UNTRANSLATED and not any(doc.segments[i].text.strip() for i in keys.get(base, t_ids)):
                continue
            s_forms = [src_doc.segments[i] for i in src_keys.get(base, s_ids)] if base is not None else [s_seg]
            t_forms = [doc.segments[i] for i in keys.get(base, t_ids)] if base is not None else [t_seg]
            if len(s_forms) > 1 or len(t_forms) > 1:
                if doc.id not in usual:
                    usual[doc.id] = _usual_form_count(doc)
                _check_plural_entry(doc, s_forms, t_forms, u_idx, flags, src_doc.language, out, usual[doc.id],
                                    reported)
                continue
            if not t_seg.text.strip():
                if _worth_a_text(s_seg.text, t_seg.text):
                    out.append(pair.finding(EmptyTranslation, f"the translation is empty here; the source has "
                                            f"{_snippet(s_seg.text)!r}", confidence=0.9))
                continue
            if not s_seg.text.strip():
                continue
            _compare_text(pair, out, names=names)
    return out


def name_entries(findings: Sequence[Finding], groups: Sequence[Alignment], source: str | None = None
                 ) -> list[Finding]:
    """``findings`` with the entry each one on a localization file is about: ``key`` (msgctxt+msgid, trans-unit
    id, key path) and, in a group with a source, ``evidence["source"]``: the source text of that entry (of the
    plural form the finding points at), for the reports to show beside the target.

    The l10n checks name both themselves; the number, name, language and structure checks find their unit
    and leave the rest to this. Findings on running text, and those that already say both, are returned as
    they are (the same objects); a finding is matched to its version by path and language.
    """
    where: dict[tuple[str, str | None], tuple[Alignment, int]] = {}
    for group in groups:
        for k, doc in enumerate(group.documents):
            if doc.keyed:
                where.setdefault((doc.path, doc.language), (group, k))
    if not where:
        return list(findings)
    out = []
    for f in findings:
        found = where.get((f.path, f.language)) if f.unit is not None else None
        if found is None or (f.key is not None and "source" in f.evidence):
            out.append(f)
            continue
        group, k = found
        if f.unit >= len(group.units):  # type: ignore[operator]
            out.append(f)
            continue
        unit = group.units[f.unit]  # type: ignore[index]
        ids = unit.segments[k]
        key = f.key
        if key is None:
            key = next((_base_key(group.documents[j].segments[i[0]].key) for j, i in enumerate(unit.segments) if i),
                       None)
        evidence = f.evidence
        src = source_version(group, source)
        if src is not None and src != k and unit.segments[src] and "source" not in evidence:
            forms = [group.documents[src].segments[i] for i in unit.segments[src]]
            form = next((n for n, i in enumerate(ids) if group.documents[k].segments[i].line == f.line), 0)
            evidence = {**evidence, "source": forms[min(form, len(forms) - 1)].text}
        out.append(dataclasses.replace(f, key=key, evidence=evidence))
    return out


def _usual_form_count(doc: Document) -> int | None:
    """The number of forms most plural entries of ``doc`` have (what its ``Plural-Forms`` header says, in a
    catalog msgfmt accepts); ``None`` when the document has no plural entry or no count is the most common."""
    counts: dict[str, int] = {}
    for seg in doc.segments:
        if seg.key is not None and _REPEAT in seg.key:
            base = _base_key(seg.key)
            counts[base] = max(counts.get(base, 1), int(seg.key.rsplit(_REPEAT, 1)[1]))
    if not counts:
        return None
    tally = Counter(counts.values()).most_common(2)
    return tally[0][0] if len(tally) == 1 or tally[0][1] > tally[1][1] else None


def _broad_categories(language: str) -> int:
    """How many CLDR categories of ``language`` serve more than two integers (0..999): the distinctions a
    catalog cannot merge without wrong forms for many numbers (Lithuanian one/few/other: 3; Hebrew 1;
    Vietnamese 1, its ``one`` being 0 and 1 in Babel's data)."""
    ints = _integers_by_category(language) or {}
    return sum(1 for v in ints.values() if len(v) > 2)


def _check_form_count(doc: Document, first: _Pair, n: int, usual: int | None, msgid_plural: str,
                      reported: set[str], out: list[Finding]) -> None:
    """PLU001 on the number of forms of one entry: against the file's other plural entries, then the language.

    A count the language's CLDR rules do not give is ``major`` when it cannot tell apart the categories that
    serve many numbers (Lithuanian with 2 forms: 2-9, 22-29... take the wrong one); a gettext convention that
    merges or keeps single-number forms (Hebrew 4, Welsh 4, Kyrgyz 1) is ``minor``, said once per file.
    """
    language = doc.language
    where = _snippet(msgid_plural)
    if usual is not None and n != usual:
        out.append(first.finding(
            WrongPluralForms, f"{n} plural forms here; the other plural entries of this file have {usual}; "
            f"the source has {where!r}", {"value": n, "usual": usual}))
        return
    accepted = accepted_plural_counts(language) if language else frozenset()
    if not accepted or n in accepted:
        return
    cats = sorted(plural_categories(language) or ())
    want = " or ".join(map(str, sorted(accepted)))
    broad = _broad_categories(language)
    if n >= broad:
        if doc.id in reported:
            return
        reported.add(doc.id)
        out.append(first.finding(
            WrongPluralForms, f"{n} plural forms here (and in this file's other plural entries); {language} has "
            f"{want} (CLDR: {', '.join(cats)}); a convention that only merges or splits forms of single numbers; "
            f"the source has {where!r}", {"value": n, "accepted": sorted(accepted)}, Severity.MINOR))
        return
    out.append(first.finding(
        WrongPluralForms, f"{n} plural forms here; {language} has {want} (CLDR: {', '.join(cats)}) and {broad} "
        f"of them serve many numbers; the source has {where!r}", {"value": n, "accepted": sorted(accepted)}))


def _single_number_forms(language: str | None) -> bool:
    """Whether ``language`` has a category besides ``one`` that serves a single integer (Hebrew ``two``,
    Arabic ``zero``/``two``): without the header, a later form may be one that spells its number out."""
    ints = (_integers_by_category(language) or {}) if language else {}
    return any(len(v) == 1 for c, v in ints.items() if c != "one")


_NAMED = re.compile(r"^%\(\w+\)|^\{[^\W\d]\w*\}")


def _worth_a_text(source: str, target: str) -> bool:
    """Whether an empty (or blank) ``target`` lacks something: not when the source is empty, nor when a blank
    target stands for a short suffix or particle the language does without (Django's Swahili ordinal 'th' ->
    ' ': a PO entry can only be translated to nothing with a space, "" meaning untranslated)."""
    body = source.strip()
    if not body:
        return False
    return not (target and len(body) <= 4 and not any(c.isspace() for c in body))


def _check_plural_entry(doc: Document, s_forms: Sequence[Segment], t_forms: Sequence[Segment], u_idx: int,
                        flags: tuple[str, ...] | None, src_lang: str | None, out: list[Finding],
                        usual: int | None = None, reported: set[str] | None = None) -> None:
    """The forms of one plural entry: their number, the placeholders of each, then each form's text.

    ``usual``: :func:`_usual_form_count` of ``doc``; ``reported``: documents already told their count is a
    convention (once per file).
    """
    reported = set() if reported is None else reported
    language = doc.language
    msgid = s_forms[0].text
    msgid_plural = s_forms[1].text if len(s_forms) > 1 else s_forms[0].text
    first = _Pair(doc, t_forms[0], msgid_plural if len(t_forms) > 1 else msgid, u_idx, flags, src_lang)
    texts = [s.text for s in t_forms]
    if not any(t.strip() for t in texts):
        out.append(first.finding(EmptyTranslation, f"every plural form is empty here; the source has "
                                 f"{_snippet(msgid_plural)!r}"))
        return
    _check_form_count(doc, first, len(t_forms), usual, msgid_plural, reported, out)
    issues = check_plural_forms(language or "", None, texts, msgid=msgid,
                                msgid_plural=msgid_plural if len(s_forms) > 1 else None, flags=flags)
    for issue in issues:
        if issue.form is None or issue.severity == "info":
            continue
        form = t_forms[issue.form]
        pair = _Pair(doc, form, msgid if issue.form == 0 and len(s_forms) == 1 else msgid_plural, u_idx, flags,
                     src_lang)
        if issue.kind == "missing_placeholder":
            dropped = issue.detail.split(": ", 1)[-1]
            severity = _severity(WrongPluralForms, issue.severity)
            why = ""
            if issue.form > 0 and _NAMED.match(dropped) and _single_number_forms(language):
                # Hebrew form 1 may serve only n=2 ("שנתיים", two years): the header would say; without it, minor
                severity = Severity.MINOR
                why = f" (unless this form serves a single number, as {language} forms may)"
            out.append(pair.finding(WrongPluralForms, f"plural form {issue.form} drops a placeholder: "
                                    f"{dropped}{why}; the source has {_snippet(msgid_plural)!r}",
                                    {"form": issue.form, "value": issue.detail}, severity))
            continue
        m = _FORM_ISSUE.match(issue.detail)
        code = _PLACEHOLDER_CODE.get(m.group(2)) if m else None
        if code is None:
            continue
        check = {"PLH001": MissingPlaceholder, "PLH002": PlaceholderType, "PLH003": PluralKeyword}[code]
        out.append(pair.finding(check, f"plural form {issue.form}: {m.group(2).replace('_', ' ')}: {m.group(3)}; "
                                f"the source has {_snippet(msgid_plural)!r}",
                                {"form": issue.form, "kind": m.group(2)}, _severity(check, issue.severity)))
    for i, form in enumerate(t_forms):
        src_text = msgid if i == 0 else msgid_plural
        pair = _Pair(doc, form, src_text, u_idx, flags, src_lang)
        if not form.text.strip():
            out.append(pair.finding(EmptyTranslation, f"plural form {i} is empty here; the source has "
                                    f"{_snippet(src_text)!r}"))
            continue
        _compare_text(pair, out, placeholders=False)


# --------------------------------------------------------------------------- checks


class _L10nCheck(SharedAnalysisCheck):
    """The l10n family: each target entry against its source entry, in groups that have a source."""

    analysis = "l10n"
    weight = 1  # a few string comparisons per entry: not worth cutting into parts

    @classmethod
    def analyse(cls, ctx: CheckContext) -> list[Finding]:
        out: list[Finding] = []
        for group, units in zip(ctx.groups, ctx.unit_ranges()):
            if units:
                out.extend(check_l10n(group, ctx.source, units))
        return out

    def own_findings(self, findings):  # noqa: ANN001, ANN201 - as the base class
        """This code's findings; a finding the analysis graded lower (a fact's warning) keeps its grade
        unless configuration sets the code's severity."""
        configured = self.severity != self.default_severity
        for f in findings:
            if f.code == self.code:
                yield regrade(f, self.severity) if configured else f


@register
class MissingPlaceholder(_L10nCheck):
    """A placeholder of the source is missing, added or renamed in the translation.

    printf (``%s``, ``%(name)s``, ``%1$s``), brace (``{name}``, ``{0}``), ICU arguments, Jinja, ``${x}``.

    Bad:  source "Hello {name}, you have %d new messages"  de "Hallo, Sie haben %d neue Nachrichten"
    Good: de "Hallo {name}, Sie haben %d neue Nachrichten"
    """

    code = "PLH001"
    name = "placeholder-missing"
    category = "format"
    default_severity = Severity.MAJOR
    family = "l10n"


@register
class PlaceholderType(_L10nCheck):
    """A placeholder changed type (%d -> %s), or unnumbered ones were reordered.

    Bad:  source "%s has %d files"  lt "%d failų turi %s"
    Good: lt "%1$s turi %2$d failų" or "%s turi %d failų"
    """

    code = "PLH002"
    name = "placeholder-type"
    category = "format"
    default_severity = Severity.MAJOR
    family = "l10n"


@register
class PluralKeyword(_L10nCheck):
    """An ICU plural keyword the target language lacks, or a plural without 'other'.

    Bad:  da "{n, plural, one {# fil} few {# filer} other {# filer}}"  (Danish has no 'few')
    Good: da "{n, plural, one {# fil} other {# filer}}"
    """

    code = "PLH003"
    name = "plural-keyword"
    category = "format"
    default_severity = Severity.MINOR
    family = "l10n"


@register
class BrokenMarkup(_L10nCheck):
    """An inline tag is missing, added or unbalanced, or its href/src changed.

    Bad:  source "Click <a href=\"/help\">here</a>"  da "Klik <a href=\"/hjaelp\">her"
    Good: da "Klik <a href=\"/help\">her</a>"
    """

    code = "TAG001"
    name = "broken-markup"
    category = "format"
    default_severity = Severity.MAJOR
    family = "l10n"


@register
class InvalidEntity(_L10nCheck):
    """An invalid character reference or an unknown entity the source does not have.

    Bad:  da "Vilkår &amp betingelser &#0;"
    Good: da "Vilkår &amp; betingelser"
    """

    code = "TAG002"
    name = "invalid-entity"
    category = "format"
    default_severity = Severity.MINOR
    family = "l10n"


@register
class ChangedLiteral(_L10nCheck):
    """A URL, e-mail address, file path or code span of the source is changed or missing.

    A link to the same host or an example path of the same shape (a deliberate localisation) is minor.
    A name or code with digits whose digits changed (``EPUB3`` -> ``EPUB5``, ``UTF-8`` -> ``UTF-6``) is one too.

    Bad:  source "See https://example.com/docs"  da "Se https://exampel.dk"
    Good: da "Se https://example.com/docs"
    """

    code = "URL001"
    name = "literal-changed"
    category = "entity"
    default_severity = Severity.MAJOR
    family = "l10n"


@register
class WrongPluralForms(_L10nCheck):
    """A translation's plural forms do not fit its language, or a form drops the count.

    Bad:  lt "{n, plural, one {# failas} other {# failų}}"  (Lithuanian needs 'few' too)
    Good: lt "{n, plural, one {# failas} few {# failai} other {# failų}}"
    """

    code = "PLU001"
    name = "plural-forms"
    category = "format"
    default_severity = Severity.MAJOR
    family = "l10n"


@register
class SameAsSource(_L10nCheck):
    """The translation is the source text unchanged.

    Entries that are only names, codes, placeholders or numbers are not reported; a short entry (one or two
    words, such as "Index", which German keeps) is reported at info, unless its words are names of the catalog
    (written capitalised inside its sentences and never in lower case).

    Bad:  source "Save changes before closing?"  da "Save changes before closing?"
    Good: source "PDF"  da "PDF"
    """

    code = "UNT001"
    name = "same-as-source"
    category = "language"
    default_severity = Severity.MINOR
    family = "l10n"


@register
class EmptyTranslation(_L10nCheck):
    """An entry's translation is empty, though the file does not call it untranslated.

    Bad:  source "Save changes?"  de "  "
    Good: de "Änderungen speichern?"
    """

    code = "EMP001"
    name = "empty-translation"
    category = "omission"
    default_severity = Severity.MINOR
    family = "l10n"


@register
class UnreviewedEntry(_L10nCheck):
    """The file marks the entry fuzzy or needing review.

    Bad:  #, fuzzy  msgstr "Gem ændringerne"
    Good: msgstr "Gem ændringerne" (reviewed)
    """

    code = "FUZ001"
    name = "unreviewed-entry"
    category = "document"
    default_severity = Severity.INFO
    family = "l10n"


@register
class WhitespaceDiffers(_L10nCheck):
    """Leading or trailing whitespace of the translation differs from the source's.

    Bad:  source "Name: "  da "Navn:"
    Good: da "Navn: "
    """

    code = "WSP001"
    name = "edge-whitespace"
    category = "format"
    default_severity = Severity.MINOR
    family = "l10n"


@register
class EndPunctuation(_L10nCheck):
    """The translation ends with other punctuation than the source (?, !, :, …).

    Not between equivalents ("." and "。", "?" and Greek ";"), nor for a full stop kept or dropped.

    Bad:  source "Delete this file?"  da "Slet denne fil."
    Good: da "Slet denne fil?"; el "Διαγραφή αυτού του αρχείου;"
    """

    code = "PUN001"
    name = "end-punctuation"
    category = "format"
    default_severity = Severity.MINOR
    family = "l10n"

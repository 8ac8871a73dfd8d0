"""Glossaries (termbases): TBX and CSV input, and morphology-tolerant term matching.

A glossary is a set of **concepts**; each concept has, per language, the **terms** that express
it, some of them **forbidden** variants (a term translators must not use for that concept, such
as Lithuanian ``vidutiniškai`` "on average" for "median"). :func:`load_glossary` reads one by
extension; :class:`TermMatcher` finds the terms of one language in text of that language.

TBX (``.tbx``, ``.xml``)
    ISO 30042 termbase exchange, TBX-Basic/TBX-Core style, read with lxml (no DTD, no entities,
    no network). Concepts are ``<termEntry>`` (TBX v2) or ``<conceptEntry>`` (v3), their ``id``
    the concept id; languages are ``<langSet xml:lang>`` or ``<langSec xml:lang>``; terms are
    ``<term>`` inside ``<tig>``, ``<ntig>`` or ``<termSec>``. A term is forbidden when its
    ``<termNote type="administrativeStatus">`` is ``deprecatedTerm-admn-sts`` or
    ``supersededTerm-admn-sts``, or its ``normativeAuthorization`` is ``deprecatedTerm`` or
    ``supersededTerm`` (``admittedTerm``, ``preferredTerm`` ... are allowed). ``partOfSpeech``
    ``properNoun`` or ``termType`` ``acronym``/``initialism`` make it a name. The first
    ``<descrip type="definition">`` or ``<note>`` of a concept is its note. Unknown elements are
    ignored; malformed XML is an :class:`~aligner.errors.InputError` naming the file and line.

CSV (``.csv``; ``.tsv`` is the same with tabs)
    UTF-8, one concept per row, a header row naming the columns::

        id,en,lt,da,tl,te,note
        median,median,mediana|medianinis|!vidutiniškai,median|!gennemsnitlig,median,మధ్యస్థ,salary statistic

    * a column per language, named by its code (``en``, ``lt``, ``pt-BR``; ISO 639-3 codes such
      as ``fil`` and ``tgl`` are read as ``tl``). ``id`` is the concept id column, so Indonesian
      is written ``id-ID``;
    * ``|`` separates the variants of a cell; a variant written with a leading ``!`` is
      **forbidden** for the concept (``median|!vidutiniškai``); ``\\|`` and a leading ``\\!`` are
      a literal ``|`` and ``!``;
    * optional ``id`` (or ``concept``): the concept id, else the English term, else the first term;
    * optional ``note``: free text shown in messages; optional ``kind``: ``name`` or ``term`` for
      every term of the row (else guessed per term, see below);
    * lines starting with ``#`` are comments; an unknown column is an error (a typo in a language
      code would otherwise silently drop a language).

Names and terms
    A term is a **name** (``kind="name"``) when it is an acronym (``BLS``, ``U.S.``) or several
    words whose long words are all capitalised (``U.S. Bureau of Labor Statistics``); otherwise a
    **term**. The kind decides how it is matched.

Matching (never a substring inside another word)
    Text and term are cut into words (letters, marks and digits; ``U.S.`` is one word); a term of
    several words matches consecutive words separated only by spaces or a hyphen.

    * **names**: each word exactly, case-sensitive (in a script without case the last word may
      carry a suffix, as below);
    * **acronyms** (all capitals) anywhere: exactly, case-sensitive, dots optional (``U.S.`` = ``US``);
    * words of up to three letters (one letter in an Indic script, where vowels are marks): exactly,
      ignoring case;
    * longer words, by the language of the text:

      - Danish, German, English, French, Dutch, Swedish, Norwegian, Finnish, Spanish, Italian,
        Portuguese, Romanian, Hungarian, Russian: equal Snowball stems (NLTK); in compounding
        languages (da, de, nl, sv, nb, nn, fi) the last word of a term may also be the head
        of a compound (``kundeservice`` in ``kundeserviceafdelingen``);
      - Lithuanian: the longest inflectional ending of a list (``-as``, ``-o``, ``-ų``,
        ``-iaus``, ``-uose``, definite ``-ieji``/``-ųjų`` ...) is cut, keeping three letters or
        more, then the derivational ``-išk``/``-in`` (keeping five), and the stems must be equal
        (``vidutiniškai`` = ``vidutinis``, ``mediana`` = ``medianinis``, ``klientų`` = ``kliento``);
      - Tagalog: the linker ``-ng``/``-g`` (``serbisyong`` = ``serbisyo``, ``relasyong`` =
        ``relasyon``), one prefix of ``pinaka-``, ``nakaka-``, ``pag-``, ``mag-``, ``nag-``,
        ``pang-``, ``maka-``, ``naka-``, ``ika-`` ... (keeping four letters) and a reduplicated
        first syllable (``pagbebenta`` = ``benta``) may be stripped; a word matches when the sets
        of its possible stems meet. Infixes (``-um-``, ``-in-``) are not undone: ``kinatawan``
        ("representative") would become ``katawan`` ("body");
      - Indic scripts (Telugu, Devanagari, ...): on the script itself, the word's final vowel sign
        is dropped and the text word must begin with the rest and continue with at most eight
        characters: vowel signs, then syllables starting with a consonant common in suffixes
        (``l n k g t p c d v m r y``): ``సేవా`` matches ``సేవకు``, ``విభాగం`` matches
        ``విభాగాన్ని``, but ``శాతం`` ("percent") does not match ``శాతాంశం`` ("percentile");
      - a Latin term word in a text of another romanisable script is compared on the
        transliteration (:func:`aligner.text.translit.transliterate`): equal, a prefix with at
        most four more letters, or a rapidfuzz ratio of 90 or more;
      - any other language: the text word must start with the term word less its last 0-3
        letters (none for words of five letters or fewer, one up to eight, two up to eleven,
        three beyond) and continue with at most four letters.
    * a term made only of symbols (``%``), or written in a script that does not separate words
      (Han, kana, Thai, Lao, Khmer, Myanmar, Tibetan), matches wherever it occurs.
"""

from __future__ import annotations

import csv
import io
import os
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from itertools import accumulate

import regex
from rapidfuzz import fuzz

from ..errors import InputError
from ..langid.codes import canonical
from ..text.acronyms import is_acronym
from ..text.tokens import TOKEN as _TOKEN
from ..text.tokens import TOKEN_ACRONYM_LETTERS, Token, fold, tokenize, word_set
from ..text.tokens import fold_cached as _fold
from ..text.tokens import shape as _shape
from ..text.tokens import token_at as _token
from ..text.translit import transliterate

__all__ = [
    "Concept",
    "Glossary",
    "NAME",
    "TERM",
    "Term",
    "TermMatch",
    "JoinedTexts",
    "TermMatcher",
    "Token",
    "fold",
    "guess_kind",
    "load_glossary",
    "non_overlapping",
    "parse_csv_glossary",
    "parse_tbx",
    "statistics_glossary",
    "tokenize",
    "word_set",
    "words_match",
]

#: ``Term.kind`` values.
NAME = "name"
TERM = "term"

# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Term:
    """One way of writing a concept in one language.

    ``forbidden`` marks a variant that must not be used for the concept; ``kind`` is
    ``"name"`` (matched exactly) or ``"term"`` (matched tolerating inflection).
    """

    text: str
    language: str
    forbidden: bool = False
    kind: str = TERM

    def to_dict(self) -> dict:
        return {"text": self.text, "language": self.language, "forbidden": self.forbidden, "kind": self.kind}


@dataclass(frozen=True)
class Concept:
    """A glossary entry: its id, its terms per language (ISO 639-1 code), and an optional note."""

    id: str
    terms: dict[str, tuple[Term, ...]] = field(hash=False)
    note: str = ""
    #: (forbidden?, language) -> terms: asked per unit and version, answered once
    _split: dict[tuple[bool, str], tuple[Term, ...]] = field(
        default_factory=dict, init=False, compare=False, hash=False, repr=False)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages that have at least one term, sorted."""
        return tuple(sorted(self.terms))

    def allowed(self, language: str | None) -> tuple[Term, ...]:
        """The terms of ``language`` that may be used for this concept."""
        return self._terms(False, language or "")

    def forbidden(self, language: str | None) -> tuple[Term, ...]:
        """The forbidden variants of ``language``."""
        return self._terms(True, language or "")

    def _terms(self, forbidden: bool, language: str) -> tuple[Term, ...]:
        found = self._split.get((forbidden, language))
        if found is None:
            found = self._split[(forbidden, language)] = tuple(
                t for t in self.terms.get(language, ()) if t.forbidden == forbidden)
        return found

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "note": self.note,
            "terms": {lang: [t.to_dict() for t in self.terms[lang]] for lang in self.languages},
        }


@dataclass(frozen=True)
class Glossary:
    """A termbase: concepts in file order and where they came from (a path or ``package:...``)."""

    concepts: tuple[Concept, ...]
    source: str = ""

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language with a term in some concept, sorted."""
        return tuple(sorted({lang for c in self.concepts for lang in c.terms}))

    def concept(self, concept_id: str) -> Concept:
        """The concept with ``concept_id`` (:class:`KeyError` naming it when there is none)."""
        for c in self.concepts:
            if c.id == concept_id:
                return c
        raise KeyError(f"no concept {concept_id!r} in {self.source or 'the glossary'}")

    def __len__(self) -> int:
        return len(self.concepts)

    def to_dict(self) -> dict:
        return {"source": self.source, "concepts": [c.to_dict() for c in self.concepts]}


# --------------------------------------------------------------------------- kinds and languages

_LANG_CODE = regex.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")
_GAP = regex.compile(r"^[\s\u00a0\u202f]*[-‐‑]?[\s\u00a0\u202f]*$")
#: Distinct words a matcher remembers before starting over (memory stays bounded on any corpus).
_MEMO_LIMIT = 200_000


def _language(code: str) -> str:
    """The label documents use for a glossary's language code (``en-US`` -> ``en``, ``fil`` -> ``tl``)."""
    return canonical(code)


def _is_acronym(word: str) -> bool:
    """An acronym of at most 8 letters (:func:`aligner.text.acronyms.is_acronym`)."""
    return is_acronym(word, TOKEN_ACRONYM_LETTERS)


def _cased(word: str) -> bool:
    return any(ch.isupper() or ch.islower() for ch in word)


def guess_kind(text: str) -> str:
    """``"name"`` for an acronym or capitalised words (``U.S. Bureau of Labor Statistics``), else ``"term"``."""
    words = [m.group() for m in _TOKEN.finditer(text)]
    if not words:
        return TERM
    if len(words) == 1:
        return NAME if _is_acronym(words[0]) else TERM
    if not all(_cased(w) for w in words):
        return TERM
    long_words = [w for w in words if len(w) >= 4 or _is_acronym(w)]
    if words[0][:1].isupper() and long_words and all(w[:1].isupper() for w in long_words):
        return NAME
    return TERM


def _split_variants(cell: str) -> list[tuple[str, bool]]:
    """``'median|!vidutiniškai'`` -> ``[('median', False), ('vidutiniškai', True)]`` (``\\|``, ``\\!`` literal)."""
    parts: list[str] = []
    buf: list[str] = []
    i = 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\" and i + 1 < len(cell) and cell[i + 1] in "|!":
            buf.append("\\" + cell[i + 1])
            i += 2
            continue
        if ch == "|":
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        i += 1
    parts.append("".join(buf))
    out: list[tuple[str, bool]] = []
    for part in parts:
        part = part.strip()
        forbidden = part.startswith("!")
        if forbidden:
            part = part[1:].strip()
        part = part.replace("\\|", "|").replace("\\!", "!")
        if part:
            out.append((unicodedata.normalize("NFC", part), forbidden))
    return out


def _concept(cid: str, terms: list[Term], note: str) -> Concept:
    by_lang: dict[str, list[Term]] = {}
    for t in terms:
        bucket = by_lang.setdefault(t.language, [])
        if not any(x.text == t.text for x in bucket):
            bucket.append(t)
    return Concept(cid, {lang: tuple(ts) for lang, ts in sorted(by_lang.items())}, note)


# --------------------------------------------------------------------------- CSV

_RESERVED = {"id": "id", "concept": "id", "note": "note", "kind": "kind"}


def parse_csv_glossary(text: str, source: str = "<csv>", delimiter: str | None = None) -> Glossary:
    """A :class:`Glossary` from the text of a CSV/TSV glossary (see the module docstring for the format)."""
    lines = [ln for ln in text.lstrip("\ufeff").splitlines() if not ln.lstrip().startswith("#")]
    lines = [ln for ln in lines if ln.strip()]
    if not lines:
        raise InputError(source, "the glossary is empty: expected a header row of language codes (e.g. id,en,lt)")
    if delimiter is None:
        header_line = lines[0]
        delimiter = max((",", ";", "\t"), key=header_line.count) if any(d in header_line for d in ",;\t") else ","
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    header = [h.strip() for h in rows[0]]
    columns: list[tuple[str, str]] = []  # (role, language or "")
    for h in header:
        low = h.lower()
        if low in _RESERVED:
            columns.append((_RESERVED[low], ""))
        elif _LANG_CODE.match(h):
            columns.append(("lang", _language(h)))
        else:
            raise InputError(source, f"unknown column {h!r} in the header: use language codes (en, lt, pt-BR) "
                                     "or id, concept, note, kind")
    if not any(role == "lang" for role, _ in columns):
        raise InputError(source, "the header names no language column (e.g. id,en,lt)")
    concepts: list[Concept] = []
    seen: set[str] = set()
    for n, row in enumerate(rows[1:], start=2):
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
            raise InputError(source, f"row {n} has {len(row)} cells but the header has {len(header)}")
        cid = note = ""
        kind: str | None = None
        terms: list[Term] = []
        for (role, _), cell in zip(columns, row):
            if role == "kind" and cell.strip():
                if cell.strip().lower() not in (NAME, TERM):
                    raise InputError(source, f"row {n}: kind must be 'name' or 'term', not {cell.strip()!r}")
                kind = cell.strip().lower()
        for (role, lang), cell in zip(columns, row):
            cell = cell.strip()
            if role == "id":
                cid = cid or cell
            elif role == "note":
                note = cell
            elif role == "lang":
                terms.extend(Term(t, lang, forbidden, kind or guess_kind(t)) for t, forbidden in _split_variants(cell))
        if not terms:
            continue
        if not cid:
            allowed = [t for t in terms if not t.forbidden] or terms
            cid = ([t for t in allowed if t.language == "en"] or allowed)[0].text
            base, k = cid, 2
            while cid in seen:
                cid, k = f"{base}-{k}", k + 1
        elif cid in seen:
            raise InputError(source, f"row {n}: concept id {cid!r} is used twice")
        seen.add(cid)
        concepts.append(_concept(cid, terms, note))
    if not concepts:
        raise InputError(source, "the glossary has a header but no terms")
    return Glossary(tuple(concepts), source)


# --------------------------------------------------------------------------- TBX

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_FORBIDDEN_STATUS = {"deprecatedterm-admn-sts", "supersededterm-admn-sts", "deprecatedterm", "supersededterm",
                     "deprecated", "superseded", "forbidden", "forbiddenterm", "rejected"}
_NAME_POS = {"propernoun", "proper noun", "proper-noun", "propn"}
_NAME_TYPES = {"acronym", "initialism"}


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_tbx(data: bytes, source: str = "<tbx>") -> Glossary:
    """A :class:`Glossary` from the bytes of a TBX file (TBX-Basic/Core, v2 ``martif`` or v3 ``tbx``)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True,
                             remove_pis=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        line = f" at line {err.lineno}" if getattr(err, "lineno", None) else ""
        raise InputError(source, f"malformed TBX/XML{line}: {err.msg}") from None
    if _local(root.tag) not in ("tbx", "martif"):
        raise InputError(source, f"not a TBX file: the root element is <{_local(root.tag)}>, "
                                 "expected <tbx> or <martif>")
    concepts: list[Concept] = []
    seen: set[str] = set()
    for n, entry in enumerate((el for el in root.iter() if _local(el.tag) in ("termEntry", "conceptEntry")), 1):
        cid = (entry.get("id") or "").strip() or f"c{n}"
        if cid in seen:
            raise InputError(source, f"concept id {cid!r} is used twice (line {entry.sourceline})")
        seen.add(cid)
        note = ""
        terms: list[Term] = []
        for child in entry.iter():
            name = _local(child.tag)
            if not note and (name == "note" or (name == "descrip" and (child.get("type") or "") == "definition")):
                note = " ".join("".join(child.itertext()).split())
            if name not in ("langSet", "langSec"):
                continue
            code = child.get(_XML_LANG) or child.get("lang") or ""
            if not code.strip():
                raise InputError(source, f"<{name}> at line {child.sourceline} has no xml:lang")
            lang = _language(code)
            for holder in (el for el in child.iter() if _local(el.tag) in ("tig", "ntig", "termSec")):
                terms.extend(_tbx_terms(holder, lang))
        if terms:
            concepts.append(_concept(cid, terms, note))
    if not concepts:
        raise InputError(source, "no concepts with terms found (expected <termEntry> or <conceptEntry> with <term>)")
    return Glossary(tuple(concepts), source)


def _tbx_terms(holder, lang: str) -> list[Term]:  # noqa: ANN001 - an lxml element
    texts: list[str] = []
    forbidden = False
    kind: str | None = None
    for el in holder.iter():
        name = _local(el.tag)
        if name == "term":
            text = " ".join("".join(el.itertext()).split())
            if text:
                texts.append(unicodedata.normalize("NFC", text))
        elif name in ("termNote", "descrip", "admin"):
            kind_attr = (el.get("type") or "").strip()
            value = " ".join("".join(el.itertext()).split()).lower()
            if kind_attr in ("administrativeStatus", "normativeAuthorization") and value in _FORBIDDEN_STATUS:
                forbidden = True
            elif kind_attr == "partOfSpeech" and value in _NAME_POS:
                kind = NAME
            elif kind_attr == "termType" and value in _NAME_TYPES:
                kind = NAME
        elif name in ("administrativeStatus", "normativeAuthorization"):  # TBX v3 DCT style
            if " ".join("".join(el.itertext()).split()).lower() in _FORBIDDEN_STATUS:
                forbidden = True
    return [Term(t, lang, forbidden, kind or guess_kind(t)) for t in texts]


# --------------------------------------------------------------------------- loading


def load_glossary(path: str | os.PathLike[str]) -> Glossary:
    """Read a glossary file by its extension: ``.tbx``/``.xml`` (TBX) or ``.csv``/``.tsv``.

    Raises :class:`~aligner.errors.InputError` naming the file when it cannot be used.
    """
    name = os.fspath(path)
    ext = os.path.splitext(name)[1].lower()
    if ext not in (".tbx", ".xml", ".csv", ".tsv"):
        raise InputError(name, f"unknown glossary format {ext or '(no extension)'!r}: use .tbx/.xml (TBX) or .csv/.tsv")
    try:
        with open(name, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise InputError(name, "no such glossary file") from None
    except OSError as err:
        raise InputError(name, f"cannot read the glossary: {err.strerror or err}") from None
    if ext in (".tbx", ".xml"):
        return parse_tbx(data, name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(name, f"not UTF-8 (byte {err.start}): save the glossary as UTF-8") from None
    return parse_csv_glossary(text, name, "\t" if ext == ".tsv" else None)


@lru_cache(maxsize=1)
def statistics_glossary() -> Glossary:
    """The built-in multilingual statistics words (``aligner/facts/data/statistics.csv``), always on."""
    text = resources.files("aligner.facts").joinpath("data").joinpath("statistics.csv").read_text("utf-8")
    return parse_csv_glossary(text, "package:aligner/facts/data/statistics.csv")


# --------------------------------------------------------------------------- morphology

_SNOWBALL = {
    "da": "danish", "nl": "dutch", "en": "english", "fi": "finnish", "fr": "french", "de": "german",
    "hu": "hungarian", "it": "italian", "nb": "norwegian", "nn": "norwegian", "no": "norwegian",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "es": "spanish", "sv": "swedish",
}
_COMPOUNDING = frozenset({"da", "de", "nl", "sv", "nb", "nn", "no", "fi", "is"})
_LT_ENDINGS = tuple(sorted({
    "a", "ą", "e", "ę", "ė", "i", "į", "o", "u", "ų", "ū", "y",
    "as", "is", "ys", "us", "os", "ės", "ai", "ei", "ui", "ių", "ią", "ię", "io", "iu", "ia", "ie", "ti", "am",
    "ams", "oms", "ėms", "ims", "ums", "ais", "ose", "ėse", "yse", "oje", "ėje", "yje", "uje", "iai", "iui",
    "aus", "ius", "ies", "ija", "iją", "ijų", "ame", "iam", "oji", "ojo", "ąjį", "ųjų", "ąją", "ąja",
    "uose", "ioje", "iais", "omis", "ėmis", "imis", "umis", "iaus", "iams", "iems", "ijos", "ijai", "ijas",
    "asis", "ajam", "ieji", "ajai", "iame", "uoju",
    "iuose", "iomis", "ijoje", "ijose", "ijoms", "osios", "iasis", "iojo", "iajam", "ąsias", "iųjų", "ojoje",
    "ajame", "ijomis", "uosius", "iesiems",
}, key=len, reverse=True))
_LT_DERIVATIONS = ("išk", "in")
_TL_PREFIXES = tuple(sorted({
    "pinaka", "nakaka", "makapag", "nakapag", "pakiki", "pagka", "pagpa", "ipag", "mapag", "mapang", "mag", "nag",
    "pag", "pang", "maka", "naka", "ika", "taga",
}, key=len, reverse=True))
_VOWELS = frozenset("aeiouy")
_INDIC_SCRIPTS = frozenset({"Deva", "Beng", "Guru", "Gujr", "Orya", "Taml", "Telu", "Knda", "Mlym", "Sinh"})
_SUFFIX_INITIALS = frozenset("lnkgtpcdvmry")
#: Scripts written without spaces between words: terms are found as substrings there.
_UNSPACED_SCRIPTS = frozenset({"Hani", "Hira", "Kana", "Jpan", "Thai", "Laoo", "Khmr", "Mymr", "Tibt"})


@lru_cache(maxsize=32)
def _snowball(language: str):  # noqa: ANN202 - an NLTK stemmer
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer(_SNOWBALL[language])


def _lt_stem(word: str) -> str:
    for ending in _LT_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            break
    for _ in range(2):
        for d in _LT_DERIVATIONS:
            if word.endswith(d) and len(word) - len(d) >= 5:
                word = word[: -len(d)]
                break
        else:
            break
    return word


def _tl_unredup(word: str) -> str:
    if len(word) >= 6 and word[:2] == word[2:4] and word[1] in _VOWELS and word[0] not in _VOWELS:
        return word[2:]
    return word


def _tl_stems(word: str) -> frozenset[str]:
    forms = {word}
    if word.endswith("ng") and len(word) >= 6 and word[-3] in _VOWELS:
        forms |= {word[:-2], word[:-1]}  # serbisyo+ng, relasyon+g
    for f in list(forms):
        g = f
        for p in _TL_PREFIXES:
            if f.startswith(p) and len(f) - len(p) >= 4:
                g = f[len(p):]
                break
        forms.add(_tl_unredup(g))
        forms.add(_tl_unredup(f))
    return frozenset(f for f in forms if len(f) >= 3)


@lru_cache(maxsize=65536)
def _stems(folded: str, language: str | None) -> frozenset[str]:
    """The possible stems of a lower-case word in ``language`` (one for most languages)."""
    if language in _SNOWBALL:
        return frozenset({_snowball(language).stem(folded)})
    if language == "lt":
        return frozenset({_lt_stem(folded)})
    if language == "tl":
        return _tl_stems(folded)
    return frozenset({folded})


@lru_cache(maxsize=4096)
def _romanised_initial(ch: str) -> str:
    return transliterate(ch)[:1]


@lru_cache(maxsize=65536)
def _translit(surface: str) -> str:
    return transliterate(surface)


# Token, fold, tokenize and word_set live in :mod:`aligner.text.tokens` (imported above, and
# re-exported here: ``checks`` and the names analysis import them from this module).


@lru_cache(maxsize=4096)
def _word_set(text: str) -> frozenset[str]:
    # memoised for short texts: the matchers that screen one text in turn share it
    return word_set(text)


def _indic_suffix_match(term: str, word: str) -> bool:
    base = term
    if len(base) > 2 and unicodedata.category(base[-1]).startswith("M"):
        base = base[:-1]
    if not word.startswith(base):
        return False
    rest = word[len(base):]
    if not rest:
        return True
    if len(rest) > 8:
        return False
    i = 0
    while i < len(rest) and unicodedata.category(rest[i]).startswith("M"):
        i += 1
    if i > 3:
        return False
    while i < len(rest):
        if _romanised_initial(rest[i]) not in _SUFFIX_INITIALS:
            return False
        i += 1
        while i < len(rest) and unicodedata.category(rest[i]).startswith("M"):
            i += 1
    return True


def _fallback_match(term: str, word: str) -> bool:
    n = len(term)
    need = n if n <= 5 else n - 1 if n <= 8 else n - 2 if n <= 11 else n - 3
    common = len(os.path.commonprefix([term, word]))
    return common >= max(4, need) and len(word) - common <= 4


def _translit_match(term: Token, word: Token) -> bool:
    a, b = _translit(term.text), _translit(word.text)
    if len(a) < 3 or not b:
        return False
    if a == b or (len(a) >= 4 and b.startswith(a) and len(b) - len(a) <= 4):
        return True
    return len(a) >= 5 and fuzz.ratio(a, b) >= 90


def words_match(term: Token, word: Token, language: str | None, *, kind: str = TERM, last: bool = True,
                morphology: bool = True) -> bool:
    """Whether text ``word`` is a form of term word ``term`` in ``language`` (see the module docstring).

    ``last`` says the term word ends its term (it may then head a compound); ``morphology=False``
    compares folded forms only (acronyms still case-sensitively).
    """
    if term.acronym:
        return word.text.replace(".", "") == term.text.replace(".", "")
    if kind == NAME and term.script != "Zyyy" and _cased(term.text):
        return word.text == term.text
    if word.folded == term.folded:
        return True
    if not morphology:
        return False
    letters = term.letters
    if term.script in _INDIC_SCRIPTS and term.script == word.script:
        # an aksara carries its vowel as a mark: two consonants already make a word worth inflecting
        return letters >= 2 and _indic_suffix_match(term.folded, word.folded)
    if letters < 4:
        return False
    if term.script != word.script:
        if term.script == "Latn" and word.script != "Latn":
            return _translit_match(term, word)
        return False
    if kind == NAME:
        return False
    if language in _SNOWBALL or language in ("lt", "tl"):
        ts, ws = _stems(term.folded, language), _stems(word.folded, language)
        if ts & ws:
            return True
        if last and language in _COMPOUNDING:
            head = min(ts, key=len)
            return len(head) >= 4 and word.folded.startswith(head) and len(word.folded) - len(head) >= 3
        return False
    return _fallback_match(term.folded, word.folded)


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class TermMatch:
    """A term found in a text: the term, its concept id, the character span and the surface."""

    term: Term
    concept: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"concept": self.concept, "term": self.term.text, "language": self.term.language,
                "forbidden": self.term.forbidden, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class _Entry:
    concept: str
    term: Term
    words: tuple[Token, ...]
    symbols: str = ""
    order: int = 0


def _length(entry: _Entry) -> int:
    return len(entry.words)


def _buckets(tok: Token, language: str | None, transliteration: bool, morphology: bool = True) -> frozenset[str]:
    # without morphology a word matches only its own folded form: its stems are not worth computing
    return _bucket_keys(tok.folded, tok.acronym, tok.script, language if morphology else None, transliteration)


@lru_cache(maxsize=1 << 16)
def _bucket_keys(folded: str, acronym: bool, script: str, language: str | None,
                 transliteration: bool) -> frozenset[str]:
    """Index keys of a text word (memoised: the same words recur throughout a document)."""
    # A text word is looked up under the first two and three letters of its form and stems; terms are
    # indexed under three (two when shorter), so a term's entry is met only by words that can match it.
    keys = {folded[:2], folded[:3]}
    if not acronym:
        for stem in _stems(folded, language):
            keys.add(stem[:2])
            keys.add(stem[:3])
    if transliteration and script not in ("Latn", "Zyyy"):
        keys.add("~")  # non-Latin text words may match a Latin term through transliteration
    return frozenset(keys)


class JoinedTexts:
    """Texts joined by line breaks, to be read as one string in C; a position in it names its text.

    No word, chunk, term or name key spans a line break, so whatever is found in :attr:`joined`
    lies in one text: :meth:`index_at` says which. Several matchers screen one document through
    one of these (:meth:`TermMatcher.screen`), so it is joined and cut once.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        """``texts``: the segment texts, in order (their indices are what :meth:`index_at` returns)."""
        self.texts = texts
        self.joined = "\n".join(texts)

    @cached_property
    def chunks(self) -> frozenset[str]:
        """The distinct white-space-delimited chunks of the texts (no word spans white space)."""
        return frozenset(self.joined.split())

    @cached_property
    def starts(self) -> list[int]:
        """Where each text starts in :attr:`joined`."""
        return list(accumulate((len(t) + 1 for t in self.texts[:-1]), initial=0))

    def index_at(self, pos: int) -> int:
        """The index of the text that holds position ``pos`` of :attr:`joined`."""
        return bisect_right(self.starts, pos) - 1


class TermMatcher:
    """Finds given terms in texts of one ``language`` (``None``: no morphology, folded forms only).

    Build it once per language and reuse it; :meth:`find` returns every match, overlapping ones
    included, sorted by position (longest first at one position).
    """

    def __init__(self, entries: Iterable[tuple[str, Term]], language: str | None, *, morphology: bool = True,
                 transliteration: bool = True) -> None:
        """``entries``: (concept id, term) pairs; ``transliteration``: let Latin terms match words of other scripts."""
        self.language = language
        self.morphology = morphology
        self.transliteration = transliteration and morphology
        self._index: dict[str, list[_Entry]] = {}
        self._screen_index: dict[str, list[tuple[_Entry, int]]] = {}
        self._screen_folded: set[str] = set()  # without morphology a word matches only its folded form
        self._symbols: list[_Entry] = []
        for order, (concept, term) in enumerate(entries):
            words = tuple(tokenize(term.text))
            if not words or any(w.script in _UNSPACED_SCRIPTS for w in words):
                literal = "".join(term.text.split()) if not words else term.text
                if literal:
                    self._symbols.append(_Entry(concept, term, (), literal, order))
                continue
            entry = _Entry(concept, term, words, "", order)
            for key in self._keys(words[0]):
                self._index.setdefault(key, []).append(entry)
            # The screen needs one word of each term in a text; the longest is the least common
            # ("sa karaniwan" is screened on "karaniwan", not on the preposition "sa").
            j = max(range(len(words)), key=lambda i: (len(words[i].folded), -i))
            for key in self._keys(words[j]):
                self._screen_index.setdefault(key, []).append((entry, j))
            self._screen_folded.add(words[j].folded)
        # Per text word (its surface): the entries whose first word it matches (for find), and whether it
        # matches the screen word of some entry. Most words of a text match nothing, and the same words
        # recur, so texts are first screened in C (regex findall and set operations) against the memo,
        # and only texts holding a screen word are matched in full.
        self._first: dict[str, tuple[_Entry, ...]] = {}
        self._starters: set[str] = set()  # the words of _first that start some entry
        self._screened: dict[str, bool] = {}
        self._screen_words: set[str] = set()
        self._chunks: dict[str, bool] = {}  # the same, for the white-space-delimited chunks screen() reads
        self._screen_chunks: set[str] = set()

    def _keys(self, word: Token) -> set[str]:
        """Index keys of a term word: its first three letters and its stems' (``~``: may be transliterated)."""
        keys = {word.folded[:3]}
        if not word.acronym:
            keys |= {s[:3] for s in _stems(word.folded, self.language)}
        if word.script == "Latn" and self.transliteration:
            keys.add("~")
        return keys

    @classmethod
    def for_glossary(cls, glossary: Glossary, language: str | None, *, forbidden: bool = True,
                     morphology: bool = True) -> TermMatcher:
        """A matcher of the terms ``glossary`` has in ``language`` (with its forbidden variants unless told)."""
        entries = [(c.id, t) for c in glossary.concepts for t in c.terms.get(language or "", ())
                   if forbidden or not t.forbidden]
        return cls(entries, language, morphology=morphology)

    def __bool__(self) -> bool:
        return bool(self._index or self._symbols)

    def find(self, text: str, tokens: Sequence[Token] | None = None, *, screened: bool = False) -> list[TermMatch]:
        """Every match of the terms in ``text`` (``tokens``: :func:`tokenize` of ``text``, if already made).

        ``screened``: ``text`` is one :meth:`screen` named, so the quick screen is not run again.
        """
        found: list[tuple[TermMatch, int]] = []
        if screened or self.may_match(text):
            # Most words start no term: the words are read as strings in C, new ones are judged once,
            # and only where a word starts a term are the words from there on made into tokens.
            words = [t.text for t in tokens] if tokens is not None else _TOKEN.findall(text)
            for word in set(words).difference(self._first):
                self._starting(_token(word, 0))
            starters = self._starters
            at_starts = [] if starters.isdisjoint(words) else [i for i, w in enumerate(words) if w in starters]
            spans: list | None = None
            for i in at_starts:
                starting = self._first[words[i]]
                if tokens is not None:
                    toks, at = tokens, i
                else:
                    if spans is None:
                        spans = list(_TOKEN.finditer(text))  # the same words as findall, with their spans
                    toks, at = [_token(m.group(), m.start()) for m in spans[i:i + max(map(_length, starting))]], 0
                tok = toks[at]
                for entry in starting:
                    end = self._match_at(entry, toks, at, text)
                    if end is not None:
                        found.append((TermMatch(entry.term, entry.concept, tok.start, end, text[tok.start:end]),
                                      entry.order))
        for entry in self._symbols:
            pos = text.find(entry.symbols)
            while pos >= 0:
                found.append((TermMatch(entry.term, entry.concept, pos, pos + len(entry.symbols), entry.symbols),
                              entry.order))
                pos = text.find(entry.symbols, pos + len(entry.symbols))
        if len(found) < 2:  # (most texts: one match or none, nothing to order or merge)
            return [m for m, _ in found]
        # one match per span and concept: the term written as found, else the first listed
        found.sort(key=lambda x: (x[0].start, -(x[0].end - x[0].start), x[0].concept,
                                  _fold(x[0].text) != _fold(x[0].term.text), x[1]))
        out: list[TermMatch] = []
        for m, _ in found:
            if not out or (m.start, m.end, m.concept) != (out[-1].start, out[-1].end, out[-1].concept):
                out.append(m)
        return out

    def may_match(self, text: str) -> bool:
        """Whether :meth:`find` may find something in ``text`` (a quick screen: ``False`` means no match)."""
        if self._symbols and any(e.symbols in text for e in self._symbols):
            return True
        if not self._index:
            return False
        words = _word_set(text)
        self._learn(words)
        return not self._screen_words.isdisjoint(words)

    def screen(self, texts: Sequence[str] | JoinedTexts) -> set[int]:
        """The indices of ``texts`` in which :meth:`find` may find something (a superset; the rest find nothing).

        One pass over all the texts at once, in C: they are cut at white space (no word spans it), each
        new chunk is judged once by its words, and only the texts holding a chunk with a word of some
        term (or a symbol term) are named. Pass a :class:`JoinedTexts` to screen one set of texts
        with several matchers (it is cut once).
        """
        prepared = texts if isinstance(texts, JoinedTexts) else JoinedTexts(texts)
        texts = prepared.texts
        out = {i for i, t in enumerate(texts) for e in self._symbols if e.symbols in t} if self._symbols else set()
        if not self._index or not texts:
            return out
        chunks = prepared.chunks
        new = chunks.difference(self._chunks)
        if len(self._chunks) + len(new) > _MEMO_LIMIT:
            self._chunks.clear()
            self._screen_chunks.clear()
            new = chunks
        if new:
            self._judge_chunks(new)
        present = self._screen_chunks.intersection(chunks)
        joined = prepared.joined
        for chunk in present:  # every occurrence (inside longer chunks too: a superset)
            pos = joined.find(chunk)
            while pos >= 0:
                out.add(prepared.index_at(pos))
                pos = joined.find(chunk, pos + 1)
        return out

    def _judge_chunks(self, new: AbstractSet[str]) -> None:
        """Remember for each new chunk whether it holds a screen word, in bulk.

        The words of all the chunks are read at once (no word spans the space that joins them) and
        learnt; only the chunks that contain a screen word of theirs as a substring are cut into words.
        """
        ordered = list(new)
        text = JoinedTexts(ordered)
        words = frozenset(_TOKEN.findall(text.joined))
        self._learn(words)
        self._chunks.update(dict.fromkeys(ordered, False))
        found = self._screen_words.intersection(words)
        candidates: set[int] = set()
        for word in found:
            pos = text.joined.find(word)
            while pos >= 0:
                candidates.add(text.index_at(pos))
                pos = text.joined.find(word, pos + 1)
        for i in candidates:
            chunk = ordered[i]
            if not self._screen_words.isdisjoint(_word_set(chunk)):
                self._chunks[chunk] = True
                self._screen_chunks.add(chunk)

    def _learn(self, words: AbstractSet[str]) -> None:
        """Judge every word not seen before: does it match the screen word of some entry."""
        new = words.difference(self._screened)
        if len(self._screened) + len(new) > _MEMO_LIMIT:  # bounded memory on corpora with huge vocabularies
            self._screened.clear()
            self._screen_words.clear()
            self._first.clear()
            self._starters.clear()
            new = set(words)
        index = self._screen_index
        for word in new:
            hit = False
            if not self.morphology:
                hit = _shape(word)[0] in self._screen_folded
            elif not _unindexed_number(word, index):
                tok = _token(word, 0)
                hit = any(words_match(entry.words[j], tok, self.language, kind=entry.term.kind,
                                      last=j == len(entry.words) - 1, morphology=self.morphology)
                          for key in _buckets(tok, self.language, self.transliteration, self.morphology)
                          for entry, j in index.get(key, ()))
            self._screened[word] = hit
            if hit:
                self._screen_words.add(word)

    def _starting(self, tok: Token) -> tuple[_Entry, ...]:
        """The entries whose first word ``tok`` matches (memoised by surface: the match depends on nothing else)."""
        hit = self._first.get(tok.text)
        if hit is not None:
            return hit
        if _unindexed_number(tok.text, self._index):
            self._first[tok.text] = ()
            return ()
        seen: set[int] = set()
        out: list[_Entry] = []
        for key in sorted(_buckets(tok, self.language, self.transliteration, self.morphology)):
            for entry in self._index.get(key, ()):
                if id(entry) in seen:
                    continue
                seen.add(id(entry))
                if words_match(entry.words[0], tok, self.language, kind=entry.term.kind,
                               last=len(entry.words) == 1, morphology=self.morphology):
                    out.append(entry)
        hit = tuple(out)
        self._first[tok.text] = hit
        if hit:
            self._starters.add(tok.text)
        return hit

    def _match_at(self, entry: _Entry, toks: Sequence[Token], i: int, text: str) -> int | None:
        n = len(entry.words)
        if i + n > len(toks):
            return None
        for j, word in enumerate(entry.words):
            tok = toks[i + j]
            if j and not _GAP.match(text[toks[i + j - 1].end:tok.start]):
                return None
            if not words_match(word, tok, self.language, kind=entry.term.kind, last=j == n - 1,
                               morphology=self.morphology):
                return None
        end = toks[i + n - 1].end
        if entry.term.text.endswith(".") and text[end:end + 1] == ".":
            end += 1  # an abbreviation keeps its dot ("proc.", "mln.")
        return end


def _unindexed_number(word: str, index: Mapping[str, object]) -> bool:
    """A number with no entry under its first digits, which therefore matches no term word.

    Numbers are new in nearly every text, so they are not judged one by one: a number's folded form
    and stems are its digits, so its index keys are its first two and three digits.
    """
    return word.isdigit() and word[:2] not in index and word[:3] not in index


def non_overlapping(matches: Iterable[TermMatch]) -> list[TermMatch]:
    """Matches that do not overlap, earliest and longest first (to count occurrences)."""
    out: list[TermMatch] = []
    for m in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if not out or m.start >= out[-1].end:
            out.append(m)
    return out


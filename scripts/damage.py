"""Damage sets for ``aligner check``: one known damage in one version per case, deterministic from a seed.

A *group* is a set of versions of one text whose sentence alignment is known by construction:
the four seed versions of ``corpora/seeds`` (000 lt, 001 da, 002 tl, 004 te, with the hand-made
gold of ``corpora/gold``) and the parallel texts of ``corpora/bench/texts/*.tsv`` (written for this
benchmark, see ``corpora/bench/README.md``). A *case* is a group with exactly one damage applied to
exactly one version, recorded with the damaged file, the damage type, the 1-based line, the aligned
unit and the codes ``aligner check`` should report:

=================  =========================================================  ==================
damage             what is done                                               expected code
=================  =========================================================  ==================
``value``          one digit of a number changed (not a year)                 NUM002
``swap_digits``    two adjacent different digits swapped (not a year)         NUM002
``year``           a year moved by 1-3                                        NUM002
``drop_number``    a number removed                                           NUM001
``dup_number``     a number repeated (``X w`` -> ``X w X w``)                 NUM003
``drop_sentence``  a sentence removed (its line keeps other sentences)        OMI001
``dup_sentence``   a sentence repeated right after itself                     DUP001
``insert_english`` an English sentence inserted into a non-English version   LNG001 or ADD001
``format_only``    a number re-written in another convention, same value      none of major+
``number_words``   a digit number written in words in the version's language  none of major+
``changed_words``  a digit number written in words with another value         NUM002 (or NUM001)
``split_sentence`` a sentence split in two at a comma                         none of major+
``join_sentences`` two sentences of one paragraph joined with ``,`` or ``;``  none of major+
``drop_joined``    a sentence removed and its neighbours joined (or one split) OMI001
=================  =========================================================  ==================

The first nine are what machine translation does; the last five are what a human translator does.
``format_only``, ``number_words``, ``split_sentence`` and ``join_sentences`` are *controls*
(:data:`CONTROLS`): a true translation may do them, so a checker should stay quiet. Numbers are
spelled with CLDR's rule-based number format (``unicode_rbnf``, the plain cardinal ruleset); Telugu,
which CLDR lacks, gets no word-number cases (aligner's own Telugu table would test the reader against
itself). Only integers that are not years nor ordinals (``14. März``) are spelled, 1-100 (``small``)
and 101-999,999 (``large``).

Every edit stays inside its line, so line numbers of the rest of the file do not move and the
findings of the clean group (the seeds' own real damage) can be subtracted by (file, code, line).
A number damage is only applied where it moves the version *away* from the others (the seeds
already repeat and drop values; dropping the Lithuanian duplicate would repair the text, not damage it).

Pure core (``load_groups``, ``make_cases``) and I/O at the edges (``write_cases``, ``main``)::

    python scripts/damage.py [--seed 20261123] [--per-type 40] [--out /tmp/aligner-damage]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpora" / "seeds"
GOLD = ROOT / "corpora" / "gold"
BENCH_TEXTS = ROOT / "corpora" / "bench" / "texts"

#: The documented default seed of the damage set.
DEFAULT_SEED = 20261123
#: Cases per damage type by default (the format-only control gets twice as many).
DEFAULT_PER_TYPE = 40

#: The seed versions of one article, by file stem, with their languages (003 is another article).
SEED_VERSIONS = {
    "000_f8214269fd0884a9": "lt",
    "001_f556afaa5fda8b7f": "da",
    "002_7405d99d0319b2f2": "tl",
    "004_28bf82238f2b8943": "te",
}
#: Bench texts: whether blocks are separated by blank lines, and the pivot languages for pair-wise peers.
BENCH_LAYOUT = {
    "harbour": {"blank_lines": False, "pivots": ("en", "de")},
    "museum": {"blank_lines": True, "pivots": ("nl", "it")},
}
#: Pivot files of the seed group for pair-wise peers (Danish, else Tagalog: both have right numbers).
SEED_PIVOTS = ("001_f556afaa5fda8b7f.txt", "002_7405d99d0319b2f2.txt")

DAMAGES = ("value", "swap_digits", "year", "drop_number", "dup_number", "drop_sentence", "dup_sentence",
           "insert_english", "format_only",
           # what real (human) translation does; appended so that the ids of the cases above do not move
           "number_words", "changed_words", "split_sentence", "join_sentences", "drop_joined")
#: Changes a true translation may make: a checker should give no new finding of severity major or worse.
CONTROLS = ("format_only", "number_words", "split_sentence", "join_sentences")
#: What ``aligner check`` should say (expected) and what still counts as found (accepted), per damage.
EXPECTED: dict[str, tuple[str, ...]] = {
    "value": ("NUM002",), "swap_digits": ("NUM002",), "year": ("NUM002",),
    "drop_number": ("NUM001",), "dup_number": ("NUM003",),
    "drop_sentence": ("OMI001",), "dup_sentence": ("DUP001",),
    "insert_english": ("LNG001", "ADD001"), "format_only": (),
    "number_words": (), "changed_words": ("NUM002",), "split_sentence": (), "join_sentences": (),
    "drop_joined": ("OMI001",),
}
ACCEPTED: dict[str, tuple[str, ...]] = {
    "value": ("NUM002", "NUM001", "NUM004"), "swap_digits": ("NUM002", "NUM001", "NUM004"),
    "year": ("NUM002", "NUM001", "NUM004"), "drop_number": ("NUM001", "NUM002"),
    "dup_number": ("NUM003", "NUM004"), "drop_sentence": ("OMI001", "NUM001"),
    "dup_sentence": ("DUP001", "NUM003"), "insert_english": ("LNG001", "ADD001", "LNG002"), "format_only": (),
    "number_words": (), "changed_words": ("NUM002", "NUM001"), "split_sentence": (), "join_sentences": (),
    "drop_joined": ("OMI001", "NUM001"),
}

#: Digit grouping characters and the decimal mark each language writes (CLDR, as Babel has it).
CONVENTIONS: dict[str, tuple[str, str]] = {
    "en": (",", "."), "tl": (",", "."), "te": (",", "."),
    "da": (".", ","), "de": (".", ","), "es": (".", ","), "it": (".", ","), "nl": (".", ","), "pt": (".", ","),
    "lt": (" \u00a0\u202f", ","), "fr": ("\u202f\u00a0 ", ","), "sv": ("\u00a0 \u202f", ","),
}
#: Separators a number may be grouped with, in any language.
_GROUP = ".,\u00a0\u202f "
NUMBER = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?!\w)(?![.,]\d)"
)
_WORD_AFTER = re.compile(r"\s+([^\W\d_][\w'’-]*)")

#: Untranslated English left in a version (no digits, so only the language checks can see them).
ENGLISH = (
    "Please contact our support team if you have any further questions about this topic.",
    "The opinions expressed in this article are those of the author and not of the publisher.",
    "Share this story with your friends and colleagues on social media.",
    "Further details will be announced on our website in the coming weeks.",
    "This page was reviewed by our editorial team and updated with the latest information.",
    "Subscribe to our newsletter to receive the most important news every week.",
    "All rights reserved, and no part of this text may be reproduced without permission.",
    "We use cookies to give you the best possible experience on our website.",
)


@dataclass(frozen=True)
class Piece:
    """One segment of a version: the aligned unit it belongs to (gold), its kind and text."""

    unit: str
    kind: str
    text: str


@dataclass(frozen=True)
class Version:
    """One file of a group: lines of pieces (an empty tuple is a blank line), joined with single spaces."""

    name: str
    language: str
    lines: tuple[tuple[Piece, ...], ...]
    final_newline: bool = True

    def render(self) -> str:
        """The file's text."""
        body = "\n".join(" ".join(p.text for p in line) for line in self.lines)
        return body + ("\n" if self.final_newline else "")

    def unit_texts(self) -> dict[str, list[tuple[int, str]]]:
        """Gold unit id -> [(1-based line, text)] of this version's pieces, in order."""
        out: dict[str, list[tuple[int, str]]] = {}
        for i, line in enumerate(self.lines):
            for p in line:
                out.setdefault(p.unit, []).append((i + 1, p.text))
        return out


@dataclass(frozen=True)
class Group:
    """Versions of one text; ``pivots`` are the file names pair-wise peers take as source, in preference order."""

    name: str
    versions: tuple[Version, ...]
    pivots: tuple[str, ...]
    units: tuple[str, ...]


@dataclass(frozen=True)
class Case:
    """One damage in one version of one group, with where it is and what should be reported."""

    id: str
    group: str
    damage: str
    variant: str
    file: str
    language: str
    line: int
    lines: tuple[int, ...]
    unit: str
    expected: tuple[str, ...]
    accepted: tuple[str, ...]
    before: str
    after: str
    versions: tuple[Version, ...] = field(repr=False, compare=False, default=())
    pivots: tuple[str, ...] = field(repr=False, default=())

    @property
    def pivot(self) -> str:
        """The undamaged file pair-wise peers compare every other version with (the group's first pivot
        that is not the damaged file)."""
        return next(p for p in (*self.pivots, *(v.name for v in self.versions)) if p != self.file)

    def to_dict(self) -> dict:
        return {
            "id": self.id, "group": self.group, "damage": self.damage, "variant": self.variant,
            "file": self.file, "language": self.language, "line": self.line, "lines": list(self.lines),
            "unit": self.unit, "expected": list(self.expected), "accepted": list(self.accepted),
            "before": self.before, "after": self.after, "pivot": self.pivot,
        }



# ---------------------------------------------------------------------------------------------
# Groups
# ---------------------------------------------------------------------------------------------


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def seed_group(seeds: Path = SEEDS, gold: Path = GOLD) -> Group:
    """The four seed versions with the gold segments and multi-way alignment of ``corpora/gold``."""
    stems = list(SEED_VERSIONS)
    with (gold / "alignment.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    header, body = rows[0], rows[1:]
    unit_of: dict[tuple[str, int], str] = {}
    for r, row in enumerate(body):
        for stem, cell in zip(header, row):
            for sid in filter(None, cell.split(",")):
                unit_of[(stem, int(sid))] = f"u{r:02d}"
    versions = []
    for stem in stems:
        text = (seeds / f"{stem}.txt").read_text("utf-8")
        segs = _read_tsv(gold / "segments" / f"{stem}.tsv")
        n_lines = text.rstrip("\n").count("\n") + 1
        lines: list[list[Piece]] = [[] for _ in range(n_lines)]
        for sid, s in enumerate(segs):
            lines[int(s["line"]) - 1].append(Piece(unit_of[(stem, sid)], s["kind"], s["text"]))
        version = Version(f"{stem}.txt", SEED_VERSIONS[stem], tuple(tuple(x) for x in lines), text.endswith("\n"))
        if version.render() != text:
            raise ValueError(f"gold segments of {stem} do not rebuild the file")
        versions.append(version)
    return Group("seeds", tuple(versions), SEED_PIVOTS, tuple(f"u{r:02d}" for r in range(len(body))))


def bench_group(path: Path) -> Group:
    """A parallel text of ``corpora/bench/texts``: one row per unit, one column per language."""
    rows = _read_tsv(path)
    name = path.stem
    layout = BENCH_LAYOUT.get(name, {"blank_lines": False, "pivots": ()})
    languages = [c for c in rows[0] if c not in ("unit", "kind", "block")]
    versions = []
    for lang in languages:
        blocks: dict[int, list[Piece]] = {}
        for row in rows:
            blocks.setdefault(int(row["block"]), []).append(Piece(row["unit"], row["kind"], row[lang]))
        lines: list[tuple[Piece, ...]] = []
        for b in sorted(blocks):
            if lines and layout["blank_lines"]:
                lines.append(())
            lines.append(tuple(blocks[b]))
        versions.append(Version(f"{name}_{lang}.txt", lang, tuple(lines)))
    pivots = tuple(f"{name}_{lang}.txt" for lang in layout["pivots"])
    group = Group(name, tuple(versions), pivots, tuple(r["unit"] for r in rows))
    for unit in group.units:  # the texts are built so that every unit has the same numbers in every version
        counts = {len(_unit_numbers(v, unit)) for v in group.versions}
        if len(counts) != 1:
            raise ValueError(f"{path.name}: unit {unit} has different number counts {sorted(counts)}")
    return group


def load_groups(bench: Path = BENCH_TEXTS) -> tuple[Group, ...]:
    """The seed group and every bench text, in a fixed order."""
    return (seed_group(), *(bench_group(p) for p in sorted(bench.glob("*.tsv"))))


# ---------------------------------------------------------------------------------------------
# Numbers (independent of aligner's extractor on purpose: the damage must not follow its reading)
# ---------------------------------------------------------------------------------------------


def find_numbers(text: str) -> list[tuple[int, int]]:
    """Spans of digit strings, with their group separators and decimal part."""
    return [m.span() for m in NUMBER.finditer(text)]


def digits_key(surface: str) -> str:
    """The digits of a number alone: what counts as 'the same value' when choosing where to damage."""
    return re.sub(r"\D", "", surface)


def is_year(surface: str) -> bool:
    """A bare four-digit number from 1500 to 2099."""
    return surface.isdigit() and len(surface) == 4 and 1500 <= int(surface) <= 2099


def _unit_numbers(version: Version, unit: str) -> list[str]:
    return [t[a:b] for _, t in version.unit_texts().get(unit, []) for a, b in find_numbers(t)]


def parse_local(surface: str, language: str) -> tuple[str, str] | None:
    """(integer digits, decimal digits) of ``surface`` read in ``language``'s own convention.

    ``None`` when the surface does not follow that convention or is ambiguous to a reader
    (one decimal mark followed by exactly three digits: ``25,520`` in Lithuanian).
    """
    group, decimal = CONVENTIONS[language]
    seps = [(i, c) for i, c in enumerate(surface) if not c.isdigit()]
    if not seps:
        return surface, ""
    int_part, dec_part = surface, ""
    if seps[-1][1] == decimal:
        int_part, dec_part = surface[: seps[-1][0]], surface[seps[-1][0] + 1:]
        if len(seps) == 1 and len(dec_part) == 3:
            return None
    chunks = re.split(f"[{re.escape(group)}]", int_part) if any(c in group for c in int_part) else [int_part]
    if not all(ch.isdigit() for ch in chunks):
        return None
    if len(chunks) > 1 and (len(chunks[0]) > 3 or any(len(ch) != 3 for ch in chunks[1:])):
        return None
    return "".join(chunks), dec_part


def _group3(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    return sep.join([digits[:head], *(digits[i:i + 3] for i in range(head, len(digits), 3))])


def format_variants(surface: str, language: str) -> dict[str, str]:
    """Every re-writing of ``surface`` that keeps its value: variant name -> new surface.

    ``space``/``nbsp``/``narrow-nbsp`` group with that space (SI style), ``plain`` drops the grouping,
    ``locale-group`` adds the language's own grouping, ``foreign`` writes the other comma/point
    convention where it cannot be misread, ``foreign-ambiguous`` where a reader of the language
    could misread it (``32.300`` -> ``32,300`` in Danish reads 32.3 there).
    """
    parsed = parse_local(surface, language)
    if parsed is None or is_year(surface):
        return {}
    int_digits, dec = parsed
    group, decimal = CONVENTIONS[language]
    out: dict[str, str] = {}

    def with_dec(s: str, mark: str) -> str:
        return s + (mark + dec if dec else "")

    if len(int_digits) >= 4:
        for name, sep in (("space", " "), ("nbsp", "\u00a0"), ("narrow-nbsp", "\u202f")):
            out[name] = with_dec(_group3(int_digits, sep), decimal)
        out["plain"] = with_dec(int_digits, decimal)
        out["locale-group"] = with_dec(_group3(int_digits, group[0]), decimal)
    foreign_group, foreign_dec = (",", ".") if decimal == "," else (".", ",")
    foreign = with_dec(_group3(int_digits, foreign_group) if len(int_digits) >= 4 else int_digits, foreign_dec)
    if len(int_digits) >= 4 or dec:
        groups = foreign.count(foreign_group) if len(int_digits) >= 4 else 0
        misread = (groups == 1 and not dec) or (not groups and len(dec) == 3)
        out["foreign-ambiguous" if misread else "foreign"] = foreign
    # Drop the ones that change nothing (``plain`` of an ungrouped number, ``locale-group`` of a grouped one).
    return {k: v for k, v in out.items() if v != surface}



# ---------------------------------------------------------------------------------------------
# Numbers in words and sentence boundaries (what a human translator changes without changing meaning)
# ---------------------------------------------------------------------------------------------

#: CLDR spell-out rulesets in order of preference: the plain cardinal, else its first gendered form.
CARDINAL_RULESETS = ("spellout-cardinal", "spellout-cardinal-masculine", "spellout-cardinal-neuter",
                     "spellout-cardinal-common", "spellout-numbering")
#: CLDR's code where it differs from the version's (Tagalog is CLDR's Filipino).
_RBNF_CODE = {"tl": "fil"}
#: Largest number spelled out (a translator writes "1,25 million", not the whole number in words).
SPELL_MAX = 999_999
#: Numbers up to this are the ``small`` variant of the word damages, larger ones ``large``.
SMALL_MAX = 100
#: Fewest words on each side of a comma where a sentence may be split.
MIN_SPLIT_WORDS = 4


@cache
def _rbnf(language: str):  # noqa: ANN202 - an RbnfEngine or None
    from unicode_rbnf import RbnfEngine

    try:
        return RbnfEngine.for_language(_RBNF_CODE.get(language, language))
    except ValueError:  # not in CLDR's RBNF data (Telugu)
        return None


def spell(n: int, language: str) -> str | None:
    """``n`` in words, CLDR's plain cardinal form in ``language``; ``None`` where CLDR has no spell-out.

    Tagalog is written as running text writes it: without CLDR's stress accents (``limá`` -> ``lima``)
    and with the modern tens (CLDR's archaic ``pitóng pû`` -> ``pitumpu``, ``ápat na pû`` -> ``apatnapu``).
    """
    engine = _rbnf(language)
    if engine is None:
        return None
    by_ruleset = engine.format_number(n).text_by_ruleset
    text = next((by_ruleset[r] for r in CARDINAL_RULESETS if r in by_ruleset), None)
    if text and language == "tl":
        text = unicodedata.normalize(
            "NFC", "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)))
        text = re.sub(r"\b(\w+?)(?:ng| na) pu\b", lambda m: _TL_TENS.get(m.group(1), m.group(0)), text)
    return text


#: Modern Tagalog tens by the unit CLDR writes before its archaic ``pû`` (accents stripped).
_TL_TENS = {"dalawa": "dalawampu", "tatlo": "tatlumpu", "apat": "apatnapu", "lima": "limampu",
            "anim": "animnapu", "pito": "pitumpu", "walo": "walumpu", "siyam": "siyamnapu"}


def spellable(text: str, span: tuple[int, int], language: str) -> int | None:
    """The value of the digit number at ``span`` when a translator could write it in words: an integer
    from 1 to :data:`SPELL_MAX` in the language's convention, not a year, not an ordinal (``14. März``,
    ``hvert 6. minut``: a point right after it that does not end the text), in a language CLDR spells."""
    a, b = span
    surface = text[a:b]
    if is_year(surface) or (text[b:b + 1] == "." and b + 1 < len(text)):
        return None
    parsed = parse_local(surface, language)
    if parsed is None or parsed[1]:
        return None
    n = int(parsed[0])
    if not 1 <= n <= SPELL_MAX or spell(n, language) is None:
        return None
    return n


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def split_points(text: str) -> list[int]:
    """Offsets of the ``", "`` where a sentence can be cut in two: at least :data:`MIN_SPLIT_WORDS`
    words on each side, and the sentence ends with a full stop."""
    if not text.endswith("."):
        return []
    return [m.start() for m in re.finditer(r", (?=\S)", text)
            if len(text[:m.start()].split()) >= MIN_SPLIT_WORDS
            and len(text[m.end():].split()) >= MIN_SPLIT_WORDS]


def split_at(text: str, at: int) -> tuple[str, str]:
    """``"A, b c."`` cut at the comma at ``at``: ``("A.", "B c.")`` (the next word capitalised)."""
    return text[:at] + ".", _capitalise(text[at + 2:])


def joinable(first: Piece, second: Piece) -> bool:
    """Two sentences that can be made one: the first ends with a full stop after a word (not after an
    ordinal or an abbreviation such as ``m.``), the second starts with a letter."""
    return (first.kind == second.kind == "sentence" and re.search(r"[^\W\d_]{3}\.$", first.text) is not None
            and second.text[:1].isalpha())


def join(first: str, second: str, mark: str, keep: Callable[[str], bool]) -> tuple[str, str]:
    """``("A.", "B c.")`` made one sentence ``"A, b c."`` (or ``;``); the second's first word keeps its
    capital where ``keep(word)`` says so (a name, a German noun)."""
    word = second.split(" ", 1)[0]
    if not keep(word):
        second = word[:1].lower() + word[1:] + second[len(word):]
    return first[:-1] + mark, second


_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")


def keeps_capital(version: Version) -> Callable[[str], bool]:
    """Whether a sentence-initial word keeps its capital inside a sentence, as the version writes it: an
    acronym (``JAV``), a word the version capitalises inside a sentence too (a name), or in German a word
    the version never writes in lower case (a noun: ``Busse``, ``Radfahrer``; not a short function word
    such as ``In``)."""
    inside: set[str] = set()
    lower: set[str] = set()
    for line in version.lines:
        for p in line:
            tokens = _TOKEN.findall(p.text)
            inside.update(t for t in tokens[1:] if t[:1].isupper())
            lower.update(t for t in tokens if t[:1].islower())
    german = version.language == "de"

    def keep(word: str) -> bool:
        return (len(word) > 1 and word.isupper()) or word in inside or (
            german and len(word) > 3 and word[:1].lower() + word[1:] not in lower)

    return keep


# ---------------------------------------------------------------------------------------------
# Damage
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Spot:
    """Where a damage may go: version index, 0-based line, piece index, and (for numbers) the span."""

    version: int
    line: int
    piece: int
    span: tuple[int, int] = (0, 0)
    variant: str = ""


def _pieces(group: Group, kinds: Sequence[str] = ("sentence",)):  # noqa: ANN202 - a small generator
    for k, v in enumerate(group.versions):
        for i, line in enumerate(v.lines):
            for j, p in enumerate(line):
                if p.kind in kinds:
                    yield k, i, j, p


def _counts(group: Group, unit: str) -> list[Counter[str]]:
    return [Counter(digits_key(s) for s in _unit_numbers(v, unit)) for v in group.versions]


def _present(group: Group, unit: str) -> list[int]:
    return [k for k, v in enumerate(group.versions) if unit in v.unit_texts()]


def _number_spots(group: Group, damage: str) -> list[_Spot]:
    spots = []
    for k, i, j, p in _pieces(group, ("sentence", "heading", "title")):
        counts = _counts(group, p.unit)
        others = [counts[o] for o in _present(group, p.unit) if o != k]
        if not others:
            continue
        for a, b in find_numbers(p.text):
            surface = p.text[a:b]
            key = digits_key(surface)
            mine, low, high = counts[k][key], min(c[key] for c in others), max(c[key] for c in others)
            if damage == "format_only":
                language = group.versions[k].language
                spots.extend(_Spot(k, i, j, (a, b), name) for name in sorted(format_variants(surface, language)))
                continue
            if damage == "dup_number":
                if mine == high:  # a version that already repeats it more would only get a louder old finding
                    spots.append(_Spot(k, i, j, (a, b)))
                continue
            if mine > low:  # removing or changing it would bring the version closer to the others
                continue
            if damage in ("number_words", "changed_words"):
                n = spellable(p.text, (a, b), group.versions[k].language)
                if n is not None:
                    spots.append(_Spot(k, i, j, (a, b), "small" if n <= SMALL_MAX else "large"))
                continue
            if damage == "year" and not is_year(surface):
                continue
            if damage in ("value", "swap_digits") and is_year(surface):
                continue
            if damage == "swap_digits" and not _swappable(surface):
                continue
            spots.append(_Spot(k, i, j, (a, b)))
    return spots


def _swappable(surface: str) -> list[int]:
    return [i for i in range(len(surface) - 1)
            if surface[i].isdigit() and surface[i + 1].isdigit() and surface[i] != surface[i + 1]
            and not (i == 0 and surface[1] == "0")]


def _sentence_spots(group: Group, damage: str) -> list[_Spot]:
    spots = []
    for k, i, j, p in _pieces(group):
        line = group.versions[k].lines[i]
        if damage == "drop_sentence" and len(line) < 2:
            continue  # the line would vanish and move every later line
        if damage == "dup_sentence" and len(p.text.split()) < 5:
            continue
        if damage == "insert_english" and group.versions[k].language == "en":
            continue
        spots.append(_Spot(k, i, j))
    return spots


def _boundary_spots(group: Group, damage: str) -> list[_Spot]:
    """Places for the sentence-boundary changes; the variant says how (``comma``/``semicolon`` join, or
    ``join``/``split`` for the neighbours of a dropped sentence). ``span`` holds the neighbour's piece index
    for ``drop_joined``/``split``."""
    spots = []
    for k, i, j, p in _pieces(group):
        line = group.versions[k].lines[i]
        if damage == "split_sentence" and split_points(p.text):
            spots.append(_Spot(k, i, j))
        elif damage == "join_sentences" and j + 1 < len(line) and joinable(p, line[j + 1]):
            spots.extend(_Spot(k, i, j, variant=v) for v in ("comma", "semicolon"))
        elif damage == "drop_joined":
            if 0 < j < len(line) - 1 and joinable(line[j - 1], line[j + 1]):
                spots.append(_Spot(k, i, j, variant="join"))
            for n in (j - 1, j + 1):
                if 0 <= n < len(line) and line[n].kind == "sentence" and split_points(line[n].text):
                    spots.append(_Spot(k, i, j, (n, n), variant="split"))
    return spots


def spots_for(group: Group, damage: str) -> list[_Spot]:
    """Every place ``damage`` can go in ``group``, in a fixed order."""
    if damage in ("drop_sentence", "dup_sentence", "insert_english"):
        return _sentence_spots(group, damage)
    if damage in ("split_sentence", "join_sentences", "drop_joined"):
        return _boundary_spots(group, damage)
    return _number_spots(group, damage)


def _replace_piece(version: Version, line: int, new: Sequence[Piece], piece: int, count: int = 1) -> Version:
    row = list(version.lines[line])
    row[piece:piece + count] = list(new)
    lines = list(version.lines)
    lines[line] = tuple(row)
    return replace(version, lines=tuple(lines))


def _new_number(surface: str, damage: str, taken: set[str], rng: random.Random) -> str | None:
    """A changed value for ``surface`` whose digits are not any value of the unit already."""
    for _ in range(50):
        chars = list(surface)
        digits = [i for i, c in enumerate(chars) if c.isdigit()]
        if damage == "year":
            chars = list(str(int(surface) + rng.choice((-3, -2, -1, 1, 2, 3))))
        elif damage == "swap_digits":
            i = rng.choice(_swappable(surface))
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        else:
            i = rng.choice(digits)
            choices = [d for d in "0123456789" if d != chars[i] and not (i == digits[0] and d == "0"
                                                                            and len(digits) > 1)]
            chars[i] = rng.choice(choices)
        new = "".join(chars)
        if digits_key(new) not in taken:
            return new
    return None


def apply(group: Group, damage: str, spot: _Spot, rng: random.Random, case_id: str) -> Case | None:
    """Apply one damage at ``spot``; ``None`` when it cannot be done there."""
    version = group.versions[spot.version]
    piece = version.lines[spot.line][spot.piece]
    text = piece.text
    a, b = spot.span
    surface = text[a:b]
    line_no = spot.line + 1
    lines = (line_no,)
    variant = spot.variant
    start, count = spot.piece, 1  # the pieces of the line that ``new_pieces`` replace
    if damage in ("value", "swap_digits", "year"):
        taken = {digits_key(s) for v in group.versions for s in _unit_numbers(v, piece.unit)}
        new = _new_number(surface, damage, taken, rng)
        if new is None:
            return None
        new_pieces = [replace(piece, text=text[:a] + new + text[b:])]
        before, after = surface, new
    elif damage == "drop_number":
        lo, hi = (a - 1, b) if a > 0 and text[a - 1] == " " else (a, b + 1 if text[b:b + 1] == " " else b)
        new_pieces = [replace(piece, text=text[:lo] + text[hi:])]
        before, after = text[max(0, a - 12):b + 12], (text[:lo] + text[hi:])[max(0, a - 12):a + 12]
    elif damage == "dup_number":
        m = _WORD_AFTER.match(text, b)
        copy = text[a:m.end()] if m else surface
        insert = f" {copy}" if m else f" ({surface})"
        end = m.end() if m else b
        new_pieces = [replace(piece, text=text[:end] + insert + text[end:])]
        before, after = text[a:end], text[a:end] + insert
        variant = "repeat-with-word" if m else "repeat-in-brackets"
    elif damage == "format_only":
        new = format_variants(surface, version.language)[variant]
        new_pieces = [replace(piece, text=text[:a] + new + text[b:])]
        before, after = surface, new
    elif damage == "drop_sentence":
        new_pieces = []
        before, after = text, ""
        nxt = _next_line(version, spot.line, spot.piece)
        lines = (line_no,) if nxt is None or nxt == line_no else (line_no, nxt)
    elif damage == "dup_sentence":
        new_pieces = [piece, piece]
        before, after = text, f"{text} {text}"
    elif damage == "insert_english":
        sentence = rng.choice(ENGLISH)
        new_pieces = [piece, Piece("ins", "sentence", sentence)]
        before, after = text, sentence
    elif damage in ("number_words", "changed_words"):
        n = int(digits_key(surface))
        if damage == "changed_words":
            taken = {digits_key(s) for v in group.versions for s in _unit_numbers(v, piece.unit)}
            n = _new_value(n, taken, rng)
            if n is None:
                return None
        words = spell(n, version.language)
        if words is None:
            return None
        words = _capitalise(words) if a == 0 else words
        new_pieces = [replace(piece, text=text[:a] + words + text[b:])]
        before, after = surface, words
    elif damage == "split_sentence":
        first, second = split_at(text, rng.choice(split_points(text)))
        new_pieces = [replace(piece, text=first), replace(piece, text=second)]
        before, after = text, f"{first} {second}"
    elif damage == "join_sentences":
        nxt = version.lines[spot.line][spot.piece + 1]
        first, second = join(text, nxt.text, "," if variant == "comma" else ";", keeps_capital(version))
        new_pieces = [replace(piece, text=first), replace(nxt, text=second)]
        before, after = f"{text} {nxt.text}", f"{first} {second}"
        count = 2
    elif damage == "drop_joined":
        row = version.lines[spot.line]
        nxt = _next_line(version, spot.line, spot.piece)
        lines = (line_no,) if nxt is None or nxt == line_no else (line_no, nxt)
        if variant == "join":
            prev, foll = row[spot.piece - 1], row[spot.piece + 1]
            first, second = join(prev.text, foll.text, rng.choice((",", ";")), keeps_capital(version))
            new_pieces = [replace(prev, text=first), replace(foll, text=second)]
            before, after = f"{prev.text} {text} {foll.text}", f"{first} {second}"
            start, count = spot.piece - 1, 3
        else:  # the dropped sentence's neighbour (piece ``spot.span[0]``) is cut in two at a comma
            n = spot.span[0]
            other = row[n]
            first, second = split_at(other.text, rng.choice(split_points(other.text)))
            new_pieces = [replace(other, text=first), replace(other, text=second)]
            start, count = min(n, spot.piece), 2
            pair = (other.text, text) if n < spot.piece else (text, other.text)
            before, after = " ".join(pair), f"{first} {second}"
    else:
        raise ValueError(f"unknown damage {damage!r}")
    damaged = _replace_piece(version, spot.line, new_pieces, start, count)
    versions = tuple(damaged if k == spot.version else v for k, v in enumerate(group.versions))
    unit = "ins" if damage == "insert_english" else piece.unit
    return Case(case_id, group.name, damage, variant, version.name, version.language, line_no, lines, unit,
                EXPECTED[damage], ACCEPTED[damage], before, after, versions, group.pivots)


def _new_value(n: int, taken: set[str], rng: random.Random) -> int | None:
    """Another value for ``n`` (one digit changed, as ``value`` does) that the unit does not hold already
    and that can be spelled: 1 to :data:`SPELL_MAX`."""
    for _ in range(20):
        new = _new_number(str(n), "value", taken, rng)
        if new is not None and 1 <= int(new) <= SPELL_MAX:
            return int(new)
    return None


def _next_line(version: Version, line: int, piece: int) -> int | None:
    """1-based line of the piece after (line, piece): where a checker may anchor an omission."""
    if piece + 1 < len(version.lines[line]):
        return line + 1
    for i in range(line + 1, len(version.lines)):
        if version.lines[i]:
            return i + 1
    return None


def make_cases(
    groups: Sequence[Group],
    *,
    seed: int = DEFAULT_SEED,
    per_type: int = DEFAULT_PER_TYPE,
    damages: Sequence[str] = DAMAGES,
) -> list[Case]:
    """``per_type`` cases of every damage (twice as many format-only controls), spread over the groups.

    Each damage type draws from its own ``random.Random(f"{seed}:{damage}")``, so adding a type or
    changing one type's count leaves the others' cases as they were. Within a type, the places are
    taken round-robin over strata (group, or group and format variant) from a shuffled list, so cases
    do not repeat while places are left.
    """
    cases: list[Case] = []
    for damage in damages:
        rng = random.Random(f"{seed}:{damage}")
        want = per_type * (2 if damage == "format_only" else 1)
        strata: dict[tuple[str, str], list[tuple[Group, _Spot]]] = {}
        for g in groups:
            for spot in spots_for(g, damage):
                strata.setdefault((g.name, spot.variant), []).append((g, spot))
        order = sorted(strata)
        for key in order:
            rng.shuffle(strata[key])
        made = 0
        while made < want and any(strata[k] for k in order):
            for key in order:
                if made >= want or not strata[key]:
                    continue
                g, spot = strata[key].pop()
                case = apply(g, damage, spot, rng, f"{len(cases):03d}-{damage}")
                if case is not None:
                    cases.append(case)
                    made += 1
    return cases


# ---------------------------------------------------------------------------------------------
# I/O
# ---------------------------------------------------------------------------------------------


def write_group(versions: Sequence[Version], directory: Path) -> list[Path]:
    """Write the versions' files into ``directory`` (created); return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for v in versions:
        path = directory / v.name
        path.write_text(v.render(), encoding="utf-8")
        out.append(path)
    return out


def write_cases(groups: Sequence[Group], cases: Sequence[Case], out: Path, seed: int) -> Path:
    """``out/clean/<group>/``, ``out/<case id>/`` and ``out/cases.json`` (the manifest); returns the manifest."""
    for g in groups:
        write_group(g.versions, out / "clean" / g.name)
    for c in cases:
        write_group(c.versions, out / c.id)
    manifest = out / "cases.json"
    manifest.write_text(json.dumps({
        "seed": seed, "damages": list(DAMAGES), "groups": [g.name for g in groups],
        "cases": [c.to_dict() for c in cases],
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: Sequence[str] | None = None, *, printer: Callable[[str], None] = print) -> int:
    """CLI: write a damage set and print one line per case."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--per-type", type=int, default=DEFAULT_PER_TYPE,
                        help="cases per damage type (format-only gets twice as many)")
    parser.add_argument("--out", type=Path, default=None, help="directory to write (default: a new temp dir)")
    args = parser.parse_args(argv)
    groups = load_groups()
    cases = make_cases(groups, seed=args.seed, per_type=args.per_type)
    out = args.out or Path(tempfile.mkdtemp(prefix="aligner-damage-"))
    manifest = write_cases(groups, cases, out, args.seed)
    for c in cases:
        printer(f"{c.id}\t{c.group}\t{c.file}:{c.line}\t{c.variant or '-'}\t{c.before!r} -> {c.after!r}")
    printer(f"{len(cases)} cases, seed {args.seed}: {manifest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

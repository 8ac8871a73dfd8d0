"""Grouping: which of N documents are versions (translations) of the same text, and why.

The decision is whether two documents **align better than chance**: the pair is aligned
(one pass of :func:`aligner.align.pairwise.align_pair`) and the path's statistics (segment-weighted
bead confidence, share of 1-1 beads, share of beads whose sides share an anchor) are compared
with the same statistics against the target with its segment order shuffled (fixed seeds). The
differences give the log-odds that the two are versions of one text (:mod:`aligner.align.evidence`),
plus a weak prior against two versions in one language. The reason names what decided.

Aligning every pair of a directory of 1,000 files would cost half a million alignments, so a
cheap **screen** comes first, built from signals that survive translation:

``numbers``
    numbers and years read by :func:`number_values` (``32 300``, ``32.300`` and ``32,300`` are one
    value); small numbers weigh less than years and amounts. Plenty of numbers on both sides with
    few in common *veto* a pair (templated pages with other figures are other texts).
``structure``
    headings, paragraphs and sentences counted, and the length profile of the paragraph
    sequence compared by a small alignment (front matter such as titles and bylines left out).
``length``
    character length after a per-language (else per-script) expansion factor, so that a Chinese
    text is not "too short" for its English original; sizes far apart veto a pair.
``names``
    capitalised names and acronyms of one version looked up in the other, Indic scripts
    transliterated to Latin (``indic_transliteration``), Cyrillic and Greek by a small table, and
    compared fuzzily (``rapidfuzz``) on the spelling and on the consonant skeleton (``customer`` ~
    ``kasṭamar``). Facing a script that cannot be romanised (Arabic, Han, ...) only acronyms count.
``alignability``
    an optional caller-given ``alignability(doc_a, doc_b) -> float``, added to the log-odds.

The screen's weighted score only chooses which pairs to align (each document's best few), never
groups anything by itself. Documents are clustered by average linkage over the probabilities,
with a guard that no pair inside a group falls below ``min_link``: one document that resembles
two different texts cannot merge them; pairs across two clusters about to merge are aligned
first if they were not. Everything runs in an order fixed by the documents' content, so
shuffling the inputs changes only the indices."""

from __future__ import annotations

import dataclasses
import hashlib
import math
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import regex
from rapidfuzz import fuzz, process

from ..executor import executor_for
from ..facts.numbers import extract_numbers
from ..model import Document, SegmentKind
from ..signature import make_signature
from ..text.acronyms import is_capitals
from ..text.scripts import CASED_SCRIPTS, char_script, dominant_script
from ..text.tokens import NAME_WORD
from ..text.translit import romanisable, skeleton, transliterate  # also imported from here by older callers
from .evidence import DEFAULT_SHUFFLES, AlignmentEvidence, alignment_evidence
from .multiway import PARALLEL_MIN_CHARS

#: ``alignability(doc_a, doc_b) -> float`` in [0, 1]: how well two documents' sentences align.
Alignability = Callable[[Document, Document], float]

#: Default score from which two documents (or clusters, on average) are versions of one text.
DEFAULT_THRESHOLD = 0.5
#: Default lowest score allowed between any two members of a group (the bridging guard).
DEFAULT_MIN_LINK = 0.3
#: Multiplier of the screen score for a pair in the same language.
SAME_LANGUAGE_PRIOR = 0.9
#: What a caller's ``alignability`` of 0 takes from the log-odds (1 takes nothing): our own
#: alignment already measures how well the pair aligns, the hook (a semantic scorer, a rule of the
#: caller's) can only refuse a pair it knows is wrong.
HOOK_LOG_ODDS = 8.0
#: How many best-screened partners each document is aligned with before clustering.
DEFAULT_CANDIDATES = 4
#: Below this many segments on either side the pair is decided by the screen score (cut at the threshold).
MIN_ALIGNED_SEGMENTS = 5
#: Pairs whose segment counts and lengths both differ more than this are not aligned.
MAX_SIZE_RATIO = 4.0

# Evidence weights: the most a component can count for, reached with enough material.
_W_NUMBERS = 0.45
_W_STRUCTURE = 0.3
_W_LENGTH = 0.15
_W_NAMES = 0.2

#: Characters of a text per character of its English original, by language; rough,
#: published expansion rates (German runs long, Chinese and Japanese short).
LENGTH_FACTOR: dict[str, float] = {
    "en": 1.0, "da": 1.05, "sv": 1.0, "nb": 1.0, "no": 1.0, "nl": 1.1, "de": 1.2, "fr": 1.15,
    "es": 1.15, "pt": 1.1, "it": 1.1, "ro": 1.1, "pl": 1.05, "cs": 0.95, "sk": 0.95, "sl": 0.95,
    "hr": 0.95, "hu": 1.05, "fi": 1.05, "et": 1.0, "lv": 1.0, "lt": 1.0, "el": 1.1, "ru": 1.05,
    "uk": 1.0, "bg": 1.05, "tr": 1.05, "tl": 1.25, "id": 1.1, "ms": 1.1, "vi": 1.1, "sw": 1.1,
    "ar": 0.9, "fa": 0.9, "he": 0.75, "hi": 1.0, "bn": 0.95, "te": 1.0, "ta": 1.2, "kn": 1.05,
    "ml": 1.1, "mr": 1.0, "gu": 0.95, "th": 0.95, "zh": 0.3, "ja": 0.4, "ko": 0.45,
}
#: The same, by ISO 15924 script, for languages not in :data:`LENGTH_FACTOR`.
SCRIPT_LENGTH_FACTOR: dict[str, float] = {
    "Latn": 1.05, "Cyrl": 1.05, "Grek": 1.1, "Arab": 0.9, "Hebr": 0.75, "Hani": 0.3, "Jpan": 0.4,
    "Hang": 0.45, "Thai": 0.95,
}

# --------------------------------------------------------------------------- numbers


def number_values(text: str, language: str | None = None) -> list[str]:
    """The numbers in ``text`` as canonical value strings (``"32300"``, ``"2.5"``), in order.

    Read by the locale-aware :func:`aligner.facts.numbers.extract_numbers`. Of an ambiguous
    mention (``32.300``: 32300 or 32.3) the integer reading is kept, so that ``32 300``, ``32.300`` and
    ``32,300`` are one value in every language; scale words are undone (``12,5 mln.`` -> 12.5)
    since not every language's scale word is recognised. Dates, ranges and times give their
    parts; phone numbers and codes their digits.
    """
    values: list[str] = []
    for mention in extract_numbers(text, language):
        for part in mention.parts or (mention,):
            if part.readings:
                readings = [r.value for r in part.readings]
                value = next((v for v in readings if v == v.to_integral_value()), readings[0]) / part.scale
                values.append(_canonical_decimal(value))
            elif part.kind in ("phone", "code"):
                values.append(part.digits)
    return values


def _canonical_decimal(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return _canonical(*text.split(".")) if "." in text else _canonical(text, "")


def _canonical(integer: str, fraction: str) -> str:
    integer = integer.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{integer}.{fraction}" if fraction else integer


_DIGIT = regex.compile(r"\d")


def _number_weight(value: str) -> float:
    """How much one shared value says: list numbers and small counts little, years and amounts much."""
    if "." in value:
        return 1.0
    n = int(value) if len(value) < 12 else 10**12
    if n < 10:
        return 0.4
    if n < 100:
        return 0.7
    return 1.0


# --------------------------------------------------------------------------- names


@dataclass(frozen=True)
class _Vocabulary:
    keys: tuple[str, ...]
    skeletons: frozenset[str]
    acronyms: frozenset[str]
    romanisable: bool

    @property
    def key_set(self) -> frozenset[str]:
        """:attr:`keys` as a set (made once)."""
        made = self.__dict__.get("_key_set")
        if made is None:
            made = frozenset(self.keys)
            object.__setattr__(self, "_key_set", made)
        return made


def _is_acronym(name: str) -> bool:
    """Grouping's acronym test: upper case without dots, at most 6 characters (:func:`is_capitals`)."""
    return is_capitals(name, max_len=6)


#: A name as :func:`_lookup` looks for it: (the acronym without dots, or None; its transliteration; its skeleton).
_NameKey = tuple["str | None", str, str]


def _name_keys(names: Sequence[str]) -> tuple[_NameKey, ...]:
    """What :func:`_find_name` reads of each name, read once per document rather than once per pair."""
    out = []
    for name in names:
        if _is_acronym(name):
            out.append((name.replace(".", ""), "", ""))
        else:
            key = transliterate(name)
            out.append((None, key, skeleton(key) if len(key) >= 3 else ""))
    return tuple(out)


def _lookup(names: Sequence[str], vocab: _Vocabulary) -> tuple[int, int]:
    """(found, looked for): names of one document found in another's vocabulary.

    In a script that cannot be romanised only acronyms are looked for (they are often kept
    in Latin letters); other names would be missed for want of a transliteration, not absent.
    """
    return _lookup_keys(_name_keys(names), vocab)


def _lookup_keys(names: Sequence[_NameKey], vocab: _Vocabulary,
                 fuzzy: dict[str, frozenset[str]] | None = None) -> tuple[int, int]:
    """:func:`_lookup` of names read by :func:`_name_keys`.

    What :func:`_find_name` answers name by name, in bulk: the names settled by the acronyms, the exact keys
    or the skeletons are counted first; the rest are compared with every key in one C call per block of
    names (``cdist``, the same scorer and cut-off as ``extractOne``: a name is found when any key scores 85).
    ``fuzzy``, when given (:func:`_fuzzy_matches` of a run's names and vocabularies), holds those comparisons
    made already: a name is found when one of the keys it reaches is in ``vocab``.
    """
    romanisable, acronyms, keys, skeletons = vocab.romanisable, vocab.acronyms, vocab.key_set, vocab.skeletons
    wanted = found = 0
    pending: list[str] = []
    for acronym, key, sk in names:
        if acronym is not None:
            wanted += 1
            found += acronym in acronyms
        elif romanisable:
            wanted += 1
            if len(key) < 3:
                continue
            if key in keys or (len(sk) >= 3 and sk in skeletons):
                found += 1
            else:
                pending.append(key)
    if pending and vocab.keys:
        if fuzzy is not None:
            found += sum(1 for key in pending if not fuzzy[key].isdisjoint(keys))
        else:
            for start in range(0, len(pending), _FUZZY_BLOCK):
                scores = process.cdist(pending[start:start + _FUZZY_BLOCK], vocab.keys, scorer=fuzz.ratio,
                                       score_cutoff=_FUZZY_CUTOFF, dtype=np.float32, workers=1)
                found += int((scores >= _FUZZY_CUTOFF).any(axis=1).sum())
    return found, wanted


def _fuzzy_matches(names: Iterable[str], keys: Iterable[str]) -> dict[str, frozenset[str]]:
    """For each of ``names`` (transliterated name keys), the ``keys`` it reaches: ``fuzz.ratio`` of 85 or more.

    What :func:`_lookup_keys` compares pair by pair, done once for a run: every name with every key of
    every vocabulary (the same scorer, cut-off and score type, element by element), so a pair's lookup is
    set intersections. A name of ``L`` characters and a key of ``l`` can reach the cut-off only when
    ``|L - l| <= 0.15 (L + l)`` (the indel distance is at least the difference of the lengths), so each
    length of name is compared only with the keys of the lengths that can (and one more either way).
    """
    wanted = sorted(set(names))
    pool = sorted(set(keys), key=lambda k: (len(k), k))
    lengths = np.asarray([len(k) for k in pool], dtype=np.int64)
    out: dict[str, frozenset[str]] = {}
    share = (100 - _FUZZY_CUTOFF) / 100
    by_length: dict[int, list[str]] = {}
    for name in wanted:
        by_length.setdefault(len(name), []).append(name)
    for size, group in by_length.items():
        low = math.floor(size * (1 - share) / (1 + share)) - 1
        high = math.ceil(size * (1 + share) / (1 - share)) + 1
        start, stop = np.searchsorted(lengths, low, "left"), np.searchsorted(lengths, high, "right")
        candidates = pool[start:stop]
        if not candidates:
            out.update((name, frozenset()) for name in group)
            continue
        for first in range(0, len(group), _FUZZY_BLOCK):
            block = group[first:first + _FUZZY_BLOCK]
            scores = process.cdist(block, candidates, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF,
                                   dtype=np.float32, workers=1)
            rows, cols = np.nonzero(scores >= _FUZZY_CUTOFF)
            reached: dict[int, list[str]] = {}
            for r, c in zip(rows.tolist(), cols.tolist()):
                reached.setdefault(r, []).append(candidates[c])
            out.update((name, frozenset(reached.get(r, ()))) for r, name in enumerate(block))
    return out


def _run_fuzzy_matches(features: Sequence[_Features]) -> dict[str, frozenset[str]]:
    """:func:`_fuzzy_matches` of every name of ``features`` that a lookup may compare fuzzily, with the keys of
    every vocabulary a name is looked up in (romanisable ones)."""
    names = (key for f in features for acronym, key, _ in f.name_keys if acronym is None and len(key) >= 3)
    keys = (k for f in features if f.vocabulary.romanisable for k in f.vocabulary.keys)
    return _fuzzy_matches(names, keys)


#: The score (``rapidfuzz.fuzz.ratio``) from which a transliterated name is taken to occur as a key.
_FUZZY_CUTOFF = 85
#: Names compared with a vocabulary per ``cdist`` call (a block of scores: names x keys, 4 bytes each).
_FUZZY_BLOCK = 256


def _find_name(name: str, vocab: _Vocabulary) -> bool:
    """True when ``name`` (a name from one document) occurs, maybe transliterated, in ``vocab``."""
    if _is_acronym(name):
        return name.replace(".", "") in vocab.acronyms
    key = transliterate(name)
    if len(key) < 3:
        return False
    if process.extractOne(key, vocab.keys, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF) is not None:
        return True
    sk = skeleton(key)
    return len(sk) >= 3 and sk in vocab.skeletons


# --------------------------------------------------------------------------- features


@dataclass(frozen=True)
class _Features:
    key: tuple[str, str, str, str]
    name: str
    language: str | None
    numbers: dict[str, float]
    body_segments: int
    headings: int
    sentences: int
    paragraphs: int
    blocks: tuple[tuple[bool, float], ...]  # (is heading, share of body characters)
    adjusted_length: float
    names: tuple[str, ...]
    vocabulary: _Vocabulary
    name_keys: tuple[_NameKey, ...]  # (:func:`_name_keys` of ``names``)


def _features(doc: Document) -> _Features:
    body = [s for s in doc.segments if s.kind in (SegmentKind.HEADING, SegmentKind.SENTENCE)]
    if not body:  # a document of front matter only: treat what there is as body
        body = list(doc.segments)
    body_text = "\n".join(s.text for s in body)
    script = dominant_script(body_text)

    numbers: dict[str, float] = {}
    # Each distinct text once, in order (a text met again adds no value), and only texts with a digit
    # (numbers are read from digits: no digit, no number, as the numbers check also relies on).
    for text in dict.fromkeys(seg.text for seg in doc.segments):
        if _DIGIT.search(text) is not None:
            for value in number_values(text, doc.language):
                numbers[value] = _number_weight(value)

    blocks: list[tuple[bool, int]] = []
    last_para: int | None = None
    for seg in body:
        size = len(seg.text)
        if seg.kind is SegmentKind.HEADING or seg.paragraph != last_para:
            blocks.append((seg.kind is SegmentKind.HEADING, size))
        else:
            blocks[-1] = (blocks[-1][0], blocks[-1][1] + size)
        last_para = seg.paragraph
    total = sum(size for _, size in blocks) or 1
    shares = tuple((is_heading, size / total) for is_heading, size in _coarsen(blocks))

    factor = LENGTH_FACTOR.get(doc.language or "", SCRIPT_LENGTH_FACTOR.get(script, 1.0))
    sentences = [s for s in body if s.kind is SegmentKind.SENTENCE]
    sentence_words = _words(sentences)
    names = _names(sentences, script, sentence_words)
    digest = hashlib.sha1(doc.text.encode("utf-8", "surrogatepass")).hexdigest()
    return _Features(
        key=(doc.language or "", doc.name, digest, doc.path),
        name=doc.name,
        language=doc.language,
        numbers=numbers,
        body_segments=len(body),
        headings=sum(1 for s in body if s.kind is SegmentKind.HEADING),
        sentences=len(sentences),
        paragraphs=len({s.paragraph for s in sentences}),
        blocks=shares,
        adjusted_length=sum(len(s.text) for s in body) / factor,
        names=names,
        vocabulary=_vocabulary(body, script, set(sentence_words)),
        name_keys=_name_keys(names),
    )


def _coarsen(blocks: list[tuple[bool, int]], limit: int = 64) -> list[tuple[bool, int]]:
    """At most ``limit`` blocks: neighbouring paragraphs pooled to about ``2/limit`` of the text each.

    Keeps the profile comparison small for long documents; headings stay as they are unless
    they alone are too many, then everything is pooled.
    """
    if len(blocks) <= limit:
        return blocks
    total = sum(size for _, size in blocks)
    out: list[tuple[bool, int]] = []
    for keep_headings, share in ((True, 2 / limit), (False, 1 / limit)):
        out = []
        for is_heading, size in blocks:
            heading = is_heading and keep_headings
            if out and not heading and not out[-1][0] and out[-1][1] < share * total:
                out[-1] = (False, out[-1][1] + size)
            else:
                out.append((heading, size))
        if len(out) <= limit:
            break
    return out


def _words(segments: Sequence) -> Counter[str]:
    """How often each word (:data:`NAME_WORD`) occurs in ``segments``, read in one pass over the joined texts
    (a word never spans a line break)."""
    return Counter(NAME_WORD.findall("\n".join(s.text for s in segments)))


def _names(sentences: Sequence, script: str, words: Counter[str] | None = None) -> tuple[str, ...]:
    """Names and acronyms: capitalised words inside sentences, or Latin words in an uncased script.

    ``words``: :func:`_words` of ``sentences``, when the caller has read them already.
    """
    # Each test below reads only the word (and the document's lower-case words), so each distinct word is judged
    # once.
    words = _words(sentences) if words is None else words
    names: set[str] = set()
    if script in CASED_SCRIPTS:
        lower = {w.casefold() for w in words if w[:1].islower()}
        # a word inside a sentence: it occurs more often than it opens one
        firsts = Counter(m.group() for s in sentences if (m := NAME_WORD.search(s.text)) is not None)
        for word, count in words.items():
            if not word[:1].isupper() or count <= firsts[word]:
                continue
            letters = word.replace(".", "")
            if is_capitals(word, min_len=2):
                names.add(word)
            elif len(letters) >= 3 and word.casefold() not in lower:
                names.add(word)
    else:
        for word in words:
            if len(word.replace(".", "")) >= 2 and all(char_script(ch) == "Latn" for ch in word if ch.isalpha()):
                names.add(word)
    return tuple(sorted(names))


def _vocabulary(body: Sequence, script: str, sentence_words: set[str] | None = None) -> _Vocabulary:
    """The words of ``body`` as names may be looked up in them; ``sentence_words``: the words of its sentences,
    when the caller has read them already (then only the other segments are read here)."""
    if sentence_words is None:
        words = set(_words(body))
    else:
        words = sentence_words | set(_words([s for s in body if s.kind is not SegmentKind.SENTENCE]))
    keys = {transliterate(w) for w in words}
    keys.discard("")
    return _Vocabulary(
        keys=tuple(sorted(keys)),
        skeletons=frozenset(sk for sk in map(skeleton, keys) if len(sk) >= 3),
        # (was: ``len(w) >= 2`` with the dots; NAME_WORD writes dots only in two or more "X." pairs,
        # so a dotted word is 4 characters or more and the two tests agree)
        acronyms=frozenset(w.replace(".", "") for w in words if is_capitals(w, min_len=2)),
        romanisable=romanisable(script),
    )


# --------------------------------------------------------------------------- components


#: Both documents need this many distinct numbers before disagreeing numbers can veto a pair.
CONTRADICTING_NUMBERS = 4
#: ... and share fewer than this fraction of the smaller side's. Translators localise (miles to
#: kilometres, 12-hour to 24-hour clocks), so a real pair of news versions can share only a third
#: of its numbers (ntrex doc024, lt-en: 4 of 13); a text with other figures shares almost none.
CONTRADICTING_SHARE = 0.2
#: The same for two documents in one language: they write their numbers alike (no localised
#: formats, units or clocks), so sharing fewer than half is already another text of the same
#: template (this year's report beside last year's, a product page beside its sibling).
SAME_LANGUAGE_CONTRADICTING_SHARE = 0.5


def _numbers_component(a: _Features, b: _Features) -> tuple[float, float, dict]:
    shared = sorted(set(a.numbers) & set(b.numbers))
    wa, wb = sum(a.numbers.values()), sum(b.numbers.values())
    detail = {"shared": len(shared), "a": len(a.numbers), "b": len(b.numbers)}
    if wa + wb == 0:
        return 0.0, 0.0, detail
    value = 2 * sum(a.numbers[v] for v in shared) / (wa + wb)
    weight = _W_NUMBERS * min(1.0, (wa + wb) / 6)
    if not (wa and wb):
        # Numbers on one side only: a cut-off version or numbers spelled out, not only another text.
        weight /= 2
    return value, weight, detail


def _count_similarity(x: int, y: int) -> float:
    """Agreement of two counts: 1.0 when equal, about 0.85 for 23 vs 25, about 0.27 for 23 vs 45."""
    return ((min(x, y) + 1) / (max(x, y) + 1)) ** 2


def _profile_similarity(a: Sequence[tuple[bool, float]], b: Sequence[tuple[bool, float]]) -> float:
    """1 minus the cost of aligning two paragraph-length profiles (shares of the text, headings apart).

    Steps: paragraph to paragraph or heading to heading (cost: the difference of shares), two
    paragraphs to one either way (a translator joined or split one), or a block left out (its
    share plus a small penalty). Identical shapes cost 0, shapes with nothing in common about 1.
    """
    n, m = len(a), len(b)
    inf = float("inf")
    ha, pa = [h for h, _ in a], [p for _, p in a]
    hb, pb = [h for h, _ in b], [p for _, p in b]
    skip_a = [p + (0.05 if h else 0.02) for h, p in a]
    skip_b = [p + (0.05 if h else 0.02) for h, p in b]
    rows = [[inf] * (m + 1) for _ in range(n + 1)]
    first = rows[0]
    first[0] = 0.0
    for j in range(1, m + 1):
        first[j] = first[j - 1] + skip_b[j - 1]
    for i in range(1, n + 1):
        row, up = rows[i], rows[i - 1]
        up2 = rows[i - 2] if i >= 2 else None
        hi, pi, si = ha[i - 1], pa[i - 1], skip_a[i - 1]
        joinable_a = up2 is not None and not hi and not ha[i - 2]
        row[0] = up[0] + si
        for j in range(1, m + 1):
            hj, pj = hb[j - 1], pb[j - 1]
            best = up[j] + si
            c = row[j - 1] + skip_b[j - 1]
            if c < best:
                best = c
            c = up[j - 1] + (abs(pi - pj) if hi == hj else pi + pj + 0.05)
            if c < best:
                best = c
            if not hj:
                if joinable_a:
                    c = up2[j - 1] + abs(pi + pa[i - 2] - pj) + 0.02
                    if c < best:
                        best = c
                if j >= 2 and not hi and not hb[j - 2]:
                    c = up[j - 2] + abs(pi - pj - pb[j - 2]) + 0.02
                    if c < best:
                        best = c
            row[j] = best
    return max(0.0, 1.0 - rows[n][m])


def _structure_component(a: _Features, b: _Features) -> tuple[float, float, dict]:
    profile = _profile_similarity(a.blocks, b.blocks)
    value = (
        0.4 * profile
        + 0.2 * _count_similarity(a.headings, b.headings)
        + 0.2 * _count_similarity(a.sentences, b.sentences)
        + 0.2 * _count_similarity(a.paragraphs, b.paragraphs)
    )
    detail = {
        "segments": (a.body_segments, b.body_segments),
        "headings": (a.headings, b.headings),
        "profile": round(profile, 4),
    }
    smaller = min(a.body_segments, b.body_segments)
    return value, _W_STRUCTURE * min(1.0, smaller / 6), detail


def _length_component(a: _Features, b: _Features) -> tuple[float, float, dict]:
    if a.adjusted_length <= 0 or b.adjusted_length <= 0:
        return 0.0, 0.0, {"ratio": None}
    ratio = a.adjusted_length / b.adjusted_length
    # Whole-document log length ratios of translations spread about 0.25 once per-language
    # factors are applied; a Gaussian on the log ratio turns that into agreement.
    value = math.exp(-(math.log(ratio) ** 2) / (2 * 0.25**2))
    return value, _W_LENGTH, {"ratio": round(ratio, 4)}


def _names_component(a: _Features, b: _Features,
                     fuzzy: dict[str, frozenset[str]] | None = None) -> tuple[float, float, dict]:
    found_ab, wanted_ab = _lookup_keys(a.name_keys, b.vocabulary, fuzzy)
    found_ba, wanted_ba = _lookup_keys(b.name_keys, a.vocabulary, fuzzy)
    total = wanted_ab + wanted_ba
    detail = {"found": found_ab + found_ba, "total": total}
    if total == 0:
        return 0.0, 0.0, detail
    return (found_ab + found_ba) / total, _W_NAMES * min(1.0, total / 6), detail


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Component:
    """One signal of a pair similarity: its ``value`` in [0, 1], the ``weight`` it got, what it measured."""

    value: float
    weight: float
    detail: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"value": round(self.value, 4), "weight": round(self.weight, 4), **self.detail}


@dataclass(frozen=True)
class PairSimilarity:
    """How likely documents ``a`` and ``b`` (input indices, ``a < b``) are versions of one text.

    ``score`` is that probability; ``decided_by`` says what decided it (``alignment``, or
    ``screen: ...`` when the pair was never aligned); ``evidence`` is the alignment compared with
    chance, ``screen`` the cheap hand-weighted score of ``components`` that chose what to align.
    """

    a: int
    b: int
    score: float
    components: dict[str, Component]
    same_language: bool = False
    evidence: AlignmentEvidence | None = None
    decided_by: str = ""
    screen: float = 0.0
    log_odds: float | None = None

    def to_dict(self) -> dict:
        return {
            "a": self.a,
            "b": self.b,
            "score": round(self.score, 4),
            "same_language": self.same_language,
            "components": {k: c.to_dict() for k, c in self.components.items()},
            "decided_by": self.decided_by,
            "screen": round(self.screen, 4),
            "log_odds": self.log_odds,
            "evidence": self.evidence.to_dict() if self.evidence is not None else None,
        }


@dataclass(frozen=True)
class Group:
    """Documents (input indices, ascending) judged versions of one text; one reason per member."""

    members: tuple[int, ...]
    reasons: tuple[str, ...]
    score: float = 0.0

    def to_dict(self) -> dict:
        return {"members": list(self.members), "score": round(self.score, 4), "reasons": list(self.reasons)}


@dataclass(frozen=True)
class Unmatched:
    """A document that is a version of none of the others, and why.

    ``closest`` holds the members of the most similar group (or the single most similar
    document) and ``similarity`` the average score to them.
    """

    index: int
    reason: str
    path: str = ""
    language: str | None = None
    closest: tuple[int, ...] = ()
    similarity: float = 0.0

    def to_dict(self) -> dict:
        return {
            "index": self.index,
            "path": self.path,
            "language": self.language,
            "reason": self.reason,
            "closest": list(self.closest),
            "similarity": round(self.similarity, 4),
        }


@dataclass(frozen=True)
class Grouping:
    """The decision for a set of documents: groups, unmatched documents, and the pair scores behind them."""

    groups: tuple[Group, ...]
    unmatched: tuple[Unmatched, ...]
    similarity: tuple[tuple[float, ...], ...]
    pairs: tuple[PairSimilarity, ...] = ()
    paths: tuple[str, ...] = ()
    languages: tuple[str | None, ...] = ()
    signature: str = ""

    def to_dict(self) -> dict:
        return {
            "documents": [{"index": i, "path": p, "language": lang}
                          for i, (p, lang) in enumerate(zip(self.paths, self.languages))],
            "groups": [
                {**g.to_dict(), "paths": [self.paths[i] for i in g.members] if self.paths else []}
                for g in self.groups
            ],
            "unmatched": [u.to_dict() for u in self.unmatched],
            "similarity": [[round(x, 4) for x in row] for row in self.similarity],
            "pairs": [p.to_dict() for p in self.pairs],
            "signature": self.signature,
        }


# --------------------------------------------------------------------------- scoring


def _pair(a: _Features, b: _Features,
          fuzzy: dict[str, frozenset[str]] | None = None) -> tuple[float, dict[str, Component], bool, str]:
    """The cheap screen of a pair: its hand-weighted score, components, same language, and a veto (or "").

    ``fuzzy``: the run's names compared with its vocabularies already (:func:`_run_fuzzy_matches`), or None.
    """
    parts = {
        "numbers": _numbers_component(a, b),
        "structure": _structure_component(a, b),
        "length": _length_component(a, b),
        "names": _names_component(a, b, fuzzy),
    }
    components = {k: Component(v, w, d) for k, (v, w, d) in parts.items()}
    total = sum(c.weight for c in components.values())
    score = sum(c.value * c.weight for c in components.values()) / total if total else 0.0
    same = a.language is not None and a.language == b.language
    if same:
        score *= SAME_LANGUAGE_PRIOR
    return round(score, 6), components, same, _veto(a, b, components, same)


def _veto(a: _Features, b: _Features, components: dict[str, Component], same: bool = False) -> str:
    """Why the pair need not be aligned at all (cheap and certain enough), or ""."""
    num = components["numbers"].detail
    fewer = min(num["a"], num["b"])
    share = SAME_LANGUAGE_CONTRADICTING_SHARE if same else CONTRADICTING_SHARE
    if fewer >= CONTRADICTING_NUMBERS and num["shared"] < share * fewer:
        # Plenty of numbers on both sides and few in common: numbers survive translation, so two
        # texts with the same layout but other figures (templated pages, yearly reports) are not
        # versions of each other, however well their sentences align.
        where = ", in one language" if same else ""
        return f"numbers contradict (shares {num['shared']} of {num['a']} and {num['b']}{where})"
    if not a.body_segments or not b.body_segments or not a.adjusted_length or not b.adjusted_length:
        return "one of them is empty"
    seg_ratio = max(a.body_segments, b.body_segments) / min(a.body_segments, b.body_segments)
    len_ratio = max(a.adjusted_length, b.adjusted_length) / min(a.adjusted_length, b.adjusted_length)
    if min(seg_ratio, len_ratio) > MAX_SIZE_RATIO:
        return f"sizes differ too much ({a.body_segments} vs {b.body_segments} segments, x{len_ratio:.1f} length)"
    return ""


def _log_odds_extra(hook: float | None) -> float:
    """Evidence added to the alignment's log-odds by the caller's hook (the same-language prior is in the screen)."""
    return HOOK_LOG_ODDS * (min(1.0, max(0.0, hook)) - 1.0) if hook is not None else 0.0


def _texts(doc: Document) -> tuple[list[str], list[str]]:
    return [s.text for s in doc.segments], [s.kind.value for s in doc.segments]


def _decide(a: _Features, b: _Features, docs: tuple[Document, Document], alignability: Alignability | None,
            shuffles: int, screen: tuple[float, dict[str, Component], bool, str] | None = None) -> PairSimilarity:
    """The full decision for one pair, in the order given (the caller puts it in content order).

    ``screen``: :func:`_pair` of ``a`` and ``b`` when the caller has it already (it is not changed here).
    """
    cheap, comps, same, veto = _pair(a, b) if screen is None else screen
    comps = dict(comps)
    hook = float(alignability(*docs)) if alignability is not None else None
    if hook is not None:
        comps["alignability"] = Component(min(1.0, max(0.0, hook)), 0.0, {})
    if veto:
        return PairSimilarity(0, 1, 0.0, comps, same, decided_by=f"screen: {veto}", screen=cheap)
    (src, sk), (tgt, tk) = _texts(docs[0]), _texts(docs[1])
    if min(len(src), len(tgt)) < MIN_ALIGNED_SEGMENTS:
        # A shuffle of three sentences is nearly the text itself: the order cannot tell, the screen must.
        p = min(max(cheap, 1e-6), 1 - 1e-6)
        log_odds = math.log(p / (1 - p)) + _log_odds_extra(hook)
        score = round(1.0 / (1.0 + math.exp(-max(min(log_odds, 50.0), -50.0))), 6)
        why = f"screen: too short for the order to tell ({min(len(src), len(tgt))} segments)"
        return PairSimilarity(0, 1, score, comps, same, decided_by=why, screen=cheap, log_odds=round(log_odds, 4))
    ev = alignment_evidence(src, tgt, sk, tk, shuffles=shuffles, screen=cheap)
    log_odds = ev.log_odds + _log_odds_extra(hook)
    score = round(1.0 / (1.0 + math.exp(-max(min(log_odds, 50.0), -50.0))), 6)
    return PairSimilarity(0, 1, score, comps, same, evidence=ev, decided_by="alignment", screen=cheap,
                          log_odds=round(log_odds, 4))


def document_similarity(a: Document, b: Document, *, alignability: Alignability | None = None,
                        shuffles: int = DEFAULT_SHUFFLES) -> PairSimilarity:
    """How likely ``a`` and ``b`` are versions of one text, with the evidence (``a`` is 0, ``b`` is 1).

    The pair is aligned and compared with chance (:func:`aligner.align.evidence.alignment_evidence`)
    unless the cheap screen vetoes it; it is computed in content order, so it is exactly symmetric.
    """
    fa, fb = _features(a), _features(b)
    if fb.key < fa.key:
        return _swap_pair(_decide(fb, fa, (b, a), alignability, shuffles), 0, 1)
    return _decide(fa, fb, (a, b), alignability, shuffles)


def _swap_pair(p: PairSimilarity, lo: int, hi: int) -> PairSimilarity:
    """``p`` computed with its documents the other way round, as the pair ``(lo, hi)``."""
    return dataclasses.replace(p, a=lo, b=hi, components={k: _swap(c) for k, c in p.components.items()})


def _swap(c: Component) -> Component:
    detail = dict(c.detail)
    if "a" in detail:
        detail["a"], detail["b"] = detail["b"], detail["a"]
    for key in ("segments", "headings"):
        if key in detail:
            detail[key] = detail[key][::-1]
    if detail.get("ratio"):
        detail["ratio"] = round(1 / detail["ratio"], 4)
    return Component(c.value, c.weight, detail)


@dataclass
class Beside:
    """Tasks a caller wants run in :func:`group_documents`'s worker processes, beside the alignment evidence.

    A group of long versions is aligned after its grouping, and both stages are a handful of tasks on a few
    processes (four versions: the evidence of six pairs, then three whole pairwise alignments, the last of which
    leaves one process idle). A caller that would align the group's versions anyway
    (:func:`aligner.align.align_documents` with jobs) hands those alignments in here; they run with the evidence,
    heaviest first, and the two stages keep every process busy together. They run only when the evidence goes to
    worker processes and the screen finds every pair of documents alike (no veto, every screen score at the
    threshold or above: one group of them all is then the likely decision; a wrong guess costs the work, never
    the result); otherwise nothing runs and :attr:`results` stays empty. ``run(task)`` must be a pure function of
    the task: the grouping is the same whether they run or not, and the caller uses a result only where it needs
    exactly that computation.
    """

    tasks: Sequence[object]
    run: Callable[[object], object]
    label: Callable[[object], str] = repr
    #: Task index -> result, for the tasks that ran.
    results: dict[int, object] = field(default_factory=dict)


@dataclass(frozen=True)
class _BesideTask:
    task: object


def _alike(screened: dict[tuple[int, int], tuple[float, dict[str, Component], bool, str]], threshold: float) -> bool:
    """Whether the screen finds every pair alike: no veto and every screen score at ``threshold`` or above."""
    return bool(screened) and all(not veto and score >= threshold for score, _, _, veto in screened.values())


def group_documents(
    docs: Sequence[Document],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    min_link: float = DEFAULT_MIN_LINK,
    alignability: Alignability | None = None,
    candidates: int = DEFAULT_CANDIDATES,
    shuffles: int = DEFAULT_SHUFFLES,
    jobs: int = 1,
    beside: Beside | None = None,
) -> Grouping:
    """Split ``docs`` into groups of versions of one text (each of two or more) and unmatched documents.

    1. **Screen** every pair cheaply (numbers, names, structure, length): a pair whose numbers
       contradict or whose sizes differ beyond :data:`MAX_SIZE_RATIO` is decided there.
    2. **Align** each document with its ``candidates`` best-screened partners and compare the
       alignment with chance (:mod:`aligner.align.evidence`): the pair's probability of being
       versions of one text.
    3. **Cluster** by average linkage over the probabilities: two clusters merge while the mean
       is at least ``threshold`` and no pair across them is below ``min_link``; a pair across two
       clusters about to merge that was not aligned yet is aligned first. So a directory of N files
       costs about ``N x candidates / 2`` alignments plus those inside the groups, not ``N^2``.

    ``alignability``, when given, is called once per pair and adds to the log-odds. Everything runs
    in an order fixed by the documents' content, so shuffling the inputs changes only the indices.
    With ``jobs`` > 1 and :data:`~aligner.align.multiway.PARALLEL_MIN_CHARS` characters or more, the
    documents' features and the eager pairs' alignment evidence (pure functions of the documents) are
    computed in that many processes; the grouping is the same. A caller's ``alignability`` is always
    called here. ``beside``: work the caller wants run in those processes together with the evidence when the
    screen finds every pair alike (:class:`Beside`); it changes nothing of the grouping.
    """
    n = len(docs)
    if jobs > 1 and sum(len(d.text) for d in docs) < PARALLEL_MIN_CHARS:
        jobs = 1
    features = executor_for(jobs, n).map_tasks(_features, docs, label=lambda d: f"the features of {d.path}")
    order = sorted(range(n), key=lambda i: features[i].key)
    rank = {i: r for r, i in enumerate(order)}

    screened: dict[tuple[int, int], tuple[float, dict[str, Component], bool, str]] = {}
    fuzzy = _run_fuzzy_matches(features) if n > 2 else None  # (one pair: its own lookups cost no more)
    for x in range(n):
        for y in range(x + 1, n):
            i, j = order[x], order[y]
            screened[(i, j)] = _pair(features[i], features[j], fuzzy)

    decided: dict[tuple[int, int], PairSimilarity] = {}

    def decide(i: int, j: int) -> float:
        if rank[j] < rank[i]:
            i, j = j, i
        if (i, j) not in decided:
            decided[(i, j)] = _decide(features[i], features[j], (docs[i], docs[j]), alignability, shuffles,
                                      screened[(i, j)])
        return decided[(i, j)].score

    # Eager: each document against its best-screened partners (vetoed pairs are decided by the screen).
    eager: dict[tuple[int, int], None] = {}  # (in the order they are first asked for)

    def ask(i: int, j: int) -> None:
        eager.setdefault((i, j) if rank[i] < rank[j] else (j, i), None)

    for i in order:
        partners = [j for j in order if j != i and not _screen_of(screened, rank, i, j)[3]]
        partners.sort(key=lambda j: (-_screen_of(screened, rank, i, j)[0], rank[j]))
        for j in partners[:candidates]:
            ask(i, j)
        if alignability is not None:
            for j in order:
                if j != i:
                    ask(i, j)
    for (i, j), (_, _, _, veto) in screened.items():
        if veto:
            ask(i, j)
    if jobs > 1 and alignability is None:
        todo = list(eager)
        # The caller's work first (heaviest: whole alignments), when the screen expects one group of all; the
        # evidence tasks, short, then keep both processes busy to the end.
        extra = list(beside.tasks) if beside is not None and _alike(screened, threshold) else []

        def run(task: tuple[int, int] | _BesideTask) -> object:
            if isinstance(task, _BesideTask):
                return beside.run(task.task)  # type: ignore[union-attr]
            return _decide(features[task[0]], features[task[1]], (docs[task[0]], docs[task[1]]), None, shuffles,
                           screened[task])

        def label(task: tuple[int, int] | _BesideTask) -> str:
            if isinstance(task, _BesideTask):
                return beside.label(task.task)  # type: ignore[union-attr]
            return f"the alignment evidence of {docs[task[0]].path} and {docs[task[1]].path}"

        tasks: list[tuple[int, int] | _BesideTask] = [_BesideTask(t) for t in extra] + todo
        made = executor_for(jobs, len(tasks)).map_tasks(run, tasks, label=label)
        if beside is not None:
            beside.results.update(enumerate(made[:len(extra)]))
        decided.update(zip(todo, made[len(extra):]))
    else:
        for i, j in eager:
            decide(i, j)

    clusters = _cluster_lazy(n, order, decided, decide, threshold, min_link)
    groups_idx = sorted((sorted(c) for c in clusters if len(c) >= 2), key=lambda c: c[0])
    grouped = {i for c in groups_idx for i in c}
    # An unmatched document is explained against its closest group (by the screen), aligned if need be.
    for i in range(n):
        if i in grouped or n < 2:
            continue
        closest = _closest_by_screen(i, groups_idx, screened, rank, n)
        for j in closest:
            decide(i, j)

    matrix = [[1.0 if i == j else 0.0 for j in range(n)] for i in range(n)]
    pairs: list[PairSimilarity] = []
    pair_of: dict[tuple[int, int], PairSimilarity] = {}
    for (i, j), (cheap, comps, same, _) in screened.items():
        p = decided.get((i, j))
        if p is None:
            p = PairSimilarity(0, 1, 0.0, comps, same, decided_by="screen: not among the best-screened partners",
                               screen=cheap)
        lo, hi = min(i, j), max(i, j)
        p = _swap_pair(p, lo, hi) if lo != i else dataclasses.replace(p, a=lo, b=hi)
        matrix[i][j] = matrix[j][i] = p.score
        pair_of[(lo, hi)] = p
        pairs.append(p)
    pairs.sort(key=lambda p: (p.a, p.b))

    groups = tuple(
        Group(
            members=tuple(members),
            reasons=tuple(_member_reason(i, members, features, matrix, pair_of) for i in members),
            score=round(_mean(matrix[i][j] for i in members for j in members if i < j), 6),
        )
        for members in groups_idx
    )
    unmatched = tuple(
        _unmatched(i, groups_idx, features, matrix, pair_of, threshold, min_link, docs, rank, screened)
        for i in range(n)
        if i not in grouped
    )
    signature = make_signature(
        "group",
        {
            "decision": "alignment-vs-shuffled",
            "threshold": threshold,
            "min_link": min_link,
            "candidates": candidates,
            "shuffles": shuffles,
            "same_language_prior": SAME_LANGUAGE_PRIOR,
            "alignability": "given" if alignability is not None else "none",
        },
    )
    return Grouping(
        groups=groups,
        unmatched=unmatched,
        similarity=tuple(tuple(row) for row in matrix),
        pairs=tuple(pairs),
        paths=tuple(d.path for d in docs),
        languages=tuple(d.language for d in docs),
        signature=signature,
    )


def _screen_of(screened: dict, rank: dict[int, int], i: int, j: int) -> tuple:
    return screened[(i, j)] if rank[i] < rank[j] else screened[(j, i)]


def _closest_by_screen(i: int, groups: Sequence[Sequence[int]], screened: dict, rank: dict[int, int],
                       n: int) -> list[int]:
    if groups:
        best = max(groups, key=lambda g: (_mean(_screen_of(screened, rank, i, j)[0] for j in g),
                                          -min(rank[j] for j in g)))
        return list(best)
    others = [j for j in range(n) if j != i]
    return [max(others, key=lambda j: (_screen_of(screened, rank, i, j)[0], -rank[j]))]


def _mean(values: Iterable[float]) -> float:
    items = sorted(values)
    return sum(items) / len(items) if items else 0.0


def _cluster(matrix: list[list[float]], order: list[int], threshold: float, min_link: float) -> list[list[int]]:
    """Average linkage with a minimum-link guard over a full matrix; ties broken by canonical order."""
    n = len(order)
    known = {(i, j): PairSimilarity(i, j, matrix[i][j], {}) for i in range(n) for j in range(n) if i != j}
    return _cluster_lazy(n, order, known, lambda i, j: matrix[i][j], threshold, min_link)


def _cluster_lazy(n: int, order: list[int], known: dict[tuple[int, int], PairSimilarity],
                  decide: Callable[[int, int], float], threshold: float, min_link: float) -> list[list[int]]:
    """Average linkage with a minimum-link guard, over the pairs decided so far.

    Clusters are compared on the pairs already decided between them; before two clusters merge,
    the pairs across them not decided yet are decided (``decide``) and the merge is reconsidered.
    Sums, counts and minima are kept per cluster pair, so a step costs O(clusters^2) in numpy.
    Ties are broken by canonical (content) order: cluster ``k`` is the one whose first member has rank ``k``.
    """
    if n == 0:
        return []
    rank = {i: r for r, i in enumerate(order)}
    # In rank space: row r is document order[r].
    val = np.full((n, n), np.nan)
    for (i, j), p in known.items():
        val[rank[i], rank[j]] = val[rank[j], rank[i]] = p.score
    members: list[list[int] | None] = [[r] for r in range(n)]
    known_m = ~np.isnan(val)
    total = np.where(known_m, val, 0.0)
    count = known_m.astype(np.float64)
    low = np.where(known_m, val, np.inf)
    unknown = (~known_m).astype(np.float64)
    np.fill_diagonal(unknown, 0.0)
    active = np.ones(n, dtype=bool)

    def refresh(x: int, y: int) -> None:
        block = val[np.ix_(members[x], members[y])]
        ok = ~np.isnan(block)
        total[x, y] = total[y, x] = block[ok].sum()
        count[x, y] = count[y, x] = ok.sum()
        low[x, y] = low[y, x] = block[ok].min() if ok.any() else np.inf
        unknown[x, y] = unknown[y, x] = (~ok).sum()

    while True:
        with np.errstate(invalid="ignore", divide="ignore"):
            avg = np.where(count > 0, total / np.maximum(count, 1), -1.0)
        ok = (count > 0) & (avg >= threshold) & (low >= min_link) & active[:, None] & active[None, :]
        np.fill_diagonal(ok, False)
        ok = np.triu(ok)
        if not ok.any():
            break
        score = np.where(ok, avg, -np.inf)
        x, y = np.unravel_index(int(np.argmax(score)), score.shape)  # first maximum: lowest ranks
        x, y = int(x), int(y)
        if unknown[x, y] > 0:
            for r in members[x]:
                for s in members[y]:
                    if np.isnan(val[r, s]):
                        val[r, s] = val[s, r] = decide(order[r], order[s])
            refresh(x, y)
            continue
        members[x] = sorted(members[x] + members[y])
        members[y] = None
        active[y] = False
        total[x, :] += total[y, :]
        total[:, x] = total[x, :]
        count[x, :] += count[y, :]
        count[:, x] = count[x, :]
        unknown[x, :] += unknown[y, :]
        unknown[:, x] = unknown[x, :]
        low[x, :] = np.minimum(low[x, :], low[y, :])
        low[:, x] = low[x, :]
        total[x, x] = count[x, x] = unknown[x, x] = 0.0
        for arr in (total, count, unknown):
            arr[y, :] = 0.0
            arr[:, y] = 0.0
        low[y, :] = np.inf
        low[:, y] = np.inf
    return [[order[r] for r in m] for m in members if m is not None]


# --------------------------------------------------------------------------- reasons


def _label(f: _Features) -> str:
    return f"{f.name} ({f.language or 'und'})"


def _consensus_numbers(others: Sequence[_Features]) -> set[str]:
    """Values found in at least half of ``others``."""
    counts: dict[str, int] = {}
    for f in others:
        for v in f.numbers:
            counts[v] = counts.get(v, 0) + 1
    need = math.ceil(len(others) / 2)
    return {v for v, c in counts.items() if c >= need}


def _phrases(
    i: int, others: Sequence[int], features: Sequence[_Features],
    pair_of: dict[tuple[int, int], PairSimilarity], noun: str,
) -> tuple[list[str], list[str], list[str]]:
    """What agrees, what differs and what else to note between ``i`` and ``others`` (``noun`` in the text)."""
    f = features[i]
    pairs = [pair_of[(min(i, j), max(i, j))] for j in others]
    good: list[str] = []
    bad: list[str] = []

    consensus = _consensus_numbers([features[j] for j in others])
    shared = len(consensus & set(f.numbers))
    if consensus:
        text = f"{shared}/{len(consensus)}"
        if shared == 0:
            bad.append(f"shares no numbers with {noun} ({text})")
        elif shared >= 0.6 * len(consensus):
            good.append(f"shares {text} numbers with {noun}")
        else:
            bad.append(f"shares only {text} numbers with {noun}")
    elif f.numbers:
        bad.append(f"has {len(f.numbers)} numbers where {noun} has none")

    structure = _mean(p.components["structure"].value for p in pairs)
    own = f.body_segments
    theirs = round(statistics.median(features[j].body_segments for j in others))
    heads = round(statistics.median(features[j].headings for j in others))
    if structure >= 0.75:
        good.append(f"same structure ({own} vs {theirs} segments, {f.headings} vs {heads} headings)")
    elif structure >= 0.55:
        good.append(f"similar structure ({own} vs {theirs} segments)")
    else:
        bad.append(f"its structure differs ({own} vs {theirs} segments)")

    lengths = [features[j].adjusted_length for j in others]
    if f.adjusted_length and all(lengths):
        ratio = f.adjusted_length / statistics.median(lengths)
        if 0.8 <= ratio <= 1.25:
            good.append(f"its length fits (x{ratio:.2f} after script adjustment)")
        else:
            bad.append(f"it is x{ratio:.2f} the length of {noun} after script adjustment")

    found = sum(p.components["names"].detail["found"] for p in pairs)
    total = sum(p.components["names"].detail["total"] for p in pairs)
    if total:
        text = f"names and acronyms match {found}/{total}"
        (good if found / total >= 0.4 else bad).append(text)

    if "alignability" in pairs[0].components:
        value = _mean(p.components["alignability"].value for p in pairs)
        (good if value >= 0.5 else bad).append(f"sentences align at {value:.2f}")

    notes: list[str] = []
    same = [features[j] for j in others if features[j].language is not None and features[j].language == f.language]
    if same:
        notes.append(f"same language ({f.language}) as {', '.join(sorted(s.name for s in same))}, a weak prior against")
    return good, bad, notes


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _evidence_phrase(i: int, others: Sequence[int], features: Sequence[_Features],
                     pair_of: dict[tuple[int, int], PairSimilarity]) -> str:
    """What decided: how many of ``others`` ``i`` aligns with better than chance, and the weakest pair in numbers."""
    pairs = {j: pair_of[(min(i, j), max(i, j))] for j in others}
    weakest = min(others, key=lambda j: (pairs[j].score, j))
    p = pairs[weakest]
    if p.evidence is None:
        return f"decided by the {p.decided_by} (with {_label(features[weakest])})"
    better = sum(1 for q in pairs.values() if q.evidence is not None and q.score >= 0.5)
    head = f"aligns better than chance with {better}/{len(others)}" if len(others) > 1 else (
        "aligns better than chance" if p.score >= 0.5 else "aligns no better than chance")
    which = f"weakest with {_label(features[weakest])}" if len(others) > 1 else f"with {_label(features[weakest])}"
    ev = p.evidence if p.a == i else _flip(p.evidence)
    return f"{head} ({which}: probability {p.score:.2f}, {ev.describe()})"


def _flip(ev: AlignmentEvidence) -> AlignmentEvidence:
    """The evidence seen from the other document (segment counts swapped)."""
    swap = lambda st: dataclasses.replace(st, aligned=st.aligned[::-1])  # noqa: E731
    return dataclasses.replace(ev, segments=ev.segments[::-1], real=swap(ev.real), shuffled=swap(ev.shuffled))


def _member_reason(i: int, members: Sequence[int], features: Sequence[_Features],
                   matrix: list[list[float]], pair_of: dict[tuple[int, int], PairSimilarity]) -> str:
    others = [j for j in members if j != i]
    good, bad, notes = _phrases(i, others, features, pair_of, "the group")
    score = _mean(matrix[i][j] for j in others)
    text = f"{_label(features[i])}: {score:.2f} on average to the other {len(others)}; "
    text += _evidence_phrase(i, others, features, pair_of)
    if good:
        text += f"; {_join(good)}"
    if bad:
        text += f"; although {_join(bad)}"
    return "; ".join([text, *notes])


def _unmatched(i: int, groups: Sequence[Sequence[int]], features: Sequence[_Features],
               matrix: list[list[float]], pair_of: dict[tuple[int, int], PairSimilarity],
               threshold: float, min_link: float, docs: Sequence[Document], rank: dict[int, int],
               screened: dict) -> Unmatched:
    doc = docs[i]
    n = len(docs)
    if n == 1:
        return Unmatched(i, "the only document given: a group needs two versions", doc.path, doc.language)

    def screen(j: int) -> float:
        return _screen_of(screened, rank, i, j)[0]

    if groups:
        closest = max(groups, key=lambda g: (_mean(matrix[i][j] for j in g), _mean(screen(j) for j in g),
                                             -min(rank[j] for j in g)))
        noun = "the group"
        where = f"closest is the group of {', '.join(sorted(features[j].name for j in closest))}"
    else:
        best = max((j for j in range(n) if j != i), key=lambda j: (matrix[i][j], screen(j), -rank[j]))
        closest = [best]
        noun = features[best].name
        where = f"closest is {_label(features[best])}"
    avg = _mean(matrix[i][j] for j in closest)
    weakest = min(closest, key=lambda j: (matrix[i][j], rank[j]))
    good, bad, notes = _phrases(i, closest, features, pair_of, noun)
    if avg >= threshold and matrix[i][weakest] < min_link:
        why = (f"{where} at {avg:.2f}, but it scores only {matrix[i][weakest]:.2f} with "
               f"{features[weakest].name} (below {min_link:.2f})")
    else:
        why = f"{where} at {avg:.2f} (threshold {threshold:.2f})"
    text = f"{why}: {_evidence_phrase(i, closest, features, pair_of)}"
    if bad:
        text += f"; {_join(bad)}"
    if good:
        text += f"; although {_join(good)}"
    text = "; ".join([text, *notes])
    return Unmatched(i, text, doc.path, doc.language, tuple(sorted(closest)), round(avg, 6))

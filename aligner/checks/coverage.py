"""Coverage: is a passage that the alignment left without a partner really absent from a version?

The aligner places a null bead where one version has a segment and another has none. Real translators
split and join sentences, leave out a full stop or run a sub-heading into the next sentence, so a null
bead is often the shadow of a different segmentation, not missing content: the words are all in the
neighbouring segment. An omission is content absent from a version *in that region*; this module
decides that from the neighbourhood, not from the shape of one unit.

For a unit ``u`` that version ``k`` lacks (or that only ``k`` has), take the nearest units on each side
that ``k`` and a present version ``j`` both have: the neighbourhood ``N``. Two hypotheses explain the
length of ``k``'s text in ``N``:

- *absent*: ``len_k(N) ≈ c · len_j(N)``, the passage is not in ``k`` (an omission; for an addition,
  ``k``'s extra passage is its own);
- *covered*: ``len_k(N) ≈ c · len_j(N ∪ u)``, the passage's content sits in ``k``'s neighbours (for an
  addition: ``k``'s extra segment is a piece of what its neighbours' partners say).

``c`` is the ratio of the two versions' whole lengths (translations into another language are
systematically longer or shorter), taken under each hypothesis: without the passage's length where it
is absent, with it where it is covered. Each present version votes for the hypothesis whose
log length ratio is nearer 0; lexical evidence that the passage's numbers (in digits, or in words by
their value) or long tokens (names, codes) appear in ``k``'s text of a neighbour unit and not in the
partner's text of that same unit votes *covered* too (for an addition the other way round: the piece's
numbers or names in a partner's neighbour). The passage is reported only when the *absent* hypothesis
wins: where the evidence says the text is there, the reader is not told it is missing. One piece of
evidence overrides the lengths towards *absent*: the numbers every version writes in the passage are
nowhere in ``k``'s text two units around it (a sentence split elsewhere in the paragraph hides the loss
in the lengths, not in the numbers).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex

from ..facts.spelled import find_spelled_numbers
from ..model import Alignment

#: Tokens that survive translation unchanged and so witness where a passage's content went: numbers,
#: and words with a capital or a digit inside (names, codes) of three characters or more.
_WITNESS = regex.compile(r"\p{N}+(?:[.,]\p{N}+)*|\b\p{Lu}[\p{L}\p{M}\p{N}]{2,}")
#: Integers written in digits (compared by value with the numbers other versions write in words).
_DIGITS = regex.compile(r"(?<![\p{N}.,])\d{1,4}(?![\p{N}]|[.,]\d)")


#: The lowest :attr:`Coverage.score` that says "absent": the lacking version's neighbourhood is nearer its
#: length without the passage than with it, by at least this share of the distance between the two.
MIN_SCORE = 0.15
#: The lowest :attr:`Coverage.weight` at which lengths can tell: a passage under about a sixth of its
#: neighbourhood's length (log 1.16 = 0.15) is within the noise of translation lengths.
MIN_WEIGHT = 0.15


@dataclass(frozen=True)
class Coverage:
    """The decision for one version and one unit, with the measures behind it (for evidence).

    ``covered`` is False only when the evidence says the passage is absent from the version's region:
    the lengths say so (:data:`MIN_SCORE`), the passage weighs enough to tell (:data:`MIN_WEIGHT`), and
    none of its numbers or names turns up in the version's neighbours while missing from the partner's.
    """

    covered: bool
    votes_covered: int
    votes_absent: int
    witnesses: tuple[str, ...] = ()
    #: mean over the present versions of (e_covered - e_absent) / D, in [-1, 1]: 1 when the lacking
    #: version's neighbourhood is exactly as long as without the passage, -1 when exactly as long as with it
    score: float = 0.0
    #: mean log of (neighbourhood with the passage / without): how much the passage weighs where it is
    weight: float = 0.0

    def to_dict(self) -> dict:
        return {"covered": self.covered, "votes_covered": self.votes_covered, "votes_absent": self.votes_absent,
                "witnesses": list(self.witnesses), "score": round(self.score, 3), "weight": round(self.weight, 3)}


_NUMBER = regex.compile(r"\p{N}+(?:[.,\u00a0\u202f ]\p{N}+)*")


@lru_cache(maxsize=65536)
def number_keys(text: str, language: str | None) -> frozenset[str]:
    """The numbers of ``text`` as digit strings without separators (``3,400`` and ``3 400`` -> ``3400``,
    ``0,35`` -> ``035``), numbers written in words included (``seven`` -> ``7``): a presence test that
    survives the number formats and spell-out of another language.

    Remembered per (text, language): the omission checks ask it of one segment for every window and
    version pair it takes part in, and of the same window text once per other version (reading numbers
    in words is a third of a millisecond a segment; on ten megabytes it was 40 of 74 CPU seconds).
    """
    keys = {regex.sub(r"\D", "", m) for m in _NUMBER.findall(text)}
    if language:
        keys |= {regex.sub(r"\D", "", f"{n.value.normalize():f}") for n in find_spelled_numbers(text, language)}
    return frozenset(k for k in keys if k)


class CoverageModel:
    """Length and witness measures of one alignment, computed once and asked per (unit, version)."""

    def __init__(self, alignment: Alignment) -> None:
        self.alignment = alignment
        docs = alignment.documents
        n = len(docs)
        units = alignment.units
        #: per version, per unit: characters of its text in the unit (0 when absent)
        self.lengths: list[list[int]] = [
            [sum(len(docs[k].segments[i].text) for i in u.segments[k]) for u in units] for k in range(n)
        ]
        #: per version, the characters of all its units (summed once: every decision reads two of them)
        self.totals: list[int] = [sum(row) for row in self.lengths]

    def _neighbours(self, u: int, k: int, j: int, reach: int = 1) -> list[int]:
        """Up to ``reach`` units on each side of ``u`` that both ``k`` and ``j`` have."""
        lk, lj = self.lengths[k], self.lengths[j]
        out: list[int] = []
        for step in (-1, 1):
            found = 0
            v = u + step
            while 0 <= v < len(lk) and found < reach:
                if lk[v] and lj[v]:
                    out.append(v)
                    found += 1
                elif lk[v] or lj[v]:
                    break  # another null unit in between: the neighbourhood ends here
                v += step
        return out

    def _witnesses(self, u: int, holder: int, other: int, nb: Sequence[int]) -> set[str]:
        """Tokens of ``holder``'s text in unit ``u`` found in ``other``'s text of a neighbour unit (of ``nb``) and
        not in ``holder``'s text of that unit: numbers and names by their surface, numbers in words by their
        value (``tre`` = ``3``)."""
        al = self.alignment
        passage_text = al.texts(al.units[u], holder)
        passage = set(_WITNESS.findall(passage_text))
        values = self._values(passage_text, holder)
        found: set[str] = set()
        for v in nb:  # neighbour by neighbour: the passage went into one of them, the other may say the same
            around, own = self._texts(other, [v]), self._texts(holder, [v])
            found |= {w for w in passage if w in around and w not in own}
            if values:
                found |= {f"{x}" for x in values & (self._values(around, other) - self._values(own, holder))}
        return found

    def _values(self, text: str, version: int) -> frozenset:
        """The numbers of ``text`` (of ``version``'s language) in digits and in words, as values."""
        language = self.alignment.documents[version].language
        values = {n.value for n in find_spelled_numbers(text, language)} if language else set()
        for d in _DIGITS.findall(text):
            try:
                values.add(Decimal(d))
            except ArithmeticError:
                pass
        return frozenset(values)

    def _texts(self, version: int, units: Sequence[int]) -> str:
        al = self.alignment
        return " ".join(al.texts(al.units[v], version) for v in units)

    def decide(self, u: int, k: int, present: Sequence[int], *, addition: bool = False) -> Coverage:
        """Whether unit ``u``'s content is covered by version ``k``'s neighbours.

        ``present``: the versions that have ``u`` (omission: ``k`` is not among them), or, with
        ``addition``, the versions that lack it (``k`` alone has it).
        """
        votes_covered = votes_absent = 0
        witnesses: set[str] = set()
        scores: list[float] = []
        weights: list[float] = []
        for j in present:
            nb = self._neighbours(u, k, j)
            if not nb:
                votes_absent += 1
                continue
            len_k = sum(self.lengths[k][v] for v in nb)
            len_j = sum(self.lengths[j][v] for v in nb)
            total_k, total_j = self.totals[k], self.totals[j]
            if addition:
                extra = self.lengths[k][u]
                # absent: k's piece is its own, so k's other text answers j's; covered: the piece is part of
                # what k's neighbours' partners say
                c_absent = (total_k - extra + 1) / (total_j + 1)
                c_covered = (total_k + 1) / (total_j + 1)
                absent = abs(math.log((len_k + 1) / (c_absent * len_j + 1)))
                covered = abs(math.log((len_k + extra + 1) / (c_covered * len_j + 1)))
            else:
                extra = self.lengths[j][u]
                c_absent = (total_k + 1) / (total_j - extra + 1)
                c_covered = (total_k + 1) / (total_j + 1)
                absent = abs(math.log((len_k + 1) / (c_absent * len_j + 1)))
                covered = abs(math.log((len_k + 1) / (c_covered * (len_j + extra) + 1)))
            d = abs(math.log((len_j + extra + 1) / (len_j + 1))) if not addition else abs(
                math.log((len_k + extra + 1) / (len_k + 1)))
            weights.append(d)
            scores.append((covered - absent) / d if d else 0.0)
            if covered < absent:
                votes_covered += 1
            else:
                votes_absent += 1
            # Witnesses: what the passage says that survives translation (numbers in digits or in words, names,
            # codes) and turns up around the version that lacks the unit (for an addition: around the partners
            # of the version that alone has it) but not in the other side's same neighbours.
            holder, other = (k, j) if addition else (j, k)
            witnesses.update(self._witnesses(u, holder, other, nb))
        score = sum(scores) / len(scores) if scores else 1.0
        weight = sum(weights) / len(weights) if weights else 1.0
        lost = not addition and self._numbers_lost(u, k, present)
        absent = (score >= MIN_SCORE or lost) and weight >= MIN_WEIGHT and not witnesses
        return Coverage(not absent, votes_covered, votes_absent, tuple(sorted(witnesses)), score, weight)

    def _numbers_lost(self, u: int, k: int, present: Sequence[int]) -> bool:
        """Whether the numbers every present version writes in the passage (in digits or in words) are nowhere
        in version ``k``'s text around it (two units on each side): then the passage is absent, however its
        neighbours' lengths came out (a sentence split elsewhere in the paragraph hides the loss in lengths)."""
        al = self.alignment
        docs = al.documents
        common: frozenset[str] | None = None
        for j in present:
            keys = number_keys(al.texts(al.units[u], j), docs[j].language)
            common = keys if common is None else common & keys
            if not common:
                return False
        around = range(max(0, u - 2), min(len(al.units), u + 3))
        here = number_keys(self._texts(k, around), docs[k].language)
        return bool(common) and not common & here

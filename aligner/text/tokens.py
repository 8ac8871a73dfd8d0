"""Words of a text: the token patterns and the :class:`Token` of the glossary and names analysis.

Three word patterns, kept as their callers had them (each changes what is found):

* :data:`TOKEN` -- the glossary's and the names analysis's words (:func:`tokenize`): letters,
  marks, digits and zero-width joiners, inner apostrophes, and dotted acronyms (``U.S.``) as one word.
* :data:`NAME_WORD` -- document grouping's words: the same without digits and joiners.
* :data:`LETTERS` -- the sentence aligner's words (``aligner.align.anchors``): runs of letters and
  marks, apostrophes and dots splitting them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import regex

from .acronyms import is_acronym
from .fold import fold
from .scripts import first_letter_script

TOKEN = regex.compile(r"(?:\p{Lu}\.){2,}|[\p{L}\p{M}\p{N}\u200c\u200d]+(?:['’][\p{L}\p{M}]+)*")
NAME_WORD = regex.compile(r"(?:\p{Lu}\.){2,}|[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*")
LETTERS = r"[\p{L}\p{M}]+"

#: Letters an acronym of the glossary has at most (:func:`aligner.text.acronyms.is_acronym`).
TOKEN_ACRONYM_LETTERS = 8


class Token(NamedTuple):
    """A word of a text: its surface, its span, and its case-folded form (dots and joiners removed).

    A named tuple, not a dataclass: texts are cut into many of them, and a tuple is made several
    times faster.
    """

    text: str
    start: int
    end: int
    folded: str
    acronym: bool
    script: str
    letters: int


#: :func:`fold`, memoised (the same words recur).
fold_cached = lru_cache(maxsize=1 << 16)(fold)


def script_of(word: str) -> str:
    """The script of a word's first letter, ``Zyyy`` when there is none (a :class:`Token`'s ``script``)."""
    return first_letter_script(word) or "Zyyy"


def tokenize(text: str) -> list[Token]:
    """The words of ``text`` with their character spans (``U.S.`` is one word; hyphens and punctuation split)."""
    return list(tokens_of(text))


@lru_cache(maxsize=8192)
def tokens_of(text: str) -> tuple[Token, ...]:
    """:func:`tokenize` as a tuple, memoised (texts recur)."""
    # tuple.__new__ on the field values directly: a quarter faster than Token(...) per word
    return tuple([_new_tuple(Token, (m.group(), *m.span(), *shape(m.group()))) for m in TOKEN.finditer(text)])


_new_tuple = tuple.__new__


def token_at(word: str, start: int) -> Token:
    """The token of ``word`` found at ``start``."""
    return _new_tuple(Token, (word, start, start + len(word), *shape(word)))


@lru_cache(maxsize=1 << 16)
def shape(word: str) -> tuple[str, bool, str, int]:
    """A word's folded form, acronym flag, script and letter count (memoised: words recur)."""
    folded = fold(word)
    return folded, is_acronym(word, TOKEN_ACRONYM_LETTERS), script_of(word), sum(ch.isalpha() for ch in folded)


def word_set(text: str) -> frozenset[str]:
    """The distinct words of ``text``, as :func:`tokenize` cuts them (read in C: no Token objects)."""
    return frozenset(TOKEN.findall(text))

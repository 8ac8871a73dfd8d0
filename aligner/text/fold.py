"""Case and accent folding: two rules, kept apart because their callers' outputs depend on them.

* :func:`fold` -- the glossary's and the names analysis's form of a word (a
  :class:`~aligner.text.tokens.Token`'s ``folded``): NFC, full case folding, dots and zero-width
  (non-)joiners removed; accents are **kept** (``Müller`` -> ``müller``, ``U.S.`` -> ``us``).
* :func:`fold_accents` -- the sentence aligner's cognate form (``aligner.align.anchors.fold``):
  lower case with accents **stripped** (NFKD, combining marks dropped: ``Kangchendzönga`` ->
  ``kangchendzonga``); dots and joiners are kept, and an ASCII word is only lower-cased.

The two differ on accents, compatibility characters (``ﬁ``), dots and joiners; each caller keeps
its own.
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """The case-folded form of a word: NFC, casefolded, dots and zero-width joiners removed (accents kept)."""
    return unicodedata.normalize("NFC", text).casefold().replace(".", "").replace("\u200c", "").replace("\u200d", "")


def fold_accents(word: str) -> str:
    """Lower-case ``word`` and strip accents (``'Kangchendzönga'`` -> ``'kangchendzonga'``)."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))

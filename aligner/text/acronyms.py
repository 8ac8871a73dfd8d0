"""Is this word an acronym? Two rules and three length limits, kept as their callers had them.

* :func:`is_acronym` -- letter rule: at least two letters (``str.isalpha``), every one of them a
  capital; dots, digits and other non-letters are ignored (``U.S.``, ``COVID-19``). ``max_len``
  bounds the number of letters: the glossary's term kinds use 8 (``guess_kind``, the
  ``Token.acronym`` flag), the names analysis none.
* :func:`is_capitals` -- case rule of document grouping: the word without its dots is
  ``str.isupper()`` (some cased character, no lower-case one). Uncased letters (Han, Devanagari)
  and digits do not count against it (``ABC中`` and ``A4`` pass, which the letter rule refuses),
  and its length counts every character but dots: grouping looks up names of at most 6
  (``max_len=6``) and takes acronyms of at least 2 (``min_len=2``).
"""

from __future__ import annotations


def is_acronym(word: str, max_len: int | None = None) -> bool:
    """Two or more letters, all capitals (other characters ignored); at most ``max_len`` letters if given."""
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters) and (max_len is None or len(letters) <= max_len)


def is_capitals(word: str, *, min_len: int = 0, max_len: int | None = None) -> bool:
    """``word`` without dots is upper case (``str.isupper``) and ``min_len`` to ``max_len`` characters long."""
    letters = word.replace(".", "")
    return letters.isupper() and len(letters) >= min_len and (max_len is None or len(letters) <= max_len)


def acronym_key(text: str) -> str:
    """``U.S.`` -> ``US`` (dots and spaces dropped, case kept)."""
    return text if text.isalnum() else "".join(ch for ch in text if ch.isalnum())

"""Retired: the frozen copy of the old number extraction is gone (see ``test_numbers_fast.py``).

``tests/checks/numbers_reference.py`` (owned with ``tests/checks``) still imports the two names
below from here; they are now the live extraction, which ``test_numbers_fast.py`` pins with
expected readings. Delete this file once that import points at :mod:`aligner.facts.numbers`.
"""

from __future__ import annotations

from aligner.facts.numbers import NumberMention, extract_numbers

__all__ = ["NumberMention", "extract_numbers"]

"""Checks: a registry of coded checks (``aligner checks`` lists them) and the policy that grades them.

One module per family holds its analysis and its check classes; importing it registers them.
"""

from . import l10n, language, names, numbers, structure, terms  # noqa: F401  (registers the built-in checks)
from .registry import REGISTRY, all_checks, describe_checks, get_check, register

__all__ = ["REGISTRY", "all_checks", "describe_checks", "get_check", "register"]

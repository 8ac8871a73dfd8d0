"""Writing-system detection (ISO 15924): the rule lives in :mod:`aligner.text.scripts`.

Re-exported here for the language identifier and for the modules that import it from this
place (``checks.names``, ...).
"""

from __future__ import annotations

from ..text.scripts import char_script, dominant_of, dominant_script, script_counts

__all__ = ["char_script", "dominant_of", "dominant_script", "script_counts"]

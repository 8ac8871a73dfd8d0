"""Signatures: a compact, stable string of the settings that produced a result.

Modelled on sacrebleu's signatures (``nrefs:1|case:mixed|tok:13a|version:2.x``):
``aligner:align|band:auto|lid:combo|version:0.1.0``. Keys are sorted so that the
same settings always give the same string; the version comes last.
"""

from __future__ import annotations

from collections.abc import Mapping

from ._version import __version__


def make_signature(kind: str, settings: Mapping[str, object]) -> str:
    """Return ``aligner:<kind>|k:v|...|version:X`` with keys in sorted order."""
    parts = [f"aligner:{kind}"]
    for key in sorted(settings):
        value = settings[key]
        if isinstance(value, bool):
            text = "yes" if value else "no"
        elif isinstance(value, (list, tuple)):
            text = ",".join(str(v) for v in value) or "-"
        elif value is None:
            text = "-"
        else:
            text = str(value)
        parts.append(f"{key}:{text}")
    parts.append(f"version:{__version__}")
    return "|".join(parts)

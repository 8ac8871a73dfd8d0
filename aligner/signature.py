"""Signatures: a compact, stable string of the settings that produced a result.

Modelled on sacrebleu's signatures (``nrefs:1|case:mixed|tok:13a|version:2.x``), built from one
small class instead of string surgery: a :class:`Signature` has a name, ordered settings and the
version, rendered ``aligner:<name>|key:value|...|version:X`` with the version last and only once.
A setting may itself be a :class:`Signature` (the alignment settings a check run used); it is
rendered nested, in brackets and without name or version::

    aligner:check|align:[group:yes;multiway:star-median;pair:[band:6;...]]|...|version:0.1.0
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ._version import __version__

__all__ = ["Signature", "make_signature"]


def _value(value: object) -> str:
    if isinstance(value, Signature):
        return "[" + value.render_settings(";") + "]"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value) or "-"
    if value is None:
        return "-"
    return str(value)


@dataclass(frozen=True)
class Signature:
    """The settings behind a result: ``name``, ``settings`` in the order given, and ``version``.

    >>> str(Signature.of("detect", {"segments": True, "candidates": "all"}, version="0.1.0"))
    'aligner:detect|candidates:all|segments:yes|version:0.1.0'
    """

    name: str
    settings: tuple[tuple[str, object], ...] = ()
    version: str = __version__

    @classmethod
    def of(cls, name: str, settings: Mapping[str, object], *, version: str = __version__) -> Signature:
        """A signature with ``settings`` in sorted key order, so equal settings always give the same string."""
        return cls(name, tuple((key, settings[key]) for key in sorted(settings)), version)

    def render_settings(self, sep: str = "|") -> str:
        """Only the settings, ``key:value`` joined with ``sep`` (how a nested signature is written)."""
        return sep.join(f"{key}:{_value(value)}" for key, value in self.settings)

    def render(self) -> str:
        """``aligner:<name>|key:value|...|version:X``."""
        parts = [f"aligner:{self.name}"]
        if self.settings:
            parts.append(self.render_settings("|"))
        parts.append(f"version:{self.version}")
        return "|".join(parts)

    def __str__(self) -> str:
        return self.render()


def make_signature(kind: str, settings: Mapping[str, object]) -> str:
    """Return ``aligner:<kind>|k:v|...|version:X`` with keys in sorted order (see :class:`Signature`)."""
    return Signature.of(kind, settings).render()

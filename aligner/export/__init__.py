"""Alignment exporters: one interface (:class:`AlignmentExporter`), every format registered here.

>>> sorted(EXPORTERS)
['json', 'jsonl', 'moses', 'tmx', 'tsv', 'vecalign']

``get_exporter("tmx").write(alignments, "out.tmx", unmatched=grouping.unmatched)`` writes a file;
:func:`exporter_for_path` picks the format from a file name.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Sequence
from pathlib import Path

from ..errors import ConfigError
from ..model import Alignment
from .corpus import AlignmentExporter, UnmatchedLike, as_alignments
from .jsonl import JsonExporter, JsonlExporter
from .moses import MosesExporter
from .tmx import TmxExporter
from .tsv import TsvExporter
from .vecalign import VecalignExporter

#: Format name -> exporter class; the single place formats are listed.
EXPORTERS: dict[str, type[AlignmentExporter]] = {}


def register(cls: type[AlignmentExporter]) -> type[AlignmentExporter]:
    """Add an exporter class under its ``name``; a second class with the same name is refused."""
    if cls.name in EXPORTERS:
        raise ValueError(f"exporter {cls.name!r} is already registered by {EXPORTERS[cls.name].__name__}")
    EXPORTERS[cls.name] = cls
    return cls


for _cls in (JsonExporter, JsonlExporter, TsvExporter, TmxExporter, MosesExporter, VecalignExporter):
    register(_cls)
del _cls


def get_exporter(name: str, **options: object) -> AlignmentExporter:
    """The exporter for format ``name``, built with its ``options`` (e.g. ``stem`` for moses)."""
    cls = EXPORTERS.get(name)
    if cls is None:
        raise ConfigError("format", f"unknown format {name!r}; choose one of {', '.join(sorted(EXPORTERS))}")
    try:
        inspect.signature(cls).bind(**options)
    except TypeError:
        raise ConfigError("format", f"format {name!r} does not take options {sorted(options)}") from None
    return cls(**options)


def exporter_for_path(path: str | os.PathLike[str]) -> AlignmentExporter:
    """The exporter whose extension ``path`` ends with (``out.tmx`` -> tmx)."""
    name = Path(path).name.lower()
    for fmt in sorted(EXPORTERS):
        if any(name.endswith(ext) for ext in EXPORTERS[fmt].extensions):
            return EXPORTERS[fmt]()
    formats = ", ".join(sorted(EXPORTERS))
    raise ConfigError(str(path), f"cannot tell the format from the file name; give one of {formats}")


def write_alignments(
    alignments: Alignment | Sequence[Alignment],
    path: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    unmatched: Sequence[UnmatchedLike] = (),
) -> tuple[Path, ...]:
    """Write ``alignments`` to ``path`` in format ``fmt`` (from the extension when ``None``); the paths written."""
    exporter = get_exporter(fmt) if fmt else exporter_for_path(path)
    return exporter.write(as_alignments(alignments), path, unmatched=unmatched)


__all__ = [
    "EXPORTERS",
    "AlignmentExporter",
    "JsonExporter",
    "JsonlExporter",
    "MosesExporter",
    "TmxExporter",
    "TsvExporter",
    "UnmatchedLike",
    "VecalignExporter",
    "exporter_for_path",
    "get_exporter",
    "register",
    "write_alignments",
]

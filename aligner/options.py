"""The settings of a run, in one value: what the CLI builds once per command and every verb takes.

``check_paths``, ``audit_paths``, ``score_paths`` and ``score_with_reference`` (in
:mod:`aligner.pipeline`) all take a :class:`RunOptions`; a notebook builds one the same way::

    opts = RunOptions(presegmented=True, candidates=("lt", "da"))
    run = check_paths(["corpus/"], opts)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from .checks.config import CheckConfig


@dataclass(frozen=True)
class RunOptions:
    """The settings the path pipelines share.

    ``config``: the check configuration (severity overrides, disabled codes, ``fail-on``,
    baseline, glossary path); ``presegmented``: one segment per non-empty line, untouched;
    ``encoding``: of the input files (``None``: UTF-8); ``candidates``: ISO 639 codes the
    language detection may choose from (``None``: all); ``glossary``: a termbase already loaded
    with :func:`aligner.facts.glossary.load_glossary` (``None``: the one ``config`` names, if any);
    ``jobs``: worker processes for the checks (``None``: :func:`aligner.pipeline.auto_jobs`); the
    findings do not depend on it.
    """

    config: CheckConfig = CheckConfig()
    presegmented: bool = False
    encoding: str | None = None
    candidates: tuple[str, ...] | None = None
    glossary: object | None = None
    jobs: int | None = None

    def __post_init__(self) -> None:
        # Callers pass lists (the CLI's --languages); keep the options immutable.
        if self.candidates is not None and not isinstance(self.candidates, tuple):
            object.__setattr__(self, "candidates", tuple(self.candidates))

    def replace(self, **changes: Any) -> RunOptions:
        """A copy with ``changes`` (field names as keywords); ``self`` when there are none."""
        return dataclasses.replace(self, **changes) if changes else self

    def reader_options(self) -> dict[str, object]:
        """The options for :func:`aligner.io.formats.read_paths`: the reading settings that are set.

        Settings left at their default are not passed, so a reader that does not take them
        (a catalog has no ``presegmented``) is only refused when the user asks for one.
        """
        out: dict[str, object] = {"candidates": self.candidates}
        if self.presegmented:
            out["presegmented"] = True
        if self.encoding is not None:
            out["encoding"] = self.encoding
        return out


__all__ = ["RunOptions"]

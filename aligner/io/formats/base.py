"""The one interface of document readers (:class:`DocumentReader`), the counterpart of the exporters'.

A reader has a ``name``, the file ``extensions`` it claims, the ``defaults`` of the options it
takes, and :meth:`DocumentReader.read`, which turns one file into one or more :class:`Document`
(a bilingual catalog yields two, with ids ``<path>#source`` and ``<path>#target``). Readers
register in :data:`aligner.io.formats.READERS`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from types import MappingProxyType
from typing import ClassVar

from ...errors import ConfigError
from ...model import Document

#: Options every reader takes: ``candidates``, the ISO 639 codes language detection may choose from.
SHARED_OPTIONS: Mapping[str, object] = MappingProxyType({"candidates": None})


class DocumentReader(ABC):
    """Reads one file into documents; validates its own options."""

    #: Reader name (``aligner.io.formats.get_reader(name)``).
    name: ClassVar[str]
    #: File name endings this reader claims, lower case (``(".txt",)``); a directory lists these files.
    extensions: ClassVar[tuple[str, ...]]
    #: The options this reader takes and their defaults (besides :data:`SHARED_OPTIONS`).
    defaults: ClassVar[Mapping[str, object]] = MappingProxyType({})

    def accepts(self, path: str) -> bool:
        """Whether ``path``'s name ends with one of :attr:`extensions`."""
        name = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
        return any(name.endswith(ext) for ext in self.extensions)

    def options(self, given: Mapping[str, object] | None = None) -> dict[str, object]:
        """``given`` over the defaults; an option this reader does not take is a :class:`ConfigError`."""
        given = dict(given or {})
        known = {**SHARED_OPTIONS, **self.defaults}
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise ConfigError(
                self.name,
                f"the {self.name} reader does not take {', '.join(unknown)}; it takes {', '.join(sorted(known))}",
            )
        candidates = given.get("candidates")
        if candidates is not None:
            if isinstance(candidates, str) or not all(isinstance(c, str) for c in candidates):  # type: ignore[union-attr]
                raise ConfigError("candidates", "give a sequence of ISO 639 codes, e.g. ('lt', 'da')")
            given["candidates"] = tuple(candidates)  # type: ignore[arg-type]
        self.validate({**known, **given})
        return {**known, **given}

    def validate(self, options: Mapping[str, object]) -> None:  # noqa: B027 - a hook, empty by default
        """Refuse bad option values with a :class:`ConfigError` (all options present, defaults filled in)."""

    def check_file(self, path: str, options: Mapping[str, object] | None = None) -> None:
        """Raise the :class:`~aligner.errors.InputError` :meth:`read` would raise for a file it cannot read, doing
        as little of the reading as that takes (``--keep-going`` sorts out the unreadable files with it).

        The default reads the whole file; a reader overrides it with the part of its reading that can fail."""
        self.read(path, options)

    @abstractmethod
    def read(self, path: str, options: Mapping[str, object] | None = None) -> tuple[Document, ...]:
        """The documents in file ``path``, read under ``options`` (see :meth:`options`)."""

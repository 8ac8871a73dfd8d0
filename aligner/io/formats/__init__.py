"""Document readers: one interface (:class:`DocumentReader`), every input format registered here.

>>> sorted(READERS)
['catalog', 'text']

A file goes to the reader that claims its extension (:func:`reader_for_path`; a file no reader
claims is read as plain text, as it always was); a directory means the files some reader claims,
sorted (:func:`expand_paths`). Adding a format is a module with a :class:`DocumentReader` and one
line in the ``register`` loop below.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ...errors import ConfigError, InputError
from ...model import Document
from .base import SHARED_OPTIONS, DocumentReader
from .catalog import CatalogReader
from .text import PlainTextReader

#: Reader name -> reader; the single place input formats are listed.
READERS: dict[str, DocumentReader] = {}

#: The reader of files whose extension no reader claims.
DEFAULT_READER = "text"


def register(reader: DocumentReader) -> DocumentReader:
    """Add ``reader`` under its ``name``; a second reader with the same name or extension is refused."""
    if reader.name in READERS:
        raise ValueError(f"reader {reader.name!r} is already registered by {type(READERS[reader.name]).__name__}")
    for other in READERS.values():
        shared = set(reader.extensions) & set(other.extensions)
        if shared:
            raise ValueError(f"reader {reader.name!r} claims {sorted(shared)}, already claimed by {other.name!r}")
    READERS[reader.name] = reader
    return reader


for _reader in (PlainTextReader(), CatalogReader()):
    register(_reader)
del _reader


def get_reader(name: str) -> DocumentReader:
    """The reader called ``name``."""
    reader = READERS.get(name)
    if reader is None:
        raise ConfigError("reader", f"unknown input format {name!r}; choose one of {', '.join(sorted(READERS))}")
    return reader


def reader_for_path(path: str) -> DocumentReader:
    """The reader that claims ``path``'s extension; plain text when none does."""
    for name in sorted(READERS):
        if READERS[name].accepts(path):
            return READERS[name]
    return READERS[DEFAULT_READER]


def extensions() -> tuple[str, ...]:
    """Every extension some reader claims, in registry order."""
    return tuple(ext for reader in READERS.values() for ext in reader.extensions)


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Turn the user's arguments into files: a directory means the files some reader claims, sorted.

    (In a directory the extension is matched as written, ``*.txt`` as a shell would; a file given
    by name goes to :func:`reader_for_path` whatever its extension.)

    Raises :class:`InputError` for a missing path or a directory without such files.
    """
    exts = extensions()
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files = sorted(str(f) for f in path.iterdir() if f.is_file() and f.name.endswith(exts))
            if not files:
                others = ", ".join(f"*{ext}" for ext in exts if ext != ".txt")
                raise InputError(p, f"directory holds no *.txt or localization files ({others}); "
                                    "give text files or another folder")
            out.extend(files)
        elif path.exists():
            out.append(p)
        else:
            raise InputError(p, "no such file or directory; check the path")
    return out


def survey(paths: Iterable[str]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """What the directories among ``paths`` hold for the readers: (file, reader name) of the files read, and
    (file, why) of the files left out, both sorted. Files named one by one are not surveyed (they are read)."""
    exts = extensions()
    read: list[tuple[str, str]] = []
    skipped: list[tuple[str, str]] = []
    for p in paths:
        path = Path(p)
        if not path.is_dir():
            continue
        for f in sorted(path.iterdir()):
            if f.is_dir():
                skipped.append((str(f), "a directory, not read recursively"))
            elif f.name.endswith(exts):
                read.append((str(f), reader_for_path(str(f)).name))
            elif f.is_file():
                skipped.append((str(f), "no reader for this kind of file"))
    return read, skipped


def survey_line(paths: Iterable[str], unreadable: Iterable[str] = ()) -> str | None:
    """One line that says what the directories among ``paths`` held: ``read 6 files (4 catalog, 2 text);
    skipped 2: notes.rst (no reader ...), img/ (a directory ...)``; ``None`` when no directory was given.

    ``unreadable``: files a ``--keep-going`` run could not read (already named one by one): counted apart,
    ``read 4 files (4 catalog); 2 could not be read``."""
    paths = list(paths)
    if not any(Path(p).is_dir() for p in paths):
        return None
    read, skipped = survey(paths)
    bad = set(unreadable)
    unread = [f for f, _name in read if f in bad]
    read = [(f, name) for f, name in read if f not in bad]
    if not read and not unread:
        return None  # (the reader says, as an error, that there is nothing to read)
    kinds: dict[str, int] = {}
    for _f, name in read:
        kinds[name] = kinds.get(name, 0) + 1
    line = f"read {len(read)} files ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))})"
    if unread:
        line += f"; {len(unread)} could not be read"
    if skipped:
        shown = ", ".join(f"{Path(f).name} ({why})" for f, why in skipped[:5])
        line += f"; skipped {len(skipped)}: {shown}" + (", ..." if len(skipped) > 5 else "")
    return line


def readable_files(paths: Sequence[str], options: Mapping[str, object] | None = None
                   ) -> tuple[list[str], list[InputError]]:
    """``--keep-going``: the files of ``paths`` (see :func:`expand_paths`) that their readers can read, in order, and
    the error of each one they cannot (an unterminated PO string, XLIFF that is not well-formed...).

    A missing path or a directory with nothing to read is still an error at once (a mistake in the command, not
    a bad file among good ones).
    """
    good: list[str] = []
    bad: list[InputError] = []
    for path in expand_paths(paths):
        try:
            reader_for_path(path).check_file(path, options)
        except InputError as exc:
            bad.append(exc)
        else:
            good.append(path)
    return good, bad


def read_path(path: str, options: Mapping[str, object] | None = None) -> tuple[Document, ...]:
    """The documents in file ``path``, read by the reader that claims it under ``options``."""
    return reader_for_path(path).read(path, options)


def read_paths(paths: Sequence[str], options: Mapping[str, object] | None = None) -> list[Document]:
    """The documents of files and directories (see :func:`expand_paths`), in order.

    The source side of a bilingual file that repeats an earlier one exactly (every ``da.po``, ``lt.po``... of a
    gettext domain carries the same English msgids) is kept once, the first: the alignment takes one
    source per language anyway (:func:`aligner.align.keyed.one_source`), and detecting the languages of the
    same thousands of entries once per catalog was most of a catalog run's time.
    """
    out: list[Document] = []
    sources: set[tuple] = set()
    for p in expand_paths(paths):
        for doc in read_path(p, options):
            if doc.is_source and doc.keyed:
                same = (doc.language, doc.text, tuple(s.key for s in doc.segments))
                if same in sources:
                    continue
                sources.add(same)
            out.append(doc)
    return out


__all__ = [
    "DEFAULT_READER",
    "READERS",
    "SHARED_OPTIONS",
    "CatalogReader",
    "DocumentReader",
    "PlainTextReader",
    "expand_paths",
    "extensions",
    "get_reader",
    "read_path",
    "read_paths",
    "readable_files",
    "survey",
    "survey_line",
    "register",
    "reader_for_path",
]

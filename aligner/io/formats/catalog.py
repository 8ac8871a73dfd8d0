"""Localization files as documents: gettext PO, XLIFF, TMX, JSON, YAML, properties, Android, Apple, Markdown, HTML.

The parsing is :mod:`aligner.l10n`'s (one parser per format, each entry with the line and column of its
text); this reader turns a parsed :class:`~aligner.l10n.model.Catalog` into documents whose segments are
its entries, keyed (:func:`~aligner.io.formats.build.keyed_document`):

- a **bilingual** file (PO, XLIFF, TMX) gives two documents, ``<path>#source`` (marked
  :attr:`~aligner.model.Document.is_source`: the PO ``msgid``, the XLIFF ``<source>``) and ``<path>#target``;
  a template (``.pot``) or a file with no translation yet gives the source alone;
- a **monolingual** file (``de.json``, ``strings.xml``, ``README.lt.md``) gives one document, in the
  language its name or content declares (detected from its text when it declares none).

Obsolete PO entries are left out; an untranslated entry (empty ``msgstr``) has no target segment, so the
key is absent from the target. A plural entry gives one segment per form, all under its key (the n-th
repeat keyed ``key\x00n`` by :func:`~aligner.io.formats.build.keyed_document`): ``msgid`` and ``msgid_plural``
in the source, ``msgstr[0]``... in the target, an empty form kept as an empty segment; and the entry's state
(``fuzzy``, ``needs-review``) is kept per key.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from ...l10n import parse_path
from ...l10n.detect import EXTENSIONS
from ...l10n.model import Catalog, CatalogUnit, TextSpan
from ...langid.codes import canonical
from ...model import Document
from .base import DocumentReader
from .build import Entry, keyed_document


def _language(code: str | None) -> str | None:
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].lower()
    try:
        return canonical(base)
    except Exception:  # noqa: BLE001 - an unknown code: detect from the text instead
        return None


def _state(state: str | None, flags: Sequence[str]) -> str | None:
    """The entry's state and its format flags as one state string (``"fuzzy, python-format"``), the form
    :attr:`~aligner.model.Document.states` holds; ``translated`` alone is no state worth keeping."""
    words = [state] if state and state != "translated" else []
    words += [f for f in flags if f != "fuzzy"]
    return ", ".join(words) or None


class CatalogReader(DocumentReader):
    """Reads a localization file into its source and target documents (see the module docstring)."""

    name = "catalog"
    extensions = tuple(ext for ext in EXTENSIONS if ext != ".sdlxliff")
    defaults: Mapping[str, object] = MappingProxyType({"strict_plurals": True})

    def accepts(self, path: str) -> bool:
        """The localization extensions, and Android's ``strings.xml`` (any ``.xml`` named so)."""
        name = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
        return super().accepts(path) or (name.endswith(".xml") and "strings" in name)

    def check_file(self, path: str, options: Mapping[str, object] | None = None) -> None:
        """Parsing is what can fail (building the documents from a parsed catalog cannot)."""
        parse_path(path, strict_plurals=bool(self.options(options)["strict_plurals"]))

    def read(self, path: str, options: Mapping[str, object] | None = None) -> tuple[Document, ...]:
        opts = self.options(options)
        catalog = parse_path(path, strict_plurals=bool(opts["strict_plurals"]))
        return catalog_documents(catalog, path, opts["candidates"])  # type: ignore[arg-type]


def _target_forms(unit: CatalogUnit) -> tuple[TextSpan, ...]:
    """The target texts of ``unit`` as entries: its plural forms (``msgstr[0]``, ``msgstr[1]``... or the CLDR
    categories of an Android ``<plurals>``), each one an entry, an empty form kept (it is a finding); nothing
    when every form is empty (an untranslated entry)."""
    if unit.target is None:
        return ()
    forms = unit.plural_forms or (unit.target,)
    return forms if any(f.text.strip() for f in forms) else ()


def catalog_documents(catalog: Catalog, path: str, candidates: Sequence[str] | None = None) -> tuple[Document, ...]:
    """The documents of a parsed localization file (see the module docstring); pure."""
    units = [u for u in catalog.units if u.state != "obsolete"]
    bilingual = any(u.source is not None for u in units)
    targets = [Entry(u.key, form.text, form.line, form.column, _state(u.state, u.flags))
               for u in units for form in _target_forms(u)]
    if not bilingual:
        return (keyed_document(path, targets, language=_language(catalog.target_language),
                               candidates=candidates),)  # type: ignore[arg-type]
    sources = [Entry(u.key, form.text, form.line, form.column)
               for u in units if u.source is not None and u.source.text.strip()
               for form in (u.source, *((u.source_plural,) if u.source_plural is not None else ()))]
    docs = [keyed_document(path, sources, language=_language(catalog.source_language),
                           id=f"{path}#source", is_source=True, candidates=candidates)]  # type: ignore[arg-type]
    if targets:
        docs.append(keyed_document(path, targets, language=_language(catalog.target_language),
                                   id=f"{path}#target", candidates=candidates))  # type: ignore[arg-type]
    return tuple(docs)

"""The neutral structure every localization parser returns: a :class:`Catalog` of :class:`CatalogUnit`."""

from __future__ import annotations

from dataclasses import dataclass

FORMATS = (
    "po",
    "xliff",
    "tmx",
    "json",
    "yaml",
    "properties",
    "android",
    "apple-strings",
    "markdown",
    "html",
)


@dataclass(frozen=True)
class TextSpan:
    """A text and where it sits in its file: 1-based line and column (in code points) of its first character.

    For an empty text the position is where the text would start (just inside the quotes or tag).
    """

    text: str
    line: int
    column: int


@dataclass(frozen=True)
class CatalogUnit:
    """One translatable entry.

    ``key`` is stable across the language versions of one file (msgctxt + ``\\x04`` + msgid for PO,
    trans-unit id for XLIFF, key path ``a.b.c`` for JSON/YAML, structural path for Markdown/HTML).
    Bilingual formats fill ``source``; monolingual ones leave it ``None`` and put the value in ``target``.
    For plurals ``target`` is the first form and ``plural_forms`` holds every form in file order
    (PO ``msgstr[n]``) or CLDR category order (Android, i18next, Rails); ``flags`` then names the
    categories as ``plurals=one,few,other``.
    """

    key: str
    source: TextSpan | None
    target: TextSpan | None
    plural_forms: tuple[TextSpan, ...] = ()
    source_plural: TextSpan | None = None
    state: str | None = None
    notes: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalog:
    """The units of one localization file, with the languages it declares or its name implies."""

    path: str
    format: str
    source_language: str | None
    target_language: str | None
    units: tuple[CatalogUnit, ...]
    plural_header: str | None = None

    def unit(self, key: str) -> CatalogUnit | None:
        """The unit with this key, or ``None``."""
        for u in self.units:
            if u.key == key:
                return u
        return None

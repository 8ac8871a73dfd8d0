"""XLIFF 1.2 and 2.x and TMX, with lxml (line numbers from ``sourceline``; inline markup kept as XML text)."""

from __future__ import annotations

from lxml import etree

from ..errors import InputError
from ._common import language_from_path, normalise_language
from ._xml import Positions, child, children, inner_xml, localname, parse_xml
from .model import Catalog, CatalogUnit

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse_xliff(data: bytes | str, path: str = "<xliff>") -> Catalog:
    """Parse XLIFF 1.2 (``<file>/<body>/<trans-unit>``) or 2.x (``<file>/<unit>/<segment>``)."""
    root, index = parse_xml(data, path, "XLIFF")
    if localname(root) != "xliff":
        raise InputError(
            path, f"line {root.sourceline}: root element is <{localname(root)}>, not <xliff>; give an XLIFF file"
        )
    pos = Positions(root, index)
    version = root.get("version", "")
    if version.startswith("2") or root.get("srcLang") is not None:
        return _xliff2(root, pos, path)
    return _xliff1(root, pos, path)


def _span(pos: Positions, el: etree._Element | None):
    if el is None:
        return None
    return pos.text_span(el, inner_xml(el))


def _notes(el: etree._Element, name: str = "note") -> tuple[str, ...]:
    return tuple((n.text or "").strip() for n in el.iter("{*}" + name) if (n.text or "").strip())


def _xliff1(root: etree._Element, pos: Positions, path: str) -> Catalog:
    files = list(root.iter("{*}file"))
    src_lang = trg_lang = None
    units: list[CatalogUnit] = []
    for f in files:
        src_lang = src_lang or normalise_language(f.get("source-language"))
        trg_lang = trg_lang or normalise_language(f.get("target-language"))
        prefix = (f.get("original", "") + "/") if len(files) > 1 else ""
        for tu in f.iter("{*}trans-unit"):  # lxml's C-level filter, any namespace
            if tu.get("translate") == "no":
                continue
            source, target = child(tu, "source"), child(tu, "target")
            if source is None:
                raise InputError(path, f"line {tu.sourceline}: <trans-unit> without <source>; add the source text")
            tspan = _span(pos, target)
            approved = tu.get("approved") == "yes"
            state = target.get("state") if target is not None else None
            if state is None:
                state = "approved" if approved else ("translated" if tspan and tspan.text.strip() else "new")
            units.append(
                CatalogUnit(
                    key=prefix + (tu.get("id") or tu.get("resname") or f"trans-unit[{len(units)}]"),
                    source=_span(pos, source),
                    target=tspan,
                    state=state,
                    notes=_notes(tu),
                    flags=("approved",) if approved else (),
                )
            )
    return Catalog(
        path=path,
        format="xliff",
        source_language=src_lang,
        target_language=trg_lang or language_from_path(path),
        units=tuple(units),
    )


def _xliff2(root: etree._Element, pos: Positions, path: str) -> Catalog:
    files = [f for f in root if localname(f) == "file"]
    units: list[CatalogUnit] = []
    for f in files:
        prefix = (f.get("id", "") + "/") if len(files) > 1 else ""
        for unit in f.iter("{*}unit"):
            if unit.get("translate") == "no":
                continue
            segments = children(unit, "segment")
            notes = tuple(n for nn in children(unit, "notes") for n in _notes(nn))
            for i, seg in enumerate(segments):
                key = prefix + unit.get("id", f"unit[{len(units)}]")
                if len(segments) > 1:
                    key += "/" + (seg.get("id") or str(i))
                source, target = child(seg, "source"), child(seg, "target")
                if source is None:
                    raise InputError(path, f"line {seg.sourceline}: <segment> without <source>; add the source text")
                tspan = _span(pos, target)
                state = seg.get("state") or ("translated" if tspan and tspan.text.strip() else "initial")
                units.append(CatalogUnit(key=key, source=_span(pos, source), target=tspan, state=state, notes=notes))
    return Catalog(
        path=path,
        format="xliff",
        source_language=normalise_language(root.get("srcLang")),
        target_language=normalise_language(root.get("trgLang")) or language_from_path(path),
        units=tuple(units),
    )


def _same_language(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    a, b = a.lower().replace("_", "-"), b.lower().replace("_", "-")
    return a == b or a.split("-")[0] == b.split("-")[0]


def parse_tmx(data: bytes | str, path: str = "<tmx>", target_language: str | None = None) -> Catalog:
    """Parse TMX: one unit per ``<tu>`` (key ``tuid`` or ``tu[i]``), source = the ``srclang`` variant, target = the
    variant in ``target_language`` (default: the first other language in the file)."""
    root, index = parse_xml(data, path, "TMX")
    if localname(root) != "tmx":
        raise InputError(
            path, f"line {root.sourceline}: root element is <{localname(root)}>, not <tmx>; give a TMX file"
        )
    pos = Positions(root, index)
    header = child(root, "header")
    srclang = header.get("srclang") if header is not None else None
    if srclang == "*all*":
        srclang = None
    body = child(root, "body")
    tus = [] if body is None else children(body, "tu")

    def lang(tuv: etree._Element) -> str | None:
        return tuv.get(_XML_LANG) or tuv.get("lang")

    if srclang is None:
        first = next((children(tu, "tuv") for tu in tus if children(tu, "tuv")), [])
        srclang = lang(first[0]) if first else None
    if target_language is None:
        for tu in tus:
            for tuv in children(tu, "tuv"):
                if lang(tuv) and not _same_language(lang(tuv), srclang):
                    target_language = lang(tuv)
                    break
            if target_language:
                break
    units: list[CatalogUnit] = []
    for i, tu in enumerate(tus):
        src = tgt = None
        for tuv in children(tu, "tuv"):
            seg = child(tuv, "seg")
            if seg is None:
                raise InputError(path, f"line {tuv.sourceline}: <tuv> without <seg>; add the segment text")
            if src is None and _same_language(lang(tuv), srclang):
                src = seg
            elif tgt is None and _same_language(lang(tuv), target_language):
                tgt = seg
        tspan = _span(pos, tgt)
        units.append(
            CatalogUnit(
                key=tu.get("tuid") or f"tu[{i}]",
                source=_span(pos, src),
                target=tspan,
                state="translated" if tspan and tspan.text.strip() else "new",
                notes=_notes(tu),
            )
        )
    return Catalog(
        path=path,
        format="tmx",
        source_language=normalise_language(srclang),
        target_language=normalise_language(target_language),
        units=tuple(units),
    )

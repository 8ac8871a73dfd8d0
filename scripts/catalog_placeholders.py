"""Run the placeholder comparison over every translated entry of gettext catalogs and print the issues.

    python scripts/catalog_placeholders.py ../shared/real/catalogs-dev/sphinx/{da,lt,te}.po

Uses translate-toolkit (the ``test`` extra) to read the catalogs; the checks themselves are the pure
:mod:`aligner.facts.placeholders` and :mod:`aligner.facts.plurals` functions. Fuzzy entries are skipped
(gettext does not use them). Plural entries are compared form by form against ``msgid_plural``
(form 0 also against ``msgid``; a form may drop the count, see :func:`check_plural_forms`).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path


def catalog_issues(path: Path) -> tuple[int, list[tuple[str, str, str, object]]]:
    """(translated entries, [(msgid, msgstr, flags, issue)]) of one catalog."""
    from translate.storage import factory

    from aligner.facts.placeholders import compare_placeholders
    from aligner.facts.plurals import check_plural_forms, parse_plural_forms_header

    store = factory.getobject(str(path))
    header = store.parseheader()
    language = header.get("Language") or path.stem
    plural_header = header.get("Plural-Forms")
    parsed = parse_plural_forms_header(plural_header) if plural_header else None
    entries, out = 0, []
    for unit in store.units:
        if unit.isheader() or not unit.istranslated() or unit.isfuzzy():
            continue
        entries += 1
        flags = [f.strip() for line in unit.typecomments for f in line.lstrip("#,").split(",") if f.strip()]
        if unit.hasplural():
            sources = [str(s) for s in unit.source.strings]
            forms = [str(s) for s in unit.target.strings]
            for issue in check_plural_forms(language, parsed.nplurals if parsed else None, forms,
                                            msgid=sources[0], msgid_plural=sources[-1], flags=flags,
                                            plural=parsed.plural if parsed else None):
                out.append((" | ".join(sources), " | ".join(forms), ",".join(flags), issue))
            continue
        for issue in compare_placeholders(str(unit.source), str(unit.target), language, flags):
            out.append((str(unit.source), str(unit.target), ",".join(flags), issue))
    return entries, out


def main(paths: list[str]) -> None:
    for p in paths:
        entries, issues = catalog_issues(Path(p))
        kinds = Counter(i.kind for *_, i in issues)
        print(f"== {p}: {entries} translated entries, {len(issues)} issues {dict(kinds)}")
        for src, tgt, flags, issue in issues:
            print(f"  [{issue.kind}/{issue.severity}] {issue.detail}\n    flags: {flags}\n    msgid:  {src!r}\n"
                  f"    msgstr: {tgt!r}")


if __name__ == "__main__":
    main(sys.argv[1:])

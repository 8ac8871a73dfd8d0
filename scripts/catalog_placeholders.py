"""Run the l10n fact comparisons over every translated entry of gettext catalogs and print the issues.

    python scripts/catalog_placeholders.py ../shared/real/catalogs-dev/sphinx/{da,lt,te}.po
    python scripts/catalog_placeholders.py --all FILE.po ...     # also markup and literals

Uses translate-toolkit (the ``test`` extra) to read the catalogs; the checks themselves are the pure
:mod:`aligner.facts` functions (placeholders, plurals, and with ``--all`` markup and literals). Fuzzy
entries are skipped (gettext does not use them). Plural entries go through :func:`check_plural_forms`
(each form against ``msgid_plural``; the singular form may do without what ``msgid`` does without).

Figures (2026-12-07)
--------------------
Sphinx 9.0.4 (``shared/real/catalogs-dev/sphinx``), placeholders and plurals: ``da`` 198 translated
entries, 0 issues; ``lt`` 124 entries, 0 issues; ``te`` 0 translated entries. Markup and literals: 0
(after fixing two false markup alarms on ``<<original entry>>``). Every placeholder of the three
catalogs' python-format entries matched; damaged copies of the real entries (338) are all caught.

Django 5.2.20 (all 1226 catalogs of the wheel, 71255 translated entries; not in the repository),
every error read: placeholders and plural forms 20 errors, all real (10 sq ``{}th`` -> ``-të``, 6
sr_Latn singular forms without the count that also serve 21, 31..., ga ``%(x) r``, be ``%(value).s``,
mr ``{}`` -> ``{वा}``), 314 ``form_count`` errors (fr/es/it/pt/pt_BR/es_AR/he entries with more forms
than their header's nplurals: CLDR's new 'many' form added by the translation platform, which
gettext never selects under that header) and 299 infos (header vs CLDR counts;
one-n forms naming the count in words). Literals: 29 errors (typos in example file names, dropped or
added slashes, a wrong example, a word typed into a code span; a few localised examples that added
a slash) and 61 warnings (localised example paths and documentation URLs). Markup: 36 errors (escaped
``\\"`` breaking ``<a href>``, dropped ``<meta>``/``<q>``/``<strong>``/``<code>`` tags, stray
``<text_to_translate>`` tool tags) and 26 warnings (French ``<sup>er</sup>`` ordinals, an added
``<i>``, localised documentation links).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path


def _flags(unit) -> list[str]:
    return [f.strip() for line in unit.typecomments for f in line.lstrip("#,").split(",") if f.strip()]


def catalog_issues(path: Path, everything: bool = False) -> tuple[int, list[tuple[str, str, str, object]]]:
    """(translated entries, [(msgid, msgstr, flags, issue)]) of one catalog; ``everything`` adds markup
    and literal issues to the placeholder and plural ones."""
    from translate.storage import factory

    from aligner.facts.literals import compare_literals
    from aligner.facts.markup import compare_markup
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
        flags = _flags(unit)
        if unit.hasplural():
            sources = [str(s) for s in unit.source.strings]
            forms = [str(s) for s in unit.target.strings]
            for issue in check_plural_forms(language, parsed.nplurals if parsed else None, forms,
                                            msgid=sources[0], msgid_plural=sources[-1], flags=flags,
                                            plural=parsed.plural if parsed else None):
                out.append((" | ".join(sources), " | ".join(forms), ",".join(flags), issue))
            pairs = list(zip([sources[0]] + [sources[-1]] * (len(forms) - 1), forms))
        else:
            source, target = str(unit.source), str(unit.target)
            for issue in compare_placeholders(source, target, language, flags):
                out.append((source, target, ",".join(flags), issue))
            pairs = [(source, target)]
        if everything:
            for source, target in pairs:
                for issue in (*compare_markup(source, target), *compare_literals(source, target)):
                    out.append((source, target, ",".join(flags), issue))
    return entries, out


def main(args: list[str]) -> None:
    everything = "--all" in args
    for p in (a for a in args if a != "--all"):
        entries, issues = catalog_issues(Path(p), everything)
        kinds = Counter(f"{type(i).__name__}.{i.kind}/{getattr(i, 'severity', 'error')}" for *_, i in issues)
        print(f"== {p}: {entries} translated entries, {len(issues)} issues {dict(kinds)}")
        for src, tgt, flags, issue in issues:
            print(f"  [{issue.kind}/{getattr(issue, 'severity', 'error')}] {issue.detail}\n    flags: {flags}\n"
                  f"    msgid:  {src!r}\n    msgstr: {tgt!r}")


if __name__ == "__main__":
    main(sys.argv[1:])

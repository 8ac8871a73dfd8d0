"""Placeholders: what is one, in which syntax, and which translations break them."""

from __future__ import annotations

import pytest

from aligner.facts.placeholders import compare_placeholders, enabled_syntaxes, find_placeholders


def _found(text: str, flags=None) -> list[tuple[str, str, str | None, str | None]]:
    return [(p.surface, p.syntax, p.key, p.type) for p in find_placeholders(text, flags)]


@pytest.mark.parametrize(("text", "flags", "expected"), [
    # printf
    ("Hello %s", None, [("%s", "printf", None, "s")]),
    ("%d files in %s", None, [("%d", "printf", None, "d"), ("%s", "printf", None, "s")]),
    ("%5.2f%% done", None, [("%5.2f", "printf", None, "f")]),
    ("%-10s|%lu|%r|%i|%x|%.*f", None, [("%-10s", "printf", None, "s"), ("%lu", "printf", None, "u"),
                                       ("%r", "printf", None, "r"), ("%i", "printf", None, "i"),
                                       ("%x", "printf", None, "x"), ("%.*f", "printf", None, "f")]),
    ("%1$s and %2$d", None, [("%1$s", "printf", "1", "s"), ("%2$d", "printf", "2", "d")]),
    ("%(name)s has %(count)d", None, [("%(name)s", "python-format", "name", "s"),
                                      ("%(count)d", "python-format", "count", "d")]),
    ("%(total).2f", None, [("%(total).2f", "python-format", "total", "f")]),
    ("% d", ["c-format"], [("% d", "printf", None, "d")]),
    # ios
    ("%@ liked %1$@", None, [("%@", "ios", None, "@"), ("%1$@", "ios", "1", "@")]),
    # brace
    ("{0} of {1}", None, [("{0}", "brace", "0", None), ("{1}", "brace", "1", None)]),
    ("{} and {}", None, [("{}", "brace", None, None), ("{}", "brace", None, None)]),
    ("{name} {user.name} {args[0]} {x!r} {0:>10d} {v:.2f}", None,
     [("{name}", "brace", "name", None), ("{user.name}", "brace", "user.name", None),
      ("{args[0]}", "brace", "args[0]", None), ("{x!r}", "brace", "x", "r"), ("{0:>10d}", "brace", "0", "d"),
      ("{v:.2f}", "brace", "v", "f")]),
    ("{current.__name__}", None, [("{current.__name__}", "brace", "current.__name__", None)]),
    ("{0:{width}}", None, [("{0:{width}}", "brace", "0", None)]),
    # icu
    ("{n, number} and {d, date, short}", None, [("{n, number}", "icu", "n", "number"),
                                                ("{d, date, short}", "icu", "d", "date")]),
    ("{g, select, male {He} female {She} other {They}}", None,
     [("{g, select, male {He} female {She} other {They}}", "icu", "g", "select")]),
    # jinja
    ("{{ user.name|e }} and {{count}}", None, [("{{ user.name|e }}", "jinja", "user.name|e", None),
                                               ("{{count}}", "jinja", "count", None)]),
    ("{% if x %}yes{% endif %}", None, [("{% if x %}", "jinja", "if x", None),
                                        ("{% endif %}", "jinja", "endif", None)]),
    # dollar
    ("${var} and ${obj.prop}", None, [("${var}", "dollar", "var", None), ("${obj.prop}", "dollar", "obj.prop", None)]),
    ("found ${n} pages", ["python-brace-format"], [("{n}", "brace", "n", None)]),
    # opt-in syntaxes
    ("Hello :name, see %APPDATA%", ["colon", "percent"], [(":name", "colon", "name", None),
                                                          ("%APPDATA%", "percent", "APPDATA", None)]),
    ("Hello :name", ["laravel-format"], [(":name", "colon", "name", None)]),
    ("(:count items)", ["colon"], [(":count", "colon", "count", None)]),
    ("%s%d", ["percent"], [("%s", "printf", None, "s"), ("%d", "printf", None, "d")]),
])
def test_find(text, flags, expected) -> None:
    assert _found(text, flags) == expected


@pytest.mark.parametrize(("text", "flags"), [
    ("100%% sure", None),
    ("100% sure", None),                 # the space flag is only read in declared format strings
    ("50% of users", None),
    ("50%off today", None),
    ("Turkish %25 discount", None),
    ("{{literal}}", ["python-brace-format"]),
    ("{{ escaped }}", ["python-brace-format"]),
    ("a } b { c", None),
    ('JSON {"a": 1}', None),
    ("{ not a field }", None),
    ("Note: this", None),
    ("Note: this", ["colon"]),           # a space follows the colon
    ("12:30 and http://x and :ref:`target`", ["colon"]),
    ("C:name", ["colon"]),
    ("Hello :name", None),               # colon syntax is off by default
    ("%PATH%", None),                    # percent syntax is off by default
    ("no placeholders here", None),
    ("Price: $5 {", None),
    ("%s", ["no-python-format"]),
    ("%d", ["no-c-format"]),
])
def test_not_placeholders(text, flags) -> None:
    assert _found(text, flags) == []


def test_icu_plural_reports_keywords_and_nested() -> None:
    text = "{count, plural, offset:1 =0 {none} one {# file in {dir}} other {# files in {dir}}}"
    phs = find_placeholders(text)
    assert phs[0].syntax == "icu" and phs[0].key == "count" and phs[0].type == "plural"
    assert phs[0].plural_keywords == ("=0", "one", "other")
    assert phs[0].surface == text
    assert [(p.surface, p.depth) for p in phs[1:]] == [("{dir}", 1), ("{dir}", 1)]
    assert all(text[p.start:p.end] == p.surface for p in phs)


def test_spans_match_surfaces() -> None:
    text = "x %(a)s {b} ${c} {{ d }} %1$s %@ {n, plural, one {x} other {y}}"
    for p in find_placeholders(text):
        assert text[p.start:p.end] == p.surface


def test_enabled_syntaxes() -> None:
    assert "colon" not in enabled_syntaxes(None)
    assert "colon" in enabled_syntaxes(["colon-format"])
    assert "printf" not in enabled_syntaxes(["no-c-format"])
    assert "dollar" not in enabled_syntaxes(["python-brace-format"])
    assert "dollar" in enabled_syntaxes(["python-brace-format", "sh-format"])


def _kinds(source, target, language=None, flags=None):
    return [i.kind for i in compare_placeholders(source, target, language, flags)]


@pytest.mark.parametrize(("source", "target", "language", "kinds"), [
    # fine
    ("%s of %d", "%s iš %d", "lt", []),
    ("%s of %d", "%2$d af %1$s", "da", []),                       # numbering them allows reordering
    ("%1$s of %2$d", "%2$d af %1$s", "da", []),
    ("%(a)s and %(b)d", "%(b)d og %(a)s", "da", []),              # named may move
    ("%(a)s", "%(a)s ... %(a)s", "da", []),                       # and repeat
    ("{0} of {1}", "{1} af {0}", "da", []),
    ("{name}", "{name}", "da", []),
    ("{} of {}", "{0} af {1}", "da", []),
    ("%d item", "%i elementas", "lt", []),                        # same type class
    ("%.2f", "%.1f", "lt", []),
    ("100%% done", "100%% atlikta", "lt", []),
    ("Hi :name", "Sveiki :name", "lt", []),                       # colon enabled by the other side
    ("Note: this", "Pastaba: tai", "lt", []),
    ("Use :ref:`x`", "Naudokite :ref:`x`", "lt", []),
    ("{{ user }} logged in", "{{ user }} prisijungė", "lt", []),
    # errors
    ("%s of %d", "%d iš %s", "lt", ["reordered_unpositioned"]),
    ("{} of {}", "{} iš", "lt", ["missing"]),
    ("%s of %s", "%s iš %s %s", "lt", ["added"]),
    ("%d files", "%s failai", "lt", ["type_changed"]),
    ("%(n)d files", "%(n)s failai", "lt", ["type_changed"]),
    ("%(name)s", "%(vardas)s", "lt", ["renamed"]),
    ("{name}", "{vardas}", "lt", ["renamed"]),
    ("%(a)s %(b)s", "%(a)s", "lt", ["missing"]),
    ("%(a)s", "%(a)s %(b)s", "lt", ["added"]),
    ("{0} and {1}", "{0}", "lt", ["missing"]),
    ("${user}", "${vartotojas}", "lt", ["renamed"]),
    ("%s", "", "lt", ["missing"]),
    ("Hi :name and :x", "Sveiki :name", "lt", ["missing"]),
    ("%1$s %2$s", "%1$s %1$s", "lt", ["missing"]),
    ("{0:d}", "{0:s}", "lt", ["type_changed"]),
    ("%@ liked it", "Patiko", "lt", ["missing"]),
])
def test_compare(source, target, language, kinds) -> None:
    assert _kinds(source, target, language) == kinds


@pytest.mark.parametrize(("source", "target", "language", "kinds"), [
    ("{n, plural, one {# file} other {# files}}", "{n, plural, one {# fil} other {# filer}}", "da", []),
    ("{n, plural, one {# file} other {# files}}",
     "{n, plural, one {# failas} few {# failai} many {# failo} other {# failų}}", "lt", []),
    ("{n, plural, one {# file} other {# files}}", "{n, plural, =0 {ingen} one {# fil} other {# filer}}", "da", []),
    ("{n, plural, one {# file} other {# files}}", "{n, plural, one {# fil} few {x} other {# filer}}", "da",
     ["plural_keyword_invalid"]),
    ("{n, plural, one {# file} other {# files}}", "{n, plural, one {# fil}}", "da", ["plural_other_missing"]),
    ("{n, plural, one {# file} other {# files}}", "{n, plural, one {# failas} few {# failai} other {# failų}}", "lt",
     ["plural_category_missing"]),
    ("{n, plural, one {# file} other {# files}}", "{m, plural, one {# fil} other {# filer}}", "da", ["renamed"]),
    ("{n, plural, one {# file in {dir}} other {# files in {dir}}}",
     "{n, plural, one {# fil i {mappe}} other {# filer i {mappe}}}", "da", ["renamed"]),
    ("{n, plural, one {1 file} other {# files}}", "{n, select, one {x} other {y}}", "da", ["type_changed"]),
    ("{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}", "{n, selectordinal, other {#.}}", "da", []),
    ("{n, selectordinal, one {#st} other {#th}}", "{n, selectordinal, one {#.} other {#.}}", "da",
     ["plural_keyword_invalid"]),
    ("{g, select, male {He} other {They}}", "{g, select, male {Han} female {Hun}}", "da", ["plural_other_missing"]),
    ("{n, plural, one {# file} other {# files}}", "{n, plural, one {# x} other {# y}}", None, []),
])
def test_compare_icu(source, target, language, kinds) -> None:
    assert _kinds(source, target, language) == kinds


def test_issue_details_name_the_placeholders() -> None:
    [issue] = compare_placeholders("%(name)s", "%(vardas)s", "lt")
    assert issue.source.surface == "%(name)s" and issue.target.surface == "%(vardas)s"
    assert "%(name)s" in issue.detail and "%(vardas)s" in issue.detail
    [issue] = compare_placeholders("%s of %d", "%d of %s")
    assert "%1$s" in issue.detail


def test_flags_drive_comparison() -> None:
    assert _kinds("Hi :name", "Sveiki", "lt") == []                      # not shown on both sides: text
    assert _kinds("Hi :name", "Sveiki", "lt", ["colon"]) == ["missing"]   # declared: a placeholder
    assert _kinds("%PATH% x", "y", "lt", ["percent-format"]) == ["missing"]
    assert _kinds("50%% sure", "50 %% tikras", "lt", ["python-format"]) == []
    # In a declared python-format string "% s" is a directive (Python formats it; msgfmt agrees).
    assert _found("50% sure", ["python-format"]) == [("% s", "printf", None, "s")]


# Real entries of the Sphinx catalogs (sphinx/locale/*/LC_MESSAGES/sphinx.po), and damaged copies of them.
@pytest.mark.parametrize(("source", "target", "kinds"), [
    ("Python Enhancement Proposals; PEP %s", "Python Enhancement Proposals; PEP %s", []),
    ("%s() (built-in function)", "%s() (itaisytoji funkcija)", []),
    ("%s() (%s method)", "%s() (%s metodas)", []),
    ("<h1>Source code for %s</h1>", "<h1>Kodas %s</h1>", []),
    ("%(filename)s - %(docstitle)s", "%(filename)s - %(docstitle)s", []),
    ("Cannot find source directory (%s)", "Kan ikke finde kildemappen (%s)", []),
    ("Cannot find source directory (%s)", "Kan ikke finde kildemappen", ["missing"]),
    ("%s() (%s method)", "%s() (%d metodas)", ["type_changed"]),
    ("%(filename)s - %(docstitle)s", "%(fil)s - %(docstitle)s", ["renamed"]),
    ("%r is not a valid %s", "%s er ikke en gyldig %r", ["reordered_unpositioned"]),
    # Real errors in Django 5.2's catalogs (ga, mr, sq).
    ("Delete selected %(verbose_name_plural)s", "Scrios %(verbose_name_plural) roghnaithe", ["type_changed"]),
    ("Search finished, found ${resultCount} pages matching the search query.",
     "Paieška baigta, rasta ${resultCount} puslapių.", []),
    ("Search finished, found ${resultCount} pages matching the search query.",
     "Paieška baigta, rasta ${rezultatai} puslapių.", ["renamed"]),
])
def test_sphinx_strings(source, target, kinds) -> None:
    flags = ["python-brace-format"] if "{" in source else ["python-format"]
    assert _kinds(source, target, "lt", flags) == kinds


@pytest.mark.parametrize(("source", "target", "kinds"), [
    ("{}th", "{वा}", ["missing", "added"]),       # mr: a field name where the number went (KeyError)
    ("{}th", "-të", ["missing"]),                # sq: the ordinal lost its number
    ("{}th", "{}-të", []),
])
def test_django_ordinals(source, target, kinds) -> None:
    assert _kinds(source, target, None) == kinds


@pytest.mark.parametrize(("text", "flags", "surfaces"), [
    ("Value '{0}' is {n}", ["icu-format"], ["{n}"]),              # MessageFormat: quoted literal
    ("Value '{0}' is {n}", None, ["{0}", "{n}"]),                 # Python/.NET: a quoted placeholder
    ("It''s {n}", ["java-format"], ["{n}"]),
    ("I'm {name}", ["icu-format"], ["{name}"]),                   # an apostrophe before a letter is text
    ("{n, plural, one {'{'# file} other {# files '}'}}", ["icu-format"],
     ["{n, plural, one {'{'# file} other {# files '}'}}"]),
])
def test_icu_apostrophe_quoting(text, flags, surfaces) -> None:
    assert [p.surface for p in find_placeholders(text, flags)] == surfaces

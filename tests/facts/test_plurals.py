"""Plural forms: CLDR counts, gettext headers and what each msgstr form must keep."""

from __future__ import annotations

import pytest

from aligner.facts.plurals import (
    accepted_plural_counts,
    check_plural_forms,
    expected_plural_count,
    parse_plural_forms_header,
    plural_categories,
)

LT_HEADER = ("nplurals=4; plural=(n % 10 == 1 && (n % 100 > 19 || n % 100 < 11) ? 0 : (n % 10 >= 2 && n % 10 <=9) "
             "&& (n % 100 > 19 || n % 100 < 11) ? 1 : n % 1 != 0 ? 2: 3);")  # Sphinx lt.po
LT3 = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);"
DA = "nplurals=2; plural=(n != 1);"


@pytest.mark.parametrize(("language", "count"), [
    ("lt", 4), ("da", 2), ("te", 2), ("en", 2), ("ja", 1), ("zh", 1), ("ar", 6), ("ru", 4), ("pl", 4),
    ("cs", 4), ("cy", 6), ("ga", 5), ("sl", 4), ("pt_BR", 3), ("en-GB", 2),
])
def test_expected_plural_count(language, count) -> None:
    assert expected_plural_count(language) == count


def test_unknown_language() -> None:
    assert expected_plural_count("xx-not-a-language") is None
    assert plural_categories("zz") is None
    assert accepted_plural_counts("zz") == frozenset()


@pytest.mark.parametrize(("language", "accepted"), [
    ("lt", {3, 4}), ("ru", {3, 4}), ("pl", {3, 4}), ("cs", {3, 4}), ("fr", {2, 3}), ("da", {2}), ("ja", {1}),
    ("ar", {6}), ("sl", {4}),
])
def test_accepted_counts(language, accepted) -> None:
    assert accepted_plural_counts(language) == accepted


@pytest.mark.parametrize(("header", "nplurals"), [
    (DA, 2), (LT_HEADER, 4), (LT3, 3), ("nplurals=1; plural=0;", 1), ("nplurals=2; plural=n>1", 2),
    ("nplurals = 2 ; plural = (n != 1) ;\\n", 2),
])
def test_parse_header(header, nplurals) -> None:
    assert parse_plural_forms_header(header).nplurals == nplurals


@pytest.mark.parametrize("header", [
    "", "plural=(n != 1);", "nplurals=two; plural=(n != 1);", "nplurals=0; plural=0;",
    "nplurals=2; plural=(n != 1;", "nplurals=2; plural=import os;",
])
def test_parse_header_rejects(header) -> None:
    with pytest.raises(ValueError):
        parse_plural_forms_header(header)


def _kinds(language, header, forms, **kw):
    h = parse_plural_forms_header(header) if header else None
    return [(i.kind, i.severity) for i in check_plural_forms(language, h.nplurals if h else None, forms,
                                                              plural=h.plural if h else None, **kw)]


@pytest.mark.parametrize(("language", "header", "forms", "expected"), [
    ("da", DA, ["%d fil", "%d filer"], []),
    ("da", DA, ["%d fil"], [("form_count", "error")]),
    ("lt", LT_HEADER, ["a", "b", "c", "d"], []),
    ("lt", LT3, ["a", "b", "c"], []),                                 # the common gettext lt header is fine
    ("lt", "nplurals=2; plural=(n != 1);", ["a", "b"], [("header_vs_cldr", "info")]),
    ("da", "nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);", ["a", "b", "c"], [("header_vs_cldr", "info")]),
    ("da", "nplurals=2; plural=(n != 1 ? 2 : 0);", ["a", "b"],
     [("expression_out_of_range", "error"), ("expression_unused_form", "info")]),
    ("ja", "nplurals=1; plural=0;", ["%d 個"], []),
    ("xx", "nplurals=2; plural=(n != 1);", ["a", "b"], []),        # unknown language: no CLDR opinion
])
def test_header_checks(language, header, forms, expected) -> None:
    assert _kinds(language, header, forms) == expected


FR = "nplurals=2; plural=(n > 1);"
HE = ("nplurals=4; plural=(n == 1 && n % 1 == 0) ? 0 : (n == 2 && n % 1 == 0) ? 1: (n % 10 == 0 && n % 1 == 0 "
      "&& n > 10) ? 2 : 3;")  # Django he
AR = ("nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 && n%100<=99 ? 4 "
      ": 5;")
SR = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"


@pytest.mark.parametrize(("language", "header", "msgid", "msgid_plural", "forms", "expected"), [
    ("da", DA, "%d file", "%d files", ["%d fil", "%d filer"], []),
    ("da", DA, "One file", "%d files", ["Én fil", "%d filer"], []),          # mirrors msgid
    # An unnamed %d may not go even from a one-n form: "Én fil" % 1 raises in Python.
    ("da", DA, "%d file", "%d files", ["Én fil", "%d filer"], [("missing_placeholder", "error")]),
    # A named one may (info): the form serves n == 1 only.
    ("da", DA, "%(n)d file", "%(n)d files", ["Én fil", "%(n)d filer"], [("missing_placeholder", "info")]),
    ("da", DA, "%d file", "%d files", ["%d fil", "filer"], [("missing_placeholder", "error")]),
    # Lithuanian form 0 serves 1, 21, 31...: the count must stay.
    ("lt", LT_HEADER, "%(n)d file", "%(n)d files", ["Vienas failas", "%(n)d failai", "%(n)d failo", "%(n)d failų"],
     [("missing_placeholder", "error")]),
    ("lt", LT_HEADER, "%d file", "%d files", ["%d failas", "%d failai", "%d failo", "%d failų"], []),
    ("lt", LT_HEADER, "%(n)d file in %(dir)s", "%(n)d files in %(dir)s",
     ["%(n)d failas %(dir)s", "%(n)d failai", "%(n)d failo %(dir)s", "%(n)d failų %(dir)s"],
     [("missing_placeholder", "error")]),
    ("lt", LT_HEADER, "%d file", "%d files", ["%s failas", "%d failai", "%d failo", "%d failų"],
     [("placeholder", "error")]),
    ("da", DA, "{n} file", "{n} files", ["{n} fil", "{antal} filer"], [("placeholder", "error")]),
    # no header expression: CLDR says Danish 'one' is n == 1 only
    ("da", None, "%(n)d file", "%(n)d files", ["Én fil", "%(n)d filer"], [("missing_placeholder", "info")]),
    # Real entries of Django 5.2's catalogs.
    ("fr", FR, "an hour ago", "%(count)s\xa0hours ago", ["il y a une heure", "il y a %(count)s\xa0heures"], []),
    ("sr", SR, "an hour ago", "%(count)s\xa0hours ago",                      # sr_Latn: "pre sat" for 21 hours
     ["pre sat", "pre %(count)s\xa0sata", "pre %(count)s\xa0sati"], [("missing_placeholder", "error")]),
    ("he", HE, "%(num)d year", "%(num)d years", ["שנה", "שנתיים", "%(num)d שנים", "%(num)d שנים"],
     [("header_vs_cldr", "info"),                                # older CLDR had a 'many'; Babel 2.19 has 3
      ("missing_placeholder", "info"), ("missing_placeholder", "info")]),
    ("ar", AR, "%(count)s %(name)s was changed successfully.", "%(count)s %(name)s were changed successfully.",
     ["لم يتم تغيير أي شيء"] + ["تم تغيير %(count)s %(name)s بنجاح."] * 5,
     [("missing_placeholder", "info"), ("missing_placeholder", "info")]),
    ("be", None, "%(value)s billion", "%(value)s billion",                     # %(value).s prints nothing
     ["%(value).s мільярд", "%(value)s мільярды", "%(value)s мільярдаў", "%(value)s мільярдаў"],
     [("missing_placeholder", "error")]),
])
def test_form_placeholders(language, header, msgid, msgid_plural, forms, expected) -> None:
    assert _kinds(language, header, forms, msgid=msgid, msgid_plural=msgid_plural,
                  flags=["python-format"]) == expected


def test_issue_names_the_form() -> None:
    h = parse_plural_forms_header(LT_HEADER)
    [issue] = check_plural_forms("lt", h.nplurals, ["Vienas failas", "%d a", "%d b", "%d c"], msgid="%d file",
                                 msgid_plural="%d files", plural=h.plural)
    assert issue.form == 0 and "%d" in issue.detail

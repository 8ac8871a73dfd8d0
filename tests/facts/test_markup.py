"""Markup: tags and entities a translation must keep."""

from __future__ import annotations

import pytest

from aligner.facts.markup import compare_markup, find_entities, find_tags, is_balanced


@pytest.mark.parametrize(("text", "expected"), [
    ('Click <a href="http://x">here</a>', [("a", "start"), ("a", "end")]),
    ("Line<br>break<br/>and<img src='a.png'>", [("br", "empty"), ("br", "empty"), ("img", "empty")]),
    ('<g id="1">x</g><x id="2"/>', [("g", "start"), ("g", "end"), ("x", "empty")]),
    ('<bpt id="1">&lt;b&gt;</bpt>B<ept id="1">&lt;/b&gt;</ept>',
     [("bpt", "start"), ("bpt", "end"), ("ept", "start"), ("ept", "end")]),
    ('<ph id="1">{0}</ph> and <x id="2">', [("ph", "start"), ("ph", "end"), ("x", "empty")]),
    ("a < b and c > d", []),
    ("x<5 and y>3", []),
    ("<<not a tag>>", []),
    ("<<original entry>>", []),                       # Sphinx todo extension
    ("Usage: cmd <filename> [<path>]", []),            # prose placeholders, not elements
    ("<foo>x</foo> and <bar/>", [("foo", "start"), ("foo", "end"), ("bar", "empty")]),
    ("<my-widget> <svg:rect>", [("my-widget", "start"), ("svg:rect", "start")]),
    ("no tags", []),
    ("<h1>Source code for %s</h1>", [("h1", "start"), ("h1", "end")]),
])
def test_find_tags(text, expected) -> None:
    assert [(t.name, t.kind) for t in find_tags(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Tom &amp; Jerry", [("&amp;", True)]),
    ("&nbsp;&copy;&apos;&hellip;", [("&nbsp;", True), ("&copy;", True), ("&apos;", True), ("&hellip;", True)]),
    ("&#123; &#x1F600; &#0; &#xD800; &#x110000;", [("&#123;", True), ("&#x1F600;", True), ("&#0;", False),
                                                  ("&#xD800;", False), ("&#x110000;", False)]),
    ("&foo; &brandShortName;", [("&foo;", False), ("&brandShortName;", False)]),
    ("AT&T, Q&A, & more, &amp without semicolon", []),
])
def test_find_entities(text, expected) -> None:
    assert [(e.surface, e.valid) for e in find_entities(text)] == expected


@pytest.mark.parametrize(("text", "balanced"), [
    ("<b>x</b>", True), ("<b><i>x</i></b>", True), ("<b><i>x</b></i>", False), ("<b>x", False),
    ("x</b>", False), ("<br> <img src=x>", True), ('<bpt id="1"/>x<ept id="1"/>', True),
    ('<bpt id="1"/>x', False), ('<g id="1"><x id="2"/></g>', True),
])
def test_balanced(text, balanced) -> None:
    assert is_balanced(text) is balanced


@pytest.mark.parametrize(("source", "target", "kinds"), [
    # fine
    ('Click <a href="http://x">here</a>', 'Spauskite <a href="http://x">čia</a>', []),
    ("<b>Bold</b> and <i>italic</i>", "<i>kursiv</i> og <b>fed</b>", []),        # reordering is fine
    ('<img src="a.png" alt="A cat">', '<img src="a.png" alt="En kat">', []),      # alt is translatable
    ('<abbr title="HyperText">HTML</abbr>', '<abbr title="HyperTekst">HTML</abbr>', []),
    ("Tom &amp; Jerry", "Tom og Jerry", []),                                        # standard entity may go
    ("&brandName; is", "&brandName; er", []),                                       # custom entity kept
    ("a < b", "a < b", []),
    ('<g id="1">x</g>', '<g id="1">y</g>', []),
    ("<b>", "<b>", []),                                                           # a fragment: counts only
    ("Line<br>break", "Linje<br/>skift", []),
    ("<<original entry>>", "<<oprindeligt punkt>>", []),                       # real Sphinx da entry
    ("(The <<original entry>> is located in %s, line %d.)",
     "(Det <<oprindelige punkt>> befinder sig i %s, linje %d.)", []),
    ("Usage: <filename>", "Naudojimas: <failas>", []),
    # Django 5.2: prose about a tag, with the ellipsis retyped (az, ca, cs...)
    ('remove <a rel="noreferrer" …> from links', 'odstraňte <a rel="noreferrer" ...> z odkazů', []),
    # problems
    ('Click <a href="http://x">here</a>', 'Spauskite <a href="http://y">čia</a>', ["attribute_changed"]),
    ('<img src="a.png">', '<img src="b.png">', ["attribute_changed"]),
    ('<span class="x">a</span>', '<span class="y">a</span>', ["attribute_changed"]),
    ("<b>Bold</b>", "Fed", ["missing_tag", "missing_tag"]),
    ("Bold", "<b>Fed</b>", ["added_tag", "added_tag"]),
    ("<b>Bold</b> and <i>it</i>", "<b>Fed <i>kursiv</b></i>", ["unbalanced", "unbalanced"]),
    ("<b>Bold</b>", "<b>Fed", ["missing_tag", "unbalanced"]),
    ('<g id="1">x</g><x id="2"/>', '<g id="2">x</g><x id="1"/>',
     ["missing_tag", "missing_tag", "added_tag", "added_tag"]),
    ('<bpt id="1"/>Bold<ept id="1"/>', '<bpt id="1"/>Fed', ["missing_tag", "unbalanced"]),
    ("Tom &amp; Jerry", "Tom &amq; Jerry", ["bad_entity"]),
    ("x", "x &#0;", ["bad_entity"]),
    ("&brandName; is", "&brandname; er", ["bad_entity", "missing_entity"]),
    ("&brandName; is", "Firefox er", ["missing_entity"]),
    # Real errors of Django 5.2's catalogs
    ('install <a href="%(link)s">docutils</a>.', 'لتنصيب <a href=\\"%(link)s\\">docutils</a>.',     # ar_DZ: \"
     ["missing_tag", "unbalanced"]),                     # the broken start tag is no tag
    ("Ensure this value is a multiple of step size %(limit_value)s.",                                  # mn
     "<text_to_translate>Утга нь алхамын хэмжээнд %(limit_value)s-ээс олон байхыг баталгаажуулна уу."
     "</text_to_translate>",
     ["added_tag", "added_tag"]),
    ("This action will <strong>enable</strong> password-based authentication for this user.",          # ja
     "このアクションは、このユーザーに対するパスワードによる認証を有効にします。", ["missing_tag", "missing_tag"]),
])
def test_compare(source, target, kinds) -> None:
    assert [i.kind for i in compare_markup(source, target)] == kinds


@pytest.mark.parametrize(("source", "target", "expected"), [
    ("{}st", "{}<sup>er</sup>", [("added_tag", "warning"), ("added_tag", "warning")]),          # Django fr
    ("x", "<text_to_translate>x</text_to_translate>", [("added_tag", "error"), ("added_tag", "error")]),
    ('<a href="https://docs.djangoproject.com/en/5.2/releases/">notes</a>',                     # Django fr
     '<a href="https://docs.djangoproject.com/fr/5.2/releases/">notes</a>', [("attribute_changed", "warning")]),
    ('<a href="https://a.org/x">x</a>', '<a href="https://b.org/x">x</a>', [("attribute_changed", "error")]),
    ('<a href="%(link)s">x</a>', '<a href="%(url)s">x</a>', [("attribute_changed", "error")]),
])
def test_severity(source, target, expected) -> None:
    assert [(i.kind, i.severity) for i in compare_markup(source, target)] == expected


def test_attribute_detail() -> None:
    [issue] = compare_markup('<a href="http://x">a</a>', '<a href="http://y">a</a>')
    assert "href" in issue.detail and "http://y" in issue.detail
    assert issue.source.name == "a" and issue.target.name == "a"

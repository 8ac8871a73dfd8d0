"""The fast number checks give exactly the findings of the plain ones.

``tests/checks/numbers_reference.py`` is the check module as it was before its speed work
(which reads numbers with ``tests/facts/numbers_reference.py``). Its findings are compared,
in order and field by field, with those of :mod:`aligner.checks.numbers` on generated
alignments: versions that agree, drop, change, repeat or add numbers, write them against
their locale, mix grouping conventions, repeat whole segments, or have no segment in a unit.
The shortcuts checked: units without digits or without mentions skipped, the ranking of
readings built only for ambiguous units, the count analysis skipped when all versions read
the same values, the settled readings kept only when they group digits (and sorted only when a
document has two styles), the mentions of recurring texts reused.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.checks import numbers as fast
from aligner.model import Alignment, Unit
from tests.checks import numbers_reference as plain
from tests.checks.test_numbers_consistency import CASES as CONSISTENCY_CASES
from tests.conftest import make_document

NBSP = "\u00a0"
LANGUAGES = ["lt", "da", "tl", "te", "en", "de", None]
#: how each version may write a value: grouped with its locale, against it, bare, as a decimal
FORMATS = [
    lambda n: f"{n:,}",
    lambda n: f"{n:,}".replace(",", "."),
    lambda n: f"{n:,}".replace(",", " "),
    lambda n: f"{n:,}".replace(",", NBSP),
    lambda n: str(n),
    lambda n: f"{n / 100:.2f}",
    lambda n: f"{n / 100:.2f}".replace(".", ","),
]
AROUND = [
    ("", ""), ("$ ", ""), ("", " %"), ("", " proc."), ("", " dollars"), ("", " dolerių"), ("", " శాతం"), ("", "%"),
    ("", " mln."), ("", " percentile"), ("USD ", ""), ("", " m."), ("ika-", ""), ("", "."), ("", "–15"),
]  # fmt: skip
FILLERS = ["Atstovai uždirbo", "tjente", "ang suweldo ay", "జీతం", "earned", "verdiente", "and then", "2016 m.",
           "Den 75."]


@st.composite
def alignments(draw: st.DrawFn) -> Alignment:
    n_versions = draw(st.integers(2, 4))
    languages = [draw(st.sampled_from(LANGUAGES)) for _ in range(n_versions)]
    texts: list[list[str]] = [[] for _ in range(n_versions)]
    units = []
    for _ in range(draw(st.integers(1, 6))):
        values = draw(st.lists(st.integers(0, 99_999), max_size=3))
        if draw(st.integers(0, 4)) == 0:  # a whole segment repeated in the unit and elsewhere
            values = [25_520, 75]
        ids: list[tuple[int, ...]] = []
        for k in range(n_versions):
            if draw(st.integers(0, 9)) == 0:
                ids.append(())  # this version has nothing here
                continue
            mine = list(values)
            change = draw(st.integers(0, 7))
            if change == 1 and mine:
                mine.pop(draw(st.integers(0, len(mine) - 1)))  # dropped
            elif change == 2 and mine:
                mine[0] += draw(st.integers(1, 100))  # changed
            elif change == 3 and mine:
                mine.append(mine[0])  # repeated
            elif change == 4:
                mine.append(draw(st.integers(0, 3000)))  # added
            parts = []
            for value in mine:
                written = draw(st.sampled_from(FORMATS))(value)
                before, after = draw(st.sampled_from(AROUND))
                parts.append(f"{draw(st.sampled_from(FILLERS))} {before}{written}{after}")
            segments = [", ".join(parts) or draw(st.sampled_from(FILLERS))]
            if draw(st.integers(0, 5)) == 0:
                segments.append(draw(st.sampled_from(FILLERS)))  # a second segment, without numbers
            if draw(st.integers(0, 6)) == 0 and texts[k]:
                segments.append(texts[k][0])  # a text seen before in this version
            first = len(texts[k])
            texts[k].extend(segments)
            ids.append(tuple(range(first, len(texts[k]))))
        units.append(Unit(tuple(ids)))
    if draw(st.integers(0, 3)) == 0:
        units = draw(st.permutations(units))  # not how aligners order units, but checks must not care
    docs = tuple(make_document(f"v{k}.txt", languages[k], texts[k]) for k in range(n_versions))
    return Alignment(docs, tuple(units))


def findings(found) -> list[dict]:  # noqa: ANN001
    return [f.to_dict() for f in found]


def assert_same(alignment: Alignment) -> None:
    assert findings(fast.check_numbers(alignment)) == findings(plain.check_numbers(alignment))
    for doc in alignment.documents:
        assert findings(fast.check_mixed_conventions(doc)) == findings(plain.check_mixed_conventions(doc))
    for u in range(len(alignment.units)):
        new = [(x.version, x.segment, x.mention.to_dict()) for x in fast.unit_mentions(alignment, u)]
        old = [(x.version, x.segment, x.mention.to_dict()) for x in plain.unit_mentions(alignment, u)]
        assert new == old


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(alignment=alignments())
def test_generated_alignments_give_the_same_findings(alignment: Alignment) -> None:
    assert_same(alignment)


def test_consistency_cases_give_the_same_findings() -> None:
    for texts, _expect in CONSISTENCY_CASES.values():
        languages = list(texts)
        docs = tuple(make_document(f"{lang}.txt", lang, ["Heading", texts[lang], texts[lang]]) for lang in languages)
        units = (
            Unit(tuple((0,) for _ in languages)),
            Unit(tuple((1,) for _ in languages)),
            Unit(tuple((2,) if k else () for k in range(len(languages)))),
        )
        assert_same(Alignment(docs, units))


def test_mixed_conventions_need_two_styles_in_one_document() -> None:
    docs = (
        make_document("lt.txt", "lt", ["Gavo 32 300 dolerių.", "Gavo 41,430 dolerių.", "Gavo 2 784 500."]),
        make_document("da.txt", "da", ["Fik 32.300 dollars.", "Fik 41.430 dollars.", "Fik 2.784.500."]),
    )
    alignment = Alignment(docs, tuple(Unit(((i,), (i,))) for i in range(3)))
    assert any(f.code == "FMT002" for f in fast.check_numbers(alignment))
    assert_same(alignment)


def test_recurring_texts_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fast, "_MEMO_LIMIT", 1)
    texts = ["Gavo 32 300 dolerių.", "Gavo 41,430 dolerių.", "Gavo 32 300 dolerių.", "Gavo 41,430 dolerių."]
    docs = (make_document("lt.txt", "lt", texts),
            make_document("en.txt", "en", [t.replace("Gavo", "Got") for t in texts]))
    assert_same(Alignment(docs, tuple(Unit(((i,), (i,))) for i in range(4))))

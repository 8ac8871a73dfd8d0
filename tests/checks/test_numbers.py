"""The number analysis (NUM001-NUM004, FMT001, FMT002) on small alignments, with the findings written out.

Each table row is an alignment built by hand (versions as segments, units as segment ids) and the
findings :func:`~aligner.checks.numbers.check_numbers` must give, in order, as (code, version, line,
column, value). The rows exercise what the analysis skips or shares: units without digits, a version
with no segment in a unit, units out of order, ambiguous readings settled by the other versions,
values all versions agree on (the early stop), recurring segment texts (the memo), and documents
without a language. The end-to-end cases per code are in ``tests/checks/cases/``.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.checks import numbers
from aligner.model import Alignment, Unit
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




def build(versions: dict[str, tuple[str | None, list[str]]], units: list[tuple[tuple[int, ...], ...]]) -> Alignment:
    """An alignment of ``versions`` (name -> (language, segments)) with ``units`` (segment ids per version)."""
    docs = tuple(make_document(f"{name}.txt", lang, segs) for name, (lang, segs) in versions.items())
    return Alignment(docs, tuple(Unit(u) for u in units))


def found(findings) -> list[tuple]:  # noqa: ANN001
    """(code, version, line, column, value) of each finding: the value the evidence names, if any."""
    return [(f.code, f.path.removesuffix(".txt"), f.line, f.column, f.evidence.get("value")) for f in findings]


ONE = [((0,), (0,), (0,))]

#: name: (versions, units, expected findings of check_numbers)
TABLE = {
    "agree": ({"lt": ("lt", ["Gavo 32 300 dolerių."]), "da": ("da", ["Fik 32.300 dollars."]),
               "en": ("en", ["Got 32,300 dollars."])}, ONE, []),
    # the unit-level omission points at the segment (column 1), not at a mention
    "dropped": ({"lt": ("lt", ["Uždirbo 25 520 dolerių."]), "da": ("da", ["En 25 percentile løn på 25.520 dollars."]),
                 "tl": ("tl", ["25 porsyento na suweldo na $ 25,520."])}, ONE, [("NUM001", "lt", 1, 1, "25")]),
    "changed": ({"lt": ("lt", ["Darbo užmokestis yra 41 340 JAV dolerių."]), "da": ("da", ["Lønnen er $ 41.430."]),
                 "tl": ("tl", ["Ang suweldo ay $ 41,430."])}, ONE, [("NUM002", "lt", 1, 22, None)]),
    # the second mention is the repeat
    "repeated": ({"lt": ("lt", ["Uždirbo 25 520 dolerių atlyginimą 25 520 dolerių."]),
                  "da": ("da", ["Løn på 25.520 dollars."]), "tl": ("tl", ["Suweldo na $ 25,520."])},
                 ONE, [("NUM003", "lt", 1, 35, "25520")]),
    "added": ({"lt": ("lt", ["Dirbo 2 784 500 ir 12 žmonių."]), "da": ("da", ["Var 2.784.500 personer ansat."]),
               "tl": ("tl", ["2,784,500 katao ang nagtatrabaho."])}, ONE, [("NUM004", "lt", 1, 20, "12")]),
    # 25,520 in Lithuanian would be 25.52: the others say 25 520
    "against_locale": ({"lt": ("lt", ["Uždirbo 25,520 dolerių."]), "da": ("da", ["Løn på 25.520 dollars."]),
                        "tl": ("tl", ["Suweldo na $ 25,520."])}, ONE, [("FMT001", "lt", 1, 9, "25520")]),
    "decimals_agree": ({"lt": ("lt", ["Kaina 25,52 euro."]), "de": ("de", ["Preis 25,52 Euro."]),
                        "en": ("en", ["Price 25.52 euros."])}, ONE, []),
    "no_digits_and_a_gap": ({"lt": ("lt", ["Atstovai uždirbo.", "Gavo 75 proc."]), "da": ("da", ["Fik 75 procent."]),
                             "en": ("en", ["They earned.", "Got 75 percent."])},
                            [((0,), (), (0,)), ((1,), (0,), (1,))], []),
    "units_out_of_order": ({"lt": ("lt", ["Gavo 41 430.", "Dirbo 2 784 500."]),
                            "da": ("da", ["Fik 41.430.", "Var 2.784.500."]),
                            "en": ("en", ["Got 41,430.", "Had 2,784,000."])},
                           [((1,), (1,), (1,)), ((0,), (0,), (0,))], [("NUM002", "en", 2, 5, None)]),
    "unknown_language": ({"a": (None, ["Got 1,500 dollars."]), "b": (None, ["Fik 1.500 dollars."]),
                          "c": (None, ["Gavo 1 500 dolerių."])}, ONE, []),
    "non_breaking_space": ({"lt": ("lt", [f"Dirbo 2{NBSP}784{NBSP}500 žmonių."]),
                            "da": ("da", ["Var 2.784.500 personer."]), "en": ("en", ["2,784,500 people."])}, ONE, []),
    # a value conflict two against two: both sides are blamed
    "tie_two_against_two": ({"lt": ("lt", ["Gavo 41 430."]), "da": ("da", ["Fik 41.430."]),
                             "tl": ("tl", ["Nakuha 41,340."]), "en": ("en", ["Got 41,340."])},
                            [((0,), (0,), (0,), (0,))],
                            [("NUM002", "lt", 1, 6, None), ("NUM002", "da", 1, 5, None), ("NUM002", "tl", 1, 8, None),
                             ("NUM002", "en", 1, 5, None)]),
    "recurring_segment": ({"lt": ("lt", ["Gavo 25 520 ir 75.", "Antra.", "Gavo 25 520 ir 75."]),
                           "en": ("en", ["Got 25,520 and 75.", "Second.", "Got 25,520 and 75."])},
                          [((0,), (0,)), ((1,), (1,)), ((2,), (2,))], []),
    # a whole segment repeated where the others have none: its numbers are added there (DUP001 is structure's)
    "repeated_elsewhere": ({"lt": ("lt", ["Gavo 25 520 ir 75.", "Gavo 25 520 ir 75."]),
                            "en": ("en", ["Got 25,520 and 75.", "Other."]),
                            "da": ("da", ["Fik 25.520 og 75.", "Andet."])},
                           [((0,), (0,), (0,)), ((1,), (1,), (1,))],
                           [("NUM004", "lt", 2, 16, "75"), ("NUM004", "lt", 2, 6, "25520")]),
    # one document grouping digits with spaces and with a comma
    "mixed_conventions": ({"lt": ("lt", ["Gavo 32 300 dolerių.", "Gavo 41,430 dolerių.", "Gavo 2 784 500."]),
                           "da": ("da", ["Fik 32.300 dollars.", "Fik 41.430 dollars.", "Fik 2.784.500."])},
                          [((i,), (i,)) for i in range(3)],
                          [("FMT001", "lt", 2, 6, "41430"), ("FMT002", "lt", 2, 6, None)]),
}


@pytest.mark.parametrize("name", list(TABLE))
def test_check_numbers(name: str) -> None:
    versions, units, expected = TABLE[name]
    assert found(numbers.check_numbers(build(versions, units))) == expected


#: The consistency cases as one alignment each (heading, the text, the text again but not in the first
#: version), with the findings in order.
CONSISTENCY_FOUND = {
    "format-only-crossed": [("FMT001", "lt", 2, 31, "41430"), ("FMT001", "te", 2, 16, "41430"),
                            ("FMT001", "te", 3, 16, "41430")],
    "repeat-among-holders": [("NUM003", "da", 2, 40, "25"), ("NUM001", "lt", 2, 1, "25"), ("NUM001", "te", 2, 1, "25"),
                             ("NUM003", "da", 3, 40, "25"), ("NUM001", "te", 3, 1, "25")],
    "dropped-not-changed": [("NUM001", "lt", 2, 1, "25"), ("NUM001", "tl", 2, 1, "25520"), ("NUM001", "te", 2, 1, "25"),
                            ("NUM001", "tl", 3, 1, "25520"), ("NUM001", "te", 3, 1, "25")],
    "changed-value": [("NUM002", "da", 2, 34, None), ("NUM002", "da", 3, 34, None)],
}


def test_every_consistency_case_is_written_out() -> None:
    assert set(CONSISTENCY_FOUND) == set(CONSISTENCY_CASES)


@pytest.mark.parametrize("name", list(CONSISTENCY_FOUND))
def test_consistency_cases_as_alignments(name: str) -> None:
    texts = CONSISTENCY_CASES[name][0]
    languages = list(texts)
    docs = tuple(make_document(f"{lang}.txt", lang, ["Heading", texts[lang], texts[lang]]) for lang in languages)
    units = (
        Unit(tuple((0,) for _ in languages)),
        Unit(tuple((1,) for _ in languages)),
        Unit(tuple((2,) if k else () for k in range(len(languages)))),
    )
    assert found(numbers.check_numbers(Alignment(docs, units))) == CONSISTENCY_FOUND[name]


def test_mixed_conventions_of_a_document_alone() -> None:
    """A document set apart is read alone: only a number that must be grouped (two commas) counts."""
    lt = make_document("lt.txt", "lt", ["Gavo 32 300 dolerių.", "Dirbo 2,784,500 žmonių."])
    assert found(numbers.check_mixed_conventions(lt)) == [("FMT002", "lt", 2, 7, None)]
    alone = make_document("lt.txt", "lt", ["Gavo 32 300 dolerių.", "Gavo 41,430 dolerių."])  # 41,43 in lt
    assert found(numbers.check_mixed_conventions(alone)) == []
    da = make_document("da.txt", "da", ["Fik 32.300 dollars.", "Fik 41.430 dollars."])
    assert found(numbers.check_mixed_conventions(da)) == []


def test_recurring_texts_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["Gavo 32 300 dolerių.", "Gavo 41,430 dolerių.", "Gavo 32 300 dolerių.", "Gavo 41,430 dolerių."]
    docs = (make_document("lt.txt", "lt", texts),
            make_document("en.txt", "en", [t.replace("Gavo", "Got") for t in texts]))
    alignment = Alignment(docs, tuple(Unit(((i,), (i,))) for i in range(4)))
    expected = [("FMT001", "lt", 2, 6, "41430"), ("FMT001", "lt", 4, 6, "41430"), ("FMT002", "lt", 2, 6, None),
                ("FMT002", "en", 1, 5, None)]
    assert found(numbers.check_numbers(alignment)) == expected
    monkeypatch.setattr(numbers, "_MEMO_LIMIT", 1)
    assert found(numbers.check_numbers(alignment)) == expected


# --------------------------------------------------------------------------- generated alignments


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


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(alignment=alignments())
def test_generated_alignments_blame_their_own_versions_the_same_way_twice(alignment: Alignment) -> None:
    """Versions that agree, drop, change, repeat or add numbers, in any format: findings of the family's
    codes, on a version's own segment, and the same ones when asked again (memos change no answer)."""
    first = numbers.check_numbers(alignment)
    paths = {d.path: d for d in alignment.documents}
    for f in first:
        assert f.code in {"NUM001", "NUM002", "NUM003", "NUM004", "FMT001", "FMT002"}
        assert 1 <= f.line <= len(paths[f.path].segments)
        assert f.evidence["text"] in {s.text for s in paths[f.path].segments}
    assert [f.to_dict() for f in numbers.check_numbers(alignment)] == [f.to_dict() for f in first]

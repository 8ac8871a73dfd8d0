"""Reference-free quality score: the documented formula, its components, and damage always costing."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.errors import ConfigError, InputError
from aligner.model import Alignment, Document, Finding, SegmentKind, Severity, Unit
from aligner.score.quality import (
    DEFAULT_WEIGHTS,
    QualityWeights,
    count_words,
    mqm_score,
    quality_scores,
    quality_signature,
    soft_floor,
)
from aligner.segment.layout import build_document


def sentence(n: int, word: str = "ord") -> str:
    return " ".join([word] * n) + "."


def finding(doc: Document, seg: int, severity: Severity = Severity.MAJOR, *, category: str = "number",
            confidence: float = 1.0, by_line: bool = False) -> Finding:
    s = doc.segments[seg]
    start = None if by_line else s.start
    return Finding("T001", category, severity, doc.path, doc.language, s.line, s.column, "test", {}, confidence,
                   start, None if by_line else s.end, None)


# ---------------------------------------------------------------- the worked example of docs/scoring.md

def worked_example() -> tuple[Alignment, list[Finding], dict[str, list[str]]]:
    da_lines = ["Verdenserklæringen"] + [sentence(28)] * 7 + [sentence(25), sentence(14), sentence(14, "word")]
    en_lines = ["Declaration"] + [sentence(27, "word")] * 10
    te_lines = ["ప్రకటన"] + [sentence(20, "పదం")] * 10
    da = build_document("\n".join(da_lines) + "\n", "da.txt", "da")
    en = build_document("\n".join(en_lines) + "\n", "en.txt", "en")
    te = build_document("\n".join(te_lines) + "\n", "te.txt", "te")
    units = [Unit(((0,), (0,), (0,)), 1.0)]
    units += [Unit(((i,), (i,), (i,)), 1.0) for i in range(1, 8)]
    units.append(Unit(((8,), (8,), (8,)), 0.5))
    units.append(Unit(((), (9,), (9,)), 1.0))
    units.append(Unit(((9, 10), (10,), (10,)), 1.0))
    s9 = da.segments[9]
    findings = [
        Finding("OMI001", "omission", Severity.MAJOR, "da.txt", "da", s9.line, s9.column, "missing", {}, 0.9,
                s9.start, s9.start, 9),
        finding(da, 3, Severity.MINOR),
        finding(da, 0, Severity.INFO, category="addition", confidence=0.8),
    ]
    langs = {"da.txt": ["da"] * 10 + ["en"], "en.txt": ["en"] * 11, "te.txt": ["te"] * 11}
    return Alignment((da, en, te), tuple(units)), findings, langs


def test_worked_example_of_the_docs() -> None:
    alignment, findings, langs = worked_example()
    da, en, te = quality_scores(alignment, findings, segment_languages=langs, per_segment=True)
    c = da.components
    assert [s.kind for s in alignment.documents[0].segments][:2] == [SegmentKind.TITLE, SegmentKind.SENTENCE]
    assert (c["words"], c["penalty"], c["normed_penalty"], c["mqm"]) == (250, 5.75, 23.0, 77.0)
    assert (c["coverage"], c["alignment"], c["language"], c["content"]) == (0.9, 0.9444, 0.9438, 0.865)
    assert (c["units"], c["expected_units"]) == (9, 10)
    assert c["findings"] == {"info": 1, "minor": 1, "major": 1, "critical": 0}
    assert da.score == pytest.approx(77.0 * 0.865)
    assert en.score == pytest.approx(te.score) == pytest.approx(100 * 0.991)
    assert [s.rank for s in (da, en, te)] == [3, 1, 2]  # en and te tie: broken by path
    assert da.segments is not None and da.segments[3] == pytest.approx(96.0) and da.segments[9] == pytest.approx(81.0)
    assert [round(x, 6) for i, x in enumerate(da.segments) if i not in (3, 9)] == [100.0] * 9


def test_json_shape_the_cli_prints() -> None:
    alignment, findings, langs = worked_example()
    scores = quality_scores(alignment, findings, segment_languages=langs)
    out = json.loads(json.dumps({"documents": [s.to_dict() for s in scores], "signature": quality_signature()}))
    assert out["documents"][0]["path"] == "da.txt" and out["documents"][0]["score"] == 66.61
    assert {"coverage", "alignment", "language", "mqm", "penalty"} <= set(out["documents"][0]["components"])
    assert "segments" not in out["documents"][0]
    assert out["signature"].startswith("aligner:score|") and "rwc:1000" in out["signature"]


# ---------------------------------------------------------------- table-driven pieces

def pair(n_units: int = 4, words: int = 10) -> Alignment:
    a = build_document("\n".join(sentence(words, "aa") for _ in range(n_units)) + "\n", "a.txt", "da")
    b = build_document("\n".join(sentence(words, "bb") for _ in range(n_units)) + "\n", "b.txt", "lt")
    return Alignment((a, b), tuple(Unit(((i,), (i,)), 1.0) for i in range(n_units)))


@pytest.mark.parametrize("severity,points", [
    (Severity.INFO, 0.0), (Severity.MINOR, 1.0), (Severity.MAJOR, 5.0), (Severity.CRITICAL, 25.0),
])
def test_severity_points_and_per_word_normalisation(severity: Severity, points: float) -> None:
    al = pair(4, 10)  # 40 words per version
    a = quality_scores(al, [finding(al.documents[0], 1, severity)])[0]
    assert a.components["penalty"] == points
    assert a.components["mqm"] == pytest.approx(100 - points * 1000 / 40)
    assert a.score == pytest.approx(soft_floor(100 - points * 25, 10.0))


@pytest.mark.parametrize("text,expected", [
    ("Everyone has the right to life.", 6),
    ("It's well-known: 12,5 % and 1.000.000 kr.", 6),
    ("ప్రతి వ్యక్తికి జీవించే హక్కు ఉంది.", 5),
    ("人人生而自由", 6),
    ("— 12 —", 1),
    ("", 0),
])
def test_word_count(text: str, expected: int) -> None:
    assert count_words(text) == expected


@pytest.mark.parametrize("confidence,expected_penalty", [(1.0, 5.0), (0.5, 3.75), (0.0, 2.5), (7.0, 5.0)])
def test_confidence_weights_the_penalty_but_never_to_zero(confidence: float, expected_penalty: float) -> None:
    al = pair()
    a = quality_scores(al, [finding(al.documents[0], 0, confidence=confidence)])[0]
    assert a.components["penalty"] == expected_penalty


def test_category_weights_scale_penalties() -> None:
    al = pair()
    weights = QualityWeights(category_weights={"number": 2.0})
    a = quality_scores(al, [finding(al.documents[0], 0)], weights=weights)[0]
    assert a.components["penalty"] == 10.0
    assert "etw:number=2" in quality_signature(weights)


def test_omission_lowers_coverage_but_one_version_furniture_does_not() -> None:
    a = build_document("Title\n\nBy Jane Doe\n\n" + sentence(5, "aa") + "\n" + sentence(5, "aa") + "\n", "a.txt", "da")
    b = build_document(sentence(5, "bb") + "\n" + sentence(5, "bb") + "\n", "b.txt", "lt")
    c = build_document(sentence(5, "cc") + "\n", "c.txt", "tl")
    assert [s.kind for s in a.segments] == [SegmentKind.TITLE, SegmentKind.BOILERPLATE,
                                           SegmentKind.SENTENCE, SegmentKind.SENTENCE]
    units = (Unit(((0,), (), ()), 1.0), Unit(((1,), (), ()), 1.0), Unit(((2,), (0,), (0,)), 1.0),
             Unit(((3,), (1,), ()), 1.0))
    sa, sb, sc = quality_scores(Alignment((a, b, c), units), [])
    assert (sa.components["coverage"], sb.components["coverage"], sc.components["coverage"]) == (1.0, 1.0, 0.5)
    assert sa.score == sb.score == 100.0
    assert sc.score == pytest.approx(100 * (1 - 0.9 * 0.5))
    assert sc.components["words"] == 5 and sa.components["words"] == 14  # furniture words still count


def test_language_purity_counts_words_and_ignores_undetermined() -> None:
    al = pair(4, 10)
    langs = {"a.txt": ["da", "und", "en", "da"], "b.txt": ["lt"] * 4}
    a, b = quality_scores(al, [], segment_languages=langs)
    assert a.components["language"] == 0.75 and b.components["language"] == 1.0
    assert a.score == pytest.approx(100 * (1 - 0.9 * (1 - (3 + 0.2) / 4)))
    assert quality_scores(al, [])[0].components["language"] is None  # not measured


def test_segment_languages_must_match_segments() -> None:
    al = pair(4)
    with pytest.raises(InputError):
        quality_scores(al, [], segment_languages={"a.txt": ["da"] * 3})
    assert quality_scores(al, [], segment_languages={"a.txt": []})[0].components["language"] is None


@pytest.mark.parametrize("by_line", [False, True])
def test_per_segment_scores_locate_findings(by_line: bool) -> None:
    al = pair(4, 10)
    a = quality_scores(al, [finding(al.documents[0], 2, Severity.MINOR, by_line=by_line)], per_segment=True)[0]
    assert a.segments == pytest.approx((100.0, 100.0, 75.0, 100.0))
    assert quality_scores(al, [])[0].segments is None


def test_findings_of_other_files_are_ignored() -> None:
    al = pair()
    stray = replace(finding(al.documents[0], 0, Severity.CRITICAL), path="elsewhere.txt")
    assert [s.score for s in quality_scores(al, [stray])] == [100.0, 100.0]


def test_ranks_break_ties_by_path_and_order_follows_documents() -> None:
    al = pair()
    b = al.documents[1]
    scores = quality_scores(al, [finding(b, 0, Severity.MINOR)])
    assert [(s.path, s.rank) for s in scores] == [("a.txt", 1), ("b.txt", 2)]
    swapped = Alignment((b, al.documents[0]), tuple(Unit((u.segments[1], u.segments[0])) for u in al.units))
    tied = quality_scores(swapped, [])
    assert [(s.path, s.rank) for s in tied] == [("b.txt", 2), ("a.txt", 1)]


@pytest.mark.parametrize("kwargs", [
    {"minor": 0}, {"minor": 6}, {"critical": 4}, {"confidence_floor": 0}, {"reference_word_count": 0},
    {"passing_threshold": 100}, {"passing_penalty": 0}, {"knee": 0}, {"coverage": 1.0}, {"alignment": -0.1},
    {"language": 1.5}, {"category_weights": {"number": 0}},
])
def test_invalid_weights_are_config_errors(kwargs: dict) -> None:
    with pytest.raises(ConfigError):
        QualityWeights(**kwargs)


def test_calibration_and_signature() -> None:
    assert DEFAULT_WEIGHTS.scaling_factor == 1.0
    assert mqm_score(10, 1000) == 90.0  # the passing threshold at the tolerated penalty
    raw = QualityWeights(passing_penalty=100.0)  # scaling factor 0.1: MQM's raw model, 100 * (1 - APT / EWC)
    assert mqm_score(10, 1000, raw) == pytest.approx(99.0)
    assert quality_signature() == quality_signature(QualityWeights())
    assert quality_signature() != quality_signature(raw)
    assert quality_signature().endswith("|version:0.1.0")


@pytest.mark.parametrize("value", [100.0, 50.0, 10.0, 9.99, 0.0, -100.0, -1e9])
def test_soft_floor_is_positive_and_exact_above_the_knee(value: float) -> None:
    out = soft_floor(value, 10.0)
    assert out > 0
    assert (out == value) is (value >= 10.0)
    assert soft_floor(value - 1.0, 10.0) < out


# ---------------------------------------------------------------- the damage property

VERSION_LANGS = ("da", "lt", "te")


@dataclass(frozen=True)
class Seg:
    words: int
    kind: SegmentKind
    lang: str  # "own", "und" or "xx"


@dataclass(frozen=True)
class Spec:
    """A group: per unit and version its segments; unit scores; findings (version, severity, category, conf, seg)."""

    units: tuple[tuple[tuple[Seg, ...], ...], ...]
    scores: tuple[float, ...]
    findings: tuple[tuple[int, Severity, str, float, int], ...]


def build(spec: Spec) -> tuple[Alignment, list[Finding], dict[str, list[str]]]:
    n = len(spec.units[0])
    docs, units, langs = [], [[] for _ in spec.units], {}
    for k in range(n):
        lines, kinds, codes = [], [], []
        for u, unit in enumerate(spec.units):
            ids = []
            for seg in unit[k]:
                ids.append(len(lines))
                lines.append(" ".join(["w"] * seg.words) or "—")
                kinds.append(seg.kind)
                codes.append({"own": VERSION_LANGS[k], "und": "und", "xx": "xx"}[seg.lang])
            units[u].append(tuple(ids))
        path = f"v{k}.txt"
        doc = build_document("\n".join(lines) + "\n" if lines else "", path, VERSION_LANGS[k], presegmented=True)
        assert len(doc.segments) == len(lines)
        segs = tuple(replace(s, kind=kind) for s, kind in zip(doc.segments, kinds))
        docs.append(replace(doc, segments=segs))
        langs[path] = codes
    alignment = Alignment(tuple(docs), tuple(Unit(tuple(ids), sc) for ids, sc in zip(units, spec.scores)))
    findings = []
    for k, severity, category, conf, seg in spec.findings:
        doc = docs[k]
        if doc.segments:
            s = doc.segments[seg % len(doc.segments)]
            findings.append(Finding("T001", category, severity, doc.path, doc.language, s.line, s.column, "t", {},
                                    conf, s.start, s.end, None))
        else:
            findings.append(Finding("T001", category, severity, doc.path, doc.language, 1, 1, "t", {}, conf))
    return alignment, findings, langs


segs_st = st.builds(Seg, st.integers(0, 12),
                    st.sampled_from([SegmentKind.SENTENCE] * 3 + [SegmentKind.HEADING, SegmentKind.BOILERPLATE,
                                                                  SegmentKind.TITLE]),
                    st.sampled_from(["own", "own", "und", "xx"]))
severities = st.sampled_from(list(Severity))
damaging = st.sampled_from([Severity.MINOR, Severity.MAJOR, Severity.CRITICAL])
categories = st.sampled_from(["number", "omission", "addition", "language", "format"])
confidences = st.floats(0.0, 1.0)


@st.composite
def specs(draw) -> Spec:
    n = draw(st.integers(2, 3))
    units = []
    for _ in range(draw(st.integers(1, 6))):
        present = draw(st.lists(st.booleans(), min_size=n, max_size=n).filter(any))
        units.append(tuple(tuple(draw(st.lists(segs_st, min_size=1, max_size=2))) if p else () for p in present))
    scores = tuple(draw(st.floats(0.0, 1.0)) for _ in units)
    findings = tuple(draw(st.lists(st.tuples(st.integers(0, n - 1), severities, categories, confidences,
                                             st.integers(0, 20)), max_size=8)))
    return Spec(tuple(units), scores, findings)


weights_st = st.builds(
    QualityWeights,
    minor=st.just(1.0), major=st.sampled_from([1.0, 5.0]), critical=st.sampled_from([5.0, 25.0, 100.0]),
    confidence_floor=st.floats(0.05, 1.0), passing_threshold=st.floats(0.0, 99.0),
    passing_penalty=st.floats(0.5, 50.0), knee=st.floats(1.0, 100.0),
    coverage=st.floats(0.05, 0.95), alignment=st.floats(0.0, 0.95), language=st.floats(0.05, 0.95),
)


def score_all(spec: Spec, weights: QualityWeights, langs_override: dict | None = None) -> list[float]:
    alignment, findings, langs = build(spec)
    scores = quality_scores(alignment, findings, segment_languages=langs_override or langs, per_segment=True,
                            weights=weights)
    for s in scores:
        assert 0.0 <= s.score <= 100.0
        assert s.segments is not None and all(0.0 <= x <= 100.0 for x in s.segments)
    return [s.score for s in scores]


def is_content(seg: Seg) -> bool:
    return seg.kind not in (SegmentKind.TITLE, SegmentKind.BOILERPLATE)


_PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_PROPERTY
@given(specs(), weights_st, st.data())
def test_an_extra_finding_always_lowers_the_score(spec: Spec, weights: QualityWeights, data) -> None:
    n = len(spec.units[0])
    k = data.draw(st.integers(0, n - 1))
    extra = (k, data.draw(damaging), data.draw(categories), data.draw(confidences), data.draw(st.integers(0, 20)))
    before = score_all(spec, weights)
    after = score_all(replace(spec, findings=spec.findings + (extra,)), weights)
    assert after[k] < before[k]
    assert [s for j, s in enumerate(after) if j != k] == [s for j, s in enumerate(before) if j != k]


@_PROPERTY
@given(specs(), weights_st, st.data())
def test_dropping_a_unit_always_lowers_the_score(spec: Spec, weights: QualityWeights, data) -> None:
    n = len(spec.units[0])
    # A unit this version has and another version has real content in (not a repair of one's own addition).
    choices = [(u, k) for u, unit in enumerate(spec.units) for k in range(n)
               if unit[k] and any(is_content(s) for j in range(n) if j != k for s in unit[j])]
    if not choices:
        return
    u, k = data.draw(st.sampled_from(choices))
    units = list(spec.units)
    units[u] = tuple(() if j == k else segs for j, segs in enumerate(units[u]))
    before = score_all(spec, weights)
    after = score_all(replace(spec, units=tuple(units)), weights)
    assert after[k] < before[k]


@_PROPERTY
@given(specs(), weights_st, st.data())
def test_a_segment_in_another_language_always_lowers_the_score(spec: Spec, weights: QualityWeights, data) -> None:
    n = len(spec.units[0])
    # Segments (by version and position) in a unit of content whose language is not already foreign.
    choices, pos = [], [0] * n
    for unit in spec.units:
        content = any(is_content(s) for segs in unit for s in segs)
        for k, segs in enumerate(unit):
            for seg in segs:
                if content and seg.lang != "xx":
                    choices.append((k, pos[k]))
                pos[k] += 1
    if not choices:
        return
    k, i = data.draw(st.sampled_from(choices))
    _, _, langs = build(spec)
    flipped = {path: list(codes) for path, codes in langs.items()}
    flipped[f"v{k}.txt"][i] = "xx"
    before = score_all(spec, weights)
    after = score_all(spec, weights, flipped)
    assert after[k] < before[k]
    assert [s for j, s in enumerate(after) if j != k] == [s for j, s in enumerate(before) if j != k]

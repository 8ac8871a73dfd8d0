"""Reference-free quality score: one 0–100 figure per version of an aligned group, with its components.

The score is the MQM linear calibrated scoring model applied to the findings (penalty points
per severity, normalised per word), times a *content* factor made from the alignment itself:
coverage (the group's units this version has), alignment confidence and language purity.
``docs/scoring.md`` gives the exact formula, the defaults, a worked example and the reasons.

Guarantee (tested with hypothesis): all else equal, adding damage to a version — one more
finding of severity minor or worse, dropping it from a unit of content another version still
has, or one of its segments in such a unit detected as another language — always lowers its
score strictly, and every score stays within [0, 100].
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import regex

from ..errors import ConfigError, InputError
from ..model import Alignment, Document, Finding, QualityScore, SegmentKind, Severity, Unit
from ..signature import make_signature

#: MQM's Maximum Score Value: scores are on a 0–100 scale.
MAX_SCORE = 100.0
#: Segment kinds that are page furniture: they neither earn nor cost coverage, confidence or purity.
FURNITURE = frozenset({SegmentKind.TITLE, SegmentKind.BOILERPLATE})
#: Detected codes that say nothing about the language (digits, symbols, too short to tell).
UNDETERMINED = frozenset({"", "und", "zxx", "unknown"})

# A word: a number with its separators (12,5 or 1.000.000), a run of letters, marks and digits
# (inner apostrophes and hyphens kept), or one Han/kana character, since Chinese and Japanese
# put no spaces between words.
_WORD = regex.compile(
    r"\p{Nd}+(?:[.,]\p{Nd}+)+"
    r"|[\p{Han}\p{Hiragana}\p{Katakana}]"
    r"|[[\p{L}\p{M}\p{N}]--[\p{Han}\p{Hiragana}\p{Katakana}]]+"
    r"(?:['’\-][[\p{L}\p{M}\p{N}]--[\p{Han}\p{Hiragana}\p{Katakana}]]+)*",
    regex.V1,
)


@dataclass(frozen=True)
class QualityWeights:
    """Settings of the quality score (defaults documented in ``docs/scoring.md``).

    Severity penalty multipliers (``info`` always costs 0): ``minor``, ``major``, ``critical``.
    ``category_weights``: MQM error-type weight per finding category (1 when absent).
    ``confidence_floor``: a finding costs ``floor + (1 - floor) * confidence`` of its points
    (1 turns confidence weighting off). MQM calibration: ``reference_word_count`` (RWC);
    a version with ``passing_penalty`` penalty points per RWC words scores ``passing_threshold``.
    ``knee``: below it the MQM score is compressed so that it never reaches 0.
    ``coverage``, ``alignment``, ``language``: how much each content component weighs, in [0, 1).
    """

    minor: float = 1.0
    major: float = 5.0
    critical: float = 25.0
    category_weights: Mapping[str, float] | tuple[tuple[str, float], ...] = field(default=())
    confidence_floor: float = 0.5
    reference_word_count: float = 1000.0
    passing_threshold: float = 90.0
    passing_penalty: float = 10.0
    knee: float = 10.0
    coverage: float = 0.9
    alignment: float = 0.2
    language: float = 0.8

    def __post_init__(self) -> None:
        items = self.category_weights.items() if isinstance(self.category_weights, Mapping) else self.category_weights
        pairs = tuple(sorted((str(k), float(v)) for k, v in items))
        object.__setattr__(self, "category_weights", pairs)
        problems = []
        if not 0 < self.minor <= self.major <= self.critical:
            problems.append("severity points must satisfy 0 < minor <= major <= critical")
        problems += [f"category weight of {k!r} must be positive" for k, v in pairs if not v > 0]
        if not 0 < self.confidence_floor <= 1:
            problems.append("confidence_floor must be in (0, 1]")
        if not self.reference_word_count > 0:
            problems.append("reference_word_count must be positive")
        if not 0 <= self.passing_threshold < MAX_SCORE:
            problems.append("passing_threshold must be in [0, 100)")
        if not self.passing_penalty > 0:
            problems.append("passing_penalty must be positive")
        if not 0 < self.knee <= MAX_SCORE:
            problems.append("knee must be in (0, 100]")
        for name in ("coverage", "alignment", "language"):
            if not 0 <= getattr(self, name) < 1:
                problems.append(f"{name} weight must be in [0, 1)")
        if problems:
            raise ConfigError("score weights", "; ".join(problems))

    @property
    def scaling_factor(self) -> float:
        """MQM's scaling factor: score points lost per normed penalty point."""
        return (MAX_SCORE - self.passing_threshold) / self.passing_penalty

    def points(self, severity: Severity) -> float:
        """Severity penalty multiplier: 0 for info."""
        return {Severity.INFO: 0.0, Severity.MINOR: self.minor, Severity.MAJOR: self.major,
                Severity.CRITICAL: self.critical}[severity]

    def category_weight(self, category: str) -> float:
        """MQM error-type weight of a finding category (1 unless set)."""
        return dict(self.category_weights).get(category, 1.0)

    def penalty(self, finding: Finding) -> float:
        """Penalty points of one finding: severity points x category weight x confidence weight."""
        conf = min(1.0, max(0.0, finding.confidence))
        weight = self.confidence_floor + (1.0 - self.confidence_floor) * conf
        return self.points(finding.severity) * self.category_weight(finding.category) * weight


#: The documented default settings.
DEFAULT_WEIGHTS = QualityWeights()


def quality_signature(weights: QualityWeights = DEFAULT_WEIGHTS) -> str:
    """The signature of the quality score settings, e.g. ``aligner:score|aln:0.2|...|version:0.1.0``."""
    w = weights
    return make_signature("score", {
        "model": "mqm-linear-calibrated",
        "sev": [_num(w.minor), _num(w.major), _num(w.critical)],
        "etw": [f"{k}={_num(v)}" for k, v in w.category_weights],
        "conf": _num(w.confidence_floor),
        "rwc": _num(w.reference_word_count),
        "pt": _num(w.passing_threshold),
        "ptol": _num(w.passing_penalty),
        "knee": _num(w.knee),
        "cov": _num(w.coverage),
        "aln": _num(w.alignment),
        "lang": _num(w.language),
    })


def count_words(text: str) -> int:
    """Words in ``text``: runs of letters, marks and digits; each Han or kana character counts as one."""
    return len(_WORD.findall(text))


def mqm_score(penalty: float, words: int, weights: QualityWeights = DEFAULT_WEIGHTS) -> float:
    """MQM linear calibrated Overall Quality Score: ``100 - penalty * RWC / words * SF`` (may be negative)."""
    normed = penalty * weights.reference_word_count / max(words, 1)
    return MAX_SCORE - normed * weights.scaling_factor


def soft_floor(value: float, knee: float) -> float:
    """``value`` from ``knee`` up; below, ``knee**2 / (2*knee - value)``: positive, strictly increasing, smooth."""
    return value if value >= knee else knee * knee / (2.0 * knee - value)


def quality_scores(
    alignment: Alignment,
    findings: Sequence[Finding],
    *,
    segment_languages: Mapping[str, Sequence[str]] | None = None,
    per_segment: bool = False,
    weights: QualityWeights = DEFAULT_WEIGHTS,
) -> list[QualityScore]:
    """Score every version of ``alignment`` from 0 to 100 and rank them (1 = best; ties by path).

    ``findings`` are matched to versions by :func:`finding_of` (findings of other files are ignored).
    ``segment_languages[id]`` holds one detected language code per segment of that document
    (:class:`InputError` when the count differs); without it, with none for a path, or when the
    document's language is unknown, purity is not measured and counts as full.
    With ``per_segment`` each score carries one figure per segment of its document, in
    document order: 100 minus the points that segment's findings cost the document.
    Scores are returned in the order of ``alignment.documents``.
    """
    docs = alignment.documents
    content_units = [u for u in alignment.units if _is_content(docs, u)]
    results: list[tuple[float, dict, tuple[float, ...] | None]] = []
    for k, doc in enumerate(docs):
        words = [count_words(s.text) for s in doc.segments]
        matches = _language_matches(doc, segment_languages)
        own = [f for f in findings if finding_of(f, doc)]

        total_words = sum(words[i] for u in alignment.units for i in _ids(u, k))
        penalty = sum((weights.penalty(f) for f in own), 0.0)
        mqm = mqm_score(penalty, total_words, weights)
        quality = soft_floor(mqm, weights.knee)

        present = 0
        confidence = 0.0
        credit = 0.0
        lang_ok = lang_all = 0
        for unit in content_units:
            ids = _ids(unit, k)
            if not ids:
                continue
            s = min(1.0, max(0.0, unit.score))
            sizes = [max(words[i], 1) for i in ids]
            ok = sum(n for i, n in zip(ids, sizes) if matches is None or matches[i])
            purity = ok / sum(sizes)
            present += 1
            confidence += s
            lang_ok += ok
            lang_all += sum(sizes)
            credit += (1.0 - weights.alignment * (1.0 - s)) * (1.0 - weights.language * (1.0 - purity))
        expected = len(content_units)
        content = 1.0 - weights.coverage * (1.0 - credit / expected) if expected else 1.0
        score = min(MAX_SCORE, max(0.0, quality * content))

        counts = {sev.value: sum(1 for f in own if f.severity == sev) for sev in Severity}
        components = {
            "words": total_words,
            "findings": counts,
            "penalty": round(penalty, 4),
            "normed_penalty": round(penalty * weights.reference_word_count / max(total_words, 1), 4),
            "mqm": round(mqm, 4),
            "quality": round(quality, 4),
            "coverage": round(present / expected, 4) if expected else 1.0,
            "alignment": round(confidence / present, 4) if present else None,
            "language": round(lang_ok / lang_all, 4) if matches is not None and lang_all else None,
            "content": round(content, 4),
            "units": present,
            "expected_units": expected,
        }
        segments = _segment_scores(doc, own, total_words, weights) if per_segment else None
        results.append((score, components, segments))

    order = sorted(range(len(docs)), key=lambda k: (-round(results[k][0], 9), docs[k].id))
    rank = {k: r + 1 for r, k in enumerate(order)}
    return [
        QualityScore(doc.path, doc.language, score, components, rank[k], segments)
        for k, (doc, (score, components, segments)) in enumerate(zip(docs, results))
    ]


#: The components in words, for people (the JSON keeps the short keys).
COMPONENT_NAMES = {
    "words": "words",
    "findings": "findings by severity",
    "penalty": "penalty points",
    "normed_penalty": "penalty points per 1000 words",
    "mqm": "MQM score (before the floor)",
    "quality": "score from the findings",
    "coverage": "share of the content units present",
    "alignment": "mean alignment confidence",
    "language": "share of words in the document's language",
    "content": "content factor",
    "units": "content units present",
    "expected_units": "content units in the group",
}


def explain_score(score: float, components: Mapping) -> str:
    """The arithmetic of a score in words: what the findings cost, then what the content factor takes.

    ``score = score from the findings x content factor``; docs/scoring.md gives the formulas.
    """
    quality, content = components.get("quality"), components.get("content")
    if not isinstance(quality, (int, float)) or not isinstance(content, (int, float)):
        return ", ".join(f"{COMPONENT_NAMES.get(k, k)}: {v}" for k, v in components.items()
                         if not isinstance(v, (dict, list)))
    counts = components.get("findings") or {}
    found = ", ".join(f"{counts[sev.value]} {sev.value}" for sev in Severity.descending()
                      if counts.get(sev.value) and sev is not Severity.INFO) or "none"
    words = components.get("words")
    parts = [f"{quality:.1f} after findings ({found}"
             f"{f'; {words:,} words' if isinstance(words, int) else ''})"]
    content_why = []
    units, expected = components.get("units"), components.get("expected_units")
    if isinstance(units, int) and isinstance(expected, int) and units < expected:
        content_why.append(f"{expected - units} of {expected} units missing")
    alignment = components.get("alignment")
    if isinstance(alignment, (int, float)) and alignment < 0.995:
        content_why.append(f"alignment {alignment:.2f}")
    language = components.get("language")
    if isinstance(language, (int, float)) and language < 0.995:
        content_why.append(f"{100 * (1 - language):.0f}% other language")
    parts.append(f"× content {content:.3f}" + (f" ({', '.join(content_why)})" if content_why else ""))
    return " ".join(parts) + f" = {score:.1f}"


def finding_of(finding: Finding, doc: Document) -> bool:
    """Whether ``finding`` is about ``doc``: same file and, when the file holds several documents, same language.

    (A finding carries the file, line and column of its text, not the document id.)
    """
    return finding.path == doc.path and (doc.id == doc.path or finding.language == doc.language)


def _is_content(docs: Sequence[Document], unit: Unit) -> bool:
    """A unit counts for coverage when some version has a segment there that is not page furniture."""
    return any(docs[k].segments[i].kind not in FURNITURE for k, ids in enumerate(unit.segments) for i in ids)


def _ids(unit: Unit, version: int) -> tuple[int, ...]:
    """The segment ids of ``version`` in ``unit`` (none when the unit is shorter than the group)."""
    return unit.segments[version] if version < len(unit.segments) else ()


def _language_matches(doc: Document, segment_languages: Mapping[str, Sequence[str]] | None) -> list[bool] | None:
    """Per segment: is it in the document's language (undetermined counts as yes)? ``None`` when not measured."""
    codes = list((segment_languages or {}).get(doc.id) or ())
    if not codes or not doc.language:
        return None
    if len(codes) != len(doc.segments):
        raise InputError(doc.path, f"{len(codes)} segment languages for {len(doc.segments)} segments")
    expected = _primary(doc.language)
    return [_primary(c) in UNDETERMINED or _primary(c) == expected for c in codes]


def _segment_scores(doc: Document, findings: Sequence[Finding], words: int,
                    weights: QualityWeights) -> tuple[float, ...]:
    """Per segment: the document's MQM score if this segment's findings were its only ones (soft-floored)."""
    points = [0.0] * len(doc.segments)
    if doc.segments:
        by_offset = sorted(range(len(doc.segments)), key=lambda i: doc.segments[i].start)
        offsets = [doc.segments[i].start for i in by_offset]
        by_line = sorted(range(len(doc.segments)), key=lambda i: (doc.segments[i].line, doc.segments[i].column))
        lines = [(doc.segments[i].line, doc.segments[i].column) for i in by_line]
        for f in findings:
            # The segment the finding points into: by character offset when known, else by line and column;
            # a position before the first segment belongs to the first.
            if f.start is not None:
                i = by_offset[max(bisect_right(offsets, f.start) - 1, 0)]
            else:
                i = by_line[max(bisect_right(lines, (f.line, f.column)) - 1, 0)]
            points[i] += weights.penalty(f)
    return tuple(soft_floor(mqm_score(p, words, weights), weights.knee) for p in points)


def _primary(code: str | None) -> str:
    return (code or "").replace("_", "-").split("-", 1)[0].casefold()


def _num(value: float) -> str:
    return f"{value:g}"

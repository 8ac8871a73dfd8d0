"""Scores: reference-based (sacrebleu: BLEU, chrF, chrF++, TER) and reference-free (MQM-style quality)."""

from .quality import DEFAULT_WEIGHTS, QualityWeights, count_words, mqm_score, quality_scores, quality_signature
from .reference import (
    MetricComparison,
    MetricScore,
    ReferenceScores,
    SystemComparison,
    choose_tokenizer,
    compare_systems,
    reference_scores,
)

__all__ = [
    "DEFAULT_WEIGHTS",
    "MetricComparison",
    "MetricScore",
    "QualityWeights",
    "ReferenceScores",
    "SystemComparison",
    "choose_tokenizer",
    "compare_systems",
    "count_words",
    "mqm_score",
    "quality_scores",
    "quality_signature",
    "reference_scores",
]

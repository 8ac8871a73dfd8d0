"""Reference-based scores: BLEU, chrF, chrF++ and TER through sacrebleu, and paired significance tests.

Every figure is sacrebleu's own (its Python API, the same code its CLI runs), so a corpus
score here equals ``sacrebleu REF -i HYP -m bleu chrf ter`` on the same lines, and each
metric carries sacrebleu's signature string. Inputs are lists of segments already aligned
line by line: hypothesis line *i* translates reference line *i*.

Tokenizer: BLEU uses ``13a`` unless told otherwise or unless the target language asks for
another (:data:`LANGUAGE_TOKENIZERS`). For Telugu (and the other Dravidian languages and the
scripts written without spaces) the word-level ``13a`` tokens are whole inflected words or
phrases; the tokenizers built for them (``spm``, ``flores101``, ``flores200``) download a
SentencePiece model, which aligner never does, so ``char`` is the default there and chrF
(character n-grams, no tokenizer) is the figure to read first. See ``docs/scoring.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.base import Metric, Score
from sacrebleu.significance import Result, _paired_ar_test, _paired_bs_test, estimate_ci

from ..errors import ConfigError, InputError
from ..signature import make_signature

#: Metrics computed when none are named, in output order.
DEFAULT_METRICS: tuple[str, ...] = ("bleu", "chrf", "chrf++", "ter")
#: sacrebleu's default seed for resampling (``SACREBLEU_SEED``), ours too.
DEFAULT_SEED = 12345
#: sacrebleu's default number of resamples (``bs``) and of trials (``ar``).
DEFAULT_SAMPLES = {"bs": 1000, "ar": 10000}

#: BLEU tokenizer chosen from the target language when none is given. zh/ja/ko follow
#: sacrebleu's own choice; the others get ``char`` because 13a words are too coarse for
#: agglutinative Dravidian languages (te, ta, kn, ml) and for scripts written without
#: spaces between words (th, lo, km, my), and the SentencePiece tokenizers need a download.
LANGUAGE_TOKENIZERS: dict[str, str] = {
    "zh": "zh",
    "ja": "ja-mecab",
    "ko": "ko-mecab",
    "te": "char",
    "ta": "char",
    "kn": "char",
    "ml": "char",
    "th": "char",
    "lo": "char",
    "km": "char",
    "my": "char",
}
#: sacrebleu tokenizers that fetch a model from the network on first use.
DOWNLOADING_TOKENIZERS = frozenset({"spm", "flores101", "flores200", "spBLEU-1K"})


@dataclass(frozen=True)
class MetricScore:
    """One metric over the whole corpus, with sacrebleu's signature.

    ``segments`` holds one sentence-level score per line when asked for; sentence BLEU
    uses effective n-gram order (as ``sacrebleu --sentence-level`` does), so its signature
    is ``segment_signature``, not ``signature``.
    """

    name: str
    score: float
    signature: str
    details: dict
    segments: tuple[float, ...] | None = None
    segment_signature: str | None = None

    def to_dict(self) -> dict:
        out: dict = {"score": self.score, "signature": self.signature, **self.details}
        if self.segments is not None:
            out["segments"] = list(self.segments)
            out["segment_signature"] = self.segment_signature
        return out


_M = TypeVar("_M", "MetricScore", "MetricComparison")


def _named(metrics: Sequence[_M], name: str) -> _M:
    """The entry of ``metrics`` called ``name`` in sacrebleu's naming (``chrF2++``) or ours (``chrf++``)."""
    for m in metrics:
        if name in (m.name, _OUR_NAME.get(m.name)):
            return m
    raise KeyError(name)


@dataclass(frozen=True)
class ReferenceScores:
    """Reference-based scores of one hypothesis: one :class:`MetricScore` per metric, in request order."""

    metrics: tuple[MetricScore, ...]
    lines: int
    tokenize: str
    language: str | None
    signature: str

    def __getitem__(self, name: str) -> MetricScore:
        """The metric named ``name`` (sacrebleu's name, e.g. ``BLEU``, ``chrF2++``, or ours, e.g. ``chrf++``)."""
        return _named(self.metrics, name)

    def to_dict(self) -> dict:
        return {
            "lines": self.lines,
            "tokenize": self.tokenize,
            "language": self.language,
            "metrics": {m.name: m.to_dict() for m in self.metrics},
            "signature": self.signature,
        }


@dataclass(frozen=True)
class MetricComparison:
    """A paired test of one metric: baseline (``hyp_a``) against system (``hyp_b``).

    ``p_value`` is sacrebleu's: the probability of a difference at least this large by chance.
    With bootstrap resampling, ``*_mean`` and ``*_ci`` are the resampled mean and the half
    width of its 95% interval; approximate randomization leaves them ``None`` (as the CLI does).
    Deciding what p-value is significant is left to the caller.
    """

    name: str
    signature: str
    baseline: float
    system: float
    p_value: float
    baseline_mean: float | None = None
    baseline_ci: float | None = None
    system_mean: float | None = None
    system_ci: float | None = None

    def to_dict(self) -> dict:
        return {
            "baseline": {"score": self.baseline, "mean": self.baseline_mean, "ci": self.baseline_ci},
            "system": {"score": self.system, "mean": self.system_mean, "ci": self.system_ci,
                       "p_value": self.p_value},
            "signature": self.signature,
        }


@dataclass(frozen=True)
class SystemComparison:
    """The paired significance test of two hypotheses against one reference, metric by metric."""

    method: str
    samples: int
    seed: int
    metrics: tuple[MetricComparison, ...]
    signature: str

    def __getitem__(self, name: str) -> MetricComparison:
        """The comparison of the metric named ``name`` (sacrebleu's name or ours)."""
        return _named(self.metrics, name)

    def to_dict(self) -> dict:
        return {
            "method": self.method,
            "samples": self.samples,
            "seed": self.seed,
            "metrics": {m.name: m.to_dict() for m in self.metrics},
            "signature": self.signature,
        }


_OUR_NAME = {"BLEU": "bleu", "chrF2": "chrf", "chrF2++": "chrf++", "TER": "ter"}


def choose_tokenizer(tokenize: str | None, language: str | None) -> str:
    """The BLEU tokenizer to use: ``tokenize`` if given, else the language's (:data:`LANGUAGE_TOKENIZERS`), else 13a.

    Raises :class:`ConfigError` for an unknown tokenizer or one that would download a model.
    """
    name = tokenize if tokenize is not None else LANGUAGE_TOKENIZERS.get(_primary(language), BLEU.TOKENIZER_DEFAULT)
    if name in DOWNLOADING_TOKENIZERS:
        raise ConfigError("tokenize", f"{name!r} downloads a SentencePiece model and aligner works offline; "
                                      "use 'char' (or read chrF, which needs no tokenizer)")
    if name not in BLEU.TOKENIZERS:
        known = ", ".join(sorted(t for t in BLEU.TOKENIZERS if t not in DOWNLOADING_TOKENIZERS))
        raise ConfigError("tokenize", f"unknown tokenizer {name!r}; choose one of {known}")
    return name


def reference_scores(
    hyp: Sequence[str],
    refs: Sequence[str],
    *,
    tokenize: str | None = None,
    language: str | None = None,
    metrics: Sequence[str] = DEFAULT_METRICS,
    segments: bool = False,
) -> ReferenceScores:
    """Score ``hyp`` against ``refs`` (one segment per line, aligned) with sacrebleu.

    ``metrics`` are among ``bleu``, ``chrf`` (chrF2), ``chrf++`` (chrF2++, word bigrams too)
    and ``ter``, with sacrebleu's default settings. ``tokenize`` is BLEU's tokenizer (see
    :func:`choose_tokenizer`; ``language`` is the target language code and picks it when
    ``tokenize`` is ``None``). With ``segments`` each metric also carries one sentence-level
    score per line.

    Raises :class:`InputError` when the two lists differ in length or are empty.
    """
    hyp, refs = _check_lines(hyp, refs)
    tok = choose_tokenizer(tokenize, language)
    keys = _check_metrics(metrics)
    out: list[MetricScore] = []
    for key in keys:
        metric = _make_metric(key, tok)
        score = metric.corpus_score(hyp, [refs])
        seg_scores = seg_sig = None
        if segments:
            seg_metric = _make_metric(key, tok, sentence=True)
            seg_scores = tuple(float(seg_metric.sentence_score(h, [r]).score) for h, r in zip(hyp, refs))
            seg_sig = seg_metric.get_signature().format()
        out.append(MetricScore(score.name, float(score.score), metric.get_signature().format(),
                               _details(score), seg_scores, seg_sig))
    sig = make_signature("reference", {"metrics": keys, "tok": tok, "lang": _primary(language) or None,
                                       "segments": segments})
    return ReferenceScores(tuple(out), len(hyp), tok, language, sig)


def compare_systems(
    refs: Sequence[str],
    hyp_a: Sequence[str],
    hyp_b: Sequence[str],
    *,
    method: str = "bs",
    seed: int = DEFAULT_SEED,
    n: int | None = None,
    tokenize: str | None = None,
    language: str | None = None,
    metrics: Sequence[str] = DEFAULT_METRICS,
) -> SystemComparison:
    """Paired significance test of ``hyp_b`` (system) against ``hyp_a`` (baseline), as ``sacrebleu --paired-*``.

    ``method`` is ``bs`` (paired bootstrap resampling, ``n`` resamples, default 1000) or ``ar``
    (approximate randomization, ``n`` trials, default 10000). The figures equal the CLI's
    ``sacrebleu REF -i A B --paired-bs`` (or ``--paired-ar``) run with ``SACREBLEU_SEED=seed``;
    the seed is recorded in each signature. Unlike the CLI, which reads the seed from the
    environment and treats ``0`` as "unseeded", ``seed`` is an argument and always applied.
    """
    if method not in DEFAULT_SAMPLES:
        raise ConfigError("method", f"unknown paired test {method!r}; choose 'bs' or 'ar'")
    if n is not None and n < 1:
        raise ConfigError("n", f"the number of samples must be positive, not {n}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ConfigError("seed", f"the seed must be a non-negative integer, not {seed!r}")
    hyp_a, refs = _check_lines(hyp_a, refs, "baseline")
    hyp_b, _ = _check_lines(hyp_b, refs, "system")
    samples = n or DEFAULT_SAMPLES[method]
    tok = choose_tokenizer(tokenize, language)

    built: dict[str, Metric] = {}
    baseline_info: dict[str, tuple[object, Result]] = {}
    signatures: dict[str, str] = {}
    keys = _check_metrics(metrics)
    for key in keys:
        # Built as sacrebleu.significance.PairedTest builds them (reference statistics cached),
        # but the seed is ours: PairedTest reads it from os.environ, which a library must not touch.
        metric = _make_metric(key, tok, references=[refs])
        stats = metric._extract_corpus_statistics(hyp_a, None)
        score = metric._aggregate_and_compute(stats)
        mean = ci = None
        if method == "bs":
            # The CLI's baseline interval: the same resamples as the paired test (same seed, same draw).
            idxs = np.random.default_rng(seed).choice(len(stats), size=(samples, len(stats)), replace=True)
            stats_np = np.array(stats, dtype="float32")
            resampled = np.array([metric._compute_score_from_stats(s.sum(0)).score for s in stats_np[idxs]])
            mean, ci = (float(x) for x in estimate_ci(resampled))
        built[score.name] = metric
        baseline_info[score.name] = (stats, Result(score.score, mean=mean, ci=ci))
        sig = metric.get_signature()
        sig.update("seed", str(seed))
        sig.update(method, samples)
        signatures[score.name] = sig.format()

    test = _paired_bs_test if method == "bs" else _paired_ar_test
    _, results = test(baseline_info, "system", hyp_b, None, built, samples, -1, seed)
    out = []
    for name, res in results.items():
        base = baseline_info[name][1]
        out.append(MetricComparison(
            name, signatures[name], float(base.score), float(res.score), float(res.p_value),
            base.mean, base.ci, _opt_float(res.mean), _opt_float(res.ci),
        ))
    sig = make_signature("compare", {"metrics": keys, "tok": tok, "lang": _primary(language) or None,
                                     "test": method, "n": samples, "seed": seed})
    return SystemComparison(method, samples, seed, tuple(out), sig)


def _make_metric(key: str, tok: str, *, sentence: bool = False,
                 references: Sequence[Sequence[str]] | None = None) -> Metric:
    try:
        if key == "bleu":
            return BLEU(tokenize=tok, effective_order=sentence, references=references)
        if key == "chrf":
            return CHRF(references=references)
        if key == "chrf++":
            return CHRF(word_order=2, references=references)
        return TER(references=references)
    except (ImportError, RuntimeError) as exc:  # mecab and friends are optional extras of sacrebleu
        reason = " ".join(str(exc).split())
        raise ConfigError("tokenize", f"tokenizer {tok!r} is not available: {reason}; or use 'char'") from exc


def _check_metrics(metrics: Sequence[str]) -> list[str]:
    keys = [m.lower() for m in metrics]
    unknown = [m for m in keys if m not in ("bleu", "chrf", "chrf++", "ter")]
    if unknown or not keys:
        raise ConfigError("metrics", f"unknown metric(s) {unknown or '(none given)'}; choose bleu, chrf, chrf++, ter")
    if len(set(keys)) != len(keys):
        raise ConfigError("metrics", f"a metric is named twice: {list(metrics)}")
    return keys


def _check_lines(hyp: Sequence[str], refs: Sequence[str], what: str = "hypothesis") -> tuple[list[str], list[str]]:
    hyp, refs = list(hyp), list(refs)
    if len(hyp) != len(refs):
        raise InputError(what, f"{len(hyp)} lines but the reference has {len(refs)}; align them line by line first")
    if not hyp:
        raise InputError(what, "no lines to score")
    return hyp, refs


def _details(score: Score) -> dict:
    """The parts of a sacrebleu score worth keeping beside the figure."""
    if score.name == "BLEU":
        return {"precisions": [float(p) for p in score.precisions], "bp": float(score.bp),
                "ratio": float(score.ratio), "hyp_len": int(score.sys_len), "ref_len": int(score.ref_len)}
    if score.name == "TER":
        return {"edits": float(score.num_edits), "ref_len": float(score.ref_length)}
    return {}


def _primary(language: str | None) -> str:
    return (language or "").replace("_", "-").split("-", 1)[0].casefold()


def _opt_float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]

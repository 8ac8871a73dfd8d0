"""Reference-based scores: identical to the sacrebleu CLI on the same files, seeds fixed, inputs checked."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from aligner.errors import ConfigError, InputError
from aligner.score.reference import choose_tokenizer, compare_systems, reference_scores

REF = [
    "The cat sat on the mat.",
    "A quick brown fox jumps over the lazy dog.",
    "Hello world, again!",
    "Numbers 12.5 and 1,000 are here.",
    "Everyone has the right to life, liberty and security of person.",
    "No one shall be held in slavery.",
]
HYP_A = [
    "The cat is on the mat.",
    "A fast brown fox jumped over a lazy dog.",
    "Hello world again",
    "Numbers 12,5 and 1.000 are here.",
    "Everyone has a right to life, freedom and safety of the person.",
    "Nobody shall be kept in slavery.",
]
HYP_B = [
    "Cat on mat.",
    "A quick brown fox jumps over the lazy dog.",
    "Hi world, again!",
    "Numbers 12.5 and 1000 here.",
    "Everyone has the right to life, liberty and security of person.",
    "No one shall be held in servitude.",
]
# Telugu (UDHR article 3 and 4, lightly varied): 13a would see whole inflected words.
TE_REF = [
    "ప్రతి వ్యక్తికి జీవించే హక్కు, స్వేచ్ఛ, భద్రత కలిగి ఉండే హక్కు ఉంది.",
    "ఎవరినీ బానిసత్వంలో ఉంచకూడదు.",
    "సర్వ మానవులు స్వతంత్రులుగా జన్మించారు.",
]
TE_HYP = [
    "ప్రతి వ్యక్తికీ జీవించే హక్కు, స్వేచ్ఛ మరియు భద్రత హక్కు ఉంది.",
    "ఎవరిని బానిసత్వంలో ఉంచరాదు.",
    "మానవులందరూ స్వతంత్రులుగా జన్మించారు.",
]


def _write(tmp: Path, name: str, lines: list[str]) -> str:
    path = tmp / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _cli(*args: str, seed: int | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SACREBLEU")}
    if seed is not None:
        env["SACREBLEU_SEED"] = str(seed)
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([sys.executable, "-m", "sacrebleu", *args], capture_output=True, text=True,
                          env=env, check=True, timeout=120)


CORPUS_CASES = [
    # (id, hyp, ref, tokenize, language, cli tokenizer)
    ("en-13a", HYP_A, REF, None, "en", "13a"),
    ("en-intl", HYP_B, REF, "intl", None, "intl"),
    ("te-char-by-language", TE_HYP, TE_REF, None, "te", "char"),
]


@pytest.mark.parametrize("hyp,ref,tokenize,language,cli_tok", [c[1:] for c in CORPUS_CASES],
                         ids=[c[0] for c in CORPUS_CASES])
def test_corpus_scores_equal_sacrebleu_cli(tmp_path: Path, hyp, ref, tokenize, language, cli_tok) -> None:
    ref_f, hyp_f = _write(tmp_path, "ref.txt", ref), _write(tmp_path, "hyp.txt", hyp)
    ours = reference_scores(hyp, ref, tokenize=tokenize, language=language)
    runs = [("-m", "bleu", "chrf", "ter", "--tokenize", cli_tok), ("-m", "chrf", "--chrf-word-order", "2")]
    cli = {}
    for extra in runs:
        out = _cli(ref_f, "-i", hyp_f, *extra, "-w", "10", "-f", "json")
        data = json.loads(out.stdout)
        for item in data if isinstance(data, list) else [data]:  # one metric prints one object
            cli[item["name"]] = item
    assert [m.name for m in ours.metrics] == ["BLEU", "chrF2", "chrF2++", "TER"]
    for m in ours.metrics:
        assert f"{m.score:.10f}" == f"{cli[m.name]['score']:.10f}", m.name
        assert m.signature == cli[m.name]["signature"], m.name
    assert ours.tokenize == cli_tok
    assert f"tok:{cli_tok}" in ours["bleu"].signature


@pytest.mark.parametrize("metric,cli_args", [
    ("bleu", ("-m", "bleu")),
    ("chrf++", ("-m", "chrf", "--chrf-word-order", "2")),
    ("ter", ("-m", "ter")),
])
def test_segment_scores_equal_sacrebleu_sentence_level(tmp_path: Path, metric: str, cli_args: tuple[str, ...]) -> None:
    ref_f, hyp_f = _write(tmp_path, "ref.txt", REF), _write(tmp_path, "hyp.txt", HYP_A)
    ours = reference_scores(HYP_A, REF, metrics=[metric], segments=True)[metric]
    out = _cli(ref_f, "-i", hyp_f, *cli_args, "-sl", "-b", "-w", "10")
    cli = [float(line) for line in out.stdout.split()]
    assert ours.segments is not None
    assert [f"{s:.10f}" for s in ours.segments] == [f"{s:.10f}" for s in cli]
    if metric == "bleu":  # sentence BLEU needs effective order, as the CLI's --sentence-level sets
        assert "eff:yes" in (ours.segment_signature or "") and "eff:no" in ours.signature


_BS_ROW = re.compile(r"([\d.]+) \(([\d.]+) ± ([\d.]+)\)")


@pytest.mark.parametrize("seed", [12345, 7])
def test_paired_bootstrap_equals_sacrebleu_cli(tmp_path: Path, seed: int) -> None:
    ref_f, a_f, b_f = (_write(tmp_path, n, lines) for n, lines in (("ref", REF), ("a", HYP_A), ("b", HYP_B)))
    ours = compare_systems(REF, HYP_A, HYP_B, method="bs", n=200, seed=seed, metrics=["bleu", "chrf", "ter"])
    out = _cli(ref_f, "-i", a_f, b_f, "-m", "bleu", "chrf", "ter", "--paired-bs", "--paired-bs-n", "200",
               "-w", "10", "--no-color", "-f", "text", seed=seed).stdout
    baseline, system = (found for found in map(_BS_ROW.findall, out.splitlines()) if found)
    p_values = re.findall(r"\(p = ([\d.]+)\)", out)
    for j, m in enumerate(ours.metrics):
        assert (f"{m.baseline:.10f}", f"{m.baseline_mean:.10f}", f"{m.baseline_ci:.10f}") == baseline[j], m.name
        assert (f"{m.system:.10f}", f"{m.system_mean:.10f}", f"{m.system_ci:.10f}") == system[j], m.name
        assert f"{m.p_value:.4f}" == p_values[j], m.name
        assert m.signature in out, m.signature
        assert f"|bs:200|seed:{seed}|" in m.signature


@pytest.mark.parametrize("seed", [99])
def test_paired_randomization_equals_sacrebleu_cli(tmp_path: Path, seed: int) -> None:
    ref_f, a_f, b_f = (_write(tmp_path, n, lines) for n, lines in (("ref", REF), ("a", HYP_A), ("b", HYP_B)))
    ours = compare_systems(REF, HYP_A, HYP_B, method="ar", n=500, seed=seed)
    out = _cli(ref_f, "-i", a_f, b_f, "-m", "bleu", "chrf", "ter", "--paired-ar", "--paired-ar-n", "500",
               "-f", "json", seed=seed).stdout
    system = json.loads(out)[1]
    for name in ("BLEU", "chrF2", "TER"):
        assert ours[name].system == system[name]["score"]
        assert ours[name].p_value == system[name]["p_value"]
        assert ours[name].system_mean is None and ours[name].system_ci is None
    assert ours.seed == seed and f"seed:{seed}" in ours.signature


def test_paired_test_is_deterministic_and_seed_is_recorded() -> None:
    first = compare_systems(REF, HYP_A, HYP_B, n=100).to_dict()
    again = compare_systems(REF, HYP_A, HYP_B, n=100).to_dict()
    assert first == again
    assert first["seed"] == 12345
    assert all("seed:12345" in m["signature"] for m in first["metrics"].values())


@pytest.mark.parametrize("tokenize,language,expected", [
    (None, None, "13a"),
    (None, "da", "13a"),
    (None, "te", "char"),
    (None, "te-IN", "char"),
    (None, "ta", "char"),
    (None, "zh", "zh"),
    ("intl", "te", "intl"),
    ("none", None, "none"),
])
def test_tokenizer_choice(tokenize: str | None, language: str | None, expected: str) -> None:
    assert choose_tokenizer(tokenize, language) == expected


@pytest.mark.parametrize("tokenize", ["flores200", "flores101", "spm", "bogus"])
def test_tokenizers_that_download_or_do_not_exist_are_refused(tokenize: str) -> None:
    with pytest.raises(ConfigError):
        reference_scores(HYP_A, REF, tokenize=tokenize)


@pytest.mark.parametrize("call", [
    lambda: reference_scores(HYP_A[:-1], REF),
    lambda: reference_scores([], []),
    lambda: compare_systems(REF, HYP_A, HYP_B[:-1]),
])
def test_misaligned_or_empty_input_is_an_input_error(call) -> None:
    with pytest.raises(InputError):
        call()


@pytest.mark.parametrize("kwargs", [
    {"metrics": ["meteor"]},
    {"metrics": []},
    {"metrics": ["bleu", "BLEU"]},
])
def test_bad_metric_lists_are_config_errors(kwargs: dict) -> None:
    with pytest.raises(ConfigError):
        reference_scores(HYP_A, REF, **kwargs)


@pytest.mark.parametrize("kwargs", [{"method": "t-test"}, {"seed": -1}, {"n": 0}])
def test_bad_paired_settings_are_config_errors(kwargs: dict) -> None:
    with pytest.raises(ConfigError):
        compare_systems(REF, HYP_A, HYP_B, **kwargs)


def test_to_dict_is_json_and_keeps_signatures() -> None:
    scores = reference_scores(HYP_A, REF, segments=True)
    data = json.loads(json.dumps(scores.to_dict()))
    assert set(data["metrics"]) == {"BLEU", "chrF2", "chrF2++", "TER"}
    assert data["metrics"]["BLEU"]["signature"].startswith("nrefs:1|")
    assert len(data["metrics"]["TER"]["segments"]) == len(REF)
    assert data["signature"].startswith("aligner:reference|")
    assert json.loads(json.dumps(compare_systems(REF, HYP_A, HYP_B, n=50).to_dict()))["method"] == "bs"


def test_identical_hypothesis_scores_perfectly() -> None:
    scores = reference_scores(REF, REF)
    assert scores["BLEU"].score == pytest.approx(100.0)
    assert scores["chrf"].score == pytest.approx(100.0)
    assert scores["ter"].score == pytest.approx(0.0)


def test_missing_optional_tokenizer_is_a_config_error_but_chrf_needs_none() -> None:
    try:
        import MeCab  # noqa: F401
    except ImportError:
        with pytest.raises(ConfigError, match="ja-mecab"):
            reference_scores(["猫がいる"], ["猫がいます"], language="ja")
    assert reference_scores(["猫がいる"], ["猫がいます"], language="ja", metrics=["chrf"])["chrf"].score > 0

"""The backends in batches: same answers as one at a time, floors, restriction, and CLD2 as an option."""

from __future__ import annotations

import pytest

from aligner.langid import backends
from aligner.langid.backends import Cld2Backend, FastTextBackend, LinguaBackend, Py3LangidBackend
from aligner.langid.combine import FLOOR

TEXTS = ["Kundeserviceafdelingen spiller en vigtig rolle i enhver virksomhed.", "til disse", "šiek tiek", "x",
         "Ang kagawaran ng serbisyo sa customer ay may mahalagang papel.", "", "sa kumpanya", "ok ok ok ok"]


@pytest.mark.parametrize("backend", [FastTextBackend(), Py3LangidBackend()], ids=lambda b: b.name)
def test_a_batch_gives_each_text_the_same_scores_as_alone(backend) -> None:
    batch = backend.scores_many(TEXTS)
    assert batch == [backend.scores(t) for t in TEXTS]  # the same bits, not just close
    assert backend.scores_many(list(reversed(TEXTS))) == list(reversed(batch))


@pytest.mark.parametrize("backend", [FastTextBackend(), Py3LangidBackend()], ids=lambda b: b.name)
def test_scores_are_best_first_floored_and_canonical(backend) -> None:
    dist = backend.scores(TEXTS[0])
    values = list(dist.values())
    assert values == sorted(values, reverse=True)
    assert min(values) >= FLOOR
    assert next(iter(dist)) == "da"
    assert "no" not in dist and "und" not in dist
    assert sum(values) <= 1.0 + 1e-9


def test_restriction_renormalises_over_the_candidates() -> None:
    dist = Py3LangidBackend().scores(TEXTS[0], {"da", "nb", "sv"})
    assert set(dist) <= {"da", "nb", "sv"} and next(iter(dist)) == "da"
    assert sum(dist.values()) == pytest.approx(1.0)


def test_lingua_in_parallel_matches_one_at_a_time(monkeypatch) -> None:
    lingua = LinguaBackend()
    languages = frozenset({"da", "nb", "nn", "sv"})
    texts = TEXTS[:3] * 4
    monkeypatch.setattr(backends, "LINGUA_PARALLEL_MIN", 2)
    parallel = lingua.scores_many(texts, languages)
    assert parallel == [lingua.scores(t, languages) for t in texts]
    assert lingua.scores_many(texts, {"da", "ceb"}) == [{}] * len(texts)  # lingua knows one of them only


def test_cld2_votes_only_for_what_it_names(monkeypatch) -> None:
    cld2 = Cld2Backend()
    philippine = {"tl", "ceb", "war"}
    if not cld2.languages:
        pytest.skip("pycld2 is not installed")
    (vote,) = cld2.scores_many(["Si Amboy maoy usa ka tawo nga walay pagbalhin sa iyang batasan."], philippine)
    assert next(iter(vote)) == "ceb" and vote["ceb"] == Cld2Backend.QUALITY
    assert sum(vote.values()) == pytest.approx(1.0)
    assert cld2.scores_many([TEXTS[0]], philippine) == [{}]  # names Danish: no vote among these
    monkeypatch.setattr(backends, "_cld2", lambda: None)
    assert cld2.scores_many(TEXTS[:2], philippine) == [{}, {}]

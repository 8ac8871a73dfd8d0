"""Language codes, candidate expansion and the prior."""

from __future__ import annotations

import pytest

from aligner.langid.codes import CLUSTER_OF, TIER, canonical, expand_candidates, log_prior


@pytest.mark.parametrize(
    ("code", "expected"),
    [("fil", "tl"), ("no", "nb"), ("NB", "nb"), ("nn", "nn"), ("ceb", "ceb"), ("zxx", "und"), ("pt-BR", "pt"),
     ("da_DK", "da")],
)
def test_canonical(code: str, expected: str) -> None:
    assert canonical(code) == expected


def test_expand_candidates() -> None:
    assert expand_candidates(["no", "da"]) == {"nb", "nn", "da"}
    assert expand_candidates(["fil", "ceb", "und"]) == {"tl", "ceb"}


def test_clusters_cover_the_hard_cases() -> None:
    assert {"da", "nb", "nn"} <= CLUSTER_OF["da"]
    assert CLUSTER_OF["tl"] == CLUSTER_OF["ceb"]
    assert CLUSTER_OF["lt"] == CLUSTER_OF["lv"]
    assert CLUSTER_OF["ms"] == CLUSTER_OF["id"]


def test_prior_is_small_and_ordered() -> None:
    assert log_prior("en") > log_prior("da") > log_prior("ceb") == 0.0
    assert max(TIER.values()) * (log_prior("en") / TIER["en"]) < 1.0


def test_prior_does_not_favour_the_target_languages_over_their_neighbours() -> None:
    # One rule for every cluster (web-share tier): Danish and Bokmål have similar shares, so the same prior;
    # Indonesian has far more web text than Malay, so it gets the larger one, whichever the benchmark's targets are.
    assert log_prior("da") == log_prior("nb")
    assert log_prior("lt") == log_prior("lv")
    assert log_prior("id") > log_prior("ms")

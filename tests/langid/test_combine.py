"""The logarithmic opinion pool (pure functions)."""

from __future__ import annotations

import math

import pytest

from aligner.langid.combine import FLOOR, pool, shortlist, softmax


def test_agreement_wins_and_probabilities_sum_to_one() -> None:
    votes = [(1.0, {"da": 0.6, "nb": 0.4}, {"da", "nb"}), (2.0, {"da": 0.7, "nb": 0.3}, {"da", "nb"})]
    posterior = pool(["da", "nb"], votes, {})
    assert posterior[0][0] == "da"
    assert sum(p for _, p in posterior) == pytest.approx(1.0)
    expected = (math.log(0.6) + 2 * math.log(0.7)) / 3 - (math.log(0.4) + 2 * math.log(0.3)) / 3
    assert math.log(posterior[0][1] / posterior[1][1]) == pytest.approx(expected)


def test_prior_breaks_a_tie_but_not_evidence() -> None:
    tie = [(1.0, {"da": 0.5, "nb": 0.5}, {"da", "nb"})]
    assert pool(["da", "nb"], tie, {"nb": 0.1})[0][0] == "nb"
    clear = [(1.0, {"da": 0.9, "nb": 0.1}, {"da", "nb"})]
    assert pool(["da", "nb"], clear, {"nb": 0.1})[0][0] == "da"


def test_unknown_language_borrows_its_relative_less_a_penalty() -> None:
    # lingua-like backend without Cebuano: ceb gets tl's score minus the penalty, not a veto.
    votes = [(1.0, {"ceb": 0.9, "tl": 0.1}, {"ceb", "tl"}), (1.0, {"tl": 0.8, "id": 0.2}, {"tl", "id"})]
    posterior = dict(pool(["ceb", "tl", "id"], votes, {}))
    assert posterior["ceb"] > posterior["id"]
    assert posterior["ceb"] > 0.3


def test_unknown_language_without_relative_gets_a_neutral_vote() -> None:
    # The second backend does not know "xx": it abstains (mean of its votes) instead of flooring it.
    votes = [(1.0, {"xx": 0.7, "da": 0.3}, {"xx", "da"}), (1.0, {"da": 0.6, "sv": 0.4}, {"da", "sv"})]
    posterior = pool(["xx", "da", "sv"], votes, {})
    assert posterior[0][0] == "xx"
    assert min(p for _, p in posterior) > 0.25


def test_floor_keeps_a_single_zero_from_vetoing() -> None:
    votes = [(1.0, {"da": 1.0}, {"da", "nb"}), (1.0, {"nb": 1.0}, {"da", "nb"})]
    posterior = pool(["da", "nb"], votes, {})
    assert posterior[0][1] == pytest.approx(0.5)
    assert math.log(FLOOR) < 0


def test_ties_are_broken_by_code_and_empty_is_empty() -> None:
    assert [lang for lang, _ in softmax({"nb": 0.0, "da": 0.0, "sv": 0.0})] == ["da", "nb", "sv"]
    assert pool([], [], {}) == []


def test_shortlist_takes_the_head_of_each_distribution() -> None:
    assert shortlist([{"a": 0.5, "b": 0.3, "c": 0.2}, {"d": 0.9, "a": 0.1}], 2) == ["a", "b", "d"]

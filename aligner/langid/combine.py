"""Combining backends: a weighted logarithmic opinion pool with a prior (pure functions).

Each backend gives a probability distribution over the languages it knows. The pooled log score of a
language is the weighted mean of the backends' log probabilities (weights sum to one, so the pool is a
normalised geometric mean: agreement is rewarded, one backend's blind spot is outvoted) plus the log
prior. A backend that does not know a language votes for it with its score for a close relative less a
penalty (:data:`~aligner.langid.codes.PROXY`), or else abstains by giving it the mean of its votes for
the other languages in the running, so an unknown language is neither favoured nor ruled out.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from itertools import islice

from .codes import PROXY, PROXY_PENALTY

#: Probabilities are floored so that one backend's zero cannot veto a language alone.
FLOOR = 1e-4


def shortlist(dists: Sequence[Mapping[str, float]], k: int) -> list[str]:
    """The ``k`` most probable languages of each distribution, united, in a deterministic order.

    The distributions must list their languages best first (as the backends do).
    """
    out: set[str] = set()
    for dist in dists:
        out.update(islice(dist, k))
    return sorted(out)


def pool(
    languages: Collection[str],
    votes: Sequence[tuple[float, Mapping[str, float], Collection[str]]],
    log_prior: Mapping[str, float],
) -> list[tuple[str, float]]:
    """Posterior over ``languages``, best first (ties broken by code).

    ``votes`` holds one ``(weight, distribution, known languages)`` triple per backend that voted;
    ``log_prior`` adds nats to a language (missing: 0).
    """
    langs = sorted(set(languages))
    if not langs:
        return []
    total_weight = sum(w for w, _, _ in votes) or 1.0
    scores = dict.fromkeys(langs, 0.0)
    for weight, dist, known in votes:
        logs = {lang: math.log(max(dist.get(lang, 0.0), FLOOR)) for lang in langs if lang in known}
        neutral = sum(logs.values()) / len(logs) if logs else 0.0
        for lang in langs:
            if lang in logs:
                vote = logs[lang]
            elif PROXY.get(lang) in known:
                vote = math.log(max(dist.get(PROXY[lang], 0.0), FLOOR)) - PROXY_PENALTY
            else:
                vote = neutral
            scores[lang] += weight / total_weight * vote
    for lang in langs:
        scores[lang] += log_prior.get(lang, 0.0)
    return softmax(scores)


def softmax(scores: Mapping[str, float]) -> list[tuple[str, float]]:
    """Normalised probabilities from log scores, best first (ties broken by code)."""
    top = max(scores.values())
    exps = {lang: math.exp(s - top) for lang, s in scores.items()}
    total = sum(exps.values())
    return sorted(((lang, e / total) for lang, e in exps.items()), key=lambda x: (-x[1], x[0]))

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
from operator import itemgetter

from .codes import PROXY, PROXY_PENALTY

#: Probabilities are floored so that one backend's zero cannot veto a language alone.
FLOOR = 1e-4
LOG_FLOOR = math.log(FLOOR)


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
    log = math.log
    total_weight = sum(w for w, _, _ in votes) or 1.0
    scores = [0.0] * len(langs)
    for weight, dist, known in votes:
        get = dist.get
        logs = [(log(p) if (p := get(lang, 0.0)) > FLOOR else LOG_FLOOR) if lang in known else None for lang in langs]
        voted = [x for x in logs if x is not None]
        neutral = sum(voted) / len(voted) if voted else 0.0
        share = weight / total_weight
        for i, lang in enumerate(langs):
            vote = logs[i]
            if vote is None:
                relative = PROXY.get(lang)
                if relative is not None and relative in known:
                    p = get(relative, 0.0)
                    vote = (log(p) if p > FLOOR else LOG_FLOOR) - PROXY_PENALTY
                else:
                    vote = neutral
            scores[i] += share * vote
    return softmax({lang: score + log_prior.get(lang, 0.0) for lang, score in zip(langs, scores)})


def softmax(scores: Mapping[str, float]) -> list[tuple[str, float]]:
    """Normalised probabilities from log scores, best first (ties broken by code)."""
    top = max(scores.values())
    exp = math.exp
    exps = [(lang, exp(s - top)) for lang, s in sorted(scores.items())]
    total = sum(e for _, e in exps)
    # A stable sort on the probability alone keeps tied languages in code order, even reversed.
    return sorted(((lang, e / total) for lang, e in exps), key=itemgetter(1), reverse=True)

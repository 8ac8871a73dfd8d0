"""Language codes, confusable clusters and the prior over languages.

Every backend labels languages its own way (fastText and py3langid say ``no`` for Norwegian, lingua says
``nb``/``nn``; some use ISO 639-3 ``fil`` for Tagalog). :func:`canonical` maps them onto one label set:
ISO 639-1 where the language has a code, ISO 639-3 otherwise (``ceb``), ``nb`` for undifferentiated
Norwegian (what ``no`` means in the backends' training data, which is mostly Bokmål).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache

#: Backend labels that are renamed (``zxx``, "no linguistic content", becomes ``und``).
_RENAME = {"fil": "tl", "no": "nb", "zxx": "und", "iw": "he", "in": "id", "ji": "yi", "jw": "jv",
           "nob": "nb", "nno": "nn", "tgl": "tl", "dan": "da", "lit": "lt", "tel": "te"}


@lru_cache(maxsize=4096)
def canonical(code: str) -> str:
    """The label used inside the detector for a backend's or user's ``code``."""
    code = code.strip().lower().replace("_", "-").split("-")[0]
    return _RENAME.get(code, code)


def expand_candidates(codes: Iterable[str]) -> frozenset[str]:
    """Internal labels for a user's candidate list (``no`` stands for both ``nb`` and ``nn``)."""
    out: set[str] = set()
    for code in codes:
        if code.strip().lower() == "no":
            out |= {"nb", "nn"}
        else:
            out.add(canonical(code))
    out.discard("und")
    return frozenset(out)


#: Groups of languages that the fast backends confuse with each other, especially on short text;
#: a guess that falls in one of them is checked by the careful backend against the whole group.
CLUSTERS: tuple[frozenset[str], ...] = tuple(frozenset(c.split()) for c in (
    "da nb nn sv fo is",
    "lt lv ltg",
    "tl ceb war ilo pam bcl",
    "ms id jv su min",
    "hr sr bs sh sl",
    "cs sk",
    "es pt gl ca ast an oc",
    "ru uk be bg mk",
    "fi et",
    "nl af fy li vls",
    "de lb als bar nds",
    "hi mr ne sa mai bh",
))
CLUSTER_OF: dict[str, frozenset[str]] = {lang: c for c in CLUSTERS for lang in c}

#: Languages whose writers may mark stress or tone on vowels with acute, grave or circumflex accents, or
#: leave the marks out: in dictionaries, textbooks and older spelling, not in everyday text (Tagalog
#: "tindíg, mababà, walâ" is "tindig, mababa, wala"; other Philippine languages alike; Lithuanian, East
#: and South Slavic and Latin dictionaries and readers). For these the detector also reads a text without
#: such marks (see :func:`aligner.langid.detector.fold_stress`); languages that spell with these
#: letters (Spanish, Catalan, Czech, French, Vietnamese, ...) are always judged on the text as written.
OPTIONAL_STRESS = frozenset("tl ceb war ilo bcl pam hil lt ru uk be bg mk sr hr bs sh sl la".split())

#: When a backend does not know a language, it votes for it with its score for this close relative
#: (less :data:`PROXY_PENALTY`): lingua and py3langid have no Cebuano, so ``ceb`` borrows their ``tl``.
#: Only widely written relatives are borrowed: regional languages such as Waray or Ilocano, which only
#: fastText knows, get a neutral vote instead, or short Tagalog would often go to them.
PROXY = {"ceb": "tl", "nn": "nb", "nb": "nn",
         "ltg": "lv", "sh": "hr", "fo": "is", "min": "id", "jv": "id", "su": "id", "ast": "es", "an": "es",
         "lb": "de", "als": "de", "bar": "de", "nds": "de", "li": "nl", "vls": "nl", "gl": "pt", "oc": "ca"}
#: Nats taken off a proxy vote: the backend cannot confirm the language itself.
PROXY_PENALTY = 1.0

#: Rough share of web text, as powers of ten (4: tens of percent; 1: hundredths of a percent; 0: less,
#: including regional varieties, constructed languages and bot-grown Wikipedias). Only the order of
#: magnitude is meant; it breaks near-ties between unrelated languages on short, uninformative text.
_TIERS = {
    4: "en",
    3: "ru de zh ja es fr it pt nl pl",
    2: "vi id tr cs sv fa ko uk hu el ro da fi nb sk th bg ar he hr lt sl ca sr et lv hi",
    1: "bn ms ta tl te kn ml mr ur ka hy az kk be is mk sq bs eu gl af sw si ne gu pa my km uz mn cy ga nn "
       "eo la tg ky lb am so ha yo ig zu xh ps ku jv su mt lo",
}
TIER: dict[str, int] = {lang: tier for tier, langs in _TIERS.items() for lang in langs.split()}
#: Nats of prior per tier. Small on purpose: the prior may break a near-tie, never overrule evidence.
TIER_WEIGHT = 0.1


def log_prior(lang: str) -> float:
    """Log prior weight of ``lang`` (up to a constant), from its web-share tier."""
    return TIER_WEIGHT * TIER.get(lang, 0)


def odds(p: float) -> float:
    """Log odds of a probability in (0, 1)."""
    return math.log(p / (1.0 - p))

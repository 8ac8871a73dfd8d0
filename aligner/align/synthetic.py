"""Synthetic parallel documents with known gold, for robustness and scale tests.

Units of a real aligned pair (each a list of source lines and a list of target lines) are
laid end to end until the source reaches the wished size, each pass over the units starting
at a random place, and then edited under control: a target side dropped (a 1-0 bead), two
consecutive targets joined on one line (2-1), a target cut in two at a comma or a space
near its middle (1-2), a line of boilerplate inserted in the target (0-1). Everything is
driven by a seeded ``random.Random``, so the same arguments give the same pair.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

Unit = tuple[tuple[str, ...], tuple[str, ...]]
GoldBead = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class SyntheticPair:
    """A source and a target document (one segment per item) and their gold beads."""

    src: tuple[str, ...]
    tgt: tuple[str, ...]
    gold: tuple[GoldBead, ...]


def units_from_gold(src: Sequence[str], tgt: Sequence[str], gold: Sequence[GoldBead]) -> list[Unit]:
    """The texts of each gold bead, in order."""
    return [(tuple(src[i] for i in s), tuple(tgt[j] for j in t)) for s, t in gold]


def _split(text: str) -> tuple[str, str] | None:
    mid = len(text) // 2
    for sep in (", ", "; ", " "):
        cut = text.find(sep, mid)
        if cut < 0:
            cut = text.rfind(sep, 0, mid)
        if 0 < cut < len(text) - len(sep):
            return text[: cut + len(sep.rstrip())].strip(), text[cut + len(sep):].strip()
    return None


def build_pair(
    units: Sequence[Unit],
    size: int,
    *,
    seed: int = 0,
    p_delete: float = 0.02,
    p_merge: float = 0.03,
    p_split: float = 0.03,
    p_insert: float = 0.01,
    insert_text: str = "Advertisement",
) -> SyntheticPair:
    """About ``size`` source segments of ``units`` with controlled edits (see the module docstring)."""
    rng = random.Random(seed)
    seq: list[Unit] = []
    n_src = 0
    while n_src < size:
        start = rng.randrange(len(units))
        for k in range(len(units)):
            u = units[(start + k) % len(units)]
            seq.append(u)
            n_src += len(u[0])
            if n_src >= size:
                break
    edited: list[Unit] = []
    k = 0
    while k < len(seq):
        s, t = seq[k]
        r = rng.random()
        if r < p_delete and s and t:
            edited.append((s, ()))
        elif r < p_delete + p_merge and len(t) == 1 and k + 1 < len(seq) and len(seq[k + 1][1]) == 1 and seq[k + 1][0]:
            s2, t2 = seq[k + 1]
            edited.append((s + s2, (t[0] + " " + t2[0],)))
            k += 1
        elif r < p_delete + p_merge + p_split and len(t) == 1 and (cut := _split(t[0])) is not None:
            edited.append((s, cut))
        else:
            edited.append((s, t))
        if rng.random() < p_insert:
            edited.append(((), (insert_text,)))
        k += 1
    src: list[str] = []
    tgt: list[str] = []
    gold: list[GoldBead] = []
    for s, t in edited:
        gold.append((tuple(range(len(src), len(src) + len(s))), tuple(range(len(tgt), len(tgt) + len(t)))))
        src.extend(s)
        tgt.extend(t)
    return SyntheticPair(tuple(src), tuple(tgt), tuple(gold))

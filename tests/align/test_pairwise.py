"""The pairwise aligner: seed versions exactly, merges, splits, insertions, invariants, determinism, Text+Berg."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from itertools import permutations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.align.evaluate import read_ladder, score_alignment
from aligner.align.pairwise import AlignSettings, SemanticScorer, align_pair
from aligner.align.synthetic import build_pair
from aligner.documents import read_document
from aligner.errors import ConfigError, InputError
from aligner.model import Bead
from tests.conftest import GOLD, ROOT, SEED_FILES, SHARED

LANGS = ("lt", "da", "tl", "te")
DEV = SHARED / "bench" / "textberg-dev"


@pytest.fixture(scope="module")
def seeds() -> dict:
    return {lang: read_document(str(SEED_FILES[lang]), language=lang) for lang in LANGS}


def gold_pairs(a: str, b: str) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Pairwise gold beads from the multi-way hand gold (one row per unit, ids per version)."""
    rows = [line.split("\t") for line in (GOLD / "alignment.tsv").read_text(encoding="utf-8").splitlines()]
    header = rows[0]
    ca = header.index(SEED_FILES[a].stem)
    cb = header.index(SEED_FILES[b].stem)
    out = []
    for row in rows[1:]:
        s, t = row[ca].strip(), row[cb].strip()
        if s or t:
            out.append(((int(s),) if s else (), (int(t),) if t else ()))
    return out


def pairs_of(beads: Sequence[Bead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.source, b.target) for b in beads]


def assert_valid(beads: Sequence[Bead], n: int, m: int) -> None:
    """Every segment in exactly one bead, in order, each bead non-empty, scores in [0, 1]."""
    assert [i for b in beads for i in b.source] == list(range(n))
    assert [j for b in beads for j in b.target] == list(range(m))
    assert all(b.source or b.target for b in beads)
    assert all(0.0 <= b.score <= 1.0 for b in beads)


@pytest.mark.parametrize("a,b", list(permutations(LANGS, 2)), ids=lambda x: x)
def test_seed_versions_align_exactly(seeds: dict, a: str, b: str) -> None:
    da, db = seeds[a], seeds[b]
    beads = align_pair(
        [s.text for s in da.segments], [s.text for s in db.segments], a, b,
        src_kinds=[s.kind for s in da.segments], tgt_kinds=[s.kind for s in db.segments],
    )
    assert_valid(beads, len(da.segments), len(db.segments))
    assert pairs_of(beads) == gold_pairs(a, b)


def edited(texts: list[str], edit: str, at: int) -> tuple[list[str], list]:
    """``texts`` with one edit at ``at``, and the expected beads against the unedited version."""
    n = len(texts)
    if edit == "merge":
        out = texts[:at] + [texts[at] + " " + texts[at + 1]] + texts[at + 2:]
        gold = [((i,), (i,)) for i in range(at)] + [((at, at + 1), (at,))]
        gold += [((i,), (i - 1,)) for i in range(at + 2, n)]
    elif edit == "split":
        cut = texts[at].index(",") + 1
        out = texts[:at] + [texts[at][:cut], texts[at][cut:].strip()] + texts[at + 1:]
        gold = [((i,), (i,)) for i in range(at)] + [((at,), (at, at + 1))]
        gold += [((i,), (i + 1,)) for i in range(at + 1, n)]
    elif edit == "insert":
        out = texts[:at] + ["Advertisement"] + texts[at:]
        gold = [((i,), (i,)) for i in range(at)] + [((), (at,))] + [((i,), (i + 1,)) for i in range(at, n)]
    else:  # delete
        out = texts[:at] + texts[at + 1:]
        gold = [((i,), (i,)) for i in range(at)] + [((at,), ())] + [((i,), (i - 1,)) for i in range(at + 1, n)]
    return out, gold


# (edit, target language, where): sentences chosen away from headings, with a comma for the split.
EDITS = [
    ("merge", "da", 4),
    ("merge", "te", 16),
    ("split", "da", 1),
    ("split", "te", 1),
    ("insert", "da", 12),
    ("insert", "te", 20),
    ("delete", "da", 15),
    ("delete", "te", 9),
]


@pytest.mark.parametrize("edit,lang,at", EDITS, ids=lambda x: str(x))
def test_merges_splits_insertions_and_deletions_are_found(seeds: dict, edit: str, lang: str, at: int) -> None:
    src = [s.text for s in seeds["lt"].segments]
    tgt, gold = edited([s.text for s in seeds[lang].segments], edit, at)
    # An inserted line comes marked as boilerplate, as the layout reader marks page furniture.
    kinds = ["boilerplate" if edit == "insert" and j == at else "sentence" for j in range(len(tgt))]
    beads = align_pair(src, tgt, "lt", lang, tgt_kinds=kinds)
    assert_valid(beads, len(src), len(tgt))
    assert pairs_of(beads) == gold


@pytest.mark.parametrize("a,b", [("lt", "da"), ("da", "te")])
def test_a_page_of_adverts_seven_times_the_text_is_left_out(seeds: dict, a: str, b: str) -> None:
    # 2,000 short lines in the middle of a ~300-segment target: they must come out as 0-1 beads and
    # must not skew the length ratio for the rest of the document.
    units = [((x.text,), (y.text,)) for x, y in zip(seeds[a].segments, seeds[b].segments)]
    pair = build_pair(units, 300, seed=1)
    mid = len(pair.tgt) // 2
    lines = ("Advertisement", "Share on Facebook", "Read more", "Subscribe to our newsletter")
    junk = [lines[k % 4] for k in range(2000)]
    tgt = list(pair.tgt[:mid]) + junk + list(pair.tgt[mid:])
    gold = [(s, tuple(j if j < mid else j + 2000 for j in t)) for s, t in pair.gold]
    gold += [((), (mid + k,)) for k in range(2000)]
    beads = align_pair(list(pair.src), tgt)
    assert_valid(beads, len(pair.src), len(tgt))
    assert sum(1 for b in beads if not b.source and mid <= b.target[0] < mid + 2000) >= 1950
    assert score_alignment(gold, beads).f1_strict >= 0.9


WORDS = st.sampled_from(["alpha", "beta", "gamma", "Nepal", "1956", "8848", "(", "?", "kunde", "service"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(WORDS, max_size=8).map(" ".join), max_size=25),
    st.lists(st.lists(WORDS, max_size=8).map(" ".join), max_size=25),
)
def test_every_segment_once_in_order(src: list[str], tgt: list[str]) -> None:
    beads = align_pair(src, tgt)
    assert_valid(beads, len(src), len(tgt))
    assert all((len(b.source), len(b.target)) in {(0, 1), (1, 0)} or (b.source and b.target) for b in beads)


def test_empty_sides() -> None:
    assert align_pair([], []) == []
    assert align_pair([], ["a", "b"]) == [Bead((), (0,), 0.0), Bead((), (1,), 0.0)]
    assert align_pair(["a"], []) == [Bead((0,), (), 0.0)]


def test_same_input_same_output_across_processes(seeds: dict) -> None:
    # String hashing differs between processes; nothing may leak from it into the beads.
    texts = [[s.text for s in seeds["tl"].segments], [s.text for s in seeds["te"].segments]]
    code = (
        "import json, sys\nfrom aligner.align.pairwise import align_pair\n"
        "a, b = json.load(sys.stdin)\nprint(json.dumps([x.to_vecalign() for x in align_pair(a, b)]))"
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [sys.executable, "-c", code], input=json.dumps(texts), capture_output=True, text=True, env=env, cwd=ROOT
        )
        assert proc.returncode == 0, proc.stderr
        outputs.append(json.loads(proc.stdout))
    assert outputs[0] == outputs[1]
    assert outputs[0] == [b.to_vecalign() for b in align_pair(*texts)]


class OracleScorer:
    """Knows which texts translate each other (by a hidden id); plays a sentence-embedding model."""

    def __init__(self, ids: dict[str, int]) -> None:
        self.ids = ids

    def score(self, src_texts: Sequence[str], tgt_texts: Sequence[str]) -> list[float]:
        out = []
        for s, t in zip(src_texts, tgt_texts):
            a = {self.ids[p] for p in s.split(" ")}  # merged segments come joined with a space
            b = {self.ids[p] for p in t.split(" ")}
            out.append(len(a & b) / len(a | b))
        return out


def test_semantic_scorer_places_a_deletion_lengths_cannot_see() -> None:
    # Equal lengths, no shared anchors: only the scorer can tell where the target lost a segment.
    src = [f"src{k:02d}xx" for k in range(12)]
    tgt = [f"tgt{k:02d}yy" for k in range(12) if k != 5]
    ids = {text: int(text[3:5]) for text in src + tgt}
    scorer = OracleScorer(ids)
    assert isinstance(scorer, SemanticScorer)
    beads = align_pair(src, tgt, scorer=scorer, settings=AlignSettings())
    assert ((5,), ()) in pairs_of(beads)
    assert_valid(beads, 12, 11)


@pytest.mark.parametrize(
    "kwargs,error",
    [
        ({"src_kinds": ["sentence"]}, InputError),
        ({"settings": AlignSettings(band=0)}, ConfigError),
        ({"settings": AlignSettings(lexical_weight=-1.0)}, ConfigError),
        ({"settings": AlignSettings(lexicon="ibm2")}, ConfigError),
        ({"settings": AlignSettings(lexicon_min_prob=-0.1)}, ConfigError),
    ],
)
def test_bad_arguments_are_reported(kwargs: dict, error: type) -> None:
    with pytest.raises(error):
        align_pair(["a", "b"], ["c"], **kwargs)


def test_signature_names_the_settings() -> None:
    sig = AlignSettings(band=7).signature()
    assert sig.startswith("aligner:align|") and "band:7" in sig and "scorer:-" in sig and sig.endswith("0.1.0")
    assert "scorer:OracleScorer" in AlignSettings().signature(OracleScorer({}))


needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason="../shared/bench/textberg-dev is not there")


def _dev() -> tuple[list[str], list[str]]:
    src = (DEV / "dev.de").read_text(encoding="utf-8").split("\n")
    tgt = (DEV / "dev.fr").read_text(encoding="utf-8").split("\n")
    return src[:-1] if src[-1] == "" else src, tgt[:-1] if tgt[-1] == "" else tgt


@needs_dev
def test_textberg_dev_strict_f1() -> None:
    src, tgt = _dev()
    beads = align_pair(src, tgt, "de", "fr")
    assert_valid(beads, len(src), len(tgt))
    score = score_alignment(read_ladder(DEV / "dev.defr"), beads)
    assert score.f1_strict >= 0.85, score.to_dict()
    assert score.f1_lax >= 0.95, score.to_dict()


@needs_dev
def test_coarse_to_fine_finds_the_same_path_as_the_full_search() -> None:
    src, tgt = _dev()
    full = align_pair(src, tgt, settings=AlignSettings(max_full=10**7))
    banded = align_pair(src, tgt, settings=AlignSettings(max_full=2_000))
    assert pairs_of(full) == pairs_of(banded)

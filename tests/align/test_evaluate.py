"""Gold scoring: strict/lax P/R/F1 on hand-made ladders, null-bead conventions, ladder reading and writing."""

from __future__ import annotations

import pytest

from aligner.align.evaluate import (
    format_ladder,
    parse_ladder,
    read_ladder,
    score_alignment,
    score_alignments,
    write_ladder,
)
from aligner.errors import InputError
from aligner.model import Bead


def ladder(text: str) -> list[Bead]:
    return parse_ladder(text.replace(" | ", "\n"))


# (name, gold, predicted, strict P, strict R, lax P, lax R)
CASES = [
    ("identical", "[0]:[0] | [1]:[1, 2]", "[0]:[0] | [1]:[1, 2]", 1.0, 1.0, 1.0, 1.0),
    # A merge where the gold has two beads: strictly wrong, laxly right; the gold's 1-1 is not found.
    ("merge", "[0]:[0] | [1]:[1]", "[0, 1]:[0, 1]", 0.0, 0.0, 1.0, 1.0),
    # Null beads count for precision only: the right [2]:[] is a hit, recall sees one bead of one.
    ("null right", "[0]:[0] | [1]:[]", "[0]:[0] | [1]:[]", 1.0, 1.0, 1.0, 1.0),
    # A wrong null bead overlaps nothing, so it is wrong for lax precision too; recall ignores it.
    ("null wrong", "[0]:[0] | [1]:[1]", "[0]:[0] | [1]:[] | []:[1]", 1 / 3, 1 / 2, 1 / 3, 1 / 2),
    # Shifted 1-1 beads: nothing right, and no overlap between source and target of any gold bead.
    ("shifted", "[0]:[0] | [1]:[1] | [2]:[2]", "[0]:[1] | [1]:[2] | [2]:[0]", 0.0, 0.0, 0.0, 0.0),
    # Partial: 2 of 3 predicted beads right; the gold 1-2 is split, half of it laxly found.
    ("split", "[0]:[0] | [1]:[1, 2] | [2]:[3]", "[0]:[0] | [1]:[1] | []:[2] | [2]:[3]", 2 / 4, 2 / 3, 3 / 4, 1.0),
]


@pytest.mark.parametrize("name,gold,pred,ps,rs,pl,rl", CASES, ids=[c[0] for c in CASES])
def test_scores_on_hand_made_ladders(name: str, gold: str, pred: str, ps: float, rs: float, pl: float,
                                     rl: float) -> None:
    sc = score_alignment(ladder(gold), ladder(pred))
    assert sc.precision_strict == pytest.approx(ps)
    assert sc.recall_strict == pytest.approx(rs)
    assert sc.precision_lax == pytest.approx(pl)
    assert sc.recall_lax == pytest.approx(rl)
    f1 = 2 * ps * rs / (ps + rs) if ps + rs else 0.0
    assert sc.f1_strict == pytest.approx(f1)


def test_documents_are_micro_averaged() -> None:
    a = (ladder("[0]:[0] | [1]:[1]"), ladder("[0]:[0] | [1]:[1]"))
    b = (ladder("[0]:[0] | [1]:[1]"), ladder("[0, 1]:[0, 1]"))
    sc = score_alignments([a, b])
    assert (sc.predicted, sc.correct_strict) == (3, 2)
    assert sc.precision_strict == pytest.approx(2 / 3)
    assert sc.recall_strict == pytest.approx(2 / 4)


def test_empty_prediction_scores_zero_not_error() -> None:
    sc = score_alignment(ladder("[0]:[0]"), [])
    assert (sc.precision_strict, sc.recall_strict, sc.f1_strict) == (0.0, 0.0, 0.0)


def test_tuples_and_beads_are_accepted_alike() -> None:
    assert score_alignment([((0,), (0,))], [Bead((0,), (0,), 0.3)]).f1_strict == 1.0


@pytest.mark.parametrize(
    "line,bead",
    [
        ("[0, 1]:[2]:0.8700", Bead((0, 1), (2,), 0.87)),
        ("[0]:[]", Bead((0,), (), 0.0)),
        ("[]:[7]", Bead((), (7,), 0.0)),
        ("  [3,4] : [5]  ", Bead((3, 4), (5,), 0.0)),
    ],
)
def test_parse_ladder_lines(line: str, bead: Bead) -> None:
    assert parse_ladder(line) == [bead]


@pytest.mark.parametrize("bad", ["[0]-[1]", "[a]:[1]", "[0]:[1]:high"])
def test_parse_ladder_rejects_bad_lines(bad: str) -> None:
    with pytest.raises(InputError, match="line 2"):
        parse_ladder("[0]:[0]\n" + bad, "gold.defr")


def test_ladder_round_trip(tmp_path) -> None:
    beads = [Bead((0, 1), (0,), 0.5), Bead((), (1,), 0.0), Bead((2,), (2, 3), 0.9999)]
    path = tmp_path / "out.defr"
    write_ladder(path, beads)
    assert path.read_text(encoding="utf-8") == "[0, 1]:[0]:0.5000\n[]:[1]:0.0000\n[2]:[2, 3]:0.9999\n"
    assert read_ladder(path) == beads
    assert format_ladder(beads, with_score=False).splitlines()[0] == "[0, 1]:[0]"


def test_read_ladder_missing_file_is_input_error(tmp_path) -> None:
    with pytest.raises(InputError):
        read_ladder(tmp_path / "nope.defr")

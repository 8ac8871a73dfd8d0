"""JSON and JSON Lines: the promised shape, every unit, unmatched documents with reasons."""

from __future__ import annotations

import json
from dataclasses import dataclass

from aligner.export import get_exporter
from aligner.model import Alignment

from .conftest import SIGNATURE


@dataclass(frozen=True)
class Left:
    path: str
    language: str | None
    reason: str


def test_json_shape(seed_alignment: Alignment, pair_alignment: Alignment) -> None:
    unmatched = [Left("seeds/003.txt", "lt", "shares no numbers with the group (0/7)")]
    data = json.loads(get_exporter("json").render([seed_alignment, pair_alignment], unmatched)[""])
    assert [len(g["units"]) for g in data["groups"]] == [31, 4]
    first = data["groups"][0]
    assert first["documents"][0] == {"path": "seeds/000_f8214269fd0884a9.txt", "language": "lt"}
    unit = first["units"][3]
    assert unit["score"] == 0.93
    lt = unit["segments"]["seeds/000_f8214269fd0884a9.txt"]
    assert lt[0]["id"] == 0 and lt[0]["line"] == 1 and lt[0]["text"].startswith("Klientų")
    assert data["groups"][1]["units"][0]["segments"]["a/en.txt"] == [
        {"id": 0, "line": 1, "column": 1, "kind": "sentence", "text": "One."},
        {"id": 1, "line": 2, "column": 1, "kind": "sentence", "text": "Two."},
    ]
    assert data["unmatched"] == [{"path": "seeds/003.txt", "language": "lt", "reason": unmatched[0].reason}]
    assert data["signature"] == SIGNATURE


def test_json_from_a_grouping() -> None:
    from aligner.align.grouping import group_documents
    from aligner.segment.layout import build_document

    docs = [build_document("Lone text here.", "lone.txt", "en")]
    grouping = group_documents(docs)
    data = json.loads(get_exporter("json").render([], grouping.unmatched)[""])
    assert data["groups"] == [] and data["unmatched"][0]["path"] == "lone.txt"
    assert "only document" in data["unmatched"][0]["reason"]


def test_jsonl_one_object_per_unit(seed_alignment: Alignment, pair_alignment: Alignment) -> None:
    text = get_exporter("jsonl").render([seed_alignment, pair_alignment])[""].decode("utf-8")
    lines = text.splitlines()
    assert len(lines) == 31 + 4
    records = [json.loads(line) for line in lines]
    assert [(r["group"], r["unit"]) for r in records[30:32]] == [(0, 30), (1, 0)]
    assert records[0]["segments"]["seeds/000_f8214269fd0884a9.txt"] == []
    assert records[-1]["segments"]["a/da.txt"] == [] and records[-1]["score"] == 0.0
    assert records[-1]["languages"] == {"a/en.txt": "en", "a/da.txt": "da"}


def test_json_keeps_control_characters_escaped(nasty_alignment: Alignment) -> None:
    data = get_exporter("json").render([nasty_alignment])[""]
    back = json.loads(data)
    assert back["groups"][0]["units"][3]["segments"]["in/en.txt"][0]["text"].startswith("Controls \x00")

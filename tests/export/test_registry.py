"""The exporter registry: one interface, one dict, deterministic bytes, atomic writes."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from aligner.errors import ConfigError, InputError
from aligner.export import (
    EXPORTERS,
    AlignmentExporter,
    exporter_for_path,
    get_exporter,
    register,
    write_alignments,
)
from aligner.export.corpus import as_unmatched
from aligner.model import Alignment


def test_formats_are_registered() -> None:
    assert sorted(EXPORTERS) == ["json", "jsonl", "moses", "tmx", "tsv", "vecalign"]
    for name, cls in EXPORTERS.items():
        assert issubclass(cls, AlignmentExporter)
        assert cls.name == name
        assert isinstance(cls.extensions, tuple)
        assert callable(cls.write)


def test_duplicate_names_are_refused() -> None:
    class Another(EXPORTERS["tsv"]):  # type: ignore[misc, valid-type]
        pass

    with pytest.raises(ValueError, match="already registered"):
        register(Another)


def test_unknown_format_and_options() -> None:
    with pytest.raises(ConfigError, match="unknown format 'xliff'"):
        get_exporter("xliff")
    with pytest.raises(ConfigError, match="does not take options"):
        get_exporter("tmx", stem="x")
    with pytest.raises(ConfigError, match="cannot tell the format"):
        exporter_for_path("out.docx")


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.tmx", "tmx"), ("a.TSV", "tsv"), ("a.json", "json"), ("a.jsonl", "jsonl"), ("x.ladder", "vecalign")],
)
def test_format_from_file_name(name: str, fmt: str) -> None:
    assert exporter_for_path(name).name == fmt


@pytest.mark.parametrize("fmt", ["json", "jsonl", "tsv", "tmx", "moses", "vecalign"])
def test_same_input_same_bytes(fmt: str, pair_alignment: Alignment) -> None:
    first = get_exporter(fmt).render([pair_alignment])
    second = get_exporter(fmt).render([pair_alignment])
    assert first == second and all(first.values())


def test_write_is_what_render_gives(pair_alignment: Alignment, tmp_path) -> None:
    for fmt, name in [("json", "a.json"), ("jsonl", "a.jsonl"), ("tsv", "a.tsv"), ("tmx", "a.tmx")]:
        written = write_alignments(pair_alignment, tmp_path / name)
        assert written == (tmp_path / name,)
        assert written[0].read_bytes() == get_exporter(fmt).render([pair_alignment])[""]
    assert json.loads((tmp_path / "a.json").read_text("utf-8"))["groups"][0]["units"][0]["score"] == 0.87
    etree.parse(str(tmp_path / "a.tmx"))
    moses = write_alignments(pair_alignment, tmp_path / "parallel", "moses")
    assert sorted(p.name for p in moses) == ["corpus.da", "corpus.en"]
    assert not list(tmp_path.glob(".*.tmp"))  # atomic writes leave no temporary files


def test_exporters_refuse_what_they_cannot_hold_before_aligning() -> None:
    with pytest.raises(InputError, match="^--format vecalign: takes exactly two documents, got 3; use json or tmx$"):
        get_exporter("vecalign").check_input(3, None)
    get_exporter("vecalign").check_input(2, None)
    with pytest.raises(InputError, match="^--format moses: writes one file per version; give a directory with -o DIR"):
        get_exporter("moses").check_input(2, None)
    get_exporter("moses").check_input(5, "out")
    for fmt in ("tsv", "moses", "vecalign"):
        with pytest.raises(InputError, match=f"^--format {fmt}: found 2 groups of versions"):
            get_exporter(fmt).check_groups(2)
    for fmt in ("json", "jsonl", "tmx"):
        get_exporter(fmt).check_groups(2)
        get_exporter(fmt).check_input(7, None)


def test_export_writes_or_returns_the_bytes(pair_alignment: Alignment, tmp_path) -> None:
    from aligner.align.grouping import Unmatched

    left = Unmatched(3, "shares no numbers with the group", "x/lone.txt", "lt")
    data = get_exporter("json").export([pair_alignment], None, unmatched=[left])
    assert data == get_exporter("json").render([pair_alignment], [left])[""]
    assert json.loads(data)["unmatched"] == [{"path": "x/lone.txt", "language": "lt",
                                              "reason": "shares no numbers with the group"}]
    assert get_exporter("tsv").export([pair_alignment, pair_alignment], None) == \
        get_exporter("tsv").render([pair_alignment])[""]  # a single-group format takes the first group
    assert get_exporter("tmx").export([pair_alignment], tmp_path / "a.tmx") is None
    assert (tmp_path / "a.tmx").read_bytes() == get_exporter("tmx").render([pair_alignment])[""]


def test_unmatched_pairs_of_a_result_are_read_as_records(pair_alignment: Alignment) -> None:
    doc = pair_alignment.documents[0]
    data = json.loads(get_exporter("json").render([pair_alignment], as_unmatched([(doc, "alone")]))[""])
    assert data["unmatched"] == [{"path": doc.path, "language": doc.language, "reason": "alone"}]

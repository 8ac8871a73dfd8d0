"""The reader registry: one reader per format, chosen by extension, options checked by the reader;
a file that holds two documents (a bilingual catalog) flows through check, score and audit by id."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import pytest

from aligner.documents import document_from_text
from aligner.errors import ConfigError, InputError
from aligner.io import formats
from aligner.io.formats import (
    READERS,
    DocumentReader,
    PlainTextReader,
    expand_paths,
    get_reader,
    read_path,
    read_paths,
    reader_for_path,
    register,
)
from aligner.io.reader import read_text
from aligner.model import Document
from aligner.options import RunOptions
from aligner.pipeline import audit_paths, check_paths, score_run
from tests.conftest import SEED_FILES


class ToyCatalogReader(DocumentReader):
    """A toy bilingual catalog: the source text, a line ``===``, the target text."""

    name = "toycat"
    extensions = (".cat",)
    defaults = MappingProxyType({})

    def read(self, path: str, options: Mapping[str, object] | None = None) -> tuple[Document, ...]:
        opts = self.options(options)
        source, target = read_text(path).split("\n===\n")
        return tuple(
            document_from_text(text, path, id=f"{path}#{part}", candidates=opts["candidates"])  # type: ignore[arg-type]
            for part, text in (("source", source), ("target", target))
        )


@pytest.fixture
def catalog_reader(monkeypatch: pytest.MonkeyPatch) -> DocumentReader:
    monkeypatch.setattr(formats, "READERS", dict(READERS))
    return register(ToyCatalogReader())


@pytest.fixture
def catalog_dir(tmp_path: Path) -> Path:
    lt, da, te = (read_text(str(SEED_FILES[k])) for k in ("lt", "da", "te"))
    (tmp_path / "messages.cat").write_text(lt + "\n===\n" + da, encoding="utf-8")
    (tmp_path / "te.txt").write_text(te, encoding="utf-8")
    return tmp_path


def test_plain_text_is_registered_and_the_default() -> None:
    assert sorted(READERS) == ["catalog", "text"]
    assert isinstance(get_reader("text"), PlainTextReader)
    assert reader_for_path("a/b.txt").name == "text"
    assert reader_for_path("notes.rst").name == "text"  # a file no reader claims is read as text, as before
    assert reader_for_path("notes.md").name == "catalog"


def test_registry_refuses_a_second_name_or_extension(catalog_reader: DocumentReader) -> None:
    with pytest.raises(ValueError, match="already registered"):
        register(ToyCatalogReader())

    class OtherText(PlainTextReader):
        name = "other"

    with pytest.raises(ValueError, match="already claimed by 'text'"):
        register(OtherText())


def test_unknown_reader_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown input format 'po'"):
        get_reader("po")


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"fuzzy": True}, "does not take fuzzy"),
        ({"presegmented": "yes"}, "must be true or false"),
        ({"encoding": 5}, "codec name"),
        ({"candidates": "lt"}, "sequence of ISO 639 codes"),
    ],
)
def test_text_reader_checks_its_options(tmp_path: Path, options: dict, match: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Labas.\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=match):
        read_path(str(path), options)


def test_text_reader_options(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Viens.  Du.\nTrys.\n".encode("latin-1"))
    (doc,) = read_path(str(path), {"presegmented": True, "encoding": "latin-1", "candidates": ("lt",)})
    assert doc.id == doc.path == str(path)
    assert [s.text for s in doc.segments] == ["Viens.  Du.", "Trys."]


def test_directory_lists_the_files_some_reader_claims_sorted(tmp_path: Path, catalog_reader: DocumentReader) -> None:
    for name in ("b.txt", "a.txt", "c.cat", "d.rst", "E.TXT"):
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    assert [Path(p).name for p in expand_paths([str(tmp_path)])] == ["a.txt", "b.txt", "c.cat"]


def test_directory_without_text_files_keeps_its_message(tmp_path: Path) -> None:
    (tmp_path / "d.rst").write_text("x\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"directory holds no \*\.txt or localization files \(\*\.po, .*\); "
                                         r"give text files or another folder"):
        expand_paths([str(tmp_path)])


def test_a_catalog_yields_two_documents_with_their_own_ids(catalog_dir: Path, catalog_reader: DocumentReader) -> None:
    docs = read_paths([str(catalog_dir)])
    path = str(catalog_dir / "messages.cat")
    assert [d.id for d in docs] == [f"{path}#source", f"{path}#target", str(catalog_dir / "te.txt")]
    assert docs[0].path == docs[1].path == path
    assert docs[0].name == "messages.cat#source"
    assert docs[0].to_dict()["id"] == f"{path}#source" and "id" not in docs[2].to_dict()


def test_check_score_and_audit_key_on_the_id(catalog_dir: Path, catalog_reader: DocumentReader) -> None:
    path = str(catalog_dir / "messages.cat")
    run = check_paths([str(catalog_dir)], RunOptions(jobs=1))
    ids = {d.id for d in run.detections}
    assert {f"{path}#source", f"{path}#target"} <= ids
    grouped = {d.id for g in run.alignment.groups for d in g.documents}
    assert {f"{path}#source", f"{path}#target"} <= grouped  # two documents of one file, both aligned
    scores = score_run(run)
    assert sorted((s.path, s.language) for s in scores if s.path == path) == [(path, "da"), (path, "lt")]
    for f in run.findings:  # findings still point into the file, by path, line and column
        assert f.path in {path, str(catalog_dir / "te.txt")} and f.line >= 1
    audit = audit_paths([str(catalog_dir)], RunOptions(jobs=1)).to_dict()
    assert {d.get("id") for d in audit["documents"]} >= {f"{path}#source", f"{path}#target"}
    assert all("confidence" in d for d in audit["documents"])  # the languages are found by id
    units = audit["groups"][0]["units"]
    assert {f"{path}#source", f"{path}#target"} <= set(units[0]["segments"])


def test_a_reader_may_refuse_the_plain_text_options(catalog_dir: Path, catalog_reader: DocumentReader) -> None:
    with pytest.raises(ConfigError, match="the toycat reader does not take presegmented"):
        check_paths([str(catalog_dir)], RunOptions(presegmented=True))


def test_a_directory_is_surveyed_in_one_line(tmp_path: Path) -> None:
    from aligner.io.formats import survey, survey_line

    for name in ("b.txt", "a.txt", "messages.po", "notes.rst"):
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    (tmp_path / "img").mkdir()
    read, skipped = survey([str(tmp_path)])
    assert [(Path(f).name, r) for f, r in read] == [("a.txt", "text"), ("b.txt", "text"), ("messages.po", "catalog")]
    assert [Path(f).name for f, _ in skipped] == ["img", "notes.rst"]
    line = survey_line([str(tmp_path)])
    assert line == ("read 3 files (1 catalog, 2 text); skipped 2: img (a directory, not read recursively), "
                    "notes.rst (no reader for this kind of file)")
    assert survey_line([str(tmp_path / "a.txt")]) is None  # files named one by one: nothing to survey

"""py3langid's model read from a decompressed copy in the cache directory: the same identifier, every array equal."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from aligner.langid import backends

TEXTS = ["Vilniaus senamiestis yra vienas didžiausių Rytų Europoje.", "Det er en god dag i dag.",
         "Magandang umaga sa inyong lahat.", "ఇది ఒక పరీక్ష వాక్యం.", "", "1234 5678"]


def _official():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _same(a, b) -> None:
    assert np.array_equal(np.asarray(a.nb_ptc), np.asarray(b.nb_ptc)) and a.nb_ptc.dtype == b.nb_ptc.dtype
    assert np.array_equal(a.nb_pc, b.nb_pc) and a.nb_pc.dtype == b.nb_pc.dtype
    assert a.nb_classes == b.nb_classes
    assert a.tk_nextmove == b.tk_nextmove and a.tk_nextmove.typecode == b.tk_nextmove.typecode
    assert a.tk_row == b.tk_row and a.tk_output == b.tk_output and a._rowbase == b._rowbase
    for text in TEXTS:
        assert a.rank(text) == b.rank(text)


def test_the_copy_gives_the_same_identifier(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path))
    official = _official()
    first = backends._py3langid_identifier()  # writes the copy
    copies = [p for p in tmp_path.iterdir() if p.name.startswith("py3langid-")]
    assert len(copies) == 1 and (copies[0] / "complete").exists()
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no work files left
    _same(first, official)

    import lzma

    def no_lzma(*args: object, **kwargs: object) -> None:
        raise AssertionError("the model file was decompressed again")

    monkeypatch.setattr(lzma, "open", no_lzma)
    _same(backends._py3langid_identifier(), official)  # read from the copy


def test_a_copy_cut_short_falls_back_to_the_model_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path))
    backends._py3langid_identifier()
    copy = next(p for p in tmp_path.iterdir() if p.name.startswith("py3langid-"))
    (copy / "nextmove.npy").write_bytes(b"\x93NUMPY broken")
    _same(backends._py3langid_identifier(), _official())
    assert not copy.exists()  # removed: the next process writes it again
    _same(backends._py3langid_identifier(), _official())
    assert (copy / "complete").exists()


def test_no_cache_directory_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGNER_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert backends.cache_dir() is None
    _same(backends._py3langid_identifier(), _official())
    assert list(tmp_path.iterdir()) == []
    # a cache directory that cannot be made (a file stands in its way): the model file itself, no error
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(blocker / "sub"))
    _same(backends._py3langid_identifier(), _official())


def test_no_home_directory_is_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ALIGNER_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert backends.cache_dir() is None

"""Moses: one file per version, equal line counts, unique names."""

from __future__ import annotations

import pytest

from aligner.errors import ConfigError, InputError
from aligner.export import get_exporter
from aligner.model import Alignment


def test_one_file_per_version_with_equal_line_counts(seed_alignment: Alignment, tmp_path) -> None:
    written = get_exporter("moses").write(seed_alignment, tmp_path / "out")
    assert sorted(p.name for p in written) == ["corpus.da", "corpus.lt", "corpus.te", "corpus.tl"]
    counts = {p.name: len(p.read_text("utf-8").splitlines()) for p in written}
    assert set(counts.values()) == {31}
    lt = (tmp_path / "out" / "corpus.lt").read_text("utf-8").split("\n")
    tl = (tmp_path / "out" / "corpus.tl").read_text("utf-8").split("\n")
    assert lt[:3] == ["", "", ""]  # the Tagalog front matter has no Lithuanian counterpart
    assert tl[0].startswith("Dalawang")
    assert lt[3].startswith("Klientų") and tl[3].startswith("Ang kagawaran")


def test_line_breaks_inside_segments_do_not_shift_lines(nasty_alignment: Alignment) -> None:
    files = get_exporter("moses").render([nasty_alignment])
    assert sorted(files) == ["corpus.de", "corpus.en"]
    for data in files.values():
        text = data.decode("utf-8")
        assert len(text.splitlines()) == len(nasty_alignment.units)  # splitlines also splits on U+2028, \x0c, \x85
    assert files["corpus.en"].decode("utf-8").splitlines()[-1] == ""


def test_same_language_versions_get_unique_names(same_language_alignment: Alignment) -> None:
    files = get_exporter("moses", stem="europarl").render([same_language_alignment])
    assert sorted(files) == ["europarl.da", "europarl.lt", "europarl.lt-2"]
    assert files["europarl.lt-2"] == b"Sveiki.\nIki.\n"


def test_bad_stem_and_several_groups_are_refused(seed_alignment: Alignment, pair_alignment: Alignment) -> None:
    with pytest.raises(ConfigError):
        get_exporter("moses", stem="../evil")
    with pytest.raises(InputError, match="one group"):
        get_exporter("moses").render([seed_alignment, pair_alignment])

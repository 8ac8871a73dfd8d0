"""Omissions and repeats next to one version's front matter (the seed article's first lines)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.pipeline import check_paths
from tests.conftest import SEED_FILES

FIRST_TL = "Ang kagawaran ng serbisyo sa customer ay may mahalagang papel sa kaligtasan at patuloy na paggana ng " \
           "anumang kumpanya. "


def make(tmp_path: Path, edit: str) -> list[tuple[str, str, int]]:
    lines = {"lt": 3, "da": 3, "te": 3, "tl": 11}
    for lang, n in lines.items():
        text = "\n".join(SEED_FILES[lang].read_text(encoding="utf-8").split("\n")[:n]) + "\n"
        if edit == "drop-first-tl" and lang == "tl":
            text = text.replace(FIRST_TL, "")
        if edit == "repeat-first-te" and lang == "te":
            text = text.split(". ")[0] + ". " + text
        (tmp_path / f"{lang}.txt").write_text(text, encoding="utf-8")
    run = check_paths([str(tmp_path)], candidates=list(lines))
    return sorted((p.stem, f.code, f.line) for f in run.findings
                  if f.category not in ("entity",) for p in [Path(f.path)])


@pytest.mark.parametrize(
    ("edit", "required", "forbidden"),
    [
        # The title must not take the place of the sentence Tagalog dropped.
        ("drop-first-tl", {("tl", "OMI001", 7), ("tl", "ADD002", 1)}, set()),
        # A repeated first sentence is one DUP001, not omissions in the versions next to the title.
        ("repeat-first-te", {("te", "DUP001", 1), ("tl", "ADD002", 1)}, {("lt", "OMI001", 1), ("da", "OMI001", 1),
                                                                       ("te", "ADD001", 1)}),
    ],
)
def test_front_matter_does_not_steal_sentences(tmp_path: Path, edit: str, required: set, forbidden: set) -> None:
    got = set(make(tmp_path, edit))
    assert required <= got, got
    assert not (forbidden & got), got

"""Cross-version number comparison on minimal reproductions (one aligned unit, four versions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.pipeline import check_paths

HEADINGS = {"lt": "Darbo užmokestis", "da": "Lønninger", "tl": "Mga Suweldo", "te": "జీతాలు"}


def run(tmp_path: Path, texts: dict[str, str]) -> list[tuple[str, str, int]]:
    for lang, text in texts.items():
        (tmp_path / f"{lang}.txt").write_text(f"{HEADINGS[lang]}\n{text}\n", encoding="utf-8")
    result = check_paths([str(tmp_path)], candidates=list(texts))
    return sorted((Path(f.path).stem, f.code, f.line) for f in result.findings if f.category in ("number", "format",
                                                                                                  "duplication"))


CASES = {
    # Every version can read 41 430; two write it against their locale: format findings only.
    "format-only-crossed": (
        {"lt": "75 proc. darbo užmokestis yra 41,430 JAV dolerių, o tai reiškia, kad 25 proc. uždirba daugiau.",
         "da": "Den 75. percentile løn er $ 41.430, hvilket betyder 25 procent tjener mere.",
         "tl": "Ang 75 porsyento na suweldo ay $ 41,430, ibig sabihin ay 25 porsiyento ang kumita.",
         "te": "75 వ శాతం జీతం $ 41.430, అనగా 25 శాతం ఎక్కువ సంపాదించు."},
        {"forbid": {"NUM001", "NUM002", "NUM003", "NUM004"}},
    ),
    # da repeats 25 (once in tl, the other version that has it): a duplication, plus 25 missing in lt and te.
    "repeat-among-holders": (
        {"lt": "Atstovai gavo 25 520 dolerių atlyginimą, o tai reiškia, kad 75 proc. uždirbo daugiau.",
         "da": "Repræsentanter tjente en 25 percentile 25 percentile løn på 25.520 dollars, så 75 procent tjente mere.",
         "tl": "Nakakuha ng 25 porsyento na suweldo na $ 25,520, ibig sabihin ay 75 porsiyento ang nakakuha ng higit.",
         "te": "ప్రతినిధులు 25,520 డాలర్ల జీతాన్ని పొందారు, అంటే 75 శాతం ఎక్కువ సంపాదించింది."},
        {"require": {("da", "NUM003", 2)}},
    ),
    # tl drops 25 520 (3 of 4 have it); 25 is a 2-2 tie: a missing number, not a changed 25.
    "dropped-not-changed": (
        {"lt": "Atstovai gavo 25 520 dolerių atlyginimą, o tai reiškia, kad 75 proc. uždirbo daugiau.",
         "da": "Repræsentanter tjente en 25 percentile løn på 25.520 dollars, så 75 procent tjente mere.",
         "tl": "Nakakuha ng 25 porsyento na suweldo na $, ibig sabihin ay 75 porsiyento ang nakakuha ng higit.",
         "te": "ప్రతినిధులు 25,520 డాలర్ల జీతాన్ని పొందారు, అంటే 75 శాతం ఎక్కువ సంపాదించింది."},
        {"require": {("tl", "NUM001", 2)}, "forbid": {"NUM002"}},
    ),
    # A real change: da reads 41 340 where the other three have 41 430.
    "changed-value": (
        {"lt": "75 proc. darbo užmokestis 2016 m. yra 41 430 JAV dolerių, o tai reiškia, kad 25 proc. uždirba daugiau.",
         "da": "Den 75. percentile løn i 2016 er $ 41.340, hvilket betyder 25 procent tjener mere.",
         "tl": "Ang 75 porsyento na suweldo noong 2016 ay $ 41,430, ibig sabihin ay 25 porsiyento ang kumita.",
         "te": "2016 లో 75 వ శాతం జీతం $ 41,430, అనగా 25 శాతం ఎక్కువ సంపాదించు."},
        {"require": {("da", "NUM002", 2)}},
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_number_consistency(tmp_path: Path, name: str) -> None:
    texts, expect = CASES[name]
    got = run(tmp_path, texts)
    for item in expect.get("require", set()):
        assert item in got, (name, got)
    for code in expect.get("forbid", set()):
        assert all(c != code for _, c, _ in got), (name, got)

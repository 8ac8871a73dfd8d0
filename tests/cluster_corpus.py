"""A generated corpus of several groups for the cluster tests: the bench texts with numbers shifted per set.

Each *set* is four versions (its first four languages) of one bench text with every number's last digit group
(a single digit too) moved by a set-specific offset, so sets share no figure and are distinct texts, as yearly
reports of one template are; one version of some sets has a number
changed (damage for the checks to find), and the seeds (one group and one ungrouped document) ride along.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "corpora" / "bench" / "texts"
SEEDS = ROOT / "corpora" / "seeds"
_NUM = re.compile(r"(?<![\d.,])\d+(?:[.,\u00a0 ]\d{3})*(?![\d])")
_LAST = re.compile(r"\d+$")


def shifted(text: str, offset: int) -> str:
    """Every number's last digit group moved by ``offset`` (the versions of one set stay consistent)."""
    if offset == 0:
        return text

    def repl(m: re.Match[str]) -> str:
        number = m.group(0)
        last = _LAST.search(number)
        if last is None:
            return number
        digits = last.group(0)
        if len(number) < 2:  # a single digit changes too (never to itself), so no figure is shared
            return str((int(digits) + offset % 9 + 1) % 10)
        return number[: last.start()] + str((int(digits) + offset) % 10 ** len(digits)).zfill(len(digits))

    return _NUM.sub(repl, text)


def versions(tsv: Path) -> dict[str, str]:
    """One plain text per language of a bench TSV: a block per paragraph, a unit per line."""
    rows = [line.split("\t") for line in tsv.read_text(encoding="utf-8").splitlines()]
    head, body = rows[0], rows[1:]
    out = {}
    for col, lang in list(enumerate(head))[3:7]:
        blocks: dict[str, list[str]] = {}
        for row in body:
            blocks.setdefault(row[2], []).append(row[col])
        out[lang] = "\n\n".join(" ".join(b) for b in blocks.values()) + "\n"
    return out


def make_corpus(directory: Path, sets: int, *, seeds: bool = True, damaged_every: int = 3) -> Path:
    """``sets`` document sets (plus the seeds) in ``directory``, which is returned."""
    directory.mkdir(parents=True, exist_ok=True)
    texts = [versions(p) for p in sorted(BENCH.glob("*.tsv"))]
    for s in range(sets):
        base = texts[s % len(texts)]
        offset = 0 if s < len(texts) else 7 + 13 * s
        for k, lang in enumerate(base):
            text = shifted(base[lang], offset)
            if damaged_every and s % damaged_every == 0 and k == 2:  # one version says another number
                text = _NUM.sub(lambda m: str(int(m.group(0)[-1]) + 1) + m.group(0), text, count=1)
            (directory / f"set{s:04d}_{lang}.txt").write_text(text, encoding="utf-8")
    if seeds:
        for path in sorted(SEEDS.glob("*.txt")):
            shutil.copy(path, directory / path.name)
    return directory

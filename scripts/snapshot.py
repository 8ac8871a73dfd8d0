"""Write every user-visible output of a fixed set of commands into one directory, to prove a refactor changed none.

    python scripts/snapshot.py OUT [--cases all|N]      # then: diff -r OUT_before OUT_after

Three corpora, as the architecture issue asks:

- ``corpora/seeds``: ``audit`` (every file it writes), ``check`` in every findings format, ``align`` in
  every export format, ``detect --segments``, ``score`` and ``score --ref``;
- the Text+Berg dev split (``../shared/bench/textberg-dev``): ``align --no-group --presegmented`` as
  vecalign and JSON, and ``check`` as JSON;
- the damage cases of ``scripts/bench_check.py`` (``scripts/damage.py``, default seed): ``check`` as
  JSON on every case directory (``--cases N`` takes every k-th case so that N are run, for a quick look).

Commands run in this process through Typer's test runner; each one's exit code and standard output are
written beside its files. Paths inside outputs are written relative to a fixed working directory, so two
snapshots taken from two clones compare equal.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
TEXTBERG = ROOT.parent / "shared" / "bench" / "textberg-dev"


def _run(runner: CliRunner, out: Path, name: str, args: Sequence[str]) -> None:
    from aligner.cli import app

    result = runner.invoke(app, list(args), catch_exceptions=False)
    (out / f"{name}.stdout").write_text(f"exit {result.exit_code}\n{result.stdout}", encoding="utf-8")


def snapshot(out: Path, cases: str = "all") -> None:
    """Write the snapshot into ``out`` (created, must not exist)."""
    out.mkdir(parents=True)
    work = Path(tempfile.mkdtemp(prefix="aligner-snapshot-"))
    try:
        shutil.copytree(ROOT / "corpora", work / "corpora")
        os.chdir(work)
        runner = CliRunner()
        seeds = "corpora/seeds"
        s = out / "seeds"
        s.mkdir()
        _run(runner, s, "audit", ["audit", seeds, "-o", "audit-out", "--fail-on", "never", "-q", "-j", "1"])
        shutil.copytree(work / "audit-out", s / "audit")
        for fmt in ("text", "json", "sarif", "junit", "github"):
            _run(runner, s, f"check-{fmt}", ["check", seeds, "--format", fmt, "-j", "1"])
        _run(runner, s, "check-glossary", ["check", seeds, "--format", "json", "--glossary",
                                           "corpora/glossary.tbx", "-j", "1"])
        for fmt in ("json", "tsv", "tmx", "jsonl"):
            _run(runner, s, f"align-{fmt}", ["align", seeds, "--format", fmt])
        _run(runner, s, "align-moses", ["align", seeds, "--format", "moses", "-o", "moses-out"])
        shutil.copytree(work / "moses-out", s / "moses")
        pair = sorted(str(p.relative_to(work)) for p in (work / seeds).glob("*.txt"))[:2]
        _run(runner, s, "align-vecalign", ["align", *pair, "--format", "vecalign", "--no-group"])
        _run(runner, s, "detect", ["detect", seeds, "--segments", "--format", "json"])
        _run(runner, s, "detect-table", ["detect", seeds])
        _run(runner, s, "score", ["score", seeds, "--format", "json"])
        _run(runner, s, "score-table", ["score", seeds])
        _run(runner, s, "score-ref", ["score", "--ref", pair[0], pair[1], "--format", "json"])
        _run(runner, s, "checks", ["checks"])

        if TEXTBERG.is_dir():
            t = out / "textberg"
            t.mkdir()
            shutil.copytree(TEXTBERG, work / "textberg")
            de, fr = "textberg/dev.de", "textberg/dev.fr"
            for fmt in ("vecalign", "json"):
                _run(runner, t, f"align-{fmt}", ["align", de, fr, "--presegmented", "--no-group", "--format", fmt])
            _run(runner, t, "check", ["check", de, fr, "--presegmented", "--format", "json", "-j", "1"])

        sys.path.insert(0, str(ROOT / "scripts"))
        import damage

        groups = damage.load_groups()
        made = damage.make_cases(groups)
        damage.write_cases(groups, made, work / "cases", damage.DEFAULT_SEED)
        step = 1 if cases == "all" else max(1, len(made) // max(1, int(cases)))
        c = out / "cases"
        c.mkdir()
        for case in made[::step]:
            _run(runner, c, case.id, ["check", f"cases/{case.id}", "--format", "json", "-j", "1"])
    finally:
        os.chdir(ROOT)
        shutil.rmtree(work, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: ``snapshot.py OUT [--cases all|N]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--cases", default="all", help="'all' or how many damage cases to run")
    args = parser.parse_args(argv)
    snapshot(args.out.resolve(), args.cases)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time the localization parsers: the real Sphinx catalogs and synthetic large files of each format.

    python scripts/bench_l10n.py [--runs 7]

Prints the median and minimum wall time per file; the numbers in docs/l10n.md come from this script.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from aligner.l10n import parse_bytes

ROOT = Path(__file__).resolve().parents[1]
SPHINX = ROOT.parent / "shared" / "real" / "catalogs-dev" / "sphinx"


def synthetic() -> dict[str, str]:
    n = 20000
    xliff = [
        '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file source-language="en" target-language="de"><body>\n'
    ]
    for i in range(n):
        xliff.append(
            f'<trans-unit id="u{i}">\n<source>Text {i} <g id="1">bold</g></source>\n'
            f'<target>Text {i} <g id="1">fett</g></target>\n<note>n</note>\n</trans-unit>\n'
        )
    xliff.append("</body></file></xliff>\n")
    nested = {f"k{i}": {"a": f"v{i}", "b": [f"x{i}", "y"]} for i in range(n)}
    return {
        "big.xlf": "".join(xliff),
        "de.json": json.dumps(nested, indent=2),
        "lt.yml": "lt:\n" + "".join(f'  k{i}:\n    a: "v{i}"\n    b: plain {i}\n' for i in range(n)),
        "x.html": "<html><body>"
        + "".join(
            f"<div><p>Para {i} <b>bold</b> tail <a title='t{i}'>x</a></p>\n<ul><li>i</li></ul></div>\n"
            for i in range(5000)
        )
        + "</body></html>",
        "x.md": "\n\n".join(f"## H{i}\n\nPara {i} with [link](u) and `code`.\n\n- a\n- b" for i in range(5000)),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    inputs: dict[str, bytes | str] = {}
    if SPHINX.is_dir():
        for name in ("sphinx.pot", "da.po", "lt.po", "te.po"):
            inputs[name] = (SPHINX / name).read_bytes()
    inputs.update(synthetic())
    print(f"{'file':<12} {'units':>7} {'median ms':>10} {'min ms':>8}")
    for name, data in inputs.items():
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            catalog = parse_bytes(data, name)
            times.append(time.perf_counter() - start)
        print(f"{name:<12} {len(catalog.units):>7} {statistics.median(times) * 1000:>10.1f} {min(times) * 1000:>8.1f}")


if __name__ == "__main__":
    main()

"""Throughput of number extraction (``aligner.facts.numbers``) in MB/s of UTF-8 text.

Each seed document is repeated to about ``--mb`` megabytes (20 by default) and extracted with its
own language; per-language tables and patterns are built before timing (that cost is printed
separately). ``--out`` writes the table as Markdown as well.

    python scripts/bench_numbers.py [--mb 20] [--out results/numbers.md]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from aligner.facts.numbers import extract_numbers

ROOT = Path(__file__).resolve().parents[1]
SEEDS = {
    "lt": "000_f8214269fd0884a9.txt",
    "da": "001_f556afaa5fda8b7f.txt",
    "tl": "002_7405d99d0319b2f2.txt",
    "lt2": "003_1fe17f78ad08b776.txt",
    "te": "004_28bf82238f2b8943.txt",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="total megabytes of text to extract from")
    parser.add_argument("--out", type=Path, default=None, help="also write a Markdown table here")
    args = parser.parse_args()

    texts = {name: (ROOT / "corpora" / "seeds" / path).read_text("utf-8") for name, path in SEEDS.items()}
    share = args.mb * 1e6 / len(texts)
    rows = []
    total_bytes = total_time = 0.0
    total_mentions = 0
    for name, text in texts.items():
        language = name.rstrip("2")
        started = time.process_time()
        extract_numbers("0", language)  # builds and caches the language's tables and patterns
        setup = time.process_time() - started
        # lines are the unit the checker extracts from; repeat the document line by line
        lines = text.splitlines() * max(1, int(share // len(text.encode("utf-8"))))
        size = sum(len(line.encode("utf-8")) + 1 for line in lines)
        started = time.process_time()
        mentions = sum(len(extract_numbers(line, language)) for line in lines)
        elapsed = time.process_time() - started
        rows.append((name, language, size / 1e6, mentions, elapsed, size / 1e6 / elapsed, setup))
        total_bytes += size
        total_time += elapsed
        total_mentions += mentions
    header = "| seed | language | MB | mentions | seconds | MB/s | setup s |\n|---|---|---|---|---|---|---|"
    lines_out = [header]
    for name, language, mb, mentions, elapsed, speed, setup in rows:
        lines_out.append(f"| {name} | {language} | {mb:.1f} | {mentions} | {elapsed:.2f} | {speed:.1f} | {setup:.3f} |")
    lines_out.append(
        f"| all | | {total_bytes / 1e6:.1f} | {total_mentions} | {total_time:.2f} | "
        f"{total_bytes / 1e6 / total_time:.1f} | |"
    )
    table = "\n".join(lines_out)
    print(table)
    if args.out is not None:
        args.out.write_text("# Number extraction throughput\n\n" + table + "\n", "utf-8")


if __name__ == "__main__":
    main()

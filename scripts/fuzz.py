"""Fuzz the reader and `check` with generated inputs; write results/fuzz.md.

A deterministic mutation fuzzer (seeded ``random.Random``): inputs are random bytes,
seed-corpus texts with byte flips, inserted control/bidi/zero-width characters, cut
UTF-8 sequences, NFD text, long lines, markup, and numbers in random locale formats.
Reader inputs must either decode or raise ``InputError``, and decoded documents must keep
their invariants (each segment's text is ``text[start:end]``, positions are 1-based and
increasing). ``check`` runs on groups of two or three mutated versions and must return
findings without raising anything but ``AlignerError``. A crash is any other exception.

    python scripts/fuzz.py [--reader N] [--check N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import time
import traceback
import unicodedata
from pathlib import Path

from aligner.errors import AlignerError, InputError
from aligner.io.reader import decode, normalise
from aligner.model import Document
from aligner.pipeline import check_documents
from aligner.segment.layout import build_document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
NOISE = ["\x00", "\x01", "\x1b", "\x7f", "\u202e", "\u200b", "\u2066", "\ufeff", "\r", "\r\n", "\t", "<script>",
         "]]>", "&", "\ud7ff", "\U0001f600", "\u0301", "ų", "25,520", "32 300", "2.784.500", "1,5 %", "$ 41.430",
         "27,84,500", "12'345.50", "10–15 %", "75.", "2016 m.", "\n\n", "...", "U.S.", "\u00a0", "\u202f"]


def mutate(rng: random.Random, data: bytes) -> bytes:
    """One to five random edits of ``data``."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 5)):
        op = rng.randrange(6)
        pos = rng.randrange(len(buf) + 1)
        if op == 0 and buf:
            buf[min(pos, len(buf) - 1)] = rng.randrange(256)
        elif op == 1:
            buf[pos:pos] = rng.choice(NOISE).encode("utf-8", "surrogatepass")
        elif op == 2 and buf:
            del buf[pos:pos + rng.randint(1, 40)]
        elif op == 3:
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op == 4 and buf:
            a = rng.randrange(len(buf))
            buf[pos:pos] = buf[a:a + rng.randint(1, 200)]
        else:
            text = bytes(buf).decode("utf-8", "ignore")
            buf = bytearray(unicodedata.normalize(rng.choice(["NFD", "NFC", "NFKD"]), text).encode())
    return bytes(buf)


def reader_input(rng: random.Random, corpus: list[bytes]) -> bytes:
    kind = rng.randrange(4)
    if kind == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))
    base = rng.choice(corpus)
    if kind == 1:
        start = rng.randrange(len(base))
        base = base[start:start + rng.randint(0, 800)]
    return mutate(rng, base)


def check_document(doc: Document) -> None:
    last = (0, 0)
    for seg in doc.segments:
        assert doc.text[seg.start:seg.end] == seg.text, (seg, doc.text[seg.start:seg.end])
        assert seg.line >= 1 and seg.column >= 1
        assert (seg.line, seg.column) > last
        last = (seg.line, seg.column)


def fuzz_reader(rng: random.Random, n: int, corpus: list[bytes]) -> tuple[int, int, list[str]]:
    refused = 0
    crashes: list[str] = []
    for i in range(n):
        data = reader_input(rng, corpus)
        try:
            text = normalise(decode(data, f"fuzz-{i}.txt"))
        except InputError:
            refused += 1
            continue
        except Exception:  # noqa: BLE001 - a crash is what we count
            crashes.append(traceback.format_exc(limit=3))
            continue
        try:
            for lang in (None, "lt", "te"):
                check_document(build_document(text, f"fuzz-{i}.txt", lang))
            check_document(build_document(text, f"fuzz-{i}.txt", "da", presegmented=True))
        except Exception:  # noqa: BLE001
            crashes.append(traceback.format_exc(limit=3))
    return n, refused, crashes


def fuzz_check(rng: random.Random, n: int, corpus: list[bytes]) -> tuple[int, int, list[str]]:
    findings = 0
    crashes: list[str] = []
    langs = ["lt", "da", "tl", "lt", "te"]
    for i in range(n):
        docs = []
        for k in rng.sample(range(len(corpus)), rng.randint(2, 3)):
            data = corpus[k] if rng.random() < 0.3 else mutate(rng, corpus[k])
            start = rng.randrange(max(1, len(data) // 2))
            data = data[start:start + rng.randint(200, 2500)]
            text = normalise(data.decode("utf-8", "replace"))
            docs.append(build_document(text, f"case{i}/{k}.txt", langs[k] if rng.random() < 0.8 else None))
        try:
            findings += len(check_documents(docs).findings)
        except AlignerError:
            pass
        except Exception:  # noqa: BLE001
            crashes.append(traceback.format_exc(limit=4))
    return n, findings, crashes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reader", type=int, default=10_000)
    parser.add_argument("--check", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--out", default=str(ROOT / "results" / "fuzz.md"))
    args = parser.parse_args()
    corpus = [p.read_bytes() for p in SEEDS]
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    n_r, refused, crash_r = fuzz_reader(rng, args.reader, corpus)
    t1 = time.perf_counter()
    n_c, findings, crash_c = fuzz_check(rng, args.check, corpus)
    t2 = time.perf_counter()
    lines = [
        "# Fuzzing",
        "",
        f"Generated by `python scripts/fuzz.py --reader {args.reader} --check {args.check} --seed {args.seed}` "
        "(deterministic inputs; timings vary). A crash is any exception other than the documented `InputError` / "
        "`AlignerError`, or a broken document invariant.",
        "",
        "| target | inputs | outcome | crashes | seconds |",
        "|---|---:|---|---:|---:|",
        f"| reader + segmentation (4 settings each) | {n_r:,} | {refused:,} refused with a one-line InputError, "
        f"{n_r - refused - len(crash_r):,} decoded with invariants kept | {len(crash_r)} | {t1 - t0:.1f} |",
        f"| `check` on groups of 2-3 mutated versions | {n_c:,} | {findings:,} findings in all | {len(crash_c)} | "
        f"{t2 - t1:.1f} |",
        "",
    ]
    if crash_r or crash_c:
        lines += ["## First crashes", "", "```", *(crash_r + crash_c)[:5], "```", ""]
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

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
        if not doc.keyed:  # a localization file's entries keep the file's order of keys, not of positions
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


#: One small valid file per localization format: the fuzzer's seeds for the catalog reader.
CATALOG_SAMPLES: dict[str, bytes] = {
    "messages.po": (
        'msgid ""\nmsgstr ""\n"Language: lt\\n"\n"Plural-Forms: nplurals=3; plural=(n%10==1 ? 0 : 1);\\n"\n\n'
        '#, python-format\nmsgid "Hello %(name)s, 25 new"\nmsgstr "Labas %(name)s, 25 nauji"\n\n'
        'msgctxt "menu"\nmsgid "File"\nmsgstr "Failas"\n\nmsgid "%d file"\nmsgid_plural "%d files"\n'
        'msgstr[0] "%d failas"\nmsgstr[1] "%d failai"\nmsgstr[2] "%d failų"\n\n#~ msgid "old"\n#~ msgstr "senas"\n'
    ).encode(),
    "ui.xlf": (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file source-language="en" target-language="da"'
        b' datatype="plaintext" original="ui"><body>\n<trans-unit id="a"><source>Pay <g id="1">$50</g> now</source>'
        b'<target state="translated">Betal <g id="1">50 $</g> nu</target></trans-unit>\n<trans-unit id="b">'
        b'<source>Save {count} files</source><target>Gem {count} filer</target></trans-unit>\n</body></file></xliff>\n'
    ),
    "de.json": b'{"menu": {"file": "Datei", "count": "{n} Dateien"}, "list": ["eins", "zwei"], "n": 3}\n',
    "lt.yml": ('lt:\n  menu:\n    file: "Failas"\n    count:\n      one: "%{count} failas"\n'
               '      other: "%{count} failų"\n').encode(),
    "messages_da.properties": b"greeting=Hej {0}\\\n  igen\nfarewell = Farvel\n# note\n",
    "strings.xml": (
        '<?xml version="1.0" encoding="utf-8"?>\n<resources><string name="app">Programa</string>'
        '<plurals name="n"><item quantity="one">%d failas</item><item quantity="other">%d failų</item></plurals>'
        '<string-array name="a"><item>vienas</item></string-array></resources>\n'
    ).encode(),
    "Localizable.strings": b'/* comment */\n"greeting" = "Hej %@";\n"count" = "%d filer";\n',
    "README.lt.md": b"# Pavadinimas\n\nTekstas su `kodu` ir [nuoroda](https://example.org).\n\n- punktas 1\n",
    "page.html": b'<html lang="da"><body><h1>Titel</h1><p>Tekst <b>fed</b> <img alt="billede" src="a.png"></p>'
                 b'<script>x=1</script></body></html>\n',
    "memory.tmx": (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" datatype="plaintext" '
        b'segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>'
        b'<tu><tuv xml:lang="en"><seg>25 files</seg></tuv><tuv xml:lang="lt"><seg>25 failai</seg></tuv></tu>'
        b'</body></tmx>\n'
    ),
}


def fuzz_catalogs(rng: random.Random, n: int) -> tuple[int, int, list[str]]:
    """``n`` mutated inputs per localization format through parsing and document building.

    Each input must either give documents that keep their invariants or raise the one-line ``InputError``.
    """
    from aligner.io.formats.catalog import catalog_documents
    from aligner.l10n import parse_bytes

    refused = 0
    crashes: list[str] = []
    total = 0
    for name, sample in CATALOG_SAMPLES.items():
        for i in range(n):
            total += 1
            data = sample if i == 0 else mutate(rng, sample)
            try:
                catalog = parse_bytes(data, name)
                for doc in catalog_documents(catalog, name, ("lt", "da", "de", "en")):
                    check_document(doc)
            except InputError:
                refused += 1
            except Exception:  # noqa: BLE001 - a crash is what we count
                crashes.append(f"{name} #{i}: " + traceback.format_exc(limit=3))
    return total, refused, crashes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reader", type=int, default=10_000)
    parser.add_argument("--check", type=int, default=10_000)
    parser.add_argument("--catalog", type=int, default=10_000, help="inputs per localization format")
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
    n_l, refused_l, crash_l = fuzz_catalogs(rng, args.catalog)
    t3 = time.perf_counter()
    lines = [
        "# Fuzzing",
        "",
        f"Generated by `python scripts/fuzz.py --reader {args.reader} --check {args.check} "
        f"--catalog {args.catalog} --seed {args.seed}` "
        "(deterministic inputs; timings vary). A crash is any exception other than the documented `InputError` / "
        "`AlignerError`, or a broken document invariant.",
        "",
        "| target | inputs | outcome | crashes | seconds |",
        "|---|---:|---|---:|---:|",
        f"| reader + segmentation (4 settings each) | {n_r:,} | {refused:,} refused with a one-line InputError, "
        f"{n_r - refused - len(crash_r):,} decoded with invariants kept | {len(crash_r)} | {t1 - t0:.1f} |",
        f"| `check` on groups of 2-3 mutated versions | {n_c:,} | {findings:,} findings in all | {len(crash_c)} | "
        f"{t2 - t1:.1f} |",
        f"| localization files ({len(CATALOG_SAMPLES)} formats x {args.catalog:,}): parse and build documents "
        f"| {n_l:,} | {refused_l:,} refused with a one-line InputError, {n_l - refused_l - len(crash_l):,} read with "
        f"invariants kept | {len(crash_l)} | {t3 - t2:.1f} |",
        "",
    ]
    if crash_r or crash_c or crash_l:
        lines += ["## First crashes", "", "```", *(crash_r + crash_c + crash_l)[:5], "```", ""]
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

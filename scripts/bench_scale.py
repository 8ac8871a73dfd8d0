"""Corpus scale: grouping and the corpus-layout audit on generated document sets, in one process and on Dask.

A *document set* is four versions of one text of ``corpora/bench/texts`` (its first four
languages) with every number's last digit group shifted by a set-specific offset, and in every third
set one version with a number changed (``tests/cluster_corpus.py``); all sets lie in one directory.
For each size: the time to read and group them (blocked by rare numbers, :func:`aligner.align.blocking.group_corpus`),
groups right / split / merged against the sets, and the audit (``--layout corpus``) in one process
and with ``--cluster local:2`` (each run in a fresh process and a fresh output directory; the
cluster's start-up is counted apart), with the peak memory of the driver and of each worker.
Then, on the smallest size, a cluster run with one worker killed halfway: the same findings?

    python scripts/bench_scale.py [--sizes 100,1000] [--workers 2] [--out results/scale.md]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_SET = re.compile(r"set(\d+)_")


def child(mode: str, corpus: str, out: str, workers: int) -> dict:
    """One measured run in this (fresh) process: ``group``, ``one`` (one process), ``cluster`` or ``kill``."""
    from aligner.corpus import group_corpus, run_corpus_audit
    from aligner.io.formats import read_paths

    if mode in ("group", "block"):
        from aligner.corpus import block_documents

        start, cpu = time.perf_counter(), _cpu()
        docs = read_paths([corpus], {"candidates": None})
        read, read_cpu = time.perf_counter() - start, _cpu() - cpu
        if mode == "block":  # only the blocking (the grouping of each block is then linear in the blocks)
            blocks = block_documents(docs)
            return {"documents": len(docs), "read_cpu": read_cpu, "block_cpu": _cpu() - cpu - read_cpu,
                    "blocks": len(blocks), "largest": max(len(b) for b in blocks),
                    "pure": sum(1 for b in blocks if len({_SET.search(Path(docs[i].path).name).group(1)
                                                          for i in b}) == 1)}
        grouping = group_corpus(docs)
        seconds = time.perf_counter() - start
        group_cpu = _cpu() - cpu - read_cpu
        truth: dict[str, set[int]] = {}
        for i, d in enumerate(docs):
            truth.setdefault(_SET.search(Path(d.path).name).group(1), set()).add(i)
        found = [set(g.members) for g in grouping.groups]
        right = sum(1 for g in found if g in truth.values())
        merged = sum(1 for g in found if len({_SET.search(Path(docs[i].path).name).group(1) for i in g}) > 1)
        split = sum(1 for members in truth.values() if members not in found and not any(
            len({_SET.search(Path(docs[i].path).name).group(1) for i in g}) > 1 and members <= g for g in found))
        return {"documents": len(docs), "sets": len(truth), "read": read, "seconds": seconds, "groups": len(found),
                "read_cpu": read_cpu, "group_cpu": group_cpu,
                "right": right, "split": split, "merged": merged, "unmatched": len(grouping.unmatched)}
    if mode == "one":
        start, cpu_before = time.perf_counter(), _cpu()
        result = run_corpus_audit([corpus], out)
        judged = judge_groups([[d.path for d in g.documents] for g in result.groups if g.number],
                              [str(p) for p in Path(corpus).iterdir()])
        return {"seconds": time.perf_counter() - start, "findings": len(result.findings), "tree_cpu": _tree_cpu(),
                **judged,
                "fingerprint": _fingerprint(result.findings), "failed": len(result.failed),
                "driver_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "cpu": _cpu() - cpu_before}
    from aligner.cluster import connect

    start = time.perf_counter()
    with connect(f"local:{workers}", timeout=120) as executor:
        started = time.perf_counter() - start
        driver_before, workers_before = _cpu(), sum(executor.client.run(_cpu).values())
        killed: list[int] = []
        grouped: list[bool] = []

        def kill_halfway(stage: str, done: int, total: int) -> None:
            # (group tasks are sent while blocks are grouped: their total is known once every block is)
            if stage == "group" and done == total:
                grouped.append(True)
            if mode == "kill" and stage == "groups" and grouped and done >= total // 2 and not killed:
                import signal

                pid = sorted(executor.client.run(os.getpid).values())[0]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

        run_start = time.perf_counter()
        result = run_corpus_audit([corpus], out, executor=executor, progress=kill_halfway)
        seconds = time.perf_counter() - run_start
        workers_mb = sorted(executor.client.run(_peak_mb).values())
        driver_cpu = _cpu() - driver_before
        cpu = driver_cpu + sum(executor.client.run(_cpu).values()) - workers_before
    # (after the cluster closed: its processes, nannies included, are reaped and counted as children)
    return {"seconds": seconds, "startup": started, "cpu": cpu, "driver_cpu": driver_cpu, "tree_cpu": _tree_cpu(),
            "findings": len(result.findings),
            "fingerprint": _fingerprint(result.findings), "failed": len(result.failed), "killed": len(killed),
            "driver_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "workers_mb": workers_mb}


def judge_groups(groups: list[list[str]], paths: list[str]) -> dict[str, int]:
    """Groups against the generated sets: ``right`` groups hold exactly one set's documents, ``merged``
    hold documents of more than one set, ``split`` sets are spread over groups or have a version left
    out of every group (``left_out`` documents in no group)."""
    truth: dict[str, set[str]] = {}
    for p in paths:
        truth.setdefault(_SET.search(Path(p).name).group(1), set()).add(Path(p).name)
    found = [{Path(p).name for p in g} for g in groups]
    grouped = set().union(*found) if found else set()
    exact = [g for g in found if g in truth.values()]
    merged = sum(1 for g in found if len({_SET.search(n).group(1) for n in g}) > 1)
    return {"right": len(exact), "merged": merged, "split": len(truth) - len(exact) - sum(
        1 for t in truth.values() if t not in exact and any(t < g for g in found)),
        "left_out": sum(len(t - grouped) for t in truth.values())}


NTREX = ROOT.parent / "shared" / "real" / "ntrex-dev"


def recall(digits: bool) -> dict:
    """Blocked grouping against the all-pairs decision on real news (``ntrex-dev``: 5 versions of each text).

    ``digits`` False deletes every digit first: texts without numbers, blocked by names and structure
    alone. Pair recall: of the pairs all-pairs grouping puts in one group, the share in one block
    (candidates) and in one group of the blocked grouping; right / split / merged against the truth.
    """
    import itertools

    from aligner.align import group_documents
    from aligner.corpus import block_documents, group_corpus
    from aligner.io.formats import read_paths

    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(NTREX.glob("doc*/??.txt")):
            text = path.read_text(encoding="utf-8")
            (Path(tmp) / f"{path.parent.name}_{path.name}").write_text(
                text if digits else re.sub(r"\d", "", text), encoding="utf-8")
        docs = read_paths([tmp], {"candidates": None})
        cpu = _cpu()
        blocks = block_documents(docs)
        block_cpu = _cpu() - cpu
        blocked = group_corpus(docs)
        blocked_cpu = _cpu() - cpu
        cpu = _cpu()
        naive = group_documents(docs)
        naive_cpu = _cpu() - cpu

    def pairs(groups: object) -> set[tuple[int, int]]:
        return {p for g in groups for p in itertools.combinations(sorted(g), 2)}

    truth: dict[str, set[int]] = {}
    for i, d in enumerate(docs):
        truth.setdefault(Path(d.path).name.split("_")[0], set()).add(i)

    def judged(groups: list[set[int]]) -> tuple[int, int, int]:
        right = sum(1 for g in groups if g in truth.values())
        merged = sum(1 for g in groups if len({Path(docs[i].path).name.split("_")[0] for i in g}) > 1)
        split = sum(1 for t in truth.values() if t not in groups and not any(t < g for g in groups))
        return right, split, merged

    all_pairs = pairs([g.members for g in naive.groups])
    in_block = pairs(blocks)
    in_group = pairs([g.members for g in blocked.groups])
    return {"documents": len(docs), "texts": len(truth), "blocks": len(blocks),
            "largest_block": max(len(b) for b in blocks), "pairs": len(all_pairs),
            "block_recall": len(all_pairs & in_block) / max(1, len(all_pairs)),
            "group_recall": len(all_pairs & in_group) / max(1, len(all_pairs)),
            "extra_pairs": len(in_group - all_pairs),
            "naive": judged([set(g.members) for g in naive.groups]),
            "blocked": judged([set(g.members) for g in blocked.groups]),
            "block_cpu": block_cpu, "blocked_cpu": blocked_cpu, "naive_cpu": naive_cpu}


def _cpu() -> float:
    """CPU seconds (user + system) this process has used: a measure the other jobs on the machine do not skew."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _tree_cpu() -> float:
    """CPU seconds of this whole process and its reaped children (a local cluster's nannies and workers), from
    its start: imports and the cluster's start-up included."""
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usage)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _fingerprint(findings: object) -> str:
    import hashlib

    return hashlib.sha256(json.dumps([f.to_dict() for f in findings], sort_keys=True).encode()).hexdigest()[:16]


def measure(mode: str, corpus: Path, workers: int) -> dict:
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.run([sys.executable, __file__, "--child", mode, str(corpus), out, str(workers)],
                              capture_output=True, text=True, cwd=ROOT, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{mode} on {corpus} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", default=str(ROOT / "results" / "scale.md"))
    parser.add_argument("--block-sizes", default="", help="sizes at which only reading and blocking are timed")
    parser.add_argument("--no-recall", action="store_true", help="skip the recall against all-pairs on ntrex-dev")
    parser.add_argument("--child", nargs=4, metavar=("MODE", "CORPUS", "OUT", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, corpus, out, workers = args.child
        if mode == "recall":
            print(json.dumps(recall(corpus == "digits")))
        else:
            print(json.dumps(child(mode, corpus, out, int(workers))))
        return
    from tests.cluster_corpus import make_corpus

    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    kill = None
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            corpus = make_corpus(Path(tmp) / f"sets{n}", n, seeds=False)
            grouping = measure("group", corpus, args.workers)
            print(n, "group", grouping, flush=True)
            one = measure("one", corpus, args.workers)
            print(n, "one", one, flush=True)
            cluster = measure("cluster", corpus, args.workers)
            print(n, "cluster", cluster, flush=True)
            rows.append((n, grouping, one, cluster))
            if kill is None:
                kill = (n, measure("kill", corpus, args.workers), one)
                print(n, "kill", kill[1], flush=True)
        blocked = []
        for n in [int(s) for s in args.block_sizes.split(",") if s]:
            corpus = make_corpus(Path(tmp) / f"sets{n}", n, seeds=False)
            blocked.append((n, measure("block", corpus, args.workers)))
            print(n, "block", blocked[-1][1], flush=True)
    recalls = []
    if not args.no_recall and NTREX.is_dir():
        for digits in ("digits", "nodigits"):
            recalls.append((digits, measure("recall", Path(digits), args.workers)))
            print(digits, recalls[-1][1], flush=True)
    Path(args.out).write_text(report(rows, kill, args.workers, (load, os.getloadavg()[0]), blocked, recalls),
                              encoding="utf-8")
    print(f"wrote {args.out}")


def report(rows: list, kill: tuple | None, workers: int, load: tuple[float, float], blocked: list,
           recalls: list) -> str:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    sizes = ",".join(str(r[0]) for r in rows)
    out = [
        "# Corpus scale: grouping, and the corpus-layout audit in one process and on Dask",
        "",
        f"`python scripts/bench_scale.py --sizes {sizes} --workers {workers}"
        + (f" --block-sizes {','.join(str(n) for n, _ in blocked)}" if blocked else "") + f"` on {cpus} CPUs "
        f"(load average {load[0]:.1f} at the start, {load[1]:.1f} at the end: under load wall times are what "
        "this machine gave, CPU seconds what the work cost). Document sets: four versions of a bench text "
        "(`corpora/bench/texts`), numbers shifted per set, one version of every third set with a number changed; "
        "all sets in one directory. Each run in a fresh process and a fresh output directory "
        "(`audit --layout corpus`: index, one report per group, JSONL and Parquet shards, SARIF, TMX per pair).",
        "",
        "## Grouping (one process, blocked)",
        "",
        "| sets | documents | read: CPU s | group: CPU s | read + group: wall s | groups right / split / merged "
        "| unmatched |",
        "|---:|---:|---:|---:|---:|---|---:|",
    ]
    for n, g, _, _ in rows:
        out.append(f"| {n} | {g['documents']} | {g['read_cpu']:.1f} | {g['group_cpu']:.1f} | {g['seconds']:.1f} "
                   f"| {g['right']} / {g['split']} / {g['merged']} | {g['unmatched']} |")
    for n, b in blocked:
        out.append(f"| {n} | {b['documents']} | {b['read_cpu']:.1f} | blocking only: {b['block_cpu']:.1f} "
                   f"({b['blocks']} blocks, largest {b['largest']}, {b['pure']} of one set) | - | - | - |")
    out += [
        "",
        "## The audit: one process and a local cluster",
        "",
        f"| sets | 1 process: wall s | 1 process: CPU s | local:{workers}: wall s | cluster start s "
        f"| local:{workers}: CPU s, driver + workers | CPU, cluster / 1 process | wall speed-up "
        "| wall speed-up, start-up counted | CPU s of every process, start to end: 1 process / cluster "
        "| peak MB: 1 process / driver / workers | same findings "
        "| groups right / split / merged, versions in no group |",
        "|---:|---:|---:|---:|---:|---|---:|---:|---:|---|---|---|---|",
    ]
    for n, _, one, cl in rows:
        same = "yes" if one["fingerprint"] == cl["fingerprint"] else "NO"
        out.append(
            f"| {n} | {one['seconds']:.1f} | {one['cpu']:.1f} | {cl['seconds']:.1f} | {cl['startup']:.1f} "
            f"| {cl['cpu']:.1f} = {cl['driver_cpu']:.1f} + {cl['cpu'] - cl['driver_cpu']:.1f} "
            f"| {cl['cpu'] / one['cpu']:.2f} | {one['seconds'] / cl['seconds']:.2f}× "
            f"| {one['seconds'] / (cl['seconds'] + cl['startup']):.2f}× "
            f"| {one['tree_cpu']:.1f} / {cl['tree_cpu']:.1f} "
            f"| {one['driver_mb']:.0f} / {cl['driver_mb']:.0f} / {', '.join(f'{m:.0f}' for m in cl['workers_mb'])} "
            f"| {same} | {one['right']} / {one['split']} / {one['merged']}, {one['left_out']} |"
        )
    if kill is not None:
        n, k, one = kill
        out += ["", f"**A worker killed halfway** ({n} sets, local:{workers}, SIGKILL to one worker process when "
                f"half the group tasks were done): {k['killed']} killed, {k['failed']} groups failed, "
                f"{k['findings']} findings against {one['findings']} in one process; same findings: "
                f"{'yes' if k['fingerprint'] == one['fingerprint'] else 'NO'} ({k['seconds']:.1f} s)."]
    if recalls:
        out += ["", "## Blocking against the all-pairs decision (real news, `ntrex-dev`)", "",
                "62 texts in 5 languages (en, da, lt, tl, te), 310 documents in one directory; \"no digits\": every "
                "digit deleted first, so only names and structure block. Pair recall: of the document pairs all-pairs "
                "grouping puts in one group, the share in one block, and in one group of the blocked grouping.", "",
                "| texts | blocks (largest) | pairs grouped by all-pairs | in one block | in one blocked group "
                "| pairs only blocked grouping makes | right / split / merged: all-pairs | blocked "
                "| CPU s: blocking / blocking and blocked grouping / all-pairs |",
                "|---|---|---:|---:|---:|---:|---|---|---|"]
        for name, r in recalls:
            kind = "with numbers" if name == "digits" else "no digits"
            out.append(f"| {kind} | {r['blocks']} ({r['largest_block']}) "
                       f"| {r['pairs']} | {100 * r['block_recall']:.1f}% | {100 * r['group_recall']:.1f}% "
                       f"| {r['extra_pairs']} | {' / '.join(map(str, r['naive']))} "
                       f"| {' / '.join(map(str, r['blocked']))} "
                       f"| {r['block_cpu']:.1f} / {r['blocked_cpu']:.1f} / {r['naive_cpu']:.1f} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()

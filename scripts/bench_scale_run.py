"""10,000 generated document sets: one corpus-layout audit on --cluster local:2 (or one process), timed by stage.

Usage: python scripts/bench_scale_run.py cluster|one CORPUS OUT [TIMELINE.json]
(PYTHONPATH=<checkout> to measure another commit). On the cluster, ``TIMELINE.json`` receives every task's
worker, function and start / end (Dask's task stream), and the printed line each worker's busy and idle seconds
per stage: ``idle`` is the time between the worker's first task start and the last task end of the run that it
spent without a task.
"""
import json
import os
import re
import resource
import sys
import time
from pathlib import Path

from aligner.corpus import run_corpus_audit

SET = re.compile(r"set(\d+)_")


def cpu() -> float:
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def idle_by_stage(tasks: list[dict], start: float, end: float) -> dict:
    """Per worker: busy seconds per task function, idle seconds inside the run, and idle seconds between the
    end of its last task of one function and the start of its first task of the next (the stage barriers)."""
    by_worker: dict[str, list[tuple[float, float, str]]] = {}
    for t in tasks:
        for c in t["startstops"]:
            if c["action"] == "compute":
                by_worker.setdefault(t["worker"], []).append((c["start"], c["stop"], t["key"].split("-")[0]))
    out = {}
    for k, (_worker, spans) in enumerate(sorted(by_worker.items())):
        spans.sort()
        busy: dict[str, float] = {}
        gaps: dict[str, float] = {}
        idle = spans[0][0] - start
        for (_, e0, f0), (s1, _, f1) in zip(spans, spans[1:]):
            gap = max(0.0, s1 - e0)
            idle += gap
            if f0 != f1:
                gaps[f"{f0}->{f1}"] = round(gaps.get(f"{f0}->{f1}", 0.0) + gap, 2)
        for s0, e0, f0 in spans:
            busy[f0] = round(busy.get(f0, 0.0) + e0 - s0, 2)
        out[f"w{k}"] = {"busy": busy, "idle_in_run": round(idle, 2), "after_last_task": round(end - spans[-1][1], 2),
                        "stage_gaps": gaps, "tasks": len(spans)}
    return out


def main() -> None:
    mode, corpus, out = sys.argv[1:4]
    timeline = sys.argv[4] if len(sys.argv) > 4 else None
    stamps: dict[str, float] = {}
    t0 = time.perf_counter()

    def progress(stage: str, done: int, total: int) -> None:
        stamps.setdefault(f"{stage}:first", round(time.perf_counter() - t0, 1))
        stamps[f"{stage}:last"] = round(time.perf_counter() - t0, 1)

    info: dict = {"mode": mode, "load_start": os.getloadavg()[0]}
    if mode == "cluster":
        from aligner.cluster import connect

        with connect("local:2", timeout=300) as ex:
            info["startup"] = round(time.perf_counter() - t0, 1)
            wb = sum(ex.client.run(cpu).values())
            d0 = cpu()
            from distributed import get_task_stream

            with get_task_stream(ex.client) as stream:
                t0 = time.perf_counter()
                wall0 = time.time()
                result = run_corpus_audit([corpus], out, executor=ex, progress=progress)
                info["seconds"] = round(time.perf_counter() - t0, 1)
                wall1 = time.time()
            info["timeline"] = idle_by_stage(stream.data, wall0, wall1)
            if timeline:
                Path(timeline).write_text(json.dumps([
                    {"worker": t["worker"], "fn": t["key"].split("-")[0],
                     "start": round(c["start"] - wall0, 3), "stop": round(c["stop"] - wall0, 3)}
                    for t in stream.data for c in t["startstops"] if c["action"] == "compute"]), encoding="utf-8")
            info["driver_cpu"] = round(cpu() - d0, 1)
            info["workers_cpu"] = round(sum(ex.client.run(cpu).values()) - wb, 1)
            info["workers_mb"] = sorted(round(v) for v in ex.client.run(peak_mb).values())
    else:
        d0 = cpu()
        result = run_corpus_audit([corpus], out, progress=progress)
        info["seconds"] = round(time.perf_counter() - t0, 1)
        info["cpu"] = round(cpu() - d0, 1)
    info["driver_mb"] = round(peak_mb())
    found = [{SET.search(Path(d.path).name).group(1) for d in g.documents} for g in result.groups if g.number]
    sizes: dict[str, int] = {}
    for g in found:
        for name in g:
            sizes[name] = sizes.get(name, 0) + 1
    info.update(groups=len(found), right=sum(1 for g in found if len(g) == 1 and sizes[next(iter(g))] == 1),
                merged=sum(1 for g in found if len(g) > 1), split=sum(1 for n in sizes.values() if n > 1),
                sets=len(sizes), findings=len(result.findings), failed=len(result.failed), stamps=stamps,
                load_end=os.getloadavg()[0])
    import hashlib

    info["fingerprint"] = hashlib.sha256(json.dumps([f.to_dict() for f in result.findings],
                                                    sort_keys=True).encode()).hexdigest()[:16]
    print(json.dumps(info), flush=True)


if __name__ == "__main__":
    main()

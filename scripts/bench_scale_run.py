"""10,000 generated document sets: one corpus-layout audit on --cluster local:2 (or one process), timed by stage.

Usage: python scripts/bench_scale_run.py cluster|one CORPUS OUT (PYTHONPATH=<checkout> to measure another commit)
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


def main() -> None:
    mode, corpus, out = sys.argv[1:4]
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
            t0 = time.perf_counter()
            result = run_corpus_audit([corpus], out, executor=ex, progress=progress)
            info["seconds"] = round(time.perf_counter() - t0, 1)
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

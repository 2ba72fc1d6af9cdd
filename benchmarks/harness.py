"""What both benchmarks share: best-of timing, percentiles, the machine description, tables and the JSON file."""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"  # git-ignored
REPEATS = 3  # best of 3: the minimum is the run least disturbed by the rest of the machine
MB = 1_000_000  # MB/s figures are decimal megabytes of UTF-8 input


def best_of(run: Callable[[], object], repeats: int = REPEATS) -> float:
    """The shortest of `repeats` wall-clock timings of `run()`, in seconds."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and its finished children: unlike wall time, not
    inflated when other work shares the machine."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def percentile(timings: Sequence[float], pct: int) -> float:
    """The `pct`th percentile (inclusive method: p50 of 50 runs is the mean of the 25th and 26th)."""
    return statistics.quantiles(timings, n=100, method="inclusive")[pct - 1]


def pin_one_core() -> str:
    """Run this process on one CPU, so a figure is per core; says which (or why not)."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity on this system)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def machine() -> dict[str, Any]:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"python": sys.version.split()[0], "platform": platform.platform(), "processor": platform.processor(),
            "cpus_available": cpus}


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def say(line: str) -> None:
    print(line, flush=True)


def table_row(cells: Sequence[object], widths: Sequence[int]) -> str:
    """One row: the first cell left-aligned, the rest right-aligned."""
    first, *rest = (str(c) for c in cells)
    return first.ljust(widths[0]) + "".join(c.rjust(w) for c, w in zip(rest, widths[1:], strict=True))


def write_json(name: str, data: dict[str, Any]) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path

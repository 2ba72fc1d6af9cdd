"""Extraction throughput on one core, as a ratio to plain jieba word segmentation of the same text.

    python benchmarks/bench_extract.py [--mb 2]

Every row runs over the same unique report-sized texts (benchmarks/corpus.py); figures are best of 3.
Prints a table and writes benchmarks/results/extract.json.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import importlib.util
import inspect
import logging
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jieba
from corpus import make_texts, write_documents
from harness import MB, REPEATS, best_of, machine, now, pin_one_core, say, table_row, write_json

from eastwatch import api, pipeline
from eastwatch.kb import KB
from eastwatch.model import Meta, RawDoc
from eastwatch.recognise import recognise_names
from eastwatch.repair import repair

DEFAULT_MB = 2.0
TIMES_MODULE = "eastwatch.recognise.times"
# The writing date find_times resolves relative expressions against when run alone (no structure stage).
ANCHOR_DATE = "2024-06-12"
WIDTHS = (26, 10, 9, 12, 10)
HEADER = ("stage", "seconds", "MB/s", "chars/s", "× jieba")


def raw_doc(text: str, n: int) -> RawDoc:
    """The loader's result for a generated text, without touching the disk."""
    meta = Meta(path=f"report-{n}.txt", format="txt", encoding="utf-8")
    return RawDoc(text=text, meta=meta, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())


def time_finder() -> Callable[[str], object] | str:
    """find_times(text) with the anchor date bound, or why it cannot be benchmarked yet."""
    if importlib.util.find_spec(TIMES_MODULE) is None:
        return f"{TIMES_MODULE} does not exist yet: time normaliser not measured"
    find_times = getattr(importlib.import_module(TIMES_MODULE), "find_times", None)
    if find_times is None:
        return f"{TIMES_MODULE} has no find_times: time normaliser not measured"
    params = inspect.signature(find_times).parameters
    required = [p for p in list(params)[1:] if params[p].default is inspect.Parameter.empty
                and params[p].kind is not inspect.Parameter.VAR_KEYWORD and p != "written_on"]
    if required:
        return f"find_times{inspect.signature(find_times)} needs {', '.join(required)}: not measured"
    if "written_on" in params:
        return lambda text: find_times(text, written_on=ANCHOR_DATE)
    return find_times


def time_stages(texts: list[str], kb: KB) -> dict[str, float]:
    """Seconds per stage (and for repair, and all stages together), each summed over every document.

    A stage fills its Document in place, so each repeat repairs fresh documents; the best repeat is
    taken per stage.
    """
    names = ["repair", *(stage.name for stage in pipeline.STAGES)]
    best = dict.fromkeys([*names, "pipeline"], float("inf"))
    for _ in range(REPEATS):
        spent = dict.fromkeys(names, 0.0)
        for n, text in enumerate(texts):
            raw = raw_doc(text, n)
            start = time.perf_counter()
            doc = repair(raw)
            spent["repair"] += time.perf_counter() - start
            for stage in pipeline.STAGES:
                start = time.perf_counter()
                stage.run(doc, kb)
                spent[stage.name] += time.perf_counter() - start
        spent["pipeline"] = sum(spent[stage.name] for stage in pipeline.STAGES)
        best = {name: min(best[name], spent[name]) for name in best}
    return best


def end_to_end(paths: list[Path], kb: KB) -> None:
    for path in paths:
        api.extract(path, kb)  # load + repair + every stage


class Table:
    """Rows of (name, seconds) turned into throughput over the same input, printed as they come."""

    def __init__(self, n_bytes: int, n_chars: int):
        self.n_bytes, self.n_chars = n_bytes, n_chars
        self.rows: list[dict[str, Any]] = []
        self.baseline: float | None = None  # jieba's MB/s
        say(table_row(HEADER, WIDTHS))

    def add(self, name: str, seconds: float, note: str = "") -> None:
        mb_s = self.n_bytes / MB / seconds
        self.baseline = self.baseline or mb_s
        ratio = mb_s / self.baseline
        self.rows.append({"stage": name, "seconds": round(seconds, 4), "mb_per_s": round(mb_s, 4),
                          "chars_per_s": round(self.n_chars / seconds), "ratio_to_jieba": round(ratio, 4),
                          "note": note})
        say(table_row((name, f"{seconds:.3f}", f"{mb_s:.3f}", f"{self.n_chars / seconds:,.0f}", f"{ratio:.3f}"),
                      WIDTHS) + (f"  {note}" if note else ""))


def measure(texts: list[str], kb: KB, table: Table) -> list[str]:
    """Every row of the table, baseline first; returns what could not be measured."""
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()  # loads the dictionary (~1 s): not part of segmenting
    table.add("jieba.lcut (baseline)", best_of(lambda: [jieba.lcut(t) for t in texts]))
    table.add("recognise_names", best_of(lambda: [recognise_names(t, kb) for t in texts]), "automaton + abbrev")
    skipped = []
    finder = time_finder()
    if isinstance(finder, str):
        skipped.append(finder)
        say(f"  skipped: {finder}")
    else:
        table.add("find_times", best_of(lambda: [finder(t) for t in texts]), "alone, no structure")
    for name, seconds in time_stages(texts, kb).items():
        table.add(f"stage {name}" if name not in ("repair", "pipeline") else name, seconds,
                  "all five stages" if name == "pipeline" else "")
    with tempfile.TemporaryDirectory(prefix="eastwatch-bench-") as tmp:
        paths = write_documents(texts, Path(tmp))
        table.add("end to end", best_of(lambda: end_to_end(paths, kb)), "load + repair + stages")
    return skipped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=DEFAULT_MB, help="megabytes of UTF-8 input (default 2)")
    args = parser.parse_args()
    host = machine()  # before pinning, which hides the other CPUs
    pinned = pin_one_core()
    started = now()
    texts = make_texts(int(args.mb * MB))
    n_bytes, n_chars = sum(len(t.encode("utf-8")) for t in texts), sum(len(t) for t in texts)
    start = time.perf_counter()
    kb = api.knowledge()
    kb_seconds = time.perf_counter() - start
    say(f"{len(texts)} documents, {n_bytes / MB:.2f} MB, {n_chars:,} characters; {pinned}; "
        f"knowledge base loaded in {kb_seconds:.2f} s (not counted); best of {REPEATS}")
    table = Table(n_bytes, n_chars)
    skipped = measure(texts, kb, table)
    path = write_json("extract", {
        "benchmark": "extract", "started": started, "machine": host, "cpu": pinned, "repeats": REPEATS,
        "input": {"documents": len(texts), "bytes": n_bytes, "chars": n_chars},
        "kb_load_seconds": round(kb_seconds, 3), "rows": table.rows, "skipped": skipped,
    })
    say(f"wrote {path}")


if __name__ == "__main__":
    main()

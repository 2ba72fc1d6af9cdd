"""exports: stored events, entities and judgments in formats other tools read, one module per format.

csv.py        flat table, ICEWS-like columns for events       jsonl.py       the same table as JSON lines
parquet.py    the same table, typed (needs pyarrow)           plover.py      PLOVER event records, JSON lines
timelinejs.py a TimelineJS 3 timeline of the events
records.py and layouts.py read the store and lay the tables out; `export` ties them together.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import ModuleType

from eastwatch.analyse.events import reading as corpus_reading
from eastwatch.analyse.forecasts import list_judgments
from eastwatch.errors import EastwatchError
from eastwatch.present.exports import csv, jsonl, parquet, plover, timelinejs
from eastwatch.present.exports.layouts import ExportData, entities_table, events_table, judgments_table
from eastwatch.present.exports.records import entity_names, entity_records, read_events

FORMATS: dict[str, ModuleType] = {"csv": csv, "jsonl": jsonl, "parquet": parquet, "plover": plover,
                                  "timelinejs": timelinejs}
KINDS = ("events", "entities", "judgments")


class ExportError(EastwatchError):
    """An export that cannot be made as asked (format, kind or destination)."""


@dataclass(frozen=True)
class ExportReport:
    format: str
    what: str
    rows: int
    path: Path | None  # None: written to standard output


def load(db_url: str, what: str, since: date | None = None, until: date | None = None) -> ExportData:
    """The data an export of `what` writes (events between `since` and `until`)."""
    if what == "events":
        with corpus_reading(db_url) as conn:
            evs, names = read_events(conn, since, until), entity_names(conn)
        return ExportData(events_table(evs, names), evs, names)
    if what == "entities":
        return ExportData(entities_table(entity_records(db_url)))
    return ExportData(judgments_table(list_judgments(db_url)))


def target(fmt: str, what: str, out: str | Path | None) -> Path | None:
    """The file to write: `out` itself, or `{what}.{extension}` inside `out` when it is a folder."""
    module = FORMATS[fmt]
    if out is None or str(out) == "-":
        if module.BINARY:
            raise ExportError(f"{fmt} is a binary format; give a file or folder with --out")
        return None
    path = Path(out)
    if path.is_dir() or str(out).endswith(("/", "\\")):
        return path / f"{what}.{module.EXTENSION}"
    return path


def check(fmt: str, what: str) -> ModuleType:
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; use {', '.join(FORMATS)}")
    if what not in KINDS:
        raise ExportError(f"cannot export {what!r}; use {', '.join(KINDS)}")
    module = FORMATS[fmt]
    if what not in module.KINDS:
        raise ExportError(f"{fmt} exports {' and '.join(module.KINDS)} only, not {what}; use csv, jsonl or parquet")
    return module


def export(db_url: str, fmt: str, what: str = "events", out: str | Path | None = None,
           since: date | None = None, until: date | None = None) -> ExportReport:
    """Write the stored `what` (events, entities, judgments) as `fmt` to `out` (a file, a folder or stdout)."""
    module = check(fmt, what)
    path = target(fmt, what, out)
    if hasattr(module, "require"):  # an optional dependency (parquet: pyarrow)
        module.require()
    data = load(db_url, what, since, until)
    if path is None:
        return ExportReport(fmt, what, module.write(data, sys.stdout), None)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") if module.BINARY else path.open("w", encoding="utf-8", newline="") as f:
            rows = module.write(data, f)
    except OSError as err:
        raise ExportError(f"{path}: cannot write ({err.strerror}); check the folder exists and is writable") from err
    return ExportReport(fmt, what, rows, path)

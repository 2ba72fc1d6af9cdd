"""CSV: one header row with the layout's column names, one row per record (RFC 4180 quoting, UTF-8).

Lists become one cell joined with "; " (several actors of one event), booleans "true"/"false", and a
missing value an empty cell, so the file reads back the same with any CSV reader.
"""

from __future__ import annotations

import csv
from typing import IO, Any

from eastwatch.present.exports.layouts import ExportData

EXTENSION = "csv"
KINDS = ("events", "entities", "judgments")
BINARY = False
LIST_SEPARATOR = "; "


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def write(data: ExportData, out: IO[str]) -> int:
    table = data.table
    writer = csv.writer(out)
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([cell(row[c]) for c in table.columns])
    return len(table.rows)

"""JSON lines: one JSON object per record, keyed by the layout's column names, lists kept as lists."""

from __future__ import annotations

import json
from typing import IO

from eastwatch.present.exports.layouts import ExportData

EXTENSION = "jsonl"
KINDS = ("events", "entities", "judgments")
BINARY = False


def write(data: ExportData, out: IO[str]) -> int:
    table = data.table
    for row in table.rows:
        out.write(json.dumps({c: row[c] for c in table.columns}, ensure_ascii=False))
        out.write("\n")
    return len(table.rows)

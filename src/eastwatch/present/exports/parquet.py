"""Parquet (through pyarrow, an optional dependency): the flat layout with typed columns.

Each column's type comes from its values (lists of strings, integers, floats, booleans, else text),
so an all-empty column is still a typed text column rather than Arrow's null type.
"""

from __future__ import annotations

from typing import IO, Any

from eastwatch.errors import EastwatchError
from eastwatch.present.exports.layouts import ExportData, Table

EXTENSION = "parquet"
KINDS = ("events", "entities", "judgments")
BINARY = True
MISSING = "parquet export needs pyarrow; install it with: pip install 'eastwatch[parquet]' (or pip install pyarrow)"


def _arrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as err:
        raise EastwatchError(MISSING) from err
    return pyarrow


def require() -> None:
    """Fail before anything is written when pyarrow is missing (no empty file left behind)."""
    _arrow()


def _type(pa: Any, values: list[Any]) -> Any:
    present = [v for v in values if v is not None and v != []]
    if not present:
        return pa.string()
    if all(isinstance(v, bool) for v in present):
        return pa.bool_()
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return pa.int64()
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return pa.float64()  # a score column may hold 2 and 1.9: one float type throughout
    if all(isinstance(v, list) for v in present):
        return pa.list_(pa.string())
    return pa.string()


def arrow_table(table: Table) -> Any:
    pa = _arrow()
    columns = {c: [row[c] for row in table.rows] for c in table.columns}
    schema = pa.schema([pa.field(c, _type(pa, values)) for c, values in columns.items()])
    return pa.Table.from_pydict(columns, schema=schema)


def write(data: ExportData, out: IO[bytes]) -> int:
    table = data.table
    pa = _arrow()
    pa.parquet.write_table(arrow_table(table), out)
    return len(table.rows)

"""Opening the database: one engine per URL, SQLite tuned for bulk ingest, schema made and checked once.

SQLite is the default (a file in the user's data folder); PostgreSQL works by URL. Only the
full-text index is SQLite-specific (an FTS5 table with the trigram tokenizer, so any Chinese
substring of three or more characters is found without word segmentation).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import ArgumentError, DatabaseError, DBAPIError, NoSuchModuleError, OperationalError

from eastwatch.errors import StoreError
from eastwatch.store.tables import SCHEMA_VERSION, metadata, schema_version

# WAL lets readers (`docs`, `show`) work while an ingest writes; synchronous=NORMAL is safe under WAL
# (a power cut can lose the last commits, never corrupt the file) and avoids an fsync per document.
SQLITE_PRAGMAS = {
    "journal_mode": "WAL",
    "synchronous": "NORMAL",
    "foreign_keys": "ON",
    "busy_timeout": "10000",  # ms a writer waits for another writer before "database is locked"
    "temp_store": "MEMORY",
    "cache_size": "-65536",  # KiB: 64 MiB page cache
}

FTS_TABLE = "documents_fts"
# An external-content index: it reads the text from documents (no second copy) through documents.seq,
# an INTEGER PRIMARY KEY, so VACUUM cannot renumber the rows it points at. Triggers keep it in step
# with deletes and text updates; new documents are added by index_text, a batch at a time.
FTS_DDL = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(text, content='documents', content_rowid='seq', "
    "tokenize='trigram')",
    f"CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON documents BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.seq, old.text); END",
    f"CREATE TRIGGER {FTS_TABLE}_update AFTER UPDATE OF text ON documents BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.seq, old.text); "
    f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.seq, new.text); END",
    # Index what is already stored (a database made where FTS5 or trigram was missing).
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
)
_FTS_ADD = sa.text(f"INSERT INTO {FTS_TABLE}(rowid, text) SELECT seq, text FROM documents WHERE id IN :ids"
                   ).bindparams(sa.bindparam("ids", expanding=True))

_engines: dict[str, Engine] = {}
_fts: dict[Engine, bool] = {}  # prepared engines -> whether the full-text table exists


# Readable CJK in the JSON columns, and a third smaller than \\u escapes. One encoder for every value:
# json.dumps with options builds a new encoder per call, a measurable share of ingest time.
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (the SQLAlchemy 2.0
    # recipe): otherwise pysqlite starts them lazily and a SELECT before a write is outside them.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    for name, value in SQLITE_PRAGMAS.items():
        cursor.execute(f"PRAGMA {name}={value}")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN")


def _parse(url: str) -> URL:
    try:
        return sa.make_url(url)
    except ArgumentError as err:
        raise StoreError(f"not a database URL: {url!r}; use sqlite:////path/to/file.db or "
                         "postgresql://user@host/dbname") from err


def _sqlite_file(parsed: URL, create: bool) -> None:
    if not parsed.database or parsed.database == ":memory:":
        return
    path = Path(parsed.database).expanduser()
    if not create and not path.exists():
        raise StoreError(f"no database at {path}; `eastwatch ingest FILES` creates it")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StoreError(f"cannot create the folder for {path}: {err.strerror}") from err


def _build(parsed: URL) -> Engine:
    where = parsed.render_as_string(hide_password=True)
    try:
        eng = sa.create_engine(parsed, json_serializer=_dumps)
    except ImportError as err:  # e.g. postgresql:// without psycopg2 installed
        raise StoreError(f"cannot use database {where}: {err}; install its Python driver "
                         "(PostgreSQL: pip install psycopg)") from err
    except (ArgumentError, NoSuchModuleError) as err:
        raise StoreError(f"cannot use database {where}: {err}") from err
    if eng.dialect.name == "sqlite":
        sa.event.listen(eng, "connect", _sqlite_connect)
        sa.event.listen(eng, "begin", _sqlite_begin)
    return eng


def engine(url: str, create: bool = True) -> Engine:
    """The engine for `url`, made once per process; `create` makes the file and tables if missing.

    Raises StoreError (one line) when the database cannot be opened, is not eastwatch's, or has
    another schema version.
    """
    parsed = _parse(url)
    if parsed.get_backend_name() == "sqlite":
        _sqlite_file(parsed, create)
    if url not in _engines:
        _engines[url] = _build(parsed)
    eng = _engines[url]
    if eng not in _fts:
        try:
            _fts[eng] = _prepare(eng, create)
        except DatabaseError as err:  # unreachable server, locked or corrupt file, no permission ...
            raise StoreError(f"cannot open database {parsed.render_as_string(hide_password=True)}: "
                             f"{reason(err)}") from err
    return eng


def _prepare(eng: Engine, create: bool) -> bool:
    """Make (when `create`) and check the schema; returns whether full-text search is available."""
    where = eng.url.render_as_string(hide_password=True)
    with eng.begin() as conn:
        if create:
            metadata.create_all(conn)
            if conn.execute(sa.select(schema_version.c.version)).first() is None:
                conn.execute(schema_version.insert(), {"version": SCHEMA_VERSION, "created_at": datetime.now(UTC)})
        elif not sa.inspect(conn).has_table(schema_version.name):
            raise StoreError(f"{where} is not an eastwatch database (no schema_version table)")
        found = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()
        if found != SCHEMA_VERSION:
            raise StoreError(f"{where} has schema version {found}, this eastwatch uses {SCHEMA_VERSION}; "
                             "ingest into a new database")
        return _make_fts(conn, create)


def _make_fts(conn: Connection, create: bool) -> bool:
    if conn.dialect.name != "sqlite":
        return False
    if create and not sa.inspect(conn).has_table(FTS_TABLE):
        try:
            with conn.begin_nested():
                for statement in FTS_DDL:
                    conn.exec_driver_sql(statement)
        except OperationalError:  # an SQLite built without FTS5, or older than 3.34 (no trigram)
            return False
    return sa.inspect(conn).has_table(FTS_TABLE)


def reason(err: DBAPIError) -> str:
    """The driver's message on one line (PostgreSQL's span several)."""
    return " ".join(str(err.orig).split())


def has_fts(conn: Connection) -> bool:
    """Whether this connection's database keeps the trigram full-text index."""
    return _fts.get(conn.engine, False)


def index_text(conn: Connection, doc_ids: list[str]) -> None:
    """Add stored documents to the full-text index (SQLite; elsewhere search reads the text itself).

    Call it outside any savepoint and for many documents at once: FTS5 writes its pending index at
    every savepoint and commit, so indexing one document at a time measured three times slower.
    """
    if doc_ids and has_fts(conn):
        conn.execute(_FTS_ADD, {"ids": doc_ids})


def dispose(url: str | None = None) -> None:
    """Close pooled connections (all engines, or one): for tests and before a process forks."""
    for key in [url] if url else list(_engines):
        if key in _engines:
            eng = _engines.pop(key)
            _fts.pop(eng, None)
            eng.dispose()

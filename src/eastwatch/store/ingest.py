"""Batch ingest: hash each file, extract only what is new, store each document all or nothing.

Idempotent and resumable: a document's id is the sha256 of its bytes, checked before any extraction,
so running the same batch again reads each file once and adds nothing. A bad file becomes an entry in
`IngestReport.failures` and the batch goes on; a failure while writing rolls that document back whole
(a savepoint per document) and leaves every other document as it was.
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DataError, IntegrityError, OperationalError

from eastwatch import pipeline
from eastwatch.errors import InputError, StoreError
from eastwatch.kb import KB
from eastwatch.model import Document
from eastwatch.store import db, rows
from eastwatch.store.queries import is_stored, totals
from eastwatch.store.tables import FACT_TABLES, documents, entities, judgments

PROGRESS_LABEL = "ingesting"
# Documents per commit. Each commit writes a new segment of the trigram full-text index: indexing 32
# report-sized documents at once measured 0.5 ms a document against 1.5 ms one at a time (SQLite, WAL).
COMMIT_EVERY = 32
COMMIT_SECONDS = 2.0  # ...and at least this often, so slow files never hold the write lock for long
# Judgment columns a person fills in after ingest; a reprocess carries them over to the rebuilt row.
RESOLUTION_COLUMNS = ("resolution", "resolved_at", "note")


@dataclass
class IngestReport:
    seen: int = 0  # items given, failures included: seen == added + skipped + len(failures)
    added: int = 0
    skipped: int = 0  # already stored (same bytes)
    failures: list[InputError] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)  # rows now stored, per table
    added_ids: list[str] = field(default_factory=list)


def file_hash(path: Path) -> str:
    """sha256 of the file's bytes (the document id); InputError when it cannot be read."""
    try:
        with path.open("rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except FileNotFoundError as err:
        raise InputError(str(path), "missing", "no such file or folder") from err
    except IsADirectoryError as err:
        raise InputError(str(path), "not-a-file", "is a folder, not a file") from err
    except OSError as err:  # the loader's slug for an unreadable file, so summaries count them together
        raise InputError(str(path), "missing", f"cannot read the file ({err.strerror})") from err


def extract(path: Path, kb: KB) -> Document:
    return pipeline.extract_file(path, kb)


@dataclass(frozen=True)
class Prepared:
    """A document as the rows that store it: built where it was extracted (a worker process), so only
    plain values cross to the writing process (a Document of frozen dataclasses costs more to unpickle
    than to store)."""

    id: str
    path: str
    document: dict[str, Any]
    facts: dict[str, list[dict[str, Any]]]
    entity_ids: frozenset[str]

    @classmethod
    def of(cls, doc: Document) -> Prepared:
        return cls(doc.id, doc.meta.path, rows.document_row(doc), rows.fact_rows(doc), frozenset(rows.entity_ids(doc)))


# ---- writing one document ---------------------------------------------------------------------------


def write_document(conn: Connection, doc: Document) -> None:
    """The documents row, not the facts; db.index_text adds it to the full-text index."""
    conn.execute(documents.insert(), rows.document_row(doc))


def update_structure(conn: Connection, doc: Document) -> None:
    """Rewrite the structure columns of a stored document (title, authors, date ...) for a reprocess."""
    conn.execute(documents.update().where(documents.c.id == doc.id).values(rows.structure_row(doc.structure)))


def delete_facts(conn: Connection, doc_id: str) -> dict[str, dict[str, Any]]:
    """Delete every fact row of a document; returns the judgments' resolutions, keyed by judgment text."""
    kept = conn.execute(sa.select(judgments.c.text, *(judgments.c[c] for c in RESOLUTION_COLUMNS))
                        .where(judgments.c.doc_id == doc_id, judgments.c.resolution.is_not(None))).all()
    for table in FACT_TABLES:
        conn.execute(table.delete().where(table.c.doc_id == doc_id))
    return {row.text: {c: getattr(row, c) for c in RESOLUTION_COLUMNS} for row in kept}


def write_facts(conn: Connection, doc: Document | Prepared, kb: KB,
                resolutions: dict[str, dict[str, Any]] | None = None, known_entities: Iterable[str] = ()) -> set[str]:
    """Insert the document's facts (one executemany per table) and upsert the entities they name.

    `resolutions` (from delete_facts) are put back on judgments with the same text. Returns the entity
    ids handled (written, or absent from the KB), so a batch can skip them later (`known_entities`).
    """
    prep = doc if isinstance(doc, Prepared) else Prepared.of(doc)
    batches = prep.facts
    for row in batches["judgments"] if resolutions else ():
        row.update(resolutions.get(row["text"], {}))
    for table in FACT_TABLES:
        if batches[table.name]:
            conn.execute(table.insert(), batches[table.name])
    new = set(prep.entity_ids.difference(known_entities))
    upsert_entities(conn, rows.entity_rows(kb, new))
    return new


def upsert_entities(conn: Connection, batch: Sequence[dict[str, Any]]) -> None:
    """Insert the knowledge base's entities or refresh them (names change between KB versions)."""
    if not batch:
        return
    dialect = {"sqlite": sqlite, "postgresql": postgresql}.get(conn.dialect.name)
    if dialect is None:  # another database: plain delete + insert keeps it portable
        conn.execute(entities.delete().where(entities.c.id.in_([row["id"] for row in batch])))
        conn.execute(entities.insert(), list(batch))
        return
    stmt = dialect.insert(entities)
    refreshed = {c.name: stmt.excluded[c.name] for c in entities.columns if c.name != "id"}
    conn.execute(stmt.on_conflict_do_update(index_elements=[entities.c.id], set_=refreshed), list(batch))


def store_document(conn: Connection, doc: Document | Prepared, kb: KB, known_entities: set[str] | None = None) -> bool:
    """Write one document and its facts, all or nothing (a savepoint); False when it was already stored.

    The caller commits. A row the database refuses (too long, bad value) rolls the document back and
    raises InputError "unstorable"; a database that cannot be written at all raises StoreError.
    """
    known = known_entities if known_entities is not None else set()
    prep = doc if isinstance(doc, Prepared) else Prepared.of(doc)
    try:
        with conn.begin_nested():
            conn.execute(documents.insert(), prep.document)
            written = write_facts(conn, prep, kb, known_entities=known)
    except (IntegrityError, DataError) as err:
        if is_stored(conn, prep.id):  # another process stored the same bytes since we checked
            return False
        raise InputError(prep.path, "unstorable", f"the database refused it ({db.reason(err)})") from err
    except OperationalError as err:
        where = conn.engine.url.render_as_string(hide_password=True)
        raise StoreError(f"cannot write to {where}: {db.reason(err)}") from err
    known.update(written)  # only once the savepoint is released: a rolled-back upsert must be retried
    return True


# ---- the batch -----------------------------------------------------------------------------------------


class Writer:
    """Stores documents through one connection, committing every COMMIT_EVERY documents or COMMIT_SECONDS.

    Each document is all or nothing (store_document's savepoint); the full-text entries of a batch are
    added just before its commit. On leaving, what is finished is committed, even when an unexpected
    error ends the batch, unless the database itself failed (StoreError).
    """

    def __init__(self, eng: Engine, kb: KB):
        self.conn, self.kb = eng.connect(), kb
        self.known: set[str] = set()  # entity ids already upserted by this writer
        self.pending: list[str] = []  # stored, not yet indexed and committed
        self.since = time.monotonic()

    def is_stored(self, doc_id: str) -> bool:
        return is_stored(self.conn, doc_id)  # sees this batch's uncommitted documents too

    def store(self, doc: Document | Prepared) -> bool:
        """Write `doc` (see store_document); False when it was already stored."""
        added = store_document(self.conn, doc, self.kb, self.known)
        if added:
            self.pending.append(doc.id)
        return added

    def maybe_commit(self) -> None:
        if len(self.pending) >= COMMIT_EVERY or time.monotonic() - self.since > COMMIT_SECONDS:
            self.commit()

    def commit(self) -> None:
        db.index_text(self.conn, self.pending)
        self.conn.commit()
        self.pending, self.since = [], time.monotonic()

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        try:
            if exc_type is None or not issubclass(exc_type, StoreError):
                self.commit()
        finally:
            self.conn.close()


def _ingest_one(writer: Writer, item: Path | InputError, report: IngestReport) -> None:
    if isinstance(item, InputError):
        report.failures.append(item)
        return
    try:
        if writer.is_stored(file_hash(item)):
            report.skipped += 1
            return
        doc = extract(item, writer.kb)
    except InputError as err:
        report.failures.append(err)
        return
    _store(writer, doc, report)


def _store(writer: Writer, doc: Document | Prepared, report: IngestReport) -> None:
    try:
        added = writer.store(doc)
    except InputError as err:
        report.failures.append(err)
        return
    if added:
        report.added += 1
        report.added_ids.append(doc.id)
    else:
        report.skipped += 1


def ingest(items: Sequence[Path | InputError], db_url: str, kb: KB, progress: Any = None,
           workers: int = 1) -> IngestReport:
    """Extract and store every file in `items` (from api.expand); InputErrors in it are reported as failures.

    `progress` is a rich Progress (or None); it gets one task advanced per item. With `workers` > 1 the
    extraction runs in that many processes while this one writes (the database has one writer); the
    result is the same, in the same order.
    """
    eng = db.engine(db_url)
    report = IngestReport(seen=len(items))
    task = progress.add_task(PROGRESS_LABEL, total=len(items)) if progress is not None else None

    def advance() -> None:
        if progress is not None:
            progress.advance(task)

    if workers > 1 and len(items) >= PARALLEL_MIN and "fork" in mp.get_all_start_methods():
        _ingest_parallel(eng, kb, items, report, workers, advance)
    else:
        with Writer(eng, kb) as writer:
            for item in items:
                _ingest_one(writer, item, report)
                writer.maybe_commit()
                advance()
    report.totals = totals(eng)
    return report


# ---- extraction in worker processes ---------------------------------------------------------------------

# Below this many files a process pool costs more than it saves.
PARALLEL_MIN = 16
# Files handed to a worker at a time: fewer round trips, while the writer still gets work steadily.
CHUNK = 8
_WORKER_KB: KB | None = None  # the knowledge base a forked worker inherits (set just before forking)


def _prepare(path: Path) -> Prepared | InputError:
    """In a worker: extract one file into the rows that store it."""
    kb = cast(KB, _WORKER_KB)  # set by _ingest_parallel before the pool forks
    try:
        return Prepared.of(extract(path, kb))
    except InputError as err:
        return err


def _ingest_parallel(eng: Engine, kb: KB, items: Sequence[Path | InputError], report: IngestReport, workers: int,
                     advance: Any) -> None:
    """Extract in forked workers, hash and store here; outcomes are reported in the order of `items`.
    The workers are started before this process opens its writing connection, and never touch the
    database (they end without running finalisers, so no inherited pooled connection is used or closed)."""
    global _WORKER_KB
    _WORKER_KB = kb
    try:
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            pool.submit(int).result()  # forks every worker now
            with Writer(eng, kb) as writer:
                plan = _plan(writer, items)
                extracted = pool.map(_prepare, [p for p in plan if isinstance(p, Path)], chunksize=CHUNK)
                for step in plan:
                    result = next(extracted) if isinstance(step, Path) else step
                    if isinstance(result, InputError):
                        report.failures.append(result)
                    elif result is _ALREADY_STORED:
                        report.skipped += 1
                    else:
                        _store(writer, result, report)
                        writer.maybe_commit()
                    advance()
    finally:
        _WORKER_KB = None


_ALREADY_STORED = object()


def _plan(writer: Writer, items: Sequence[Path | InputError]) -> list[Path | InputError | object]:
    """Per item: the file to extract, its InputError, or _ALREADY_STORED (same bytes stored, or given
    earlier in this batch)."""
    plan: list[Path | InputError | object] = []
    seen: set[str] = set()
    for item in items:
        try:
            if isinstance(item, InputError):
                raise item
            digest = file_hash(item)
        except InputError as err:
            plan.append(err)
            continue
        plan.append(_ALREADY_STORED if digest in seen or writer.is_stored(digest) else item)
        seen.add(digest)
    return plan

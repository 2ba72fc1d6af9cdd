"""Reading the store: the document list, one document by id prefix, full-text search, counts.

The public functions take a database URL and return plain dicts (what `docs`, `show` and the
views print) or model objects (`load_document`); each error is a one-line StoreError.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DatabaseError

from eastwatch.errors import StoreError
from eastwatch.model import Document
from eastwatch.store import db, rows
from eastwatch.store.tables import COUNTED_TABLES, FACT_TABLES, documents

ID_PREFIX = re.compile(r"[0-9a-f]{1,64}")
AMBIGUOUS_SHOWN = 3  # ids listed in the "matches several documents" message
AUTHOR_SEPARATOR = "、"  # the names of a Chinese author line are joined like this
SEARCH_LIMIT = 20
FTS_MIN_CHARS = 3  # the trigram index cannot match shorter strings; those fall back to LIKE
SNIPPET_CHARS = 30  # context shown on each side of a search hit

_LISTED = (documents.c.id, documents.c.path, documents.c.format, documents.c.date, documents.c.title,
           documents.c.authors, documents.c.kind)


@contextmanager
def reading(db_url: str) -> Iterator[Connection]:
    """A read connection to an existing database; a database error becomes one StoreError line."""
    eng = db.engine(db_url, create=False)
    try:
        with eng.connect() as conn:
            yield conn
    except DatabaseError as err:
        raise StoreError(f"cannot read {eng.url.render_as_string(hide_password=True)}: {db.reason(err)}") from err


def is_stored(conn: Connection, doc_id: str) -> bool:
    return conn.execute(sa.select(documents.c.id).where(documents.c.id == doc_id)).first() is not None


def count_rows(conn: Connection) -> dict[str, int]:
    counts = sa.select(*(sa.select(sa.func.count()).select_from(t).scalar_subquery().label(t.name)
                         for t in COUNTED_TABLES))
    return dict(conn.execute(counts).one()._mapping)


def totals(eng: Engine) -> dict[str, int]:
    """Rows stored per table: documents, mentions, times, quantities, events, judgments, entities."""
    with eng.connect() as conn:
        return count_rows(conn)


def _summary(row: Any) -> dict[str, Any]:
    authors = AUTHOR_SEPARATOR.join(a["name"] for a in row.authors or [])
    return {"id": row.id, "path": row.path, "format": row.format, "date": row.date, "title": row.title,
            "authors": authors, "kind": row.kind}


def list_documents(db_url: str) -> list[dict[str, Any]]:
    """Every stored document (id, path, format, date, title, authors, kind), oldest first, undated last."""
    with reading(db_url) as conn:
        found = conn.execute(sa.select(*_LISTED).order_by(documents.c.date.asc().nulls_last(), documents.c.path))
        return [_summary(row) for row in found]


def resolve_id(conn: Connection, id_prefix: str) -> str:
    """The one stored id starting with `id_prefix`; StoreError when it is unknown or ambiguous."""
    prefix = id_prefix.strip().lower()
    if not ID_PREFIX.fullmatch(prefix):
        raise StoreError(f"{id_prefix!r} is not a document id: give hex digits as `eastwatch docs` lists them")
    # A range, not LIKE: it uses the primary-key index on every database ("g" sorts after every hex digit).
    where = sa.and_(documents.c.id >= prefix, documents.c.id < prefix + "g")
    found = conn.execute(sa.select(documents.c.id).where(where).order_by(documents.c.id)
                         .limit(AMBIGUOUS_SHOWN + 1)).scalars().all()
    if not found:
        raise StoreError(f"no stored document has an id starting {prefix!r}; `eastwatch docs` lists them")
    if len(found) > 1:
        n = conn.execute(sa.select(sa.func.count()).select_from(documents).where(where)).scalar()
        shown = ", ".join(i[:12] for i in found[:AMBIGUOUS_SHOWN])
        raise StoreError(f"id prefix {prefix!r} matches {n} documents ({shown}{', …' if n > AMBIGUOUS_SHOWN else ''});"
                         " give more characters")
    return found[0]


def _fact_counts(conn: Connection, doc_id: str) -> dict[str, int]:
    counts = sa.select(*(sa.select(sa.func.count()).select_from(t).where(t.c.doc_id == doc_id)
                         .scalar_subquery().label(t.name) for t in FACT_TABLES))
    return dict(conn.execute(counts).one()._mapping)


def get_document(db_url: str, id_prefix: str) -> dict[str, Any]:
    """One stored document by id (a unique prefix is enough): the list keys plus text and structure."""
    with reading(db_url) as conn:
        doc_id = resolve_id(conn, id_prefix)
        row = conn.execute(sa.select(documents).where(documents.c.id == doc_id)).one()
        return {
            **_summary(row), "text": row.text, "number": row.number, "date_source": row.date_source,
            "encoding": row.encoding, "ingested_at": row.ingested_at.isoformat() if row.ingested_at else None,
            "key_points": [kp["text"] for kp in row.key_points or []],
            "sections": [f"{s['number'] or ''} {s['heading']}".strip() for s in row.sections or []],
            "counts": _fact_counts(conn, doc_id),
        }


def read_document(conn: Connection, doc_id: str) -> Document | None:
    """The stored Document with every fact, as the pipeline made it (candidates are not stored)."""
    row = conn.execute(sa.select(documents).where(documents.c.id == doc_id)).mappings().first()
    if row is None:
        return None
    doc = rows.document_from_row(row)
    for table in FACT_TABLES:
        found = conn.execute(sa.select(table).where(table.c.doc_id == doc_id).order_by(table.c.n)).mappings()
        setattr(doc, table.name, [rows.FROM_ROW[table.name](r) for r in found])
    return doc


def load_document(db_url: str, id_prefix: str) -> Document:
    """The stored Document (with its facts) whose id starts with `id_prefix`."""
    with reading(db_url) as conn:
        doc = read_document(conn, resolve_id(conn, id_prefix))
    if doc is None:  # deleted between the two reads
        raise StoreError(f"document {id_prefix!r} was removed while reading it")
    return doc


def _matching_ids(conn: Connection, query: str, limit: int) -> list[str]:
    if db.has_fts(conn) and len(query) >= FTS_MIN_CHARS:
        phrase = '"' + query.replace('"', '""') + '"'  # one FTS5 phrase: the query is a plain substring
        found = conn.execute(sa.text(f"SELECT d.id FROM {db.FTS_TABLE} f JOIN documents d ON d.seq = f.rowid "
                                     f"WHERE {db.FTS_TABLE} MATCH :q ORDER BY f.rank LIMIT :n"),
                             {"q": phrase, "n": limit})
        return list(found.scalars())
    where = documents.c.text.contains(query, autoescape=True)
    return list(conn.execute(sa.select(documents.c.id).where(where).order_by(documents.c.date, documents.c.id)
                             .limit(limit)).scalars())


def _snippet(text: str, query: str) -> str:
    at = text.casefold().find(query.casefold())
    if at < 0:
        return ""
    start, end = max(0, at - SNIPPET_CHARS), min(len(text), at + len(query) + SNIPPET_CHARS)
    return ("…" if start else "") + text[start:end].replace("\n", " ") + ("…" if end < len(text) else "")


def search(db_url: str, query: str, limit: int = SEARCH_LIMIT) -> list[dict[str, Any]]:
    """Documents whose text contains `query` (best first on SQLite): the list keys plus a snippet."""
    if not query.strip():
        raise StoreError("empty search; give a word or phrase")
    with reading(db_url) as conn:
        ids = _matching_ids(conn, query, limit)
        found = {row.id: row for row in conn.execute(sa.select(*_LISTED, documents.c.text)
                                                     .where(documents.c.id.in_(ids)))}
    return [{**_summary(found[i]), "snippet": _snippet(found[i].text, query)} for i in ids if i in found]

"""Keep the cross-document event tables in step with the store.

`refresh(conn)` is cheap when nothing changed (two indexed aggregates), reclusters only the event keys that
newly added or removed documents touch, and rebuilds everything when the tables are missing, from another
version, or most of the corpus changed. Every query calls it first, so results are never stale; calling
`refresh_url(db_url)` right after an ingest moves that work out of the first query.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from eastwatch.analyse.cluster import REPORT_COLUMNS, Cluster, Report, cluster, event_key, make_report, summary
from eastwatch.analyse.tables import (
    CORPUS_VERSION,
    DERIVED_TABLES,
    LIST_COLUMNS,
    corpus_docs,
    corpus_event_parties,
    corpus_event_sources,
    corpus_events,
    corpus_state,
    join_list,
    metadata,
)
from eastwatch.store import db
from eastwatch.store.tables import documents, events

STATE_PREFIX = "state/"
# Bound parameters per IN (...) list: far below SQLite's limit (32766) and PostgreSQL's (65535).
CHUNK = 500
# When more than this share of the documents changed, one full rebuild is faster than many key lookups.
FULL_REBUILD_SHARE = 0.3

_JSON_LISTS = ("actors", "recipients", "source_countries", "target_countries", "mentions")
# The JSON lists are read as their text and decoded here: a rebuild reads every event row, and the
# per-value JSON processing of the column type was the largest part of that.
_REPORT_COLUMNS = [sa.type_coerce(events.c[name], sa.Text).label(name) if name in _JSON_LISTS else events.c[name]
                   for name in REPORT_COLUMNS]
_LIST_AT = [REPORT_COLUMNS.index(name) for name in _JSON_LISTS]


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def party(value: str) -> str:
    """The key a party is stored under: ISO3 for a state ("state/CHN" -> "CHN"), else the entity id."""
    return value.removeprefix(STATE_PREFIX)


def parties(row: dict[str, Any]) -> set[tuple[str, str]]:
    """(party, role) pairs of a corpus event. States come from the country lists (the coder's decision
    on sides); entity ids of states in actors/recipients would repeat them, sometimes on the wrong side."""
    found = {(c, "source") for c in row["source_countries"]} | {(c, "target") for c in row["target_countries"]}
    found |= {(a, "source") for a in row["actors"] if not a.startswith(STATE_PREFIX)}
    found |= {(a, "target") for a in row["recipients"] if not a.startswith(STATE_PREFIX)}
    return found


def _store_state(conn: Connection) -> dict[str, int | None]:
    found = conn.execute(sa.select(sa.func.count().label("documents"), sa.func.max(documents.c.seq).label("max_seq"))
                         ).one()
    n_events = conn.execute(sa.select(sa.func.count()).select_from(events)).scalar()
    return {"documents": found.documents, "max_seq": found.max_seq, "events": n_events}


def _saved_state(conn: Connection) -> dict[str, Any] | None:
    if not sa.inspect(conn).has_table(corpus_state.name):
        return None
    row = conn.execute(sa.select(corpus_state)).mappings().first()
    return dict(row) if row else None


def refresh(conn: Connection) -> None:
    """Bring the corpus tables up to date with the store, inside the caller's transaction."""
    current = _store_state(conn)
    saved = _saved_state(conn)
    if saved is not None and saved["version"] == CORPUS_VERSION:
        if {k: saved[k] for k in current} == current:
            return
        changed = _changed_documents(conn)
        # No document came or went, yet the events changed: facts rewritten in place by something other
        # than reprocess.py (which says which documents). Only a rebuild can tell what moved.
        if changed and len(changed) <= FULL_REBUILD_SHARE * max(1, current["documents"]):
            update(conn, changed)
            _save_state(conn, current)
            return
    rebuild(conn)
    _save_state(conn, current)


def rewritten(conn: Connection, doc_ids: Sequence[str]) -> None:
    """These documents' events were replaced in place (a reprocess): recluster what they touch, and
    whatever else changed since the last refresh. The cheap check in refresh() cannot say which documents
    changed in place."""
    current, saved = _store_state(conn), _saved_state(conn)
    fresh = saved is not None and saved["version"] == CORPUS_VERSION
    changed = (_changed_documents(conn) if fresh else set()) | set(doc_ids)
    if fresh and len(changed) <= FULL_REBUILD_SHARE * max(1, current["documents"]):
        update(conn, changed)
    else:
        rebuild(conn)
    _save_state(conn, current)


def refresh_url(db_url: str) -> None:
    """refresh() in its own transaction: the hook to call after an ingest."""
    with db.engine(db_url, create=False).begin() as conn:
        refresh(conn)


def _save_state(conn: Connection, current: dict[str, int | None]) -> None:
    conn.execute(corpus_state.delete())
    conn.execute(corpus_state.insert(), {"version": CORPUS_VERSION, **current})


def _changed_documents(conn: Connection) -> set[str]:
    """Documents stored but not folded in, and folded in but no longer stored."""
    added = sa.select(documents.c.id).where(~documents.c.id.in_(sa.select(corpus_docs.c.doc_id)))
    removed = sa.select(corpus_docs.c.doc_id).where(~corpus_docs.c.doc_id.in_(sa.select(documents.c.id)))
    return set(conn.execute(added).scalars()) | set(conn.execute(removed).scalars())


def rebuild(conn: Connection) -> None:
    """Drop and recompute every cross-document event."""
    metadata.drop_all(conn, tables=[*DERIVED_TABLES, corpus_state])
    metadata.create_all(conn)
    reports = _reports(conn, [sa.true()])
    _insert(conn, cluster(reports), first_id=1)
    conn.execute(corpus_docs.insert().from_select(["doc_id"], sa.select(documents.c.id)))
    if conn.dialect.name == "sqlite":  # statistics let the planner pick the party or the date index
        for table in DERIVED_TABLES:
            conn.exec_driver_sql(f"ANALYZE {table.name}")


def update(conn: Connection, doc_ids: Iterable[str]) -> None:
    """Recluster the event keys that these documents' events had or now have (after ingest or reprocess)."""
    ids = sorted(set(doc_ids))
    if not ids:
        return
    fresh = _reports(conn, [events.c.doc_id.in_(part) for part in chunks(ids)])
    keys = {r.key for r in fresh}
    for part in chunks(ids):
        keys.update(conn.execute(sa.select(corpus_events.c.key).distinct().join(
            corpus_event_sources, corpus_event_sources.c.event_id == corpus_events.c.id)
            .where(corpus_event_sources.c.doc_id.in_(part))).scalars())
    kept = _kept_members(conn, sorted(keys), set(ids))
    kept_reports = _reports(conn, [sa.tuple_(events.c.doc_id, events.c.n).in_(part) for part in chunks(kept)])
    _delete_keys(conn, sorted(keys))
    next_id = (conn.execute(sa.select(sa.func.max(corpus_events.c.id))).scalar() or 0) + 1
    _insert(conn, cluster(fresh + kept_reports), first_id=next_id)
    for part in chunks(ids):
        conn.execute(corpus_docs.delete().where(corpus_docs.c.doc_id.in_(part)))
        stored = conn.execute(sa.select(documents.c.id).where(documents.c.id.in_(part))).scalars().all()
        if stored:
            conn.execute(corpus_docs.insert(), [{"doc_id": i} for i in stored])


def _reports(conn: Connection, conditions: list[Any]) -> list[Report]:
    out: list[Report] = []
    for condition in conditions:
        for row in conn.execute(sa.select(*_REPORT_COLUMNS).where(condition)):
            values = list(row)
            for i in _LIST_AT:  # text on SQLite; a driver that decodes JSON itself gives lists
                if isinstance(values[i], str):
                    values[i] = json.loads(values[i])
            out.append(make_report(*values))
    return out


def _kept_members(conn: Connection, keys: list[str], changed: set[str]) -> list[tuple[str, int]]:
    """(doc_id, n) of the other documents' reports in the clusters being redone."""
    kept: list[tuple[str, int]] = []
    for part in chunks(keys):
        found = conn.execute(sa.select(corpus_event_sources.c.doc_id, corpus_event_sources.c.n).join(
            corpus_events, corpus_events.c.id == corpus_event_sources.c.event_id)
            .where(corpus_events.c.key.in_(part)))
        kept.extend((row.doc_id, row.n) for row in found if row.doc_id not in changed)
    return kept


def _delete_keys(conn: Connection, keys: list[str]) -> None:
    for part in chunks(keys):
        ids = sa.select(corpus_events.c.id).where(corpus_events.c.key.in_(part)).scalar_subquery()
        conn.execute(corpus_event_sources.delete().where(corpus_event_sources.c.event_id.in_(ids)))
        conn.execute(corpus_event_parties.delete().where(corpus_event_parties.c.event_id.in_(ids)))
        conn.execute(corpus_events.delete().where(corpus_events.c.key.in_(part)))


def _insert(conn: Connection, clusters: list[Cluster], first_id: int) -> None:
    """Write clusters with ids from `first_id`, in date order (undated last) so ids read chronologically."""
    ordered = sorted(clusters, key=lambda c: (c.start is None, c.start or 0, c.members[0].doc_id, c.members[0].n))
    event_rows, source_rows, party_rows = [], [], []
    for offset, found in enumerate(ordered):
        event_id = first_id + offset
        row = summary(found)
        first = found.members[0]
        party_rows.extend({"party": p, "role": role, "event_id": event_id} for p, role in sorted(parties(row)))
        row.update({c: join_list(row[c]) for c in LIST_COLUMNS})
        event_rows.append({"id": event_id, "key": event_key(first.type, first.status, first.countries), **row})
        source_rows.extend({"event_id": event_id, "doc_id": r.doc_id, "n": r.n} for r in found.members)
    for table, batch in ((corpus_events, event_rows), (corpus_event_sources, source_rows),
                         (corpus_event_parties, party_rows)):
        insert_many(conn, table, batch)


def insert_many(conn: Connection, table: sa.Table, batch: list[dict[str, Any]]) -> None:
    """executemany straight to the driver: a rebuild writes a few hundred thousand rows, and building
    SQLAlchemy parameters row by row took longer than the database did. Other drivers use Core."""
    if not batch:
        return
    if conn.dialect.name != "sqlite":
        conn.execute(table.insert(), batch)
        return
    names = [c.name for c in table.columns]
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    conn.exec_driver_sql(sql, [tuple(_sqlite_value(row.get(n)) for n in names) for row in batch])


def _sqlite_value(value: Any) -> Any:
    """What SQLAlchemy's SQLite Date type would store: ISO text."""
    return value.isoformat() if isinstance(value, date) else value

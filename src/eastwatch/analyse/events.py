"""Cross-document events and the event queries every analysis shares (events, timeline, dyads, graph).

`corpus_events(db_url, filters)` returns each real event once, with all the documents that report it, so
no count anywhere depends on how many outlets covered an event. Filters run in SQL on indexed columns.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DatabaseError

from eastwatch.analyse.corpus import chunks, refresh
from eastwatch.analyse.resolve import QueryError, party_key
from eastwatch.analyse.tables import LIST_COLUMNS, split_list
from eastwatch.analyse.tables import corpus_event_parties as merged_parties
from eastwatch.analyse.tables import corpus_event_sources as merged_sources
from eastwatch.analyse.tables import corpus_events as merged
from eastwatch.dates import iso_bounds
from eastwatch.errors import StoreError
from eastwatch.store import db, queries
from eastwatch.store.tables import documents, events

HAPPENED = "happened"


@dataclass(frozen=True, slots=True)
class Source:
    """One document's report of the event: which stored event row, and the sentence that says it."""

    doc_id: str
    n: int
    path: str
    title: str | None
    doc_date: str | None
    date: str | None  # the date this report gives
    evidence: str  # the sentence


@dataclass(frozen=True, slots=True)
class CorpusEvent:
    id: int
    type: str
    status: str  # happened, negated, planned, hypothetical
    mode: str | None
    cameo: str | None
    quad: int | None
    score: float | None
    date: str | None
    date_start: date | None
    date_end: date | None
    source_countries: tuple[str, ...]
    target_countries: tuple[str, ...]
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    location: str | None
    documents: int
    mentions: int
    sources: tuple[Source, ...] = ()


# Reports listed with each event by default: an event a thousand documents report is listed with its ten
# oldest reports and the count of all (reading every source made listings slow on large corpora).
SOURCES_SHOWN = 10


@dataclass(frozen=True)
class EventFilter:
    actor: str | None = None  # source side: ISO3, entity id or a stored name
    recipient: str | None = None  # target side
    involving: tuple[str, ...] = ()  # each on either side
    types: tuple[str, ...] = ()  # PLOVER types, any case
    since: str | None = None  # ISO day, month or year; events whose dates overlap [since, until]
    until: str | None = None
    include_all: bool = False  # also negated, planned and hypothetical events
    dated_only: bool = False
    limit: int | None = None
    newest_first: bool = False
    with_sources: bool = True
    max_sources: int | None = SOURCES_SHOWN  # the oldest reports of each event; `documents` counts them all


def day_bounds(value: str | None, option: str) -> tuple[date | None, date | None]:
    """First and last day of a --since/--until value; QueryError naming the option when it is no date."""
    if value is None:
        return None, None
    first, last = iso_bounds(value.strip())
    if first is None:
        raise QueryError(f"{option} {value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    return first, last


@contextmanager
def reading(db_url: str, refresh_events: bool = True) -> Iterator[Connection]:
    """A connection to a stored corpus (whose cross-document events are brought up to date first)."""
    if refresh_events:
        eng = db.engine(db_url, create=False)
        try:
            with eng.begin() as conn:
                refresh(conn)
        except DatabaseError as err:
            raise StoreError(f"cannot read {eng.url.render_as_string(hide_password=True)}: {db.reason(err)}") from err
    with queries.reading(db_url) as conn:
        yield conn


def _with_party(key: str, role: str | None) -> Any:
    where = [merged_parties.c.party == key]
    if role:
        where.append(merged_parties.c.role == role)
    return merged.c.id.in_(sa.select(merged_parties.c.event_id).where(*where))


def event_query(conn: Connection, filters: EventFilter) -> sa.Select:
    """The SELECT over corpus_events that `filters` describe, in date order (undated last)."""
    q = sa.select(merged)
    if filters.actor:
        q = q.where(_with_party(party_key(conn, filters.actor), "source"))
    if filters.recipient:
        q = q.where(_with_party(party_key(conn, filters.recipient), "target"))
    for one in filters.involving:
        q = q.where(_with_party(party_key(conn, one), None))
    if filters.types:
        q = q.where(merged.c.type.in_([t.upper() for t in filters.types]))
    if not filters.include_all:
        q = q.where(merged.c.status == HAPPENED)
    since, _ = day_bounds(filters.since, "--since")
    _, until = day_bounds(filters.until, "--until")
    if since:
        q = q.where(merged.c.date_end >= since)
    if until:
        q = q.where(merged.c.date_start <= until)
    if filters.dated_only:
        q = q.where(merged.c.date_start.is_not(None))
    if filters.newest_first:
        q = q.order_by(merged.c.date_start.is_(None), merged.c.date_start.desc(), merged.c.id.desc())
    else:
        q = q.order_by(merged.c.date_start.is_(None), merged.c.date_start, merged.c.id)
    return q.limit(filters.limit) if filters.limit else q


def sources_of(conn: Connection, event_ids: list[int], limit: int | None = None) -> dict[int, list[Source]]:
    """The reports of these events, oldest document first (the first `limit` of each, or all)."""
    length = events.c.sentence_end - events.c.sentence_start
    out: dict[int, list[Source]] = defaultdict(list)
    for part in chunks(event_ids):
        order = (documents.c.date, merged_sources.c.doc_id, merged_sources.c.n)
        ranked = (sa.select(merged_sources.c.event_id, merged_sources.c.doc_id, merged_sources.c.n,
                            sa.func.row_number().over(partition_by=merged_sources.c.event_id, order_by=order)
                            .label("rank"))
                  .join(documents, documents.c.id == merged_sources.c.doc_id)
                  .where(merged_sources.c.event_id.in_(part)).subquery())
        found = conn.execute(
            sa.select(ranked.c.event_id, events.c.doc_id, events.c.n, documents.c.path,
                      documents.c.title, documents.c.date.label("doc_date"), events.c.date,
                      sa.func.substr(documents.c.text, events.c.sentence_start + 1, length).label("evidence"))
            .join(events, sa.and_(events.c.doc_id == ranked.c.doc_id, events.c.n == ranked.c.n))
            .join(documents, documents.c.id == events.c.doc_id)
            .where(ranked.c.rank <= limit if limit else sa.true())
            .order_by(ranked.c.event_id, ranked.c.rank))
        for row in found:
            out[row.event_id].append(Source(row.doc_id, row.n, row.path, row.title, row.doc_date, row.date,
                                            row.evidence or ""))
    return out


# corpus_events columns in CorpusEvent's field order: rows become events positionally, which matters
# when a query returns thousands of them.
_FIELDS = [merged.c[f] for f in CorpusEvent.__slots__ if f != "sources"]
_LISTS = {_FIELDS.index(merged.c[name]) for name in LIST_COLUMNS}


def _event(row: Sequence[Any], sources: list[Source]) -> CorpusEvent:
    values = [split_list(v) if i in _LISTS else v for i, v in enumerate(row)]
    return CorpusEvent(*values, sources=tuple(sources))


def count_events(conn: Connection, filters: EventFilter) -> int:
    ids = event_query(conn, filters).with_only_columns(merged.c.id).order_by(None).limit(None)
    return conn.execute(sa.select(sa.func.count()).select_from(ids.subquery())).scalar()


def select_events(conn: Connection, filters: EventFilter) -> list[CorpusEvent]:
    rows = conn.execute(event_query(conn, filters).with_only_columns(*_FIELDS)).all()
    found = sources_of(conn, [row[0] for row in rows], filters.max_sources) if filters.with_sources else {}
    return [_event(row, found.get(row[0], [])) for row in rows]


def corpus_events(db_url: str, filters: EventFilter | None = None) -> list[CorpusEvent]:
    """Cross-document events matching `filters` (default: every event that happened), in date order."""
    with reading(db_url) as conn:
        return select_events(conn, filters or EventFilter())

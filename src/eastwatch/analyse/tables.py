"""The cross-document event tables: derived from the store's `events` table, rebuilt whenever it changes.

Kept in their own metadata (not the store's schema) because they hold nothing that cannot be recomputed:
a version change simply drops and rebuilds them. `corpus_events` is one row per real event; the sources
table says which stored event rows (doc_id, n) report it; the parties table, keyed by party first, answers
"events with CHN as source" from an index instead of scanning JSON lists.
"""

from __future__ import annotations

import sqlalchemy as sa

# Bump when a table below changes; older copies are dropped and rebuilt (they are derived data).
CORPUS_VERSION = 2

LIST_COLUMNS = ("source_countries", "target_countries", "actors", "recipients")
LIST_SEP = ","

metadata = sa.MetaData()

corpus_events = sa.Table(
    "corpus_events", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    # type|status|sorted countries: the reports that may merge share it; an incremental refresh reclusters by it.
    sa.Column("key", sa.Text, nullable=False, index=True),
    sa.Column("type", sa.String(32), nullable=False, index=True),
    sa.Column("status", sa.String(16), nullable=False),  # happened, negated, planned, hypothetical
    sa.Column("mode", sa.String(32)),
    sa.Column("cameo", sa.String(8)),
    sa.Column("quad", sa.Integer),
    sa.Column("score", sa.Float),
    sa.Column("date", sa.String(64)),
    sa.Column("date_start", sa.Date, index=True),
    sa.Column("date_end", sa.Date),
    # Lists of ISO3 codes and entity ids (which never hold a comma), comma-joined: splitting is several
    # times faster than decoding JSON, and a query may read ten thousand of these rows.
    sa.Column("source_countries", sa.Text, nullable=False),
    sa.Column("target_countries", sa.Text, nullable=False),
    sa.Column("actors", sa.Text, nullable=False),
    sa.Column("recipients", sa.Text, nullable=False),
    sa.Column("location", sa.String),
    sa.Column("documents", sa.Integer, nullable=False),  # distinct documents reporting it
    sa.Column("mentions", sa.Integer, nullable=False),  # trigger mentions over all of them
)

corpus_event_sources = sa.Table(
    "corpus_event_sources", metadata,
    sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("doc_id", sa.String(64), primary_key=True),
    sa.Column("n", sa.Integer, primary_key=True, autoincrement=False),
    sa.Index("ix_corpus_event_sources_doc", "doc_id", "n"),
    sqlite_with_rowid=False,
)

corpus_event_parties = sa.Table(
    "corpus_event_parties", metadata,
    sa.Column("party", sa.String, primary_key=True),  # ISO3 country or entity id (states as ISO3)
    sa.Column("role", sa.String(8), primary_key=True),  # source, target
    sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Index("ix_corpus_event_parties_event", "event_id"),
    sqlite_with_rowid=False,
)

# Documents whose events are folded in, so a refresh finds what was added or removed since.
corpus_docs = sa.Table(
    "corpus_docs", metadata,
    sa.Column("doc_id", sa.String(64), primary_key=True),
    sqlite_with_rowid=False,
)

# What the store looked like at the last refresh: a cheap check before every query.
corpus_state = sa.Table(
    "corpus_state", metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("documents", sa.Integer, nullable=False),
    sa.Column("max_seq", sa.Integer),
    sa.Column("events", sa.Integer, nullable=False),
)

DERIVED_TABLES = (corpus_events, corpus_event_sources, corpus_event_parties, corpus_docs)


def join_list(values: list[str] | tuple[str, ...]) -> str:
    return LIST_SEP.join(values)


def split_list(value: str) -> tuple[str, ...]:
    return tuple(value.split(LIST_SEP)) if value else ()

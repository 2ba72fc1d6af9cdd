"""The database schema (SQLAlchemy Core): one row per document, one row per fact.

Portable SQL only, so the same tables work on SQLite and PostgreSQL; the SQLite full-text index is
a virtual table made in `db.py`, outside this metadata. Spans are stored as `start`/`end` column
pairs (offsets into `documents.text`); lists of spans and nested structure are compact JSON.
Fact tables are keyed (doc_id, n), n the fact's place in its document's list: the key's index serves
"every fact of a document" and keeps them in order. (Ordinary rowid tables: clustering them by the
random-looking doc_id, WITHOUT ROWID, measured slower to fill and made every other index carry the id.)
"""

from __future__ import annotations

import sqlalchemy as sa

# Bump when a table or column changes; an older database is refused with a one-line message.
SCHEMA_VERSION = 1

metadata = sa.MetaData()


def _key() -> tuple[sa.Column, sa.Column]:
    return (sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
            sa.Column("n", sa.Integer, primary_key=True, autoincrement=False))


def _span() -> tuple[sa.Column, sa.Column]:
    return sa.Column("start", sa.Integer, nullable=False), sa.Column("end", sa.Integer, nullable=False)


def _date_range() -> tuple[sa.Column, sa.Column]:
    # First and last day an ISO value covers ("2020-12" -> 2020-12-01 .. 2020-12-31), for range queries.
    return sa.Column("date_start", sa.Date), sa.Column("date_end", sa.Date)


schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

documents = sa.Table(
    "documents", metadata,
    # An integer key for the SQLite full-text index to point at (it needs a stable integer rowid);
    # `id`, the sha256 of the file's bytes, is the document's identity everywhere else.
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("id", sa.String(64), nullable=False, unique=True),
    sa.Column("path", sa.Text, nullable=False),
    sa.Column("format", sa.String(16), nullable=False),
    sa.Column("encoding", sa.String(32)),
    sa.Column("title", sa.Text),
    sa.Column("number", sa.String(32)),
    sa.Column("kind", sa.String(16)),
    sa.Column("date", sa.String(32), index=True),  # the inferred writing date, ISO day, month or year
    sa.Column("date_source", sa.String(16)),
    sa.Column("date_evidence", sa.JSON),  # [start, end] or null
    *_date_range(),
    sa.Column("title_span", sa.JSON),
    sa.Column("authors", sa.JSON),  # [{name, affiliation, position, role, span}]
    sa.Column("key_points", sa.JSON),  # [{text, span}]
    sa.Column("sections", sa.JSON),  # [{heading, number, level, span, body, paragraphs}]
    sa.Column("paragraphs", sa.JSON),  # [[start, end], ...]
    sa.Column("sentences", sa.JSON),
    sa.Column("headline", sa.JSON),  # {text, span} or null
    sa.Column("dateline", sa.JSON),
    sa.Column("byline", sa.JSON),
    sa.Column("chars", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("raw_text", sa.Text),  # null when the loader's text equals the repaired text
    sa.Column("offsets", sa.LargeBinary),  # see rows.pack_offsets; null when the map is the identity
    sa.Column("meta", sa.JSON, nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
)

entities = sa.Table(
    "entities", metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("name_en", sa.Text),
    sa.Column("country", sa.String(3), index=True),
    sa.Column("wikidata", sa.String(16)),
    sa.Column("names", sa.JSON),
    sa.Column("aliases", sa.JSON),
)

mentions = sa.Table(
    "mentions", metadata,
    *_key(), *_span(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("entity_id", sa.String),  # null: a name the knowledge base does not hold
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("via", sa.String(16)),
    sa.Column("title", sa.Text),
    sa.Column("country", sa.String(3)),
    # entity, then document: an entity's mentions counted per document stream from the index in order
    # (a profile over 10,000 documents: 10 ms instead of 100 ms with a sort)
    sa.Index("ix_mentions_entity_doc", "entity_id", "doc_id"),
)

times = sa.Table(
    "times", metadata,
    *_key(), *_span(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("value", sa.String(64)),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("anchor", sa.String(32)),
    sa.Column("anchor_source", sa.String(16)),
    *_date_range(),
)

quantities = sa.Table(
    "quantities", metadata,
    *_key(), *_span(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("unit", sa.String(16)),
)

events = sa.Table(
    "events", metadata,
    *_key(),
    sa.Column("type", sa.String(32), nullable=False, index=True),
    sa.Column("mode", sa.String(32)),
    sa.Column("cameo", sa.String(8)),
    sa.Column("quad", sa.Integer),
    sa.Column("score", sa.Float),
    sa.Column("date", sa.String(64)),
    sa.Column("date_start", sa.Date, index=True),
    sa.Column("date_end", sa.Date),
    sa.Column("actors", sa.JSON, nullable=False),  # entity ids
    sa.Column("recipients", sa.JSON, nullable=False),
    sa.Column("source_countries", sa.JSON, nullable=False),  # ISO3
    sa.Column("target_countries", sa.JSON, nullable=False),
    sa.Column("trigger_start", sa.Integer, nullable=False),
    sa.Column("trigger_end", sa.Integer, nullable=False),
    sa.Column("sentence_start", sa.Integer, nullable=False),
    sa.Column("sentence_end", sa.Integer, nullable=False),
    sa.Column("mentions", sa.JSON, nullable=False),  # [[start, end], ...] every trigger reporting it
    sa.Column("location", sa.String),
    sa.Column("negated", sa.Boolean, nullable=False),
    sa.Column("planned", sa.Boolean, nullable=False),
    sa.Column("hypothetical", sa.Boolean, nullable=False),
    sa.Column("historical", sa.Boolean, nullable=False),
    sa.Column("date_source", sa.String(16)),  # clause, sentence, episode, narrative, document
)

judgments = sa.Table(
    "judgments", metadata,
    *_key(), *_span(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("likelihood", sa.String(32), index=True),
    sa.Column("forecast", sa.Boolean, nullable=False),
    sa.Column("cue", sa.Text),
    sa.Column("subjects", sa.JSON, nullable=False),  # ISO3
    sa.Column("key_point", sa.Boolean, nullable=False),
    sa.Column("doc_date", sa.String(32), index=True),  # the registry lists the latest documents' first
    # Filled in later by whoever checks the forecast; kept across a reprocess (see ingest.delete_facts).
    sa.Column("resolution", sa.String(32)),
    sa.Column("resolved_at", sa.DateTime(timezone=True)),
    sa.Column("note", sa.Text),
)

# The fact tables in the order they are written and deleted; each has a doc_id column.
FACT_TABLES: tuple[sa.Table, ...] = (mentions, times, quantities, events, judgments)

# What `totals` counts, in the order the ingest summary prints it.
COUNTED_TABLES: tuple[sa.Table, ...] = (documents, *FACT_TABLES, entities)

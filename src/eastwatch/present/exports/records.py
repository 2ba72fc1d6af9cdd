"""Stored facts as flat records for the exporters and the brief: events with their documents and names.

One record per stored event (one per source sentence, as ICEWS and PLOVER code them), with the
evidence sentence cut out in SQL, the sentence and paragraph it sits in, and the names of its
participants. Documents are read once per batch of ids, so a corpus export never holds every text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from eastwatch.analyse.events import reading as corpus_reading
from eastwatch.analyse.forecasts import first_author, publisher
from eastwatch.analyse.tables import corpus_event_sources, corpus_events
from eastwatch.store.queries import reading
from eastwatch.store.tables import documents, entities, events, mentions

ID_CHARS = 12  # document-id prefix in record ids, as in judgment ids (analyse.forecasts)
DOC_BATCH = 500  # document ids per IN (...) query: well under every database's parameter limit
SPACE_RUN = re.compile(r"\s*\n\s*")


def clean(text: str) -> str:
    """A stored sentence on one line: the hard line breaks of PDF text dropped, the ends trimmed."""
    return SPACE_RUN.sub("", text).strip(" \u3000\t")


@dataclass(frozen=True, slots=True)
class DocInfo:
    """What a record needs of its document: citation fields and where its sentences and paragraphs are."""

    id: str
    path: str
    title: str | None
    date: str | None
    author: str | None
    publisher: str | None
    url: str | None
    sentence_starts: tuple[int, ...]
    sentence_ends: tuple[int, ...]
    paragraphs: tuple[tuple[int, int], ...]
    key_points: tuple[tuple[int, int], ...]

    def sentence_number(self, offset: int) -> int | None:
        """1-based number of the sentence holding `offset`, None outside every sentence."""
        i = bisect_right(self.sentence_starts, offset) - 1
        return i + 1 if i >= 0 and offset < self.sentence_ends[i] else None

    def paragraph_number(self, offset: int) -> int | None:
        i = bisect_right([p[0] for p in self.paragraphs], offset) - 1
        return i + 1 if i >= 0 and offset < self.paragraphs[i][1] else None

    def in_key_points(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.key_points)


def _doc_info(row: Any) -> DocInfo:
    sentences = row.sentences or []
    meta = row.meta or {}
    return DocInfo(
        id=row.id, path=row.path, title=row.title, date=row.date, author=first_author(row.authors),
        publisher=publisher(meta), url=meta.get("url"), sentence_starts=tuple(s[0] for s in sentences),
        sentence_ends=tuple(s[1] for s in sentences), paragraphs=tuple(tuple(p) for p in row.paragraphs or []),
        key_points=tuple(tuple(kp["span"]) for kp in row.key_points or [] if kp.get("span")))


_DOC_COLUMNS = (documents.c.id, documents.c.path, documents.c.title, documents.c.date, documents.c.authors,
                documents.c.meta, documents.c.sentences, documents.c.paragraphs,
                documents.c.key_points)


def doc_infos(conn: Connection, ids: Iterable[str]) -> dict[str, DocInfo]:
    wanted = sorted(set(ids))
    out: dict[str, DocInfo] = {}
    for at in range(0, len(wanted), DOC_BATCH):
        batch = wanted[at : at + DOC_BATCH]
        for row in conn.execute(sa.select(*_DOC_COLUMNS).where(documents.c.id.in_(batch))):
            out[row.id] = _doc_info(row)
    return out


@dataclass(frozen=True, slots=True)
class Named:
    """An entity as the exports name it."""

    id: str
    name: str
    name_en: str | None
    country: str | None
    wikidata: str | None

    @property
    def label(self) -> str:
        return self.name_en or self.name


def entity_names(conn: Connection) -> dict[str, Named]:
    found = conn.execute(sa.select(entities.c.id, entities.c.name, entities.c.name_en, entities.c.country,
                                   entities.c.wikidata))
    return {row.id: Named(*row) for row in found}


@dataclass(frozen=True, slots=True)
class EventRecord:
    id: str  # "3fa9c2b1d0e4:7": document-id prefix and the event's place in its document
    n: int
    type: str
    mode: str | None
    cameo: str | None
    quad: int | None
    score: float | None
    date: str | None  # as coded (ISO value or interval); the document's date when the event has none
    date_start: date | None
    date_end: date | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    source_countries: tuple[str, ...]
    target_countries: tuple[str, ...]
    location: str | None
    negated: bool
    planned: bool
    hypothetical: bool
    historical: bool
    trigger: str
    sentence: str
    sentence_start: int
    sentence_end: int
    reports: int  # trigger spans in the document that report this same event
    doc: DocInfo
    corpus_id: int | None = None  # the cross-document event this report belongs to (analyse.events)
    sources: int = 1  # documents reporting that cross-document event

    @property
    def doc_id(self) -> str:
        return self.doc.id

    @property
    def sentence_number(self) -> int | None:
        return self.doc.sentence_number(self.sentence_start)

    @property
    def paragraph_number(self) -> int | None:
        return self.doc.paragraph_number(self.sentence_start)


def _period(since: date | None, until: date | None) -> list[Any]:
    start = sa.func.coalesce(events.c.date_start, documents.c.date_start)
    end = sa.func.coalesce(events.c.date_end, documents.c.date_end)
    where = []
    if since is not None:
        where.append(end >= since)
    if until is not None:
        where.append(start <= until)
    return where


def _cut(start: Any, end: Any) -> Any:
    """documents.text[start:end], cut in SQL so only the evidence leaves the database (substr is 1-based)."""
    return sa.func.substr(documents.c.text, start + 1, end - start)


def _event_select(where: Sequence[Any]) -> sa.Select:
    sentence = _cut(events.c.sentence_start, events.c.sentence_end)
    trigger = _cut(events.c.trigger_start, events.c.trigger_end)
    columns = (*events.c, documents.c.date.label("doc_date"), documents.c.date_start.label("doc_start"),
               documents.c.date_end.label("doc_end"), sentence.label("sentence_text"), trigger.label("trigger_text"))
    joined = events.join(documents, documents.c.id == events.c.doc_id)
    start = sa.func.coalesce(events.c.date_start, documents.c.date_start)
    return (sa.select(*columns).select_from(joined).where(*where)
            .order_by(start.asc().nulls_last(), documents.c.path, events.c.doc_id, events.c.n))


def _event(row: Any, info: DocInfo, corpus_id: int | None, sources: int) -> EventRecord:
    own = row.date is not None
    return EventRecord(
        id=f"{row.doc_id[:ID_CHARS]}:{row.n}", n=row.n, type=row.type, mode=row.mode, cameo=row.cameo, quad=row.quad,
        score=row.score, date=row.date if own else row.doc_date, date_start=row.date_start if own else row.doc_start,
        date_end=row.date_end if own else row.doc_end, actors=tuple(row.actors), recipients=tuple(row.recipients),
        source_countries=tuple(row.source_countries), target_countries=tuple(row.target_countries),
        location=row.location, negated=row.negated, planned=row.planned, hypothetical=row.hypothetical,
        historical=row.historical, trigger=row.trigger_text or "", sentence=clean(row.sentence_text or ""),
        sentence_start=row.sentence_start, sentence_end=row.sentence_end, reports=max(1, len(row.mentions or [])),
        doc=info, corpus_id=corpus_id, sources=sources)


def merged_into(conn: Connection, doc_ids: Iterable[str]) -> dict[tuple[str, int], tuple[int, int]]:
    """(doc_id, n) of each stored event -> (cross-document event id, documents reporting it)."""
    wanted = sorted(set(doc_ids))
    out: dict[tuple[str, int], tuple[int, int]] = {}
    joined = corpus_event_sources.join(corpus_events, corpus_events.c.id == corpus_event_sources.c.event_id)
    for at in range(0, len(wanted), DOC_BATCH):
        found = conn.execute(sa.select(corpus_event_sources.c.doc_id, corpus_event_sources.c.n, corpus_events.c.id,
                                       corpus_events.c.documents).select_from(joined)
                             .where(corpus_event_sources.c.doc_id.in_(wanted[at : at + DOC_BATCH])))
        out.update({(row.doc_id, row.n): (row.id, row.documents) for row in found})
    return out


def read_events(conn: Connection, since: date | None = None, until: date | None = None) -> list[EventRecord]:
    """Every stored event whose date (else its document's) overlaps [since, until], oldest first.

    `conn` must come from `analyse.events.reading`, which brings the cross-document events up to date.
    """
    found = conn.execute(_event_select(_period(since, until))).all()
    infos = doc_infos(conn, (row.doc_id for row in found))
    merged = merged_into(conn, infos)
    return [_event(row, infos[row.doc_id], *merged.get((row.doc_id, row.n), (None, 1))) for row in found]


def event_records(db_url: str, since: date | None = None, until: date | None = None) -> list[EventRecord]:
    with corpus_reading(db_url) as conn:
        return read_events(conn, since, until)


@dataclass(frozen=True, slots=True)
class EntityRecord:
    id: str
    type: str
    name: str
    name_en: str | None
    country: str | None
    wikidata: str | None
    aliases: tuple[str, ...]
    names: tuple[str, ...]  # every name, every script, preferred first
    mentions: int
    documents: int


def entity_records(db_url: str) -> list[EntityRecord]:
    """Every stored entity with how often, and in how many documents, it is mentioned."""
    counts = (sa.select(mentions.c.entity_id, sa.func.count().label("n"),
                        sa.func.count(sa.distinct(mentions.c.doc_id)).label("docs"))
              .where(mentions.c.entity_id.is_not(None)).group_by(mentions.c.entity_id).subquery())
    query = (sa.select(entities, counts.c.n, counts.c.docs)
             .select_from(entities.outerjoin(counts, counts.c.entity_id == entities.c.id))
             .order_by(counts.c.n.desc().nulls_last(), entities.c.id))
    with reading(db_url) as conn:
        rows = conn.execute(query).all()
    return [EntityRecord(row.id, row.type, row.name, row.name_en, row.country, row.wikidata,
                         tuple(row.aliases or ()), tuple(dict.fromkeys(n for ns in (row.names or {}).values()
                                                                      for n in ns)),
                         row.n or 0, row.docs or 0) for row in rows]

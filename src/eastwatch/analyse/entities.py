"""An entity's profile: its record, the offices it held, where the corpus mentions it, the events it took part in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from eastwatch.analyse.corpus import chunks, party
from eastwatch.analyse.events import CorpusEvent, EventFilter, count_events, reading, select_events
from eastwatch.analyse.resolve import QueryError, find_entity
from eastwatch.kb import KB
from eastwatch.model import Entity
from eastwatch.store.tables import documents, entities, mentions

SHOWN = 5  # candidates listed when a name is ambiguous
# Rows of each list a profile shows by default: the latest events and the documents naming it most.
# A state is named in nearly every document of a large corpus; the totals are always complete.
PROFILE_ROWS = 50


@dataclass(frozen=True, slots=True)
class Office:
    post: str  # post id
    title: str  # its name
    start: str | None
    end: str | None  # None: still held (or unknown)


@dataclass(frozen=True, slots=True)
class DocumentMentions:
    doc_id: str
    path: str
    title: str | None
    date: str | None
    count: int


@dataclass
class Profile:
    id: str
    type: str
    name: str
    name_en: str | None
    country: str | None
    wikidata: str | None
    names: dict[str, list[str]]
    aliases: list[str]
    offices: list[Office] = field(default_factory=list)
    mentions: list[DocumentMentions] = field(default_factory=list)  # documents naming it most, first
    events: list[CorpusEvent] = field(default_factory=list)  # latest first
    total_mentions: int = 0
    total_documents: int = 0  # documents that mention it
    total_events: int = 0


def _from_kb(kb: KB, text: str) -> str:
    hits = kb.search(text)
    exact = [e for e in hits if text.casefold() in {n.casefold() for ns in e.names.values() for n in ns}
             | {a.casefold() for a in e.aliases} | {e.id}]
    chosen = exact or hits
    if len(chosen) == 1:
        return chosen[0].id
    if chosen:
        raise QueryError(f"{text!r} names {len(chosen)} entities ({', '.join(e.id for e in chosen[:SHOWN])}); "
                         "give the id")
    raise QueryError(f"no entity is named {text!r} in the database or the knowledge base; "
                     f"`eastwatch kb search` lists names")


def _resolve(conn: Connection, kb: KB, text: str) -> str:
    """A stored entity first (the corpus names it), else one the knowledge base holds."""
    return find_entity(conn, text) or _from_kb(kb, text.strip())


def _record(row: Any | None, ent: Entity | None, ent_id: str) -> Profile:
    if row is not None:
        return Profile(row.id, row.type, row.name, row.name_en, row.country, row.wikidata,
                       dict(row.names or {}), list(row.aliases or []))
    if ent is None:
        raise QueryError(f"{ent_id!r} is neither stored nor in the knowledge base")
    return Profile(ent.id, ent.type, ent.name, ent.name_en, ent.country, ent.wikidata,
                   {k: list(v) for k, v in ent.names.items()}, list(ent.aliases))


def offices(kb: KB, ent_id: str) -> list[Office]:
    out = []
    for occ in sorted(kb.offices(ent_id), key=lambda o: (o.start or "", o.post)):
        post = kb.posts.get(occ.post)
        names = post.names if post else {}
        title = next((ns[0] for key in ("zh-Hant", "zh-Hans", "en") if (ns := names.get(key))), occ.post)
        out.append(Office(occ.post, title, occ.start, occ.end))
    return out


def mention_counts(conn: Connection, ent_id: str, limit: int | None) -> tuple[list[DocumentMentions], int, int]:
    """Mentions per document, most first (one pass over the entity_id index), with the totals: mentions and
    documents. Only the documents shown are looked up."""
    per_doc = conn.execute(sa.select(mentions.c.doc_id, sa.func.count()).where(mentions.c.entity_id == ent_id)
                           .group_by(mentions.c.doc_id)).all()
    total = sum(n for _, n in per_doc)
    top = sorted(per_doc, key=lambda r: (-r[1], r[0]))[: limit or None]
    info = {r.id: r for part in chunks([d for d, _ in top])
            for r in conn.execute(sa.select(documents.c.id, documents.c.path, documents.c.title, documents.c.date)
                                  .where(documents.c.id.in_(part)))}
    shown = [DocumentMentions(d, info[d].path, info[d].title, info[d].date, n) for d, n in top if d in info]
    return shown, total, len(per_doc)


def profile(db_url: str, name: str, kb: KB, include_all: bool = False, limit: int | None = PROFILE_ROWS
            ) -> Profile:
    """The profile of the entity `name` names (an id, or a name in either script); `limit` rows per list
    (None: all)."""
    with reading(db_url) as conn:
        ent_id = _resolve(conn, kb, name)
        row = conn.execute(sa.select(entities).where(entities.c.id == ent_id)).first()
        out = _record(row, kb.entities.get(ent_id), ent_id)
        out.offices = offices(kb, ent_id)
        out.mentions, out.total_mentions, out.total_documents = mention_counts(conn, ent_id, limit)
        filters = EventFilter(involving=(party(ent_id),), include_all=include_all, limit=limit, newest_first=True)
        out.events = select_events(conn, filters)
        out.total_events = count_events(conn, filters)
    return out

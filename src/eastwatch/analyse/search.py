"""Full-text search over the stored documents, each hit shown in its context and section.

SQLite: the store's FTS5 trigram index finds documents containing any substring of three or more
characters, no word segmentation needed; shorter queries and other databases use LIKE. A Chinese query
also matches its other script (中日韓 finds 中日韩), since outlets write either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from eastwatch.analyse.events import reading
from eastwatch.analyse.resolve import QueryError
from eastwatch.kb.variants import to_simplified, to_traditional, unique
from eastwatch.store import db
from eastwatch.store.queries import FTS_MIN_CHARS
from eastwatch.store.tables import documents

DOCUMENT_LIMIT = 20  # documents returned, best first
HITS_PER_DOCUMENT = 3  # occurrences shown per document
CONTEXT_CHARS = 30  # characters shown on each side of a hit


@dataclass(frozen=True, slots=True)
class Hit:
    doc_id: str
    path: str
    title: str | None
    date: str | None
    start: int  # offsets into the document's text
    end: int
    before: str
    match: str
    after: str
    section: str | None  # "（二） 日韓關係" when the hit is inside a section
    hits_in_document: int


def variants(query: str) -> list[str]:
    """The query and its other-script forms."""
    return unique([query, to_simplified(query), *to_traditional(query)])


def _fts_phrase(forms: list[str]) -> str:
    return " OR ".join('"' + f.replace('"', '""') + '"' for f in forms)


def matching_ids(conn: Connection, forms: list[str], limit: int) -> list[str]:
    """Ids of documents containing any form: FTS5 rank order on SQLite, else date order."""
    if db.has_fts(conn) and min(len(f) for f in forms) >= FTS_MIN_CHARS:
        found = conn.execute(sa.text(f"SELECT d.id FROM {db.FTS_TABLE} f JOIN documents d ON d.seq = f.rowid "
                                     f"WHERE {db.FTS_TABLE} MATCH :q ORDER BY f.rank LIMIT :n"),
                             {"q": _fts_phrase(forms), "n": limit})
        return list(found.scalars())
    where = sa.or_(*(documents.c.text.contains(f, autoescape=True) for f in forms))
    return list(conn.execute(sa.select(documents.c.id).where(where)
                             .order_by(documents.c.date, documents.c.id).limit(limit)).scalars())


def _section(sections: list[dict[str, Any]] | None, at: int) -> str | None:
    """The innermost section whose heading or body holds offset `at`."""
    inside = [s for s in sections or [] if s["span"][0] <= at < (s["body"] or s["span"])[1]]
    if not inside:
        return None
    sec = max(inside, key=lambda s: s["level"])
    return f"{sec['number'] or ''} {sec['heading']}".strip()


def _hits(row: Any, pattern: re.Pattern[str], per_document: int) -> list[Hit]:
    text = row.text
    found = list(pattern.finditer(text))
    out = []
    for m in found[:per_document]:
        before = text[max(0, m.start() - CONTEXT_CHARS) : m.start()].replace("\n", " ")
        after = text[m.end() : m.end() + CONTEXT_CHARS].replace("\n", " ")
        out.append(Hit(row.id, row.path, row.title, row.date, m.start(), m.end(), before, m.group(), after,
                       _section(row.sections, m.start()), len(found)))
    return out


def search(db_url: str, query: str, limit: int = DOCUMENT_LIMIT, per_document: int = HITS_PER_DOCUMENT,
           exact: bool = False) -> list[Hit]:
    """Hits of `query` (and, unless `exact`, its other-script forms), best documents first."""
    wanted = query.strip()
    if not wanted:
        raise QueryError("empty search; give a word or phrase")
    forms = [wanted] if exact else variants(wanted)
    pattern = re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)), re.IGNORECASE)
    with reading(db_url, refresh_events=False) as conn:
        ids = matching_ids(conn, forms, limit)
        rows = {row.id: row for row in conn.execute(
            sa.select(documents.c.id, documents.c.path, documents.c.title, documents.c.date, documents.c.sections,
                      documents.c.text).where(documents.c.id.in_(ids)))}
    return [hit for i in ids if i in rows for hit in _hits(rows[i], pattern, per_document)]

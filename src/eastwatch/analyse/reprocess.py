"""Re-run extraction over stored documents after the knowledge base or the lexicons change.

Each document is rebuilt from what the store kept (the loader's text and the file's metadata), repaired
and run through every stage again, and its facts are replaced in one transaction: delete_facts then
write_facts, so nothing is duplicated and a failure leaves the old facts. The resolutions people gave
to judgments are carried over to the judgment with the same text. The cross-document events are then
reclustered for the documents that changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DatabaseError

from eastwatch import pipeline
from eastwatch.analyse import corpus
from eastwatch.errors import EastwatchError, InputError, StoreError
from eastwatch.kb import KB
from eastwatch.model import Document, Meta, RawDoc
from eastwatch.repair import repair
from eastwatch.store import db, rows
from eastwatch.store.ingest import delete_facts, update_structure, write_facts
from eastwatch.store.queries import count_rows, resolve_id
from eastwatch.store.tables import documents, judgments

PROGRESS_LABEL = "reprocessing"


@dataclass
class ReprocessReport:
    seen: int = 0
    done: int = 0
    text_changed: int = 0  # documents whose repaired text changed (a repair rule changed)
    resolutions_kept: int = 0
    resolutions_lost: list[str] = field(default_factory=list)  # "doc_id:judgment text" with no twin now
    failures: list[EastwatchError] = field(default_factory=list)
    before: dict[str, int] = field(default_factory=dict)  # rows per table
    after: dict[str, int] = field(default_factory=dict)


def rebuild_document(row: Any, kb: KB) -> Document:
    """The stored document extracted afresh from its stored raw text and metadata."""
    raw = RawDoc(text=row.text if row.raw_text is None else row.raw_text, meta=Meta(**row.meta), sha256=row.id)
    return pipeline.run(repair(raw), kb)


def _update_text(conn: Connection, doc: Document) -> None:
    """A repair rule changed the text: store it (the full-text trigger follows) with its offset map."""
    new = rows.document_row(doc)
    conn.execute(documents.update().where(documents.c.id == doc.id).values(
        {k: new[k] for k in ("text", "chars", "raw_text", "offsets")}))


def _one(conn: Connection, doc_id: str, kb: KB, known: set[str], report: ReprocessReport) -> set[str]:
    row = conn.execute(sa.select(documents).where(documents.c.id == doc_id)).first()
    if row is None:  # deleted since the list was read
        return set()
    doc = rebuild_document(row, kb)
    if doc.text != row.text:
        _update_text(conn, doc)
        report.text_changed += 1
    update_structure(conn, doc)
    kept = delete_facts(conn, doc_id)
    written = write_facts(conn, doc, kb, resolutions=kept, known_entities=known)
    restored = set(conn.execute(sa.select(judgments.c.text).where(
        judgments.c.doc_id == doc_id, judgments.c.resolution.is_not(None))).scalars())
    report.resolutions_kept += len(restored & kept.keys())
    report.resolutions_lost.extend(f"{doc_id[:12]}:{text}" for text in sorted(kept.keys() - restored))
    return written


def _ids(eng: Engine, id_prefixes: Sequence[str]) -> list[str]:
    with eng.connect() as conn:
        if id_prefixes:
            return list(dict.fromkeys(resolve_id(conn, p) for p in id_prefixes))
        return list(conn.execute(sa.select(documents.c.id).order_by(documents.c.seq)).scalars())


def reprocess(db_url: str, kb: KB, id_prefixes: Sequence[str] = (), progress: Any = None) -> ReprocessReport:
    """Re-extract the stored documents (all, or those whose ids start with `id_prefixes`)."""
    eng = db.engine(db_url, create=False)
    ids = _ids(eng, id_prefixes)
    report = ReprocessReport(seen=len(ids), before=_totals(eng))
    task = progress.add_task(PROGRESS_LABEL, total=len(ids)) if progress is not None else None
    known: set[str] = set()
    done: list[str] = []
    for doc_id in ids:
        try:
            with eng.begin() as conn:
                written = _one(conn, doc_id, kb, known, report)
        except InputError as err:  # the document's facts stay as they were
            report.failures.append(err)
        except DatabaseError as err:
            raise StoreError(f"cannot write to {eng.url.render_as_string(hide_password=True)}: {db.reason(err)}; "
                             f"{len(done)} documents were reprocessed before this one") from err
        else:
            known.update(written)  # after the commit, as the ingest does
            done.append(doc_id)
            report.done += 1
        if progress is not None:
            progress.advance(task)
    with eng.begin() as conn:
        corpus.rewritten(conn, done)
    report.after = _totals(eng)
    return report


def _totals(eng: Engine) -> dict[str, int]:
    with eng.connect() as conn:
        return count_rows(conn)

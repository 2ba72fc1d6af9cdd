"""The timeline: dated cross-document events in date order, each with the documents that report it."""

from __future__ import annotations

from collections.abc import Sequence

from eastwatch.analyse.events import CorpusEvent, EventFilter, reading, select_events


def timeline(db_url: str, actors: Sequence[str] = (), since: str | None = None, until: str | None = None,
             types: Sequence[str] = (), include_all: bool = False, limit: int | None = None) -> list[CorpusEvent]:
    """Events involving every one of `actors` (on either side) whose dates overlap [since, until], in date
    order; with `limit`, the latest `limit` of them.

    Undated events have no place on a timeline and are left out; `eastwatch events` lists them.
    """
    filters = EventFilter(involving=tuple(actors), since=since, until=until, types=tuple(types),
                          include_all=include_all, dated_only=True, limit=limit or None, newest_first=bool(limit))
    with reading(db_url) as conn:
        found = select_events(conn, filters)
    return found[::-1] if limit else found

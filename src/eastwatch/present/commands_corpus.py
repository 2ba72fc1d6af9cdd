"""Corpus commands: events, timeline, entity, search, dyad, graph, reprocess.

`register(app)` adds them to the `eastwatch` app. Each converts its options, calls one analyse function,
and renders a rich table, or CSV/JSON for scripts (`--format`); an error is one `eastwatch: ...` line and
exit status 1 (2 for a bad option value).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from eastwatch import api
from eastwatch.model import Event
from eastwatch.present.common import DbOpt, FormatOpt, KbOpt, SinceOpt, UntilOpt, err, fail, out, run

FORMATS = ("table", "csv", "json")
EVENTS_SHOWN = 200  # events a listing shows unless --limit says otherwise: the latest
ARROW = "→"
LIST_SEP = ";"  # joins list values in CSV cells

AllOpt = Annotated[bool, typer.Option("--all", help="Also negated, planned and hypothetical events.")]


def _check_format(fmt: str, allowed: Sequence[str] = FORMATS) -> None:
    if fmt not in allowed:
        raise fail(f"unknown format {fmt!r}; use {', '.join(allowed)}", 2)


def _call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """The analyse call, with a library error turned into one line and exit status 1."""
    return run(lambda: fn(*args, **kwargs))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return LIST_SEP.join(_cell(v) for v in value)
    return str(value)


def emit(records: list[dict[str, Any]], fmt: str, columns: Sequence[str], title: str | None = None) -> None:
    """Records as a rich table, CSV (the columns, lists joined by ';') or JSON (the records as they are)."""
    if fmt == "json":
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1, default=str) + "\n")
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(r.get(c)) for c in columns] for r in records)
        return
    table = Table(*columns, box=None, title=title)
    for r in records:
        table.add_row(*(r[c] if isinstance(r.get(c), Text) else Text(_cell(r.get(c))) for c in columns))
    out.print(table)


# ---- records -----------------------------------------------------------------------------------------


def _sides(sources: Sequence[str], targets: Sequence[str]) -> str:
    return f"{','.join(sources) or '?'}{ARROW}{','.join(targets) or '?'}"


def event_record(ev: Any) -> dict[str, Any]:
    """A cross-document event as a JSON-ready dict (sources included)."""
    return {
        "id": ev.id, "date": ev.date, "date_start": ev.date_start, "date_end": ev.date_end, "type": ev.type,
        "status": ev.status, "mode": ev.mode, "cameo": ev.cameo, "quad": ev.quad, "score": ev.score,
        "source_countries": list(ev.source_countries), "target_countries": list(ev.target_countries),
        "actors": list(ev.actors), "recipients": list(ev.recipients), "location": ev.location,
        "documents": ev.documents, "mentions": ev.mentions, "sides": _sides(ev.source_countries, ev.target_countries),
        "sources": [{"doc_id": s.doc_id, "n": s.n, "path": s.path, "title": s.title, "doc_date": s.doc_date,
                     "date": s.date, "evidence": s.evidence} for s in ev.sources],
        "source_docs": [f"{s.doc_id[:12]}:{s.n}" for s in ev.sources],
        "source_titles": list(dict.fromkeys(s.title or Path(s.path).name for s in ev.sources)),
    }


EVENT_COLUMNS = ("id", "date", "type", "status", "quad", "score", "sides", "actors", "recipients", "documents",
                 "mentions", "source_docs")
EVENT_TABLE = ("id", "date", "type", "quad", "score", "sides", "documents", "mentions", "source_titles")


def file_event_record(doc: Any, n: int, ev: Event) -> dict[str, Any]:
    from eastwatch.analyse.cluster import status

    return {"n": n, "date": ev.date, "type": ev.type, "status": status(ev.negated, ev.planned, ev.hypothetical),
            "quad": ev.quad, "score": ev.score, "sides": _sides(ev.source_countries, ev.target_countries),
            "actors": list(ev.actors), "recipients": list(ev.recipients), "trigger": doc.at(ev.trigger),
            "start": ev.trigger.start, "end": ev.trigger.end, "historical": ev.historical,
            "evidence": doc.at(ev.sentence)}


FILE_EVENT_COLUMNS = ("n", "date", "type", "status", "quad", "score", "sides", "trigger", "start", "end")


# ---- commands -------------------------------------------------------------------------------------------


def _file_events(path: str, kb_dirs: list[Path] | None, fmt: str) -> None:
    doc = _call(api.extract, path, kb=_call(api.knowledge, kb_dirs or ()))
    emit([file_event_record(doc, n, ev) for n, ev in enumerate(doc.events)], fmt, FILE_EVENT_COLUMNS,
         title=doc.meta.path)


def events(
    path: Annotated[str | None, typer.Argument(help="A file: extract it and list its events (no database).")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Source: ISO3, entity id or name.")] = None,
    recipient: Annotated[str | None, typer.Option("--recipient", help="Target: ISO3, entity id or name.")] = None,
    types: Annotated[list[str] | None, typer.Option("--type", help="PLOVER type (repeatable).")] = None,
    since: SinceOpt = None, until: UntilOpt = None, include_all: AllOpt = False,
    limit: Annotated[int | None, typer.Option("--limit", min=0,
                                              help=f"The latest this many events (default {EVENTS_SHOWN}; 0: all).")
                     ] = None,
    fmt: FormatOpt = "table", db: DbOpt = None, kb_dirs: KbOpt = None,
) -> None:
    """List events: one file's (PATH), or the stored corpus's, each real event once with all its sources."""
    from eastwatch.analyse.events import EventFilter, corpus_events

    _check_format(fmt)
    if path is not None:
        if actor or recipient or types or since or until or limit is not None:
            raise fail("--actor, --recipient, --type, --since, --until and --limit query the database; "
                       "drop PATH to use them", 2)
        _file_events(path, kb_dirs, fmt)
        return
    shown = EVENTS_SHOWN if limit is None else limit
    filters = EventFilter(actor=actor, recipient=recipient, types=tuple(types or ()), since=since, until=until,
                          include_all=include_all, limit=shown or None, newest_first=bool(shown))
    found = _call(corpus_events, db or api.default_db(), filters)
    found = found[::-1] if shown else found  # the latest `shown`, told in date order
    emit([event_record(ev) for ev in found], fmt, EVENT_TABLE if fmt == "table" else EVENT_COLUMNS,
         title=f"{len(found)} events")


def timeline(
    actors: Annotated[list[str] | None, typer.Option("--actor", help="Involved on either side (repeatable).")] = None,
    types: Annotated[list[str] | None, typer.Option("--type", help="PLOVER type (repeatable).")] = None,
    since: SinceOpt = None, until: UntilOpt = None, include_all: AllOpt = False,
    limit: Annotated[int, typer.Option("--limit", min=0, help="The latest this many events (0: all).")] = 200,
    fmt: FormatOpt = "table", db: DbOpt = None,
) -> None:
    """Dated events in date order, each with the documents that report it."""
    from eastwatch.analyse.timeline import timeline as run

    _check_format(fmt)
    found = _call(run, db or api.default_db(), actors or (), since, until, types or (), include_all, limit)
    records = [event_record(ev) for ev in found]
    for r in records:
        r["event"] = f"{r['type']} {r['sides']}"
        r["reported_by"] = [f"{s['title'] or Path(s['path']).name} ({s['doc_date'] or '?'})" for s in r["sources"]]
    if fmt == "table":
        for r in records:
            r["reported_by"] = "\n".join(r["reported_by"])
    emit(records, fmt, ("date", "event", "status", "score", "documents", "reported_by") if fmt == "table"
         else ("id", "date", "type", "status", "sides", "score", "documents", "mentions", "reported_by"))


def entity(
    name: Annotated[str, typer.Argument(help="An entity id, or a name in either script.")],
    limit: Annotated[int, typer.Option("--limit", help="Latest events and top documents shown (0: all).")] = 50,
    include_all: AllOpt = False, fmt: FormatOpt = "table", db: DbOpt = None, kb_dirs: KbOpt = None,
) -> None:
    """Profile an entity: its record, offices with dates, mentions per document, events involving it."""
    from dataclasses import asdict

    from eastwatch.analyse.entities import profile

    _check_format(fmt)
    found = _call(profile, db or api.default_db(), name, _call(api.knowledge, kb_dirs or ()), include_all,
                  limit or None)
    events_out = [event_record(ev) for ev in found.events]
    if fmt == "json":
        data = {k: v for k, v in asdict(found).items() if k != "events"}
        emit([{**data, "events": events_out}], fmt, ())
        return
    rows = [{"section": "record", "id": found.id, "name": found.name, "detail": found.type,
             "start": found.country, "end": found.wikidata, "count": found.total_mentions}]
    rows += [{"section": "office", "id": o.post, "name": o.title, "start": o.start, "end": o.end}
             for o in found.offices]
    rows += [{"section": "document", "id": m.doc_id[:12], "name": m.title or m.path, "start": m.date,
              "count": m.count} for m in found.mentions]
    rows += [{"section": "event", "id": e["id"], "name": f"{e['type']} {e['sides']}", "detail": e["status"],
              "start": e["date"], "count": e["documents"]} for e in events_out]
    if fmt == "csv":
        emit(rows, fmt, ("section", "id", "name", "detail", "start", "end", "count"))
        return
    _entity_table(found, rows)


def _entity_table(found: Any, rows: list[dict[str, Any]]) -> None:
    out.rule(f"{found.name}  {found.name_en or ''}  ({found.id})")
    names = " / ".join(dict.fromkeys(n for ns in found.names.values() for n in ns))
    out.print(f"type: {found.type}  country: {found.country or '-'}  wikidata: {found.wikidata or '-'}", markup=False)
    out.print(f"names: {names}", markup=False)
    for section, columns, title in (
            ("office", ("name", "id", "start", "end"), "offices"),
            ("document", ("count", "start", "name", "id"),
             f"{found.total_mentions} mentions in {found.total_documents} documents"),
            ("event", ("start", "name", "detail", "count", "id"),
             f"{found.total_events} events" + (f", latest {len(found.events)}" if found.total_events > len(found.events)
                                               else ""))):
        part = [r for r in rows if r["section"] == section]
        if part:
            emit(part, "table", columns, title=title)


def search(
    query: Annotated[str, typer.Argument(help="A word or phrase (any script; three characters or more is fastest).")],
    limit: Annotated[int, typer.Option("--limit", help="At most this many documents.")] = 20,
    exact: Annotated[bool, typer.Option("--exact", help="Only this script (no 中日韓/中日韩 twin).")] = False,
    fmt: FormatOpt = "table", db: DbOpt = None,
) -> None:
    """Full-text search over the stored documents; each hit in context, the match highlighted."""
    from dataclasses import asdict

    from eastwatch.analyse.search import search as run

    _check_format(fmt)
    hits = _call(run, db or api.default_db(), query, limit=limit, exact=exact)
    records = [asdict(h) for h in hits]
    for r in records:
        r["document"] = f"{r['title'] or Path(r['path']).name} ({r['date'] or '?'})"
        if fmt == "table":
            r["context"] = Text.assemble(r["before"], (r["match"], "bold reverse"), r["after"])
            r["id"] = r["doc_id"][:12]
    columns = ("document", "section", "context") if fmt == "table" else (
        "doc_id", "path", "title", "date", "start", "end", "before", "match", "after", "section")
    emit(records, fmt, columns, title=f"{len(hits)} hits in {len({h.doc_id for h in hits})} documents")


def dyad(
    a: Annotated[str, typer.Argument(metavar="A", help="First party: ISO3, entity id or name.")],
    b: Annotated[str, typer.Argument(metavar="B", help="Second party.")],
    by: Annotated[str, typer.Option("--by", help="month, quarter or year.")] = "month",
    since: SinceOpt = None, until: UntilOpt = None, include_all: AllOpt = False,
    plot: Annotated[Path | None, typer.Option("--plot", help="Also draw it: FILE.png or FILE.html.")] = None,
    fmt: FormatOpt = "table", db: DbOpt = None,
) -> None:
    """Relations index: per period and direction, events by quad class, summed/mean score, net cooperation.

    Directions are A→B, B→A and "both" (mutual events, counted once there). Net cooperation is the number of
    cooperative minus conflictual events; each real event counts once however many documents report it.
    """
    from dataclasses import asdict

    from eastwatch.analyse.dyads import DyadRow
    from eastwatch.analyse.dyads import dyad as run
    from eastwatch.analyse.plots import plot as draw

    _check_format(fmt)
    found = _call(run, db or api.default_db(), a, b, by=by, since=since, until=until, include_all=include_all)
    columns = list(DyadRow.__slots__)
    emit([asdict(r) for r in found.rows], fmt, columns, title=f"{found.a}–{found.b} by {by}")
    if found.undated:
        err.print(f"{found.undated} undated events between {found.a} and {found.b} are in no period", markup=False)
    if plot is not None:
        written = _call(draw, found, plot)
        err.print(f"wrote {written}", markup=False)


def graph(
    fmt: Annotated[str, typer.Option("--format", "-f", help="gexf (dynamic), graphml or json.")] = "gexf",
    out_file: Annotated[Path | None, typer.Option("--out", help="Write here instead of standard output.")] = None,
    level: Annotated[str, typer.Option("--level", help="state, or entity (people, organisations).")] = "state",
    actors: Annotated[list[str] | None, typer.Option("--actor", help="Only events involving it (repeatable).")] = None,
    since: SinceOpt = None, until: UntilOpt = None, include_all: AllOpt = False, db: DbOpt = None,
) -> None:
    """The actor network: who did what to whom, edges weighted by events, with time spells for Gephi."""
    from eastwatch.analyse.events import EventFilter
    from eastwatch.analyse.network import FORMATS as GRAPH_FORMATS
    from eastwatch.analyse.network import dumps, write
    from eastwatch.analyse.network import graph as run

    _check_format(fmt, GRAPH_FORMATS)
    filters = EventFilter(involving=tuple(actors or ()), since=since, until=until, include_all=include_all,
                          with_sources=False)
    built = _call(run, db or api.default_db(), level=level, filters=filters)
    if out_file is None:
        sys.stdout.write(_call(dumps, built, fmt))
    else:
        _call(write, built, fmt, out_file)
    err.print(f"{built.number_of_nodes()} nodes, {built.number_of_edges()} edges"
              + (f"; wrote {out_file}" if out_file else ""), markup=False)


def reprocess(
    ids: Annotated[list[str] | None, typer.Argument(help="Document ids (prefixes); default: every document.")] = None,
    db: DbOpt = None, kb_dirs: KbOpt = None,
) -> None:
    """Re-extract stored documents after the knowledge base or lexicons change; nothing is duplicated."""
    from eastwatch.analyse.reprocess import reprocess as run
    from eastwatch.present import views

    kb = _call(api.knowledge, kb_dirs or ())
    with views.progress(err) as bar:
        report = _call(run, db or api.default_db(), kb, ids or (), progress=bar)
    for failure in report.failures:
        err.print(f"eastwatch: {failure}", markup=False)
    for lost in report.resolutions_lost:
        err.print(f"eastwatch: resolution not carried over (the judgment's text changed): {lost}", markup=False)
    out.print(f"reprocessed {report.done} of {report.seen} documents; {len(report.failures)} failed; "
              f"text changed in {report.text_changed}; {report.resolutions_kept} resolutions kept, "
              f"{len(report.resolutions_lost)} lost", markup=False)
    out.print("stored: " + ", ".join(f"{v} {k} (was {report.before.get(k, 0)})" for k, v in report.after.items()),
              markup=False)
    if report.failures:
        raise typer.Exit(1)


COMMANDS = {"events": events, "timeline": timeline, "entity": entity, "search": search, "dyad": dyad,
            "graph": graph, "reprocess": reprocess}


def register(app: typer.Typer) -> None:
    """Add the corpus commands to the `eastwatch` app."""
    for name, command in COMMANDS.items():
        app.command(name)(command)

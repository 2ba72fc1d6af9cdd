"""Column layouts of the flat exports (CSV, JSON lines, Parquet): one table per kind of fact.

Events follow the ICEWS event file (Event ID, Event Date, Source Name, Source Country, Event Text,
CAMEO Code, Intensity, Target Name, Target Country, Story ID, Sentence Number, Publisher, Country),
with GDELT's QuadClass, NumMentions and NumSources (documents reporting the same cross-document
event, analyse.events) and the PLOVER type and mode after them. ICEWS writes one
source and one target per row; a report naming several (中日韓三國外長) keeps them together in one row,
as PLOVER's actor lists do, and the flat formats join them with "; ".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from eastwatch.analyse.forecasts import JudgmentRecord
from eastwatch.present.exports.records import EntityRecord, EventRecord, Named

EVENT_COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Country", "Event Text", "CAMEO Code", "Intensity",
    "Target Name", "Target Country", "Story ID", "Sentence Number", "Publisher", "Country",
    # beyond ICEWS
    "Quad Class", "PLOVER Type", "PLOVER Mode", "Date Value", "Source ID", "Target ID", "Location ID",
    "Negated", "Planned", "Hypothetical", "Historical", "Trigger", "Source Text", "Paragraph Number",
    "Num Mentions", "Num Sources", "Corpus Event ID", "Title", "Author", "Document Date", "Path",
)
ENTITY_COLUMNS = ("Entity ID", "Type", "Name", "Name (en)", "Country", "Wikidata", "Names", "Aliases", "Mentions",
                  "Documents")
JUDGMENT_COLUMNS = ("Judgment ID", "Document Date", "Author", "Outlet", "Title", "Text", "Likelihood", "Probability",
                    "Forecast", "Cue", "Subjects", "Key Point", "Resolution", "Resolved At", "Note", "Story ID",
                    "Start", "End", "Path")


@dataclass(frozen=True)
class Table:
    """A flat export: column names in order and one dict per row (lists stay lists until a writer joins them)."""

    kind: str
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]


def _names(ids: Sequence[str], names: dict[str, Named]) -> list[str]:
    return [names[i].label if i in names else i for i in ids]


def event_row(ev: EventRecord, names: dict[str, Named]) -> dict[str, Any]:
    place = names.get(ev.location) if ev.location else None
    return {
        "Event ID": ev.id, "Event Date": ev.date_start.isoformat() if ev.date_start else None,
        "Source Name": _names(ev.actors, names), "Source Country": list(ev.source_countries),
        "Event Text": f"{ev.type}: {ev.mode}" if ev.mode else ev.type, "CAMEO Code": ev.cameo,
        "Intensity": ev.score, "Target Name": _names(ev.recipients, names),
        "Target Country": list(ev.target_countries), "Story ID": ev.doc_id, "Sentence Number": ev.sentence_number,
        "Publisher": ev.doc.publisher, "Country": place.country if place else None,
        "Quad Class": ev.quad, "PLOVER Type": ev.type, "PLOVER Mode": ev.mode, "Date Value": ev.date,
        "Source ID": list(ev.actors), "Target ID": list(ev.recipients), "Location ID": ev.location,
        "Negated": ev.negated, "Planned": ev.planned, "Hypothetical": ev.hypothetical, "Historical": ev.historical,
        "Trigger": ev.trigger, "Source Text": ev.sentence, "Paragraph Number": ev.paragraph_number,
        "Num Mentions": ev.reports, "Num Sources": ev.sources, "Corpus Event ID": ev.corpus_id,
        "Title": ev.doc.title, "Author": ev.doc.author, "Document Date": ev.doc.date,
        "Path": ev.doc.path,
    }


def entity_row(ent: EntityRecord) -> dict[str, Any]:
    return {"Entity ID": ent.id, "Type": ent.type, "Name": ent.name, "Name (en)": ent.name_en,
            "Country": ent.country, "Wikidata": ent.wikidata, "Names": list(ent.names), "Aliases": list(ent.aliases),
            "Mentions": ent.mentions, "Documents": ent.documents}


def judgment_row(rec: JudgmentRecord) -> dict[str, Any]:
    return {"Judgment ID": rec.id, "Document Date": rec.doc_date, "Author": rec.author, "Outlet": rec.outlet,
            "Title": rec.title, "Text": rec.text, "Likelihood": rec.likelihood, "Probability": rec.probability,
            "Forecast": rec.forecast, "Cue": rec.cue, "Subjects": list(rec.subjects), "Key Point": rec.key_point,
            "Resolution": rec.resolution, "Resolved At": rec.resolved_at.isoformat() if rec.resolved_at else None,
            "Note": rec.note, "Story ID": rec.doc_id, "Start": rec.start, "End": rec.end, "Path": rec.path}


def events_table(records: Sequence[EventRecord], names: dict[str, Named]) -> Table:
    return Table("events", EVENT_COLUMNS, [event_row(ev, names) for ev in records])


def entities_table(records: Sequence[EntityRecord]) -> Table:
    return Table("entities", ENTITY_COLUMNS, [entity_row(ent) for ent in records])


def judgments_table(records: Sequence[JudgmentRecord]) -> Table:
    return Table("judgments", JUDGMENT_COLUMNS, [judgment_row(rec) for rec in records])


@dataclass(frozen=True)
class ExportData:
    """What a writer gets: the flat table, and for events the records and entity names behind it."""

    table: Table
    events: list[EventRecord] = field(default_factory=list)
    names: dict[str, Named] = field(default_factory=dict)

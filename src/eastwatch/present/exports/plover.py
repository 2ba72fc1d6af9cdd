"""PLOVER JSON lines: one event record per line with the field names of the PLOVER specification.

PLOVER ("Event, Actor and Data Interchange Specification", Open Event Data Alliance) requires `id`,
`date` (YYYY-MM-DD), `source` (a list of actor objects) and `event` (a list of categories); we also
fill `recipient`, `enddate`, `mode`, `context`, `quad_code`, `event_scale`, `event_text`, `text`,
`text_info`, `cite_info`, `event_loc` and `coder`, and add our own flags (negated, planned,
hypothetical, historical) as the specification allows. An actor object carries the top-level
`code` (ISO3 country), `identifier_text` and, where the knowledge base has one, `identifier_id`
(the Wikidata QID, as the specification asks); `entity_id` is our id.
"""

from __future__ import annotations

import json
from typing import IO, Any

from eastwatch.present.exports.layouts import ExportData
from eastwatch.present.exports.records import EventRecord, Named

EXTENSION = "plover.jsonl"  # beside a plain jsonl export of the same events in one folder
KINDS = ("events",)
BINARY = False
CODER = "eastwatch"
LANGUAGE = "zh"  # ISO 639-1, as cite_info asks
REQUIRED = ("id", "date", "source", "event")


def _actors(ids: tuple[str, ...], countries: tuple[str, ...], names: dict[str, Named]) -> list[dict[str, Any]]:
    out = []
    for ent_id in ids:
        ent = names.get(ent_id)
        actor: dict[str, Any] = {"code": ent.country if ent else None, "identifier_text": ent.name if ent else ent_id,
                                 "entity_id": ent_id}
        if ent and ent.wikidata:
            actor["identifier_id"] = ent.wikidata
        out.append(actor)
    named = {a["code"] for a in out}
    # A country the coder found without a named participant (a state named only by 日方) still counts.
    out.extend({"code": code} for code in countries if code not in named)
    return out


def _location(ev: EventRecord, names: dict[str, Named]) -> dict[str, Any] | None:
    place = names.get(ev.location) if ev.location else None
    if place is None:
        return None
    return {"name": place.name, "cc3": place.country, "entity_id": place.id}


def record(ev: EventRecord, names: dict[str, Named]) -> dict[str, Any]:
    first, last = ev.date_start, ev.date_end
    rec: dict[str, Any] = {
        "id": ev.id, "date": first.isoformat() if first else None,
        "source": _actors(ev.actors, ev.source_countries, names),
        "recipient": _actors(ev.recipients, ev.target_countries, names),
        "event": [ev.type], "mode": [ev.mode] if ev.mode else [], "context": [],
        "quad_code": ev.quad, "event_scale": ev.score, "event_text": [ev.trigger], "text": ev.sentence,
        "text_info": {"sequence": ev.sentence_number, "start": ev.sentence_start, "end": ev.sentence_end},
        "cite_info": {"corpus": CODER, "citation": ev.doc_id, "url": ev.doc.url, "title": ev.doc.title,
                      "language": LANGUAGE, "publication": ev.doc.publisher},
        "coder": CODER, "date_text": ev.date,
        "negated": ev.negated, "planned": ev.planned, "hypothetical": ev.hypothetical, "historical": ev.historical,
    }
    if first and last and last != first:
        rec["enddate"] = last.isoformat()
    if loc := _location(ev, names):
        rec["event_loc"] = loc
    return rec


def write(data: ExportData, out: IO[str]) -> int:
    for ev in data.events:
        out.write(json.dumps(record(ev, data.names), ensure_ascii=False))
        out.write("\n")
    return len(data.events)

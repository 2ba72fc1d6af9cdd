"""TimelineJS 3 JSON (Knight Lab): {"title": slide, "events": [slide, ...]}, ready for a TimelineJS embed.

A slide has a `start_date` object ({year, month, day}, as precise as the coded date), an `end_date`
for an interval, `text` ({headline, text}: the participants and type, then the evidence sentence
and its source, HTML-escaped because TimelineJS renders text as HTML), a `group` (the PLOVER type,
one row per type) and a `unique_id`. Events without any date cannot be placed, and reports of what did
not happen (negated or hypothetical) do not belong on a timeline: both are left out. A planned event
is kept and its headline says so.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date
from typing import IO, Any

from eastwatch.present.exports.layouts import ExportData
from eastwatch.present.exports.records import EventRecord, Named

EXTENSION = "json"
KINDS = ("events",)
BINARY = False
TITLE = "eastwatch events"
ARROW = " → "
PLANNED = "（計畫）"
ISO_PRECISION = re.compile(r"\d{4}(-\d{2})?(-\d{2})?")


def date_object(day: date, precision: int) -> dict[str, int]:
    """{year[, month[, day]]}; precision 1 = year, 2 = month, 3 = day."""
    parts = {"year": day.year, "month": day.month, "day": day.day}
    return dict(list(parts.items())[:precision])


def _precision(value: str | None) -> int:
    """How much of the date the text gave: a plain ISO year, month or day; intervals and others by day."""
    m = ISO_PRECISION.fullmatch(value or "")
    if not m:
        return 3
    return 1 + bool(m[1]) + bool(m[2])


def _label(ids: tuple[str, ...], countries: tuple[str, ...], names: dict[str, Named]) -> str:
    return "、".join(names[i].name if i in names else i for i in ids) or "、".join(countries)


def slide(ev: EventRecord, names: dict[str, Named]) -> dict[str, Any]:
    precision = _precision(ev.date)
    sides = _label(ev.actors, ev.source_countries, names), _label(ev.recipients, ev.target_countries, names)
    headline = ARROW.join(sides)
    source = " · ".join(p for p in (ev.doc.title, ev.doc.author, ev.doc.date) if p)
    out: dict[str, Any] = {
        "start_date": date_object(ev.date_start, precision),
        "text": {"headline": html.escape(f"{headline}：{ev.type}{PLANNED if ev.planned else ''}"),
                 "text": f"<p>{html.escape(ev.sentence)}</p><p><small>{html.escape(source)}</small></p>"},
        "group": ev.type,
        "unique_id": "ev-" + ev.id.replace(":", "-"),
    }
    if ev.date_end and ev.date_end != ev.date_start and precision == 3:
        out["end_date"] = date_object(ev.date_end, 3)
    return out


def timeline(data: ExportData) -> dict[str, Any]:
    placed = [ev for ev in data.events if ev.date_start and not (ev.negated or ev.hypothetical)]
    docs = len({ev.doc_id for ev in placed})
    return {"title": {"text": {"headline": TITLE, "text": f"{len(placed)} events from {docs} documents"}},
            "events": [slide(ev, data.names) for ev in placed]}


def write(data: ExportData, out: IO[str]) -> int:
    found = timeline(data)
    json.dump(found, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(found["events"])

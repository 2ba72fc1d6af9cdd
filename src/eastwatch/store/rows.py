"""Model objects <-> table rows, both ways, so a stored document reads back as the Document it was.

Spans become `start`/`end` columns, or `[start, end]` pairs inside JSON; tuples become JSON lists.
"""

from __future__ import annotations

import itertools
import operator
import zlib
from array import array
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from eastwatch.dates import iso_bounds
from eastwatch.kb import KB
from eastwatch.model import (
    Author,
    DocDate,
    Document,
    Entity,
    Event,
    Judgment,
    Mention,
    Meta,
    OffsetMap,
    Quantity,
    Section,
    Span,
    Structure,
    TextItem,
    TimeExpr,
)

Row = Mapping[str, Any]
OFFSET_TYPECODE = "i"  # the OffsetMap array's type: 4-byte signed ints
ZLIB_LEVEL = 1  # deltas of a repair map are nearly all 1s: level 1 already packs 80 KB to under 1 KB


# ---- small pieces --------------------------------------------------------------------------------


def span_pair(span: Span | None) -> list[int] | None:
    return [span.start, span.end] if span is not None else None


def pair_span(pair: list[int] | None) -> Span | None:
    return Span(pair[0], pair[1]) if pair is not None else None


def _item(item: TextItem | None) -> dict[str, Any] | None:
    return {"text": item.text, "span": span_pair(item.span)} if item else None


def _unitem(data: dict[str, Any] | None) -> TextItem | None:
    return TextItem(data["text"], pair_span(data["span"])) if data else None


def pack_offsets(offsets: OffsetMap) -> bytes | None:
    """The offset map as zlib-packed deltas (a few hundred bytes), or None when it is the identity."""
    # OffsetMap exposes no public view of its array; reading it directly avoids a Python loop per char.
    positions: array = offsets.positions
    # Positions strictly grow (repair deletes or replaces, never inserts), so only a map whose last entry
    # is len - 1 can be the identity: the full comparison runs just for those.
    if positions[-1:].tolist() == [len(positions) - 1] and positions == array(OFFSET_TYPECODE, range(len(positions))):
        return None
    deltas = array(OFFSET_TYPECODE, positions[:1])
    deltas.extend(map(operator.sub, positions[1:], positions[:-1]))
    return zlib.compress(deltas.tobytes(), ZLIB_LEVEL)


def unpack_offsets(packed: bytes | None, text_length: int) -> OffsetMap:
    if packed is None:
        return OffsetMap.identity(text_length)
    deltas = array(OFFSET_TYPECODE)
    deltas.frombytes(zlib.decompress(packed))
    return OffsetMap(array(OFFSET_TYPECODE, itertools.accumulate(deltas)))


# ---- Document -> rows ----------------------------------------------------------------------------


def _author(author: Author) -> dict[str, Any]:
    return {"name": author.name, "affiliation": author.affiliation, "position": author.position,
            "role": author.role, "span": span_pair(author.span)}


def _section(sec: Section) -> dict[str, Any]:
    return {"heading": sec.heading, "number": sec.number, "level": sec.level, "span": span_pair(sec.span),
            "body": span_pair(sec.body), "paragraphs": [span_pair(p) for p in sec.paragraphs]}


def structure_row(st: Structure) -> dict[str, Any]:
    """The documents columns the structure stage decides (rewritten by a reprocess)."""
    date_start, date_end = iso_bounds(st.date.value if st.date else None)
    return {
        "title": st.title, "number": st.number, "kind": st.kind,
        "date": st.date.value if st.date else None, "date_source": st.date.source if st.date else None,
        "date_evidence": span_pair(st.date.evidence) if st.date else None,
        "date_start": date_start, "date_end": date_end,
        "title_span": span_pair(st.title_span), "authors": [_author(a) for a in st.authors],
        "key_points": [_item(kp) for kp in st.key_points], "sections": [_section(s) for s in st.sections],
        "paragraphs": [span_pair(p) for p in st.paragraphs], "sentences": [span_pair(s) for s in st.sentences],
        "headline": _item(st.headline), "dateline": _item(st.dateline), "byline": _item(st.byline),
    }


def document_row(doc: Document) -> dict[str, Any]:
    meta = doc.meta
    return {
        "id": doc.id, "path": meta.path, "format": meta.format, "encoding": meta.encoding,
        **structure_row(doc.structure),
        "chars": len(doc.text), "text": doc.text, "raw_text": None if doc.raw == doc.text else doc.raw,
        "offsets": pack_offsets(doc.offsets),
        "meta": {"path": meta.path, "format": meta.format, "encoding": meta.encoding, "title": meta.title,
                 "author": meta.author, "date": meta.date, "url": meta.url, "site": meta.site},
        "ingested_at": datetime.now(UTC),
    }


def _spanned(doc_id: str, n: int, span: Span, text: str) -> dict[str, Any]:
    return {"doc_id": doc_id, "n": n, "start": span.start, "end": span.end, "text": text}


def mention_row(doc_id: str, n: int, m: Mention) -> dict[str, Any]:
    return {**_spanned(doc_id, n, m.span, m.text), "entity_id": m.entity_id, "type": m.type, "via": m.via,
            "title": m.title, "country": m.country}


def time_row(doc_id: str, n: int, t: TimeExpr) -> dict[str, Any]:
    date_start, date_end = iso_bounds(t.value) if t.kind == "date" else (None, None)
    return {**_spanned(doc_id, n, t.span, t.text), "value": t.value, "kind": t.kind, "anchor": t.anchor,
            "anchor_source": t.anchor_source, "date_start": date_start, "date_end": date_end}


def quantity_row(doc_id: str, n: int, q: Quantity) -> dict[str, Any]:
    return {**_spanned(doc_id, n, q.span, q.text), "value": q.value, "unit": q.unit}


def event_row(doc_id: str, n: int, ev: Event) -> dict[str, Any]:
    date_start, date_end = iso_bounds(ev.date)
    return {
        "doc_id": doc_id, "n": n, "type": ev.type, "mode": ev.mode, "cameo": ev.cameo, "quad": ev.quad,
        "score": ev.score,        "date": ev.date, "date_start": date_start, "date_end": date_end,
        "actors": list(ev.actors), "recipients": list(ev.recipients),
        "source_countries": list(ev.source_countries), "target_countries": list(ev.target_countries),
        "trigger_start": ev.trigger.start, "trigger_end": ev.trigger.end,
        "sentence_start": ev.sentence.start, "sentence_end": ev.sentence.end,
        "mentions": [span_pair(s) for s in ev.mentions], "location": ev.location,
        "negated": ev.negated, "planned": ev.planned, "hypothetical": ev.hypothetical, "historical": ev.historical,
        "date_source": ev.date_source,
    }


def judgment_row(doc_id: str, n: int, j: Judgment, doc_date: str | None) -> dict[str, Any]:
    return {**_spanned(doc_id, n, j.span, j.text), "likelihood": j.likelihood, "forecast": j.forecast,
            "cue": j.cue, "subjects": list(j.subjects), "key_point": j.key_point, "doc_date": doc_date,
            "resolution": None, "resolved_at": None, "note": None}


def fact_rows(doc: Document) -> dict[str, list[dict[str, Any]]]:
    """Rows for every fact table, keyed by table name, in document order."""
    return {
        "mentions": [mention_row(doc.id, n, m) for n, m in enumerate(doc.mentions)],
        "times": [time_row(doc.id, n, t) for n, t in enumerate(doc.times)],
        "quantities": [quantity_row(doc.id, n, q) for n, q in enumerate(doc.quantities)],
        "events": [event_row(doc.id, n, ev) for n, ev in enumerate(doc.events)],
        "judgments": [judgment_row(doc.id, n, j, doc.date) for n, j in enumerate(doc.judgments)],
    }


def entity_ids(doc: Document) -> set[str]:
    """Every knowledge-base id the document's facts point at."""
    ids = {m.entity_id for m in doc.mentions if m.entity_id}
    for ev in doc.events:
        ids.update(ev.actors, ev.recipients)
        if ev.location:
            ids.add(ev.location)
    return ids


def entity_row(ent: Entity) -> dict[str, Any]:
    return {"id": ent.id, "type": ent.type, "name": ent.name, "name_en": ent.name_en, "country": ent.country,
            "wikidata": ent.wikidata, "names": {k: list(v) for k, v in ent.names.items()},
            "aliases": list(ent.aliases)}


def entity_rows(kb: KB, ids: set[str]) -> list[dict[str, Any]]:
    return [entity_row(kb.entities[i]) for i in sorted(ids) if i in kb.entities]


# ---- rows -> model objects -----------------------------------------------------------------------


def structure_from_row(row: Row) -> Structure:
    evidence = pair_span(row["date_evidence"])
    return Structure(
        kind=row["kind"] or "other", number=row["number"], title=row["title"],
        title_span=pair_span(row["title_span"]),
        authors=[Author(a["name"], a["affiliation"], a["position"], a["role"], pair_span(a["span"]))
                 for a in row["authors"] or []],
        key_points=[_unitem(kp) for kp in row["key_points"] or []],
        sections=[Section(s["heading"], s["number"], s["level"], pair_span(s["span"]), pair_span(s["body"]),
                          tuple(pair_span(p) for p in s["paragraphs"])) for s in row["sections"] or []],
        paragraphs=[pair_span(p) for p in row["paragraphs"] or []],
        sentences=[pair_span(s) for s in row["sentences"] or []],
        headline=_unitem(row["headline"]), dateline=_unitem(row["dateline"]), byline=_unitem(row["byline"]),
        date=DocDate(row["date"], row["date_source"], evidence) if row["date"] else None,
    )


def document_from_row(row: Row) -> Document:
    """The Document of a documents row, without facts (see facts_from_rows)."""
    text = row["text"]
    return Document(id=row["id"], text=text, offsets=unpack_offsets(row["offsets"], len(text)),
                    meta=Meta(**row["meta"]), raw=text if row["raw_text"] is None else row["raw_text"],
                    structure=structure_from_row(row))


def mention_from_row(r: Row) -> Mention:
    return Mention(Span(r["start"], r["end"]), r["text"], r["entity_id"], r["type"], r["via"], r["title"],
                   r["country"])


def time_from_row(r: Row) -> TimeExpr:
    return TimeExpr(Span(r["start"], r["end"]), r["text"], r["value"], r["kind"], r["anchor"],
                    r["anchor_source"])


def quantity_from_row(r: Row) -> Quantity:
    return Quantity(Span(r["start"], r["end"]), r["text"], r["value"], r["unit"])


def event_from_row(r: Row) -> Event:
    return Event(
        type=r["type"], mode=r["mode"], cameo=r["cameo"], quad=r["quad"], score=r["score"], date=r["date"],
        actors=tuple(r["actors"]), recipients=tuple(r["recipients"]),
        source_countries=tuple(r["source_countries"]), target_countries=tuple(r["target_countries"]),
        trigger=Span(r["trigger_start"], r["trigger_end"]),
        sentence=Span(r["sentence_start"], r["sentence_end"]),
        mentions=tuple(pair_span(p) for p in r["mentions"]), location=r["location"], negated=r["negated"],
        planned=r["planned"], hypothetical=r["hypothetical"], historical=r["historical"],
        date_source=r["date_source"],
    )


def judgment_from_row(r: Row) -> Judgment:
    return Judgment(Span(r["start"], r["end"]), r["text"], r["likelihood"], r["forecast"], r["cue"],
                    tuple(r["subjects"]), r["key_point"])


FROM_ROW = {"mentions": mention_from_row, "times": time_from_row, "quantities": quantity_from_row,
            "events": event_from_row, "judgments": judgment_from_row}

"""A Document as the extraction contract's JSON (shared/eval/CONTRACT.md), plus our own extra keys."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict
from typing import Any

from eastwatch.kb import KB
from eastwatch.model import Document, Mention, Span


def _span(span: Span | None) -> dict[str, int] | None:
    return {"start": span.start, "end": span.end} if span else None


def document_part(doc: Document, with_text: bool = True) -> dict[str, Any]:
    st = doc.structure
    out: dict[str, Any] = {
        "id": doc.id,
        "path": doc.meta.path,
        "format": doc.meta.format,
        "kind": st.kind,
        "number": st.number,
        "title": st.title,
        "authors": [
            {"name": a.name, "affiliation": a.affiliation, "position": a.position, "role": a.role,
             **(_span(a.span) or {})}
            for a in st.authors
        ],
        "key_points": [kp.text for kp in st.key_points],
        "sections": [
            {"heading": s.heading, "number": s.number, "level": s.level, **_span(s.span),
             "body": _span(s.body)}
            for s in st.sections
        ],
        "headline": st.headline.text if st.headline else None,
        "dateline": st.dateline.text if st.dateline else None,
        "byline": st.byline.text if st.byline else None,
        "date": st.date.value if st.date else None,
        "date_source": st.date.source if st.date else None,
        "date_evidence": _span(st.date.evidence) if st.date else None,
        "paragraphs": len(st.paragraphs),
        "sentences": len(st.sentences),
    }
    if with_text:
        out["text"] = doc.text
    return out


def entities_part(doc: Document, kb: KB) -> list[dict[str, Any]]:
    """One entry per real-world entity: KB entities by id, unlinked names by their text."""
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in doc.mentions:
        groups[("kb", m.entity_id) if m.entity_id else ("new", f"{m.type}:{m.text}")].append(m)
    out = []
    for (kind, key), mentions in groups.items():
        first = mentions[0]
        mention_rows = [{"text": m.text, "start": m.span.start, "end": m.span.end, "via": m.via}
                        for m in mentions]
        ent = kb.entities.get(key) if kind == "kb" else None
        if ent is None:
            out.append({"id": None, "name": first.text, "name_en": None, "type": first.type,
                        "country": first.country, "wikidata": None, "aliases": [],
                        "title": first.title, "mentions": mention_rows})
            continue
        aliases = sorted({n for names in ent.names.values() for n in names} | set(ent.aliases))
        row: dict[str, Any] = {"id": ent.id, "name": ent.name, "name_en": ent.name_en, "type": _contract_type(ent.type),
                               "kind": ent.type,
                               "country": ent.country, "wikidata": ent.wikidata, "aliases": aliases,
                               "mentions": mention_rows}
        if ent.type == "person":
            row["offices"] = [
                {"post": occ.post, "title": _post_name(kb, occ.post), "start": occ.start, "end": occ.end}
                for occ in kb.offices_on(ent.id, doc.date)
            ]
        out.append(row)
    return out


def _contract_type(kind: str) -> str:
    """The contract's closed list of types has no region: seas, straits and regions are reported as other."""
    return "other" if kind == "region" else kind


def _post_name(kb: KB, post_id: str) -> str | None:
    post = kb.posts.get(post_id)
    if not post:
        return None
    names = post.names.get("zh-Hant") or post.names.get("en") or ()
    return names[0] if names else None


def to_contract(doc: Document, kb: KB, with_text: bool = True) -> dict[str, Any]:
    return {
        "document": document_part(doc, with_text=with_text),
        "entities": entities_part(doc, kb),
        "times": [
            {"text": t.text, "start": t.span.start, "end": t.span.end, "value": t.value, "kind": t.kind,
             "anchor": t.anchor, "anchor_source": t.anchor_source}
            for t in doc.times
        ],
        "quantities": [
            {"text": q.text, "start": q.span.start, "end": q.span.end, "value": q.value, "unit": q.unit}
            for q in doc.quantities
        ],
        # what happened; negated, planned and hypothetical events are kept apart, flagged
        "events": [_event(doc, ev) for ev in doc.events if not (ev.negated or ev.planned or ev.hypothetical)],
        "other_events": [_event(doc, ev) for ev in doc.events if ev.negated or ev.planned or ev.hypothetical],
        "judgments": [
            {"text": j.text, "start": j.span.start, "end": j.span.end, "likelihood": j.likelihood,
             "forecast": j.forecast, "cue": j.cue, "subjects": list(j.subjects), "key_point": j.key_point,
             "document_date": doc.date}
            for j in doc.judgments
        ],
    }


def _event(doc: Document, ev: Any) -> dict[str, Any]:
    row = asdict(ev)
    for key in ("trigger", "sentence"):
        row[key] = _span(getattr(ev, key))
    row["mentions"] = [{"start": s.start, "end": s.end, "text": doc.at(s)} for s in ev.mentions]
    row["text"] = doc.at(ev.sentence)
    for key in ("actors", "recipients", "source_countries", "target_countries"):
        row[key] = list(row[key])
    return row

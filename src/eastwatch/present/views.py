"""Rich renderings for the terminal. Pure functions of (console, data); no logic of their own."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Column, Table
from rich.text import Text

from eastwatch.kb import KB
from eastwatch.model import Document, Entity

TOP_NAMED = 8  # people and bodies listed in the text view
JUDGMENT_CHARS = 60  # a judgment's first characters in the text view


@contextmanager
def progress(console: Console) -> Iterator[Progress]:
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=console, transient=True, disable=not console.is_terminal)
    with bar:
        yield bar


def document(console: Console, doc: Document, kb: KB) -> None:
    st = doc.structure
    console.rule(f"{st.number + '、' if st.number else ''}{st.title or doc.meta.path}")
    console.print(f"file: {doc.meta.path}  id: {doc.id[:12]}  kind: {st.kind}  "
                  f"date: {st.date.value if st.date else '?'} ({st.date.source if st.date else '-'})")
    for a in st.authors:
        console.print(f"author: {a.name}  {a.affiliation or ''} {a.position or ''}".rstrip())
    for line in (st.headline, st.dateline, st.byline):
        if line:
            console.print(line.text)
    if st.key_points:
        console.print(Text("key points", style="bold"))
        for kp in st.key_points:
            console.print(f"  • {kp.text}", markup=False)
    for sec in st.sections:
        console.print(f"{'  ' * (sec.level - 1)}{sec.number or ''} {sec.heading}", markup=False)
    counts = Counter(m.type for m in doc.mentions)
    console.print(f"{len(st.paragraphs)} paragraphs, {len(st.sentences)} sentences, "
                  f"{len(doc.mentions)} mentions ({', '.join(f'{k} {v}' for k, v in counts.items())}), "
                  f"{len(doc.times)} times, {len(doc.events)} events, {len(doc.judgments)} judgments")
    named = Counter(m.entity_id or m.text for m in doc.mentions if m.type != "state")
    if named:
        console.print("most named: " + ", ".join(
            f"{kb.entities[k].name if k in kb.entities else k} {n}" for k, n in named.most_common(TOP_NAMED)))
    for ev in doc.events:
        flags = " ".join(f for f, on in (("negated", ev.negated), ("planned", ev.planned),
                                          ("hypothetical", ev.hypothetical)) if on)
        console.print(f"  {ev.date or '?':<23} {ev.type:<9} {','.join(ev.source_countries) or '?'}→"
                      f"{','.join(ev.target_countries) or '?'} {flags}  «{doc.at(ev.trigger)}»")
    for j in doc.judgments:
        console.print(f"  [{j.likelihood or '-'}] {j.text[:JUDGMENT_CHARS]}")


def ingest_summary(console: Console, report: Any) -> None:
    reasons = Counter(f.reason for f in report.failures)
    why = f" ({', '.join(f'{n} {r}' for r, n in reasons.most_common())})" if reasons else ""
    console.print(f"ingested {report.added} new of {report.seen} files; {report.skipped} already stored; "
                  f"{len(report.failures)} failed{why}; nothing already stored changed", markup=False)
    if getattr(report, "totals", None):
        console.print("stored: " + ", ".join(f"{v} {k}" for k, v in report.totals.items()), markup=False)


def document_list(console: Console, rows: list[dict[str, Any]]) -> None:
    table = Table(Column("id", no_wrap=True), "date", "title", "authors", Column("file", overflow="fold"), box=None)
    for r in rows:
        table.add_row(r["id"][:12], r.get("date") or "", r.get("title") or "", r.get("authors") or "",
                      r.get("path") or "")
    console.print(table)
    console.print(f"{len(rows)} documents")


def stored_document(console: Console, row: dict[str, Any]) -> None:
    console.rule(row.get("title") or row["id"])
    for key in ("id", "path", "format", "date", "authors", "kind"):
        if row.get(key):
            console.print(f"{key}: {row[key]}", markup=False)
    console.print()
    console.print(row.get("text") or "", markup=False)


def entity_table(console: Console, kb: KB, ents: list[Entity]) -> None:
    table = Table(Column("id", no_wrap=True), "type", "name", "en", "country", "wikidata", box=None)
    for ent in ents:
        table.add_row(ent.id, ent.type, " / ".join(dict.fromkeys(n for ns in ent.names.values() for n in ns
                                                                if n != ent.name_en)),
                      ent.name_en or "", ent.country or "", ent.wikidata or "")
    console.print(table)


def kb_summary(console: Console, kb: KB) -> None:
    types = Counter(ent.type for ent in kb.entities.values())
    console.print(f"knowledge base OK: {len(kb.entities)} entities ("
                  + ", ".join(f"{n} {t}" for t, n in types.most_common())
                  + f"), {len(kb.posts)} posts, {len(kb.occupancies)} terms of office, "
                  f"{len(kb.lexicons)} lexicons", markup=False)


def contract_entities(console: Console, rows: list[dict[str, Any]]) -> None:
    """The entities of one document (contract rows): name, type, state, office held, mentions."""
    table = Table("name", "type", "country", "en", "office at the document date", "mentions", "id", box=None)
    for r in sorted(rows, key=lambda r: (-len(r["mentions"]), r["name"])):
        office = ", ".join(o["title"] or o["post"] for o in r.get("offices") or [])
        if r.get("title") and not office:
            office = f"({r['title']})"
        table.add_row(r["name"], r.get("kind") or r["type"], r.get("country") or "", r.get("name_en") or "", office,
                      str(len(r["mentions"])), r.get("id") or "(not in the knowledge base)")
    console.print(table)


def contract_times(console: Console, rows: list[dict[str, Any]]) -> None:
    table = Table("text", "value", "kind", "anchor", "at", box=None)
    for r in rows:
        anchor = f"{r['anchor']} ({r['anchor_source']})" if r.get("anchor") else ""
        table.add_row(r["text"], r["value"] or "—", r["kind"], anchor, f"{r['start']}–{r['end']}")
    console.print(table)


def write_csv(stream: Any, rows: list[dict[str, Any]]) -> None:
    """Rows as CSV; nested values (lists, dicts) as JSON."""
    import csv
    import json

    if not rows:
        return
    writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
    writer.writeheader()
    for r in rows:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                         for k, v in r.items()})

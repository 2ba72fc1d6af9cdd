"""The actor network: a directed graph of who did what to whom, from the cross-document events.

Nodes are states (ISO3) or, at entity level, the knowledge-base entities named as actors and recipients
(states standing in when an event names no person or organisation on a side). An edge source→target
carries the events on it: their count (weight), counts per quad class, summed and mean score, net
cooperation, and the spells (date intervals) they cover, so Gephi's timeline can animate the GEXF.
Each edge counts an event once. An event with no stated initiator (talks coded with targets only) is an
interaction both ways and is counted on both directed edges between its parties.
"""

from __future__ import annotations

import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta
from itertools import permutations
from pathlib import Path
from typing import Any

import networkx as nx
import sqlalchemy as sa

from eastwatch.analyse.dyads import COOPERATIVE_QUADS, QUADS, SCORE_DIGITS
from eastwatch.analyse.events import CorpusEvent, EventFilter, reading, select_events
from eastwatch.analyse.resolve import QueryError
from eastwatch.store.tables import entities

FORMATS = ("gexf", "graphml", "json")
LEVELS = ("state", "entity")
STATE_PREFIX = "state/"
GEXF_DATE = re.compile(r'lastmodifieddate="[^"]*"')
FIXED_DATE = "1970-01-01"  # for a graph with no dated event


def _sides(event: CorpusEvent, level: str) -> tuple[list[str], list[str]]:
    if level == "state":
        return list(event.source_countries), list(event.target_countries)
    sources = list(event.actors) or [STATE_PREFIX + c for c in event.source_countries]
    targets = [r for r in event.recipients if r not in sources] or [STATE_PREFIX + c for c in event.target_countries]
    return sources, targets


def pairs(event: CorpusEvent, level: str = "state") -> list[tuple[str, str]]:
    """The directed edges an event adds (no self-loops)."""
    sources, targets = _sides(event, level)
    if not sources:  # no initiator: every ordered pair of the parties named
        return list(permutations(dict.fromkeys(targets), 2))
    return [(s, t) for s in dict.fromkeys(sources) for t in dict.fromkeys(targets) if s != t]


def _spells(days: Iterable[tuple[date, date]]) -> list[tuple[str, str]]:
    """Overlapping or touching intervals joined (GEXF spells of one edge must not overlap)."""
    out: list[list[date]] = []
    for start, end in sorted(days):
        if out and start <= out[-1][1] + timedelta(days=1):
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(s.isoformat(), e.isoformat()) for s, e in out]


def _edge_data(found: list[CorpusEvent]) -> dict[str, Any]:
    quads = {name: sum(1 for e in found if e.quad == q) for q, name in QUADS.items()}
    scores = [e.score for e in found if e.score is not None]
    coop = sum(1 for e in found if e.quad in COOPERATIVE_QUADS)
    dated = [(e.date_start, e.date_end) for e in found if e.date_start and e.date_end]
    data: dict[str, Any] = {
        "weight": len(found), **quads, "score_sum": round(sum(scores), SCORE_DIGITS),
        "score_mean": round(sum(scores) / len(scores), SCORE_DIGITS) if scores else 0.0,
        "net": coop - sum(1 for e in found if e.quad is not None and e.quad not in COOPERATIVE_QUADS),
        "documents": sum(e.documents for e in found), "events": ",".join(str(e.id) for e in found),
    }
    if dated:
        data["spells"] = _spells(dated)
        data["first"], data["last"] = min(d[0] for d in dated).isoformat(), max(d[1] for d in dated).isoformat()
    return data


def build(found: list[CorpusEvent], labels: dict[str, dict[str, Any]], level: str = "state") -> nx.DiGraph:
    """The graph of these events; `labels` gives node attributes by node id."""
    edges: dict[tuple[str, str], list[CorpusEvent]] = defaultdict(list)
    for event in found:
        for pair in pairs(event, level):
            edges[pair].append(event)
    graph = nx.DiGraph(level=level)
    for (source, target), on_edge in sorted(edges.items()):
        for node in (source, target):
            if node not in graph:
                graph.add_node(node, **labels.get(node, {"label": node}))
        graph.add_edge(source, target, **_edge_data(on_edge))
    for node in graph:  # a node appears on the timeline with its first event
        firsts = [d["first"] for *_, d in graph.edges(node, data=True) if "first" in d]
        firsts += [d["first"] for *_, d in graph.in_edges(node, data=True) if "first" in d]
        if firsts:
            graph.nodes[node]["start"] = min(firsts)
    return graph


def _labels(conn: sa.Connection, level: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for row in conn.execute(sa.select(entities.c.id, entities.c.type, entities.c.name, entities.c.name_en,
                                      entities.c.country)):
        node = row.id.removeprefix(STATE_PREFIX) if level == "state" else row.id
        if level == "state" and row.type != "state":
            continue
        out[node] = {"label": row.name, "name_en": row.name_en or "", "type": row.type, "country": row.country or ""}
    return out


def graph(db_url: str, level: str = "state", filters: EventFilter | None = None) -> nx.DiGraph:
    """The actor network of the events `filters` selects (default: every event that happened)."""
    if level not in LEVELS:
        raise QueryError(f"--level {level!r} is not a level; use {' or '.join(LEVELS)}")
    with reading(db_url) as conn:
        found = select_events(conn, replace(filters or EventFilter(), with_sources=False))  # edges need no sources
        labels = _labels(conn, level)
    return build(found, labels, level)


def _static(graph_in: nx.DiGraph) -> nx.DiGraph:
    """A copy without list-valued attributes (GraphML holds only scalars; first/last stay)."""
    out = graph_in.copy()
    for *_, data in out.edges(data=True):
        data.pop("spells", None)
    return out


def dumps(graph_in: nx.DiGraph, fmt: str) -> str:
    """The graph as GEXF 1.2 (dynamic, with spells), GraphML, or node-link JSON."""
    if fmt not in FORMATS:
        raise QueryError(f"--format {fmt!r} is not a graph format; use {', '.join(FORMATS)}")
    if fmt == "json":
        return json.dumps(nx.node_link_data(graph_in, edges="edges"), ensure_ascii=False, indent=1) + "\n"
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(_static(graph_in), buffer)
        return buffer.getvalue().decode("utf-8") + "\n"
    nx.write_gexf(graph_in.copy(), buffer)  # the writer pops spells from the data it is given
    # The writer stamps today's date; the data's last date keeps the same corpus writing the same file.
    last = max((d["last"] for *_, d in graph_in.edges(data=True) if "last" in d), default=FIXED_DATE)
    return GEXF_DATE.sub(f'lastmodifieddate="{last}"', buffer.getvalue().decode("utf-8"), count=1)


def write(graph_in: nx.DiGraph, fmt: str, out: str | Path) -> Path:
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(graph_in, fmt), encoding="utf-8")
    return path

"""The dyadic relations index: per period and direction, events by quad class, scores and net cooperation.

Directions, for the pair (A, B):
  "A→B"  A is a source and B a target (and not the other way round as well);
  "B→A"  the reverse;
  "both" a mutual event, counted once here and in neither one-way row: each is source and target of the
         other, or they are the only sides named and none is the initiator (talks coded with no source, a
         joint act coded with no target).
An event where A and B are on the same side against a third state is not an A–B interaction and is left out.

Net cooperation is a count: (verbal + material cooperation events) − (verbal + material conflict events),
so one drill does not outweigh ten meetings as a summed score would; the summed and mean scores (PLOVER
cooperation–conflict, −10..+10) are reported beside it. Cross-document events are counted once however
many documents report them; an event belongs to the period its first day falls in.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from eastwatch.analyse.corpus import parties
from eastwatch.analyse.events import CorpusEvent, EventFilter, event_query, reading
from eastwatch.analyse.resolve import QueryError, party_key
from eastwatch.analyse.tables import corpus_event_parties
from eastwatch.analyse.tables import corpus_events as merged

PERIODS = ("month", "quarter", "year")
QUADS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
COOPERATIVE_QUADS = (1, 2)
SCORE_DIGITS = 2
BOTH = "both"


@dataclass(frozen=True, slots=True)
class Counted:
    """An event as the index counts it."""

    id: int
    day: str  # its first day, ISO
    quad: int | None
    score: float | None
    direction: str


@dataclass(frozen=True, slots=True)
class DyadRow:
    period: str
    direction: str  # "CHN→JPN", "JPN→CHN" or "both"
    events: int
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    score_sum: float
    score_mean: float | None
    net: int  # cooperative minus conflictual events


@dataclass
class Dyad:
    a: str
    b: str
    by: str
    rows: list[DyadRow] = field(default_factory=list)
    undated: int = 0  # events between them with no date, in no period
    counted: list[Counted] = field(default_factory=list)  # the events behind the rows

    @property
    def directions(self) -> tuple[str, str, str]:
        return f"{self.a}→{self.b}", f"{self.b}→{self.a}", BOTH


def period_of(day: str, by: str) -> str:
    """The period an ISO day (YYYY-MM-DD) falls in."""
    if by == "month":
        return day[:7]
    if by == "quarter":
        return f"{day[:4]}-Q{(int(day[5:7]) - 1) // 3 + 1}"
    return day[:4]


def next_period(period: str, by: str) -> str:
    """The period after `period` (as period_of writes it)."""
    if by == "year":
        return str(int(period) + 1)
    year, part = period.split("-")
    last = 12 if by == "month" else 4
    number = int(part.removeprefix("Q"))
    year, number = (int(year) + 1, 1) if number == last else (int(year), number + 1)
    return f"{year}-{number:02d}" if by == "month" else f"{year}-Q{number}"


def period_range(first: str, last: str, by: str) -> list[str]:
    """Every period from first to last inclusive, so a plot's axis shows quiet periods as zeros."""
    out = [first]
    while out[-1] < last:
        out.append(next_period(out[-1], by))
    return out


def classify(a_src: bool, a_tgt: bool, b_src: bool, b_tgt: bool, any_src: bool, any_tgt: bool,
             a: str, b: str) -> str | None:
    """The direction name from which sides a and b are on (see the module docstring), or None."""
    forward, backward = a_src and b_tgt, b_src and a_tgt
    if forward and backward:
        return BOTH
    if forward:
        return f"{a}→{b}"
    if backward:
        return f"{b}→{a}"
    if (not any_src and a_tgt and b_tgt) or (not any_tgt and a_src and b_src):
        return BOTH
    return None


def direction(event: CorpusEvent, a: str, b: str) -> str | None:
    """The direction of an event for the pair (a, b) (party keys), or None when it is not between them."""
    sides = parties({"source_countries": event.source_countries, "target_countries": event.target_countries,
                     "actors": event.actors, "recipients": event.recipients})
    src = {p for p, role in sides if role == "source"}
    tgt = {p for p, role in sides if role == "target"}
    return classify(a in src, a in tgt, b in src, b in tgt, bool(src), bool(tgt), a, b)


def _flag(condition: Any) -> Any:
    return sa.func.max(sa.case((condition, 1), else_=0))


def _sides_query(conn: Connection, a: str, b: str, filters: EventFilter) -> sa.Select:
    """Per event between a and b: id, first day, quad, score and which sides a and b are on, aggregated in
    SQL from the parties table (a dyad over years reads tens of thousands of events)."""
    p = corpus_event_parties
    ids = event_query(conn, filters).with_only_columns(merged.c.id).order_by(None)
    # The first day as ISO text, not a date object: periods are slices of it, and parsing ten thousand
    # dates was a third of the time. (SQLite stores the text; PostgreSQL casts a date to it.)
    day = sa.cast(merged.c.date_start, sa.String)
    return (sa.select(merged.c.id, day, merged.c.quad, merged.c.score,
                      _flag(sa.and_(p.c.party == a, p.c.role == "source")),
                      _flag(sa.and_(p.c.party == a, p.c.role == "target")),
                      _flag(sa.and_(p.c.party == b, p.c.role == "source")),
                      _flag(sa.and_(p.c.party == b, p.c.role == "target")),
                      _flag(p.c.role == "source"), _flag(p.c.role == "target"))
            .join(p, p.c.event_id == merged.c.id).where(merged.c.id.in_(ids))
            .group_by(merged.c.id, day, merged.c.quad, merged.c.score)
            .order_by(day, merged.c.id))  # sorted in SQL: the counted events come out in date order


def _row(period: str, name: str, found: list[Counted]) -> DyadRow:
    quads = Counter(e.quad for e in found)
    scores = [e.score for e in found if e.score is not None]
    coop = sum(quads[q] for q in COOPERATIVE_QUADS)
    conflict = sum(quads[q] for q in QUADS if q not in COOPERATIVE_QUADS)
    return DyadRow(period, name, len(found), *(quads[q] for q in QUADS), round(float(sum(scores)), SCORE_DIGITS),
                   round(sum(scores) / len(scores), SCORE_DIGITS) if scores else None, coop - conflict)


def dyad(db_url: str, a: str, b: str, by: str = "month", since: str | None = None, until: str | None = None,
         include_all: bool = False) -> Dyad:
    """The index for the pair (a, b): ISO3 codes, entity ids or stored names."""
    if by not in PERIODS:
        raise QueryError(f"--by {by!r} is not a period; use {', '.join(PERIODS)}")
    with reading(db_url) as conn:
        key_a, key_b = party_key(conn, a), party_key(conn, b)
        if key_a == key_b:
            raise QueryError(f"a dyad needs two different parties; {a!r} and {b!r} are the same")
        filters = EventFilter(involving=(key_a, key_b), since=since, until=until, include_all=include_all)
        found = conn.execute(_sides_query(conn, key_a, key_b, filters)).all()
    out = Dyad(key_a, key_b, by)
    cells: dict[tuple[str, str], list[Counted]] = defaultdict(list)
    for event_id, day, quad, score, *sides in found:
        name = classify(*map(bool, sides), key_a, key_b)
        if name is None:
            continue
        if day is None:
            out.undated += 1
            continue
        counted = Counted(event_id, day, quad, score, name)
        cells[(period_of(day, by), name)].append(counted)
        out.counted.append(counted)
    for period in sorted({p for p, _ in cells}):
        out.rows.extend(_row(period, name, cells.get((period, name), [])) for name in out.directions)
    return out

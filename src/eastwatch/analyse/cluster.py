"""Reports of one real event in several documents -> one cross-document event.

Two reports are the same event when they have the same type, the same status (happened, negated, planned,
hypothetical), the same set of countries (sources and targets together: one outlet's "China met Japan and
Korea" is another's "Korea hosted China and Japan") and overlapping dates. A merged event keeps the
intersection of its reports' dates (the narrower date), every source, and the count of documents and mentions.

Two reports from the same document never merge here: the document's own events stage already decided that
they are different events. Pure functions; corpus.py reads and writes the tables.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from statistics import fmean
from typing import Any

from eastwatch.dates import iso_bounds

# A report dated more loosely than this (a year, a quarter, "2010s") cannot be pinned to one real event,
# so it stays an event of its own rather than being folded into whichever meeting came first. A month is
# still precise enough: a "December summit" of the same three states is one summit.
MAX_MERGE_DAYS = 31
SCORE_DIGITS = 2


@dataclass(frozen=True, slots=True)
class Report:
    """One stored event row (one document's account of an event), as clustering needs it."""

    doc_id: str
    n: int
    type: str
    status: str
    countries: frozenset[str]
    start: date | None
    end: date | None
    date: str | None
    quad: int | None = None
    score: float | None = None
    mode: str | None = None
    cameo: str | None = None
    sources: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    location: str | None = None
    mentions: int = 1

    @property
    def key(self) -> str:
        return event_key(self.type, self.status, self.countries)

    @property
    def width(self) -> int | None:
        return (self.end - self.start).days if self.start and self.end else None


@dataclass
class Cluster:
    start: date | None
    end: date | None
    members: list[Report] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)

    def add(self, report: Report) -> None:
        self.members.append(report)
        self.docs.add(report.doc_id)


def event_key(event_type: str, status: str, countries: Iterable[str]) -> str:
    return f"{event_type}|{status}|{','.join(sorted(countries))}"


def status(negated: bool, planned: bool, hypothetical: bool) -> str:
    """One word for what the text says about the event; only "happened" events are counted by default."""
    if negated:
        return "negated"
    if hypothetical:
        return "hypothetical"
    if planned:
        return "planned"
    return "happened"


# The events columns make_report takes, in order: corpus.py selects them positionally.
REPORT_COLUMNS = ("doc_id", "n", "type", "mode", "cameo", "quad", "score", "date", "date_start", "date_end",
                  "actors", "recipients", "source_countries", "target_countries", "mentions", "location",
                  "negated", "planned", "hypothetical")


def make_report(doc_id: str, n: int, type: str, mode: str | None, cameo: str | None, quad: int | None,
                score: float | None, date: str | None, date_start: date | None, date_end: date | None,
                actors: list[str], recipients: list[str], source_countries: list[str], target_countries: list[str],
                mentions: list[Any] | None, location: str | None, negated: bool, planned: bool,
                hypothetical: bool) -> Report:
    """A Report from an events row's values (REPORT_COLUMNS)."""
    sources, targets = tuple(source_countries), tuple(target_countries)
    if date_start is None and date:
        date_start, date_end = iso_bounds(date)
    return Report(doc_id, n, type, status(negated, planned, hypothetical), frozenset(sources + targets),
                  date_start, date_end, date, quad, score, mode, cameo, sources, targets, tuple(actors),
                  tuple(recipients), location, max(1, len(mentions or ())))


def report_from_row(row: Mapping[str, Any]) -> Report:
    """A Report from an events row (a mapping with the store's column names)."""
    return make_report(**{name: row[name] for name in REPORT_COLUMNS})


def cluster(reports: Iterable[Report]) -> list[Cluster]:
    """Every report in exactly one cluster; clusters in a stable order (by key, then first member)."""
    groups: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        groups[report.key].append(report)
    out: list[Cluster] = []
    for key in sorted(groups):
        out.extend(_cluster_group(groups[key]))
    return out


def _cluster_group(reports: list[Report]) -> list[Cluster]:
    """Narrowest dates first, so a month-dated report joins the day-dated event it matches."""
    mergeable = [r for r in reports if r.width is not None and r.width < MAX_MERGE_DAYS]
    mergeable.sort(key=lambda r: (r.width, r.start, r.doc_id, r.n))
    clusters: list[Cluster] = []
    by_start: list[tuple[int, int]] = []  # (cluster start as an ordinal, cluster index), sorted
    widest = 0  # no cluster is wider than this, which bounds how far back an overlap can start
    for report in mergeable:
        found = _best(clusters, by_start, report, widest)
        if found is None:
            clusters.append(Cluster(report.start, report.end))
            found = len(clusters) - 1
            insort(by_start, (report.start.toordinal(), found))
            widest = max(widest, report.width)
        _join(clusters[found], found, by_start, report)
    singles = sorted((r for r in reports if r.width is None or r.width >= MAX_MERGE_DAYS),
                     key=lambda r: (r.doc_id, r.n))
    for report in singles:
        clusters.append(Cluster(report.start, report.end))
        clusters[-1].add(report)
    return clusters


def _best(clusters: list[Cluster], by_start: list[tuple[int, int]], report: Report, widest: int) -> int | None:
    """The cluster overlapping the report with the most documents (then the earliest), or None."""
    lo = bisect_left(by_start, (report.start.toordinal() - widest, -1))
    hi = bisect_right(by_start, (report.end.toordinal(), len(clusters)))
    best: int | None = None
    for _, index in by_start[lo:hi]:
        candidate = clusters[index]
        if candidate.end < report.start or report.doc_id in candidate.docs:
            continue
        if best is None or (len(candidate.docs), -candidate.start.toordinal(), -index) > (
                len(clusters[best].docs), -clusters[best].start.toordinal(), -best):
            best = index
    return best


def _join(target: Cluster, index: int, by_start: list[tuple[int, int]], report: Report) -> None:
    """Add the report and narrow the cluster's dates to the overlap."""
    start, end = max(target.start, report.start), min(target.end, report.end)
    if start != target.start:
        by_start.remove((target.start.toordinal(), index))
        insort(by_start, (start.toordinal(), index))
    target.start, target.end = start, end
    target.add(report)


def _most_common(values: Iterable[Any]) -> Any:
    """The most frequent value; ties go to the one seen first (the narrowest report)."""
    counts = Counter(values)
    return max(counts, key=lambda v: counts[v]) if counts else None


def _date(found: Cluster) -> str | None:
    """The narrowest report's date when it is exactly the overlap, else the overlap as an ISO interval."""
    first = found.members[0]
    if found.start is None or (found.start, found.end) == (first.start, first.end):
        return first.date
    if found.start == found.end:
        return found.start.isoformat()
    return f"{found.start.isoformat()}/{found.end.isoformat()}"


def _single(found: Cluster) -> dict[str, Any]:
    """summary() of a one-report cluster, the common case, without the counting."""
    r = found.members[0]
    return {"type": r.type, "status": r.status, "mode": r.mode, "cameo": r.cameo, "quad": r.quad,
            "score": r.score, "date": r.date, "date_start": r.start, "date_end": r.end,
            "source_countries": list(r.sources), "target_countries": list(r.targets), "actors": list(r.actors),
            "recipients": list(r.recipients), "location": r.location, "documents": 1, "mentions": r.mentions}


def summary(found: Cluster) -> dict[str, Any]:
    """The cross-document event's columns (corpus_events without id and key)."""
    members = found.members
    if len(members) == 1:
        return _single(found)
    first = members[0]
    roles = _most_common((r.sources, r.targets) for r in members)
    scores = [r.score for r in members if r.score is not None]
    return {
        "type": first.type, "status": first.status,
        "mode": _most_common(r.mode for r in members), "cameo": _most_common(r.cameo for r in members),
        "quad": _most_common(r.quad for r in members),
        "score": round(fmean(scores), SCORE_DIGITS) if scores else None,
        "date": _date(found), "date_start": found.start, "date_end": found.end,
        "source_countries": list(roles[0]), "target_countries": list(roles[1]),
        "actors": list(dict.fromkeys(a for r in members for a in r.actors)),
        "recipients": list(dict.fromkeys(a for r in members for a in r.recipients)),
        "location": next((r.location for r in members if r.location), None),
        "documents": len(found.docs), "mentions": sum(r.mentions for r in members),
    }

"""The forecast registry: stored judgments with stable ids, their resolutions, and calibration scores.

A judgment's id is the first 12 hex digits of its document's id, a colon and its place in that
document's list ("3fa9c2b1d0e4:7"): stable across runs because the document id is the hash of the
file's bytes, short enough to type. `resolve` records whether a forecast came true; `calibration`
scores the resolved ones with the Brier score, overall, per ICD 203 likelihood term and per author
or outlet.

ICD 203 (US Intelligence Community Directive 203, Analytic Standards, 2015) pairs each expression of
likelihood with a probability range. We score a judgment at the midpoint of its term's range;
"uncertain" and judgments without a likelihood carry no probability and are counted apart.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DatabaseError

from eastwatch.errors import StoreError
from eastwatch.model import Document
from eastwatch.store import db
from eastwatch.store.queries import resolve_id
from eastwatch.store.tables import documents, judgments

# ICD 203's ranges, in its order from least to most likely (percent bounds as the directive prints them).
ICD203_RANGES: dict[str, tuple[float, float]] = {
    "almost no chance": (0.01, 0.05),
    "very unlikely": (0.05, 0.20),
    "unlikely": (0.20, 0.45),
    "roughly even chance": (0.45, 0.55),
    "likely": (0.55, 0.80),
    "very likely": (0.80, 0.95),
    "almost certain": (0.95, 0.99),
}
# The probability a term stands for when scoring: the midpoint of its range.
LIKELIHOOD_PROBABILITY: dict[str, float] = {term: round((lo + hi) / 2, 4) for term, (lo, hi) in ICD203_RANGES.items()}
UNCERTAIN = "uncertain"

OUTCOMES: dict[str, int] = {"yes": 1, "no": 0}
ID_PREFIX_CHARS = 12
JUDGMENT_ID = re.compile(r"([0-9a-fA-F]{1,64}):(\d+)")
GROUPINGS = ("author", "outlet")
Grouping = Literal["author", "outlet"]
UNKNOWN_GROUP = "(unknown)"


def judgment_id(doc_id: str, n: int) -> str:
    return f"{doc_id[:ID_PREFIX_CHARS]}:{n}"


def probability(likelihood: str | None) -> float | None:
    """The probability an ICD 203 term stands for; None for "uncertain", None and unknown terms."""
    return LIKELIHOOD_PROBABILITY.get(likelihood or "")


@dataclass(frozen=True, slots=True)
class JudgmentRecord:
    """One stored judgment with what the registry shows about it and its document."""

    id: str
    doc_id: str
    n: int
    text: str
    likelihood: str | None
    forecast: bool
    cue: str | None
    subjects: tuple[str, ...]
    key_point: bool
    doc_date: str | None
    resolution: str | None
    resolved_at: datetime | None
    note: str | None
    author: str | None
    outlet: str
    title: str | None
    path: str
    start: int
    end: int

    @property
    def probability(self) -> float | None:
        return probability(self.likelihood)

    @property
    def outcome(self) -> int | None:
        return OUTCOMES.get(self.resolution or "")


def publisher(meta: dict[str, Any] | None) -> str | None:
    """Who published a document: the site its metadata names, else the web host; None when unknown."""
    meta = meta or {}
    if meta.get("site"):
        return str(meta["site"])
    host = urlsplit(str(meta["url"])).hostname if meta.get("url") else None
    return host.removeprefix("www.") if host else None


def outlet(meta: dict[str, Any] | None, kind: str | None) -> str:
    """The publisher to group by; documents without one are grouped by kind ("(report)", "(news)")."""
    return publisher(meta) or (f"({kind})" if kind else UNKNOWN_GROUP)


def first_author(authors: list[dict[str, Any]] | None) -> str | None:
    return authors[0]["name"] if authors else None


# ---- reading and writing the store ------------------------------------------------------------------


@contextmanager
def _connected(db_url: str, write: bool = False) -> Iterator[Connection]:
    eng = db.engine(db_url, create=False)
    try:
        with eng.begin() if write else eng.connect() as conn:
            yield conn
    except DatabaseError as err:
        verb = "write to" if write else "read"
        raise StoreError(f"cannot {verb} {eng.url.render_as_string(hide_password=True)}: {db.reason(err)}") from err


_COLUMNS = (*judgments.c, documents.c.path, documents.c.title, documents.c.authors, documents.c.meta,
            documents.c.kind)


def _record(row: Any) -> JudgmentRecord:
    return JudgmentRecord(
        id=judgment_id(row.doc_id, row.n), doc_id=row.doc_id, n=row.n, text=row.text, likelihood=row.likelihood,
        forecast=row.forecast, cue=row.cue, subjects=tuple(row.subjects or ()), key_point=row.key_point,
        doc_date=row.doc_date, resolution=row.resolution, resolved_at=row.resolved_at, note=row.note,
        author=first_author(row.authors), outlet=outlet(row.meta, row.kind), title=row.title, path=row.path,
        start=row.start, end=row.end)


_JOINED = judgments.join(documents, documents.c.id == judgments.c.doc_id)
_ORDER = (judgments.c.doc_date.asc().nulls_last(), documents.c.path, judgments.c.doc_id, judgments.c.n)


def _select(where: Sequence[Any] = ()) -> sa.Select:
    return sa.select(*_COLUMNS).select_from(_JOINED).where(*where).order_by(*_ORDER)


def _where(forecasts: bool, unresolved: bool, since: date | None, until: date | None) -> list[Any]:
    where = []
    if since is not None:
        where.append(documents.c.date_end >= since)
    if until is not None:
        where.append(documents.c.date_start <= until)
    if forecasts:
        where.append(judgments.c.forecast.is_(True))
    if unresolved:
        where.append(judgments.c.resolution.is_(None))
    return where


def list_judgments(db_url: str, forecasts: bool = False, unresolved: bool = False, since: date | None = None,
                   until: date | None = None, limit: int | None = None) -> list[JudgmentRecord]:
    """The stored judgments (only forecasts, only unresolved ones, only from documents written between
    `since` and `until`), oldest document first; with `limit`, the latest `limit` of them (still oldest
    first), found through the index on the document date rather than by sorting them all."""
    where = _where(forecasts, unresolved, since, until)
    with _connected(db_url) as conn:
        if not limit:
            return [_record(row) for row in conn.execute(_select(where))]
        latest = (judgments.c.doc_date.desc().nulls_last(), judgments.c.doc_id.desc(), judgments.c.n.desc())
        rows = conn.execute(sa.select(*_COLUMNS).select_from(_JOINED).where(*where).order_by(*latest).limit(limit))
        return [_record(row) for row in reversed(rows.all())]


def count_judgments(db_url: str, forecasts: bool = False, unresolved: bool = False, since: date | None = None,
                    until: date | None = None) -> int:
    where = _where(forecasts, unresolved, since, until)
    source = _JOINED if since is not None or until is not None else judgments  # the join only to filter by date
    with _connected(db_url) as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(source).where(*where)).scalar_one()


def _find(conn: Connection, jid: str) -> Any:
    m = JUDGMENT_ID.fullmatch(jid.strip())
    if not m:
        raise StoreError(f"{jid!r} is not a judgment id; give it as `eastwatch judgments` lists it "
                         "(e.g. 3fa9c2b1d0e4:7)")
    doc_id, n = resolve_id(conn, m[1]), int(m[2])
    row = conn.execute(_select([judgments.c.doc_id == doc_id, judgments.c.n == n])).first()
    if row is None:
        raise StoreError(f"document {doc_id[:ID_PREFIX_CHARS]} has no judgment {n}; `eastwatch judgments` lists them")
    return row


def from_document(doc: Document) -> list[JudgmentRecord]:
    """The records of an extracted (not stored) document's judgments, with the ids ingest would give them."""
    st = doc.structure
    author = st.authors[0].name if st.authors else None
    site = outlet({"site": doc.meta.site, "url": doc.meta.url}, st.kind)
    return [JudgmentRecord(
        id=judgment_id(doc.id, n), doc_id=doc.id, n=n, text=j.text, likelihood=j.likelihood, forecast=j.forecast,
        cue=j.cue, subjects=j.subjects, key_point=j.key_point, doc_date=doc.date, resolution=None, resolved_at=None,
        note=None, author=author, outlet=site, title=st.title, path=doc.meta.path, start=j.span.start,
        end=j.span.end) for n, j in enumerate(doc.judgments)]


def get_judgment(db_url: str, jid: str) -> JudgmentRecord:
    with _connected(db_url) as conn:
        return _record(_find(conn, jid))


def resolve(db_url: str, jid: str, outcome: str, note: str | None = None,
            when: datetime | None = None) -> JudgmentRecord:
    """Record whether judgment `jid` came true ("yes" or "no"); returns the updated record."""
    if outcome not in OUTCOMES:
        raise StoreError(f"outcome {outcome!r}: use {' or '.join(OUTCOMES)}")
    with _connected(db_url, write=True) as conn:
        row = _find(conn, jid)
        conn.execute(judgments.update().where(judgments.c.doc_id == row.doc_id, judgments.c.n == row.n)
                     .values(resolution=outcome, resolved_at=when or datetime.now(UTC), note=note))
        return _record(_find(conn, jid))


# ---- scoring ----------------------------------------------------------------------------------------


def brier_score(pairs: Iterable[tuple[float, int]]) -> float | None:
    """Mean squared difference between forecast probability and outcome (0 or 1); None with no pairs."""
    squares = [(p - o) ** 2 for p, o in pairs]
    return sum(squares) / len(squares) if squares else None


@dataclass(frozen=True, slots=True)
class Reliability:
    """One row of the reliability table: resolved judgments of one likelihood term."""

    term: str
    probability: float
    resolved: int
    came_true: int
    brier: float | None

    @property
    def observed(self) -> float | None:
        return self.came_true / self.resolved if self.resolved else None


@dataclass(frozen=True, slots=True)
class GroupScore:
    name: str
    scored: int
    came_true: int
    mean_probability: float
    brier: float


@dataclass
class Calibration:
    brier: float | None  # over every scored judgment
    scored: int  # resolved, with a likelihood that has a probability
    unscored: int  # resolved, but "uncertain" or without a likelihood
    unresolved_forecasts: int
    table: list[Reliability] = field(default_factory=list)  # one row per ICD 203 term, in ICD order
    groups: list[GroupScore] = field(default_factory=list)  # per author or outlet, when asked for
    by: Grouping | None = None


def _group_name(rec: JudgmentRecord, by: Grouping) -> str:
    return (rec.author or UNKNOWN_GROUP) if by == "author" else rec.outlet


def _groups(scored: list[JudgmentRecord], by: Grouping) -> list[GroupScore]:
    members: dict[str, list[JudgmentRecord]] = defaultdict(list)
    for rec in scored:
        members[_group_name(rec, by)].append(rec)
    out = [GroupScore(name, len(recs), sum(r.outcome for r in recs), sum(r.probability for r in recs) / len(recs),
                      brier_score((r.probability, r.outcome) for r in recs))
           for name, recs in members.items()]
    return sorted(out, key=lambda g: (-g.scored, g.name))


def calibrate(records: Iterable[JudgmentRecord], by: Grouping | None = None,
              unresolved_forecasts: int | None = None) -> Calibration:
    """Score resolved judgments (a pure function of the records, so tests can check it by hand).
    `unresolved_forecasts` is counted from the records unless given (the database counts it faster)."""
    recs = list(records)
    resolved = [r for r in recs if r.outcome is not None]
    scored = [r for r in resolved if r.probability is not None]
    table = []
    for term, p in LIKELIHOOD_PROBABILITY.items():
        rows = [r for r in scored if r.likelihood == term]
        table.append(Reliability(term, p, len(rows), sum(r.outcome for r in rows),
                                 brier_score((p, r.outcome) for r in rows)))
    return Calibration(
        brier=brier_score((r.probability, r.outcome) for r in scored), scored=len(scored),
        unscored=len(resolved) - len(scored),
        unresolved_forecasts=sum(1 for r in recs if r.forecast and r.outcome is None)
        if unresolved_forecasts is None else unresolved_forecasts,
        table=table, groups=_groups(scored, by) if by else [], by=by)


def calibration(db_url: str, by: Grouping | None = None) -> Calibration:
    """Brier score and reliability table over the stored, resolved judgments."""
    if by is not None and by not in GROUPINGS:
        raise StoreError(f"cannot group by {by!r}; use {' or '.join(GROUPINGS)}")
    resolved = [judgments.c.resolution.is_not(None)]
    with _connected(db_url) as conn:
        recs = [_record(row) for row in conn.execute(_select(resolved))]
    return calibrate(recs, by, unresolved_forecasts=count_judgments(db_url, forecasts=True, unresolved=True))

"""When an event happened: a time in its clause, else in its sentence, else what the narrative last said."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from eastwatch.model import Event, Span, TimeExpr

# A time earlier in the sentence dates an event only this close before its trigger; further back it
# frames another clause of a long sentence (在 2017 年…，…，…，聚焦王毅訪日).
SENTENCE_REACH = 60


@dataclass(frozen=True, slots=True)
class EventDate:
    value: str | None
    where: str  # "clause", "sentence", "episode" (an earlier event of the sentence), "narrative", "document"

    @property
    def own(self) -> bool:
        """From the event's own sentence, not inherited from the narrative."""
        return self.where in ("clause", "sentence", "episode")


class Dates:
    def __init__(self, times: list[TimeExpr], paragraphs: list[Span], doc_date: str | None):
        self.dated = sorted((t for t in times if t.kind == "date" and t.value), key=lambda t: t.span.start)
        self.starts = [t.span.start for t in self.dated]
        self.paragraphs = sorted(paragraphs)
        self.doc_date = doc_date

    def of(self, clause: Span, sent: Span, pos: int, earlier: list[Event], nominal: bool) -> EventDate:
        """The time nearest before the trigger in its clause; for a noun trigger also a time after it
        there (峰會24日在成都舉行); else whichever is nearer before the trigger: the date of an earlier event
        of the same sentence (one episode told in several clauses) or a time shortly before it in the
        sentence; else the date of the last event told in the same paragraph, else the latest time before
        it in that paragraph; a time after a verb in its clause (建議回到2014年的共識) is its object's date and
        comes last; else the document's date."""
        in_clause = [t for t in self.dated if clause.contains(t.span)]
        prior = [t for t in in_clause if t.span.start < pos]
        if prior or (in_clause and nominal):
            return EventDate((prior[-1] if prior else in_clause[0]).value, "clause")
        nearby = [(t.span.start, t.value, "sentence") for t in self.dated
                  if sent.contains(t.span) and pos - SENTENCE_REACH <= t.span.start < pos]
        nearby += [(e.trigger.start, e.date, "episode") for e in earlier if e.date and sent.contains(e.trigger)]
        if nearby:
            _, value, where = max(nearby)
            return EventDate(value, where)
        para = self._paragraph(pos)
        told = [e for e in earlier if e.date and para.contains(e.trigger)]
        if told:
            return EventDate(max(told, key=lambda e: e.trigger.start).date, "narrative")
        previous = [t for t in self.dated[: bisect_right(self.starts, pos)] if para.contains(t.span)]
        if previous:
            return EventDate(previous[-1].value, "narrative")
        if in_clause:
            return EventDate(in_clause[0].value, "clause")
        return EventDate(self.doc_date, "document")

    def _paragraph(self, pos: int) -> Span:
        return next((p for p in self.paragraphs if p.start <= pos < p.end), Span(0, 0))


def after_document(date: str | None, doc_date: str | None) -> bool:
    """An event dated after the document was written can only be planned."""
    if not date or not doc_date:
        return False
    first = date.split("/")[0]
    n = min(len(first), len(doc_date))
    return first[:n] > doc_date[:n]

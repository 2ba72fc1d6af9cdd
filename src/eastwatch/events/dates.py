"""When an event happened: a time in its clause, else in its sentence, else what the narrative last said."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from eastwatch.model import Event, Span, TimeExpr

# A time earlier in the sentence dates an event only this close before its trigger; further back it
# frames another clause of a long sentence (在 2017 年…，…，…，聚焦王毅訪日).
SENTENCE_REACH = 60
NAME_OPENERS = ("「", "《", "『", "〈")


@dataclass(frozen=True, slots=True)
class EventDate:
    value: str | None
    where: str  # "clause", "sentence", "episode" (an earlier event of the sentence), "narrative", "document"

    @property
    def own(self) -> bool:
        """From the event's own sentence, not inherited from the narrative."""
        return self.where in ("clause", "sentence", "episode")


class Dates:
    def __init__(self, text: str, times: list[TimeExpr], paragraphs: list[Span], sections: list[Span],
                 doc_date: str | None):
        self.dated = sorted((t for t in times if t.kind == "date" and t.value and not _names_a_thing(t, text)),
                            key=lambda t: t.span.start)
        self.starts = [t.span.start for t in self.dated]
        self.paragraphs = sorted(paragraphs)
        self.sections = sorted(sections)
        self.doc_date = doc_date

    def of(self, clause: Span, sent: Span, pos: int, earlier: list[Event], nominal: bool) -> EventDate:
        """The time nearest before the trigger in its clause; for a noun trigger also a time after it
        there (峰會24日在成都舉行); else whichever is nearer before the trigger: the date of an earlier event
        of the same sentence (one episode told in several clauses) or a time shortly before it in the
        sentence; else the date of the last event told in the same paragraph, else the latest time before
        it in that paragraph, else the last event told in the section (前述內容 continues its story);
        a time after a verb in its clause (建議回到2014年的共識) is its object's date and comes last; else
        the document's date. A time that modifies a name (2014年「4點原則共識」) dates the name, not the event."""
        in_clause = self.within(clause)
        prior = [t for t in in_clause if t.span.start < pos]
        if prior or (in_clause and nominal):
            return EventDate((prior[-1] if prior else in_clause[0]).value, "clause")
        reach = Span(max(sent.start, pos - SENTENCE_REACH), pos)
        nearby = [(t.span.start, t.value, "sentence") for t in self.within(reach)]
        nearby += [(e.trigger.start, e.date, "episode") for e in earlier
                   if e.date and e.date_source in ("clause", "sentence") and sent.contains(e.trigger)
                   and pos - SENTENCE_REACH <= e.trigger.start]
        if nearby:
            _, value, where = max(nearby)
            return EventDate(value, where)
        para = self._around(self.paragraphs, pos)
        section = self._around(self.sections, pos)
        told = [e for e in earlier if e.date and para.contains(e.trigger)]
        previous = [t for t in self.within(Span(para.start, pos)) if t.span.end <= para.end]
        told = told or ([] if previous else [e for e in earlier if e.date and section.contains(e.trigger)])
        if told:
            return EventDate(max(told, key=lambda e: e.trigger.start).date, "narrative")
        if previous:
            return EventDate(previous[-1].value, "narrative")
        if in_clause:
            return EventDate(in_clause[0].value, "clause")
        return EventDate(self.doc_date, "document")

    def within(self, span: Span) -> list[TimeExpr]:
        """Times that start inside `span` and end inside it (bisect: this runs for every trigger)."""
        i, j = bisect_left(self.starts, span.start), bisect_left(self.starts, span.end)
        return [t for t in self.dated[i:j] if t.span.end <= span.end]

    @staticmethod
    def _around(spans: list[Span], pos: int) -> Span:
        return next((s for s in spans if s.start <= pos < s.end), Span(0, 0))


def _names_a_thing(timex: TimeExpr, text: str) -> bool:
    """2014年「4點原則共識」, 2018年《新時代》: the time is part of how a name is told."""
    return text[timex.span.end : timex.span.end + 3].lstrip(" 的").startswith(NAME_OPENERS)


def after_document(date: str | None, doc_date: str | None) -> bool:
    """An event dated after the document was written can only be planned."""
    if not date or not doc_date:
        return False
    first = date.split("/")[0]
    n = min(len(first), len(doc_date))
    return first[:n] > doc_date[:n]

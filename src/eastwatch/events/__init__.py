"""events: a Chinese-native PLOVER coder. Triggers from the lexicon; participants, place and date from the
clause (else the sentence, else the narrative); flags for negated, planned and hypothetical events; repeated
mentions of one event merged.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from typing import TYPE_CHECKING

from eastwatch.events.lexicon import EventLexicon, Trigger
from eastwatch.events.merge import merge_into
from eastwatch.events.roles import Parties, Party, countries
from eastwatch.model import Document, Event, Span, TimeExpr

if TYPE_CHECKING:
    from eastwatch.kb import KB

CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?（）()\n]")
# Negation and plan cues count only this close before the trigger (未能就…達成共識, 原訂4月訪日).
CUE_WINDOW = 10
# An event dated this many years before the document is background, not news.
HISTORICAL_YEARS = 2
# Events between states need two of them; a lone state can mobilise, launch or deploy.
SOLO_TYPES = {"MOBILIZE"}


def run(doc: Document, kb: KB) -> None:
    lex: EventLexicon = kb.cached("events", EventLexicon.from_kb)
    parties = Parties(doc, kb)
    dated = sorted((t for t in doc.times if t.kind == "date" and t.value), key=lambda t: t.span.start)
    events: list[Event] = []
    for sent in doc.structure.sentences or [Span(0, len(doc.text))]:
        for pos, trig in lex.find(doc.text, sent.start, sent.end):
            coded = _code(doc, lex, parties, dated, sent, pos, trig, events)
            if coded:
                event, back_ref = coded
                for one in _split_visits(event, trig):
                    merge_into(events, one, back_reference=back_ref)
    doc.events = events


def _code(doc: Document, lex: EventLexicon, parties: Parties, dated: list[TimeExpr], sent: Span, pos: int,
          trig: Trigger, earlier: list[Event]) -> tuple[Event, bool] | None:
    text = doc.text
    end = pos + len(trig.text)
    if text.startswith(lex.not_event_after, end):
        return None
    clause = _clause(text, sent, pos)
    before = text[max(clause.start, pos - CUE_WINDOW) : pos]
    date = _date(dated, clause, sent, pos, earlier, doc.date)
    source, target = _roles(parties, sent, clause, pos, end, trig)
    place = parties.place_after(sent.start, sent.end)
    if place and place.country and trig.mode == "visit" and not target and place.country not in countries(source):
        target = [Party(place.span.start, place.country, place.entity_id)]
    involved = countries(source + target)
    if not involved or (len(involved) < 2 and trig.type not in SOLO_TYPES):
        return None
    planned = any(c in before for c in lex.planned) or _after(date, doc.date)
    event = Event(
        type=trig.type, mode=trig.mode, cameo=trig.cameo, quad=trig.quad, score=trig.score, date=date,
        actors=tuple(dict.fromkeys(p.entity_id for p in source if p.entity_id)),
        recipients=tuple(dict.fromkeys(p.entity_id for p in target if p.entity_id)),
        source_countries=tuple(countries(source)), target_countries=tuple(c for c in countries(target)
                                                                          if c not in countries(source)),
        trigger=Span(pos, end), sentence=sent, mentions=(Span(pos, end),),
        location=place.entity_id if place else None,
        negated=any(c in before for c in lex.negation),
        planned=planned,
        hypothetical=any(c in text[sent.start : pos] for c in lex.hypothetical),
        historical=bool(date and doc.date and int(date[:4]) <= int(doc.date[:4]) - HISTORICAL_YEARS),
    )
    return event, any(text[max(0, pos - 4) : pos].endswith(w) for w in lex.back_reference)


def _clause(text: str, sent: Span, pos: int) -> Span:
    start = sent.start
    for m in CLAUSE_BREAK.finditer(text, sent.start, pos):
        start = m.end()
    m = CLAUSE_BREAK.search(text, pos, sent.end)
    return Span(start, m.start() if m else sent.end)


def _roles(parties: Parties, sent: Span, clause: Span, pos: int, end: int,
           trig: Trigger) -> tuple[list[Party], list[Party]]:
    """Source and target parties. The subject is the first party before the trigger in the clause, else the
    topic of the sentence (Chinese drops a repeated subject: 日本在2015年加入…，以及2016年與南韓簽署…)."""
    in_clause = parties.within(clause)
    before = [p for p in in_clause if p.pos < pos]
    after = [p for p in in_clause if p.pos >= pos]
    topic = parties.within(Span(sent.start, clause.start))[:1]
    source = before[:1] or topic
    return source, [p for p in before[1:] + after if p.country not in countries(source)]


def _date(dated: list[TimeExpr], clause: Span, sent: Span, pos: int, earlier: list[Event],
          doc_date: str | None) -> str | None:
    """The time nearest before the trigger in its clause, else the first after it there, else the latest
    before it in the sentence, else the date the narrative last gave, else the document's date."""
    in_clause = [t for t in dated if clause.contains(t.span)]
    prior = [t for t in in_clause if t.span.start < pos]
    if prior or in_clause:
        return (prior[-1] if prior else in_clause[0]).value
    in_sentence = [t for t in dated if sent.contains(t.span) and t.span.start < pos]
    if in_sentence:
        return in_sentence[-1].value
    starts = [t.span.start for t in dated]
    previous = dated[: bisect_right(starts, pos)]
    if earlier and earlier[-1].date and (not previous or earlier[-1].trigger.start > previous[-1].span.start):
        return earlier[-1].date
    return previous[-1].value if previous else doc_date


def _after(date: str | None, doc_date: str | None) -> bool:
    """An event dated after the document was written can only be planned."""
    return bool(date and doc_date and date.split("/")[0][: len(doc_date)] > doc_date)


def _split_visits(event: Event, trig: Trigger) -> list[Event]:
    """A trip to several states is one visit to each (王毅出訪日、韓兩國)."""
    if trig.mode != "visit" or len(event.target_countries) < 2:
        return [event]
    return [replace(event, target_countries=(c,)) for c in event.target_countries]

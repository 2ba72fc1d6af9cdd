"""events: a Chinese-native PLOVER coder. Triggers from the lexicon; participants, place and date from the
clause (else the sentence, else the narrative); flags for negated, planned and hypothetical events; repeated
mentions of one event merged.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from typing import TYPE_CHECKING

from eastwatch.events.dates import Dates, after_document
from eastwatch.events.lexicon import EventLexicon, Trigger
from eastwatch.events.merge import merge_into
from eastwatch.events.roles import OBJECT_MARKERS, OBJECT_REACH, Parties, Party, countries, roles
from eastwatch.model import Document, Event, Span

if TYPE_CHECKING:
    from eastwatch.kb import KB

CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?（）()\n]")
# A short bracket glosses a name (大衛營（Camp David）舉行) and does not break its clause; a long one does.
GLOSS = re.compile(r"[（(][^（）()\n]{0,24}[）)]")
# Negation and plan cues count only this close before the trigger (未能就…達成共識, 原訂4月訪日).
CUE_WINDOW = 10
# An event dated this many years before the document is background, not news.
HISTORICAL_YEARS = 2
# Events between states need two of them; a lone state can mobilise, launch or deploy (but only with a date
# of its own: a lone actor with an inherited date is too often a scenario or a generality).
SOLO_TYPES = {"MOBILIZE"}
# How close before a bracket a word such as 共識 or 成果 must stand for the bracket to list its content.
CONTENT_REACH = 6
# 締結 45 週年: an anniversary, not the event.
ANNIVERSARY = re.compile(r"\s*[0-9０-９一二三四五六七八九十百]+\s*[週周]年")
# Verbs that comment on something: a noun trigger after them in the clause is their object, not an event.
COMMENTARY = {"SUPPORT", "ACCUSE", "REJECT", "PROTEST"}
# A trigger inside one of these names is part of the name (四方會談, 4點原則共識), not an event.
NAME_TYPES = ("agreement", "organization")


def run(doc: Document, kb: KB) -> None:
    lex: EventLexicon = kb.cached("events", EventLexicon.from_kb)
    ctx = _Context(doc, kb, lex)
    events: list[Event] = []
    for sent in doc.structure.sentences or [Span(0, len(doc.text))]:
        if any(kp.span.overlaps(sent) for kp in doc.structure.key_points):
            continue  # key points summarise the body: their events are told again there
        for pos, trig in lex.find(doc.text, sent.start, sent.end):
            coded = ctx.code(sent, pos, trig, events)
            if coded:
                event, inherited = coded
                for one in _split_visits(event, trig):
                    merge_into(events, one, back_reference=inherited)
    doc.events = events


class _Context:
    def __init__(self, doc: Document, kb: KB, lex: EventLexicon):
        self.doc, self.kb, self.lex, self.text = doc, kb, lex, doc.text
        self.parties = Parties(doc, kb)
        sections = [s.body for s in doc.structure.sections]
        self.dates = Dates(doc.text, doc.times, doc.structure.paragraphs, sections, doc.date)
        self.names = [m for m in doc.mentions if m.type in NAME_TYPES]
        self._name_starts = [m.span.start for m in self.names]  # mentions come sorted by start
        self.weapons = [m for m in doc.mentions if m.type == "weapon"]

    def code(self, sent: Span, pos: int, trig: Trigger, earlier: list[Event]) -> tuple[Event, bool] | None:
        """The event a trigger reports, and whether its date was inherited (then a repeat of an earlier
        event with the same states is the same event: 聚焦王毅訪日 after the visit was told)."""
        text, lex = self.text, self.lex
        end = pos + len(trig.text)
        trigger = Span(pos, end)
        if text.startswith(lex.not_event_after, end) or self._in_name(trigger):
            return None
        if _agreed_content(text, sent, pos, lex):
            return None
        clause = _clause(text, sent, pos)
        nominal = trig.text in lex.nominal
        if nominal and not (lex.any_of["occurrence"].search(text, clause.start, clause.end)
                            or self.dates.within(clause)):
            return None  # a noun trigger with neither a verb of occurrence nor a date in its clause
        if nominal and any(t.type in COMMENTARY for _, t in lex.find(text, clause.start, pos)):
            return None  # what a state supports or criticises (支持韓國主辦峰會, 批評三國峰會) did not happen here
        if ANNIVERSARY.match(text, end):
            return None
        date = self.dates.of(clause, sent, pos, earlier, nominal=nominal)
        episode = [Party(e.trigger.start, e.trigger.end, c, f"state/{c}") for e in earlier[-1:]
                   if sent.contains(e.trigger) for c in e.source_countries]
        alone = self._unilateral(trig, text[clause.start : pos])
        source, target = roles(text, self.parties, lex, sent, clause, pos, end, alone, episode)
        if alone is not trig and len(countries(source)) < 2:
            trig = alone  # several states holding it together (美日韓三國舉行演習) keep it cooperation
        elif alone is not trig:
            source, target = roles(text, self.parties, lex, sent, clause, pos, end, trig, episode)
        signed = self._agreement_parties(clause, sent, pos, trig)
        if signed:  # the parties of the agreement signed; a topic that is not one of them was a wrong guess
            source = [p for p in source if p.country in countries(signed)]
            target = [p for p in target + signed if p.country not in countries(source)]
        if trig.type == "MOBILIZE":  # 韓國佈署薩德: the system's state takes part
            target += [Party(m.span.start, m.span.end, m.country, m.entity_id) for m in self.weapons
                       if m.country and clause.contains(m.span) and m.country not in countries(source + target)]
        place = self.parties.place_near(clause.start, clause.end)
        if place and place.country and trig.mode == "visit" and not target:
            target = [Party(place.span.start, place.span.end, place.country, place.entity_id)]
        involved = countries(source + target)
        solo_ok = trig.type in SOLO_TYPES and date.own
        if not involved or (len(involved) < 2 and not solo_ok):
            return None
        before = text[max(clause.start, pos - CUE_WINDOW) : pos]
        event = Event(
            type=trig.type, mode=trig.mode, cameo=trig.cameo, quad=trig.quad, score=trig.score, date=date.value,
            actors=tuple(dict.fromkeys(p.entity_id for p in source if p.entity_id)),
            recipients=tuple(dict.fromkeys(p.entity_id for p in target if p.entity_id)),
            source_countries=tuple(countries(source)),
            target_countries=tuple(c for c in countries(target) if c not in countries(source)),
            trigger=trigger, sentence=sent, mentions=(trigger,),
            location=place.entity_id if place else None,
            negated=lex.any_of["negation"].search(before) is not None,
            planned=lex.any_of["planned"].search(self._without_object_markers(before, pos)) is not None
            or after_document(date.value, self.doc.date)
            or any(after_document(t.value, self.doc.date) for t in self.dates.within(clause)),
            hypothetical=lex.any_of["hypothetical"].search(text, sent.start, pos) is not None,
            historical=bool(date.value and self.doc.date
                            and int(date.value[:4]) <= int(self.doc.date[:4]) - HISTORICAL_YEARS),
            date_source=date.where,
        )
        back = any(text[max(0, pos - 4) : pos].endswith(w) for w in lex.back_reference)
        return event, back or not date.own

    def _unilateral(self, trig: Trigger, before: str) -> Trigger:
        """An exercise held alone (解放軍在台灣周邊舉行聯合演習: joint services, one state) shows force:
        MOBILIZE, not COOPERATE. Held with others (與美國舉行演習, 美日韓三國舉行演習) it stays cooperation."""
        if trig.type != "COOPERATE" or trig.mode != "military" or self.lex.any_of["comitative"].search(before):
            return trig
        return replace(trig, type="MOBILIZE", mode="exercise", roles="self", cameo="150", score=-7.2, quad=4)

    def _without_object_markers(self, before: str, pos: int) -> str:
        """`before` with each 將 that marks an object (將多家中國企業列入) blanked: it plans nothing."""
        start = pos - len(before)
        starts = {p.pos for p in self.parties.within(Span(start, pos))}
        chars = list(before)
        for i, ch in enumerate(chars):
            if ch in OBJECT_MARKERS and any(start + i + k in starts for k in range(1, OBJECT_REACH + 1)):
                chars[i] = " "
        return "".join(chars)

    def _in_name(self, trigger: Span) -> bool:
        i = bisect_right(self._name_starts, trigger.start)
        return any(m.span.contains(trigger) for m in self.names[max(0, i - 3) : i])

    def _agreement_parties(self, clause: Span, sent: Span, pos: int, trig: Trigger) -> list[Party]:
        """Signing an agreement named in its clause (or last named before it in the sentence): the
        agreement's parties among the states this paragraph names (RCEP has fifteen; a paragraph on China,
        Japan and Korea means those three)."""
        if trig.mode != "sign":
            return []
        signed = [m for m in self.names if self.kb.entities.get(m.entity_id or "") and clause.contains(m.span)]
        signed = signed or [m for m in self.names if sent.start <= m.span.start < pos][-1:]
        para = next((p for p in self.doc.structure.paragraphs if p.contains(sent)), sent)
        named = {p.country for p in self.parties.within(para)}
        return [Party(m.span.start, m.span.end, c, f"state/{c}") for m in signed
                for c in self.kb.entities[m.entity_id].parties if c in named]


def _agreed_content(text: str, sent: Span, pos: int, lex: EventLexicon) -> bool:
    """A trigger in the brackets that list what was agreed (達成5項共識（…合作推進經濟復甦…）) is part of
    the agreement's content, not an event of its own."""
    opened = text.rfind("（", sent.start, pos)
    if opened < 0 or text.find("）", opened, pos) >= 0:
        return False
    return any(w in text[max(sent.start, opened - CONTENT_REACH) : opened] for w in lex.content_nouns)


def _clause(text: str, sent: Span, pos: int) -> Span:
    glosses = {i for g in GLOSS.finditer(text, sent.start, sent.end) for i in (g.start(), g.end() - 1)}
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(text, sent.start, sent.end) if m.start() not in glosses]
    start = max((b + 1 for b in breaks if b < pos), default=sent.start)
    end = min((b for b in breaks if b >= pos), default=sent.end)
    return Span(start, end)


def _split_visits(event: Event, trig: Trigger) -> list[Event]:
    """A trip to several states is one visit to each (王毅出訪日、韓兩國)."""
    if trig.mode != "visit" or len(event.target_countries) < 2 or not event.source_countries:
        return [event]
    return [replace(event, target_countries=(c,)) for c in event.target_countries]

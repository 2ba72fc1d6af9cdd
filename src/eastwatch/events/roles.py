"""Who takes part in an event: entity mentions lifted to their states (a person by the office held on the
event date), group words (雙方, 兩國, 三國) resolved to the states last named, places as locations."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eastwatch.events.lexicon import EventLexicon, Trigger
from eastwatch.model import Document, Mention, Span

if TYPE_CHECKING:
    from eastwatch.kb import KB

ACTOR_TYPES = ("state", "person", "organization")
# Words that stand for the last N states named: 雙方 達成共識, 兩國 外長, 三國 峰會.
GROUP_WORDS = re.compile(r"雙方|双方|兩國|两国|兩岸|两岸|三國|三国|三方|四國|四国|3國|3国|三邊|三边|雙邊|双边")
GROUP_SIZE = {"雙": 2, "双": 2, "兩": 2, "两": 2, "三": 3, "3": 3, "四": 4}
CROSS_STRAIT = ("CHN", "TWN")
LOCATIVE = ("在", "於", "于")
# A party right after these is where or to whom something happens, not who does it.
OBJECT_MARKERS = ("將", "将", "把")
OBJECT_REACH = 3  # 將多家中國企業: a measure word may stand between the marker and the object
NOT_SUBJECT = ("在", "於", "于", "至", "到", "向", "對", "对", "往", "赴", "從", "从", "自")
AIMED_AT = ("向", "對", "对", "朝")
ROLE_MARKERS = ("向", "對", "对", "與", "与", "和", "同")
SELF_REACH = 8
# 與 introduces a co-participant this close before its name (與外長茂木敏充會面).
COMITATIVE_REACH = 5
# Between two parties of one list of subjects: a joiner, a short title, or both (、韓國外長; 及日本外相).
SUBJECT_LIST_GAP = re.compile(r"(?:[、及][\u4e00-\u9fff]{0,5}|[\u4e00-\u9fff]{0,4}[長长相卿統统理席官使])?")
# Parties listed together are at most this far apart, with only joiners between (美、日及韓國).
LIST_GAP = 2
LIST_JOINERS = "、與和及跟同 ,，"
# A visit's destination is the first place or state named this close after the trigger (訪問日本, 前往首爾).
VISIT_REACH = 6


@dataclass(frozen=True, slots=True)
class Party:
    pos: int  # where it is named
    end: int
    country: str
    entity_id: str | None

    @property
    def person(self) -> bool:
        return bool(self.entity_id and self.entity_id.startswith("person/"))


class Parties:
    """Every actor named in a document, in text order, with its state; group words resolved."""

    def __init__(self, doc: Document, kb: KB):
        self.doc, self.kb = doc, kb
        place_starts = {m.span.start for m in doc.mentions if m.type == "location"}
        venues = [m for m in doc.mentions if self._venue(m, place_starts)]
        venue_spans = {m.span for m in venues}
        named = [p for m in doc.mentions if m.type in ACTOR_TYPES and m.span not in venue_spans
                 for p in [self._party(m, doc.date)] if p]
        self.named = sorted(named, key=lambda p: p.pos)
        self._pos = [p.pos for p in self.named]
        groups = [p for m in GROUP_WORDS.finditer(doc.text) for p in self._group(m)]
        self.all = sorted(self.named + groups, key=lambda p: p.pos)
        self._all_pos = [p.pos for p in self.all]
        self.places = sorted([m for m in doc.mentions if m.type == "location"] + venues, key=lambda m: m.span.start)
        self.stateless = [m for m in doc.mentions if m.type == "organization" and not m.country]

    def _venue(self, m: Mention, place_starts: set[int]) -> bool:
        """A capital after 在/於 (在河內會談), or a state there before its city (在美國舊金山), names where."""
        ent = self.kb.entities.get(m.entity_id or "")
        if not (ent and ent.type == "state" and self.doc.text.endswith(LOCATIVE, 0, m.span.start)):
            return False
        return m.text in ent.metonyms or m.span.end in place_starts

    def _party(self, m: Mention, date: str | None) -> Party | None:
        country = m.country
        if m.type == "person" and m.entity_id:
            offices = self.kb.offices_on(m.entity_id, date)
            posts = [self.kb.posts[o.post] for o in offices if o.post in self.kb.posts]
            country = posts[0].country if posts else country
        return Party(m.span.start, m.span.end, country, m.entity_id) if country else None

    def _group(self, match: re.Match[str]) -> list[Party]:
        word = match.group()
        if word in ("兩岸", "两岸"):
            return [Party(match.start(), match.end(), c, f"state/{c}") for c in CROSS_STRAIT]
        size = GROUP_SIZE.get(word[0], 2)
        found: list[str] = []
        for p in reversed(self.named[: bisect_left(self._pos, match.start())]):
            if p.country not in found:
                found.append(p.country)
            if len(found) == size:
                break
        return [Party(match.start(), match.end(), c, f"state/{c}") for c in found] if len(found) == size else []

    def within(self, span: Span) -> list[Party]:
        i = bisect_left(self._all_pos, span.start)
        j = bisect_left(self._all_pos, span.end)
        return self.all[i:j]

    def others_in(self, span: Span) -> bool:
        """Whether the clause names an actor with no state (東協, 聯合國): the counterpart is named."""
        return any(span.contains(m.span) for m in self.stateless)

    def place_near(self, pos: int, end: int) -> Mention | None:
        return next((m for m in self.places if pos <= m.span.start < end), None)


def countries(parties: list[Party]) -> list[str]:
    return list(dict.fromkeys(p.country for p in parties))


def roles(text: str, parties: Parties, lex: EventLexicon, sent: Span, clause: Span, pos: int, end: int,
          trig: Trigger, episode: list[Party]) -> tuple[list[Party], list[Party]]:
    """Source and target parties of a trigger at `pos`.

    The subject is the first party before the trigger in the clause, unless a 與/和 comes first: what
    follows it are co-participants (先後與外長康京和以及文在寅總統會面). Without a subject of its own the
    clause continues the sentence's: the actor of its earlier event (`episode`), else its first party —
    Chinese drops a repeated subject (日本在2015年加入…，以及2016年與南韓簽署…). Parties after a topic
    marker (就, 針對) are what the event is about. A visit goes to the places or states right after its
    trigger (訪日, 前往首爾)."""
    topics = lex.any_of["topic_markers"]
    in_clause = [p for p in parties.within(clause) if not _after_marker(text, clause.start, p, topics)]
    before = [p for p in in_clause if p.end <= pos]
    first_co = next((p.pos for p in before if _introduced(text, clause.start, p, lex.comitative)), pos)
    co = [p for p in before if p.pos >= first_co]
    # the nearest party before the trigger acts (a group word: all its states), unless a locative or object
    # marker puts a state or place there (在臺灣周邊); a person after 在 still acts (在楊潔篪訪韓後)
    # what 將/把 puts before the verb is its object (美國將中國企業列入實體清單)
    objects = [p for p in before
               if any(m in text[max(clause.start, p.pos - OBJECT_REACH) : p.pos] for m in OBJECT_MARKERS)]
    able = [p for p in before if p.pos < first_co and p not in objects
            and not (text.endswith(NOT_SUBJECT, clause.start, p.pos) and not p.person)]
    subject = _listed_before(text, able)
    lead = [p for p in parties.within(Span(sent.start, clause.start))
            if not _after_marker(text, sent.start, p, topics)
            and not (text.endswith(NOT_SUBJECT, sent.start, p.pos) and not p.person)]
    topic = episode or [p for p in lead if p.pos == lead[0].pos]
    source = subject or topic
    after = [p for p in in_clause if p.pos >= pos]
    if trig.mode == "visit":
        target = _first_group(text, [p for p in after if p.pos < end + VISIT_REACH]) or co
    elif trig.roles == "directed":
        target = co + objects + _first_group(text, after)
    elif trig.roles == "self":  # 發射, 部署: a target where 向/對 names one, the host (在韓國部署), or close after
        target = [p for p in before if p not in subject and text.endswith(AIMED_AT + LOCATIVE, clause.start, p.pos)]
        target += _first_group(text, [p for p in after if p.pos < end + SELF_REACH])
    else:
        target = [p for p in before if p not in subject] + after
    if trig.roles == "mutual" and len(countries(source + target)) < 2 and not parties.others_in(clause):
        # the counterpart named last before the clause (…轉往首爾，4日與議長會談)
        target += [p for p in parties.within(Span(sent.start, clause.start))
                   if p.country not in countries(source)][-1:]
    return source, [p for p in target if p.country not in countries(source)]


def _introduced(text: str, start: int, party: Party, markers: tuple[str, ...]) -> bool:
    """與/和 shortly before the party, with nothing but a title between (與外長茂木敏充); "A訪日與 10月B訪陸"
    joins two clauses instead (a date stands between)."""
    window = text[max(start, party.pos - COMITATIVE_REACH) : party.pos]
    hits = [window.rfind(m) for m in markers if m in window]
    return bool(hits) and not any(ch.isdigit() or ch in "年月日" for ch in window[max(hits) :])


def _listed_before(text: str, able: list[Party]) -> list[Party]:
    """The nearest party and those listed with it before (美國國務卿布林肯、韓國外長趙兌烈及日本外相岩屋毅):
    each step back crosses only a list joiner or a short title, never 與/和 (a co-participant) or a verb."""
    if not able:
        return []
    group = [p for p in able if p.pos == able[-1].pos]
    for p in reversed(able[: able.index(group[0])]):
        if not SUBJECT_LIST_GAP.fullmatch(text[p.end : group[0].pos]):
            break
        group.insert(0, p)
    return group


def _first_group(text: str, after: list[Party]) -> list[Party]:
    """The object of a directed verb: the first party after it and those listed with it (美、日、韓)."""
    group = after[:1]
    for p in after[1:]:
        gap = text[group[-1].end : p.pos]
        if p.pos == group[-1].pos:  # one group word, several states
            group.append(p)
            continue
        run = not gap and group[-1].end - group[-1].pos == 1 and p.end - p.pos == 1  # 日韓 in 訪日韓
        if len(gap) > LIST_GAP or gap.strip(LIST_JOINERS) or not (gap or run):
            break
        group.append(p)
    return group


def _after_marker(text: str, start: int, party: Party, markers: re.Pattern[str]) -> bool:
    """True when a topic marker stands between `start` and the party, close enough to govern it, and no
    向/對/與 nearer the party gives it a role of its own (就台灣問題向韓國交涉: 韓國 is the addressee)."""
    found = list(markers.finditer(text, max(start, party.pos - 8), party.pos))
    return bool(found) and not any(c in text[found[-1].end() : party.pos] for c in ROLE_MARKERS)

"""Who takes part in an event: entity mentions lifted to their states (a person by the office held on the
event date), group words (雙方, 兩國, 三國) resolved to the states last named, places as locations."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eastwatch.model import Document, Mention, Span

if TYPE_CHECKING:
    from eastwatch.kb import KB

ACTOR_TYPES = ("state", "person", "organization")
# Words that stand for the last N states named: 雙方 達成共識, 兩國 外長, 三國 峰會.
GROUP_WORDS = re.compile(r"雙方|双方|兩國|两国|兩岸|两岸|三國|三国|三方|四國|四国|3國|3国|三邊|三边|雙邊|双边")
GROUP_SIZE = {"雙": 2, "双": 2, "兩": 2, "两": 2, "三": 3, "3": 3, "四": 4}
CROSS_STRAIT = ("CHN", "TWN")


@dataclass(frozen=True, slots=True)
class Party:
    pos: int  # where it is named
    country: str
    entity_id: str | None


class Parties:
    """Every actor named in a document, in text order, with its state; group words resolved."""

    def __init__(self, doc: Document, kb: KB):
        self.doc, self.kb = doc, kb
        named = [p for m in doc.mentions if m.type in ACTOR_TYPES for p in [self._party(m, doc.date)] if p]
        self.named = sorted(named, key=lambda p: p.pos)
        self._pos = [p.pos for p in self.named]
        groups = [p for m in GROUP_WORDS.finditer(doc.text) for p in self._group(m)]
        self.all = sorted(self.named + groups, key=lambda p: p.pos)
        self._all_pos = [p.pos for p in self.all]
        self.places = [m for m in doc.mentions if m.type == "location"]

    def _party(self, m: Mention, date: str | None) -> Party | None:
        country = m.country
        if m.type == "person" and m.entity_id:
            offices = self.kb.offices_on(m.entity_id, date)
            posts = [self.kb.posts[o.post] for o in offices if o.post in self.kb.posts]
            country = posts[0].country if posts else country
        return Party(m.span.start, country, m.entity_id) if country else None

    def _group(self, match: re.Match[str]) -> list[Party]:
        word = match.group()
        if word in ("兩岸", "两岸"):
            return [Party(match.start(), c, f"state/{c}") for c in CROSS_STRAIT]
        size = GROUP_SIZE.get(word[0], 2)
        found: list[str] = []
        for p in reversed(self.named[: bisect_left(self._pos, match.start())]):
            if p.country not in found:
                found.append(p.country)
            if len(found) == size:
                break
        return [Party(match.start(), c, f"state/{c}") for c in found] if len(found) == size else []

    def within(self, span: Span) -> list[Party]:
        i = bisect_left(self._all_pos, span.start)
        j = bisect_left(self._all_pos, span.end)
        return self.all[i:j]

    def place_after(self, pos: int, end: int) -> Mention | None:
        return next((m for m in self.places if pos <= m.span.start < end), None)


def countries(parties: list[Party]) -> list[str]:
    return list(dict.fromkeys(p.country for p in parties))

"""Titles (外長, 日相, 韓國總統): beside a known name they add nothing; before an unknown name they reveal a
person the knowledge base lacks (kept unlinked, with title and country); alone they name the holder of the
post on the document's date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from eastwatch.kb.lexicon import both_scripts, chars_both_scripts
from eastwatch.model import Candidate, Mention, Span
from eastwatch.recognise import POST_PREFIX

if TYPE_CHECKING:
    from eastwatch.kb import KB

# A name after a title is 2–3 characters (Chinese, Korean), or up to 4 for Japanese posts (上川陽子).
NAME_LENGTHS = (3, 2)
JAPANESE_NAME_LENGTHS = (4, 3, 2)
_CJK = re.compile(r"[\u3400-\u9fff]")
_SPACES = " \u3000\t"


@dataclass(frozen=True)
class NameCues:
    surnames: frozenset[str]
    double_surnames: tuple[str, ...]
    enders: tuple[str, ...]
    not_person: tuple[str, ...]
    not_names: frozenset[str]

    @classmethod
    def from_kb(cls, kb: KB) -> NameCues:
        lex = kb.lexicons.get("names") or {}
        surnames = chars_both_scripts("".join((lex.get("surnames") or "").split()))
        return cls(frozenset(surnames), both_scripts(lex.get("double_surnames")), both_scripts(lex.get("name_enders")),
                   both_scripts(lex.get("title_not_person")), frozenset(both_scripts(lex.get("not_names"))))

    @cached_property
    def boundary(self) -> re.Pattern[str]:
        return re.compile("|".join(map(re.escape, self.enders)) + r"|[^\u3400-\u9fff]")


def resolve_titles(text: str, titles: list[Candidate], mentions: list[Mention], kb: KB,
                   doc_date: str | None) -> list[Mention]:
    cues: NameCues = kb.cached("name-cues", NameCues.from_kb)
    people_at = {m.span.start: m for m in mentions if m.type == "person"}
    people_end = {m.span.end: m for m in mentions if m.type == "person"}
    states_end = {m.span.end: m for m in mentions if m.type == "state"}
    out = []
    for cand in titles:
        after = _skip_spaces(text, cand.span.end)
        if text.startswith(cues.not_person, after) or after in people_at or cand.span.start in people_end:
            continue
        posts = [kb.posts[p[len(POST_PREFIX):]] for p in cand.entity_ids if p[len(POST_PREFIX):] in kb.posts]
        state = states_end.get(cand.span.start)
        if state:
            posts = [p for p in posts if p.country == state.country] or posts
        countries = {p.country for p in posts}
        country = countries.pop() if len(countries) == 1 else None
        japanese = country == "JPN"
        name = _name_after(text, after, cues, japanese)
        if name and not any(name.overlaps(m.span) for m in mentions):
            out.append(Mention(name, text[name.start : name.end], None, "person", via="pattern", title=cand.text,
                               country=country))
        elif country and len(posts) >= 1 and doc_date:
            holders = [h for p in posts for h in kb.holders(p.id, doc_date)]
            if holders:
                ent = kb.entities[holders[0]]
                out.append(Mention(cand.span, cand.text, ent.id, "person", via="title", title=cand.text,
                                   country=ent.country))
    return out


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _SPACES:
        pos += 1
    return pos


def _name_after(text: str, pos: int, cues: NameCues, japanese: bool) -> Span | None:
    """A plausible personal name starting at `pos`: a known family name first (any 2–4 characters for
    Japanese posts), ending where a function word, punctuation or a non-Chinese character begins."""
    head = text[pos : pos + 6]
    if not head or not _CJK.match(head) or any(head.startswith(w) for w in cues.not_names):
        return None
    if not japanese and head[0] not in cues.surnames and not head.startswith(cues.double_surnames):
        return None
    for n in JAPANESE_NAME_LENGTHS if japanese else NAME_LENGTHS:
        ends_here = len(head) > n and cues.boundary.match(text, pos + n) and not cues.boundary.match(text, pos + n - 1)
        if ends_here and all(_CJK.match(c) for c in head[:n]) and not head[1:n].startswith(cues.enders):
            return Span(pos, pos + n)
    return None

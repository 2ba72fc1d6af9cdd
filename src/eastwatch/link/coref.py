"""Short references to people: a family name after (or without) the full name (安倍 → 安倍晉三), and a
one-character family name with a word that shows who it is (尹政府, 文總統) once the full name has appeared."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ahocorasick

from eastwatch.kb.lexicon import both_scripts
from eastwatch.model import Mention, Span

if TYPE_CHECKING:
    from eastwatch.kb import KB

# Japanese names in Chinese are four characters, two for the family name (安倍晉三, 岸田文雄); three-character
# Chinese and Korean names have a one-character family name (尹錫悅, 習近平).
JAPANESE_FULL_NAME = 4
# Heads of government are named by family name alone even when the text never gives the full name.
GLOBAL_RANK = 2


@dataclass(frozen=True)
class ShortForm:
    person: str
    needs_suffix: bool  # one-character family names only count before 政府, 總統 …
    global_ok: bool  # may be used without the full name in the document


def _build(kb: KB) -> tuple[ahocorasick.Automaton, tuple[str, ...]]:
    lex = kb.lexicons.get("names") or {}
    doubles = set(both_scripts(lex.get("double_surnames")))
    never = set(both_scripts(lex.get("not_short_names")))
    forms: dict[str, list[ShortForm]] = {}
    full = {name for ent in kb.entities.values() for ns in ent.names.values() for name in ns}
    for ent in kb.entities.values():
        if ent.type != "person":
            continue
        top = min((kb.posts[o.post].rank for o in kb.offices(ent.id) if o.post in kb.posts), default=9)
        for key in ("zh-Hant", "zh-Hans"):
            for name in ent.names.get(key, ()):
                if len(name) == JAPANESE_FULL_NAME and ent.country == "JPN":
                    form, needs = name[:2], False
                elif len(name) == 3:
                    form, needs = (name[:2], False) if name[:2] in doubles else (name[:1], True)
                else:
                    continue
                if form in full or form in never:  # a full name itself (a state, another person), or a word
                    continue
                forms.setdefault(form, []).append(ShortForm(ent.id, needs, top <= GLOBAL_RANK and not needs))
    auto = ahocorasick.Automaton()
    for form, short in forms.items():
        people = {s.person for s in short}
        if len(people) == 1:  # a family name two people share is no reference at all
            auto.add_word(form, (form, short[0]))
    if len(auto):
        auto.make_automaton()
    return auto, both_scripts(lex.get("surname_suffixes"))


def surname_mentions(text: str, mentions: list[Mention], kb: KB) -> list[Mention]:
    auto, suffixes = kb.cached("surnames", _build)
    if not len(auto):
        return []
    present = {m.entity_id for m in mentions if m.type == "person"}
    taken = sorted(m.span for m in mentions)
    starts = [s.start for s in taken]
    out = []
    for end, (form, short) in auto.iter(text):
        span = Span(end - len(form) + 1, end + 1)
        if short.person not in present and not short.global_ok:
            continue
        if short.needs_suffix and not text.startswith(suffixes, span.end):
            continue
        if _overlaps_any(span, taken, starts):
            continue
        out.append(Mention(span, form, short.person, "person", via="coref", country=kb.entities[short.person].country))
    return out


def _overlaps_any(span: Span, spans: list[Span], starts: list[int]) -> bool:
    """`spans` sorted and non-nested enough that only the two neighbours of `span` can overlap it."""
    i = bisect_right(starts, span.start)
    return any(s.overlaps(span) for s in spans[max(0, i - 2) : i + 1])

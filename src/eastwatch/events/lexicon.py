"""The event lexicon (lexicons/triggers.yaml, lexicons/plover.yaml) compiled once per knowledge base."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Literal

import ahocorasick

from eastwatch.kb.lexicon import any_of, both_scripts

if TYPE_CHECKING:
    from eastwatch.kb import KB

Roles = Literal["directed", "mutual", "self"]


@dataclass(frozen=True, slots=True)
class Trigger:
    text: str
    type: str
    mode: str | None
    roles: Roles
    cameo: str | None
    score: float | None
    quad: int | None


@dataclass(frozen=True)
class EventLexicon:
    triggers: ahocorasick.Automaton
    negation: tuple[str, ...]
    planned: tuple[str, ...]
    hypothetical: tuple[str, ...]
    back_reference: tuple[str, ...]
    not_event_after: tuple[str, ...]
    nominal: frozenset[str]
    occurrence: tuple[str, ...]
    topic_markers: tuple[str, ...]
    comitative: tuple[str, ...]
    content_nouns: tuple[str, ...]

    @classmethod
    def from_kb(cls, kb: KB) -> EventLexicon:
        lex = kb.lexicons.get("triggers") or {}
        types = (kb.lexicons.get("plover") or {}).get("types") or {}
        auto = ahocorasick.Automaton()
        for row in lex.get("triggers") or ():
            word, type_, mode, roles, *rest = row
            info = types.get(type_, {})
            cameo = rest[0] if rest else info.get("cameo")
            score = float(rest[1]) if len(rest) > 1 else info.get("score")
            for form in both_scripts([word]):
                auto.add_word(form, Trigger(form, type_, mode, roles, cameo, score, info.get("quad")))
        if len(auto):
            auto.make_automaton()
        lists = [both_scripts(lex.get(key)) for key in ("negation", "planned", "hypothetical", "back_reference",
                                                        "not_event_after", "nominal", "occurrence", "topic_markers",
                                                        "comitative", "content_nouns")]
        lists[5] = frozenset(lists[5])
        return cls(auto, *lists)

    @cached_property
    def any_of(self) -> dict[str, re.Pattern[str]]:
        """Each cue list as one regex, so a check is one search, not one `in` per word."""
        names = ("negation", "planned", "hypothetical", "topic_markers", "comitative", "occurrence")
        return {name: any_of(getattr(self, name)) for name in names}

    def find(self, text: str, start: int, end: int) -> list[tuple[int, Trigger]]:
        """(offset, trigger) for every trigger in text[start:end], leftmost-longest."""
        if not len(self.triggers):
            return []
        chunk = text[start:end]
        return [(start + e - len(t.text) + 1, t) for e, t in self.triggers.iter_long(chunk)]

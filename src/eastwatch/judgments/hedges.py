"""Hedge cues (lexicons/hedges.yaml) found in a clause, longest first, with the preposition 將 left out."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from re import Pattern
from typing import TYPE_CHECKING

import ahocorasick

from eastwatch.kb.lexicon import any_of, both_scripts

if TYPE_CHECKING:
    from eastwatch.kb import KB

ASSESSMENT = "assessment"  # a cue that judges without a likelihood (意味, 顯示)
# How far after 將 an object verb (寫入, 列為) may stand for 將 to be the preposition "take X and …".
JIANG_OBJECT_WINDOW = 14
CLAUSE_END = "，。；！？\n"
# A one-character modal (將, 會) is followed by a verb, never by punctuation or a closing quote.
NOT_AFTER_MODAL = set("，。；：！？、」』）》〉)\n")


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    text: str
    likelihood: str | None
    weak: bool
    future: bool


@dataclass(frozen=True)
class HedgeLexicon:
    cues: ahocorasick.Automaton  # surface -> (likelihood | ASSESSMENT, weak)
    not_cues: ahocorasick.Automaton
    future: tuple[str, ...]
    reported: tuple[str, ...]
    conditional: tuple[str, ...]
    jiang_verbs: tuple[str, ...]

    @cached_property
    def any_of(self) -> dict[str, Pattern[str]]:
        """Each word list as one regex: one search per unit instead of one `in` per word."""
        return {name: any_of(getattr(self, name)) for name in ("future", "reported", "conditional")}

    @classmethod
    def from_kb(cls, kb: KB) -> HedgeLexicon:
        lex = kb.lexicons.get("hedges") or {}
        both = both_scripts
        weak = set(both(lex.get("weak")))
        future = set(both(lex.get("future")))
        table: dict[str, tuple[str, bool, bool]] = {}
        for term, words in (lex.get("likelihood") or {}).items():
            for w in both(words):
                table.setdefault(w, (term, w in weak, w in future))
        for w in both(lex.get("assessment")):
            table.setdefault(w, (ASSESSMENT, w in weak, w in future))
        return cls(_automaton(table), _automaton({w: w for w in both(lex.get("not_cues"))}),
                   tuple(future), both(lex.get("reported")), both(lex.get("conditional")),
                   both(lex.get("jiang_object_verbs")))


def _automaton(table: dict) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for key, value in table.items():
        auto.add_word(key, (key, value))
    if len(auto):
        auto.make_automaton()
    return auto


def find_cues(text: str, kb: KB) -> list[Cue]:
    lex: HedgeLexicon = kb.cached("hedges", HedgeLexicon.from_kb)
    if not len(lex.cues):
        return []
    blocked = _blocked(text, lex)
    out = []
    for end, (word, (term, weak, future)) in lex.cues.iter_long(text):
        start = end - len(word) + 1
        if any(start < b_end and b_start < end + 1 and b_end - b_start >= len(word) for b_start, b_end in blocked):
            continue  # inside a longer non-cue (會議, 可能性); a longer cue (可能性不高) still counts
        if word in ("將", "将") and _jiang_is_preposition(text, end + 1, lex):
            continue
        if len(word) == 1 and text[end + 1 : end + 2] in NOT_AFTER_MODAL:
            continue  # 早餐會」, 冬奧會）: the noun 會, not the modal
        out.append(Cue(start, end + 1, word, None if term == ASSESSMENT else term, weak, future))
    return out


def _blocked(text: str, lex: HedgeLexicon) -> list[tuple[int, int]]:
    if not len(lex.not_cues):
        return []
    return [(end - len(word) + 1, end + 1) for end, (word, _) in lex.not_cues.iter_long(text)]


def _jiang_is_preposition(text: str, pos: int, lex: HedgeLexicon) -> bool:
    window = text[pos : pos + JIANG_OBJECT_WINDOW]
    for i, ch in enumerate(window):
        if ch in CLAUSE_END:
            window = window[:i]
            break
    return any(verb in window for verb in lex.jiang_verbs)


def has_future(text: str, kb: KB) -> bool:
    lex: HedgeLexicon = kb.cached("hedges", HedgeLexicon.from_kb)
    return lex.any_of["future"].search(text) is not None


def is_reported(text: str, kb: KB) -> bool:
    """Reported speech in the clause before a cue (X表示，…將…) or a scenario (推估…將造成)."""
    lex: HedgeLexicon = kb.cached("hedges", HedgeLexicon.from_kb)
    return lex.any_of["reported"].search(text) is not None


def is_conditional(text: str, kb: KB) -> bool:
    lex: HedgeLexicon = kb.cached("hedges", HedgeLexicon.from_kb)
    return lex.any_of["conditional"].search(text) is not None

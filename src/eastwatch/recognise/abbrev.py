"""One-character state abbreviations: coordinated runs (中日韓, 美日韓, 中、日、韓) and single ones with a
verb or noun beside them (訪日, 對中強硬, 日方, 韓媒). The contexts are data (lexicons/abbreviations.yaml).

Runs only look at text no knowledge-base name covers, so 日本, 中國, 韓國瑜 and 朝鮮半島 are never split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eastwatch.kb.lexicon import both_scripts
from eastwatch.model import Candidate, Span

if TYPE_CHECKING:
    from eastwatch.kb import KB

LIST_SEPARATOR = "、"
DIGITS = set("0123456789０１２３４５６７８９一二三四五六七八九十廿卅〇零两兩")
# 年中 is mid-year, but in "2018 年中、日兩國" the separator shows 中 starts a list.
CORE_STATES = set("中日韓美朝俄韩")


@dataclass(frozen=True)
class AbbrevRules:
    states: dict[str, str]
    never_in_runs: frozenset[str]
    verbs_before: frozenset[str]
    suffixes_after: tuple[str, ...]
    suffix_not_followed_by: dict[str, tuple[str, ...]]
    not_after: dict[str, frozenset[str]]
    not_before: dict[str, tuple[str, ...]]
    run: re.Pattern[str]

    @classmethod
    def from_kb(cls, kb: KB) -> AbbrevRules:
        data = kb.lexicons.get("abbreviations") or {}
        states = {form: str(iso3) for ch, iso3 in (data.get("states") or {}).items() for form in both_scripts([ch])}
        chars = "".join(sorted(states))
        one = f"[{re.escape(chars)}]" if chars else "(?!)"
        run = re.compile(f"{one}(?:{LIST_SEPARATOR}?{one})*")
        return cls(
            states=states,
            never_in_runs=frozenset(both_scripts(data.get("never_in_runs"))),
            verbs_before=frozenset(both_scripts(data.get("verbs_before"))),
            suffixes_after=both_scripts(data.get("suffixes_after")),
            suffix_not_followed_by={form: both_scripts(v) for k, v in (data.get("suffix_not_followed_by") or {}).items()
                                    for form in both_scripts([k])},
            not_after={form: frozenset(both_scripts(v)) for k, v in (data.get("not_after") or {}).items()
                       for form in both_scripts([k])},
            not_before={form: both_scripts(v) for k, v in (data.get("not_before") or {}).items()
                        for form in both_scripts([k])},
            run=run,
        )


def find_abbreviations(text: str, covered: list[Span], kb: KB) -> list[Candidate]:
    """Abbreviation candidates in the gaps between `covered` spans (sorted, non-overlapping)."""
    rules: AbbrevRules = kb.cached("abbreviations", AbbrevRules.from_kb)
    out: list[Candidate] = []
    pos = 0
    for span in [*covered, Span(len(text), len(text))]:
        if span.start > pos:
            out.extend(_in_gap(text, pos, span.start, rules))
        pos = max(pos, span.end)
    return out


def _in_gap(text: str, start: int, end: int, rules: AbbrevRules) -> list[Candidate]:
    out = []
    for m in rules.run.finditer(text, start, end):
        elems = [Span(m.start() + i, m.start() + i + 1) for i, ch in enumerate(m.group()) if ch != LIST_SEPARATOR]
        elems = _trim(text, elems, rules)
        if not elems:
            continue
        chars = [text[e.start] for e in elems]
        if len(elems) == 1:
            if not _has_context(text, elems[0], rules):
                continue
        elif len(set(rules.states[c] for c in chars)) < len(chars) or not CORE_STATES & set(chars) \
                or rules.never_in_runs & set(chars):
            continue
        out.extend(Candidate(e, text[e.start], (f"state/{rules.states[text[e.start]]}",)) for e in elems)
    return out


def _trim(text: str, elems: list[Span], rules: AbbrevRules) -> list[Span]:
    """Drop a first element that is part of a word with what precedes it (其中, 今日, 26 日) and a last one
    that makes a word with what follows (中央, 美洲)."""
    if elems and text[elems[0].start] == "日" and _char_before(text, elems[0].start) in DIGITS:
        elems = elems[1:]  # 26日中日韓: the first 日 ends a date, and what follows it starts afresh
    elif elems and _bad_left(text, elems, rules):
        elems = elems[1:]
    while elems and _bad_right(text, elems[-1], rules):
        elems = elems[:-1]
    return elems


def _bad_left(text: str, elems: list[Span], rules: AbbrevRules) -> bool:
    first = elems[0]
    ch = text[first.start]
    listed = len(elems) > 1 and text[first.end : first.end + 1] == LIST_SEPARATOR
    adjacent = text[first.start - 1 : first.start] if first.start else ""
    return not listed and adjacent in rules.not_after.get(ch, ())


def _bad_right(text: str, last: Span, rules: AbbrevRules) -> bool:
    return text.startswith(rules.not_before.get(text[last.start], ()), last.end)


def _has_context(text: str, elem: Span, rules: AbbrevRules) -> bool:
    before = text[elem.start - 1 : elem.start] if elem.start else ""
    after = text[elem.end : elem.end + 4]
    suffix = next((s for s in rules.suffixes_after if after.startswith(s)), None) \
        if after.startswith(rules.suffixes_after) else None
    if suffix and after[len(suffix) :].startswith(rules.suffix_not_followed_by.get(suffix, ())):
        suffix = None  # 越方便, 立法方面: the suffix begins another word
    return before in rules.verbs_before or suffix is not None


def _char_before(text: str, pos: int) -> str:
    """The nearest character before `pos` that is not a space (dates are often written "25 日")."""
    i = pos - 1
    while i >= 0 and text[i] in " \u3000\t":
        i -= 1
    return text[i] if i >= 0 else ""

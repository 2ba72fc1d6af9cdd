"""One Aho-Corasick pass over every knowledge-base name (both scripts), plus Latin names by token n-grams.

The automaton is built once per KB (`kb.cached`) and holds two kinds of surface forms: entity names and
aliases, and post titles (日相, 國務卿: resolved to a person by the linker).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ahocorasick

from eastwatch.kb.variants import with_twins
from eastwatch.model import Candidate, Span
from eastwatch.recognise.abbrev import AbbrevRules

if TYPE_CHECKING:
    from eastwatch.kb import KB

# CJK names shorter than this are not matched by the automaton: one-character state abbreviations need the
# context rules of recognise.abbrev, and one-character aliases elsewhere are always ambiguous.
MIN_CJK_SURFACE = 2
# A two-character alias whose first character is a state abbreviation (韓戰, 台軍) is read as that
# abbreviation instead when what precedes it makes a state of it (中韓戰略, 對台軍售).
SHORT_ALIAS = 2
# Latin names are looked up as runs of up to this many words ("Democratic People's Republic of Korea").
MAX_LATIN_WORDS = 7
# A one-word Latin name must be at least this long or all capitals (KCNA, RCEP, US) to count.
MIN_LATIN_WORD = 4

LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’.\-&]*(?:[ \t]+[A-Za-z0-9][A-Za-z0-9'’.\-&]*)*")
LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.\-&]*")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CJK_LATIN = re.compile(r"([\u3400-\u9fff])([A-Za-z0-9])")
_LATIN_CJK = re.compile(r"([A-Za-z0-9])([\u3400-\u9fff])")


@dataclass(frozen=True, slots=True)
class Surface:
    text: str
    entity_ids: tuple[str, ...] = ()
    post_ids: tuple[str, ...] = ()  # a title such as 外長 or 日相


@dataclass(frozen=True, slots=True)
class Hit:
    span: Span
    surface: Surface


class AliasMatcher:
    def __init__(self, kb: KB):
        entities: dict[str, set[str]] = {}
        posts: dict[str, set[str]] = {}
        for surface, ent_id in kb.surface_forms():
            for form in variants(surface):
                entities.setdefault(form, set()).add(ent_id)
        for post in kb.posts.values():
            for title in post.titles:
                for form in variants(title):
                    posts.setdefault(form, set()).add(post.id)
        self.automaton = ahocorasick.Automaton()
        self.latin: dict[str, Surface] = {}
        self.entity_forms = {form: tuple(sorted(ids)) for form, ids in entities.items()}
        for form in set(entities) | set(posts):
            surface = Surface(form, tuple(sorted(entities.get(form, ()))), tuple(sorted(posts.get(form, ()))))
            if _CJK.search(form):
                if len(form) >= MIN_CJK_SURFACE:
                    self.automaton.add_word(form, surface)
            elif surface.entity_ids and _latin_ok(form):
                self.latin.setdefault(latin_key(form), surface)
        if len(self.automaton):
            self.automaton.make_automaton()

    def find(self, text: str) -> list[Hit]:
        """Leftmost-longest CJK hits, then Latin hits, in text order."""
        hits = []
        if len(self.automaton):
            for end, surface in self.automaton.iter_long(text):
                start = end - len(surface.text) + 1
                hits.append(Hit(Span(start, end + 1), surface))
        hits.extend(self._latin(text))
        hits.sort(key=lambda h: h.span.start)
        return hits

    def find_inside(self, name: str, outer: tuple[str, ...]) -> list[Hit]:
        """Other names inside a longer name (東協 in 東協峰會), leftmost-longest; `outer`'s own shorter
        aliases (中日韓外長會 in 中日韓外長會議) do not count."""
        if not len(self.automaton):
            return []
        found = sorted(((end - len(s.text) + 1, end + 1, s) for end, s in self.automaton.iter(name)
                        if len(s.text) < len(name) and s.entity_ids and not set(s.entity_ids) & set(outer)),
                       key=lambda h: (h[0], -h[1]))
        hits, pos = [], 0
        for start, end, surface in found:
            if start >= pos:
                hits.append(Hit(Span(start, end), surface))
                pos = end
        return hits

    def _latin(self, text: str) -> list[Hit]:
        hits = []
        for run in LATIN_RUN.finditer(text):
            words = [(m.start() + run.start(), m.end() + run.start()) for m in LATIN_WORD.finditer(run.group())]
            i = 0
            while i < len(words):
                for n in range(min(MAX_LATIN_WORDS, len(words) - i), 0, -1):
                    start, end = words[i][0], words[i + n - 1][1]
                    found = text[start:end]
                    surface = self.latin.get(latin_key(found))
                    if surface and (n > 1 or len(found) >= MIN_LATIN_WORD or found.isupper()):
                        hits.append(Hit(Span(start, end), surface))
                        i += n
                        break
                else:
                    i += 1
        return hits


def _yields_to_abbreviation(text: str, hit: Hit, rules: AbbrevRules) -> bool:
    """A two-character non-state name whose first character is a state abbreviation, after another
    abbreviation or a verb such as 對, 訪 that makes that character a state."""
    start = hit.span.start
    ids = hit.surface.entity_ids
    if len(hit.surface.text) != SHORT_ALIAS or not start or not ids or ids[0].startswith("state/"):
        return False
    before = text[start - 1]
    return text[start] in rules.states and (before in rules.states or before in rules.verbs_before)


def variants(surface: str) -> set[str]:
    """Forms of one name the text may use: NFKC (full-width letters), the 臺/台 twin (as the KB loader gives
    them; repeated for KBs built in code), and a space between Chinese and Latin characters or not."""
    form = unicodedata.normalize("NFKC", surface).strip()
    out = set(with_twins([surface, form]))
    # 中日韓FTA is also written 中日韓 FTA, and 大阪G20峰會 as 大阪 G20 峰會
    spaced = {_LATIN_CJK.sub(r"\1 \2", _CJK_LATIN.sub(r"\1 \2", v)) for v in out}
    out |= spaced | {_CJK_LATIN.sub(r"\1 \2", v) for v in out}
    return {v for v in out if v}


def latin_key(text: str) -> str:
    """Case, hyphens, dots and spacing do not matter for Latin names: "Yoon Suk-yeol" = "YOON Suk Yeol"."""
    return re.sub(r"[\s\-.’']+", " ", text.casefold()).strip()


def _latin_ok(form: str) -> bool:
    key = latin_key(form)
    return bool(key) and (" " in key or len(key) >= MIN_LATIN_WORD or form.isupper())


def find_candidates(text: str, kb: KB) -> tuple[list[Candidate], list[Hit]]:
    """Entity candidates, and the title hits (post titles) the linker resolves to people."""
    matcher: AliasMatcher = kb.cached("aliases", AliasMatcher)
    rules: AbbrevRules = kb.cached("abbreviations", AbbrevRules.from_kb)
    candidates, titles = [], []
    for hit in matcher.find(text):
        if _yields_to_abbreviation(text, hit, rules):
            continue  # 中韓戰略 is not 韓戰, 對台軍售 not 台軍
        if hit.surface.entity_ids:
            candidates.append(Candidate(hit.span, text[hit.span.start : hit.span.end], hit.surface.entity_ids))
        elif hit.surface.post_ids:
            titles.append(hit)
            # a title that starts with its state or body (韓國總統, 自民黨幹事長, 青瓦臺國家安保室長) also
            # mentions it: the shortest such name, the one a reader sees first
            for n in range(MIN_CJK_SURFACE, len(hit.surface.text)):
                ids = tuple(i for i in matcher.entity_forms.get(hit.surface.text[:n], ())
                            if i.startswith(("state/", "org/")))
                if ids:
                    span = Span(hit.span.start, hit.span.start + n)
                    candidates.append(Candidate(span, text[span.start : span.end], ids))
                    break
    return candidates, titles

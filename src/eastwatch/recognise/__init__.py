"""recognise: knowledge-base names (one automaton pass), state abbreviations, times and quantities."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eastwatch.model import Candidate, Document, Span
from eastwatch.recognise import quantities, times
from eastwatch.recognise.abbrev import find_abbreviations
from eastwatch.recognise.aliases import AliasMatcher, find_candidates

if TYPE_CHECKING:
    from eastwatch.kb import KB

POST_PREFIX = "post/"  # a Candidate whose ids start with this is a title (外長, 日相) for the linker
# Names of these kinds often hold other names that matter on their own: the states of 中日韓外長會議 take
# part in it, 東協峰會 is a meeting of 東協. People and places do not: 韓國瑜 is not 韓國, 臺灣海峽 not 臺灣.
# Only actors are taken from inside agreements and organisations (a state): the 太平洋 of 跨太平洋夥伴協定 or
# the 中央外事工作委員會 of its 辦公室 are parts of a name. An event's name also names its host city and its
# protagonist (成都中日韓峰會, 裴洛西訪台).
NESTING = {"event": ("state/", "org/", "place/", "person/"), "agreement": ("state/",), "org": ("state/",)}


def run(doc: Document, kb: KB) -> None:
    doc.candidates = recognise_names(doc.text, kb)
    times.run(doc)
    quantities.run(doc)


def recognise_names(text: str, kb: KB) -> list[Candidate]:
    names, titles = find_candidates(text, kb)
    title_cands = [Candidate(h.span, text[h.span.start : h.span.end],
                             tuple(POST_PREFIX + p for p in h.surface.post_ids)) for h in titles]
    covered = sorted({c.span for c in names} | {c.span for c in title_cands}, key=lambda s: (s.start, s.end))
    merged = [*names, *title_cands, *find_abbreviations(text, covered, kb), *_nested(names, kb)]
    return sorted(merged, key=lambda c: (c.span.start, -c.span.end))


def _nested(names: list[Candidate], kb: KB) -> list[Candidate]:
    matcher: AliasMatcher = kb.cached("aliases", AliasMatcher)
    out = []
    for cand in names:
        kinds = NESTING.get(cand.entity_ids[0].partition("/")[0])
        if not kinds:
            continue
        inner = [h for h in matcher.find_inside(cand.text, cand.entity_ids)
                 if h.surface.entity_ids[0].startswith(kinds)]
        spans = [h.span for h in inner]
        out += [Candidate(_shift(h.span, cand.span.start), cand.text[h.span.start : h.span.end], h.surface.entity_ids)
                for h in inner]
        out += [Candidate(_shift(c.span, cand.span.start), c.text, c.entity_ids)
                for c in find_abbreviations(cand.text, spans, kb)]
    return out


def _shift(span: Span, by: int) -> Span:
    return Span(span.start + by, span.end + by)

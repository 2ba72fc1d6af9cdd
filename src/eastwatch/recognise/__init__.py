"""recognise: knowledge-base names (one automaton pass), state abbreviations, times and quantities."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eastwatch.model import Candidate, Document
from eastwatch.recognise.abbrev import find_abbreviations
from eastwatch.recognise.aliases import find_candidates

if TYPE_CHECKING:
    from eastwatch.kb import KB

POST_PREFIX = "post/"  # a Candidate whose ids start with this is a title (外長, 日相) for the linker


def run(doc: Document, kb: KB) -> None:
    doc.candidates = recognise_names(doc.text, kb)
    from eastwatch.recognise import quantities, times  # TODO(lead): top-level once the times module lands

    times.run(doc)
    quantities.run(doc)


def recognise_names(text: str, kb: KB) -> list[Candidate]:
    names, titles = find_candidates(text, kb)
    title_cands = [Candidate(h.span, text[h.span.start : h.span.end],
                             tuple(POST_PREFIX + p for p in h.surface.post_ids)) for h in titles]
    covered = sorted({c.span for c in names} | {c.span for c in title_cands})
    merged = [*names, *title_cands, *find_abbreviations(text, covered, kb)]
    return sorted(merged, key=lambda c: (c.span.start, -c.span.end))

"""link: candidates -> mentions of knowledge-base entities, short references and titles resolved to people,
and people the knowledge base does not know found by title (kept unlinked, never dropped)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eastwatch.link.coref import surname_mentions
from eastwatch.link.entities import choose_entity
from eastwatch.link.titles import resolve_titles
from eastwatch.model import Document, Mention
from eastwatch.recognise import POST_PREFIX

if TYPE_CHECKING:
    from eastwatch.kb import KB



def run(doc: Document, kb: KB) -> None:
    names = [c for c in doc.candidates if not c.entity_ids[0].startswith(POST_PREFIX)]
    titles = [c for c in doc.candidates if c.entity_ids[0].startswith(POST_PREFIX)]
    mentions = [choose_entity(doc.text, c, kb) for c in names]
    mentions += surname_mentions(doc.text, mentions, kb)
    mentions += resolve_titles(doc.text, titles, mentions, kb, doc.date)
    doc.mentions = sorted(_dedupe(mentions), key=lambda m: (m.span.start, -m.span.end))


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """Keep one mention per span, and drop a mention nested in a longer one of a person (a state name
    inside a title that resolved to its holder stays: it is a separate mention of the state)."""
    seen: dict[tuple[int, int], Mention] = {}
    for m in mentions:
        seen.setdefault((m.span.start, m.span.end), m)
    return list(seen.values())

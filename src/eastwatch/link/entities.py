"""Pick the entity a surface form names when several share it (首爾: the state as actor, or the city)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eastwatch.model import Candidate, Mention

if TYPE_CHECKING:
    from eastwatch.kb import KB

# Words right before a name that make it a place: 在釜山, 前往首爾, 抵達東京.
LOCATION_CUES = ("前往", "抵達", "來到", "飛抵", "位於", "在", "於", "赴", "抵", "到", "至", "往", "經")
# Without a location cue, a surface shared by several entities names the first type here (capitals are
# metonyms for their state's government far more often than places in this genre).
TYPE_ORDER = ("state", "person", "organization", "agreement", "event", "weapon", "location", "region", "other")


def choose_entity(text: str, cand: Candidate, kb: KB) -> Mention:
    ents = [kb.entities[i] for i in cand.entity_ids if i in kb.entities]
    if len(ents) > 1:
        before = text[max(0, cand.span.start - 2) : cand.span.start]
        as_place = any(before.endswith(cue) for cue in LOCATION_CUES)
        ents.sort(key=lambda e: (not (as_place and e.type == "location"), TYPE_ORDER.index(e.type), e.id))
    ent = ents[0]
    return Mention(cand.span, cand.text, ent.id, ent.type, via="alias" if len(cand.text) > 1 else "abbreviation",
                   country=ent.country)

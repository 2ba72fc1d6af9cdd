"""The loaded knowledge base: entities, posts, who held which post when, and the lexicons.

Built once by `eastwatch.kb.load()` and passed to every stage; nothing here reads files.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from eastwatch.model import Entity, Occupancy, Post


@dataclass
class KB:
    entities: dict[str, Entity] = field(default_factory=dict)
    posts: dict[str, Post] = field(default_factory=dict)
    occupancies: list[Occupancy] = field(default_factory=list)
    lexicons: dict[str, Any] = field(default_factory=dict)  # file stem -> parsed YAML (list or dict)
    sources: tuple[str, ...] = ()  # the folders it was loaded from
    _by_person: dict[str, list[Occupancy]] = field(default_factory=dict, repr=False)
    _by_post: dict[str, list[Occupancy]] = field(default_factory=dict, repr=False)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)  # compiled matchers, keyed by user

    def __post_init__(self) -> None:
        self.index()

    def index(self) -> None:
        by_person: dict[str, list[Occupancy]] = defaultdict(list)
        by_post: dict[str, list[Occupancy]] = defaultdict(list)
        for occ in self.occupancies:
            by_person[occ.person].append(occ)
            by_post[occ.post].append(occ)
        self._by_person, self._by_post = dict(by_person), dict(by_post)
        self._cache.clear()

    def cached(self, key: str, build: Any) -> Any:
        """Something compiled from the KB once (an automaton, a regex), reused across documents."""
        if key not in self._cache:
            self._cache[key] = build(self)
        return self._cache[key]

    # ---- offices ----
    def offices(self, person: str) -> list[Occupancy]:
        return self._by_person.get(person, [])

    def offices_on(self, person: str, iso_date: str | None) -> list[Occupancy]:
        """Posts `person` held on `iso_date` (YYYY, YYYY-MM or YYYY-MM-DD), highest rank first."""
        occs = self.offices(person)
        if iso_date:
            occs = [occ for occ in occs if _overlaps(occ, iso_date)]
        return sorted(occs, key=lambda occ: (self.posts[occ.post].rank if occ.post in self.posts else 9,
                                             occ.start or ""))

    def holders(self, post: str, iso_date: str | None) -> list[str]:
        """Person ids holding `post` on `iso_date`; the latest holder first when the date is coarse."""
        occs = [occ for occ in self._by_post.get(post, []) if iso_date is None or _overlaps(occ, iso_date)]
        occs.sort(key=lambda occ: occ.start or "", reverse=True)
        return [occ.person for occ in occs]

    # ---- names ----
    def surface_forms(self) -> Iterator[tuple[str, str]]:
        """(surface, entity id) for every name and alias, every script."""
        for ent in self.entities.values():
            for names in ent.names.values():
                for name in names:
                    yield name, ent.id
            for alias in ent.aliases:
                yield alias, ent.id

    def search(self, name: str) -> list[Entity]:
        """Entities one of whose names contains `name` (case-folded); exact matches first."""
        key = name.casefold()
        hits, exact = set(), set()
        for surface, ent_id in self.surface_forms():
            folded = surface.casefold()
            if key in folded:
                hits.add(ent_id)
                if key == folded:
                    exact.add(ent_id)
        return [self.entities[i] for i in sorted(hits, key=lambda i: (i not in exact, i))]

    def state(self, iso3: str) -> Entity | None:
        return self.entities.get(f"state/{iso3}")


def _overlaps(occ: Occupancy, iso_date: str) -> bool:
    """True when the term overlaps the period `iso_date` names (a year or month overlaps a term
    that starts or ends inside it)."""
    first = iso_date + "-01-01"[len(iso_date) - 4 :] if len(iso_date) < 10 else iso_date
    last = iso_date + "-12-31"[len(iso_date) - 4 :] if len(iso_date) < 10 else iso_date
    if len(iso_date) == 7:
        last = iso_date + "-31"
    return (occ.start is None or occ.start <= last) and (occ.end is None or first <= occ.end)

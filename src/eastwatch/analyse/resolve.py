"""What a user types for an actor (CHN, state/CHN, person/wang-yi, 王毅, Wang Yi) -> the party key stored.

Names are looked up in the stored entities table (every entity some document names), in any script.
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from eastwatch.analyse.corpus import party
from eastwatch.errors import EastwatchError
from eastwatch.kb.variants import to_simplified
from eastwatch.store.tables import entities

ISO3 = re.compile(r"[A-Z]{3}")
SHOWN = 5  # candidates listed when a name is ambiguous


class QueryError(EastwatchError):
    """A query the corpus cannot answer as asked (unknown name, bad date, bad period)."""


def _forms(row: Any) -> set[str]:
    forms = {row.name, row.name_en or ""}
    for names in (row.names or {}).values():
        forms.update(names)
    forms.update(row.aliases or ())
    return {f.casefold() for f in forms if f}  # the stored names already hold both scripts


def find_entity(conn: Connection, text: str) -> str | None:
    """The stored entity whose id or one of whose names is `text` (either script, any case); None when
    there is none, QueryError when there are several."""
    wanted = text.strip()
    if conn.execute(sa.select(entities.c.id).where(entities.c.id == wanted)).first():
        return wanted
    if ISO3.fullmatch(wanted) and conn.execute(sa.select(entities.c.id).where(
            entities.c.id == f"state/{wanted}")).first():
        return f"state/{wanted}"
    keys = {wanted.casefold(), to_simplified(wanted)}
    rows = conn.execute(sa.select(entities.c.id, entities.c.name, entities.c.name_en, entities.c.names,
                                  entities.c.aliases).order_by(entities.c.id)).all()
    found = [row.id for row in rows if keys & _forms(row)]
    if len(found) == 1:
        return found[0]
    if found:
        raise QueryError(f"{text!r} names {len(found)} entities ({', '.join(found[:SHOWN])}); give the id")
    return None


def entity_id(conn: Connection, text: str) -> str:
    """find_entity, or QueryError when nothing stored has that name."""
    found = find_entity(conn, text)
    if found is not None:
        return found
    raise QueryError(f"no stored entity is named {text!r}; `eastwatch kb search {text}` finds knowledge-base ids")


def party_key(conn: Connection, text: str) -> str:
    """ISO3 codes and ids are taken as given (a country may have events but no stored entity); names are
    looked up."""
    wanted = text.strip()
    if ISO3.fullmatch(wanted) or "/" in wanted:
        return party(wanted)
    return party(entity_id(conn, wanted))

"""The closed record formats of the knowledge-base files, and checks of one record at a time.

Every check returns problem lines (`<file>: <record id>: <field>: <reason>`) instead of raising, so
that the loader can report every problem of every file at once. Checks that need the whole
knowledge base (ids unique, posts and countries that exist, overlapping terms) live in load.py.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from eastwatch.model import EntityType

SCRIPTS = ("zh-Hant", "zh-Hans", "en")

# id prefix -> entity type; the prefix is the only place a record's type is written.
TYPES: dict[str, EntityType] = {
    "state": "state",
    "person": "person",
    "org": "organization",
    "place": "location",
    "region": "region",  # seas, straits, peninsulas, macro-regions: frames rather than sites
    "agreement": "agreement",
    "event": "event",
    "weapon": "weapon",
}

_COMMON = frozenset({"id", "names", "aliases", "country", "wikidata", "source", "note"})
# metonyms: place names that stand for the actor (北京 for the PRC, 青瓦臺 for the ROK presidency);
# date and parties: when an agreement was signed or an event held, and by which states. (One-character
# state abbreviations, 中日韓, live in lexicons/abbreviations.yaml with the contexts that make them safe.)
KEYS: dict[str, frozenset[str]] = {
    "state": _COMMON | {"metonyms"},
    "person": _COMMON | {"offices"},
    "org": _COMMON | {"metonyms"},
    "place": _COMMON,
    "region": _COMMON,
    "agreement": _COMMON | {"date", "parties"},
    "event": _COMMON | {"date", "parties"},
    "weapon": _COMMON,
}
OFFICE_KEYS = frozenset({"post", "start", "end", "source", "note"})
POST_KEYS = frozenset({"id", "country", "names", "titles", "rank", "source", "note"})
RANKS = range(1, 6)  # 1 head of state or party leader ... 5 everything else (the default)
DEFAULT_RANK = 5

_ENTITY_ID = re.compile(r"^([a-z]+)/([A-Za-z0-9][A-Za-z0-9._-]*)$")
_STATE_ID = re.compile(r"^state/[A-Z]{3}$")
_POST_ID = re.compile(r"^[A-Za-z0-9]+/[A-Za-z0-9][A-Za-z0-9._-]*$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def problem(where: str, rid: str, field: str, reason: str) -> str:
    return f"{where}: {rid}: {field}: {reason}"


@dataclass
class Checked:
    """One record after its own checks: the raw mapping, where it came from, and its type."""

    where: str  # the file, as shown in problem lines
    rid: str  # the record id, or "[3]" (its position) when it has none
    raw: dict[str, Any]
    prefix: str = ""  # entity id prefix ("org"), empty for posts


# ---- values ------------------------------------------------------------------------------------


def date_problem(value: Any) -> str | None:
    """Why `value` is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), or None when it is one."""
    if isinstance(value, date):
        return f'unquoted date {value.isoformat()} (YAML reads it as a date: write "{value.isoformat()}")'
    if not isinstance(value, str):
        return f"not a date: {value!r} (write YYYY, YYYY-MM or YYYY-MM-DD in quotes)"
    match = _DATE.match(value)
    if not match:
        return f'not an ISO date: "{value}" (write YYYY, YYYY-MM or YYYY-MM-DD)'
    year, month, day = (int(part) if part else None for part in match.groups())
    if month is not None and not 1 <= month <= 12:
        return f'no such month: "{value}"'
    if month is not None and day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return f'no such day: "{value}"'
    return None


def first_day(value: str) -> str:
    return value + "-01-01"[len(value) - 4 :] if len(value) < 10 else value


def last_day(value: str) -> str:
    if len(value) == 4:
        return value + "-12-31"
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:7])
        return f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    return value


def period_problems(value: Any, where: str, rid: str, field: str) -> list[str]:
    """A date, or an interval "A/B" of two dates with A before B (an event held over days)."""
    parts = value.split("/") if isinstance(value, str) and "/" in value else [value]
    if len(parts) > 2:
        return [problem(where, rid, field, f'not a date or interval: "{value}"')]
    found = [reason for part in parts if (reason := date_problem(part))]
    if found:
        return [problem(where, rid, field, reason) for reason in found]
    if len(parts) == 2 and first_day(parts[0]) > last_day(parts[1]):
        return [problem(where, rid, field, f'interval ends before it starts: "{value}"')]
    return []


def code_problem(value: Any) -> str | None:
    """Why `value` is not written like an ISO 3166-1 alpha-3 code (existence is checked later)."""
    if isinstance(value, bool) or not isinstance(value, str):
        return f"not a country code: {value!r} (quote codes that YAML reads as booleans or numbers: \"NOR\")"
    if not _ISO3.match(value):
        return f'not an ISO 3166-1 alpha-3 code: "{value}"'
    return None


def _strings(value: Any, where: str, rid: str, field: str) -> list[str]:
    if not isinstance(value, list):
        return [problem(where, rid, field, f"expected a list of strings, got {type(value).__name__}")]
    return [problem(where, rid, f"{field}[{i}]", f"expected a non-empty string, got {item!r}")
            for i, item in enumerate(value) if not isinstance(item, str) or not item.strip()]


def _names(value: Any, where: str, rid: str) -> list[str]:
    if not isinstance(value, dict):
        return [problem(where, rid, "names", "expected a mapping of zh-Hant, zh-Hans, en to lists of names")]
    found = [problem(where, rid, f"names.{key}", f"unknown script (allowed: {', '.join(SCRIPTS)})")
             for key in value if key not in SCRIPTS]
    for key in SCRIPTS:
        if key in value:
            found += _strings(value[key], where, rid, f"names.{key}")
    if not any(value.get(key) for key in SCRIPTS):
        found.append(problem(where, rid, "names", f"no name given (give at least one of {', '.join(SCRIPTS)})"))
    return found


def _unknown_keys(raw: dict, allowed: frozenset[str], where: str, rid: str, prefix: str = "") -> list[str]:
    return [problem(where, rid, f"{prefix}{key}", f"unknown key (allowed: {', '.join(sorted(allowed))})")
            for key in raw if key not in allowed]


def _optional_strings(raw: dict, keys: tuple[str, ...], where: str, rid: str, prefix: str = "") -> list[str]:
    return [problem(where, rid, f"{prefix}{key}", f"expected a string, got {raw[key]!r}")
            for key in keys if key in raw and not isinstance(raw[key], str)]


# ---- records -----------------------------------------------------------------------------------


def record_id(raw: Any, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return raw["id"]
    return f"[{index}]"


def check_entity(raw: Any, where: str, index: int) -> tuple[Checked | None, list[str]]:
    """The checks one entity record can make on its own; the record is None when it is unusable."""
    rid = record_id(raw, index)
    if not isinstance(raw, dict):
        return None, [problem(where, rid, "-", f"expected a mapping, got {type(raw).__name__}")]
    if "id" not in raw or not isinstance(raw["id"], str):
        return None, [problem(where, rid, "id", "missing (every record needs an id like org/asean)")]
    match = _ENTITY_ID.match(rid)
    if not match or match.group(1) not in TYPES:
        return None, [problem(where, rid, "id", f"unknown id form (expected one of {', '.join(TYPES)} then /slug)")]
    prefix = match.group(1)
    if prefix == "state" and not _STATE_ID.match(rid):
        return None, [problem(where, rid, "id", "a state id is state/ and an ISO 3166-1 alpha-3 code")]
    found = _unknown_keys(raw, KEYS[prefix], where, rid)
    if "names" in raw or prefix != "state":  # a state record may only add aliases to a generated state
        found += _names(raw.get("names"), where, rid)
    for key in ("aliases", "metonyms"):
        if key in raw:
            found += _strings(raw[key], where, rid, key)
    found += _optional_strings(raw, ("source", "note"), where, rid)
    if "country" in raw and (reason := code_problem(raw["country"])):
        found.append(problem(where, rid, "country", reason))
    if "wikidata" in raw and not (isinstance(raw["wikidata"], str) and _QID.match(raw["wikidata"])):
        found.append(problem(where, rid, "wikidata", f"not a Wikidata id (Q and digits): {raw['wikidata']!r}"))
    if "date" in raw:
        found += period_problems(raw["date"], where, rid, "date")
    if "parties" in raw:
        found += _parties(raw["parties"], where, rid)
    if "offices" in raw:
        found += _offices(raw["offices"], where, rid)
    return Checked(where, rid, raw, prefix), found


def _parties(value: Any, where: str, rid: str) -> list[str]:
    if not isinstance(value, list):
        return [problem(where, rid, "parties", "expected a list of ISO 3166-1 alpha-3 codes")]
    return [problem(where, rid, f"parties[{i}]", reason) for i, code in enumerate(value)
            if (reason := code_problem(code))]


def _offices(value: Any, where: str, rid: str) -> list[str]:
    if not isinstance(value, list):
        return [problem(where, rid, "offices", "expected a list of {post, start, end}")]
    found: list[str] = []
    for i, office in enumerate(value):
        field = f"offices[{i}]"
        if not isinstance(office, dict):
            found.append(problem(where, rid, field, "expected a mapping {post, start, end}"))
            continue
        found += _unknown_keys(office, OFFICE_KEYS, where, rid, prefix=f"{field}.")
        if not isinstance(office.get("post"), str):
            found.append(problem(where, rid, f"{field}.post", "missing (the post id, like CHN/foreign-minister)"))
        bad = False
        for key in ("start", "end"):
            if office.get(key) is not None and (reason := date_problem(office[key])):
                found.append(problem(where, rid, f"{field}.{key}", reason))
                bad = True
        start, end = office.get("start"), office.get("end")
        if not bad and start and end and first_day(start) > last_day(end):
            found.append(problem(where, rid, f"{field}.end", f'ends before it starts ("{start}" to "{end}")'))
        found += _optional_strings(office, ("source", "note"), where, rid, prefix=f"{field}.")
    return found


def check_post(raw: Any, where: str, index: int) -> tuple[Checked | None, list[str]]:
    rid = record_id(raw, index)
    if not isinstance(raw, dict):
        return None, [problem(where, rid, "-", f"expected a mapping, got {type(raw).__name__}")]
    if not isinstance(raw.get("id"), str) or not _POST_ID.match(raw["id"]):
        return None, [problem(where, rid, "id", "missing or malformed (a post id looks like CHN/foreign-minister)")]
    found = _unknown_keys(raw, POST_KEYS, where, rid)
    found += _names(raw.get("names"), where, rid)
    if "titles" in raw:
        found += _strings(raw["titles"], where, rid, "titles")
    found += _optional_strings(raw, ("source", "note"), where, rid)
    if "country" not in raw:
        found.append(problem(where, rid, "country", "missing (the ISO 3166-1 alpha-3 code of the state)"))
    elif reason := code_problem(raw["country"]):
        found.append(problem(where, rid, "country", reason))
    rank = raw.get("rank", DEFAULT_RANK)
    if isinstance(rank, bool) or not isinstance(rank, int) or rank not in RANKS:
        found.append(problem(where, rid, "rank", f"expected a whole number from 1 to 5, got {rank!r}"))
    return Checked(where, rid, raw), found

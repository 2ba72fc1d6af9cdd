"""The structure stage's cue words (cues.yaml), checked and compiled once per knowledge base."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from eastwatch.errors import KnowledgeError

if TYPE_CHECKING:
    from eastwatch.kb import KB

CUES_PATH = Path(__file__).with_name("cues.yaml")
LIST_KEYS = ("positions", "affiliation_suffixes", "agencies", "places", "agencies_en", "clutter_words",
             "clutter_patterns", "section_labels")
MAP_KEYS = ("role_suffixes", "role_prefixes")
CACHE_KEY = "structure.cues"


@dataclass(frozen=True)
class Cues:
    positions: re.Pattern[str]  # one or more positions joined by 兼: "教授兼所長"
    role_suffix: re.Pattern[str]  # a role closing an author line
    role_prefix: re.Pattern[str]  # a role opening an author line, with its ： or ／
    roles: dict[str, str]  # as written -> as stored
    affiliation_suffixes: tuple[str, ...]
    agencies: str  # regex alternation, longest first
    places: tuple[str, ...]  # longest first
    agencies_en: str
    clutter_words: frozenset[str]  # case-folded, without spaces
    clutter_patterns: tuple[re.Pattern[str], ...]
    section_labels: frozenset[str]  # unnumbered headings of a known form (新聞重點, 安全意涵, 結語)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def check(data: Any, where: str) -> list[str]:
    """Every problem in the cue file, one line each: unknown or missing keys, wrong types, bad regexes."""
    if not isinstance(data, dict):
        return [f"{where}: expected a mapping of cue lists"]
    problems = [f"{where}: {key}: unknown key" for key in data if key not in LIST_KEYS + MAP_KEYS]
    for key in LIST_KEYS:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            problems.append(f"{where}: {key}: expected a list of non-empty strings")
    for key in MAP_KEYS:
        value = data.get(key)
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            problems.append(f"{where}: {key}: expected a mapping of strings")
    for i, pattern in enumerate(data.get("clutter_patterns") or []):
        try:
            re.compile(str(pattern))
        except re.error as err:
            problems.append(f"{where}: clutter_patterns[{i}]: bad regex ({err})")
    return problems


def load_cues(path: Path = CUES_PATH) -> Cues:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems = check(data, str(path))
    if problems:
        raise KnowledgeError(problems)
    positions = _alternation(data["positions"])
    roles = {**data["role_suffixes"], **data["role_prefixes"]}
    return Cues(
        positions=re.compile(rf"(?:{positions})(?:兼(?:{positions}))*"),
        role_suffix=re.compile(rf"\s*(?P<role>{_alternation(list(data['role_suffixes']))})\s*$"),
        role_prefix=re.compile(rf"^(?P<role>{_alternation(list(data['role_prefixes']))})\s*[：:／/]\s*"),
        roles=roles,
        affiliation_suffixes=tuple(sorted(data["affiliation_suffixes"], key=len, reverse=True)),
        agencies=_alternation(data["agencies"]),
        places=tuple(sorted(data["places"], key=len, reverse=True)),
        agencies_en=_alternation(data["agencies_en"]),
        clutter_words=frozenset(_fold(w) for w in data["clutter_words"]),
        clutter_patterns=tuple(re.compile(p) for p in data["clutter_patterns"]),
        section_labels=frozenset(_fold(w) for w in data["section_labels"]),
    )


def cues_for(kb: KB | None) -> Cues:
    """The compiled cues, built once per knowledge base (or once per call without one)."""
    if kb is None:
        return load_cues()
    return kb.cached(CACHE_KEY, lambda _kb: load_cues())


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def is_clutter(text: str, cues: Cues) -> bool:
    """A web-page line that is not body text: a menu or share word, a photo or editor credit, a footer."""
    words = text.split()
    if words and all(_fold(w) in cues.clutter_words for w in words):
        return True
    return any(p.fullmatch(text) for p in cues.clutter_patterns)

"""Load and validate the knowledge base: the bundled kb/data, then each user folder.

A folder has the layout of kb/data: entities/*.yaml, posts/*.yaml, lexicons/*.yaml (any may be
missing). Every file is read and every record checked before anything is built; all problems are
reported together, one line each, in one `KnowledgeError`.

Rules a user folder follows:
- An entity or post id that already exists is an error (no silent overrides: a record replaced by
  accident is the mistake that is hardest to see). To change a bundled record, edit it.
- `state/` records are the exception: states are generated from ISO 3166-1 (kb/states.py), and a
  state record adds names, aliases and metonyms to the generated state (its curated
  names go first, so they are preferred), or creates a state ISO does not have (state/SUN).
- A lexicon with a bundled file's stem extends it: lists are concatenated, mappings merged with the
  user's entries winning.

Metonyms (北京, 白宮) are kept on the Entity and also among its aliases, so they are matched; the linker
knows from them that 北京 in "在北京舉行" is where, and in "北京表示" is who. Agreements and events carry
their date and parties.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from eastwatch.errors import KnowledgeError
from eastwatch.kb import schema, states, variants
from eastwatch.kb.base import KB
from eastwatch.kb.schema import Checked, first_day, last_day, problem
from eastwatch.model import Entity, Occupancy, Post

BUNDLED = Path(__file__).resolve().parent / "data"
_NEVER, _ALWAYS = "0000-01-01", "9999-12-31"  # open ends of a term
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser is ~10x faster


def load(dirs: tuple[str | Path, ...] | list[str | Path] = (), *, bundled: bool = True) -> KB:
    """The bundled knowledge base plus each folder in `dirs`; raises KnowledgeError listing every problem.

    `bundled=False` leaves out kb/data (the ISO states stay): tests build a tiny made-up KB with it.
    """
    run = _Run()
    roots = [(BUNDLED, "kb/data")] if bundled else []
    roots += [(Path(folder), str(folder)) for folder in dirs]
    for root, label in roots:
        run.read_root(root, label)
    run.check_links()
    if run.problems:
        raise KnowledgeError(run.problems)
    return run.build(tuple(str(root) for root, _ in roots))


@dataclass
class _State:
    generated: dict[str, Any] | None
    curated: list[Checked] = field(default_factory=list)


@dataclass
class _Run:
    problems: list[str] = field(default_factory=list)
    states: dict[str, _State] = field(default_factory=dict)
    entities: dict[str, Checked] = field(default_factory=dict)
    posts: dict[str, Checked] = field(default_factory=dict)
    lexicons: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.states = {raw["id"]: _State(raw) for raw in states.state_records()}

    # ---- reading ----
    def read_root(self, root: Path, label: str) -> None:
        if not root.is_dir():
            self.problems.append(f"{label}: no such folder")
            return
        parts = [root / part for part in ("entities", "posts", "lexicons")]
        if root != BUNDLED and not any(part.is_dir() for part in parts):
            self.problems.append(problem(label, "-", "-", "no entities/, posts/ or lexicons/ folder inside "
                                         "(a knowledge-base folder has the layout of kb/data)"))
            return
        for path, where in _files(root / "entities", label):
            for index, raw in enumerate(self._records(path, where)):
                self._add_entity(*schema.check_entity(raw, where, index))
        for path, where in _files(root / "posts", label):
            for index, raw in enumerate(self._records(path, where)):
                self._add_post(*schema.check_post(raw, where, index))
        for path, where in _files(root / "lexicons", label):
            self._add_lexicon(path.stem, self._yaml(path, where), where)

    def _yaml(self, path: Path, where: str) -> Any:
        try:
            with path.open(encoding="utf-8") as handle:
                return yaml.load(handle, Loader=_Loader)
        except (yaml.YAMLError, UnicodeDecodeError) as err:
            reason = " ".join(str(err).split())
            self.problems.append(problem(where, "-", "-", f"not readable as UTF-8 YAML: {reason}"))
            return None

    def _records(self, path: Path, where: str) -> list[Any]:
        data = self._yaml(path, where)
        if data is None:
            return []
        if not isinstance(data, list):
            self.problems.append(problem(where, "-", "-", f"expected a list of records, got {type(data).__name__}"))
            return []
        return data

    def _add_entity(self, rec: Checked | None, found: list[str]) -> None:
        self.problems += found
        if rec is None:
            return
        if rec.prefix == "state":
            self._add_state(rec)
        elif rec.rid in self.entities:
            self.problems.append(_duplicate(rec, self.entities[rec.rid]))
        else:
            self.entities[rec.rid] = rec

    def _add_state(self, rec: Checked) -> None:
        state = self.states.setdefault(rec.rid, _State(None))
        if state.generated is None and not state.curated and not rec.raw.get("names"):
            self.problems.append(problem(rec.where, rec.rid, "names", "not an ISO 3166-1 state, so it needs names"))
        wikidata = {other.raw["wikidata"]: other.where for other in state.curated if "wikidata" in other.raw}
        qid = rec.raw.get("wikidata")
        if qid and wikidata and qid not in wikidata:
            first_qid, first_where = next(iter(wikidata.items()))
            self.problems.append(problem(rec.where, rec.rid, "wikidata", f'"{qid}" differs from "{first_qid}" '
                                         f"in {first_where}"))
        state.curated.append(rec)

    def _add_post(self, rec: Checked | None, found: list[str]) -> None:
        self.problems += found
        if rec is None:
            return
        if rec.rid in self.posts:
            self.problems.append(_duplicate(rec, self.posts[rec.rid]))
        else:
            self.posts[rec.rid] = rec

    def _add_lexicon(self, stem: str, data: Any, where: str) -> None:
        if data is None:
            return
        if stem not in self.lexicons:
            self.lexicons[stem] = data
        elif isinstance(data, list) and isinstance(self.lexicons[stem], list):
            self.lexicons[stem] = [*self.lexicons[stem], *data]
        elif isinstance(data, dict) and isinstance(self.lexicons[stem], dict):
            self.lexicons[stem] = {**self.lexicons[stem], **data}
        else:
            kind = type(self.lexicons[stem]).__name__
            self.problems.append(problem(where, "-", "-", f"cannot extend lexicon {stem!r}: it is a {kind}, "
                                         f"this file is a {type(data).__name__}"))

    # ---- checks across files ----
    def check_links(self) -> None:
        for rec in [*self._all_entities(), *self.posts.values()]:
            self._check_codes(rec)
        for rec in self.entities.values():
            if rec.prefix == "person" and isinstance(rec.raw.get("offices"), list):
                self._check_offices(rec)

    def _all_entities(self) -> list[Checked]:
        return [*(rec for state in self.states.values() for rec in state.curated), *self.entities.values()]

    def _check_codes(self, rec: Checked) -> None:
        codes = [("country", rec.raw.get("country"))]
        parties = rec.raw.get("parties")
        if isinstance(parties, list):
            codes += [(f"parties[{i}]", code) for i, code in enumerate(parties)]
        for key, code in codes:
            if isinstance(code, str) and schema.code_problem(code) is None and f"state/{code}" not in self.states:
                self.problems.append(problem(rec.where, rec.rid, key, f'unknown country "{code}" (no state/{code})'))

    def _check_offices(self, rec: Checked) -> None:
        terms: list[tuple[int, str, str, str]] = []  # (index, post, latest start, earliest end)
        for i, office in enumerate(rec.raw["offices"]):
            if not isinstance(office, dict) or not isinstance(office.get("post"), str):
                continue
            post = office["post"]
            if post not in self.posts:
                self.problems.append(problem(rec.where, rec.rid, f"offices[{i}].post", f'unknown post "{post}"'))
            start, end = office.get("start"), office.get("end")
            if any(value is not None and schema.date_problem(value) for value in (start, end)):
                continue
            # Partial dates are read at their widest, so only terms that surely overlap are reported;
            # terms that touch (one ends the day the next starts) do not.
            terms.append((i, post, last_day(start) if start else _NEVER, first_day(end) if end else _ALWAYS))
        for n, (i, post, start, end) in enumerate(terms):
            for j, other_post, other_start, other_end in terms[:n]:
                if post == other_post and max(start, other_start) < min(end, other_end):
                    self.problems.append(problem(rec.where, rec.rid, f"offices[{i}]",
                                                 f"overlaps offices[{j}] (same post {post})"))

    # ---- building ----
    def build(self, sources: tuple[str, ...]) -> KB:
        entities: dict[str, Entity] = {}
        for state_id, state in self.states.items():
            raw = _merge_state(state)
            entities[state_id] = _entity(raw, "state", state_id.removeprefix("state/"))
        occupancies: list[Occupancy] = []
        for rec in self.entities.values():
            entities[rec.rid] = _entity(rec.raw, rec.prefix, rec.raw.get("country"))
            occupancies += [Occupancy(rec.rid, office["post"], office.get("start"), office.get("end"),
                                      office.get("source")) for office in rec.raw.get("offices", [])]
        posts = {rec.rid: _post(rec.raw) for rec in self.posts.values()}
        return KB(entities, posts, occupancies, dict(self.lexicons), sources)


def _duplicate(rec: Checked, first: Checked) -> str:
    return problem(rec.where, rec.rid, "id", f"duplicate id (also in {first.where})")


def _files(folder: Path, label: str) -> list[tuple[Path, str]]:
    if not folder.is_dir():
        return []
    return [(path, f"{label}/{folder.name}/{path.name}") for path in sorted(folder.glob("*.yaml"))]


def _merge_state(state: _State) -> dict[str, Any]:
    """Curated records first (their names are the preferred ones), then the generated record."""
    layers = [rec.raw for rec in state.curated] + ([state.generated] if state.generated else [])
    merged: dict[str, Any] = {"id": layers[0]["id"], "names": {}}
    for raw in layers:
        for script, forms in (raw.get("names") or {}).items():
            merged["names"].setdefault(script, []).extend(forms)
        for key in ("aliases", "metonyms"):
            merged.setdefault(key, []).extend(raw.get(key, []))
        for key in ("wikidata", "source", "note"):
            if raw.get(key) and key not in merged:
                merged[key] = raw[key]
    return merged


def _entity(raw: dict[str, Any], prefix: str, country: str | None) -> Entity:
    names = variants.expand_names(raw.get("names") or {})
    known = {form for forms in names.values() for form in forms}
    forms = variants.expand_forms([*raw.get("aliases", []), *raw.get("metonyms", [])])
    return Entity(id=raw["id"], type=schema.TYPES[prefix], names=names, country=country,
                  wikidata=raw.get("wikidata"), aliases=tuple(form for form in forms if form not in known),
                  source=raw.get("source"), metonyms=tuple(variants.expand_forms(raw.get("metonyms", []))),
                  date=raw.get("date"), parties=tuple(raw.get("parties", [])))


def _post(raw: dict[str, Any]) -> Post:
    return Post(id=raw["id"], country=raw["country"], names=variants.expand_names(raw["names"]),
                titles=variants.expand_forms(raw.get("titles", [])), rank=raw.get("rank", schema.DEFAULT_RANK))

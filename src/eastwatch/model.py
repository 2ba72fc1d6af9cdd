"""The one data model every stage shares: a Document, spans into its text, and immutable facts.

Imports nothing else of ours. Every fact carries a `Span` into `Document.text` (the repaired text),
so `doc.text[span.start:span.end]` is always its evidence; `Document.offsets` maps back to the raw
text the loader produced.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["person", "state", "organization", "location", "region", "agreement", "event", "weapon", "other"]
TimeKind = Literal["date", "duration", "set"]


@dataclass(frozen=True, slots=True, order=True)
class Span:
    start: int  # offset into Document.text; end is exclusive,
    end: int  # so doc.text[span.start:span.end] is the evidence

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


class OffsetMap:
    """Repaired offset -> raw offset, one entry per repaired character plus one for the end.

    Repair only deletes or replaces characters one for one, so a plain array is exact and small
    (4 bytes a character); `raw_span` shows any span in the loader's original text.
    """

    __slots__ = ("_raw",)

    def __init__(self, raw_positions: array | list[int]):
        self._raw = raw_positions if isinstance(raw_positions, array) else array("i", raw_positions)

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls(array("i", range(length + 1)))

    @property
    def positions(self) -> array:
        """The raw position of every repaired character (read-only use: storage, export)."""
        return self._raw

    def raw(self, offset: int) -> int:
        return self._raw[offset]

    def raw_span(self, span: Span) -> Span:
        if span.end == span.start:
            return Span(self._raw[span.start], self._raw[span.start])
        return Span(self._raw[span.start], self._raw[span.end - 1] + 1)

    def __len__(self) -> int:
        return len(self._raw)


@dataclass(frozen=True, slots=True)
class Meta:
    """What the file itself says about the document (loader output), before any inference."""

    path: str
    format: str  # txt, md, pdf, docx, html
    encoding: str | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = None  # ISO 8601 as the file's metadata gives it
    url: str | None = None
    site: str | None = None


@dataclass(frozen=True, slots=True)
class RawDoc:
    """A loader's result: text as decoded or extracted, plus file metadata."""

    text: str
    meta: Meta
    sha256: str  # of the file's bytes: the document's identity


# ---- structure -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Author:
    name: str
    affiliation: str | None = None
    position: str | None = None
    role: str | None = None  # 主稿, 撰稿, 執筆, 作者, 記者 ...
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Section:
    heading: str  # without its number: "中日關係：復甦中存在挑戰"
    number: str | None  # as written: "（一）", "一、", "壹、", "1.", "第一章"
    level: int  # 1 = top
    span: Span  # the heading line
    body: Span  # from after the heading to the next heading of the same or higher level
    paragraphs: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class TextItem:
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class DocDate:
    value: str  # ISO day, month or year
    source: Literal["metadata", "dateline", "text", "latest-date", "filename"]
    evidence: Span | None = None


@dataclass
class Structure:
    kind: Literal["report", "news", "other"] = "other"
    number: str | None = None  # chapter number as written: "四"
    title: str | None = None
    title_span: Span | None = None
    authors: list[Author] = field(default_factory=list)
    key_points: list[TextItem] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)  # every body paragraph, in order
    sentences: list[Span] = field(default_factory=list)
    headline: TextItem | None = None
    dateline: TextItem | None = None
    byline: TextItem | None = None
    date: DocDate | None = None  # the document's writing date (the anchor for relative times)


# ---- knowledge base ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Occupancy:
    """A post held between dates (FollowTheMoney Occupancy / Wikidata P39)."""

    person: str  # entity id
    post: str  # post id, e.g. "CHN/foreign-minister"
    start: str | None  # ISO date; None = unknown
    end: str | None  # None = still in office
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Post:
    id: str  # "CHN/foreign-minister"
    country: str  # ISO3
    names: dict[str, tuple[str, ...]]  # zh-Hant / zh-Hans / en
    titles: tuple[str, ...] = ()  # short titles that refer to the holder: 外長, 日相, 國務卿 ...
    rank: int = 5  # 1 = head of state/party; used to pick the office that names a person


@dataclass(frozen=True, slots=True)
class Entity:
    id: str  # stable: "state/JPN", "person/wang-yi", "org/asean"
    type: EntityType
    names: dict[str, tuple[str, ...]]  # {"zh-Hant": (...), "zh-Hans": (...), "en": (...)}; first = preferred
    country: str | None = None  # ISO3 of the state it belongs to
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()  # further surface forms (abbreviations, metonyms, old names)
    source: str | None = None
    metonyms: tuple[str, ...] = ()  # capitals and seats standing for the state as actor (北京, 白宮); also aliases
    date: str | None = None  # agreements and events: when signed or held (ISO)
    parties: tuple[str, ...] = ()  # agreements and events: ISO3 codes of the states party to it

    @property
    def name(self) -> str:
        for key in ("zh-Hant", "zh-Hans", "en"):
            if self.names.get(key):
                return self.names[key][0]
        return self.id

    @property
    def name_en(self) -> str | None:
        en = self.names.get("en")
        return en[0] if en else None


# ---- facts found in a document -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    """A knowledge-base surface form found in the text, before linking decides what it names."""

    span: Span
    text: str
    entity_ids: tuple[str, ...]  # every entity with this surface form


@dataclass(frozen=True, slots=True)
class Mention:
    span: Span
    text: str
    entity_id: str | None  # None: a name found by pattern and not in the knowledge base
    type: EntityType
    via: str = "alias"  # alias, list, coref, title, pattern ...
    title: str | None = None  # for people found by title: 外長, 總統 ...
    country: str | None = None  # for unlinked names: the country the title implies


@dataclass(frozen=True, slots=True)
class TimeExpr:
    span: Span
    text: str
    value: str | None  # ISO 8601, or None when unresolved: kept, never dropped
    kind: TimeKind
    anchor: str | None = None  # the date a relative or partial expression was resolved against
    anchor_source: str | None = None  # "document", "context", "dateline", "event" ...


@dataclass(frozen=True, slots=True)
class Quantity:
    span: Span
    text: str
    value: float
    unit: str | None  # 人, 美元, %, 噸 ...


@dataclass(frozen=True, slots=True)
class Event:
    type: str  # PLOVER type, upper case
    mode: str | None
    cameo: str | None
    quad: int | None  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    score: float | None  # cooperation-conflict, -10 .. +10
    date: str | None  # ISO value or interval
    actors: tuple[str, ...]  # entity ids
    recipients: tuple[str, ...]
    source_countries: tuple[str, ...]
    target_countries: tuple[str, ...]
    trigger: Span
    sentence: Span
    mentions: tuple[Span, ...] = ()  # every trigger span that reports this same event
    location: str | None = None  # entity id
    negated: bool = False
    planned: bool = False
    hypothetical: bool = False
    historical: bool = False
    date_source: str | None = None  # clause, sentence, episode, narrative or document: why this date


@dataclass(frozen=True, slots=True)
class Judgment:
    span: Span
    text: str
    likelihood: str | None  # ICD 203 term, "uncertain", or None
    forecast: bool
    cue: str | None = None  # the hedge that set the likelihood
    subjects: tuple[str, ...] = ()  # ISO3 codes of the states it is about
    key_point: bool = False


@dataclass
class Document:
    id: str  # sha256 of the raw bytes
    text: str  # repaired text: every Span points here
    offsets: OffsetMap  # repaired offset -> raw offset
    meta: Meta
    raw: str = ""  # the loader's text, for showing evidence in the original
    structure: Structure = field(default_factory=Structure)
    candidates: list[Candidate] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    judgments: list[Judgment] = field(default_factory=list)

    def at(self, span: Span) -> str:
        return self.text[span.start : span.end]

    @property
    def date(self) -> str | None:
        return self.structure.date.value if self.structure.date else None

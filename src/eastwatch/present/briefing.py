"""A brief on one pair of states in the form of the think-tank chapters we read: a title (近期中日關係觀察),
two or three key points, numbered sections （一）（二）…, a timeline of the period and the documents cited.

Extractive and deterministic: every sentence is a sentence of a stored document, chosen by rules, and is
followed by its source document and paragraph (〔文件 3fa9c2 · 第4段〕). Only the title, the headings and
the period line are ours. The rules:
  key points  judgments with a likelihood about both states: key points of their documents first, then
              forecasts, the surest likelihood, the newest document; topped up with the best events when
              there are fewer than two;
  sections    events between the two (cross-document, analyse.events; either direction) ranked by the
              number of documents reporting them, then |score|: cooperation (quad 1–2), then friction
              (quad 3–4); then the remaining judgments (also those about one of the two states in a
              document that reports an event between them). Within a section, in date order;
  timeline    the best-ranked events, in date order.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from eastwatch.analyse.dyads import direction
from eastwatch.analyse.events import CorpusEvent, EventFilter, day_bounds, select_events
from eastwatch.analyse.events import reading as corpus_reading
from eastwatch.analyse.forecasts import JudgmentRecord, list_judgments, probability
from eastwatch.dates import iso_bounds
from eastwatch.errors import EastwatchError
from eastwatch.kb import KB
from eastwatch.present.exports.records import DOC_BATCH, DocInfo, clean, doc_infos
from eastwatch.store.tables import documents, events

KEY_POINTS_MAX = 3
KEY_POINTS_MIN = 2
SECTION_MAX = 5  # sentences per section: the seeds' sections run four to six paragraphs
TIMELINE_MAX = 30
# Candidates read back per part of the brief: several times what it shows, so repeated sentences (two
# events coded in one sentence, one sentence in two documents) still leave enough; bounded, so a brief
# over a decade of a large corpus reads a few dozen documents, not thousands.
CANDIDATES_PER_SLOT = 4
LABEL_MIN = 6  # hex digits of a document id in a citation; more when two cited documents share them
NUMERALS = "一二三四五六七八九十"
SECTIONS = (("合作與交流", (1, 2)), ("分歧與摩擦", (3, 4)))
JUDGMENT_SECTION = "研判與展望"
TIMELINE_HEADING = "大事記"
REFERENCES_HEADING = "參考文件"
BYLINE = "eastwatch 摘編"
ENDS = "。！？!?」』）)"
CLAUSE_ENDS = "；;，,、：: "
MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
PAIR_SPLIT = re.compile(r"[-–—/,，、\s]+")


class BriefError(EastwatchError):
    """A brief that cannot be written as asked (unknown states, nothing stored about them)."""


@dataclass(frozen=True, slots=True)
class Cited:
    text: str
    doc_id: str
    where: str | None  # "第4段", "重點" (the document's key points) or None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    doc_id: str
    label: str
    title: str | None
    author: str | None
    date: str | None
    path: str


@dataclass
class Brief:
    title: str
    pair: tuple[str, str]
    since: date | None
    until: date | None
    key_points: list[Cited] = field(default_factory=list)
    sections: list[tuple[str, list[Cited]]] = field(default_factory=list)  # numbered heading, sentences
    timeline: list[Cited] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # document id -> its short label

    def cite(self, item: Cited) -> str:
        where = f" · {item.where}" if item.where else ""
        return f"〔文件 {self.labels[item.doc_id]}{where}〕"


# ---- the pair and its names ---------------------------------------------------------------------------


def parse_pair(text: str, kb: KB) -> tuple[str, str]:
    """"CHN-JPN" (or "CHN JPN", "chn,jpn") -> ("CHN", "JPN"); BriefError for anything else."""
    codes = [c.upper() for c in PAIR_SPLIT.split(text.strip()) if c]
    if len(codes) != 2 or codes[0] == codes[1]:
        raise BriefError(f"--dyad {text!r}: give two different ISO3 state codes, e.g. CHN-JPN")
    unknown = [c for c in codes if kb.state(c) is None]
    if unknown:
        raise BriefError(f"--dyad {text!r}: {', '.join(unknown)} is not a state in the knowledge base; "
                         "`eastwatch kb search NAME` finds its code")
    return codes[0], codes[1]


def title(pair: tuple[str, str], kb: KB) -> str:
    """近期中日關係觀察 from the states' one-character abbreviations, else 近期美國與北韓關係觀察."""
    lex = kb.lexicons.get("abbreviations", {})
    never = set(lex.get("never_in_runs", ()))
    short = {}
    for char, code in lex.get("states", {}).items():
        if char not in never:
            short.setdefault(code, char)
    if all(code in short for code in pair):
        return f"近期{short[pair[0]]}{short[pair[1]]}關係觀察"
    names = [kb.state(code).name if kb.state(code) else code for code in pair]
    return f"近期{names[0]}與{names[1]}關係觀察"


# ---- choosing ---------------------------------------------------------------------------------------------


def _event_rank(ev: CorpusEvent) -> tuple:
    return (-ev.documents, -abs(ev.score or 0.0), ev.date_start or date.max, ev.id)


def _judgment_rank(rec: JudgmentRecord, pair: tuple[str, str]) -> tuple:
    p = probability(rec.likelihood)
    sureness = abs(p - 0.5) if p is not None else -1.0  # "uncertain" after every graded term
    written = iso_bounds(rec.doc_date)[0]
    return (not set(pair) <= set(rec.subjects), not rec.key_point, not rec.forecast, -sureness,
            -(written.toordinal() if written else 0), rec.doc_id, rec.n)


def _pair_events(conn: Connection, pair: tuple[str, str], since: str | None, until: str | None) -> list[CorpusEvent]:
    found = select_events(conn, EventFilter(involving=pair, since=since, until=until))
    return sorted((ev for ev in found if ev.sources and direction(ev, *pair)), key=_event_rank)


def _candidates(ranked: list[CorpusEvent]) -> list[CorpusEvent]:
    """The best events for the timeline and for each section, still in rank order."""
    keep = {ev.id for ev in ranked[:TIMELINE_MAX]}
    for _, quads in SECTIONS:
        keep.update(ev.id for ev in [ev for ev in ranked if ev.quad in quads][: CANDIDATES_PER_SLOT * SECTION_MAX])
    return [ev for ev in ranked if ev.id in keep]


def _pair_judgments(db_url: str, pair: tuple[str, str], since: date | None, until: date | None,
                    reporting: set[str]) -> list[JudgmentRecord]:
    """Judgments with a likelihood about both states, or about one of them in a document that reports
    an event between the two (`reporting`): a chapter on Japan and Korea judging Japan alone still counts."""
    found = [rec for rec in list_judgments(db_url, since=since, until=until) if rec.likelihood and (
             set(pair) <= set(rec.subjects) or (set(pair) & set(rec.subjects) and rec.doc_id in reporting))]
    return sorted(found, key=lambda rec: _judgment_rank(rec, pair))


# ---- locating sentences ------------------------------------------------------------------------------------


def _where(info: DocInfo, offset: int) -> str | None:
    if info.in_key_points(offset):
        return "重點"
    n = info.paragraph_number(offset)
    return f"第{n}段" if n else None


def _sentence_starts(conn: Connection, doc_ids: set[str]) -> dict[tuple[str, int], int]:
    """(doc_id, n) -> where the event's sentence starts, for every event of these documents."""
    wanted = sorted(doc_ids)
    out = {}
    for at in range(0, len(wanted), DOC_BATCH):
        found = conn.execute(sa.select(events.c.doc_id, events.c.n, events.c.sentence_start)
                             .where(events.c.doc_id.in_(wanted[at : at + DOC_BATCH])))
        out.update({(row.doc_id, row.n): row.sentence_start for row in found})
    return out


def _event_cited(ev: CorpusEvent, infos: dict[str, DocInfo], starts: dict[tuple[str, int], int]) -> Cited:
    src = ev.sources[0]  # the oldest document that reports it
    return Cited(clean(src.evidence), src.doc_id, _where(infos[src.doc_id], starts[(src.doc_id, src.n)]),
                 (ev.date or "").replace("/", "–") or None)


def _judgment_cited(rec: JudgmentRecord, info: DocInfo, text: str) -> Cited:
    """A key point as it stands; a body judgment as the whole sentence it was cut from (at ；)."""
    start, end = rec.start, rec.end
    i = info.sentence_number(rec.start)
    kp = [span for span in info.key_points if span[0] <= rec.start < span[1]]
    if kp:
        start, end = kp[0]
    elif i is not None:
        start, end = info.sentence_starts[i - 1], max(end, info.sentence_ends[i - 1])
    return Cited(clean(text[start:end]), rec.doc_id, _where(info, rec.start), rec.doc_date)


def _texts(conn: Connection, ids: set[str]) -> dict[str, str]:
    found = conn.execute(sa.select(documents.c.id, documents.c.text).where(documents.c.id.in_(sorted(ids))))
    return {row.id: row.text for row in found}


# ---- assembling -----------------------------------------------------------------------------------------------


def _unique(items: list[Cited], used: set[str], limit: int) -> list[Cited]:
    out = []
    for item in items:
        if item.text and item.text not in used and len(out) < limit:
            used.add(item.text)
            out.append(item)
    return out


def _labels(doc_ids: list[str]) -> dict[str, str]:
    """The shortest prefix (at least LABEL_MIN) that tells the cited documents apart."""
    width = LABEL_MIN
    while len({d[:width] for d in doc_ids}) < len(set(doc_ids)):
        width += 1
    return {d: d[:width] for d in doc_ids}


def _finish(out: Brief, infos: dict[str, DocInfo]) -> Brief:
    cited = [c.doc_id for c in out.key_points] + [c.doc_id for _, items in out.sections for c in items]
    cited += [c.doc_id for c in out.timeline]
    order = list(dict.fromkeys(cited))
    out.labels = _labels(order)
    out.references = [Reference(d, out.labels[d], infos[d].title, infos[d].author, infos[d].date, infos[d].path)
                      for d in order]
    return out


def brief(db_url: str, pair: tuple[str, str], kb: KB, since: str | None = None, until: str | None = None) -> Brief:
    """The brief on `pair` (ISO3 codes) from what the database at `db_url` holds about [since, until]."""
    first, last = day_bounds(since, "--since")[0], day_bounds(until, "--until")[1]
    with corpus_reading(db_url) as conn:
        evs = _pair_events(conn, pair, since, until)
        judged = _pair_judgments(db_url, pair, first, last, {src.doc_id for ev in evs for src in ev.sources})
        judged = judged[: CANDIDATES_PER_SLOT * (KEY_POINTS_MAX + SECTION_MAX)]
        evs = _candidates(evs)
        if not evs and not judged:
            raise BriefError(f"nothing stored about {pair[0]} and {pair[1]} between {first or 'the start'} and "
                             f"{last or 'now'}; ingest documents about them or widen --since/--until")
        ids = {ev.sources[0].doc_id for ev in evs} | {rec.doc_id for rec in judged}
        infos = doc_infos(conn, ids)
        starts = _sentence_starts(conn, {ev.sources[0].doc_id for ev in evs})
        texts = _texts(conn, {rec.doc_id for rec in judged})
    cited_events = {ev.id: _event_cited(ev, infos, starts) for ev in evs}
    cited_judgments = [_judgment_cited(rec, infos[rec.doc_id], texts[rec.doc_id]) for rec in judged]
    out = Brief(title(pair, kb), pair, first, last)
    used: set[str] = set()
    about_both = [c for c, rec in zip(cited_judgments, judged, strict=True) if set(pair) <= set(rec.subjects)]
    out.key_points = _unique(about_both, used, KEY_POINTS_MAX)
    if len(out.key_points) < KEY_POINTS_MIN:
        out.key_points += _unique([cited_events[ev.id] for ev in evs], used, KEY_POINTS_MIN - len(out.key_points))
    bodies = [(heading, [cited_events[ev.id] for ev in evs if ev.quad in quads]) for heading, quads in SECTIONS]
    bodies.append((JUDGMENT_SECTION, cited_judgments))
    for heading, items in bodies:
        chosen = sorted(_unique(items, used, SECTION_MAX), key=lambda c: c.date or "")
        if chosen:
            out.sections.append((f"（{NUMERALS[len(out.sections)]}）{heading}", chosen))
    best = sorted(evs[:TIMELINE_MAX], key=lambda ev: (ev.date_start or date.max, ev.id))
    # Two events coded in one sentence (a meeting and the agreement it reached) are one line.
    out.timeline = _unique([cited_events[ev.id] for ev in best if ev.date_start], set(), TIMELINE_MAX)
    return _finish(out, infos)


# ---- rendering ---------------------------------------------------------------------------------------------------


def _sentence(text: str) -> str:
    """The sentence with a full stop: a clause cut at ；or ，ends with 。 instead."""
    text = text.rstrip(CLAUSE_ENDS)
    return text if text.endswith(tuple(ENDS)) else text + "。"


def _period(b: Brief) -> str:
    return f"{b.since or '…'} 至 {b.until or '…'}"


def _md(text: str) -> str:
    return MD_SPECIAL.sub(r"\\\1", text)


def markdown(b: Brief) -> str:
    lines = [f"# {b.title}", "", f"{BYLINE}｜{_period(b)}｜{len(b.references)} 份文件", ""]
    lines += [f"- {_md(_sentence(c.text))}{b.cite(c)}" for c in b.key_points] + [""]
    for heading, items in b.sections:
        lines += [f"## {heading}", ""]
        for c in items:
            lines += [f"{_md(_sentence(c.text))}{b.cite(c)}", ""]
    if b.timeline:
        lines += [f"## {TIMELINE_HEADING}", ""]
        lines += [f"- **{c.date}**　{_md(_sentence(c.text))}{b.cite(c)}" for c in b.timeline] + [""]
    lines += [f"## {REFERENCES_HEADING}", ""]
    for i, ref in enumerate(b.references, 1):
        parts = [p for p in (ref.title, ref.author, ref.date) if p]
        lines.append(f"{i}. 〔文件 {ref.label}〕{_md('｜'.join(parts))}｜`{ref.path}`")
    return "\n".join(lines) + "\n"


def _h(text: str) -> str:
    return html.escape(text, quote=False)


def _html_cited(b: Brief, c: Cited) -> str:
    return f"{_h(_sentence(c.text))}<cite>{_h(b.cite(c))}</cite>"


HTML_HEAD = ('<!DOCTYPE html>\n<html lang="zh-Hant">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
             "<style>body{{max-width:46em;margin:2em auto;font-family:serif;line-height:1.8}}"
             "cite{{font-style:normal;color:#555;font-size:.9em}}.key{{border:1px solid #999;padding:.5em 2em}}"
             "</style>\n</head>\n<body>\n")


def html_page(b: Brief) -> str:
    parts = [HTML_HEAD.format(title=_h(b.title)), f"<h1>{_h(b.title)}</h1>",
             f"<p class=\"byline\">{_h(BYLINE)}｜{_h(_period(b))}｜{len(b.references)} 份文件</p>",
             '<ul class="key">' + "".join(f"<li>{_html_cited(b, c)}</li>" for c in b.key_points) + "</ul>"]
    for heading, items in b.sections:
        parts.append(f"<h2>{_h(heading)}</h2>")
        parts += [f"<p>{_html_cited(b, c)}</p>" for c in items]
    if b.timeline:
        parts.append(f"<h2>{_h(TIMELINE_HEADING)}</h2>\n<table>")
        parts += [f"<tr><td>{_h(c.date or '')}</td><td>{_html_cited(b, c)}</td></tr>" for c in b.timeline]
        parts.append("</table>")
    parts.append(f"<h2>{_h(REFERENCES_HEADING)}</h2>\n<ol>")
    for ref in b.references:
        desc = "｜".join(p for p in (ref.title, ref.author, ref.date) if p)
        parts.append(f"<li>〔文件 {_h(ref.label)}〕{_h(desc)}｜<code>{_h(ref.path)}</code></li>")
    parts.append("</ol>\n</body>\n</html>")
    return "\n".join(parts) + "\n"


RENDERERS = {"md": markdown, "html": html_page}


def render(b: Brief, fmt: str) -> str:
    if fmt not in RENDERERS:
        raise BriefError(f"unknown format {fmt!r}; use {' or '.join(RENDERERS)}")
    return RENDERERS[fmt](b)

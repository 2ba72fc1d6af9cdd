"""structure: title, number, authors, key points, sections, paragraphs, sentences, news dateline and byline,
and the writing date, read off the repaired text (one paragraph per line).

What counts as body: every paragraph except the title or headline, author and date lines, headings, the
dateline (the first paragraph starts after it) and web clutter (cues.yaml). Key points are body
paragraphs too, so they get sentences. Kind: "report" for a numbered chapter, an author line with a
role or numbered sections; "news" for a dateline; else "other".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from eastwatch.model import Author, Document, Meta, Span, Structure, TextItem
from eastwatch.structure.authors import parse_author_line
from eastwatch.structure.cues import Cues, cues_for, is_clutter
from eastwatch.structure.docdate import find_date_line, writing_date
from eastwatch.structure.headings import Marker, heading_text, label_marker, parse_marker
from eastwatch.structure.news import Dateline, byline_reporters, find_dateline, reporter_authors
from eastwatch.structure.report import Title, bullet_body, find_authors, find_title, key_points
from eastwatch.structure.sections import Heading, build_sections
from eastwatch.structure.sentences import split_sentences

if TYPE_CHECKING:
    from eastwatch.kb import KB

LINE_RE = re.compile(r"[^\n]+")
# A news headline is one line, shorter than a paragraph, longer than a section label.
HEADLINE_MAX_CHARS = 100
HEADLINE_MIN_CHARS = 6
# A bare name in a file's author field (Word and PDF fill it with account names too: "Administrator").
PERSON_NAME_RE = re.compile(r"[\u4e00-\u9fff]{2,4}")
# Two numbered headings make a document sectioned like a report.
MIN_REPORT_SECTIONS = 2

__all__ = ["build", "run"]


def run(doc: Document, kb: KB) -> None:
    doc.structure = build(doc.text, doc.meta, cues_for(kb))


def build(text: str, meta: Meta, cues: Cues) -> Structure:
    lines = [s for s in (_trim(text, m.start(), m.end()) for m in LINE_RE.finditer(text)) if s]
    lines = [s for s in lines if not is_clutter(text[s.start : s.end], cues)]
    st = Structure(title=meta.title)
    if not lines:
        return st
    markers = [parse_marker(text[s.start : s.end]) or label_marker(text[s.start : s.end], cues) for s in lines]
    front = _front(text, meta, cues, st, lines, markers)
    used = front.used
    headings = [Heading(i, s, markers[i], h) for i, s in enumerate(lines)
                if i not in used and markers[i] and (h := heading_text(text[s.start : s.end], markers[i]))]
    used.update(h.index for h in headings)
    st.kind = _kind(st, front.title, headings, front.dateline)
    if st.kind == "news" and st.headline is None and front.title is not None and front.title.number is None:
        st.headline = TextItem(st.title or "", front.title.span)
    if st.kind == "report" and headings and (st.number or st.authors):
        first = max((i for i in used if i < headings[0].index), default=-1) + 1
        st.key_points = key_points(text, lines, [i for i in range(first, headings[0].index) if i not in used])
    st.paragraphs = _paragraphs(text, lines, used, front.dateline, front.dl_index)
    st.sentences = [s for p in st.paragraphs for s in split_sentences(text, p)]
    st.sections = build_sections(text, headings, st.paragraphs)
    st.date = writing_date(text, meta, front.dateline, front.date_line)
    return st


class Front(NamedTuple):
    title: Title | None
    dateline: Dateline | None
    dl_index: int  # the dateline's content line (len(lines) when there is none)
    date_line: Span | None
    used: set[int]  # content lines that are not body: title, header, headline, authors, date line


def _front(text: str, meta: Meta, cues: Cues, st: Structure, lines: list[Span],
           markers: list[Marker | None]) -> Front:
    """Title (or headline and dateline), author lines and the date line, filled into `st`."""
    found = find_dateline(text, lines, cues)
    dl_index, dateline = found if found else (len(lines), None)
    title = find_title(text, lines, markers, dl_index, numbered_only=dateline is not None)
    if title is not None and title.number is None and parse_author_line(text[title.span.start : title.span.end],
                                                                         0, cues):
        title = None  # the document opens with its author line, not a title
    used: set[int] = set()
    if title is not None:
        used.update(range(title.index + 1))  # a header line above the title (the series' name) is no body
        st.number, st.title, st.title_span = title.number, text[title.span.start : title.span.end], title.span
    if dateline is not None:
        _news(text, st, lines, dl_index, dateline, used)
    st.authors, author_lines = find_authors(text, lines, max(used) + 1 if used else 0, cues)
    used.update(author_lines)
    if dateline is not None and not st.authors:
        st.authors = reporter_authors(text, dateline)
    if not st.authors and meta.author:
        st.authors = _meta_authors(meta, cues)
    date_line = find_date_line(text, [s for i, s in enumerate(lines) if i not in used])
    if date_line is not None:
        used.update(i for i, s in enumerate(lines) if s.contains(date_line))
    return Front(title, dateline, dl_index, date_line, used)


def _news(text: str, st: Structure, lines: list[Span], dl_index: int, dateline: Dateline, used: set[int]) -> None:
    """Dateline, byline and headline (the first line above the dateline); the headline is the title too."""
    st.dateline = TextItem(text[dateline.span.start : dateline.span.end], dateline.span)
    if dateline.byline is not None:
        st.byline = TextItem(text[dateline.byline.start : dateline.byline.end], dateline.byline)
    if dateline.body_start >= lines[dl_index].end:
        used.add(dl_index)  # the dateline stands on its own line
    above = [i for i in range(dl_index) if i not in used]
    # a section label ("國際", "政治") may stand above the headline
    first = next((i for i in above if len(lines[i]) >= HEADLINE_MIN_CHARS), above[0] if above else None)
    if first is not None and len(lines[first]) <= HEADLINE_MAX_CHARS:
        st.headline = TextItem(text[lines[first].start : lines[first].end], lines[first])
        used.update(range(first + 1))
        if st.title_span is None:
            st.title, st.title_span = st.headline.text, st.headline.span


def _meta_authors(meta: Meta, cues: Cues) -> list[Author]:
    """Authors from the file's own author field: a reporter's byline, an author line, or a bare name."""
    byline = meta.author.strip() if meta.author else ""
    found = byline_reporters(byline, meta.site, cues) or parse_author_line(byline, 0, cues)
    if not found and PERSON_NAME_RE.fullmatch(byline):
        found = [Author(byline)]
    return [Author(a.name, a.affiliation, a.position, a.role, None) for a in found]


def _kind(st: Structure, title: Title | None, headings: list[Heading], dateline: Dateline | None) -> str:
    if title is not None and title.number is not None:
        return "report"
    if any(a.role and a.role != "記者" for a in st.authors) and dateline is None:
        return "report"
    if dateline is not None or any(a.role == "記者" for a in st.authors):
        return "news"
    return "report" if len(headings) >= MIN_REPORT_SECTIONS else "other"


def _paragraphs(text: str, lines: list[Span], used: set[int], dateline: Dateline | None,
                dl_index: int) -> list[Span]:
    out = []
    for i, line in enumerate(lines):
        if i in used:
            continue
        span = bullet_body(text, line)
        if dateline is not None and i == dl_index:
            span = Span(max(span.start, dateline.body_start), span.end)
        if span.end > span.start:
            out.append(span)
    return out


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None

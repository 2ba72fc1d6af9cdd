"""Chinese time expressions: recognised (timegrammar, timeparse) and normalised to ISO 8601 (timeresolve).

`find_times(text, written_on)` is the pure function; `run(doc)` fills `doc.times` using the document's
paragraphs and writing date. When the document has no date yet, the date of its latest dated statement is
taken (an explicit month or day, its year inherited if need be, not a planned one) and written to
`doc.structure.date` before relative words (今年, 本月內) are resolved against it.

Decisions: expressions with no calendar value (近期, 過去, 未來, 當前, 短期內, 數年) are kept with value None
(the referee ignores them; later stages may read them as past/future cues); N週年 (an anniversary), 5G, G20,
2+2, 第二階段 are not times; 2010與 2018年 is two years but 2018至2020年 one interval, as are 24、25 日 and
25至 27日; 8月底 is 2020-08-21/2020-08-31 (上旬/中旬/下旬 likewise), 年初 the year's first month, 年底 its
last, 年中 June-July; 一年前 has the precision of its unit (a year); times of day and seasons are not read.
Without any year in the text (and no writing date) dates stay None rather than "XXXX-11-24".
"""

from __future__ import annotations

import re

from eastwatch.model import DocDate, Document, Span, TimeExpr
from eastwatch.recognise.timeparse import Cue, scan
from eastwatch.recognise.timeresolve import Anchor, Layout, Resolver
from eastwatch.recognise.timevalues import PRECISION_RANK, Period
from eastwatch.recognise.timewords import is_roc_text, lexicon

_PARAGRAPH_END = re.compile(r"[。！？!?」』）)]\s*$")
# Forms whose month is written out: only they date the document (a bare day or 今年 does not).
_DATING_FORMS = ("date", "iso", "month", "mrange")
# A date right before 前 is a deadline (2022年5月前完成), not a dated statement; 前往 (go to) is not 前.
# 進入2024年: the narrative has reached that year, though it names no month of it.
_ARRIVED = re.compile(r"(?:進入|进入|邁入|迈入|踏入|到了|迎來|迎来|時序進入|时序进入)\s*$")
_DEADLINE = re.compile(r"\s*(?:以前|之前|前(?![往去來来]))")


def find_times(text: str, written_on: str | None = None) -> list[TimeExpr]:
    """Every time expression in `text` with its value; offsets into `text`.

    `written_on` is the writing date (ISO); without it the date of the latest dated statement is used.
    """
    doc_date = DocDate(written_on, "text") if written_on else None
    times, _ = analyse(text, line_paragraphs(text), doc_date)
    return times


def run(doc: Document) -> None:
    """Fill `doc.times`; set `doc.structure.date` from the text when nothing else has."""
    paragraphs = [(span.start, span.end) for span in doc.structure.paragraphs] or line_paragraphs(doc.text)
    times, inferred = analyse(doc.text, paragraphs, doc.structure.date)
    if doc.structure.date is None and inferred is not None:
        doc.structure.date = inferred
    doc.times = times


def analyse(text: str, paragraphs: list[tuple[int, int]],
            doc_date: DocDate | None) -> tuple[list[TimeExpr], DocDate | None]:
    """The time expressions of `text` and, when `doc_date` is None, the writing date inferred from them."""
    lex = lexicon()
    cues = scan(text, is_roc_text(text, lex))
    layout = Layout(text, paragraphs)
    inferred = None
    if doc_date is None:
        inferred = infer_date(layout, cues)
        doc_date = inferred
    anchor = _doc_anchor(doc_date)
    resolver = Resolver(layout, anchor, lex)
    times = []
    for cue in cues:
        value, used = resolver.resolve(cue)
        times.append(TimeExpr(Span(cue.start, cue.end), text[cue.start : cue.end], value, cue.kind,
                              used.value if used else None, used.source if used else None))
    return times, inferred


def _doc_anchor(doc_date: DocDate | None) -> Anchor | None:
    period = Period.parse(doc_date.value) if doc_date else None
    if doc_date is None or period is None:
        return None
    return Anchor(period, doc_date.value, "dateline" if doc_date.source == "dateline" else "document")


def infer_date(layout: Layout, cues: list[Cue]) -> DocDate | None:
    """The latest dated statement: first read every date against the latest year given with a month, then
    keep the latest one whose month is written out and that is not planned or expected."""
    lex = lexicon()
    probe = Resolver(layout, None, lex)
    years = [cue.year for cue in cues if cue.form in ("date", "iso") and cue.year is not None
             and (cue.month is not None or _ARRIVED.search(layout.text, max(0, cue.start - 4), cue.start))
             and not probe.future_cued(cue)]
    if not years:
        return None
    present = str(max(years))
    period = Period.parse(present)
    if period is None:
        return None
    resolver = Resolver(layout, Anchor(period, present, "document"), lex)
    best: tuple[Period, str, Cue] | None = None
    for cue in cues:
        value, _ = resolver.resolve(cue)
        period = Period.parse(value)
        if period is None or cue.form not in _DATING_FORMS or cue.month is None or resolver.future_cued(cue):
            continue
        if _DEADLINE.match(layout.text, cue.end):
            continue
        if best is None or _later(period, best[0]):
            best = (period, value or "", cue)
    if best is None:
        return None
    period, _, cue = best
    day = period.last if period.precision == "day" else period.first  # 28、29日: written on the 29th or later
    value = day.isoformat()[: {"year": 4, "month": 7, "day": 10}[period.precision]]
    return DocDate(value, "latest-date", Span(cue.start, cue.end))


def _later(a: Period, b: Period) -> bool:
    return (a.first, PRECISION_RANK[a.precision]) > (b.first, PRECISION_RANK[b.precision])


def line_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraphs when the structure stage has none: lines, a line that does not end a sentence (a PDF
    line broken by the layout, a heading) running on into the next."""
    spans, start, pos = [], 0, 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        if _PARAGRAPH_END.search(line):
            spans.append((start, end))
            start = end
        pos = end
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]

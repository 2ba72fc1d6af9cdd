"""Calendar values for cues, read as a careful reader would: the year of a bare month, the month of a bare
day and the anchor of a relative word come from the narrative, not blindly from the last number.

- A paragraph starts at the document's own time; an explicit year sets the year of the bare months after it
  in the same paragraph, unless it only names something (2014年「四點共識」, 2019年爆發的貿易戰), lies ahead
  of the writing date, or marks the start of a span looked back on (自 2 月份…後, 自 2012 年以來).
- A bare day (25至27日) continues one of the last dates given to the day, and the text cannot report a day
  after its own writing date as past.
- 今年, 本月, 去年 count from the writing date, or from an event the paragraph reports from the last weeks
  (an agreement's 本月內 is the month it was signed); 同年, 當天, 隔年 from the date the narrative is at;
  年內, 年底 from the year the sentence is about, else as 今年.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta

from eastwatch.recognise.timeparse import Cue
from eastwatch.recognise.timevalues import (
    Period,
    add_months,
    day_value,
    interval,
    iso_date,
    month_value,
    part_value,
    relative_value,
    shift,
    valid_day,
    weekday_in_month,
    weekday_near,
    ymd,
)
from eastwatch.recognise.timewords import TimeLexicon

# A reported event (a date to the day) at most this many days before the writing date anchors the deictic
# words that follow it (本月內 in an agreement reached 19 days before a report's latest date) ...
RECENT_DAYS = 45
# A bare day continues one of this many latest day-precision dates.
DAY_LOOKBACK = 3
# ... and only when it is reported in the same sentence or the one before.
REPORTED_SENTENCES = 1
# A bare day takes the month of a date at most this many clauses before it in the same sentence (在4月通話，
# 並在12日發表聲明); further away it continues the last dates given to the day (a visit on 11月24、25日, then
# "after that trip, on 25至27日" several clauses after a 8月 that was only a reference).
DAY_MONTH_CLAUSES = 1
# A bare day this much below the day last told continues into the next month (3月29日 … 5日).
ROLL_FORWARD_GAP = 15
# A bare month up to this many months after the writing date's month is still this year (a plan);
# later ones are last year's.
NEAR_FUTURE_MONTHS = 2
# 自 X … 後/以來 within this many characters after X: a span looked back on.
SINCE_WINDOW = 8
# A year followed within this many characters by 的 names a thing (2019 年爆發的貿易戰).
MODIFIER_WINDOW = 4
# Future cues count this far back inside the clause.
CUE_WINDOW = 15

_SENTENCE_END = re.compile(r"[。！？!?；;]")
_CLAUSE_END = re.compile(r"[，,。！？!?；;：:、\n]")
_NAME_OPENERS = "「《『“〈"
_PUNCT = "，,。！？!?；;：:、（）()「」"


@dataclass(frozen=True, slots=True)
class Anchor:
    period: Period
    value: str
    source: str  # document, dateline, context


@dataclass(frozen=True, slots=True)
class Frame:
    """A date the narrative is at: what bare months, days and anaphoric words are read against."""

    period: Period
    value: str
    sentence: int
    start: int


class Layout:
    """Paragraph, sentence and clause boundaries of a text, for quick lookups by offset."""

    def __init__(self, text: str, paragraphs: list[tuple[int, int]]):
        self.text = text
        spans = sorted(paragraphs) or [(0, len(text))]
        self.paragraph_starts = [start for start, _ in spans]
        self.paragraph_ends = [end for _, end in spans]
        bounds = set(self.paragraph_starts) | set(self.paragraph_ends)
        self.sentence_breaks = sorted({m.end() for m in _SENTENCE_END.finditer(text)} | bounds)
        self.clause_breaks = sorted({m.end() for m in _CLAUSE_END.finditer(text)} | bounds)

    def paragraph(self, pos: int) -> int:
        """An id for the paragraph holding `pos`; text between paragraphs (a heading) has an id of its own."""
        index = bisect_right(self.paragraph_starts, pos) - 1
        inside = index >= 0 and pos < self.paragraph_ends[index]
        return 2 * index + (0 if inside else 1)

    def sentence(self, pos: int) -> int:
        return bisect_right(self.sentence_breaks, pos)

    def clause_start(self, pos: int) -> int:
        index = bisect_right(self.clause_breaks, pos) - 1
        return self.clause_breaks[index] if index >= 0 else 0

    def clauses_between(self, a: int, b: int) -> int:
        """How many clause boundaries lie between offsets a <= b."""
        return bisect_right(self.clause_breaks, b) - bisect_right(self.clause_breaks, a)


@dataclass
class Resolver:
    layout: Layout
    doc: Anchor | None
    lex: TimeLexicon
    paragraph: int = -1
    year_focus: Frame | None = None  # the last explicit year of this paragraph
    focus: Frame | None = None  # the last date of this paragraph
    last_focus: Frame | None = None  # the last date of the document so far
    days: list[Frame] = field(default_factory=list)  # dates given to the day, document-wide

    def resolve(self, cue: Cue) -> tuple[str | None, Anchor | None]:
        """The cue's ISO value and the anchor it was read against; moves the narrative on."""
        paragraph = self.layout.paragraph(cue.start)
        if paragraph != self.paragraph:
            self.paragraph, self.year_focus, self.focus = paragraph, None, None
        if cue.kind != "date" or cue.form == "vague":
            return cue.value, None
        handler = _HANDLERS.get(cue.form, Resolver._absolute)
        value, anchor = handler(self, cue)
        self._move(cue, value)
        return value, anchor

    # ---- what the text says of itself ----
    def future_cued(self, cue: Cue) -> bool:
        start = max(self.layout.clause_start(cue.start), cue.start - CUE_WINDOW)
        return self.lex.future_re.search(self.layout.text, start, cue.start) is not None

    def looked_back(self, cue: Cue) -> bool:
        text, start = self.layout.text, self.layout.clause_start(cue.start)
        return (self.lex.since_re.search(text, start, cue.start) is not None
                and self.lex.since_end_re.search(text, cue.end, cue.end + SINCE_WINDOW) is not None)

    def names_a_thing(self, cue: Cue) -> bool:
        after = self.layout.text[cue.end : cue.end + MODIFIER_WINDOW + 1].lstrip()
        if after[:1] and after[0] in _NAME_OPENERS:
            return True
        head = re.split(f"[{_PUNCT}]", after, maxsplit=1)[0]
        return "的" in head[:MODIFIER_WINDOW]

    # ---- moving the narrative ----
    def _move(self, cue: Cue, value: str | None) -> None:
        period = Period.parse(value)
        if period is None or cue.form in ("part", "recent", "offset", "set"):
            return
        if cue.rel is not None and (cue.rel.offset > 0 or cue.part is not None) and cue.month is None:
            return  # 明年, 年內: looked ahead or around, the narrative stays
        if self.doc is not None and period.first > self.doc.period.last:
            return
        if self.looked_back(cue) or self.future_cued(cue):
            return
        if cue.month is None and cue.day is None and self.names_a_thing(cue):
            return
        frame = Frame(period, value or "", self.layout.sentence(cue.start), cue.start)
        self.focus = self.last_focus = frame
        if cue.year is not None or (cue.rel is not None and cue.rel.unit == "year"):
            self.year_focus = frame
        if period.precision == "day":
            self.days.append(frame)

    # ---- anchors ----
    def _context(self, frame: Frame) -> Anchor:
        return Anchor(frame.period, frame.value, "context")

    def deictic_anchor(self, cue: Cue) -> Anchor | None:
        """The writing date, or the day of an event reported in this or the previous sentence in the last
        weeks before it (an agreement's 本月內 is the month it was reached)."""
        frame = self.focus
        if frame is not None and self.doc is not None and frame.period.precision == "day" \
                and self.layout.sentence(cue.start) - frame.sentence <= REPORTED_SENTENCES:
            gap = frame.period.days_before(self.doc.period)
            if frame.period.last <= self.doc.period.last and gap <= RECENT_DAYS:
                return self._context(frame)
        return self.doc

    def sentence_anchor(self, cue: Cue) -> Anchor | None:
        frame = self.focus
        if frame is not None and frame.sentence == self.layout.sentence(cue.start):
            return self._context(frame)
        return None

    # ---- handlers, one per form ----
    def _absolute(self, cue: Cue) -> tuple[str | None, Anchor | None]:
        if cue.value is not None or cue.year is None:
            return cue.value, None
        if cue.year2 is not None:
            return interval(ymd(cue.year), ymd(cue.year2)), None
        if cue.month is None:
            if cue.part is not None:
                return part_value(cue.year, None, cue.part, "year"), None
            return ymd(cue.year), None
        return month_value(cue.year, cue), None

    def _month(self, cue: Cue) -> tuple[str | None, Anchor | None]:
        if self.year_focus is not None:
            anchor: Anchor | None = self._context(self.year_focus)
            year = self.year_focus.period.year
        else:
            anchor = self.doc
            year = self.default_year(cue.month or 1, self.future_cued(cue)) if anchor else None
        if year is None or cue.month is None:
            return None, None
        return month_value(year, cue), anchor

    def default_year(self, month: int, future: bool) -> int | None:
        if self.doc is None:
            return None
        doc = self.doc.period
        if doc.month is None:
            return doc.year
        if future:
            return doc.year + 1 if month < doc.month else doc.year
        return doc.year if month <= doc.month + NEAR_FUTURE_MONTHS else doc.year - 1

    def _day(self, cue: Cue) -> tuple[str | None, Anchor | None]:
        day, future = cue.day or 1, self.future_cued(cue)
        for frame in self._day_sources(cue):
            year, month = frame.period.year, frame.period.month
            if month is not None and frame.period.day is not None and day < frame.period.day and (
                    future or self._rolls_forward(year, month, frame.period.day, day)):
                year, month = add_months(year, month, 1)  # 10月31日…將於2日; 3月29日…5日又發射: the next 2nd, 5th
            if month is None or not valid_day(year, month, day):
                continue
            if not future and self.doc is not None and date(year, month, day) > self.doc.period.last:
                continue  # the text cannot report as past a day after it was written
            return day_value(year, month, cue), self._context(frame)
        if self.doc is None or self.doc.period.month is None:
            return None, None
        year, month = self.doc.period.year, self.doc.period.month
        if self.doc.period.day is not None and day > self.doc.period.day and not future:
            year, month = add_months(year, month, -1)
        if not valid_day(year, month, day):
            return None, None
        return day_value(year, month, cue), self.doc

    def _rolls_forward(self, year: int, month: int, frame_day: int, day: int) -> bool:
        """A day far below the last one told (29日 … 5日) is in the next month when that is not after the
        writing date: news carries on forward."""
        if frame_day - day < ROLL_FORWARD_GAP or self.doc is None:
            return False
        ny, nm = add_months(year, month, 1)
        return valid_day(ny, nm, day) and date(ny, nm, day) <= self.doc.period.last

    def _day_sources(self, cue: Cue) -> list[Frame]:
        """Where a bare day may take its month from, best first."""
        focus = self.focus if self.focus is not None and self.focus.period.month is not None else None
        if focus is not None and focus.sentence == self.layout.sentence(cue.start) \
                and self.layout.clauses_between(focus.start, cue.start) <= DAY_MONTH_CLAUSES:
            return [focus]
        sources = list(reversed(self.days[-DAY_LOOKBACK:]))
        return [*sources, focus] if focus is not None else sources

    def _relative(self, cue: Cue) -> tuple[str | None, Anchor | None]:
        rel = cue.rel
        if rel is None:
            return None, None
        if rel.mode == "anaphoric":
            frame = self.focus or self.last_focus
            anchor = self._context(frame) if frame is not None else self.doc
        else:
            anchor = self.deictic_anchor(cue)
        if anchor is None:
            return None, None
        return relative_value(anchor.period, cue), anchor

    def _part(self, cue: Cue) -> tuple[str | None, Anchor | None]:
        anchor = self.sentence_anchor(cue) or self.deictic_anchor(cue)
        if anchor is None or cue.part is None or cue.part_unit is None:
            return None, None
        return part_value(anchor.period.year, anchor.period.month, cue.part, cue.part_unit), anchor

    def _offset(self, cue: Cue) -> tuple[str | None, Anchor | None]:
        if cue.shift is None:
            return None, None
        unit, count = cue.shift
        if count > 0:  # 三天後: after the date the narrative is at
            anchor = self._context(self.focus) if self.focus is not None else self.doc
        else:
            anchor = self.sentence_anchor(cue) or self.deictic_anchor(cue)
        if anchor is None:
            return None, None
        return shift(anchor.period, unit, count), anchor

    def _weekday(self, cue: Cue) -> tuple[str | None, Anchor | None]:
        anchor = self.deictic_anchor(cue)
        if anchor is None or cue.weekday is None:
            return None, anchor
        if cue.day is not None:  # 週二（5日）: the 5th of this month, the last or the next that is a Tuesday
            if anchor.period.month is None:
                return None, anchor
            return weekday_in_month(anchor.period, cue.weekday, cue.day), anchor
        if anchor.period.day is None:
            return None, anchor
        return iso_date(weekday_near(anchor.period.first, cue.weekday, cue.week, self.future_cued(cue))), anchor

    def _recent(self, cue: Cue) -> tuple[str | None, Anchor | None]:
        anchor = self.deictic_anchor(cue)
        if anchor is None or anchor.period.day is None:
            return None, anchor
        first = anchor.period.first - timedelta(days=self.lex.recent_days)
        return interval(iso_date(first), iso_date(anchor.period.first)), anchor


_HANDLERS = {
    "month": Resolver._month,
    "mrange": Resolver._month,
    "day": Resolver._day,
    "rel": Resolver._relative,
    "pday": Resolver._relative,
    "weekday": Resolver._weekday,
    "part": Resolver._part,
    "offset": Resolver._offset,
    "recent": Resolver._recent,
}

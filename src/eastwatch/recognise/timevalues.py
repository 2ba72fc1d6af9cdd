"""ISO 8601 values for times: periods (a year, a month, a day, or an interval of them), their arithmetic,
and the value of a cue once its year, month or anchor is known."""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from eastwatch.recognise.timeparse import Cue
from eastwatch.recognise.timewords import Part

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
PRECISION_RANK = {"year": 0, "month": 1, "day": 2}


def ymd(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def interval(first: str, last: str) -> str:
    return first if first == last else f"{first}/{last}"


def last_day(year: int, month: int) -> int:
    return monthrange(year, month)[1]


def add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= last_day(year, month)


def iso_date(day: date) -> str:
    return day.isoformat()


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of calendar from `first` to `last`, as precise as its ISO value (year, month or day)."""

    first: date
    last: date
    precision: str  # of the value it was read from: year, month, day

    @classmethod
    def parse(cls, value: str | None) -> Period | None:
        return _parse(value) if value else None

    @classmethod
    def read(cls, value: str) -> Period | None:
        if "/" in value:
            head, tail = (cls.read(part) for part in value.split("/", 1))
            if head is None or tail is None:
                return None
            return cls(head.first, tail.last, min(head.precision, tail.precision, key=PRECISION_RANK.get))
        match = _ISO.fullmatch(value.strip())
        if not match:
            return None
        year, month, day = (int(x) if x else None for x in match.groups())
        if month is None:
            return cls(date(year, 1, 1), date(year, 12, 31), "year")
        if not 1 <= month <= 12:
            return None
        if day is None:
            return cls(date(year, month, 1), date(year, month, last_day(year, month)), "month")
        if not valid_day(year, month, day):
            return None
        return cls(date(year, month, day), date(year, month, day), "day")

    @property
    def year(self) -> int:
        return self.first.year

    @property
    def month(self) -> int | None:
        return self.first.month if self.precision != "year" else None

    @property
    def day(self) -> int | None:
        return self.first.day if self.precision == "day" else None

    def days_before(self, other: Period) -> int:
        """How many days this period ends before `other` starts (negative when it ends later)."""
        return (other.first - self.last).days


@lru_cache(maxsize=4096)
def _parse(value: str) -> Period | None:
    """Values repeat within and across documents; periods are immutable, so one parse serves all."""
    return Period.read(value)


def part_value(year: int, month: int | None, part: Part, unit: str) -> str | None:
    """年初 of 2023 -> 2023-01; 上半年 -> 2023-01/2023-06; 8月下旬 -> 2020-08-21/2020-08-31."""
    if unit == "year":
        if part.first == 1 and part.last == 12:
            return ymd(year)
        return interval(ymd(year, part.first), ymd(year, part.last))
    if month is None:
        return None
    last = part.last or last_day(year, month)
    if part.first == 1 and last == last_day(year, month):
        return ymd(year, month)
    return interval(ymd(year, month, part.first), ymd(year, month, last))


def week_of(day: date, offset: int) -> str:
    """The Monday-to-Sunday week `offset` weeks from the one holding `day`, as an interval."""
    monday = day - timedelta(days=day.weekday()) + timedelta(weeks=offset)
    return interval(iso_date(monday), iso_date(monday + timedelta(days=6)))


def shift(period: Period, unit: str, count: int) -> str | None:
    """The period `count` units from `period`, at the unit's precision (一年前 -> a year; 三天後 -> a day).

    None when the anchor is coarser than the unit: three days after "2020" has no day.
    """
    if unit == "year":
        return ymd(period.year + count)
    if period.month is None:
        return None
    if unit == "month":
        return ymd(*add_months(period.year, period.month, count))
    if period.day is None:
        return None
    return iso_date(period.first + timedelta(days=count))


def month_value(year: int, cue: Cue) -> str | None:
    """A month with its days, range or part: 2020-11-24/2020-11-25, 2020-03/2020-05, 2020-08-21/2020-08-31."""
    month = cue.month or 1
    if cue.month2 is not None:
        year2 = year + 1 if cue.month2 < month else year
        return interval(ymd(year, month), ymd(year2, cue.month2))
    if cue.day is not None:
        return day_value(year, month, cue)
    if cue.part is not None and cue.part_unit == "month":
        return part_value(year, month, cue.part, "month")
    return ymd(year, month)


def day_value(year: int, month: int, cue: Cue) -> str | None:
    first, last = cue.day or 1, cue.day2 or cue.day or 1
    if not (valid_day(year, month, first) and valid_day(year, month, last)) or last < first:
        return None
    return interval(ymd(year, month, first), ymd(year, month, last))


def relative_value(anchor: Period, cue: Cue) -> str | None:
    rel = cue.rel
    if rel is None:
        return None
    if rel.unit == "year":
        year = anchor.year + rel.offset
        if cue.month is not None:
            return month_value(year, cue)
        return part_value(year, None, cue.part, "year") if cue.part is not None else ymd(year)
    if anchor.month is None:
        return None
    if rel.unit == "month":
        year, month = add_months(anchor.year, anchor.month, rel.offset)
        if cue.day is not None:
            return day_value(year, month, cue)
        return part_value(year, month, cue.part, "month") if cue.part is not None else ymd(year, month)
    if cue.day is not None:  # 昨（6）日: the 6th of the anchor's month, or of the month before
        year, month = anchor.year, anchor.month
        if anchor.day is not None and cue.day > anchor.day:
            year, month = add_months(year, month, -1)
        return day_value(year, month, cue)
    if anchor.day is None:
        return None
    if rel.unit == "week":
        return week_of(anchor.first, rel.offset)
    return iso_date(anchor.first + timedelta(days=rel.offset))


def weekday_in_month(anchor: Period, weekday: int, day: int) -> str | None:
    """The `day` of the anchor's month, or of the month before or after, that falls on `weekday`; the
    anchor's own month when none does (a misprint)."""
    candidates = []
    for shift_by in (0, -1, 1):
        year, month = add_months(anchor.year, anchor.month or 1, shift_by)
        if valid_day(year, month, day):
            candidates.append(date(year, month, day))
    matching = [day for day in candidates if day.weekday() == weekday] or candidates[:1]
    if not matching:
        return None
    return iso_date(min(matching, key=lambda d: abs((d - anchor.first).days)))


def weekday_near(anchor: date, weekday: int, week: int | None, future: bool) -> date:
    """週三: the last Wednesday on or before the anchor (news reports what happened), or the next one when
    the clause looks ahead; 上週三 / 下週三: the Wednesday of the week before / after."""
    if week is not None:
        return anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=week, days=weekday)
    back = (anchor.weekday() - weekday) % 7
    return anchor + timedelta(days=(-back) % 7) if future else anchor - timedelta(days=back)

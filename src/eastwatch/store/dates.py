"""First and last day an ISO 8601 value covers, so dates of any precision can be range-queried in SQL."""

from __future__ import annotations

import calendar
import re
from datetime import date

_YEAR = re.compile(r"(\d{4})")
_DECADE = re.compile(r"(\d{3})X")  # TIMEX style "201X": the 2010s
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_HALF = re.compile(r"(\d{4})-H([12])")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")

Bounds = tuple[date | None, date | None]
NO_BOUNDS: Bounds = (None, None)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, first: int, last: int) -> Bounds:
    return date(year, first, 1), _month_end(year, last)


def _point(value: str) -> Bounds:
    """Bounds of one ISO value without a slash; NO_BOUNDS when it is not a calendar value."""
    if m := _DAY.fullmatch(value):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    if m := _MONTH.fullmatch(value):
        return _months(int(m[1]), int(m[2]), int(m[2]))
    if m := _YEAR.fullmatch(value):
        return _months(int(m[1]), 1, 12)
    if m := _QUARTER.fullmatch(value):
        first = 3 * int(m[2]) - 2
        return _months(int(m[1]), first, first + 2)
    if m := _HALF.fullmatch(value):
        first = 6 * int(m[2]) - 5
        return _months(int(m[1]), first, first + 5)
    if m := _WEEK.fullmatch(value):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return monday, date.fromisocalendar(int(m[1]), int(m[2]), 7)
    if m := _DECADE.fullmatch(value):
        return date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 9, 12, 31)
    return NO_BOUNDS


def iso_bounds(value: str | None) -> Bounds:
    """(first day, last day) of an ISO value or "A/B" interval; (None, None) for durations and the unknown.

    >>> iso_bounds("2020-02")
    (datetime.date(2020, 2, 1), datetime.date(2020, 2, 29))
    >>> iso_bounds("2020-11-24/2020-11-25")
    (datetime.date(2020, 11, 24), datetime.date(2020, 11, 25))
    """
    if not value:
        return NO_BOUNDS
    try:
        if "/" in value:
            first, _, last = value.partition("/")
            return _point(first)[0], _point(last)[1]
        return _point(value)
    except ValueError:  # a well-formed but impossible value such as 2021-02-30 or week 54
        return NO_BOUNDS

"""From a grammar match to a Cue: the fields a time expression states, before any context fills the rest.

A Cue holds what is written (2023 / 11 / 24–25, "去年", "8年", "每年"); timeresolve.py decides the year of a
bare month or the anchor of a relative word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eastwatch.model import TimeKind
from eastwatch.recognise.numerals import to_int, to_number
from eastwatch.recognise.timegrammar import grammar
from eastwatch.recognise.timewords import Part, RelWord, TimeLexicon, lexicon

ROC_OFFSET = 1911  # ROC year 1 = 1912
MIN_YEAR, MAX_YEAR = 1000, 2999
DAYS_PER_HALF_MONTH = 15
_DIGITS = re.compile(r"[0-9０-９〇○零一二三四五六七八九十廿卅兩两]+")


@dataclass(slots=True)
class Cue:
    start: int
    end: int
    form: str
    kind: TimeKind = "date"
    year: int | None = None
    year2: int | None = None  # the last year of a range
    month: int | None = None
    month2: int | None = None
    day: int | None = None
    day2: int | None = None
    part: Part | None = None
    part_unit: str | None = None  # "year" or "month": what `part` divides
    rel: RelWord | None = None
    value: str | None = None  # a value that needs no context (durations, sets, decades)
    shift: tuple[str, int] | None = None  # offsets (三天後): unit and signed count
    weekday: int | None = None  # 0 = Monday
    week: int | None = None  # 上週三: -1, 下週三: 1, 本週三: 0; None: the nearest one


def _int(text: str | None) -> int | None:
    return to_int(text) if text else None


def _days(text: str | None) -> tuple[int | None, int | None]:
    """24、25 -> (24, 25); 25至 27 -> (25, 27): the first and last day named."""
    if not text:
        return None, None
    nums = [to_int(d) for d in _DIGITS.findall(text)]
    nums = [n for n in nums if n is not None]
    return (nums[0], nums[-1]) if nums else (None, None)


def _year(groups: dict[str, str | None]) -> int | None:
    if groups.get("y4") or groups.get("yc"):
        return _int(groups.get("y4") or groups.get("yc"))
    roc = groups.get("roc") or groups.get("r3") or groups.get("r2")
    value = _int(roc)
    return value + ROC_OFFSET if value else None


def _month_fields(cue: Cue, groups: dict[str, str | None], lex: TimeLexicon) -> Cue:
    cue.month = _int(groups.get("m"))
    cue.day, cue.day2 = _days(groups.get("days"))
    if groups.get("mpart"):
        cue.part, cue.part_unit = lex.part("month", groups["mpart"]), "month"
    return cue


def _date(cue: Cue, g: dict[str, str | None], lex: TimeLexicon) -> Cue | None:
    cue.year = _year(g)
    if g.get("ypart"):
        cue.part, cue.part_unit = lex.part("year", g["ypart"]), "year"
    return _month_fields(cue, g, lex)


def _rel(cue: Cue, g: dict[str, str | None], lex: TimeLexicon) -> Cue:
    word = g.get("ry") or g.get("rm") or g.get("rw") or g.get("rd") or ""
    cue.rel = lex.relative[word]
    if g.get("ypart"):
        cue.part, cue.part_unit = lex.part("year", g["ypart"]), "year"
    if g.get("mpart2"):
        cue.part, cue.part_unit = lex.part("month", g["mpart2"]), "month"
    if g.get("d1"):
        cue.day, cue.day2 = _days(g["d1"])
    return _month_fields(cue, g, lex) if g.get("m") else cue


def _decade(cue: Cue, g: dict[str, str | None]) -> Cue | None:
    dec = _int(g.get("dec"))
    if g.get("cent") or g.get("last"):  # 二十世紀九十年代, 上世紀90年代
        century = _int(g.get("cent")) if g.get("cent") else 20
        base = (century - 1) * 100 if century else None
        if base is None:
            return None
        if dec is None:
            cue.value = f"{base + 1:04d}/{base + 100:04d}"
            return cue
        dec = base + dec % 100
    elif dec is not None and dec < 100:
        dec += 1900  # 90年代 without a century: the 20th
    if dec is None or dec % 10:
        return None
    cue.value = f"{dec:04d}/{dec + 9:04d}"
    return cue


def _duration_value(g: dict[str, str | None]) -> str | None:
    """ISO duration of 4年 3個月 (P4Y3M), 1年半 (P1Y6M), 300天 (P300D), 2週 (P2W); None for 數年."""
    if g.get("half"):
        return "P6M" if g.get("hy2") else f"P{DAYS_PER_HALF_MONTH}D"
    count = to_number(g["n"]) if g.get("n") else None
    if count is None:
        return None
    extra_days = (to_int(g["n3"]) or 0) if g.get("n3") else 0
    if g.get("uy"):
        months = (to_int(g["n2"]) or 0) if g.get("n2") else (6 if g.get("hy") else 0)
        return _iso_duration(count, months, 0, extra_days)
    if g.get("um"):
        half = DAYS_PER_HALF_MONTH if g.get("hm") or g.get("hm2") else 0
        return _iso_duration(0, count, 0, half + extra_days)
    if g.get("uw"):
        return _iso_duration(0, 0, count, extra_days)
    return _iso_duration(0, 0, 0, count + extra_days)


def _iso_duration(years: float, months: float, weeks: float, days: float) -> str:
    # fractional years and months become whole months and days (1.5年 = P1Y6M)
    months += (years - int(years)) * 12
    days += (months - int(months)) * 30
    out = "P"
    for amount, unit in ((int(years), "Y"), (int(months), "M"), (int(weeks), "W"), (round(days), "D")):
        if amount:
            out += f"{amount}{unit}"
    return out if out != "P" else "P0D"


def _shift(value: str | None) -> tuple[str, int] | None:
    """The unit and count an offset moves its anchor by (P3D -> day 3); mixed or fractional: the finest."""
    if not value:
        return None
    match = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?", value)
    if not match:
        return None
    years, months, weeks, days = (int(x) if x else 0 for x in match.groups())
    if days or weeks:
        return "day", days + 7 * weeks + 30 * months + 365 * years
    if months:
        return "month", months + 12 * years
    return "year", years


def _set_value(g: dict[str, str | None], text: str, lex: TimeLexicon) -> str | None:
    if text in lex.sets:
        return lex.sets[text]
    count = _int(g.get("n"))
    unit = {"年": "Y", "季": "M", "月": "M", "天": "D", "日": "D"}.get(g.get("u") or "", "W")
    if count is None:
        return None
    return f"P{count * 3 if g.get('u') == '季' else count}{unit}"


_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}  # 0 = Monday
_PAREN_DAY_WORDS = {"昨": "昨日", "今": "今日", "明": "明日"}


def _read(form: str, g: dict[str, str | None], text: str, lex: TimeLexicon, cue: Cue) -> Cue | None:
    """Fill `cue` from the groups of its form; None when the numbers are not a calendar date."""
    if form == "iso":
        year = _int(g["y"])
        cue.year = year + ROC_OFFSET if year is not None and year < MIN_YEAR else year
        cue.month, cue.day = _int(g["m"]), _int(g["d"])
    elif form in ("yrange", "ylist", "ynoun"):
        cue.year, cue.year2 = _int(g["y"]), _int(g.get("y2"))
        if cue.year2 is not None and cue.year is not None and cue.year2 <= cue.year:
            return None
    elif form in ("decade", "century"):
        return _decade(cue, g)
    elif form == "date":
        return _date(cue, g, lex)
    elif form == "weekday":
        cue.weekday, cue.day = _WEEKDAYS[g["wd"] or "一"], _int(g.get("d"))
        if g.get("week"):
            cue.week = {"上": -1, "下": 1}.get(g["week"].strip()[0], 0)
    elif form == "pday":
        cue.rel, cue.day = lex.relative[_PAREN_DAY_WORDS[g["word"] or "今"]], _int(g["d"])
    elif form == "rel":
        return _rel(cue, g, lex)
    elif form == "set":
        cue.kind, cue.value = "set", _set_value(g, text, lex)
    elif form in ("mrange", "month"):
        cue.month, cue.month2 = _int(g["m"]), _int(g.get("m2"))
        return _month_fields(cue, g, lex) if form == "month" else cue
    elif form == "day":
        cue.day, cue.day2 = _days(g["days"])
    elif form == "part":
        unit = "year" if g.get("ypart") or g.get("ypart2") else "month"
        word = g.get("ypart") or g.get("ypart2") or g.get("mpart") or g.get("mpart2") or ""
        cue.part, cue.part_unit = lex.part(unit, word), unit
    elif form == "offset":
        sign = -1 if any(text.endswith(w) for w in lex.offset_before) else 1
        shift = _shift(_duration_value(g))
        cue.shift = (shift[0], sign * shift[1]) if shift else None
    elif form == "duration":
        cue.kind, cue.value = "duration", _duration_value(g)
    return cue


def _valid(cue: Cue) -> bool:
    if cue.year is not None and not MIN_YEAR <= cue.year <= MAX_YEAR:
        return False
    if (cue.month is not None and not 1 <= cue.month <= 12) or (cue.month2 is not None and not 1 <= cue.month2 <= 12):
        return False
    return (cue.day is None or 1 <= cue.day <= 31) and (cue.day2 is None or 1 <= cue.day2 <= 31)


def scan(text: str, roc: bool) -> list[Cue]:
    """Every time expression in `text`, left to right, with the fields it states."""
    lex, gram = lexicon(), grammar(roc)
    cues = []
    for match in gram.scanner.finditer(text):
        form = match.lastgroup or ""
        full = gram.forms[form].match(text, match.start())
        if full is None:  # cannot happen: the same pattern; kept safe for edits to the grammar
            continue
        cue = _read(form, full.groupdict(), match.group(), lex, Cue(match.start(), match.end(), form))
        if cue is not None and _valid(cue):
            cues.append(cue)
    return cues

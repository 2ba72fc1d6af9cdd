"""The document's writing date, from what the file and its first lines say.

Order: the file's metadata; else a news dateline (its day completed with the year and month of the
metadata or of a date in the file name; a dateline day that differs from the metadata's wins, since the
story was filed that day); else an explicit date line ("2020年12月", "民國109年12月", "發布日期：2023-05-02");
else a date in the file name ("2023-08-19_summit.txt"). Otherwise None: the times stage later falls back
on the latest dated statement in the text.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePath

from eastwatch.model import DocDate, Meta, Span
from eastwatch.structure.headings import number_value
from eastwatch.structure.news import Dateline

# Taiwan's ROC calendar: 民國 1 = 1912. Three-digit years without the era word are ROC years too (109年).
ROC_OFFSET = 1911
# A bare date line is short: a date with perhaps a weekday or a time, not a sentence that holds a date.
DATE_LINE_MAX_CHARS = 30
# A labelled date ("發布日期：…") may share its line with a view counter or an author.
LABELLED_LINE_MAX_CHARS = 80
# Where date lines sit: among the first lines (under the title) or the last (a report's closing date).
HEAD_LINES, TAIL_LINES = 8, 3
MIN_YEAR, MAX_YEAR = 1900, 2100

CN_DIGITS = "〇零一二三四五六七八九"
_YEAR = rf"(?:(?P<era>民國|民国|中華民國|中华民国)\s*)?(?P<y>\d{{2,4}}|[{CN_DIGITS}]{{4}})"
_MONTH = r"(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?P<d>\d{1,2}|三十[一]?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
CJK_DATE = rf"{_YEAR}\s*年\s*{_MONTH}\s*月(?:\s*{_DAY}\s*[日號号])?"
ISO_DATE = r"(?P<y2>\d{4})\s*[-/.]\s*(?P<m2>\d{1,2})(?:\s*[-/.]\s*(?P<d2>\d{1,2}))?"
DATE_RE = re.compile(rf"{CJK_DATE}|{ISO_DATE}")
# A label opens its line: "發布日期：…", "更新時間 …", "日期：…" (never "會談時間：…" inside a sentence).
LABEL_RE = re.compile(r"(?:發布|發佈|发布|更新|出版|刊登|刊出|撰寫|撰写|完稿|上架|公告|發表|发表)"
                      r"(?:日期|時間|时间|於|于)?|(?:日期|時間|时间)(?=\s*[：:])")
LABELLED_RE = re.compile(rf"[【\[（(]?\s*(?:{LABEL_RE.pattern})\s*[：:]?\s*(?:{DATE_RE.pattern})")
# What may stand around a bare date on its own line: a weekday, a clock time, brackets.
DATE_LINE_RE = re.compile(rf"[（(【\[]?\s*(?:{DATE_RE.pattern})\s*(?:[（(]?(?:星期|週|周)[一二三四五六日天][）)]?)?"
                          r"\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*[）)】\]]?")
META_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# A file named by its date: "2023-08-19_summit.txt", "20230819-summit.pdf"; never digits inside a hash.
FILENAME_DATE_RE = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?"
                              r"(0[1-9]|[12]\d|3[01])(?![0-9])")


def writing_date(text: str, meta: Meta, dateline: Dateline | None, date_line: Span | None) -> DocDate | None:
    meta_parts = _meta_parts(meta.date)
    file_parts = _filename_parts(meta.path)
    if dateline is not None and dateline.day:
        from_dateline = _complete(dateline, meta_parts or file_parts)
        if from_dateline and (len(meta_parts) < 3 or from_dateline != _iso(*meta_parts)):
            return DocDate(from_dateline, "dateline", dateline.span)
    if meta_parts:
        return DocDate(_iso(*meta_parts), "metadata", None)
    if date_line is not None:
        value = parse_date(text[date_line.start : date_line.end])
        if value:
            return DocDate(value, "text", date_line)
    if file_parts:
        return DocDate(_iso(*file_parts), "filename", None)
    return None


def find_date_line(text: str, lines: list[Span]) -> Span | None:
    """The span of the first labelled date in the head or tail lines, else the first bare date line."""
    candidates = lines[:HEAD_LINES] + lines[max(HEAD_LINES, len(lines) - TAIL_LINES) :]
    for line in candidates:
        if line.end - line.start <= LABELLED_LINE_MAX_CHARS:
            m = LABELLED_RE.match(text, line.start, line.end)
            if m and parse_date(m.group()):
                return Span(m.start(), m.end())
    for line in candidates:
        if line.end - line.start <= DATE_LINE_MAX_CHARS:
            m = DATE_LINE_RE.fullmatch(text, line.start, line.end)
            if m and parse_date(m.group()):
                return line
    return None


def parse_date(text: str) -> str | None:
    """The first date in `text` as ISO (day or month precision); None when there is none or it is invalid."""
    m = DATE_RE.search(text)
    if not m:
        return None
    g = m.groupdict()
    year_text, month_text, day_text = g["y"] or g["y2"], g["m"] or g["m2"], g["d"] or g["d2"]
    year = _number(year_text)
    if g["era"] or year < MIN_YEAR:
        year += ROC_OFFSET if (g["era"] or len(year_text) == 3) else 0
    parts = [year, _number(month_text)] + ([_number(day_text)] if day_text else [])
    return _iso(*parts) if _valid(parts) else None


def _number(text: str) -> int:
    if text.isascii():
        return int(text)
    if len(text) == 4 and "十" not in text:  # 二〇二〇: digit by digit
        return int("".join(str(max(CN_DIGITS.index(ch) - 1, 0)) for ch in text))
    return number_value(text)


def _valid(parts: list[int]) -> bool:
    if not MIN_YEAR <= parts[0] <= MAX_YEAR or not 1 <= parts[1] <= 12:
        return False
    if len(parts) == 3:
        try:
            date(*parts)
        except ValueError:
            return False
    return True


def _meta_parts(value: str | None) -> list[int]:
    m = META_DATE_RE.match(value or "")
    parts = [int(p) for p in m.groups() if p] if m else []
    return parts if parts and _valid(parts + [1] * (2 - len(parts))) else []


def _filename_parts(path: str) -> list[int]:
    m = FILENAME_DATE_RE.search(PurePath(path).name)
    parts = [int(p) for p in m.groups()] if m else []
    return parts if parts and _valid(parts) else []


def _complete(dateline: Dateline, meta_parts: list[int]) -> str | None:
    """A dateline's day with the year and month it omits taken from the metadata."""
    year = dateline.year or (meta_parts[0] if meta_parts else None)
    month = dateline.month or (meta_parts[1] if len(meta_parts) > 1 else None)
    if year is None or month is None or dateline.day is None:
        return None
    if not dateline.month and len(meta_parts) == 3 and dateline.day > meta_parts[2]:
        month -= 1  # filed on the 31st, published on the 1st: the dateline's day is last month's
        if month == 0:
            year, month = year - 1, 12
    parts = [year, month, dateline.day]
    return _iso(*parts) if _valid(parts) else None


def _iso(*parts: int) -> str:
    return "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])])

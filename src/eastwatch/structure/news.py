"""News items: the dateline that opens the story ("（中央社記者王某台北22日電）", "新華社北京3月5日電",
"【本報訊】", "〔記者王某／台北報導〕", "SEOUL, March 5 (Yonhap) --") and the reporters it names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from eastwatch.model import Author, Span
from eastwatch.structure.cues import Cues

# A dateline opens one of the first few content lines (after the headline and perhaps a date line).
DATELINE_WINDOW = 6
# When a reporter's name runs into an unknown place ("記者王小明嘉義22日電"), the name is taken as three
# characters, the commonest length of a Chinese name.
DEFAULT_NAME_CHARS = 3
NAME_MIN, NAME_MAX = 2, 4

OPEN = r"[（(【〔\[［]"
CLOSE = r"[）)】〕\]］]"
NAME = r"[\u4e00-\u9fff]{2,4}"
DATE = r"(?:(?P<y>\d{4})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*日"
REPORTER = r"(?:[駐驻][\u4e00-\u9fff]{1,6})?(?:特派員|特派员|特約記者|特约记者|記者|记者)"
MONTHS_EN = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                         "nov", "dec"), start=1)}
CJK_RUN_RE = re.compile(r"[\u4e00-\u9fff]+")
SPACE_RE = re.compile(r"[\s\u3000—–-]*")


@dataclass(frozen=True, slots=True)
class Dateline:
    span: Span  # the dateline as written
    body_start: int  # where the story's text goes on
    agency: str | None
    byline: Span | None  # "記者王小明"
    reporters: tuple[Span, ...]  # each reporter's name
    year: int | None
    month: int | None
    day: int | None


@lru_cache(maxsize=4)
def _patterns(agencies: str, agencies_en: str) -> tuple[re.Pattern[str], ...]:
    agency_dated = (
        rf"(?P<open>{OPEN})?\s*(?P<agency>{agencies})\s*(?P<rep>{REPORTER})?"
        rf"(?P<who>[\u4e00-\u9fff、，, ]{{0,24}}?)\s*{DATE}\s*(?:綜合|综合)?(?:外電|外电)?(?:專|专)?[電电]"
        rf"(?:報導|报道|報道)?(?(open)\s*{CLOSE})"
        rf"(?:\s*[（(](?P<rep2>記者|记者)(?P<who2>[\u4e00-\u9fff、，, ]{{2,20}}?)[）)])?"
    )
    reporter_place = (
        rf"(?P<open>{OPEN})?\s*(?:(?P<agency>{agencies})\s*)?(?P<rep>{REPORTER})\s*"
        rf"(?P<who>{NAME}(?:\s*[、，,]\s*{NAME})*)\s*[／/]\s*(?P<place>[^\s／/）)】〕\]］]{{1,12}}?)\s*"
        rf"(?:綜合|综合)?(?:報導|报道|報道|特稿)(?(open)\s*{CLOSE})"
    )
    bracketed_source = (r"(?P<open>【)\s*(?P<agency>[^】\s]{1,12}?)(?:專訊|专讯|訊|讯)\s*】"
                        r"|(?P<agency2>本報|本报)[訊讯]")
    english = (rf"[A-Z][A-Za-z .'-]{{1,30}}, (?P<mon>[A-Z][a-z]{{2,8}})\.? (?P<d>\d{{1,2}}) "
               rf"\((?P<agency>{agencies_en})\)(?:\s*(?:--|—|–|-))?")
    return tuple(re.compile(p) for p in (agency_dated, reporter_place, bracketed_source, english))


def find_dateline(text: str, lines: list[Span], cues: Cues) -> tuple[int, Dateline] | None:
    """The first dateline that opens one of the first content lines, with that line's index."""
    patterns = _patterns(cues.agencies, cues.agencies_en)
    for index, line in enumerate(lines[:DATELINE_WINDOW]):
        for pattern in patterns:
            m = pattern.match(text, line.start, line.end)
            if m:
                return index, _dateline(text, m, line, cues)
    return None


def _dateline(text: str, m: re.Match[str], line: Span, cues: Cues) -> Dateline:
    groups = m.groupdict()
    agency = groups.get("agency") or groups.get("agency2")
    reporters, byline = _reporters(text, m, cues)
    month = groups.get("m")
    if groups.get("mon"):
        month = str(MONTHS_EN.get(groups["mon"][:3].lower(), 0) or "") or None
    body_start = SPACE_RE.match(text, m.end(), line.end).end()
    return Dateline(Span(m.start(), m.end()), body_start, agency, byline, reporters, _int(groups.get("y")),
                    _int(month), _int(groups.get("d")))


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _reporters(text: str, m: re.Match[str], cues: Cues) -> tuple[tuple[Span, ...], Span | None]:
    groups = m.groupdict()
    for rep, who in (("rep", "who"), ("rep2", "who2")):
        if groups.get(rep) and groups.get(who):
            names = _names(text, m.start(who), m.end(who), cues, dated=groups.get("place") is None)
            if names:
                return tuple(names), Span(m.start(rep), names[-1].end)
    return (), None


def _names(text: str, lo: int, hi: int, cues: Cues, dated: bool) -> list[Span]:
    """Reporter names in "王小明、李大華台北": the last run may carry the place the story is filed from."""
    runs = [Span(r.start(), r.end()) for r in CJK_RUN_RE.finditer(text, lo, hi)]
    out = []
    for i, run in enumerate(runs):
        if dated and i == len(runs) - 1:
            run = _strip_place(text, run, cues)
        if NAME_MIN <= len(run) <= NAME_MAX:
            out.append(run)
    return out


def _strip_place(text: str, run: Span, cues: Cues) -> Span:
    word = text[run.start : run.end]
    for place in cues.places:
        if word.endswith(place) and NAME_MIN <= len(word) - len(place) <= NAME_MAX:
            return Span(run.start, run.end - len(place))
    if len(word) > NAME_MAX:
        return Span(run.start, run.start + DEFAULT_NAME_CHARS)
    return run


def reporter_authors(text: str, dateline: Dateline, site: str | None = None,
                     with_spans: bool = True) -> list[Author]:
    """The reporters a dateline names, as authors: position and role 記者, affiliation the agency."""
    agency = dateline.agency if dateline.agency not in (None, "本報", "本报") else site
    return [Author(text[s.start : s.end], agency, "記者", "記者", s if with_spans else None)
            for s in dateline.reporters]


def byline_reporters(byline: str, site: str | None, cues: Cues) -> list[Author]:
    """Reporters named by a byline outside the text (a web page's author field: "記者王小明／台北報導")."""
    found = find_dateline(byline, [Span(0, len(byline))], cues)
    return reporter_authors(byline, found[1], site, with_spans=False) if found else []

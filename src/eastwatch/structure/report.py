"""Report chapters: the numbered title line, the author line(s) under it, and the key points before the
first section heading."""

from __future__ import annotations

from dataclasses import dataclass

from eastwatch.model import Author, Span, TextItem
from eastwatch.repair.reflow import BULLET_RE
from eastwatch.structure.authors import parse_author_line
from eastwatch.structure.cues import Cues
from eastwatch.structure.headings import Marker, heading_text

# The title is one of the first lines (a header line or two may come before it).
TITLE_WINDOW = 3
# A title is short and is not a sentence.
TITLE_MAX_CHARS = 60
TITLE_SENTENCE_MARKS = "。；;"
# Author lines follow the title directly; a chapter rarely lists its authors on more than three lines.
AUTHOR_WINDOW = 3
# Key points are a handful of one- or two-sentence bullets. More, or longer ones, are an introduction.
MAX_KEY_POINTS = 8
KEY_POINT_MAX_CHARS = 200
# Chapter schemes: "四、", "肆、", "第四章". A "（一）" or "1." first line is a section, not a chapter.
CHAPTER_SCHEMES = ("cjk", "formal", "chapter", "part")


@dataclass(frozen=True, slots=True)
class Title:
    index: int  # in the content lines
    span: Span  # the title without its number
    number: str | None  # the chapter numeral: "四", "肆"
    marker: Marker | None


def find_title(text: str, lines: list[Span], markers: list[Marker | None], limit: int,
               numbered_only: bool = False) -> Title | None:
    """A numbered chapter title among the first `limit` lines; else (unless `numbered_only`) the first line
    when it reads like a title."""
    window = min(TITLE_WINDOW, limit)
    for i in range(window):
        marker = markers[i]
        if marker is None or marker.scheme not in CHAPTER_SCHEMES:
            continue
        line_text = text[lines[i].start : lines[i].end]
        if heading_text(line_text, marker) and not _continues(marker, markers[i + 1 :]):
            start = lines[i].start + marker.end
            return Title(i, _trimmed(text, start, lines[i].end), marker.numeral, marker)
    if limit and not numbered_only and markers[0] is None and _title_like(text[lines[0].start : lines[0].end]):
        return Title(0, lines[0], None, None)
    return None


def _continues(marker: Marker, later: list[Marker | None]) -> bool:
    """Does the same numbering go on below (一、 … 二、)? Then the first line is a section, not the chapter."""
    return any(m is not None and m.scheme == marker.scheme and m.value == marker.value + 1 for m in later)


def _title_like(line_text: str) -> bool:
    return len(line_text) <= TITLE_MAX_CHARS and not any(ch in line_text for ch in TITLE_SENTENCE_MARKS)


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    return Span(start, end)


def find_authors(text: str, lines: list[Span], first: int, cues: Cues) -> tuple[list[Author], list[int]]:
    """Authors on consecutive author lines from content line `first` on, and those lines' indices."""
    authors: list[Author] = []
    used: list[int] = []
    for i in range(first, min(first + AUTHOR_WINDOW, len(lines))):
        found = parse_author_line(text[lines[i].start : lines[i].end], lines[i].start, cues)
        if not found:
            break
        authors += found
        used.append(i)
    return authors, used


def key_points(text: str, lines: list[Span], candidates: list[int]) -> list[TextItem]:
    """The summary bullets: every candidate line, when there are few and all are short; else none."""
    if not candidates or len(candidates) > MAX_KEY_POINTS:
        return []
    spans = [bullet_body(text, lines[i]) for i in candidates]
    if any(len(s) > KEY_POINT_MAX_CHARS or len(s) == 0 for s in spans):
        return []
    return [TextItem(text[s.start : s.end], s) for s in spans]


def bullet_body(text: str, line: Span) -> Span:
    """The line without a leading bullet glyph."""
    m = BULLET_RE.match(text, line.start, line.end)
    return Span(m.end(), line.end) if m else line

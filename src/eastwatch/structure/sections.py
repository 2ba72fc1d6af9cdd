"""Sections: each numbered heading with its level, its body (up to the next heading of the same or a
higher level) and the body paragraphs inside it."""

from __future__ import annotations

from dataclasses import dataclass

from eastwatch.model import Section, Span
from eastwatch.structure.headings import Marker, assign_levels


@dataclass(frozen=True, slots=True)
class Heading:
    index: int  # in the content lines
    line: Span
    marker: Marker
    heading: str


def build_sections(text: str, headings: list[Heading], paragraphs: list[Span]) -> list[Section]:
    levels = assign_levels([h.marker.scheme for h in headings])
    out: list[Section] = []
    for i, (head, level) in enumerate(zip(headings, levels, strict=True)):
        end = len(text)
        for later, later_level in zip(headings[i + 1 :], levels[i + 1 :], strict=True):
            if later_level <= level:
                end = later.line.start
                break
        body = _strip(text, head.line.end, end)
        inside = tuple(p for p in paragraphs if body.contains(p))
        out.append(Section(head.heading, head.marker.written, level, head.line, body, inside))
    return out


def _strip(text: str, start: int, end: int) -> Span:
    """The span without the line breaks and spaces at either end (empty, at `start`, for an empty body)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)

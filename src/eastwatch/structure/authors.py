"""Author lines: "國立某某大學政治學系教授王某某主稿", "作者：王某某（某某研究院研究員）", "甲某某、乙某某合撰"."""

from __future__ import annotations

import re
from functools import lru_cache

from eastwatch.model import Author, Span
from eastwatch.structure.cues import Cues

# Chinese personal names are two to four characters (surname plus one to three).
NAME = r"[\u4e00-\u9fff]{2,4}"
# An author line is short: a long line is prose that happens to hold a position word.
AUTHOR_LINE_MAX_CHARS = 80
# Between authors: 、，；. "與/及/和" only when both sides are whole authors (they also occur inside
# institutions' names: 國際事務與戰略研究所).
AUTHOR_SEPARATORS_RE = re.compile(r"\s*[、，,；;]\s*")
AND_RE = re.compile(r"\s*[與与及和暨]\s*")
HONORIFIC = r"(?:\s*(?:博士|先生|女士))?"


def parse_author_line(text: str, start: int, cues: Cues) -> list[Author]:
    """The authors an author line names, with spans offset by `start`; [] when it is not an author line.

    A line without a role word ("主稿", "作者：") counts only when every author on it comes with an
    institution whose name ends like one (大學, 研究所, 中心 ...).
    """
    if not text or len(text) > AUTHOR_LINE_MAX_CHARS:
        return []
    body_start, body_end, role = 0, len(text), None
    if m := cues.role_prefix.match(text):
        role, body_start = cues.roles[m.group("role")], m.end()
    elif m := cues.role_suffix.search(text):
        role, body_end = cues.roles[m.group("role")], m.start()
    authors = _parse_body(text, body_start, body_end, start, cues, role)
    if not authors:
        return []
    if role is None and not all(a.affiliation and a.affiliation.endswith(cues.affiliation_suffixes)
                                for a in authors):
        return []
    return authors


def _parse_body(text: str, lo: int, hi: int, start: int, cues: Cues, role: str | None) -> list[Author]:
    pieces = _segments(text, lo, hi)
    authors: list[Author] = []
    for seg_start, seg_end in pieces:
        parsed = _parse_joined(text, seg_start, seg_end, cues) or _parse_segment(text[seg_start:seg_end], cues)
        if parsed is None:
            return []
        for name, affiliation, position, (a, b) in parsed:
            if position and not affiliation and authors and authors[-1].affiliation:
                affiliation = authors[-1].affiliation  # "某大學教授甲、副教授乙": same institution
            authors.append(Author(name, affiliation, position, role,
                                  Span(start + seg_start + a, start + seg_start + b)))
    return authors


Parsed = tuple[str, str | None, str | None, tuple[int, int]]


def _segments(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out, cur = [], lo
    for m in AUTHOR_SEPARATORS_RE.finditer(text, lo, hi):
        out.append((cur, m.start()))
        cur = m.end()
    out.append((cur, hi))
    return [(a, b) for a, b in out if b > a]


def _parse_joined(text: str, lo: int, hi: int, cues: Cues) -> list[Parsed] | None:
    """Two authors joined by 與/及/和: both halves must parse as authors of the same shape."""
    for m in AND_RE.finditer(text, lo, hi):
        left = _parse_segment(text[lo : m.start()], cues)
        right = _parse_segment(text[m.end() : hi], cues)
        # both halves alike ("甲大學教授某與乙所研究員某", "某某與某某"): "國際事務與戰略研究所…" is one institute
        if left and right and (left[-1][2] is None) == (right[0][2] is None):
            shift = m.end() - lo
            return left + [(n, a, p, (s + shift, e + shift)) for n, a, p, (s, e) in right]
    return None


def _parse_segment(seg: str, cues: Cues) -> list[Parsed] | None:
    """One author: [affiliation] position name | name（affiliation position） | name position | name."""
    full = len(seg)
    for pattern in _segment_patterns(cues.positions.pattern):
        if m := pattern.fullmatch(seg):
            groups = m.groupdict()
            affiliation = (groups.get("aff") or "").strip() or None
            return [(m.group("name"), affiliation, groups.get("pos"), (0, full))]
    return None


@lru_cache(maxsize=4)
def _segment_patterns(positions: str) -> tuple[re.Pattern[str], ...]:
    return (
        re.compile(rf"(?P<aff>.*?)(?P<pos>{positions})\s*(?P<name>{NAME}){HONORIFIC}"),
        re.compile(rf"(?P<name>{NAME})\s*[｜|]\s*(?P<aff>.*?)(?P<pos>{positions})"),  # 黃某某｜某研究中心助理研究員
        re.compile(rf"(?P<name>{NAME})\s*[（(]\s*(?P<aff>[^）)]*?)\s*(?P<pos>{positions})?\s*[）)]"),
        re.compile(rf"(?P<name>[\u4e00-\u9fff]{{2,3}})(?P<pos>{positions})"),
        re.compile(rf"(?P<name>{NAME})"),
    )

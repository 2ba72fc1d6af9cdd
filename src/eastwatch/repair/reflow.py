"""Rebuild paragraphs from text whose lines were broken by the page layout (PDF extraction).

Text comes in two shapes. "Flowing" text (a .docx, a news .txt, a web page) already holds one paragraph
per line: every content line stays a paragraph. "Broken" text (PDF extraction) has a line break inside
nearly every sentence; we decide for each pair of neighbouring content lines whether the break between
them ends a paragraph or is only the layout's. The signals, all seen in think-tank PDFs:

- a paragraph's last line is shorter than the column (or ends in a stray space after CJK text);
- more blank lines than usual separate paragraphs (the extractor puts one blank line between any two
  lines, none at a page break, and a line holding one space between paragraphs);
- headings, numbered items and bullets start a new paragraph;
- a line that starts with a stray space after a page break, or a key point whose bullet glyph was lost,
  is not in itself a paragraph start: the other signals decide.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from eastwatch.repair.width import ends_latin, layout_width, starts_latin

# Lines of at least this many columns (15 CJK characters) are body lines, not headings or menu entries;
# only they vote on whether the text is broken.
LONG_LINE_COLUMNS = 30
# Broken text: at least this share of long lines stops mid-sentence. Flowing text ends nearly every long
# line with 。: the seed PDFs and the demo reports end 77-92% of them mid-sentence, the demo news .txt
# files 17-20% (their headline).
BROKEN_SHARE = 0.5
MIN_LONG_LINES = 3
# The column width is this percentile of the long lines' widths (most PDF lines fill the column).
COLUMN_PERCENTILE = 0.75
# A line narrower than this share of the column ends its paragraph. In the seeds the column is 60 columns,
# inner lines 57-66 (a paragraph's indented first line 56), so 51 keeps every inner line; the few last
# lines wider than that end in a stray space, the other signal.
FULL_LINE_RATIO = 0.85
# A Latin phrase wraps early ("Camp" / "David") only on a line at least this full; shorter lines ending in
# a Latin word are headings or titles ("（二）美日同盟與 QUAD").
LATIN_WRAP_RATIO = 0.6

# What a sentence or a clause ends with, and the closing quotes and brackets that may follow it.
FINAL_CHARS = "。！？!?…；;."
CLOSERS = "」』”’）)】〕"
COLON_CHARS = "：:"
# Markers that open a heading or a numbered item: （一） 一、 壹、 1. (1) 第一章 第二節.
ENUM_START_RE = re.compile(r"[（(][一二三四五六七八九十\d]{1,3}[）)]"
                           r"|[一二三四五六七八九十壹貳參叁肆伍陸柒捌玖拾\d]{1,3}(?:[、．]|\.(?!\d))"
                           r"|第[一二三四五六七八九十百\d]{1,4}[章節节篇部]")
# Bullet glyphs, with the space after them: the glyphs themselves, the private-use code points symbol fonts
# extract as, and the letters a Wingdings or ZapfDingbats bullet extracts as when its font has no Unicode
# map (n ■, l ●, u ◆, § ▪, Ø ➢, ü ✓), which before CJK text are never a word.
BULLET_RE = re.compile(r"[•●○■□◆◇▪▫►▶▸➢➤✓✔※◎\ue000-\uf8ff]\s*|[-*・]\s+|[nlu§Øüq]\s+(?=[\u4e00-\u9fff「（])")
# A PDF page number alone on its line: "12", "- 12 -", "第 12 頁", "12 / 30".
PAGE_NUMBER_RE = re.compile(r"[-–—]?\s*\d{1,3}\s*[-–—]?|第\s*\d{1,3}\s*[頁页]|\d{1,3}\s*/\s*\d{1,3}")
# A running head or foot (the report series' name on every page) is a short line seen again on later pages.
RUNNING_LINE_MIN_REPEATS = 2
# Whitespace that is layout, never text: carriage returns and form feeds.
LAYOUT_DELETE = dict.fromkeys(map(ord, "\r\f\v"))


@dataclass(frozen=True, slots=True)
class Line:
    start: int  # raw offset of the first non-space character
    end: int  # raw offset after the last non-space character
    stop: int  # raw offset of the newline that ends the line (len(raw) for the last line)
    indent: str  # the whitespace before `start`
    trailing: str  # the whitespace between `end` and `stop`, without \r and \f
    gap: int  # whitespace-only lines between the previous content line and this one
    width: int  # display columns of the text between start and end


@dataclass(frozen=True, slots=True)
class Layout:
    """What a broken text's lines look like: how many blank lines separate two lines, how wide a line is."""

    gap: int
    column: int


def scan_lines(raw: str) -> list[Line]:
    """Every line that holds text, with its raw offsets and the whitespace around it."""
    lines: list[Line] = []
    pos, gap = 0, 0
    for piece in raw.split("\n"):
        stop = pos + len(piece)
        body = piece.strip()
        if body:
            lead = len(piece) - len(piece.lstrip())
            tail = len(piece.rstrip())
            start = pos + lead
            indent, trailing = piece[:lead], piece[tail:]
            if "\r" in piece or "\f" in piece or "\v" in piece:  # CRLF files, page feeds: not text
                indent, trailing = indent.translate(LAYOUT_DELETE), trailing.translate(LAYOUT_DELETE)
            lines.append(Line(start, start + len(body), stop, indent, trailing, gap, layout_width(body)))
            gap = 0
        else:
            gap += 1
        pos = stop + 1
    return lines


def is_broken(raw: str, lines: list[Line]) -> bool:
    """True when most long lines stop mid-sentence: the layout broke them."""
    long_lines = [ln for ln in lines if ln.width >= LONG_LINE_COLUMNS]
    if len(long_lines) < MIN_LONG_LINES:
        return False
    soft = sum(1 for ln in long_lines if not _ends_clause(raw[ln.start : ln.end]))
    return soft >= BROKEN_SHARE * len(long_lines)


def layout(raw: str, lines: list[Line]) -> Layout:
    gaps = Counter(ln.gap for ln in lines[1:])
    widths = sorted(ln.width for ln in lines)
    long_widths = [w for w in widths if w >= LONG_LINE_COLUMNS] or widths or [0]
    column = long_widths[min(len(long_widths) - 1, int(len(long_widths) * COLUMN_PERCENTILE))]
    return Layout(gap=gaps.most_common(1)[0][0] if gaps else 0, column=column)


def paragraphs(raw: str, lines: list[Line]) -> list[list[Line]]:
    """Group content lines into paragraphs: one line each for flowing text, reflowed for broken text."""
    if not is_broken(raw, lines):
        return [[ln] for ln in lines]
    shape = layout(raw, lines)
    kept = page_furniture_removed(raw, lines)
    out: list[list[Line]] = []
    for ln in kept:
        if out and not breaks(raw, out[-1][-1], ln, shape):
            out[-1].append(ln)
        else:
            out.append([ln])
    return out


def page_furniture_removed(raw: str, lines: list[Line]) -> list[Line]:
    """Drop page numbers, and running heads after their first appearance (the first may be the title)."""
    texts = [raw[ln.start : ln.end] for ln in lines]
    counts = Counter(t for t, ln in zip(texts, lines, strict=True) if ln.width < LONG_LINE_COLUMNS)
    seen: set[str] = set()
    kept = []
    for ln, text in zip(lines, texts, strict=True):
        if PAGE_NUMBER_RE.fullmatch(text):
            continue
        if counts.get(text, 0) >= RUNNING_LINE_MIN_REPEATS and text in seen:
            continue
        seen.add(text)
        kept.append(ln)
    return kept


def breaks(raw: str, a: Line, b: Line, shape: Layout) -> bool:
    """Does a paragraph end between line `a` and the next content line `b`?"""
    a_text, b_text = raw[a.start : a.end], raw[b.start : b.end]
    if b.gap > shape.gap or BULLET_RE.match(b_text):
        return True
    if ENUM_START_RE.match(b_text) and (_ends_clause(a_text) or a_text[-1] in COLON_CHARS):
        return True
    a_width = a.width
    if ends_latin(a_text) and starts_latin(b_text) and a_width >= LATIN_WRAP_RATIO * shape.column:
        return False  # a Latin phrase wrapped: "Camp" / "David"
    if a_width < FULL_LINE_RATIO * shape.column:
        return True
    if a.trailing:
        return True  # the extractor leaves a space after a paragraph's last CJK character
    return _indented(b) and _ends_clause(a_text)


def join_space(raw: str, a: Line, b: Line) -> int | None:
    """Where the space that joins two lines of one paragraph comes from, or None when they join without one.

    Only two Latin words need a space; CJK text joins directly. The space is the raw trailing space when
    there is one, else the raw newline it replaces.
    """
    a_text, b_text = raw[a.start : a.end], raw[b.start : b.end]
    if not (ends_latin(a_text) and starts_latin(b_text)) or a_text.endswith("-"):
        return None
    return a.end if a.trailing else a.stop


def _ends_clause(text: str) -> bool:
    stripped = text.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in FINAL_CHARS


def _indented(line: Line) -> bool:
    """Two spaces or a full-width space: the first line of a paragraph (one space is a page-break artefact)."""
    return len(line.indent) >= 2 or "\u3000" in line.indent

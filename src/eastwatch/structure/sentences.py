"""Sentences: split on 。！？； ? ! and line ends, keeping 「」『』“” quotations whole."""

from __future__ import annotations

import re
from bisect import bisect_left

from eastwatch.model import Span

TERMINAL_RE = re.compile(r"[。！？；!?]+")
TERMINALS = "。！？；!?"
# Closing quotes and brackets that belong to the sentence they follow: 。」 and 。）
TRAILING_CLOSERS = "」』”’）)】〕"
QUOTE_RE = re.compile(r"[「」『』“”]")
QUOTE_PAIRS = {"「": "」", "『": "』", "“": "”"}


def split_sentences(text: str, span: Span) -> list[Span]:
    """Sentence spans inside `span` (one paragraph), without leading or trailing whitespace."""
    quotes = _quoted(text, span)
    opens = [open_at for open_at, _ in quotes]
    cuts: list[int] = []
    for m in TERMINAL_RE.finditer(text, span.start, span.end):
        if not _inside(quotes, opens, m.start()):
            cuts.append(_after_closers(text, m.end(), span.end))
    for open_at, close_at in quotes:
        # 「……。」 ends a sentence after the closing quote
        if close_at > open_at + 1 and text[close_at - 1] in TERMINALS:
            cuts.append(_after_closers(text, close_at + 1, span.end))
    out: list[Span] = []
    start = span.start
    for cut in [*sorted(set(cuts)), span.end]:
        if cut > start:
            piece = _trim(text, Span(start, cut))
            if piece:
                out.append(piece)
            start = cut
    return out


def _quoted(text: str, span: Span) -> list[tuple[int, int]]:
    """Outermost matched quotation pairs (open, close offsets); a quote mark left unmatched protects nothing."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for m in QUOTE_RE.finditer(text, span.start, span.end):
        ch = m.group()
        if ch in QUOTE_PAIRS:
            stack.append((ch, m.start()))
            continue
        for depth in range(len(stack) - 1, -1, -1):
            if QUOTE_PAIRS[stack[depth][0]] == ch:
                pairs.append((stack[depth][1], m.start()))
                del stack[depth:]
                break
    pairs.sort()
    outer: list[tuple[int, int]] = []
    for open_at, close_at in pairs:
        if not outer or open_at > outer[-1][1]:
            outer.append((open_at, close_at))
    return outer


def _inside(quotes: list[tuple[int, int]], opens: list[int], pos: int) -> bool:
    """Is `pos` inside one of the (sorted, disjoint) quotations?"""
    i = bisect_left(opens, pos) - 1
    return i >= 0 and quotes[i][0] < pos < quotes[i][1]


def _after_closers(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos] in TRAILING_CLOSERS:
        pos += 1
    return pos


def _trim(text: str, span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None

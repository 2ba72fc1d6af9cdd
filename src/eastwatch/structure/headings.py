"""Numbered headings: （一） 一、 壹、 1. (1) 1.1 第一章 第一節; their numbers, schemes and levels."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eastwatch.structure.cues import Cues

# A heading is a short line: at most this many characters after its number. The longest heading in the
# think-tank chapters we read is 24 characters; numbered body sentences in lists run well past 40.
HEADING_MAX_CHARS = 40
# A heading holds no sentence punctuation: a numbered line with 。 or ； is a list item in the body.
SENTENCE_MARKS = "。；;！!"
# Nor does it end like a clause that goes on.
OPEN_ENDINGS = "，,、：:（(「『"

CJK_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0}
CJK_NUM = "[一二三四五六七八九十百〇零]{1,4}"
FORMAL_NUM = "[壹貳贰參叁肆伍陸陆柒捌玖拾佰]{1,3}"
MARKER_RE = re.compile(
    rf"(?P<chapter>第\s*(?:{CJK_NUM}|\d{{1,3}})\s*章)"
    rf"|(?P<section>第\s*(?:{CJK_NUM}|\d{{1,3}})\s*[節节])"
    rf"|(?P<part>第\s*(?:{CJK_NUM}|\d{{1,3}})\s*(?:部分|篇|部))"
    rf"|(?P<paren_cjk>[（(]\s*{CJK_NUM}\s*[）)])"
    rf"|(?P<cjk>{CJK_NUM}\s*、)"
    rf"|(?P<formal>{FORMAL_NUM}\s*、)"
    r"|(?P<decimal>\d{1,2}(?:\.\d{1,2}){1,3})\.?(?=[\s\u3000])"  # "1.2 背景"; "1.5億" is no heading
    r"|(?P<arabic>\d{1,2}\s*[.．、](?![\d.]))"
    r"|(?P<paren_arabic>[（(]\s*\d{1,2}\s*[）)])"
)
AFTER_MARKER_RE = re.compile(r"[\s\u3000：:．.]*")
NUMERAL_RE = re.compile(rf"{CJK_NUM}|{FORMAL_NUM}|\d{{1,3}}(?:\.\d{{1,2}})*")
FORMAL_TO_CJK = str.maketrans("壹貳贰參叁肆伍陸陆柒捌玖拾佰", "一二二三三四五六六七八九十百")


@dataclass(frozen=True, slots=True)
class Marker:
    scheme: str  # chapter, section, part, paren_cjk, cjk, formal, decimal-2.., arabic, paren_arabic
    written: str  # as written: "（一）", "一、", "第一章"
    numeral: str  # the number alone: "一", "肆", "1.2"
    value: int  # the last component as an integer: 一 -> 1, 肆 -> 4, 1.2 -> 2
    end: int  # offset after the marker and the space or colon that follows it


def label_marker(text: str, cues: Cues) -> Marker | None:
    """An unnumbered heading of a known form (新聞重點, 安全意涵): the whole line is the heading."""
    folded = re.sub(r"[\s：:]+", "", text).casefold()
    return Marker("label", "", "", 0, 0) if folded in cues.section_labels else None


def parse_marker(text: str) -> Marker | None:
    """The heading number at the start of `text`, if any."""
    m = MARKER_RE.match(text)
    if not m or m.lastgroup is None:
        return None
    scheme = m.lastgroup
    written = m.group(scheme)
    numeral_match = NUMERAL_RE.search(written.replace(" ", ""))
    if numeral_match is None:
        return None
    numeral = numeral_match.group()
    if scheme == "decimal":
        scheme = f"decimal-{numeral.count('.') + 1}"
    end = AFTER_MARKER_RE.match(text, m.end()).end()
    return Marker(scheme, written.strip(), numeral, number_value(numeral), end)


def number_value(numeral: str) -> int:
    """一 -> 1, 十二 -> 12, 二十 -> 20, 肆 -> 4, 1.3 -> 3 (the last component)."""
    if numeral[-1].isdigit() and numeral.isascii():
        return int(numeral.rsplit(".", 1)[-1])
    digits = numeral.translate(FORMAL_TO_CJK)
    if "百" in digits:
        head, _, rest = digits.partition("百")
        return (_digit(head) or 1) * 100 + (number_value(rest) if rest else 0)
    if "十" in digits:
        tens, _, units = digits.partition("十")
        return (_digit(tens) or 1) * 10 + _digit(units)
    return int("".join(str(_digit(ch)) for ch in digits)) if digits else 0


def _digit(text: str) -> int:
    return CJK_DIGITS.get(text[-1], 0) if text else 0


def heading_text(text: str, marker: Marker) -> str | None:
    """The heading without its number, when `text` is short and reads like a heading; else None."""
    rest = text[marker.end :].strip()
    if not rest or len(rest) > HEADING_MAX_CHARS:
        return None
    if any(ch in rest for ch in SENTENCE_MARKS) or rest[-1] in OPEN_ENDINGS:
        return None
    return rest


def assign_levels(schemes: list[str]) -> list[int]:
    """Level of each heading: schemes rank in the order they first appear (the outline's own order)."""
    rank: dict[str, int] = {}
    for scheme in schemes:
        rank.setdefault(scheme, len(rank) + 1)
    return [rank[s] for s in schemes]

"""Numbers as Chinese texts write them: Arabic, full-width, Chinese numerals and mixes (3752億, 三千億, 二〇二三).

`to_number` reads any of them; `to_int` is the same for whole numbers. The regex fragments here are shared by
the time and quantity recognisers, so both read a number the same way.
"""

from __future__ import annotations

import re

# Digits written one by one (二〇二三年, 一九九〇年代); ○ (white circle) and Ｏ stand in for 〇 in many texts.
DIGIT_CHARS = {"〇": 0, "○": 0, "Ｏ": 0, "零": 0, "一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4, "五": 5,
               "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "廿": 20, "卅": 30}
BIG_UNITS = {"萬": 10**4, "万": 10**4, "億": 10**8, "亿": 10**8, "兆": 10**12}

# Arabic digits, half- and full-width.
ARABIC_DIGIT = "[0-9０-９]"
# An Arabic number with optional thousands separators and decimals: 3,752 / 1.5 / ３７５２.
ARABIC_NUMBER = r"[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?"
# Chinese digits that spell a year digit by digit.
YEAR_DIGIT = "[〇○Ｏ零一二三四五六七八九]"
# A Chinese number below ten thousand (一, 十二, 二十五, 三百, 一千二百): the magnitude units come after it.
CHINESE_NUMBER = "[〇○零一二三四五六七八九十拾百佰千仟兩两廿卅]+"

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_SPACE = re.compile(r"\s+")
_ARABIC_RE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def _chinese_below_10k(text: str) -> int | None:
    """一千二百三十四 -> 1234, 十二 -> 12, 二〇二三 -> 2023 (digit by digit when there is no unit)."""
    if not text:
        return None
    if all(ch in DIGIT_CHARS for ch in text):
        value = 0
        for ch in text:
            value = value * 10 + DIGIT_CHARS[ch]
        return value
    total, digit = 0, None
    for ch in text:
        if ch in DIGIT_CHARS:
            digit = DIGIT_CHARS[ch]
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if unit in (20, 30):  # 廿, 卅 are whole numbers, not multipliers
                total += unit
            else:
                total += (1 if digit is None else digit) * unit
            digit = None
        else:
            return None
    return total + (digit or 0)


def _leading_number(text: str) -> tuple[float | None, str]:
    """The number a string starts with (Arabic or Chinese) and the rest of the string."""
    text = text.translate(_FULL_WIDTH)
    if match := _ARABIC_RE.match(text):
        return float(match.group().replace(",", "")), text[match.end() :]
    end = 0
    while end < len(text) and (text[end] in DIGIT_CHARS or text[end] in SMALL_UNITS):
        end += 1
    value = _chinese_below_10k(text[:end])
    return (float(value) if value is not None else None), text[end:]


def to_number(text: str) -> float | None:
    """3752億 -> 375200000000.0, 三千億 -> 3e11, 1.5萬 -> 15000.0, 10千 -> 10000.0; None if not a number.

    Magnitudes multiply what precedes them, and a smaller magnitude after a larger one starts a new term
    (一億二千萬 -> 120000000).
    """
    if text.isascii() and text.isdigit():  # the common case, fast
        return float(text)
    text = _SPACE.sub("", text)
    total, rest = 0.0, text
    while rest:
        value, rest = _leading_number(rest)
        if value is None:
            return None
        while rest and rest[0] in "十百千拾佰仟" and value is not None:  # 10千 (Arabic digits, Chinese unit)
            value *= SMALL_UNITS[rest[0]]
            rest = rest[1:]
        while rest and rest[0] in BIG_UNITS:
            value *= BIG_UNITS[rest[0]]
            rest = rest[1:]
        total += value
        if rest and not (rest[0] in DIGIT_CHARS or rest[0] in SMALL_UNITS or rest[0].isdigit()):
            return None
    return total if text else None


def to_int(text: str) -> int | None:
    """A whole number in any script; None for anything else (fractions included)."""
    value = to_number(text)
    if value is None or value != int(value):
        return None
    return int(value)

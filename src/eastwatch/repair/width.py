"""Character classes and width: full-width ASCII letters and digits to half-width, display columns.

Only letters and digits are narrowed: CJK punctuation （）「」，。 is part of the text's style and the
later stages match it as written.
"""

from __future__ import annotations

import re

# U+FF10..FF19 digits, U+FF21..FF3A upper case, U+FF41..FF5A lower case sit 0xFEE0 above ASCII.
_FULLWIDTH_OFFSET = 0xFEE0
NARROW = {cp: cp - _FULLWIDTH_OFFSET for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
          for cp in range(lo, hi + 1)}

# Characters a terminal or a PDF line gives two columns: Hangul Jamo, CJK radicals to Yi, Hangul syllables,
# compatibility ideographs, vertical forms, full-width forms, and the supplementary ideograph planes.
WIDE_RE = re.compile("[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
                     "\uffe0-\uffe6\U00020000-\U0003fffd]")

# A Latin word that may continue on the next line: letters (after narrowing), or the comma, apostrophe or
# hyphen inside a phrase ("Agency," / "People's" / "Korea-"). Digits are left out: "於 2023" / "年" joins
# CJK-style, and a line ending in a digit is as often a heading's last word as a wrapped phrase.
LATIN_END_RE = re.compile(r"[A-Za-z\u00c0-\u024f,'’\-]")
LATIN_START_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")


def narrow(text: str) -> str:
    """Full-width ASCII letters and digits to half-width; same length, so offsets are unchanged."""
    return text.translate(NARROW)


def display_width(text: str) -> int:
    """Columns the text takes in a monospaced layout: two for CJK, one for everything else."""
    return len(text) + len(WIDE_RE.findall(text))


def layout_width(text: str) -> int:
    """display_width, fast: one column for ASCII, two for anything else. Counts the few narrow non-ASCII
    characters (é, —) as wide; in CJK text a PDF sets most of them full-width anyway."""
    return 2 * len(text) - len(text.encode("ascii", "ignore"))


def ends_latin(text: str) -> bool:
    return bool(text) and bool(LATIN_END_RE.fullmatch(narrow(text[-1])))


def starts_latin(text: str) -> bool:
    return bool(text) and bool(LATIN_START_RE.fullmatch(narrow(text[0])))

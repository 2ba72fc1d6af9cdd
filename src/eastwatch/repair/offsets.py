"""Write the repaired text and its offset map together, so every repaired character knows its raw offset.

Repair only copies raw characters (narrowed one for one), deletes them, or writes a single space or
newline in place of the raw whitespace or line break it stands for: the map stays exact.
"""

from __future__ import annotations

import re
from array import array

from eastwatch.model import OffsetMap
from eastwatch.repair.reflow import Line, join_space
from eastwatch.repair.width import narrow

# Inside a line: a run of whitespace, or one tab / no-break / ideographic space, becomes one plain space;
# zero-width characters, the byte-order mark and soft hyphens are dropped.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
INNER_RE = re.compile(rf"[^\S\n]{{2,}}|[^\S\n ]|[{ZERO_WIDTH}]+")
PARAGRAPH_SEPARATOR = "\n"


class Writer:
    """Appends repaired text piece by piece, keeping one raw offset per character."""

    def __init__(self, raw: str):
        self.raw = raw
        self.parts: list[str] = []
        self.positions = array("i")

    def char(self, ch: str, raw_pos: int) -> None:
        self.parts.append(ch)
        self.positions.append(raw_pos)

    def copy(self, start: int, end: int) -> None:
        """Copy raw[start:end], narrowed, with whitespace runs squeezed and zero-width characters dropped."""
        cur = start
        for m in INNER_RE.finditer(self.raw, start, end):
            self._slice(cur, m.start())
            if m.group().strip(ZERO_WIDTH):
                self.char(" ", m.start())
            cur = m.end()
        self._slice(cur, end)

    def _slice(self, start: int, end: int) -> None:
        if end > start:
            self.parts.append(narrow(self.raw[start:end]))
            self.positions.extend(range(start, end))

    def result(self) -> tuple[str, OffsetMap]:
        self.positions.append(len(self.raw))
        return "".join(self.parts), OffsetMap(self.positions)


def write(raw: str, paragraphs: list[list[Line]]) -> tuple[str, OffsetMap]:
    """One paragraph per line of the repaired text; the newline maps to the raw line break it replaces."""
    out = Writer(raw)
    for i, para in enumerate(paragraphs):
        if i:
            out.char(PARAGRAPH_SEPARATOR, paragraphs[i - 1][-1].stop)
        for j, line in enumerate(para):
            if j:
                space = join_space(raw, para[j - 1], line)
                if space is not None:
                    out.char(" ", space)
            out.copy(line.start, line.end)
    return out.result()

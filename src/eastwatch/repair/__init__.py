"""repair: raw text -> Document.text (reflowed, width-normalised) + offset map back to the raw text.

The repaired text holds one paragraph per line, separated by a single "\\n", with no blank lines and no
leading or trailing spaces. Text broken by a PDF layout is reflowed (reflow.py); full-width letters and
digits become half-width (width.py); every character maps back to a raw offset (offsets.py).
"""

from __future__ import annotations

from eastwatch.model import Document, RawDoc
from eastwatch.repair.offsets import PARAGRAPH_SEPARATOR, write
from eastwatch.repair.reflow import paragraphs, scan_lines

__all__ = ["PARAGRAPH_SEPARATOR", "repair", "repair_text"]


def repair_text(raw: str):
    """The repaired text and its OffsetMap, for a raw string."""
    return write(raw, paragraphs(raw, scan_lines(raw)))


def repair(raw: RawDoc) -> Document:
    text, offsets = repair_text(raw.text)
    return Document(id=raw.sha256, text=text, offsets=offsets, meta=raw.meta, raw=raw.text)

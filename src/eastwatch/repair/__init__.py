"""repair: raw text -> Document.text (reflowed, width-normalised) + offset map back to the raw text."""

from __future__ import annotations

from eastwatch.model import Document, OffsetMap, RawDoc


def repair(raw: RawDoc) -> Document:
    return Document(id=raw.sha256, text=raw.text, offsets=OffsetMap.identity(len(raw.text)), meta=raw.meta,
                    raw=raw.text)

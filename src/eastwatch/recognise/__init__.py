"""recognise stage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eastwatch.model import Document

if TYPE_CHECKING:
    from eastwatch.kb import KB


def run(doc: Document, kb: KB) -> None:
    return None

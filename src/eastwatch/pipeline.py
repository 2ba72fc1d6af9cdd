"""The ordered stages that turn a loaded document into facts; each says what it reads and writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from eastwatch import events, judgments, link, recognise, structure
from eastwatch.load import load
from eastwatch.model import Document
from eastwatch.repair import repair

if TYPE_CHECKING:
    from eastwatch.kb import KB


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[Document, KB], None]
    reads: frozenset[str]
    writes: frozenset[str]


def _stage(name: str, run: Callable[[Document, KB], None], reads: set[str], writes: set[str]) -> Stage:
    return Stage(name, run, frozenset(reads), frozenset(writes))


# load and repair make the Document (text, offsets, meta); these stages fill it in, in this order.
STAGES: list[Stage] = [
    # structure gives the writing date when the file or a dateline does; else recognise infers it from the
    # latest dated statement before resolving relative times (今年, 明年).
    _stage("structure", structure.run, {"text", "meta"}, {"structure", "date"}),
    _stage("recognise", recognise.run, {"text", "structure", "date"}, {"candidates", "times", "quantities", "date"}),
    _stage("link", link.run, {"text", "structure", "candidates", "date"}, {"mentions"}),
    _stage("events", events.run, {"text", "structure", "mentions", "times", "date"}, {"events"}),
    _stage("judgments", judgments.run, {"text", "structure", "mentions", "times"}, {"judgments"}),
]


def extract_file(path: str | Path, kb: KB, encoding: str | None = None) -> Document:
    """Load, repair and run every stage over one file."""
    return run(repair(load(path, encoding=encoding)), kb)


def run(doc: Document, kb: KB, until: str | None = None) -> Document:
    """Run every stage (or those up to and including `until`) over `doc`, in place."""
    for stage in STAGES:
        stage.run(doc, kb)
        if stage.name == until:
            break
    return doc

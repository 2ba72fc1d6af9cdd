"""load: file bytes -> raw text + metadata (RawDoc). One module per format."""

from __future__ import annotations

from pathlib import Path

from eastwatch.model import RawDoc

SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")


def load(path: str | Path, encoding: str | None = None) -> RawDoc:
    """Read one file; raises InputError with a stable reason slug when it cannot."""
    raise NotImplementedError  # filled in by the loaders

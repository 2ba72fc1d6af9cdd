"""Plain text and Markdown: decode the bytes, nothing more (the fast path: most archives are .txt)."""

from __future__ import annotations

from pathlib import Path

from eastwatch.errors import InputError
from eastwatch.load.encoding import decode
from eastwatch.model import Meta


def read(data: bytes, path: str, encoding: str | None = None) -> tuple[str, Meta]:
    text, used = decode(data, path, encoding)
    if not text.strip():
        raise InputError(path, "empty", "holds only whitespace")
    fmt = "md" if Path(path).suffix.lower() == ".md" else "txt"
    return text, Meta(path=path, format=fmt, encoding=used)

"""load: file bytes -> raw text + metadata (RawDoc). One module per format.

Every reader takes the file's bytes and returns (text, Meta); this module checks the path, hashes the bytes and
normalises line ends, so a reader only knows its format.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from eastwatch.errors import InputError
from eastwatch.model import Meta, RawDoc

SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")
# suffix -> reader module. Readers are imported on first use: pdfplumber, python-docx and trafilatura take
# ~100 ms each to import, which a batch of plain-text files should not pay.
READERS = {".txt": "txt", ".md": "txt", ".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html"}

Reader = Callable[[bytes, str, str | None], tuple[str, Meta]]


def load(path: str | Path, encoding: str | None = None) -> RawDoc:
    """Read one file; raises InputError with a stable reason slug when it cannot.

    `encoding` (a Python codec name) overrides detection for text and HTML files.
    """
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise InputError(name, "missing", "no such file")
    if not path.is_file():
        raise InputError(name, "not-a-file", "not a file (a folder?)", "name a file, or pass the folder to ingest")
    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise InputError(name, "unsupported-type", f"unsupported file type {suffix or '(no suffix)'!r}",
                         f"eastwatch reads {', '.join(SUFFIXES)}")
    try:
        data = path.read_bytes()
    except OSError as err:  # permissions, or the file vanished between the checks and the read
        raise InputError(name, "missing", f"cannot read the file ({err.strerror})") from err
    if not data:
        raise InputError(name, "empty", "empty file (0 bytes)")
    text, meta = reader(suffix)(data, name, encoding)
    return RawDoc(text=normalise_newlines(text), meta=meta, sha256=hashlib.sha256(data).hexdigest())


def reader(suffix: str) -> Reader:
    return import_module(f"{__name__}.{READERS[suffix]}").read


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR (old Mac files) become LF; nothing else changes (repair is a later stage)."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")

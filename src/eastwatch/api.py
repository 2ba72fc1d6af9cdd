"""The Python functions the CLI calls; same nouns and option names as the commands."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from eastwatch import pipeline
from eastwatch.errors import InputError
from eastwatch.kb import KB
from eastwatch.kb import load as load_kb
from eastwatch.load import SUFFIXES
from eastwatch.model import Document

DEFAULT_DB_ENV = "EASTWATCH_DB"
MAX_WORKERS = 4


def default_db() -> str:
    """The database URL: $EASTWATCH_DB, else a SQLite file in the user's data folder."""
    if url := os.environ.get(DEFAULT_DB_ENV):
        return url
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "eastwatch"
    return f"sqlite:///{base / 'eastwatch.db'}"


@lru_cache(maxsize=8)
def _kb(dirs: tuple[str, ...]) -> KB:
    return load_kb(dirs)


def knowledge(kb_dirs: Iterable[str | Path] = ()) -> KB:
    """The bundled knowledge base plus the users' folders, loaded and compiled once per process."""
    return _kb(tuple(str(d) for d in kb_dirs))


def extract(path: str | Path, kb: KB | None = None, encoding: str | None = None) -> Document:
    """Load, repair and run every stage over one file."""
    return pipeline.extract_file(path, kb if kb is not None else knowledge(), encoding)


def expand(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Files named by `paths` (files, folders searched recursively, glob patterns), in a stable order.

    A path that names nothing usable comes out as an InputError so a batch can report it and go on.
    """
    for raw in paths:
        text = str(raw)
        pattern = glob.has_magic(text) and not Path(text).exists()  # "[draft] notes.txt" is a file name
        matches = [Path(m) for m in sorted(glob.glob(text, recursive=True))] if pattern else []
        if pattern and not matches:
            yield InputError(text, "missing", "no file matches this pattern")
            continue
        for path in matches or [Path(text)]:
            if path.is_dir():
                found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                               and not any(part.startswith(".") for part in p.relative_to(path).parts))
                if not found:
                    yield InputError(str(path), "no-documents",
                                     f"folder holds no documents ({', '.join(SUFFIXES)})")
                yield from found
            elif path.exists():
                yield path
            else:
                yield InputError(str(path), "missing", "no such file or folder")


def default_workers() -> int:
    """Extraction processes for a batch: one per CPU, at most four (the single writer caps the gain)."""
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def ingest(paths: Iterable[str | Path], db: str | None = None, kb: KB | None = None, progress=None,
           workers: int | None = None):
    """Extract every document under `paths` into the database at `db`; returns an IngestReport."""
    from eastwatch.analyse.corpus import refresh_url
    from eastwatch.store.ingest import ingest as store_ingest

    url = db or default_db()
    report = store_ingest(list(expand(paths)), url, kb if kb is not None else knowledge(), progress=progress,
                          workers=default_workers() if workers is None else workers)
    if report.added:  # cross-document events are rebuilt now, not by the first query after the ingest
        refresh_url(url)
    return report

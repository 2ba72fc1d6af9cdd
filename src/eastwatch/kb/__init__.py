"""kb: the curated knowledge base (data files in kb/data, plus users' own folders)."""

from eastwatch.kb.base import KB
from eastwatch.kb.load import load

__all__ = ["KB", "load"]

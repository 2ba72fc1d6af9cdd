"""eastwatch: an evidence-linked knowledge base from Chinese-language assessments of Northeast Asia."""

from eastwatch.api import extract, ingest

__all__ = ["extract", "ingest"]
__version__ = "0.1.0"

"""Errors a user can act on: one line naming the file, the reason and, where we know it, the fix."""

from __future__ import annotations


class EastwatchError(Exception):
    """Base for every error eastwatch raises on purpose."""


class InputError(EastwatchError):
    """A file that cannot be read as a document.

    `reason` is a stable slug (counted in batch summaries and asserted by tests):
    missing, unreadable, not-a-file, unsupported-type, empty, binary, undecodable, truncated-pdf, bad-pdf,
    bad-docx, no-text, no-documents.
    """

    def __init__(self, path: str, reason: str, detail: str, hint: str | None = None):
        self.path, self.reason, self.detail, self.hint = str(path), reason, detail, hint
        super().__init__(str(self))

    def __reduce__(self) -> tuple:
        # so the error crosses from an extraction worker process intact
        return (InputError, (self.path, self.reason, self.detail, self.hint))

    def __str__(self) -> str:
        line = f"{self.path}: {self.detail}"
        return f"{line}; {self.hint}" if self.hint else line


class KnowledgeError(EastwatchError):
    """The knowledge base has problems; each is one line naming file, record and field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the knowledge base:\n" + "\n".join(problems))


class StoreError(EastwatchError):
    """The database cannot be opened or written."""

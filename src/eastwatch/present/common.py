"""What every command shares: the consoles, the one-line error, option types, library errors to exit codes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from eastwatch import api
from eastwatch.errors import EastwatchError, KnowledgeError

# Markup off: titles and paths such as "[draft] notes" are text, never styles.
out = Console(highlight=False, soft_wrap=True, markup=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)

DbOpt = Annotated[str | None, typer.Option("--db", help=f"Database URL (default ${api.DEFAULT_DB_ENV} or "
                                                        "~/.local/share/eastwatch/eastwatch.db).")]
KbOpt = Annotated[list[Path] | None, typer.Option("--kb", help="Extra knowledge-base folder (repeatable).")]
EncOpt = Annotated[str | None, typer.Option("--encoding", help="Text encoding, when detection guesses wrong.")]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Up to this date (YYYY, YYYY-MM or YYYY-MM-DD).")]


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print `eastwatch: message` on stderr; returns the Exit to raise."""
    err.print(f"eastwatch: {message}")
    return typer.Exit(code)


def run(call: Callable[[], Any]) -> Any:
    """`call()`, with a library error turned into its lines on stderr and exit status 1."""
    try:
        return call()
    except KnowledgeError as e:
        for line in e.problems:
            fail(line)
        raise typer.Exit(1) from e
    except EastwatchError as e:
        raise fail(str(e)) from e


def choice(option: str, value: str, allowed: tuple[str, ...]) -> None:
    """A bad option value: one line and exit status 2."""
    if value not in allowed:
        raise fail(f"{option} {value!r}: use {', '.join(allowed)}", 2)

"""The `eastwatch` command. Each command converts options, calls one API function, renders with rich.

Only present/ prints or exits; library errors become one `eastwatch: ...` line and exit status 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from eastwatch import api
from eastwatch.errors import EastwatchError, InputError, KnowledgeError
from eastwatch.present import commands_corpus, commands_outputs, views
from eastwatch.present.common import DbOpt, EncOpt, FormatOpt, KbOpt, err, fail, out
from eastwatch.present.contract import to_contract

app = typer.Typer(pretty_exceptions_show_locals=False,
                  help="eastwatch: an evidence-linked knowledge base from Chinese-language assessments "
                       "of Northeast Asian affairs.", no_args_is_help=True, add_completion=False)
kb_app = typer.Typer(help="Check and search the knowledge base.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")



def _kb(kb_dirs: list[Path] | None):
    try:
        return api.knowledge(kb_dirs or ())
    except KnowledgeError as e:
        for line in e.problems:
            fail(line)
        raise typer.Exit(1) from e


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or glob patterns.")],
    format: Annotated[str, typer.Option("--format", "-f", help="json (one file), jsonl, or text.")] = "json",
    kb_dirs: KbOpt = None,
    encoding: EncOpt = None,
    no_text: Annotated[bool, typer.Option("--no-text", help="Leave document.text out of the JSON.")] = False,
) -> None:
    """Extract structure, entities, times, events and judgments; print them as JSON or text."""
    if format not in ("json", "jsonl", "text"):
        fail(f"unknown format {format!r}; use json, jsonl or text")
        raise typer.Exit(2)
    kb = _kb(kb_dirs)
    targets = list(api.expand(paths))
    files = [t for t in targets if isinstance(t, Path)]
    if format == "json" and len(files) > 1:
        fail(f"{len(files)} files given; --format json prints one document, use --format jsonl for many")
        raise typer.Exit(2)
    failed = 0
    for target in targets:
        if isinstance(target, InputError):
            fail(str(target))
            failed += 1
            continue
        try:
            doc = api.extract(target, kb=kb, encoding=encoding)
        except InputError as e:
            fail(str(e))
            failed += 1
            continue
        if format == "text":
            views.document(out, doc, kb)
        else:
            data = to_contract(doc, kb, with_text=not no_text)
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1 if format == "json" else None))
            sys.stdout.write("\n")
    if failed:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or glob patterns.")],
    db: DbOpt = None,
    kb_dirs: KbOpt = None,
    workers: Annotated[int | None, typer.Option("--workers", "-j", min=1,
                                                help="Extraction processes (default: one per CPU, up to 4).")] = None,
) -> None:
    """Extract documents into the database; a document already stored (same bytes) is skipped."""
    kb = _kb(kb_dirs)
    try:
        with views.progress(err) as bar:
            report = api.ingest(paths, db=db, kb=kb, progress=bar, workers=workers)
    except EastwatchError as e:
        fail(str(e))
        raise typer.Exit(1) from e
    for failure in report.failures:
        fail(str(failure))
    views.ingest_summary(out, report)
    if report.failures:
        raise typer.Exit(1)


commands_corpus.register(app)
commands_outputs.register(app)


def main() -> None:  # pragma: no cover - console entry point alias
    app()


@app.command()
def docs(db: DbOpt = None) -> None:
    """List the stored documents."""
    from eastwatch.store import queries

    try:
        rows = queries.list_documents(db or api.default_db())
    except EastwatchError as e:
        fail(str(e))
        raise typer.Exit(1) from e
    views.document_list(out, rows)


@app.command()
def show(doc_id: Annotated[str, typer.Argument(help="Document id (a unique prefix is enough).")],
         db: DbOpt = None) -> None:
    """Show one stored document: metadata, structure and text."""
    from eastwatch.store import queries

    try:
        row = queries.get_document(db or api.default_db(), doc_id)
    except EastwatchError as e:
        fail(str(e))
        raise typer.Exit(1) from e
    views.stored_document(out, row)


def _one_file(path: str, kb_dirs: list[Path] | None, encoding: str | None) -> dict:
    kb = _kb(kb_dirs)
    try:
        return to_contract(api.extract(path, kb=kb, encoding=encoding), kb, with_text=False)
    except InputError as e:
        fail(str(e))
        raise typer.Exit(1) from e


def _print_rows(rows: list[dict], format: str, render) -> None:
    if format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    elif format == "csv":
        views.write_csv(sys.stdout, rows)
    else:
        render(out, rows)




@app.command()
def entities(path: Annotated[str, typer.Argument(help="One document.")], format: FormatOpt = "table",
             kb_dirs: KbOpt = None, encoding: EncOpt = None) -> None:
    """The entities one document names: knowledge-base entities with the office each person held at the
    document's date, and people found by title that the knowledge base lacks."""
    _print_rows(_one_file(path, kb_dirs, encoding)["entities"], format, views.contract_entities)


@app.command()
def times(path: Annotated[str, typer.Argument(help="One document.")], format: FormatOpt = "table",
          kb_dirs: KbOpt = None, encoding: EncOpt = None) -> None:
    """The time expressions of one document with their ISO values and the anchor each was resolved against."""
    _print_rows(_one_file(path, kb_dirs, encoding)["times"], format, views.contract_times)


@kb_app.command("check")
def kb_check(dirs: Annotated[list[Path] | None, typer.Argument(help="Extra knowledge-base folders.")] = None
             ) -> None:
    """Load and validate the knowledge base (bundled data plus DIRS); list every problem."""
    kb = _kb(dirs)
    views.kb_summary(out, kb)


@kb_app.command("validate")
def kb_validate(dirs: Annotated[list[Path], typer.Argument(help="Knowledge-base folders to validate.")]) -> None:
    """Validate users' knowledge-base folders together with the bundled data (same as `kb check`)."""
    kb_check(dirs)


@kb_app.command("search")
def kb_search(name: Annotated[str, typer.Argument(help="A name in any script, or part of one.")],
              kb_dirs: KbOpt = None) -> None:
    """Find knowledge-base entities by name (Traditional, Simplified or English)."""
    kb = _kb(kb_dirs)
    found = kb.search(name)
    if not found:
        fail(f"no entity in the knowledge base is named {name!r} (any script, any part of a name)")
        raise typer.Exit(1)
    views.entity_table(out, kb, found)

"""Commands for what an analyst takes away: the forecast registry, calibration, briefs and exports.

`register(app)` adds `judgments`, `resolve`, `calibration`, `brief` and `export` to the `eastwatch` app.
Each command converts its options, calls one function, renders with rich; library errors become one
`eastwatch: ...` line and exit status 1, bad option values exit 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from eastwatch import api
from eastwatch.analyse import forecasts
from eastwatch.analyse.events import day_bounds
from eastwatch.analyse.forecasts import Calibration, JudgmentRecord
from eastwatch.present import briefing, exports
from eastwatch.present.common import DbOpt, KbOpt, SinceOpt, UntilOpt, err, fail, out
from eastwatch.present.common import choice as _choice
from eastwatch.present.common import run as _run
from eastwatch.present.exports import csv as csv_export
from eastwatch.present.exports.layouts import ExportData, judgments_table

TEXT_WIDTH = 60  # characters of a judgment shown in the table; --format csv|json give it whole
JUDGMENT_FORMATS = ("table", "csv", "json")
YES = "✓"
JUDGMENT_MIN_WIDTH = 20  # the judgment column's floor on an 80-column terminal




# ---- renderings ------------------------------------------------------------------------------------------


def _short(text: str, width: int = TEXT_WIDTH) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def judgment_table(console: Console, recs: list[JudgmentRecord]) -> None:
    table = Table(box=None)
    # Ids are typed back into `resolve`, so they are never cut, however narrow the terminal.
    table.add_column("id", no_wrap=True, min_width=max((len(r.id) for r in recs), default=2))
    table.add_column("date", no_wrap=True)
    table.add_column("likelihood", max_width=10)
    table.add_column("p", no_wrap=True)
    table.add_column("fc", no_wrap=True)
    table.add_column("res", no_wrap=True)
    table.add_column("judgment", ratio=1, min_width=JUDGMENT_MIN_WIDTH, overflow="fold")
    for rec in recs:
        p = rec.probability
        table.add_row(rec.id, rec.doc_date or "", rec.likelihood or "", f"{p:.3f}" if p is not None else "",
                      YES if rec.forecast else "", rec.resolution or "", _short(rec.text))
    console.print(table)
    console.print(f"{len(recs)} judgments, {sum(r.forecast for r in recs)} forecasts, "
                  f"{sum(r.resolution is not None for r in recs)} resolved", markup=False)


def _judgments_out(recs: list[JudgmentRecord], fmt: str) -> None:
    if fmt == "table":
        judgment_table(out, recs)
        return
    data = ExportData(judgments_table(recs))
    if fmt == "csv":
        csv_export.write(data, sys.stdout)
        return
    sys.stdout.write(json.dumps(data.table.rows, ensure_ascii=False, indent=1) + "\n")


def _score(value: float | None) -> str:
    return f"{value:.4f}" if value is not None else "–"


def calibration_view(console: Console, cal: Calibration) -> None:
    console.print(f"Brier score {_score(cal.brier)} over {cal.scored} resolved judgments with a likelihood; "
                  f"{cal.unscored} resolved without one (uncertain or none) not scored; "
                  f"{cal.unresolved_forecasts} forecasts open", markup=False)
    table = Table("likelihood (ICD 203)", "p", "resolved", "came true", "observed", "Brier", box=None)
    for row in cal.table:
        table.add_row(row.term, f"{row.probability:.3f}", str(row.resolved), str(row.came_true),
                      f"{row.observed:.2f}" if row.observed is not None else "–", _score(row.brier))
    console.print(table)
    if cal.by:
        groups = Table(cal.by, "scored", "came true", "mean p", "Brier", box=None)
        for g in cal.groups:
            groups.add_row(g.name, str(g.scored), str(g.came_true), f"{g.mean_probability:.3f}", _score(g.brier))
        console.print(groups)


def _calibration_json(cal: Calibration) -> dict[str, Any]:
    return {"brier": cal.brier, "scored": cal.scored, "unscored": cal.unscored,
            "unresolved_forecasts": cal.unresolved_forecasts,
            "table": [{"likelihood": r.term, "probability": r.probability, "resolved": r.resolved,
                       "came_true": r.came_true, "observed": r.observed, "brier": r.brier} for r in cal.table],
            "by": cal.by, "groups": [{"name": g.name, "scored": g.scored, "came_true": g.came_true,
                                      "mean_probability": g.mean_probability, "brier": g.brier} for g in cal.groups]}


# ---- commands ----------------------------------------------------------------------------------------------


def judgments(
    path: Annotated[Path | None, typer.Argument(help="A file: extract it and list its judgments (stores nothing). "
                                                     "Without it, the stored registry.")] = None,
    only_forecasts: Annotated[bool, typer.Option("--forecasts", help="Only forecasts.")] = False,
    only_open: Annotated[bool, typer.Option("--open", help="Only judgments not yet resolved.")] = False,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    since: SinceOpt = None, until: UntilOpt = None,
    limit: Annotated[int, typer.Option("--limit", min=0, help="The latest this many (0: all).")] = 50,
    db: DbOpt = None, kb_dirs: KbOpt = None,
) -> None:
    """List analytic judgments with their ids, ICD 203 likelihood and resolution."""
    _choice("--format", format, JUDGMENT_FORMATS)
    if path is not None:
        doc = _run(lambda: api.extract(path, kb=api.knowledge(kb_dirs or ())))
        recs = forecasts.from_document(doc)
    else:
        first, last = _run(lambda: (day_bounds(since, "--since")[0], day_bounds(until, "--until")[1]))
        url = db or api.default_db()
        recs = _run(lambda: forecasts.list_judgments(url, only_forecasts, only_open, first, last, limit=limit))
        total = _run(lambda: forecasts.count_judgments(url, only_forecasts, only_open, first, last))
        if len(recs) < total and format == "table":
            err.print(f"the latest {len(recs)} of {total}; --limit 0 lists all", markup=False)
    recs = [r for r in recs if (r.forecast or not only_forecasts) and (r.resolution is None or not only_open)]
    _judgments_out(recs, format)


def resolve(
    judgment: Annotated[str, typer.Argument(help="Judgment id as `eastwatch judgments` lists it (3fa9c2b1d0e4:7).")],
    outcome: Annotated[str, typer.Option("--outcome", help="yes (it came true) or no.")],
    note: Annotated[str | None, typer.Option("--note", help="Why, or the evidence (kept with the resolution).")]
    = None,
    db: DbOpt = None,
) -> None:
    """Record whether a forecast came true."""
    _choice("--outcome", outcome, tuple(forecasts.OUTCOMES))
    rec = _run(lambda: forecasts.resolve(db or api.default_db(), judgment, outcome, note))
    out.print(f"resolved {rec.id} as {rec.resolution}: {_short(rec.text)}", markup=False)


def calibration(
    by: Annotated[str | None, typer.Option("--by", help="Also score per author or outlet.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    db: DbOpt = None,
) -> None:
    """Brier score of the resolved forecasts and a reliability table by ICD 203 likelihood term."""
    if by is not None:
        _choice("--by", by, forecasts.GROUPINGS)
    _choice("--format", format, ("table", "json"))
    cal = _run(lambda: forecasts.calibration(db or api.default_db(), by))
    if format == "json":
        sys.stdout.write(json.dumps(_calibration_json(cal), ensure_ascii=False, indent=1) + "\n")
        return
    calibration_view(out, cal)


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise fail(f"{path}: cannot write ({e.strerror}); check the folder exists and is writable") from e


def brief(
    dyad: Annotated[str, typer.Option("--dyad", help="Two ISO3 state codes, e.g. CHN-JPN.")],
    since: SinceOpt = None, until: UntilOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="md or html.")] = "md",
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help="File to write (default: standard output).")]
    = None,
    db: DbOpt = None, kb_dirs: KbOpt = None,
) -> None:
    """Write a brief on two states: title, key points, numbered sections and a timeline, every sentence cited."""
    _choice("--format", format, tuple(briefing.RENDERERS))
    kb = _run(lambda: api.knowledge(kb_dirs or ()))
    pair = _run(lambda: briefing.parse_pair(dyad, kb))
    found = _run(lambda: briefing.brief(db or api.default_db(), pair, kb, since, until))
    text = briefing.render(found, format)
    if out_file is None:
        sys.stdout.write(text)
        return
    _write(out_file, text)
    out.print(f"wrote {out_file}: {found.title}, {len(found.key_points)} key points, {len(found.sections)} "
              f"sections, {len(found.timeline)} timeline entries, {len(found.references)} documents cited",
              markup=False)


def export(
    format: Annotated[str, typer.Option("--format", "-f", help="csv, jsonl, parquet, plover or timelinejs.")],
    what: Annotated[str, typer.Option("--what", help="events, entities or judgments.")] = "events",
    out_path: Annotated[str | None, typer.Option("--out", "-o", help="File or folder (default: standard output; "
                                                                     "parquet needs one).")] = None,
    since: SinceOpt = None, until: UntilOpt = None,
    db: DbOpt = None,
) -> None:
    """Export stored events, entities or judgments in layouts ICEWS, GDELT, PLOVER and TimelineJS users know."""
    _choice("--format", format, tuple(exports.FORMATS))
    _choice("--what", what, exports.KINDS)
    first, last = _run(lambda: (day_bounds(since, "--since")[0], day_bounds(until, "--until")[1]))
    report = _run(lambda: exports.export(db or api.default_db(), format, what, out_path, first, last))
    where = str(report.path) if report.path else "standard output"
    (out if report.path else err).print(f"exported {report.rows} {what} to {where} ({format})", markup=False)


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app` (the `eastwatch` Typer app)."""
    for command in (judgments, resolve, calibration, brief, export):
        app.command(command.__name__)(command)

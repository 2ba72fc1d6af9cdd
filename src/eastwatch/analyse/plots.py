"""Draw a dyad: events per period by quad class (stacked bars) over net cooperation per direction (lines).

PNG with matplotlib (no display needed: a bare Figure renders with Agg), HTML with plotly, which embeds
its JavaScript so the page works offline. Both are imported only when a plot is asked for.
"""

from __future__ import annotations

from pathlib import Path

from eastwatch.analyse.dyads import QUADS, Dyad, DyadRow, period_range
from eastwatch.analyse.resolve import QueryError

QUAD_LABELS = {"verbal_coop": "verbal cooperation", "material_coop": "material cooperation",
               "verbal_conflict": "verbal conflict", "material_conflict": "material conflict"}
QUAD_COLOURS = {"verbal_coop": "#8fbf8f", "material_coop": "#2e7d32", "verbal_conflict": "#ef9a9a",
                "material_conflict": "#c62828"}
DIRECTION_STYLES = ("-o", "-s", "--^")  # a→b, b→a, both
FIGURE_INCHES = (10, 6)
DPI = 120
MAX_TICK_LABELS = 30  # period labels that fit under a 10-inch axis when rotated
HTML_DIV_ID = "eastwatch-dyad"  # fixed, so the same data writes the same file
SUFFIXES = (".png", ".html")


def series(dyad: Dyad) -> tuple[list[str], dict[str, list[int]], dict[str, list[int]]]:
    """(periods, events per quad summed over directions, net cooperation per direction), gaps as zeros."""
    if not dyad.rows:
        return [], {q: [] for q in QUADS.values()}, {d: [] for d in dyad.directions}
    periods = period_range(dyad.rows[0].period, dyad.rows[-1].period, dyad.by)
    cell: dict[tuple[str, str], DyadRow] = {(r.period, r.direction): r for r in dyad.rows}

    def value(period: str, name: str, attr: str) -> int:
        row = cell.get((period, name))
        return getattr(row, attr) if row else 0

    quads = {q: [sum(value(p, d, q) for d in dyad.directions) for p in periods] for q in QUADS.values()}
    net = {d: [value(p, d, "net") for p in periods] for d in dyad.directions}
    return periods, quads, net


def plot(dyad: Dyad, path: str | Path) -> Path:
    """Write the plot; the file's suffix (.png or .html) picks the library."""
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise QueryError(f"{out}: cannot tell the plot format; name a .png or .html file")
    out.parent.mkdir(parents=True, exist_ok=True)
    (_png if suffix == ".png" else _html)(dyad, out)
    return out


def _title(dyad: Dyad) -> str:
    return f"{dyad.a}–{dyad.b} relations by {dyad.by}"


def _png(dyad: Dyad, out: Path) -> None:
    from matplotlib.figure import Figure

    periods, quads, net = series(dyad)
    fig = Figure(figsize=FIGURE_INCHES, dpi=DPI, layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True)
    xs = list(range(len(periods)))
    base = [0] * len(periods)
    for quad, counts in quads.items():
        top.bar(xs, counts, bottom=base, label=QUAD_LABELS[quad], color=QUAD_COLOURS[quad])
        base = [b + c for b, c in zip(base, counts, strict=True)]
    top.set_ylabel("events")
    top.legend(loc="upper left", fontsize="small")
    top.set_title(_title(dyad))
    for (name, values), style in zip(net.items(), DIRECTION_STYLES, strict=True):
        bottom.plot(xs, values, style, label=name)
    bottom.axhline(0, color="grey", linewidth=0.8)
    bottom.set_ylabel("net cooperation (events)")
    bottom.legend(loc="upper left", fontsize="small")
    step = max(1, -(-len(periods) // MAX_TICK_LABELS))  # twenty years by month would be a black smear
    bottom.set_xticks(xs[::step], periods[::step])
    bottom.tick_params(axis="x", labelrotation=45)
    fig.savefig(out, format="png", metadata={"Software": None})


def _html(dyad: Dyad, out: Path) -> None:
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    periods, quads, net = series(dyad)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, subplot_titles=("events by quad class",
                                                                           "net cooperation"))
    for quad, counts in quads.items():
        fig.add_trace(go.Bar(x=periods, y=counts, name=QUAD_LABELS[quad], marker_color=QUAD_COLOURS[quad]),
                      row=1, col=1)
    for name, values in net.items():
        fig.add_trace(go.Scatter(x=periods, y=values, mode="lines+markers", name=name), row=2, col=1)
    fig.update_layout(barmode="stack", title=_title(dyad))
    fig.update_xaxes(type="category")
    fig.write_html(out, include_plotlyjs=True, full_html=True, div_id=HTML_DIV_ID)

"""Static pictures (PNG, SVG) of a view, for reports and papers.

Drawn with networkx on a matplotlib Figure (no pyplot global state, so it is
safe in servers and threads), with the page's colours, shapes and positions
(view_layout.py), a legend, and labels drawn as plain text: mathtext is off,
so a '$' in a name is a dollar sign, and SVG text is escaped by matplotlib.
SVGs keep text as text (searchable, editable) and are byte-for-byte stable
for the same graph (fixed hash salt, no date).
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import matplotlib
import networkx as nx
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..errors import UsageError
from .html import (
    DASHED_EDGES,
    EDGE_COLOURS,
    NODE_COLOURS,
    NODE_SHAPES,
    default_title,
    edge_category,
    node_category,
)
from .view_commitments import short
from .view_layout import layout

PICTURE_FORMATS = ("png", "svg")
MARKERS = {"dot": "o", "box": "s", "diamond": "D", "triangle": "^", "square": "s"}
LABEL_LIMIT = 150  # more nodes than this: no labels, they would only overlap
ARROW_LIMIT = 400  # more edges than this: plain lines, arrows are slow to draw


def render_picture(graph: nx.Graph, fmt: str = "svg", title: str | None = None) -> bytes:
    """The picture as bytes in `fmt` (png or svg)."""
    if fmt not in PICTURE_FORMATS:
        raise UsageError(f"unknown picture format '{fmt}'", hint="choose png or svg")
    figure = _figure(graph, title or default_title(graph))
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "overleg", "svg.fonttype": "none"}):
        figure.savefig(buffer, format=fmt, dpi=120, bbox_inches="tight",
                       metadata={"Date": None} if fmt == "svg" else {"Software": None},
                       **({"pil_kwargs": {"compress_level": 3}} if fmt == "png" else {}))
    return buffer.getvalue()


def render_svg(graph: nx.Graph, title: str | None = None) -> str:
    """The picture as SVG text (what the reports embed)."""
    return render_picture(graph, "svg", title).decode("utf-8")


def render_png(graph: nx.Graph, title: str | None = None) -> bytes:
    return render_picture(graph, "png", title)


def write_picture(graph: nx.Graph, output: str | Path, title: str | None = None) -> Path:
    """Write PNG or SVG, chosen by the file's extension."""
    path = Path(output)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in PICTURE_FORMATS:
        raise UsageError(f"cannot tell the picture format of {output}", hint="end it in .png or .svg")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_picture(graph, fmt, title))
    return path


def _figure(graph: nx.Graph, title: str) -> Figure:
    n = graph.number_of_nodes()
    side = min(6 + 2.5 * math.log10(max(n, 1)), 16)  # inches: room for labels, not a poster
    figure = Figure(figsize=(side * 1.3, side))
    axes = figure.subplots()
    axes.set_axis_off()
    axes.set_title(title, fontsize=11, loc="left")
    if n == 0:
        axes.text(0.5, 0.5, "no nodes match", ha="center", va="center", parse_math=False)
        return figure
    positions = {node: (x, -y) for node, (x, y) in layout(graph).items()}  # screen y runs down
    handles = _draw_edges(axes, graph, positions) + _draw_nodes(axes, graph, positions)
    if n <= LABEL_LIMIT:
        for node, label in graph.nodes(data="label"):
            x, y = positions[node]
            axes.text(x, y, short(str(label if label is not None else node), 40), fontsize=7,
                      ha="center", va="top", parse_math=False, clip_on=True)
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    return figure


def _draw_nodes(axes, graph: nx.Graph, positions: dict) -> list[Line2D]:
    groups: dict[str, list] = {}
    for node, data in graph.nodes(data=True):
        groups.setdefault(node_category(data), []).append(node)
    top = max((int(w or 1) for _, w in graph.nodes(data="weight")), default=1)
    handles = []
    for category, members in sorted(groups.items()):
        kind = category.split(":")[0]
        colour = NODE_COLOURS.get(category, NODE_COLOURS.get(kind, "#999999"))
        marker = MARKERS[NODE_SHAPES.get(kind, "dot")]
        sizes = [40 + 260 * math.sqrt(int(graph.nodes[m].get("weight") or 1) / top) for m in members]
        nx.draw_networkx_nodes(graph, positions, nodelist=members, node_color=colour, node_shape=marker,
                               node_size=sizes, ax=axes, linewidths=0.5, edgecolors="white")
        handles.append(Line2D([], [], marker=marker, color="none", markerfacecolor=colour,
                              markersize=8, label=category))
    return handles


def _draw_edges(axes, graph: nx.Graph, positions: dict) -> list[Line2D]:
    groups: dict[str, list] = {}
    for a, b, data in graph.edges(data=True):
        groups.setdefault(edge_category(data), []).append((a, b, int(data.get("weight") or 1)))
    arrows = graph.is_directed() and graph.number_of_edges() <= ARROW_LIMIT
    handles = []
    for category, members in sorted(groups.items()):
        colour, style = EDGE_COLOURS.get(category, "#999999"), "--" if category in DASHED_EDGES else "-"
        extra = {"arrowsize": 8, "node_size": 120} if arrows else {}
        nx.draw_networkx_edges(nx.DiGraph() if arrows else nx.Graph(), positions,
                               edgelist=[(a, b) for a, b, _ in members], edge_color=colour, style=style,
                               width=[0.6 + math.log2(w) for _, _, w in members], alpha=0.8, ax=axes,
                               arrows=arrows, **extra)
        handles.append(Line2D([], [], color=colour, linestyle=style, label=category))
    return handles

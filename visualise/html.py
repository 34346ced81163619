"""Self-contained, offline HTML networks: pyvis builds the data, our template shows it.

pyvis's own templates link Bootstrap from a CDN and put raw HTML into the
page, and its Network.add_edge is quadratic and merges parallel undirected
edges, so node and edge records are made with pyvis's Node and Edge classes
and shown with our Jinja2 template instead: vis-network inlined from the
pyvis package, data embedded as JSON (with '<', '>' and '&' escaped), every
label and quote written into the page through textContent or vis-network's
plain-text tooltips, never innerHTML. A Content-Security-Policy without any
source but inline script and style keeps the page from loading anything.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.edge import Edge
from pyvis.node import Node

from ..errors import UsageError
from .view_layout import layout

PHYSICS_LIMIT = 300  # more nodes: positions from view_layout.py, physics off
LAZY_LABELS = 2000  # more nodes: labels drawn once zoomed in, boxes drawn as squares
NODE_COLOURS = {"actor": "#1f77b4", "topic": "#ff7f0e", "meeting": "#2ca02c",
                "agenda-item": "#9467bd", "commitment": "#8c564b", "decision": "#7f7f7f",
                "position": "#17becf", "commitment: open": "#1f77b4",
                "commitment: overdue": "#d62728", "commitment: fulfilled": "#2ca02c",
                "commitment: withdrawn": "#7f7f7f"}
EDGE_COLOURS = {"support": "#2ca02c", "oppose": "#d62728", "conditional": "#bcbd22",
                "concern": "#ff7f0e", "request": "#17becf", "position": "#17becf",
                "commitment": "#8c564b", "decision": "#7f7f7f", "agenda": "#c7c7c7",
                "agreement": "#2ca02c", "disagreement": "#d62728", "shared-commitment": "#8c564b",
                "commits": "#8c564b", "about": "#ff7f0e", "contains": "#c7c7c7",
                "discussed": "#fdae6b", "next": "#2ca02c"}
NODE_SHAPES = {"actor": "dot", "topic": "box", "meeting": "diamond", "agenda-item": "box",
               "commitment": "triangle", "decision": "square", "position": "dot"}
DASHED_EDGES = {"commitment", "commits", "shared-commitment", "next"}
INFO_FIELDS = ("actor_kind", "status", "due", "date", "stance")


def vis_network_js() -> str:
    """vis-network from the pyvis package, to inline (no CDN)."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib"
    candidates = sorted(lib.glob("vis-*/vis-network.min.js"))
    if not candidates:
        raise UsageError("pyvis ships no vis-network.min.js; reinstall pyvis")
    return _read(str(candidates[-1]))


@lru_cache(maxsize=2)
def _read(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def node_category(data: dict) -> str:
    """What a node's colour and legend entry stand for: its kind, commitments by status."""
    kind = str(data.get("kind", "actor"))
    return f"{kind}: {data['status']}" if kind == "commitment" and data.get("status") else kind


def node_shape(kind: str, large: bool = False) -> str:
    """vis-network shape of a kind; a box sized by its label is slow to draw by the thousand."""
    shape = NODE_SHAPES.get(kind, "dot")
    return "square" if large and shape == "box" else shape


def edge_category(data: dict) -> str:
    """A position edge by its stance; other edges by their kind."""
    kind = str(data.get("kind", ""))
    return str(data["stance"]) if kind == "position" and data.get("stance") else kind


def network_data(graph: nx.Graph) -> dict[str, list[dict[str, object]]]:
    """Node and edge records for vis-network, made with pyvis's Node and Edge."""
    positions = layout(graph)
    large = graph.number_of_nodes() > LAZY_LABELS
    ids = {node: index for index, node in enumerate(graph.nodes)}
    nodes = []
    for node, data in graph.nodes(data=True):
        kind, category = str(data.get("kind", "actor")), node_category(data)
        x, y = positions[node]
        info = [f"{k.replace('_', ' ')}: {data[k]}" for k in INFO_FIELDS if data.get(k)]
        options = {"color": NODE_COLOURS.get(category, NODE_COLOURS.get(kind, "#999999")),
                   "value": int(data.get("weight", 1)), "x": round(x, 1), "y": round(y, 1),
                   "kind": kind, "category": category, "iri": str(node), "info": info}
        if data.get("fixed"):
            options["fixed"] = {"x": True, "y": True}
        nodes.append(Node(ids[node], node_shape(kind, large), label=str(data.get("label", node)),
                          **options).options)
    edges = []
    for index, (a, b, data) in enumerate(graph.edges(data=True)):
        category = edge_category(data)
        edges.append(Edge(ids[a], ids[b], graph.is_directed(), id=index,
                          value=int(data.get("weight", 1)), color=EDGE_COLOURS.get(category, "#999999"),
                          dashes=str(data.get("kind")) in DASHED_EDGES, kind=str(data.get("kind", "")),
                          stance=str(data.get("stance") or ""), category=category,
                          evidence=data.get("evidence", [])).options)
    return {"nodes": nodes, "edges": edges}


def _safe_json(value: object) -> str:
    """JSON that cannot close a <script> element."""
    text = json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def default_title(graph: nx.Graph) -> str:
    """'overleg: actor-topic (actor=politie)' from the graph's view and filters."""
    view = str(graph.graph.get("view", "network"))
    shown = dict(graph.graph.get("filters", {}))
    if graph.graph.get("meeting_label"):
        shown.setdefault("meeting", graph.graph["meeting_label"])
    details = ", ".join(f"{k}={v}" for k, v in sorted(shown.items()))
    return f"overleg: {view}" + (f" ({details})" if details else "")


def render_html(graph: nx.Graph, title: str | None = None) -> str:
    """The whole page as one string: no file or URL is referenced."""
    env = Environment(loader=FileSystemLoader(str(resources.files(__package__) / "templates")),
                      autoescape=select_autoescape(["html", "j2"]))
    template = env.get_template("network.html.j2")
    data = network_data(graph)
    node_legend = sorted({n["category"] for n in data["nodes"]})
    edge_legend = sorted({e["category"] for e in data["edges"]})
    return template.render(
        title=title or default_title(graph), data_json=_safe_json(data), vis_js=vis_network_js(),
        physics=graph.number_of_nodes() <= PHYSICS_LIMIT,
        node_legend=[(c, NODE_COLOURS.get(c, NODE_COLOURS.get(c.split(":")[0], "#999999")),
                      node_shape(c.split(":")[0])) for c in node_legend],
        lazy_labels=LAZY_LABELS,
        edge_legend=[(c, EDGE_COLOURS.get(c, "#999999"), c in DASHED_EDGES) for c in edge_legend],
        node_count=graph.number_of_nodes(), edge_count=graph.number_of_edges())


def write_html(graph: nx.Graph, output: str | Path, title: str | None = None) -> Path:
    path = Path(output)
    if path.is_dir():
        raise UsageError(f"{output} is a folder; give a file name ending in .html")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(graph, title), encoding="utf-8")
    return path


def notebook_html(graph: nx.Graph, height: int = 640) -> str:
    """The page inside a sandboxed iframe's srcdoc, for Jupyter's `_repr_html_`."""
    page = html.escape(render_html(graph), quote=True)
    return (f'<iframe srcdoc="{page}" sandbox="allow-scripts" '
            f'style="width:100%;height:{int(height)}px;border:1px solid #ddd"></iframe>')

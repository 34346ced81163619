"""Self-contained, offline HTML networks: pyvis builds the data, our template shows it.

pyvis's own templates link Bootstrap from a CDN and put raw HTML into the
page, so the network data assembled by pyvis is rendered with our Jinja2
template instead: vis-network inlined from the pyvis package, data embedded
as JSON (with '<' escaped), every label written into the page through
textContent, never innerHTML.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..errors import UsageError

PHYSICS_LIMIT = 300
NODE_COLOURS = {"actor": "#1f77b4", "topic": "#ff7f0e", "meeting": "#2ca02c",
                "agenda-item": "#9467bd", "commitment": "#8c564b", "decision": "#7f7f7f"}
EDGE_COLOURS = {"support": "#2ca02c", "oppose": "#d62728", "conditional": "#bcbd22",
                "concern": "#ff7f0e", "request": "#17becf", "commitment": "#8c564b",
                "decision": "#7f7f7f", "agenda": "#c7c7c7"}
NODE_SHAPES = {"actor": "dot", "topic": "box", "meeting": "diamond", "agenda-item": "box",
               "commitment": "triangle", "decision": "square"}


def vis_network_js() -> str:
    """vis-network from the pyvis package, to inline (no CDN)."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib"
    candidates = sorted(lib.glob("vis-*/vis-network.min.js"))
    if not candidates:
        raise UsageError("pyvis ships no vis-network.min.js; reinstall pyvis")
    return candidates[-1].read_text(encoding="utf-8")


def network_data(graph: nx.Graph) -> dict[str, list[dict[str, object]]]:
    """Nodes and edges for vis-network, assembled with pyvis."""
    from pyvis.network import Network

    net = Network(directed=graph.is_directed(), cdn_resources="in_line")
    positions = _layout(graph)
    ids = {node: index for index, node in enumerate(graph.nodes)}
    for node, data in graph.nodes(data=True):
        kind = str(data.get("kind", "actor"))
        x, y = positions.get(node, (None, None))
        extra = {"x": x, "y": y} if x is not None else {}
        net.add_node(ids[node], label=str(data.get("label", node)), shape=NODE_SHAPES.get(kind, "dot"),
                     color=NODE_COLOURS.get(kind, "#999999"), value=int(data.get("weight", 1)),
                     group=kind, iri=str(node), **extra)
    for a, b, data in graph.edges(data=True):
        style = str(data.get("stance") or data.get("kind") or "")
        net.add_edge(ids[a], ids[b], value=int(data.get("weight", 1)),
                     color=EDGE_COLOURS.get(style, EDGE_COLOURS.get(str(data.get("kind")), "#999")),
                     kind=str(data.get("kind", "")), stance=str(data.get("stance") or ""),
                     evidence=data.get("evidence", []))
    return {"nodes": net.nodes, "edges": net.edges}


def _layout(graph: nx.Graph) -> dict[object, tuple[float, float]]:
    """Precomputed positions above the physics limit, so big graphs draw at once."""
    if graph.number_of_nodes() <= PHYSICS_LIMIT:
        return {}
    simple = nx.Graph(graph)
    iterations = 30 if graph.number_of_nodes() < 3000 else 10
    positions = nx.spring_layout(simple, iterations=iterations, seed=7)
    scale = 40 * (graph.number_of_nodes() ** 0.5)
    return {n: (float(p[0] * scale), float(p[1] * scale)) for n, p in positions.items()}


def _safe_json(value: object) -> str:
    """JSON that cannot close a <script> element."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_html(graph: nx.Graph, title: str = "overleg network") -> str:
    env = Environment(loader=FileSystemLoader(str(resources.files(__package__) / "templates")),
                      autoescape=select_autoescape(["html", "j2"]))
    template = env.get_template("network.html.j2")
    data = network_data(graph)
    return template.render(
        title=title, data_json=_safe_json(data), vis_js=vis_network_js(),
        physics=graph.number_of_nodes() <= PHYSICS_LIMIT,
        node_legend=sorted({str(d.get("kind")) for _, d in graph.nodes(data=True)}),
        edge_legend=sorted({str(d.get("stance") or d.get("kind"))
                            for _, _, d in graph.edges(data=True)}),
        node_colours=NODE_COLOURS, edge_colours=EDGE_COLOURS,
        node_count=graph.number_of_nodes(), edge_count=graph.number_of_edges())


def write_html(graph: nx.Graph, output: str | Path, title: str = "overleg network") -> Path:
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(graph, title), encoding="utf-8")
    return path

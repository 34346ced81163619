"""GraphML and GEXF exports of a networkx view (for Gephi, Cytoscape, yEd, igraph).

Both formats hold only scalar attributes, while views keep lists of evidence
on their edges. Lists and dicts are written as JSON text (so nothing is lost:
`json.loads(edge["evidence"])` gives the quotes back), dates as ISO text, and
unset (None) attributes are left out. Edges also get the number of statements
behind them and the first quote, for tools that show one attribute.
"""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import networkx as nx

from ..errors import UsageError

GRAPH_FORMATS = ("graphml", "gexf")


def _scalar(value: Any) -> Any:
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        value = sorted(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    return {str(k): _scalar(v) for k, v in attrs.items() if v is not None and not str(k).startswith("_")}


def flatten(graph: nx.Graph) -> nx.Graph:
    """A copy of a view whose every attribute is a scalar the writers accept."""
    flat: nx.Graph = nx.MultiDiGraph() if graph.is_directed() else nx.MultiGraph()
    if not graph.is_multigraph():
        flat = nx.DiGraph() if graph.is_directed() else nx.Graph()
    flat.graph.update(_clean(dict(graph.graph)))
    for node, data in graph.nodes(data=True):
        flat.add_node(str(node), **_clean(data))
    edges = graph.edges(keys=True, data=True) if graph.is_multigraph() else (
        (a, b, None, d) for a, b, d in graph.edges(data=True))
    for a, b, key, data in edges:
        attrs = _clean({k: v for k, v in data.items() if k != "statements"})
        evidence = data.get("evidence") or []
        attrs["statements"] = len(evidence)
        if evidence and isinstance(evidence[0], dict) and evidence[0].get("quote"):
            attrs["quote"] = str(evidence[0]["quote"])
        if key is None:
            flat.add_edge(str(a), str(b), **attrs)
        else:
            flat.add_edge(str(a), str(b), key=str(key), **attrs)
    return flat


def write_graph(graph: nx.Graph, fmt: str) -> str:
    if fmt not in GRAPH_FORMATS:
        raise UsageError(f"unknown graph format '{fmt}'", hint="choose graphml or gexf")
    buffer = io.BytesIO()
    flat = flatten(graph)
    if fmt == "graphml":
        nx.write_graphml(flat, buffer, encoding="utf-8", prettyprint=True)
    else:
        nx.write_gexf(flat, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8")

"""The networkx graphs views return, and the few ways views add to them.

Views return ordinary networkx multigraphs (so every networkx algorithm
works) whose class adds `_repr_html_`: in Jupyter a view shows itself as the
same offline network page, inside a sandboxed iframe.

Conventions every view follows, and the HTML and picture writers rely on:
nodes carry `label`, `kind` and `weight` (how many statement rows touch
them); edges carry `kind`, `weight`, `evidence` (one dict per statement, see
`Row.evidence`) and, where there is one, `stance` (the stance of a position,
the type of a decision, the status of a commitment).
"""

from __future__ import annotations

import networkx as nx

from .view_rows import Row


class _ShownInNotebooks:
    """Jupyter calls `_repr_html_`: the page goes into an iframe's srcdoc, escaped."""

    def _repr_html_(self) -> str:
        from .html import notebook_html

        return notebook_html(self)  # type: ignore[arg-type]


class ViewMultiDiGraph(_ShownInNotebooks, nx.MultiDiGraph):
    """A directed view (actor -> topic, meeting -> item, ...)."""


class ViewMultiGraph(_ShownInNotebooks, nx.MultiGraph):
    """An undirected view (actor - actor)."""


def add_node(graph: nx.Graph, node: str, label: str, kind: str, **attrs: object) -> None:
    """Add a node once and count one more statement row touching it."""
    if node not in graph:
        graph.add_node(node, label=label, kind=kind, weight=0, **attrs)
    graph.nodes[node]["weight"] += 1


def add_edge(graph: nx.MultiGraph, a: str, b: str, kind: str, row: Row | None,
             stance: str | None = None, **attrs: object) -> None:
    """One edge per (a, b, kind, stance); repeated statements raise its weight.

    A statement already counted on the edge (the same quote reached through
    a second actor, say) adds neither weight nor evidence twice.
    """
    key = f"{kind}|{stance or ''}"
    if not graph.has_edge(a, b, key):
        graph.add_edge(a, b, key=key, kind=kind, stance=stance, weight=0, evidence=[],
                       statements=set(), **attrs)
    data = graph.edges[a, b, key]
    if row is None:
        data["weight"] += 1
        return
    if row.statement in data["statements"]:
        return
    data["statements"].add(row.statement)
    data["weight"] += 1
    data["evidence"].append(row.evidence())


def drop_bookkeeping(graph: nx.Graph) -> nx.Graph:
    """Remove the per-edge statement sets used while building (they do not serialise)."""
    for *_, data in graph.edges(data=True):
        data.pop("statements", None)
    return graph


def prune(graph: nx.Graph, min_weight: int) -> nx.Graph:
    """Drop edges lighter than min_weight, then the nodes left without edges."""
    if min_weight <= 1:
        return graph
    weak = [(a, b, k) for a, b, k, w in graph.edges(keys=True, data="weight") if w < min_weight]
    graph.remove_edges_from(weak)
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    return graph

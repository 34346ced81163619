"""Node positions in pixels, computed once in Python so big networks draw at once.

vis-network's own physics took about 100 s to draw 1,000 nodes in headless
Chromium and never drew 5,000 (see DESIGN.md); networkx's spring layout is
quadratic in memory without scipy. So the layout is two-stage: a spring
layout of the best-connected `CORE_LIMIT` nodes (and of nodes a view pins,
such as meetings on a time axis), then every other node is grown outward
from its first placed neighbour on a sunflower spiral, in linear time.
Components the core does not reach are packed in rows below it.
The same positions feed the HTML page and the static pictures.
"""

from __future__ import annotations

import math
import zlib
from collections import defaultdict, deque

import networkx as nx

CORE_LIMIT = 400
SPACING = 70.0  # pixels between neighbours
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
Position = tuple[float, float]


def layout(graph: nx.Graph, seed: int = 7) -> dict[object, Position]:
    """Pixel positions for every node; nodes with `x` and `y` attributes stay where they are."""
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    simple.add_edges_from((a, b) for a, b, *_ in graph.edges() if a != b)
    if simple.number_of_nodes() == 0:
        return {}
    preset = {n: (float(d["x"]), float(d["y"])) for n, d in graph.nodes(data=True)
              if d.get("x") is not None and d.get("y") is not None}
    by_degree = sorted(simple, key=lambda n: (-simple.degree(n), str(n)))
    core = list(dict.fromkeys([*preset, *by_degree[:CORE_LIMIT]]))
    positions = _spring(simple.subgraph(core), preset, seed)
    _grow(simple, positions, core)
    _pack_rest(simple, positions)
    return positions


def _spring(core: nx.Graph, preset: dict[object, Position], seed: int) -> dict[object, Position]:
    """A spring layout of the core in pixels; preset nodes are pinned."""
    scale = SPACING * math.sqrt(max(core.number_of_nodes(), 1))
    if preset:
        initial = {n: (x / scale, y / scale) for n, (x, y) in preset.items()}
        raw = nx.spring_layout(core, pos=initial, fixed=list(preset), seed=seed,
                               iterations=50 if core.number_of_nodes() < 200 else 30)
    else:
        raw = nx.spring_layout(core, seed=seed, iterations=50 if core.number_of_nodes() < 200 else 30)
    placed = {n: (float(p[0]) * scale, float(p[1]) * scale) for n, p in raw.items()}
    placed.update(preset)
    return placed


def _grow(simple: nx.Graph, positions: dict[object, Position], start: list[object]) -> None:
    """Place unplaced nodes around their first placed neighbour, breadth first."""
    children: dict[object, int] = defaultdict(int)
    queue = deque(start)
    while queue:
        anchor = queue.popleft()
        ax, ay = positions[anchor]
        phase = (zlib.crc32(str(anchor).encode()) % 628) / 100
        for neighbour in simple[anchor]:
            if neighbour in positions:
                continue
            j = children[anchor]
            children[anchor] += 1
            radius = SPACING * (0.8 + 0.45 * math.sqrt(j))
            angle = phase + j * GOLDEN_ANGLE
            positions[neighbour] = (ax + radius * math.cos(angle), ay + radius * math.sin(angle))
            queue.append(neighbour)


def _pack_rest(simple: nx.Graph, positions: dict[object, Position]) -> None:
    """Components not yet placed, largest first, in rows below what is placed."""
    rest = simple.subgraph([n for n in simple if n not in positions])
    if rest.number_of_nodes() == 0:
        return
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]
    left, width = min(xs), max(max(xs) - min(xs), SPACING * math.sqrt(rest.number_of_nodes()) * 2)
    x, y, row_height = left, max(ys) + 2 * SPACING, 0.0
    components = sorted(nx.connected_components(rest), key=lambda c: (-len(c), str(min(map(str, c)))))
    for component in components:
        size = SPACING * (1.2 + 0.9 * math.sqrt(len(component)))
        if x + size > left + width:
            x, y, row_height = left, y + row_height + SPACING, 0.0
        hub = max(component, key=lambda n: (rest.degree(n), str(n)))
        positions[hub] = (x + size / 2, y + size / 2)
        _grow(rest.subgraph(component), positions, [hub])
        x, row_height = x + size + SPACING / 2, max(row_height, size)

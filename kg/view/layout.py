"""Positions computed in Python for drawings too large for the browser's physics simulation."""

from __future__ import annotations

import igraph

from kg.analysis.engine import seeded
from kg.view.drawing import Drawing

PHYSICS_LIMIT = 1000
"""Above this many nodes the page gets fixed positions and its physics is off."""
SPACING = 40.0
"""Canvas units per unit of layout distance, scaled by the square root of the node count."""


def positions(drawing: Drawing, seed: int = 0) -> dict[str, tuple[float, float]]:
    """Fixed positions for every node: igraph's Fruchterman–Reingold force-directed layout
    (Fruchterman & Reingold 1991) with its grid approximation for large graphs, made
    reproducible by seeding the random number generator igraph uses."""
    index = {node.id: i for i, node in enumerate(drawing.nodes)}
    graph = igraph.Graph(n=len(index), edges=sorted({
        (min(index[e.source], index[e.target]), max(index[e.source], index[e.target]))
        for e in drawing.edges if e.source != e.target
    }))  # fmt: skip
    with seeded(seed):
        coordinates = (
            graph.layout_fruchterman_reingold(grid=True)
            if graph.vcount() > 1
            else [(0.0, 0.0)] * graph.vcount()
        )
    scale = SPACING * max(1.0, len(index) ** 0.5) / 10
    return {
        node: (round(x * scale, 1), round(y * scale, 1))
        for node, (x, y) in zip(index, coordinates, strict=True)
    }

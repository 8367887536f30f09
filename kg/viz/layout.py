"""Positions computed in Python for drawings too large for the browser's physics simulation."""

from __future__ import annotations

import math

import igraph

from kg.analysis.engine import seeded
from kg.viz.drawing import Drawing

PHYSICS_LIMIT = 1000
"""Above this many nodes the page gets fixed positions and its physics is off."""
SPACING = 40.0
"""Canvas units per unit of layout distance, scaled by the square root of the node count."""
CELL = 60.0
"""Canvas units between the small components set out in rows below the largest one."""


def positions(drawing: Drawing, seed: int = 0, min_weight: int = 1) -> dict[str, tuple[float, float]]:
    """Fixed positions for every node. The largest connected component gets igraph's
    Fruchterman–Reingold force-directed layout (Fruchterman & Reingold 1991) with its grid
    approximation, made reproducible by seeding igraph's random number generator. The other
    components (often lone nodes, which a force layout flings to the edges so that the picture
    has to be zoomed out until the main one is a dot) sit in rows below it, largest first, each
    on a small circle, in a block about twice as wide as it is tall (the main component is
    stretched to its width). Only edges of at least ``min_weight`` count (those the page draws
    first): a node held by weaker lines alone sits in the rows."""
    ids = [node.id for node in drawing.nodes]
    index = {node: i for i, node in enumerate(ids)}
    graph = igraph.Graph(n=len(ids), edges=sorted({
        (min(index[e.source], index[e.target]), max(index[e.source], index[e.target]))
        for e in drawing.edges if e.source != e.target and e.weight >= min_weight
    }))  # fmt: skip
    if not ids:
        return {}
    main, *others = sorted(graph.connected_components(), key=lambda c: (-len(c), min(c)))
    placed = _force_layout(graph.subgraph(main), seed, len(ids))
    grid = (math.ceil(2 * math.sqrt(len(others))) - 1) * CELL if others else 0.0
    width = max(x for x, _ in placed) - min(x for x, _ in placed)
    if 0 < width < grid:  # the main component as wide as the rows below it
        placed = [(x * grid / width, y * grid / width) for x, y in placed]
    found = {main[i]: xy for i, xy in enumerate(placed)}
    left, right = min(x for x, _ in placed), max(x for x, _ in placed)
    bottom = max(y for _, y in placed)
    columns = max(1, int((right - left) // CELL) + 1)
    for number, component in enumerate(others):
        row, column = divmod(number, columns)
        centre = (left + column * CELL, bottom + (row + 1) * CELL)
        radius = 0.0 if len(component) == 1 else CELL / 3
        for k, vertex in enumerate(sorted(component)):
            angle = 2 * math.pi * k / len(component)
            found[vertex] = (centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle))
    return {ids[v]: (round(x, 1), round(y, 1)) for v, (x, y) in sorted(found.items())}


def _force_layout(graph: igraph.Graph, seed: int, total: int) -> list[tuple[float, float]]:
    with seeded(seed):
        coordinates = graph.layout_fruchterman_reingold(grid=True) if graph.vcount() > 1 else [(0.0, 0.0)]
    scale = SPACING * max(1.0, total**0.5) / 10
    return [(x * scale, y * scale) for x, y in coordinates]

"""Render a :class:`Drawing` as one self-contained HTML page.

The page carries vis-network 9.1.2 and its stylesheet inline, from the copy pyvis ships, and our
own controls (no Bootstrap, no CDN: pyvis's template fetches Bootstrap from a CDN even when its
resources are inline). Nodes and edges are built here rather than with pyvis's ``add_node`` and
``add_edge``, whose duplicate checks scan lists and grow quadratically. Every text reaches the
page either through Jinja's autoescaping, through ``tojson`` (which escapes ``<``, ``>``, ``&``
and ``'``), or through the DOM as text: tooltips are plain strings, which vis-network sets as
text, never as HTML.
"""

from __future__ import annotations

import math
import re
from datetime import date
from pathlib import Path
from typing import Any

import pyvis
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from kg.ontology import NODE_KINDS, PEOPLE
from kg.viz.drawing import DrawEdge, Drawing
from kg.viz.layout import PHYSICS_LIMIT, positions
from kg.viz.style import DIRECTED, PAGE_BACKGROUND, edge_style, label_colour, node_style

VIS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
EPOCH = date(1970, 1, 1).toordinal()
UNDIRECTED_TIES = ("coparticipation", "team", "chat")


def _day(day: date | None) -> int | None:
    return None if day is None else day.toordinal() - EPOCH


def vis_options(large: bool) -> dict[str, Any]:
    """vis-network options: physics for small drawings, fixed positions for large ones."""
    return {
        "nodes": {"borderWidth": 1, "font": {"size": 12, "face": "sans-serif"},
                  "scaling": {"min": 6, "max": 36, "label": {"enabled": True, "min": 10, "max": 20, "drawThreshold": 7}}},
        "edges": {"width": 1, "smooth": False, "color": {"inherit": False},
                  "arrows": {"to": {"enabled": False, "scaleFactor": 0.4}}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large},
        "layout": {"improvedLayout": not large, "randomSeed": 1},
        "physics": {"enabled": not large, "solver": "forceAtlas2Based", "stabilization": {"iterations": 200}},
    }  # fmt: skip


def page_data(drawing: Drawing, seed: int = 0, physics_limit: int = PHYSICS_LIMIT) -> dict[str, Any]:
    """Everything the page script needs, as plain JSON values; above ``physics_limit`` nodes,
    with positions and physics off. vis-network keys its own objects by id, and an id such as
    ``constructor`` or ``__proto__`` would clash with JavaScript's, so nodes and edges go to it
    numbered, with kg's id as ``kgId``."""
    large = len(drawing.nodes) > physics_limit or drawing.fixed_layout
    strongest = strongest_weight(drawing.edges)
    placed = positions(drawing, seed, strongest or 1) if large else {}
    sizes = [n.size for n in drawing.nodes]
    low, high = (min(sizes), max(sizes)) if sizes else (0.0, 0.0)
    nodes = []
    number = {n.id: index for index, n in enumerate(drawing.nodes)}
    listed = {incident: index for index, incident in enumerate(drawing.evidence)}
    for n in drawing.nodes:
        style = node_style(n.kind)
        item = {"id": number[n.id], "kgId": n.id, "label": n.label, "title": n.tooltip, "kind": n.kind, "shape": style.shape,
                "color": style.colour, "font": {"color": label_colour(style.shape, style.colour)}, "value": round(1 + 9 * (n.size - low) / (high - low), 3) if high > low else 1,
                "t0": _day(n.start), "t1": _day(n.end), "cats": list(n.categories), "teams": list(n.teams)}  # fmt: skip
        if n.id in placed:
            item["x"], item["y"] = placed[n.id]
        if n.evidence:
            item["ev"] = [listed[e] for e in n.evidence if e in listed]
        nodes.append(item)
    edges = []
    for index, e in enumerate(drawing.edges):
        style = edge_style(e.kind)
        directed = e.kind in DIRECTED or e.kind not in UNDIRECTED_TIES
        edges.append({"id": index, "kgId": e.id, "from": number[e.source], "to": number[e.target], "title": e.tooltip, "kind": e.kind,
                      "color": style.colour, "dashes": style.dashed, "arrows": "to" if directed else "",
                      "width": round(1 + math.log2(e.weight), 2), "weight": e.weight, "t0": _day(e.start), "t1": _day(e.end),
                      **({"ev": [listed[i] for i in e.evidence if i in listed]} if e.evidence else {})})  # fmt: skip
    kinds = [k.label for k in NODE_KINDS if any(n.kind == k.label for n in drawing.nodes)]
    edge_kinds = sorted({e.kind for e in drawing.edges})
    legend = [{"text": k, "colour": node_style(k).colour, "shape": node_style(k).shape, "line": False, "dashed": False}
              for k in kinds] + [
        {"text": k, "colour": edge_style(k).colour, "shape": None, "line": True, "dashed": edge_style(k).dashed}
        for k in edge_kinds
    ]  # fmt: skip
    shown = {c for n in drawing.nodes for c in n.categories}, {t for n in drawing.nodes for t in n.teams}
    return {
        "nodes": nodes, "edges": edges, "kinds": kinds, "legend": legend, "options": vis_options(large),
        "dashed": sorted(k for k in edge_kinds if edge_style(k).dashed),
        "strongest": strongest,
        "heaviest": max((e.weight for e in drawing.edges), default=1),
        "evidence": [{"id": i, "label": e.label, "day": e.day.isoformat() if e.day else None, "sources": list(e.sources),
                      "quote": e.quote} for i, e in drawing.evidence.items()],
        "people": any(n.kind in PEOPLE for n in drawing.nodes),
        "categories": sorted(((c, drawing.names.get(c, c)) for c in shown[0]), key=_natural),
        "teams": sorted(((t, drawing.names.get(t, t)) for t in shown[1]), key=_natural),
    }  # fmt: skip


STRONGEST = 300
"""Lines a page draws at first when it has more (the strongest; a control shows the others)."""


def strongest_weight(edges: list[DrawEdge]) -> int | None:
    """The least weight a line needs to be drawn at first: that of the :data:`STRONGEST`-th
    heaviest, when there are more lines than that and their weights differ (None: draw all)."""
    weights = sorted((e.weight for e in edges), reverse=True)
    if len(weights) <= STRONGEST or weights[0] == weights[-1]:
        return None
    return max(weights[STRONGEST - 1], weights[-1] + 1)


def _natural(item: tuple[str, str]) -> tuple:
    """Sort ``(id, name)`` by name with its numbers as numbers (Team 2 before Team 10), then id."""
    parts = re.split(r"(\d+)", item[1].lower())
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts), item[0]


def render(drawing: Drawing, size_by: str, seed: int = 0, physics_limit: int = PHYSICS_LIMIT) -> str:
    """The HTML page of ``drawing`` (see :func:`page_data` for ``physics_limit``)."""
    environment = Environment(
        loader=PackageLoader("kg.viz", "templates"), autoescape=select_autoescape(["html"])
    )
    data = page_data(drawing, seed, physics_limit)
    days = [d for item in (*data["nodes"], *data["edges"]) for d in (item["t0"], item["t1"]) if d is not None]
    return environment.get_template("view.html").render(
        title=drawing.title or "kg view", notes=drawing.notes, data=data, size_by=size_by, background=PAGE_BACKGROUND,
        node_count=len(data["nodes"]), edge_count=len(data["edges"]), has_dates=bool(days),
        day_min=min(days, default=0), day_max=max(days, default=0),
        vis_js=_asset("vis-network.min.js"), vis_css=_asset("vis-network.css"),
    )  # fmt: skip


def _asset(name: str) -> Markup:
    """A vis-network file as text to place inside a <script> or <style> element, after checking
    that it cannot end the element early."""
    text = (VIS / name).read_text(encoding="utf-8")
    if re.search(r"</(script|style)|<!--", text, re.IGNORECASE):
        raise RuntimeError(f"{VIS / name} cannot be placed inline: it contains a closing tag or comment")
    return Markup(text)

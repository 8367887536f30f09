"""Visual encoding derived from the ontology: a colour and shape per node kind, a colour and line
style per relationship type, and the legend that explains them."""

from __future__ import annotations

from dataclasses import dataclass

from kg.ontology import NODE_KINDS, RELATIONSHIP_KINDS, Label, RelType

PALETTE = (
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#ff7f0e", "#17becf",
    "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd",
    "#e6550d", "#31a354", "#756bb1", "#636363", "#9c9ede", "#cedb9c", "#e7ba52",
)  # fmt: skip
SHAPES = ("dot", "diamond", "square", "triangle", "star", "triangleDown", "hexagon", "box", "ellipse")
SHAPE_BY_KIND = {
    Label.OFFICER: "dot", Label.PERSON: "dot", Label.STATION: "square", Label.TEAM: "hexagon", Label.ORGANISATION: "square",
    Label.CHAT_GROUP: "hexagon", Label.INCIDENT: "diamond", Label.CATEGORY: "triangle", Label.INVESTIGATION: "star",
    Label.OUTCOME: "triangleDown", Label.RECOMMENDATION: "box", Label.SOURCE: "ellipse",
}  # fmt: skip
DASHED = (RelType.ACCUSED_IN, RelType.WITNESSED, RelType.RECEIVED)
"""Relationship types drawn dashed: allegations and exposure, as opposed to established acts."""
DIRECTED = {kind.type for kind in RELATIONSHIP_KINDS}
TIE_COLOURS = {"message": "#d62728", "coparticipation": "#ff7f0e", "team": "#1f77b4", "chat": "#17becf"}


@dataclass(frozen=True)
class NodeStyle:
    colour: str
    shape: str


@dataclass(frozen=True)
class EdgeStyle:
    colour: str
    dashed: bool


NODE_STYLES = {
    kind.label: NodeStyle(PALETTE[i % len(PALETTE)], SHAPE_BY_KIND.get(kind.label, SHAPES[i % len(SHAPES)]))
    for i, kind in enumerate(NODE_KINDS)
}
EDGE_STYLES = {
    kind.type: EdgeStyle(PALETTE[(i * 5 + 3) % len(PALETTE)], kind.type in DASHED)
    for i, kind in enumerate(RELATIONSHIP_KINDS)
}
EDGE_STYLES.update({tie: EdgeStyle(colour, False) for tie, colour in TIE_COLOURS.items()})


def node_style(kind: str) -> NodeStyle:
    """The style of a node kind."""
    return NODE_STYLES[kind]


def edge_style(kind: str) -> EdgeStyle:
    """The style of a relationship type (or, in the officer network, a tie type)."""
    return EDGE_STYLES.get(kind, EdgeStyle("#999999", False))

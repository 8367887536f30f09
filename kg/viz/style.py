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
TIE_COLOURS = {"message": "#CC79A7", "coparticipation": "#D55E00", "team": "#0072B2", "chat": "#000000"}
"""Tie types in Okabe & Ito's colour-blind-safe palette: reddish purple, vermillion, blue and black,
the four of its colours that stand out from the page (3:1) and from each other most for people
with any of the three kinds of colour blindness (tests/test_view_style.py)."""
LABEL_INSIDE = ("box", "ellipse", "circle", "database", "text")
"""vis-network shapes that draw their label inside the node (the others draw it below, on the page)."""
PAGE_BACKGROUND = "#ffffff"
OUTSIDE_LABEL = "#222222"
MINIMUM_CONTRAST = 4.5
"""WCAG 2 level AA for normal text."""


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a ``#rrggbb`` colour."""
    red, green, blue = (_linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21).

    >>> round(contrast("#000000", "#ffffff"), 1)
    21.0
    """
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def label_colour(shape: str, fill: str) -> str:
    """The colour of a node's label: on the page below the node, or inside it in black or white,
    whichever stands out more against its fill."""
    if shape not in LABEL_INSIDE:
        return OUTSIDE_LABEL
    return max(("#000000", "#ffffff"), key=lambda text: contrast(text, fill))


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

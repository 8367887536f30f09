"""Dynamic GEXF 1.2 for Gephi, streamed to the file as text (:mod:`kg.export.xml_text`) rather
than built in memory.

Each node is labelled with its ``name`` (or id) and every node and edge with a known time gets
``start``/``end`` dates (see :mod:`kg.timeline`), so Gephi's timeline replays the case. Every
other property is a typed attribute value. The file carries no modification date, so the same
graph always gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.elements import Elements, as_elements
from kg.export.xml_text import attribute, attributes, value_text
from kg.progress import Advance, counted, ignore
from kg.timeline import Span, span_of_node, span_of_relationship

NAMESPACE = "http://www.gexf.net/1.2draft"
SCHEMA = "http://www.w3.org/2001/XMLSchema-instance"


def _timed(attributes: dict[str, str], span: Span) -> dict[str, str]:
    first, last = span
    if first:
        attributes["start"] = first.isoformat()
    if last:
        attributes["end"] = last.isoformat()
    return attributes


def export_gexf(graph: nx.MultiDiGraph | Elements, path: str | Path, advance: Advance = ignore) -> Path:
    """Write ``graph`` (or its :class:`~kg.export.elements.Elements`) as dynamic GEXF 1.2 at
    ``path``, telling ``advance`` of the nodes and edges written; reads back with
    ``networkx.read_gexf``."""
    path = Path(path)
    elements = as_elements(graph)
    node_types, edge_types = elements.types("node"), elements.types("edge")
    ids = {"node": {name: str(i) for i, name in enumerate(node_types)},
           "edge": {name: str(len(node_types) + i) for i, name in enumerate(edge_types)}}  # fmt: skip
    root = {"xmlns": NAMESPACE, "xmlns:xsi": SCHEMA, "version": "1.2",
            "xsi:schemaLocation": f"{NAMESPACE} {NAMESPACE}/gexf.xsd"}  # fmt: skip
    mode = {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date",
            "name": str(elements.attributes.get("name", ""))}  # fmt: skip
    with path.open("w", encoding="utf-8") as out:
        out.write(f"<?xml version='1.0' encoding='utf-8'?>\n<gexf{attributes(root)}>\n")
        out.write(f"<meta>\n  <creator>kg</creator>\n</meta>\n<graph{attributes(mode)}>\n")
        for scope, types in (("node", node_types), ("edge", edge_types)):
            declared = "".join(
                f"  <attribute{attributes({'id': ids[scope][name], 'title': name, 'type': kind})}/>\n"
                for name, kind in types.items()
            )
            head = f'<attributes class="{scope}" mode="static"'
            out.write(f"{head}>\n{declared}</attributes>\n" if declared else f"{head}/>\n")
        out.write("<nodes>\n")
        spans: dict[str, Span] = {}  # every node's, for the relationships without times of their own
        for node, data in counted(elements.nodes(), advance):
            head = {"id": str(node), "label": str(data.get("name", node))}
            span = spans[node] = span_of_node(data)
            out.write(_element("node", _timed(head, span), data, ids["node"]))
        out.write("</nodes><edges>\n")
        for start, end, key, data in counted(elements.edges(), advance):
            head = {"id": str(key), "source": str(start), "target": str(end)}
            span = span_of_relationship(data, start, end, spans.__getitem__)
            out.write(_element("edge", _timed(head, span), data, ids["edge"]))
        out.write("</edges>\n</graph>\n</gexf>")
    return path


def _element(scope: str, head: dict[str, str], data: dict[str, Any], ids: dict[str, str]) -> str:
    """One node or edge with its ``attvalues`` (``ids``: the attribute id of each property of
    its scope)."""
    values = "".join([
        f'    <attvalue for="{ids[name]}" value="{attribute(value_text(value))}"/>\n'
        for name, value in data.items()
    ])  # fmt: skip
    body = f"  <attvalues>\n{values}  </attvalues>\n" if values else "  <attvalues/>\n"
    return f"<{scope}{attributes(head)}>\n{body}</{scope}>\n"

"""Dynamic GEXF 1.2 for Gephi, streamed to the file with lxml rather than built in memory.

Each node is labelled with its ``name`` (or id) and every node and edge with a known time gets
``start``/``end`` dates (see :mod:`kg.timeline`), so Gephi's timeline replays the case. Every
other property is a typed attribute value. The file carries no modification date, so the same
graph always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
from lxml import etree

from kg.timeline import Span, edge_span, node_span

NAMESPACE = "http://www.gexf.net/1.2draft"
SCHEMA = "http://www.w3.org/2001/XMLSchema-instance"
GEXF_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def _declared(items: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Each property name in ``items`` with its GEXF type (string where the types differ), in
    first-seen order."""
    types: dict[str, set[str]] = {}
    for data in items:
        for name, value in data.items():
            types.setdefault(name, set()).add(GEXF_TYPES.get(type(value), "string"))
    return {name: found.pop() if len(found) == 1 else "string" for name, found in types.items()}


def _text(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _timed(attributes: dict[str, str], span: Span) -> dict[str, str]:
    first, last = span
    if first:
        attributes["start"] = first.isoformat()
    if last:
        attributes["end"] = last.isoformat()
    return attributes


def export_gexf(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write ``graph`` as dynamic GEXF 1.2 at ``path``; reads back with ``networkx.read_gexf``."""
    path = Path(path)
    node_types = _declared(data for _, data in graph.nodes(data=True))
    edge_types = _declared(data for _, _, data in graph.edges(data=True))
    ids = {("node", name): str(i) for i, name in enumerate(node_types)}
    ids |= {("edge", name): str(len(node_types) + i) for i, name in enumerate(edge_types)}
    with etree.xmlfile(str(path), encoding="utf-8") as xml:
        xml.write_declaration()
        root = {"version": "1.2", f"{{{SCHEMA}}}schemaLocation": f"{NAMESPACE} {NAMESPACE}/gexf.xsd"}
        with xml.element("gexf", root, nsmap={None: NAMESPACE, "xsi": SCHEMA}):
            xml.write("\n")
            meta = etree.Element("meta")
            etree.SubElement(meta, "creator").text = "kg"
            xml.write(meta, pretty_print=True)
            mode = {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date",
                    "name": str(graph.graph.get("name", ""))}  # fmt: skip
            with xml.element("graph", mode):
                xml.write("\n")
                for scope, types in (("node", node_types), ("edge", edge_types)):
                    declared = etree.Element("attributes", {"class": scope, "mode": "static"})
                    for name, kind in types.items():
                        etree.SubElement(declared, "attribute", id=ids[scope, name], title=name, type=kind)
                    xml.write(declared, pretty_print=True)
                with xml.element("nodes"):
                    xml.write("\n")
                    for node, data in graph.nodes(data=True):
                        head = {"id": str(node), "label": str(data.get("name", node))}
                        element = etree.Element("node", _timed(head, node_span(graph, node)))
                        _values(element, data, ids, "node")
                        xml.write(element, pretty_print=True)
                with xml.element("edges"):
                    xml.write("\n")
                    for start, end, key, data in graph.edges(keys=True, data=True):
                        head = {"id": str(key), "source": str(start), "target": str(end)}
                        element = etree.Element("edge", _timed(head, edge_span(graph, start, end, key)))
                        _values(element, data, ids, "edge")
                        xml.write(element, pretty_print=True)
                xml.write("\n")
            xml.write("\n")
    return path


def _values(
    element: etree._Element, data: dict[str, Any], ids: dict[tuple[str, str], str], scope: str
) -> None:
    """The ``attvalues`` of one node or edge."""
    values = etree.SubElement(element, "attvalues")
    for name, value in data.items():
        etree.SubElement(values, "attvalue", {"for": ids[scope, name], "value": _text(value)})

"""GraphML for yEd, Cytoscape and networkx, streamed to the file as text
(:mod:`kg.export.xml_text`) rather than built in memory.

Every property is a typed ``data`` value (booleans ``true``/``false``); relationship ids are edge
ids. Reads back with ``networkx.read_graphml(path, force_multigraph=True)``, every value exact:
a carriage return in the data is written as ``&#13;``, which XML parsers keep (a raw one they
would turn into a line feed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.elements import Elements, as_elements
from kg.export.xml_text import attributes, declared_types, text, value_text
from kg.progress import Advance, counted, ignore

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
SCHEMA = "http://www.w3.org/2001/XMLSchema-instance"


def export_graphml(graph: nx.MultiDiGraph | Elements, path: str | Path, advance: Advance = ignore) -> Path:
    """Write ``graph`` (or its :class:`~kg.export.elements.Elements`) as GraphML at ``path``,
    telling ``advance`` of the nodes and edges written."""
    path = Path(path)
    elements = as_elements(graph)
    scopes = {
        "graph": declared_types([elements.attributes]),
        "node": elements.types("node"),
        "edge": elements.types("edge"),
    }
    numbered = enumerate((scope, name) for scope, types in scopes.items() for name in types)
    ids: dict[str, dict[str, str]] = {scope: {} for scope in scopes}
    for i, (scope, name) in numbered:
        ids[scope][name] = f"d{i}"
    root = {"xmlns": NAMESPACE, "xmlns:xsi": SCHEMA,
            "xsi:schemaLocation": f"{NAMESPACE} {NAMESPACE}/1.0/graphml.xsd"}  # fmt: skip
    with path.open("w", encoding="utf-8") as out:
        out.write(f"<?xml version='1.0' encoding='utf-8'?>\n<graphml{attributes(root)}>\n")
        for scope, types in scopes.items():
            for name, kind in types.items():
                key = {"id": ids[scope][name], "for": scope, "attr.name": name, "attr.type": kind}
                out.write(f"<key{attributes(key)}/>\n")
        out.write(f'<graph edgedefault="directed">\n{_data(elements.attributes, ids["graph"], "")}')
        for node, data in counted(elements.nodes(), advance):
            out.write(_element("node", {"id": str(node)}, data, ids["node"]))
        for start, end, key, data in counted(elements.edges(), advance):
            head = {"id": str(key), "source": str(start), "target": str(end)}
            out.write(_element("edge", head, data, ids["edge"]))
        out.write("</graph>\n</graphml>\n")
    return path


def _data(data: dict[str, Any], ids: dict[str, str], indent: str) -> str:
    """The ``data`` elements of one graph, node or edge (``ids``: the key of each property of its scope)."""
    return "".join([
        f'{indent}<data key="{ids[name]}">{text(value_text(value))}</data>\n' for name, value in data.items()
    ])  # fmt: skip


def _element(scope: str, head: dict[str, str], data: dict[str, Any], ids: dict[str, str]) -> str:
    """One node or edge with its ``data``."""
    body = _data(data, ids, "  ")
    return f"<{scope}{attributes(head)}>\n{body}</{scope}>\n" if body else f"<{scope}{attributes(head)}/>\n"

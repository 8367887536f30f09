"""Pseudonymised outputs: the fields that identify people (``IDENTIFYING`` in the ontology)
replaced by stable pseudonyms, everywhere they appear.

A pseudonym is an HMAC-SHA256 of the original under the user's key (``KG_PSEUDONYM_KEY`` or a
key file), so the same person gets the same pseudonym in every output and every run with that
key, and nobody without the key can compute it from a guessed name. Ids become
``officer-1a2b3c4d5e``, names ``Officer 1a2b3c4d``; every other text (relationship ids,
summaries, quotes, verbatim messages) has each original id and name replaced, whole words only.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import UsageError
from kg.ontology import IDENTIFYING

KEY_ENV = "KG_PSEUDONYM_KEY"
MIN_KEY_BYTES = 16


def pseudonym_key(key_file: str | Path | None = None) -> bytes:
    """The key from ``key_file`` (its bytes, surrounding whitespace removed), else from
    ``KG_PSEUDONYM_KEY``; at least 16 bytes. The key is never printed or written."""
    if key_file is not None:
        path = Path(key_file)
        if not path.is_file():
            raise UsageError(f"{path}: no such key file")
        key = path.read_bytes().strip()
    else:
        key = os.environ.get(KEY_ENV, "").encode()
    if len(key) < MIN_KEY_BYTES:
        raise UsageError(
            f"--pseudonymise needs a key of at least {MIN_KEY_BYTES} characters: set {KEY_ENV} "
            "or give --pseudonym-key-file (keep the key: the same key gives the same pseudonyms)"
        )
    return key


def _digest(key: bytes, kind: str, field: str, original: str) -> str:
    return hmac.new(key, f"{kind}\x1f{field}\x1f{original}".encode(), hashlib.sha256).hexdigest()


def pseudonyms(graph: nx.MultiDiGraph, key: bytes) -> dict[str, str]:
    """Each identifying id and name of ``graph``, with its pseudonym."""
    mapping: dict[str, str] = {}
    for node, data in graph.nodes(data=True):
        fields = IDENTIFYING.get(data.get("kind", ""), ())
        kind = str(data["kind"]) if fields else ""
        if "id" in fields:
            mapping[str(node)] = f"{kind.lower()}-{_digest(key, kind, 'id', str(node))[:10]}"
        if "name" in fields and data.get("name"):
            mapping[str(data["name"])] = f"{kind} {_digest(key, kind, 'name', str(data['name']))[:8]}"
    return mapping


def pseudonymise(graph: nx.MultiDiGraph, key: bytes) -> nx.MultiDiGraph:
    """A copy of ``graph`` with every identifying id and name, wherever it appears, replaced by
    its pseudonym (:func:`pseudonyms`)."""
    mapping = pseudonyms(graph, key)
    if not mapping:
        return graph.copy()
    originals = sorted(mapping, key=len, reverse=True)  # the longest first where one contains another
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(o) for o in originals) + r")(?![\w])")

    def text(value: Any) -> Any:
        if isinstance(value, str):
            return pattern.sub(lambda found: mapping[found.group()], value)
        if isinstance(value, (list, tuple)):
            return type(value)(text(item) for item in value)
        return value

    result = nx.MultiDiGraph(**{k: text(v) for k, v in graph.graph.items()})
    for node, data in graph.nodes(data=True):
        result.add_node(text(node), **{k: text(v) for k, v in data.items()})
    for start, end, edge_key, data in graph.edges(keys=True, data=True):
        result.add_edge(text(start), text(end), key=text(edge_key), **{k: text(v) for k, v in data.items()})
    return result

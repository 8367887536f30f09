"""Write values as Cypher literals, for the self-contained Cypher script export.

Queries sent to a server always pass values as parameters; a script file for cypher-shell
cannot, so its data is written as literals by this one encoder: strings are quoted with every
quote, backslash and control character escaped, so no value can end the literal.
"""

from __future__ import annotations

import math
import re
from typing import Any

from kg.ontology import Property, ValueType

_ESCAPE = re.compile(r"[\\'\"\x00-\x1f\x7f\u2028\u2029]")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def string_literal(text: str) -> str:
    """``text`` as a single-quoted Cypher string literal."""
    return "'" + _ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "'"


def name(identifier: str) -> str:
    """An ontology name (label, type, property key) as a backtick-quoted Cypher name."""
    if not _IDENTIFIER.match(identifier):
        raise ValueError(f"not an ontology identifier: {identifier!r}")
    return f"`{identifier}`"


def literal(prop: Property, value: Any) -> str:
    """A Neo4j-form value (see :func:`kg.neo4j_model.neo4j_value`) of ``prop`` as a literal."""
    if prop.type is ValueType.DATE:
        return f"date({string_literal(value)})"
    if prop.type is ValueType.DATETIME:
        return f"datetime({string_literal(value)})"
    if prop.type is ValueType.STRING_LIST:
        return "[" + ", ".join(string_literal(item) for item in value) + "]"
    return scalar_literal(value)


def scalar_literal(value: str | int | float | bool) -> str:
    """A string, integer, float or boolean as a Cypher literal."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"no Cypher literal for {value!r}")
        return repr(value)
    return string_literal(str(value))


def map_literal(entries: dict[str, str]) -> str:
    """A Cypher map from keys to already-encoded literals."""
    return "{" + ", ".join(f"{name(key)}: {text}" for key, text in entries.items()) + "}"

"""Write values as Cypher literals, for the self-contained Cypher script export.

Queries sent to a server always pass values as parameters; a script file for cypher-shell
cannot, so its data is written as literals by this one encoder: strings are single-quoted with
every quote, backslash and control character escaped, so no value can end its literal.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

_SIMPLE_ESCAPES = {
    "\\": "\\\\",
    "'": "\\'",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
_ESCAPE = re.compile(r"[\\'\"\x00-\x1f\x7f\u2028\u2029]")
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def string_literal(text: str) -> str:
    """``text`` as a single-quoted Cypher string literal."""
    if _ESCAPE.search(text) is None:  # most texts: nothing to escape
        return f"'{text}'"
    return "'" + _ESCAPE.sub(lambda m: _SIMPLE_ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), text) + "'"


def literal(value: Any) -> str:
    """A string, number, boolean, None, list or map (with identifier keys) as a Cypher literal."""
    if isinstance(value, str):
        return string_literal(value)
    if isinstance(value, dict):  # each row of the script: before the rarer types
        return "{" + ", ".join([f"{_key(key)}: {literal(item)}" for key, item in value.items()]) + "}"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"no Cypher literal for {value!r}")
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join([literal(item) for item in value]) + "]"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


@cache
def _key(key: str) -> str:
    if not isinstance(key, str) or not _KEY.match(key):
        raise ValueError(f"map key is not an identifier: {key!r}")
    return key

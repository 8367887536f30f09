"""JSON text that people can read and diff, written fast: objects indented, each row of a table
on one line (encoded by the json module's C encoder, which indentation would otherwise turn off).

>>> print(readable_json({"columns": ["a", "b"], "rows": [[1, "x"], [2, "y"]], "note": None}))
{
  "columns": ["a", "b"],
  "rows": [
    [1, "x"],
    [2, "y"]
  ],
  "note": null
}
"""

from __future__ import annotations

import json
from typing import Any

_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "), allow_nan=False)


def readable_json(value: Any, level: int = 0) -> str:
    """``value`` as JSON: objects and lists holding objects indented by two spaces, a list of
    plain values on one line, and a list of lists with one inner list per line."""
    inner = "  " * (level + 1)
    if isinstance(value, dict) and value:
        items = (f"{inner}{_COMPACT.encode(str(k))}: {readable_json(v, level + 1)}" for k, v in value.items())
        return "{\n" + ",\n".join(items) + "\n" + "  " * level + "}"
    if isinstance(value, list) and any(isinstance(v, dict | list) for v in value):
        items = (
            f"{inner}{_COMPACT.encode(v) if isinstance(v, list) else readable_json(v, level + 1)}"
            for v in value
        )
        return "[\n" + ",\n".join(items) + "\n" + "  " * level + "]"
    return _COMPACT.encode(value)

"""XML written as text, for the streamed GraphML and GEXF exports: values escaped exactly as lxml
escapes them, and a value no XML 1.0 document can hold refused rather than written.

>>> attribute('a "b" & <c>\\nd')
'a &quot;b&quot; &amp; &lt;c&gt;&#10;d'
>>> text("a < b\\r\\n")
'a &lt; b&#13;\\n'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

XML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
"""The attribute types GraphML and GEXF share, by Python type."""
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTRIBUTE_SPECIAL = re.compile(r'[&<>"\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
_TEXT_SPECIAL = re.compile(r"[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}
)
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


def _checked(value: str) -> str:
    unsafe = _UNSAFE.search(value)
    if unsafe:
        raise ValueError(
            f"character U+{ord(unsafe.group()):04X} cannot be written to XML (a control character, "
            f"an unpaired surrogate or a non-character): {value[:40]!r}"
        )
    return value


def attribute(value: str) -> str:
    """``value`` escaped for a double-quoted attribute (line breaks and tabs as character
    references, so that parsers keep them)."""
    if not _ATTRIBUTE_SPECIAL.search(value):
        return value
    return _checked(value).translate(_ATTRIBUTE_ESCAPES)


def text(value: str) -> str:
    """``value`` escaped for element content (a carriage return as ``&#13;``, which parsers keep
    where they would turn a raw one into a line feed)."""
    if not _TEXT_SPECIAL.search(value):
        return value
    return _checked(value).translate(_TEXT_ESCAPES)


def attributes(pairs: dict[str, str]) -> str:
    """`` name="value"`` for each pair, escaped."""
    return "".join(f' {name}="{attribute(value)}"' for name, value in pairs.items())


def declared_types(items: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Each property name in ``items`` with its XML type (``string`` where the types differ),
    in first-seen order."""
    shapes = dict.fromkeys((tuple(data), tuple(map(type, data.values()))) for data in items)
    types: dict[str, set[str]] = {}
    for names, kinds in shapes:  # few: elements of one kind share their names and types
        for name, kind in zip(names, kinds, strict=True):
            types.setdefault(name, set()).add(XML_TYPES.get(kind, "string"))
    return {name: found.pop() if len(found) == 1 else "string" for name, found in types.items()}


def value_text(value: Any) -> str:
    """A value as its XML type writes it (booleans ``true`` and ``false``)."""
    return ("true" if value else "false") if isinstance(value, bool) else str(value)

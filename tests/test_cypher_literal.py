"""The Cypher literal encoder: no value can escape its literal."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.cypher_literal import literal, string_literal

ESCAPES = {
    "\\\\": "\\",
    "\\'": "'",
    '\\"': '"',
    "\\n": "\n",
    "\\r": "\r",
    "\\t": "\t",
    "\\b": "\b",
    "\\f": "\f",
}
ESCAPE = re.compile(r"\\u([0-9a-f]{4})|\\.")


def decode(text: str) -> str:
    """Undo :func:`string_literal` the way a Cypher lexer reads a string literal."""
    assert text[0] == text[-1] == "'"
    body = text[1:-1]
    assert "'" not in ESCAPE.sub("", body), "an unescaped quote would end the literal"
    return ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else ESCAPES[m.group()], body)


@given(st.text())
def test_any_string_round_trips_and_stays_inside_its_literal(text: str) -> None:
    encoded = string_literal(text)
    assert decode(encoded) == text
    assert "\n" not in encoded and "\r" not in encoded


def test_hostile_strings() -> None:
    payload = "x'}) MATCH (n) DETACH DELETE n //"
    assert string_literal(payload) == "'x\\'}) MATCH (n) DETACH DELETE n //'"
    assert string_literal("a\\'b") == "'a\\\\\\'b'"
    assert string_literal("line\nbreak\x01") == "'line\\nbreak\\u0001'"


def test_values_lists_and_maps() -> None:
    assert literal({"id": "a", "n": 3, "x": 0.5, "ok": True, "none": None, "l": ["p", "q'"]}) == (
        "{id: 'a', n: 3, x: 0.5, ok: true, none: null, l: ['p', 'q\\'']}"
    )
    with pytest.raises(ValueError):
        literal(float("nan"))
    with pytest.raises(ValueError):
        literal({"x}) DELETE n //": 1})

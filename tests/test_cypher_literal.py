"""The Cypher literal encoder: no value can escape its literal."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.cypher_literal import literal, name, scalar_literal, string_literal
from kg.ontology import Property, ValueType

ESCAPE = re.compile(r"\\u([0-9a-f]{4})")


def decode(text: str) -> str:
    """Undo :func:`string_literal` the way a Cypher parser reads a literal."""
    assert text[0] == text[-1] == "'"
    body = text[1:-1]
    assert "'" not in body and "\\" not in ESCAPE.sub("", body), "unescaped quote or backslash"
    return ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), body)


@given(st.text())
def test_any_string_round_trips_and_stays_inside_its_literal(text: str) -> None:
    encoded = string_literal(text)
    assert decode(encoded) == text
    assert "\n" not in encoded and "\r" not in encoded


def test_hostile_strings() -> None:
    payload = "x'}) MATCH (n) DETACH DELETE n //"
    assert string_literal(payload) == "'x\\u0027}) MATCH (n) DETACH DELETE n //'"
    assert string_literal("a\\'b") == "'a\\u005c\\u0027b'"
    assert string_literal("line\nbreak") == "'line\\u000abreak'"


def test_typed_literals() -> None:
    assert literal(Property("d", ValueType.DATE, ""), "2016-01-03") == "date('2016-01-03')"
    assert (
        literal(Property("t", ValueType.DATETIME, ""), "2016-01-03T10:00:00")
        == "datetime('2016-01-03T10:00:00')"
    )
    assert literal(Property("s", ValueType.STRING_LIST, ""), ["a", "b'"]) == "['a', 'b\\u0027']"
    assert scalar_literal(True) == "true" and scalar_literal(3) == "3" and scalar_literal(0.5) == "0.5"
    with pytest.raises(ValueError):
        scalar_literal(float("nan"))


def test_names_must_be_ontology_identifiers() -> None:
    assert name("MEMBER_OF") == "`MEMBER_OF`"
    with pytest.raises(ValueError):
        name("x`) DELETE n //")

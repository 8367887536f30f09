"""Run Neo4j's own Cypher linter (@neo4j-cypher/language-support, under node) over statements,
with the ontology as the database schema."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.neo4j.model import ROW_KEYS, property_keys
from kg.ontology import NODE_KINDS, RELATIONSHIP_KINDS

LINT_DIR = Path(__file__).resolve().parent.parent / "tools" / "cypher-lint"
ERROR = 1
ALLOWED_WARNINGS = ("this will build a cartesian product",)
"""Linter warnings that are advice, not faults (two MATCHes of single nodes by key)."""


@dataclass(frozen=True)
class Statement:
    """One statement to lint, with the parameters it may use."""

    name: str
    text: str
    parameters: dict[str, Any] = field(default_factory=dict)


def ontology_schema() -> dict[str, Any]:
    """The database schema the linter checks against: labels, types and keys from the ontology
    (and the keys of load rows, which the linter cannot tell from property keys)."""
    return {
        "labels": [kind.label for kind in NODE_KINDS],
        "relationshipTypes": [kind.type for kind in RELATIONSHIP_KINDS],
        "propertyKeys": [*property_keys(), *ROW_KEYS],
    }


def lint(statements: list[Statement]) -> dict[str, list[str]]:
    """The problems in each statement, by name: errors, and warnings other than the allowed ones
    (a label, type or property key outside the ontology is a warning to the linter, a fault to kg)."""
    node = shutil.which("node")
    if node is None or not (LINT_DIR / "node_modules" / "@neo4j-cypher").is_dir():
        raise RuntimeError(
            "the Cypher linter is not installed: run `npm ci --prefix tools/cypher-lint` (make test does)"
        )
    payload = {
        "schema": ontology_schema(),
        "statements": [{"name": s.name, "text": s.text, "parameters": s.parameters} for s in statements],
    }
    completed = subprocess.run(
        [node, str(LINT_DIR / "lint.mjs")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
    )
    problems: dict[str, list[str]] = {}
    for result in json.loads(completed.stdout):
        problems[result["name"]] = [
            f"{d['line']}:{d['character']}: {d['message']}"
            for d in result["diagnostics"]
            if d["severity"] == ERROR or not any(allowed in d["message"] for allowed in ALLOWED_WARNINGS)
        ]
    return problems

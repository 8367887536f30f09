"""The few differences between Neo4j and the FalkorDB test server, kept in one named place.

kg writes Neo4j 5 Cypher. FalkorDB (the Bolt server the tests start) differs in ways that
matter to kg:

- it has no ``datetime()``; ``localdatetime()`` stores the wall-clock time (offset dropped)
  and fails on null, so it is guarded by a ``CASE``;
- it has no constraints, and ``CREATE INDEX`` takes no name and no ``IF NOT EXISTS`` (creating
  an existing index is an error, so existing ones are read with ``CALL db.indexes()`` first);
- its explicit transactions ignore the database name (auto-commit queries honour it), so
  with FalkorDB use the default database;
- read transactions do not stop writes (kg's own read-only check still does; see queries.py);
- its Bolt layer pastes string parameters into the query text between single quotes without
  escaping them: a quote breaks the query and ``x' RETURN 1 //`` runs as Cypher. So every string
  parameter is escaped (``\\`` and ``\'``) before it is sent, which its parser undoes;
- its Bolt layer crashes when a message (statement and parameters) passes about 4 KB, so
  batches are also capped by their encoded size (a single larger row cannot be loaded into it);
- after a client says GOODBYE (the driver does so on close), it leaves the next new
  connection's handshake unanswered; a short connection wait lets the driver's retry move on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kg.neo4j.model import CASE_KEY
from kg.ontology import NODE_KINDS, RELATIONSHIP_KINDS, Property, ValueType


@dataclass(frozen=True)
class Dialect:
    """One server's flavour of Cypher."""

    name: str
    datetime_function: str
    constraints: bool
    max_message_bytes: int | None = None
    """Most bytes of statement plus JSON-encoded rows in one batch (None: no limit)."""
    escape_string_parameters: bool = False
    connection_wait: float | None = None
    """Seconds to wait for a new connection (None: the driver's default of 60)."""

    def parameters(self, values: dict[str, Any]) -> dict[str, Any]:
        """Parameters as this server must receive them to see ``values``."""
        return {key: self._parameter(value) for key, value in values.items()}

    def _parameter(self, value: Any) -> Any:
        if isinstance(value, str) and self.escape_string_parameters:
            return value.replace("\\", "\\\\").replace("'", "\\'")
        if isinstance(value, list):
            return [self._parameter(item) for item in value]
        if isinstance(value, dict):
            return {key: self._parameter(item) for key, item in value.items()}
        return value

    def temporal(self, prop: Property, value: str) -> str:
        """Cypher that turns the ISO string (or null) ``value`` into ``prop``'s temporal value."""
        if prop.type is ValueType.DATE:
            return f"date({value})"
        if self.datetime_function == "datetime":
            return f"datetime({value})"
        return f"CASE WHEN {value} IS NULL THEN null ELSE {self.datetime_function}({value}) END"

    def schema_statements(self) -> list[str]:
        """Statements that create kg's constraints and indexes for every kind in the ontology."""
        statements = []
        for kind in NODE_KINDS:
            if self.constraints:
                statements.append(
                    f"CREATE CONSTRAINT kg_{kind.file_stem}_key IF NOT EXISTS FOR (n:{kind.label}) "
                    f"REQUIRE (n.{CASE_KEY}, n.id) IS UNIQUE"
                )
            else:
                statements.append(f"CREATE INDEX FOR (n:{kind.label}) ON (n.{CASE_KEY}, n.id)")
        for rel in RELATIONSHIP_KINDS:
            if self.constraints:
                statements.append(
                    f"CREATE INDEX kg_{rel.file_stem}_id IF NOT EXISTS FOR ()-[r:{rel.type}]-() ON (r.id)"
                )
            else:
                statements.append(f"CREATE INDEX FOR ()-[r:{rel.type}]-() ON (r.id)")
        return statements


NEO4J = Dialect("neo4j", datetime_function="datetime", constraints=True)
FALKORDB = Dialect(
    "falkordb", datetime_function="localdatetime", constraints=False, max_message_bytes=3800,
    escape_string_parameters=True, connection_wait=1.0,
)  # fmt: skip
DIALECTS = {d.name: d for d in (NEO4J, FALKORDB)}

EXISTING_INDEXES = "CALL db.indexes() YIELD label, properties RETURN label, properties"
"""FalkorDB: the indexes that exist, to skip creating them again."""

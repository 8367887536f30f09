"""The analyst query library in ``cypher/queries/``: read, check, run and print queries.

Each ``.cypher`` file starts with a header of ``//`` comments::

    // name: silent-recipients
    // description: Officers who received offensive messages and never reported anything.
    // param: case_id STRING  The case to query.
    // param: limit INTEGER = 50  Most rows to return.
    // example: kg query run silent-recipients --case hotton

Queries run in read transactions and only after :func:`check_read_only` finds no clause that
writes, so an analyst query cannot change the graph (whatever the server enforces). Parameters
are always sent as driver parameters, typed by the header; they are never pasted into Cypher.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import ClientError, DatabaseError
from neo4j.graph import Node, Relationship
from neo4j.graph import Path as GraphPath

from kg.errors import Problem, UsageError
from kg.export.csv_files import spreadsheet_text
from kg.neo4j.settings import Neo4jSettings
from kg.ontology import Property, ValueType
from kg.values import ValueProblem, parse_value

QUERY_DIR = Path(__file__).resolve().parents[2] / "cypher" / "queries"
PARAM_TYPES = ("STRING", "INTEGER", "FLOAT", "BOOLEAN", "DATE", "LIST<STRING>")
_HEADER = re.compile(r"^//\s*(name|description|param|example):\s*(.*)$")
_PARAM = re.compile(
    r"^(\w+)\s+(STRING|INTEGER|FLOAT|BOOLEAN|DATE|LIST<STRING>)(\?)?(?:\s*=\s*(\S+))?\s*(.*)$"
)
WRITE_CLAUSES = (
    "CREATE",
    "MERGE",
    "SET",
    "DELETE",
    "DETACH",
    "REMOVE",
    "DROP",
    "LOAD",
    "FOREACH",
    "ALTER",
    "GRANT",
    "DENY",
    "REVOKE",
)
READ_PROCEDURES = ("db.labels", "db.relationshipTypes", "db.propertyKeys", "db.indexes")
_WRITE_OR_CALL = re.compile(
    rf"\b(?P<clause>{'|'.join(WRITE_CLAUSES)})\b|\bCALL\s+(?P<procedure>[A-Za-z_][\w.]*)", re.I
)


@dataclass(frozen=True)
class Parameter:
    """A declared query parameter. ``required`` unless marked ``?`` or given a default."""

    name: str
    type: str
    description: str = ""
    default: str | None = None
    optional: bool = False

    @property
    def required(self) -> bool:
        return self.default is None and not self.optional

    def parse(self, text: str) -> Any:
        """The value of ``text`` as this parameter's type (dates stay ISO strings)."""
        try:
            if self.type == "INTEGER":
                return int(text)
            if self.type == "FLOAT":
                return float(text)
            if self.type == "BOOLEAN":
                if text.lower() not in ("true", "false"):
                    raise ValueError
                return text.lower() == "true"
            if self.type == "DATE":
                return parse_value(Property(self.name, ValueType.DATE, ""), text)
            if self.type == "LIST<STRING>":
                return [item.strip() for item in text.split(",") if item.strip()]
        except (ValueError, ValueProblem):
            raise UsageError(f"--param {self.name}: expected {self.type}, got {text!r}") from None
        return text


@dataclass(frozen=True)
class Query:
    """One query of the library (or a file given with ``--file``)."""

    name: str
    text: str
    description: str = ""
    parameters: tuple[Parameter, ...] = ()
    examples: tuple[str, ...] = ()
    path: Path | None = None

    def bind(self, given: dict[str, str]) -> dict[str, Any]:
        """Typed driver parameters from ``--param`` strings, with defaults; checks every
        required parameter is given and no unknown one is."""
        declared = {p.name: p for p in self.parameters}
        unknown = sorted(given.keys() - declared.keys())
        if unknown and self.parameters:
            raise UsageError(
                f"query {self.name!r} has no parameter {unknown[0]!r}; it takes: {', '.join(declared)}"
            )
        values: dict[str, Any] = {name: text for name, text in given.items() if name not in declared}
        for param in self.parameters:
            if param.name in given:
                values[param.name] = param.parse(given[param.name])
            elif param.default is not None:
                values[param.name] = param.parse(param.default)
            elif param.optional:
                values[param.name] = None
            else:
                raise UsageError(
                    f"query {self.name!r} needs --param {param.name}=… ({param.type}): {param.description}"
                )
        return values


def parse_query(text: str, name: str, path: Path | None = None) -> Query:
    """A query from its file text; the header is optional (a ``--file`` query may have none)."""
    fields: dict[str, list[str]] = {"name": [], "description": [], "param": [], "example": []}
    for line in text.splitlines():
        if not line.strip():
            continue
        match = _HEADER.match(line.strip())
        if not match:
            if line.strip().startswith("//"):
                continue
            break
        fields[match.group(1)].append(match.group(2).strip())
    parameters = []
    for declaration in fields["param"]:
        param = _PARAM.match(declaration)
        if not param:
            raise UsageError(
                f"{path or name}: bad parameter declaration {declaration!r}; write: NAME TYPE[?] [= DEFAULT] DESCRIPTION with TYPE one of {', '.join(PARAM_TYPES)}"
            )
        pname, ptype, optional, default, description = param.groups()
        parameters.append(Parameter(pname, ptype, description, default, bool(optional)))
    return Query(
        name=(fields["name"] or [name])[0],
        text=text,
        description=" ".join(fields["description"]),
        parameters=tuple(parameters),
        examples=tuple(fields["example"]),
        path=path,
    )


def library(folder: Path = QUERY_DIR) -> dict[str, Query]:
    """Every query in ``folder`` by name, sorted."""
    queries = [parse_query(p.read_text(encoding="utf-8"), p.stem, p) for p in sorted(folder.glob("*.cypher"))]
    return {q.name: q for q in queries}


def find_query(name: str, folder: Path = QUERY_DIR) -> Query:
    """The library query ``name``, or a :class:`UsageError` listing the names."""
    queries = library(folder)
    if name not in queries:
        raise UsageError(f"no query named {name!r}; `kg query list` shows them: {', '.join(queries)}")
    return queries[name]


def read_query_file(path: Path) -> Query:
    """A query from a ``.cypher`` file given by the user."""
    if not path.is_file():
        raise UsageError(f"{path}: no such query file")
    return parse_query(path.read_text(encoding="utf-8"), path.stem, path)


def _strip_literals(text: str) -> str:
    """``text`` with comments, string literals and quoted names blanked out."""
    pattern = r"//[^\n]*|/\*.*?\*/|'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"|`[^`]*`"
    return re.sub(pattern, " ", text, flags=re.S)


def check_read_only(query: Query) -> None:
    """Raise :class:`UsageError` at the first clause that writes or procedure call that might.
    Runs before every query, so ``kg query`` refuses a write before it reaches the server (which
    refuses it too, in a read transaction)."""
    code = _strip_literals(query.text)
    for line_number, line in enumerate(code.splitlines(), start=1):
        for found in _WRITE_OR_CALL.finditer(line):
            procedure = found.group("procedure")
            if procedure is None:
                message = f"{found.group('clause').upper()} writes; analyst queries are read-only"
            elif procedure not in READ_PROCEDURES:
                message = (
                    f"procedure {procedure} is not on kg's read-only list ({', '.join(READ_PROCEDURES)})"
                )
            else:
                continue
            problem = Problem(str(query.path or query.name), line_number, found.start() + 1, message)
            raise UsageError(str(problem))


@dataclass
class QueryResult:
    """Column names and rows of plain values."""

    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)


def plain(value: Any) -> Any:
    """A result value as plain data: temporal values as ISO strings, nodes and relationships as
    their properties (with ``labels``/``type``), paths as lists of node ids."""
    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, GraphPath):
        return [node.get("id") for node in value.nodes]
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def run_query(
    driver: Driver, settings: Neo4jSettings, query: Query, parameters: dict[str, Any]
) -> QueryResult:
    """Run ``query`` in a read transaction and return its result as plain values."""
    check_read_only(query)

    def read(tx: ManagedTransaction) -> QueryResult:
        result = tx.run(query.text, parameters)
        return QueryResult(list(result.keys()), [[plain(v) for v in record.values()] for record in result])

    try:
        with driver.session(database=settings.database) as session:
            return session.execute_read(read)
    except ClientError as err:
        raise UsageError(f"query {query.name!r} failed: {err.message}") from None
    except DatabaseError as err:
        raise UsageError(f"query {query.name!r} failed on the server: {err.message}") from None


def format_result(result: QueryResult, fmt: str) -> str:
    """``result`` as ``csv`` or ``json`` text (tables are drawn by the CLI)."""
    if fmt == "json":
        records = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
        return json.dumps(records, ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        for row in result.rows:
            writer.writerow(
                [
                    spreadsheet_text(cell_text(v)) if isinstance(v, (str, list, dict)) else cell_text(v)
                    for v in row
                ]
            )
        return buffer.getvalue()
    raise UsageError(f"unknown format {fmt!r}; use table, csv or json")


def cell_text(value: Any) -> str:
    """A value for a table or CSV cell: lists joined with '; ', None empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)

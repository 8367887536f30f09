"""Read a case folder (``case.toml`` and one table per kind) into a validated :class:`Case`.

The format is documented in ``docs/case-format.md``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.case import Case, NodeRow, Origin, RelationshipRow
from kg.errors import InvalidInput, Problem, UsageError
from kg.gc_pause import paused_gc
from kg.ontology import (
    CASE_NODE_KINDS,
    NODE_ID,
    NODE_KIND_BY_LABEL,
    RELATIONSHIP_KINDS,
    Label,
    NodeKind,
    Property,
    RelationshipKind,
    ValueType,
    node_columns,
    relationship_columns,
)
from kg.sources.table_reader import TABLE_SUFFIXES, decode_utf8, read_table
from kg.validate import validate_case
from kg.values import LIST_SEPARATOR, Value, ValueProblem, is_missing, value_parser

METADATA_FILE = "case.toml"
CASE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
METADATA_KEYS = ("name", "title", "description", "sources")


def is_case_name(name: str) -> bool:
    """Whether ``name`` is a case name: lower-case letters, digits, ``-`` and ``_`` (so it is
    also a safe folder name)."""
    return CASE_NAME.fullmatch(name) is not None


SOURCE_KIND = NODE_KIND_BY_LABEL[Label.SOURCE]

Kind = NodeKind | RelationshipKind
KIND_BY_FILE_STEM: dict[str, Kind] = {
    kind.file_stem: kind for kind in (*CASE_NODE_KINDS, *RELATIONSHIP_KINDS)
}


@paused_gc()
def load_case(folder: str | Path) -> Case:
    """Read and validate the case folder ``folder``.

    Raises :class:`~kg.errors.InvalidInput` listing every problem found (as ``file:line:column``)
    and :class:`~kg.errors.UsageError` when the folder does not exist.

    >>> case = load_case("examples/hotton")
    >>> case.counts()["Officer"]
    21
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such case folder (a case is a folder holding case.toml)")
    problems: list[Problem] = []
    case = _read_metadata(folder, problems)
    metadata_ok = not problems
    for path in _table_files(folder, problems):
        _read_kind_file(path, case, problems)
    problems.extend(validate_case(case, check_sources=metadata_ok))
    if problems:
        raise InvalidInput(sorted(problems))
    return case


def _not_regular(path: Path) -> Problem | None:
    """A problem when ``path`` is a link or a special file: kg reads only regular files inside
    the case folder, never what a link points to (a file elsewhere, /proc, a device)."""
    if path.is_symlink() or not path.is_file():
        return Problem(
            str(path),
            0,
            0,
            "is a link or a special file; kg reads only regular files inside the case folder: copy the file in",
        )
    return None


def _table_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """The case folder's tables (``*.csv``, ``*.jsonl``; hidden files aside), in name order.
    Links and special files are problems and are never read; so is an extension in capitals,
    which would otherwise leave a table out unseen."""
    tables = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix.lower() not in TABLE_SUFFIXES:
            continue
        problem = _not_regular(path)
        if problem is None and path.suffix not in TABLE_SUFFIXES:
            problem = Problem(
                str(path), 0, 0, f"rename the file to end in {path.suffix.lower()} (lower case)"
            )
        if problem:
            problems.append(problem)
        else:
            tables.append(path)
    return tables


def _read_metadata(folder: Path, problems: list[Problem]) -> Case:
    path = folder / METADATA_FILE
    display = str(path)
    case = Case(name=folder.name, root=folder)
    case.nodes = {kind.label: [] for kind in (SOURCE_KIND, *CASE_NODE_KINDS)}
    case.relationships = {kind.type: [] for kind in RELATIONSHIP_KINDS}
    if not path.is_file():
        problems.append(
            Problem(
                display,
                0,
                0,
                'missing; a case folder needs case.toml with name = "…" and its [[sources]] (see docs/case-format.md)',
            )
        )
        return case
    linked = _not_regular(path)
    if linked:
        problems.append(linked)
        return case
    case.input_files.append(path)
    text, problem = decode_utf8(path.read_bytes(), display)
    if problem:
        problems.append(problem)
        return case
    try:
        meta = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        located = re.search(r"\(at line (\d+), column (\d+)\)", str(err))
        line, column = (int(located[1]), int(located[2])) if located else (0, 0)
        message = re.sub(r"\s*\(at .*\)$", "", str(err))
        problems.append(Problem(display, line, column, f"invalid TOML: {message}"))
        return case
    for key in meta.keys() - set(METADATA_KEYS):
        problems.append(
            Problem(
                display,
                _line_of(text, rf"{re.escape(key)}\s*="),
                1,
                f"unknown key {key!r}; known keys: {', '.join(METADATA_KEYS)}",
            )
        )
    name = meta.get("name")
    if not isinstance(name, str) or not is_case_name(name):
        problems.append(
            Problem(
                display,
                _line_of(text, r"name\s*="),
                1,
                'name must be lower-case letters, digits, "-" or "_", e.g. name = "hotton"',
            )
        )
    else:
        case.name = name
    case.title = str(meta.get("title", ""))
    case.description = str(meta.get("description", ""))
    case.nodes[Label.SOURCE] = _read_sources(meta.get("sources", []), text, display, problems)
    return case


def _line_of(text: str, pattern: str, occurrence: int = 0) -> int:
    """The line number of the ``occurrence``-th line matching ``pattern`` (0 when absent)."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if re.match(rf"\s*{pattern}", line)]
    return hits[occurrence] if occurrence < len(hits) else 0


def _read_sources(entries: Any, text: str, display: str, problems: list[Problem]) -> list[NodeRow]:
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        problems.append(Problem(display, _line_of(text, r"sources"), 1, "sources must be [[sources]] tables"))
        return []
    rows = []
    columns = (NODE_ID, *SOURCE_KIND.properties)
    for index, entry in enumerate(entries):
        line = _line_of(text, r"\[\[\s*sources\s*\]\]", index)
        origin = Origin(display, line, {p.name: 1 for p in columns})
        unknown = entry.keys() - {p.name for p in columns}
        for key in sorted(unknown):
            problems.append(
                Problem(
                    display,
                    line,
                    1,
                    f"[[sources]] has unknown key {key!r}; known keys: {', '.join(p.name for p in columns)}",
                )
            )
        values = _typed_values(
            _column_parsers(columns), {k: v for k, v in entry.items() if k not in unknown}, origin, problems
        )
        if "id" in values:
            node_id = str(values.pop("id"))
            if LIST_SEPARATOR in node_id:
                problems.append(
                    origin.problem(
                        f"a source id cannot contain {LIST_SEPARATOR!r}: lists of sources use it", "id"
                    )
                )
            rows.append(NodeRow(node_id, values, (node_id,), None, origin))
    return rows


def _read_kind_file(path: Path, case: Case, problems: list[Problem]) -> None:
    display = str(path)
    kind = KIND_BY_FILE_STEM.get(path.name.split(".")[0])
    if kind is None:
        known = ", ".join(sorted(KIND_BY_FILE_STEM))
        problems.append(
            Problem(
                display,
                0,
                0,
                f"file name matches no kind; name each table after its kind ({known}), optionally with a part: incident.extra.csv",
            )
        )
        return
    case.input_files.append(path)
    columns = node_columns(kind) if isinstance(kind, NodeKind) else relationship_columns(kind)
    table = read_table(path, display, [p.name for p in columns])
    problems.extend(table.problems)
    if table.header is not None:
        missing = [p.name for p in columns if p.required and p.name not in table.header]
        if missing:
            problems.append(Problem(display, 1, 0, f"missing required column(s): {', '.join(missing)}"))
            return
    identity = ("id",) if isinstance(kind, NodeKind) else ("start_id", "end_id")
    present = columns if table.header is None else tuple(p for p in columns if p.name in table.header)
    parsers = _column_parsers(present)  # a column the header lacks is empty in every row, and not required
    for record in table.records:
        origin = Origin(display, record.line, record.columns)
        values = _typed_values(parsers, record.values, origin, problems)
        if not all(name in values for name in identity):
            continue  # kept otherwise, even with bad values, so its id does not cascade into more problems
        _fill_dates(kind, values)
        sources = values.pop("sources", ())
        quote = values.pop("quote", None)
        if isinstance(kind, NodeKind):
            node = NodeRow(str(values.pop("id")), values, sources, quote, origin)  # type: ignore[arg-type]
            case.nodes[kind.label].append(node)
        else:
            rel_id = str(values.pop("id", ""))
            start, end = str(values.pop("start_id")), str(values.pop("end_id"))
            rel = RelationshipRow(rel_id, start, end, values, sources, quote, origin)  # type: ignore[arg-type]
            case.relationships[kind.type].append(rel)
    if isinstance(kind, RelationshipKind):
        _name_relationships(kind.type, case.relationships[kind.type])


ColumnParser = tuple[Property, Callable[[Any], Value]]


def _column_parsers(columns: tuple[Property, ...]) -> list[ColumnParser]:
    """Each column with its parser (:func:`~kg.values.value_parser`), remembering the values of
    columns that repeat them (dates, lists, numbers, booleans, choices), so that a table of many
    rows parses each distinct text once."""
    return [(prop, value_parser(prop) if prop.type is ValueType.STRING and not prop.choices else _remembering_parser(prop))
            for prop in columns]  # fmt: skip


def _remembering_parser(prop: Property) -> Callable[[Any], Value]:
    parse_one = value_parser(prop)
    memo: dict[str, Value] = {}

    def parse(raw: Any) -> Value:
        if type(raw) is not str:
            return parse_one(raw)
        if raw not in memo:
            memo[raw] = parse_one(raw)
        return memo[raw]

    return parse


def _typed_values(
    parsers: list[ColumnParser], raw: dict[str, Any], origin: Origin, problems: list[Problem]
) -> dict[str, Value]:
    """Parse one row's values by their properties; bad or missing ones are left out as problems."""
    values: dict[str, Value] = {}
    for prop, parse in parsers:
        value = raw.get(prop.name)
        if is_missing(value):
            if prop.required:
                problems.append(origin.problem(f"missing required value for {prop.name!r}", prop.name))
            continue
        try:
            values[prop.name] = parse(value)
        except ValueProblem as err:
            problems.append(origin.problem(f"{prop.name}: {err}", prop.name))
    return values


def _fill_dates(kind: Kind, values: dict[str, Value]) -> None:
    """Fill a date property from the datetime it is the date of, when left empty."""
    for prop in kind.properties:
        if prop.date_of and prop.name not in values and prop.date_of in values:
            values[prop.name] = str(values[prop.date_of])[:10]


def _name_relationships(rel_type: str, rows: list[RelationshipRow]) -> None:
    """Give relationships without an id a stable one: ``start-TYPE-end``, then ``#2``, ``#3``…"""
    seen: dict[str, int] = {}
    for row in rows:
        if not row.id:
            base = f"{row.start_id}-{rel_type}-{row.end_id}"
            seen[base] = seen.get(base, 0) + 1
            row.id = base if seen[base] == 1 else f"{base}#{seen[base]}"

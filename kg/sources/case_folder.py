"""Read a case folder (``case.toml`` and one table per kind) into a validated :class:`Case`.

The format is documented in ``docs/case-format.md``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from functools import partial
from itertools import repeat
from pathlib import Path
from sys import intern
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
    node_columns,
    relationship_columns,
)
from kg.progress import BYTES, Step, no_progress
from kg.sources.table_reader import TABLE_SUFFIXES, Table, decode_utf8, read_table
from kg.validate import validate_case
from kg.values import LIST_SEPARATOR, Value, ValueProblem, is_missing, is_plain_text, value_parser

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
def load_case(folder: str | Path, step: Step = no_progress) -> Case:
    """Read and validate the case folder ``folder``, a phase ``step`` hears of (counted in bytes
    of its tables).

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
    tables = {path: path.stat().st_size for path in _table_files(folder, problems)}
    advance = step("reading and checking the case", sum(tables.values()), BYTES)
    for path, size in tables.items():
        _read_kind_file(path, case, problems)
        advance(size)
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
    columns = (NODE_ID, *SOURCE_KIND.properties)
    names = tuple(p.name for p in columns)
    positions = {name: 1 for name in names}
    origins = [
        Origin(display, _line_of(text, r"\[\[\s*sources\s*\]\]", index), positions)
        for index in range(len(entries))
    ]
    for entry, origin in zip(entries, origins, strict=True):
        problems.extend(
            Problem(
                display,
                origin.line,
                1,
                f"[[sources]] has unknown key {key!r}; known keys: {', '.join(names)}",
            )
            for key in sorted(entry.keys() - set(names))
        )
    table = Table(
        lines=[origin.line for origin in origins],
        columns={name: [entry.get(name) for entry in entries] for name in names},
        positions=[positions] * len(entries),
        problems=[],
    )
    parsed = _parsed_columns(columns, table, origins, problems)
    ids = parsed.pop("id")
    properties = tuple(parsed)
    rows = []
    for origin, node_id, values in zip(origins, ids, zip(*parsed.values(), strict=True), strict=True):
        if node_id is None:
            continue
        if LIST_SEPARATOR in node_id:
            problems.append(
                origin.problem(
                    f"a source id cannot contain {LIST_SEPARATOR!r}: lists of sources use it", "id"
                )
            )
        rows.append(NodeRow(node_id, _present(properties, values), (node_id,), None, origin))
    return rows


IDENTITY_COLUMNS = ("id", "start_id", "end_id", "sources", "quote")
"""Columns a row keeps outside its properties."""


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
    origins = [Origin(display, line, at) for line, at in zip(table.lines, table.positions, strict=True)]
    parsed = _parsed_columns(columns, table, origins, problems)
    identity = {name: parsed.pop(name, None) or [None] * len(origins) for name in IDENTITY_COLUMNS}
    for name in ("id",) if isinstance(kind, NodeKind) else ("start_id", "end_id"):
        # one string for each node id, however many rows name it (a large case's ends repeat them)
        identity[name] = [node_id if node_id is None else intern(node_id) for node_id in identity[name]]
    filled = {name: values for name, values in parsed.items() if values.count(None) < len(values)}
    # a column without values adds to no row, and a table without any gives each row an empty dict
    if filled:
        properties = map(
            partial(_present, tuple(filled), dated=_date_pairs(kind)), zip(*filled.values(), strict=True)
        )
    else:
        properties = ({} for _ in origins)
    rows = zip(origins, properties, *identity.values(), strict=True)
    if isinstance(kind, NodeKind):
        case.nodes[kind.label].extend(
            NodeRow(node_id, found, sources or (), quote, origin)
            for origin, found, node_id, _, _, sources, quote in rows
            if node_id is not None  # a row without its id is left out (its problem is reported)
        )
    else:
        found_rows = case.relationships[kind.type]
        found_rows.extend(
            RelationshipRow(rel_id or "", start, end, found, sources or (), quote, origin)
            for origin, found, rel_id, start, end, sources, quote in rows
            if start is not None and end is not None
        )
        _name_relationships(kind.type, found_rows)


DatePairs = tuple[tuple[str, str], ...]


def _present(
    names: tuple[str, ...], values: tuple[Value | None, ...], dated: DatePairs = ()
) -> dict[str, Value]:
    """A row's properties: its values that are there, with each empty date filled from the
    datetime it is the date of (``dated``: date and datetime property names)."""
    found = {name: value for name, value in zip(names, values, strict=True) if value is not None}
    for day, moment in dated:
        if day not in found and moment in found:
            found[day] = str(found[moment])[:10]
    return found


def _date_pairs(kind: Kind) -> DatePairs:
    """The date properties of ``kind`` that are the dates of datetime properties, with them."""
    return tuple((prop.name, prop.date_of) for prop in kind.properties if prop.date_of)


def _parsed_columns(
    columns: tuple[Property, ...], table: Table, origins: list[Origin], problems: list[Problem]
) -> dict[str, list[Value | None]]:
    """Each column the table has (or that is required) parsed by its property
    (:func:`~kg.values.value_parser`): None where a value is missing or bad, and a problem for
    each bad value and each missing required one."""
    parsed: dict[str, list[Value | None]] = {}
    for prop in columns:
        raw = table.columns.get(prop.name)
        if raw is None and not prop.required:
            continue
        if raw is None:
            values: list[Value | None] = [None] * len(origins)
        elif table.all_text and table.exportable and is_plain_text(prop):
            values = (
                [text if text.strip() else None for text in raw]
                if prop.verbatim
                else [text.strip() or None for text in raw]
            )
        elif table.all_text:
            values = _parsed_texts(prop, raw, origins, problems)
        else:
            parse = value_parser(prop)
            values = [
                _parsed_value(prop, parse, value, origin, problems)
                for value, origin in zip(raw, origins, strict=True)
            ]
        if prop.required:
            problems.extend(
                origin.problem(f"missing required value for {prop.name!r}", prop.name)
                for value, origin, given in zip(values, origins, raw or repeat(None), strict=False)
                if value is None and is_missing(given)
            )
        parsed[prop.name] = values
    return parsed


def _parsed_texts(
    prop: Property, raw: list[str], origins: list[Origin], problems: list[Problem]
) -> list[Value | None]:
    """A column of CSV text parsed one distinct text at a time (dates, lists, numbers and
    choices repeat), with a problem at each row whose text is bad."""
    parse = value_parser(prop)
    wrong: dict[str, str] = {}
    by_text: dict[str, Value | None] = {}
    for text in set(raw):
        if not text.strip():
            by_text[text] = None
            continue
        try:
            by_text[text] = parse(text)
        except ValueProblem as err:
            by_text[text], wrong[text] = None, str(err)
    if wrong:
        problems.extend(origin.problem(f"{prop.name}: {wrong[text]}", prop.name)
                        for text, origin in zip(raw, origins, strict=True) if text in wrong)  # fmt: skip
    return [by_text[text] for text in raw]


def _parsed_value(
    prop: Property, parse: Callable[[Any], Value], raw: Any, origin: Origin, problems: list[Problem]
) -> Value | None:
    if is_missing(raw):
        return None
    try:
        return parse(raw)
    except ValueProblem as err:
        problems.append(origin.problem(f"{prop.name}: {err}", prop.name))
        return None


def _name_relationships(rel_type: str, rows: list[RelationshipRow]) -> None:
    """Give relationships without an id a stable one: ``start-TYPE-end``, then ``#2``, ``#3``…"""
    seen: dict[str, int] = {}
    for row in rows:
        if not row.id:
            base = f"{row.start_id}-{rel_type}-{row.end_id}"
            seen[base] = seen.get(base, 0) + 1
            row.id = base if seen[base] == 1 else f"{base}#{seen[base]}"

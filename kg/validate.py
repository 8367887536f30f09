"""Checks across rows of a Case: unique ids, relationship ends, sources, time spans.

Row-level checks (columns, types, choices) happen as a source adapter builds the Case; these are
the checks that need the whole case, and they apply to a Case from any adapter.
"""

from __future__ import annotations

from collections.abc import Mapping
from operator import attrgetter

from kg.case import Case, NodeRow, Origin, RelationshipRow
from kg.errors import Problem
from kg.ontology import NODE_KIND_BY_LABEL, RELATIONSHIP_KIND_BY_TYPE, Label, NodeKind, RelationshipKind


def validate_case(case: Case, *, check_sources: bool = True) -> list[Problem]:
    """Every cross-row problem in ``case``: duplicate ids, dangling or mistyped ends, unknown
    sources, spans that end before they start and dates that contradict their datetimes.

    ``check_sources=False`` skips the source check (when the sources themselves could not be read).
    """
    problems: list[Problem] = []
    source_ids = [row.id for row in case.nodes.get(Label.SOURCE, [])]
    known_sources = set(source_ids) if check_sources else None
    problems.extend(_duplicate_problems(case.nodes, "id"))
    # each id's label, from the first row that has it (read backwards, so the first is written last)
    label_of = {row.id: label for label, rows in reversed(case.nodes.items()) for row in reversed(rows)}
    for label, rows in case.nodes.items():
        problems.extend(_row_problems(NODE_KIND_BY_LABEL[label], rows, label, known_sources, source_ids))
    problems.extend(_duplicate_problems(case.relationships, "relationship id"))
    for rel_type, rels in case.relationships.items():
        kind = RELATIONSHIP_KIND_BY_TYPE[rel_type]
        problems.extend(_end_problems(kind, rels, label_of))
        problems.extend(_row_problems(kind, rels, rel_type, known_sources, source_ids))
    return problems


def _duplicate_problems(
    tables: Mapping[str, list[NodeRow]] | Mapping[str, list[RelationshipRow]], what: str
) -> list[Problem]:
    """A problem at each row of ``tables`` (rows by kind) whose id an earlier row has."""
    ids = [row.id for rows in tables.values() for row in rows]
    if len(set(ids)) == len(ids):
        return []
    problems = []
    first_at: dict[str, Origin | None] = {}
    for kind, rows in tables.items():
        for row in rows:
            if row.id in first_at:
                problems.append(
                    _at(row, kind, f"duplicate {what} {row.id!r}; {_first(first_at[row.id])}", "id")
                )
            else:
                first_at[row.id] = row.origin
    return problems


def _at(row: NodeRow | RelationshipRow, kind: str, message: str, column: str | None = None) -> Problem:
    if row.origin is None:
        return Problem(f"<{kind} {row.id}>", 0, 0, message)
    return row.origin.problem(message, column)


def _first(origin: Origin | None) -> str:
    return f"first defined at {origin.file}:{origin.line}" if origin else "defined twice"


def _end_problems(
    kind: RelationshipKind, rels: list[RelationshipRow], label_of: dict[str, str]
) -> list[Problem]:
    """Relationships whose start or end is not a node of the case, or not one of the kinds
    ``kind`` joins."""
    problems = []
    for column, allowed, verb in (("start_id", kind.starts, "start"), ("end_id", kind.ends, "end")):
        end_of = attrgetter(column)
        if set(map(label_of.get, map(end_of, rels))).issubset(allowed):
            continue  # the usual case: every end is a node of an allowed kind
        for rel in rels:
            node_id = end_of(rel)
            found = label_of.get(node_id)
            if found is None:
                problems.append(
                    _at(rel, kind.type, f"{column} {node_id!r} is not a node in this case", column)
                )
            elif found not in allowed:
                problems.append(
                    _at(rel, kind.type, f"{kind.type} cannot {verb} at {found} {node_id!r}; it {verb}s at {' or '.join(allowed)}", column)
                )  # fmt: skip
    return problems


def _cited(rows: list[NodeRow] | list[RelationshipRow]) -> set[str]:
    """Every source ``rows`` cite (rows share their lists of sources: each list is read once)."""
    return {source for sources in set(map(attrgetter("sources"), rows)) for source in sources}


def _row_problems(
    kind: NodeKind | RelationshipKind,
    rows: list[NodeRow] | list[RelationshipRow],
    name: str,
    known_sources: set[str] | None,
    source_ids: list[str],
) -> list[Problem]:
    """Unknown sources (unless ``known_sources`` is None), spans that end before they start, and
    dates that are not the date of their datetime, in ``rows`` of ``kind``."""
    problems = []
    if known_sources is not None and not _cited(rows) <= known_sources:
        declared = ", ".join(source_ids) or "none"
        problems.extend(
            _at(row, name, f"unknown source {source!r}; case.toml declares: {declared}", "sources")
            for row in rows
            for source in row.sources
            if source not in known_sources
        )
    if kind.start and kind.end:
        for row in rows:
            start, end = row.properties.get(kind.start), row.properties.get(kind.end)
            if isinstance(start, str) and isinstance(end, str):
                width = min(len(start), len(end))
                if end[:width] < start[:width]:
                    problems.append(
                        _at(row, name, f"{kind.end} {end} is before {kind.start} {start}", kind.end)
                    )
    for prop in kind.properties:
        if not prop.date_of:
            continue
        for row in rows:
            day, moment = row.properties.get(prop.name), row.properties.get(prop.date_of)
            if isinstance(day, str) and isinstance(moment, str) and not moment.startswith(day):
                problems.append(
                    _at(row, name, f"{prop.name} {day} is not the date of {prop.date_of} {moment}", prop.name)
                )
    return problems

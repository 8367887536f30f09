"""Checks across rows of a Case: unique ids, relationship ends, sources, time spans.

Row-level checks (columns, types, choices) happen as a source adapter builds the Case; these are
the checks that need the whole case, and they apply to a Case from any adapter.
"""

from __future__ import annotations

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
    known_sources = set(source_ids)
    node_at: dict[str, tuple[str, Origin | None]] = {}
    for label, row in case.iter_nodes():
        if row.id in node_at:
            problems.append(_at(row, label, f"duplicate id {row.id!r}; {_first(node_at[row.id][1])}", "id"))
        else:
            node_at[row.id] = (label, row.origin)
        problems.extend(
            _row_problems(NODE_KIND_BY_LABEL[label], row, label, known_sources, source_ids, check_sources)
        )
    rel_at: dict[str, Origin | None] = {}
    for rel_type, rel in case.iter_relationships():
        if rel.id in rel_at:
            problems.append(
                _at(rel, rel_type, f"duplicate relationship id {rel.id!r}; {_first(rel_at[rel.id])}", "id")
            )
        else:
            rel_at[rel.id] = rel.origin
        kind = RELATIONSHIP_KIND_BY_TYPE[rel_type]
        problems.extend(_end_problems(kind, rel, node_at))
        problems.extend(_row_problems(kind, rel, rel_type, known_sources, source_ids, check_sources))
    return problems


def _at(row: NodeRow | RelationshipRow, kind: str, message: str, column: str | None = None) -> Problem:
    if row.origin is None:
        return Problem(f"<{kind} {row.id}>", 0, 0, message)
    return row.origin.problem(message, column)


def _first(origin: Origin | None) -> str:
    return f"first defined at {origin.file}:{origin.line}" if origin else "defined twice"


def _end_problems(
    kind: RelationshipKind, rel: RelationshipRow, node_at: dict[str, tuple[str, Origin | None]]
) -> list[Problem]:
    problems = []
    for column, node_id, allowed, verb in (
        ("start_id", rel.start_id, kind.starts, "start"),
        ("end_id", rel.end_id, kind.ends, "end"),
    ):
        found = node_at.get(node_id)
        if found is None:
            problems.append(_at(rel, kind.type, f"{column} {node_id!r} is not a node in this case", column))
        elif found[0] not in allowed:
            problems.append(
                _at(
                    rel,
                    kind.type,
                    f"{kind.type} cannot {verb} at {found[0]} {node_id!r}; it {verb}s at {' or '.join(allowed)}",
                    column,
                )  # fmt: skip
            )
    return problems


def _row_problems(
    kind: NodeKind | RelationshipKind,
    row: NodeRow | RelationshipRow,
    name: str,
    known_sources: set[str],
    source_ids: list[str],
    check_sources: bool,
) -> list[Problem]:
    problems = []
    for source in row.sources if check_sources else ():
        if source not in known_sources:
            declared = ", ".join(source_ids) or "none"
            problems.append(
                _at(row, name, f"unknown source {source!r}; case.toml declares: {declared}", "sources")
            )
    values = row.properties
    start, end = values.get(kind.start or ""), values.get(kind.end or "")
    if isinstance(start, str) and isinstance(end, str):
        width = min(len(start), len(end))
        if end[:width] < start[:width]:
            problems.append(_at(row, name, f"{kind.end} {end} is before {kind.start} {start}", kind.end))
    for prop in kind.properties:
        day, moment = values.get(prop.name), values.get(prop.date_of or "")
        if isinstance(day, str) and isinstance(moment, str) and not moment.startswith(day):
            problems.append(
                _at(row, name, f"{prop.name} {day} is not the date of {prop.date_of} {moment}", prop.name)
            )
    return problems

"""Result tables: named, titled, with plain cell values that write the same way to CSV and JSON."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Any

Cell = str | int | float | bool | list[str] | None
DECIMALS = 6
_PLAIN = frozenset({str, int, bool, type(None)})
"""Types whose values are already plain cells (checked first: most cells are these)."""


def reported(value: float) -> float:
    """``value`` as the tables write it (rounded to :data:`DECIMALS`): rank by this, then by id,
    so that numerical noise below what is reported (a sum taken in another order: igraph's
    vectorised loops can differ from run to run in the last bits) never reorders a table."""
    return round(value, DECIMALS)


def cell(value: Any) -> Cell:
    """A plain value: dates as ISO text, sequences as lists of text, floats rounded."""
    if type(value) in _PLAIN:
        return value
    if isinstance(value, float):  # numpy's float64 too
        return round(value, DECIMALS)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list | set | frozenset):
        return [v if type(v) is str else str(cell(v)) for v in value]
    return value


@dataclass(frozen=True)
class Table:
    """A result table: ``name`` is its file stem, ``description`` says how to read it."""

    name: str
    title: str
    description: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def as_json(self) -> dict[str, Any]:
        return {"title": self.title, "description": self.description, "columns": list(self.columns),
                "rows": [list(r) for r in self.rows]}  # fmt: skip

    def column(self, name: str) -> list[Cell]:
        """The values of one column."""
        i = self.columns.index(name)
        return [row[i] for row in self.rows]


NAMED_COLUMNS = ("officer", "supervisor", "participant", "candidate")
"""Columns holding officer ids; each gets a ``…_name`` column beside it."""


def table_columns(row_type: type, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The columns of a table of ``row_type`` rows: its fields, then the ``extra`` computed
    columns, a ``…_name`` column after each officer id column."""
    columns: list[str] = []
    for field in [*(f.name for f in dataclasses.fields(row_type)), *extra]:
        columns.append(field)
        if field in NAMED_COLUMNS:
            columns.append(f"{field}_name")
    return tuple(columns)


def table_of(
    name: str,
    title: str,
    description: str,
    row_type: type,
    items: Iterable[Any],
    names: Mapping[str, str],
    extra: Mapping[str, Callable[[Any], Any]] | None = None,
) -> Table:
    """A table of ``row_type`` dataclass instances (columns: :func:`table_columns`)."""
    extra = extra or {}
    fields = [*(f.name for f in dataclasses.fields(row_type)), *extra]
    columns = [(extra.get(field, attrgetter(field)), field in NAMED_COLUMNS) for field in fields]
    rows = []
    for item in items:
        row: list[Cell] = []
        for value_of, named in columns:
            value = value_of(item)
            row.append(value if type(value) in _PLAIN else cell(value))
            if named:
                row.append(names.get(value, "") if isinstance(value, str) else "")
        rows.append(tuple(row))
    return Table(name, title, description, table_columns(row_type, extra), tuple(rows))

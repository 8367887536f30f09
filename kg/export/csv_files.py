"""Write CSV files the same way everywhere: UTF-8, ``\\n`` line ends, minimal quoting.

Two kinds of CSV leave kg. Files meant for spreadsheets (``nodes.csv``, ``relationships.csv``,
the analysis tables, an import's summary and rejected rows, ``kg query run --format csv``)
have every text cell that a spreadsheet would run as a formula (one starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) written with a leading ``'``, which spreadsheets show
as text. Files read back by software (a case folder's tables, the ``neo4j-admin`` import files)
keep every value exactly.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from kg.values import to_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: Any) -> str:
    """``value`` as a cell a spreadsheet shows and never runs: a text that would start a
    formula gets a leading ``'``; numbers, booleans and None are written as they are."""
    text = _exact_text(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


AS_WRITTEN = frozenset({int, float, type(None)})
"""Cell types the csv module writes as :func:`to_text` would (None as an empty cell), so they
pass to it unchanged."""
EXACT = AS_WRITTEN | {str}
"""Cell types passed unchanged where values are kept exactly."""


def write_csv(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]], *, for_spreadsheets: bool
) -> Path:
    """Write ``rows`` under ``header``; None becomes an empty cell, other values :func:`to_text`,
    and, ``for_spreadsheets``, formula-like text is neutralised (:func:`spreadsheet_text`)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        if for_spreadsheets:
            for row in rows:
                writer.writerow([
                    value if type(value) in AS_WRITTEN or (type(value) is str and not value.startswith(FORMULA_STARTS))
                    else spreadsheet_text(value)
                    for value in row
                ])  # fmt: skip
        else:
            for row in rows:
                writer.writerow([value if type(value) in EXACT else _exact_text(value) for value in row])
    return path


def _exact_text(value: Any) -> str:
    if type(value) is str:  # most cells: no conversion
        return value
    return "" if value is None else to_text(value)

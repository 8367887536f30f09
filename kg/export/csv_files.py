"""Write CSV files the same way everywhere: UTF-8, ``\\n`` line ends, minimal quoting."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from kg.values import to_text


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Path:
    """Write ``rows`` under ``header``; None becomes an empty cell, other values :func:`to_text`."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if value is None else to_text(value) for value in row])
    return path

"""Fractions of a CPDP extract for the scale benchmark: a share of the officers (chosen by a hash
of their key, so the same fraction is always the same officers) and every row that refers to
them — their allegations and witness rows, the complaints those name, their unit history."""

from __future__ import annotations

import csv
import gzip
import hashlib
from pathlib import Path


def kept(officer_key: str, fraction: float) -> bool:
    """Whether an officer is in the first ``fraction`` of officers by hash."""
    digest = hashlib.sha256(officer_key.encode()).digest()
    return int.from_bytes(digest[:8], "big") < fraction * 2**64


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        return next(reader), list(reader)


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with gzip.open(path, "wt", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_slice(source: Path, target: Path, fraction: float) -> Path:
    """Write the ``fraction`` slice of the extract in ``source`` to ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    complaints: set[str] = set()
    for stem in ("officers", "unit_history", "accused", "officer_witnesses"):
        header, rows = _read(source / f"{stem}.csv.gz")
        column = header.index("officer_key")
        chosen = [r for r in rows if kept(r[column], fraction)]
        if "cr_id" in header:
            complaints |= {r[header.index("cr_id")] for r in chosen}
        _write(target / f"{stem}.csv.gz", header, chosen)
    header, rows = _read(source / "complaints.csv.gz")
    _write(target / "complaints.csv.gz", header, [r for r in rows if r[0] in complaints])
    return target

"""Reading one JSON Lines row with many keys: time against the number of keys, to show the
reader stays linear (it was quadratic: a 1 MB line took 25 s).

For each size, a line of that many unknown keys (each a located problem) is read ``--repeats``
times; the table gives the median and the ratio to the previous size (about 2 for linear
growth when the size doubles, about 4 for quadratic).

    python -m benchmarks.bench_readers [--repeats 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from kg.sources.table_reader import read_table

SIZES = (5_000, 10_000, 20_000, 40_000)


def median_seconds(path: Path, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        read_table(path, str(path), ("id", "name", "sources"))
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    table = Table(title=f"One JSON Lines row with many keys (median of {args.repeats})")
    for column in ("keys", "bytes", "seconds", "× previous size"):
        table.add_column(column, justify="right")
    previous = None
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            path = Path(folder) / "officer.jsonl"
            path.write_text(json.dumps({f"key{n:06d}": n for n in range(size)}) + "\n", encoding="utf-8")
            seconds = median_seconds(path, args.repeats)
            ratio = "—" if previous is None else f"{seconds / previous:.1f}"
            table.add_row(f"{size:,}", f"{path.stat().st_size:,}", f"{seconds:.3f}", ratio)
            previous = seconds
    Console(width=100).print(table)


if __name__ == "__main__":
    main()

"""The importer contract: what every importer reports, and the one writer they all use.

An importer (one module in ``kg/sources/``, see docs/writing-an-importer.md) reads another
record format and transforms it into a :class:`~kg.case.Case`, recording in an
:class:`ImportReport` every row it read, rejected (with the reason) or used with a caveat.
:func:`write_import` then writes the case folder all or nothing: into a staging folder, checked
with the same checks as ``kg validate``, then swapped in whole, so an earlier import leaves no
stale file behind. A folder that is not an earlier import by the same importer is never
overwritten unless the caller says ``replace``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.case import Case
from kg.errors import InvalidInput, Problem, UsageError
from kg.export.csv_files import write_csv
from kg.progress import Step, no_progress
from kg.sources.case_folder import load_case
from kg.sources.case_writer import rows_written, write_case
from kg.staging import swapped_folder

IMPORT_FOLDER = "import"
"""The sub-folder of an imported case that says how it was made."""
MARKER = "importer.json"
"""``import/importer.json``: which importer wrote the folder (``{"importer": "cpdp"}``)."""


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One row of an input file: where it stood, the values the importer uses (by column name,
    trimmed) and the row's cells exactly as read."""

    file: str
    line: int
    values: Mapping[str, str]
    cells: Sequence[str]

    def __getitem__(self, column: str) -> str:
        return self.values[column]


@dataclass
class ImportReport:
    """What an import read, rejected and used with a caveat, per input file."""

    importer: str
    """The importer's name, as in ``kg import NAME``."""
    files: tuple[str, ...]
    """The input files (stems), in the order the summary lists them."""
    rows: Counter = field(default_factory=Counter)
    """Rows read per file."""
    rejected: Counter = field(default_factory=Counter)
    """Rows rejected per (file, reason)."""
    notes: Counter = field(default_factory=Counter)
    """Rows used with a caveat per (file, note)."""
    headers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Each input file's header, as read."""
    rejected_rows: dict[str, list[tuple[int, str, Sequence[str]]]] = field(default_factory=dict)
    """(line, reason, cells) of every rejected row, per file."""

    def read(self, file: str) -> None:
        self.rows[file] += 1

    def reject(self, row: SourceRow, reason: str) -> None:
        self.rejected[row.file, reason] += 1
        self.rejected_rows.setdefault(row.file, []).append((row.line, reason, row.cells))

    def note(self, file: str, note: str, count: int = 1) -> None:
        self.notes[file, note] += count

    def summary_rows(self) -> list[tuple[str, str, int]]:
        """``(file, what, rows)``: rows read, then each rejection reason and caveat, per file."""
        rows = []
        for stem in self.files:
            rows.append((stem, "read", self.rows[stem]))
            rows += [(stem, f"rejected: {r}", n) for (f, r), n in sorted(self.rejected.items()) if f == stem]
            rows += [(stem, f"used: {note}", n) for (f, note), n in sorted(self.notes.items()) if f == stem]
        return rows


@dataclass
class ImportResult:
    """What an import wrote."""

    case: Case
    report: ImportReport
    out: Path
    files: list[Path]


def write_import(
    case: Case,
    report: ImportReport,
    out: str | Path,
    *,
    replace: bool = False,
    extra: Mapping[str, str] | None = None,
    step: Step = no_progress,
) -> ImportResult:
    """Write ``case`` as a case folder at ``out``, with ``import/summary.csv`` (rows read,
    rejected by reason, used with a caveat), ``import/rejected/<file>.csv`` (each rejected row:
    its line, the reason, then its cells under the input file's own header) and
    ``import/importer.json``; ``extra`` adds text files by name (e.g. a simulation's ground truth).

    All or nothing: the folder is written beside ``out``, validated as ``kg validate`` would
    (problems are raised as :class:`~kg.errors.InvalidInput` naming the files as they would be
    at ``out``), then swapped in whole. ``out`` must be missing, empty or an earlier import by
    the same importer, unless ``replace``. Writing and checking are phases ``step`` hears of.
    """
    target = Path(out)
    _check_target(target, report.importer, replace)
    with swapped_folder(target) as stage:
        advance = step("writing the case folder", rows_written(case.nodes, case.relationships), "rows")
        files = write_case(case, stage, advance)
        meta = stage / IMPORT_FOLDER
        meta.mkdir()
        files.append(
            write_csv(
                meta / "summary.csv", ["file", "what", "rows"], report.summary_rows(), for_spreadsheets=True
            )
        )
        for stem, rejected in sorted(report.rejected_rows.items()):
            header = ["line", "reason", *report.headers.get(stem, ())]
            rows = ([line, reason, *cells] for line, reason, cells in rejected)
            (meta / "rejected").mkdir(exist_ok=True)
            files.append(write_csv(meta / "rejected" / f"{stem}.csv", header, rows, for_spreadsheets=True))
        for name, text in sorted((extra or {}).items()):
            (stage / name).write_text(text, encoding="utf-8")
            files.append(stage / name)
        marker = meta / MARKER
        marker.write_text(json.dumps({"importer": report.importer}) + "\n", encoding="utf-8")
        files.append(marker)
        check_staged(stage, target, step)
        names = sorted(p.relative_to(stage) for p in files)
    return ImportResult(case, report, target, [target / n for n in names])


def earlier_importer(folder: Path) -> str | None:
    """The importer that wrote ``folder``, when it is an import; otherwise None."""
    try:
        return str(json.loads((folder / IMPORT_FOLDER / MARKER).read_text(encoding="utf-8"))["importer"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _check_target(target: Path, importer: str, replace: bool) -> None:
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target}: is a file; give a folder to write the case into")
    if replace or not target.exists() or not any(target.iterdir()):
        return
    earlier = earlier_importer(target)
    if earlier != importer:
        what = f"an import by kg import {earlier}" if earlier else "not an earlier kg import"
        raise UsageError(
            f"{target}: not empty and {what}; choose an empty or new folder, or add --replace to overwrite it"
        )


def check_staged(stage: Path, target: Path, step: Step = no_progress) -> None:
    """Check the staged folder as ``kg validate`` would, naming files as they will be at ``target``
    (a phase ``step`` hears of)."""
    try:
        load_case(stage, step)
    except InvalidInput as err:
        moved = [
            Problem(str(target / Path(p.file).relative_to(stage)), p.line, p.column, p.message)
            for p in err.problems
        ]
        raise InvalidInput(moved) from None

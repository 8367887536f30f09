"""Read CSV and JSON Lines tables column by column, remembering where each row and value stood."""

from __future__ import annotations

import csv
import difflib
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import Problem
from kg.values import has_unsafe_character

TABLE_SUFFIXES = (".csv", ".jsonl")


@dataclass
class Table:
    """The rows of one file, column by column, and the problems found reading it."""

    lines: list[int]
    """The line each row starts on."""
    columns: dict[str, list[Any]]
    """Each column's raw values, one per row (None where a JSON Lines row lacks the key)."""
    positions: list[Mapping[str, int]]
    """Per row, the column (1-based) each name stood in; CSV rows share one mapping."""
    problems: list[Problem]
    header: tuple[str, ...] | None = None
    """The CSV header; None for JSON Lines, whose keys vary by line."""
    all_text: bool = False
    """True when every value is a string (CSV)."""
    exportable: bool = False
    """True when the file holds no character an export cannot carry (so no text value needs
    checking for one)."""


def _empty(problems: list[Problem]) -> Table:
    return Table([], {}, [], problems)


def read_table(path: Path, display: str, known_columns: Iterable[str]) -> Table:
    """Read a ``.csv`` or ``.jsonl`` file, checking encoding, emptiness and column names.

    ``display`` names the file in problems. Columns not in ``known_columns`` are problems.
    """
    data = path.read_bytes()
    text, problem = decode_utf8(data, display)
    if problem:
        return _empty([problem])
    if not text.strip():
        hint = "a header row" if path.suffix == ".csv" else "one JSON object per line"
        return _empty([Problem(display, 1, 1, f"file is empty; it needs {hint}, or delete it")])
    known = tuple(known_columns)
    reader = _read_csv if path.suffix == ".csv" else _read_jsonl
    return reader(text, display, known)


def decode_utf8(data: bytes, display: str) -> tuple[str, Problem | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        byte = data[err.start : err.start + 1].hex()
        message = f"not valid UTF-8 (byte 0x{byte}); save the file with UTF-8 encoding"
        return "", Problem(display, line, column, message)


def _unknown_column(display: str, line: int, column: int, name: str, known: tuple[str, ...]) -> Problem:
    close = difflib.get_close_matches(name, known, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return Problem(display, line, column, f"unknown column {name!r}{hint}; known columns: {', '.join(known)}")


QUICK_BYTES = 1 << 20
"""Texts of at least this many characters are read by pandas' C reader when they qualify
(:func:`_quote_free_columns`); smaller ones do not pay for importing pandas."""


def _read_csv(text: str, display: str, known: tuple[str, ...]) -> Table:
    problems: list[Problem] = []
    exportable = not has_unsafe_character(text)
    quick = _quote_free_columns(text) if exportable and len(text) >= QUICK_BYTES else None
    if quick is not None:
        raw_header, values = quick
        header = _checked_header(raw_header, display, known, problems)
        columns = dict(zip(header, values, strict=True))
        lines = list(range(2, len(values[0]) + 2))
    else:
        header, columns, lines = _read_csv_rows(text, display, known, problems)
    positions = {name: number for number, name in enumerate(header, start=1)}
    return Table(
        lines,
        columns,
        [positions] * len(lines),
        problems,
        tuple(header),
        all_text=True,
        exportable=exportable,
    )


def _checked_header(
    raw: list[str], display: str, known: tuple[str, ...], problems: list[Problem]
) -> list[str]:
    """The column names of a header row, with a problem for each unknown or repeated one."""
    header = [name.strip() for name in raw]
    for number, name in enumerate(header, start=1):
        if name not in known:
            problems.append(_unknown_column(display, 1, number, name, known))
        elif header.index(name) != number - 1:
            problems.append(Problem(display, 1, number, f"column {name!r} appears twice"))
    return header


def _read_csv_rows(
    text: str, display: str, known: tuple[str, ...], problems: list[Problem]
) -> tuple[list[str], dict[str, list[str]], list[int]]:
    """The header, columns and row lines of any CSV text, read row by row with the csv module."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    header: list[str] = []
    try:
        header = _checked_header(next(reader), display, known, problems)
        line = reader.line_num + 1
        for fields in reader:
            if "".join(fields).strip():
                if len(fields) != len(header):
                    problems.append(
                        Problem(
                            display,
                            line,
                            min(len(fields), len(header)) + 1,
                            f"row has {len(fields)} values but the header has {len(header)} columns",
                        )  # fmt: skip
                    )
                else:
                    rows.append(fields)
                    lines.append(line)
            line = reader.line_num + 1
    except csv.Error as err:
        problems.append(Problem(display, reader.line_num, 0, f"malformed CSV: {err}"))
    by_column = zip(*rows, strict=True) if rows else ([] for _ in header)
    return header, {name: list(values) for name, values in zip(header, by_column, strict=True)}, lines


def _quote_free_columns(text: str) -> tuple[list[str], list[list[str]]] | None:
    """The header row and the columns of a CSV text that has no quotes, no carriage returns and
    no blank line, whose every line holds as many values as the header and whose every row
    starts with a value: each line is then a row and each comma a boundary, so pandas' C reader
    reads exactly what the csv module reads, in half the time. None for any other text (which
    pandas might read differently)."""
    if '"' in text or "\r" in text or "\n\n" in text or text.startswith("\n"):
        return None
    import pandas  # noqa: PLC0415  (only for large tables: importing it takes a while)

    lines = text.count("\n") + (not text.endswith("\n"))
    try:
        frame = pandas.read_csv(io.StringIO(text), header=None, dtype=str, na_filter=False, engine="c")
    except (ValueError, pandas.errors.ParserError):  # a line holds more values than the first
        return None
    width = frame.shape[1]
    if width < 2 or len(frame) != lines or text.count(",") != (width - 1) * lines:
        return None  # a line holds fewer values (pandas would fill them in), or the table is one column
    columns = [frame[column].tolist() for column in frame.columns]
    if not all(map(str.strip, columns[0][1:])):
        return None  # a row starts blank: it may be blank throughout, which the csv reading skips
    return [values[0] for values in columns], [values[1:] for values in columns]


class _DuplicateKey(ValueError):
    """A JSON object that names a key twice (``json`` would keep the last silently)."""


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _DuplicateKey(key)
        found[key] = value
    return found


def _parse_json_line(line: str) -> tuple[Any, tuple[int, str] | None]:
    """The line's JSON value, or (column, what is wrong)."""
    try:
        return json.loads(line, object_pairs_hook=_object_without_duplicates), None
    except json.JSONDecodeError as err:
        return None, (err.colno, f"invalid JSON: {err.msg}")
    except _DuplicateKey as err:
        return None, (line.find(json.dumps(str(err))) + 1, f"key {str(err)!r} appears twice in one object")
    except RecursionError:
        return None, (1, "invalid JSON: nested too deeply")
    except ValueError as err:  # e.g. an integer of thousands of digits
        return None, (1, f"invalid JSON: {err}")


def _read_jsonl(text: str, display: str, known: tuple[str, ...]) -> Table:
    problems: list[Problem] = []
    lines: list[int] = []
    found_values: list[dict[str, Any]] = []
    positions: list[Mapping[str, int]] = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        obj, wrong = _parse_json_line(line)
        if wrong:
            problems.append(Problem(display, line_number, *wrong))
            continue
        if not isinstance(obj, dict):
            problems.append(Problem(display, line_number, 1, "each line must be a JSON object"))
            continue
        values: dict[str, Any] = {}
        columns: dict[str, int] = {}
        position = 0  # keys appear in order, so each search starts after the last: linear in the line
        for name, value in obj.items():
            found = line.find(json.dumps(name), position)
            position = max(position, found)
            column = found + 1
            if name not in known:
                problems.append(_unknown_column(display, line_number, column, name, known))
            else:
                values[name], columns[name] = value, column
        lines.append(line_number)
        found_values.append(values)
        positions.append(columns)
    names = sorted({name for values in found_values for name in values})
    by_column = {name: [values.get(name) for values in found_values] for name in names}
    return Table(lines, by_column, positions, problems)

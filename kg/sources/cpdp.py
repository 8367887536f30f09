"""Import the Citizens Police Data Project's Chicago complaint records into a case.

Reads five gzip (or plain) CSV files joined by ``officer_key`` and ``cr_id`` (the columns are
those of the Invisible Institute's releases; see ``shared/data/cpdp-2000-2016/README.md``) and
builds a :class:`Case`: officers, units as teams with dated MEMBER_OF, complaints as incidents
in their allegation categories, ACCUSED_IN with the recommended and final findings, officer
witnesses as WITNESSED, and an Outcome for every sustained final finding, from its penalty code
(a sanction code on a finding that is not sustained makes no outcome and is counted).
Every element cites the one dataset source. Rows that cannot be used are counted by reason and
kept in a rejected-rows table; nothing is dropped silently.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import BinaryIO

from kg.case import Case, NodeRow, RelationshipRow
from kg.errors import UsageError
from kg.gc_pause import paused_gc
from kg.ontology import SANCTION_TYPES, Label, RelType
from kg.progress import BYTES, Advance, Step, no_progress
from kg.sources.importer import ImportReport, ImportResult, SourceRow, write_import

IMPORTER = "cpdp"
SOURCE = "cpdp"
"""The id of the dataset Source every element cites."""
FILES: dict[str, tuple[str, ...]] = {
    "complaints": ("cr_id", "incident_date", "incident_time", "complaint_date", "closed_date", "beat"),
    "accused": (
        "cr_id",
        "officer_key",
        "complaint_category",
        "recommended_finding",
        "final_finding",
        "final_discipline",
    ),
    "officer_witnesses": ("cr_id", "officer_key"),
    "officers": ("officer_key", "appointed_date", "current_rank"),
    "unit_history": ("officer_key", "unit", "unit_start_date", "unit_end_date"),
}
"""Each file the importer reads and the columns it needs (others are ignored)."""
OPTIONAL: dict[str, tuple[str, ...]] = {"officers": ("resignation_date",)}
"""Columns used when a release has them: later releases add each officer's leaving date."""

FINDINGS = {
    "SU": "sustained",
    "NS": "not_sustained",
    "UN": "unfounded",
    "EX": "exonerated",
    "NAF": "no_affidavit",
    "SUSTAINED": "sustained",
    "NOT SUSTAINED": "not_sustained",
    "UNFOUNDED": "unfounded",
    "EXONERATED": "exonerated",
    "NO AFFIDAVIT": "no_affidavit",
}
"""Finding codes and their meaning; any other code becomes ``other`` (and is counted)."""

PENALTIES: dict[str, tuple[str, str]] = {
    "000": ("other", "violation noted"),
    "100": ("reprimand", "reprimand"),
    "200": ("suspension", "suspended over 30 days"),
    "300": ("termination", "administrative termination"),
    "400": ("dismissed", "separation"),
    "500": ("other", "reinstated by police board"),
    "600": ("no_action", "no action taken"),
    "700": ("other", "reinstated by court action"),
    "800": ("resigned", "resigned, not served"),
    "900": ("other", "penalty not served"),
}
"""CPD's sustained penalty codes; 001–099 and 365 are suspensions of that many days (over 30 days
in later releases: 045, 060, 365)."""


def find_file(folder: Path, stem: str) -> Path:
    """``stem.csv.gz`` or ``stem.csv`` in ``folder``."""
    for name in (f"{stem}.csv.gz", f"{stem}.csv"):
        if (folder / name).is_file():
            return folder / name
    raise UsageError(f"{folder}: no {stem}.csv.gz or {stem}.csv; a CPDP extract has {', '.join(FILES)}")


@contextmanager
def _open(path: Path) -> Iterator[tuple[io.TextIOWrapper, BinaryIO]]:
    """The text of ``path``, gunzipped when it ends in ``.gz``, and the file it is read from."""
    with path.open("rb") as file:
        with io.TextIOWrapper(
            gzip.GzipFile(fileobj=file, mode="rb") if path.suffix == ".gz" else file, encoding="utf-8-sig", newline=""
        ) as text:  # fmt: skip
            yield text, file


def check_headers(paths: dict[str, Path]) -> None:
    """Every missing column of every file, in one :class:`UsageError` (nothing is read before)."""
    problems = []
    for stem, path in paths.items():
        with _unreadable_as(path), _open(path) as (text, _):
            header = next(csv.reader(text), None) or []
        missing = [c for c in FILES[stem] if c not in header]
        if missing:
            problems.append(
                f"{path}:1: missing column {', '.join(missing)} (the header has {', '.join(header) or 'nothing'})"
            )
    if problems:
        raise UsageError(
            "\n".join(
                [*problems, "Rename the columns or use an extract in the CPDP format; nothing was written."]
            )
        )


@contextmanager
def _unreadable_as(path: Path) -> Iterator[None]:
    """A file that cannot be read (not UTF-8 CSV, a damaged or cut-off gzip) as a :class:`UsageError` naming it."""
    try:
        yield
    except (OSError, EOFError, UnicodeDecodeError, csv.Error) as err:
        raise UsageError(f"{path}: cannot be read as UTF-8 CSV ({err}); check the file is complete") from None


def read_rows(path: Path, stem: str, report: ImportReport, step: Step = no_progress) -> Iterator[SourceRow]:
    """The rows of a CSV file (gzip or not) whose header has the columns needed
    (:func:`check_headers`), each counted in ``report``, with the columns used trimmed; reading
    it is a phase ``step`` hears of, counted in bytes of the file."""
    advance = step(f"reading {path.name}", path.stat().st_size, BYTES)
    with _unreadable_as(path), _open(path) as (text, file):
        read = _bytes_read(file, advance)
        reader = csv.reader(text)
        header = next(reader, None) or []
        report.headers[stem] = tuple(header)
        columns = [*FILES[stem], *(c for c in OPTIONAL.get(stem, ()) if c in header)]
        positions = [header.index(c) for c in columns]
        for number, row in enumerate(reader, 1):
            report.read(stem)
            cells = row + [""] * (len(header) - len(row))
            used = dict.fromkeys(OPTIONAL.get(stem, ()), "")
            used.update({c: cells[i].strip() for c, i in zip(columns, positions, strict=True)})
            yield SourceRow(stem, reader.line_num, used, row)
            if number % ROWS_BETWEEN_LOOKS == 0:
                read()
        read()


ROWS_BETWEEN_LOOKS = 10_000
"""Rows read between two looks at how far into its file the reading is."""


def _bytes_read(handle: BinaryIO, advance: Advance) -> Callable[[], None]:
    """A function that tells ``advance`` how many more bytes of ``handle`` were read."""
    told = 0

    def read() -> None:
        nonlocal told
        position = handle.tell()
        advance(position - told)
        told = position

    return read


ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$")
"""A date as the files write it, alone or with a time: anything else is not read as a date."""


def _date(text: str) -> date | None:
    if not text or not ISO_DAY.match(text):
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _left(row: SourceRow, report: ImportReport) -> date | None:
    """The day an officer left the force (``resignation_date``), unless it is unreadable or before
    their appointment (each counted)."""
    text = row["resignation_date"]
    if not text:
        return None
    leaving, joined = _date(text), _date(row["appointed_date"])
    if leaving is None:
        report.note("officers", "unreadable resignation_date: left out")
    elif joined is not None and leaving < joined:
        report.note("officers", "resignation_date before appointed_date: left out")
    else:
        return leaving
    return None


def _number(text: str) -> str:
    """A code written as a number (``7.0``, ``0712``) in one canonical form (``7``, ``0712``)."""
    return text[:-2] if text.endswith(".0") else text


def _penalty(code: str) -> tuple[str, str] | None:
    """The outcome type and description of a penalty code (``1.0`` → one day's suspension)."""
    if not code:
        return None
    number = _number(code).zfill(3)
    if number in PENALTIES:
        return PENALTIES[number]
    if number.isdigit() and (1 <= int(number) < 100 or int(number) == 365):
        return "suspension", f"suspension of {int(number)} day{'s' if int(number) > 1 else ''}"
    return None


CATEGORY_CODE = re.compile(r"^\s*(\w{2,4})\s*(?:-\s*(.*))?$")


def category_of(text: str) -> tuple[str, str]:
    """``(id, description)`` of an allegation category: ``01B-RACIAL/ETHNIC, ETC.`` and ``01B `` are
    both ``cpdp-01B`` (white space around the code is not part of it)."""
    match = CATEGORY_CODE.match(text)
    if match is None:
        return f"cpdp-{re.sub(r'[^A-Za-z0-9]+', '-', text.strip())[:40]}", text.strip().lower()
    return f"cpdp-{match.group(1)}", (match.group(2) or "").strip().lower()


def import_cpdp(
    folder: str | Path,
    out: str | Path,
    *,
    name: str = "cpdp",
    replace: bool = False,
    step: Step = no_progress,
) -> ImportResult:
    """Import the CPDP extract in ``folder`` as the case folder ``out`` (all or nothing; see
    :func:`~kg.sources.importer.write_import` for what is written and when ``replace`` is needed);
    ``step`` hears each phase (a file read, then the writing) as it begins.

    >>> result = import_cpdp("tests/fixtures/cpdp_slice", "exports/doctest-cpdp", replace=True)
    >>> result.case.counts()["Officer"], result.report.rejected["unit_history", "no unit"]
    (597, 1)
    """
    case, report = read_cpdp(folder, name, step)
    return write_import(case, report, out, replace=replace, step=step)


@paused_gc()
def read_cpdp(folder: str | Path, name: str = "cpdp", step: Step = no_progress) -> tuple[Case, ImportReport]:
    """The case of the CPDP extract in ``folder`` and the report of what was used and rejected;
    reading each file is a phase ``step`` hears of (:func:`read_rows`)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder (give the folder holding the CPDP files)")
    paths = {stem: find_file(folder, stem) for stem in FILES}
    check_headers(paths)
    report = ImportReport(IMPORTER, tuple(FILES))
    case = Case(name=name, title="Chicago Police Department complaint records (CPDP)",
                description=f"Imported by kg import cpdp from {folder.name}.")  # fmt: skip
    nodes: dict[str, list[NodeRow]] = defaultdict(list)
    rels: dict[str, list[RelationshipRow]] = defaultdict(list)
    cite = (SOURCE,)
    nodes[Label.SOURCE].append(NodeRow(SOURCE, {
        "title": "Citizens Police Data Project: Chicago complaint records", "source_type": "dataset",
        "publisher": "Invisible Institute",
        "description": f"Pseudonymised extract read from {folder.name}; cite Invisible Institute, Citizens Police Data Project.",
    }, cite))  # fmt: skip

    officers: set[str] = set()
    left: dict[str, date] = {}
    for row in read_rows(paths["officers"], "officers", report, step):
        key = row["officer_key"]
        if not key:
            report.reject(row, "no officer_key")
        elif key in officers:
            report.notes["officers", "duplicate officer_key merged"] += 1
        else:
            officers.add(key)
            props = {"name": key, "rank": row["current_rank"] or None, "joined": _iso(row["appointed_date"])}
            leaving = _left(row, report)
            if leaving:
                left[key] = leaving
                props["left"] = leaving.isoformat()
            nodes[Label.OFFICER].append(NodeRow(key, {k: v for k, v in props.items() if v}, cite))

    complaints: dict[str, SourceRow] = {}
    rejected_complaints: dict[str, str] = {}
    """Why the complaint of a cr_id was rejected: the reason its accused and witness rows get."""
    for row in read_rows(paths["complaints"], "complaints", report, step):
        cr = _number(row["cr_id"])
        day = _date(row["incident_date"])
        if not cr:
            report.reject(row, "no cr_id")
        elif day is None:
            report.reject(row, "no or bad incident_date")
            rejected_complaints.setdefault(cr, "its complaint was rejected: no or bad incident_date")
        elif cr in complaints:
            same = complaints[cr]["incident_date"] == row["incident_date"]
            report.notes[
                "complaints",
                "duplicate cr_id merged" if same else "duplicate cr_id with another date: first kept",
            ] += 1
        else:
            complaints[cr] = row
    incident_categories: dict[str, set[str]] = defaultdict(set)
    descriptions: dict[str, Counter] = defaultdict(Counter)
    accused_counts: Counter = Counter()
    penalised: set[tuple[str, str, str]] = set()
    for row in read_rows(paths["accused"], "accused", report, step):
        cr, key = _number(row["cr_id"]), row["officer_key"]
        if cr not in complaints:
            report.reject(row, rejected_complaints.get(cr, "cr_id not in complaints"))
            continue
        if key not in officers:
            report.reject(row, "officer_key not in officers")
            continue
        props: dict[str, str] = {}
        if row["complaint_category"]:
            category, description = category_of(row["complaint_category"])
            descriptions[category][description] += 1
            incident_categories[cr].add(category)
            props["allegation"] = category
        for column, prop in (("recommended_finding", "finding"), ("final_finding", "final_finding")):
            if row[column]:
                props[prop] = FINDINGS.get(row[column], "other")
                if row[column] not in FINDINGS:
                    report.notes["accused", f"finding code {row[column]} read as other"] += 1
        accused_counts[cr, key] += 1
        rel_id = f"acc-{cr}-{key}-{accused_counts[cr, key]}"
        rels[RelType.ACCUSED_IN].append(RelationshipRow(rel_id, key, f"cr-{cr}", props, cite))
        if props.get("final_finding") == "sustained":
            penalty_key = (cr, key, row["final_discipline"])
            if penalty_key in penalised:  # the source repeats an officer's penalty on each allegation row
                report.notes[
                    "accused", "penalty repeated on another allegation of the complaint: one outcome"
                ] += 1
            else:
                penalised.add(penalty_key)
                _outcome(rels, nodes, report, rel_id, key, cr, row, complaints[cr])
        elif (penalty := _penalty(row["final_discipline"])) and penalty[0] in SANCTION_TYPES:
            finding = props.get("final_finding", "missing")
            report.notes["accused", f"{penalty[0]} code with final finding {finding}: no outcome"] += 1
    witnessed: set[tuple[str, str]] = set()
    for row in read_rows(paths["officer_witnesses"], "officer_witnesses", report, step):
        cr, key = _number(row["cr_id"]), row["officer_key"]
        if cr not in complaints:
            report.reject(row, rejected_complaints.get(cr, "cr_id not in complaints"))
        elif key not in officers:
            report.reject(row, "officer_key not in officers")
        elif (cr, key) in witnessed:
            report.notes["officer_witnesses", "duplicate row merged"] += 1
        else:
            witnessed.add((cr, key))
            rels[RelType.WITNESSED].append(RelationshipRow(f"wit-{cr}-{key}", key, f"cr-{cr}", {}, cite))
    stints: dict[tuple[str, str, date], date | None] = {}
    for row in read_rows(paths["unit_history"], "unit_history", report, step):
        key, unit = row["officer_key"], _number(row["unit"])
        start, end = _date(row["unit_start_date"]), _date(row["unit_end_date"])
        reason = (
            "officer_key not in officers" if key not in officers else "no unit" if not unit
            else "no or bad unit_start_date" if start is None
            else "bad unit_end_date" if row["unit_end_date"] and end is None
            else "assignment ends before it starts" if end is not None and end < start else None
        )  # fmt: skip
        if reason:
            report.reject(row, reason)
            continue
        stint = (key, unit, start)
        if stint in stints:
            same = stints[stint] == end
            report.notes[
                "unit_history",
                "duplicate assignment merged" if same else "same start, other end: the longer kept",
            ] += 1
            if stints[stint] is not None and (end is None or end > stints[stint]):
                stints[stint] = end
        else:
            stints[stint] = end
    for (key, unit, start), end in stints.items():
        if end is None and key in left:
            if left[key] >= start:
                end = left[key]
                report.notes["unit_history", "open-ended assignment ended when the officer left"] += 1
            else:
                report.notes[
                    "unit_history", "open-ended assignment starting after the officer left: kept open"
                ] += 1
        props = {"from": start.isoformat(), **({"until": end.isoformat()} if end else {})}
        rels[RelType.MEMBER_OF].append(
            RelationshipRow(f"mem-{key}-{unit}-{start.isoformat()}", key, f"unit-{unit}", props, cite)
        )
    units = {unit for _, unit, _ in stints}
    for unit in sorted(units, key=lambda u: (len(u), u)):
        nodes[Label.TEAM].append(NodeRow(f"unit-{unit}", {"name": f"Unit {unit}", "team_type": "unit"}, cite))
    for category, found in sorted(descriptions.items()):
        description = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        if len(found) > 1:
            report.note("accused", "category written with several descriptions: the most common kept")
        code = category.removeprefix("cpdp-")
        nodes[Label.CATEGORY].append(NodeRow(category, {"name": f"{code} {description}".strip()}, cite))
    for cr, row in complaints.items():
        props = {"name": f"Complaint {cr}", "incident_type": "complaint", "occurred_on": _iso(row["incident_date"]),
                 "summary": f"Complaint register number {cr}"}  # fmt: skip
        time = row["incident_time"]
        if time and time != "00:00:00" and re.fullmatch(r"\d\d:\d\d(:\d\d)?", time):
            props["occurred_at"] = f"{props['occurred_on']}T{time}"
        reported = _date(row["complaint_date"])
        if reported is not None and reported.isoformat() >= props["occurred_on"]:
            props["reported_on"] = reported.isoformat()
        elif row["complaint_date"]:
            problem = "unreadable" if reported is None else "before incident_date"
            report.notes["complaints", f"complaint_date {problem}: left out"] += 1
        nodes[Label.INCIDENT].append(NodeRow(f"cr-{cr}", props, cite))
        for category in sorted(incident_categories[cr]):
            rels[RelType.IN_CATEGORY].append(
                RelationshipRow(f"cat-{cr}-{category}", f"cr-{cr}", category, {}, cite)
            )
    case.nodes = {label: rows for label, rows in nodes.items() if rows}
    case.relationships = {t: rows for t, rows in rels.items() if rows}
    return case, report


def _iso(text: str) -> str | None:
    day = _date(text)
    return day.isoformat() if day else None


def _outcome(rels: dict, nodes: dict, report: ImportReport, rel_id: str, key: str, cr: str,
             row: SourceRow, complaint: SourceRow) -> None:  # fmt: skip
    """The Outcome of a sustained final finding, from its final penalty code."""
    penalty = _penalty(row["final_discipline"])
    if penalty is None:
        report.notes["accused", "sustained with no known penalty code: outcome 'other'"] += 1
        penalty = ("other", f"sustained; penalty code {row['final_discipline'] or 'missing'}")
    outcome = f"out-{rel_id.removeprefix('acc-')}"
    props = {"name": f"Outcome of complaint {cr}", "outcome_type": penalty[0], "description": penalty[1]}
    decided = _iso(complaint["closed_date"])
    if decided:
        props["decided_on"] = decided
    elif complaint["closed_date"]:
        report.note("accused", "sustained, complaint's closed_date unreadable: outcome undated")
    nodes[Label.OUTCOME].append(NodeRow(outcome, props, (SOURCE,)))
    rels[RelType.RECEIVED_OUTCOME].append(RelationshipRow(f"rec-{outcome}", key, outcome, {}, (SOURCE,)))
    rels[RelType.CONCERNS].append(RelationshipRow(f"con-{outcome}", outcome, f"cr-{cr}", {}, (SOURCE,)))

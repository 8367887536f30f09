"""Fuzzing every reader: generated tables for a case folder (CSV and JSON Lines) and generated
CPDP extracts. Each input either loads exactly (every value as given, trimmed where the ontology
trims) or fails as a user mistake: a located problem, never another exception.

``KG_FUZZ_EXAMPLES`` sets the inputs per reader: 1,000 in the test suite, 10,000 in
``make fuzz``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InvalidInput, KgError
from kg.sources import table_reader
from kg.sources.case_folder import load_case
from kg.sources.cpdp import import_cpdp
from tests.conftest import ROOT, TINY

EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "1000"))
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)

SPECIAL = ["", " ", "=1+1", "@x", "-", "1_0", "\u0661", "0000", "2016-W01-1", "2016-02-30", "nan", "1e400",
           "true", "yes", "9" * 30, "\ud800", "\x00", "\x1b[2J", "a;b", ";", '"', "'", "\r\n", "[/bold]",
           "2016-01-01", "2016-01", "2016", "src-report", "constructor", "__proto__"]  # fmt: skip
cells = st.one_of(st.sampled_from(SPECIAL), st.text(max_size=12))


@pytest.fixture(scope="module")
def case_folder() -> Iterator[Path]:
    """A copy of the tiny case whose officer table each example replaces."""
    folder = Path(tempfile.mkdtemp(prefix="kg-fuzz-"))
    shutil.copytree(TINY, folder / "tiny")
    yield folder / "tiny"
    shutil.rmtree(folder)


def located(err: InvalidInput) -> bool:
    return all(problem.file and problem.message for problem in err.problems)


def check_officers(folder: Path, rows: list[dict[str, object]]) -> None:
    """Load the case: every officer row kept exactly, or every problem located."""
    try:
        case = load_case(folder)
    except InvalidInput as err:
        assert located(err)
        return
    loaded = {node.id: node.properties.get("name") for node in case.nodes["Officer"]}
    given_rows = {str(row["id"]).strip(): row.get("name") for row in rows}
    for officer_id, name in given_rows.items():
        expected = None if name is None or str(name).strip() == "" else str(name).strip()
        assert loaded[officer_id] == expected


officer_rows = st.lists(
    st.fixed_dictionaries(
        {"id": cells, "name": cells, "rank": cells, "joined": cells, "probationer": cells, "sources": cells}
    ),
    min_size=1,
    max_size=4,
)


@FUZZ
@given(rows=officer_rows)
def test_case_csv_reader(case_folder: Path, rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (case_folder / "officer.csv").write_text(buffer.getvalue(), encoding="utf-8", errors="surrogatepass")
    check_officers(case_folder, rows)


json_values = st.one_of(
    cells, st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(), st.lists(cells, max_size=3)
)
json_rows = st.lists(
    st.dictionaries(
        st.sampled_from(["id", "name", "rank", "joined", "probationer", "sources", "unknown"]),
        json_values,
        min_size=1,
    ),
    min_size=1,
    max_size=4,
)


@FUZZ
@given(rows=json_rows, raw=st.one_of(st.none(), st.text(max_size=30)))
def test_case_json_lines_reader(case_folder: Path, rows: list[dict[str, object]], raw: str | None) -> None:
    (case_folder / "officer.csv").unlink(missing_ok=True)
    lines = [json.dumps(row) for row in rows] + ([raw] if raw is not None else [])
    jsonl = case_folder / "officer.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    try:
        try:
            load_case(case_folder)
        except InvalidInput as err:
            assert located(err)
    finally:
        jsonl.unlink()
        shutil.copy(TINY / "officer.csv", case_folder / "officer.csv")


SLICE = ROOT / "tests" / "fixtures" / "cpdp_slice"
CPDP_FILES = ("officers", "complaints", "accused", "officer_witnesses", "unit_history")


def _header_and_first_rows(stem: str, count: int = 3) -> tuple[list[str], list[list[str]]]:
    with (SLICE / f"{stem}.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        return next(reader), [row for _, row in zip(range(count), reader, strict=False)]


@FUZZ
@given(
    stem=st.sampled_from(CPDP_FILES), row=st.integers(0, 2), values=st.lists(cells, min_size=1, max_size=9)
)
def test_cpdp_importer(stem: str, row: int, values: list[str]) -> None:
    """A small extract (three rows a file) with one row's cells replaced: the import either
    writes a case that loads, or says what is wrong."""
    with tempfile.TemporaryDirectory(prefix="kg-fuzz-cpdp-") as folder:
        extract = Path(folder) / "extract"
        extract.mkdir()
        for name in CPDP_FILES:
            header, rows = _header_and_first_rows(name)
            if name == stem:
                rows[row] = [values[i % len(values)] for i in range(len(header))]
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
            (extract / f"{name}.csv").write_text(buffer.getvalue(), encoding="utf-8", errors="surrogatepass")
        try:
            result = import_cpdp(extract, Path(folder) / "case")
        except KgError as err:
            assert str(err).strip()
            return
        load_case(result.out)


grid_cells = st.text(alphabet="ab é\t;=-\u2028", max_size=5)
grids = st.integers(min_value=1, max_value=4).flatmap(
    lambda width: st.lists(st.lists(grid_cells, min_size=width, max_size=width), min_size=1, max_size=6)
)
csv_texts = st.one_of(
    st.tuples(grids, st.booleans()).map(lambda g: "\n".join(",".join(row) for row in g[0]) + "\n" * g[1]),
    st.text(alphabet='ab ,"\r\n\t\x00', max_size=40),
).filter(str.strip)  # what read_table hands on (it refuses an empty file first)


@FUZZ
@given(text=csv_texts)
def test_the_quick_csv_reading_is_the_row_by_row_reading(text: str) -> None:
    """Whenever pandas reads a case table, it reads exactly what the csv module does."""
    known = ("a", "b", "ab", "id")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(table_reader, "QUICK_BYTES", 0)
        quick = table_reader._read_csv(text, "t.csv", known)
        patch.setattr(table_reader, "QUICK_BYTES", 1 << 60)
        assert quick == table_reader._read_csv(text, "t.csv", known)


@pytest.mark.parametrize(
    ("text", "quick"),
    [
        ("id,name\na,b\n\u00e9, \n", True),
        ("id,name\na,b", True),
        ('id,name\n"a",b\n', False),  # a quote
        ("id,name\r\na,b\r\n", False),  # carriage returns
        ("id,name\na,b\n\nc,d\n", False),  # a blank line
        ("id,name\na\n", False),  # too few values
        ("id,name\na,b,c\n", False),  # too many
        ("id\na\n", False),  # one column
        ("id,name\na,b\n ,c\n", False),  # a row starting blank
    ],
)
def test_only_tables_pandas_reads_as_the_csv_module_does_are_read_quickly(text: str, quick: bool) -> None:
    assert (table_reader._quote_free_columns(text) is not None) is quick

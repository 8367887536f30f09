"""Every validation failure, each on a deliberately broken copy of the tiny case.

Each test asserts the exact ``file:line:column: message``, exit code 2, and that nothing was
written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kg.errors import MAX_PROBLEMS, InvalidInput
from kg.sources.case_folder import load_case
from tests.conftest import run_kg


def replace_in(name: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(case: Path) -> None:
        path = case / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture changed: {old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def write(name: str, content: bytes) -> Callable[[Path], None]:
    def apply(case: Path) -> None:
        (case / name).write_bytes(content)

    return apply


OFFICER_COLUMNS = "id, name, rank, role, joined, left, status, probationer, sources, quote"

BROKEN = {
    "unknown column": (
        replace_in("officer.csv", "id,name,rank,", "id,name,rnak,"),
        f"officer.csv:1:3: unknown column 'rnak' (did you mean 'rank'?); known columns: {OFFICER_COLUMNS}",
    ),
    "missing required value": (
        replace_in("incident.csv", "inc-2,Incident two,bullying,", "inc-2,Incident two,,"),
        "incident.csv:3:3: missing required value for 'incident_type'",
    ),
    "missing required column": (
        replace_in(
            "category.csv", "id,name,sources\ncat-1,Category One,src-report", "id,name\ncat-1,Category One"
        ),
        "category.csv:1: missing required column(s): sources",
    ),
    "bad date": (
        replace_in("officer.csv", "2015-01-05", "2015-13-05"),
        "officer.csv:2:4: joined: expected an ISO date YYYY-MM-DD (or YYYY-MM, YYYY), got '2015-13-05'",
    ),
    "bad datetime": (
        replace_in("incident.csv", "2016-10-02T22:15:00", "2016-10-02 at night"),
        "incident.csv:2:5: occurred_at: expected an ISO date and time such as 2017-03-01T21:50:00"
        " (optionally with +01:00), got '2016-10-02 at night'",
    ),
    "bad integer": (
        replace_in("incident.csv", '",2,src-demo', '",high,src-demo'),
        "incident.csv:2:8: severity: expected a whole number such as 3, got 'high'",
    ),
    "bad boolean": (
        replace_in("officer.csv", "2015-01-05,false", "2015-01-05,maybe"),
        "officer.csv:2:5: probationer: expected true or false, got 'maybe'",
    ),
    "bad enum value (JSON Lines)": (
        replace_in("outcome.jsonl", '"written_warning"', '"sacked"'),
        "outcome.jsonl:1:44: outcome_type: 'sacked' is not one of: dismissed, gross_misconduct, barred_list,"
        " resigned, retired, final_written_warning, written_warning, management_action, reflective_practice,"
        " reprimand, suspension, termination, no_case_to_answer, no_action, notice_served, other",
    ),
    "duplicate key": (
        replace_in("officer.csv", "officer-3,Officer Three", "officer-1,Officer Three"),
        "officer.csv:4:1: duplicate id 'officer-1'; first defined at {case}/officer.csv:2",
    ),
    "duplicate key across kinds": (
        replace_in("station.csv", "station-1,Station One", "station-1,Station One\nteam-1,Station Two"),
        "team.csv:2:1: duplicate id 'team-1'; first defined at {case}/station.csv:3",
    ),
    "an id defined twice has the kind of its first row": (
        replace_in("station.csv", "station-1,Station One", "station-1,Station One\nteam-1,Station Two"),
        "based_at.csv:2:1: BASED_AT cannot start at Station 'team-1'; it starts at Team",
    ),
    "duplicate relationship id": (
        replace_in(
            "participated_in.csv",
            "part-1,officer-1,inc-2,participant,src-report",
            "part-1,officer-1,inc-2,participant,src-report\npart-1,officer-2,inc-2,participant,src-report",
        ),
        "participated_in.csv:3:1: duplicate relationship id 'part-1'; first defined at {case}/participated_in.csv:2",
    ),
    "relationship to a missing node": (
        replace_in("sent.csv", "officer-1,inc-1", "officer-9,inc-1"),
        "sent.csv:2:1: start_id 'officer-9' is not a node in this case",
    ),
    "relationship between the wrong kinds": (
        replace_in("based_at.csv", "team-1,station-1", "station-1,team-1"),
        "based_at.csv:2:1: BASED_AT cannot start at Station 'station-1'; it starts at Team",
    ),
    "relationship ending at the wrong kind": (
        replace_in("at.csv", "inc-2,station-1", "inc-2,team-1"),
        "at.csv:2:2: AT cannot end at Team 'team-1'; it ends at Station",
    ),
    "unknown source id": (
        replace_in("station.csv", "station-1,Station One,src-report", "station-1,Station One,src-missing"),
        "station.csv:2:3: unknown source 'src-missing'; case.toml declares: src-report, src-demo",
    ),
    "wrong encoding": (
        write("station.csv", "id,name,sources\nstation-1,Caf\u00e9,src-report\n".encode("latin-1")),
        "station.csv:2:14: not valid UTF-8 (byte 0xe9); save the file with UTF-8 encoding",
    ),
    "empty file": (
        write("category.csv", b""),
        "category.csv:1:1: file is empty; it needs a header row, or delete it",
    ),
    "row with too many values": (
        replace_in(
            "station.csv", "station-1,Station One,src-report", "station-1,Station One,src-report,extra"
        ),
        "station.csv:2:4: row has 4 values but the header has 3 columns",
    ),
    "span that ends before it starts": (
        replace_in("member_of.csv", "2016-09-01,2017-06-30", "2016-09-01,2015-06-30"),
        "member_of.csv:4:4: until 2015-06-30 is before from 2016-09-01",
    ),
    "date that contradicts its datetime": (
        replace_in("incident.csv", "message,,2016-10-02", "message,2016-10-03,2016-10-02"),
        "incident.csv:2:4: occurred_on 2016-10-03 is not the date of occurred_at 2016-10-02T22:15:00",
    ),
    "file named after no kind": (
        write("officers.csv", b"id\n"),
        "officers.csv: file name matches no kind; name each table after its kind",
    ),
    "invalid JSON": (
        write("outcome.jsonl", b'{"id": "outcome-1",\n'),
        "outcome.jsonl:1:20: invalid JSON: Expecting property name enclosed in double quotes",
    ),
    "invalid TOML": (
        replace_in("case.toml", 'name = "tiny"', "name = tiny"),
        "case.toml:1:8: invalid TOML: Invalid value",
    ),
    "bad case name": (
        replace_in("case.toml", 'name = "tiny"', 'name = "Tiny Case"'),
        'case.toml:1:1: name must be lower-case letters, digits, "-" or "_", e.g. name = "hotton"',
    ),
    "unknown key in a source": (
        replace_in("case.toml", 'source_type = "report"', 'source_type = "report"\nauthor = "x"'),
        "case.toml:5:1: [[sources]] has unknown key 'author'",
    ),
    "bad source type": (
        replace_in("case.toml", 'source_type = "report"', 'source_type = "rumour"'),
        "case.toml:5:1: source_type: 'rumour' is not one of: report, article, chat_export, dataset,"
        " testimony, illustrative, synthetic, other",
    ),
}


@pytest.mark.parametrize("name", BROKEN)
def test_broken_case_is_rejected_with_location_and_nothing_written(
    name: str, tiny_copy: Path, tmp_path: Path
) -> None:
    breaks, expected = BROKEN[name]
    breaks(tiny_copy)
    out = tmp_path / "out"
    result = run_kg("build", tiny_copy, "--out", out)
    assert result.exit_code == 2, result.output
    expected_line = f"{tiny_copy}/" + expected.format(case=tiny_copy)
    lines = result.stderr.splitlines()
    assert any(line.startswith(expected_line) for line in lines), "\n".join(lines)
    assert lines[-1].endswith("found; nothing was written.")
    assert "Traceback" not in result.output
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["tiny"], "a staging folder was left behind"


def test_validate_reports_every_problem_not_just_the_first(tiny_copy: Path) -> None:
    replace_in("officer.csv", "2015-01-05", "not-a-date")(tiny_copy)
    replace_in("sent.csv", "officer-1,inc-1", "officer-9,inc-1")(tiny_copy)
    result = run_kg("validate", tiny_copy)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{tiny_copy}/officer.csv:2:4: joined: expected an ISO date YYYY-MM-DD (or YYYY-MM, YYYY), got 'not-a-date'",
        f"{tiny_copy}/sent.csv:2:1: start_id 'officer-9' is not a node in this case",
        "2 problems found; nothing was written.",
    ]


def test_problems_are_capped_with_a_count_of_the_rest(tiny_copy: Path) -> None:
    rows = "".join(f"station-x{n},Station,src-nowhere\n" for n in range(MAX_PROBLEMS + 5))
    (tiny_copy / "station.extra.csv").write_text("id,name,sources\n" + rows, encoding="utf-8")
    result = run_kg("validate", tiny_copy)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == MAX_PROBLEMS + 2
    assert lines[-2] == "… and 5 more problems"
    assert lines[-1] == f"{MAX_PROBLEMS + 5} problems found; nothing was written."


def test_missing_case_toml_is_reported(tiny_copy: Path) -> None:
    (tiny_copy / "case.toml").unlink()
    result = run_kg("validate", tiny_copy)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tiny_copy}/case.toml: missing; a case folder needs case.toml")


def test_missing_folder_is_a_usage_error() -> None:
    result = run_kg("validate", "no/such/case")
    assert result.exit_code == 2
    assert result.stderr.strip() == "no/such/case: no such case folder (a case is a folder holding case.toml)"


def test_a_header_only_file_is_valid_and_adds_nothing(tiny_copy: Path) -> None:
    (tiny_copy / "chat_group.csv").write_text("id,name,sources\n", encoding="utf-8")
    result = run_kg("validate", tiny_copy)
    assert result.exit_code == 0, result.stderr


def test_a_bad_value_shared_by_rows_is_reported_at_each_row(tiny_copy: Path) -> None:
    """Columns parse each distinct text once; the problem is still named at every row."""
    text = (tiny_copy / "officer.csv").read_text(encoding="utf-8")
    (tiny_copy / "officer.csv").write_text(text.replace("2015-01-05", "soon").replace("2016-09-01", "soon"))
    result = run_kg("validate", tiny_copy)
    assert result.exit_code == 2
    message = "joined: expected an ISO date YYYY-MM-DD (or YYYY-MM, YYYY), got 'soon'"
    assert result.stderr.splitlines()[:2] == [
        f"{tiny_copy}/officer.csv:2:4: {message}",
        f"{tiny_copy}/officer.csv:4:4: {message}",
    ]


def test_text_is_trimmed_and_checked_whether_or_not_the_file_holds_an_unsafe_character(
    tiny_copy: Path,
) -> None:
    """A file free of unsafe characters takes a fast path for its text; one holding one is read
    value by value. Both trim text the same way, and only the unsafe value is a problem."""
    path = tiny_copy / "officer.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Officer Two", "  Officer Two  "), encoding="utf-8"
    )
    assert load_case(tiny_copy).nodes["Officer"][1].properties["name"] == "Officer Two"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Officer Three", "Officer\x07Three"), encoding="utf-8"
    )
    with pytest.raises(InvalidInput) as raised:
        load_case(tiny_copy)
    assert [(p.line, p.column, p.message[:30]) for p in raised.value.problems] == [
        (4, 2, "name: character U+0007 at posi")
    ]

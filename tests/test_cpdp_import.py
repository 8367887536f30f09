"""``kg import cpdp`` on a slice of the shared CPDP extract (tests/fixtures/cpdp_slice, cut by
tests/fixtures/make_cpdp_slice.py: complaints of 1–19 March 2007 and the rows that refer to them).

The expected counts were worked out from the slice's CSV files independently of the importer
(with the csv module, one count per line below):
complaints 703 rows, 358 distinct cr_id (345 duplicate rows); accused 587 rows, every cr_id and
officer known, 25 with final finding SU (penalty codes 0 ×5, 1, 2 ×2, 3, 4, 5 ×2, 8, 10, 15, 30,
100 ×5, 800, 900, 60 — a suspension over 30 days — and 999, which is not a penalty code); 42 allegation categories in 232
(complaint, category) pairs; 102 witness rows, all distinct; 597 officers; unit history 2,689
rows of which 234 end before they start, 1 has no unit and 1 no start date, leaving 2,452
distinct (officer, unit, start) assignments in 112 units; one of them appears twice with two
different end dates. 125 officers have a resignation_date (none before their appointment); of the
594 assignments with no end, 123 belong to an officer who left on or after its start (they end
then) and 1 starts after its officer left (kept open, noted).
"""

import csv
import gzip
import shutil
from pathlib import Path

import pytest

from kg.case import Case
from kg.sources.case_folder import load_case
from kg.sources.cpdp import read_cpdp
from tests.conftest import ROOT, run_kg

SLICE = ROOT / "tests" / "fixtures" / "cpdp_slice"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cpdp") / "case"
    result = run_kg("import", "cpdp", SLICE, "--out", out)
    assert result.exit_code == 0, result.output
    assert "Wrote 15 files" in result.output
    return out


def test_counts_per_kind(imported: Path) -> None:
    case = load_case(imported)  # a valid case folder
    assert case.counts() == {
        "Source": 1, "Officer": 597, "Team": 112, "Incident": 358, "Category": 42, "Outcome": 25,
        "MEMBER_OF": 2452, "ACCUSED_IN": 587, "WITNESSED": 102, "IN_CATEGORY": 232,
        "RECEIVED_OUTCOME": 25, "CONCERNS": 25,
    }  # fmt: skip


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_summary_counts_every_row(imported: Path) -> None:
    summary = {(r["file"], r["what"]): int(r["rows"]) for r in read_csv(imported / "import" / "summary.csv")}
    assert summary == {
        ("complaints", "read"): 703,
        ("complaints", "used: duplicate cr_id merged"): 345,
        ("accused", "read"): 587,
        ("accused", "used: sustained with no known penalty code: outcome 'other'"): 1,
        ("officer_witnesses", "read"): 102,
        ("officers", "read"): 597,
        ("unit_history", "read"): 2689,
        ("unit_history", "rejected: assignment ends before it starts"): 234,
        ("unit_history", "rejected: no or bad unit_start_date"): 1,
        ("unit_history", "rejected: no unit"): 1,
        ("unit_history", "used: same start, other end: the longer kept"): 1,
        ("unit_history", "used: open-ended assignment ended when the officer left"): 123,
        ("unit_history", "used: open-ended assignment starting after the officer left: kept open"): 1,
    }
    assert sorted(p.name for p in (imported / "import" / "rejected").iterdir()) == ["unit_history.csv"]
    rejected = read_csv(imported / "import" / "rejected" / "unit_history.csv")
    assert len(rejected) == 236
    with (SLICE / "unit_history.csv").open(encoding="utf-8", newline="") as handle:
        source = list(csv.reader(handle))
    first = rejected[0]
    # the rejected row is kept as it was, under the input's own header, with its line and reason
    assert list(first) == ["line", "reason", *source[0]]
    assert [first[c] for c in source[0]] == source[int(first["line"]) - 1]
    assert first["reason"] == "assignment ends before it starts"


def test_findings_and_outcomes(imported: Path) -> None:
    accused = read_csv(imported / "accused_in.csv")
    finals = sorted({r["final_finding"] for r in accused})
    assert finals == ["", "exonerated", "no_affidavit", "not_sustained", "sustained", "unfounded"]
    assert sum(r["final_finding"] == "sustained" for r in accused) == 25
    assert all(r["allegation"].startswith("cpdp-") or not r["allegation"] for r in accused)
    outcomes = read_csv(imported / "outcome.csv")
    kinds = sorted((r["outcome_type"], r["description"]) for r in outcomes)
    assert kinds.count(("reprimand", "reprimand")) == 5
    assert ("suspension", "suspension of 30 days") in kinds and ("suspension", "suspension of 1 day") in kinds
    assert ("resigned", "resigned, not served") in kinds and ("other", "penalty not served") in kinds
    assert ("suspension", "suspension of 60 days") in kinds  # over 30 days: a suspension of that length
    assert ("other", "sustained; penalty code 999.0") in kinds
    assert kinds.count(("other", "violation noted")) == 5


def test_gzip_and_plain_files_import_the_same(imported: Path, tmp_path: Path) -> None:
    zipped = tmp_path / "zipped"
    zipped.mkdir()
    for path in SLICE.glob("*.csv"):
        (zipped / f"{path.name}.gz").write_bytes(gzip.compress(path.read_bytes(), mtime=0))
    assert run_kg("import", "cpdp", zipped, "--out", tmp_path / "case").exit_code == 0
    for path in imported.glob("*.csv"):
        assert (tmp_path / "case" / path.name).read_bytes() == path.read_bytes()


def test_a_renamed_column_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    broken = Path(shutil.copytree(SLICE, tmp_path / "broken"))
    text = (broken / "accused.csv").read_text(encoding="utf-8")
    (broken / "accused.csv").write_text(text.replace("final_finding", "finding_final", 1), encoding="utf-8")
    result = run_kg("import", "cpdp", broken, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert f"{broken / 'accused.csv'}:1: missing column final_finding" in result.output
    assert not (tmp_path / "out").exists()


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    broken = Path(shutil.copytree(SLICE, tmp_path / "broken"))
    (broken / "officers.csv").unlink()
    result = run_kg("import", "cpdp", broken, "--out", tmp_path / "out")
    assert result.exit_code == 2 and "no officers.csv.gz or officers.csv" in result.output


def test_rows_pointing_nowhere_are_rejected_not_dropped(tmp_path: Path) -> None:
    broken = Path(shutil.copytree(SLICE, tmp_path / "broken"))
    with (broken / "accused.csv").open("a", encoding="utf-8") as handle:
        handle.write("999999999,Ounknown00000,01A-USE OF PROFANITY,NS,600.0,NS,600.0\n")
    case, report = read_cpdp(broken)
    assert report.rejected["accused", "cr_id not in complaints"] == 1
    assert [r[:2] for r in report.rejected_rows["accused"]] == [(589, "cr_id not in complaints")]
    assert len(case.relationships["ACCUSED_IN"]) == 587


def test_a_rejected_value_with_commas_and_quotes_stays_one_cell(tmp_path: Path) -> None:
    broken = Path(shutil.copytree(SLICE, tmp_path / "broken"))
    with (broken / "unit_history.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(["Oplaceholder", 'unit, "seven"', "", ""])
    assert run_kg("import", "cpdp", broken, "--out", tmp_path / "case").exit_code == 0
    rejected = read_csv(tmp_path / "case" / "import" / "rejected" / "unit_history.csv")
    last = rejected[-1]
    assert (last["reason"], last["officer_key"], last["unit"]) == ("officer_key not in officers", "Oplaceholder",
                                                                   'unit, "seven"')  # fmt: skip


def test_reimporting_leaves_no_stale_file(imported: Path, tmp_path: Path) -> None:
    out = Path(shutil.copytree(imported, tmp_path / "case"))
    unsustained = Path(shutil.copytree(SLICE, tmp_path / "unsustained"))
    text = (unsustained / "accused.csv").read_text(encoding="utf-8")
    (unsustained / "accused.csv").write_text(text.replace(",SU,", ",NS,"), encoding="utf-8")
    result = run_kg(
        "import", "cpdp", unsustained, "--out", out
    )  # an earlier cpdp import: no --replace needed
    assert result.exit_code == 0, result.output
    for gone in ("outcome.csv", "received_outcome.csv", "concerns.csv"):
        assert not (out / gone).exists()
    assert run_kg("validate", out).exit_code == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging folder left behind


def test_a_folder_that_is_not_an_import_is_refused_unless_replace(tmp_path: Path) -> None:
    other = Path(shutil.copytree(ROOT / "tests" / "fixtures" / "tiny", tmp_path / "tiny"))
    before = {p.name: p.read_bytes() for p in other.iterdir()}
    result = run_kg("import", "cpdp", SLICE, "--out", other)
    assert result.exit_code == 2
    assert (
        f"{other}: not empty and not an earlier kg import; choose an empty or new folder, or add --replace"
        in (result.output)
    )
    assert {p.name: p.read_bytes() for p in other.iterdir()} == before
    assert run_kg("import", "cpdp", SLICE, "--out", other, "--replace").exit_code == 0
    assert "team-1," not in (other / "team.csv").read_text(encoding="utf-8")  # the tiny case is gone


def test_an_invalid_import_is_named_at_its_target_and_not_written(tmp_path: Path) -> None:
    out = tmp_path / "case"
    result = run_kg("import", "cpdp", SLICE, "--out", out, "--name", "Not A Name")
    assert result.exit_code == 2
    assert f"{out / 'case.toml'}:1:" in result.output and "nothing was written" in result.output
    assert not out.exists() and not list(tmp_path.iterdir())


def test_leaving_dates_end_open_assignments_and_conflicts_are_noted(imported: Path, tmp_path: Path) -> None:
    officers = read_csv(imported / "officer.csv")
    assert sum(1 for o in officers if o["left"]) == 125
    leaving = {o["id"]: o["left"] for o in officers if o["left"]}
    ended = [
        m
        for m in read_csv(imported / "member_of.csv")
        if m["start_id"] in leaving and m["until"] == leaving[m["start_id"]]
    ]
    assert len(ended) == 123  # no recorded end date in the slice equals its officer's leaving date
    broken = Path(shutil.copytree(SLICE, tmp_path / "broken"))
    lines = (broken / "officers.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("resignation_date")] = "1950-01-01"  # before any appointment in the slice
    (broken / "officers.csv").write_text(
        "\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", encoding="utf-8"
    )
    case, report = read_cpdp(broken)
    assert report.notes["officers", "resignation_date before appointed_date: left out"] == 1
    first = next(r for r in case.nodes["Officer"] if r.id == cells[0])
    assert "left" not in first.properties


def test_quirks_of_other_releases(tmp_path: Path) -> None:
    """A category code with white space and another description, a long-form finding, a date with
    trailing text (its complaint is rejected, and so are its accusations, saying why), an
    unreadable closed date on a sustained complaint."""
    broken = Path(shutil.copytree(SLICE, tmp_path / "broken"))
    with (broken / "accused.csv").open(encoding="utf-8", newline="") as handle:
        accused = list(csv.reader(handle))
    head = accused[0]
    sustained = next(r for r in accused[1:] if r[head.index("final_finding")] == "SU")
    category = sustained[head.index("complaint_category")]
    code = category.split("-", 1)[0]
    extra = list(sustained)
    extra[head.index("complaint_category")] = f"{code} -PLACEHOLDER DESCRIPTION"
    extra[head.index("final_finding")] = "NO AFFIDAVIT"
    accused.append(extra)
    with (broken / "accused.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(accused)
    with (broken / "complaints.csv").open(encoding="utf-8", newline="") as handle:
        complaints = list(csv.reader(handle))
    chead = complaints[0]
    for row in complaints[1:]:
        if row[chead.index("cr_id")] == sustained[head.index("cr_id")]:
            row[chead.index("closed_date")] = "soon"
    accused_crs = {r[head.index("cr_id")] for r in accused[1:]} - {sustained[head.index("cr_id")]}
    victim = next(r for r in complaints[1:] if r[chead.index("cr_id")] in accused_crs)
    for row in complaints[1:]:
        if row[chead.index("cr_id")] == victim[chead.index("cr_id")]:
            row[chead.index("incident_date")] = row[chead.index("incident_date")] + "xyz"
    with (broken / "complaints.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(complaints)
    case, report = read_cpdp(broken)
    categories = {r.id: r.properties["name"] for r in case.nodes["Category"]}
    assert f"cpdp-{code.strip()}" in categories and not any(c.endswith(" ") for c in categories)
    assert "placeholder" not in categories[f"cpdp-{code.strip()}"]  # the most common description is kept
    assert report.notes["accused", "category written with several descriptions: the most common kept"] == 1
    findings = [r.properties.get("final_finding") for r in case.relationships["ACCUSED_IN"]]
    assert "no_affidavit" in findings and not [k for k in report.notes if "NO AFFIDAVIT" in k[1]]
    victim_cr = _cr(victim[chead.index("cr_id")])
    assert f"cr-{victim_cr}" not in {r.id for r in case.nodes["Incident"]}
    reasons = {reason for rows in report.rejected_rows.values() for _, reason, _ in rows}
    assert "its complaint was rejected: no or bad incident_date" in reasons
    assert report.notes["accused", "sustained, complaint's closed_date unreadable: outcome undated"] >= 1


def _cr(text: str) -> str:
    return text[:-2] if text.endswith(".0") else text


def test_every_missing_column_of_every_file_is_named_at_once(tmp_path: Path) -> None:
    broken = Path(shutil.copytree(SLICE, tmp_path / "broken"))
    for name, column in (("accused.csv", "final_finding"), ("unit_history.csv", "unit_start_date")):
        text = (broken / name).read_text(encoding="utf-8")
        (broken / name).write_text(text.replace(column, f"{column}_renamed", 1), encoding="utf-8")
    result = run_kg("import", "cpdp", broken, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert f"{broken / 'accused.csv'}:1: missing column final_finding" in result.output
    assert f"{broken / 'unit_history.csv'}:1: missing column unit_start_date" in result.output
    assert not (tmp_path / "out").exists()


def test_a_cut_off_gzip_file_is_named(tmp_path: Path) -> None:
    broken = Path(shutil.copytree(SLICE, tmp_path / "broken"))
    whole = gzip.compress((broken / "accused.csv").read_bytes(), mtime=0)
    (broken / "accused.csv").unlink()
    (broken / "accused.csv.gz").write_bytes(whole[: len(whole) // 2])
    result = run_kg("import", "cpdp", broken, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert f"{broken / 'accused.csv.gz'}: cannot be read as UTF-8 CSV" in result.output
    assert not (tmp_path / "out").exists()


def test_a_penalty_repeated_over_allegation_rows_is_one_outcome(tmp_path: Path) -> None:
    """The source writes an officer's penalty on every allegation row of a complaint: three
    sustained rows of one officer and complaint with the same penalty are three accusations and
    one outcome; a different penalty is another outcome."""
    extract = Path(shutil.copytree(SLICE, tmp_path / "extract"))
    with (extract / "accused.csv").open(encoding="utf-8", newline="") as handle:
        accused = list(csv.reader(handle))
    head = accused[0]
    sustained = next(r for r in accused[1:] if r[head.index("final_finding")] == "SU")
    cr, key = sustained[head.index("cr_id")], sustained[head.index("officer_key")]
    other_penalty = list(sustained)
    other_penalty[head.index("final_discipline")] = "100.0"  # reprimand
    accused += [list(sustained), list(sustained), other_penalty]
    with (extract / "accused.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(accused)
    before, _ = read_cpdp(SLICE)
    case, report = read_cpdp(extract)

    def outcomes_of(imported: Case) -> list[str]:
        return sorted(r.end_id for r in imported.relationships["RECEIVED_OUTCOME"] if r.start_id == key)

    accusations = [
        r for r in case.relationships["ACCUSED_IN"] if r.start_id == key and r.end_id == f"cr-{_cr(cr)}"
    ]
    assert len(accusations) >= 4
    assert len(outcomes_of(case)) == len(outcomes_of(before)) + 1, "one more penalty, one more outcome"
    assert (
        report.notes["accused", "penalty repeated on another allegation of the complaint: one outcome"] >= 2
    )


def test_the_complaint_date_is_the_date_reported(tmp_path: Path) -> None:
    """complaint_date becomes the incident's reported_on; one before the incident date or
    unreadable is left out and counted."""
    extract = Path(shutil.copytree(SLICE, tmp_path / "extract"))
    with (extract / "complaints.csv").open(encoding="utf-8", newline="") as handle:
        complaints = list(csv.reader(handle))
    head = complaints[0]
    first, second, third = complaints[1], complaints[2], complaints[3]
    first[head.index("complaint_date")] = "2007-03-05"
    second[head.index("complaint_date")] = "1999-01-01"
    third[head.index("complaint_date")] = "soon"
    with (extract / "complaints.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(complaints)
    case, report = read_cpdp(extract)
    reported = {n.id: n.properties.get("reported_on") for n in case.nodes["Incident"]}
    assert reported[f"cr-{_cr(first[head.index('cr_id')])}"] == "2007-03-05"
    assert reported[f"cr-{_cr(second[head.index('cr_id')])}"] is None
    assert reported[f"cr-{_cr(third[head.index('cr_id')])}"] is None
    assert report.notes["complaints", "complaint_date before incident_date: left out"] == 1
    assert report.notes["complaints", "complaint_date unreadable: left out"] == 1


def test_a_sanction_code_on_a_finding_not_sustained_is_counted_not_made_an_outcome(tmp_path: Path) -> None:
    """A reprimand code on a not-sustained row and a suspension code on a row with no final
    finding make no outcome, and each is counted by type and finding; 'no action' (600) is not
    a sanction and is not counted."""
    extract = Path(shutil.copytree(SLICE, tmp_path / "extract"))
    with (extract / "accused.csv").open(encoding="utf-8", newline="") as handle:
        accused = list(csv.reader(handle))
    head = accused[0]
    finding, penalty = head.index("final_finding"), head.index("final_discipline")
    not_sustained = [r for r in accused[1:] if r[finding] == "NS" and r[penalty] == "600.0"]
    not_sustained[0][penalty] = "100.0"
    not_sustained[1][finding], not_sustained[1][penalty] = "", "5.0"
    with (extract / "accused.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(accused)
    before, before_report = read_cpdp(SLICE)
    case, report = read_cpdp(extract)
    assert len(case.nodes["Outcome"]) == len(before.nodes["Outcome"])
    flagged = {reason: n for (file, reason), n in report.notes.items() if "no outcome" in reason}
    assert flagged == {
        "reprimand code with final finding not_sustained: no outcome": 1,
        "suspension code with final finding missing: no outcome": 1,
    }
    assert not any("no outcome" in reason for _, reason in before_report.notes)

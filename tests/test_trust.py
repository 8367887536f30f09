"""Regression tests for what an attacker or a careless user tried (the trust issue): nothing read
from outside the case, no value changed silently, no formula or markup runs, no output folder
half-written or mixed, no path taken from the data."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import networkx as nx
import pytest

from kg.build import graph_from
from kg.export.csv_files import spreadsheet_text
from kg.export.manifest import sha256
from kg.neo4j.queries import QueryResult, format_result
from kg.ontology import IDENTIFYING
from kg.terminal import table_cell, terminal_safe
from tests.conftest import HOTTON, ROOT, TINY, run_kg

SECRET = "placeholder-secret-value"


def test_a_linked_table_is_refused_and_never_read(tiny_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text(f"id,name,sources\nofficer-9,{SECRET},src-report\n", encoding="utf-8")
    (tiny_copy / "officer.extra.csv").symlink_to(outside)
    result = run_kg("validate", tiny_copy)
    assert result.exit_code == 2
    assert "officer.extra.csv: is a link or a special file" in result.stderr
    assert SECRET not in result.output


def test_a_linked_case_toml_and_a_fifo_are_refused(tiny_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "case.toml"
    (tiny_copy / "case.toml").replace(outside)
    (tiny_copy / "case.toml").symlink_to(outside)
    os.mkfifo(tiny_copy / "team.extra.csv")  # reading it would block for ever
    result = run_kg("validate", tiny_copy)
    assert result.exit_code == 2
    assert "case.toml: is a link or a special file" in result.stderr
    assert "team.extra.csv: is a link or a special file" in result.stderr


def test_a_table_with_a_capital_extension_is_not_left_out_unseen(tiny_copy: Path) -> None:
    (tiny_copy / "witnessed.csv").rename(tiny_copy / "witnessed.CSV")
    result = run_kg("validate", tiny_copy)
    assert result.exit_code == 2
    assert "witnessed.CSV: rename the file to end in .csv (lower case)" in result.stderr


def test_a_case_toml_that_is_not_utf8_is_located_not_replaced(tiny_copy: Path) -> None:
    toml = tiny_copy / "case.toml"
    toml.write_bytes(toml.read_bytes().replace(b'title = "', b'title = "\xff', 1))
    result = run_kg("validate", tiny_copy)
    assert result.exit_code == 2
    assert "case.toml:" in result.stderr and "not valid UTF-8 (byte 0xff)" in result.stderr


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('name = "tiny"', 'name = "tiny\\n"', "name must be lower-case letters"),
        ('id = "src-demo"', 'id = "src;demo"', "a source id cannot contain ';'"),
    ],
)
def test_case_toml_values_that_would_change_are_refused(
    tiny_copy: Path, old: str, new: str, message: str
) -> None:
    toml = tiny_copy / "case.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = run_kg("validate", tiny_copy)
    assert result.exit_code == 2 and message in result.stderr


def test_formulas_are_neutralised_for_spreadsheets_and_kept_for_neo4j(
    tiny_copy: Path, tmp_path: Path
) -> None:
    officers = tiny_copy / "officer.csv"
    text = officers.read_text(encoding="utf-8")
    officers.write_text(text.replace("Officer One", '"=HYPERLINK(""x"")"'), encoding="utf-8")
    assert run_kg("build", tiny_copy, "--out", tmp_path / "out").exit_code == 0
    assert '\'=HYPERLINK(""x"")' in (tmp_path / "out" / "nodes.csv").read_text(encoding="utf-8")
    admin = (tmp_path / "out" / "neo4j-admin" / "nodes_Officer.csv").read_text(encoding="utf-8")
    assert ',"=HYPERLINK(""x"")",' in admin
    assert [spreadsheet_text(v) for v in ("+1", "-x", "@a", "\tx", "plain", -5, 2.5, None)] == [
        "'+1", "'-x", "'@a", "'\tx", "plain", "-5", "2.5", "",
    ]  # fmt: skip
    assert format_result(QueryResult(["name", "n"], [["=1+1", -1]]), "csv") == "name,n\n'=1+1,-1\n"


def test_analysis_tables_neutralise_formulas(tiny_copy: Path, tmp_path: Path) -> None:
    officers = tiny_copy / "officer.csv"
    officers.write_text(
        officers.read_text(encoding="utf-8").replace("Officer One", "@SUM(A1)"), encoding="utf-8"
    )
    assert run_kg("analyze", tiny_copy, "--out", tmp_path / "analysis", "--shuffles", "20").exit_code == 0
    tables = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "analysis").glob("*.csv"))
    assert "'@SUM(A1)" in tables and ",@SUM(A1)" not in tables


def test_leftovers_of_a_killed_build_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    dead = tmp_path / ".out.stage-999999999-abc"
    dead.mkdir()
    (dead / "graph.gexf").write_text("half", encoding="utf-8")
    alive = tmp_path / f".out.stage-{os.getpid()}-def"
    alive.mkdir()
    assert run_kg("build", TINY, "--out", out).exit_code == 0
    assert not dead.exists(), "a staging folder whose process is gone is removed"
    assert alive.exists(), "a staging folder of a running process is left alone"
    assert sorted(p.name for p in tmp_path.iterdir()) == [alive.name, "out"]


def test_a_changed_or_mixed_build_is_refused_before_reading(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_kg("build", TINY, "--out", out).exit_code == 0
    (out / "nodes.csv").write_text("id\n", encoding="utf-8")
    result = run_kg("view", out, "--out", tmp_path / "view.html")
    assert result.exit_code == 2
    assert "nodes.csv does not match its sha256 in manifest.json" in result.stderr
    assert not (tmp_path / "view.html").exists()


def test_a_crafted_case_name_in_a_build_never_becomes_a_path(tmp_path: Path) -> None:
    out = tmp_path / "build"
    assert run_kg("build", TINY, "--out", out).exit_code == 0
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    graph["graph"]["name"] = "../../escaped"
    (out / "graph.json").write_text(json.dumps(graph), encoding="utf-8")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["outputs"]["graph.json"] = sha256(out / "graph.json")
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    for command in ("view", "analyze"):
        result = run_kg(command, out)
        assert result.exit_code == 2, result.output
        assert "its case name is not a case name" in result.stderr
    assert not (tmp_path.parent / "escaped").exists()


def test_data_never_drives_the_terminal() -> None:
    assert terminal_safe("a\x1b[2Jb\x07\n\tc") == "a\\x1b[2Jb\\x07\n\tc"
    assert table_cell("[/bold]").plain == "[/bold]"


def test_escape_sequences_in_a_problem_reach_the_terminal_escaped(tiny_copy: Path) -> None:
    officers = tiny_copy / "officer.csv"
    lines = officers.read_text(encoding="utf-8").splitlines()
    officers.write_text("\n".join([lines[0] + ",\x1b[2J"] + lines[1:]) + "\n", encoding="utf-8")
    result = run_kg("validate", tiny_copy)
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\\x1b[2J" in result.stderr


def test_view_out_naming_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run_kg("view", TINY, "--out", tmp_path)
    assert result.exit_code == 2 and "is a folder" in result.stderr and "Traceback" not in result.output


def test_values_are_kept_exactly_or_refused(tiny_copy: Path, tmp_path: Path) -> None:
    """Verbatim text keeps its spaces; numbers and dates in any other form than ASCII ISO are
    refused, never read as something else; carriage returns survive GraphML."""
    incidents = tiny_copy / "incident.csv"
    text = incidents.read_text(encoding="utf-8")
    incidents.write_text(
        text.replace('"placeholder text, with a comma"', '"  two spaces\r\nand a CR  "'), encoding="utf-8"
    )
    out = tmp_path / "out"
    assert run_kg("build", tiny_copy, "--out", out).exit_code == 0
    graph = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    assert graph.nodes["inc-1"]["text"] == "  two spaces\r\nand a CR  "
    assert nx.read_gexf(out / "graph.gexf").nodes["inc-1"]["text"] == "  two spaces\r\nand a CR  "
    for bad, message in (
        ("1_0", "expected a whole number"),
        ("\u0661", "expected a whole number"),
        ("9", "outside 1–5"),
        ("99999999999999999999", "does not fit in 64 bits"),
    ):
        incidents.write_text(text.replace(",2,src-demo", f",{bad},src-demo"), encoding="utf-8")
        result = run_kg("validate", tiny_copy)
        assert result.exit_code == 2 and message in result.stderr, (bad, result.stderr)
    incidents.write_text(text, encoding="utf-8")
    officers = tiny_copy / "officer.csv"
    original = officers.read_text(encoding="utf-8")
    for bad in ("2015-W02-1", "0000", "\uff12\uff10\uff11\uff15-01-05", "2019-01-01xyz"):
        officers.write_text(original.replace("2015-01-05", bad), encoding="utf-8")
        result = run_kg("validate", tiny_copy)
        assert result.exit_code == 2 and "expected an ISO date" in result.stderr, bad
    officers.write_text(original.replace("Officer One", "Officer\x00One"), encoding="utf-8")
    result = run_kg("validate", tiny_copy)
    assert result.exit_code == 2 and "U+0000" in result.stderr


def test_json_lines_that_would_change_silently_or_crash_are_located(tiny_copy: Path) -> None:
    jsonl = tiny_copy / "team.extra.jsonl"
    cases = {
        '{"id": "team-9", "name": "A", "name": "B", "sources": ["src-report"]}': "key 'name' appears twice",
        "[" * 100_000 + "]" * 100_000: "invalid JSON",
        '{"id": "team-9", "sources": ["src-report"], "formed": ' + "9" * 5000 + "}": "invalid JSON",
        '{"id": "team-9", "name": "A", "sources": ["src;report"]}': "cannot contain ';'",
    }
    for line, message in cases.items():
        jsonl.write_text(line + "\n", encoding="utf-8")
        result = run_kg("validate", tiny_copy)
        assert result.exit_code == 2, result.output
        assert message in result.stderr and "Traceback" not in result.output, result.stderr[:300]


def test_verify_names_every_change_to_a_build_and_its_case(tiny_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_kg("build", tiny_copy, "--out", out).exit_code == 0
    clean = run_kg("verify", out, "--case", tiny_copy)
    assert clean.exit_code == 0 and "all 24 outputs and" in clean.stdout
    (out / "nodes.csv").write_text("id\n", encoding="utf-8")
    (out / "graph.gexf").unlink()
    (tiny_copy / "officer.csv").write_text((tiny_copy / "officer.csv").read_text(encoding="utf-8") + "\n")
    (tiny_copy / "team.extra.csv").write_text("id,name,sources\n", encoding="utf-8")
    changed = run_kg("verify", out, "--case", tiny_copy)
    assert changed.exit_code == 1
    assert changed.stdout.splitlines() == [
        f"{out}: output graph.gexf is missing",
        f"{out}: output nodes.csv does not match its sha256 in manifest.json",
        f"{out}: input officer.csv has changed since the build",
        f"{out}: input team.extra.csv was added since the build",
    ]
    assert "4 changes found" in changed.stderr
    not_a_build = run_kg("verify", tiny_copy)
    assert not_a_build.exit_code == 2 and "not a kg build folder" in not_a_build.stderr


def test_report_md_shows_hostile_names_as_text(tmp_path: Path) -> None:
    """A Markdown renderer shows the hostile names of the fixture as text: no tag, no link."""
    case = Path(shutil.copytree(ROOT / "tests" / "fixtures" / "hostile", tmp_path / "hostile"))
    officers = case / "officer.csv"
    officers.write_text(
        officers.read_text(encoding="utf-8").replace(
            "officer-2,Officer ", "officer-2,[click](javascript:alert(1)) "
        ),
        encoding="utf-8",
    )
    result = run_kg("analyze", case, "--out", tmp_path / "analysis", "--shuffles", "20", "--findings", "any")
    assert result.exit_code == 0, result.output
    report = (tmp_path / "analysis" / "report.md").read_text(encoding="utf-8")
    assert "Officer &lt;img" in report or "&lt;script&gt;" in report, "the names reach the report"
    assert "<img" not in report and "<script" not in report and "<svg" not in report
    assert "[click](javascript" not in report


def test_pseudonymised_outputs_hold_no_original_name_or_id(tmp_path: Path) -> None:
    """Build, analysis and view of examples/hotton with --pseudonymise: no output file holds any
    officer's or person's original id or name; the same key gives the same bytes."""
    graph = graph_from(HOTTON)
    originals = {
        text
        for node, data in graph.nodes(data=True)
        if data["kind"] in IDENTIFYING
        for text in (str(node), str(data.get("name", "")))
        if text
    }
    key_file = tmp_path / "key"
    key_file.write_text("placeholder-key-of-enough-length\n", encoding="utf-8")
    key = ("--pseudonymise", "--pseudonym-key-file", key_file)
    out = tmp_path / "build"
    assert run_kg("build", HOTTON, "--out", out, *key).exit_code == 0
    assert run_kg("analyze", out, "--out", out / "analysis", "--shuffles", "20", *key).exit_code == 0
    assert run_kg("view", out, "--out", out / "view.html", *key).exit_code == 0
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) > 40
    for path in files:
        content = path.read_bytes()
        found = sorted(
            o for o in originals if re.search(rb"(?<![\w-])" + re.escape(o.encode()) + rb"(?![\w])", content)
        )
        assert found == [], (path, found[:5])
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["pseudonymised"] is True
    again = tmp_path / "again"
    assert run_kg("build", HOTTON, "--out", again, *key).exit_code == 0
    assert (again / "graph.json").read_bytes() == (out / "graph.json").read_bytes()
    plain = tmp_path / "plain"
    assert run_kg("build", HOTTON, "--out", plain).exit_code == 0
    assert all(o.encode() in (plain / "graph.json").read_bytes() for o in originals), "the scan can find them"


def test_pseudonymising_needs_a_real_key(tmp_path: Path) -> None:
    result = run_kg(
        "build", TINY, "--out", tmp_path / "out", "--pseudonymise", env={"KG_PSEUDONYM_KEY": "short"}
    )
    assert result.exit_code == 2 and "at least 16 characters" in result.stderr
    assert not (tmp_path / "out").exists()
    orphan = run_kg("build", TINY, "--out", tmp_path / "out", "--pseudonym-key-file", tmp_path / "k")
    assert orphan.exit_code == 2 and "needs --pseudonymise" in orphan.stderr


def test_a_lone_surrogate_and_over_precise_seconds_are_refused_not_crashed_on(
    tiny_copy: Path, tmp_path: Path
) -> None:
    """Both passed kg validate and crashed or were cut in kg build; now kg build refuses them, located."""
    (tiny_copy / "team.extra.jsonl").write_text(
        '{"id": "team-9", "name": "A\\ud800", "sources": ["src-report"]}\n', encoding="utf-8"
    )
    incidents = tiny_copy / "incident.csv"
    incidents.write_text(
        incidents.read_text(encoding="utf-8").replace("2016-10-02T22:15:00", "2016-10-02T22:15:00.1234567"),
        encoding="utf-8",
    )
    result = run_kg("build", tiny_copy, "--out", tmp_path / "out")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "team.extra.jsonl:1:" in result.stderr and "U+D800" in result.stderr
    assert "incident.csv:2:" in result.stderr and "at most 6 digits of a second" in result.stderr
    assert not (tmp_path / "out").exists()

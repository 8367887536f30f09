"""``kg analyze`` through the real CLI, on the Hotton example and on bad input."""

import json
from pathlib import Path

import pytest

from tests.conftest import HOTTON, run_kg


@pytest.fixture(scope="module")
def hotton(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("analysis") / "hotton"
    result = run_kg("analyze", HOTTON, "--out", out, "--shuffles", 200)
    assert result.exit_code == 0, result.output
    assert "Wrote 29 files" in result.output and "silent bystanders" in result.output
    return out


def summary(folder: Path) -> dict:
    return json.loads((folder / "analysis.json").read_text(encoding="utf-8"))


def csv_rows(path: Path) -> list[list[str]]:
    return [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()]


def test_hotton_headlines(hotton: Path) -> None:
    data = summary(hotton)
    s = data["summary"]
    assert (s["officers"], s["adopters"], s["seeds"]) == (21, 11, 3)
    # the illustrative generator starts with A and B; K joined the Westminster chat on 1 June 2016
    # and first took part on 10 June, so that chat was not in force before K's adoption month began
    assert sorted(data["spread"]["all"]["seeds"]) == ["officer-a", "officer-b", "officer-k"]
    # The generator spreads through shared teams and chats: within teams, adoption timing does not
    # follow the message ties (the default null keeps each team's adoption times), while the null
    # that ignores teams finds the team-wide timing (tested in test_hotton_under_the_risk_set_null).
    assert data["parameters"]["null"] == "team" and s["contagion_p_value"] > 0.05
    assert data["parameters"]["shuffles"] == 200 and data["parameters"]["findings"] == ["sustained"]
    adopters = {row[1] for row in data["tables"]["adoptions"]["rows"] if row[0] == "all"}
    assert not adopters & {"officer-h", "officer-m", "officer-n"}  # never take part
    bystanders = data["tables"]["bystanders"]
    reported = bystanders["columns"].index("reported")
    reporters = {row[0] for row in bystanders["rows"] if row[reported]}
    assert reporters == {"officer-n", "officer-p3"}


def test_hotton_under_the_risk_set_null() -> None:
    from kg.analysis import AnalysisOptions, analyze_graph
    from kg.build import graph_from

    analysis = analyze_graph(
        graph_from(HOTTON), AnalysisOptions(shuffles=200, null="risk-set", max_categories=0)
    )
    assert analysis.spread["all"].test.p_value < 0.05


def test_hotton_supervision(hotton: Path) -> None:
    gaps = csv_rows(hotton / "supervision_gaps.csv")
    assert gaps[0] == ["team", "start", "end", "days", "unsupervised_members", "incidents"]
    assert [row[:3] for row in gaps[1:]] == [
        ["team-westminster-3", "2017-04-01", "2018-06-29"]
    ]  # S2 left in March 2017
    participating = csv_rows(hotton / "participating_supervisors.csv")
    assert [row[0] for row in participating[1:]] == ["officer-c"]


def test_the_report_shows_names_and_rounded_numbers(hotton: Path) -> None:
    """Ids stay in the CSVs; the report prints names and labels, and no number with more than
    three decimals."""
    import re

    from kg.build import graph_from

    graph = graph_from(HOTTON)
    people = {
        n: d.get("name") for n, d in graph.nodes(data=True) if d["kind"] in ("Officer", "Category", "Team")
    }
    for name in ("report.md", "report.html"):
        text = (hotton / name).read_text(encoding="utf-8")
        shown = re.sub(r"data:image/svg\+xml;base64,[A-Za-z0-9+/=]+", "", text)
        assert not re.search(r"\d\.\d{4,}", shown), name
        assert not [n for n in people if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", shown)], name
    centrality = csv_rows(hotton / "centrality.csv")
    top = centrality[1][centrality[0].index("officer_name")]
    assert top in (hotton / "report.md").read_text(encoding="utf-8")


def test_hotton_report_files(hotton: Path) -> None:
    page = (hotton / "report.html").read_text(encoding="utf-8")
    for title in (
        "How it spread",
        "Who saw it and said nothing",
        "Where was supervision",
        "Who was never held to account",
    ):
        assert f"<h2>{title}</h2>" in page
    assert page.count('src="data:image/svg+xml;base64,') == 7
    assert (hotton / "report.md").read_text(encoding="utf-8").startswith("# Analysis of case hotton")


def test_a_build_folder_gives_the_same_analysis(hotton: Path, tmp_path: Path) -> None:
    assert run_kg("build", HOTTON, "--out", tmp_path / "build").exit_code == 0
    result = run_kg("analyze", tmp_path / "build", "--out", tmp_path / "again", "--shuffles", 200)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "again" / "analysis.json").read_bytes() == (hotton / "analysis.json").read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--network", "friends"], "unknown network 'friends'"),
        (["--period", "day"], "unknown period 'day'"),
        (["--category", "cat-none"], "unknown category cat-none"),
    ],
)
def test_bad_options_exit_2_and_write_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    result = run_kg("analyze", HOTTON, "--out", tmp_path / "out", *args)
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "out").exists() and list(tmp_path.iterdir()) == []


def test_a_missing_folder_exits_2(tmp_path: Path) -> None:
    result = run_kg("analyze", tmp_path / "nowhere")
    assert result.exit_code == 2 and "neither a case folder" in result.output

"""Every declared measure reaches every output: the pipeline, analysis.json, its CSV, its figures,
the report (Markdown and HTML) and docs/analysis.md."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from kg.analysis import AnalysisOptions, analyze_graph
from kg.analysis.measure import Section
from kg.analysis.registry import measures
from kg.analysis.report import FINDINGS, sections, write_analysis
from kg.docs import DOCS
from tests.analysis.unit import unit_graph

DECLARED = measures()


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("analysis")
    write_analysis(analyze_graph(unit_graph(), AnalysisOptions(shuffles=5)), folder)
    return folder


def test_measures_are_declared_once_each_in_report_order() -> None:
    names = [m.name for m in DECLARED]
    assert len(names) == len(set(names)) == 19
    order = list(Section)
    assert [order.index(m.section) for m in DECLARED] == sorted(order.index(m.section) for m in DECLARED)


@pytest.mark.parametrize("measure", DECLARED, ids=lambda m: m.name)
def test_a_declared_measure_reaches_every_output(measure, written: Path) -> None:
    with (written / f"{measure.name}.csv").open(encoding="utf-8", newline="") as file:
        header = next(csv.reader(file))
    data = json.loads((written / "analysis.json").read_text(encoding="utf-8"))
    assert data["tables"][measure.name]["columns"] == header
    for figure in measure.figures:
        assert (written / "figures" / f"{figure.name}.svg").read_bytes().startswith(b"<?xml")
    report_html = (written / "report.html").read_text(encoding="utf-8")
    report_md = (written / "report.md").read_text(encoding="utf-8")
    assert f"<h3>{measure.title}</h3>" in report_html and f"### {measure.title}\n" in report_md
    section_md = report_md.split(f"## {measure.section.value}\n", 1)[1].split("\n## ", 1)[0]
    assert f"### {measure.title}\n" in section_md  # under its own section's heading
    assert f"### `{measure.name}.csv` — {measure.title}" in (DOCS / "analysis.md").read_text(encoding="utf-8")


def test_the_report_has_no_repeated_headings() -> None:
    analysis = analyze_graph(unit_graph(), AnalysisOptions(shuffles=5))
    titles = [s.title for s in sections(analysis)] + [m.title for m in DECLARED]
    assert len(titles) == len(set(titles))


def test_every_section_is_in_the_report_after_the_summary() -> None:
    analysis = analyze_graph(unit_graph(), AnalysisOptions(shuffles=5))
    assert [s.title for s in sections(analysis)] == [FINDINGS, *(s.value for s in Section)]

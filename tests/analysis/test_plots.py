"""The report's figures as a reader sees them: legends beside the data, never over it, and axes
that count officers ticked at whole numbers."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from kg.analysis import AnalysisOptions, analyze_graph
from kg.analysis.plots import STYLE
from kg.analysis.registry import measures
from kg.build import graph_from
from tests.conftest import HOTTON

FIGURES = [figure for measure in measures() for figure in measure.figures]


@pytest.fixture(scope="module")
def hotton():
    return analyze_graph(graph_from(HOTTON), AnalysisOptions(shuffles=20))


@pytest.mark.parametrize("spec", FIGURES, ids=lambda f: f.name)
def test_legends_never_cover_data_and_officers_are_counted_whole(hotton, spec) -> None:
    with plt.rc_context(STYLE):
        figure = spec.draw(hotton)
        figure.canvas.draw()
        for axes in figure.axes:
            legend = axes.get_legend()
            if legend is not None:
                plot, box = axes.get_window_extent(), legend.get_window_extent()
                assert box.x0 >= plot.x1 or box.x1 <= plot.x0 or box.y0 >= plot.y1 or box.y1 <= plot.y0, (
                    spec.name
                )
            for axis, label in ((axes.xaxis, axes.get_xlabel()), (axes.yaxis, axes.get_ylabel())):
                if "officers" in label or "by team" in label:
                    ticks = [t for t in axis.get_majorticklocs() if axis.get_view_interval()[0] <= t]
                    assert all(float(t).is_integer() for t in ticks), (spec.name, label, ticks)
        plt.close(figure)


def test_the_timeline_shows_the_earliest_adopters_and_their_candidate_sources(hotton) -> None:
    from kg.analysis.plots import adoption_timeline

    adoptions = [
        dict(zip(hotton.tables["adoptions"].columns, r, strict=True)) for r in hotton.tables["adoptions"].rows
    ]
    earliest = sorted(
        (a for a in adoptions if a["scope"] == "all"), key=lambda a: (a["adopted_on"], a["officer"])
    )
    candidates = [r for r in hotton.tables["transmission"].rows if r[0] == "all" and r[5]]
    with plt.rc_context(STYLE):
        figure = adoption_timeline(hotton)
        axes = figure.axes[0]
        assert [t.get_text() for t in axes.get_yticklabels()] == [a["officer_name"] for a in earliest]
        back_lines = [line for line in axes.get_lines() if len(line.get_xdata()) == 2]
        assert len(back_lines) == len(candidates) > 0
        plt.close(figure)

"""The report's figures, drawn with matplotlib and written as SVG with no date or random ids,
so the same analysis gives the same bytes. Text is drawn as is: no mathtext, so a ``$`` in a
name stays a ``$``."""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from datetime import date
from typing import TYPE_CHECKING

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axis import Axis  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from kg.analysis.involvement import ALL  # noqa: E402

if TYPE_CHECKING:
    from kg.analysis.pipeline import Analysis

STYLE = {"svg.hashsalt": "kg", "svg.fonttype": "none", "text.parse_math": False, "font.size": 9}
TOP = 15
LINES = 8
OTHER = "other"


def svg(figure: Figure) -> bytes:
    """The figure as deterministic SVG bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "kg"}, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def _rows(analysis: Analysis, table: str) -> list[dict]:
    t = analysis.tables[table]
    return [dict(zip(t.columns, row, strict=True)) for row in t.rows]


def adoption_curve(analysis: Analysis) -> Figure:
    """Cumulative adopters of all misconduct over time: all officers above, and below the LINES
    teams with most (on their own scale, so that they are not squashed under the total)."""
    figure, (total, by_team) = plt.subplots(2, 1, figsize=(7, 5), sharex=True, height_ratios=(1, 1.4))
    lines: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for row in _rows(analysis, "adoption_curve"):
        if row["scope"] == ALL:
            lines[row["team"]].append((row["period"], row["cumulative"]))
    shown = _largest(Counter({team: points[-1][1] for team, points in lines.items() if team != ALL}))[:LINES]
    for team, points in lines.items():
        if team == ALL or team in shown:
            axes = total if team == ALL else by_team
            label = "all officers" if team == ALL else analysis.names.get(team, team)
            axes.step(range(len(points)), [c for _, c in points], where="post", label=label,
                      linewidth=2 if team == ALL else 1.2)  # fmt: skip
    _period_ticks(by_team, [p for p, _ in next(iter(lines.values()), [])])
    total.set_ylabel("officers who\nhave adopted")
    by_team.set_ylabel("by team they\nwere in then")
    for axes in (total, by_team):
        _whole_officers(axes.yaxis)
        _legend(axes)
    return figure


def category_curves(analysis: Analysis) -> Figure:
    """Cumulative adopters per category."""
    figure, axes = plt.subplots(figsize=(7, 3.5))
    lines: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for row in _rows(analysis, "adoption_curve"):
        if row["team"] == ALL and row["scope"] != ALL:
            lines[row["scope"]].append((row["period"], row["cumulative"]))
    for scope, points in lines.items():
        axes.step(
            range(len(points)), [c for _, c in points], where="post", label=analysis.spread[scope].label
        )
    _period_ticks(axes, [p for p, _ in next(iter(lines.values()), [])])
    axes.set_ylabel("officers who have adopted")
    _whole_officers(axes.yaxis)
    _legend(axes)
    return figure


def exposure_response(analysis: Analysis) -> Figure:
    """Probability of adopting in a period by exposed ties, with 95% intervals."""
    figure, axes = plt.subplots(figsize=(6, 3.5))
    rows = [r for r in _rows(analysis, "exposure_response") if r["scope"] == ALL]
    x = range(len(rows))
    p = [r["probability"] for r in rows]
    axes.errorbar(x, p, yerr=[[v - r["low"] for v, r in zip(p, rows, strict=True)],
                              [r["high"] - v for v, r in zip(p, rows, strict=True)]],
                  fmt="o", capsize=3)  # fmt: skip
    axes.set_xticks(list(x), [r["exposed"] for r in rows])
    axes.set_xlabel("exposed ties (colleagues who had already adopted)")
    axes.set_ylabel("probability of adopting that period")
    axes.set_ylim(0, 1)
    return figure


def top_centrality(analysis: Analysis, measure: str = "pagerank") -> Figure:
    """The officers with the highest ``measure``."""
    rows = sorted(_rows(analysis, "centrality"), key=lambda r: (-(r[measure] or 0), r["officer"]))[:TOP]
    figure, axes = plt.subplots(figsize=(6, 0.3 * len(rows) + 1))
    axes.barh(range(len(rows)), [r[measure] or 0 for r in rows])
    axes.set_yticks(range(len(rows)), [r["officer_name"] for r in rows])
    axes.invert_yaxis()
    axes.set_xlabel(measure)
    return figure


def communities_vs_teams(analysis: Analysis) -> Figure:
    """How many officers of each primary team fall in each community (the largest TOP of each;
    the rest pooled as 'other')."""
    rows = _rows(analysis, "communities")
    pairs = Counter((r["primary_team"], r["community"]) for r in rows)
    teams = _largest(Counter(r["primary_team"] for r in rows))
    communities = _largest(Counter(r["community"] for r in rows))
    cells: Counter = Counter()
    for (team, community), n in pairs.items():
        cells[team if team in teams else OTHER, community if community in communities else OTHER] += n
    team_axis = [*teams, *([OTHER] if len(teams) < len({t for t, _ in pairs}) else [])]
    community_axis = [*communities, *([OTHER] if len(communities) < len({c for _, c in pairs}) else [])]
    counts = [[cells[t, c] for c in community_axis] for t in team_axis]
    figure, axes = plt.subplots(
        figsize=(1 + 0.5 * max(1, len(community_axis)), 1 + 0.4 * max(1, len(team_axis)))
    )
    image = axes.imshow(counts or [[0]], cmap="Blues", aspect="auto")
    axes.set_xticks(range(len(community_axis)), [str(c) for c in community_axis])
    axes.set_yticks(range(len(team_axis)), [analysis.names.get(t, t) for t in team_axis])
    axes.set_xlabel("community")
    for i, line in enumerate(counts):
        for j, value in enumerate(line):
            if value:
                axes.text(j, i, str(value), ha="center", va="center", fontsize=7)
    figure.colorbar(image, ax=axes, label="officers")
    return figure


TIMELINE = 40
"""Adopters the timeline draws: the earliest."""


def adoption_timeline(analysis: Analysis) -> Figure:
    """Who started when (the TIMELINE earliest adopters of all misconduct, a row each) and, on
    each row, a line back to the day each of their candidate sources had started."""
    rows = [r for r in _rows(analysis, "transmission") if r["scope"] == ALL]
    first: dict[str, tuple[str, str]] = {}
    for row in rows:
        first.setdefault(row["officer"], (row["adopted_on"], row["officer_name"] or row["officer"]))
    shown = sorted(first, key=lambda o: (first[o][0], o))[:TIMELINE]
    place = {officer: number for number, officer in enumerate(shown)}
    figure, axes = plt.subplots(figsize=(7, 0.22 * len(shown) + 1.2))
    days = {o: date.fromisoformat(first[o][0]) for o in shown}
    for row in rows:
        if row["officer"] in place and row["candidate"]:
            since = date.fromisoformat(row["candidate_adopted_on"])
            axes.plot(
                [since, days[row["officer"]]], [place[row["officer"]]] * 2, color="#999999", linewidth=0.8
            )
            axes.plot([since], [place[row["officer"]]], marker="|", color="#555555", markersize=6)
    seeds = {r["officer"] for r in rows if r["seed"]}
    for is_seed, label, face in ((True, "seed: no earlier adopter tied to them", "white"),
                                 (False, "started after a candidate source (grey line back to when it started)", "#0072B2")):  # fmt: skip
        chosen = [o for o in shown if (o in seeds) == is_seed]
        axes.scatter([days[o] for o in chosen], [place[o] for o in chosen], s=22, facecolors=face,
                     edgecolors="#0072B2", label=label, zorder=3)  # fmt: skip
    axes.set_yticks(range(len(shown)), [first[o][1] for o in shown])
    axes.invert_yaxis()
    axes.set_xlabel("date of first active involvement")
    figure.autofmt_xdate()
    _legend(axes)
    return figure


def _largest(counts: Counter) -> list:
    """The TOP most common keys, largest first (ties by key)."""
    return [key for key, _ in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[:TOP]]


def silence_by_team(analysis: Analysis) -> Figure:
    """Exposed officers per team (the TOP teams with most): reported, silent, took part. When the
    case records no report, only who took part and who did not."""
    rows = sorted(_rows(analysis, "silence_by_team"), key=lambda r: (-r["exposed"], r["team"]))[:TOP]
    figure, axes = plt.subplots(figsize=(6, 0.4 * len(rows) + 1.2))
    labels = [analysis.names.get(r["team"], r["team"]) for r in rows]
    left = [0] * len(rows)
    known = all(r["reported"] is not None for r in rows)
    parts = (
        (("reported", "reported"), ("silent", "silent bystanders"), ("participants", "took part"))
        if known
        else (("bystanders", "did not take part (reports not recorded)"), ("participants", "took part"))
    )
    for column, label in parts:
        values = [r["exposed"] - r["participants"] if column == "bystanders" else r[column] for r in rows]
        axes.barh(range(len(rows)), values, left=left, label=label)
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_yticks(range(len(rows)), labels)
    axes.invert_yaxis()
    axes.set_xlabel("exposed officers")
    _whole_officers(axes.xaxis)
    _legend(axes)
    return figure


def _legend(axes: plt.Axes) -> None:
    """The legend beside the plot, never over the data."""
    if axes.get_legend_handles_labels()[0]:
        axes.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1), borderaxespad=0)


def _whole_officers(axis: Axis) -> None:
    """Ticks at whole numbers only: the axis counts officers."""
    axis.set_major_locator(MaxNLocator(integer=True))


def _period_ticks(axes: plt.Axes, labels: list[str]) -> None:
    step = max(1, len(labels) // 8)
    axes.set_xticks(range(0, len(labels), step), labels[::step], rotation=45, ha="right")
    axes.set_xlabel("period")

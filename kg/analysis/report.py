"""Write an analysis: ``analysis.json``, one CSV per table, the figures, ``report.md`` and a
self-contained ``report.html`` (figures embedded, every text escaped, no external request)."""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kg import __version__
from kg.analysis.involvement import ALL
from kg.analysis.measure import FigureSpec, Section
from kg.analysis.pipeline import Analysis
from kg.analysis.plots import STYLE, plt, svg
from kg.analysis.registry import measures
from kg.analysis.result_tables import NAMED_COLUMNS, Cell, Table, cell
from kg.analysis.spread_wording import (
    candidates_paragraph,
    placebo_sentence,
    shuffle_test_sentence,
    spread_paragraphs,
)
from kg.analysis.ties import TieChoice
from kg.export.csv_files import write_csv
from kg.gc_pause import paused_gc
from kg.json_text import readable_json
from kg.progress import Advance, Step, counted, ignore, no_progress

SHOWN_ROWS = 15


@dataclass
class ReportSection:
    """A part of the report: plain-English text, then the figures and tables declared for it."""

    title: str
    paragraphs: list[str]
    figures: list[FigureSpec] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)


def _share(part: int, whole: int, of_whole: bool = True) -> str:
    """``3 of 4 (75%)``, or ``3 (75%)`` without ``of_whole``."""
    said = f"{part:,} of {whole:,}" if of_whole else f"{part:,}"
    return f"{said} ({part / whole:.0%})" if whole else said


def sections(analysis: Analysis) -> list[ReportSection]:
    """The summary, then one section per :class:`Section` with the measures declared for it."""
    texts = _texts(analysis)
    parts = [ReportSection(FINDINGS, findings(analysis))]
    for section in Section:
        declared = [m for m in measures() if m.section is section]
        parts.append(ReportSection(section.value, texts[section], [f for m in declared for f in m.figures],
                                   [m.name for m in declared]))  # fmt: skip
    return parts


FINDINGS = "What the evidence shows, and what it cannot show"


def findings(analysis: Analysis) -> list[str]:
    """The report's opening: each finding in a sentence from the results, then what the data and
    the tests cannot tell apart."""
    s = analysis.summary
    everything = analysis.spread.get(ALL)
    covered = (f"The records hold {s['officers']:,} officers and {s['involvements']:,} active involvements in "
               f"misconduct, {s['undated_involvements']:,} of them undated; {s['adopters']:,} officers were involved on "
               "a known date.")  # fmt: skip
    placebo = placebo_sentence(everything.placebo) if everything else None
    spread = (" ".join(filter(None, (shuffle_test_sentence(everything.test), placebo))) if everything
              else "No dated involvement was found, so how it spread cannot be measured.")  # fmt: skip
    gaps = s["supervision_gaps"]
    supervision = (f"Supervision: {gaps:,} stretch{'' if gaps == 1 else 'es'} when a team had members with no supervisor."
                   if s["supervision_recorded"] else "Supervision: the case records none, so its gaps cannot be measured.")  # fmt: skip
    return [
        covered,
        f"How it spread: {spread}",
        f"Who saw it: {_silence_summary(s)}",
        supervision,
        f"Who was held to account: of {s['involved_or_accused']:,} officers who took part or were accused, "
        f"{s['with_outcome']:,} received an outcome and {s['sanctioned']:,} a sanction.",
        "What it cannot show: timing and ties cannot tell influence apart from officers choosing partners like "
        "themselves; membership of a team or chat says who could have seen, not who did; and everything here is "
        "what the records hold, not what happened unrecorded. The sections below give each test, its null and its "
        "limits; docs/analysis.md shows how each test did on simulated units where the truth is known.",
    ]


def _silence_summary(s: dict[str, Any]) -> str:
    if not s["reports_recorded"]:
        return (f"{s['exposed_officers']:,} officers were exposed to misconduct; the case records no reports, so who "
                "stayed silent cannot be measured.")  # fmt: skip
    return (f"{s['exposed_officers']:,} officers were exposed to misconduct; {s['silent_bystanders']:,} of them never "
            f"took part and made no report after they were first exposed; {s['reporters']:,} reported.")  # fmt: skip


def _spread_text(analysis: Analysis) -> list[str]:
    s = analysis.summary
    everything = analysis.spread.get(ALL)
    if not everything:
        return ["No dated involvement in misconduct was found, so spread over time cannot be measured."]
    conflicts = everything.model.conflicts
    return [
        f"{s['adopters']} officers took an active part in misconduct on a known date. {s['seeds']} of them "
        "(the seeds) had no earlier adopter tied to them before their adoption month began. An officer counts as "
        "at risk only while in the force, in the case's window and on a team's roll"
        + (f"; {conflicts} adoptions fell where the records do not place the officer, and count as present then."
           if conflicts else "."),
        *spread_paragraphs(everything),
        "The adoption curve counts officers who have started, period by period, overall and by the team "
        "they were in when they started; the curves by category do the same for each category with enough adopters, "
        "and the contagion and hazard tables give the tests for each. The exposure–response figure shows the share "
        "of officer-periods at risk in which an officer started, by how many of their ties had started before the "
        "period began (bars: 95% Wilson intervals, which treat officer-periods as independent and so are too narrow).",
    ]  # fmt: skip


def _texts(analysis: Analysis) -> dict[Section, list[str]]:
    """The paragraphs of each section, from the analysis results."""
    s = analysis.summary
    return {
        Section.SPREAD: _spread_text(analysis),
        Section.TRANSMISSION: [candidates_paragraph(analysis.spread.get(ALL))],
        Section.SILENCE: [
            f"{_share(s['silent_bystanders'], s['exposed_officers'])} exposed officers never took part and made no "
            "report after they were first exposed. The bars split each team's exposed officers into those who "
            "reported, those who stayed silent and those who took part; an officer counts in every team they were in."
            if s["reports_recorded"]
            else f"{s['exposed_officers']} officers were exposed to misconduct. The case records no report by anyone "
            "(no REPORTED relationships), so who stayed silent cannot be measured: the tables count exposure only, "
            "and the bars split each team's exposed officers into those who took part and those who did not.",
        ],
        Section.SUPERVISION: [
            "Supervisors on the days the officers they supervised took part, supervisors who took part themselves, "
            "and stretches when a team had no supervisor."
            if s["supervision_recorded"]
            else "The case records no supervision (no SUPERVISES relationships).",
        ],
        Section.ACCOUNTABILITY: [
            f"{_share(s['with_outcome'], s['involved_or_accused'])} officers who took part or were accused "
            f"received any outcome; {_share(s['sanctioned'], s['involved_or_accused'])} a sanction.",
        ],
        Section.STRUCTURE: [
            f"PageRank in the officer network of {', '.join(analysis.structure_parameters['tie_types'])} ties "
            f"({s['network_ties']:,} ties among {s['tied_officers']:,} officers; the largest connected group holds "
            f"{(s['largest_component_share'] or 0):.0%} of them). High PageRank means many ties, or ties to "
            "officers who are themselves central. Brokers tie officers of different teams together.",
            *_left_out(analysis),
        ],
        Section.COMMUNITIES: [
            _community_text(s),
            *_ties_and_units_text(analysis),
            "Each cell counts the officers of a team (row) found in a community (column). One dark cell per row "
            "and column means communities are the teams; spread-out rows mean the informal network cuts across "
            "them.",
        ],
    }  # fmt: skip


def _left_out(analysis: Analysis) -> list[str]:
    """A sentence on the tie types left out of the measured network as too many to list."""
    parameters = analysis.structure_parameters
    note = TieChoice(tuple(parameters["tie_types"]), parameters["left_out"], parameters["tie_limit"]).note()
    if not note:
        return []
    return [
        f"{note[0].upper()}{note[1:]}; exposure through those groups still counts in the spread analysis."
    ]


def _community_text(summary: dict[str, Any]) -> str:
    nmi, ami, ari = (
        summary["community_team_nmi"],
        summary["community_team_ami"],
        summary["community_team_ari"],
    )
    if nmi is None:
        return "Too few officers with a team and a tie to compare communities with teams."
    reading = "closely follows" if ami >= 0.7 else "partly follows" if ami >= 0.3 else "cuts across"
    return (
        f"Louvain finds {summary['communities']} communities. Compared with officers' primary teams (the unit "
        f"each spent longest in): adjusted mutual information {ami:.2f}, normalised mutual information {nmi:.2f}, "
        f"adjusted Rand index {ari:.2f} (1 = identical; the adjusted scores are 0 at chance). The informal network "
        f"{reading} the org chart (adjusted mutual information ≥ 0.7 closely, ≥ 0.3 partly; it is read rather than "
        "the normalised score, which many small groups inflate)."
    )


def _ties_and_units_text(analysis: Analysis) -> list[str]:
    """A sentence per pair tie type on how many of its ties began inside a unit."""
    table = analysis.tables["ties_and_units"]
    sentences = []
    for row in table.rows:
        found = dict(zip(table.columns, row, strict=True))
        ties = found["ties"]
        sentences.append(
            f"Of {ties:,} {found['tie_type']} ties, {_share(found['same_unit_that_day'], ties, False)} joined officers "
            f"in a common unit on the day the tie began, {_share(found['same_unit_another_time'], ties, False)} "
            f"officers who shared a unit only at another time, and {_share(found['never_same_unit'], ties, False)} "
            f"officers who never did ({found['not_comparable']:,} undated or without a recorded unit)."
        )
    return sentences


def analysis_json(analysis: Analysis) -> dict[str, Any]:
    """Every measure with the parameters used."""
    spread = {
        scope: {
            "label": s.label,
            "periods": {
                "unit": s.periods.unit,
                "first": s.periods.first.isoformat(),
                "last": s.periods.last.isoformat(),
            },
            "adopters": len(s.adoptions),
            "seeds": s.seeds,
            "mean_later_adopters_exposed": cell(s.mean_later_exposed),
            "time_shuffle_test": {k: cell(v) for k, v in asdict(s.test).items()} if s.test else None,
        }
        for scope, s in analysis.spread.items()
    }
    return {
        "kg_version": __version__,
        "case": analysis.case,
        "parameters": {**analysis.options.as_json(), "structure": analysis.structure_parameters},
        "summary": analysis.summary,
        "spread": spread,
        "tables": {name: table.as_json() for name, table in analysis.tables.items()},
    }


def _text(value: Cell) -> str:
    """A cell as the report prints it: whole numbers with thousands separators, other numbers
    with at most three decimals, lists joined, yes or no."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        shown = f"{value:,.3f}"
        return shown if value == 0 or shown.strip("-0.,") else ("< 0.001" if value > 0 else "> -0.001")
    return str(value)


ID_COLUMNS = ("scope", "team", "teams", "primary_team", "teams_reached", "officers", "supervised", "group",
              "incident", "evidence")  # fmt: skip
"""Columns holding ids of the case's nodes, which the report shows by name (the CSVs keep ids)."""


@dataclass(frozen=True)
class ShownTable:
    """A table as the report shows it: names instead of ids, no separate name columns."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def shown_table(table: Table, names: dict[str, str]) -> ShownTable:
    """The first :data:`SHOWN_ROWS` rows of ``table`` as report text: an officer column holds
    the officer's name (its ``…_name`` column is dropped), an id column (:data:`ID_COLUMNS`) the
    node's name, and every cell is formatted by :func:`_text`."""
    dropped = {f"{c}_name" for c in NAMED_COLUMNS if f"{c}_name" in table.columns}
    kept = [i for i, c in enumerate(table.columns) if c not in dropped]
    by_name = {c: i for i, c in enumerate(table.columns)}

    def shown(row: tuple[Cell, ...], index: int) -> str:
        column, value = table.columns[index], row[index]
        if f"{column}_name" in dropped and isinstance(value, str):
            return str(row[by_name[f"{column}_name"]] or value)
        if column in ID_COLUMNS and isinstance(value, str):
            return names.get(value, value)
        if column in ID_COLUMNS and isinstance(value, list):
            return _text([names.get(v, v) for v in value])
        return _text(value)

    rows = tuple(tuple(shown(row, i) for i in kept) for row in table.rows[:SHOWN_ROWS])
    return ShownTable(tuple(table.columns[i].replace("_", " ") for i in kept), rows)


def markdown(analysis: Analysis) -> str:
    """The report as Markdown (figures linked from ``figures/``); every text from the data is
    escaped (:func:`md_text`), so a Markdown renderer shows it and runs nothing."""
    lines = [f"# Analysis of case {md_text(analysis.case)}", ""]
    for section in sections(analysis):
        lines += [f"## {md_text(section.title)}", ""]
        for paragraph in section.paragraphs:
            lines += [md_text(paragraph), ""]
        for figure in section.figures:
            lines += [f"![{md_text(figure.caption)}](figures/{figure.name}.svg)", ""]
        for name in section.tables:
            lines += _markdown_table(analysis.tables[name], analysis.names)
    return "\n".join(lines).rstrip() + "\n"


def md_text(text: str) -> str:
    """``text`` for Markdown: HTML characters as entities (no tag or script survives) and the
    characters that make code, links and images escaped with a backslash."""
    escaped = html.escape(text, quote=False)
    return re.sub(r"([\\`\[\]])", r"\\\1", escaped).replace("\n", " ")


def _markdown_table(table: Table, names: dict[str, str]) -> list[str]:
    lines = [f"### {md_text(table.title)}", "", md_text(table.description), ""]
    if not table.rows:
        return [*lines, "(none)", ""]
    shown = shown_table(table, names)
    lines.append("| " + " | ".join(md_text(c) for c in shown.columns) + " |")
    lines.append("|" + "---|" * len(shown.columns))
    lines += ["| " + " | ".join(md_text(v).replace("|", "\\|") for v in row) + " |" for row in shown.rows]
    return [*lines, "", _more(table), ""]


def _more(table: Table) -> str:
    shown = min(len(table.rows), SHOWN_ROWS)
    return f"{shown:,} of {len(table.rows):,} rows shown; all, with ids, in {table.name}.csv."


CSS = """body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;font-size:.8rem;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .4rem;
text-align:left;vertical-align:top}th{background:#f3f3f3}img{max-width:100%}.note{color:#666;font-size:.8rem}"""


def report_html(analysis: Analysis, svgs: dict[str, bytes]) -> str:
    """The report as one self-contained HTML page: figures as data URIs, all text escaped."""
    e = html.escape
    body = [f"<h1>Analysis of case {e(analysis.case)}</h1>"]
    for section in sections(analysis):
        body.append(f"<h2>{e(section.title)}</h2>")
        body += [f"<p>{e(p)}</p>" for p in section.paragraphs]
        for figure in section.figures:
            data = base64.b64encode(svgs[figure.name]).decode()
            body.append(f'<img alt="{e(figure.caption)}" src="data:image/svg+xml;base64,{data}">')
        for name in section.tables:
            body.append(_html_table(analysis.tables[name], analysis.names))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">"
        f"<title>kg analysis: {e(analysis.case)}</title><style>{CSS}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def _html_table(table: Table, names: dict[str, str]) -> str:
    e = html.escape
    parts = [f"<h3>{e(table.title)}</h3>", f"<p>{e(table.description)}</p>"]
    if not table.rows:
        return "".join([*parts, "<p>(none)</p>"])
    shown = shown_table(table, names)
    parts.append("<table><tr>" + "".join(f"<th>{e(c)}</th>" for c in shown.columns) + "</tr>")
    parts += ["<tr>" + "".join(f"<td>{e(v)}</td>" for v in row) + "</tr>" for row in shown.rows]
    parts.append(f'</table><p class="note">{e(_more(table))}</p>')
    return "".join(parts)


def figures(analysis: Analysis, advance: Advance = ignore) -> dict[str, bytes]:
    """Every declared figure as SVG bytes, by name; ``advance`` hears of each one drawn."""
    with plt.rc_context(STYLE):
        return {f.name: svg(f.draw(analysis)) for f in counted(declared_figures(), advance, every=1)}


def declared_figures() -> list[FigureSpec]:
    """Every declared figure, in the order of the measures."""
    return [f for m in measures() for f in m.figures]


@paused_gc()
def write_analysis(analysis: Analysis, folder: Path, step: Step = no_progress) -> list[Path]:
    """Write every output of ``analysis`` into ``folder``, a phase ``step`` hears of (counted in
    files); returns the files written."""
    texts: dict[str, Callable[[], str]] = {
        "analysis.json": lambda: readable_json(analysis_json(analysis)) + "\n",
        "report.md": lambda: markdown(analysis),
        "report.html": lambda: report_html(analysis, svgs),
    }
    advance = step(
        "writing the tables, figures and report",
        len(analysis.tables) + len(declared_figures()) + len(texts),
        "files",
    )
    svgs = figures(analysis, advance)
    written = []
    for name, table in counted(analysis.tables.items(), advance, every=1):
        written.append(write_csv(folder / f"{name}.csv", table.columns, table.rows, for_spreadsheets=True))
    (folder / "figures").mkdir(exist_ok=True)
    for name, data in svgs.items():
        path = folder / "figures" / f"{name}.svg"
        path.write_bytes(data)
        written.append(path)
    for name, text in counted(texts.items(), advance, every=1):
        path = folder / name
        path.write_text(text(), encoding="utf-8")
        written.append(path)
    return sorted(written)

"""Generate the files and parts of ``docs/`` that derive from code: the ontology tables, the case
files' columns, the CLI reference, the query library list and ``cypher/schema.cypher``.
``python -m kg.docs`` rewrites them; a test fails on drift."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import typer
from typer.core import TyperGroup

from kg import docs_neo4j
from kg.neo4j.statements import SCHEMA_FILE, schema_script
from kg.ontology import (
    CASE_NODE_KINDS,
    NODE_KINDS,
    PROVENANCE,
    RELATIONSHIP_KINDS,
    Property,
    node_columns,
    relationship_columns,
)

DOCS = Path(__file__).resolve().parent.parent / "docs"
BLOCK = re.compile(r"(<!-- generated:(\w+) -->\n).*?(<!-- /generated -->)", re.S)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _property_rows(properties: tuple[Property, ...]) -> list[str]:
    rows = []
    for p in properties:
        kind = p.type.value + (" (required)" if p.required else "")
        choices = ", ".join(p.choices)
        rows.append(
            f"| `{p.name}` | {kind} | {_cell(p.description)}{' One of: ' + choices + '.' if choices else ''} |"
        )
    return rows


def ontology_markdown() -> str:
    """The node and relationship kinds with their properties, as Markdown."""
    lines = ["## Node kinds", ""]
    for kind in NODE_KINDS:
        lines += [f"### {kind.label}", "", kind.description, ""]
        if kind.start:
            lines += [f"Placed in time by `{kind.start}`" + (f" to `{kind.end}`." if kind.end else "."), ""]
        lines += ["| property | type | meaning |", "|---|---|---|", *_property_rows(kind.properties), ""]
    lines += [
        "## Relationship kinds",
        "",
        "| type | from | to | properties | meaning |",
        "|---|---|---|---|---|",
    ]
    for rel in RELATIONSHIP_KINDS:
        props = ", ".join(f"`{p.name}`" for p in rel.properties) or "—"
        lines.append(
            f"| `{rel.type}` | {' or '.join(rel.starts)} | {' or '.join(rel.ends)} | {props} | {rel.description} |"
        )
    lines += ["", "## Provenance on every node and relationship", "", "| property | type | meaning |", "|---|---|---|",
              *_property_rows(PROVENANCE), ""]  # fmt: skip
    return "\n".join(lines)


def case_files_markdown() -> str:
    """One table per case file: its name and columns."""
    lines = []
    for kind in CASE_NODE_KINDS:
        lines += [f"#### `{kind.file_stem}.csv` — {kind.label} nodes", "", "| column | type | meaning |",
                  "|---|---|---|", *_property_rows(node_columns(kind)), ""]  # fmt: skip
    for rel in RELATIONSHIP_KINDS:
        ends = f"{' or '.join(rel.starts)} → {' or '.join(rel.ends)}"
        lines += [f"#### `{rel.file_stem}.csv` — {rel.type} ({ends})", "", "| column | type | meaning |",
                  "|---|---|---|", *_property_rows(relationship_columns(rel)), ""]  # fmt: skip
    return "\n".join(lines)


def _plain(text: str) -> str:
    return re.sub(r"\[/?bold\]", "", text or "").strip()


def cli_markdown() -> str:
    """Every command's help, usage and options (sub-commands included), as Markdown."""
    from kg.cli import app

    group = typer.main.get_command(app)
    return "\n".join([_plain(group.help or ""), "", *_commands_markdown(group, "kg")])


def _commands_markdown(group: TyperGroup, prefix: str) -> list[str]:
    lines: list[str] = []
    for name, command in group.commands.items():
        if isinstance(command, TyperGroup):
            lines += _commands_markdown(command, f"{prefix} {name}")
            continue
        ctx = typer.Context(command, info_name=f"{prefix} {name}")
        lines += [f"## `{prefix} {name}`", "", "```", ctx.get_usage().replace("Usage: ", ""), "```", "",
                  _plain(command.help or ""), ""]  # fmt: skip
        rows = []
        for param in command.params:
            if param.param_type_name == "argument":
                rows.append(
                    f"| `{param.metavar or param.name}` | argument | {_cell(_plain(getattr(param, 'help', '') or ''))} |"
                )
            elif param.name != "help":
                names = ", ".join(f"`{o}`" for o in param.opts + param.secondary_opts)
                rows.append(f"| {names} | option | {_cell(_plain(param.help or '').replace(chr(92), ''))} |")
        if rows:
            lines += ["| name | kind | meaning |", "|---|---|---|", *rows, ""]
    return lines


def queries_markdown() -> str:
    """The query library: each query's name, description, parameters and example."""
    from kg.neo4j.queries import library

    lines = []
    for query in library().values():
        lines += [f"### `{query.name}`", "", query.description, ""]
        for param in query.parameters:
            default = f" (default {param.default})" if param.default is not None else ""
            optional = " (optional)" if param.optional else ""
            lines.append(f"- `{param.name}` {param.type}{default}{optional}: {param.description}")
        lines += ["", *(f"`{example}`" for example in query.examples), ""]
    return "\n".join(lines)


def measures_markdown() -> str:
    """Every declared analysis table (kg.analysis.registry) by report section: file, columns,
    figures and how to read it."""
    from kg.analysis.registry import measures
    from kg.analysis.result_tables import table_columns

    lines = []
    for measure in measures():
        columns = ", ".join(f"`{c}`" for c in table_columns(measure.row_type, measure.extra))
        figures = "; ".join(f"`figures/{f.name}.svg` ({_cell(f.caption)})" for f in measure.figures) or "—"
        lines += [f"### `{measure.name}.csv` — {measure.title}", "", _cell(measure.description), "",
                  f"- report section: {measure.section.value}", f"- columns: {columns}", f"- figures: {figures}",
                  ""]  # fmt: skip
    return "\n".join(lines)


VALIDITY = DOCS.parent / "benchmarks" / "results" / "validity.json"
"""What ``make bench-validity`` measured (benchmarks/bench_validity.py)."""


def validity_markdown() -> str:
    """The validity table and the power curve, from :data:`VALIDITY`."""
    results = json.loads(VALIDITY.read_text(encoding="utf-8"))
    settings = results["settings"]
    tests = list(next(iter(results["scenarios"].values()))["tests"])
    simulation = settings["simulation"]

    def cell(found: dict) -> str:
        return (
            "—" if found["rate"] is None else f"{found['rate']:.0%} ({found['low']:.0%}–{found['high']:.0%})"
        )

    lines = [
        f"{settings['replicates']} simulated units per row ({simulation['officers']} officers in {simulation['teams']} "
        f"teams over {simulation['months']} months, base hazard {simulation['base_hazard']}, β = {simulation['beta']} "
        f"where there is contagion), {settings['shuffles']} shuffles per test; the share of units in which each test "
        f"rejects no-contagion at p < {settings['level']}, with its 95% Wilson interval.",
        "",
        "| scenario | contagion | " + " | ".join(f"`{t}`" for t in tests) + " |",
        "|---|---|" + "---|" * len(tests),
    ]
    for scenario, found in results["scenarios"].items():
        lines.append(f"| `{scenario}` | {'yes' if found['contagion'] else 'no'} | "
                     + " | ".join(cell(found["tests"][t]) for t in tests) + " |")  # fmt: skip
    lines += ["", "Power over β (the `contagion` scenario):", "", "| β | " + " | ".join(f"`{t}`" for t in tests) + " |",
              "|---|" + "---|" * len(tests)]  # fmt: skip
    for point in results["power_curve"]:
        lines.append(f"| {point['beta']} | " + " | ".join(cell(point["tests"][t]) for t in tests) + " |")
    return "\n".join(lines) + "\n"


RESULTS = DOCS.parent / "benchmarks" / "results"


def _p(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _shuffle_cell(shuffle: dict | None) -> str:
    if not shuffle:
        return "no test (fewer than two adopters)"
    return (f"α = {shuffle['alpha']:.3f} against {shuffle['null_mean']:.3f} ± {shuffle['null_sd']:.3f}, "
            f"p = {_p(shuffle['p_value'])} ({shuffle['shuffles']} shuffles, `{shuffle['null']}` null)")  # fmt: skip


def _hazard_cell(hazard: dict) -> str:
    if not hazard["identified"]:
        return "not identified (no pair-tie exposure within a team and quarter)"
    return (f"pair effect {hazard['pair_effect']:+.4f} per step of ln(1 + k), one-sided p = {_p(hazard['p_value'])} "
            f"({hazard['rows']:,} officer-periods, {hazard['clusters']} teams; baseline {hazard['baseline']:.4f})")  # fmt: skip


def hotton_markdown() -> str:
    """The Hotton figures, from benchmarks/results/hotton.json (make docs-figures)."""
    found = json.loads((RESULTS / "hotton.json").read_text(encoding="utf-8"))
    s, spread = found["summary"], found["spread"]["all"]
    rows = [
        ("officers; active involvements", f"{s['officers']}; {s['involvements']}"),
        ("adopters (first dated involvement); seeds", f"{s['adopters']}; {s['seeds']}"),
        ("time-shuffle test, all misconduct", _shuffle_cell(spread["shuffle"])),
        ("hazard model", _hazard_cell(spread["hazard"])),
        ("placebo (future exposure)", f"p = {_p(spread['placebo_p_value'])}"),
        ("exposed officers; silent; reported",
         "; ".join("—" if v is None else str(v) for v in (s["exposed_officers"], s["silent_bystanders"], s["reporters"]))),
        ("stretches with no supervisor", str(s["supervision_gaps"])),
        ("took part or accused; with an outcome; sanctioned",
         f"{s['involved_or_accused']}; {s['with_outcome']}; {s['sanctioned']}"),
        ("communities against teams (NMI)", _p(s["community_team_nmi"])),
    ]  # fmt: skip
    return "\n".join(["| measure | value |", "|---|---|", *(f"| {a} | {b} |" for a, b in rows)]) + "\n"


def chicago_markdown() -> str:
    """The Chicago spread figures, from benchmarks/results/chicago_spread.json (make docs-figures)."""
    found = json.loads((RESULTS / "chicago_spread.json").read_text(encoding="utf-8"))
    lines = [
        f"{found['officers']:,} officers, {found['officers_with_leaving_date']:,} with a leaving date. Each scope is "
        "tested under the default null and, for comparison, under the `risk-set` null and the original `all` null "
        f"({found['options']['shuffles']} shuffles each).",
        "",
        "| scope | adopters (seeds) | outside presence | `team` null | `risk-set` null | `all` null | hazard model | placebo p | reading |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for scope in found["scopes"].values():
        under = scope["p_value_under"]
        lines.append(
            f"| {_cell(scope['label'])} | {scope['adopters']:,} ({scope['seeds']:,}) | {scope['adoptions_outside_presence']:,} | "
            f"p = {_p(scope['shuffle']['p_value'] if scope['shuffle'] else None)} | p = {_p(under['risk-set'])} | "
            f"p = {_p(under['all'])} | {_hazard_cell(scope['hazard'])} | {_p(scope['placebo_p_value'])} | "
            f"{_chicago_reading(scope)} |"
        )
    return "\n".join(lines) + "\n"


def _chicago_reading(scope: dict) -> str:
    """What one scope's tests show together (the rules of docs/analysis.md, "Reading the spread tests")."""
    level = 0.05
    team = scope["shuffle"]["p_value"] if scope["shuffle"] else None
    placebo, all_null = scope["placebo_p_value"], scope["p_value_under"]["all"]
    parts = []
    if team is not None and team < level:
        parts.append("within units, first findings follow co-accused partners' more than chance")
        if placebo is not None and placebo < level:
            parts.append(
                "but the placebo responds too: a cause shared by officers accused together is not ruled out"
            )
    elif team is not None:
        parts.append("no timing effect within units")
    risk_set = scope["p_value_under"]["risk-set"]
    if all_null < level <= risk_set:
        parts.append(
            f"the original test's rejection (p = {_p(all_null)}) goes once adoptions stay where officers were present "
            f"(p = {_p(risk_set)} across units)"
        )
    return "; ".join(parts)


def rendered(path: Path) -> str:
    """The file at ``path`` with its generated blocks filled from the code."""
    generators = {
        "ontology": ontology_markdown,
        "case_files": case_files_markdown,
        "cli": cli_markdown,
        "queries": queries_markdown,
        "measures": measures_markdown,
        "validity": validity_markdown,
        "hotton": hotton_markdown,
        "chicago": chicago_markdown,
        "neo4j_load": docs_neo4j.load_markdown,
        "neo4j_chicago": docs_neo4j.chicago_markdown,
    }
    text = path.read_text(encoding="utf-8")
    return BLOCK.sub(lambda m: m.group(1) + generators[m.group(2)]() + "\n" + m.group(3), text)


def generated_docs() -> list[Path]:
    """The docs files that hold generated blocks."""
    return sorted(p for p in DOCS.glob("*.md") if BLOCK.search(p.read_text(encoding="utf-8")))


def main() -> None:
    SCHEMA_FILE.write_text(schema_script(), encoding="utf-8")
    print(f"updated {SCHEMA_FILE}", file=sys.stderr)
    for path in generated_docs():
        path.write_text(rendered(path), encoding="utf-8")
        print(f"updated {path}", file=sys.stderr)


if __name__ == "__main__":
    main()

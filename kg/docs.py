"""Generate the files and parts of ``docs/`` that derive from code: the ontology tables, the case
files' columns, the CLI reference, the query library list and ``cypher/schema.cypher``; the
measured figures come from :mod:`kg.docs_figures` and :mod:`kg.docs_neo4j`.
``python -m kg.docs`` rewrites them; a test fails on drift."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import typer
from typer.core import TyperGroup

from kg import docs_figures, docs_neo4j
from kg.docs_figures import markdown_cell
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


def _property_rows(properties: tuple[Property, ...]) -> list[str]:
    rows = []
    for p in properties:
        kind = p.type.value + (" (required)" if p.required else "")
        choices = ", ".join(p.choices)
        rows.append(
            f"| `{p.name}` | {kind} | {markdown_cell(p.description)}{' One of: ' + choices + '.' if choices else ''} |"
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
                    f"| `{param.metavar or param.name}` | argument | {markdown_cell(_plain(getattr(param, 'help', '') or ''))} |"
                )
            elif param.name != "help":
                names = ", ".join(f"`{o}`" for o in param.opts + param.secondary_opts)
                rows.append(
                    f"| {names} | option | {markdown_cell(_plain(param.help or '').replace(chr(92), ''))} |"
                )
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
        figures = (
            "; ".join(f"`figures/{f.name}.svg` ({markdown_cell(f.caption)})" for f in measure.figures) or "—"
        )
        lines += [f"### `{measure.name}.csv` — {measure.title}", "", markdown_cell(measure.description), "",
                  f"- report section: {measure.section.value}", f"- columns: {columns}", f"- figures: {figures}",
                  ""]  # fmt: skip
    return "\n".join(lines)


def rendered(path: Path) -> str:
    """The file at ``path`` with its generated blocks filled from the code."""
    generators = {
        "ontology": ontology_markdown,
        "case_files": case_files_markdown,
        "cli": cli_markdown,
        "queries": queries_markdown,
        "measures": measures_markdown,
        "validity": docs_figures.validity_markdown,
        "hotton": docs_figures.hotton_markdown,
        "chicago": docs_figures.chicago_markdown,
        "chicago_case": docs_figures.chicago_case_markdown,
        "chicago_import": docs_figures.chicago_import_markdown,
        "pipeline": docs_figures.pipeline_markdown,
        "chats": docs_figures.chats_markdown,
        "view": docs_figures.view_markdown,
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

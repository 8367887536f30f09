"""The ``kg`` command line: each command parses options and calls one library function."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Column, Table

from kg import __version__
from kg.build import build as build_case
from kg.errors import KgError
from kg.sources.case_folder import load_case

app = typer.Typer(
    help="Build, check and export a knowledge graph of a police unit's culture.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
out_console = Console(highlight=False)

CaseArgument = Annotated[
    Path,
    typer.Argument(
        metavar="CASE", help="Case folder: case.toml plus one CSV/JSONL file per kind.", show_default=False
    ),
]


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a :class:`KgError` into its message on stderr and its exit code, with no traceback."""
    try:
        yield
    except KgError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(err.exit_code) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = None,
) -> None:
    """Build, check and export a knowledge graph of a police unit's culture."""


@app.command()
def validate(case: CaseArgument) -> None:
    """Check a case folder and list every problem as file:line:column (exit code 2 if any).

    Example: [bold]kg validate examples/hotton[/bold]
    """
    with user_errors():
        loaded = load_case(case)
    total = sum(loaded.counts().values())
    typer.echo(f"{case}: valid ({total} rows in {len(loaded.counts())} kinds)")


@app.command()
def build(
    case: CaseArgument,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help=r"Output folder \[default: exports/<case-name>]")
    ] = None,
    stamp: Annotated[bool, typer.Option(help="Record the build time in manifest.json.")] = False,
) -> None:
    """Validate a case, build its graph and write GraphML, GEXF, JSON, CSV, neo4j-admin and Cypher.

    Nothing is written if the case has problems. The same input gives byte-identical files.

    Example: [bold]kg build examples/hotton --out exports/hotton[/bold]
    """
    with user_errors():
        result = build_case(case, out, stamp=stamp)
    typer.echo(
        f"Case {result.case.name}: {result.graph.number_of_nodes()} nodes, "
        f"{result.graph.number_of_edges()} relationships"
    )
    out_console.print(counts_table(result.case.counts()))
    typer.echo(f"Wrote {len(result.files)} files to {result.out}/")


def counts_table(counts: dict[str, int]) -> Table:
    """A two-column table of counts per kind."""
    table = Table("kind", Column("count", justify="right"))
    for kind, count in counts.items():
        table.add_row(kind, str(count))
    return table

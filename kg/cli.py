"""The ``kg`` command line: each command parses options and calls one library function."""

from __future__ import annotations

import json
import logging
import sys
import webbrowser
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated

import networkx as nx
import typer
import typer.rich_utils
from rich.console import Console
from rich.table import Column, Table

from kg import __version__
from kg.analysis.involvement import ANY_FINDING
from kg.analysis.networks import NETWORKS
from kg.analysis.periods import PERIOD_MONTHS
from kg.analysis.risk_set import DEFAULT_NULL
from kg.analysis.ties import TIE_TYPES
from kg.build import build as build_case
from kg.errors import KgError, OptionError, UsageError
from kg.gc_pause import paused_gc
from kg.graph import graph_size, relationship_count
from kg.neo4j.model import DEFAULT_BATCH_SIZE
from kg.neo4j.settings import Neo4jSettings
from kg.progress import Advance, ignore, phases
from kg.pseudonyms import pseudonym_key
from kg.sources.case_folder import load_case
from kg.sources.chat_import import ChatImportResult
from kg.sources.cpdp import import_cpdp
from kg.sources.importer import ImportResult
from kg.sources.simulate import SCENARIOS, SimulationSettings
from kg.terminal import table_cell, terminal_safe
from kg.verify import verify
from kg.viz.drawing import SIZE_MEASURES

HELP_WIDTH = 120
"""Columns of help text when output is not a terminal: at rich's default 80, long words in the
option tables (``exports/<case-name>/analysis``) are cut short with an ellipsis."""
if typer.rich_utils.MAX_WIDTH is None and not sys.stdout.isatty():
    typer.rich_utils.MAX_WIDTH = HELP_WIDTH

app = typer.Typer(
    help="Build, check and export a knowledge graph of a police unit's culture.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
query_app = typer.Typer(
    help="List and run the analyst queries of cypher/queries/ against Neo4j (read-only).",
    no_args_is_help=True,
    rich_markup_mode="rich",
)
import_app = typer.Typer(
    help="Convert other record formats into a case folder.", no_args_is_help=True, rich_markup_mode="rich"
)
app.add_typer(query_app, name="query")
app.add_typer(import_app, name="import")
logging.getLogger("neo4j").addHandler(logging.NullHandler())  # the driver's retry notices are not for users
out_console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

ReplaceImportOption = Annotated[
    bool,
    typer.Option(help="Overwrite the --out folder even if it is not an earlier import of the same kind."),
]
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
        typer.echo(terminal_safe(str(err)), err=True)
        raise typer.Exit(err.exit_code) from None
    except OptionError as err:
        typer.echo(terminal_safe(err.worded(flag_of)), err=True)
        raise typer.Exit(UsageError.exit_code) from None


FLAGS = {"start": "--from", "end": "--until", "tie_types": "--ties", "categories": "--category"}
"""Options fields whose flag is not the field's name with dashes."""


def run() -> None:
    """The ``kg`` command (and ``python -m kg``), run with the cyclic garbage collector paused
    throughout (:mod:`kg.gc_pause`): a command's phases each make millions of long-lived objects,
    and the first collection after any phase would walk them all (1.7 s after reading a
    1,000,000-message chat). When it ends, the objects it leaves are frozen out of the
    interpreter's last collection: a whole-force analysis leaves about half a million in reference
    cycles, which that collection would free one by one for nothing (1.5 s on the Chicago
    records). Exit handlers still run."""
    with paused_gc(freeze_after=True):
        app(prog_name="kg")


def flag_of(field: str) -> str:
    """The command-line flag of an options field: ``max_nodes`` → ``--max-nodes``."""
    return FLAGS.get(field, "--" + field.replace("_", "-"))


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


PseudonymiseOption = Annotated[
    bool,
    typer.Option(
        "--pseudonymise",
        help=r"Replace people's ids and names with stable pseudonyms (key: \[env: KG_PSEUDONYM_KEY] or --pseudonym-key-file).",
    ),
]
KeyFileOption = Annotated[
    Path | None,
    typer.Option("--pseudonym-key-file", help="A file holding the pseudonym key (at least 16 characters)."),
]


def chosen_key(pseudonymise: bool, key_file: Path | None) -> bytes | None:
    """The pseudonym key when --pseudonymise is given (a key file alone is a mistake)."""
    if not pseudonymise:
        if key_file is not None:
            raise UsageError("--pseudonym-key-file needs --pseudonymise")
        return None
    return pseudonym_key(key_file)


@app.command()
def validate(case: CaseArgument) -> None:
    """Check a case folder and list every problem as file:line:column (exit code 2 if any).

    Example: [bold]kg validate examples/hotton[/bold]
    """
    with user_errors(), phases(err_console, "kg validate") as step:
        loaded = load_case(case, step)
    total = sum(loaded.counts().values())
    typer.echo(f"{case}: valid ({total} rows in {len(loaded.counts())} kinds)")


@app.command()
def build(
    case: CaseArgument,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help=r"Output folder \[default: exports/<case-name>]")
    ] = None,
    stamp: Annotated[bool, typer.Option(help="Record the build time in manifest.json.")] = False,
    pseudonymise: PseudonymiseOption = False,
    key_file: KeyFileOption = None,
) -> None:
    """Validate a case, build its graph and write GraphML, GEXF, JSON, CSV, neo4j-admin and Cypher.

    Nothing is written if the case has problems. The same input gives byte-identical files.

    Example: [bold]kg build examples/hotton --out exports/hotton[/bold]
    """
    with user_errors(), phases(err_console, "kg build") as step:
        result = build_case(
            case, out, stamp=stamp, pseudonym_key=chosen_key(pseudonymise, key_file), step=step
        )
    typer.echo(
        f"Case {result.case.name}: {result.graph.number_of_nodes()} nodes, "
        f"{relationship_count(result.graph)} relationships"
    )
    out_console.print(counts_table(result.case.counts()))
    typer.echo(f"Wrote {len(result.files)} files to {result.out}/")


@app.command("verify")
def verify_command(
    build_folder: Annotated[Path, typer.Argument(metavar="BUILD", help="A kg build output folder.")],
    case: Annotated[
        Path | None, typer.Option("--case", help="The case folder it was built from: check the inputs too.")
    ] = None,
) -> None:
    """Re-hash a build's outputs (and, with --case, its inputs) against its manifest.json and name
    every change; exit code 1 if anything changed.

    Example: [bold]kg verify exports/hotton --case examples/hotton[/bold]
    """
    with user_errors():
        result = verify(build_folder, case)
    for change in result.changes:
        typer.echo(terminal_safe(f"{result.build}: {change}"))
    checked = f"{result.outputs} outputs" + ("" if result.inputs is None else f" and {result.inputs} inputs")
    if result.changes:
        typer.echo(f"{len(result.changes)} changes found ({checked} checked).", err=True)
        raise typer.Exit(1)
    typer.echo(f"{result.build}: all {checked} match manifest.json")


def counts_table(counts: dict[str, int]) -> Table:
    """A two-column table of counts per kind."""
    table = Table("kind", Column("count", justify="right"))
    for kind, count in counts.items():
        table.add_row(kind, str(count))
    return table


SIMULATION = SimulationSettings()
"""The defaults of ``kg simulate``."""
NullOption = Annotated[
    str,
    typer.Option(
        help="How the time-shuffle test permutes adoption times: team (between officers on the same team's roll, "
        "each present at the other's time), team-quarter (also within a quarter), risk-set (present at both times, "
        "across teams), all (the original test, which ignores presence; kept for comparison)."
    ),
]


SourceArgument = Annotated[
    Path,
    typer.Argument(metavar="CASE_OR_BUILD", help="A case folder or a kg build folder.", show_default=False),
]


@app.command()
def analyze(
    source: SourceArgument,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help=r"Output folder \[default: exports/<case-name>/analysis]"),
    ] = None,
    findings: Annotated[
        str,
        typer.Option(help="Accusation findings that count as involvement, comma-separated, or 'any'."),
    ] = "sustained",
    period: Annotated[
        str, typer.Option(help=f"Time step of the spread analysis: {', '.join(PERIOD_MONTHS)}.")
    ] = "month",
    network: Annotated[
        str,
        typer.Option(
            help=f"Officer network for centrality and communities: {', '.join(NETWORKS)} (auto: every tie type "
            "that can be listed; team or chat ties too many to list are left out, and the report says so)."
        ),
    ] = "auto",
    category: Annotated[
        list[str] | None,
        typer.Option(
            "--category",
            "-c",
            help="Category id to analyse spread for (repeatable) [default: each with enough adopters].",
        ),
    ] = None,
    min_adopters: Annotated[
        int, typer.Option(min=1, help="Adopters a category needs to be analysed by default.")
    ] = 3,
    max_categories: Annotated[
        int, typer.Option(min=0, help="Without --category: how many categories (those with most adopters).")
    ] = 8,
    shuffles: Annotated[int, typer.Option(min=1, help="Shuffles in the time-shuffle contagion test.")] = 1000,
    null: NullOption = DEFAULT_NULL,
    seed: Annotated[int, typer.Option(help="Seed for shuffles, sampled betweenness and Louvain.")] = 0,
    pseudonymise: PseudonymiseOption = False,
    key_file: KeyFileOption = None,
) -> None:
    """Analyse how misconduct spread: networks, contagion test, silence, supervision, outcomes.

    Writes analysis.json, one CSV per table, figures, report.md and a self-contained report.html.

    Example: [bold]kg analyze examples/hotton --out exports/hotton/analysis[/bold]
    """
    from kg.analysis import AnalysisOptions
    from kg.analysis import analyze as analyze_source

    with user_errors():
        options = AnalysisOptions(
            findings=ANY_FINDING if findings.strip() == ANY_FINDING else tuple(f.strip() for f in findings.split(",") if f.strip()),
            period=period, network=network, categories=tuple(category) if category else None,
            min_adopters=min_adopters, max_categories=max_categories, shuffles=shuffles, null=null, seed=seed,
        )  # fmt: skip
        with phases(err_console, "kg analyze") as step:
            result = analyze_source(
                source, out, options, step=step, pseudonym_key=chosen_key(pseudonymise, key_file)
            )
    table = Table("measure", Column("value", justify="right"))
    for key, value in result.analysis.summary.items():
        shown = "" if value is None else ("yes" if value else "no") if isinstance(value, bool) else str(value)
        table.add_row(key.replace("_", " "), shown)
    out_console.print(table)
    typer.echo(f"Wrote {len(result.files)} files to {result.out}/ (open report.html)")


def _day(option: str, text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        raise UsageError(f"{option} {text!r}: write a date as YYYY-MM-DD") from None


@app.command()
def view(
    source: SourceArgument,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help=r"HTML file to write \[default: exports/<case-name>/view.html]"),
    ] = None,
    open_page: Annotated[
        bool,
        typer.Option(
            "--open", help="Open the page in the default browser (a note says so when none could be started)."
        ),
    ] = False,
    size_by: Annotated[str, typer.Option(help=f"Node size: {', '.join(SIZE_MEASURES)}.")] = "pagerank",
    focus: Annotated[
        str | None, typer.Option(help="Show only this node's neighbourhood (a node id).")
    ] = None,
    hops: Annotated[int, typer.Option(min=0, help="With --focus: how many steps out.")] = 2,
    incidents: Annotated[
        bool,
        typer.Option(
            help="Draw every incident and message as its own node (the whole knowledge graph) "
            "instead of the overview, which folds them into ties between officers."
        ),
    ] = False,
    officers_only: Annotated[
        bool, typer.Option(help="Draw the officer tie network instead of the overview.")
    ] = False,
    by_team: Annotated[
        bool, typer.Option(help="Draw teams, and the officer ties between their members, as single lines.")
    ] = False,
    ties: Annotated[
        str | None,
        typer.Option(
            help=f"With --officers-only or --by-team: tie types to draw, comma-separated ({', '.join(TIE_TYPES)}) "
            "\\[default: every type that can be listed: team or chat ties too many to list are left out, and said so]"
        ),
    ] = None,
    category: Annotated[
        str | None,
        typer.Option(
            help="Only incidents of this category (a Category id) and what they touch; draws incidents."
        ),
    ] = None,
    start: Annotated[
        str | None, typer.Option("--from", help="Only what existed on or after this date (YYYY-MM-DD).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--until", help="Only what existed on or before this date.")
    ] = None,
    max_nodes: Annotated[
        int | None, typer.Option(min=1, help="Keep only the most important nodes (by --size-by).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the layout of large graphs.")] = 0,
    pseudonymise: PseudonymiseOption = False,
    key_file: KeyFileOption = None,
) -> None:
    """Write the interactive HTML graph: filters, search, a time slider that replays the case.

    The page is one self-contained file that opens from file:// and makes no network request.

    Example: [bold]kg view examples/hotton --focus officer-a --hops 2 --open[/bold]
    """
    from kg.viz.api import view as view_source
    from kg.viz.drawing import ViewOptions

    with user_errors():
        options = ViewOptions(
            size_by=size_by, focus=focus, hops=hops, incidents=incidents, officers_only=officers_only, by_team=by_team,
            tie_types=tuple(t.strip() for t in ties.split(",") if t.strip()) if ties else None, category=category,
            start=_day("--from", start), end=_day("--until", end), max_nodes=max_nodes, seed=seed,
        )  # fmt: skip
        with phases(err_console, "kg view") as step:
            result = view_source(source, out, options, chosen_key(pseudonymise, key_file), step)
    for note in result.drawing.notes:
        typer.echo(terminal_safe(note))
    typer.echo(
        f"Wrote {result.out} ({len(result.drawing.nodes):,} nodes, {len(result.drawing.edges):,} relationships)"
    )
    if open_page and not webbrowser.open(result.out.resolve().as_uri()):
        err_console.print(
            f"--open: no browser could be started here; open {result.out.resolve().as_uri()} in one yourself",
            markup=False, soft_wrap=True,
        )  # fmt: skip


@app.command()
def simulate(
    out: Annotated[Path, typer.Option("--out", "-o", help="The case folder to write.")],
    scenario: Annotated[
        str, typer.Option(help=f"What to simulate: {', '.join(SCENARIOS)}.")
    ] = SIMULATION.scenario,
    officers: Annotated[int, typer.Option(help="Officers in the unit.")] = SIMULATION.officers,
    teams: Annotated[int, typer.Option(help="Teams they are spread over.")] = SIMULATION.teams,
    months: Annotated[int, typer.Option(help="Months simulated.")] = SIMULATION.months,
    seed: Annotated[int, typer.Option(help="Seed: the same settings give the same case.")] = SIMULATION.seed,
    beta: Annotated[float, typer.Option(help="Contagion strength (contagion, threshold).")] = SIMULATION.beta,
    base_hazard: Annotated[
        float, typer.Option(help="Monthly hazard of adopting without contagion.")
    ] = SIMULATION.base_hazard,
    replace: ReplaceImportOption = False,
) -> None:
    """Simulate a unit where the truth is known: a valid case plus ground_truth.json (who adopted when and why).

    Every element cites the source 'simulation' (type synthetic). See docs/analysis.md for the scenarios.

    Example: [bold]kg simulate --scenario contagion --out cases/sim-contagion[/bold]
    """
    from kg.sources.simulate import simulate_case

    with user_errors():
        settings = SimulationSettings(scenario, officers, teams, months, seed, base_hazard, beta)
        result = simulate_case(settings, out, replace=replace)
    out_console.print(counts_table(result.case.counts()))
    typer.echo(f"Wrote {len(result.files)} files to {result.out}/ (then: kg evaluate {result.out})")


@app.command()
def evaluate(
    case: Annotated[
        Path, typer.Argument(metavar="CASE", help="A case folder written by kg simulate.", show_default=False)
    ],
    shuffles: Annotated[int, typer.Option(min=1, help="Shuffles in each time-shuffle test.")] = 199,
    seed: Annotated[int, typer.Option(help="Seed of the shuffles.")] = 0,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Also write the evaluation as JSON.")
    ] = None,
) -> None:
    """Compare the spread analysis of a simulated case with its ground truth: each test's decision, seeds, sources, crews.

    Example: [bold]kg evaluate cases/sim-contagion[/bold]
    """
    from kg.analysis import AnalysisOptions
    from kg.analysis.evaluation import evaluate as evaluate_case

    with user_errors():
        result = evaluate_case(case, AnalysisOptions(shuffles=shuffles, seed=seed))
    truth = "contagion" if result.contagion else "no contagion"
    table = Table(
        "test", Column("p-value", justify="right"), "at p < 0.05", title=f"{result.scenario} ({truth})"
    )
    for decision in result.decisions:
        verdict = (
            "—"
            if decision.rejected is None
            else "rejects no-contagion"
            if decision.rejected
            else "does not reject"
        )
        table.add_row(decision.test, "—" if decision.p_value is None else f"{decision.p_value:.3f}", verdict)
    out_console.print(table)
    metrics = Table("measure", Column("value", justify="right"))
    for name in (
        "seed_recall_at_k",
        "candidate_precision",
        "candidate_recall",
        "candidate_coverage",
        "crew_recovery",
    ):
        value = getattr(result, name)
        metrics.add_row(name.replace("_", " "), "—" if value is None else f"{value:.2f}")
    metrics.add_row("adopters found / true", f"{result.adopters} / {result.true_adopters}")
    out_console.print(metrics)
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result.as_json(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
        typer.echo(f"Wrote {out}")


UriOption = Annotated[
    str | None, typer.Option("--uri", help=r"Bolt URI \[env: NEO4J_URI; default neo4j://localhost:7687]")
]
UserOption = Annotated[
    str | None, typer.Option("--username", "-u", help=r"User name \[env: NEO4J_USERNAME; default neo4j]")
]
DatabaseOption = Annotated[
    str | None,
    typer.Option("--database", "-d", help=r"Database \[env: NEO4J_DATABASE; default: the server's]"),
]
PasswordStdinOption = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from the first line of standard input.")
]


def connection_settings(
    uri: str | None, username: str | None, database: str | None, password_stdin: bool
) -> Neo4jSettings:
    """Settings from the environment and options; the password from NEO4J_PASSWORD, standard
    input (--password-stdin) or, at a terminal, a hidden prompt once the server has answered.
    Never from an argument."""
    settings = Neo4jSettings.from_env(uri=uri, username=username, database=database)
    if password_stdin:
        return settings.with_password(sys.stdin.readline().rstrip("\r\n") or None)
    if settings.password is None and sys.stdin.isatty():
        from kg.neo4j.connection import check_reachable  # the driver loads only for the commands that need it

        check_reachable(settings)
        typed = typer.prompt(
            f"Password for {settings.username} (empty for none)",
            hide_input=True,
            default="",
            show_default=False,
        )
        return settings.with_password(typed or None)
    return settings


@app.command()
def load(
    source: SourceArgument,
    uri: UriOption = None,
    username: UserOption = None,
    database: DatabaseOption = None,
    password_stdin: PasswordStdinOption = False,
    batch_size: Annotated[int, typer.Option(min=1, help="Rows per transaction.")] = DEFAULT_BATCH_SIZE,
    replace: Annotated[
        bool, typer.Option(help="First remove the case's previous nodes and relationships.")
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask before --replace removes data.")
    ] = False,
) -> None:
    """Load a case into Neo4j: the schema, then every node and relationship in batches.

    Loading is idempotent (a second load creates nothing new) and a load cut short is finished by running it again. Several cases share a database: each is keyed by its case name. The password comes from NEO4J_PASSWORD, --password-stdin or a prompt, never from an option.

    Example: [bold]kg load examples/hotton --uri neo4j://localhost:7687[/bold]
    """
    from kg.neo4j.api import load as load_source

    case_id = ""
    advance: Advance = ignore

    def ready(graph: nx.MultiDiGraph) -> None:
        nonlocal case_id, advance
        case_id = str(graph.graph["name"])
        if replace and not yes:
            with step.paused():
                typer.confirm(
                    f"Remove every node and relationship of case {case_id!r} at {settings.describe()}?",
                    abort=True,
                )
        total = graph_size(graph)
        advance = step(f"loading case {case_id}", total, "nodes and relationships")

    with user_errors():
        settings = connection_settings(uri, username, database, password_stdin)
        with phases(err_console, "kg load") as step:
            summary = load_source(source, settings, batch_size=batch_size, replace=replace, on_graph=ready,
                                  on_batch=lambda batch: advance(len(batch.rows)), step=step)  # fmt: skip
    if replace:
        typer.echo(f"Removed {summary.deleted} nodes of case {case_id} first.")
    typer.echo(
        f"Loaded case {case_id} into {settings.describe()} in {summary.batches} batches: "
        f"{summary.nodes_created} nodes and {summary.relationships_created} relationships created "
        f"(the rest already there)."
    )
    out_console.print(counts_table(summary.sent))


@import_app.command("cpdp")
def import_cpdp_command(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="DIR", help="Folder of the CPDP files (complaints, accused, …).", show_default=False
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="The case folder to write.")],
    name: Annotated[str, typer.Option(help="The case name.")] = "cpdp",
    replace: ReplaceImportOption = False,
) -> None:
    """Import Chicago complaint records (Citizens Police Data Project) as a case folder.

    Rows that cannot be used are counted by reason (import/summary.csv) and kept (import/rejected/). The folder is written whole or not at all.

    Example: [bold]kg import cpdp ../shared/data/cpdp-2000-2016 --out cases/cpdp[/bold]
    """
    with user_errors(), phases(err_console, "kg import cpdp") as step:
        result = import_cpdp(folder, out, name=name, replace=replace, step=step)
    report_import(result)


IntoOption = Annotated[
    Path,
    typer.Option(
        "--into", help="The case folder to add the chat to (its officers are the aliases' targets)."
    ),
]
AliasesOption = Annotated[
    Path,
    typer.Option("--aliases", help="CSV of alias,officer: display names and phone numbers of case officers."),
]
LexiconOption = Annotated[
    Path | None,
    typer.Option("--lexicon", help="CSV of term,category: whole-word terms (case- and accent-insensitive)."),
]
KeepTextOption = Annotated[
    bool,
    typer.Option(
        "--keep-text", help="Store each message's text (by default only its hash, length and terms)."
    ),
]


@import_app.command("whatsapp")
def import_whatsapp_command(
    export: Annotated[
        Path,
        typer.Argument(
            metavar="EXPORT", help="The chat .txt or the .zip WhatsApp exported.", show_default=False
        ),
    ],
    group: Annotated[str, typer.Option("--group", help="The chat group's name in the case.")],
    aliases: AliasesOption,
    into: IntoOption,
    lexicon: LexiconOption = None,
    keep_text: KeepTextOption = False,
    date_format: Annotated[
        str | None,
        typer.Option("--date-format", help="DMY, MDY or YMD, when the dates could be read either way."),
    ] = None,
) -> None:
    """Add a WhatsApp group chat export to a case: senders, membership over time, messages.

    Importing the same export again adds nothing; a later export of the same chat adds only its new messages. Lines that cannot be read are listed (import/chats/<group>/rejected.csv) and the rest imported.

    Example: [bold]kg import whatsapp chat.zip --group "Team chat" --aliases aliases.csv --into cases/unit[/bold]
    """
    from kg.sources.whatsapp import import_whatsapp

    with user_errors(), phases(err_console, "kg import whatsapp") as step:
        result = import_whatsapp(export, into, group, aliases, lexicon, keep_text, date_format, step)
    report_chat_import(result)


@import_app.command("messenger")
def import_messenger_command(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="FOLDER", help="The conversation's folder, holding message_1.json.", show_default=False
        ),
    ],
    aliases: AliasesOption,
    into: IntoOption,
    group: Annotated[
        str | None,
        typer.Option(
            "--group", help="The chat group's name in the case [default: the conversation's title]."
        ),
    ] = None,
    lexicon: LexiconOption = None,
    keep_text: KeepTextOption = False,
) -> None:
    """Add a Facebook Messenger conversation (Download your information, JSON) to a case.

    Facebook's mangled text encoding is repaired. Importing the same conversation again adds nothing.

    Example: [bold]kg import messenger inbox/teamchat_123 --aliases aliases.csv --into cases/unit[/bold]
    """
    from kg.sources.messenger import import_messenger

    with user_errors(), phases(err_console, "kg import messenger") as step:
        result = import_messenger(folder, into, aliases, group, lexicon, keep_text, step)
    report_chat_import(result)


def report_chat_import(result: ChatImportResult) -> None:
    """Print what a chat import read and added, and who was not in the alias table."""
    table = Table("file", "what", Column("rows", justify="right"))
    for file, what, rows in result.report.summary_rows():
        table.add_row(table_cell(file), table_cell(what), f"{rows:,}")
    out_console.print(table)
    added = ", ".join(f"{n:,} {kind}" for kind, n in sorted(result.added.items())) or "nothing new"
    typer.echo(f"Added to {result.case}: {added}")
    if result.unknown_senders:
        typer.echo(
            terminal_safe("Not in the alias table (Person nodes): " + ", ".join(result.unknown_senders))
        )


def report_import(result: ImportResult) -> None:
    """Print what an import read, rejected and wrote."""
    table = Table("file", "what", Column("rows", justify="right"))
    for file, what, rows in result.report.summary_rows():
        table.add_row(file, table_cell(what), f"{rows:,}")
    out_console.print(table)
    out_console.print(counts_table(result.case.counts()))
    typer.echo(f"Wrote {len(result.files)} files to {result.out}/ (then: kg build {result.out})")


@query_app.command("list")
def query_list() -> None:
    """List the queries of the library with their parameters.

    Example: [bold]kg query list[/bold]
    """
    from kg.neo4j.queries import library

    table = Table(Column("name", no_wrap=True), "description", "parameters", show_lines=True)
    for query in library().values():
        params = ", ".join(f"{p.name} {p.type}" + ("" if p.required else "?") for p in query.parameters)
        table.add_row(query.name, query.description, params)
    out_console.print(table)


@query_app.command("run")
def query_run(
    name: Annotated[str | None, typer.Argument(help="Name of a library query (see kg query list).")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Run this .cypher file instead.")] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="A parameter as key=value (repeatable).")
    ] = None,
    case: Annotated[
        str | None, typer.Option("--case", help="The case to query (sets the case_id parameter).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    uri: UriOption = None,
    username: UserOption = None,
    database: DatabaseOption = None,
    password_stdin: PasswordStdinOption = False,
) -> None:
    """Run a library query (or --file) in a read transaction and print the result.

    Example: [bold]kg query run silent-recipients --case hotton --format csv[/bold]
    """
    from kg.neo4j.api import query as run_library_query
    from kg.neo4j.queries import cell_text, format_result

    with user_errors():
        if fmt not in ("table", "csv", "json"):
            raise UsageError(f"unknown format {fmt!r}; use table, csv or json")
        given = dict(_key_value(p) for p in param or [])
        if case is not None:
            given["case_id"] = case
        settings = connection_settings(uri, username, database, password_stdin)
        result = run_library_query(name, given, settings, file=file)
    if fmt == "table":
        table = Table(*(Column(table_cell(column)) for column in result.columns))
        for row in result.rows:
            table.add_row(*(table_cell(cell_text(v)) for v in row))
        out_console.print(table)
        typer.echo(f"{len(result.rows)} rows")
    else:
        sys.stdout.write(format_result(result, fmt))


def _key_value(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise UsageError(f"--param {text!r}: write key=value")
    return key.strip(), value

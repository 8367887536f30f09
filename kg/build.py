"""``kg build``: validate a case, build its graph and write every export with a manifest."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kg.case import Case
from kg.errors import UsageError
from kg.export import export_all
from kg.export.manifest import MANIFEST, changed_outputs, write_manifest
from kg.graph import build_graph
from kg.progress import Step, no_progress
from kg.pseudonyms import pseudonymise
from kg.sources.case_folder import is_case_name, load_case
from kg.staging import check_output_folder, swapped_folder

DEFAULT_EXPORTS = Path("exports")
DERIVED = ("analysis", "view.html")
"""What ``kg analyze`` and ``kg view`` write into a case's default folder; a build may replace them."""


@dataclass
class BuildResult:
    """What a build produced."""

    case: Case
    graph: nx.MultiDiGraph
    out: Path
    files: list[Path]


def default_out(case_name: str) -> Path:
    """Where a case's outputs go by default: ``exports/<case-name>/`` (a name that is not a case
    name, e.g. from a crafted build folder, is refused rather than made a path)."""
    if not is_case_name(case_name):
        raise UsageError(f"{case_name!r} is not a case name, so it cannot name an output folder; give --out")
    return DEFAULT_EXPORTS / case_name


def build(
    case_folder: str | Path,
    out: str | Path | None = None,
    *,
    stamp: bool = False,
    pseudonym_key: bytes | None = None,
    step: Step = no_progress,
) -> BuildResult:
    """Validate ``case_folder``, build its graph and write all exports to ``out``.

    Nothing is written unless the case is valid; ``out`` (default ``exports/<case-name>/``) must
    be missing, empty or an earlier build, and is replaced whole, ``manifest.json`` included.
    ``stamp`` adds the build time to the manifest (otherwise the same input gives byte-identical
    output). With ``pseudonym_key`` people's ids and names are pseudonymised in every export
    (:mod:`kg.pseudonyms`). ``step`` hears each phase as it begins.

    >>> result = build("examples/hotton", "exports/hotton")
    >>> sorted(p.name for p in result.files)[:3]
    ['graph.cypher', 'graph.gexf', 'graph.graphml']
    """
    case = load_case(case_folder, step)
    graph = build_graph(case, step)
    if pseudonym_key is not None:
        graph = pseudonymise(graph, pseudonym_key)
    target = Path(out) if out else default_out(case.name)
    check_output_folder(target, MANIFEST, "kg build", derived=DERIVED)
    with swapped_folder(target) as stage:
        staged = export_all(graph, stage, step)
        staged.append(
            write_manifest(case, stage, staged, stamp=stamp, pseudonymised=pseudonym_key is not None)
        )
        names = [p.relative_to(stage) for p in staged]
    return BuildResult(case, graph, target, [target / name for name in names])


def read_build(folder: str | Path) -> nx.MultiDiGraph:
    """The graph of a ``kg build`` output folder, from its ``graph.json``, after checking every
    output's sha256 against ``manifest.json`` (so a changed, damaged or half-replaced build is
    refused) and that its case name is one."""
    folder = Path(folder)
    changed = changed_outputs(folder)
    if changed:
        raise UsageError(f"{folder}: {changed[0]}; rebuild with kg build (kg verify lists every change)")
    graph = nx.node_link_graph(json.loads((folder / "graph.json").read_text(encoding="utf-8")), edges="edges")
    if not is_case_name(str(graph.graph.get("name", ""))):
        raise UsageError(f"{folder / 'graph.json'}: its case name is not a case name; rebuild with kg build")
    return graph


def graph_from(path: str | Path, step: Step = no_progress) -> nx.MultiDiGraph:
    """The graph of a case folder (validated and built) or of a ``kg build`` output folder; each
    phase of the work is one ``step`` hears of."""
    path = Path(path)
    if (path / "case.toml").is_file():
        return build_graph(load_case(path, step), step)
    if (path / MANIFEST).is_file():
        step("reading the build")
        return read_build(path)
    raise UsageError(f"{path}: neither a case folder (case.toml) nor a kg build folder (manifest.json)")

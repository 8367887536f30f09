"""``kg build``: validate a case, build its graph and write every export with a manifest."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kg.case import Case
from kg.errors import UsageError
from kg.export import export_all
from kg.export.manifest import MANIFEST, sha256, write_manifest
from kg.graph import build_graph
from kg.sources.case_folder import load_case
from kg.staging import staged_folder

DEFAULT_EXPORTS = Path("exports")


@dataclass
class BuildResult:
    """What a build produced."""

    case: Case
    graph: nx.MultiDiGraph
    out: Path
    files: list[Path]


def default_out(case_name: str) -> Path:
    """Where a case's outputs go by default: ``exports/<case-name>/``."""
    return DEFAULT_EXPORTS / case_name


def build(case_folder: str | Path, out: str | Path | None = None, *, stamp: bool = False) -> BuildResult:
    """Validate ``case_folder``, build its graph and write all exports to ``out``.

    Nothing is written unless the case is valid. ``stamp`` adds the build time to the manifest
    (otherwise the same input gives byte-identical output).

    >>> result = build("examples/hotton", "exports/hotton")
    >>> sorted(p.name for p in result.files)[:3]
    ['graph.cypher', 'graph.gexf', 'graph.graphml']
    """
    case = load_case(case_folder)
    graph = build_graph(case)
    target = Path(out) if out else default_out(case.name)
    with staged_folder(target) as stage:
        staged = export_all(graph, stage)
        staged.append(write_manifest(case, stage, staged, stamp=stamp))
        names = [p.relative_to(stage) for p in staged]
    return BuildResult(case, graph, target, [target / name for name in names])


def read_build(folder: str | Path) -> nx.MultiDiGraph:
    """The graph of a ``kg build`` output folder, from its ``graph.json``, after checking the
    file's sha256 against ``manifest.json`` (so a changed or damaged export is refused)."""
    folder = Path(folder)
    manifest_path, graph_path = folder / MANIFEST, folder / "graph.json"
    if not manifest_path.is_file() or not graph_path.is_file():
        raise UsageError(f"{folder}: not a kg build folder (no manifest.json and graph.json)")
    expected = json.loads(manifest_path.read_text(encoding="utf-8")).get("outputs", {}).get("graph.json")
    if expected != sha256(graph_path):
        raise UsageError(f"{graph_path}: does not match the sha256 in manifest.json; rebuild with kg build")
    return nx.node_link_graph(json.loads(graph_path.read_text(encoding="utf-8")), edges="edges")


def graph_from(path: str | Path) -> nx.MultiDiGraph:
    """The graph of a case folder (validated and built) or of a ``kg build`` output folder."""
    path = Path(path)
    if (path / "case.toml").is_file():
        return build_graph(load_case(path))
    if (path / MANIFEST).is_file():
        return read_build(path)
    raise UsageError(f"{path}: neither a case folder (case.toml) nor a kg build folder (manifest.json)")

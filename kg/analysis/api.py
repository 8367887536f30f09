"""``kg analyze``: run the analysis on a case or build folder and write its outputs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.analysis.pipeline import Analysis, AnalysisOptions, Step, analyze_graph
from kg.analysis.report import write_analysis
from kg.build import default_out, graph_from
from kg.progress import no_progress
from kg.pseudonyms import pseudonymise
from kg.staging import check_output_folder, swapped_folder


@dataclass
class AnalyzeResult:
    """What an analysis run produced."""

    analysis: Analysis
    out: Path
    files: list[Path]


def analyze(
    source: str | Path,
    out: str | Path | None = None,
    options: AnalysisOptions | None = None,
    step: Step = no_progress,
    pseudonym_key: bytes | None = None,
) -> AnalyzeResult:
    """Analyse a case folder or a ``kg build`` folder and write ``analysis.json``, the CSV
    tables, the figures, ``report.md`` and ``report.html`` to ``out`` (default
    ``exports/<case-name>/analysis/``), all or nothing: ``out`` must be missing, empty or an
    earlier analysis, and is replaced whole. With ``pseudonym_key`` people's ids and names are
    pseudonymised first (:mod:`kg.pseudonyms`).

    >>> result = analyze("examples/hotton", options=AnalysisOptions(shuffles=100))
    >>> result.analysis.summary["adopters"]
    11
    """
    graph = graph_from(source, step)
    if pseudonym_key is not None:
        graph = pseudonymise(graph, pseudonym_key)
    target = Path(out) if out else default_out(str(graph.graph.get("name", ""))) / "analysis"
    check_output_folder(target, "analysis.json", "kg analyze")
    analysis = analyze_graph(graph, options, step)
    with swapped_folder(target) as stage:
        names = [p.relative_to(stage) for p in write_analysis(analysis, stage, step)]
    return AnalyzeResult(analysis, target, [target / n for n in names])

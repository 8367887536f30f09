"""``kg view``: the investigator's interactive HTML graph of a case or build folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kg.build import default_out, graph_from
from kg.errors import UsageError
from kg.progress import Step, no_progress
from kg.pseudonyms import pseudonymise
from kg.viz.drawing import Drawing, ViewOptions, knowledge_drawing, narrow, officer_drawing, overview_drawing
from kg.viz.page import render
from kg.viz.team_drawing import team_drawing


@dataclass
class ViewResult:
    """What a view wrote."""

    drawing: Drawing
    out: Path


def view(
    source: str | Path,
    out: str | Path | None = None,
    options: ViewOptions | None = None,
    pseudonym_key: bytes | None = None,
    step: Step = no_progress,
) -> ViewResult:
    """Write the interactive graph of a case folder or ``kg build`` folder to ``out`` (default
    ``exports/<case-name>/view.html``): one self-contained page that opens from ``file://``
    and makes no network request. By default the overview (:func:`~kg.viz.drawing.overview_drawing`);
    ``incidents`` (or a ``category``) draws every incident as a node. With ``pseudonym_key`` people's ids and names are
    pseudonymised first (:mod:`kg.pseudonyms`; ``--focus`` then takes a pseudonymous id).
    ``step`` hears each phase as it begins.

    >>> result = view("examples/hotton", "exports/hotton/view.html", ViewOptions(focus="officer-a", hops=1))
    >>> result.drawing.notes
    []
    """
    options = options or ViewOptions()
    graph = graph_from(source, step)
    if pseudonym_key is not None:
        graph = pseudonymise(graph, pseudonym_key)
    if options.by_team:
        full = team_drawing(graph, options.tie_types, step)
    else:
        step("choosing what to draw")
        if options.officers_only:
            full = officer_drawing(graph, options.tie_types)
        elif options.incidents or options.category:
            full = knowledge_drawing(graph)
        else:
            full = overview_drawing(graph)
    target = Path(out) if out else default_out(str(graph.graph.get("name", "case"))) / "view.html"
    if target.is_dir():
        raise UsageError(f"{target}: is a folder; --out names the page to write, e.g. {target / 'view.html'}")
    drawing = narrow(full, graph, options)
    step(f"laying out and writing the page of {len(drawing.nodes):,} nodes")
    html = render(drawing, options.size_by, options.seed)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(html, encoding="utf-8")
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)
    return ViewResult(drawing, target)

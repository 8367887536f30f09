"""How an analysis table is declared: once, next to the code that computes it.

A :class:`Measure` names its table, says how to read it, gives the dataclass of its rows and the
function that computes them from the shared inputs of one run (:class:`~kg.analysis.context.
AnalysisContext`), the report section it belongs to and the figures drawn from it. The pipeline,
``analysis.json``, the CSV files, the report and the measure tables of ``docs/analysis.md`` are
all derived from these declarations (:mod:`kg.analysis.registry` collects them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from kg.analysis.context import AnalysisContext
    from kg.analysis.pipeline import Analysis


class Section(Enum):
    """The report's sections, in the order they are shown; the value is the heading."""

    SPREAD = "How it spread"
    TRANSMISSION = "Candidate sources"
    SILENCE = "Who saw it and said nothing"
    SUPERVISION = "Where was supervision"
    ACCOUNTABILITY = "Who was never held to account"
    STRUCTURE = "Who was central"
    COMMUNITIES = "Does the informal network follow the teams?"


@dataclass(frozen=True)
class FigureSpec:
    """A figure drawn from an analysis: ``figures/<name>.svg``, with its caption."""

    name: str
    caption: str
    draw: Callable[[Analysis], Figure]


@dataclass(frozen=True)
class Measure:
    """One analysis table: ``<name>.csv``, a table in ``analysis.json``, a table in the report."""

    name: str
    title: str
    description: str
    """How to read the table: shown under it in the report and in docs/analysis.md."""
    row_type: type
    """The dataclass of one row: its fields are the table's columns."""
    rows: Callable[[AnalysisContext], Iterable[Any]]
    section: Section
    figures: tuple[FigureSpec, ...] = ()
    extra: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    """Computed columns after the row type's fields, by name."""

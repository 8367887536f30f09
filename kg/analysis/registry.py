"""Every analysis table kg computes, collected from the modules that declare them.

A module listed in :data:`MEASURE_MODULES` declares its tables as module-level
:class:`~kg.analysis.measure.Measure` values; they are collected in report order (by section,
then in the order the modules and their declarations stand). A new table in one of these modules
is one declaration; a new module is one more line here.
"""

from __future__ import annotations

import importlib
from functools import cache

from kg.analysis.measure import Measure, Section

MEASURE_MODULES = (
    "kg.analysis.spread",
    "kg.analysis.silence",
    "kg.analysis.supervision",
    "kg.analysis.accountability",
    "kg.analysis.structure",
    "kg.analysis.crews",
)


@cache
def measures() -> tuple[Measure, ...]:
    """Every declared measure, in report order; names and figure names are checked to be unique."""
    found = [
        value
        for module in MEASURE_MODULES
        for value in vars(importlib.import_module(module)).values()
        if isinstance(value, Measure)
    ]
    order = list(Section)
    found.sort(key=lambda m: order.index(m.section))  # stable: declaration order within a section
    for what, names in (
        ("table", [m.name for m in found]),
        ("figure", [f.name for m in found for f in m.figures]),
    ):
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise RuntimeError(f"{what} declared twice: {', '.join(repeated)}")
    return tuple(found)

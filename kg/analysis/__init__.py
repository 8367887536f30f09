"""Network analysis of how misconduct spread across a unit: officer networks, structure, spread
over time with a contagion test, silence, supervision and accountability.

The public names load on first use, so that importing a light submodule (or the CLI) does not
load numpy, scipy, scikit-learn and matplotlib.
"""

from __future__ import annotations

import importlib

_PUBLIC = {
    "Analysis": "kg.analysis.pipeline",
    "AnalysisOptions": "kg.analysis.options",
    "analyze_graph": "kg.analysis.pipeline",
    "AnalyzeResult": "kg.analysis.api",
    "analyze": "kg.analysis.api",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> object:
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'kg.analysis' has no attribute {name!r}")

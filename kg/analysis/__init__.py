"""Network analysis of how misconduct spread across a unit: officer networks, structure, spread
over time with a contagion test, silence, supervision and accountability."""

from kg.analysis.api import AnalyzeResult, analyze
from kg.analysis.pipeline import Analysis, AnalysisOptions, analyze_graph

__all__ = ["Analysis", "AnalysisOptions", "AnalyzeResult", "analyze", "analyze_graph"]

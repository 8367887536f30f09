"""kg: a knowledge graph of officers, teams, incidents and outcomes, for reviewing a unit's culture.

The Python API mirrors the CLI::

    import kg
    case = kg.load_case("examples/hotton")      # kg validate examples/hotton
    graph = kg.build_graph(case)
    kg.export_graphml(graph, "hotton.graphml")
    kg.build("examples/hotton")                 # kg build examples/hotton
    kg.analyze("examples/hotton")               # kg analyze examples/hotton
    kg.load("examples/hotton")                  # kg load examples/hotton   (Neo4j, NEO4J_* settings)
    kg.query("silent-recipients", {"case_id": "hotton"})   # kg query run silent-recipients --case hotton
"""

__version__ = "0.1.0"

from kg.build import BuildResult, build  # noqa: E402
from kg.case import Case  # noqa: E402
from kg.errors import InvalidInput, KgError, Problem  # noqa: E402
from kg.export import (  # noqa: E402
    export_all,
    export_cypher,
    export_gexf,
    export_graphml,
    export_neo4j_admin,
    export_node_link_json,
    export_nodes_csv,
    export_relationships_csv,
)
from kg.graph import build_graph  # noqa: E402
from kg.neo4j.api import load, query  # noqa: E402
from kg.neo4j.settings import Neo4jSettings  # noqa: E402
from kg.sources.case_folder import load_case  # noqa: E402

__all__ = [
    "Analysis",
    "AnalysisOptions",
    "BuildResult",
    "Case",
    "InvalidInput",
    "KgError",
    "Neo4jSettings",
    "Problem",
    "analyze",
    "analyze_graph",
    "build",
    "build_graph",
    "export_all",
    "export_cypher",
    "export_gexf",
    "export_graphml",
    "export_neo4j_admin",
    "export_node_link_json",
    "export_nodes_csv",
    "export_relationships_csv",
    "load",
    "load_case",
    "query",
]

_ANALYSIS = ("Analysis", "AnalysisOptions", "analyze", "analyze_graph")


def __getattr__(name: str) -> object:
    """The analysis API, imported on first use (it loads numpy, scipy, scikit-learn, matplotlib)."""
    if name in _ANALYSIS:
        import kg.analysis

        return getattr(kg.analysis, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")

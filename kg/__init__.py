"""kg: a knowledge graph of officers, teams, incidents and outcomes, for reviewing a unit's culture.

Every command of the ``kg`` CLI is one call here (the README's table lists them)::

    import kg
    case = kg.load_case("examples/hotton")      # kg validate examples/hotton
    graph = kg.build_graph(case)
    kg.export_graphml(graph, "hotton.graphml")
    kg.build("examples/hotton")                 # kg build examples/hotton
    kg.analyze("examples/hotton")               # kg analyze examples/hotton
    kg.view("examples/hotton")                  # kg view examples/hotton
    kg.import_cpdp("DIR", "cases/cpdp")         # kg import cpdp DIR --out cases/cpdp
    kg.import_whatsapp("chat.zip", "cases/unit", "Team", "aliases.csv")   # kg import whatsapp chat.zip --group Team …
    kg.load("examples/hotton")                  # kg load examples/hotton   (Neo4j, NEO4J_* settings)
    kg.simulate_case(kg.SimulationSettings("contagion"), "cases/sim")   # kg simulate --scenario contagion --out cases/sim
    kg.evaluate("cases/sim")                    # kg evaluate cases/sim
    kg.query_library()                          # kg query list
    kg.query("silent-recipients", {"case_id": "hotton"})   # kg query run silent-recipients --case hotton
"""

__version__ = "0.1.0"

import importlib  # noqa: E402

from kg.build import BuildResult, build  # noqa: E402
from kg.case import Case  # noqa: E402
from kg.errors import InvalidInput, KgError, OptionError, Problem, UsageError  # noqa: E402
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
from kg.neo4j.settings import Neo4jSettings  # noqa: E402
from kg.sources.case_folder import load_case  # noqa: E402
from kg.sources.cpdp import import_cpdp  # noqa: E402
from kg.sources.importer import ImportReport, ImportResult  # noqa: E402
from kg.sources.messenger import import_messenger  # noqa: E402
from kg.sources.whatsapp import import_whatsapp  # noqa: E402
from kg.verify import VerifyResult, verify  # noqa: E402

_LAZY = {
    "Analysis": "kg.analysis.pipeline",
    "AnalysisOptions": "kg.analysis.options",
    "AnalyzeResult": "kg.analysis.api",
    "analyze": "kg.analysis.api",
    "analyze_graph": "kg.analysis.pipeline",
    "ViewOptions": "kg.viz.drawing",
    "SimulationSettings": "kg.sources.simulate",
    "simulate_case": "kg.sources.simulate",
    "evaluate": "kg.analysis.evaluation",
    "load": "kg.neo4j.api",
    "query": "kg.neo4j.api",
    "query_library": "kg.neo4j.queries:library",
    "ViewResult": "kg.viz.api",
    "view": "kg.viz.api",
}
"""Names imported on first use (``module`` or ``module:attribute``): the analysis and the view
load numpy, scipy, igraph and matplotlib, the Neo4j calls the driver."""

__all__ = [
    "Analysis",
    "AnalysisOptions",
    "AnalyzeResult",
    "BuildResult",
    "Case",
    "ImportReport",
    "ImportResult",
    "InvalidInput",
    "KgError",
    "Neo4jSettings",
    "OptionError",
    "Problem",
    "UsageError",
    "SimulationSettings",
    "ViewOptions",
    "ViewResult",
    "VerifyResult",
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
    "import_cpdp",
    "import_messenger",
    "import_whatsapp",
    "load",
    "load_case",
    "query",
    "query_library",
    "evaluate",
    "simulate_case",
    "verify",
    "view",
]


def __getattr__(name: str) -> object:
    if name in _LAZY:
        module, _, attribute = _LAZY[name].partition(":")
        return getattr(importlib.import_module(module), attribute or name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")

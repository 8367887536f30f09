"""The spread figures that docs/analysis.md quotes, computed, never typed by hand.

- Hotton: ``kg analyze examples/hotton`` with its defaults; the summary and each test.
- Chicago: the whole CPDP extract (``../shared/data/cpdp-2000-2016``, when it is there) imported
  with ``kg import cpdp``; sustained misconduct and the categories with most adopters (chosen as
  ``kg analyze`` chooses them), each tested
  under the default null and, for comparison, under the ``risk-set`` null and the original
  ``all`` null; the hazard model and its placebo. Exposure through co-accusal (pair ties) and
  unit co-membership. Also the case's size and the structure of its officer network on defaults
  (ties, components, communities against primary units, ties against the unit on their day).

    python -m benchmarks.spread_figures [--shuffles 200] [--categories 4]

Writes ``benchmarks/results/hotton.json`` and ``benchmarks/results/chicago_spread.json``;
``make docs`` renders them into docs/analysis.md. ``make docs-figures`` runs both.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import networkx as nx

from kg.analysis import AnalysisOptions, analyze_graph
from kg.analysis.contagion import time_shuffle_test
from kg.analysis.context import AnalysisContext
from kg.analysis.spread import Spread
from kg.analysis.structure import ties_and_units
from kg.build import graph_from
from kg.graph import build_graph
from kg.ontology import Label
from kg.sources.cpdp import read_cpdp

RESULTS = Path(__file__).resolve().parent / "results"
EXTRACT = Path(__file__).resolve().parents[2] / "shared" / "data" / "cpdp-2000-2016"
HOTTON = Path(__file__).resolve().parents[1] / "examples" / "hotton"
COMPARED_NULLS = ("risk-set", "all")


def test_json(spread: Spread, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    test, hazard, placebo = spread.test, spread.hazard, spread.placebo
    pair = hazard.term("pair")
    return {
        "label": spread.label, "adopters": len(spread.adoptions), "seeds": len(spread.seeds),
        "adoptions_outside_presence": spread.model.conflicts,
        "shuffle": {"null": test.null, "alpha": round(test.alpha, 4), "null_mean": round(test.shuffled_alpha_mean, 4),
                    "null_sd": round(test.shuffled_alpha_sd, 4), "p_value": round(test.p_value, 4),
                    "shuffles": test.shuffles, "budget": test.budget} if test else None,
        "hazard": {"identified": hazard.identified, "pair_effect": round(pair.coefficient, 6) if pair else None,
                   "p_value": round(hazard.p_value, 4) if hazard.p_value is not None else None,
                   "rows": hazard.rows, "clusters": hazard.clusters, "baseline": round(hazard.baseline, 6)},
        "placebo_p_value": round(placebo.p_value, 4) if placebo.p_value is not None else None,
        **(extra or {}),
    }  # fmt: skip


def hotton(shuffles: int) -> dict[str, Any]:
    analysis = analyze_graph(graph_from(HOTTON), AnalysisOptions(shuffles=shuffles))
    return {"options": analysis.options.as_json(), "summary": analysis.summary,
            "spread": {scope: test_json(s) for scope, s in analysis.spread.items()}}  # fmt: skip


def chicago(shuffles: int, categories: int) -> dict[str, Any]:
    started = time.perf_counter()
    case, report = read_cpdp(EXTRACT)
    graph = build_graph(case)
    context = AnalysisContext(
        graph, AnalysisOptions(shuffles=shuffles, max_categories=categories, min_adopters=1)
    )
    scopes = {}
    for scope, spread in context.spread.items():
        compared = {
            null: round(
                time_shuffle_test(spread.model, shuffles, 0, null=null, strata=spread.strata).p_value, 4
            )
            for null in COMPARED_NULLS
        }
        scopes[scope] = test_json(spread, {"p_value_under": compared})
    leaving = sum(1 for row in case.nodes[Label.OFFICER] if row.properties.get("left"))
    return {"options": context.options.as_json(), "officers": len(context.people), "officers_with_leaving_date": leaving,
            "import_summary": [list(row) for row in report.summary_rows()],
            "case": {kind: len(rows) for kind, rows in sorted({**case.nodes, **case.relationships}.items())},
            "structure": structure_json(context), "scopes": scopes,
            "seconds": round(time.perf_counter() - started)}  # fmt: skip


def structure_json(context: AnalysisContext) -> dict[str, Any]:
    """The officer network's size and how it compares with the units."""
    network, compared = context.network, context.communities
    tied = network.subgraph(n for n in network if network.degree(n))
    largest = max((len(c) for c in nx.connected_components(tied)), default=0)
    return {
        "tie_types": list(context.network_ties.kept), "ties": network.number_of_edges(),
        "tied_officers": tied.number_of_nodes(), "largest_component": largest,
        "communities": len(set(compared.communities.values())), "officers_compared": compared.officers_compared,
        "ami": compared.ami, "nmi": compared.nmi, "ari": compared.ari,
        "ties_and_units": [asdict(row) for row in ties_and_units(context.pair_ties, context.teams)],
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shuffles", type=int, default=200)
    parser.add_argument("--categories", type=int, default=4)
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "hotton.json").write_text(
        json.dumps(hotton(1000), indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    print("wrote", RESULTS / "hotton.json")
    if EXTRACT.is_dir():
        found = chicago(args.shuffles, args.categories)
        seconds = found.pop("seconds")
        (RESULTS / "chicago_spread.json").write_text(
            json.dumps(found, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        print("wrote", RESULTS / "chicago_spread.json", f"({seconds} s)")
    else:
        print(f"{EXTRACT} is not there: the Chicago figures were not recomputed")


if __name__ == "__main__":
    main()

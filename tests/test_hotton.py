"""The bundled Operation Hotton example: article facts are sourced and quoted verbatim, and the
illustrative network is reproducible and kept apart."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from kg import build_graph, load_case
from tests.conftest import HOTTON, ROOT

ARTICLE = ROOT.parent / "shared" / "seed" / "iopc-charing-cross-article.txt"


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return build_graph(load_case(HOTTON))


def elements(graph: nx.MultiDiGraph):
    yield from (data for _, data in graph.nodes(data=True))
    yield from (data for _, _, data in graph.edges(data=True))


def article_facts(graph: nx.MultiDiGraph) -> list[dict]:
    return [d for d in elements(graph) if "iopc-article" in d["sources"].split(";") and d["kind"] != "Source"]


def test_every_article_fact_carries_a_quote(graph: nx.MultiDiGraph) -> None:
    facts = article_facts(graph)
    assert len(facts) > 100
    assert [d for d in facts if not d.get("quote")] == []


@pytest.mark.skipif(
    not ARTICLE.is_file(),
    reason=f"the seed article is not in this checkout's surroundings ({ARTICLE}); it ships with the "
    "project's shared folder, not with the repository",
)
def test_every_article_quote_is_verbatim_in_the_article(graph: nx.MultiDiGraph) -> None:
    article = ARTICLE.read_text(encoding="utf-8")
    assert [d["quote"] for d in article_facts(graph) if d["quote"] not in article] == []


def test_fourteen_officers_were_served_notices(graph: nx.MultiDiGraph) -> None:
    served = [
        v for u, v, d in graph.edges(data=True) if d["kind"] == "INVESTIGATED" and d.get("notice_served")
    ]
    assert sorted(served) == [f"officer-{c}" for c in "abcdefghijklmn"]
    assert all(graph.nodes[o]["name"].startswith("Officer ") for o in served)


def test_fifteen_recommendations_to_the_met(graph: nx.MultiDiGraph) -> None:
    recs = [n for n, d in graph.nodes(data=True) if d["kind"] == "Recommendation"]
    assert len(recs) == 15
    assert [graph.nodes[r]["number"] for r in sorted(recs)] == list(range(1, 16))
    unknown = [r for r in recs if graph.nodes[r]["text"] == "not stated in the source"]
    assert len(unknown) == 14
    for rec in recs:
        assert graph.has_edge(rec, "org-met") and graph.has_edge("inv-iopc-charing-cross", rec)


def test_both_accounts_of_the_outcomes_are_kept(graph: nx.MultiDiGraph) -> None:
    outcomes = {
        v: graph.nodes[v]["outcome_type"]
        for u, v, d in graph.edges(data=True) if d["kind"] == "RECEIVED_OUTCOME"
    }  # fmt: skip
    assert sorted(outcomes.values()) == ["barred_list", "barred_list", "dismissed", "dismissed", "resigned"]
    assert graph.nodes["inv-iopc-charing-cross"]["started"] == "2018"
    assert graph.nodes["team-westminster-1"]["status"] == "disbanded"


def test_illustrative_rows_are_only_in_illustrative_files() -> None:
    for path in sorted(HOTTON.glob("*.csv")):
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        for row in rows:
            sources = row["sources"].split(";")
            if path.name.endswith(".illustrative.csv"):
                assert sources == ["illustrative"], (path.name, row)
            else:
                assert "iopc-article" in sources, (path.name, row)


def test_the_illustrative_network_is_reproducible(tmp_path: Path) -> None:
    script = HOTTON / "generate_illustrative.py"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], check=True, capture_output=True)
    generated = sorted(p.name for p in tmp_path.iterdir())
    assert generated == sorted(p.name for p in HOTTON.glob("*.illustrative.csv"))
    for name in generated:
        assert (tmp_path / name).read_bytes() == (HOTTON / name).read_bytes(), name


def test_the_illustrative_network_has_spread_silence_and_a_supervision_gap(graph: nx.MultiDiGraph) -> None:
    senders = {u for u, v, d in graph.edges(data=True) if d["kind"] == "SENT"}
    receivers = {u for u, v, d in graph.edges(data=True) if d["kind"] == "RECEIVED"}
    reporters = {u for u, v, d in graph.edges(data=True) if d["kind"] == "REPORTED"}
    assert {"officer-a", "officer-b"} <= senders and len(senders) >= 8
    assert reporters == {"officer-n", "officer-p3"}
    silent = receivers - senders - reporters
    assert {"officer-h", "officer-m"} <= silent
    supervised = {v for u, v, d in graph.edges(data=True) if d["kind"] == "SUPERVISES"}
    assert supervised == {"team-westminster-1", "team-westminster-2", "team-westminster-3"}
    s2 = graph.edges["officer-s2", "team-westminster-3", "officer-s2-SUPERVISES-team-westminster-3"]
    assert s2["until"] == "2017-03-31"

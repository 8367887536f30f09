"""Exports: round trips through networkx, neo4j-admin headers, determinism, golden files."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from kg import build, build_graph, load_case
from kg.export import xml_text
from kg.export.gexf import export_gexf
from kg.export.graphml import export_graphml
from kg.timeline import edge_span, node_span
from tests.conftest import HOSTILE, ROOT, TINY, hostile_case

GOLDEN = ROOT / "tests" / "golden" / "tiny"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    return build(TINY, tmp_path_factory.mktemp("build") / "tiny")


@pytest.fixture(scope="module", params=["tiny", "hostile"])
def each_built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The tiny case built, and the hostile case (quotes, markup, line breaks, tabs, carriage
    returns, right-to-left text) built."""
    folder = tmp_path_factory.mktemp(request.param)
    return build(TINY if request.param == "tiny" else hostile_case(folder), folder / "out")


def nodes_and_edges(graph: nx.MultiDiGraph) -> tuple[dict, dict]:
    return dict(graph.nodes(data=True)), {(u, v, k): d for u, v, k, d in graph.edges(keys=True, data=True)}


def test_build_writes_every_export(built) -> None:
    names = sorted(p.relative_to(built.out).as_posix() for p in built.files)
    assert names[:8] == [
        "graph.cypher", "graph.gexf", "graph.graphml", "graph.json", "manifest.json",
        "neo4j-admin/import.sh", "neo4j-admin/nodes_Category.csv", "neo4j-admin/nodes_Incident.csv",
    ]  # fmt: skip
    assert "nodes.csv" in names and "relationships.csv" in names
    assert sorted(p.relative_to(built.out).as_posix() for p in built.out.rglob("*") if p.is_file()) == names


def test_graphml_reads_back_identical(each_built) -> None:
    read = nx.read_graphml(each_built.out / "graph.graphml", force_multigraph=True)
    assert nodes_and_edges(read) == nodes_and_edges(each_built.graph)
    assert {k: read.graph[k] for k in each_built.graph.graph} == each_built.graph.graph


def test_node_link_json_reads_back_identical(each_built) -> None:
    data = json.loads((each_built.out / "graph.json").read_text(encoding="utf-8"))
    read = nx.node_link_graph(data, edges="edges")
    assert nodes_and_edges(read) == nodes_and_edges(each_built.graph)


def test_gexf_reads_back_identical_plus_label_and_time(each_built) -> None:
    read = nx.read_gexf(each_built.out / "graph.gexf")
    graph = each_built.graph
    assert read.graph["mode"] == "dynamic"
    assert set(read.nodes) == set(graph.nodes)
    for node, data in read.nodes(data=True):
        data = dict(data)
        assert data.pop("label") == graph.nodes[node].get("name", node)
        start, end = node_span(graph, node)
        assert data.pop("start", None) == (start.isoformat() if start else None)
        assert data.pop("end", None) == (end.isoformat() if end else None)
        assert data == graph.nodes[node]
    assert read.number_of_edges() == graph.number_of_edges()
    for u, v, key, data in read.edges(keys=True, data=True):
        data = dict(data)
        assert data.pop("id") == key
        start, end = edge_span(graph, u, v, key)
        assert data.pop("start", None) == (start.isoformat() if start else None)
        assert data.pop("end", None) == (end.isoformat() if end else None)
        assert data == graph.edges[u, v, key]


@pytest.mark.parametrize("export", [export_graphml, export_gexf])
@pytest.mark.parametrize("character", ["\x00", "\x0b", "\ud800", "\uffff"])
def test_xml_exports_refuse_a_character_xml_cannot_hold(export, character: str, tmp_path: Path) -> None:
    graph = nx.MultiDiGraph(name="bad")
    graph.add_node("a", kind="Officer", name=f"before{character}after")
    with pytest.raises(ValueError, match=f"U\\+{ord(character):04X}"):
        export(graph, tmp_path / "out.xml")


def test_gexf_timeline_of_a_known_membership(built) -> None:
    text = (built.out / "graph.gexf").read_text(encoding="utf-8")
    assert 'timeformat="date"' in text
    assert re.search(
        r'<edge [^>]*id="officer-3-MEMBER_OF-team-1"[^>]*start="2016-09-01"[^>]*end="2017-06-30"', text
    ) or re.search(
        r'<edge [^>]*end="2017-06-30"[^>]*id="officer-3-MEMBER_OF-team-1"[^>]*start="2016-09-01"', text
    )
    assert "lastmodifieddate" not in text


# Neo4j's documented header: [name]:ID, :LABEL, :START_ID, :END_ID, :TYPE, name[:type] with
# type one of int, long, float, double, boolean, byte, short, char, string, date, datetime… and [] arrays.
ADMIN_FIELD = re.compile(
    r"^(\w+:ID|:LABEL|:START_ID|:END_ID|:TYPE|\w+:(string|long|double|boolean|date|datetime)(\[\])?)$"
)


def test_neo4j_admin_headers_follow_the_import_format(built) -> None:
    folder = built.out / "neo4j-admin"
    for path in sorted(folder.glob("*.csv")):
        header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
        assert all(ADMIN_FIELD.match(field) for field in header), (path.name, header)
        if path.name.startswith("nodes_"):
            assert header[0] == "id:ID" and header[-1] == ":LABEL"
        else:
            assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
    officer = list(csv.reader((folder / "nodes_Officer.csv").open(encoding="utf-8")))
    assert officer[0] == [
        "id:ID", "case_id:string", "name:string", "rank:string", "role:string", "joined:date", "left:date",
        "status:string", "probationer:boolean", "sources:string[]", "quote:string", ":LABEL",
    ]  # fmt: skip
    assert officer[3] == ["officer-3", "tiny", "Officer Three", "PC", "", "2016-09-01", "", "", "true",
                          "src-report;src-demo", "", "Officer"]  # fmt: skip
    outcome = list(csv.reader((folder / "nodes_Outcome.csv").open(encoding="utf-8")))
    assert outcome[1][4] == "2017-05-01", "a reduced-precision date is written as its first day"
    member = list(csv.reader((folder / "relationships_MEMBER_OF.csv").open(encoding="utf-8")))
    assert member[0] == [":START_ID", ":END_ID", ":TYPE", "id:string", "case_id:string", "from:date",
                         "until:date", "role:string", "sources:string[]", "quote:string"]  # fmt: skip
    assert member[3] == ["officer-3", "team-1", "MEMBER_OF", "officer-3-MEMBER_OF-team-1", "tiny",
                         "2016-09-01", "2017-06-30", "probationer", "src-report", ""]  # fmt: skip
    script = (folder / "import.sh").read_text(encoding="utf-8")
    assert "--nodes=nodes_Officer.csv" in script and "--relationships=relationships_MEMBER_OF.csv" in script


def test_spreadsheet_csvs_have_one_row_per_node_and_relationship(built) -> None:
    nodes = list(csv.DictReader((built.out / "nodes.csv").open(encoding="utf-8")))
    rels = list(csv.DictReader((built.out / "relationships.csv").open(encoding="utf-8")))
    assert len(nodes) == 11 and len(rels) == 13
    inc = next(row for row in nodes if row["id"] == "inc-1")
    assert (inc["kind"], inc["occurred_at"], inc["text"]) == (
        "Incident",
        "2016-10-02T22:15:00",
        "placeholder text, with a comma",
    )
    part = next(row for row in rels if row["id"] == "part-1")
    assert (part["kind"], part["start_id"], part["end_id"], part["role"]) == (
        "PARTICIPATED_IN",
        "officer-1",
        "inc-2",
        "participant",
    )


def sha256s(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }  # fmt: skip


def test_building_twice_gives_identical_bytes(tmp_path: Path) -> None:
    first = build(TINY, tmp_path / "one").out
    second = build(TINY, tmp_path / "two").out
    assert sha256s(first) == sha256s(second)


def test_manifest_hashes_every_input_and_output(built) -> None:
    manifest = json.loads((built.out / "manifest.json").read_text(encoding="utf-8"))
    outputs = sha256s(built.out)
    del outputs["manifest.json"]
    assert manifest["outputs"] == outputs
    assert manifest["inputs"] == {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(TINY.iterdir())
    }
    assert manifest["counts"]["Officer"] == 3 and manifest["counts"]["MEMBER_OF"] == 3
    assert manifest["case"] == "tiny" and "generated_at" not in manifest


def test_stamp_adds_the_build_time(tmp_path: Path) -> None:
    manifest = json.loads((build(TINY, tmp_path / "out", stamp=True).out / "manifest.json").read_text())
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", manifest["generated_at"])


def test_build_output_matches_the_golden_files(built) -> None:
    """Golden files: regenerate on purpose with ``make golden`` and review the diff."""
    assert sha256s(GOLDEN) == sha256s(built.out), "exports changed: run `make golden` if intended"


def test_the_api_exports_match_the_build(built, tmp_path: Path) -> None:
    from kg import export_graphml

    graph = build_graph(load_case(TINY))
    path = export_graphml(graph, tmp_path / "g.graphml")
    assert path.read_bytes() == (built.out / "graph.graphml").read_bytes()


@pytest.mark.parametrize("value", [*HOSTILE, "a & b", '<tag attr="v">', "tab\there", "cr\rlf\n", "plain"])
def test_xml_text_escapes_as_lxml_does(value: str) -> None:
    """The streamed writers' escaping against lxml's own serialisation of the same value."""
    element = etree.Element("e", {"a": value})
    element.text = value
    written = etree.tostring(element, encoding="unicode")
    assert written == f'<e a="{xml_text.attribute(value)}">{xml_text.text(value)}</e>'

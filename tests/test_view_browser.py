"""The interactive graph in a real headless Chromium, offline."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from playwright.sync_api import Browser

from kg.build import graph_from
from kg.timeline import edge_span, node_span
from tests.browser import ARTIFACTS, Visit, open_offline
from tests.conftest import HOTTON, ROOT, run_kg

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
PAYLOADS = (
    '<img src=x onerror="window.pwned=1">',
    "<script>window.pwned=1</script>",
    '"><svg onload=window.pwned=1>',
)


def write_view(source: Path, out: Path, *options: str) -> Path:
    result = run_kg("view", source, "--out", out, *options)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def hotton_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_view(HOTTON, tmp_path_factory.mktemp("view") / "hotton.html", "--incidents")


def drawn(graph: nx.MultiDiGraph) -> tuple[set[str], list[tuple[str, str, str]]]:
    """What the full view draws: every node but Sources, every relationship between them."""
    nodes = {n for n, kind in graph.nodes(data="kind") if kind != "Source"}
    return nodes, [(s, e, k) for s, e, k in graph.edges(keys=True) if s in nodes and e in nodes]


def visible(visit: Visit) -> tuple[int, int]:
    page = visit.page
    return int(page.text_content("#visible-nodes")), int(page.text_content("#visible-edges"))


def test_the_page_loads_offline_with_every_element(browser: Browser, hotton_page: Path) -> None:
    visit = open_offline(browser, hotton_page)
    nodes, edges = drawn(graph_from(HOTTON))
    assert visit.page.evaluate("[nodes.length, edges.length]") == [len(nodes), len(edges)]
    assert visible(visit) == (len(nodes), len(edges))
    assert visit.blocked == [] and visit.errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.screenshot(path=str(ARTIFACTS / "view-hotton.png"))
    visit.page.close()


def test_kind_category_and_team_filters(browser: Browser, hotton_page: Path) -> None:
    graph = graph_from(HOTTON)
    nodes, edges = drawn(graph)
    visit = open_offline(browser, hotton_page)
    page = visit.page
    page.uncheck("input[data-kind=Incident]")
    kept = {n for n in nodes if graph.nodes[n]["kind"] != "Incident"}
    assert visible(visit) == (len(kept), sum(1 for s, e, _ in edges if s in kept and e in kept))
    page.check("input[data-kind=Incident]")
    page.select_option("#category-filter", ["cat-racism"])
    in_racism = {i for i, c in graph.edges() if c == "cat-racism"}
    kept = {n for n in nodes if graph.nodes[n]["kind"] != "Incident" or n in in_racism}
    assert visible(visit) == (len(kept), sum(1 for s, e, _ in edges if s in kept and e in kept))
    page.click("#clear-filters")
    page.select_option("#team-filter", ["team-westminster-3"])
    in_team = {s for s, t, k in graph.edges(data="kind") if k == "MEMBER_OF" and t == "team-westminster-3"}
    kept = {n for n in nodes if graph.nodes[n]["kind"] not in ("Officer", "Person") or n in in_team}
    assert visible(visit) == (len(kept), sum(1 for s, e, _ in edges if s in kept and e in kept))
    assert visit.errors == []
    page.close()


def on_day(graph: nx.MultiDiGraph, day: date) -> tuple[int, int]:
    """Nodes and relationships that existed on ``day`` (the slider's rule)."""

    def alive(span: tuple[date | None, date | None]) -> bool:
        return (span[0] is None or span[0] <= day) and (span[1] is None or span[1] >= day)

    nodes, edges = drawn(graph)
    shown = {n for n in nodes if alive(node_span(graph, n))}
    return len(shown), sum(
        1 for s, e, k in edges if s in shown and e in shown and alive(edge_span(graph, s, e, k))
    )


def test_the_time_slider_replays_the_case(browser: Browser, hotton_page: Path) -> None:
    graph = graph_from(HOTTON)
    visit = open_offline(browser, hotton_page)
    page = visit.page
    counts = []
    for day in (date(2016, 3, 1), date(2016, 9, 1), date(2017, 6, 1)):
        number = (day - date(1970, 1, 1)).days
        page.evaluate(
            f"s => {{ s.value = {number}; s.dispatchEvent(new Event('input')); }}",
            page.query_selector("#time"),
        )
        assert page.text_content("#date-label") == day.isoformat()
        assert visible(visit) == on_day(graph, day)
        counts.append(visible(visit))
    assert counts[0][0] < counts[1][0] < counts[2][0]  # the behaviour spreads: more messages each time
    page.select_option("#speed", "5")
    page.click("#play")
    page.wait_for_function("() => document.getElementById('play').textContent === 'Play'", timeout=60_000)
    last = date(1970, 1, 1).toordinal() + int(page.evaluate("Number(document.getElementById('time').max)"))
    assert visible(visit) == on_day(graph, date.fromordinal(last))
    page.click("#all-dates")
    nodes, edges = drawn(graph)
    assert visible(visit) == (len(nodes), len(edges)) and visit.errors == []
    page.close()


def test_hostile_text_never_runs(browser: Browser, tmp_path: Path) -> None:
    page_path = write_view(HOSTILE, tmp_path / "hostile.html", "--incidents")
    html = page_path.read_text(encoding="utf-8")
    for payload in PAYLOADS:
        assert payload not in html  # escaped wherever it appears
    visit = open_offline(browser, page_path)
    page = visit.page
    tooltips = []
    for node in page.evaluate("nodes.getIds()"):
        point = page.evaluate(
            "id => { const p = network.canvasToDOM(network.getPositions([id])[id]);"
            " const r = document.getElementById('network').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }",
            node,
        )
        page.mouse.move(0, 0)
        page.mouse.move(*point)
        page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
        tooltips.append(page.text_content("div.vis-tooltip"))
        tags = page.evaluate("Array.from(document.querySelector('div.vis-tooltip').children, c => c.tagName)")
        assert set(tags) <= {"BR"}  # text set with innerText: its line breaks, and no other element
    assert any(PAYLOADS[0] in t for t in tooltips) and any(PAYLOADS[1] in t for t in tooltips)
    for payload in PAYLOADS:
        page.fill("#search", payload)
        page.click("#search-button")
    result = page.text_content("#search-result")
    assert (
        "found" in result.lower() and PAYLOADS[2] in result
    )  # the last search found its node, shown as text
    page.select_option("#category-filter", ["cat-1"])
    page.select_option("#team-filter", ["team-1"])
    assert page.evaluate("window.pwned") is None
    assert page.evaluate("document.title") == "Hostile case <script>window.pwned=1</script>"
    assert visit.blocked == [] and visit.errors == []
    page.close()


def test_large_graphs_get_fixed_positions_and_no_physics(browser: Browser, tmp_path: Path) -> None:
    from benchmarks.bench_view import write_graph

    page_path = write_graph(1500, tmp_path / "large.html")
    visit = open_offline(browser, page_path)
    assert visit.page.evaluate("DATA.options.physics.enabled") is False
    assert visit.page.evaluate("nodes.get().every(n => typeof n.x === 'number' && typeof n.y === 'number')")
    assert visit.page.evaluate("nodes.length") == 1500 and visit.errors == []
    visit.page.close()


def test_the_analysis_report_renders_offline(browser: Browser, tmp_path: Path) -> None:
    result = run_kg("analyze", HOTTON, "--out", tmp_path / "analysis", "--shuffles", 20)
    assert result.exit_code == 0, result.output
    visit = open_offline(
        browser, tmp_path / "analysis" / "report.html", ready="() => document.readyState === 'complete'"
    )
    headings = visit.page.evaluate("Array.from(document.querySelectorAll('h1, h2, h3'), h => h.textContent)")
    assert len(headings) == len(set(headings)), "no heading repeated"
    assert not re.search(r"\d\.\d{4,}", visit.page.inner_text("body")), (
        "no number with more than three decimals"
    )
    sizes = visit.page.evaluate("Array.from(document.images, i => [i.complete, i.naturalWidth])")
    assert len(sizes) == 7 and all(done and width > 100 for done, width in sizes)  # every figure decodes
    assert visit.blocked == [] and visit.errors == []
    visit.page.screenshot(path=str(ARTIFACTS / "report-hotton.png"), full_page=True)
    visit.page.close()


PROTOTYPE_NAMES = ("constructor", "toString", "hasOwnProperty", "length", "__proto__", "valueOf")


def test_ids_named_like_javascript_properties_are_drawn(
    browser: Browser, tiny_copy: Path, tmp_path: Path
) -> None:
    """Node ids that are names of JavaScript object properties are drawn like any other."""
    officers = tiny_copy / "officer.csv"
    text = officers.read_text(encoding="utf-8")
    for name in PROTOTYPE_NAMES:
        text += f"{name},Placeholder {name},,,,src-report\n"
    officers.write_text(text, encoding="utf-8")
    page = write_view(tiny_copy, tmp_path / "view.html", "--incidents")
    visit = open_offline(browser, page)
    nodes, edges = drawn(graph_from(tiny_copy))
    assert set(PROTOTYPE_NAMES) <= nodes
    assert visit.errors == []
    assert visit.page.evaluate("[nodes.length, edges.length]") == [len(nodes), len(edges)]
    assert visible(visit) == (len(nodes), len(edges))
    drawn_ids = visit.page.evaluate("nodes.get().map(n => n.kgId)")
    assert set(PROTOTYPE_NAMES) <= set(drawn_ids)
    visit.page.close()


INSIDE_OR_PAGE = """() => {
  const page = getComputedStyle(document.body).backgroundColor;
  return Object.values(network.body.nodes).filter(n => !n.isCluster && nodes.get(n.id)).map(n => [
    n.options.shape, n.options.font.color, n.options.color.background, page]);
}"""


def _hex(css: str) -> str:
    """``#rrggbb`` of a CSS colour written as ``#rrggbb`` or ``rgb(r, g, b)``."""
    if css.startswith("#"):
        return css.lower()
    return "#" + "".join(
        f"{int(part):02x}" for part in css[css.index("(") + 1 : css.index(")")].split(",")[:3]
    )


def test_the_legend_draws_each_kind_as_its_nodes_are_drawn(browser: Browser, hotton_page: Path) -> None:
    visit = open_offline(browser, hotton_page)
    entries = visit.page.evaluate("""() => Array.from(document.querySelectorAll('.legend-entry[data-shape]'), e => [
      e.dataset.kind, e.dataset.shape, e.querySelector('svg > *').getAttribute('fill'),
      e.querySelector('svg > *').tagName])""")
    drawn_as = visit.page.evaluate("""() => Object.fromEntries(Object.values(network.body.nodes)
      .filter(n => nodes.get(n.id)).map(n => [nodes.get(n.id).kind, [n.options.shape, n.options.color.background]]))""")
    assert {kind for kind, *_ in entries} == set(drawn_as) and len(entries) >= 5
    marks = {"dot": "circle", "ellipse": "ellipse", "square": "rect", "box": "rect"}
    for kind, shape, fill, tag in entries:
        assert [shape, fill.lower()] == [drawn_as[kind][0], drawn_as[kind][1].lower()], kind
        assert tag == marks.get(shape, "polygon"), kind
    visit.page.close()


def test_every_label_has_aa_contrast_against_what_it_is_drawn_on(browser: Browser, hotton_page: Path) -> None:
    from kg.viz.style import LABEL_INSIDE, contrast

    visit = open_offline(browser, hotton_page)
    labels = visit.page.evaluate(INSIDE_OR_PAGE)
    assert len(labels) > 500 and any(shape in LABEL_INSIDE for shape, *_ in labels)
    for shape, font, fill, page in labels:
        background = fill if shape in LABEL_INSIDE else page
        assert contrast(_hex(font), _hex(background)) >= 4.5, (shape, font, background)
    visit.page.close()


def test_notes_and_controls_appear_only_for_what_is_drawn(
    browser: Browser, hotton_page: Path, tmp_path: Path
) -> None:
    full = open_offline(browser, hotton_page)
    assert "Dashed lines: allegations and exposure (" in full.page.text_content("#sidebar")
    assert full.page.query_selector("#search") is not None
    full.page.close()
    ties = open_offline(
        browser, write_view(HOTTON, tmp_path / "ties.html", "--officers-only", "--ties", "message")
    )
    assert "Dashed lines" not in ties.page.text_content("#sidebar") and ties.errors == []
    assert ties.page.query_selector("#category-filter") is None
    ties.page.close()
    teams = open_offline(browser, write_view(HOTTON, tmp_path / "teams.html", "--by-team"))
    assert teams.page.query_selector("#search") is None and teams.errors == []
    teams.page.close()


CLEAR_MIDPOINT = """() => {
  const box = document.getElementById('network').getBoundingClientRect();
  const ties = edges.get().filter(e => e.ev).sort((a, b) => b.ev.length - a.ev.length);
  for (const tie of ties) {
    const at = network.getPositions([tie.from, tie.to]);
    const dom = network.canvasToDOM({x: (at[tie.from].x + at[tie.to].x) / 2, y: (at[tie.from].y + at[tie.to].y) / 2});
    if (dom.x < 5 || dom.y < 5 || dom.x > box.width - 5 || dom.y > box.height - 5) continue;
    if (network.getNodeAt(dom) === undefined && network.getEdgeAt(dom) === tie.id)
      return [tie.kgId, tie.ev.map(i => DATA.evidence[i].label), box.left + dom.x, box.top + dom.y];
  }
  return null;
}"""


def test_clicking_a_tie_of_the_overview_lists_its_incidents(browser: Browser, tmp_path: Path) -> None:
    page_path = write_view(HOTTON, tmp_path / "overview.html")
    visit = open_offline(browser, page_path)
    visit.page.wait_for_function("() => window.kgSettled !== undefined", timeout=30_000)
    found = visit.page.evaluate(CLEAR_MIDPOINT)
    assert found is not None, "no tie whose middle is clear of nodes and other lines"
    tie, labels, x, y = found
    visit.page.mouse.click(x, y)
    details = visit.page.inner_text("#details")
    assert details.splitlines()[0].endswith(f": {len(labels)} incidents and messages" if len(labels) > 1
                                            else ": 1 incident or message")  # fmt: skip
    assert all(label in details for label in labels) and "source: " in details
    assert visit.errors == []
    kinds = set(visit.page.evaluate("nodes.get().map(n => n.kind)"))
    assert kinds <= {"Officer", "Team", "ChatGroup", "Outcome"}
    visit.page.close()


def test_a_large_force_by_team_starts_with_its_strongest_lines(browser: Browser, tmp_path: Path) -> None:
    from kg.viz.page import render
    from kg.viz.team_drawing import team_drawing
    from tests.test_view import large_force

    drawing = team_drawing(large_force().graph, ("coparticipation",))
    page_path = tmp_path / "force.html"
    page_path.write_text(render(drawing, "pagerank"), encoding="utf-8")
    visit = open_offline(browser, page_path)
    threshold = visit.page.evaluate("DATA.strongest")
    strong = sum(1 for e in drawing.edges if e.weight >= threshold)
    assert visible(visit) == (len(drawing.nodes), strong) and strong < len(drawing.edges)
    visit.page.fill("#min-weight", "1")
    visit.page.dispatch_event("#min-weight", "input")
    assert visible(visit) == (len(drawing.nodes), len(drawing.edges))
    assert visit.page.text_content("#min-weight-label") == "1" and visit.errors == []
    visit.page.close()


def test_clicking_an_officer_of_the_overview_lists_their_incidents(browser: Browser, tmp_path: Path) -> None:
    visit = open_offline(browser, write_view(HOTTON, tmp_path / "overview.html"))
    visit.page.wait_for_function("() => window.kgSettled !== undefined", timeout=30_000)
    found = visit.page.evaluate("""() => {
      const box = document.getElementById('network').getBoundingClientRect();
      const officer = nodes.get().find(n => n.kgId === 'officer-a');
      const dom = network.canvasToDOM(network.getPositions([officer.id])[officer.id]);
      return [officer.label, officer.ev.length, box.left + dom.x, box.top + dom.y, network.getNodeAt(dom) === officer.id];
    }""")
    label, listed, x, y, on_it = found
    assert on_it and listed > 0
    visit.page.mouse.click(x, y)
    details = visit.page.inner_text("#details")
    assert details.startswith(f"{label}: {listed} incidents and messages")
    assert details.count("source: ") >= listed and visit.errors == []
    visit.page.close()

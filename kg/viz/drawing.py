"""What a view draws: the knowledge graph (or the officer tie network) narrowed by the view's
options, with a label, tooltip text, dates, categories, teams and a size for every element."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

import networkx as nx

from kg.analysis.involvement import incident_categories
from kg.analysis.ties import (
    PAIR_TIE_TYPES,
    TIE_TYPES,
    GroupMemberships,
    Tie,
    TieChoice,
    all_ties,
    feasible_ties,
    group_memberships,
    officers,
)
from kg.errors import OptionError, UsageError
from kg.ontology import Label, RelType
from kg.timeline import EVENT_KINDS, edge_span, event_span, node_span
from kg.values import to_text

SIZE_MEASURES = ("pagerank", "degree", "weighted_degree", "betweenness", "none")
LABEL_LENGTH = 40
HIDDEN_PROPERTIES = ("kind", "name", "title", "sources", "quote")


@dataclass(frozen=True)
class ViewOptions:
    """Which part of the case to draw, and how."""

    size_by: str = "pagerank"
    focus: str | None = None
    hops: int = 2
    officers_only: bool = False
    incidents: bool = False
    """Draw every incident and message as a node of its own (the whole knowledge graph) rather
    than the overview, where they are folded into weighted ties between officers."""
    by_team: bool = False
    """Draw teams and the officer ties between them (see :mod:`kg.viz.team_drawing`)."""
    tie_types: tuple[str, ...] | None = None
    """Tie types drawn with ``officers_only`` or ``by_team`` (None: every type that can be
    listed; team or chat ties too many to list are left out, and the page says so)."""
    category: str | None = None
    start: date | None = None
    end: date | None = None
    max_nodes: int | None = None
    seed: int = 0

    def __post_init__(self) -> None:
        if self.size_by not in SIZE_MEASURES:
            raise OptionError(
                "size_by", f"unknown {{0}} {self.size_by!r}; use one of {', '.join(SIZE_MEASURES)}"
            )
        if self.hops < 0:
            raise OptionError("hops", "{0} must be 0 or more")
        if self.max_nodes is not None and self.max_nodes < 1:
            raise OptionError("max_nodes", "{0} must be at least 1")
        if self.start and self.end and self.start > self.end:
            raise OptionError(("start", "end"), f"{{0}} {self.start} is after {{1}} {self.end}")
        views = [name for name in ("incidents", "officers_only", "by_team") if getattr(self, name)]
        if len(views) > 1:
            raise OptionError(tuple(views[:2]), "{0} and {1} are two different views; choose one")
        if self.by_team and self.category:
            raise OptionError(
                ("category", "by_team", "officers_only"), "{0} does not apply to {1}; use it with {2}"
            )
        unknown = set(self.tie_types or ()) - set(TIE_TYPES)
        if unknown:
            raise OptionError(
                "tie_types",
                f"{{0}}: unknown tie type {', '.join(sorted(unknown))}; use {', '.join(TIE_TYPES)}",
            )


@dataclass(frozen=True)
class DrawNode:
    id: str
    kind: str
    label: str
    tooltip: str
    start: date | None
    end: date | None
    categories: tuple[str, ...]
    teams: tuple[str, ...]
    size: float = 0.0
    evidence: tuple[str, ...] = ()
    """Incidents listed when the node is clicked (in the overview: an officer's incidents)."""


@dataclass(frozen=True)
class DrawEdge:
    id: str
    source: str
    target: str
    kind: str
    tooltip: str
    start: date | None
    end: date | None
    weight: int = 1
    """How many ties the edge stands for (an aggregated view draws many as one)."""
    evidence: tuple[str, ...] = ()
    """Incidents listed when the edge is clicked (an aggregated tie's incidents or messages)."""


@dataclass
class Drawing:
    """The elements to draw, and what the view left out (for the page and the CLI to say)."""

    title: str
    nodes: list[DrawNode]
    edges: list[DrawEdge]
    notes: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    """Display names of the categories and teams the filters offer."""
    evidence: dict[str, Evidence] = field(default_factory=dict)
    """The incidents nodes and edges list when clicked, by id."""
    fixed_layout: bool = False
    """Lay the nodes out in Python whatever their number (lone nodes in rows, not flung about)."""


@dataclass(frozen=True)
class Evidence:
    """One incident as a clicked node or tie lists it: what, when, who states it, in their words."""

    label: str
    day: date | None
    sources: tuple[str, ...]
    quote: str


def display_name(data: dict, node: str) -> str:
    """A node's name (or title, or id), shortened for a label."""
    name = str(data.get("name") or data.get("title") or node)
    return name if len(name) <= LABEL_LENGTH else name[: LABEL_LENGTH - 1] + "…"


def _tooltip(graph: nx.MultiDiGraph, heading: str, data: dict) -> str:
    """Plain text (the page sets it as text, never as HTML): heading, properties, sources."""
    lines = [heading]
    lines += [
        f"{key}: {to_text(value)}"
        for key, value in data.items()
        if key not in HIDDEN_PROPERTIES and value not in (None, "")
    ]
    lines += [f"source: {source_line(graph, s)}" for s in str(data.get("sources") or "").split(";") if s]
    if data.get("quote"):
        lines.append(f"quote: “{data['quote']}”")
    return "\n".join(lines)


def source_line(graph: nx.MultiDiGraph, source: str) -> str:
    """A source as a tooltip or an evidence list names it: its id, and its title when known."""
    title = graph.nodes[source].get("title") if source in graph else None
    return f"{source} — {title}" if title else source


def relationship_edges(graph: nx.MultiDiGraph, shown: set[str]) -> list[DrawEdge]:
    """Every relationship of ``graph`` between two ``shown`` nodes, with its tooltip and dates."""
    return [
        DrawEdge(key, start, end, data["kind"], _tooltip(graph, data["kind"], data), *edge_span(graph, start, end, key))
        for start, end, key, data in graph.edges(keys=True, data=True)
        if start in shown and end in shown
    ]  # fmt: skip


def draw_nodes(graph: nx.MultiDiGraph, ids: list[str]) -> list[DrawNode]:
    """The nodes ``ids`` of ``graph``, with their tooltips, dates, categories and teams."""
    teams: dict[str, set[str]] = defaultdict(set)
    for start, end, kind in graph.edges(data="kind"):
        if kind == RelType.MEMBER_OF and graph.nodes[end]["kind"] == Label.TEAM:
            teams[start].add(end)
    drawn = []
    for node in ids:
        data = graph.nodes[node]
        label = display_name(data, node)
        categories = incident_categories(graph, node) if data["kind"] == Label.INCIDENT else ()
        drawn.append(DrawNode(node, data["kind"], label, _tooltip(graph, f"{data['kind']}: {label}", data),
                              *node_span(graph, node), categories, tuple(sorted(teams[node]))))  # fmt: skip
    return drawn


def knowledge_drawing(graph: nx.MultiDiGraph) -> Drawing:
    """Every node (but Sources, which tooltips name) and relationship of the knowledge graph."""
    ids = [n for n, kind in graph.nodes(data="kind") if kind != Label.SOURCE]
    return Drawing(case_title(graph), draw_nodes(graph, ids), relationship_edges(graph, set(ids)),
                   names=filter_names(graph))  # fmt: skip


def filter_names(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Display names of the categories and teams, for the page's filters."""
    return {
        n: display_name(d, n) for n, d in graph.nodes(data=True) if d["kind"] in (Label.CATEGORY, Label.TEAM)
    }


def chosen_ties(groups: GroupMemberships, tie_types: tuple[str, ...] | None) -> TieChoice:
    """The tie types to draw: those asked for (refused, with advice, when team or chat ties
    would be too many to list), else every type that can be listed (:func:`feasible_ties`), by
    the case's ``groups`` (:func:`~kg.analysis.ties.group_memberships`)."""
    choice = feasible_ties(groups, TIE_TYPES if tie_types is None else tie_types)
    if tie_types is not None and choice.left_out:
        tie_type, estimate = next(iter(choice.left_out.items()))
        raise UsageError(
            f"the {tie_type} ties would number about {estimate:,} (more than {choice.limit:,}); "
            "draw fewer with --ties message,coparticipation"
        )
    return choice


def evidence_text(ties: list[Tie], shown: int = 10) -> str:
    """The first ``shown`` evidence ids of ``ties``, sorted, and how many more."""
    evidence = sorted({e for t in ties for e in t.evidence})
    more = len(evidence) - shown
    return ", ".join(evidence[:shown]) + (f" and {more} more" if more > 0 else "")


def tie_span(ties: list[Tie]) -> tuple[date | None, date | None]:
    """From the first day any of ``ties`` held to the last (None: unbounded)."""
    starts, ends = [t.start for t in ties], [t.end for t in ties]
    return None if None in starts else min(starts), None if None in ends else max(ends)


def case_title(graph: nx.MultiDiGraph) -> str:
    """The case's title, else its name."""
    return str(graph.graph.get("title") or graph.graph.get("name") or "")


def tie_edges(
    graph: nx.MultiDiGraph, tie_types: tuple[str, ...], groups: GroupMemberships | None = None
) -> list[DrawEdge]:
    """One edge per pair of officers and tie type (from the first day the tie held until the
    last), weighted by the messages, incidents or groups it stands for, with their ids."""
    spans: dict[tuple[str, str, str], list[Tie]] = defaultdict(list)
    for tie in all_ties(graph, tie_types, groups=groups):
        spans[tie.source, tie.target, tie.tie_type].append(tie)
    edges = []
    for (source, target, tie_type), ties in sorted(spans.items()):
        weight = sum(t.weight for t in ties)
        first, last = (
            min((t.start for t in ties if t.start), default=None),
            max((t.start for t in ties if t.start), default=None),
        )
        dates = f"\nfirst: {first}\nlast: {last}" if first else ""
        tooltip = f"{tie_type} tie\nweight: {weight}{dates}\nevidence: {evidence_text(ties)}"
        evidence = tuple(sorted({e for t in ties for e in t.evidence}))
        edges.append(DrawEdge(f"{source}|{target}|{tie_type}", source, target, tie_type, tooltip, *tie_span(ties),
                              weight, evidence))  # fmt: skip
    return edges


def officer_drawing(graph: nx.MultiDiGraph, tie_types: tuple[str, ...] | None = None) -> Drawing:
    """The officers and their ties of the chosen types (:func:`chosen_ties`), one edge per pair
    and type (:func:`tie_edges`)."""
    groups = group_memberships(graph)
    choice = chosen_ties(groups, tie_types)
    return Drawing(
        f"{case_title(graph)}: officers and their ties",
        draw_nodes(graph, officers(graph)),
        tie_edges(graph, choice.kept, groups),
        [choice.note()] if choice.left_out else [],
        filter_names(graph),
    )


OVERVIEW_KINDS = (Label.OFFICER, Label.TEAM, Label.CHAT_GROUP, Label.OUTCOME)
"""The nodes of the overview; incidents and messages are folded into ties, and other people are
left to the incident view."""
INVOLVING = (RelType.SENT, RelType.PARTICIPATED_IN, RelType.ACCUSED_IN, RelType.WITNESSED, RelType.RECEIVED)


def overview_drawing(graph: nx.MultiDiGraph) -> Drawing:
    """What an investigator reads first: officers, teams, chats and outcomes with the
    relationships between them (memberships, supervision, outcomes); messages and shared
    incidents folded into one weighted tie per pair of officers and type, which lists its
    incidents when clicked, as an officer lists theirs."""
    ids = [n for n, kind in graph.nodes(data="kind") if kind in OVERVIEW_KINDS]
    shown = set(ids)
    involved: dict[str, set[str]] = defaultdict(set)
    for start, end, kind in graph.edges(data="kind"):
        if kind in INVOLVING and start in shown:
            involved[start].add(end)
    nodes = [replace(n, evidence=tuple(sorted(involved[n.id]))) for n in draw_nodes(graph, ids)]
    edges = relationship_edges(graph, shown) + tie_edges(graph, PAIR_TIE_TYPES)
    cited = {e for item in (*nodes, *edges) for e in item.evidence}
    return Drawing(f"{case_title(graph)}: overview", nodes, edges, names=filter_names(graph),
                   evidence={i: evidence_of(graph, i) for i in sorted(cited)})  # fmt: skip


def evidence_of(graph: nx.MultiDiGraph, incident: str) -> Evidence:
    """How a clicked node or tie lists ``incident``."""
    data = graph.nodes[incident]
    sources = tuple(source_line(graph, s) for s in str(data.get("sources") or "").split(";") if s)
    label = display_name(data, incident)
    summary = str(data.get("summary") or "")
    return Evidence(f"{label}: {summary}" if summary else label, node_span(graph, incident)[0], sources,
                    str(data.get("quote") or ""))  # fmt: skip


CONFLICTS_NAMED = 10
"""How many nodes with conflicting dates a view's note names."""
SLOW_PAGE = 20_000
"""Nodes above which a page takes many seconds to draw (docs/view.md's benchmark) and says so."""


def overlaps(start: date | None, end: date | None, first: date | None, last: date | None) -> bool:
    """Whether ``start``–``end`` shares a day with ``first``–``last`` (None: unbounded)."""
    return (first is None or end is None or end >= first) and (last is None or start is None or start <= last)


def narrow(drawing: Drawing, graph: nx.MultiDiGraph, options: ViewOptions) -> Drawing:
    """Apply the category, period and focus options; then sizes; then ``max_nodes``."""
    nodes = {n.id: n for n in drawing.nodes}
    edges = drawing.edges
    if options.category:
        if options.category not in graph or graph.nodes[options.category]["kind"] != Label.CATEGORY:
            raise UsageError(
                f"unknown category {options.category}; see kg analyze or the case's category file"
            )
        nodes = _in_category(nodes, edges, graph, options)
    notes = list(drawing.notes)
    if options.start or options.end:
        nodes, edges, conflicts = _in_period(nodes, edges, graph, options)
        notes += conflicts
    edges = [e for e in edges if e.source in nodes and e.target in nodes]
    if options.focus is not None:
        if options.focus not in nodes:
            raise UsageError(
                f"--focus {options.focus}: no such node in this view (give a node id, e.g. officer-a)"
            )
        simple = _simple(nodes, edges)
        keep = nx.ego_graph(simple, options.focus, radius=options.hops)
        nodes = {k: n for k, n in nodes.items() if k in keep}
        edges = [e for e in edges if e.source in nodes and e.target in nodes]
    sizes = measure(_simple(nodes, edges), options.size_by, options.seed)
    sized = {k: DrawNode(**{**n.__dict__, "size": sizes.get(k, 0.0)}) for k, n in nodes.items()}
    if options.max_nodes is not None and len(sized) > options.max_nodes:
        ranked = sorted(sized.values(), key=lambda n: (-n.size, n.id))
        kept = {n.id for n in ranked[: options.max_nodes]}
        left = Counter(n.kind for n in ranked[options.max_nodes :])
        notes.append(
            f"Showing the {options.max_nodes:,} nodes with the highest {options.size_by} of {len(sized):,}; "
            f"left out: {', '.join(f'{n:,} {kind}' for kind, n in sorted(left.items()))}."
        )
        sized = {k: n for k, n in sized.items() if k in kept}
        edges = [e for e in edges if e.source in kept and e.target in kept]
    elif options.max_nodes is None and len(sized) > SLOW_PAGE:
        notes.append(f"{len(sized):,} nodes make a slow page: for a whole force, --by-team draws its units, and "
                     "--max-nodes N or --focus ID the part that matters.")  # fmt: skip
    ordered = sorted(sized.values(), key=lambda n: n.id)
    return Drawing(drawing.title, ordered, sorted(edges, key=lambda e: e.id), notes, drawing.names, drawing.evidence,
                   drawing.fixed_layout)  # fmt: skip


def _in_period(nodes: dict[str, DrawNode], edges: list[DrawEdge], graph: nx.MultiDiGraph,
               options: ViewOptions) -> tuple[dict[str, DrawNode], list[DrawEdge], list[str]]:  # fmt: skip
    """The nodes and edges that share a day with the period. A lasting node (not an event) whose
    recorded dates lie outside the period stays when an edge that begins in it needs it (the
    records conflict: e.g. an officer appointed after an incident they were accused in), and is
    named in a note."""
    kept = {k: n for k, n in nodes.items() if overlaps(*_lasting(graph, n), options.start, options.end)}
    edges = [e for e in edges if overlaps(e.start, e.end, options.start, options.end)]
    dated_in = [
        e for e in edges if e.start is not None and overlaps(e.start, e.start, options.start, options.end)
    ]
    needed = sorted(
        k for k in {end for e in dated_in for end in (e.source, e.target)} & nodes.keys() - kept.keys()
        if nodes[k].kind not in EVENT_KINDS
    )  # fmt: skip
    if not needed:
        return kept, edges, []
    named = ", ".join(f"{nodes[k].label} ({_dates(nodes[k])})" for k in needed[:CONFLICTS_NAMED])
    more = f" and {len(needed) - CONFLICTS_NAMED:,} more" if len(needed) > CONFLICTS_NAMED else ""
    note = (f"Drawn although their recorded dates lie outside the period, because ties or relationships dated in it "
            f"involve them (the records conflict): {named}{more}.")  # fmt: skip
    return {**kept, **{k: nodes[k] for k in needed}}, edges, [note]


def _dates(node: DrawNode) -> str:
    return f"recorded {node.start or '?'} to {node.end or 'now'}"


def _lasting(graph: nx.MultiDiGraph, node: DrawNode) -> tuple[date | None, date | None]:
    """The node's span for the period options: an incident or outcome only on its day."""
    return event_span(graph, node.id) if node.id in graph else (node.start, node.end)


def _in_category(nodes: dict[str, DrawNode], edges: list[DrawEdge], graph: nx.MultiDiGraph,
                 options: ViewOptions) -> dict[str, DrawNode]:  # fmt: skip
    """Incidents in the category and what they touch; with officers only, the officers
    involved in such incidents."""
    incidents = {
        n
        for n, d in graph.nodes(data=True)
        if d["kind"] == Label.INCIDENT and options.category in incident_categories(graph, n)
    }
    if options.officers_only:
        involved = {s for i in incidents for s, _ in graph.in_edges(i) if s in nodes}
        return {k: n for k, n in nodes.items() if k in involved}
    touched = {
        e.source if e.target in incidents else e.target for e in edges if incidents & {e.source, e.target}
    }
    return {k: n for k, n in nodes.items() if n.kind != Label.INCIDENT and k in touched or k in incidents}


def _simple(nodes: dict[str, DrawNode], edges: list[DrawEdge]) -> nx.Graph:
    simple = nx.Graph()
    simple.add_nodes_from(sorted(nodes))
    for e in edges:
        if e.source != e.target:
            weight = simple.get_edge_data(e.source, e.target, {}).get("weight", 0) + e.weight
            simple.add_edge(e.source, e.target, weight=weight)
    return simple


def measure(simple: nx.Graph, size_by: str, seed: int = 0) -> dict[str, float]:
    """The chosen measure of every node of ``simple`` (``none``: all zero)."""
    from kg.analysis.structure import betweenness

    if size_by == "none" or not simple:
        return dict.fromkeys(simple, 0.0)
    if size_by == "degree":
        return {n: float(d) for n, d in simple.degree()}
    if size_by == "weighted_degree":
        return {n: float(d) for n, d in simple.degree(weight="weight")}
    if size_by == "betweenness":
        return betweenness(simple, seed)[0]
    return nx.pagerank(simple, weight="weight") if simple.number_of_edges() else dict.fromkeys(simple, 0.0)

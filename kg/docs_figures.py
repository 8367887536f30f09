"""The figures ``docs/`` quotes from the results the benchmarks and ``make docs-figures`` write
(``benchmarks/results/*.json``), as Markdown blocks for :mod:`kg.docs`."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

from kg.ontology import Label, RelType

RESULTS = Path(__file__).resolve().parent.parent / "benchmarks" / "results"
PHASES_SHOWN = 5
"""How many of a command's longest phases the pipeline block names."""


def read_result(name: str) -> dict[str, Any]:
    """A result file of ``benchmarks/results/``."""
    return json.loads((RESULTS / name).read_text(encoding="utf-8"))


def verdict(met: bool) -> str:
    """How a target is reported."""
    return "met" if met else "not met"


def seconds_or_dash(seconds: float | None, places: int = 2) -> str:
    """Seconds to ``places`` decimals, or a dash where they were not measured."""
    return "—" if seconds is None else f"{seconds:.{places}f}"


def markdown_cell(text: str) -> str:
    """``text`` as one Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def validity_markdown() -> str:
    """The validity table and the power curve, from benchmarks/results/validity.json (``make bench-validity``)."""
    results = read_result("validity.json")
    settings = results["settings"]
    tests = list(next(iter(results["scenarios"].values()))["tests"])
    simulation = settings["simulation"]

    def cell(found: dict) -> str:
        return (
            "—" if found["rate"] is None else f"{found['rate']:.0%} ({found['low']:.0%}–{found['high']:.0%})"
        )

    lines = [
        f"{settings['replicates']} simulated units per row ({simulation['officers']} officers in {simulation['teams']} "
        f"teams over {simulation['months']} months, base hazard {simulation['base_hazard']}, β = {simulation['beta']} "
        f"where there is contagion), {settings['shuffles']} shuffles per test; the share of units in which each test "
        f"rejects no-contagion at p < {settings['level']}, with its 95% Wilson interval.",
        "",
        "| scenario | contagion | " + " | ".join(f"`{t}`" for t in tests) + " |",
        "|---|---|" + "---|" * len(tests),
    ]
    for scenario, found in results["scenarios"].items():
        lines.append(f"| `{scenario}` | {'yes' if found['contagion'] else 'no'} | "
                     + " | ".join(cell(found["tests"][t]) for t in tests) + " |")  # fmt: skip
    lines += ["", "Power over β (the `contagion` scenario):", "", "| β | " + " | ".join(f"`{t}`" for t in tests) + " |",
              "|---|" + "---|" * len(tests)]  # fmt: skip
    for point in results["power_curve"]:
        lines.append(f"| {point['beta']} | " + " | ".join(cell(point["tests"][t]) for t in tests) + " |")
    return "\n".join(lines) + "\n"


def _p(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _shuffle_cell(shuffle: dict | None) -> str:
    if not shuffle:
        return "no test (fewer than two adopters)"
    return (f"α = {shuffle['alpha']:.3f} against {shuffle['null_mean']:.3f} ± {shuffle['null_sd']:.3f}, "
            f"p = {_p(shuffle['p_value'])} ({shuffle['shuffles']} of up to {shuffle['budget']} shuffles, "
            f"`{shuffle['null']}` null)")  # fmt: skip


def _hazard_cell(hazard: dict) -> str:
    if not hazard["identified"]:
        return "not identified (no pair-tie exposure within a team and quarter)"
    return (f"pair effect {hazard['pair_effect']:+.4f} per step of ln(1 + k), one-sided p = {_p(hazard['p_value'])} "
            f"({hazard['rows']:,} officer-periods, {hazard['clusters']} teams; baseline {hazard['baseline']:.4f})")  # fmt: skip


def hotton_markdown() -> str:
    """The Hotton figures, from benchmarks/results/hotton.json (make docs-figures)."""
    found = read_result("hotton.json")
    s, spread = found["summary"], found["spread"]["all"]
    rows = [
        ("officers; active involvements", f"{s['officers']}; {s['involvements']}"),
        ("adopters (first dated involvement); seeds", f"{s['adopters']}; {s['seeds']}"),
        ("time-shuffle test, all misconduct", _shuffle_cell(spread["shuffle"])),
        ("hazard model", _hazard_cell(spread["hazard"])),
        ("placebo (future exposure)", f"p = {_p(spread['placebo_p_value'])}"),
        ("exposed officers; silent; reported",
         "; ".join("—" if v is None else str(v) for v in (s["exposed_officers"], s["silent_bystanders"], s["reporters"]))),
        ("stretches with no supervisor", str(s["supervision_gaps"])),
        ("took part or accused; with an outcome; sanctioned",
         f"{s['involved_or_accused']}; {s['with_outcome']}; {s['sanctioned']}"),
        ("communities against primary teams: adjusted mutual information; normalised; adjusted Rand",
         "; ".join(_p(s[f"community_team_{score}"]) for score in ("ami", "nmi", "ari"))),
    ]  # fmt: skip
    return "\n".join(["| measure | value |", "|---|---|", *(f"| {a} | {b} |" for a, b in rows)]) + "\n"


def chicago_markdown() -> str:
    """The Chicago spread figures, from benchmarks/results/chicago_spread.json (make docs-figures)."""
    found = read_result("chicago_spread.json")
    lines = [
        f"{found['officers']:,} officers, {found['officers_with_leaving_date']:,} with a leaving date. Each scope is "
        "tested under the default null and, for comparison, under the `risk-set` null and the original `all` null "
        f"({found['options']['shuffles']} shuffles each).",
        "",
        "| scope | adopters (seeds) | outside presence | `team` null | `risk-set` null | `all` null | hazard model | placebo p | reading |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for scope in found["scopes"].values():
        under = scope["p_value_under"]
        lines.append(
            f"| {markdown_cell(scope['label'])} | {scope['adopters']:,} ({scope['seeds']:,}) | {scope['adoptions_outside_presence']:,} | "
            f"p = {_p(scope['shuffle']['p_value'] if scope['shuffle'] else None)} | p = {_p(under['risk-set'])} | "
            f"p = {_p(under['all'])} | {_hazard_cell(scope['hazard'])} | {_p(scope['placebo_p_value'])} | "
            f"{_chicago_reading(scope)} |"
        )
    return "\n".join(lines) + "\n"


def _chicago_reading(scope: dict) -> str:
    """What one scope's tests show together (the rules of docs/analysis.md, "Reading the spread tests")."""
    level = 0.05
    team = scope["shuffle"]["p_value"] if scope["shuffle"] else None
    placebo, all_null = scope["placebo_p_value"], scope["p_value_under"]["all"]
    parts = []
    if team is not None and team < level:
        parts.append("within units, first findings follow co-accused partners' more than chance")
        if placebo is not None and placebo < level:
            parts.append(
                "but the placebo responds too: a cause shared by officers accused together is not ruled out"
            )
    elif team is not None:
        parts.append("no timing effect within units")
    risk_set = scope["p_value_under"]["risk-set"]
    if all_null < level <= risk_set:
        parts.append(
            f"the original test's rejection (p = {_p(all_null)}) goes once adoptions stay where officers were present "
            f"(p = {_p(risk_set)} across units)"
        )
    return "; ".join(parts)


def chicago_case_markdown() -> str:
    """The Chicago case's size and network structure, from benchmarks/results/chicago_spread.json."""
    found = read_result("chicago_spread.json")
    case, structure = found["case"], found["structure"]
    lines = [
        f"{case[Label.OFFICER]:,} officers, {case[Label.INCIDENT]:,} complaints, {case[RelType.ACCUSED_IN]:,} accusations, "
        f"{case[Label.OUTCOME]:,} sustained outcomes, {case[RelType.WITNESSED]:,} officer witnesses, {case[RelType.MEMBER_OF]:,} unit "
        f"assignments in {case[Label.TEAM]:,} units. On defaults the officer network holds {structure['ties']:,} ties among "
        f"{structure['tied_officers']:,} officers ({structure['largest_component'] / structure['tied_officers']:.0%} "
        f"in the largest component). Louvain finds {structure['communities']:,} communities; against the officers' "
        f"primary units: adjusted mutual information {_p(structure['ami'])}, normalised {_p(structure['nmi'])}, "
        f"adjusted Rand {_p(structure['ari'])}.",
        "",
        "| tie type | ties | common unit that day | common unit at another time only | never a common unit | not comparable |",
        "|---|---:|---:|---:|---:|---:|",
    ]  # fmt: skip
    for row in structure["ties_and_units"]:
        ties = row["ties"]
        cells = [f"{row[c]:,} ({row[c] / ties:.0%})" for c in
                 ("same_unit_that_day", "same_unit_another_time", "never_same_unit", "not_comparable")]  # fmt: skip
        lines.append(f"| {row['tie_type']} | {ties:,} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


PEAK_MEANING = (
    "Peak memory counts every process of the command (the second process that writes exports and the "
    "forked children that run shuffles too): the larger of the largest single process's peak and the "
    "peak of the whole tree's proportional set size, shared pages counted once (benchmarks/commands.py)."
)


def pipeline_markdown() -> str:
    """The user's commands on fractions of the Chicago extract, from benchmarks/results/pipeline.json
    (``make bench``)."""
    found = read_result("pipeline.json")
    lines = [
        f"Measured by `python -m benchmarks.bench_pipeline` on {found['machine']['cpus']} cores, Python "
        f"{found['machine']['python']}: wall time in seconds (peak memory in MB) of each command in its own process, the "
        f"median of {found['repeats']} runs (peak: the largest of them; import+build+analyze: the median of the runs' "
        f"sums). {PEAK_MEANING}",
        "",
        "| fraction | officers | `kg import cpdp` | `kg build` | `kg analyze` | `kg view --by-team` | import+build+analyze "
        "| networkx baseline | baseline ÷ analyze |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]  # fmt: skip
    for row in found["fractions"]:
        stages, baseline = row["stages"], row["baseline"]
        cells = [_timed(stages[s]) for s in ("import", "build", "analyze", "view")] + [
            _timed(row["import+build+analyze"])
        ]
        analyze = stages["analyze"]["seconds"]
        if baseline["seconds"] is None:
            base, ratio = (
                f"> {baseline['stopped_after']:.0f} (stopped)",
                f"> {baseline['stopped_after'] / analyze:.1f}×",
            )
        else:
            base, ratio = f"{baseline['seconds']:.1f}", f"{baseline['seconds'] / analyze:.1f}×"
        lines.append(
            f"| {row['fraction']:g} | {row['officers']:,} | " + " | ".join(cells) + f" | {base} | {ratio} |"
        )
    lines += [
        "",
        *(
            f"- {_target_line(name, limits, _whole(found, name))}"
            for name, limits in found["targets"].items()
        ),
    ]
    whole = max(found["fractions"], key=lambda r: r["fraction"])
    runs = ", ".join(f"{seconds:.1f}" for seconds in whole["import+build+analyze"]["runs"])
    lines += [
        f"- import+build+analyze on the largest fraction, run by run: {runs} s",
        "- growth per doubling of the officers: " + _growth(found["fractions"]),
    ]
    for stage in ("build", "analyze"):
        phases = sorted(whole["stages"][stage]["phases"].items(), key=lambda item: -item[1])[:PHASES_SHOWN]
        shown = "; ".join(f"{markdown_cell(name)} {seconds:.1f} s" for name, seconds in phases)
        lines.append(f"- longest phases of `kg {stage}` on the largest fraction: {shown}")
    checked = [
        f"{r['fraction']:g}: {r['baseline']['checked']}"
        for r in found["fractions"]
        if r["baseline"].get("checked")
    ]
    if checked:
        lines.append("- checked against the baseline where it finished (" + "; ".join(checked) + ")")
    return "\n".join(lines) + "\n"  # fmt: skip


def _timed(measured: dict[str, Any]) -> str:
    return f"{measured['seconds']:.1f} ({measured['peak_mb']:,})"


def _target_line(name: str, limits: list[float | None], measured: dict[str, Any]) -> str:
    """Each part of a target on the whole extract (time, and memory where there is one), met or not."""
    seconds, peak = limits
    parts = [f"under {seconds:.0f} s: **{verdict(measured['seconds'] < seconds)}**"]
    if peak:
        parts.append(f"under {peak:,.0f} MB: **{verdict(measured['peak_mb'] < peak)}**")
    return f"target for {name} on the whole extract, " + "; ".join(parts)


def _whole(found: dict[str, Any], name: str) -> dict[str, Any]:
    """The measurement of ``name`` (a stage or ``import+build+analyze``) on the largest fraction."""
    whole = max(found["fractions"], key=lambda r: r["fraction"])
    return whole[name] if name in whole else whole["stages"][name]


def _growth(fractions: list[dict[str, Any]]) -> str:
    """Each stage's time ratio between consecutive fractions that double the officers."""
    ordered = sorted(fractions, key=lambda r: r["fraction"])
    parts = []
    for stage in ("import", "build", "analyze", "view"):
        ratios = [f"{b['stages'][stage]['seconds'] / a['stages'][stage]['seconds']:.1f}×"
                  for a, b in itertools.pairwise(ordered)]  # fmt: skip
        parts.append(f"{stage} {' and '.join(ratios)}")
    return "; ".join(parts)


def chicago_import_markdown() -> str:
    """What ``kg import cpdp`` read, rejected and used with a caveat on the extract (its
    import/summary.csv), from benchmarks/results/chicago_spread.json."""
    found = read_result("chicago_spread.json")
    lines = ["| file | what | rows |", "|---|---|---:|"]
    lines += [
        f"| {file} | {markdown_cell(what)} | {rows:,} |" for file, what, rows in found["import_summary"]
    ]
    return "\n".join(lines) + "\n"


def chats_markdown() -> str:
    """The large-chat benchmark, from benchmarks/results/chats.json (``make bench``)."""
    found = read_result("chats.json")
    commands, total, targets, met = (
        found["commands"],
        found["import+build+analyze"],
        found["targets"],
        found["met"],
    )
    lines = [
        f"Measured by `python -m benchmarks.bench_chats` on {found['cpus']} cores: a generated export of "
        f"{found['messages']:,} messages among {found['members']} members. {PEAK_MEANING}",
        "",
        "| measure | value |",
        "|---|---|",
        f"| reading the export (median of {found['repeats']}) | {found['parse_seconds']:.2f} s: "
        f"{found['parse_per_second']:,} messages a second; {found['parse_over_baseline']}× the time of a loop that only "
        "splits each line |",
        *(f"| `kg {name}` | {commands[name]['seconds']:.1f} s, peak {commands[name]['peak_mb']:,} MB |"
          for name in ("import", "build", "analyze")),
        f"| import + build + analyze | {total['seconds']:.1f} s, peak {total['peak_mb']:,} MB |",
        "",
        f"- target: over {targets['parse_per_second']:,} messages a second read: **{verdict(met['parse'])}**",
        f"- target: import, build and analyze in under {targets['seconds'] / 60:.0f} minutes: "
        f"**{verdict(total['seconds'] < targets['seconds'])}**; under {targets['peak_mb'] / 1024:.0f} GB "
        f"({targets['peak_mb']:,} MB): **{verdict(total['peak_mb'] < targets['peak_mb'])}**",
    ]  # fmt: skip
    for name in ("import", "build"):
        phases = sorted(commands[name]["phases"].items(), key=lambda item: -item[1])[:PHASES_SHOWN]
        lines.append(
            f"- longest phases of `kg {name}`: "
            + "; ".join(f"{markdown_cell(p)} {s:.1f} s" for p, s in phases)
        )
    return "\n".join(lines) + "\n"


def view_markdown() -> str:
    """The drawing benchmark, from benchmarks/results/view.json (``make bench``)."""
    found = read_result("view.json")
    lines = [
        f"Measured by `python -m benchmarks.bench_view` on {found['cpus']} cores: seconds from navigation until the final "
        f"picture is drawn, median of {found['repeats']} for `kg view`, one run for the baseline.",
        "",
        "| nodes | relationships | page | MB | write, s | drawn, s | × baseline |",
        "|---:|---:|---|---:|---:|---:|---:|",
    ]  # fmt: skip
    for row in found["rows"]:
        if row["page"] == "baseline":
            page = "vis physics in the browser (pyvis's default; baseline)"
        else:
            page = (
                "`kg view` (positions from Python)"
                if row["python_positions"]
                else "`kg view` (physics in the browser too, at this size)"
            )
        drawn = "—" if row["drawn_seconds"] is None else f"{row['drawn_seconds']:.2f}"
        if row["page"] == "baseline" and row["drawn_seconds"] is None:
            drawn = f"> {found['baseline_timeout']:.0f} (stopped)"
        write = "" if row["write_seconds"] is None else f"{row['write_seconds']:.1f}"
        ratio = (
            "1.0"
            if row["page"] == "baseline"
            else ("" if row.get("baseline_ratio") is None else f"{row['baseline_ratio']}")
        )
        lines.append(
            f"| {row['nodes']:,} | {row['edges']:,} | {page} | {row['mb']} | {write} | {drawn} | {ratio} |"
        )
    ten = next(r for r in found["rows"] if r["nodes"] == 10_000 and r["page"] == "kg view")
    met = ten["drawn_seconds"] < 3 and ten["mb"] < 15
    lines += ["", f"Target: 10,000 nodes drawn and interactive in under 3 s, in a file under 15 MB: **{verdict(met)}** "
              f"({ten['drawn_seconds']:.2f} s, {ten['mb']} MB)."]  # fmt: skip
    return "\n".join(lines) + "\n"

"""A large WhatsApp export: how fast kg reads it, and the import, build and analysis as a user
runs them.

Generates a chat of ``--messages`` messages (default 1,000,000) among 50 members over two years,
in Android's layout, with placeholder words and a lexicon term in about one message in fifty,
and a case of the 50 officers with their aliases. Then:

- parse: :func:`kg.sources.whatsapp.read_whatsapp_text` on the chat's lines, in this process,
  median of ``--repeats``; the baseline, measured the same way, is the least any reader does: a
  loop that splits each line at " - " and ": ";
- the commands, each in its own process (wall time and peak memory, child processes included:
  benchmarks/commands.py): ``kg import whatsapp`` into
  the case, ``kg build`` (every export), ``kg analyze`` (defaults).

Targets: over 100,000 messages a second parsed; import, build and analyze in under 3 minutes
and 4 GB. Writes ``benchmarks/results/chats.json``; ``make docs`` renders it into docs/chats.md.

    python -m benchmarks.bench_chats [--messages 1000000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks.commands import phase_seconds, run_command
from kg.sources.whatsapp import read_whatsapp_text

RESULTS = Path(__file__).resolve().parent / "results" / "chats.json"
MEMBERS = 50
WORDS = ("placeholder", "lorem", "ipsum", "dolor", "sit", "amet", "noted", "thanks", "shift", "later")
TERMS = ("alpha", "bravo", "charlie")
TARGETS = {"parse_per_second": 100_000, "seconds": 180, "peak_mb": 4096}


def chat_lines(messages: int, seed: int = 0) -> list[str]:
    """An Android-layout export: the group created, everyone added, then ``messages`` messages."""
    rng = random.Random(seed)
    moment = datetime(2020, 1, 1, 8, 0)
    lines = ["01/01/2020, 08:00 - Officer 1 created group \"Bench chat\"",
             "01/01/2020, 08:00 - Officer 1 added " + ", ".join(f"Officer {i}" for i in range(2, MEMBERS + 1))]  # fmt: skip
    step = timedelta(days=730) / messages
    for number in range(messages):
        moment += step
        words = rng.choices(WORDS, k=rng.randint(2, 12))
        if rng.random() < 0.02:
            words.append(rng.choice(TERMS))
        lines.append(f"{moment:%d/%m/%Y, %H:%M} - Officer {rng.randint(1, MEMBERS)}: {' '.join(words)}")
        if number % 1000 == 999:
            lines.append("a continuation line of the message before")
    return lines


def write_case(folder: Path) -> tuple[Path, Path, Path]:
    """The case of the 50 officers, their alias table and the lexicon."""
    case = folder / "case"
    case.mkdir()
    (case / "case.toml").write_text('name = "bench-chat"\ntitle = "Chat benchmark"\ndescription = "Generated."\n\n'
                                    '[[sources]]\nid = "src-roster"\ntitle = "Generated roster"\n'
                                    'source_type = "synthetic"\n', encoding="utf-8")  # fmt: skip
    officers = "\n".join(f"officer-{i},Officer {i},src-roster" for i in range(1, MEMBERS + 1))
    (case / "officer.csv").write_text("id,name,sources\n" + officers + "\n", encoding="utf-8")
    aliases = folder / "aliases.csv"
    aliases.write_text("alias,officer\n" + "".join(f"Officer {i},officer-{i}\n" for i in range(1, MEMBERS + 1)),
                       encoding="utf-8")  # fmt: skip
    lexicon = folder / "lexicon.csv"
    lexicon.write_text("term,category\n" + "".join(f"{t},cat-bench\n" for t in TERMS), encoding="utf-8")
    return case, aliases, lexicon


def split_only(lines: list[str]) -> int:
    """The baseline: split each line at " - " and ": ", nothing else."""
    found = 0
    for line in lines:
        head, _, rest = line.partition(" - ")
        if rest:
            found += bool(rest.partition(": ")[2])
    return found


def median_seconds(work, repeats: int) -> float:  # noqa: ANN001 - any callable
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    lines = chat_lines(args.messages)
    parse = median_seconds(lambda: read_whatsapp_text(lines, "bench.txt", "DMY"), args.repeats)
    baseline = median_seconds(lambda: split_only(lines), args.repeats)
    commands = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        export = work / "WhatsApp Chat with Bench chat.txt"
        export.write_text("\n".join(lines) + "\n", encoding="utf-8")
        case, aliases, lexicon = write_case(work)
        for name, command in {
            "import": ("import", "whatsapp", export, "--group", "Bench chat", "--aliases", aliases,
                       "--lexicon", lexicon, "--into", case),
            "build": ("build", case, "--out", work / "build"),
            "analyze": ("analyze", case, "--out", work / "analysis"),
        }.items():  # fmt: skip
            seconds, peak, _, progress = run_command(*command, cwd=work)
            commands[name] = {
                "seconds": round(seconds, 2),
                "peak_mb": round(peak),
                "phases": phase_seconds(progress),
            }
    total = {"seconds": round(sum(c["seconds"] for c in commands.values()), 2),
             "peak_mb": max(c["peak_mb"] for c in commands.values())}  # fmt: skip
    result = {
        "messages": args.messages, "members": MEMBERS, "cpus": os.cpu_count(), "repeats": args.repeats,
        "parse_seconds": round(parse, 3), "parse_per_second": round(args.messages / parse),
        "baseline_seconds": round(baseline, 3), "parse_over_baseline": round(parse / baseline, 1),
        "commands": commands, "import+build+analyze": total, "targets": TARGETS,
        "met": {"parse": args.messages / parse > TARGETS["parse_per_second"],
                "import+build+analyze": total["seconds"] < TARGETS["seconds"] and total["peak_mb"] < TARGETS["peak_mb"]},
    }  # fmt: skip
    table = Table("measure", "value", title=f"{args.messages:,} WhatsApp messages, {MEMBERS} members")
    table.add_row("parse (median)", f"{parse:.2f} s, {args.messages / parse:,.0f} messages/s")
    table.add_row(
        "baseline: split only (median)", f"{baseline:.2f} s (parse takes {parse / baseline:.1f}× as long)"
    )
    for name, measured in [*commands.items(), ("import+build+analyze", total)]:
        table.add_row(name, f"{measured['seconds']:.1f} s, peak {measured['peak_mb']:,} MB")
    Console(width=120).print(table)
    if args.messages == 1_000_000:
        RESULTS.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print("wrote", RESULTS, "; targets:", result["met"])


if __name__ == "__main__":
    main()

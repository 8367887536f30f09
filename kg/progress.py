"""What a long command shows while it works, on standard error.

On a terminal: a live line with the current phase and the time so far, or a bar with counts and
time left when the work is counted. Otherwise (``| tee``, a log file, CI): plain timestamped
lines, one as each phase ends with its duration, and for counted work one at most every
:data:`PLAIN_INTERVAL` seconds with the count and time left. A command that fails in its first
phase prints no progress line, so its error stays the only line it writes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

PLAIN_INTERVAL = 10.0
"""Seconds between plain progress lines for counted work."""

Step = Callable[[str], None]
"""Told the name of each phase as it begins."""
Advance = Callable[[int], None]
"""Told how many more items are done."""


def plain_line(command: str, text: str) -> str:
    """One plain progress line: a UTC timestamp, the command and what happened."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{stamp} {command}: {text}"


def _say(console: Console, command: str, text: str) -> None:
    console.print(plain_line(command, text), markup=False, highlight=False, soft_wrap=True)


class _PlainPhases:
    """Phase lines for output that is not a terminal."""

    def __init__(self, console: Console, command: str) -> None:
        self.console, self.command = console, command
        self.started = self.phase_started = time.monotonic()
        self.phase: str | None = None

    def step(self, name: str) -> None:
        self._end_phase()
        self.phase, self.phase_started = name, time.monotonic()

    def _end_phase(self) -> None:
        if self.phase is not None:
            _say(self.console, self.command, f"{self.phase} ({time.monotonic() - self.phase_started:.1f} s)")

    def finish(self) -> None:
        self._end_phase()
        _say(self.console, self.command, f"done in {time.monotonic() - self.started:.1f} s")


@contextmanager
def phases(console: Console, command: str) -> Iterator[Step]:
    """Report the phases of ``command`` (e.g. ``kg analyze``); yields the function to call as
    each phase begins."""
    if console.is_terminal:
        with console.status(command) as status:
            yield lambda name: status.update(f"{command}: {name}")
        return
    plain = _PlainPhases(console, command)
    yield plain.step
    plain.finish()


class _PlainCount:
    """Count lines for output that is not a terminal."""

    def __init__(self, console: Console, command: str, total: int) -> None:
        self.console, self.command, self.total = console, command, total
        self.done = 0
        self.started = self.said = time.monotonic()

    def advance(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if now - self.said >= PLAIN_INTERVAL:
            self.said = now
            left = (now - self.started) * (self.total - self.done) / self.done
            _say(self.console, self.command,
                 f"{self.done:,} of {self.total:,} ({self.done / self.total:.0%}), about {left:.0f} s left")  # fmt: skip


@contextmanager
def counted(console: Console, command: str, total: int) -> Iterator[Advance]:
    """Report ``total`` items of work by ``command``; yields the function to call with each
    amount done. Ends with a line of the whole count and time when not on a terminal."""
    if console.is_terminal:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task(command, total=total)
            yield lambda count: bar.advance(task, count)
        return
    plain = _PlainCount(console, command, total)
    yield plain.advance
    _say(console, command, f"{plain.done:,} of {total:,} in {time.monotonic() - plain.started:.1f} s")

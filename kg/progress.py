"""What a long command shows while it works, on standard error.

A command goes through phases; a phase that works through a known amount (rows, bytes,
relationships written, shuffles) is *counted*. On a terminal: two live lines, the phase and
below it the time it has taken and, when counted, a bar, the count and the time left. Otherwise
(``| tee``, a log file, CI): plain timestamped lines, one as each phase ends with its duration,
and for a counted phase one at most every :data:`PLAIN_INTERVAL` seconds with the count and the
time left. A command that fails in its first phase prints no progress line, so its error stays
the only line it writes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, datetime
from typing import Protocol, TypeVar

from rich.console import Console, RenderableType
from rich.filesize import decimal
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Column
from rich.text import Text

PLAIN_INTERVAL = 10.0
"""Seconds between plain progress lines for a counted phase."""
BYTES = "bytes"
"""The unit whose counts are shown as sizes (``12.3 MB of 80.1 MB``)."""

Advance = Callable[[int], None]
"""Told how many more items of a counted phase are done."""
Item = TypeVar("Item")


class Step(Protocol):
    """Told the name of each phase as it begins, and for a counted phase how many ``unit`` it
    works through; returns the function to tell of each amount done."""

    def __call__(self, name: str, total: int | None = None, unit: str = "") -> Advance: ...


class Phases(Step, Protocol):
    """The :class:`Step` of a command, which can also stand aside while the command asks a question."""

    def paused(self) -> AbstractContextManager[None]:
        """Nothing is drawn while inside (a prompt is not overwritten)."""
        ...


def ignore(count: int) -> None:
    """An :data:`Advance` that tells no one."""


def no_progress(name: str, total: int | None = None, unit: str = "") -> Advance:
    """A :class:`Step` that shows nothing."""
    return ignore


def all_counted_by(advance: Advance) -> Step:
    """A :class:`Step` that shows no phase of its own but tells ``advance`` of every count (for
    work done as part of a phase that is already shown)."""
    return lambda name, total=None, unit="": advance


def counted(items: Iterable[Item], advance: Advance, every: int = 4096) -> Iterator[Item]:
    """``items`` one by one, telling ``advance`` after each ``every`` of them and of the rest at
    the end. No item is held back, so the loop it wraps keeps its speed (what it costs:
    ``benchmarks/bench_counted.py``)."""
    done = 0
    for done, item in enumerate(items, 1):
        yield item
        if done % every == 0:
            advance(every)
    if done % every:
        advance(done % every)


def amount(count: float, total: int, unit: str) -> str:
    """``count`` of ``total`` in ``unit``: ``1,200 of 5,000 rows`` or ``1.2 MB of 5.0 MB``."""
    if unit == BYTES:
        return f"{decimal(int(count))} of {decimal(total)}"
    return f"{count:,.0f} of {total:,} {unit}".rstrip()


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

    def __call__(self, name: str, total: int | None = None, unit: str = "") -> Advance:
        self._end_phase()
        self.phase, self.phase_started = name, time.monotonic()
        return ignore if total is None else _PlainCount(self, name, total, unit).advance

    def paused(self) -> AbstractContextManager[None]:
        return nullcontext()

    def _end_phase(self) -> None:
        if self.phase is not None:
            _say(self.console, self.command, f"{self.phase} ({time.monotonic() - self.phase_started:.1f} s)")

    def finish(self) -> None:
        self._end_phase()
        _say(self.console, self.command, f"done in {time.monotonic() - self.started:.1f} s")


class _PlainCount:
    """The count lines of one counted phase off a terminal."""

    def __init__(self, phases: _PlainPhases, name: str, total: int, unit: str) -> None:
        self.phases, self.name, self.total, self.unit = phases, name, total, unit
        self.done = 0
        self.said = phases.phase_started

    def advance(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if now - self.said >= PLAIN_INTERVAL and self.done and self.phases.phase == self.name:
            self.said = now
            left = (now - self.phases.phase_started) * max(self.total - self.done, 0) / self.done
            share = f"{min(self.done / self.total, 1):.0%}" if self.total else "100%"
            _say(self.phases.console, self.phases.command,
                 f"{self.name}: {amount(self.done, self.total, self.unit)} ({share}), about {left:.0f} s left")  # fmt: skip


class _Count(ProgressColumn):
    """How far a counted phase is, in its unit; nothing for a phase that is not counted."""

    def render(self, task: Task) -> Text:
        if task.total is None:
            return Text("")
        return Text(amount(task.completed, int(task.total), task.fields["unit"]), style="progress.download")


class _TwoLines(Progress):
    """The phase on one line (cut short to fit), and below it the spinner, bar, count and times."""

    def get_renderables(self) -> Iterable[RenderableType]:
        for task in self.tasks:
            yield Text(task.description, no_wrap=True, overflow="ellipsis")
        yield self.make_tasks_table(self.tasks)


class _TerminalPhases:
    """The live lines on a terminal: one task per phase, replaced as the next begins."""

    def __init__(self, bar: Progress, command: str) -> None:
        self.bar, self.command = bar, command
        self.task: TaskID | None = None

    def __call__(self, name: str, total: int | None = None, unit: str = "") -> Advance:
        if self.task is not None:
            self.bar.remove_task(self.task)
        task = self.task = self.bar.add_task(f"{self.command}: {name}", total=total, unit=unit)
        return ignore if total is None else lambda count: self.bar.advance(task, count)

    @contextmanager
    def paused(self) -> Iterator[None]:
        self.bar.stop()
        try:
            yield
        finally:
            self.bar.start()


@contextmanager
def phases(console: Console, command: str) -> Iterator[Phases]:
    """Report the phases of ``command`` (e.g. ``kg analyze``); yields the :class:`Phases` to call
    as each phase begins."""
    if console.is_terminal:
        whole = Column(no_wrap=True)
        columns = (SpinnerColumn(), BarColumn(bar_width=None), _Count(table_column=whole),
                   TimeRemainingColumn(table_column=whole), TimeElapsedColumn(table_column=whole))  # fmt: skip
        with _TwoLines(*columns, console=console, transient=True, expand=True) as bar:
            yield _TerminalPhases(bar, command)
        return
    plain = _PlainPhases(console, command)
    yield plain
    plain.finish()

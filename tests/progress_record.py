"""Progress as the tests see it: the plain progress line, and a Step that records each phase and
what was counted in it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.progress import Advance

STAMPED = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z (kg [a-z ]+): (.*)$")
"""A plain progress line: its command and its text."""


@dataclass
class Phase:
    """One phase: its name, what it counts and how much of that was counted."""

    name: str
    total: int | None
    unit: str
    done: int = 0


class Recorded:
    """A Step that keeps every phase and what was counted in it."""

    def __init__(self) -> None:
        self.phases: list[Phase] = []

    def __call__(self, name: str, total: int | None = None, unit: str = "") -> Advance:
        phase = Phase(name, total, unit)
        self.phases.append(phase)

        def advance(count: int) -> None:
            phase.done += count

        return advance

    def unfinished(self) -> list[Phase]:
        """Counted phases whose count did not reach their total."""
        return [p for p in self.phases if p.total is not None and p.done != p.total]

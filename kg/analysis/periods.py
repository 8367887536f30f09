"""Calendar periods (months, quarters or years) that the spread analysis counts time in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

import numpy as np

PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}


@dataclass(frozen=True)
class Periods:
    """Consecutive periods of ``months`` calendar months each, numbered from 0 at ``first``."""

    first: date
    last: date
    unit: str = "month"

    def __post_init__(self) -> None:
        if self.unit not in PERIOD_MONTHS:
            raise ValueError(f"unknown period {self.unit!r}; use one of {', '.join(PERIOD_MONTHS)}")

    @cached_property
    def months(self) -> int:
        return PERIOD_MONTHS[self.unit]

    @cached_property
    def _anchor(self) -> int:
        """Months since year 0 at the start of the period containing ``first``."""
        month = self.first.year * 12 + self.first.month - 1
        return month - month % self.months

    def index(self, day: date) -> int:
        """The number of the period containing ``day`` (negative before ``first``)."""
        return (day.year * 12 + day.month - 1 - self._anchor) // self.months

    @cached_property
    def count(self) -> int:
        """How many periods run from ``first`` to ``last``."""
        return self.index(self.last) + 1

    @property
    def end(self) -> date:
        """The last day of the last period (the window's last day)."""
        return self.start(self.count) - timedelta(days=1)

    def quarters(self, indices: np.ndarray) -> np.ndarray:
        """The calendar quarter (counted from year 0) in which each period of ``indices`` starts."""
        return (self._anchor + np.asarray(indices) * self.months) // 3

    def start(self, index: int) -> date:
        """The first day of period ``index``."""
        month = self._anchor + index * self.months
        return date(month // 12, month % 12 + 1, 1)

    def label(self, index: int) -> str:
        """A period's name: ``2017-03`` (month), ``2017-Q1`` (quarter) or ``2017`` (year)."""
        start = self.start(index)
        if self.unit == "year":
            return f"{start.year}"
        if self.unit == "quarter":
            return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        return f"{start.year}-{start.month:02d}"

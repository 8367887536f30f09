"""The options of an analysis run: every choice it makes, recorded in its output."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kg.analysis.involvement import ANY_FINDING, DEFAULT_FINDINGS
from kg.analysis.networks import DEFAULT_TIE_WEIGHTS, NETWORKS
from kg.analysis.periods import PERIOD_MONTHS
from kg.analysis.risk_set import DEFAULT_NULL, NULLS
from kg.errors import OptionError


@dataclass(frozen=True)
class AnalysisOptions:
    """Every choice the analysis makes, recorded in its output."""

    findings: tuple[str, ...] | str = DEFAULT_FINDINGS
    """Accusation findings that count as involvement, or ``"any"``."""
    period: str = "month"
    network: str = "auto"
    """The officer network whose structure is measured: ``auto`` (every tie type that can be
    listed), ``combined`` (every tie type) or one tie type."""
    tie_weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_TIE_WEIGHTS))
    categories: tuple[str, ...] | None = None
    """Categories to analyse spread for (None: the ``max_categories`` with most adopters, each
    with at least ``min_adopters``)."""
    min_adopters: int = 3
    max_categories: int = 8
    shuffles: int = 1000
    null: str = DEFAULT_NULL
    """How the time-shuffle test permutes adoption times (:data:`kg.analysis.risk_set.NULLS`)."""
    seed: int = 0

    def __post_init__(self) -> None:
        if self.network not in NETWORKS:
            raise OptionError(
                "network", f"{{0}}: unknown network {self.network!r}; use one of {', '.join(NETWORKS)}"
            )
        if self.period not in PERIOD_MONTHS:
            raise OptionError(
                "period", f"{{0}}: unknown period {self.period!r}; use one of {', '.join(PERIOD_MONTHS)}"
            )
        if self.null not in NULLS:
            raise OptionError("null", f"{{0}}: unknown null {self.null!r}; use one of {', '.join(NULLS)}")
        if self.findings != ANY_FINDING and not self.findings:
            raise OptionError("findings", "{0}: name at least one finding, or 'any'")
        for name in ("shuffles", "min_adopters"):
            if getattr(self, name) < 1:
                raise OptionError(name, "{0} must be at least 1")
        if self.max_categories < 0:
            raise OptionError("max_categories", "{0} must be 0 or more")

    def as_json(self) -> dict[str, Any]:
        return {
            "findings": self.findings if self.findings == ANY_FINDING else list(self.findings),
            "period": self.period, "network": self.network, "tie_weights": dict(sorted(self.tie_weights.items())),
            "categories": list(self.categories) if self.categories is not None else None,
            "min_adopters": self.min_adopters, "max_categories": self.max_categories,
            "shuffles": self.shuffles, "null": self.null, "seed": self.seed,
        }  # fmt: skip

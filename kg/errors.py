"""Errors a user can act on. The CLI prints them without a traceback and exits with their code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

MAX_PROBLEMS = 100
"""Problems listed in full before the rest are only counted."""


class KgError(Exception):
    """A failure caused by input or environment, with a message that says what to do."""

    exit_code = 1


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as ``file:line:column``."""

    file: str
    line: int = 0
    column: int = 0
    message: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class InvalidInput(KgError):
    """The input has problems; all of them (up to :data:`MAX_PROBLEMS`) are listed."""

    exit_code = 2

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = [str(p) for p in problems[:MAX_PROBLEMS]]
        if len(problems) > MAX_PROBLEMS:
            shown.append(f"… and {len(problems) - MAX_PROBLEMS} more problems")
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__("\n".join([*shown, f"{count} found; nothing was written."]))


class UsageError(KgError):
    """A command was given something it cannot use (a missing folder, a bad option value)."""

    exit_code = 2


class OptionError(ValueError):
    """A bad value for a field of an options object (``AnalysisOptions``, ``ViewOptions``…).

    ``template`` names the fields as ``{0}``, ``{1}``…: in Python they read as the field names
    (``hops must be 0 or more``); the CLI fills in the flags instead (``--hops must be…``)."""

    def __init__(self, fields: str | tuple[str, ...], template: str) -> None:
        self.fields = (fields,) if isinstance(fields, str) else fields
        self.template = template
        super().__init__(self.worded())

    def worded(self, name: Callable[[str], str] = str) -> str:
        """The message with each field written as ``name(field)``."""
        return self.template.format(*(name(f) for f in self.fields))

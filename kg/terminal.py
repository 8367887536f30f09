"""Text from the data, made safe to print: no control character reaches the terminal."""

from __future__ import annotations

import re

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """``text`` with every control character but newline and tab shown as an escape (``\\x1b``),
    so that escape sequences in the data cannot move the cursor, recolour or retitle the
    terminal."""
    return _CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", text)


def table_cell(text: str) -> Text:
    """A table cell for rich that shows ``text`` as it is: never read as markup (``[/bold]``)
    and with no control character."""
    return Text(terminal_safe(text))

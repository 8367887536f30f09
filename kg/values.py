"""Parse and format property values by their ontology type.

Case values are kept in a canonical, JSON- and GraphML-friendly form: strings, integers, floats,
booleans, dates and datetimes as canonical ISO 8601 strings, string lists as tuples. ISO strings
sort in time order, so analysis can compare them directly.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import Any

from kg.ontology import Property, ValueType

Value = str | int | float | bool | tuple[str, ...]

LIST_SEPARATOR = ";"
_REDUCED_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?", re.ASCII)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DATETIME = re.compile(
    r"(?P<day>\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.(?P<fraction>\d+))?)?(?:Z|[+-]\d{2}:\d{2})?",
    re.ASCII,
)
_CANONICAL_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", re.ASCII)
"""A datetime already in the form :func:`_datetime` gives (seconds, no fraction, no offset)."""
_INTEGER = re.compile(r"[+-]?\d+", re.ASCII)
_FLOAT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_UNSAFE_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters no export can carry: control characters but tab and line breaks (XML forbids
them), lone surrogates (UTF-8 cannot encode them) and the two non-characters."""
INTEGER_RANGE = (-(2**63), 2**63 - 1)
"""Neo4j's integers, and most tools', are 64-bit."""
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


class ValueProblem(ValueError):
    """A value that does not fit its property; the message says what would."""


def parse_value(prop: Property, raw: Any) -> Value:
    """Parse ``raw`` (a CSV cell string or a JSON value) as a value of ``prop``.

    Raises :class:`ValueProblem` with a message a user can act on.
    """
    value = _verbatim(raw) if prop.verbatim else _PARSERS[prop.type](raw)
    if prop.choices and value not in prop.choices:
        raise ValueProblem(f"{value!r} is not one of: {', '.join(prop.choices)}")
    if prop.bounds and isinstance(value, int) and not prop.bounds[0] <= value <= prop.bounds[1]:
        raise ValueProblem(f"{value} is outside {prop.bounds[0]}–{prop.bounds[1]}")
    return value


def is_missing(raw: Any) -> bool:
    """True for an empty cell, a JSON null, or an empty list."""
    if isinstance(raw, str):
        return not raw.strip()
    return raw is None or raw == []


def has_unsafe_character(text: str) -> bool:
    """Whether ``text`` holds a character no export can carry (see :func:`value_parser`)."""
    return _UNSAFE_CHARACTER.search(text) is not None


def is_plain_text(prop: Property) -> bool:
    """Whether ``prop`` takes any text (no choices): its value is the text, trimmed unless
    verbatim, once checked for characters no export can carry."""
    return prop.type is ValueType.STRING and not prop.choices


def value_parser(prop: Property) -> Callable[[Any], Value]:
    """:func:`parse_value` for ``prop``, as one function (plain text skips the checks it cannot fail)."""
    if is_plain_text(prop):
        return _verbatim if prop.verbatim else _string
    return partial(parse_value, prop)


def _verbatim(raw: Any) -> str:
    """Text kept exactly (only checked for characters no export can carry)."""
    if not isinstance(raw, str):
        raise ValueProblem(f"expected text, got {raw!r}")
    unsafe = _UNSAFE_CHARACTER.search(raw)
    if unsafe:
        raise ValueProblem(
            f"character U+{ord(unsafe.group()):04X} at position {unsafe.start() + 1} cannot be exported "
            "(a control character or an unpaired surrogate); remove it"
        )
    return raw


def _string(raw: Any) -> str:
    return _verbatim(raw).strip()


def _integer(raw: Any) -> int:
    if isinstance(raw, bool):
        raise ValueProblem(f"expected a whole number, got {raw!r}")
    if isinstance(raw, int):
        number = raw
    elif isinstance(raw, str) and _INTEGER.fullmatch(raw.strip()):
        digits = raw.strip().lstrip("+-")
        number = int(raw.strip()) if len(digits) <= 19 else INTEGER_RANGE[1] + 1
    else:
        raise ValueProblem(f"expected a whole number such as 3, got {raw!r}")
    if not INTEGER_RANGE[0] <= number <= INTEGER_RANGE[1]:
        raise ValueProblem(f"{raw!r} does not fit in 64 bits (-2^63 to 2^63-1)")
    return number


def _float(raw: Any) -> float:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        number = float(raw) if abs(raw) < 1e308 else math.inf
    elif isinstance(raw, str) and _FLOAT.fullmatch(raw.strip()):
        number = float(raw.strip())
    else:
        raise ValueProblem(f"expected a number such as 0.5, got {raw!r}")
    if not math.isfinite(number):
        raise ValueProblem(f"expected a finite number, got {raw!r}")
    return number


def _boolean(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = _string(raw).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueProblem(f"expected true or false, got {raw!r}")


def _date(raw: Any) -> str:
    text = _string(raw)
    reduced = _REDUCED_DATE.fullmatch(text)
    if reduced and int(reduced[1]) >= 1 and (reduced[2] is None or 1 <= int(reduced[2]) <= 12):
        return text
    if _DAY.fullmatch(text) and int(text[:4]) >= 1:
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    raise ValueProblem(f"expected an ISO date YYYY-MM-DD (or YYYY-MM, YYYY), got {raw!r}")


def _datetime(raw: Any) -> str:
    if isinstance(raw, str) and _CANONICAL_DATETIME.fullmatch(raw):  # most values: kept once checked
        try:
            datetime.fromisoformat(raw)
            return raw
        except ValueError:
            pass  # a day or time that does not exist: the message below says so
    text = _string(raw)
    found = _DATETIME.fullmatch(text)
    if found and found["fraction"] and len(found["fraction"]) > 6:
        raise ValueProblem(f"at most 6 digits of a second (microseconds), got {raw!r}")
    try:
        if not found or int(found["day"][:4]) < 1:
            raise ValueError
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueProblem(
            f"expected an ISO date and time such as 2017-03-01T21:50:00 (optionally with +01:00), got {raw!r}"
        ) from None


def _string_list(raw: Any) -> tuple[str, ...]:
    if isinstance(raw, list):
        items = [_string(item) for item in raw]
        if any(LIST_SEPARATOR in item for item in items):
            raise ValueProblem(
                f"a list item cannot contain {LIST_SEPARATOR!r} (it separates items in CSV): {raw!r}"
            )
    else:
        items = [item.strip() for item in _string(raw).split(LIST_SEPARATOR)]
    if any(not item for item in items):
        raise ValueProblem(f"empty item in list {raw!r}")
    return tuple(items)


_PARSERS = {
    ValueType.STRING: _string,
    ValueType.INTEGER: _integer,
    ValueType.FLOAT: _float,
    ValueType.BOOLEAN: _boolean,
    ValueType.DATE: _date,
    ValueType.DATETIME: _datetime,
    ValueType.STRING_LIST: _string_list,
}


def to_text(value: Value | list[str]) -> str:
    """Format a canonical value for a CSV cell (lists joined with ';', booleans lower-case)."""
    if isinstance(value, (tuple, list)):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_date(value: str) -> date:
    """The first day a canonical date or datetime string can mean (2018 → 2018-01-01)."""
    text = value[:10]
    if len(text) == 4:
        text += "-01-01"
    elif len(text) == 7:
        text += "-01"
    return date.fromisoformat(text)

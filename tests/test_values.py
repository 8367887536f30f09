"""Datetime values: the form kept is the canonical one, whatever form the text took."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.ontology import NODE_KIND_BY_LABEL, Label
from kg.values import ValueProblem, parse_value

OCCURRED_AT = next(p for p in NODE_KIND_BY_LABEL[Label.INCIDENT].properties if p.name == "occurred_at")


@given(st.datetimes(), st.sampled_from(["minutes", "seconds", "milliseconds", "microseconds"]))
def test_a_datetime_is_kept_as_python_writes_it(moment: datetime, timespec: str) -> None:
    text = moment.isoformat(timespec=timespec)
    assert parse_value(OCCURRED_AT, text) == datetime.fromisoformat(text).isoformat()


@given(st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\Z"))
def test_a_datetime_in_the_canonical_form_is_kept_or_refused(text: str) -> None:
    try:
        exists = datetime.fromisoformat(text).isoformat() == text
    except ValueError:
        exists = False
    if exists:
        assert parse_value(OCCURRED_AT, text) == text
    else:
        with pytest.raises(ValueProblem, match="expected an ISO date and time"):
            parse_value(OCCURRED_AT, text)


def test_a_day_that_does_not_exist_is_refused() -> None:
    with pytest.raises(ValueProblem, match="got '2021-02-30T07:14:00'"):
        parse_value(OCCURRED_AT, "2021-02-30T07:14:00")

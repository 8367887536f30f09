from datetime import date

import pytest

from kg.analysis.periods import Periods


def test_months_are_numbered_from_the_first_month() -> None:
    periods = Periods(date(2016, 11, 20), date(2017, 2, 1))
    assert periods.count == 4
    assert [periods.index(date(2016, 11, 1)), periods.index(date(2017, 1, 31))] == [0, 2]
    assert periods.index(date(2016, 10, 31)) == -1
    assert [periods.label(i) for i in range(4)] == ["2016-11", "2016-12", "2017-01", "2017-02"]
    assert periods.start(3) == date(2017, 2, 1)


def test_quarters_and_years_start_on_calendar_boundaries() -> None:
    quarters = Periods(date(2017, 2, 15), date(2017, 7, 1), "quarter")
    assert quarters.count == 3
    assert [quarters.label(i) for i in range(3)] == ["2017-Q1", "2017-Q2", "2017-Q3"]
    assert quarters.index(date(2017, 1, 1)) == 0 and quarters.start(1) == date(2017, 4, 1)
    years = Periods(date(2015, 6, 1), date(2017, 1, 1), "year")
    assert (years.count, years.label(0), years.index(date(2016, 12, 31))) == (3, "2015", 1)


def test_an_unknown_unit_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown period 'day'"):
        Periods(date(2017, 1, 1), date(2017, 1, 1), "day")

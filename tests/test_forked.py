"""Work side by side in a forked child or a fresh process: the same results as one after the
other, errors raised here, and no fork where it does not pay or the process is too large to copy."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from itertools import accumulate
from pathlib import Path
from typing import Any

import pytest

from kg import build_graph, forked, load_case
from kg.export import WRITERS, export_all
from kg.forked import side_by_side, worth_a_fresh_process, worth_forking
from kg.progress import Advance
from tests.conftest import ROOT


@pytest.fixture
def always_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "FORK_SIZE", 0)
    monkeypatch.setattr(forked, "FORK_MEMORY", 1 << 60)


def uncounted(work: Callable[[], Any]) -> Callable[[Advance], Any]:
    """``work`` as a side of :func:`side_by_side` that counts nothing."""
    return lambda _: work()


def test_the_first_piece_runs_in_a_child() -> None:
    there, here = side_by_side(uncounted(os.getpid), uncounted(os.getpid))
    assert here == os.getpid() and there != os.getpid()


def test_either_side_may_fork_work_of_its_own() -> None:
    (grandchild, child), here = side_by_side(
        uncounted(lambda: side_by_side(uncounted(os.getpid), uncounted(os.getpid))), uncounted(os.getpid)
    )
    assert len({grandchild, child, here}) == 3


def test_small_work_stays_here() -> None:
    assert not worth_forking(forked.FORK_SIZE - 1)


def test_a_large_process_stays_whole(always_fork, monkeypatch: pytest.MonkeyPatch) -> None:
    assert worth_forking(forked.FORK_SIZE)  # this machine has a second CPU and fork
    monkeypatch.setattr(forked, "FORK_MEMORY", 1)
    assert not worth_forking(forked.FORK_SIZE)


def test_the_childs_error_is_raised_here() -> None:
    def fails() -> None:
        raise ValueError("from the child")

    with pytest.raises(ValueError, match="from the child"):
        side_by_side(uncounted(fails), uncounted(lambda: None))


def test_an_error_here_stops_the_child_at_once() -> None:
    def fails() -> None:
        raise ValueError("from here")

    started = time.monotonic()
    with pytest.raises(ValueError, match="from here"):
        side_by_side(uncounted(lambda: time.sleep(60)), uncounted(fails))
    assert time.monotonic() - started < 30


def test_a_child_that_dies_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="exit code 3"):
        side_by_side(uncounted(lambda: os._exit(3)), uncounted(lambda: None))


def test_what_both_sides_count_is_told_here_while_the_child_still_works() -> None:
    def in_child(count: Advance) -> None:
        count(2)
        time.sleep(4 * forked.WAIT_POLL)
        count(3)

    told: list[int] = []
    side_by_side(in_child, lambda count: count(10), told.append)
    assert sum(told) == 15
    assert 12 in accumulate(told)  # the child's first 2 arrived before its last 3


SET_HERE: list[int] = []
"""Filled here before a fresh child starts: a forked child would see it filled, a fresh one not."""


def _what_a_child_sees(count: Advance) -> tuple[int, int]:
    count(2)
    time.sleep(4 * forked.WAIT_POLL)
    count(3)
    return os.getpid(), len(SET_HERE)


def _fails_in_a_fresh_child(count: Advance) -> None:
    raise ValueError("from the fresh child")


def _dies_saying_why(count: Advance) -> None:
    sys.stderr.write("the child's last words\n")
    sys.stderr.flush()
    os._exit(3)


def test_a_fresh_child_is_a_new_process_sharing_nothing_yet_counted_here(monkeypatch) -> None:
    monkeypatch.setattr(sys.modules[__name__], "SET_HERE", [1])
    told: list[int] = []
    (pid, seen), here = side_by_side(_what_a_child_sees, lambda count: count(10) or os.getpid(), told.append, fresh=True)  # fmt: skip
    assert pid != here and seen == 0
    assert sum(told) == 15 and 12 in accumulate(told)


def test_a_fresh_childs_error_is_raised_here_and_its_death_shows_what_it_said() -> None:
    with pytest.raises(ValueError, match="from the fresh child"):
        side_by_side(_fails_in_a_fresh_child, uncounted(lambda: None), fresh=True)
    with pytest.raises(RuntimeError, match=r"(?s)fresh child ended with exit code 3.*the child's last words"):
        side_by_side(_dies_saying_why, uncounted(lambda: None), fresh=True)


def test_a_fresh_process_is_worth_it_however_large_this_one_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "FORK_MEMORY", 1)
    assert worth_a_fresh_process(forked.FORK_SIZE) and not worth_forking(forked.FORK_SIZE)
    assert not worth_a_fresh_process(forked.FORK_SIZE - 1)


def test_exports_written_beside_each_other_are_the_same(always_fork, monkeypatch, tmp_path: Path) -> None:
    graph = build_graph(load_case(ROOT / "examples" / "hotton"))
    beside_files = export_all(graph, tmp_path / "beside")
    monkeypatch.setattr(forked, "FORK_SIZE", 1 << 60)
    alone_files = export_all(graph, tmp_path / "alone")
    assert [p.relative_to(tmp_path / "beside") for p in beside_files] == [
        p.relative_to(tmp_path / "alone") for p in alone_files
    ]
    assert {p.name for p in beside_files} >= {name for name in WRITERS if "." in name}
    written = sorted(p.name for p in (tmp_path / "beside").iterdir())
    assert written == sorted(WRITERS)  # the handed elements are gone
    for one, other in zip(beside_files, alone_files, strict=True):
        assert one.read_bytes() == other.read_bytes(), one.name


def test_an_analysis_with_the_network_tables_in_a_forked_child_is_the_same(
    always_fork, monkeypatch, tmp_path: Path
) -> None:
    from kg.analysis import AnalysisOptions, analyze
    from kg.analysis.pipeline import NETWORK_SECTIONS
    from kg.analysis.registry import measures

    forked_child_ran: list[int] = []
    real_side_by_side = forked.side_by_side
    monkeypatch.setattr(
        "kg.analysis.pipeline.side_by_side",
        lambda there, here: forked_child_ran.append(1) or real_side_by_side(there, here),
    )
    options = AnalysisOptions(shuffles=50)
    hotton = ROOT / "examples" / "hotton"
    beside = analyze(hotton, tmp_path / "forked", options)
    monkeypatch.setattr(forked, "FORK_SIZE", 1 << 60)
    alone = analyze(hotton, tmp_path / "alone", options)
    assert forked_child_ran == [1]
    assert any(m.section in NETWORK_SECTIONS for m in measures())
    assert [p.name for p in beside.files] == [p.name for p in alone.files]
    for one, other in zip(beside.files, alone.files, strict=True):
        assert one.read_bytes() == other.read_bytes(), one.name

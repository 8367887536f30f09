"""paused_gc turns the cyclic collector off for the block and restores what it found."""

import gc

from kg.gc_pause import paused_gc


@paused_gc()
def collector_state() -> bool:
    return gc.isenabled()


def test_the_collector_is_off_inside_and_back_on_after() -> None:
    assert gc.isenabled()
    assert collector_state() is False
    with paused_gc():
        assert collector_state() is False  # nested
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_already_off_stays_off() -> None:
    gc.disable()
    try:
        assert collector_state() is False
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_comes_back_after_an_error() -> None:
    try:
        with paused_gc():
            raise KeyError("x")
    except KeyError:
        pass
    assert gc.isenabled()


def test_freezing_after_moves_what_is_alive_out_of_the_collectors_reach() -> None:
    gc.unfreeze()  # whatever an earlier test left frozen
    kept = []
    try:
        with paused_gc(freeze_after=True):
            kept.append([1])
        assert gc.get_freeze_count() >= 1
        assert gc.isenabled()
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0

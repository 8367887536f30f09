"""paused_gc turns the cyclic collector off for the block and restores what it found; a kg
command runs wholly without a collection."""

import gc
import subprocess
import sys
from pathlib import Path

from kg.gc_pause import paused_gc
from tests.conftest import ROOT, TINY


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


COUNT_COLLECTIONS = """
import atexit, gc, sys
from kg.cli import run
collections = []
gc.callbacks.append(lambda phase, info: phase == "stop" and collections.append(info["generation"]))
atexit.register(lambda: print("collections:", len(collections)))
sys.argv = ["kg", *sys.argv[1:]]
run()
"""


def test_a_kg_command_runs_without_a_collection(tmp_path: Path) -> None:
    """Each phase of a command makes long-lived objects, and the first collection after it would
    walk them all: the command keeps the collector paused from start to end."""
    command = [sys.executable, "-c", COUNT_COLLECTIONS, "build", str(TINY), "--out", str(tmp_path / "out")]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "collections: 0"

"""Two pieces of independent work at once, one of them in a forked copy of this process.

A forked child sees everything the parent holds (a graph of millions of objects, say) without
pickling any of it; only its result travels back. It does not stay free: every object the child
reads has its reference count written, so the pages holding it are copied, and the child ends up
with a private copy of most of what it reads, up to the parent's own size. So work is forked only
when this process is small enough for that copy (:data:`FORK_MEMORY`), the graph large enough to
be worth a process (:data:`FORK_SIZE`), ``fork`` available and a second CPU there
(:func:`worth_forking`); otherwise the caller runs it here, with the same results.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import resource
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from kg.progress import Advance, ignore

Here = TypeVar("Here")
There = TypeVar("There")
FORK_SIZE = 100_000
"""Work on a graph of fewer entities (nodes and relationships) than this runs in one process: a
fork costs more than it saves there."""
FORK_MEMORY = 1024 * 1024 * 1024
"""Bytes: a process whose resident memory has reached this runs the work itself rather than add
a copy of up to its size (on the Chicago records a build holds about 0.6 GB; one of a
1,000,000-message chat about 3.6 GB, benchmarks/results/chats.json)."""
WAIT_POLL = 0.5
"""Seconds between two looks at the child's progress while its parent waits for it."""


def worth_forking(size: int) -> bool:
    """True when work on a graph of ``size`` entities goes to a forked child (see the module doc)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return (
        size >= FORK_SIZE
        and peak < FORK_MEMORY
        and (os.cpu_count() or 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


def side_by_side(
    in_child: Callable[[Advance], There], here: Callable[[Advance], Here], advance: Advance = ignore
) -> tuple[There, Here]:
    """``(in_child(…), here(…))``, the first run in a forked child while the second runs here
    (ask :func:`worth_forking` first). Each is given an :data:`~kg.progress.Advance` that adds to
    ``advance`` here: the child's counts reach it whenever ``here`` counts and while this process
    waits for the child. The child hands its result back through a temporary file and exits as
    soon as it is done, freeing its copies; no thread is started here, so ``here`` may fork
    workers of its own. An exception from either is raised here (the child's once ``here`` has
    finished)."""
    child_count = multiprocessing.get_context("fork").RawValue("q", 0)
    forwarded = 0

    def forward(count: int) -> None:
        nonlocal forwarded
        reached = child_count.value
        advance(count + reached - forwarded)
        forwarded = reached

    def count_in_child(count: int) -> None:
        child_count.value += count

    with tempfile.TemporaryDirectory(prefix="kg-forked-") as folder:
        handed_back = Path(folder) / "result.pickle"
        child = multiprocessing.get_context("fork").Process(
            target=_run_and_hand_back, args=(lambda: in_child(count_in_child), handed_back)
        )
        child.start()
        try:
            found_here = here(forward)
            while child.is_alive():
                child.join(WAIT_POLL)
                forward(0)
        except BaseException:
            child.kill()
            raise
        finally:
            child.join()
        if not handed_back.exists():
            raise RuntimeError(
                f"the forked child ended with exit code {child.exitcode} before its work was done"
            )
        with handed_back.open("rb") as handle:
            succeeded, found_there = pickle.load(handle)
    if not succeeded:
        raise found_there
    return found_there, found_here


def _run_and_hand_back(work: Callable[[], Any], handed_back: Path) -> None:
    """In the child: run ``work``, write ``(True, result)`` or ``(False, the exception)`` and
    exit at once, without flushing the standard streams (on a terminal the parent's live progress
    line is drawn by a thread, which may have held their lock when the child was forked)."""
    try:
        outcome: tuple[bool, Any] = (True, work())
    except BaseException as error:  # noqa: BLE001  (raised in the parent instead)
        outcome = (False, error)
    try:
        data = pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL)
    except Exception as error:  # noqa: BLE001  (an exception that cannot be pickled)
        data = pickle.dumps((False, RuntimeError(f"in the forked child: {outcome[1]!r} ({error})")))
    partial = handed_back.with_suffix(".partial")
    partial.write_bytes(data)
    partial.rename(handed_back)
    os._exit(0)

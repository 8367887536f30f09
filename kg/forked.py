"""Two pieces of independent work at once, one of them in a second process.

A forked child sees everything the parent holds (a graph of millions of objects, say) without
pickling any of it; only its result travels back. It does not stay free: every object either
process reads has its reference count written, so the page holding it is copied, and the two end
up with private copies of most of what they read, up to the parent's own size. So work is forked
only when this process is small enough for that copy (:data:`FORK_MEMORY`), the graph large
enough to be worth a process (:data:`FORK_SIZE`), ``fork`` available and a second CPU there
(:func:`worth_forking`); otherwise the caller runs it here, with the same results. Work that can
take its input from files instead runs in a fresh process that shares nothing
(``side_by_side(..., fresh=True)``, :func:`worth_a_fresh_process`), however large this one is.
"""

from __future__ import annotations

import mmap
import multiprocessing
import os
import pickle
import resource
import struct
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from kg.progress import Advance, ignore

Here = TypeVar("Here")
There = TypeVar("There")
FORK_SIZE = 100_000
"""Work on a graph of fewer entities (nodes and relationships) than this runs in one process: a
fork costs more than it saves there."""
FORK_MEMORY = 1024 * 1024 * 1024
"""Bytes: a process whose resident memory has reached this runs the work itself rather than fork
and add a copy of up to its size (a fresh process, which copies nothing, is not held back)."""
WAIT_POLL = 0.5
"""Seconds between two looks at the child's progress while its parent waits for it."""


def worth_a_fresh_process(size: int) -> bool:
    """True when work on a graph of ``size`` entities goes to a fresh process: the graph is large
    enough (:data:`FORK_SIZE`) and there is a second CPU."""
    return size >= FORK_SIZE and (os.cpu_count() or 1) > 1


def worth_forking(size: int) -> bool:
    """True when work on a graph of ``size`` entities goes to a forked child (see the module doc)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return (
        worth_a_fresh_process(size)
        and peak < FORK_MEMORY
        and "fork" in multiprocessing.get_all_start_methods()
    )


def side_by_side(
    in_child: Callable[[Advance], There],
    here: Callable[[Advance], Here],
    advance: Advance = ignore,
    *,
    fresh: bool = False,
) -> tuple[There, Here]:
    """``(in_child(…), here(…))``, the first run in a forked child while the second runs here
    (ask :func:`worth_forking` first); with ``fresh``, in a new Python process instead (ask
    :func:`worth_a_fresh_process`), to which ``in_child`` is pickled, so it must be a
    module-level function or a ``functools.partial`` of one. Each is given an
    :data:`~kg.progress.Advance` that adds to ``advance`` here: the child's counts reach it
    whenever ``here`` counts and while this process waits for the child. The child hands its
    result back through a temporary file and exits as soon as it is done, freeing its copies; no
    thread is started here, so ``here`` may fork workers of its own. An exception from either is
    raised here (the child's once ``here`` has finished)."""
    with tempfile.TemporaryDirectory(prefix="kg-forked-") as name:
        folder = Path(name)
        (folder / COUNTS).write_bytes(bytes(COUNT.size))
        child = _start_fresh(in_child, folder) if fresh else _start_forked(in_child, folder)
        with (
            (folder / COUNTS).open("rb") as handle,
            mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as counts,
        ):
            forwarded = 0

            def forward(count: int) -> None:
                nonlocal forwarded
                (reached,) = COUNT.unpack_from(counts)
                advance(count + reached - forwarded)
                forwarded = reached

            try:
                found_here = here(forward)
                while not child.ended(WAIT_POLL):
                    forward(0)
                forward(0)
            except BaseException:
                child.kill()
                raise
            finally:
                child.ended(None)
        handed_back = folder / RESULT
        if not handed_back.exists():
            raise RuntimeError(
                f"the {child.kind} child ended with exit code {child.exit_code()} before its work was done"
                + child.last_words()
            )
        with handed_back.open("rb") as handle:
            succeeded, found_there = pickle.load(handle)
    if not succeeded:
        raise found_there
    return found_there, found_here


COUNTS, RESULT, WORK, ERRORS = "counts", "result.pickle", "work.pickle", "stderr.txt"
"""The files a child and its parent share in the child's temporary folder."""
COUNT = struct.Struct("q")
"""The child's count so far, in :data:`COUNTS`, which both map: the child writes, the parent reads."""


@dataclass(frozen=True)
class _Child:
    """A running child, whichever way it was started."""

    kind: str
    ended: Callable[[float | None], bool]
    """Waits up to so many seconds (None: until it ends); whether it has ended."""
    kill: Callable[[], None]
    exit_code: Callable[[], int | None]
    last_words: Callable[[], str] = lambda: ""
    """What it wrote to its standard error, if kept, for an error message."""


def _start_forked(work: Callable[[Advance], Any], folder: Path) -> _Child:
    process = multiprocessing.get_context("fork").Process(target=_run_and_hand_back, args=(work, folder))
    process.start()

    def ended(seconds: float | None) -> bool:
        process.join(seconds)
        return not process.is_alive()

    return _Child("forked", ended, process.kill, lambda: process.exitcode)


def _start_fresh(work: Callable[[Advance], Any], folder: Path) -> _Child:
    """A new Python process, importing kg as this one does, that runs ``work`` (pickled into
    ``folder``) and hands back its result; nothing else of this process is imported there."""
    (folder / WORK).write_bytes(pickle.dumps(work, pickle.HIGHEST_PROTOCOL))
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    errors = (folder / ERRORS).open("wb")
    process = subprocess.Popen(
        [sys.executable, "-c", "from kg.forked import run_handed_work; run_handed_work()", str(folder)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors, env=environment,
    )  # fmt: skip
    errors.close()

    def ended(seconds: float | None) -> bool:
        try:
            process.wait(seconds)
        except subprocess.TimeoutExpired:
            return False
        return True

    def last_words() -> str:
        said = (folder / ERRORS).read_text(encoding="utf-8", errors="replace").strip()
        return f":\n{said[-2000:]}" if said else ""

    return _Child("fresh", ended, process.kill, lambda: process.returncode, last_words)


def run_handed_work() -> None:
    """The fresh child's entry point: run the work pickled into the folder named on the command
    line (see :func:`side_by_side`)."""
    folder = Path(sys.argv[1])
    _run_and_hand_back(pickle.loads((folder / WORK).read_bytes()), folder)


def _run_and_hand_back(work: Callable[[Advance], Any], folder: Path) -> None:
    """In the child: run ``work``, telling the parent of what it counts through ``folder``'s
    :data:`COUNTS`, write ``(True, result)`` or ``(False, the exception)`` to its :data:`RESULT`
    and exit at once, without flushing the standard streams (on a terminal the parent's live
    progress line is drawn by a thread, which may have held their lock when the child was
    forked)."""
    with (folder / COUNTS).open("r+b") as handle:
        counts = mmap.mmap(handle.fileno(), 0)

    def count(done: int) -> None:
        COUNT.pack_into(counts, 0, COUNT.unpack_from(counts)[0] + done)

    try:
        outcome: tuple[bool, Any] = (True, work(count))
    except BaseException as error:  # noqa: BLE001  (raised in the parent instead)
        outcome = (False, error)
    try:
        data = pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL)
    except Exception as error:  # noqa: BLE001  (an exception that cannot be pickled)
        data = pickle.dumps((False, RuntimeError(f"in the child process: {outcome[1]!r} ({error})")))
    partial = folder / f"{RESULT}.partial"
    partial.write_bytes(data)
    partial.rename(folder / RESULT)
    os._exit(0)

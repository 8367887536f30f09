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
import resource
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

import networkx as nx

Here = TypeVar("Here")
There = TypeVar("There")
FORK_SIZE = 100_000
"""Work on a graph of fewer entities (nodes and relationships) than this runs in one process: a
fork costs more than it saves there."""
FORK_MEMORY = 1024 * 1024 * 1024
"""Bytes: a process whose resident memory has reached this runs the work itself rather than add
a copy of up to its size (on the Chicago records a build holds about 0.7 GB; one of a
1,000,000-message chat about 4 GB)."""
_CHILD_WORK: Callable[[], Any] | None = None
"""The work the forked child runs (inherited from the parent, never pickled)."""


def graph_size(graph: nx.MultiDiGraph) -> int:
    """The entities of ``graph``: nodes and relationships."""
    return graph.number_of_nodes() + graph.number_of_edges()


def worth_forking(size: int) -> bool:
    """True when work on a graph of ``size`` entities goes to a forked child (see the module doc)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return (
        size >= FORK_SIZE
        and peak < FORK_MEMORY
        and (os.cpu_count() or 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


def side_by_side(in_child: Callable[[], There], here: Callable[[], Here]) -> tuple[There, Here]:
    """``(in_child(), here())``, the first run in a forked child while the second runs here (ask
    :func:`worth_forking` first). An exception from either is raised here (the child's once
    ``here`` has finished)."""
    global _CHILD_WORK
    _CHILD_WORK = in_child
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    try:
        future = pool.submit(_run_child_work)
        pool.shutdown(wait=False)  # the child exits, and frees its copies, as soon as its work is done
        found_here = here()
        return future.result(), found_here
    finally:
        pool.shutdown(wait=True)
        _CHILD_WORK = None


def _run_child_work() -> Any:
    assert _CHILD_WORK is not None
    return _CHILD_WORK()

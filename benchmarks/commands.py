"""Run kg's commands as a user does, each in its own process, measured: wall time, peak memory,
and the phases it reports (see kg/progress.py).

Peak memory counts the child processes kg starts (kg/forked.py, the shuffle workers) as well as
the command's own process: it is the larger of the largest single process's peak resident set
(``wait4``) and the peak of the whole process tree's proportional set size (shared pages counted
once), sampled every :data:`SAMPLE_SECONDS`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SAMPLE_SECONDS = 0.2


def run_command(*args: object, cwd: Path) -> tuple[float, float, str, str]:
    """Run ``kg ARGS`` in a child process; its wall time (s), peak memory (MB, see the module
    doc; the child is reaped here with ``wait4`` rather than by subprocess), standard output and
    standard error."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "kg", *map(str, args)], cwd=cwd, stdout=out, stderr=err
        )
        sampler = TreeMemory(child.pid)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        sampler.stop()
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        errors = err.read()
        if child.returncode:
            raise RuntimeError(f"kg {' '.join(map(str, args))} failed:\n{errors}")
        return seconds, max(usage.ru_maxrss, sampler.peak_kb) / 1024, out.read(), errors


class TreeMemory(threading.Thread):
    """Samples the proportional set size of a process and all its descendants; keeps the peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kb = pid, 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(SAMPLE_SECONDS):
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(p) for p in _tree(self.pid)))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(root: int) -> list[int]:
    """``root`` and every process descended from it, from /proc."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended while being read
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(parents.get(pid, []))
    return found


def _pss_kb(pid: int) -> int:
    """The proportional set size of process ``pid`` in KB (0 once it has ended or is a zombie)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


PHASE_LINE = re.compile(r"^\S+ kg [a-z ]+: (.+) \((\d+\.\d) s\)$", re.M)


def phase_seconds(progress: str) -> dict[str, float]:
    """The seconds of each phase, from the timestamped lines a command writes when its standard
    error is not a terminal (see kg/progress.py)."""
    return {name: float(seconds) for name, seconds in PHASE_LINE.findall(progress)}

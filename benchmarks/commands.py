"""Run kg's commands as a user does, each in its own process, measured: wall time, the process's
peak memory, and the phases it reports (see kg/progress.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_command(*args: object, cwd: Path) -> tuple[float, float, str, str]:
    """Run ``kg ARGS`` in a child process; its wall time (s), peak memory (MB, from ``wait4``,
    so the child is reaped here rather than by subprocess), standard output and standard error."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "kg", *map(str, args)], cwd=cwd, stdout=out, stderr=err
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        errors = err.read()
        if child.returncode:
            raise RuntimeError(f"kg {' '.join(map(str, args))} failed:\n{errors}")
        return seconds, usage.ru_maxrss / 1024, out.read(), errors


PHASE_LINE = re.compile(r"^\S+ kg [a-z ]+: (.+) \((\d+\.\d) s\)$", re.M)


def phase_seconds(progress: str) -> dict[str, float]:
    """The seconds of each phase, from the timestamped lines a command writes when its standard
    error is not a terminal (see kg/progress.py)."""
    return {name: float(seconds) for name, seconds in PHASE_LINE.findall(progress)}

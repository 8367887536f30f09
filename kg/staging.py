"""Write an output folder all or nothing: in a hidden staging folder beside it, then swapped in
whole, so that no reader ever sees a mix of two runs and no file of an earlier run survives.

A staging folder's name carries the process id that made it (``.NAME.stage-PID-…``); one left
behind by a process that was killed is removed by the next run that writes beside it.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import UsageError

_LEFTOVER = re.compile(r"^\.(?P<name>.+)\.(?:stage|old)-(?P<pid>\d+)-[^.]+$")


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(target: Path) -> None:
    """Remove staging folders beside ``target`` whose process is gone (killed mid-write)."""
    if not target.parent.is_dir():
        return
    for path in target.parent.iterdir():
        found = _LEFTOVER.match(path.name)
        if found and found["name"] == target.name and path.is_dir() and not path.is_symlink():
            if not _process_alive(int(found["pid"])):
                shutil.rmtree(path, ignore_errors=True)


def _stage_beside(target: Path, purpose: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.{purpose}-{os.getpid()}-", dir=target.parent))


def check_output_folder(target: Path, marker: str, what: str, derived: tuple[str, ...] = ()) -> None:
    """Raise :class:`UsageError` unless ``target`` is missing, empty, a folder an earlier run
    wrote (it holds ``marker``), or holds only what kg writes there by default (``derived``
    names, e.g. a build folder's ``analysis`` and ``view.html``): kg replaces its output
    folders whole, and must never remove a folder of the user's."""
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise UsageError(f"{target}: is not a folder; give a folder for the {what} (kg writes several files)")
    if not target.is_dir() or (target / marker).is_file():
        return
    foreign = sorted(p.name for p in target.iterdir() if p.name not in derived)
    if foreign:
        raise UsageError(
            f"{target}: holds {foreign[0]!r} and no {marker}, so it is not an earlier {what}; "
            "choose a new or empty folder (kg replaces its output folder whole)"
        )


@contextmanager
def swapped_folder(target: Path) -> Iterator[Path]:
    """Yield an empty staging folder; on success it replaces ``target`` whole, so no file of an
    earlier ``target`` survives. If the body raises, ``target`` is left as it was."""
    remove_leftovers(target)
    stage = _stage_beside(target, "stage")
    retired = None
    try:
        yield stage
        if target.exists():
            retired = _stage_beside(target, "old")
            target.replace(retired / target.name)
        stage.replace(target)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)

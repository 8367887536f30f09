"""Write a folder's files all or nothing, in a hidden staging folder beside the target."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _stage_beside(target: Path, purpose: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.{purpose}-", dir=target.parent))


@contextmanager
def staged_folder(target: Path) -> Iterator[Path]:
    """Yield an empty staging folder; on success move its files into ``target``.

    If the body raises, the staging folder is removed and ``target`` is left as it was.
    """
    stage = _stage_beside(target, "stage")
    try:
        yield stage
        for path in sorted(p for p in stage.rglob("*") if p.is_file()):
            destination = target / path.relative_to(stage)
            destination.parent.mkdir(parents=True, exist_ok=True)
            path.replace(destination)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


@contextmanager
def swapped_folder(target: Path) -> Iterator[Path]:
    """Yield an empty staging folder; on success it replaces ``target`` whole, so no file of an
    earlier ``target`` survives. If the body raises, ``target`` is left as it was."""
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

"""Write a folder's files all or nothing: into a hidden staging folder, then moved into place."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staged_folder(target: Path) -> Iterator[Path]:
    """Yield an empty staging folder; on success move its files into ``target``.

    If the body raises, the staging folder is removed and ``target`` is left as it was.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        yield stage
        for path in sorted(p for p in stage.rglob("*") if p.is_file()):
            destination = target / path.relative_to(stage)
            destination.parent.mkdir(parents=True, exist_ok=True)
            path.replace(destination)
    finally:
        shutil.rmtree(stage, ignore_errors=True)

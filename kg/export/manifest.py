"""``manifest.json``: what was built, from what, by which version, with every file's sha256."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

from kg import __version__
from kg.case import Case

MANIFEST = "manifest.json"


def sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_manifest(case: Case, folder: Path, outputs: list[Path], *, stamp: bool = False) -> Path:
    """Write ``manifest.json`` in ``folder`` listing inputs and ``outputs`` (paths inside it).

    Without ``stamp`` it holds no time, so the same input gives the same manifest bytes.
    """
    root = case.root or Path(".")
    manifest: dict = {
        "tool": "kg",
        "version": __version__,
        "case": case.name,
        "title": case.title,
        "inputs": {str(p.relative_to(root)): sha256(p) for p in sorted(case.input_files)},
        "outputs": {p.relative_to(folder).as_posix(): sha256(p) for p in sorted(outputs)},
        "counts": case.counts(),
    }
    if stamp:
        manifest["generated_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    path = folder / MANIFEST
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path

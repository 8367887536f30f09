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


def write_manifest(
    case: Case, folder: Path, outputs: list[Path], *, stamp: bool = False, pseudonymised: bool = False
) -> Path:
    """Write ``manifest.json`` in ``folder`` listing inputs and ``outputs`` (paths inside it), and
    whether people's ids and names were pseudonymised.

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
    if pseudonymised:
        manifest["pseudonymised"] = True
    if stamp:
        manifest["generated_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    path = folder / MANIFEST
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def changed_outputs(folder: Path) -> list[str]:
    """What no longer matches in a build folder: each output listed in ``manifest.json`` that is
    missing, is not a regular file, or has another sha256 (empty when all match)."""
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file() or not (folder / "graph.json").is_file():
        return ["not a kg build folder (no manifest.json and graph.json)"]
    try:
        outputs = json.loads(manifest_path.read_text(encoding="utf-8"))["outputs"]
    except (ValueError, KeyError, TypeError):
        return [f"{MANIFEST} is not a kg manifest"]
    changes = []
    for name, expected in sorted(outputs.items()):
        path = folder / name
        if Path(name).is_absolute() or ".." in Path(name).parts:
            changes.append(f"{name} is not a path inside the build folder")
        elif path.is_symlink() or not path.is_file():
            changes.append(f"{name} is missing")
        elif sha256(path) != expected:
            changes.append(f"{name} does not match its sha256 in {MANIFEST}")
    return changes

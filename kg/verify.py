"""``kg verify``: re-hash a build folder's outputs, and its case's inputs, against its manifest."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import UsageError
from kg.export.manifest import MANIFEST, changed_outputs, sha256
from kg.sources.case_folder import METADATA_FILE
from kg.sources.table_reader import TABLE_SUFFIXES


@dataclass
class VerifyResult:
    """What was checked and every difference found (none: the build is as it was written)."""

    build: Path
    outputs: int
    inputs: int | None = None
    """Input files checked; None when no case folder was given."""
    changes: list[str] = field(default_factory=list)


def verify(build: str | Path, case: str | Path | None = None) -> VerifyResult:
    """Check every output of the ``kg build`` folder ``build`` against the sha256 in its
    ``manifest.json`` and, when ``case`` names the case folder it was built from, every input:
    changed, missing and added files are each named.

    >>> result = verify("exports/hotton", "examples/hotton")
    >>> result.changes, result.inputs > 0
    ([], True)
    """
    build = Path(build)
    manifest_path = build / MANIFEST
    if not manifest_path.is_file():
        raise UsageError(f"{build}: not a kg build folder (no {MANIFEST})")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    result = VerifyResult(build, len(manifest.get("outputs", {})))
    result.changes += [f"output {change}" for change in changed_outputs(build)]
    if case is not None:
        expected: dict[str, str] = manifest.get("inputs", {})
        result.inputs = len(expected)
        result.changes += _changed_inputs(Path(case), expected)
    return result


def _changed_inputs(case: Path, expected: dict[str, str]) -> list[str]:
    if not case.is_dir():
        raise UsageError(f"{case}: no such case folder")
    changes = []
    for name, digest in sorted(expected.items()):
        path = case / name
        if path.is_symlink() or not path.is_file():
            changes.append(f"input {name} is missing")
        elif sha256(path) != digest:
            changes.append(f"input {name} has changed since the build")
    present = sorted(
        p.name
        for p in case.iterdir()
        if not p.name.startswith(".") and (p.suffix.lower() in TABLE_SUFFIXES or p.name == METADATA_FILE)
    )
    changes += [f"input {name} was added since the build" for name in present if name not in expected]
    return changes

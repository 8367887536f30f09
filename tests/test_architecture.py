"""docs/architecture.md names every module under kg/, and nothing that is not there."""

from __future__ import annotations

import re

from tests.conftest import ROOT

ARCHITECTURE = ROOT / "docs" / "architecture.md"


def test_every_module_is_listed_once() -> None:
    modules = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "kg").rglob("*.py"))
    listed = re.findall(r"^\| `(kg/[\w/]+\.py)` \|", ARCHITECTURE.read_text(encoding="utf-8"), re.M)
    assert sorted(listed) == modules

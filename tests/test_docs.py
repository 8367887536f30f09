"""The docs match the code: generated tables are current and the documented example case is valid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.analysis.structure import BETWEENNESS_PIVOTS, EXACT_BETWEENNESS_LIMIT
from kg.analysis.ties import MAX_GROUP_TIES
from kg.docs import DOCS, generated_docs, rendered
from tests.conftest import run_kg


@pytest.mark.parametrize("path", generated_docs(), ids=lambda p: p.name)
def test_generated_docs_are_current(path: Path) -> None:
    assert path.read_text(encoding="utf-8") == rendered(path), f"{path.name} drifted: run `make docs`"


def test_the_generated_docs_exist() -> None:
    assert [p.name for p in generated_docs()] == [
        "analysis.md",
        "case-format.md",
        "chats.md",
        "cli.md",
        "cpdp.md",
        "neo4j.md",
        "ontology.md",
        "view.md",
    ]


def test_the_minimal_case_in_the_case_format_doc_is_valid(tmp_path: Path) -> None:
    text = (DOCS / "case-format.md").read_text(encoding="utf-8")
    section = text.split("## A minimal case", 1)[1].split("\n## ", 1)[0]
    files = re.findall(r"`([\w.]+)`:\n\n```\w+\n(.*?)```", section, re.S)
    assert [name for name, _ in files] == ["case.toml", "officer.csv", "team.csv", "member_of.csv"]
    case = tmp_path / "minimal"
    case.mkdir()
    for name, body in files:
        (case / name).write_text(body, encoding="utf-8")
    result = run_kg("validate", case)
    assert result.exit_code == 0, result.stderr
    assert "valid (6 rows in 4 kinds)" in result.output


def test_the_limits_quoted_are_the_codes() -> None:
    text = " ".join((DOCS / "analysis.md").read_text(encoding="utf-8").split())
    assert f"exact up to {EXACT_BETWEENNESS_LIMIT:,} officers" in text
    assert f"estimated from {BETWEENNESS_PIVOTS:,} pivots" in text
    for doc in ("analysis.md", "view.md"):
        assert "two million" in (DOCS / doc).read_text(encoding="utf-8") and MAX_GROUP_TIES == 2_000_000

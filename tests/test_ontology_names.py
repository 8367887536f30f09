"""Code names node kinds and relationship types through the ontology (``Label``, ``RelType``),
never as bare strings: a renamed or mistyped kind then fails at import, not silently."""

from __future__ import annotations

import ast
import difflib
import re
from pathlib import Path

import pytest

from kg.ontology import NODE_KINDS, RELATIONSHIP_KINDS, Label, RelType

ROOT = Path(__file__).resolve().parent.parent
DECLARED = {k.label for k in NODE_KINDS} | {k.type for k in RELATIONSHIP_KINDS}
TYPE_SHAPED = re.compile(r"^[A-Z]+(_[A-Z]+)+$")
"""A quoted word shaped like a relationship type: capitals joined by underscores (``MEMBER_OF``)."""
NOT_KINDS = {"NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE",
             "KG_NEO4J_RETRY_SECONDS", "CASE_OR_BUILD", "KG_PSEUDONYM_KEY"}  # fmt: skip
"""Type-shaped words that are environment variables or metavars, not relationship types."""


def _quoted(source: Path) -> list[tuple[int, str]]:
    """Every string constant in the module's code with its line; docstrings are prose, not code."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    prose = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose
    )


def _modules() -> list[Path]:
    return sorted(p for p in (ROOT / "kg").rglob("*.py") if p.name != "ontology.py")


def _findings(source: Path) -> list[str]:
    found = []
    for number, word in _quoted(source):
        where = f"{source.name}:{number}"
        if word in DECLARED:
            found.append(f"{where}: {word!r} is a declared kind: use Label/RelType")
        elif TYPE_SHAPED.match(word) and word not in NOT_KINDS:
            found.append(f"{where}: {word!r} looks like a relationship type the ontology does not declare")
        elif (
            re.fullmatch(r"[A-Z][A-Za-z]+", word)
            and not word.isupper()
            and difflib.get_close_matches(word, DECLARED, n=1, cutoff=0.85)
        ):
            found.append(f"{where}: {word!r} is close to a declared kind: a typo?")
    return found


def test_no_module_names_a_kind_as_a_bare_string() -> None:
    assert [f for m in _modules() for f in _findings(m)] == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('is_officer = kind == "Officer"', "is a declared kind"),
        ('rel = "MEMBER_IN"', "does not declare"),
        ('label = "Offcer"', "a typo"),
    ],
)
def test_the_scan_catches_bare_and_mistyped_kinds(tmp_path: Path, line: str, expected: str) -> None:
    module = tmp_path / "probe.py"
    module.write_text(line + "\n", encoding="utf-8")
    (finding,) = _findings(module)
    assert expected in finding


def test_the_constants_are_the_declared_kinds() -> None:
    assert Label.CHAT_GROUP == "ChatGroup" and RelType.MEMBER_OF == "MEMBER_OF"
    with pytest.raises(AttributeError):
        Label.OFICER  # type: ignore[attr-defined]  # noqa: B018

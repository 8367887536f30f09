"""The public API: everything the README's table names is there after ``import kg``, the README's
Python example runs, and options objects name the field at fault (the CLI, the flag)."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

import kg
from tests.conftest import HOTTON, ROOT, run_kg
from tests.test_cli import COMMANDS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _usage_table() -> str:
    return README.split("| what | CLI | Python (after `import kg`) |", 1)[1].split("\n\n", 1)[0]


def test_every_name_in_the_readme_table_is_reachable_after_import_kg() -> None:
    names = sorted(set(re.findall(r"\bkg\.(\w+)", _usage_table())))
    assert {"view", "ViewOptions", "import_cpdp", "query_library", "load", "query", "analyze"} <= set(names)
    assert [n for n in names if not callable(getattr(kg, n, None))] == []


def test_every_command_has_a_row_in_the_readme_table() -> None:
    commands = [" ".join(path) for path in COMMANDS]
    rows = [line for line in _usage_table().splitlines() if line.startswith("| ")]
    assert [c for c in commands if not any(f"`kg {c} " in r or f"`kg {c}`" in r for r in rows)] == []


def test_kg_view_is_the_function_even_after_importing_the_view_package() -> None:
    import kg.viz.drawing  # noqa: F401  (importing the package must not replace kg.view)

    assert kg.view.__module__ == "kg.viz.api" and kg.ViewOptions is kg.viz.drawing.ViewOptions


def test_the_readme_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = re.findall(r"```python\n(.*?)```", README, re.S)
    assert blocks
    shutil.copytree(HOTTON, tmp_path / "examples" / "hotton")
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})  # noqa: S102  (our own documentation)
    assert (tmp_path / "hotton.gexf").stat().st_size > 0


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: kg.AnalysisOptions(max_categories=-1), "max_categories must be 0 or more"),
        (lambda: kg.AnalysisOptions(period="week"), "period: unknown period 'week'"),
        (
            lambda: kg.ViewOptions(start=date(2018, 1, 1), end=date(2017, 1, 1)),
            "start 2018-01-01 is after end",
        ),
        (lambda: kg.ViewOptions(hops=-1), "hops must be 0 or more"),
    ],
)
def test_options_raise_value_errors_naming_the_field(make, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as raised:
        make()
    assert isinstance(raised.value, kg.OptionError)


def test_the_cli_names_the_flag_not_the_field(tmp_path: Path) -> None:
    result = run_kg("view", HOTTON, "--out", tmp_path / "v.html", "--by-team", "--officers-only")
    assert result.exit_code == 2
    assert "--officers-only and --by-team are two different views; choose one" in result.output
    assert not (tmp_path / "v.html").exists()

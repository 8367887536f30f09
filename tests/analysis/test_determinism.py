"""The same input gives byte-identical analysis files whatever PYTHONHASHSEED: two processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, run_kg


def test_analysis_is_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    case = (
        tmp_path / "crews"
    )  # many small components: where eigenvector centrality and Louvain are order-sensitive
    assert (
        run_kg("simulate", "--scenario", "crews", "--officers", 80, "--teams", 4, "--out", case).exit_code
        == 0
    )
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"analysis-{seed}"
        subprocess.run(
            [sys.executable, "-m", "kg", "analyze", str(case), "--out", str(out), "--shuffles", "20",
             "--network", "coparticipation"],
            cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}, check=True, capture_output=True,
        )  # fmt: skip
        outputs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1] and len(outputs[0]) > 20

"""Regenerate the golden export files of the tiny case (run on purpose: ``make golden``)."""

import shutil

from kg import build
from tests.conftest import TINY
from tests.test_exports import GOLDEN

if __name__ == "__main__":
    shutil.rmtree(GOLDEN, ignore_errors=True)
    print(f"wrote {len(build(TINY, GOLDEN).files)} files to {GOLDEN}")

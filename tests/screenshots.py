"""Render every page of the demo in headless Chromium into docs/img/ (``make screenshots``), so
the README shows what kg makes before anyone runs it. Regenerated only on purpose.

    python -m tests.screenshots
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from kg.analysis import AnalysisOptions, analyze
from kg.viz.api import view
from kg.viz.drawing import ViewOptions
from tests.browser import ARGS, CHROMIUM, open_offline

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "img"
HOTTON = ROOT / "examples" / "hotton"
VIEWS = {
    "view-overview": ViewOptions(),
    "view-incidents": ViewOptions(incidents=True),
    "view-officers": ViewOptions(officers_only=True),
    "view-by-team": ViewOptions(by_team=True),
}
"""The demo's pages (``make demo`` writes the first two; the others are one option away)."""
SETTLED = "() => window.kgSettled !== undefined"


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        pages = {
            name: view(HOTTON, Path(folder) / f"{name}.html", options).out for name, options in VIEWS.items()
        }
        report = analyze(HOTTON, Path(folder) / "analysis", AnalysisOptions()).out / "report.html"
        for name, page in pages.items():
            visit = open_offline(browser, page, SETTLED)
            visit.page.screenshot(path=str(IMAGES / f"{name}.png"))
            print("wrote", IMAGES / f"{name}.png")
        visit = open_offline(browser, report, "() => document.readyState === 'complete'")
        visit.page.screenshot(path=str(IMAGES / "report.png"), full_page=False)
        print("wrote", IMAGES / "report.png")
        browser.close()


if __name__ == "__main__":
    main()

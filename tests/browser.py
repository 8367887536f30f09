"""Headless Chromium (Debian's, driven by Playwright) with every request outside file:// blocked
and recorded, for the tests of kg's HTML pages."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file() and not shutil.which("chromium"):
        pytest.fail(
            "Debian's chromium is not installed: run make test (it installs it) or apt-get install chromium"
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield launched
        launched.close()


@dataclass
class Visit:
    """An open page with what it tried to fetch and what it complained about."""

    page: Page
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def open_offline(browser: Browser, path: Path, ready: str = "() => window.kgReady === true") -> Visit:
    """Open ``path`` from file:// with the network cut off, and wait until the function ``ready``
    returns true (a function, not an expression: the page's CSP forbids eval)."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    visit = Visit(page)

    def block(route: Route) -> None:
        visit.blocked.append(route.request.url)
        route.abort()

    page.route(lambda url: not url.startswith("file://"), block)
    page.on(
        "console",
        lambda m: visit.errors.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda e: visit.errors.append(f"pageerror: {e}"))
    page.goto(path.resolve().as_uri())
    page.wait_for_function(ready, timeout=60_000)
    return visit

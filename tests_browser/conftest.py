"""Fixtures of the browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Never run `playwright install`: the tests use the system browser at /usr/bin/chromium.
Every page a test opens is watched (see `Watch`); a test fails on a console error, an uncaught
script error, a failed request, a 5xx response, or any request to a host other than the local server.
"""

from __future__ import annotations

import io
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHANGAI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
DESKTOP = {"width": 1366, "height": 768}
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def screenshot_path(name: str) -> Path:
    """screenshots/<name>.png, with characters a file name should not have replaced."""
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS / (re.sub(r'[\\/:*?"<>|\s]+', "_", name) + ".png")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium; never `playwright install`)")
    # Playwright's sync API keeps an asyncio loop on this thread, which makes Django refuse ORM
    # calls made from the test itself (load_demo, the flush after each test). Allowed for the
    # browser tests only, and only while the browser is up.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def demo(transactional_db: None, browser: Any) -> None:
    """The demo district inside the test database (the live server shares it; flushed after the test
    by kit's `flush`, which is allowed to empty the append-only audit table)."""
    from django.core.management import call_command

    call_command("load_demo", people=30, stdout=io.StringIO())


@dataclass
class Watch:
    """Everything that went wrong on a page, as readable lines."""

    base_url: str
    problems: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return True
        return (parts.hostname or "") in LOCAL_HOSTS

    def attach(self, page: Any) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.problems.append(f"uncaught script error: {exc}"))
        page.on("requestfailed", self._on_request_failed)
        page.on("response", self._on_response)

    def _on_console(self, msg: Any) -> None:
        if msg.type == "error":
            loc = msg.location or {}
            self.problems.append(f"console error: {msg.text} ({loc.get('url', '')}:{loc.get('lineNumber', '')})")

    def _on_request_failed(self, request: Any) -> None:
        if self.is_local(request.url):  # external requests are aborted on purpose and reported apart
            self.problems.append(f"request failed: {request.method} {request.url} ({request.failure})")

    def _on_response(self, response: Any) -> None:
        request = response.request
        if response.status >= 500:
            self.problems.append(f"HTTP {response.status}: {request.method} {response.url}")
        elif response.status >= 400 and request.resource_type != "document":
            # a missing stylesheet, script, font or image (pages themselves are checked by the tests)
            self.problems.append(f"HTTP {response.status} for a {request.resource_type}: {response.url}")

    def route_external(self, route: Any) -> None:
        """Requests to other hosts never leave the machine: recorded, then aborted."""
        self.external.append(f"{route.request.resource_type}: {route.request.url}")
        route.abort()

    def assert_clean(self, where: str = "") -> None:
        lines = [*self.problems, *(f"request to a non-local host: {u}" for u in self.external)]
        if lines:
            head = f"{where}: " if where else ""
            pytest.fail(head + f"{len(lines)} problem(s) in the browser:\n  " + "\n  ".join(lines), pytrace=False)

    def clear(self) -> None:
        self.problems.clear()
        self.external.clear()


@dataclass
class Tab:
    page: Any
    watch: Watch
    base_url: str

    def goto(self, path: str) -> Any:
        """Open a path of the live server; waits until the network is quiet; returns the main response."""
        response = self.page.goto(self.base_url + path, wait_until="load")
        self.settle()
        return response

    def settle(self) -> None:
        self.page.wait_for_load_state("networkidle")
        self.page.evaluate("document.fonts.ready.then(() => true)")

    def wait_until(self, expression: str, timeout: float = 20.0) -> None:
        """Poll a JavaScript expression until it is true. Playwright's wait_for_function evaluates
        its predicate with eval inside the page, which our Content-Security-Policy forbids (as it
        should); page.evaluate goes through the DevTools protocol instead."""
        deadline = time.monotonic() + timeout
        while not self.page.evaluate(expression):
            if time.monotonic() > deadline:
                raise AssertionError(f"still false after {timeout} s: {expression}")
            self.page.wait_for_timeout(100)

    def path(self) -> str:
        return urlsplit(self.page.url).path

    def login(self, username: str, password: str, next_path: str | None = None) -> Any:
        """Log in through the real log-in form. Returns the response of the page the form lands on."""
        self.goto("/login/" + (f"?next={next_path}" if next_path else ""))
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        with self.page.expect_navigation() as nav:
            self.page.click("form button[type=submit]")
        self.settle()
        return nav.value

    def screenshot(self, name: str) -> Path:
        path = screenshot_path(name)
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def menu_labels(self) -> list[str]:
        """The sidebar's entries as "group/label" (what `data-menu-label` carries)."""
        return self.page.eval_on_selector_all(
            "#main-menu a.dropdown-item[data-menu-label]", "els => els.map(e => e.dataset.menuLabel)"
        )


@pytest.fixture
def open_tab(browser: Any, live_server: Any) -> Iterator[Callable[..., Tab]]:
    """open_tab(viewport=DESKTOP, **context_options) → a fresh browser context (own cookies) with one page."""
    contexts = []
    base_url = live_server.url

    def _open(viewport: dict[str, int] | None = None, **options: Any) -> Tab:
        context = browser.new_context(
            viewport=viewport or DESKTOP, locale="zh-CN", timezone_id="Asia/Shanghai", **options
        )
        context.set_default_timeout(20_000)
        contexts.append(context)
        watch = Watch(base_url)
        context.route(lambda url: not watch.is_local(url), watch.route_external)
        page = context.new_page()
        watch.attach(page)
        return Tab(page=page, watch=watch, base_url=base_url)

    yield _open
    for context in contexts:
        context.close()

"""Browser tests: the built example handbook, served on localhost, in a real headless Chromium.

Chromium comes from Debian's ``chromium`` package (or ``CHROMIUM``); it is never downloaded at test
time. Every page a test opens records console errors and requests that leave localhost, and the
test fails if there were any.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ..conftest import REPOSITORY

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    """Find Chromium; install Debian's package when missing and allowed; else fail loudly."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env)
        found = shutil.which("chromium")
        if found:
            return found
    pytest.fail(
        "Chromium is needed for the browser tests: install Debian's `chromium` package "
        "or set CHROMIUM to a Chromium or Chrome binary.",
        pytrace=False,
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging every request to the test output."""

    def log_message(self, format: str, *args: object) -> None:
        return


@dataclass
class Server:
    """A static site served on localhost."""

    root: Path
    url: str
    httpd: http.server.ThreadingHTTPServer

    def close(self) -> None:
        """Stop serving."""
        self.httpd.shutdown()
        self.httpd.server_close()


def serve(root: Path) -> Server:
    """Serve a built site from ``root`` on a free localhost port, in a background thread."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return Server(root, f"http://127.0.0.1:{httpd.server_address[1]}/", httpd)


def build_site(config: Path, destination: Path) -> Path:
    """Build a handbook strictly into ``destination`` and return it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(destination)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return destination


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The repository's own handbook, built strictly once per session and served on localhost."""
    site = build_site(REPOSITORY / "mkdocs.yml", tmp_path_factory.mktemp("example") / "site")
    server = serve(site)
    yield server
    server.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A headless Chromium, shared by the session's tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), args=LAUNCH_ARGS)
        yield instance
        instance.close()


@dataclass
class Watch:
    """What a page did that a reader would not want: console errors and requests off localhost."""

    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)


def open_context(browser: object, watch: Watch, **options: object):
    """Open a browser context that records errors and blocks (and records) external requests."""
    context = browser.new_context(**options)

    def route(route) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            watch.external_requests.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    return context


def watch_page(page, watch: Watch) -> None:
    """Record a page's console errors and uncaught exceptions."""
    page.on("console", lambda message: message.type == "error" and watch.console_errors.append(message.text))
    page.on("pageerror", lambda error: watch.console_errors.append(str(error)))


@pytest.fixture
def watch() -> Watch:
    """The console errors and external requests of the test's pages."""
    return Watch()


@pytest.fixture
def page(browser, watch: Watch) -> Iterator[object]:
    """A fresh page; the test fails if it logged an error or asked for anything off localhost."""
    context = open_context(browser, watch)
    page = context.new_page()
    watch_page(page, watch)
    yield page
    context.close()
    assert watch.console_errors == [], watch.console_errors
    assert watch.external_requests == [], watch.external_requests


@pytest.fixture
def page_in_timezone(browser, watch: Watch):
    """Return a function opening a page whose browser runs in a given IANA time zone."""
    contexts = []

    def open_page(timezone_id: str):
        context = open_context(browser, watch, timezone_id=timezone_id)
        contexts.append(context)
        page = context.new_page()
        watch_page(page, watch)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert watch.console_errors == [], watch.console_errors
    assert watch.external_requests == [], watch.external_requests

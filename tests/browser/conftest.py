"""Browser tests: the built example handbook, served on localhost, in a real headless Chromium.

Chromium comes from Debian's ``chromium`` package (or ``CHROMIUM``); it is never downloaded at test
time. Every page a test opens records console errors and requests that leave localhost, and the
test fails if there were any.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from teamhandbook.readers.site_config import read_site_config

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


def address(url: str) -> re.Pattern[str]:
    """Match a page's address, with or without a ``#fragment``.

    Material's anchor tracking writes the heading in view into the address as the reader scrolls,
    and during instant navigation it may do so before the new page has arrived.
    """
    return re.compile(re.escape(url) + r"(#[^#]*)?$")


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
    """Serves a folder below a mount path, without logging every request to the test output."""

    mount_path = "/"

    def translate_path(self, path: str) -> str:
        """Map an address below the mount path to a file; anything else is not found."""
        if not path.startswith(self.mount_path):
            return str(Path(self.directory) / "\0not-found")
        return super().translate_path("/" + path[len(self.mount_path) :])

    def log_message(self, format: str, *args: object) -> None:
        return


class _QuietServer(http.server.ThreadingHTTPServer):
    """A server that says nothing when the browser drops a request it no longer needs."""

    def handle_error(self, request: object, client_address: object) -> None:
        """Pass over a connection the browser closed; report anything else as usual."""
        if not isinstance(sys.exc_info()[1], ConnectionError):  # BrokenPipe, ConnectionReset…
            super().handle_error(request, client_address)


@dataclass
class Server:
    """A static site served on localhost."""

    root: Path
    url: str
    httpd: _QuietServer

    def close(self) -> None:
        """Stop serving."""
        self.httpd.shutdown()
        self.httpd.server_close()


def serve(root: Path, mount_path: str = "/") -> Server:
    """Serve a built site from ``root`` at ``mount_path`` on a free localhost port, in a thread.

    The folder may still be empty: files are looked up when they are requested.
    """
    handler_class = type("Handler", (_QuietHandler,), {"mount_path": mount_path})
    handler = functools.partial(handler_class, directory=str(root))
    httpd = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return Server(root, f"http://127.0.0.1:{httpd.server_address[1]}{mount_path}", httpd)


BUILD_FOR_URL = """\
import logging, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.INFO)
build(load_config(sys.argv[1], site_dir=sys.argv[2], site_url=sys.argv[3], strict=True))
"""


def build_site(config: Path, destination: Path, site_url: str | None = None) -> Path:
    """Build a handbook strictly into ``destination`` and return it.

    With ``site_url``, the site is built for that address instead of its configured one, as
    ``mkdocs serve`` does: Material's instant navigation only takes over links to pages listed
    in the sitemap, whose addresses come from ``site_url``.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url is None:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
        command += ["-d", str(destination)]
    else:
        command = [sys.executable, "-c", BUILD_FOR_URL, str(config), str(destination), site_url]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return destination


def serve_handbook(config: Path, destination: Path) -> Server:
    """Build a handbook and serve it on localhost where its ``site_url`` puts it.

    The site is served below the path of its ``site_url`` (``/handbook/``), as it is published,
    and built for the local address, so that Material's instant navigation works as it does
    on the published site and under ``mkdocs serve``.
    """
    mount_path = urlsplit(read_site_config(config).site_url or "/").path or "/"
    server = serve(destination, mount_path)
    try:
        build_site(config, destination, server.url)
    except BaseException:
        server.close()
        raise
    return server


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The repository's own handbook, built strictly once per session and served on localhost.

    It is served at ``/handbook/``, the path of its ``site_url``, as it is published.
    """
    server = serve_handbook(REPOSITORY / "mkdocs.yml", tmp_path_factory.mktemp("example") / "site")
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


OPEN_SHADOW_ROOTS = """
(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (options) {
    return attach.call(this, { ...options, mode: "open" });
  };
})();
"""
"""An init script that opens the closed shadow roots Material draws Mermaid diagrams in, so a
test can read what a diagram shows."""

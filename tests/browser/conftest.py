"""A real browser against the built site, served on 127.0.0.1 with a matching ``site_url``
(gzipped, as GitHub Pages serves it: ``devtools.harness.serve``).

Chromium comes from the system (Debian's ``chromium``; ``.ci/run`` installs it), never from
``playwright install``. Every request to a host other than the local server is aborted and
recorded, so "the site loads nothing from other hosts" is asserted, not hoped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Playwright,
    Request,
    Response,
    Route,
    sync_playwright,
)

from devtools.harness import (
    CHROMIUM_ARGS,
    MISSING_CHROMIUM,
    build_book,
    find_chromium,
    free_port,
    mkdocs_env,
    serve,
    site_pages,
)
from figures.editions import EDITIONS, by_language

REPO = Path(__file__).resolve().parents[2]


def chromium_path() -> str:
    """The system's Chromium. Missing, it fails the run in CI and skips the browser tests on a
    contributor's machine (the README's two commands need only Python and make)."""
    found = find_chromium()
    if not found:
        if os.environ.get("CI"):
            pytest.fail(MISSING_CHROMIUM)
        pytest.skip(MISSING_CHROMIUM)
    return found


@dataclass
class Site:
    root: Path
    url: str  # with a trailing slash
    lang: str = "en"  # the edition's language

    def pages(self) -> list[str]:
        """Every HTML page, as a path relative to the site root ("" for the home page)."""
        return site_pages(self.root)


@dataclass
class Book:
    root: Path
    url: str  # the English edition's, with a trailing slash


@pytest.fixture(scope="session")
def book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Book]:
    """Every edition, built as ``make site`` builds them and served as GitHub Pages would."""
    port = free_port()
    out = tmp_path_factory.mktemp("browser-site")
    result = build_book(out, env=mkdocs_env(f"http://127.0.0.1:{port}/"))
    assert result.returncode == 0, result.stderr
    with serve(out, port) as served:
        yield Book(out, served)


@pytest.fixture(scope="session", params=[e.lang for e in EDITIONS])
def site(request: pytest.FixtureRequest, book: Book) -> Site:
    """One edition: every browser test runs on each."""
    prefix = by_language(request.param).prefix
    return Site(book.root / prefix, book.url + prefix, request.param)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class Visit:
    """What one page did: console errors, failed requests and blocked external requests."""

    page: Page
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.errors.clear()
        self.failed.clear()
        self.external.clear()

    def problems(self) -> list[str]:
        return self.errors + self.failed + [f"external request: {u}" for u in self.external]


def _watch(page: Page, visit: Visit, local_host: str) -> None:
    def route(route_: Route) -> None:
        url = route_.request.url
        if urlparse(url).hostname == local_host or url.startswith("data:"):
            route_.continue_()
        else:
            visit.external.append(url)
            route_.abort()

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            visit.errors.append(f"console: {message.text}")

    page.route("**/*", route)
    page.on("console", console)
    page.on("pageerror", lambda error: visit.errors.append(f"page error: {error}"))

    def failed(request: Request) -> None:
        # ERR_ABORTED is the browser cancelling a request because we navigated on (a late
        # favicon, say); a missing file shows up as an HTTP error response instead.
        local = urlparse(request.url).hostname == local_host
        if local and "ERR_ABORTED" not in str(request.failure):
            visit.failed.append(f"failed: {request.url} ({request.failure})")

    def response(response: Response) -> None:
        if response.status >= 400:
            visit.failed.append(f"HTTP {response.status}: {response.url}")

    page.on("requestfailed", failed)
    page.on("response", response)


@pytest.fixture
def visit(browser: Browser, site: Site) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    record = Visit(page)
    _watch(page, record, urlparse(site.url).hostname or "127.0.0.1")
    yield record
    context.close()

"""The built site as a whole, both editions: internal links resolve, nothing comes from other
hosts, and two clean builds are byte-identical."""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlparse

import pytest
import tinycss2

from devtools.harness import build_book, load_hook, mkdocs_env
from figures.pipeline.discovery import REPO

pytestmark = pytest.mark.slow
SITE_URL = "http://127.0.0.1:8000/"
site_hook = load_hook("nn101_site")


class LinkParser(HTMLParser):
    """Collects ids (anchors) and the URLs a page links to; ``parse`` adds the URLs it loads, as
    the build's own check (``nn101_site.loaded_urls``) reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.loads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for key in ("id", "name"):
            if attributes.get(key):
                self.ids.add(str(attributes[key]))
        if tag == "a" and attributes.get("href"):
            self.links.append(str(attributes["href"]))


def stylesheet_urls(css: str) -> list[str]:
    """Every URL a stylesheet refers to: ``url(...)``, quoted or not, and ``@import "..."``."""
    urls: list[str] = []

    def walk(nodes: list[Any]) -> None:
        previous = None
        for node in nodes:
            if node.type == "url" or (node.type == "string" and previous == "import"):
                urls.append(node.value)
            elif node.type == "function" and node.lower_name == "url":
                urls.extend(arg.value for arg in node.arguments if arg.type == "string")
            elif node.type == "function":
                walk(node.arguments)
            elif node.type in ("{} block", "() block", "[] block"):
                walk(node.content)
            if node.type not in ("whitespace", "comment"):
                previous = node.lower_value if node.type == "at-keyword" else None

    walk(tinycss2.parse_component_value_list(css, skip_comments=True))
    return urls


def build(site: Path, cache: Path) -> None:
    """Every edition, as ``make site`` builds them, with its caches in ``cache``."""
    result = build_book(site, env=mkdocs_env(SITE_URL, NN101_FIGURES_OUT=str(cache / "figures")))
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("integrity")
    build(out / "site", REPO / "build")  # the usual caches: fast when warm
    return out / "site"


def parse(page: Path) -> LinkParser:
    html = page.read_text(encoding="utf-8")
    parser = LinkParser()
    parser.feed(html)
    parser.loads = [url for url, _ in site_hook.loaded_urls(html)]  # what the build checks
    return parser


def target_file(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points to; None for links to other hosts."""
    page_url = SITE_URL + page.parent.relative_to(site).as_posix() + "/"
    url = urlparse(urljoin(page_url, href))
    if f"{url.scheme}://{url.netloc}/" != SITE_URL or url.scheme not in ("http", "https"):
        return None
    path = site / unquote(url.path).lstrip("/")
    return (path / "index.html" if path.is_dir() or url.path.endswith("/") else path), url.fragment


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    parsed = {page: parse(page) for page in site.rglob("*.html")}
    broken = []
    for page, parser in parsed.items():
        for href in parser.links + parser.loads:
            target = target_file(site, page, href)
            if target is None:
                continue
            path, fragment = target
            if not path.is_file():
                broken.append(f"{page.relative_to(site)}: {href} (no {path.relative_to(site)})")
            elif fragment and path.suffix == ".html" and fragment not in parsed[path].ids:
                broken.append(f"{page.relative_to(site)}: {href} (no #{fragment})")
    assert broken == []


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    external = []
    for page in site.rglob("*.html"):
        for url in parse(page).loads:
            if target_file(site, page, url) is None and not url.startswith("data:"):
                external.append(f"{page.relative_to(site)}: {url}")
    for stylesheet in site.rglob("*.css"):
        for url in stylesheet_urls(stylesheet.read_text("utf-8")):
            if urlparse(url).netloc not in ("", urlparse(SITE_URL).netloc):
                external.append(f"{stylesheet.relative_to(site)}: {url}")
    assert external == []


def test_every_stylesheet_url_names_a_file_the_site_ships(site: Path) -> None:
    """KaTeX's own CSS names woff and ttf fonts next to each woff2; the site ships woff2 only, so
    its stylesheet must not name the others (a browser without woff2 would fetch 404s)."""
    dangling = []
    for stylesheet in site.rglob("*.css"):
        for url in stylesheet_urls(stylesheet.read_text("utf-8")):
            parsed = urlparse(url)
            if parsed.scheme or parsed.netloc or not parsed.path:  # data:, other hosts, #id
                continue
            if not (stylesheet.parent / unquote(parsed.path)).resolve().is_file():
                dangling.append(f"{stylesheet.relative_to(site)}: {url}")
    assert dangling == []


def digest_tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    build(tmp_path / "one" / "site", tmp_path / "one" / "cache")
    build(tmp_path / "two" / "site", tmp_path / "two" / "cache")
    first, second = digest_tree(tmp_path / "one" / "site"), digest_tree(tmp_path / "two" / "site")
    assert sorted(first) == sorted(second)
    # Built afresh in each cache: the wheel and the source archive are reproducible too.
    assert {"downloads/nn101-0.1.0-py3-none-any.whl", "downloads/nn101-0.1.0-src.tar.gz"} <= set(
        first
    )
    differ = [name for name in first if first[name] != second[name]]
    assert differ == []

"""The built site as a whole: internal links resolve, nothing comes from other hosts, and two
clean builds are byte-identical."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from devtools.harness import mkdocs_env
from figures.pipeline.discovery import REPO

pytestmark = pytest.mark.slow
SITE_URL = "http://127.0.0.1:8000/"


class LinkParser(HTMLParser):
    """Collects ids (anchors) and the URLs a page links to or loads."""

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
        loaded = {"img": "src", "script": "src", "source": "src", "iframe": "src"}.get(tag)
        if tag == "link" and attributes.get("rel") not in ("canonical", "alternate"):
            loaded = "href"
        if loaded and attributes.get(loaded):
            self.loads.append(str(attributes[loaded]))


def build(site: Path, cache: Path) -> None:
    env = mkdocs_env(SITE_URL, NN101_FIGURES_OUT=str(cache / "figures"))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("integrity")
    build(out / "site", REPO / "build")  # the usual caches: fast when warm
    return out / "site"


def parse(page: Path) -> LinkParser:
    parser = LinkParser()
    parser.feed(page.read_text(encoding="utf-8"))
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
        for url in re.findall(r"url\(\s*['\"]?(https?:)?//[^)]*\)", stylesheet.read_text("utf-8")):
            external.append(f"{stylesheet.relative_to(site)}: {url}")
    assert external == []


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
    differ = [name for name in first if first[name] != second[name]]
    assert differ == []

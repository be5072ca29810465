"""MkDocs glue for nn101: a thin layer over the plain-Python figure runner.

- before each build, check every figure's cache key; if one changed, run ``python -m figures
  build`` in a fresh subprocess (fresh, so that edits to ``src/nn101`` under ``mkdocs serve`` are
  never hidden by stale imports); it rebuilds only figures whose cache key changed, into
  ``build/figures`` (not watched, so no rebuild loop);
- add the built files, the figure scripts, plotly.js and one generated source page per figure
  (plus the gallery index) to the site;
- replace each ``{{ figure("id") }}`` line with the figure's HTML; an unknown id stops the build
  naming the page and the id.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from figures import cache, embed, notebook
from figures.catalog import REPO, FigureError, FigureInfo, all_ids, read_info
from figures.runner import is_fresh, output_root

log = logging.getLogger("mkdocs.hooks.nn101")
NODE_MODULES = REPO / "node_modules"
PLOTLY_SOURCE = NODE_MODULES / "plotly.js-cartesian-dist-min" / "plotly-cartesian.min.js"
PLOTLY_URL = "assets/vendor/plotly-cartesian.min.js"
KATEX_DIST = NODE_MODULES / "katex" / "dist"
# What the pages use of KaTeX: maths is typeset at build time (hooks/nn101_math.py), so only the
# CSS and its woff2 fonts (every current browser reads woff2; the woff/ttf copies are not served).
KATEX_FILES = ("katex.min.css", "fonts/*.woff2")
LOADING_TAG = re.compile(r"<(?:script|link|img|iframe|source|video|audio|embed)\b[^>]*>", re.I)
CANONICAL = re.compile(r'rel="(?:canonical|alternate)"', re.I)
EXTERNAL_URL = re.compile(r'(?:src|href|srcset)="((?:https?:)?//[^"\s]+)', re.I)
_manifests: dict[str, dict[str, Any]] = {}


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Under ``mkdocs serve``, editing a figure module or the library rebuilds and reloads."""
    for folder in ("figures", "src/nn101"):
        server.watch(str(REPO / folder))
    return server


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Key the notebook execution cache on the library too (see mkdocs.yml).

    `mkdocs serve` loads the config again before every rebuild, so this is also where the source
    digests, cached for the life of the process, are computed afresh for each build.
    """
    cache.shared_digest.cache_clear()
    cache.notebook_digest.cache_clear()
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is not None:  # next to the figures, so one folder holds every build cache
        base = Path(plugin.config["cache_dir"]).name
        plugin.config["cache_dir"] = str(output_root().parent / base / cache.notebook_digest()[:16])
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    ids = all_ids()  # listed once, so a module added mid-build waits for the next build
    if os.environ.get("NN101_SKIP_FIGURES") != "1":  # "1": reuse built outputs (benchmarks)
        _update_figures(ids)
    _manifests.clear()
    for figure_id in ids:
        manifest = output_root() / figure_id / "manifest.json"
        if not manifest.is_file():
            raise PluginError(f"figure {figure_id} has not been built: run `make figures`")
        _manifests[figure_id] = json.loads(manifest.read_text(encoding="utf-8"))


def _update_figures(ids: list[str]) -> None:
    started = time.perf_counter()
    if not _all_fresh(ids):
        _run_figure_runner(ids)
        return
    # Worded like the runner's summary line, so people and tools read both alike.
    summary = "figures: %d figures: 0 built, %d cached, 0 failed in %.2f s (in-process)"
    log.info(summary, len(ids), len(ids), time.perf_counter() - started)


def _all_fresh(ids: list[str]) -> bool:
    """True when every figure is built under its current cache key. Hashing the sources here
    takes milliseconds; starting the runner's process would cost a Python start-up and its
    imports on every build, though a no-op build needs nothing from it."""
    return all(is_fresh(output_root() / figure_id, cache.cache_key(figure_id)) for figure_id in ids)


def _run_figure_runner(ids: list[str]) -> None:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}  # no .pyc churn in watched folders
    command = [sys.executable, "-m", "figures", "build", *ids]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=False)
    for line in result.stdout.splitlines():
        log.info("figures: %s", line)
    if result.returncode != 0:
        raise PluginError(f"figure build failed:\n{result.stderr.strip()}")


def _repo_file_url(config: MkDocsConfig, relpath: str) -> str | None:
    """Link to the file in the repository, only when CI told us where the repository is."""
    if not config.repo_url:
        return None
    ref = os.environ.get("GITHUB_SHA", "main")
    return f"{config.repo_url.rstrip('/')}/blob/{ref}/{relpath}"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    infos = [read_info(figure_id) for figure_id in _manifests]
    for info in infos:
        directory = output_root() / info.id
        for name in _manifests[info.id]["files"]:
            uri = embed.asset_dir(info.id) + name
            files.append(File.generated(config, uri, abs_src_path=str(directory / name)))
        script = embed.asset_dir(info.id) + info.path.name
        files.append(File.generated(config, script, abs_src_path=str(info.path)))
        page = embed.source_page_markdown(info, _repo_file_url(config, info.relpath))
        files.append(File.generated(config, embed.gallery_page(info.id), content=page))
    index = embed.gallery_markdown(infos)
    files.append(File.generated(config, f"{embed.GALLERY}/index.md", content=index))
    _add_vendor_files(files, config)
    for source in sorted((Path(config.docs_dir) / notebook.FOLDER).glob("*.py")):
        uri = f"{notebook.FOLDER}/{source.stem}.ipynb"
        files.append(File.generated(config, uri, content=notebook.to_ipynb(source)))
    return files


def _add_vendor_files(files: Files, config: MkDocsConfig) -> None:
    """plotly.js and KaTeX from node_modules (installed by `make setup` from package-lock.json)."""
    if not PLOTLY_SOURCE.is_file() or not KATEX_DIST.is_dir():
        raise PluginError(f"{NODE_MODULES} is incomplete: run `make setup` (npm ci) first")
    files.append(File.generated(config, PLOTLY_URL, abs_src_path=str(PLOTLY_SOURCE)))
    for pattern in KATEX_FILES:
        for path in sorted(KATEX_DIST.glob(pattern)):
            uri = "assets/vendor/katex/" + path.relative_to(KATEX_DIST).as_posix()
            files.append(File.generated(config, uri, abs_src_path=str(path)))


def _links(page: Page, figure_id: str) -> embed.Links:
    def relative(target: str) -> str:
        return get_relative_url(target, page.url or ".")

    return embed.Links(
        assets=relative(embed.asset_dir(figure_id)).rstrip("/") + "/",
        source_page=relative(f"{embed.GALLERY}/{figure_id}/"),
    )


def _figure_block(page: Page, figure_id: str) -> str:
    try:
        info: FigureInfo = read_info(figure_id)
    except FigureError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from error
    if figure_id not in _manifests:
        raise PluginError(f"{page.file.src_uri}: figure {figure_id} appeared during this build")
    manifest = _manifests[figure_id]
    fragment = None
    if manifest["kind"] == "table":
        name = figure_id.split("/")[1]
        fragment = (output_root() / figure_id / f"{name}.html").read_text(encoding="utf-8")
    return embed.figure_html(info, manifest, _links(page, figure_id), fragment)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    replaced = embed.EMBED_LINE.sub(lambda m: _figure_block(page, m["id"]), markdown)
    leftover = embed.EMBED_ATTEMPT.search(replaced)
    if leftover:
        line = replaced.count("\n", 0, leftover.start()) + 1
        raise PluginError(
            f"{page.file.src_uri}:{line}: malformed figure embed; write "
            '{{ figure("chapter/name") }} alone on its line'
        )
    return replaced


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    _refuse_external_assets(output, page, config)
    return output


def _refuse_external_assets(output: str, page: Page, config: MkDocsConfig) -> None:
    """Fail the build when a page would load a script, style, font, image or frame from another
    host: readers offline, and readers who care where their browser connects, get the same site."""
    own = urlparse(config.site_url or "").netloc
    for tag in LOADING_TAG.findall(output):
        if CANONICAL.search(tag):
            continue
        for url in EXTERNAL_URL.findall(tag):
            if urlparse(url if "://" in url else "https:" + url).netloc != own:
                raise PluginError(f"{page.file.src_uri}: loads {url} from another host: {tag}")

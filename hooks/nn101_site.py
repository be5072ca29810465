"""MkDocs glue for nn101's figures: a thin layer over ``figures.build``.

- before each build, ``figures.build(lang=...)`` brings every figure up to date (it rebuilds,
  in worker processes, only the modules whose cache key changed, into ``build/figures``, which
  is not watched, so there is no rebuild loop) and returns each figure's manifest;
- add the built files, the figure scripts, plotly.js and one generated source page per figure
  (plus the gallery index) to the site;
- replace each ``{{ figure("id") }}`` line with the figure's HTML; an unknown id stops the build
  naming the page and the id;
- refuse any page that would load something from another host.
"""

from __future__ import annotations

import logging
import os
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import figures
from figures.pipeline import backrefs, embed, output_root, summary
from figures.pipeline.discovery import REPO

log = logging.getLogger("mkdocs.hooks.nn101")
PLOTLY_SOURCE = REPO / "node_modules" / "plotly.js-cartesian-dist-min" / "plotly-cartesian.min.js"
PLOTLY_URL = "assets/vendor/plotly-cartesian.min.js"
_manifests: dict[str, figures.Manifest] = {}


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Under ``mkdocs serve``, editing a figure module or the library rebuilds and reloads."""
    for folder in ("figures", "src/nn101"):
        server.watch(str(REPO / folder))
    return server


def on_pre_build(config: MkDocsConfig) -> None:
    lang = config.theme["language"]
    if os.environ.get("NN101_SKIP_FIGURES") == "1":  # reuse built outputs (benchmarks)
        built = figures.built(lang=lang)
    else:
        built = _build_figures(lang)
    _manifests.clear()
    _manifests.update((manifest.id, manifest) for manifest in built)
    if not _manifests:
        raise PluginError("no figures have been built: run `make figures`")


def _build_figures(lang: str) -> list[figures.Manifest]:
    started = time.perf_counter()
    try:
        results = figures.build(lang=lang)
    except figures.FigureError as error:
        raise PluginError(f"figure build failed: {error}") from error
    for result in results:
        if result.status != "cached":
            log.info("figures: %s", result.line())
    log.info("figures: %s", summary(results, time.perf_counter() - started))
    failures = [result.error for result in results if result.error]
    if failures:
        raise PluginError("figure build failed:\n" + "\n".join(f"figure {e}" for e in failures))
    return [result.manifest for result in results if result.manifest]


def _repo_file_url(config: MkDocsConfig, relpath: str) -> str | None:
    """Link to the file in the repository, only when CI told us where the repository is."""
    if not config.repo_url:
        return None
    ref = os.environ.get("GITHUB_SHA", "main")
    return f"{config.repo_url.rstrip('/')}/blob/{ref}/{relpath}"


def _built(config: MkDocsConfig, figure_id: str) -> Path:
    """The folder ``figures.build`` wrote a figure's files into, for this build's language."""
    return output_root() / str(config.theme["language"]) / figure_id


def _source_archive(config: MkDocsConfig) -> embed.SourceArchive:
    """The source archive that hooks/nn101_downloads.py serves (it fills config.extra)."""
    downloads = config.extra.get("downloads")
    if not isinstance(downloads, dict):
        raise PluginError("mkdocs.yml: hooks/nn101_downloads.py must be listed in hooks")
    return embed.SourceArchive(
        downloads["archive"], downloads["archive_url"], downloads["archive_folder"]
    )


def on_files(files: Files, config: MkDocsConfig) -> Files:
    manifests = list(_manifests.values())
    archive = _source_archive(config)
    for manifest in manifests:
        directory = _built(config, manifest.id)
        assets = embed.asset_dir(manifest.id)
        for name in manifest.files:
            files.append(File.generated(config, assets + name, abs_src_path=str(directory / name)))
        script = REPO / manifest.source
        files.append(File.generated(config, assets + manifest.script, abs_src_path=str(script)))
        source = script.read_text(encoding="utf-8")
        repo_url = _repo_file_url(config, manifest.source)
        page = embed.source_page_markdown(manifest, source, repo_url, archive)
        files.append(File.generated(config, embed.gallery_page(manifest.id), content=page))
    index = embed.gallery_markdown(manifests)
    files.append(File.generated(config, f"{embed.GALLERY}/index.md", content=index))
    if not PLOTLY_SOURCE.is_file():
        raise PluginError(f"{PLOTLY_SOURCE} is missing: run `make setup` (npm ci) first")
    files.append(File.generated(config, PLOTLY_URL, abs_src_path=str(PLOTLY_SOURCE)))
    return files


def _links(page: Page, figure_id: str) -> embed.Links:
    def relative(target: str) -> str:
        return get_relative_url(target, page.url or ".")

    return embed.Links(
        assets=relative(embed.asset_dir(figure_id)).rstrip("/") + "/",
        source_page=relative(f"{embed.GALLERY}/{figure_id}/"),
    )


def _figure_block(page: Page, config: MkDocsConfig, figure_id: str) -> str:
    manifest = _manifests.get(figure_id)
    if manifest is None:
        known = ", ".join(_manifests)
        raise PluginError(f"{page.file.src_uri}: unknown figure id {figure_id!r}; known: {known}")
    fragment = None
    if manifest.kind == "table":
        table = _built(config, figure_id) / f"{manifest.name}.html"
        fragment = table.read_text(encoding="utf-8")
    return embed.figure_html(manifest, _links(page, figure_id), fragment)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    replaced = embed.EMBED_LINE.sub(lambda m: _figure_block(page, config, m["id"]), markdown)
    leftover = embed.EMBED_ATTEMPT.search(replaced)
    if leftover:
        line = replaced.count("\n", 0, leftover.start()) + 1
        raise PluginError(
            f"{page.file.src_uri}:{line}: malformed figure embed; write "
            '{{ figure("chapter/name") }} alone on its line'
        )
    return replaced


API_PAGE = "reference/api.md"
API_HEADING = re.compile(r'<h([3-6]) id="(nn101\.[\w.]+)"[^>]*>.*?</h\1>', re.S)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Under each entry of the API reference, the figures that use it (gallery backreferences)."""
    if page.file.src_uri != API_PAGE:
        return html
    used = backrefs.used_by(_manifests.values())

    def with_figures(heading: re.Match[str]) -> str:
        ids = used.get(heading[2])
        if not ids:
            return heading[0]
        links = ", ".join(
            f'<a href="{get_relative_url(f"{embed.GALLERY}/{i}/", page.url)}">{i}</a>' for i in ids
        )
        return f'{heading[0]}<p class="nn101-backrefs">{embed.text("used_by")} {links}</p>'

    return API_HEADING.sub(with_figures, html)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    _refuse_external_assets(output, page, config)
    return valid_theme_markup(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page is a static template: it gets the same repairs as the pages."""
    return valid_theme_markup(output_content) if template_name == "404.html" else output_content


# --- Valid HTML (issue #13): three spots where Material's templates are not HTML5. Repaired in
# the output, as cheap as a copied template is not: each pattern is exact, and nothing else on a
# page looks like it. tests/test_site.py runs the Nu Html Checker over every page.
# nav-item.html writes `tabindex="{{ tabindex }}"`, empty for a section's label: no attribute at
# all means the same thing (not in the tab order), and is valid.
EMPTY_TABINDEX = ' tabindex=""'
# base.html's drawer and search toggles: `autocomplete` is not allowed on a checkbox. (Material
# sets it so that Firefox does not restore a toggle's state on reload; without it, a reload may
# reopen the drawer in Firefox.)
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input [^>]*type="checkbox"[^>]*?) autocomplete="off"')
# toc.html's title labels the `__toc` toggle, which nav-item.html writes only for a page in the
# navigation: on the others (the gallery's), the label names no control.
TOC_LABEL = '<label class="md-nav__title" for="__toc">'
TOC_TOGGLE = 'id="__toc"'


def valid_theme_markup(html: str) -> str:
    """``html`` with the invalid bits of Material's templates repaired (see above)."""
    html = html.replace(EMPTY_TABINDEX, "")
    html = CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    if TOC_TOGGLE not in html:
        html = html.replace(TOC_LABEL, '<label class="md-nav__title">')
    return html


def _refuse_external_assets(output: str, page: Page, config: MkDocsConfig) -> None:
    """Fail the build when a page would load a script, style, font, image or frame from another
    host: readers offline, and readers who care where their browser connects, get the same site."""
    external = external_urls(output, urlparse(config.site_url or "").netloc)
    if external:
        url, tag = external[0]
        raise PluginError(f"{page.file.src_uri}: loads {url} from another host: {tag}")


# The attributes whose URL a browser loads while it shows a page, by element.
LOADING_ATTRIBUTES = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
}
SRCSET = ("srcset",)  # a list of "URL [descriptor]" candidates, separated by commas
NOT_LOADED_LINKS = {"canonical", "alternate"}  # <link rel=...> naming a page, not fetching it


def external_urls(html: str, own_netloc: str) -> list[tuple[str, str]]:
    """``(url, tag)`` for every URL that ``html`` loads from a host other than ``own_netloc``
    (``host[:port]``), in page order; ``tag`` is the start tag as written.

    Read with ``html.parser`` as a browser reads the page: any quoting or letter case, entities
    decoded, nothing inside ``<script>`` or comments. Loaded are the URLs of
    ``LOADING_ATTRIBUTES`` (each ``srcset`` candidate too), except a ``<link>`` whose ``rel``
    only names another page (canonical, alternate). Relative, ``data:`` and same-host URLs are
    not external; a scheme-relative ``//host/...`` is.
    """
    return [
        (url, tag) for url, tag in loaded_urls(html) if urlparse(url).netloc not in ("", own_netloc)
    ]


def loaded_urls(html: str) -> list[tuple[str, str]]:
    """``(url, tag)`` for every URL that ``html`` loads, from any host (see ``external_urls``)."""
    collector = _LoadedUrls()
    collector.feed(html)
    collector.close()
    return collector.loaded


class _LoadedUrls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value for key, value in attrs if value}
        rel = set(attributes.get("rel", "").lower().split())
        if tag == "link" and rel & NOT_LOADED_LINKS and "stylesheet" not in rel:
            return
        text = self.get_starttag_text() or ""
        for key in LOADING_ATTRIBUTES.get(tag, ()):
            value = attributes.get(key, "")
            if key in SRCSET:
                urls = [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
            else:
                urls = [value.strip()] if value.strip() else []
            self.loaded.extend((url, text) for url in urls)

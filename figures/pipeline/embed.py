"""HTML and Markdown for figures in pages: the embed block, the source page and the gallery.

Plain Python with no MkDocs import: a site generator only has to find the embed lines, give each
page's relative URL prefix, and add the built files and generated pages. Every reader-visible
string is a message of ``figures.i18n``, marked in ``STRINGS`` and translated where it is used.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass

from markdown.extensions.toc import slugify

from figures.i18n import N_, _
from figures.pipeline.manifest import NARROW_SUFFIX, Manifest
from figures.table import has_narrow_view

__all__ = [
    "ASSETS",
    "EMBED_ATTEMPT",
    "EMBED_LINE",
    "GALLERY",
    "MIN_TEXT_PX",
    "PAGE_GUTTERS_PX",
    "PAGE_STRINGS",
    "SIDEBAR_VIEWPORT_PX",
    "STRINGS",
    "Links",
    "SourceArchive",
    "archive_commands",
    "asset_dir",
    "figure_html",
    "gallery_markdown",
    "gallery_page",
    "min_width",
    "narrow_breakpoint",
    "narrow_media",
    "narrow_min_width",
    "page_attributes",
    "rebuild_command",
    "source_page_markdown",
    "text",
]

# One line per figure in Markdown:  {{ figure("mlp/xor-boundaries") }}
EMBED_LINE = re.compile(r'^[ \t]*\{\{\s*figure\(\s*"(?P<id>[^"]*)"\s*\)\s*\}\}[ \t]*$', re.M)
# Anything that looks like an attempt, so a typo fails loudly instead of printing braces.
EMBED_ATTEMPT = re.compile(r"\{\{\s*figure\b")
ASSETS = "assets/figures"  # where the site serves built figure files
GALLERY = "gallery"  # where the generated source pages live
MIN_TEXT_PX = 9  # no text of a figure is shown smaller than this, on any screen
# The page's gutters: the viewport's width less the article column's (the <article>'s box, which
# a figure fills), in CSS px, measured in Chromium on the built site (Material 9.8, served by
# devtools.harness.serve): 390 - 358 = 32 at 390 px and 700 - 668 = 32 at 700 px (also 32 at
# 320, 600, 719 and 720 px: Material's 0.8rem margins either side). It holds below
# SIDEBAR_VIEWPORT_PX, where the table of contents appears beside the article (the column is then
# 686 px at 960, 726 at 1000, 688 at 1220 and 1280 px).
PAGE_GUTTERS_PX = 32
SIDEBAR_VIEWPORT_PX = 960

STRINGS = {
    "source": N_("Source"),
    "source_title": N_("The script that draws this figure, and how to rebuild it"),
    "download_png": N_("PNG"),
    "download_svg": N_("SVG"),
    "download_script": N_("Script"),
    "download_data": N_("Data (JSON)"),
    "download_csv": N_("CSV"),
    # The switch above a wide table that shows the columns outside its narrow view.
    "table_all_columns": N_("Show all columns"),
    "interactive_hint": N_(
        "Interactive figure: hover for values, click legend entries to hide them."
    ),
    # The facade's button: plotly.js is downloaded only when a reader asks for the figure.
    "interactive_start": N_("Explore interactively"),
    # A notebook figure's static preview, named from its axes: "loss against epoch: training loss".
    "preview_description": N_("{y} against {x}: {names}"),
    "rebuild_heading": N_("Rebuild it"),
    "rebuild_text": N_(
        "Download the repository's source archive, [{archive}]({url}), and run these commands "
        "in the folder you saved it in (Python 3.11 or newer and make; `make setup` installs the "
        "locked versions once). The last one rebuilds the figure into `build/figures/`:"
    ),
    "rebuild_clone": N_(
        "In a clone of the repository, after `make setup`, the last command alone does it."
    ),
    "script_heading": N_("The script"),
    "view_in_repo": N_("View this file in the repository"),
    # Under an API entry: the figures whose scripts use it (links follow).
    "used_by": N_("Used by the figures:"),
    "gallery_title": N_("Figure gallery"),
    # The page scripts' own words, given to them as data attributes of <body> (PAGE_STRINGS).
    "menu_label": N_("Option {n}"),  # a plotly dropdown without a name, numbered from 1
    "slider_label": N_("Step {n}"),  # a plotly slider without a prefix
    "code_block_label": N_("Code block {n}"),  # the landmark of each code block's buttons
    "search_label": N_("Search"),  # the search dialog, when the field has no label
    "gallery_intro": N_(
        "Every figure on this site, drawn at build time by a script in `figures/` from the tested "
        "`nn101` library. Open one to see its script and the commands that rebuild it."
    ),
}
# The gallery's sections: each figures/ folder under the title of the chapter it illustrates.
CHAPTERS = {
    "activations": N_("Activation functions"),
    "learning": N_("How a network learns"),
    "mlp": N_("The multi-layer perceptron"),
    "perceptron": N_("The perceptron"),
    "playground": N_("Playground"),
    "training": N_("Activations in training"),
    "universal": N_("Universal approximation"),
}


# STRINGS keys the page scripts read, and the data attribute of <body> each one arrives in.
PAGE_STRINGS = {
    "interactive_start": "data-nn101-explore",
    "menu_label": "data-nn101-menu",
    "slider_label": "data-nn101-slider",
    "code_block_label": "data-nn101-code-block",
    "search_label": "data-nn101-search",
}


def page_attributes() -> str:
    """`` data-nn101-…="…"`` for <body>: the page scripts' strings in the active language."""
    return "".join(f' {attr}="{html.escape(text(key))}"' for key, attr in PAGE_STRINGS.items())


def text(key: str) -> str:
    """The reader-visible string ``key`` of ``STRINGS``, in the active language."""
    return _(STRINGS[key])


def heading(level: int, message: str, anchor: str | None = None) -> str:
    """A Markdown heading showing ``message`` in the active language, its id the one the
    English heading gets (``anchor``, else the slug of the English ``message``): ids are equal
    in every edition, so links and the language switch keep their section (a Chinese
    heading's own slug would be ``_1``)."""
    return f"{'#' * level} {_(message)} {{#{anchor or slugify(message, '-')}}}"


@dataclass(frozen=True)
class Links:
    """URLs of one figure as seen from the page that embeds it (relative URLs)."""

    assets: str  # folder holding the figure's built files, with a trailing slash
    source_page: str


def asset_dir(figure_id: str) -> str:
    return f"{ASSETS}/{figure_id}/"


def gallery_page(figure_id: str) -> str:
    """Path of the generated source page, relative to the docs folder."""
    return f"{GALLERY}/{figure_id}.md"


@dataclass(frozen=True)
class SourceArchive:
    """The repository's source archive as the site serves it (``hooks/nn101_downloads.py``)."""

    name: str  # nn101-<version>-src.tar.gz
    url: str  # where the site serves it, absolute
    folder: str  # the folder it unpacks into


def rebuild_command(manifest: Manifest) -> str:
    """The one command that rebuilds a figure, from a set-up clone or unpacked archive."""
    return f".venv/bin/python -m figures build {manifest.id}"


def archive_commands(archive_name: str, folder: str) -> list[str]:
    """Unpack the source archive and set it up: the first commands of every rebuild from it."""
    return [f"tar -xzf {archive_name}", f"cd {folder}", "make setup"]


def min_width(manifest: Manifest) -> int | None:
    """The narrowest CSS width at which the figure's smallest text is still MIN_TEXT_PX tall.

    An image scales with its width, so text of ``text_pt`` points in an image ``width`` CSS pixels
    wide (96 per inch, 72 points per inch) shows at text_pt × shown / (width × 72/96) pixels.
    """
    return _min_width(manifest.width, manifest.text_pt)


def narrow_min_width(manifest: Manifest) -> int | None:
    """``min_width`` of the figure's narrow layout (None when it has none)."""
    if not manifest.has_narrow:
        return None
    return _min_width(manifest.narrow_width, manifest.narrow_text_pt)


def _min_width(width: int | None, text_pt: float | None) -> int | None:
    if not width or not text_pt:
        return None
    return math.ceil(MIN_TEXT_PX * width * 72 / 96 / text_pt)


def narrow_breakpoint(manifest: Manifest) -> int | None:
    """The widest viewport, in CSS px, that shows the figure's narrow layout (None: never).

    Below ``SIDEBAR_VIEWPORT_PX`` the article column is the viewport less ``PAGE_GUTTERS_PX``, so
    the wide figure's ``min_width`` fits from a viewport of min_width + gutters on; one pixel
    less is too narrow for it, and gets the narrow layout instead of a sideways scroll.
    ``ValueError`` (naming the figure) if the wide figure fits no column below the sidebars.
    """
    wide = min_width(manifest)
    if not manifest.has_narrow or wide is None:
        return None
    breakpoint = wide + PAGE_GUTTERS_PX - 1
    if breakpoint >= SIDEBAR_VIEWPORT_PX - 1:
        raise ValueError(
            f"{manifest.id}: its wide layout needs a {wide} px column to show its text at "
            f"{MIN_TEXT_PX} px, wider than any page column below {SIDEBAR_VIEWPORT_PX} px: "
            "enlarge its smallest text"
        )
    return breakpoint


def narrow_media(manifest: Manifest) -> str | None:
    """The media query of the narrow layout's ``<source>``. Screens only: a print is as wide
    as a desktop column and keeps the wide figure."""
    breakpoint = narrow_breakpoint(manifest)
    return None if breakpoint is None else f"screen and (max-width: {breakpoint}px)"


def _img(src: str, alt: str, theme: str, manifest: Manifest, narrow: bool) -> str:
    size = f' width="{manifest.width}" height="{manifest.height}"' if manifest.width else ""
    # With a narrow layout, the narrowest column is the one that still fits the narrow layout.
    narrowest = narrow_min_width(manifest) if narrow else min_width(manifest)
    if narrowest:
        # Narrower columns (phones) scroll the figure sideways rather than shrink its text.
        size += f' style="min-width: {narrowest}px"'
    if manifest.text_pt:
        size += f' data-nn101-text-pt="{manifest.text_pt:g}"'
    if narrow:
        # Which layout a page shows is img.currentSrc; these say what the narrow one measures.
        size += f' data-nn101-narrow-width="{manifest.narrow_width}"'
        if manifest.narrow_text_pt:
            size += f' data-nn101-narrow-text-pt="{manifest.narrow_text_pt:g}"'
    # Material shows #only-light / #only-dark images in the matching palette; lazy images that
    # are hidden are never fetched, so each reader downloads one variant.
    lazy = 'loading="lazy" decoding="async"'
    return f'<img src="{src}#only-{theme}" alt="{html.escape(alt)}"{size} {lazy}>'


def _picture(manifest: Manifest, links: Links, theme: str) -> str:
    """One palette's image; with a narrow layout, a ``<picture>`` whose ``<source>`` serves it to
    viewports too narrow for the wide one (its width and height reserve its own space)."""
    dark = "" if theme == "light" else "-dark"
    name = manifest.name
    media = narrow_media(manifest)
    image = _img(f"{links.assets}{name}{dark}.svg", manifest.alt, theme, manifest, bool(media))
    if media is None:
        return image
    source = (
        f'<source media="{media}" srcset="{links.assets}{name}{NARROW_SUFFIX}{dark}.svg" '
        f'type="image/svg+xml" width="{manifest.narrow_width}" height="{manifest.narrow_height}">'
    )
    return f'<picture class="nn101-figure__picture">{source}{image}</picture>'


def _static_images(manifest: Manifest, links: Links) -> str:
    if f"{manifest.name}.svg" not in manifest.files:
        return ""
    return _picture(manifest, links, "light") + _picture(manifest, links, "dark")


def _all_columns_switch(anchor: str, fragment: str) -> str:
    """A checkbox that shows a wide table's other columns: CSS only, so no script is needed.

    The stylesheet hides the cells marked ``figures.table.MORE`` that follow an unchecked switch.
    """
    if not has_narrow_view(fragment):
        return ""
    switch = f"{anchor}-all-columns"
    return (
        f'<input type="checkbox" class="nn101-table__all" id="{switch}">'
        f'<label for="{switch}" class="nn101-table__all-label">{text("table_all_columns")}</label>'
    )


def _download_links(manifest: Manifest, links: Links) -> str:
    name = manifest.name
    items = [f'<a href="{links.source_page}" title="{text("source_title")}">{text("source")}</a>']
    for file, label in (
        (f"{name}.svg", "download_svg"),
        (f"{name}.png", "download_png"),
        (f"{name}.json", "download_data"),
        (f"{name}.csv", "download_csv"),
    ):
        if file in manifest.files:
            items.append(f'<a href="{links.assets}{file}" download>{text(label)}</a>')
    script = f'<a href="{links.assets}{manifest.script}" download>{text("download_script")}</a>'
    items.append(script)
    return '<span class="nn101-figure__links">' + " · ".join(items) + "</span>"


def figure_html(manifest: Manifest, links: Links, fragment: str | None = None) -> str:
    """The ``<figure>`` block for one figure, on a single line so Markdown keeps it intact.

    ``fragment`` is the built HTML of a table figure, which is inlined rather than linked.
    """
    anchor = "fig-" + manifest.id.replace("/", "-")
    links_html = _download_links(manifest, links)
    caption = f"<figcaption>{html.escape(manifest.caption)} {links_html}</figcaption>"
    images = _static_images(manifest, links)
    if manifest.kind == "interactive":
        body = (
            f'<div class="nn101-plotly" data-src="{links.assets}{manifest.name}.json" '
            f'role="group" aria-label="{html.escape(manifest.alt)}" '
            f'data-start-label="{text("interactive_start")}" '
            f'title="{text("interactive_hint")}">{images}</div>'
        )
    elif manifest.kind == "table":
        body = (
            f'<div class="nn101-table" title="{html.escape(manifest.alt)}">'
            f"{_all_columns_switch(anchor, fragment or '')}{fragment}</div>"
        )
    else:
        body = images
    return (
        f'<figure class="nn101-figure nn101-figure--{manifest.kind}" id="{anchor}">'
        f"{body}{caption}</figure>"
    )


def _fence(source: str) -> str:
    """A backtick fence longer than any run of backticks in ``source``."""
    longest = max((len(run) for run in re.findall(r"`+", source)), default=0)
    return "`" * max(3, longest + 1)


def source_page_markdown(
    manifest: Manifest, source: str, repo_file_url: str | None, archive: SourceArchive
) -> str:
    """The generated page that shows a figure, its script and the commands that rebuild it
    from the site's source archive."""
    fence = _fence(source)
    lines = [
        # Readers search the chapters; 32 scripts would double the index every page downloads.
        "---",
        "search:",
        "  exclude: true",
        "---",
        "",
        f"# {manifest.caption} {{#{manifest.id.replace('/', '-')}}}",
        "",
        f'{{{{ figure("{manifest.id}") }}}}',
        "",
        heading(2, STRINGS["rebuild_heading"]),
        "",
        text("rebuild_text").format(archive=archive.name, url=archive.url),
        "",
        "```bash",
        *archive_commands(archive.name, archive.folder),
        rebuild_command(manifest),
        "```",
        "",
        text("rebuild_clone"),
        "",
        heading(2, STRINGS["script_heading"]),
        "",
    ]
    if repo_file_url:
        lines += [f"[{text('view_in_repo')}]({repo_file_url})", ""]
    title = manifest.source
    lines += [f'{fence}python title="{title}" linenums="1"', source.rstrip("\n"), fence, ""]
    return "\n".join(lines)


def _chapter_title(chapter: str) -> str:
    if chapter not in CHAPTERS:
        folders = ", ".join(sorted(CHAPTERS))
        raise ValueError(f"figures/{chapter}/: no chapter title in embed.CHAPTERS ({folders})")
    return CHAPTERS[chapter]


def gallery_markdown(manifests: list[Manifest]) -> str:
    """The gallery index: every figure with its caption, grouped by chapter."""
    lines = [heading(1, STRINGS["gallery_title"]), "", text("gallery_intro"), ""]
    chapter = None
    for manifest in manifests:
        if manifest.chapter != chapter:
            chapter = manifest.chapter
            lines += [heading(2, _chapter_title(chapter), anchor=chapter), ""]
        lines.append(f"- [{manifest.caption}]({manifest.id}.md) — `{manifest.id}`")
    return "\n".join(lines) + "\n"

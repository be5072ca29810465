"""The figure pipeline: find figure modules, build the stale ones, describe what was built.

Its one entry point is ``build()`` (re-exported as ``figures.build``); a site generator calls it,
gets one ``Result`` per figure, each with the figure's ``Manifest`` (kind, caption, alt text,
files), and needs nothing else from this package but ``embed`` to write the HTML. Plain Python
with no MkDocs import, so the site can move to another generator without touching it.

- ``discovery``: which modules are figures, their ids, captions and alt text;
- ``keys``: content-addressed cache keys;
- ``runner``: freshness, worker processes, results;
- ``render``: a module's figures in memory (the only place that imports matplotlib);
- ``manifest``: what a built figure is, and the atomic write of its folder;
- ``embed``: the HTML and Markdown of figures in pages;
- ``notebook``: the plotly renderer of the site's notebooks;
- ``backrefs``: which figures use which part of the library (the API reference's lists);
- ``messages``: ``make messages``, the gettext template of every reader-visible string;
- ``cli``: ``python -m figures``.
"""

from __future__ import annotations

from types import ModuleType

from figures.pipeline.discovery import FigureError
from figures.pipeline.manifest import MANIFEST_FILE, Manifest
from figures.pipeline.runner import Result, build, built, clean, output_root, summary

__all__ = [
    "MANIFEST_FILE",
    "FigureError",
    "Manifest",
    "Result",
    "build",
    "built",
    "clean",
    "figure_ids",
    "load_module",
    "output_root",
    "summary",
]


def load_module(figure_id: str) -> ModuleType:
    """The imported module that draws ``figure_id``, its ``compute()`` cached (for tests and
    notebooks that check a figure's numbers). Imports matplotlib, so only on demand."""
    from figures.pipeline import render

    return render.load_module(figure_id)


def figure_ids() -> list[str]:
    """Every figure id, sorted. Runs the family modules to learn their ids (matplotlib)."""
    from figures.pipeline import render

    return sorted(info.id for info in render.all_infos())

"""The executable figures of nn101, by chapter, and the pipeline that builds them.

- ``figures/<chapter>/<name>.py``: one figure (id ``<chapter>/<name>``; the docstring's first
  paragraph is the caption, the second the alt text; ``build(seed=0)`` returns a matplotlib or
  plotly ``Figure`` or a ``figures.table.Table``), or a family of figures generated from data
  (a module with ``variants()``; see ``figures.pipeline.discovery``);
- ``style``, ``table``: what figure modules draw with, shared by all of them;
- ``pipeline``: finds, builds and embeds figures; ``figures.build`` is its entry point.

``python -m figures build|list|clean`` is the command line.
"""

from figures.pipeline import FigureError, Manifest, Result, build, built, load_module

__all__ = ["FigureError", "Manifest", "Result", "build", "built", "load_module"]

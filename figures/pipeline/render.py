"""Import a figure module and build its figures in memory: light and dark SVGs and a PNG for
matplotlib figures, compact JSON (plus the static rendering) for plotly ones, HTML and CSV for
tables.

This is the only module of the pipeline that imports matplotlib; the runner calls it in worker
processes, so the process that asks for a build (``mkdocs serve``) never holds stale imports.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import matplotlib as mpl

mpl.use("Agg")  # headless and deterministic; figures never open windows

from matplotlib.figure import Figure
from matplotlib.text import Text

from figures import style
from figures.pipeline import discovery
from figures.pipeline.discovery import FigureError, FigureInfo, FigureModule
from figures.pipeline.manifest import Kind
from figures.table import Table, to_csv, to_html

__all__ = ["Rendered", "all_infos", "family_infos", "load_module", "render", "smallest_text"]
# Fixed metadata: no dates, no software versions, so rebuilt files are byte-identical.
_SVG_METADATA = {"Date": None, "Creator": None}
_PNG_METADATA = {"Software": None}
PNG_DPI = 144


def load_module(target: str | FigureModule) -> ModuleType:
    """Import a figure module by path (figure names contain hyphens): given a figure id (a
    family's figure id gives the family's module) or a ``FigureModule``."""
    module = target if isinstance(target, FigureModule) else discovery.module_for(target)
    name = "figures._loaded." + module.id.replace("/", ".").replace("-", "_")
    spec = importlib.util.spec_from_file_location(name, module.path)
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    sys.modules[name] = loaded  # dataclasses and pickling look the module up by name
    try:
        spec.loader.exec_module(loaded)
    except BaseException:
        del sys.modules[name]
        raise
    required = ("build", "variants", "caption", "alt") if module.family else ("build",)
    missing = [f for f in required if not callable(getattr(loaded, f, None))]
    if missing:
        raise FigureError(f"{module.id}: {module.relpath}: defines no {', '.join(missing)}()")
    if callable(getattr(loaded, "compute", None)):
        # build() runs once per theme (and static() once more), each calling compute(): cache
        # it here so every figure trains its networks once, without a decorator of its own.
        loaded.compute = functools.cache(loaded.compute)  # type: ignore[attr-defined]
    return loaded


def family_infos(module: FigureModule, loaded: ModuleType) -> list[FigureInfo]:
    """One ``FigureInfo`` per variant of a family module, captions computed from the data."""
    infos = []
    for suffix, variant in loaded.variants().items():
        figure_id = f"{module.id}-{suffix}"
        if not discovery.ID_PATTERN.match(figure_id):
            raise FigureError(f"{module.relpath}: variants() gives a malformed id {figure_id!r}")
        infos.append(
            FigureInfo(figure_id, module, loaded.caption(variant), loaded.alt(variant), variant)
        )
    return infos


def all_infos() -> list[FigureInfo]:
    """What every figure says about itself, in module order (a family's modules are run)."""
    infos: list[FigureInfo] = []
    for module in discovery.modules():
        if module.family:
            infos += family_infos(module, load_module(module))
        else:
            infos.append(discovery.docstring_info(module))
    return infos


def _themed(builder: Callable[[], Any], theme: str) -> Any:
    with mpl.rc_context(style.theme(theme)):
        return builder()


def _svg_bytes(figure: Figure) -> bytes:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata=_SVG_METADATA)
    return buffer.getvalue().encode()


def _png_bytes(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=PNG_DPI, metadata=_PNG_METADATA)
    return buffer.getvalue()


def _static_files(builder: Callable[[], Any], info: FigureInfo, light: Any) -> dict[str, bytes]:
    """Light SVG, dark SVG and a light PNG of a matplotlib builder (``light``: already built)."""
    files: dict[str, bytes] = {}
    for theme in style.THEMES:
        figure = light if theme == "light" else _themed(builder, theme)
        if not isinstance(figure, Figure):
            raise FigureError(
                f"{info.id}: expected a matplotlib Figure, got {type(figure).__name__}"
            )
        suffix = "" if theme == "light" else "-dark"
        with mpl.rc_context(style.theme(theme)):
            files[f"{info.name}{suffix}.svg"] = _svg_bytes(figure)
            if theme == "light":
                files[f"{info.name}.png"] = _png_bytes(figure)
    return files


def _plotly_json(figure: Any) -> bytes:
    """The plotly figure as compact JSON with sorted keys; the page script themes it."""
    figure.update_layout(template=None, paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
    data = json.loads(figure.to_json())
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode()


@dataclass(frozen=True)
class Rendered:
    """A figure built in memory: its kind, its files by name and its size in CSS pixels."""

    kind: Kind
    files: dict[str, bytes]
    size: tuple[int, int] | None  # of the static rendering, so pages reserve its space
    text_pt: float | None = None  # its smallest text, so pages never shrink it below legibility


def _size(figure: Figure) -> tuple[int, int]:
    width, height = figure.get_size_inches() * 96
    return round(width), round(height)


def smallest_text(figure: Figure) -> float | None:
    """The font size in points of the smallest text the figure draws (None if it draws none):
    visible, non-empty texts outside hidden axes (tick labels, titles, legends, annotations)."""
    sizes = [
        float(text.get_fontsize())
        for text in figure.findobj(Text)
        if text.get_visible()
        and text.get_text().strip()
        and (text.axes is None or text.axes.get_visible())
    ]
    return min(sizes, default=None)


# The article column a figure's <img> fills, in CSS px, measured in Chromium on the built pages:
# 358 px in a 390 px-wide phone viewport, 688 px in a 1280 px desktop one (both sidebars shown).
COLUMN_PX = {"phone": 358.0, "desktop": 688.0}


def shown_text_px(figure: Figure, column_px: float) -> float:
    """CSS px of the figure's smallest text when a page shows it in a column ``column_px`` wide.

    The SVG is ``width`` inches of 72 pt, and a page draws it at the column's width but never
    wider than its own 96 px per inch, so a text of s pt shows at s·shown/(72·width) px.
    """
    figure.draw_without_rendering()  # tick labels get their text when the figure is laid out
    smallest = smallest_text(figure)
    if smallest is None:
        raise ValueError("the figure draws no text to measure")
    width = float(figure.get_figwidth())
    return smallest * min(column_px, 96.0 * width) / (72.0 * width)


def _builder(loaded: ModuleType, function: str, info: FigureInfo) -> Callable[[], Any] | None:
    """``loaded.<function>`` bound to the figure's variant (a family's parameter), if defined."""
    builder = getattr(loaded, function, None)
    if not callable(builder):
        return None
    return builder if info.variant is None else functools.partial(builder, info.variant)


def render(loaded: ModuleType, info: FigureInfo) -> Rendered:
    """Build one figure in memory; ``FigureError`` if the builder returns something else."""
    build = _builder(loaded, "build", info)
    assert build is not None  # load_module checked it
    first = _themed(build, "light")
    if isinstance(first, Figure):
        files = _static_files(build, info, light=first)
        return Rendered("static", files, _size(first), smallest_text(first))
    if isinstance(first, Table):
        files = {
            f"{info.name}.html": to_html(first).encode(),
            f"{info.name}.csv": to_csv(first).encode(),
        }
        return Rendered("table", files, None)
    if type(first).__module__.startswith("plotly"):
        files = {f"{info.name}.json": _plotly_json(first)}
        static = _builder(loaded, "static", info)
        if static is None:
            return Rendered("interactive", files, None)
        # The print / no-JavaScript rendering of the same numbers, shown until plotly draws.
        light = _themed(static, "light")
        files.update(_static_files(static, info, light=light))
        return Rendered("interactive", files, _size(light), smallest_text(light))
    raise FigureError(
        f"{info.id}: build() returned {type(first).__name__}; "
        "expected a matplotlib or plotly Figure, or a figures.table.Table"
    )

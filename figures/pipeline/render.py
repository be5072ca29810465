"""Import a figure module and build its figures in memory: light and dark SVGs and a PNG for
matplotlib figures, compact JSON (plus the static rendering) for plotly ones, HTML and CSV for
tables; and, for a module that defines ``narrow()``, light and dark SVGs of its phone layout.

This is the only module of the pipeline that imports matplotlib; the runner calls it in worker
processes, so the process that asks for a build (``mkdocs serve``) never holds stale imports.
"""

from __future__ import annotations

import dataclasses
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
from figures.pipeline.embed import MIN_TEXT_PX
from figures.pipeline.manifest import NARROW_SUFFIX, Kind
from figures.table import Table, to_csv, to_html

__all__ = [
    "COLUMN_PX",
    "Rendered",
    "all_infos",
    "family_infos",
    "load_module",
    "render",
    "shown_text_px",
    "smallest_text",
]
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
    return _themed_files(builder, info, light, stem=info.name, png=True)


def _themed_files(
    builder: Callable[[], Any], info: FigureInfo, light: Any, *, stem: str, png: bool
) -> dict[str, bytes]:
    """``<stem>.svg`` and ``<stem>-dark.svg`` (and ``<stem>.png`` if ``png``) of a builder."""
    files: dict[str, bytes] = {}
    for theme in style.THEMES:
        figure = light if theme == "light" else _themed(builder, theme)
        if not isinstance(figure, Figure):
            raise FigureError(
                f"{info.id}: {info.module.relpath}: {_name(builder)}() returned "
                f"{type(figure).__name__}; expected a matplotlib Figure"
            )
        suffix = "" if theme == "light" else "-dark"
        with mpl.rc_context(style.theme(theme)):
            files[f"{stem}{suffix}.svg"] = _svg_bytes(figure)
            if png and theme == "light":
                files[f"{stem}.png"] = _png_bytes(figure)
    return files


def _name(builder: Callable[[], Any]) -> str:
    """The module function behind a builder, which may be bound to a family's variant."""
    function = builder.func if isinstance(builder, functools.partial) else builder
    return str(getattr(function, "__name__", "build"))


def _plotly_json(figure: Any) -> bytes:
    """The plotly figure as compact JSON with sorted keys; the page script themes it."""
    figure.update_layout(template=None, paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
    data = json.loads(figure.to_json())
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode()


@dataclass(frozen=True)
class Rendered:
    """A figure built in memory: its kind, its files by name and its size in CSS pixels.

    ``narrow_size`` and ``narrow_text_pt`` describe the phone layout drawn by the module's
    ``narrow()`` (None when it has none), as ``size`` and ``text_pt`` describe the wide one.
    """

    kind: Kind
    files: dict[str, bytes]
    size: tuple[int, int] | None  # of the static rendering, so pages reserve its space
    text_pt: float | None = None  # its smallest text, so pages never shrink it below legibility
    narrow_size: tuple[int, int] | None = None
    narrow_text_pt: float | None = None


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
    """Build one figure in memory, with its narrow layout when the module defines ``narrow()``;
    ``FigureError`` if a builder returns something else."""
    return _with_narrow(loaded, info, _render_wide(loaded, info))


def _render_wide(loaded: ModuleType, info: FigureInfo) -> Rendered:
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


def _with_narrow(loaded: ModuleType, info: FigureInfo, wide: Rendered) -> Rendered:
    """``wide`` plus the light and dark SVGs of ``narrow()``, its size and its smallest text.

    ``narrow()`` is the same static image laid out for a phone's column, so a module whose figure
    has no static image (a table, a plotly figure without ``static()``) cannot have one, and a
    narrow layout that is still illegible in a phone's column is refused here, at build time.
    """
    narrow = _builder(loaded, "narrow", info)
    if narrow is None:
        return wide
    if wide.size is None:
        what = "a table (its narrow view is Table(key_columns=...))"
        if wide.kind == "interactive":
            what = "an interactive figure without static(), the image narrow() would lay out"
        raise FigureError(f"{info.id}: {info.module.relpath}: defines narrow(), but it is {what}")
    light = _themed(narrow, "light")
    stem = info.name + NARROW_SUFFIX
    files = _themed_files(narrow, info, light, stem=stem, png=False)
    _check_phone_legible(light, info)
    return dataclasses.replace(
        wide,
        files={**wide.files, **files},
        narrow_size=_size(light),
        narrow_text_pt=smallest_text(light),
    )


def _check_phone_legible(figure: Figure, info: FigureInfo) -> None:
    """``FigureError`` unless a narrow layout's smallest text shows at ``MIN_TEXT_PX`` or more
    in a phone's column, naming the figure, its module and the measured and needed sizes."""
    smallest = smallest_text(figure)
    if smallest is None:
        return  # no text, nothing to read
    column = COLUMN_PX["phone"]
    shown = shown_text_px(figure, column)
    if shown >= MIN_TEXT_PX:
        return
    width = float(figure.get_figwidth())
    needed = MIN_TEXT_PX * 72.0 * width / min(column, 96.0 * width)
    raise FigureError(
        f"{info.id}: {info.module.relpath}: narrow() shows its smallest text at {shown:.2f} CSS px "
        f"in a phone's {column:g} px column; it needs at least {MIN_TEXT_PX} px: a {width:g} in "
        f"wide figure needs text of at least {needed:.2f} pt, its smallest is {smallest:g} pt"
    )

"""Plotly in the site's notebooks: a renderer whose output the site's own script draws.

plotly's default notebook output is a ``application/vnd.plotly.v1+json`` bundle that nbconvert
silently drops, and its ``notebook`` renderer inlines 5 MB of plotly.js and fetches MathJax from a
CDN. ``use_site_renderer()`` instead makes ``fig.show()`` emit a small ``<div class="nn101-plotly"
data-figure="...">`` that ``docs/assets/javascripts/figures.js`` draws with the locally served
plotly.js, exactly like the figures on the chapter pages (light/dark aware, instant-navigation
safe). The figure travels in a data attribute, never in an inline script, which Material's instant
navigation would re-run as JavaScript.

Notebooks call it from a cell tagged ``site-only``, with their language
(``use_site_renderer("zh")``); the ``.ipynb`` readers download leaves that cell out
(``hooks/nn101_notebooks.py``), so in their Jupyter ``fig.show()`` keeps plotly's usual behaviour.

Like the chapters' interactive figures, each notebook figure first shows a static SVG of the same
numbers (drawn here with matplotlib, ink in ``currentColor`` so it follows the light or dark
palette); plotly.js loads only when the reader reaches for the figure, and print and
no-JavaScript readers keep the SVG.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import re
from typing import Any

import matplotlib as mpl
import numpy as np
import plotly.colors
import plotly.io as pio
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.typing import RcKeyType
from plotly.io.base_renderers import MimetypeRenderer

from figures import i18n, style
from figures.pipeline import embed

__all__ = ["SiteRenderer", "static_svg", "use_site_renderer"]

NAME = "nn101"
# Placeholder colours for the preview's ink and grid, swapped for currentColor in the SVG text so
# the preview follows the palette the reader chose (no other colour in a plot uses them).
INK, GRID = "#010203", "#040506"
DASHES = {"dot": ":", "dash": "--", "dashdot": "-."}
PIXELS_PER_INCH = 100
# None drops each of the keys matplotlib fills in by default; with none left it writes no
# <metadata> at all. Its RDF block (rdf:RDF, cc:Work, dc:*) is invalid inside an HTML page.
NO_SVG_METADATA: dict[str, Any] = {"Date": None, "Creator": None, "Format": None, "Type": None}


class SiteRenderer(MimetypeRenderer):  # type: ignore[misc]
    """``fig.show()`` output for the site: a placeholder carrying the figure as compact JSON."""

    def to_mimebundle(self, fig_dict: dict[str, Any]) -> dict[str, str]:
        layout = fig_dict.setdefault("layout", {})
        layout.pop("template", None)  # the page script themes the figure; keep the HTML small
        data = json.dumps(fig_dict, sort_keys=True, separators=(",", ":"), default=_plain)
        preview = static_svg(fig_dict, prefix="nb" + hashlib.sha256(data.encode()).hexdigest()[:8])
        placeholder = (
            f'<div class="nn101-plotly" data-figure="{html.escape(data)}" '
            f'data-start-label="{embed.text("interactive_start")}">{preview}</div>'
        )
        return {"text/html": placeholder}


def static_svg(fig_dict: dict[str, Any], prefix: str) -> str:
    """An inline ``<svg>`` of a plotly figure's scatter and contour traces, drawn by matplotlib.

    ``prefix`` makes the SVG's element ids unique on a page that holds several previews.
    """
    layout = fig_dict.get("layout", {})
    width = layout.get("width", 700) / PIXELS_PER_INCH
    height = layout.get("height", 450) / PIXELS_PER_INCH
    with mpl.rc_context(_preview_theme()):
        figure = Figure(figsize=(width, height), dpi=PIXELS_PER_INCH, layout="constrained")
        axes = figure.add_subplot()
        # Without a template, plotly.js colours traces from its default colour way.
        colorway = layout.get("colorway", plotly.colors.DEFAULT_PLOTLY_COLORS)
        for index, trace in enumerate(fig_dict.get("data", [])):
            _draw_trace(axes, trace, colorway[index % len(colorway)])
        _decorate(axes, layout, fig_dict.get("data", []))
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata=NO_SVG_METADATA)
    description = _description(layout, fig_dict.get("data", []))
    return _inline(buffer.getvalue(), prefix, description, int(width * PIXELS_PER_INCH))


def _description(layout: dict[str, Any], data: list[dict[str, Any]]) -> str:
    """The preview's accessible name: the plot's title, else its axes and trace names."""
    title = _text(layout.get("title"))
    if title:
        return title
    x, y = (_text(layout.get(axis, {}).get("title")) for axis in ("xaxis", "yaxis"))
    names = ", ".join(str(trace["name"]) for trace in data if trace.get("name"))
    return embed.text("preview_description").format(y=y, x=x, names=names)


INKED: tuple[RcKeyType, ...] = (
    "text.color",
    "axes.labelcolor",
    "axes.edgecolor",
    "xtick.color",
    "ytick.color",
)


def _preview_theme() -> dict[RcKeyType, Any]:
    theme = style.theme("light")
    for key in INKED:
        theme[key] = INK
    theme["grid.color"] = GRID
    return theme


def _draw_trace(axes: Axes, trace: dict[str, Any], default_color: str) -> None:
    kind = trace.get("type", "scatter")
    if kind == "contour":
        _draw_contour(axes, trace)
    elif kind == "scatter":
        y = _array(trace["y"])
        x = _array(trace["x"]) if "x" in trace else np.arange(y.size)
        mode = trace.get("mode", "lines")
        if "lines" in mode:
            line = trace.get("line", {})
            dash = DASHES.get(line.get("dash", "solid"), "-")
            color = _color(line.get("color", default_color))
            axes.plot(x, y, linestyle=dash, color=color, label=trace.get("name"))
        if "markers" in mode:
            _draw_markers(axes, x, y, trace.get("marker", {}), default_color)


def _draw_markers(
    axes: Axes, x: np.ndarray, y: np.ndarray, marker: dict[str, Any], default_color: str
) -> None:
    color = marker.get("color", default_color)
    edge = marker.get("line", {})
    edge_color = _color(edge.get("color", "none"))  # plotly draws no outline by default
    common = {"s": marker.get("size", 6) ** 2, "linewidths": edge.get("width", 0), "zorder": 3}
    if isinstance(color, str):
        axes.scatter(x, y, color=_color(color), edgecolors=edge_color, **common)
    else:  # one number per point, mapped through the trace's colour scale
        cmap = _colormap(marker.get("colorscale", "Viridis"), marker.get("reversescale", False))
        axes.scatter(x, y, c=_array(color), cmap=cmap, edgecolors=edge_color, **common)


def _draw_contour(axes: Axes, trace: dict[str, Any]) -> None:
    z = _array(trace["z"])
    x = _array(trace.get("x", np.arange(z.shape[1])))
    y = _array(trace.get("y", np.arange(z.shape[0])))
    contours = trace.get("contours", {})
    levels: Any = 10
    if {"start", "end", "size"} <= contours.keys():
        levels = np.arange(
            contours["start"], contours["end"] + contours["size"] / 2, contours["size"]
        )
    cmap = _colormap(trace.get("colorscale", "Viridis"), trace.get("reversescale", False))
    # Raster fill: a vector contour of a fine grid would weigh more than the whole page.
    axes.contourf(x, y, z, levels=levels, cmap=cmap).set_rasterized(True)


def _array(value: Any) -> np.ndarray:
    """A trace's numbers: plotly ≥ 6 stores numpy arrays as {"dtype", "bdata", "shape"} dicts."""
    if isinstance(value, dict) and "bdata" in value:
        flat = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        shape = [int(n) for n in str(value.get("shape", flat.size)).split(",")]
        return flat.reshape(shape).astype(float)
    return np.asarray(value, dtype=float)


def _color(color: Any) -> Any:
    """A plotly colour ("#rrggbb", a CSS name or "rgb(r, g, b)") as matplotlib reads it."""
    if isinstance(color, str) and color.startswith("rgb"):
        return tuple(channel / 255 for channel in plotly.colors.unlabel_rgb(color))
    return color


def _colormap(scale: Any, reverse: bool) -> LinearSegmentedColormap:
    """A matplotlib colour map from a plotly colour scale (a name or [[position, colour], ...])."""
    pairs = plotly.colors.get_colorscale(scale) if isinstance(scale, str) else scale
    stops = [
        (
            float(position),
            np.asarray(
                plotly.colors.hex_to_rgb(color)
                if color.startswith("#")
                else plotly.colors.unlabel_rgb(color),
                dtype=float,
            )
            / 255,
        )
        for position, color in pairs
    ]
    cmap = LinearSegmentedColormap.from_list("plotly", [(p, tuple(c)) for p, c in stops])
    return cmap.reversed() if reverse else cmap


def _decorate(axes: Axes, layout: dict[str, Any], data: list[dict[str, Any]]) -> None:
    for name, set_label, set_scale in (
        ("xaxis", axes.set_xlabel, axes.set_xscale),
        ("yaxis", axes.set_ylabel, axes.set_yscale),
    ):
        axis = layout.get(name, {})
        set_label(_text(axis.get("title")))
        if axis.get("type") == "log":
            set_scale("log")
    axes.set_title(_text(layout.get("title")))
    if len(axes.get_legend_handles_labels()[1]) > 1:
        axes.legend(loc="best", fontsize=8)


def _text(title: Any) -> str:
    """plotly titles are a string or a {"text": ...} dict."""
    if isinstance(title, dict):
        return str(title.get("text", ""))
    return str(title or "")


def _inline(svg: str, prefix: str, description: str, width_px: int) -> str:
    """matplotlib's SVG file as an element for an HTML page: no XML prologue, unique ids, ink
    that follows the page's text colour, and a size that scales with the column."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r'(\bid="|href="#|url\(#)', rf"\g<1>{prefix}-", svg)
    svg = svg.replace(f"stroke: {GRID}", "stroke: currentColor; stroke-opacity: 0.2")
    svg = svg.replace(GRID, "currentColor").replace(INK, "currentColor")
    # matplotlib's "*{...}" style rule would apply to the whole page once the SVG is inline.
    svg = svg.replace("*{stroke-linejoin", ".nn101-preview *{stroke-linejoin")
    # Its natural width at most, narrower on a phone; the height follows the viewBox.
    size = re.compile(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"')
    svg = size.sub(rf'<svg \1width="{width_px}"', svg, count=1)
    label = html.escape(description, quote=True)
    return svg.replace("<svg ", f'<svg class="nn101-preview" role="img" aria-label="{label}" ', 1)


def _plain(value: Any) -> Any:
    """numpy values that plotly's figure dict may still hold, as plain JSON."""
    tolist = getattr(value, "tolist", None)
    if callable(tolist):
        return tolist()
    raise TypeError(f"cannot serialise {type(value).__name__} in a plotly figure")


def use_site_renderer(lang: str = i18n.SOURCE_LANGUAGE) -> None:
    """Make the site renderer plotly's default for this kernel, in the notebook's language.

    A notebook runs in a kernel of its own, where no site build has chosen a language: ``lang``
    sets the figure strings (``figures.i18n``) and, through ``style.theme``, the preview's fonts.
    """
    i18n.activate(lang)
    pio.renderers[NAME] = SiteRenderer()
    pio.renderers.default = NAME

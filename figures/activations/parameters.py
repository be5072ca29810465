"""Turn the knobs: how a parameter reshapes leaky ReLU, ELU, CELU, softplus and the shrinks.

Six interactive line charts over the pre-activation z from -4 to 4, one per parametrised
activation, each with its own slider: leaky ReLU's negative slope, the α of ELU and CELU,
softplus's β and the λ of softshrink and hardshrink, each taking one of seven or eight values.
Each chart shows f(z) as a solid line, its derivative f'(z) dashed, and f at the default
parameter as a dotted grey reference. Without JavaScript, the six charts show the function for
every value at once, each value named in the chart's legend, the larger values darker and the
default drawn thicker: the negative slope tilts leaky ReLU's left half from flat (ReLU) to the
identity; α sets how deep ELU and CELU go below zero; a larger β bends softplus ever closer to
ReLU; λ widens the dead zone of the shrinks.

Design: plotly cannot evaluate an activation in the browser, so every (parameter value, curve)
pair is precomputed (float32, x0/dx; a gap where a curve jumps). Each sweep lives in its own
subplot with its own slider, and a slider step restyles only its own subplot's traces (plotly's
``restyle`` with trace indices), so the six sliders are independent: they work as plotly
sliders and as the site's native range inputs alike. Each subplot's y range is fixed to the
extremes of its sweep so that the axes stay put while the slider moves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import plotly.graph_objects as go
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.typing import LegendLocType
from plotly.subplots import make_subplots

from figures import style
from figures.activations import _panels
from figures.i18n import N_, _
from nn101 import activations

X_RANGE = (-4.0, 4.0)
POINTS = 129  # 1/16 apart: every λ and kink below is on the grid
ROWS, COLS = 3, 2  # subplots, interactive and static alike (the static image reserves the space)


@dataclass(frozen=True)
class Sweep:
    name: str  # registry name
    param: str  # keyword of activations.get
    symbol: str  # how the chapter writes it
    values: tuple[float, ...]  # must include the registry default


SWEEPS = (
    Sweep("leaky_relu", "negative_slope", "α", (0.0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0)),
    Sweep("elu", "alpha", "α", (0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)),
    Sweep("celu", "alpha", "α", (0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)),
    Sweep("softplus", "beta", "β", (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)),
    Sweep("softshrink", "lambd", "λ", (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0)),
    Sweep("hardshrink", "lambd", "λ", (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0)),
)
LABELS = {
    "menu": N_("{label}: {param} ({symbol})"),
    "slider": N_("{label} {symbol} = "),
    "f": N_("f(z)"),
    "grad": N_("f′(z)"),
    "default": N_("f at default {symbol} = {value:g}"),
    "x": N_("z"),  # the pre-activation, as the chapter writes it
    "title": N_("f solid, f′ dashed, f at the default parameter dotted grey"),
    "panel": N_("{label}: {symbol} from {lo:g} to {hi:g}"),
    "trace": N_("{label}: {curve}"),  # a trace's name (hover): the activation and f or f′
    "value": N_("{symbol} = {value:g}"),
    "value_default": N_("{symbol} = {value:g} (default)"),
}


@dataclass(frozen=True)
class SweepCurves:
    sweep: Sweep
    label: str  # the activation's display label
    default: float  # the registry default of sweep.param
    x: np.ndarray
    values: np.ndarray  # f(x), shape (len(sweep.values), POINTS)
    grads: np.ndarray  # f'(x), same shape


def _sweep_curves(sweep: Sweep, x: np.ndarray) -> SweepCurves:
    acts = [activations.get(sweep.name, **{sweep.param: v}) for v in sweep.values]
    default = activations.get(sweep.name).params[sweep.param]
    values = np.array([act(x) for act in acts])
    grads = np.array([act.grad(x) for act in acts])
    return SweepCurves(sweep, style.activation_label(sweep.name), default, x, values, grads)


def compute(seed: int = 0) -> list[SweepCurves]:
    """f and f' of each swept activation for every value of its parameter."""
    x = np.linspace(*X_RANGE, POINTS)
    return [_sweep_curves(sweep, x) for sweep in SWEEPS]


def default_index(curves: SweepCurves) -> int:
    return curves.sweep.values.index(curves.default)


# --- interactive -----------------------------------------------------------------------------


def _line(x: np.ndarray, y: np.ndarray, **kwargs: Any) -> go.Scatter:
    y = y.astype(np.float32)
    y[_panels.jumps(y)] = np.nan  # a gap instead of a vertical segment where the curve jumps
    return go.Scatter(x0=float(x[0]), dx=float(x[1] - x[0]), y=y, mode="lines", **kwargs)


def _sweep_traces(curves: SweepCurves) -> list[go.Scatter]:
    """f and f' for every value (those of the default visible), then the dotted reference."""
    traces = []
    color = style.activation_look(curves.sweep.name).plotly_color
    for i, (f, g) in enumerate(zip(curves.values, curves.grads, strict=True)):
        for y, key, dash in ((f, "f", "solid"), (g, "grad", "dash")):
            line = {"color": color, "dash": dash, "width": 2.2}
            visible = i == default_index(curves)
            name = _(LABELS["trace"]).format(label=curves.label, curve=_(LABELS[key]))
            traces.append(_line(curves.x, y, name=name, visible=visible, line=line))
    reference = _(LABELS["default"]).format(symbol=curves.sweep.symbol, value=curves.default)
    line = {"color": style.PLOTLY_COLORS[5], "width": 1.5, "dash": "dot"}
    f_default = curves.values[default_index(curves)]
    traces.append(_line(curves.x, f_default, name=reference, line=line, hoverinfo="skip"))
    return traces


def panel_title(curves: SweepCurves) -> str:
    sweep = curves.sweep
    return _(LABELS["menu"]).format(label=curves.label, param=sweep.param, symbol=sweep.symbol)


def _slider(curves: SweepCurves, first: int) -> dict[str, Any]:
    """Steps that show value i of this sweep: they restyle only its 2n traces from ``first``."""
    n = len(curves.sweep.values)
    indices = list(range(first, first + 2 * n))
    steps = [
        {
            "label": f"{value:g}",
            "method": "restyle",
            "args": [{"visible": [j // 2 == i for j in range(2 * n)]}, indices],
        }
        for i, value in enumerate(curves.sweep.values)
    ]
    prefix = _(LABELS["slider"]).format(label=curves.label, symbol=curves.sweep.symbol)
    return {"steps": steps, "active": default_index(curves), "currentvalue": {"prefix": prefix}}


def y_range(curves: SweepCurves) -> list[float]:
    """Extremes of f and f' over all values of the sweep, with a 5 % margin."""
    lo = float(min(curves.values.min(), curves.grads.min()))
    hi = float(max(curves.values.max(), curves.grads.max()))
    pad = 0.05 * (hi - lo)
    return [lo - pad, hi + pad]


def _place_slider(slider: dict[str, Any], figure: go.Figure, k: int) -> None:
    """Put slider k under subplot k (used by plotly; the site moves sliders above the figure)."""
    xaxis = figure.layout[f"xaxis{k + 1 if k else ''}"]
    yaxis = figure.layout[f"yaxis{k + 1 if k else ''}"]
    width = xaxis.domain[1] - xaxis.domain[0]
    slider.update(x=xaxis.domain[0], len=width, y=yaxis.domain[0], yanchor="top", pad={"t": 25})


def build(seed: int = 0) -> go.Figure:
    all_curves = compute(seed)
    figure = make_subplots(
        rows=ROWS,
        cols=COLS,
        subplot_titles=[panel_title(c) for c in all_curves],
        horizontal_spacing=0.1,
        vertical_spacing=0.16,
    )
    sliders, first = [], 0
    for k, curves in enumerate(all_curves):
        row, col = divmod(k, COLS)
        for trace in _sweep_traces(curves):
            figure.add_trace(trace, row=row + 1, col=col + 1)
        figure.update_xaxes(range=list(X_RANGE), row=row + 1, col=col + 1)
        figure.update_yaxes(range=y_range(curves), row=row + 1, col=col + 1)
        sliders.append(_slider(curves, first))
        first += 2 * len(curves.sweep.values) + 1
    for k, slider in enumerate(sliders):
        _place_slider(slider, figure, k)
    figure.update_annotations(font={"size": 13})
    figure.update_layout(
        style.plotly_layout(
            title={"text": _(LABELS["title"]), "x": 0.0, "xanchor": "left", "font": {"size": 14}},
            margin={"l": 45, "r": 15, "t": 80, "b": 40},
            height=820,
            showlegend=False,
            sliders=sliders,
        )
    )
    return figure


# --- static ----------------------------------------------------------------------------------


def value_label(curves: SweepCurves, i: int) -> str:
    """The legend entry of value i of a sweep: ``α = 0.5``, the default marked as such."""
    key = "value_default" if i == default_index(curves) else "value"
    return _(LABELS[key]).format(symbol=curves.sweep.symbol, value=curves.sweep.values[i])


@dataclass(frozen=True)
class Layout:
    """The static image's grid of panels (rows, columns) and size in inches, and where each
    panel's legend goes: its ``matplotlib`` location, anchor, columns and point size."""

    shape: tuple[int, int]
    size: tuple[float, float]
    legend_loc: LegendLocType
    legend_anchor: tuple[float, float] | None
    legend_columns: int
    legend_size: float


# On a desktop, each legend sits in its panel's free upper-left corner: every f here is <= 0
# for x < 0 (softplus's β = 0.25 only just reaches into it).
STATIC = Layout((ROWS, COLS), (7.2, 8.0), "upper left", None, legend_columns=2, legend_size=9)
# On a phone, one panel a row in a 5-inch figure, each legend in one column to its panel's right:
# inside, two columns of 9.5-pt entries (9.4 px in the phone's column) would cover the curves.
NARROW = Layout(
    (len(SWEEPS), 1), (5.0, 12.6), "center left", (1.01, 0.5), legend_columns=1, legend_size=9.5
)


def _draw_sweep(axes: Axes, curves: SweepCurves, layout: Layout) -> None:
    """Every value's f in the activation's colour, darker for larger values, the default thicker;
    the legend names each value."""
    n = len(curves.sweep.values)
    color = style.activation_look(curves.sweep.name).color
    for i, f in enumerate(curves.values):
        alpha = 0.25 + 0.75 * i / (n - 1)
        width = 3.0 if i == default_index(curves) else 1.5
        x, y = _panels.broken(curves.x, f)
        axes.plot(x, y, color=color, alpha=alpha, linewidth=width, label=value_label(curves, i))
    values = curves.sweep.values
    title = _(LABELS["panel"]).format(
        label=curves.label, symbol=curves.sweep.symbol, lo=values[0], hi=values[-1]
    )
    axes.set_title(title, fontsize=10)
    axes.set_xlim(*X_RANGE)
    axes.legend(
        loc=layout.legend_loc,
        bbox_to_anchor=layout.legend_anchor,
        ncols=layout.legend_columns,
        fontsize=layout.legend_size,
        handlelength=1.2,
        columnspacing=0.8,
    )


def _draw_static(all_curves: list[SweepCurves], layout: Layout) -> Figure:
    figure, axes = style.new_figure(*layout.shape, width=layout.size[0], height=layout.size[1])
    for ax, curves in zip(axes.flat, all_curves, strict=True):
        _draw_sweep(ax, curves, layout)
    figure.supxlabel(_(LABELS["x"]), fontsize=10)
    return figure


def static(seed: int = 0) -> Figure:
    """Every value of every sweep at once (f only), for print and readers without JavaScript."""
    return _draw_static(compute(seed), STATIC)


def narrow(seed: int = 0) -> Figure:
    """The static image for a phone column: the same six panels, one a row."""
    return _draw_static(compute(seed), NARROW)

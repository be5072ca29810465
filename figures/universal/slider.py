"""Choose the number of hidden units: sigmoid bumps and ReLU hinges both close in on the target.

Interactive line chart over x from 0 to 1. A slider sets the hidden layer's width to 2, 4, 8,
16, 32 or 64 units. The chart shows the target f(x) = 0.2 + 0.4x² + 0.3x·sin(15x) + 0.05·cos(50x)
and two hand-built one-hidden-layer networks of that width: a sigmoid network (half as many bumps
as units, a staircase) and a ReLU network (one hinge per unit, a polygon through evenly spaced
knots, marked by dots, where it equals the target). Both errors shrink as the width grows, the
ReLU network's faster; the title gives both root-mean-square errors. Without JavaScript, three
widths, 4, 16 and 64, are shown in three charts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from matplotlib.figure import Figure

from figures import style
from figures.i18n import N_, _
from figures.universal import _approximation as approx

POINTS = 401  # 0.0025 apart: about 50 points per wiggle of cos(50x)
WIDTHS = (2, 4, 8, 16, 32, 64)
DEFAULT = 8
STATIC_WIDTHS = (4, 16, 64)
LABELS = {
    "target": N_("target f(x)"),
    "sigmoid": N_("sigmoid bumps"),
    "relu": N_("ReLU hinges"),
    "knots": N_("knots"),
    "title": N_("{units} hidden units: RMS error {sigmoid:.3f} (sigmoid), {relu:.3f} (ReLU)"),
    "static_title": N_("{units} hidden units\nRMS error: sigmoid {sigmoid:.3f}, ReLU {relu:.3f}"),
    "slider": N_("hidden units: "),
    "x": N_("x"),
    "y": N_("output"),
}


@dataclass(frozen=True)
class Approximation:
    units: int  # hidden units of both networks
    sigmoid: np.ndarray  # output of the sigmoid tower (units / 2 bumps) on the grid
    relu: np.ndarray  # output of the ReLU hinge network on the grid
    sigmoid_rms: float
    relu_rms: float
    knots: np.ndarray  # the units + 1 knots of the ReLU network
    relu_at_knots: np.ndarray  # the ReLU network's output at its knots


def compute(seed: int = 0) -> tuple[np.ndarray, np.ndarray, list[Approximation]]:
    """Grid x, target f(x) and both networks for every width (``seed`` is unused)."""
    x = np.linspace(*approx.DOMAIN, POINTS)
    f = approx.target(x)
    results = []
    for units in WIDTHS:
        sigmoid = approx.curve(approx.sigmoid_tower(units // 2), x)
        relu_net = approx.relu_hinges(units)
        relu = approx.curve(relu_net, x)
        t = approx.knots(units)
        results.append(
            Approximation(
                units,
                sigmoid,
                relu,
                approx.rms(sigmoid - f),
                approx.rms(relu - f),
                t,
                approx.curve(relu_net, t),
            )
        )
    return x, f, results


def _line(y: np.ndarray, name: str, color: str, visible: bool, width: float = 2.2) -> go.Scatter:
    return go.Scatter(
        x0=approx.DOMAIN[0],
        dx=(approx.DOMAIN[1] - approx.DOMAIN[0]) / (POINTS - 1),
        y=y.astype(np.float32),
        name=name,
        mode="lines",
        visible=visible,
        line={"color": color, "width": width},
        hovertemplate="%{y:.3f}",
    )


def _traces(result: Approximation) -> list[go.Scatter]:
    visible = result.units == DEFAULT
    knots = go.Scatter(
        x=result.knots.astype(np.float32),
        y=result.relu_at_knots.astype(np.float32),
        name=_(LABELS["knots"]),
        mode="markers",
        visible=visible,
        marker={"color": style.activation_look("relu").plotly_color, "size": 6},
        hoverinfo="skip",
    )
    return [
        _line(
            result.sigmoid,
            _(LABELS["sigmoid"]),
            style.activation_look("sigmoid").plotly_color,
            visible,
        ),
        _line(result.relu, _(LABELS["relu"]), style.activation_look("relu").plotly_color, visible),
        knots,
    ]


def _title(result: Approximation, key: str = "title") -> str:
    return _(LABELS[key]).format(
        units=result.units, sigmoid=result.sigmoid_rms, relu=result.relu_rms
    )


def _slider(results: list[Approximation]) -> dict[str, object]:
    steps = []
    for index, result in enumerate(results):
        visible = [True] + [i // 3 == index for i in range(3 * len(results))]
        steps.append(
            {
                "label": str(result.units),
                "method": "update",
                "args": [{"visible": visible}, {"title.text": _title(result)}],
            }
        )
    active = [r.units for r in results].index(DEFAULT)
    return {"active": active, "steps": steps, "currentvalue": {"prefix": _(LABELS["slider"])}}


def build(seed: int = 0) -> go.Figure:
    _x, f, results = compute(seed)
    traces = [_line(f, _(LABELS["target"]), style.PLOTLY_COLORS[5], True, width=1.5)]
    for result in results:
        traces.extend(_traces(result))
    default = results[[r.units for r in results].index(DEFAULT)]
    layout = style.plotly_layout(
        title={"text": _title(default), "x": 0.0, "xanchor": "left", "font": {"size": 15}},
        xaxis={"title": {"text": _(LABELS["x"])}, "range": list(approx.DOMAIN)},
        yaxis={"title": {"text": _(LABELS["y"])}, "range": [0.0, 1.0]},
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        margin={"l": 55, "r": 20, "t": 90, "b": 45},
        sliders=[_slider(results)],
        height=520,
    )
    return go.Figure(data=traces, layout=layout)


def _draw_static(seed: int, grid: tuple[int, int], size: tuple[float, float]) -> Figure:
    """The STATIC_WIDTHS panels in a ``grid`` of (rows, columns), ``size`` inches."""
    x, f, results = compute(seed)
    shown = [r for r in results if r.units in STATIC_WIDTHS]
    figure, axes = style.new_figure(*grid, width=size[0], height=size[1], sharey=True)
    for ax, result in zip(axes.ravel(), shown, strict=True):
        ax.plot(x, f, color=style.text_color(), linewidth=1.0, label=_(LABELS["target"]))
        sigmoid, relu = style.activation_look("sigmoid").color, style.activation_look("relu").color
        ax.plot(x, result.sigmoid, color=sigmoid, linewidth=1.6, label=_(LABELS["sigmoid"]))
        ax.plot(x, result.relu, color=relu, linewidth=1.6, label=_(LABELS["relu"]))
        ax.plot(result.knots, result.relu_at_knots, "o", color=relu, markersize=3)
        ax.set(
            title=_title(result, "static_title"),
            xlabel=_(LABELS["x"]),
            xticks=[0, 0.5, 1],
            xticklabels=["0", "0.5", "1"],
        )
        ax.set(xlim=approx.DOMAIN)
        if ax.get_subplotspec().is_first_col():
            ax.set_ylabel(_(LABELS["y"]))
    axes.flat[0].legend(loc="upper left", fontsize=10)
    return figure


def static(seed: int = 0) -> Figure:
    """Three widths side by side, for print and readers without JavaScript."""
    return _draw_static(seed, (1, len(STATIC_WIDTHS)), (10.0, 3.4))


def narrow(seed: int = 0) -> Figure:
    """The static panels stacked, 5 inches wide: 10-pt text for a phone's column."""
    return _draw_static(seed, (len(STATIC_WIDTHS), 1), (5.0, 7.6))

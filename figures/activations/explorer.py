"""Explore every activation function and its derivative, and compare any two.

Interactive line chart over the pre-activation z from -5 to 5. A first menu selects one of the
registered activation functions, a second menu optionally adds another one to compare; each is
drawn in its own colour as its function f(z) (solid line) and its derivative f'(z) (dashed line,
which a click on its legend entry hides), all computed by the nn101 library at default
parameters. Without JavaScript, the chart shows ReLU, which is zero for negative inputs and the
identity for positive ones, with a derivative that jumps from 0 to 1 at the origin, drawn with a
gap there.

Design: plotly cannot evaluate an activation in the browser, so every curve is precomputed and
shipped (float32, even grid as x0/dx; a gap where f or f' jumps). The traces come in two blocks
of 2 × len(names()): the "activation" block and the "compare with" block, each holding f and f'
of every activation, drawn in that activation's colour (``style.activation_look``); the compared
curves are thinner, so that the two stay apart when both blocks show the same activation. Each
menu button restyles only the traces of its own block (plotly's ``restyle``/``update`` with
trace indices), so the two menus are independent. Parameters have their own figure,
``activations/parameters``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import plotly.graph_objects as go
from matplotlib.figure import Figure

from figures import style
from figures.activations import _panels
from figures.i18n import N_, _
from nn101 import activations

X_RANGE = (-5.0, 5.0)
POINTS = 129  # 5/64 apart (0 is on the grid): about one point per 5 pixels of a 700-px plot
DEFAULT = "relu"
BLOCKS = ("main", "compare")  # trace blocks: the activation, and the one to compare with
LABELS = {
    "f": N_("f(z)"),
    "grad": N_("f′(z)"),
    "trace_f": N_("{label}"),
    "trace_grad": N_("{label}: f′"),
    "x": N_("z"),  # the pre-activation, as the chapter writes it
    "main": N_("Activation"),
    "compare": N_("Compare with"),
    "none": N_("(none)"),
    "title": N_("{label}: f and its derivative"),
    "title_static": N_("{label}: f (solid) and f′ (dashed)"),
}


@dataclass(frozen=True)
class Curves:
    x: np.ndarray
    values: dict[str, np.ndarray]  # name -> f(x)
    derivatives: dict[str, np.ndarray]  # name -> f'(x)
    labels: dict[str, str]  # name -> display label


def compute(seed: int = 0) -> Curves:
    """f and f' of every registered activation, default parameters, on one grid."""
    x = np.linspace(*X_RANGE, POINTS)
    values, derivatives, labels = {}, {}, {}
    for name in activations.names():
        act = activations.get(name)
        values[name], derivatives[name] = act(x), act.grad(x)
        labels[name] = style.activation_label(name)
    return Curves(x, values, derivatives, labels)


def trace_index(curves: Curves, block: str, name: str, derivative: bool) -> int:
    """Position of one curve in ``figure.data``: block, then activation, then f before f'."""
    per_block = 2 * len(curves.values)
    return BLOCKS.index(block) * per_block + 2 * list(curves.values).index(name) + derivative


def _trace(curves: Curves, block: str, name: str, derivative: bool) -> go.Scatter:
    y = (curves.derivatives if derivative else curves.values)[name].astype(np.float32)
    y[_panels.jumps(y)] = np.nan  # a gap instead of a vertical segment where f or f' jumps
    return go.Scatter(
        x0=X_RANGE[0],
        dx=float(curves.x[1] - curves.x[0]),
        y=y,
        name=_(LABELS["trace_grad" if derivative else "trace_f"]).format(label=curves.labels[name]),
        visible=block == "main" and name == DEFAULT,
        mode="lines",
        line={
            "dash": "dash" if derivative else "solid",
            "width": 2.5 if block == "main" else 1.6,
            "color": style.activation_look(name).plotly_color,
        },
        hovertemplate="%{y:.4f}",
    )


def _button(curves: Curves, block: str, shown: str | None) -> dict[str, Any]:
    """Show f and f' of ``shown`` (nothing if None) and hide the rest of ``block``."""
    names = list(curves.values)
    indices = [trace_index(curves, block, n, d) for n in names for d in (False, True)]
    visible = [n == shown for n in names for _ in (False, True)]
    label = _(LABELS["none"]) if shown is None else curves.labels[shown]
    if block == "compare":
        return {"label": label, "method": "restyle", "args": [{"visible": visible}, indices]}
    title = {"title.text": _(LABELS["title"]).format(label=label)}
    return {"label": label, "method": "update", "args": [{"visible": visible}, title, indices]}


def _menu(curves: Curves, block: str, x: float) -> dict[str, Any]:
    names = list(curves.values)
    choices: list[str | None] = [*names] if block == "main" else [None, *names]
    return {
        "buttons": [_button(curves, block, shown) for shown in choices],
        "active": names.index(DEFAULT) if block == "main" else 0,
        "name": _(LABELS[block]),
        "x": x,
        "xanchor": "left",
        "y": 1.0,
        "yanchor": "bottom",
        "pad": {"t": 0, "b": 8},
    }


def build(seed: int = 0) -> go.Figure:
    curves = compute(seed)
    traces = [
        _trace(curves, block, name, derivative)
        for block in BLOCKS
        for name in curves.values
        for derivative in (False, True)
    ]
    title = _(LABELS["title"]).format(label=curves.labels[DEFAULT])
    layout = style.plotly_layout(
        title={"text": title, "x": 0.0, "xanchor": "left", "y": 0.97, "font": {"size": 15}},
        margin={"l": 50, "r": 20, "t": 80, "b": 75},
        height=500,
        legend={"orientation": "h", "x": 0, "y": -0.2},
        xaxis={"title": {"text": _(LABELS["x"])}, "range": list(X_RANGE), "zeroline": True},
        yaxis={"zeroline": True},
        updatemenus=[_menu(curves, "main", 0.0), _menu(curves, "compare", 0.5)],
    )
    return go.Figure(data=traces, layout=layout)


def static(seed: int = 0) -> Figure:
    """The default view, for print and readers without JavaScript."""
    curves = compute(seed)
    figure, axes = style.new_figure(width=5.0, height=3.6)  # 10-pt text: 9 px on a phone
    color = style.activation_look(DEFAULT).color
    # Broken where a curve jumps (ReLU' at 0), as in the interactive view: no slanted segment.
    f, grad = curves.values[DEFAULT], curves.derivatives[DEFAULT]
    axes.plot(*_panels.broken(curves.x, f), color=color, label=_(LABELS["f"]))
    axes.plot(*_panels.broken(curves.x, grad), color=color, linestyle="--", label=_(LABELS["grad"]))
    label = curves.labels[DEFAULT]
    axes.set(
        xlim=X_RANGE, xlabel=_(LABELS["x"]), title=_(LABELS["title_static"]).format(label=label)
    )
    axes.legend(loc="upper left")
    return figure

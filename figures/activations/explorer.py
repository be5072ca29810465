"""Explore every activation function and its derivative.

Interactive line chart over x from -5 to 5. A menu selects one of the registered activation
functions; the chart shows the function f(x) as a solid line and its derivative f'(x) as a dashed
line, both computed by the nn101 library. Without JavaScript, the chart shows ReLU, which is
zero for negative inputs and the identity for positive ones, with a derivative that jumps from 0
to 1 at the origin.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from matplotlib.figure import Figure

from figures import style
from nn101 import activations

X_RANGE = (-5.0, 5.0)
POINTS = 201  # 0.05 apart: finer than the pixels of a 700-px-wide plot needs
DEFAULT = "relu"
LABELS = {
    "f": "f(x)",
    "grad": "f′(x)",
    "x": "x",
    "menu": "Activation",
    "title": "{label}: f and its derivative",
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
        values[name], derivatives[name], labels[name] = act(x), act.grad(x), act.label
    return Curves(x, values, derivatives, labels)


def _trace(curves: Curves, name: str, derivative: bool) -> go.Scatter:
    y = (curves.derivatives if derivative else curves.values)[name]
    return go.Scatter(
        x0=X_RANGE[0],
        dx=float(curves.x[1] - curves.x[0]),
        y=y.astype(np.float32),
        name=LABELS["grad" if derivative else "f"],
        visible=name == DEFAULT,
        mode="lines",
        line={
            "dash": "dash" if derivative else "solid",
            "width": 2.5,
            "color": style.PLOTLY_COLORS[1 if derivative else 0],
        },
        hovertemplate="%{y:.4f}",
    )


def _menu(curves: Curves) -> dict[str, object]:
    names = list(curves.values)
    buttons = []
    for index, name in enumerate(names):
        visible = [i // 2 == index for i in range(2 * len(names))]
        title = LABELS["title"].format(label=curves.labels[name])
        buttons.append(
            {
                "label": curves.labels[name],
                "method": "update",
                "args": [{"visible": visible}, {"title.text": title}],
            }
        )
    return {
        "buttons": buttons,
        "active": names.index(DEFAULT),
        "x": 1.0,
        "xanchor": "right",
        "y": 1.02,
        "yanchor": "bottom",
        "name": LABELS["menu"],
    }


def build(seed: int = 0) -> go.Figure:
    curves = compute(seed)
    traces = [_trace(curves, name, d) for name in curves.values for d in (False, True)]
    title = LABELS["title"].format(label=curves.labels[DEFAULT])
    layout = style.plotly_layout(
        title={"text": title, "x": 0.0, "xanchor": "left", "y": 0.97, "font": {"size": 15}},
        xaxis={"title": {"text": LABELS["x"]}, "range": list(X_RANGE), "zeroline": True},
        yaxis={"zeroline": True},
        updatemenus=[_menu(curves)],
    )
    return go.Figure(data=traces, layout=layout)


def static(seed: int = 0) -> Figure:
    """The default view, for print and readers without JavaScript."""
    curves = compute(seed)
    figure, axes = style.new_figure(width=7.0, height=4.3)
    axes.plot(curves.x, curves.values[DEFAULT], label=LABELS["f"])
    axes.plot(curves.x, curves.derivatives[DEFAULT], linestyle="--", label=LABELS["grad"])
    axes.set(
        xlim=X_RANGE, xlabel=LABELS["x"], title=LABELS["title"].format(label=curves.labels[DEFAULT])
    )
    axes.legend(loc="upper left")
    return figure


if __name__ == "__main__":
    from figures.cli import main_standalone

    main_standalone(__file__)

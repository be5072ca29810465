"""The perceptron rule at work: the decision line after each update, until no point is wrong.

Scatter plot of 40 points in the plane, two classes drawn from Gaussian blobs centred at (-1, -1)
and (1, 1). A slider and a play button step through the perceptron's updates; each step shows
the decision line w·x + b = 0, shades the side predicted as class 1, rings the misclassified
point that caused the update and counts the points still on the wrong side. At the start every
point is called class 1; after the first update only 2 points are wrong, and the line then
swings back and forth over the few points near the gap until the 17th update, in epoch 10,
separates the two classes without error. Without JavaScript, three panels show the line after
the first update, halfway and after the last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from figures import style
from figures.i18n import N_, _
from nn101 import datasets
from nn101.perceptron import Perceptron

# A fixed sample of two blobs that a line separates, but only just: the rule needs a few epochs.
N_POINTS, NOISE, DATA_SEED = 40, 0.7, 5
MAX_EPOCHS = 100
BOX = (-3.0, 3.0)  # the square the plot shows, in both coordinates
LABELS = {
    "class": N_("class {label}"),
    "region": N_("predicted class 1"),
    "line": N_("decision line"),
    "trigger": N_("mistake that caused the update"),
    "x1": N_("x₁"),
    "x2": N_("x₂"),
    "x1_tex": N_("$x_1$"),
    "x2_tex": N_("$x_2$"),
    "start": N_("start: w = 0, b = 0 (every point is called class 1) · {wrong} wrong"),
    "state": N_("update {k} of {n} (epoch {epoch}) · {wrong} wrong"),
    "short": N_("update {k} (epoch {epoch})\n{wrong} wrong"),
    "play": N_("▶ Play"),
    "pause": N_("❚❚ Pause"),
    "slider": N_("update "),
}


@dataclass(frozen=True)
class Learning:
    X: np.ndarray  # (n, 2) points
    y: np.ndarray  # (n,) labels 0/1
    weights: list[np.ndarray]  # w after each update, the zero start first
    biases: list[float]  # b, likewise
    epochs: list[int]  # epoch of each state (0 for the start)
    wrong: list[int]  # points misclassified by each state
    triggers: list[np.ndarray | None]  # the point whose mistake produced each state
    errors: list[int]  # mistakes per epoch (Perceptron.errors_)
    converged: bool
    radius: float  # R = max ‖(x, 1)‖, in the convergence theorem
    margin: float  # γ of the final (unit-length) separator (w, b) on the data
    bound: float  # (R / γ)², the theorem's bound on the number of updates


def _convergence_bound(
    X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float
) -> tuple[float, float, float]:
    """R, γ and (R/γ)² for the separator (w, b), with inputs extended by a constant 1."""
    extended = np.column_stack([X, np.ones(len(X))])
    direction = np.append(w, b) / np.linalg.norm(np.append(w, b))
    radius = float(np.linalg.norm(extended, axis=1).max())
    margin = float(np.min((2 * y - 1) * (extended @ direction)))
    return radius, margin, (radius / margin) ** 2


def compute(seed: int = 0) -> Learning:
    """Train a perceptron (sample order from ``seed``) and replay its history of updates."""
    X, y = datasets.gaussians(n=N_POINTS, noise=NOISE, seed=DATA_SEED)
    model = Perceptron(max_epochs=MAX_EPOCHS, seed=seed).fit(X, y)
    weights = [w for w, _ in model.history_]
    biases = [float(b) for _, b in model.history_]
    wrong = [int(np.sum(model.predict(X, update=k) != y)) for k in range(len(weights))]
    triggers: list[np.ndarray | None] = [None, *(X[i] for i in model.sample_of_update_[1:])]
    bound = _convergence_bound(X, y, model.weights, model.bias)
    return Learning(
        X,
        y,
        weights,
        biases,
        list(model.epoch_of_update_),
        wrong,
        triggers,
        list(model.errors_),
        model.converged_,
        *bound,
    )


def clip_to_box(w: np.ndarray, b: float) -> tuple[np.ndarray, np.ndarray]:
    """The part of BOX² where w·x + b ≥ 0 (a polygon) and the segment of the line w·x + b = 0.

    Walks the square's corners and keeps those on the class-1 side, inserting the points where
    an edge crosses the line (Sutherland-Hodgman clipping against one half-plane).
    """
    lo, hi = BOX
    corners = np.array([[lo, lo], [hi, lo], [hi, hi], [lo, hi]])
    side = corners @ w + b
    polygon, crossings = [], []
    for i in range(4):
        j = (i + 1) % 4
        if side[i] >= 0:
            polygon.append(corners[i])
        if (side[i] >= 0) != (side[j] >= 0):
            t = side[i] / (side[i] - side[j])
            crossings.append(corners[i] + t * (corners[j] - corners[i]))
            polygon.append(crossings[-1])
    return np.array(polygon).reshape(-1, 2), np.array(crossings).reshape(-1, 2)


def _title(data: Learning, k: int) -> str:
    if k == 0:
        return _(LABELS["start"]).format(wrong=data.wrong[0])
    n = len(data.weights) - 1
    return _(LABELS["state"]).format(k=k, n=n, epoch=data.epochs[k], wrong=data.wrong[k])


def _state_traces(data: Learning, k: int) -> list[go.Scatter]:
    """The traces that change from update to update: region, line, trigger ring."""
    region, segment = clip_to_box(data.weights[k], data.biases[k])
    trigger = data.triggers[k]
    ring = np.empty((0, 2)) if trigger is None else trigger[None, :]
    return [
        go.Scatter(x=region[:, 0].astype(np.float32), y=region[:, 1].astype(np.float32)),
        go.Scatter(x=segment[:, 0].astype(np.float32), y=segment[:, 1].astype(np.float32)),
        go.Scatter(x=ring[:, 0].astype(np.float32), y=ring[:, 1].astype(np.float32)),
    ]


def _traces(data: Learning) -> list[go.Scatter]:
    region, line, ring = _state_traces(data, 0)
    colors = style.PLOTLY_COLORS
    region.update(
        fill="toself",
        mode="none",
        fillcolor="rgba(227,119,43,0.15)",
        name=_(LABELS["region"]),
        hoverinfo="skip",
    )
    line.update(mode="lines", line={"color": colors[5], "width": 3}, name=_(LABELS["line"]))
    ring.update(
        mode="markers",
        name=_(LABELS["trigger"]),
        hoverinfo="skip",
        marker={"size": 20, "color": "rgba(0,0,0,0)", "line": {"color": colors[4], "width": 3}},
    )
    points = []
    for label, symbol in ((0, "circle"), (1, "square")):
        X = data.X[data.y == label].astype(np.float32)
        points.append(
            go.Scatter(
                x=X[:, 0],
                y=X[:, 1],
                mode="markers",
                name=_(LABELS["class"]).format(label=label),
                marker={"size": 8, "symbol": symbol, "color": colors[label]},
                hovertemplate="(%{x:.2f}, %{y:.2f})",
            )
        )
    return [region, line, ring, *points]


def _controls(n_states: int) -> dict[str, list[dict[str, object]]]:
    frame_args = {"frame": {"duration": 600, "redraw": True}, "transition": {"duration": 0}}
    play = {"label": _(LABELS["play"]), "method": "animate", "args": [None, frame_args]}
    pause_args = {"frame": {"duration": 0, "redraw": False}, "mode": "immediate"}
    pause = {"label": _(LABELS["pause"]), "method": "animate", "args": [[None], pause_args]}
    steps = [
        {
            "label": str(k),
            "method": "animate",
            "args": [[str(k)], {**frame_args, "mode": "immediate"}],
        }
        for k in range(n_states)
    ]
    return {
        "updatemenus": [
            {
                "type": "buttons",
                "buttons": [play, pause],
                "direction": "left",
                "showactive": False,
                "x": 0.0,
                "xanchor": "left",
                "y": -0.12,
                "yanchor": "top",
            }
        ],
        "sliders": [
            {
                "steps": steps,
                "active": 0,
                "x": 0.22,
                "len": 0.78,
                "y": -0.08,
                "yanchor": "top",
                "currentvalue": {"prefix": _(LABELS["slider"])},
                "pad": {"t": 10},
            }
        ],
    }


def build(seed: int = 0) -> go.Figure:
    data = compute(seed)
    frames = [
        go.Frame(
            name=str(k),
            data=_state_traces(data, k),
            traces=[0, 1, 2],
            layout={"title": {"text": _title(data, k)}},
        )
        for k in range(len(data.weights))
    ]
    axis = {"range": list(BOX), "zeroline": False, "constrain": "domain"}
    layout = style.plotly_layout(
        title={"text": _title(data, 0), "x": 0.0, "xanchor": "left", "font": {"size": 15}},
        xaxis={**axis, "title": {"text": _(LABELS["x1"])}},
        yaxis={**axis, "title": {"text": _(LABELS["x2"])}, "scaleanchor": "x"},
        hovermode="closest",
        height=520,
        margin={"l": 50, "r": 20, "t": 60, "b": 40},
        legend={"orientation": "h", "x": 0, "y": -0.14},
        **_controls(len(data.weights)),
    )
    return go.Figure(data=_traces(data), layout=layout, frames=frames)


def _draw_state(axes: Axes, data: Learning, k: int) -> None:
    colors = style.class_colors()
    region, segment = clip_to_box(data.weights[k], data.biases[k])
    if len(region):
        axes.add_patch(Polygon(region, facecolor=style.class_cmap()(1), edgecolor="none"))
    if len(segment):
        axes.plot(segment[:, 0], segment[:, 1], color=style.text_color(), lw=2)
    for label, marker in ((0, "o"), (1, "s")):
        X = data.X[data.y == label]
        axes.scatter(X[:, 0], X[:, 1], s=22, marker=marker, color=colors[label], zorder=3)
    trigger = data.triggers[k]
    if trigger is not None:
        axes.scatter(
            trigger[0],
            trigger[1],
            s=170,
            facecolors="none",
            edgecolors="C4",
            linewidths=2,
            zorder=4,
        )
    title = _(LABELS["short"]).format(k=k, epoch=data.epochs[k], wrong=data.wrong[k])
    axes.set(xlim=BOX, ylim=BOX, aspect="equal", title=title, xlabel=_(LABELS["x1_tex"]))


def _draw_states(
    seed: int, figure: Figure, axes: Sequence[Axes], labelled: Sequence[Axes]
) -> Figure:
    """The line after the first update, halfway through and at the end, one state per axes;
    ``labelled`` are the axes that name the x₂ axis (the first of each row of panels)."""
    data = compute(seed)
    last = len(data.weights) - 1
    for ax, k in zip(axes, (1, (last + 1) // 2, last), strict=True):
        _draw_state(ax, data, k)
    for ax in labelled:
        ax.set_ylabel(_(LABELS["x2_tex"]))
    return figure


def static(seed: int = 0) -> Figure:
    """The three states side by side, for print and readers without JavaScript."""
    figure, axes = style.new_figure(1, 3, width=9.0, height=3.5, sharey=True)
    return _draw_states(seed, figure, axes, axes[:1])


def narrow(seed: int = 0) -> Figure:
    """The same three states for a phone's column, 5 inches wide with 10-pt text: two side by
    side, the last centred under them (each shows its own x₂ ticks)."""
    figure = Figure(figsize=(5.0, 5.6), layout="constrained")
    panels = figure.subplot_mosaic([["first", "first", "half", "half"], [".", "last", "last", "."]])
    first, half, last = panels["first"], panels["half"], panels["last"]
    return _draw_states(seed, figure, [first, half, last], [first, last])

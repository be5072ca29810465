"""What the hidden layer does: it moves the four XOR points until one straight line separates them.

Two panels. First, the input space: the four XOR points on the corners of the unit square, class 0
at (0, 0) and (1, 1), class 1 at (0, 1) and (1, 0); no straight line separates them (the best any
line does is 3 of 4). The two parallel dashed lines are where each of the two tanh hidden units
of a trained 2-2-1 network switches sign, and the shading is the network's decision, a band
between them. Second, the hidden space of the two unit activations (h1, h2): both units respond
only to x1 + x2, so the whole input plane lands on one bent curve (thin line); (0, 1) and (1, 0)
land on the same point at its bend and the two class-0 corners at its two ends. The output
unit's straight decision line cuts off the bend and gets all four points right.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from figures import style
from figures.i18n import N_, _
from nn101.datasets import logic_gate
from nn101.mlp import MLP

ACTIVATION = "tanh"
# Full-batch gradient descent, stopped once every point is right with a loss well below 0.05,
# before the tanh units saturate and squash every point into a corner of the hidden square.
EPOCHS, LEARNING_RATE, OPTIMIZER = 300, 1.0, "sgd"
NEAR = 0.1  # hidden points closer than this share one label
INPUT_BOX = (-0.5, 1.5)
GRID_LINES = np.linspace(-0.5, 1.5, 9)  # input-space grid lines whose images we draw
REGION = np.linspace(*INPUT_BOX, 101)
TICKS = [-0.5, 0.0, 0.5, 1.0, 1.5]
HIDDEN_GRID = np.linspace(-1.2, 1.2, 121)  # tanh units live in (-1, 1)
DIRECTIONS = 720  # for the brute-force search over straight lines
LABELS = {
    "input": N_("input space: no line separates XOR"),
    "hidden": N_("hidden space: one line does"),
    "x1": N_("$x_1$"),
    "x2": N_("$x_2$"),
    "h1": N_("$h_1 = \\tanh(z_1)$"),
    "h2": N_("$h_2 = \\tanh(z_2)$"),
    "unit": N_("$h_{i} = 0$"),
    "output": N_("output unit: $z = 0$"),
    "point": N_("({x:g}, {y:g})"),
    "joiner": N_("\n"),
}


@dataclass(frozen=True)
class Layout:
    """The two panels side by side or stacked (``shape``, rows × columns), the figure's ``size``
    in inches and the point size of the points' labels and the legends."""

    shape: tuple[int, int]
    size: tuple[float, float]
    text_size: float


WIDE = Layout(shape=(1, 2), size=(8.6, 4.3), text_size=9)
# On a phone, stacked in a 5-inch figure: 9.5 pt shows at 9.4 px in the phone's column.
NARROW = Layout(shape=(2, 1), size=(5.0, 9.4), text_size=9.5)


@dataclass(frozen=True)
class HiddenView:
    X: np.ndarray  # (4, 2) XOR inputs
    y: np.ndarray  # (4,) labels
    hidden: np.ndarray  # (4, 2) hidden activations a_1 of the four points
    W1: np.ndarray  # (2, 2) first-layer weights, one column per hidden unit
    b1: np.ndarray  # (2,)
    W2: np.ndarray  # (2, 1) output weights
    b2: np.ndarray  # (1,)
    logits: np.ndarray  # (4,) the output unit's z for the four points
    region: np.ndarray  # predicted class on REGION × REGION (rows along x2)
    hidden_region: np.ndarray  # the output layer's class on HIDDEN_GRID × HIDDEN_GRID
    hidden_correct: int  # hidden points the output layer alone classifies correctly
    warped: list[np.ndarray]  # images in hidden space of the input grid lines, each (m, 2)
    input_best: int  # the most XOR points any straight line classifies right in input space
    hidden_best: int  # the same in hidden space
    final_loss: float


def best_line_accuracy(points: np.ndarray, labels: np.ndarray) -> int:
    """The most points a straight line classifies correctly, by brute force over directions.

    For each direction u (angles offset by half a step, so that no two of a few integer points
    tie), sort the projections u·p and try every threshold between consecutive ones, with either
    side as class 1.
    """
    angles = (np.arange(DIRECTIONS) + 0.5) * np.pi / DIRECTIONS
    projections = points @ np.stack([np.cos(angles), np.sin(angles)])  # (n, directions)
    ordered = labels[np.argsort(projections, axis=0)]
    ones_below = np.vstack([np.zeros(DIRECTIONS), np.cumsum(ordered, axis=0)])
    below = np.arange(len(labels) + 1)[:, None]
    correct = (below - ones_below) + (labels.sum() - ones_below)  # class 0 below, 1 above
    return int(max(correct.max(), (len(labels) - correct).max()))


def _warped_grid(model: MLP) -> list[np.ndarray]:
    t = np.linspace(*INPUT_BOX, 81)
    lines = [np.column_stack([np.full_like(t, c), t]) for c in GRID_LINES]
    lines += [np.column_stack([t, np.full_like(t, c)]) for c in GRID_LINES]
    return [model.forward_trace(line).a[1] for line in lines]


def _output_layer(model: MLP) -> MLP:
    """The trained network's last layer on its own: a 2-1 network fed with hidden activations."""
    layer = MLP([2, 1], activation=ACTIVATION)
    layer.weights, layer.biases = [model.weights[1]], [model.biases[1]]
    return layer


def _on_grid(model: MLP, grid: np.ndarray) -> np.ndarray:
    """Predicted class at every point of grid × grid (rows along the second coordinate)."""
    u, v = np.meshgrid(grid, grid)
    return model.predict(np.column_stack([u.ravel(), v.ravel()])).reshape(u.shape)


def compute(seed: int = 0) -> HiddenView:
    """Train a 2-2-1 network on XOR and read the hidden activations of the four points."""
    X, y = logic_gate("xor")
    model = MLP([2, 2, 1], activation=ACTIVATION, seed=seed)
    model.fit(X, y, epochs=EPOCHS, learning_rate=LEARNING_RATE, optimizer=OPTIMIZER)
    trace = model.forward_trace(X)
    hidden, output_layer = trace.a[1], _output_layer(model)
    return HiddenView(
        X,
        y,
        hidden,
        model.weights[0],
        model.biases[0],
        model.weights[1],
        model.biases[1],
        trace.z[-1][:, 0],
        _on_grid(model, REGION),
        _on_grid(output_layer, HIDDEN_GRID),
        int(np.sum(output_layer.predict(hidden) == y)),
        _warped_grid(model),
        best_line_accuracy(X, y),
        best_line_accuracy(hidden, y),
        model.history[-1],
    )


def _line(axes: Axes, w: np.ndarray, b: float, **kwargs: Any) -> None:
    """The line w·p + b = 0 across the axes."""
    if abs(w[1]) > abs(w[0]):
        axes.axline((0.0, -b / w[1]), slope=-w[0] / w[1], **kwargs)
    else:
        axes.axline((-b / w[0], 0.0), (-(b + w[1]) / w[0], 1.0), **kwargs)


def _points(
    axes: Axes, points: np.ndarray, labels: np.ndarray, names: np.ndarray, text_size: float
) -> None:
    """Mark the points; points that (nearly) coincide share one label listing their inputs."""
    colors = style.class_colors()
    labelled: list[int] = []
    for i, (point, label) in enumerate(zip(points, labels, strict=True)):
        axes.scatter(
            point[0],
            point[1],
            s=80,
            marker="os"[label],
            color=colors[label],
            zorder=4,
            edgecolors=style.text_color(),
            linewidths=1.0,
        )
        if any(np.linalg.norm(points[j] - point) < NEAR for j in labelled):
            continue
        group = [j for j in range(len(points)) if np.linalg.norm(points[j] - point) < NEAR]
        text = _(LABELS["joiner"]).join(
            _(LABELS["point"]).format(x=n[0], y=n[1]) for n in names[group]
        )
        inside = -1 if point[0] > 0.5 * (points[:, 0].max() + points[:, 0].min()) else 1
        axes.annotate(
            text,
            point,
            xytext=(10 * inside, 10),
            textcoords="offset points",
            fontsize=text_size,
            ha="left" if inside > 0 else "right",
            va="bottom",
            zorder=5,
        )
        labelled.append(i)


def _input_panel(axes: Axes, view: HiddenView, text_size: float) -> None:
    axes.contourf(REGION, REGION, view.region, levels=[-0.5, 0.5, 1.5], cmap=style.class_cmap())
    for unit in range(view.W1.shape[1]):
        _line(
            axes,
            view.W1[:, unit],
            view.b1[unit],
            color=f"C{unit + 2}",
            ls="--",
            lw=1.8,
            label=_(LABELS["unit"]).format(i=unit + 1),
        )
    _points(axes, view.X, view.y, view.X, text_size)
    axes.set(
        xlim=INPUT_BOX,
        ylim=INPUT_BOX,
        xticks=TICKS,
        yticks=TICKS,
        aspect="equal",
        title=_(LABELS["input"]),
        xlabel=_(LABELS["x1"]),
        ylabel=_(LABELS["x2"]),
    )
    axes.legend(loc="lower left", fontsize=text_size)


def _hidden_panel(axes: Axes, view: HiddenView, text_size: float) -> None:
    box = (HIDDEN_GRID[0], HIDDEN_GRID[-1])
    levels = [-0.5, 0.5, 1.5]
    axes.contourf(
        HIDDEN_GRID, HIDDEN_GRID, view.hidden_region, levels=levels, cmap=style.class_cmap()
    )
    for curve in view.warped:
        axes.plot(curve[:, 0], curve[:, 1], color=style.text_color(), lw=0.7, alpha=0.45)
    _line(
        axes, view.W2[:, 0], view.b2[0], color=style.text_color(), lw=2, label=_(LABELS["output"])
    )
    _points(axes, view.hidden, view.y, view.X, text_size)
    axes.set(
        xlim=box,
        ylim=box,
        aspect="equal",
        title=_(LABELS["hidden"]),
        xlabel=_(LABELS["h1"]),
        ylabel=_(LABELS["h2"]),
    )
    axes.grid(False)
    axes.legend(loc="lower left", fontsize=text_size)


def _draw(view: HiddenView, layout: Layout) -> Figure:
    figure, (inputs, hidden) = style.new_figure(
        *layout.shape, width=layout.size[0], height=layout.size[1]
    )
    _input_panel(inputs, view, layout.text_size)
    _hidden_panel(hidden, view, layout.text_size)
    return figure


def build(seed: int = 0) -> Figure:
    """Input space left of hidden space, for a desktop column."""
    return _draw(compute(seed), WIDE)


def narrow(seed: int = 0) -> Figure:
    """Input space above hidden space, for a phone column."""
    return _draw(compute(seed), NARROW)

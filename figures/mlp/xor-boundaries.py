"""XOR side by side: linear models fail, one non-linear hidden layer succeeds.

Five panels over the unit square, each shading the region a model assigns to class 1 and
marking the four XOR points (class 0 at (0, 0) and (1, 1), class 1 at (0, 1) and (1, 0)). In the
top row, the perceptron and a three-layer network with identity activations both draw a single
straight boundary and misclassify at least one point. In the bottom row, networks with one hidden
layer of sigmoid, tanh or ReLU units carve out a band between the two diagonals and classify all
four points correctly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from figures import style
from figures.i18n import N_, _
from nn101.datasets import logic_gate
from nn101.mlp import MLP
from nn101.perceptron import Perceptron

GRID = np.linspace(-0.5, 1.5, 121)  # the decision regions' resolution (pixels of each panel)
HIDDEN_UNITS = 8
EPOCHS = 1000
# A linear model's best cross-entropy on XOR is the flat p = 0.5 everywhere: trained to the end,
# the deep linear net has no boundary left to draw. We stop it early to show the line it draws
# on the way; it never gets more than 3 of the 4 points right at any epoch.
LINEAR_EPOCHS = 100
LEARNING_RATE = 0.05
NONLINEAR = ("sigmoid", "tanh", "relu")
LABELS = {
    "perceptron": N_("Perceptron (its best line)"),
    "identity": N_("Deep linear net 2-4-4-1"),
    "mlp": N_("MLP {sizes}, {activation}"),
    "score": N_("{correct}/4 correct"),
    "x1": N_("$x_1$"),
    "x2": N_("$x_2$"),
    "class0": N_("class 0: (0, 0), (1, 1)"),
    "class1": N_("class 1: (0, 1), (1, 0)"),
    "legend": N_("XOR points\n(shading: predicted class)"),
}


@dataclass(frozen=True)
class Panel:
    key: str  # a LABELS key
    region: np.ndarray  # predicted class (0/1) on GRID × GRID, rows along x2
    correct: int  # XOR points classified correctly, out of 4


def _title(key: str) -> str:
    """A panel's model: the perceptron, the linear net, or an MLP with its activation's label."""
    if key in NONLINEAR:
        sizes = f"2-{HIDDEN_UNITS}-1"
        return _(LABELS["mlp"]).format(sizes=sizes, activation=style.activation_label(key))
    return _(LABELS[key])


def _grid_points() -> np.ndarray:
    x1, x2 = np.meshgrid(GRID, GRID)
    return np.column_stack([x1.ravel(), x2.ravel()])


def _panel(
    key: str, predict: Callable[[np.ndarray], np.ndarray], X: np.ndarray, y: np.ndarray
) -> Panel:
    region = np.asarray(predict(_grid_points())).reshape(GRID.size, GRID.size)
    correct = int(np.sum(np.asarray(predict(X)) == y))
    return Panel(key, region, correct)


def _best_perceptron_line(
    X: np.ndarray, y: np.ndarray, seed: int
) -> Callable[[np.ndarray], np.ndarray]:
    """The best line the perceptron ever held: on XOR it never converges, and its final state can
    be w = 0 (no line at all), so we show the line it tried that got the most points right."""
    perceptron = Perceptron(max_epochs=50, seed=seed).fit(X, y)

    def classify(update: int) -> Callable[[np.ndarray], np.ndarray]:
        return lambda points: perceptron.predict(points, update=update)

    lines = [classify(k) for k in range(len(perceptron.history_))]
    return max(lines, key=lambda line: int(np.sum(line(X) == y)))  # first best, deterministic


def compute(seed: int = 0) -> list[Panel]:
    """Train every model on the four XOR points and evaluate it on the grid."""
    X, y = logic_gate("xor")
    panels = [_panel("perceptron", _best_perceptron_line(X, y, seed), X, y)]
    deep_linear = MLP([2, 4, 4, 1], activation="identity", seed=seed)
    deep_linear.fit(X, y, epochs=LINEAR_EPOCHS, learning_rate=LEARNING_RATE, optimizer="adam")
    panels.append(_panel("identity", deep_linear.predict, X, y))
    for name in NONLINEAR:
        model = MLP([2, HIDDEN_UNITS, 1], activation=name, seed=seed)
        model.fit(X, y, epochs=EPOCHS, learning_rate=LEARNING_RATE, optimizer="adam")
        panels.append(_panel(name, model.predict, X, y))
    return panels


def _draw_panel(axes: Axes, panel: Panel, X: np.ndarray, y: np.ndarray) -> None:
    axes.contourf(GRID, GRID, panel.region, levels=[-0.5, 0.5, 1.5], cmap=style.class_cmap())
    style.scatter_classes(axes, X, y)
    score = _(LABELS["score"]).format(correct=panel.correct)
    axes.set(
        title=f"{_title(panel.key)}\n{score}",
        xlabel=_(LABELS["x1"]),
        aspect="equal",
        xticks=[0, 1],
        yticks=[0, 1],
    )
    axes.grid(False)


def _legend(axes: Axes) -> None:
    """The top-right cell explains the markers and the shading instead of holding a panel."""
    no_points = np.empty((0, 2))
    labels = (_(LABELS["class0"]), _(LABELS["class1"]))
    style.scatter_classes(axes, no_points, np.empty(0), labels=labels)
    axes.legend(loc="center", title=_(LABELS["legend"]), fontsize=10)
    axes.set_axis_off()


def build(seed: int = 0) -> Figure:
    X, y = logic_gate("xor")
    panels = compute(seed)
    # Two rows keep the text readable in the page's column: linear models above, MLPs below.
    figure, grid = style.new_figure(2, 3, width=7.6, height=5.8)
    cells = [grid[0, 0], grid[0, 1], grid[1, 0], grid[1, 1], grid[1, 2]]
    for ax, panel in zip(cells, panels, strict=True):
        _draw_panel(ax, panel, X, y)
    for ax in (grid[0, 0], grid[1, 0]):
        ax.set_ylabel(_(LABELS["x2"]))
    _legend(grid[0, 2])
    return figure

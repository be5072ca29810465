"""XOR side by side: linear models fail, one non-linear hidden layer succeeds.

Five panels over the unit square, each shading the region a model assigns to class 1 and
marking the four XOR points (class 0 at (0, 0) and (1, 1), class 1 at (0, 1) and (1, 0)). In the
first two, the perceptron and a three-layer network with identity activations both draw a single
straight boundary, drawn as a line, and misclassify at least one point. In the other three,
networks with one hidden layer of sigmoid, tanh or ReLU units carve out a band between the two
diagonals and classify all four points correctly.
"""

from __future__ import annotations

import functools
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
    "line": N_("decision line $\\mathbf{w}\\cdot\\mathbf{x} + b = 0$"),
}


@dataclass(frozen=True)
class Layout:
    """The grid of cells (``shape``: rows, columns), the figure's ``size`` in inches, the
    (row, column) of each panel in ``compute()``'s order and of the legend, and the point size
    of the panels' titles."""

    shape: tuple[int, int]
    size: tuple[float, float]
    cells: tuple[tuple[int, int], ...]
    legend: tuple[int, int]
    title_size: float


# Two rows keep the text readable in a desktop column: linear models above, MLPs below, the
# legend in the top row's free cell. On a phone, two cells a row in a 5-inch figure: the linear
# models, then the MLPs, the legend last; titles at 10 pt (9.9 px in the phone's column) so the
# longest fits its panel.
WIDE = Layout((2, 3), (7.6, 5.8), ((0, 0), (0, 1), (1, 0), (1, 1), (1, 2)), (0, 2), 11)
NARROW = Layout((3, 2), (5.0, 7.8), ((0, 0), (0, 1), (1, 0), (1, 1), (2, 0)), (2, 1), 10)


@dataclass(frozen=True)
class Panel:
    key: str  # a LABELS key
    region: np.ndarray  # predicted class (0/1) on GRID × GRID, rows along x2
    correct: int  # XOR points classified correctly, out of 4
    line: Line | None = None  # the exact boundary of a linear model


@dataclass(frozen=True)
class Line:
    """The decision line w·x + b = 0 of a linear model: class 1 where w·x + b >= 0."""

    w: np.ndarray  # shape (2,)
    b: float

    def side(self, X: np.ndarray) -> np.ndarray:
        """w·x + b for every row of X; its sign is the class the model gives."""
        return np.asarray(X @ self.w + self.b)

    def points(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """Two points of the line: its point nearest the origin, and one step along it."""
        (x1, x2), (w1, w2) = -self.b * self.w / float(self.w @ self.w), self.w
        return (float(x1), float(x2)), (float(x1 - w2), float(x2 + w1))


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
    key: str,
    predict: Callable[[np.ndarray], np.ndarray],
    X: np.ndarray,
    y: np.ndarray,
    line: Line | None = None,
) -> Panel:
    region = np.asarray(predict(_grid_points())).reshape(GRID.size, GRID.size)
    correct = int(np.sum(np.asarray(predict(X)) == y))
    return Panel(key, region, correct, line)


def _best_perceptron_update(perceptron: Perceptron, X: np.ndarray, y: np.ndarray) -> int:
    """The update after which the perceptron held its best line: on XOR it never converges, and
    its final state can be w = 0 (no line at all), so we show the line it tried that got the most
    points right (the first such, so the choice is deterministic)."""
    updates = range(len(perceptron.history_))
    return max(updates, key=lambda k: int(np.sum(perceptron.predict(X, update=k) == y)))


def _perceptron_panel(X: np.ndarray, y: np.ndarray, seed: int) -> Panel:
    perceptron = Perceptron(max_epochs=50, seed=seed).fit(X, y)
    best = _best_perceptron_update(perceptron, X, y)
    w, b = perceptron.history_[best]
    predict = functools.partial(perceptron.predict, update=best)
    return _panel("perceptron", predict, X, y, Line(w.copy(), float(b)))


def affine_line(model: MLP) -> Line:
    """The boundary of an MLP with identity activations: its layers compose to one affine map,
    logit = x W₁W₂…W_L + (b₁W₂…W_L + … + b_L), and the class flips where that logit is 0."""
    w, b = np.eye(model.layer_sizes[0]), np.zeros(model.layer_sizes[0])
    for W, bias in zip(model.weights, model.biases, strict=True):
        w, b = w @ W, b @ W + bias
    return Line(w[:, 0], float(b[0]))


def compute(seed: int = 0) -> list[Panel]:
    """Train every model on the four XOR points and evaluate it on the grid."""
    X, y = logic_gate("xor")
    panels = [_perceptron_panel(X, y, seed)]
    deep_linear = MLP([2, 4, 4, 1], activation="identity", seed=seed)
    deep_linear.fit(X, y, epochs=LINEAR_EPOCHS, learning_rate=LEARNING_RATE, optimizer="adam")
    panels.append(_panel("identity", deep_linear.predict, X, y, affine_line(deep_linear)))
    for name in NONLINEAR:
        model = MLP([2, HIDDEN_UNITS, 1], activation=name, seed=seed)
        model.fit(X, y, epochs=EPOCHS, learning_rate=LEARNING_RATE, optimizer="adam")
        panels.append(_panel(name, model.predict, X, y))
    return panels


def _draw_panel(axes: Axes, panel: Panel, X: np.ndarray, y: np.ndarray, title_size: float) -> None:
    axes.contourf(GRID, GRID, panel.region, levels=[-0.5, 0.5, 1.5], cmap=style.class_cmap())
    if panel.line is not None:
        start, end = panel.line.points()
        axes.axline(start, end, color=style.text_color(), linewidth=1.8, zorder=2)
    style.scatter_classes(axes, X, y)
    axes.set(xlim=(GRID[0], GRID[-1]), ylim=(GRID[0], GRID[-1]))
    score = _(LABELS["score"]).format(correct=panel.correct)
    axes.set_title(f"{_title(panel.key)}\n{score}", fontsize=title_size)
    axes.set(
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
    axes.plot([], [], color=style.text_color(), linewidth=1.8, label=_(LABELS["line"]))
    axes.legend(loc="center", title=_(LABELS["legend"]), fontsize=10)
    axes.set_axis_off()


def _draw(panels: list[Panel], layout: Layout) -> Figure:
    X, y = logic_gate("xor")
    figure, grid = style.new_figure(*layout.shape, width=layout.size[0], height=layout.size[1])
    for (row, column), panel in zip(layout.cells, panels, strict=True):
        _draw_panel(grid[row, column], panel, X, y, layout.title_size)
        if column == 0:
            grid[row, column].set_ylabel(_(LABELS["x2"]))
    _legend(grid[layout.legend])
    return figure


def build(seed: int = 0) -> Figure:
    """Linear models above, MLPs below, for a desktop column."""
    return _draw(compute(seed), WIDE)


def narrow(seed: int = 0) -> Figure:
    """The same five panels two a row, for a phone column."""
    return _draw(compute(seed), NARROW)

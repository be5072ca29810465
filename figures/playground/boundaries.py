"""The same network with five activations on four datasets: the linear one fails wherever the
boundary must bend.

A grid of decision-region plots, one row per dataset (xor, circles, moons, spiral; 200 training
points each, shown as dots in the two class colours) and one column per hidden activation
(identity, sigmoid, tanh, ReLU, GELU). Every panel is a 2-16-16-1 network trained for 300
full-batch Adam epochs; the shading shows which class it predicts where, and the title gives its
accuracy on the training points and on 200 fresh test points. The identity network draws one
straight line every time: 46 to 56 % on xor and circles, 63 % on the spiral, 89 % on moons. The
non-linear networks get 98 % or more of the training points of xor, circles and moons. On the
spiral, tanh, ReLU and GELU reach 94 % of the training points (80 to 82 % of the test points)
with regions that wind along the arms, while the sigmoid network's boundary has only begun to
curve (70 %).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from figures import style
from figures.i18n import N_, _
from figures.playground import _training as training

RESOLUTION = 80  # grid points per side of each panel
LABELS = {
    "xor": N_("xor"),
    "circles": N_("circles"),
    "moons": N_("moons"),
    "spiral": N_("spiral"),
    "score": N_("train {train:.0%}\ntest {test:.0%}"),
}


@dataclass(frozen=True)
class Panel:
    dataset: str
    activation: str
    x1: np.ndarray  # grid axis along x1
    x2: np.ndarray  # grid axis along x2
    region: np.ndarray  # predicted class (0/1) on the grid, rows along x2
    train_accuracy: float
    test_accuracy: float
    final_loss: float  # training loss of the last epoch


def _panel(dataset: str, activation: str, data: training.Data, seed: int) -> Panel:
    model = training.train(data, activation, seed)
    x1, x2, points = training.grid(data.X, RESOLUTION)
    region = model.predict(points).reshape(x2.size, x1.size).astype(np.int8)
    return Panel(
        dataset,
        activation,
        x1,
        x2,
        region,
        training.accuracy(model, data.X, data.y),
        training.accuracy(model, data.X_test, data.y_test),
        model.history[-1],
    )


def compute(seed: int = 0) -> dict[tuple[str, str], Panel]:
    """Train every (dataset, activation) pair; keys are (dataset, activation)."""
    panels = {}
    for dataset in training.DATASETS:
        data = training.load(dataset, seed)
        for activation in training.ACTIVATIONS:
            panels[dataset, activation] = _panel(dataset, activation, data, seed)
    return panels


@dataclass(frozen=True)
class Layout:
    """How large the grid is drawn: the figure's ``size`` in inches, point sizes of the texts
    (each panel's accuracies, the datasets' row labels, the activations' column headers), the
    area of the data points' dots (pt²), where the column headers sit (in axes heights above
    the top panels' bottom edges) and the characters a header line may hold (None: no wrapping).
    """

    size: tuple[float, float]
    score_size: float
    row_label_size: float
    header_size: float
    dot_area: float
    header_height: float
    header_chars: int | None


WIDE = Layout((10.0, 10.5), 10.5, 13, 12, dot_area=6, header_height=1.36, header_chars=None)
# On a phone, the same 4 × 5 grid in a 5-inch figure: 9.5-pt accuracies show at 9.4 px in the
# phone's column, the dots shrink with the panels and the longest header takes two lines.
NARROW = Layout((5.0, 6.1), 9.5, 10.5, 10, dot_area=2.5, header_height=1.55, header_chars=10)


def _draw(axes: Axes, panel: Panel, data: training.Data, layout: Layout) -> None:
    region = (panel.x1, panel.x2, panel.region)
    axes.contourf(*region, levels=[-0.5, 0.5, 1.5], cmap=style.class_cmap(), rasterized=True)
    colors = style.class_colors()
    for label in (0, 1):
        points = data.X[data.y == label]
        axes.scatter(
            points[:, 0],
            points[:, 1],
            s=layout.dot_area,
            color=colors[label],
            linewidths=0,
            rasterized=True,
        )
    score = _(LABELS["score"]).format(train=panel.train_accuracy, test=panel.test_accuracy)
    axes.set_title(score, fontsize=layout.score_size, linespacing=1.1)
    axes.set(xticks=[], yticks=[], aspect="equal")
    axes.grid(False)


def _header(activation: str, layout: Layout) -> str:
    name = training.activation_name(activation)
    return name if layout.header_chars is None else textwrap.fill(name, layout.header_chars)


def _draw_grid(panels: dict[tuple[str, str], Panel], seed: int, layout: Layout) -> Figure:
    rows, columns = training.DATASETS, training.ACTIVATIONS
    figure, axes = style.new_figure(
        len(rows), len(columns), width=layout.size[0], height=layout.size[1]
    )
    for i, dataset in enumerate(rows):
        data = training.load(dataset, seed)
        for j, activation in enumerate(columns):
            _draw(axes[i, j], panels[dataset, activation], data, layout)
        axes[i, 0].set_ylabel(_(LABELS[dataset]), fontsize=layout.row_label_size)
    for j, activation in enumerate(columns):
        axes[0, j].annotate(
            _header(activation, layout),
            (0.5, layout.header_height),
            xycoords="axes fraction",
            ha="center",
            fontsize=layout.header_size,
            fontweight="bold",
        )
    return figure


def build(seed: int = 0) -> Figure:
    """The grid for a desktop column."""
    return _draw_grid(compute(seed), seed, WIDE)


def narrow(seed: int = 0) -> Figure:
    """The same grid, smaller, for a phone column."""
    return _draw_grid(compute(seed), seed, NARROW)

"""A multi-layer perceptron with two hidden layers, drawn from its layer sizes.

Network diagram read from left to right: an input layer of 3 units, two hidden layers of 4 units
and an output layer of 2 units, every unit connected to every unit of the next layer. Under each
block of connections, its weight matrix and bias with their shapes: W1 is 3 × 4 and b1 has 4
entries, W2 is 4 × 4 and b2 has 4, W3 is 4 × 2 and b3 has 2, read from the weights of an actual
nn101 MLP. Above each layer, the matrix that holds its values for a batch of n samples: X, then
A1 and A2, then the output Ŷ.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from figures import style
from figures.i18n import N_, _
from nn101.mlp import MLP

LAYER_SIZES = (3, 4, 4, 2)
ACTIVATION = "tanh"
OUTPUT = "softmax"  # two output units: one probability per class
LAYER_GAP, UNIT_GAP, RADIUS = 3.0, 1.0, 0.28
VALUES = ("$X$", "$A_1$", "$A_2$", "$\\hat{{Y}}$")  # maths only: the same in every language
LABELS: dict[str, Any] = {
    "layers": [N_("input layer"), N_("hidden layer 1"), N_("hidden layer 2"), N_("output layer")],
    "shape": N_("$(n, {units})$"),
    "weights": N_("$W_{l}$: {rows} × {cols}"),
    "bias": N_("$b_{l}$: {size}"),
}


@dataclass(frozen=True)
class Architecture:
    layer_sizes: list[int]
    units: list[np.ndarray]  # per layer, the (x, y) centres of its units, shape (size, 2)
    weight_shapes: list[tuple[int, ...]]  # W_l.shape, read from a built MLP
    bias_shapes: list[tuple[int, ...]]  # b_l.shape
    n_parameters: int


def compute(seed: int = 0) -> Architecture:
    """Lay the units out in columns and read the parameter shapes from a real MLP."""
    model = MLP(list(LAYER_SIZES), activation=ACTIVATION, output=OUTPUT, seed=seed)
    units = []
    for column, size in enumerate(model.layer_sizes):
        y = (np.arange(size)[::-1] - (size - 1) / 2) * UNIT_GAP
        units.append(np.column_stack([np.full(size, column * LAYER_GAP), y]))
    return Architecture(
        model.layer_sizes,
        units,
        [W.shape for W in model.weights],
        [b.shape for b in model.biases],
        model.n_parameters,
    )


def _connections(axes: Axes, arch: Architecture) -> None:
    for layer, (left, right) in enumerate(zip(arch.units, arch.units[1:], strict=False)):
        color = f"C{layer % 3}"
        for start in left:
            for end in right:
                gap = RADIUS * (end - start) / np.linalg.norm(end - start)  # stop at the circles
                segment = np.column_stack([start + gap, end - gap])
                axes.plot(*segment, color=color, lw=0.9, alpha=0.7)


def _units(axes: Axes, arch: Architecture) -> None:
    ink = style.text_color()
    top = max(centres[:, 1].max() for centres in arch.units)
    for layer, centres in enumerate(arch.units):
        fill = to_rgba("C5", 0.25) if layer in (0, len(arch.units) - 1) else to_rgba("C2", 0.25)
        for x, y in centres:
            axes.add_patch(Circle((x, y), RADIUS, facecolor=fill, edgecolor=ink, zorder=3))
        x = centres[0, 0]
        shape = _(LABELS["shape"]).format(units=arch.layer_sizes[layer])
        axes.text(x, top + 0.6, f"{VALUES[layer]} {shape}", ha="center", fontsize=10)
        axes.text(x, top + 1.2, _(LABELS["layers"][layer]), ha="center", fontsize=10)


def _parameter_labels(axes: Axes, arch: Architecture) -> None:
    bottom = min(centres[:, 1].min() for centres in arch.units)
    for layer, (w_shape, b_shape) in enumerate(
        zip(arch.weight_shapes, arch.bias_shapes, strict=True), start=1
    ):
        x = (layer - 0.5) * LAYER_GAP
        weights = _(LABELS["weights"]).format(l=layer, rows=w_shape[0], cols=w_shape[1])
        bias = _(LABELS["bias"]).format(l=layer, size=b_shape[0])
        color = f"C{(layer - 1) % 3}"
        axes.text(x, bottom - 0.75, weights, ha="center", va="top", fontsize=11, color=color)
        axes.text(x, bottom - 1.3, bias, ha="center", va="top", fontsize=11, color=color)


def _diagram(seed: int, size: tuple[float, float]) -> Figure:
    """The diagram in a figure of ``size`` inches; its text keeps its point sizes, so a
    smaller figure shows it larger relative to the drawing."""
    arch = compute(seed)
    figure, axes = style.new_figure(width=size[0], height=size[1])
    _connections(axes, arch)
    _units(axes, arch)
    _parameter_labels(axes, arch)
    width = (len(arch.layer_sizes) - 1) * LAYER_GAP
    half = (max(arch.layer_sizes) - 1) / 2 * UNIT_GAP
    axes.set(xlim=(-1.0, width + 1.0), ylim=(-half - 2.0, half + 1.7), aspect="equal")
    axes.set_axis_off()
    return figure


def build(seed: int = 0) -> Figure:
    """The diagram for a desktop column."""
    return _diagram(seed, (7.0, 4.0))


def narrow(seed: int = 0) -> Figure:
    """The same diagram 5 inches wide: its 10-pt labels show at 9.9 CSS px on a phone."""
    return _diagram(seed, (5.0, 3.0))

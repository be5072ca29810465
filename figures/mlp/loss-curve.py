"""Training loss on XOR: every non-linear network learns it, the linear one stalls at log 2.

Line chart of the mean binary cross-entropy over 1000 epochs of full-batch Adam on the four XOR
points, with a logarithmic loss axis. Networks with one hidden layer of 8 sigmoid, tanh or ReLU
units drive the loss below 0.01 within the first 300 epochs and keep lowering it. A deeper
network with identity activations (2-4-4-1) flattens out at log 2 ≈ 0.693, drawn as a dotted
line: the loss of answering one half for every point, the best any linear model can do on XOR.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from figures import style
from figures.i18n import N_, _
from nn101.datasets import logic_gate
from nn101.mlp import MLP

EPOCHS, LEARNING_RATE = 1000, 0.05  # full batch, Adam: the settings of mlp/xor-boundaries
HIDDEN_UNITS = 8
NETWORKS = {  # activation -> layer sizes
    "sigmoid": [2, HIDDEN_UNITS, 1],
    "tanh": [2, HIDDEN_UNITS, 1],
    "relu": [2, HIDDEN_UNITS, 1],
    "identity": [2, 4, 4, 1],
}
LABELS = {
    "net": N_("{activation}, {sizes}"),
    "linear": N_("{activation} (linear), {sizes}"),
    "log2": N_("log 2 ≈ 0.693"),
    "x": N_("epoch"),
    "y": N_("training loss (binary cross-entropy)"),
    "title": N_("Learning XOR: loss per epoch"),
}


@dataclass(frozen=True)
class LossCurves:
    epochs: np.ndarray  # 1..EPOCHS
    losses: dict[str, np.ndarray]  # activation -> mean loss per epoch (MLP.history)
    accuracy: dict[str, int]  # activation -> XOR points classified correctly at the end


def compute(seed: int = 0) -> LossCurves:
    """Train each network from the same seed on the four XOR points."""
    X, y = logic_gate("xor")
    losses, accuracy = {}, {}
    for name, sizes in NETWORKS.items():
        model = MLP(sizes, activation=name, seed=seed)
        model.fit(X, y, epochs=EPOCHS, learning_rate=LEARNING_RATE, optimizer="adam")
        losses[name] = np.array(model.history)
        accuracy[name] = int(np.sum(model.predict(X) == y))
    return LossCurves(np.arange(1, EPOCHS + 1), losses, accuracy)


def _net_label(name: str) -> str:
    """The legend's name of a network: its activation and its layer sizes."""
    sizes = "2-4-4-1" if name == "identity" else f"2-{HIDDEN_UNITS}-1"
    message = LABELS["linear" if name == "identity" else "net"]
    return _(message).format(activation=style.activation_label(name), sizes=sizes)


@dataclass(frozen=True)
class _Layout:
    """Where the curves are drawn: the figure's size in inches and the legend's place."""

    width: float
    height: float
    legend_below: bool  # under the axes, in two columns, where a phone's column has room


WIDE = _Layout(width=7.0, height=3.8, legend_below=False)
# A phone's 358 px column shows a 5-inch figure's 10-pt text at 9.9 px (at least 9 px needed).
NARROW = _Layout(width=5.0, height=5.0, legend_below=True)


def build(seed: int = 0) -> Figure:
    return _draw(compute(seed), WIDE)


def narrow(seed: int = 0) -> Figure:
    """The same curves for a phone's column: narrower, taller, the legend under the axes."""
    return _draw(compute(seed), NARROW)


def _draw(curves: LossCurves, layout: _Layout) -> Figure:
    figure, axes = style.new_figure(width=layout.width, height=layout.height)
    for name, loss in curves.losses.items():
        look = style.activation_look(name)
        axes.plot(curves.epochs, loss, color=look.color, ls=look.linestyle, label=_net_label(name))
    axes.axhline(math.log(2), color=style.text_color(), ls=":", lw=1.2, label=_(LABELS["log2"]))
    axes.set(
        yscale="log",
        xlim=(0, curves.epochs[-1]),
        xlabel=_(LABELS["x"]),
        ylabel=_(LABELS["y"]),
        title=_(LABELS["title"]),
    )
    if layout.legend_below:
        figure.legend(*axes.get_legend_handles_labels(), loc="outside lower center", ncols=2)
    else:
        axes.legend(loc="center right")
    return figure

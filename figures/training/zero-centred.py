"""Tanh hidden layers train much faster than sigmoid ones, even when sigmoid gets a 4× larger step.

Two panels, one per dataset (two moons first, then two circles), for a network with two hidden
layers of 16 units trained by plain full-batch gradient descent. Each shows the training loss on
a logarithmic axis over 300 epochs, the mean of five seeds as a line and their range as a band:
tanh hidden units with learning rate 0.5, sigmoid hidden units with the same learning rate and
sigmoid hidden units with a four times larger learning rate, 2. On both datasets the tanh
network's loss drops far below both sigmoid networks' on every seed; on the circles the sigmoid
networks barely leave ln 2, the loss of guessing one half.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from figures import style
from figures.i18n import N_, _
from nn101 import datasets
from nn101.mlp import MLP

DATASETS = ("moons", "circles")  # functions of nn101.datasets
N_POINTS, NOISE, DATA_SEED = 200, 0.1, 0
LAYER_SIZES = [2, 16, 16, 1]
N_SEEDS = 5  # seeds seed .. seed + 4
EPOCHS, OPTIMIZER = 300, "sgd"  # full batch
LEARNING_RATE = 0.5
# (label key, hidden activation, learning rate); sigmoid also gets 4 η, because tanh(z) =
# 2σ(2z) − 1 makes a tanh network a sigmoid network with weights scaled by 2 or 4 plus shifted
# biases: a larger step makes up for the scaling, not for the shift.
RUNS = (
    ("tanh", "tanh", LEARNING_RATE),
    ("sigmoid", "sigmoid", LEARNING_RATE),
    ("sigmoid_4x", "sigmoid", 4 * LEARNING_RATE),
)
LABELS = {
    "run": N_("{activation}, η = {lr:g}"),
    "moons": N_("Two moons"),
    "circles": N_("Two circles"),
    "epoch": N_("epoch"),
    "loss": N_("training loss"),
}


@dataclass(frozen=True)
class ZeroCentred:
    losses: dict[str, dict[str, np.ndarray]]  # dataset -> run key -> (N_SEEDS, EPOCHS) losses


def history(dataset: str, activation: str, learning_rate: float, seed: int) -> np.ndarray:
    """Training loss per epoch of one network."""
    X, y = getattr(datasets, dataset)(N_POINTS, noise=NOISE, seed=DATA_SEED)
    model = MLP(LAYER_SIZES, activation=activation, seed=seed)
    model.fit(X, y, epochs=EPOCHS, learning_rate=learning_rate, optimizer=OPTIMIZER)
    return np.array(model.history)


def compute(seed: int = 0) -> ZeroCentred:
    seeds = range(seed, seed + N_SEEDS)
    losses = {
        data: {key: np.array([history(data, act, lr, s) for s in seeds]) for key, act, lr in RUNS}
        for data in DATASETS
    }
    return ZeroCentred(losses)


def _run_label(activation: str, lr: float) -> str:
    return _(LABELS["run"]).format(activation=style.activation_label(activation), lr=lr)


def _draw(seed: int, grid: tuple[int, int], size: tuple[float, float]) -> Figure:
    """One panel per dataset in a ``grid`` of (rows, columns), ``size`` inches."""
    result = compute(seed)
    figure, axes = style.new_figure(*grid, width=size[0], height=size[1], sharey=True)
    epochs = np.arange(1, EPOCHS + 1)
    for ax, data in zip(axes, DATASETS, strict=True):
        for key, activation, lr in RUNS:
            runs = result.losses[data][key]
            # Both sigmoid runs wear the sigmoid's look; the one with 4 η is dashed.
            look = style.activation_look(activation)
            dashes = "--" if key == "sigmoid_4x" else look.linestyle
            ax.fill_between(
                epochs, runs.min(axis=0), runs.max(axis=0), color=look.color, alpha=0.2, lw=0
            )
            label = _run_label(activation, lr)
            ax.plot(epochs, runs.mean(axis=0), color=look.color, ls=dashes, label=label)
        ax.set(yscale="log", xlim=(0, EPOCHS), xlabel=_(LABELS["epoch"]), title=_(LABELS[data]))
        if ax.get_subplotspec().is_first_col():
            ax.set_ylabel(_(LABELS["loss"]))
    axes[0].legend(loc="lower left")
    return figure


def build(seed: int = 0) -> Figure:
    """The two datasets side by side, for a desktop column."""
    return _draw(seed, (1, len(DATASETS)), (10.0, 3.6))


def narrow(seed: int = 0) -> Figure:
    """The same panels stacked, 5 inches wide: 10-pt text for a phone's column."""
    return _draw(seed, (len(DATASETS), 1), (5.0, 6.4))

"""The learning rate: too small crawls, a good one converges fast, too large never settles.

Line chart of the training loss (mean binary cross-entropy) over 100 epochs of full-batch
gradient descent for one sigmoid neuron on 200 points of two overlapping Gaussian blobs, from
the same initial weights, for three learning rates. With η = 0.03 the loss falls steadily but is
still near 0.30 after 100 epochs. With η = 3 it is within 0.002 of the smallest possible loss,
about 0.199 (dotted line), by epoch 10, and stays there. With η = 50 the first step overshoots and
raises the loss from 0.59 to about 1.26; the loss then comes down to the minimum, but cannot stay
there: from about epoch 23 on it jumps up and down, as high as 0.73 in the last 50 epochs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from figures import style
from figures.i18n import N_, _
from figures.learning._neuron import best_loss, data, neuron

EPOCHS = 100
RATES = {"small": 0.03, "good": 3.0, "large": 50.0}  # learning rates η, one curve each
# Inches: at a phone's 358 px column, 10 pt text is then 9 px or more.
WIDTH = 5.4
LABELS = {
    "small": N_("too small: η = {rate:g}"),
    "good": N_("good: η = {rate:g}"),
    "large": N_("too large: η = {rate:g}"),
    "best": N_("smallest loss ≈ {loss:.3f}"),
    "x": N_("epoch"),
    "y": N_("training loss (binary cross-entropy)"),
    "title": N_("One sigmoid neuron, full-batch gradient descent"),
}


@dataclass(frozen=True)
class LearningRateCurves:
    epochs: np.ndarray  # 1..EPOCHS
    losses: dict[str, np.ndarray]  # key of RATES -> mean loss before each step (MLP.history)
    best_loss: float  # the loss of the long, safe run: the minimum the curves aim for


def compute(seed: int = 0) -> LearningRateCurves:
    """Train the same neuron, from the same weights, once per learning rate."""
    X, y = data(seed)
    losses = {}
    for key, rate in RATES.items():
        model = neuron(seed).fit(X, y, epochs=EPOCHS, learning_rate=rate)
        losses[key] = np.array(model.history)
    return LearningRateCurves(np.arange(1, EPOCHS + 1), losses, best_loss(seed))


def build(seed: int = 0) -> Figure:
    curves = compute(seed)
    figure, axes = style.new_figure(width=WIDTH, height=3.6)
    colors = style.palette()
    for index, (key, loss) in enumerate(curves.losses.items()):
        label = _(LABELS[key]).format(rate=RATES[key])
        axes.plot(curves.epochs, loss, color=colors[index], label=label)
    best_label = _(LABELS["best"]).format(loss=curves.best_loss)
    axes.axhline(curves.best_loss, color=style.text_color(), ls=":", lw=1.2, label=best_label)
    axes.set(
        xlim=(0, curves.epochs[-1]),
        ylim=(0.0, 1.4),
        xlabel=_(LABELS["x"]),
        ylabel=_(LABELS["y"]),
        title=_(LABELS["title"]),
    )
    axes.legend(loc="upper right")
    return figure

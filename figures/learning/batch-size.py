"""Batch size: small batches progress about as much per update as the full batch, for less work.

Two line charts of the same training at four batch sizes B: one sigmoid neuron on the 200 points
of the learning-rate figure, plain gradient descent with η = 0.3 for 30 epochs, the loss measured
on all 200 points after every epoch. Left, against epochs: the smaller the batch, the more
updates an epoch holds (1, 4, 20 and 200) and the faster the loss falls; after one epoch it is
0.52 for the full batch and 0.20 for one point per update. Right, the same curves against the
number of updates, on a logarithmic axis: the curves of B = 200, 50 and 10 lie on top of each
other (all three are at 0.24 after 20 updates), so each update makes about the same progress
whatever its batch size. One-point updates are noisy: that curve keeps wandering above the
smallest loss (dotted) instead of settling on it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from figures import style
from figures.i18n import N_, _, ngettext
from figures.learning._neuron import best_loss, data, neuron

EPOCHS, LEARNING_RATE = 30, 0.3  # one rate for all batch sizes: small enough for one-point steps
BATCH_SIZES = (200, 50, 10, 1)  # 200 = every point: full-batch gradient descent
LABELS = {
    "epochs": N_("against epochs"),
    "updates": N_("against updates"),
    "x_epochs": N_("epoch"),
    "x_updates": N_("updates (weight changes)"),
    "y": N_("training loss on all {n} points"),
    "full": N_("full batch (B = {size})"),
    "best": N_("smallest loss"),
}


@dataclass(frozen=True)
class BatchCurves:
    n_points: int
    losses: dict[int, np.ndarray]  # batch size -> loss on all points, at epochs 0..EPOCHS
    updates_per_epoch: dict[int, int]  # batch size -> optimizer steps in one epoch
    best_loss: float  # the minimum, from the learning-rate figure's long run


def train(size: int, seed: int) -> np.ndarray:
    """The loss on all points before training and after each epoch, at batch size `size`."""
    X, y = data(seed)
    model = neuron(seed)
    measured = [model.loss(X, y)]
    model.fit(
        X,
        y,
        epochs=EPOCHS,
        learning_rate=LEARNING_RATE,
        batch_size=size,
        callback=lambda _epoch, trained: measured.append(trained.loss(X, y)),
    )
    return np.array(measured)


def compute(seed: int = 0) -> BatchCurves:
    """Train the same neuron, from the same weights, once per batch size."""
    n_points = len(data(seed)[1])
    losses = {size: train(size, seed) for size in BATCH_SIZES}
    steps = {size: math.ceil(n_points / size) for size in BATCH_SIZES}
    return BatchCurves(n_points, losses, steps, best_loss(seed))


def _label(size: int, n_points: int) -> str:
    if size == n_points:
        return _(LABELS["full"]).format(size=size)
    return ngettext("B = {size} point per update", "B = {size} points per update", size).format(
        size=size
    )


def build(seed: int = 0) -> Figure:
    curves = compute(seed)
    # Narrow, with the legend below the panels: at a phone's 358 px column, 10 pt text is 9 px.
    figure, (left, right) = style.new_figure(1, 2, width=5.4, height=4.4, sharey=True)
    colors = style.palette()
    for index, (size, loss) in enumerate(curves.losses.items()):
        epochs = np.arange(len(loss))
        label = _label(size, curves.n_points)
        left.plot(epochs, loss, color=colors[index], label=label)
        # Update 0 has no place on a logarithmic axis: start at the end of the first epoch.
        updates = epochs[1:] * curves.updates_per_epoch[size]
        right.plot(updates, loss[1:], color=colors[index])
    for axes in (left, right):
        axes.axhline(curves.best_loss, color=style.text_color(), ls=":", lw=1.2)
    left.plot([], [], color=style.text_color(), ls=":", lw=1.2, label=_(LABELS["best"]))
    left.set(
        xlim=(0, EPOCHS),
        xticks=[0, 10, 20, 30],
        title=_(LABELS["epochs"]),
        xlabel=_(LABELS["x_epochs"]),
        ylabel=_(LABELS["y"]).format(n=curves.n_points),
    )
    right.set(xscale="log", title=_(LABELS["updates"]), xlabel=_(LABELS["x_updates"]))
    figure.legend(loc="outside lower center", ncols=2)
    return figure

"""A ten-layer network at initialisation and in training: which ones learn, and why the
initialisation must suit the activation.

Two panels, one above the other, for networks with 10 hidden layers of 32 units on the two-moons
data. Four use their activation's own initialisation (what nn101's init="auto" picks): sigmoid
and tanh with Xavier, ReLU with He, SELU with LeCun. Two deliberately use the wrong one, drawn
dotted with crosses: GELU with Xavier (its own is He) and SELU with He. Top, on a logarithmic
axis: the norm of the loss gradient for each of the 11 weight matrices at initialisation, lines
for the middle of three seeds and bands for their range. The sigmoid line climbs more than five
orders of magnitude, about a million, from layer 1 to layer 11; tanh, ReLU and SELU with LeCun
initialisation stay within a factor of ten across the layers; GELU with Xavier is level but
several hundred times lower than tanh; SELU with He is level and roughly ten times higher than
ReLU. Bottom, also logarithmic: the training loss of one seed over 200 epochs of plain full-batch
gradient descent with learning rate 0.2. Tanh, ReLU and SELU with LeCun initialisation fall below
0.01, sigmoid and GELU with Xavier stay at ln 2 (the loss of predicting one half everywhere) and
SELU with He's initialisation explodes within a few epochs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from figures import style
from figures.i18n import N_, _
from figures.training._deep import (
    HIDDEN_LAYERS,
    NETWORKS,
    Network,
    build_network,
    data,
    line_style,
)
from nn101.mlp import MLP

N_SEEDS = 3  # gradient norms at initialisation for seeds seed, seed + 1, seed + 2
EPOCHS, LEARNING_RATE, OPTIMIZER = 200, 0.2, "sgd"  # full batch
LOSS_LIMITS = (1e-4, 10.0)  # the loss axis; a diverging run leaves it at the top
# One column wide: on a phone every text is at least 9 CSS px (tests/test_figure_training).
WIDTH, HEIGHT, LEGEND_SIZE, NOTE_SIZE = 5.0, 7.4, 10, 10
LABELS = {
    "layer": N_("layer $l$ (1 = next to the input, 11 = output)"),
    "norm": N_(r"$\|\partial L / \partial W_l\|$ at initialisation"),
    "epoch": N_("epoch"),
    "loss": N_("training loss"),
    "diverged": N_("diverged"),
    "ln2": N_("ln 2: the constant prediction ½"),
    "left": N_("Gradient norm per layer"),
    "right": N_("Plain gradient descent, η = {lr}"),
}


@dataclass(frozen=True)
class VanishingGradients:
    """Keyed by ``Network.key``: "sigmoid", "tanh", "relu", "gelu+xavier", "selu", "selu+he"."""

    norms: dict[str, np.ndarray]  # (N_SEEDS, 11) Frobenius norms of dL/dW_l at initialisation
    losses: dict[str, np.ndarray]  # loss per epoch (seed `seed`), cut at divergence
    diverged: dict[str, bool]  # training stopped with a non-finite loss


def gradient_norms(model: MLP, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """‖∂L/∂W_l‖ (Frobenius norm) for every layer l, from the library's backpropagation."""
    _, grad_w, _ = model.loss_and_grads(X, y)
    return np.array([np.linalg.norm(g) for g in grad_w])


def train(net: Network, seed: int, X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, bool]:
    """Loss per epoch of plain gradient descent, and whether the run diverged."""
    model = build_network(net, seed)
    try:
        model.fit(X, y, epochs=EPOCHS, learning_rate=LEARNING_RATE, optimizer=OPTIMIZER)
    except FloatingPointError:
        return np.array(model.history), True
    return np.array(model.history), False


def compute(seed: int = 0) -> VanishingGradients:
    X, y = data()
    norms, losses, diverged = {}, {}, {}
    for net in NETWORKS:
        models = [build_network(net, seed + k) for k in range(N_SEEDS)]
        norms[net.key] = np.array([gradient_norms(m, X, y) for m in models])
        losses[net.key], diverged[net.key] = train(net, seed, X, y)
    return VanishingGradients(norms, losses, diverged)


def _draw_norms(axes: Axes, result: VanishingGradients) -> None:
    """Median gradient norm per layer over the seeds, with their range as a band."""
    layers = np.arange(1, HIDDEN_LAYERS + 2)
    for net in NETWORKS:
        look, norms = line_style(net), result.norms[net.key]
        axes.fill_between(
            layers, norms.min(axis=0), norms.max(axis=0), color=look["color"], alpha=0.15
        )
        axes.plot(layers, np.median(norms, axis=0), markersize=4, **look)
    axes.set(yscale="log", xticks=layers, xlabel=_(LABELS["layer"]), ylabel=_(LABELS["norm"]))
    axes.set_title(_(LABELS["left"]))


def _mark_divergence(axes: Axes, epoch: int, color: str) -> None:
    """A cross at the top of the loss axis where a run stopped with a non-finite loss."""
    top = LOSS_LIMITS[1]
    axes.plot(epoch, top, "x", color=color, markersize=9, mew=2.5, clip_on=False)
    axes.annotate(
        _(LABELS["diverged"]),
        (epoch, top),
        xytext=(8, -14),
        textcoords="offset points",
        color=color,
        fontsize=NOTE_SIZE,
    )


def _draw_losses(axes: Axes, result: VanishingGradients) -> None:
    """Training loss per epoch, clipped at the top of the axis (no markers: 200 points)."""
    for net in NETWORKS:
        look = line_style(net)
        losses = np.minimum(result.losses[net.key], LOSS_LIMITS[1])
        epochs = np.arange(1, losses.size + 1)
        axes.plot(epochs, losses, **{**look, "marker": None, "label": None})
        if result.diverged[net.key]:
            _mark_divergence(axes, int(epochs[-1]), look["color"])
    axes.annotate(
        _(LABELS["ln2"]),
        (EPOCHS, np.log(2.0)),
        xytext=(-4, 4),
        textcoords="offset points",
        ha="right",
        va="bottom",
        fontsize=NOTE_SIZE,
    )
    axes.set(yscale="log", ylim=LOSS_LIMITS, xlim=(0, EPOCHS), xlabel=_(LABELS["epoch"]))
    axes.set(ylabel=_(LABELS["loss"]), title=_(LABELS["right"]).format(lr=LEARNING_RATE))


def build(seed: int = 0) -> Figure:
    result = compute(seed)
    figure, (top, bottom) = style.new_figure(2, 1, width=WIDTH, height=HEIGHT)
    _draw_norms(top, result)
    _draw_losses(bottom, result)
    figure.legend(loc="outside lower center", ncols=2, fontsize=LEGEND_SIZE)
    return figure

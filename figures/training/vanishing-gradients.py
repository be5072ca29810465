"""A ten-layer network at initialisation and in training: only the tanh and ReLU versions learn.

Two panels for a network with 10 hidden layers of 32 units on the two-moons data, with the
library's default initialisation (Xavier for sigmoid, tanh and GELU, He for ReLU and SELU). Left,
on a logarithmic axis: the norm of the loss gradient for each of the 11 weight matrices at
initialisation, lines for the middle of three seeds and bands for their range. The sigmoid line
climbs more than five orders of magnitude, about a million, from layer 1 to layer 11; tanh and
ReLU stay within a factor of ten across the layers; GELU is level but several hundred times lower
than tanh; SELU is level and roughly ten times higher than ReLU. Right, also logarithmic: the
training loss of one seed over 200 epochs of plain full-batch gradient descent with learning rate
0.2. Tanh and ReLU fall below 0.01 after some spikes, sigmoid and GELU stay at ln 2 (the loss of
predicting one half everywhere) and SELU's loss explodes within a few epochs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from figures import style
from figures.i18n import N_, _
from figures.training._deep import ACTIVATIONS, HIDDEN_LAYERS, data, network
from nn101.mlp import MLP

N_SEEDS = 3  # gradient norms at initialisation for seeds seed, seed + 1, seed + 2
EPOCHS, LEARNING_RATE, OPTIMIZER = 200, 0.2, "sgd"  # full batch
LOSS_LIMITS = (1e-4, 10.0)  # the loss axis; a diverging run leaves it at the top
INITS = {"xavier": N_("Xavier"), "he": N_("He")}  # the initialisation each activation got
LABELS = {
    "legend": N_("{activation} ({init})"),
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
    inits: dict[str, str]  # activation -> initialisation MLP(init="auto") chose
    norms: dict[str, np.ndarray]  # activation -> (N_SEEDS, 11) Frobenius norms of dL/dW_l
    losses: dict[str, np.ndarray]  # activation -> loss per epoch (seed `seed`), cut at divergence
    diverged: dict[str, bool]  # activation -> training stopped with a non-finite loss


def gradient_norms(model: MLP, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """‖∂L/∂W_l‖ (Frobenius norm) for every layer l, from the library's backpropagation."""
    _, grad_w, _ = model.loss_and_grads(X, y)
    return np.array([np.linalg.norm(g) for g in grad_w])


def train(activation: str, seed: int, X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, bool]:
    """Loss per epoch of plain gradient descent, and whether the run diverged."""
    model = network(activation, seed)
    try:
        model.fit(X, y, epochs=EPOCHS, learning_rate=LEARNING_RATE, optimizer=OPTIMIZER)
    except FloatingPointError:
        return np.array(model.history), True
    return np.array(model.history), False


def compute(seed: int = 0) -> VanishingGradients:
    X, y = data()
    inits, norms, losses, diverged = {}, {}, {}, {}
    for name in ACTIVATIONS:
        models = [network(name, seed + k) for k in range(N_SEEDS)]
        inits[name] = models[0].init
        norms[name] = np.array([gradient_norms(m, X, y) for m in models])
        losses[name], diverged[name] = train(name, seed, X, y)
    return VanishingGradients(inits, norms, losses, diverged)


def _legend(result: VanishingGradients, name: str) -> str:
    init = _(INITS[result.inits[name]])
    return _(LABELS["legend"]).format(activation=style.activation_label(name), init=init)


def _draw_norms(axes: Axes, result: VanishingGradients) -> None:
    """Median gradient norm per layer over the seeds, with their range as a band."""
    layers = np.arange(1, HIDDEN_LAYERS + 2)
    for index, name in enumerate(ACTIVATIONS):
        color, norms = f"C{index}", result.norms[name]
        axes.fill_between(layers, norms.min(axis=0), norms.max(axis=0), color=color, alpha=0.2)
        axes.plot(layers, np.median(norms, axis=0), color=color, marker="o", markersize=3.5)
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
    )


def _draw_losses(axes: Axes, result: VanishingGradients) -> None:
    """Training loss per epoch, clipped at the top of the axis."""
    for index, name in enumerate(ACTIVATIONS):
        losses = np.minimum(result.losses[name], LOSS_LIMITS[1])
        epochs = np.arange(1, losses.size + 1)
        dashes = "--" if name == "gelu" else "-"  # GELU's curve lies on sigmoid's, at ln 2
        axes.plot(epochs, losses, dashes, color=f"C{index}", label=_legend(result, name))
        if result.diverged[name]:
            _mark_divergence(axes, int(epochs[-1]), f"C{index}")
    axes.annotate(
        _(LABELS["ln2"]),
        (EPOCHS, np.log(2.0)),
        xytext=(-4, 4),
        textcoords="offset points",
        ha="right",
        va="bottom",
        fontsize=9,
    )
    axes.set(yscale="log", ylim=LOSS_LIMITS, xlim=(0, EPOCHS), xlabel=_(LABELS["epoch"]))
    axes.set(ylabel=_(LABELS["loss"]), title=_(LABELS["right"]).format(lr=LEARNING_RATE))
    axes.legend(loc="lower left", fontsize=9)


def build(seed: int = 0) -> Figure:
    result = compute(seed)
    figure, (left, right) = style.new_figure(1, 2, width=10.0, height=4.0)
    _draw_norms(left, result)
    _draw_losses(right, result)
    return figure

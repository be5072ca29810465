"""With a sigmoid output, cross-entropy keeps a strong gradient on confident mistakes;
squared error loses it.

Two panels over the output unit's logit z from -10 to 10, for one example whose label is 1, so
that negative z is a wrong prediction and very negative z a confidently wrong one. First panel:
the loss. Binary cross-entropy on sigmoid(z) grows like a straight line as z goes negative, the
squared error (sigmoid(z) - 1)^2, dotted, flattens out at 1, and cross-entropy on a two-class
softmax with logits (0, z), drawn dashed, lies exactly on the binary cross-entropy curve.
Second panel, on a logarithmic axis: the size of the gradient dL/dz. For cross-entropy it tends to 1
for confident mistakes; for squared error it peaks at about 0.3 near z = -0.7 and then falls
exponentially, to about 0.0001 at z = -10, four orders of magnitude below cross-entropy's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from figures import style
from figures.i18n import N_, _
from nn101 import activations, losses

Z_RANGE = (-10.0, 10.0)
POINTS = 201  # z in steps of 0.1
TARGET = 1.0  # the example's label: negative logits are mistakes
LABELS = {
    "bce": N_("sigmoid + binary cross-entropy"),
    "mse": N_("sigmoid + squared error"),
    "softmax": N_("softmax on (0, z) + cross-entropy"),
    "z": N_("logit $z$ (label $y = 1$)"),
    "loss": N_("loss $L$"),
    "grad": N_(r"$|\partial L / \partial z|$"),
    "left": N_("Loss of one example"),
    "right": N_("Gradient with respect to the logit"),
    "wrong": N_("confidently wrong"),
}


@dataclass(frozen=True)
class OutputGradients:
    z: np.ndarray
    loss: dict[str, np.ndarray]  # "bce", "mse", "softmax" -> L(z)
    grad: dict[str, np.ndarray]  # the same keys -> dL/dz


def _one_example(z: float) -> dict[str, tuple[float, float]]:
    """(loss, dL/dz) of each output/loss pairing for a single logit z, from nn101.losses."""
    sigmoid = activations.get("sigmoid")
    bce, bce_grad = losses.binary_cross_entropy([z], [TARGET])
    mse, mse_grad_p = losses.mean_squared_error(sigmoid([z]), [TARGET])  # dL/dp, p = σ(z)
    ce, ce_grad = losses.cross_entropy([[0.0, z]], [int(TARGET)])  # softmax over logits (0, z)
    return {
        "bce": (bce, float(bce_grad[0])),
        "mse": (mse, float(mse_grad_p[0] * sigmoid.grad(z))),  # chain rule: dL/dp · dp/dz
        "softmax": (ce, float(ce_grad[0, 1])),
    }


def compute(seed: int = 0) -> OutputGradients:
    """Losses and gradients on a grid of logits; ``seed`` is unused (nothing is random)."""
    z = np.linspace(*Z_RANGE, POINTS)
    values = [_one_example(float(zi)) for zi in z]
    keys = ("bce", "mse", "softmax")
    loss = {k: np.array([v[k][0] for v in values]) for k in keys}
    grad = {k: np.array([v[k][1] for v in values]) for k in keys}
    return OutputGradients(z, loss, grad)


def _draw(seed: int, grid: tuple[int, int], size: tuple[float, float]) -> Figure:
    """The loss and gradient panels in a ``grid`` of (rows, columns), ``size`` inches."""
    data = compute(seed)
    figure, (left, right) = style.new_figure(*grid, width=size[0], height=size[1])
    # Both sigmoid outputs wear the sigmoid's colour, told apart by their dashes; the two-class
    # softmax, not a registry activation, is an ink dash lying on the cross-entropy curve.
    sigmoid = style.activation_look("sigmoid").color
    styles = {
        "bce": (sigmoid, "-", 3.5),
        "mse": (sigmoid, ":", 2.2),
        "softmax": (style.text_color(), "--", 1.6),
    }
    for key, (color, dashes, width) in styles.items():
        left.plot(data.z, data.loss[key], dashes, color=color, lw=width, label=_(LABELS[key]))
        right.plot(data.z, np.abs(data.grad[key]), dashes, color=color, lw=width)
    for ax in (left, right):
        ax.axvspan(Z_RANGE[0], -4.0, color=style.grid_color(), alpha=0.35, lw=0)
        ax.set(xlim=Z_RANGE, xlabel=_(LABELS["z"]))
    left.annotate(_(LABELS["wrong"]), (-7.0, 0.5), ha="center", va="bottom")
    left.set(ylabel=_(LABELS["loss"]), title=_(LABELS["left"]), ylim=(0.0, 6.0))
    right.set(yscale="log", ylabel=_(LABELS["grad"]), title=_(LABELS["right"]), ylim=(1e-5, 2.0))
    left.legend(loc="upper right", fontsize=10)
    return figure


def build(seed: int = 0) -> Figure:
    """Loss and gradient side by side, for a desktop column."""
    return _draw(seed, (1, 2), (10.0, 3.6))


def narrow(seed: int = 0) -> Figure:
    """The same panels stacked, 5 inches wide: 10-pt text for a phone's column."""
    return _draw(seed, (2, 1), (5.0, 6.4))

"""The sigmoid is a smooth step: σ(kz) approaches the step function as k grows.

Line chart over the pre-activation z from -6 to 6. The perceptron's step function jumps from 0
to 1 at z = 0. Four sigmoid curves σ(kz) with steepness k = 1, 2, 5 and 20 rise through 0.5 at
z = 0; the larger k, the closer the curve hugs the step, yet every sigmoid stays smooth, with
slope k/4 at the origin.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from figures import style
from figures.i18n import N_, _
from nn101 import activations

X_RANGE = (-6.0, 6.0)
POINTS = 601
STEEPNESS = (1.0, 2.0, 5.0, 20.0)
# All four curves are the sigmoid, so they share its colour; the steeper, the darker and the more
# solid the line (dashes tell them apart without colour).
SIGMOID_LINES = ((0.45, ":"), (0.6, "-."), (0.8, "--"), (1.0, "-"))  # (alpha, dash), per k
LABELS = {
    "step": N_("step (perceptron)"),
    "sigmoid": N_("σ({kz})"),  # kz: style.scaled(k), so k = 1 reads σ(z)
    "x": N_("pre-activation $z$"),
    "y": N_("activation $a$"),
    "title": N_("The sigmoid as a differentiable step"),
}


@dataclass(frozen=True)
class StepVsSigmoid:
    x: np.ndarray
    step: np.ndarray
    sigmoids: dict[float, np.ndarray]  # steepness k -> σ(kz)
    slopes_at_zero: dict[float, float]  # k -> d/dz σ(kz) at z = 0, which is k/4


def compute(seed: int = 0) -> StepVsSigmoid:
    """The curves; ``seed`` is unused (nothing random) but kept for the uniform contract."""
    x = np.linspace(*X_RANGE, POINTS)
    sigmoid = activations.get("sigmoid")
    curves = {k: sigmoid(k * x) for k in STEEPNESS}
    slopes = {k: float(k * sigmoid.grad(0.0)) for k in STEEPNESS}
    return StepVsSigmoid(x, activations.get("step")(x), curves, slopes)


def build(seed: int = 0) -> Figure:
    data = compute(seed)
    figure, axes = style.new_figure(width=5.0, height=3.3)  # 10-pt text: 9 px on a phone
    step = style.activation_look("step")
    axes.plot(
        data.x,
        data.step,
        color=step.color,
        linewidth=2.5,
        label=_(LABELS["step"]),
        drawstyle="steps-post",
    )
    sigmoid = style.activation_look("sigmoid").color
    for (k, curve), (alpha, dashes) in zip(data.sigmoids.items(), SIGMOID_LINES, strict=True):
        label = _(LABELS["sigmoid"]).format(kz=style.scaled(k))
        axes.plot(data.x, curve, color=sigmoid, alpha=alpha, linestyle=dashes, label=label)
    axes.set(
        xlim=X_RANGE,
        ylim=(-0.05, 1.05),
        xlabel=_(LABELS["x"]),
        ylabel=_(LABELS["y"]),
        title=_(LABELS["title"]),
    )
    axes.legend(loc="upper left")
    return figure

"""Large steps and negative biases kill ReLU units; Leaky ReLU units never die.

Two panels for a network with three hidden layers of 32 units trained for 60 epochs with Adam on the
two-moons data, three seeds each (lines: mean, bands: range). A hidden unit counts as dead when its
derivative f'(z) is below 0.001 for every training input; for ReLU that means its activation is 0
for every input. First panel: the fraction of dead units after training against the learning rate,
on a logarithmic axis from 0.001 to 0.3. The ReLU fraction grows from about a tenth to about two
thirds; Leaky ReLU stays at zero, and so does ELU except at the largest rate, where some of its
units are pushed far into its flat negative side. Second panel: the same fraction against a shift
added to every hidden bias before training, at learning rate 0.01, with the ReLU fraction at
initialisation as a dotted line and the ReLU network's final loss written by each point. With a
shift of -1.5 more than four in five ReLU units are dead from the start and stay dead, and the loss
stays at 0.69; Leaky ReLU and ELU have no dead units at any shift.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from figures import style
from figures.i18n import N_, _
from nn101 import activations, datasets
from nn101.mlp import MLP

ACTIVATIONS = ("relu", "leaky_relu", "elu")
LAYER_SIZES = [2, 32, 32, 32, 1]
N_POINTS, NOISE, DATA_SEED = 200, 0.1, 0  # nn101.datasets.moons
N_SEEDS = 3  # seeds seed, seed + 1, seed + 2
EPOCHS, OPTIMIZER = 60, "adam"  # full batch
LEARNING_RATES = (0.001, 0.01, 0.03, 0.1, 0.3)
BIAS_SHIFTS = (0.0, -0.5, -1.0, -1.5)
SHIFT_LEARNING_RATE = 0.01
# Colour and marker come from each activation's look; leaky ReLU and ELU both stay at 0 almost
# everywhere, so ELU is drawn dashed on top of a wider leaky ReLU line.
LINES: dict[str, dict[str, Any]] = {
    "relu": {},
    "leaky_relu": {"linewidth": 4.0, "markersize": 6},
    "elu": {"linestyle": "--"},
}
DEAD_TOL = 1e-3  # a unit is dead when f'(z) < DEAD_TOL for every training input
LABELS = {
    "slope": N_("{activation} (slope {slope:g})"),  # the activation's default negative slope
    "init": N_("{activation} at initialisation"),
    "dead": N_("fraction of dead hidden units"),
    "lr": N_("Adam learning rate η (log scale)"),
    "shift": N_("shift added to every hidden bias at initialisation"),
    "left": N_("After {epochs} epochs, zero initial biases"),
    "right": N_("After {epochs} epochs, η = {lr}"),
    "loss": N_("{activation} loss\n{loss:.2f}"),
}


def _label(name: str) -> str:
    """The legend's name of an activation; leaky ReLU with the slope it is trained with."""
    label = style.activation_label(name)
    if name == "leaky_relu":
        slope = activations.get(name).params["negative_slope"]
        return _(LABELS["slope"]).format(activation=label, slope=slope)
    return label


@dataclass(frozen=True)
class DyingReLU:
    by_lr: dict[str, np.ndarray]  # activation -> (len(LEARNING_RATES), N_SEEDS) dead fractions
    lr_loss: dict[str, np.ndarray]  # the same shape: final training loss
    by_shift: dict[str, np.ndarray]  # activation -> (len(BIAS_SHIFTS), N_SEEDS), after training
    by_shift_init: dict[str, np.ndarray]  # the same before training
    shift_loss: dict[str, np.ndarray]  # activation -> (len(BIAS_SHIFTS), N_SEEDS) final loss


def dead_fraction(model: MLP, X: np.ndarray) -> float:
    """Fraction of hidden units whose derivative f'(z) is below DEAD_TOL on every row of X."""
    z = model.forward_trace(X).z[:-1]  # pre-activations of the hidden layers
    dead = [np.all(model.activation.grad(layer) < DEAD_TOL, axis=0) for layer in z]
    return float(np.concatenate(dead).mean())


@functools.cache  # the shift-0 runs of the bias-shift panel repeat runs of the other
def run(activation: str, seed: int, learning_rate: float, shift: float) -> tuple[float, ...]:
    """Dead fraction before and after training, and the final training loss."""
    X, y = datasets.moons(N_POINTS, noise=NOISE, seed=DATA_SEED)
    model = MLP(LAYER_SIZES, activation=activation, seed=seed)
    for bias in model.biases[:-1]:  # hidden layers only
        bias += shift
    before = dead_fraction(model, X)
    model.fit(X, y, epochs=EPOCHS, learning_rate=learning_rate, optimizer=OPTIMIZER)
    return before, dead_fraction(model, X), model.history[-1]


def sweep(activation: str, seeds: range, settings: list[tuple[float, float]]) -> np.ndarray:
    """run() for every (learning rate, bias shift) and seed: shape (len(settings), seeds, 3)."""
    return np.array([[run(activation, s, lr, shift) for s in seeds] for lr, shift in settings])


def compute(seed: int = 0) -> DyingReLU:
    seeds = range(seed, seed + N_SEEDS)
    by_lr, lr_loss, by_shift, by_shift_init, shift_loss = {}, {}, {}, {}, {}
    for name in ACTIVATIONS:
        runs = sweep(name, seeds, [(lr, 0.0) for lr in LEARNING_RATES])
        by_lr[name], lr_loss[name] = runs[..., 1], runs[..., 2]
        runs = sweep(name, seeds, [(SHIFT_LEARNING_RATE, shift) for shift in BIAS_SHIFTS])
        by_shift_init[name], by_shift[name], shift_loss[name] = runs.transpose(2, 0, 1)
    return DyingReLU(by_lr, lr_loss, by_shift, by_shift_init, shift_loss)


def _band(axes: Axes, x: np.ndarray, runs: np.ndarray, name: str, **line: Any) -> None:
    """Mean over seeds as a line with markers, their range as a band, in the look of ``name``."""
    look = style.activation_look(name)
    axes.fill_between(x, runs.min(axis=1), runs.max(axis=1), color=look.color, alpha=0.2, lw=0)
    drawn = {"linestyle": look.linestyle, "marker": look.marker, "markersize": 4.5, **line}
    axes.plot(x, runs.mean(axis=1), color=look.color, **drawn)


def _loss_notes(axes: Axes, result: DyingReLU) -> None:
    """The ReLU network's final training loss (mean over seeds) under each of its points."""
    dead = result.by_shift["relu"].mean(axis=1)
    mean_loss = result.shift_loss["relu"].mean(axis=1)
    for shift, fraction, loss in zip(BIAS_SHIFTS, dead, mean_loss, strict=True):
        below = fraction > 0.2  # under the point, except near the curves at 0
        axes.annotate(
            _(LABELS["loss"]).format(activation=style.activation_label("relu"), loss=loss),
            (shift, fraction),
            xytext=(0, -12 if below else 12),
            textcoords="offset points",
            ha="center",
            va="top" if below else "bottom",
            fontsize=10,
            color=style.activation_look("relu").color,
        )


def _draw(seed: int, grid: tuple[int, int], size: tuple[float, float]) -> Figure:
    """The learning-rate and bias-shift panels in a ``grid`` of (rows, columns), ``size``
    inches."""
    result = compute(seed)
    figure, (left, right) = style.new_figure(*grid, width=size[0], height=size[1], sharey=True)
    lrs, shifts = np.array(LEARNING_RATES), np.array(BIAS_SHIFTS)
    for name in ACTIVATIONS:
        _band(left, lrs, result.by_lr[name], name, label=_label(name), **LINES[name])
        _band(right, shifts, result.by_shift[name], name, **LINES[name])
    at_init = _(LABELS["init"]).format(activation=style.activation_label("relu"))
    _band(right, shifts, result.by_shift_init["relu"], "relu", linestyle=":", label=at_init)
    _loss_notes(right, result)
    left_title = _(LABELS["left"]).format(epochs=EPOCHS)
    left.set(xscale="log", xlabel=_(LABELS["lr"]), ylabel=_(LABELS["dead"]), title=left_title)
    left.set(ylim=(-0.03, 1.0))
    right_title = _(LABELS["right"]).format(epochs=EPOCHS, lr=SHIFT_LEARNING_RATE)
    right.set(xlabel=_(LABELS["shift"]), title=right_title, xticks=shifts)
    if right.get_subplotspec().is_first_col():  # stacked: each panel shows its y axis
        right.set_ylabel(_(LABELS["dead"]))
    right.invert_xaxis()  # more negative to the right: more dead units to the right, as on the left
    left.legend(loc="upper left")
    right.legend(loc="upper left")
    return figure


def build(seed: int = 0) -> Figure:
    """The two panels side by side, for a desktop column."""
    return _draw(seed, (1, 2), (10.0, 3.8))


def narrow(seed: int = 0) -> Figure:
    """The same panels stacked, 5 inches wide: 10-pt text for a phone's column."""
    return _draw(seed, (2, 1), (5.0, 7.2))

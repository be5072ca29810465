"""Existence is not learning: ReLU networks trained by gradient descent stay well short of the
hand-built ones.

Three line charts over x from 0 to 1, each showing the target
f(x) = 0.2 + 0.4x² + 0.3x·sin(15x) + 0.05·cos(50x) and an nn101 MLP with one hidden layer of 4,
16 or 64 ReLU units, trained with Adam for 2000 full-batch epochs on 200 evenly spaced samples
(inputs standardised). The 4-unit network draws a rough polygon with root-mean-square error 0.075.
The 16- and 64-unit networks follow the large bump in the middle and the rise at the right, but
cut straight through the small wiggles on the left; both end with the same error, 0.042, while
hand-built ReLU networks of those widths reach 0.013 and 0.002.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from figures import style
from figures.i18n import N_, _
from figures.universal import _approximation as approx
from nn101.mlp import MLP

POINTS = 1001  # evaluation grid
SAMPLES = 200  # training points, evenly spaced on [0, 1]
WIDTHS = (4, 16, 64)
ACTIVATION = "relu"
EPOCHS = 2000
LEARNING_RATE = 0.01
LABELS = {
    "target": N_("target f(x)"),
    "network": N_("trained network"),
    "title": N_("{units} ReLU units, trained\nRMS error {error:.3f}"),
    "x": N_("x"),
    "y": N_("output"),
}


@dataclass(frozen=True)
class Trained:
    units: int
    output: np.ndarray  # the trained network's output on the evaluation grid
    rms: float  # root-mean-square error on the evaluation grid
    final_loss: float  # mean squared error on the training samples after the last epoch


def standardise(x: np.ndarray) -> np.ndarray:
    """The network's input u = (x − mean) / std of the training samples, as a column."""
    samples = np.linspace(*approx.DOMAIN, SAMPLES)
    u: np.ndarray = ((x - samples.mean()) / samples.std())[:, None]
    return u


def train(units: int, seed: int) -> MLP:
    """A [1, units, 1] ReLU network fitted to the target by full-batch Adam."""
    x = np.linspace(*approx.DOMAIN, SAMPLES)
    model = MLP([1, units, 1], activation=ACTIVATION, output="identity", seed=seed)
    return model.fit(
        standardise(x),
        approx.target(x),
        epochs=EPOCHS,
        learning_rate=LEARNING_RATE,
        optimizer="adam",
    )


def compute(seed: int = 0) -> tuple[np.ndarray, np.ndarray, list[Trained]]:
    """Grid x, target f(x) and one trained network per width (``seed``: initial weights)."""
    x = np.linspace(*approx.DOMAIN, POINTS)
    f = approx.target(x)
    results = []
    for units in WIDTHS:
        model = train(units, seed)
        output = model.forward(standardise(x))[:, 0]
        results.append(Trained(units, output, approx.rms(output - f), model.history[-1]))
    return x, f, results


def _draw(seed: int, grid: tuple[int, int], size: tuple[float, float]) -> Figure:
    """The panels of ``compute(seed)`` in a ``grid`` of (rows, columns), ``size`` inches."""
    x, f, results = compute(seed)
    figure, axes = style.new_figure(*grid, width=size[0], height=size[1], sharey=True)
    titles = [_(LABELS["title"]).format(units=r.units, error=r.rms) for r in results]
    outputs = [result.output for result in results]
    approx.draw_outputs(
        axes.ravel(),
        x,
        f,
        outputs,
        titles,
        LABELS,
        color=style.activation_look(ACTIVATION).color,
        linewidth=1.8,
    )
    return figure


def build(seed: int = 0) -> Figure:
    """The three panels side by side, for a desktop column."""
    return _draw(seed, (1, len(WIDTHS)), (10.0, 3.2))


def narrow(seed: int = 0) -> Figure:
    """The same panels stacked, 5 inches wide: 10-pt text for a phone's column."""
    return _draw(seed, (len(WIDTHS), 1), (5.0, 7.0))

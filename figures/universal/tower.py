"""A tower of bumps: a one-hidden-layer sigmoid network approximates a wiggly function better
and better as it gets wider.

Four line charts over x from 0 to 1, each showing the target function
f(x) = 0.2 + 0.4x² + 0.3x·sin(15x) + 0.05·cos(50x) and the output of an nn101 MLP with one hidden
layer of sigmoid units whose weights were set by hand: N bumps (2N hidden units), bump i as tall
as the target at the centre of bin i. With N = 5 the output is a coarse staircase and misses the
wiggles by up to about 0.34; with N = 10, 20 and 50 the steps get narrower and the largest error
falls to about 0.19, 0.09 and 0.04.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from figures import style
from figures.i18n import N_, _
from figures.universal import _approximation as approx

POINTS = 1001
BUMPS = (5, 10, 20, 50)
LABELS = {
    "target": N_("target f(x)"),
    "network": N_("network"),
    "title": N_("{n} bumps, {units} units\nmax error {error:.2f}"),
    "x": N_("x"),
    "y": N_("output"),
}


@dataclass(frozen=True)
class Tower:
    bumps: int
    hidden_units: int  # the network's hidden layer width, 2 × bumps
    output: np.ndarray  # the network's output on the grid
    max_error: float  # max |output − target| on the grid


def compute(seed: int = 0) -> tuple[np.ndarray, np.ndarray, list[Tower]]:
    """Grid x, target f(x) and one hand-built network per N in BUMPS (``seed`` is unused)."""
    x = np.linspace(*approx.DOMAIN, POINTS)
    f = approx.target(x)
    towers = []
    for n in BUMPS:
        model = approx.sigmoid_tower(n)
        output = approx.curve(model, x)
        towers.append(Tower(n, model.layer_sizes[1], output, float(np.max(np.abs(output - f)))))
    return x, f, towers


def _draw(seed: int, grid: tuple[int, int], size: tuple[float, float]) -> Figure:
    """The panels of ``compute(seed)`` in a ``grid`` of (rows, columns), ``size`` inches."""
    x, f, towers = compute(seed)
    figure, axes = style.new_figure(*grid, width=size[0], height=size[1], sharey=True)
    titles = [
        _(LABELS["title"]).format(n=tower.bumps, units=tower.hidden_units, error=tower.max_error)
        for tower in towers
    ]
    outputs = [tower.output for tower in towers]
    approx.draw_outputs(
        axes.ravel(),
        x,
        f,
        outputs,
        titles,
        LABELS,
        color=style.activation_look("sigmoid").color,
        linewidth=1.6,
    )
    return figure


def build(seed: int = 0) -> Figure:
    """The four panels side by side, for a desktop column."""
    return _draw(seed, (1, len(BUMPS)), (10.0, 3.1))


def narrow(seed: int = 0) -> Figure:
    """The same panels two by two, 5 inches wide: 10-pt text for a phone's column."""
    return _draw(seed, (2, 2), (5.0, 5.2))

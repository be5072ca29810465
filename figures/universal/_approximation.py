"""The target function and the hand-built networks shared by the universal-approximation figures.

Not a figure (the leading underscore keeps it out of the figure catalogue); ``draw_outputs``
draws the panels that compare networks with the target. Both constructions
return real :class:`nn101.mlp.MLP` objects with one hidden layer and an identity output; only
their weights are set by hand instead of by training, which shows that such weights exist.

- ``sigmoid_tower(n)``: n bumps, 2n sigmoid units. Bump i covers bin i of [0, 1] and has the
  target's value at the bin centre as its height h_i; its two units compute σ(k(x − l_i)) and
  σ(k(x − r_i)), and the output weights are +h_i and −h_i. The outermost edges are moved one
  bin outside [0, 1], so the ends of the domain are not cut in half by a sigmoid.
- ``relu_hinges(n)``: n ReLU units, hinge j at knot t_j = j / n, output weight = the change of
  slope there. The output is the straight-line interpolation of the target through the n + 1
  knots t_0 = 0, ..., t_n = 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from figures import style
from figures.i18n import _
from nn101.mlp import MLP

DOMAIN = (0.0, 1.0)
STEEPNESS = 20.0  # k = STEEPNESS × bumps: each sigmoid rises within about a fifth of a bin


def target(x: np.ndarray) -> np.ndarray:
    """The 1-D function every figure of the chapter approximates on [0, 1]."""
    y: np.ndarray = 0.2 + 0.4 * x**2 + 0.3 * x * np.sin(15 * x) + 0.05 * np.cos(50 * x)
    return y


def sigmoid_tower(bumps: int) -> MLP:
    """An MLP [1, 2·bumps, 1] (sigmoid hidden units) whose output is a tower of bumps."""
    edges = np.linspace(*DOMAIN, bumps + 1)
    heights = target((edges[:-1] + edges[1:]) / 2)
    left, right = edges[:-1].copy(), edges[1:].copy()
    left[0] -= 1.0 / bumps
    right[-1] += 1.0 / bumps
    k = STEEPNESS * bumps
    model = MLP([1, 2 * bumps, 1], activation="sigmoid", output="identity")
    model.weights[0] = np.full((1, 2 * bumps), k)
    model.biases[0] = -k * np.column_stack([left, right]).ravel()  # units l_0, r_0, l_1, ...
    model.weights[1] = np.column_stack([heights, -heights]).reshape(-1, 1)
    model.biases[1] = np.zeros(1)
    return model


def knots(units: int) -> np.ndarray:
    """The units + 1 evenly spaced points where ``relu_hinges(units)`` equals the target."""
    return np.linspace(*DOMAIN, units + 1)


def relu_hinges(units: int) -> MLP:
    """An MLP [1, units, 1] (ReLU hidden units): linear interpolation of the target."""
    t = knots(units)
    values = target(t)
    slopes = np.diff(values) / np.diff(t)
    model = MLP([1, units, 1], activation="relu", output="identity")
    model.weights[0] = np.ones((1, units))
    model.biases[0] = -t[:-1]  # unit j computes relu(x − t_j)
    model.weights[1] = np.diff(slopes, prepend=0.0).reshape(-1, 1)  # change of slope at t_j
    model.biases[1] = values[:1]
    return model


def curve(model: MLP, x: np.ndarray) -> np.ndarray:
    """The network's output at the points x (a 1-D array), as a 1-D array."""
    return model.forward(x[:, None])[:, 0]


def rms(error: np.ndarray) -> float:
    """Root-mean-square of an error curve sampled on an even grid."""
    return float(np.sqrt(np.mean(error**2)))


def draw_outputs(
    axes: Sequence[Any],
    x: np.ndarray,
    f: np.ndarray,
    outputs: Sequence[np.ndarray],
    titles: Sequence[str],
    labels: dict[str, str],
    **line: Any,
) -> None:
    """One panel per network: the target f in the text colour, the network's output drawn with
    ``line`` (colour, width) and labelled ``labels["network"]``, the panel's title, the shared
    x axis over DOMAIN; the y label goes on the panels of the first column (the first panel of
    a row of panels, each row of a grid), the legend on the first panel only."""
    for ax, output, title in zip(axes, outputs, titles, strict=True):
        ax.plot(x, f, color=style.text_color(), linewidth=1.0, label=_(labels["target"]))
        ax.plot(x, output, label=_(labels["network"]), **line)
        ax.set(title=title, xlabel=_(labels["x"]), xlim=DOMAIN, xticks=[0, 0.5, 1])
        ax.set_xticklabels(["0", "0.5", "1"])
    for ax in axes:
        if ax.get_subplotspec().is_first_col():
            ax.set_ylabel(_(labels["y"]))
    axes[0].legend(loc="upper left", fontsize=10)

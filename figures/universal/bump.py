"""A bump from two steep sigmoids: σ(k(x − l)) − σ(k(x − r)) is about 1 between l and r, 0
elsewhere.

Two line charts over x from 0 to 1. First: two sigmoid units with steepness k = 50, one rising at
l = 0.4 and one at r = 0.6, and their difference, which is a bump: near 0 left of l, near 1
between l and r, near 0 again right of r. Second: the bump scaled by an output weight h = 0.7 for
steepness k = 10, 50 and 250, next to the ideal rectangle made of two step functions. With k = 10
the bump is a low rounded hill; as k grows it fills the rectangle, flat at 0.7 between l and r.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from figures import style
from figures.i18n import N_, _
from nn101 import activations

X_RANGE = (0.0, 1.0)
POINTS = 801
EDGES = (0.4, 0.6)  # the bump's left and right edges l, r
HEIGHT = 0.7  # the output weight h that scales the bump
SHOWN_K = 50.0  # steepness of the first panel
STEEPNESS = (10.0, 50.0, 250.0)
LABELS = {
    "left_title": N_("Two sigmoid units, k = {k:g}"),
    "rise": N_("σ(k(x − l)), l = {l:g}"),
    "fall": N_("σ(k(x − r)), r = {r:g}"),
    "difference": N_("difference: a bump"),
    "right_title": N_("Scaled by h = {h:g}: steeper is sharper"),
    "bump": N_("k = {k:g}"),
    "ideal": N_("two steps (k → ∞)"),
    "x": N_("x"),
    "y": N_("unit output"),
}


@dataclass(frozen=True)
class Bumps:
    x: np.ndarray
    rise: np.ndarray  # σ(SHOWN_K (x − l))
    fall: np.ndarray  # σ(SHOWN_K (x − r))
    bumps: dict[float, np.ndarray]  # k -> h [σ(k(x − l)) − σ(k(x − r))]
    ideal: np.ndarray  # h [step(x − l) − step(x − r)]


def bump(x: np.ndarray, k: float, height: float = 1.0) -> np.ndarray:
    """height × [σ(k(x − l)) − σ(k(x − r))] with (l, r) = EDGES."""
    sigmoid = activations.get("sigmoid")
    left, right = EDGES
    return height * (sigmoid(k * (x - left)) - sigmoid(k * (x - right)))


def compute(seed: int = 0) -> Bumps:
    """The curves; ``seed`` is unused (nothing random) but kept for the uniform contract."""
    x = np.linspace(*X_RANGE, POINTS)
    sigmoid, step = activations.get("sigmoid"), activations.get("step")
    left, right = EDGES
    ideal = HEIGHT * (step(x - left) - step(x - right))
    bumps = {k: bump(x, k, HEIGHT) for k in STEEPNESS}
    rise, fall = sigmoid(SHOWN_K * (x - left)), sigmoid(SHOWN_K * (x - right))
    return Bumps(x, rise, fall, bumps, ideal)


def _draw(seed: int, grid: tuple[int, int], size: tuple[float, float]) -> Figure:
    """The two panels of ``compute(seed)`` in a ``grid`` of (rows, columns), ``size`` inches."""
    data = compute(seed)
    figure, (left, right) = style.new_figure(*grid, width=size[0], height=size[1], sharey=True)
    rise, fall = _(LABELS["rise"]).format(l=EDGES[0]), _(LABELS["fall"]).format(r=EDGES[1])
    sigmoid = style.activation_look("sigmoid").color  # both units are sigmoids: one colour
    left.plot(data.x, data.rise, "--", color=sigmoid, linewidth=1.5, label=rise)
    left.plot(data.x, data.fall, ":", color=sigmoid, linewidth=1.8, label=fall)
    left.plot(data.x, data.rise - data.fall, color="C2", label=_(LABELS["difference"]))
    left.set(
        title=_(LABELS["left_title"]).format(k=SHOWN_K),
        xlabel=_(LABELS["x"]),
        ylabel=_(LABELS["y"]),
    )
    right.plot(
        data.x, data.ideal, color=style.text_color(), linewidth=1.0, label=_(LABELS["ideal"])
    )
    for index, (k, curve) in enumerate(data.bumps.items()):
        right.plot(data.x, curve, color=f"C{index + 2}", label=_(LABELS["bump"]).format(k=k))
    right.set(title=_(LABELS["right_title"]).format(h=HEIGHT), xlabel=_(LABELS["x"]))
    if right.get_subplotspec().is_first_col():  # stacked: each panel shows its y axis
        right.set_ylabel(_(LABELS["y"]))
    for axes in (left, right):
        axes.set(xlim=X_RANGE, ylim=(-0.05, 1.3))
        axes.legend(loc="upper left", fontsize=9.5)
    return figure


def build(seed: int = 0) -> Figure:
    """The two panels side by side, for a desktop column."""
    return _draw(seed, (1, 2), (9.0, 3.4))


def narrow(seed: int = 0) -> Figure:
    """The same panels stacked, 5 inches wide: 9.5-pt legends for a phone's column."""
    return _draw(seed, (2, 1), (5.0, 6.2))

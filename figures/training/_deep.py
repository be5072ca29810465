"""The deep, narrow networks and the data shared by the vanishing-gradient figures.

Ten hidden layers of 32 units on the two-moons data. Each activation gets the initialisation
``nn101.mlp.recommended_init`` gives it (what ``MLP(init="auto")`` uses): Xavier for sigmoid and
tanh, He for ReLU, LeCun for SELU. Two networks deliberately get the wrong one, to show what a
mismatch does: GELU with Xavier's variance (its own is He's) and SELU with He's (its own is
LeCun's). Both ``training/vanishing-gradients`` and ``training/signal-propagation`` use exactly
these networks, so the second figure explains the first.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from figures import style
from figures.i18n import N_, _
from nn101 import datasets
from nn101.mlp import MLP, recommended_init

HIDDEN_LAYERS, WIDTH = 10, 32
N_POINTS, NOISE, DATA_SEED = 200, 0.1, 0  # nn101.datasets.moons
INIT_NAMES = {"xavier": N_("Xavier"), "he": N_("He"), "lecun": N_("LeCun")}
LEGENDS = {
    "own": N_("{activation} ({init} init)"),
    "wrong": N_("{activation} ({init} init: the wrong one)"),
}
WRONG_INIT_LINESTYLE, WRONG_INIT_MARKER = ":", "x"  # same hue as the activation, dotted


class Network(NamedTuple):
    """One of the figures' networks: a hidden activation and the initialisation it gets."""

    activation: str
    init: str

    @property
    def own_init(self) -> bool:
        """Whether `init` is the activation's own scheme (``recommended_init``)."""
        return self.init == recommended_init(self.activation)

    @property
    def key(self) -> str:
        """The activation's name, followed by "+init" when the initialisation is the wrong one."""
        return self.activation if self.own_init else f"{self.activation}+{self.init}"


NETWORKS = (
    Network("sigmoid", "xavier"),
    Network("tanh", "xavier"),
    Network("relu", "he"),
    Network("gelu", "xavier"),
    Network("selu", "lecun"),
    Network("selu", "he"),
)


def network(activation: str, seed: int, init: str = "auto") -> MLP:
    """2 inputs, HIDDEN_LAYERS hidden layers of WIDTH units, 1 sigmoid output."""
    return MLP([2, *[WIDTH] * HIDDEN_LAYERS, 1], activation=activation, seed=seed, init=init)


def build_network(net: Network, seed: int) -> MLP:
    """The MLP of one of the NETWORKS."""
    return network(net.activation, seed, init=net.init)


def data() -> tuple[np.ndarray, np.ndarray]:
    """The training set: two moons, fixed whatever the network's seed."""
    return datasets.moons(N_POINTS, noise=NOISE, seed=DATA_SEED)


def line_style(net: Network) -> dict[str, Any]:
    """``axes.plot`` keywords for a network: its activation's shared look, and a legend that names
    the initialisation; a wrong initialisation is dotted, with crosses, and says so."""
    look = style.activation_look(net.activation)
    legend = _(LEGENDS["own" if net.own_init else "wrong"])
    label = legend.format(activation=look.label, init=_(INIT_NAMES[net.init]))
    if net.own_init:
        return {
            "color": look.color,
            "linestyle": look.linestyle,
            "marker": look.marker,
            "label": label,
        }
    return {
        "color": look.color,
        "linestyle": WRONG_INIT_LINESTYLE,
        "marker": WRONG_INIT_MARKER,
        "label": label,
    }

"""The deep, narrow network and the data shared by the vanishing-gradient figures.

Ten hidden layers of 32 units on the two-moons data, built with the library's default
initialisation (``MLP(init="auto")``: Xavier for sigmoid, tanh and GELU, He for the ReLU family,
SELU included). Both ``training/vanishing-gradients`` and ``training/signal-propagation`` use
exactly these networks, so the second figure explains the first.
"""

from __future__ import annotations

import numpy as np

from nn101 import datasets
from nn101.mlp import MLP

ACTIVATIONS = ("sigmoid", "tanh", "relu", "gelu", "selu")
HIDDEN_LAYERS, WIDTH = 10, 32
N_POINTS, NOISE, DATA_SEED = 200, 0.1, 0  # nn101.datasets.moons


def network(activation: str, seed: int, init: str = "auto") -> MLP:
    """2 inputs, HIDDEN_LAYERS hidden layers of WIDTH units, 1 sigmoid output."""
    return MLP([2, *[WIDTH] * HIDDEN_LAYERS, 1], activation=activation, seed=seed, init=init)


def data() -> tuple[np.ndarray, np.ndarray]:
    """The training set: two moons, fixed whatever the network's seed."""
    return datasets.moons(N_POINTS, noise=NOISE, seed=DATA_SEED)

"""The one problem of the learning chapter's figures: a single sigmoid neuron on two blobs.

``learning/learning-rate`` and ``learning/batch-size`` train exactly this neuron on exactly
these points, so the second figure's curves can be read against the first's.
"""

from __future__ import annotations

import functools

import numpy as np

from nn101.datasets import gaussians
from nn101.mlp import MLP

N_POINTS, NOISE = 200, 1.0  # overlapping blobs: the best loss is well above 0
BEST_EPOCHS, BEST_RATE = 500, 3.0  # the good rate of the learning-rate figure, run 5 times longer


def neuron(seed: int) -> MLP:
    """A single sigmoid neuron, MLP([2, 1]): two weights and a bias, Xavier-initialised."""
    return MLP([2, 1], init="xavier", seed=seed)


def data(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The 200 training points: class 0 around (-1, -1), class 1 around (1, 1)."""
    return gaussians(N_POINTS, noise=NOISE, seed=seed)


@functools.cache
def best_loss(seed: int) -> float:
    """The smallest training loss, found by a long run (the loss is convex: one minimum)."""
    X, y = data(seed)
    return neuron(seed).fit(X, y, epochs=BEST_EPOCHS, learning_rate=BEST_RATE).history[-1]

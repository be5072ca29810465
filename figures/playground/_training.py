"""The one training recipe shared by the playground figures, so their numbers agree.

Not a figure (the leading underscore keeps it out of the figure catalogue). Every network is an
nn101 MLP 2-16-16-1 with a sigmoid output unit (binary cross-entropy), trained full-batch with
Adam (learning rate 0.03) for 300 epochs on 200 points of a dataset from ``nn101.datasets``
(noise 0.1). Accuracy is also measured on 200 fresh test points of the same distribution, drawn
with another seed. Only the hidden activation changes from network to network.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from figures import style
from figures.i18n import _
from nn101 import datasets
from nn101.mlp import MLP

DATASETS = ("xor", "circles", "moons", "spiral")
ACTIVATIONS = ("identity", "sigmoid", "tanh", "relu", "gelu")
LAYERS = [2, 16, 16, 1]
SAMPLES = 200
NOISE = 0.1
EPOCHS = 300
LEARNING_RATE = 0.03
# The playground's initialisation, fixed here rather than left to init="auto", which since it
# learnt each activation's own scheme gives GELU He's variance: Xavier for every activation, He
# for ReLU. In these two-layer networks GELU trains with either (docs/training.md shows where
# the difference matters: ten layers).
INITS = {"relu": "he"}
DEFAULT_INIT = "xavier"
TEST_SEED_OFFSET = 1000  # test points use seed + 1000: same distribution, other points
MARGIN = 0.3  # space around the data in the decision-region plots


class Data(NamedTuple):
    X: np.ndarray
    y: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


def load(dataset: str, seed: int) -> Data:
    """Training and test points of one dataset."""
    make = getattr(datasets, dataset)
    X, y = make(n=SAMPLES, noise=NOISE, seed=seed)
    X_test, y_test = make(n=SAMPLES, noise=NOISE, seed=seed + TEST_SEED_OFFSET)
    return Data(X, y, X_test, y_test)


def new_model(activation: str, seed: int) -> MLP:
    """An untrained 2-16-16-1 network with this hidden activation and a sigmoid output."""
    init = INITS.get(activation, DEFAULT_INIT)
    return MLP(LAYERS, activation=activation, output="sigmoid", seed=seed, init=init)


def fit(
    model: MLP,
    data: Data,
    epochs: int = EPOCHS,
    callback: Callable[[int, MLP], object] | None = None,
) -> MLP:
    """Train ``model`` on the training points with full-batch Adam; return it."""
    return model.fit(
        data.X,
        data.y,
        epochs=epochs,
        learning_rate=LEARNING_RATE,
        optimizer="adam",
        callback=callback,
    )


def train(data: Data, activation: str, seed: int, epochs: int = EPOCHS) -> MLP:
    """A fresh network with this hidden activation, trained on ``data``."""
    return fit(new_model(activation, seed), data, epochs)


def accuracy(model: MLP, X: np.ndarray, y: np.ndarray) -> float:
    """Fraction of points whose predicted class is right."""
    return float(np.mean(model.predict(X) == y))


def grid(X: np.ndarray, resolution: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Axes x1, x2 of an even grid covering the points X with a margin, and its points (rows)."""
    low, high = X.min(axis=0) - MARGIN, X.max(axis=0) + MARGIN
    x1 = np.linspace(low[0], high[0], resolution)
    x2 = np.linspace(low[1], high[1], resolution)
    g1, g2 = np.meshgrid(x1, x2)
    return x1, x2, np.column_stack([g1.ravel(), g2.ravel()])


def activation_name(name: str) -> str:
    """How the playground names a hidden activation: its label, the identity marked as linear."""
    label = style.activation_label(name)
    return _("{activation} (linear)").format(activation=label) if name == "identity" else label

"""Gradient check: backpropagation agrees with central differences to about ten digits.

Table with one row per layer of a 2-3-3-1 tanh network on 16 two-moons points. For each layer it
gives the shapes of the weight matrix W and the bias b and the relative error between the
gradient backpropagation computes and a central-difference estimate of the same gradient, for W
and for b. Every error is far below 1e-6: the two methods agree, so the backpropagation code is
right.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from figures.i18n import N_, _
from figures.table import Table
from nn101 import gradcheck
from nn101.datasets import moons
from nn101.mlp import MLP

LAYER_SIZES = [2, 3, 3, 1]
ACTIVATION = "tanh"
N_POINTS = 16
LABELS = {
    "columns": [
        N_("layer"),
        N_("shape of \\(W\\)"),
        N_("relative error, \\(\\partial L/\\partial W\\)"),
        N_("shape of \\(b\\)"),
        N_("relative error, \\(\\partial L/\\partial b\\)"),
    ],
}


@dataclass(frozen=True)
class LayerCheck:
    layer: int  # 1-based
    weight_shape: tuple[int, ...]
    bias_shape: tuple[int, ...]
    weight_error: float  # relative_error(backprop, central difference) for W
    bias_error: float  # the same for b


def _loss_of(
    model: MLP, X: np.ndarray, y: np.ndarray, params: list[np.ndarray], index: int
) -> Callable[[np.ndarray], float]:
    """The loss as a function of one parameter array, the others held fixed."""

    def loss(value: np.ndarray) -> float:
        original = params[index]
        params[index] = value
        try:
            return model.loss(X, y)
        finally:
            params[index] = original

    return loss


def _error(loss: Callable[[np.ndarray], float], point: np.ndarray, exact: np.ndarray) -> float:
    return gradcheck.relative_error(exact, gradcheck.numerical_gradient(loss, point))


def compute(seed: int = 0) -> list[LayerCheck]:
    """Backpropagation vs central differences, layer by layer, for a random network."""
    X, y = moons(n=N_POINTS, noise=0.1, seed=seed)
    model = MLP(LAYER_SIZES, activation=ACTIVATION, seed=seed)
    _, grad_w, grad_b = model.loss_and_grads(X, y)
    checks = []
    for layer in range(len(model.weights)):
        W, b = model.weights[layer], model.biases[layer]
        weight_loss = _loss_of(model, X, y, model.weights, layer)
        bias_loss = _loss_of(model, X, y, model.biases, layer)
        checks.append(
            LayerCheck(
                layer + 1,
                W.shape,
                b.shape,
                _error(weight_loss, W, grad_w[layer]),
                _error(bias_loss, b, grad_b[layer]),
            )
        )
    return checks


def build(seed: int = 0) -> Table:
    rows = [
        [
            str(c.layer),
            " × ".join(map(str, c.weight_shape)),
            f"{c.weight_error:.1e}",
            str(c.bias_shape[0]),
            f"{c.bias_error:.1e}",
        ]
        for c in compute(seed)
    ]
    return Table([_(column) for column in LABELS["columns"]], rows)

"""The worked example: one forward pass, one backward pass and one update of a 2-2-1 network.

Round starting weights, one training example, sigmoid units everywhere, so that every number can
be checked with a pocket calculator. Every number is computed by nn101 (`MLP.forward_trace`,
`MLP.loss_and_grads` and one step of `MLP.fit`); the tables of ``learning/worked-example`` and
``learning/worked-update`` only format them.

Names, as the chapter uses them: ``w[i][j]`` is the weight from input i to hidden unit j (entry
(i, j) of nn101's first weight matrix), ``b[j]`` the hidden biases, ``v[j]`` the output weights
and ``c`` the output bias (all 0-based here, 1-based on the page).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nn101.mlp import MLP

X = (1.0, 0.0)  # one XOR point ...
Y = 1  # ... and its label
W = ((1.0, -1.0), (0.5, 0.5))  # W[i][j]: input i -> hidden unit j
B = (-0.5, 0.0)
V = (1.0, -1.0)
C = 0.0
LEARNING_RATE = 0.5


@dataclass(frozen=True)
class Worked:
    z_hidden: np.ndarray  # (2,) z_1, z_2
    h: np.ndarray  # (2,) h_1, h_2
    z: float  # the output logit
    y_hat: float  # sigma(z)
    loss: float
    delta: float  # dL/dz at the output
    delta_hidden: np.ndarray  # (2,) delta_1, delta_2
    grad_w: np.ndarray  # (2, 2) dL/dw_ij
    grad_b: np.ndarray  # (2,)
    grad_v: np.ndarray  # (2,)
    grad_c: float
    params_after: dict[str, np.ndarray]  # "w", "b", "v", "c" after one step of gradient descent
    loss_after: float


def network() -> MLP:
    """The 2-2-1 sigmoid network with the round starting weights."""
    model = MLP([2, 2, 1], activation="sigmoid")
    model.weights = [np.array(W), np.array(V)[:, None]]
    model.biases = [np.array(B), np.array([C])]
    return model


def _parameters(model: MLP) -> dict[str, np.ndarray]:
    return {
        "w": model.weights[0].copy(),
        "b": model.biases[0].copy(),
        "v": model.weights[1][:, 0].copy(),
        "c": model.biases[1].copy(),
    }


def compute() -> Worked:
    """Forward, backward and one update, all by nn101."""
    model = network()
    inputs, labels = np.array([X]), np.array([Y])
    trace = model.forward_trace(inputs)
    loss, grad_w, grad_b = model.loss_and_grads(inputs, labels)
    # For a batch of one example, a layer's bias gradient is its error signal delta.
    model.fit(inputs, labels, epochs=1, learning_rate=LEARNING_RATE, optimizer="sgd")
    return Worked(
        z_hidden=trace.z[0][0],
        h=trace.a[1][0],
        z=float(trace.z[1][0, 0]),
        y_hat=float(trace.a[2][0, 0]),
        loss=loss,
        delta=float(grad_b[1][0]),
        delta_hidden=grad_b[0],
        grad_w=grad_w[0],
        grad_b=grad_b[0],
        grad_v=grad_w[1][:, 0],
        grad_c=float(grad_b[1][0]),
        params_after=_parameters(model),
        loss_after=model.loss(inputs, labels),
    )

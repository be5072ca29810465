"""A fully connected feed-forward network (multi-layer perceptron) trained by backpropagation.

Conventions. A batch holds one sample per row: `X` has shape (n, layer_sizes[0]). Layer l maps
the activations a_l of shape (n, layer_sizes[l]) to

    z_{l+1} = a_l W_l + b_l,        a_{l+1} = f(z_{l+1}),        a_0 = X,

with `weights[l]` = W_l of shape (layer_sizes[l], layer_sizes[l+1]) and `biases[l]` = b_l of
shape (layer_sizes[l+1],), broadcast over the rows. Hidden layers share one activation f; the last
layer applies the output activation (sigmoid, softmax or identity), and the loss matching it is
computed from that layer's pre-activation, the logits (see `nn101.losses`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nn101 import _validation, activations, losses, optim

__all__ = ["INITS", "MLP", "ForwardTrace", "recommended_init"]

Array = NDArray[np.float64]
Loss = Callable[[Array, NDArray[Any]], tuple[float, Array]]

#: Output activation and the loss computed from its logits, for each `output` name.
OUTPUTS: dict[str, tuple[Callable[[Array], Array], Loss]] = {
    "sigmoid": (activations.get("sigmoid"), losses.binary_cross_entropy),
    "softmax": (lambda z: activations.softmax(z, axis=1), losses.cross_entropy),
    "identity": (lambda z: z, losses.mean_squared_error),
}
INITS = ("auto", "xavier", "he", "lecun")
"""The values `MLP(init=...)` accepts; "auto" resolves to one of the others (`recommended_init`)."""

# The scheme `recommended_init` picks for each family of the registry, and the activations whose
# shape departs from their family's (the reasons are in `recommended_init`'s docstring).
_FAMILY_INITS = {
    activations.LINEAR: "xavier",
    activations.SIGMOID_LIKE: "xavier",
    activations.RELU_FAMILY: "he",
    activations.SMOOTH: "he",
    activations.HARD: "xavier",
    activations.OTHER: "xavier",
}
_NAME_INITS = {"selu": "lecun", "hard_swish": "he", "log_sigmoid": "he"}


class ForwardTrace(NamedTuple):
    """Everything one forward pass computes for a batch of n samples, with L = number of layers.

    `z[l]` is the pre-activation of layer l + 1, shape (n, layer_sizes[l + 1]), for l = 0..L-1;
    `z[-1]` holds the logits. `a[l]` is the activation after layer l, for l = 0..L: `a[0]` is X,
    `a[1:-1]` are the hidden representations and `a[-1]` the network output.
    """

    z: list[Array]
    a: list[Array]


class MLP:
    """A multi-layer perceptron with `len(layer_sizes) - 1` fully connected layers.

    Parameters
    ----------
    layer_sizes : sequence of int
        Units per layer, inputs first and outputs last, e.g. [2, 4, 1].
    activation : str or Activation
        Hidden activation, a name from `nn101.activations.names()` or an `Activation` (to set
        parameters, e.g. `activations.get("leaky_relu", negative_slope=0.1)`).
    output : str
        "sigmoid" (1 output unit, binary cross-entropy, labels 0/1), "softmax" (k >= 2 output
        units, cross-entropy, labels 0..k-1) or "identity" (mean squared error).
    seed : int
        Makes the run reproducible. Two independent generators are spawned from it, one for the
        initial weights and one for the mini-batch order.
    init : str
        Weight initialisation, one of `INITS`: "xavier" (Glorot), "he", "lecun", or "auto", the
        activation's own scheme as `recommended_init` gives it (LeCun for SELU, He for the ReLU
        family and the smooth rectifiers such as GELU and SiLU, Xavier for sigmoid, tanh and the
        other bounded or odd activations). Biases start at zero.

    Attributes
    ----------
    weights : list of numpy.ndarray
        W_l for each layer, shape (layer_sizes[l], layer_sizes[l + 1]) (see the module
        docstring).
    biases : list of numpy.ndarray
        b_l for each layer, shape (layer_sizes[l + 1],).
    init : str
        The scheme actually used, "xavier", "he" or "lecun" ("auto" resolved).
    history : list of float
        Mean training loss per epoch, extended by every `fit`.
    """

    def __init__(
        self,
        layer_sizes: Sequence[int],
        activation: str | activations.Activation = "relu",
        output: str = "sigmoid",
        seed: int = 0,
        init: str = "auto",
    ) -> None:
        self.layer_sizes = _check_layer_sizes(layer_sizes)
        if isinstance(activation, activations.Activation):
            self.activation = activation
        else:
            self.activation = activations.get(activation)
        self.output = _validation.choice(output, "output", OUTPUTS)
        _check_output_units(self.output, self.layer_sizes[-1])
        self.init = _resolve_init(_validation.choice(init, "init", INITS), self.activation)
        init_seed, shuffle_seed = np.random.SeedSequence(_validation.seed(seed)).spawn(2)
        self._shuffle_rng = np.random.default_rng(shuffle_seed)
        self.weights, self.biases = _initial_parameters(
            self.layer_sizes, self.init, np.random.default_rng(init_seed)
        )
        self.history: list[float] = []

    def __repr__(self) -> str:
        return (
            f"MLP(layer_sizes={self.layer_sizes}, activation={self.activation.name!r}, "
            f"output={self.output!r}, init={self.init!r})"
        )

    @property
    def n_parameters(self) -> int:
        """Number of trainable numbers: all weights and biases."""
        return sum(p.size for p in [*self.weights, *self.biases])

    # -- forward -----------------------------------------------------------------------------

    def forward_trace(self, X: ArrayLike) -> ForwardTrace:
        """Pre-activations z and activations a of every layer for inputs X (see `ForwardTrace`)."""
        z, a = self._propagate(self._inputs(X))
        return ForwardTrace(z, [*a, OUTPUTS[self.output][0](z[-1])])

    def forward(self, X: ArrayLike) -> Array:
        """Network output for inputs X of shape (n, layer_sizes[0]): shape (n, layer_sizes[-1])."""
        return self.forward_trace(X).a[-1]

    def predict_proba(self, X: ArrayLike) -> Array:
        """Class probabilities: shape (n,) with P(y = 1) for "sigmoid", (n, k) for "softmax".

        Raises
        ------
        ValueError
            The output is "identity", which gives no probabilities.
        """
        if self.output == "identity":
            raise ValueError("predict_proba needs output 'sigmoid' or 'softmax', not 'identity'")
        out = self.forward(X)
        return out[:, 0] if self.output == "sigmoid" else out

    def predict(self, X: ArrayLike) -> NDArray[np.int64] | Array:
        """Class labels, shape (n,), for "sigmoid" and "softmax"; the outputs for "identity".

        Labels are decided on the logits: z >= 0 (i.e. p >= 0.5) for sigmoid, argmax for softmax.
        """
        logits = self._propagate(self._inputs(X))[0][-1]
        if self.output == "sigmoid":
            return (logits[:, 0] >= 0.0).astype(np.int64)
        if self.output == "softmax":
            labels: NDArray[np.int64] = logits.argmax(axis=1).astype(np.int64)
            return labels
        return logits

    # -- loss and gradients ------------------------------------------------------------------

    def loss(self, X: ArrayLike, y: ArrayLike) -> float:
        """Mean loss of the network on (X, y); the loss is set by `output` (see `nn101.losses`)."""
        X = self._inputs(X)
        logits = self._propagate(X)[0][-1]
        return OUTPUTS[self.output][1](logits, self._targets(y, X.shape[0]))[0]

    def loss_and_grads(self, X: ArrayLike, y: ArrayLike) -> tuple[float, list[Array], list[Array]]:
        """Mean loss and its gradients with respect to every weight and bias, by backpropagation.

        Parameters
        ----------
        X : array_like
            Inputs, shape (n, layer_sizes[0]).
        y : array_like
            Targets, as `fit` takes them.

        Returns
        -------
        loss : float
            The mean loss, as `loss` computes it.
        grad_weights : list of numpy.ndarray
            dL/dW for every layer, shaped like `weights`.
        grad_biases : list of numpy.ndarray
            dL/db for every layer, shaped like `biases`.
        """
        X = self._inputs(X)
        return self._loss_and_grads(X, self._targets(y, X.shape[0]))

    def _loss_and_grads(self, X: Array, Y: NDArray[Any]) -> tuple[float, list[Array], list[Array]]:
        """Backpropagation on validated inputs, as the chapter writes it (docs/mlp.md).

        The error signal delta = dL/dz starts at the logits, where the loss gives it, and moves
        down one layer at a time. For the layer with input a = `a[layer]`, weights
        W = `weights[layer]` and, below it, pre-activation z = `z[layer - 1]`:

            dL/dW = a^T delta,    dL/db = sum of delta over the rows,
            then    delta <- (delta W^T) * f'(z)    (* entry by entry).

        The last step multiplies by f'(z) in place, for the same numbers: a fresh product holds
        one more (n, units) array at a time, which on a 1000-sample batch is enough for the
        memory allocator to hand memory back to the system and fault it in again at every step
        (a training run in a fresh process several times slower).
        """
        z, a = self._propagate(X)
        loss, delta = OUTPUTS[self.output][1](z[-1], Y)
        grad_w: list[Array] = []
        grad_b: list[Array] = []
        for layer in reversed(range(len(self.weights))):
            grad_w.append(a[layer].T @ delta)
            grad_b.append(_sum_over_rows(delta))
            if layer > 0:
                delta = delta @ self.weights[layer].T  # back through the weights ...
                delta *= self.activation.grad(z[layer - 1])  # ... and through f, entry by entry
        return loss, grad_w[::-1], grad_b[::-1]

    def _propagate(self, X: Array) -> tuple[list[Array], list[Array]]:
        """Pre-activations of every layer and activations a_0..a_{L-1} (all but the output)."""
        z: list[Array] = []
        a = [X]
        for W, b in zip(self.weights, self.biases, strict=True):
            z.append(a[-1] @ W + b)
            if len(z) < len(self.weights):
                a.append(self.activation(z[-1]))
        return z, a

    # -- training ----------------------------------------------------------------------------

    def fit(
        self,
        X: ArrayLike,
        y: ArrayLike,
        epochs: int = 100,
        learning_rate: float = 0.1,
        optimizer: str = "sgd",
        batch_size: int | None = None,
        callback: Callable[[int, MLP], object] | None = None,
    ) -> MLP:
        """Train by mini-batch gradient descent; continue from the current weights.

        Each epoch shuffles the samples (with a generator spawned from `seed`), splits them into
        batches of `batch_size` and takes one optimizer step per batch. The epoch's loss
        appended to `history` is the mean of the batch losses, weighted by batch size, each
        measured just before its step, as a PyTorch training loop reports it.

        Parameters
        ----------
        X : array_like
            Inputs, shape (n, layer_sizes[0]).
        y : array_like
            Targets: labels 0/1, shape (n,), for "sigmoid"; labels 0..k-1, shape (n,), for
            "softmax"; real numbers, shape (n, layer_sizes[-1]) (or (n,) for one output), for
            "identity".
        epochs : int
            Passes over the data.
        learning_rate : float
            The optimizer's lr. The default, 0.1, suits SGD and momentum on the toy problems;
            Adam usually wants 0.001 to 0.01.
        optimizer : str
            "sgd", "momentum" or "adam" (see `nn101.optim`). Each call starts a fresh optimizer
            (Adam's moments at 0).
        batch_size : int, optional
            Samples per step; None: one batch of all samples, so no shuffling is needed.
        callback : callable, optional
            `callback(epoch, model)` runs after every epoch (epochs count from 1 in each call).

        Returns
        -------
        MLP
            self, trained.

        Raises
        ------
        FloatingPointError
            The loss or a parameter stops being finite.
        """
        X = self._inputs(X)
        Y = self._targets(y, X.shape[0])
        epochs = _validation.positive_int(epochs, "epochs")
        stepper = optim.get(optimizer, learning_rate)
        n = X.shape[0]
        batch = (
            n if batch_size is None else min(_validation.positive_int(batch_size, "batch_size"), n)
        )
        for epoch in range(1, epochs + 1):
            self.history.append(self._epoch(X, Y, stepper, batch, epoch))
            if callback is not None:
                callback(epoch, self)
        return self

    def _epoch(
        self, X: Array, Y: NDArray[Any], stepper: optim.Optimizer, batch: int, epoch: int
    ) -> float:
        """One pass over the data; returns the epoch's mean loss."""
        n: int = X.shape[0]
        params = [*self.weights, *self.biases]
        order = self._shuffle_rng.permutation(n) if batch < n else None
        total = 0.0
        # Overflow is expected when training diverges; it is reported below, as one clear error,
        # instead of as a warning per operation followed by NaN weights.
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for start in range(0, n, batch):
                rows = slice(None) if order is None else order[start : start + batch]
                loss, grad_w, grad_b = self._loss_and_grads(X[rows], Y[rows])
                stepper.step(params, [*grad_w, *grad_b])
                total += loss * (min(start + batch, n) - start)
        mean = total / n
        if not (math.isfinite(mean) and _all_finite(params)):
            raise FloatingPointError(
                f"training diverged in epoch {epoch}: the loss or the weights are no longer "
                f"finite (loss {mean}); try a smaller learning_rate than {stepper.learning_rate}"
            )
        return mean

    # -- input checks ------------------------------------------------------------------------

    def _inputs(self, X: ArrayLike) -> Array:
        return _validation.matrix(X, self.layer_sizes[0])

    def _targets(self, y: ArrayLike, n: int) -> NDArray[Any]:
        """Targets in the form the loss expects: (n, 1) floats, (n,) ints or (n, out) floats."""
        n_out = self.layer_sizes[-1]
        if self.output == "sigmoid":
            return _validation.class_labels(y, n, 2).astype(np.float64)[:, None]
        if self.output == "softmax":
            return _validation.class_labels(y, n, n_out)
        Y = np.asarray(y, dtype=np.float64)
        Y = Y[:, None] if Y.shape == (n,) and n_out == 1 else Y
        if Y.shape != (n, n_out):
            raise ValueError(f"y must have shape ({n}, {n_out}) to match X, got shape {Y.shape}")
        if not np.isfinite(Y).all():
            raise ValueError("y contains NaN or infinity")
        return Y


def _sum_over_rows(delta: Array) -> Array:
    """The bias gradient dL/db, the sum of delta over the rows: `delta.sum(axis=0)`, bit for bit.

    With two or more columns numpy's sum adds the rows one after the other, paying a loop call
    per row, which for a 16-unit layer costs more than the additions (training the benchmark's
    2-16-16-1 network is 8 % slower with it); np.einsum adds them in the same order, in one loop.
    With one column, sum adds a contiguous vector pairwise instead, which einsum would not
    repeat, and which is fast anyway.
    """
    sums: Array = delta.sum(axis=0) if delta.shape[1] < 2 else np.einsum("ij->j", delta)
    return sums


def _all_finite(arrays: list[Array]) -> bool:
    """Whether every number in `arrays` is finite: one pass over their concatenation, rather
    than two numpy calls per array, as the check runs after every epoch."""
    return bool(np.isfinite(np.concatenate(arrays, axis=None)).all())


def _check_layer_sizes(layer_sizes: Sequence[int]) -> list[int]:
    if isinstance(layer_sizes, str) or not isinstance(layer_sizes, Sequence):
        raise TypeError(f"layer_sizes must be a sequence of ints, got {type(layer_sizes).__name__}")
    if len(layer_sizes) < 2:
        raise ValueError(
            f"layer_sizes needs at least 2 entries (inputs, outputs), got {layer_sizes}"
        )
    return [
        _validation.positive_int(size, f"layer_sizes[{i}]") for i, size in enumerate(layer_sizes)
    ]


def _check_output_units(output: str, n_out: int) -> None:
    if output == "sigmoid" and n_out != 1:
        raise ValueError(f"output 'sigmoid' needs exactly 1 output unit, got {n_out}")
    if output == "softmax" and n_out < 2:
        raise ValueError(f"output 'softmax' needs at least 2 output units, got {n_out}")


def recommended_init(activation: str | activations.Activation) -> str:
    """The weight initialisation that suits `activation`, the one `MLP(init="auto")` uses.

    Each scheme draws W_l with a variance chosen so that a layer passes signals on at about the
    size it receives them, for the kind of unit its authors analysed:

    - "lecun" (LeCun et al. 1998), Var W = 1/fan_in, for SELU: Klambauer et al. (2017) derive
      SELU's constants, and the self-normalisation that keeps activations at mean 0 and
      variance 1 layer after layer, for exactly this variance.
    - "he" (He et al. 2015), Var W = 2/fan_in, for rectifiers: units that pass z for z > 0 and
      (nearly) nothing for z < 0, so about half of the signal's second moment gets through.
      That is the ReLU family (relu, leaky_relu, relu6, rrelu, elu, celu) and also the smooth
      and hard rectifiers softplus, gelu, gelu_tanh, silu, mish and hard_swish, and the mirrored
      one, log_sigmoid. For z ~ N(0, 1) their mean squared derivative E[f'(z)²] is 0.29 to 0.48
      (GELU 0.46, SiLU 0.38, Mish 0.48), near ReLU's 0.5 and far from the 1 that Xavier's
      variance assumes; with Xavier's variance a deep GELU network's gradients vanish
      (docs/training.md). PyTorch's `torch.nn.init.calculate_gain` lists no gain for them (it
      knows linear, sigmoid, tanh, relu, leaky_relu and selu), so He's is the nearest.
    - "xavier" (Glorot & Bengio 2010), Var W = 2/(fan_in + fan_out), for units that behave like
      the identity near 0 or are bounded on both sides: identity, sigmoid, tanh, the hard
      sigmoid and tanh, softsign, the shrink functions, Gaussian and sinusoid. (The step
      function has no gradient to keep; it gets Xavier like the rest of its family.)

    Parameters
    ----------
    activation : str or Activation
        A registry name from `nn101.activations.names()` or an `Activation`.

    Returns
    -------
    str
        "lecun", "he" or "xavier".

    Examples
    --------
    >>> recommended_init("selu"), recommended_init("gelu"), recommended_init("tanh")
    ('lecun', 'he', 'xavier')
    """
    if not isinstance(activation, activations.Activation):
        activation = activations.get(activation)
    return _NAME_INITS.get(activation.name, _FAMILY_INITS[activation.family])


def _resolve_init(init: str, activation: activations.Activation) -> str:
    return recommended_init(activation) if init == "auto" else init


# Normal schemes: Var W = factor / fan_in.
_NORMAL_VARIANCE = {"he": 2.0, "lecun": 1.0}


def _initial_parameters(
    layer_sizes: list[int], init: str, rng: np.random.Generator
) -> tuple[list[Array], list[Array]]:
    """Random weights with a variance that keeps signals from growing or fading, zero biases.

    Xavier (Glorot & Bengio 2010, uniform): W ~ U(-r, r), r = sqrt(6 / (fan_in + fan_out)),
    so Var W = 2 / (fan_in + fan_out), a compromise between the forward and backward passes.
    He (He et al. 2015, normal): W ~ N(0, 2 / fan_in); the factor 2 makes up for ReLU zeroing
    half of its inputs. LeCun (LeCun et al. 1998, normal): W ~ N(0, 1 / fan_in), the variance
    that keeps the forward signal's size for a unit with gain 1, and SELU's. (PyTorch's
    `nn.Linear` uses none of them by default; its `kaiming_normal_` with
    `nonlinearity="linear"` is LeCun's.)
    """
    weights: list[Array] = []
    for fan_in, fan_out in itertools.pairwise(layer_sizes):
        if init in _NORMAL_VARIANCE:
            std = math.sqrt(_NORMAL_VARIANCE[init] / fan_in)
            weights.append(rng.normal(0.0, std, size=(fan_in, fan_out)))
        else:
            r = math.sqrt(6.0 / (fan_in + fan_out))
            weights.append(rng.uniform(-r, r, size=(fan_in, fan_out)))
    return weights, [np.zeros(size) for size in layer_sizes[1:]]

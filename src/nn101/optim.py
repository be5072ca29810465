"""Optimizers: rules that turn gradients into parameter updates.

Every optimizer has the same shape: build it with its hyper-parameters, then call
`step(params, grads)` once per mini-batch with two equally long lists of numpy arrays (parameter
`p` and its gradient `g`, same shapes). `step` updates the parameter arrays *in place*, so a model
that owns the arrays sees the change without copying. State such as a velocity is kept per
parameter, in the order of the list, so pass the parameters in the same order every time.

Hyper-parameter names and defaults follow PyTorch (`torch.optim.SGD`, `torch.optim.Adam`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from nn101 import _validation

Array = NDArray[np.float64]


class Optimizer:
    """Base class: stores and validates the learning rate lr; subclasses implement `step`."""

    def __init__(self, learning_rate: float = 1e-3) -> None:
        self.learning_rate = _validation.real(learning_rate, "learning_rate", positive=True)

    def step(self, params: Sequence[Array], grads: Sequence[Array]) -> None:
        """Update every array in `params` in place using the matching array in `grads`."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}(learning_rate={self.learning_rate})"


class SGD(Optimizer):
    """Plain gradient descent: p <- p - lr g."""

    def step(self, params: Sequence[Array], grads: Sequence[Array]) -> None:
        """Update every array in `params` in place using the matching array in `grads`."""
        for p, g in _pairs(params, grads):
            p -= self.learning_rate * g


class Momentum(Optimizer):
    """Gradient descent with (heavy-ball) momentum, in PyTorch's form.

        v <- mu v + g,    p <- p - lr v,    v starts at 0.

    The velocity v is a running sum of past gradients, decaying by mu per step, so steps grow up
    to 1 / (1 - mu) times (10 times for mu = 0.9) along directions where the gradient keeps its
    sign and cancel where it oscillates. (Sutskever et al. write v <- mu v - lr g, p <- p + v;
    the two agree while lr is constant.)
    """

    def __init__(self, learning_rate: float = 1e-3, momentum: float = 0.9) -> None:
        super().__init__(learning_rate)
        self.momentum = _fraction(momentum, "momentum")
        self.velocity: list[Array] = []

    def step(self, params: Sequence[Array], grads: Sequence[Array]) -> None:
        """Update every array in `params` in place using the matching array in `grads`."""
        pairs = _pairs(params, grads)
        self.velocity = _state(self.velocity, params)
        for (p, g), v in zip(pairs, self.velocity, strict=True):
            v *= self.momentum
            v += g
            p -= self.learning_rate * v


class Adam(Optimizer):
    """Adam (Kingma & Ba 2015) with PyTorch's defaults betas = (0.9, 0.999), eps = 1e-8.

    At step t = 1, 2, ... with gradient g:

        m <- b1 m + (1 - b1) g           running mean of g       (m, v start at 0)
        v <- b2 v + (1 - b2) g^2         running mean of g^2
        p <- p - lr * m_hat / (sqrt(v_hat) + eps),   m_hat = m / (1 - b1^t), v_hat = v / (1 - b2^t)

    The bias corrections undo the pull of the zero start. At t = 1 they give m_hat = g and
    v_hat = g^2, so the first step is lr * g / (|g| + eps): about lr in size, whatever the scale
    of g. Adam's step size is set by lr, not by the gradient's magnitude.
    """

    def __init__(
        self,
        learning_rate: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
    ) -> None:
        super().__init__(learning_rate)
        if not isinstance(betas, tuple | list) or len(betas) != 2:
            raise TypeError(f"betas must be a pair (beta1, beta2), got {betas!r}")
        self.betas = (_fraction(betas[0], "betas[0]"), _fraction(betas[1], "betas[1]"))
        self.eps = _validation.real(eps, "eps", positive=True)
        self.t = 0
        self.m: list[Array] = []
        self.v: list[Array] = []

    def step(self, params: Sequence[Array], grads: Sequence[Array]) -> None:
        """Update every array in `params` in place using the matching array in `grads`."""
        pairs = _pairs(params, grads)
        self.m, self.v = _state(self.m, params), _state(self.v, params)
        self.t += 1
        b1, b2 = self.betas
        # Fold both bias corrections into scalars instead of building m_hat and v_hat arrays:
        # m_hat / (sqrt(v_hat) + eps) = [c2 / c1] m / (sqrt(v) + eps c2), c1 = 1 - b1^t,
        # c2 = sqrt(1 - b2^t). Two array operations fewer per parameter; same numbers.
        c2 = math.sqrt(1.0 - b2**self.t)
        step_size = self.learning_rate * c2 / (1.0 - b1**self.t)
        for (p, g), m, v in zip(pairs, self.m, self.v, strict=True):
            m *= b1
            m += (1.0 - b1) * g
            v *= b2
            v += (1.0 - b2) * (g * g)
            p -= step_size * m / (np.sqrt(v) + self.eps * c2)


OPTIMIZERS: dict[str, type[Optimizer]] = {"sgd": SGD, "momentum": Momentum, "adam": Adam}


def names() -> list[str]:
    """Names accepted by `get`, in registry order."""
    return list(OPTIMIZERS)


def get(name: str, learning_rate: float = 1e-3) -> Optimizer:
    """The optimizer registered as `name`, its other hyper-parameters at their defaults."""
    return OPTIMIZERS[_validation.choice(name, "optimizer", OPTIMIZERS)](learning_rate)


def _pairs(params: Sequence[Array], grads: Sequence[Array]) -> list[tuple[Array, Array]]:
    """Pair each parameter with its gradient, checking counts and shapes match."""
    if len(params) != len(grads):
        raise ValueError(f"got {len(params)} parameter arrays but {len(grads)} gradients")
    for i, (p, g) in enumerate(zip(params, grads, strict=True)):
        if not isinstance(p, np.ndarray) or p.dtype.kind != "f":
            raise TypeError(f"params[{i}] must be a float numpy array to update in place")
        if np.shape(g) != p.shape:
            raise ValueError(f"grads[{i}] has shape {np.shape(g)}, params[{i}] has {p.shape}")
    return list(zip(params, grads, strict=True))


def _state(state: list[Array], params: Sequence[Array]) -> list[Array]:
    """Per-parameter state: zeros at the first step, afterwards checked against `params`."""
    if not state:
        return [np.zeros_like(p) for p in params]
    if [s.shape for s in state] != [p.shape for p in params]:
        raise ValueError("params differ from the previous step; use one optimizer per model")
    return state


def _fraction(value: float, name: str) -> float:
    """A decay rate: a real number in [0, 1)."""
    value = _validation.real(value, name)
    if value >= 1.0:
        raise ValueError(f"{name} must be in [0, 1), got {value}")
    return value

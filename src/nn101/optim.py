"""Optimizers: rules that turn gradients into parameter updates.

Every optimizer has the same shape: build it with its hyper-parameters, then call
`step(params, grads)` once per mini-batch with two equally long lists of numpy arrays (parameter
`p` and its gradient `g`, same shapes). `step` updates the parameter arrays *in place*, so a model
that owns the arrays sees the change without copying. State such as a velocity is kept per
parameter, in the order of the list, so pass the parameters in the same order every time.

Inside, a step treats all parameters as one vector: it copies the gradients into one flat
float64 array, applies the update rule to that array with a dozen numpy operations, and
subtracts each parameter's slice of the result from it. For the small networks of the figures a
loop over the arrays would cost more in Python overhead than the arithmetic does. The numbers
are those of the rule applied to each array (float64 parameters give the same bits; others get
their update rounded to their dtype).

Hyper-parameter names and defaults follow PyTorch (`torch.optim.SGD`, `torch.optim.Adam`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from nn101 import _validation

__all__ = ["SGD", "Adam", "Momentum", "Optimizer", "get", "names"]

Array = NDArray[np.float64]


class Optimizer:
    """Base class: stores and validates the learning rate lr; subclasses implement `_rule`.

    `_rule(g)` receives the gradients of all parameters as one flat array g and overwrites it
    with the step, which `step` then subtracts from the parameters: p <- p - step.

    Parameters
    ----------
    learning_rate : float
        lr, finite and > 0.
    """

    def __init__(self, learning_rate: float = 1e-3) -> None:
        self.learning_rate = _validation.real(learning_rate, "learning_rate", positive=True)
        self._shapes: list[tuple[int, ...]] | None = None  # the parameters the buffers are for
        self._flat: Array = np.zeros(0)  # all gradients, then the step, end to end
        self._pieces: list[Array] = []  # views of _flat, shaped like each parameter

    def step(self, params: Sequence[Array], grads: Sequence[Array]) -> None:
        """Update every array in `params` in place using the matching array in `grads`.

        Parameters
        ----------
        params : sequence of numpy.ndarray
            The parameters, float arrays, in the same order at every step. An empty list is a
            no-op.
        grads : sequence of numpy.ndarray
            One gradient per parameter, of its shape.

        Raises
        ------
        ValueError
            The lists differ in length, a gradient's shape differs from its parameter's, or
            (for optimizers with state) the parameters differ from those of the first step.
        TypeError
            A parameter is not a float numpy array.
        """
        _check_pairs(params, grads)
        if len(params) == 0:
            return  # nothing to update, and no state to lay out for it
        if [p.shape for p in params] != self._shapes:
            self._start(params)
        np.concatenate(grads, axis=None, out=self._flat)
        self._rule(self._flat)
        for p, piece in zip(params, self._pieces, strict=True):
            p -= piece

    def _start(self, params: Sequence[Array]) -> None:
        """Lay out the flat buffers for parameters of these shapes (subclasses add state)."""
        self._shapes = [p.shape for p in params]
        self._flat = np.zeros(sum(p.size for p in params))
        self._pieces = _pieces(self._flat, params)

    def _rule(self, g: Array) -> None:
        """Overwrite the flat gradient g with the step to subtract from the parameters."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}(learning_rate={self.learning_rate})"


class SGD(Optimizer):
    """Plain gradient descent: p <- p - lr g."""

    def _rule(self, g: Array) -> None:
        g *= self.learning_rate


class Momentum(Optimizer):
    """Gradient descent with (heavy-ball) momentum, in PyTorch's form.

        v <- mu v + g,    p <- p - lr v,    v starts at 0.

    The velocity v is a running sum of past gradients, decaying by mu per step, so steps grow up
    to 1 / (1 - mu) times (10 times for mu = 0.9) along directions where the gradient keeps its
    sign and cancel where it oscillates. (Sutskever et al. write v <- mu v - lr g, p <- p + v;
    the two agree while lr is constant.)

    Parameters
    ----------
    learning_rate : float
        lr, finite and > 0.
    momentum : float
        mu, in [0, 1).

    Attributes
    ----------
    velocity : list of numpy.ndarray
        v for each parameter, once the first step has laid them out.
    """

    def __init__(self, learning_rate: float = 1e-3, momentum: float = 0.9) -> None:
        super().__init__(learning_rate)
        self.momentum = _fraction(momentum, "momentum")
        self.velocity: list[Array] = []  # per parameter: views of the flat _v
        self._v: Array = np.zeros(0)

    def _start(self, params: Sequence[Array]) -> None:
        _refuse_new_params(self._shapes)
        super()._start(params)
        self._v = np.zeros_like(self._flat)
        self.velocity = _pieces(self._v, params)

    def _rule(self, g: Array) -> None:
        v = self._v
        v *= self.momentum
        v += g
        np.multiply(v, self.learning_rate, out=g)


class Adam(Optimizer):
    """Adam (Kingma & Ba 2015) with PyTorch's defaults betas = (0.9, 0.999), eps = 1e-8.

    At step t = 1, 2, ... with gradient g:

        m <- b1 m + (1 - b1) g           running mean of g       (m, v start at 0)
        v <- b2 v + (1 - b2) g^2         running mean of g^2
        p <- p - lr * m_hat / (sqrt(v_hat) + eps),   m_hat = m / (1 - b1^t), v_hat = v / (1 - b2^t)

    The bias corrections undo the pull of the zero start. At t = 1 they give m_hat = g and
    v_hat = g^2, so the first step is lr * g / (|g| + eps): about lr in size, whatever the scale
    of g. Adam's step size is set by lr, not by the gradient's magnitude.

    Parameters
    ----------
    learning_rate : float
        lr, finite and > 0.
    betas : tuple of float
        (b1, b2), each in [0, 1).
    eps : float
        Added to sqrt(v_hat), finite and > 0.

    Attributes
    ----------
    t : int
        Steps taken.
    m, v : list of numpy.ndarray
        The running means of g and g^2 for each parameter, once the first step has laid them
        out.
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
        self.m: list[Array] = []  # per parameter: views of the flat _m and _v
        self.v: list[Array] = []
        self._m = self._v = self._scratch = np.zeros(0)

    def _start(self, params: Sequence[Array]) -> None:
        _refuse_new_params(self._shapes)
        super()._start(params)
        self._m, self._v, self._scratch = (np.zeros_like(self._flat) for _ in range(3))
        self.m, self.v = _pieces(self._m, params), _pieces(self._v, params)

    def _rule(self, g: Array) -> None:
        self.t += 1
        b1, b2 = self.betas
        # Fold both bias corrections into scalars instead of building m_hat and v_hat arrays:
        # m_hat / (sqrt(v_hat) + eps) = [c2 / c1] m / (sqrt(v) + eps c2), c1 = 1 - b1^t,
        # c2 = sqrt(1 - b2^t). Two array operations fewer; same numbers.
        c2 = math.sqrt(1.0 - b2**self.t)
        step_size = self.learning_rate * c2 / (1.0 - b1**self.t)
        # The same operations, in the same order, as the formulas above, written in place into
        # preallocated arrays (`scratch`, and g once it is no longer needed).
        m, v, scratch = self._m, self._v, self._scratch
        m *= b1
        m += np.multiply(g, 1.0 - b1, out=scratch)
        v *= b2
        np.multiply(g, g, out=scratch)
        scratch *= 1.0 - b2
        v += scratch
        np.sqrt(v, out=scratch)
        scratch += self.eps * c2
        np.multiply(m, step_size, out=g)
        g /= scratch


OPTIMIZERS: dict[str, type[Optimizer]] = {"sgd": SGD, "momentum": Momentum, "adam": Adam}


def names() -> list[str]:
    """Names accepted by `get`, in registry order."""
    return list(OPTIMIZERS)


def get(name: str, learning_rate: float = 1e-3) -> Optimizer:
    """The optimizer registered as `name`, its other hyper-parameters at their defaults.

    Parameters
    ----------
    name : str
        One of `names()`: "sgd", "momentum" or "adam".
    learning_rate : float
        lr, finite and > 0.

    Returns
    -------
    Optimizer
        A fresh optimizer, with no state yet.

    Raises
    ------
    ValueError
        Unknown `name` (the message lists the valid names).
    """
    return OPTIMIZERS[_validation.choice(name, "optimizer", OPTIMIZERS)](learning_rate)


def _check_pairs(params: Sequence[Array], grads: Sequence[Array]) -> None:
    """Check that each parameter has a gradient of its shape and can be updated in place."""
    if len(params) != len(grads):
        raise ValueError(f"got {len(params)} parameter arrays but {len(grads)} gradients")
    for i, (p, g) in enumerate(zip(params, grads, strict=True)):
        if not isinstance(p, np.ndarray) or p.dtype.kind != "f":
            raise TypeError(f"params[{i}] must be a float numpy array to update in place")
        if np.shape(g) != p.shape:
            raise ValueError(f"grads[{i}] has shape {np.shape(g)}, params[{i}] has {p.shape}")


def _refuse_new_params(shapes: list[tuple[int, ...]] | None) -> None:
    """Per-parameter state fits the parameters of the first step only."""
    if shapes is not None:
        raise ValueError("params differ from the previous step; use one optimizer per model")


def _pieces(flat: Array, params: Sequence[Array]) -> list[Array]:
    """Consecutive slices of `flat` shaped like each parameter in turn (views, not copies)."""
    ends = itertools.accumulate(p.size for p in params)
    return [flat[end - p.size : end].reshape(p.shape) for p, end in zip(params, ends, strict=True)]


def _fraction(value: float, name: str) -> float:
    """A decay rate: a real number in [0, 1)."""
    value = _validation.real(value, name)
    if value >= 1.0:
        raise ValueError(f"{name} must be in [0, 1), got {value}")
    return value

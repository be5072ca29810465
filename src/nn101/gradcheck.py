"""Central-difference gradient checking.

A derivative written by hand is only as good as its test. The test used throughout nn101 is the
textbook one: compare the analytic derivative with a central difference

    f'(x) ≈ (f(x + ε) − f(x − ε)) / (2ε),

whose error is O(ε²) for smooth f (plus rounding of order machine-ε·|f| / ε, which is why ε is
1e-6 and not smaller). Everything here computes in float64, whatever the input dtype.

- :func:`numerical_derivative` differentiates an elementwise function (an activation).
- :func:`numerical_gradient` differentiates a scalar function of an array (a loss).
- :func:`relative_error` says how far apart two gradients are, independent of their scale.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from numbers import Real

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["numerical_derivative", "numerical_gradient", "relative_error"]

F64 = NDArray[np.float64]


def _check_eps(eps: object) -> float:
    """Return ``eps`` as a float, or raise ``ValueError`` naming it unless finite and > 0."""
    if isinstance(eps, bool) or not isinstance(eps, Real):
        raise ValueError(f"eps must be a finite number > 0, got {eps!r}")
    value = float(eps)
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"eps must be a finite number > 0, got {eps!r}")
    return value


def numerical_derivative(f: Callable[[F64], ArrayLike], x: ArrayLike, eps: float = 1e-6) -> F64:
    """Elementwise central difference of an elementwise function.

    .. math:: f'(x_i) \\approx \\frac{f(x_i + \\varepsilon) - f(x_i - \\varepsilon)}{2\\varepsilon}

    Parameters
    ----------
    f : callable
        An elementwise function (``f(x)[i]`` depends only on ``x[i]``), e.g. an activation.
    x : array_like
        Points of any shape (scalars and lists too); converted to float64.
    eps : float
        The step ε, finite and > 0.

    Returns
    -------
    numpy.ndarray
        Float64, with the shape of ``x``. Near a kink (relu at 0) the result is the average of
        the one-sided slopes, which is why derivative tests stay away from kinks.

    Raises
    ------
    ValueError
        ``eps`` is not a finite number > 0.
    """
    step = _check_eps(eps)
    x64 = np.asarray(x, dtype=np.float64)
    up = np.asarray(f(x64 + step), dtype=np.float64)
    down = np.asarray(f(x64 - step), dtype=np.float64)
    return (up - down) / (2.0 * step)


def _as_scalar(value: object) -> float:
    """The value of a scalar-valued function as a float; ``ValueError`` for anything else."""
    arr = np.asarray(value)
    if arr.ndim != 0 or arr.dtype.kind not in "biuf":
        raise ValueError(
            f"f must return a real scalar, got {type(value).__name__} "
            f"with shape {arr.shape} and dtype {arr.dtype}"
        )
    return float(arr)


def numerical_gradient(f: Callable[[F64], object], x: ArrayLike, eps: float = 1e-6) -> F64:
    """Gradient of a scalar-valued ``f`` by central differences, one entry at a time.

    .. math:: \\frac{\\partial f}{\\partial x_i} \\approx
              \\frac{f(x + \\varepsilon e_i) - f(x - \\varepsilon e_i)}{2\\varepsilon}

    where :math:`e_i` is the i-th unit array. Costs ``2 * x.size`` calls of ``f``.

    Parameters
    ----------
    f : callable
        Maps a float64 array shaped like ``x`` to a real scalar (float, numpy scalar or 0-d
        array). ``f`` must not keep or modify its argument: it receives one working array that
        is perturbed in place between calls.
    x : array_like
        The point, any shape. The caller's array is never modified: the work is done on a
        float64 copy.
    eps : float
        The step ε, finite and > 0.

    Returns
    -------
    numpy.ndarray
        Float64, with the shape of ``x``.

    Raises
    ------
    ValueError
        ``f`` returns anything but a real scalar, or ``eps`` is not a finite number > 0.
    """
    step = _check_eps(eps)
    point = np.array(x, dtype=np.float64)  # a copy, so perturbing it never touches the caller's x
    grad = np.empty_like(point)
    for i in np.ndindex(point.shape):
        original = point[i]
        point[i] = original + step
        up = _as_scalar(f(point))
        point[i] = original - step
        down = _as_scalar(f(point))
        point[i] = original
        grad[i] = (up - down) / (2.0 * step)
    return grad


def relative_error(a: ArrayLike, b: ArrayLike) -> float:
    """Scale-free distance between two arrays of the same shape.

    .. math:: \\operatorname{rel}(a, b) =
              \\frac{\\max_i |a_i - b_i|}{\\max\\bigl(10^{-12},\\ \\max_i (|a_i| + |b_i|)\\bigr)}

    One denominator for the whole array (not one per entry), so an entry that should be 0 and
    is 1e-10 in a finite-difference estimate does not look like a 100 % error. The floor 1e-12
    keeps two all-zero gradients at error 0 instead of 0/0. The result is in [0, 1] for finite
    inputs; typical thresholds for a correct derivative are 1e-7 to 1e-5. Empty arrays give 0;
    NaN anywhere gives NaN, so a check like ``relative_error(a, b) < tol`` fails.

    Raises
    ------
    ValueError
        The shapes differ (broadcasting would hide a shape bug in a gradient).
    """
    a64 = np.asarray(a, dtype=np.float64)
    b64 = np.asarray(b, dtype=np.float64)
    if a64.shape != b64.shape:
        raise ValueError(f"shapes differ: {a64.shape} vs {b64.shape}")
    diff = np.max(np.abs(a64 - b64), initial=0.0)
    scale = np.max(np.abs(a64) + np.abs(b64), initial=0.0)
    return float(diff / max(1e-12, float(scale)))

"""Input checks shared by the library.

Each helper either returns the cleaned value or raises with a message that names the argument and
what was wrong with it: `TypeError` for the wrong kind of object, `ValueError` for a right kind
with a wrong value. Nothing here is public API.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from numbers import Integral, Real
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray


def positive_int(value: Any, name: str) -> int:
    """Return `value` as an int, requiring an integer >= 1 (bools are not integers here)."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value}")
    return int(value)


def seed(value: Any, name: str = "seed") -> int:
    """Return a seed for `np.random.default_rng`: a non-negative int."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {value}")
    return int(value)


def real(value: Any, name: str, *, positive: bool = False) -> float:
    """Return `value` as a finite float, >= 0 (or > 0 when `positive`)."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    number = float(value)
    if not math.isfinite(number) or number < 0 or (positive and number == 0):
        kind = "positive" if positive else "non-negative"
        raise ValueError(f"{name} must be a finite {kind} number, got {number}")
    return number


def choice(value: Any, name: str, options: Iterable[str]) -> str:
    """Return `value` if it is one of `options`; the error message lists them all."""
    options = list(options)
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"unknown {name} {value!r}; valid: {', '.join(options)}")
    return value


def matrix(X: ArrayLike, n_features: int | None = None) -> NDArray[np.float64]:
    """Return `X` as a finite float64 array of shape (n_samples, n_features) with n_samples >= 1."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D with shape (n_samples, n_features), got shape {X.shape}")
    if X.shape[0] == 0:
        raise ValueError("X has no samples (0 rows)")
    if n_features is not None and X.shape[1] != n_features:
        raise ValueError(f"X has {X.shape[1]} features (columns), expected {n_features}")
    if not np.isfinite(X).all():
        raise ValueError("X contains NaN or infinity")
    return X


def class_labels(y: ArrayLike, n_samples: int, n_classes: int) -> NDArray[np.int64]:
    """Return `y` as an int64 vector of length `n_samples` with values in 0..n_classes-1.

    Bools and whole-number floats (1.0) are accepted as labels; 0.5 or NaN are not.
    """
    y = np.asarray(y)
    if y.shape != (n_samples,):
        raise ValueError(f"y must have shape ({n_samples},) to match X, got shape {y.shape}")
    if y.dtype.kind not in "biuf":
        raise TypeError(f"y must hold integer class labels, got dtype {y.dtype}")
    # Check the values before casting: casting NaN or 1e30 to int64 is undefined in numpy.
    whole = y.dtype.kind != "f" or bool(np.all(np.isfinite(y) & (y == np.round(y))))
    if not whole or y.min() < 0 or y.max() > n_classes - 1:
        valid = "0 or 1" if n_classes == 2 else f"integers 0..{n_classes - 1}"
        raise ValueError(f"y must hold class labels {valid}, got values {np.unique(y)[:10]}")
    return y.astype(np.int64)

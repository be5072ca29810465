"""Loss functions: each returns the mean loss and its gradient with respect to the network output.

Every function has the same shape, `loss(z, y) -> (value, dvalue_dz)`, where `z` is what the last
layer computes *before* its output activation (the logits) and the gradient has the shape of `z`.
Working from logits rather than probabilities is what makes the losses numerically stable, and it
gives the famously simple gradients `sigmoid(z) - y` and `softmax(z) - onehot(y)`.

| loss                   | output activation | targets                 | PyTorch equivalent    |
|------------------------|-------------------|-------------------------|-----------------------|
| `binary_cross_entropy` | sigmoid           | 0/1 (or in [0, 1])      | `BCEWithLogitsLoss`   |
| `cross_entropy`        | softmax           | integer classes 0..k-1  | `CrossEntropyLoss`    |
| `mean_squared_error`   | identity          | real numbers            | `MSELoss`             |

All three average over their terms (PyTorch's default `reduction="mean"`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["binary_cross_entropy", "cross_entropy", "mean_squared_error"]

Array = NDArray[np.float64]


def binary_cross_entropy(z: ArrayLike, y: ArrayLike) -> tuple[float, Array]:
    """Mean binary cross-entropy of targets `y` given logits `z` (any shape, same for both).

    With p = sigmoid(z), the loss of one term is -[y log p + (1 - y) log(1 - p)]. Evaluating
    log p directly fails for large |z| (p rounds to 0 or 1), so we use the identity

        -[y log p + (1 - y) log(1 - p)] = max(z, 0) - z y + log(1 + exp(-|z|)),

    whose exponent is never positive. The gradient of the mean over N terms is (p - y) / N.
    For moderate z the value equals `torch.nn.BCELoss` on p; for |z| > 100 BCELoss clamps
    log p at -100 while this function, like `BCEWithLogitsLoss`, stays exact.

    Parameters
    ----------
    z : array_like
        Logits, any shape.
    y : array_like
        Targets 0/1 (or in [0, 1]), the shape of `z`.

    Returns
    -------
    value : float
        The mean loss.
    grad : numpy.ndarray
        Its gradient with respect to `z`, (p - y) / N, the shape of `z`.

    Raises
    ------
    ValueError
        `z` is empty or `y` has another shape.
    """
    z, y = _same_shape(z, y, "logits z")
    e = np.exp(-np.abs(z))
    terms = np.maximum(z, 0.0) - z * y + np.log1p(e)
    # Reuse e for p: sigmoid(z) = 1 / (1 + e) for z >= 0 and e / (1 + e) for z < 0.
    p = np.where(z >= 0, 1.0, e) / (1.0 + e)
    return float(terms.mean()), (p - y) / z.size


def cross_entropy(z: ArrayLike, y: ArrayLike) -> tuple[float, Array]:
    """Mean cross-entropy of integer labels `y` (shape (n,)) given logits `z` (shape (n, k)).

    Sample i contributes -log softmax(z_i)[y_i] = logsumexp(z_i) - z_i[y_i], with the log-sum-exp
    trick logsumexp(z) = m + log sum_j exp(z_j - m), m = max_j z_j, so no exponent is positive.
    The gradient is (softmax(z) - onehot(y)) / n; every logit gets a share, not only the true one.

    Parameters
    ----------
    z : array_like
        Logits, shape (n, k).
    y : array_like
        Integer labels 0..k-1, shape (n,).

    Returns
    -------
    value : float
        The mean loss.
    grad : numpy.ndarray
        Its gradient with respect to `z`, shape (n, k).

    Raises
    ------
    ValueError
        Shapes other than these, or a label outside 0..k-1.
    """
    z, y = np.asarray(z, dtype=np.float64), np.asarray(y)
    if z.ndim != 2 or z.size == 0 or y.shape != (z.shape[0],):
        raise ValueError(
            f"need non-empty logits z of shape (n, k) and labels y of shape (n,), "
            f"got {z.shape} and {y.shape}"
        )
    if y.dtype.kind not in "iu" or y.min() < 0 or y.max() >= z.shape[1]:
        raise ValueError(f"y must hold integer labels 0..{z.shape[1] - 1}")
    n, rows = z.shape[0], np.arange(z.shape[0])
    m = z.max(axis=1, keepdims=True)
    e = np.exp(z - m)
    total = e.sum(axis=1, keepdims=True)
    log_sum_exp = (m + np.log(total))[:, 0]
    grad = e / total  # softmax(z), reusing the exponentials of the log-sum-exp
    grad[rows, y] -= 1.0
    return float((log_sum_exp - z[rows, y]).mean()), grad / n


def mean_squared_error(y_hat: ArrayLike, y: ArrayLike) -> tuple[float, Array]:
    """Mean of (y_hat - y)^2 over all N entries (any shape, same for both); gradient 2(y_hat - y)/N.

    With an identity output the prediction y_hat *is* the logit z.

    Parameters
    ----------
    y_hat : array_like
        Predictions, any shape.
    y : array_like
        Targets, the shape of `y_hat`.

    Returns
    -------
    value : float
        The mean loss.
    grad : numpy.ndarray
        Its gradient with respect to `y_hat`, the shape of `y_hat`.

    Raises
    ------
    ValueError
        `y_hat` is empty or `y` has another shape.
    """
    y_hat, y = _same_shape(y_hat, y, "predictions y_hat")
    residual = y_hat - y
    return float(np.mean(residual**2)), (2.0 / residual.size) * residual


def _same_shape(z: ArrayLike, y: ArrayLike, what: str) -> tuple[Array, Array]:
    z, y = np.asarray(z, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if z.shape != y.shape or z.size == 0:
        raise ValueError(
            f"{what} and targets y must be non-empty and have the same shape, got "
            f"{z.shape} and {y.shape}"
        )
    return z, y

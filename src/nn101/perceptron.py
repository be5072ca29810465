"""Rosenblatt's perceptron (1958): one linear threshold unit and its error-correcting learning rule.

The unit predicts y_hat = step(w . x + b), with step(z) = 1 if z >= 0 else 0. Training visits the
samples one at a time and corrects only mistakes:

    w <- w + lr (y - y_hat) x,        b <- b + lr (y - y_hat),

so a false negative (y - y_hat = 1) pulls w towards x and a false positive pushes it away. The
perceptron convergence theorem (Novikoff 1962) says that on linearly separable data this stops
after finitely many updates; on data that no line separates, such as XOR, it never stops.
"""

from __future__ import annotations

from numbers import Integral

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nn101 import _validation, activations

__all__ = ["Perceptron"]

Array = NDArray[np.float64]
STEP = activations.get("step")  # step(z) = 1 if z >= 0 else 0, the registry's entry


class Perceptron:
    """A single threshold unit trained with the perceptron rule for labels 0 and 1.

    Weights and bias start at zero: the convergence theorem needs no random start, and from zero
    every update is a sum of lr (y - y_hat) x terms, so lr only scales w and b and the decisions
    (and `errors_`) are the same for every lr.

    Parameters
    ----------
    learning_rate : float
        lr > 0 in the update rule.
    max_epochs : int
        The most passes over the data; training stops earlier after an epoch without mistakes.
    seed : int
        Order in which each epoch visits the samples (a fresh permutation per epoch).

    Attributes
    ----------
    weights : numpy.ndarray
        w, shape (n_features,), after `fit`.
    bias : float
        b, after `fit`.
    errors_ : list of int
        Number of mistakes (= updates) in each epoch.
    converged_ : bool
        True iff an epoch made no mistake (training stops after it).
    history_ : list of (numpy.ndarray, float)
        (w, b) copies: the initial state first, then the state after every update, so
        `history_[k]` holds the weights after k updates (see the `update` argument of
        `predict`).
    epoch_of_update_ : list of int
        For each `history_` entry, the epoch that produced it, counting from 1
        (`errors_[e - 1]` is epoch e); 0 marks the initial state.
    sample_of_update_ : list of int
        For each `history_` entry, the row of X whose mistake produced it; -1 marks the
        initial state, which no sample produced.
    """

    def __init__(self, learning_rate: float = 1.0, max_epochs: int = 100, seed: int = 0) -> None:
        self.learning_rate = _validation.real(learning_rate, "learning_rate", positive=True)
        self.max_epochs = _validation.positive_int(max_epochs, "max_epochs")
        self.seed = _validation.seed(seed)
        self.weights: Array = np.zeros(0)
        self.bias = 0.0
        self.errors_: list[int] = []
        self.converged_ = False
        self.history_: list[tuple[Array, float]] = []
        self.epoch_of_update_: list[int] = []
        self.sample_of_update_: list[int] = []

    def fit(self, X: ArrayLike, y: ArrayLike) -> Perceptron:
        """Train from zero weights on samples X with labels y.

        Parameters
        ----------
        X : array_like
            Samples, shape (n, n_features).
        y : array_like
            Labels in {0, 1}, shape (n,).

        Returns
        -------
        Perceptron
            self, trained.
        """
        X = _validation.matrix(X)
        labels = _validation.class_labels(y, X.shape[0], 2)
        rng = np.random.default_rng(self.seed)
        self.weights, self.bias = np.zeros(X.shape[1]), 0.0
        self.errors_, self.converged_ = [], False
        self.history_ = [(self.weights.copy(), self.bias)]
        self.epoch_of_update_, self.sample_of_update_ = [0], [-1]
        for epoch in range(1, self.max_epochs + 1):
            self.errors_.append(self._epoch(X, labels, rng.permutation(X.shape[0]), epoch))
            if self.errors_[-1] == 0:
                self.converged_ = True
                break
        return self

    def _epoch(self, X: Array, y: NDArray[np.int64], order: NDArray[np.int64], epoch: int) -> int:
        """Visit the samples in `order`, updating after each mistake; return the mistake count."""
        mistakes = 0
        # The rule is online: each prediction uses the weights left by the previous sample, so
        # this loop over samples cannot be vectorised away.
        for i in order:
            error = y[i] - int(STEP(X[i] @ self.weights + self.bias))
            if error != 0:
                self.weights += self.learning_rate * error * X[i]
                self.bias += self.learning_rate * error
                self.history_.append((self.weights.copy(), self.bias))
                self.epoch_of_update_.append(epoch)
                self.sample_of_update_.append(int(i))
                mistakes += 1
        return mistakes

    def decision_function(self, X: ArrayLike, update: int | None = None) -> Array:
        """The pre-activation z = X w + b; its sign decides the class.

        Parameters
        ----------
        X : array_like
            Samples, shape (n, n_features).
        update : int, optional
            Use the weights after this many updates, `history_[update]` (0 is the zero start;
            negative values count from the end, as list indices do). None: the final weights.

        Returns
        -------
        numpy.ndarray
            z, shape (n,).

        Raises
        ------
        RuntimeError
            The perceptron is not fitted yet.
        IndexError
            `update` is not an index into `history_`.
        """
        weights, bias = self._state(update)
        return _validation.matrix(X, weights.size) @ weights + bias

    def predict(self, X: ArrayLike, update: int | None = None) -> NDArray[np.int64]:
        """Predicted labels step(X w + b) in {0, 1}.

        Parameters
        ----------
        X : array_like
            Samples, shape (n, n_features).
        update : int, optional
            As in `decision_function`: the labels the perceptron gave after this many updates,
            e.g. to replay training; None: the final weights.

        Returns
        -------
        numpy.ndarray
            Labels, int64, shape (n,).
        """
        return STEP(self.decision_function(X, update)).astype(np.int64)

    def _state(self, update: int | None) -> tuple[Array, float]:
        """(w, b) after `update` updates, or the current weights for None."""
        if self.weights.size == 0:
            raise RuntimeError("this Perceptron is not fitted yet; call fit(X, y) first")
        if update is None:
            return self.weights, self.bias
        n_states = len(self.history_)
        if isinstance(update, bool) or not isinstance(update, Integral):
            raise TypeError(f"update must be an int or None, got {type(update).__name__}")
        if not -n_states <= update < n_states:
            raise IndexError(f"update must be in 0..{n_states - 1} (history_), got {update}")
        return self.history_[update]

"""The perceptron learns every linearly separable gate and never learns XOR."""

import itertools

import numpy as np
import pytest

from nn101 import datasets
from nn101.perceptron import Perceptron

SEPARABLE = ["and", "or", "nand", "nor"]


@pytest.mark.parametrize("gate", SEPARABLE)
@pytest.mark.parametrize("seed", range(5))
def test_learns_every_linearly_separable_gate(gate, seed):
    X, y = datasets.logic_gate(gate)
    model = Perceptron(seed=seed).fit(X, y)
    assert model.converged_
    assert model.errors_[-1] == 0
    assert all(e > 0 for e in model.errors_[:-1])  # training stops at the first clean epoch
    np.testing.assert_array_equal(model.predict(X), y)


@pytest.mark.parametrize("seed", range(5))
def test_never_learns_xor(seed):
    X, y = datasets.logic_gate("xor")
    model = Perceptron(max_epochs=50, seed=seed).fit(X, y)
    assert not model.converged_
    assert len(model.errors_) == 50
    assert min(model.errors_) > 0  # every epoch makes a mistake: no line separates XOR
    assert np.mean(model.predict(X) == y) <= 3 / 4


def test_history_starts_at_zero_and_ends_at_the_final_weights():
    X, y = datasets.logic_gate("and")
    model = Perceptron(seed=1).fit(X, y)
    w0, b0 = model.history_[0]
    np.testing.assert_array_equal(w0, [0.0, 0.0])
    assert b0 == 0.0
    w_last, b_last = model.history_[-1]
    np.testing.assert_array_equal(w_last, model.weights)
    assert b_last == model.bias
    # one entry per update, and every update is one mistake
    assert len(model.history_) == 1 + sum(model.errors_)


def test_history_entries_are_copies_and_labelled_with_their_epoch():
    X, y = datasets.logic_gate("or")
    model = Perceptron(seed=2).fit(X, y)
    assert len(model.epoch_of_update_) == len(model.history_)
    assert model.epoch_of_update_[0] == 0
    counts = np.bincount(model.epoch_of_update_[1:], minlength=len(model.errors_) + 1)
    assert counts[1:].tolist() == model.errors_
    # consecutive snapshots differ by one update lr (y - y_hat) (x, 1), x a corner of the square
    for (w1, b1), (w2, b2) in itertools.pairwise(model.history_):
        step = np.append(w2 - w1, b2 - b1)
        assert abs(step[-1]) == 1.0
        assert set(np.abs(step[:-1])) <= {0.0, 1.0}


@pytest.mark.parametrize("learning_rate", [1.0, 0.3])
def test_each_update_is_the_rule_applied_to_the_sample_recorded_for_it(learning_rate):
    X, y = datasets.gaussians(n=40, noise=0.7, seed=5)
    model = Perceptron(learning_rate=learning_rate, seed=0).fit(X, y)
    assert len(model.sample_of_update_) == len(model.history_) > 1
    assert model.sample_of_update_[0] == -1  # the zero start: no sample produced it
    for k in range(1, len(model.history_)):
        i = model.sample_of_update_[k]
        (w_before, b_before), (w_after, b_after) = model.history_[k - 1], model.history_[k]
        error = y[i] - model.predict(X[i : i + 1], update=k - 1)[0]
        assert error != 0, k  # sample i was misclassified by the state before the update ...
        # ... and the update is w <- w + lr (y - y_hat) x, b <- b + lr (y - y_hat), to the bit
        np.testing.assert_array_equal(w_after, w_before + learning_rate * error * X[i])
        assert b_after == b_before + learning_rate * error


def test_predict_after_an_update_uses_the_weights_of_that_moment():
    X, y = datasets.logic_gate("xor")
    model = Perceptron(max_epochs=5, seed=1).fit(X, y)
    for k, (w, b) in enumerate(model.history_):
        np.testing.assert_array_equal(model.decision_function(X, update=k), X @ w + b)
        np.testing.assert_array_equal(model.predict(X, update=k), (X @ w + b >= 0).astype(int))
    assert model.predict(X, update=0).tolist() == [1, 1, 1, 1]  # w = 0, b = 0: step(0) = 1
    np.testing.assert_array_equal(model.predict(X, update=-1), model.predict(X))
    last = len(model.history_) - 1
    np.testing.assert_array_equal(model.decision_function(X, last), model.decision_function(X))


def test_update_must_index_the_history():
    with pytest.raises(RuntimeError, match="not fitted yet"):
        Perceptron().predict([[0.0, 1.0]], update=0)
    X, y = datasets.logic_gate("and")
    model = Perceptron().fit(X, y)
    n_states = len(model.history_)
    for bad in (n_states, -n_states - 1):
        with pytest.raises(IndexError, match=rf"update must be in 0..{n_states - 1}"):
            model.predict(X, update=bad)
    for bad in (True, 1.0, "1"):
        with pytest.raises(TypeError, match="update must be an int or None"):
            model.decision_function(X, update=bad)


def test_converges_on_separable_blobs_with_w_pointing_from_class_0_to_class_1():
    X, y = datasets.gaussians(n=40, noise=0.3, seed=4)
    model = Perceptron(seed=0).fit(X, y)
    assert model.converged_
    np.testing.assert_array_equal(model.predict(X), y)
    # w accumulates lr (y - y_hat) x, so it must point from class 0 (-1, -1) to class 1 (1, 1)
    assert model.weights[0] > 0
    assert model.weights[1] > 0


@pytest.mark.parametrize("learning_rate", [0.01, 0.5, 7.0])
def test_the_learning_rate_only_rescales_the_weights(learning_rate):
    X, y = datasets.gaussians(n=30, noise=0.8, seed=1)
    reference = Perceptron(learning_rate=1.0, seed=3).fit(X, y)
    model = Perceptron(learning_rate=learning_rate, seed=3).fit(X, y)
    assert model.errors_ == reference.errors_
    np.testing.assert_allclose(model.weights, learning_rate * reference.weights)
    assert model.bias == pytest.approx(learning_rate * reference.bias)


def test_same_seed_same_run_other_seed_other_visiting_order():
    X, y = datasets.gaussians(n=30, noise=0.8, seed=1)

    def path(seed):
        model = Perceptron(seed=seed).fit(X, y)
        return [(*w, b) for w, b in model.history_]

    assert path(0) == path(0)
    assert path(0) != path(1)


def test_refitting_starts_again_from_zero():
    X, y = datasets.logic_gate("nand")
    model = Perceptron(seed=0).fit(X, y)
    first = (model.weights.copy(), model.bias, list(model.errors_), len(model.history_))
    samples = list(model.sample_of_update_)
    model.fit(X, y)
    np.testing.assert_array_equal(model.weights, first[0])
    assert (model.bias, model.errors_, len(model.history_)) == first[1:]
    assert model.sample_of_update_ == samples


def test_decision_function_is_the_pre_activation():
    X, y = datasets.logic_gate("and")
    model = Perceptron().fit(X, y)
    z = model.decision_function(X)
    np.testing.assert_allclose(z, X @ model.weights + model.bias)
    np.testing.assert_array_equal(model.predict(X), (z >= 0).astype(int))


def test_step_at_zero_is_one():
    model = Perceptron().fit([[1.0]], [1])  # the first prediction, step(0), is already right
    assert model.errors_ == [0]
    assert model.converged_
    assert model.predict([[0.0]]).tolist() == [1]


# -- bad inputs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"learning_rate": 0}, ValueError, "learning_rate must be a finite positive number"),
        ({"learning_rate": float("nan")}, ValueError, "learning_rate must be a finite positive"),
        ({"learning_rate": None}, TypeError, "learning_rate must be a real number"),
        ({"max_epochs": 0}, ValueError, "max_epochs must be a positive integer"),
        ({"max_epochs": 10.0}, TypeError, "max_epochs must be an int, got float"),
        ({"seed": -3}, ValueError, "seed must be a non-negative integer"),
        ({"seed": "0"}, TypeError, "seed must be an int, got str"),
    ],
)
def test_bad_hyper_parameters_are_named(kwargs, error, message):
    with pytest.raises(error, match=message):
        Perceptron(**kwargs)


@pytest.mark.parametrize(
    ("X", "y", "error", "message"),
    [
        ([0.0, 1.0], [0, 1], ValueError, r"X must be 2-D"),
        (np.zeros((0, 2)), [], ValueError, r"X has no samples"),
        ([[0.0, np.nan]], [0], ValueError, r"X contains NaN or infinity"),
        ([[0.0], [1.0]], [0], ValueError, r"y must have shape \(2,\) to match X"),
        ([[0.0], [1.0]], [0, 2], ValueError, r"y must hold class labels 0 or 1"),
        ([[0.0], [1.0]], [0, 0.5], ValueError, r"y must hold class labels 0 or 1"),
        ([[0.0], [1.0]], [0, np.nan], ValueError, r"y must hold class labels 0 or 1"),
        ([[0.0], [1.0]], ["a", "b"], TypeError, r"y must hold integer class labels"),
    ],
)
def test_fit_rejects_bad_data(X, y, error, message):
    with pytest.raises(error, match=message):
        Perceptron().fit(X, y)


def test_fit_accepts_boolean_and_whole_float_labels():
    X, y = datasets.logic_gate("or")
    for labels in (y.astype(bool), y.astype(float)):
        np.testing.assert_array_equal(Perceptron().fit(X, labels).predict(X), y)


def test_predict_needs_a_fitted_model_and_matching_features():
    with pytest.raises(RuntimeError, match="not fitted yet"):
        Perceptron().predict([[0.0, 1.0]])
    model = Perceptron().fit(*datasets.logic_gate("and"))
    with pytest.raises(ValueError, match=r"X has 3 features \(columns\), expected 2"):
        model.predict([[0.0, 1.0, 2.0]])

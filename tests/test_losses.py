"""The losses equal their textbook (and PyTorch) formulas, have the right gradients, and stay
finite where the naive formulas overflow."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nn101 import losses
from nn101.gradcheck import numerical_gradient, relative_error

rng = np.random.default_rng(20240601)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


# -- values on small examples ------------------------------------------------------------------


@pytest.mark.parametrize("label", [0.0, 1.0])
def test_bce_of_a_coin_flip_is_log_2(label):
    value, _ = losses.binary_cross_entropy(np.array([0.0]), np.array([label]))
    assert value == pytest.approx(math.log(2))


def test_bce_equals_torch_bceloss_on_sigmoid_outputs():
    z = rng.normal(0, 3, size=(50, 1))
    y = rng.integers(0, 2, size=(50, 1)).astype(float)
    p = sigmoid(z)
    bce_loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))  # torch.nn.BCELoss
    assert losses.binary_cross_entropy(z, y)[0] == pytest.approx(bce_loss, rel=1e-12)


def test_bce_hand_example():
    # logits 2 and -1 with labels 1 and 0: both right, costs log(1 + e^-2) and log(1 + e^-1)
    value, grad = losses.binary_cross_entropy(np.array([2.0, -1.0]), np.array([1.0, 0.0]))
    assert value == pytest.approx((math.log1p(math.exp(-2)) + math.log1p(math.exp(-1))) / 2)
    np.testing.assert_allclose(grad, [(sigmoid(2.0) - 1) / 2, sigmoid(-1.0) / 2])


@pytest.mark.parametrize("k", [2, 3, 10])
def test_cross_entropy_of_uniform_logits_is_log_k(k):
    z = np.full((4, k), 7.5)  # equal logits: every class gets probability 1/k
    value, _ = losses.cross_entropy(z, np.arange(4) % k)
    assert value == pytest.approx(math.log(k))


def test_cross_entropy_hand_example():
    value, grad = losses.cross_entropy(np.array([[1.0, 2.0, 3.0]]), np.array([2]))
    e = np.exp([1.0, 2.0, 3.0])
    assert value == pytest.approx(-math.log(e[2] / e.sum()))
    np.testing.assert_allclose(grad, [e / e.sum() - [0, 0, 1]])


def test_cross_entropy_equals_minus_log_softmax_of_the_true_class():
    z = rng.normal(0, 2, size=(30, 4))
    y = rng.integers(0, 4, size=30)
    softmax = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    expected = -np.mean(np.log(softmax[np.arange(30), y]))  # torch.nn.CrossEntropyLoss
    assert losses.cross_entropy(z, y)[0] == pytest.approx(expected, rel=1e-12)


def test_two_class_cross_entropy_is_bce_of_the_logit_difference():
    # softmax over (z0, z1) gives class 1 the probability sigmoid(z1 - z0)
    z = rng.normal(size=(20, 2))
    y = rng.integers(0, 2, size=20)
    ce, _ = losses.cross_entropy(z, y)
    bce, _ = losses.binary_cross_entropy(z[:, 1] - z[:, 0], y.astype(float))
    assert ce == pytest.approx(bce, rel=1e-12)


def test_mse_hand_example():
    value, grad = losses.mean_squared_error(np.array([[1.0, 2.0]]), np.array([[0.0, 0.0]]))
    assert value == pytest.approx(2.5)  # (1 + 4) / 2
    np.testing.assert_allclose(grad, [[1.0, 2.0]])  # 2 (y_hat - y) / 2


def test_losses_are_zero_for_perfect_predictions():
    assert losses.mean_squared_error(np.ones((3, 2)), np.ones((3, 2)))[0] == 0.0
    assert losses.binary_cross_entropy(np.array([50.0]), np.array([1.0]))[0] < 1e-20
    assert losses.cross_entropy(np.array([[0.0, 60.0]]), np.array([1]))[0] < 1e-20


# -- gradients ---------------------------------------------------------------------------------


def check_gradient(loss, z, y):
    _, grad = loss(z, y)
    numeric = numerical_gradient(lambda v: loss(v, y)[0], z.copy())
    assert grad.shape == z.shape
    assert relative_error(grad, numeric) < 1e-7


def test_bce_gradient_is_sigmoid_minus_y_over_n():
    z, y = rng.normal(size=(8, 1)), rng.integers(0, 2, size=(8, 1)).astype(float)
    check_gradient(losses.binary_cross_entropy, z, y)
    np.testing.assert_allclose(losses.binary_cross_entropy(z, y)[1], (sigmoid(z) - y) / 8)


def test_cross_entropy_gradient_touches_every_logit():
    z, y = rng.normal(size=(6, 4)), rng.integers(0, 4, size=6)
    check_gradient(losses.cross_entropy, z, y)
    grad = losses.cross_entropy(z, y)[1]
    assert np.all(grad != 0)  # the diagonal-only softmax gradient bug would leave zeros
    np.testing.assert_allclose(grad.sum(axis=1), 0.0, atol=1e-15)


def test_mse_gradient():
    check_gradient(losses.mean_squared_error, rng.normal(size=(5, 3)), rng.normal(size=(5, 3)))


# -- numerical stability -----------------------------------------------------------------------


def test_bce_is_exact_for_huge_logits():
    z = np.array([1e4, 1e4, -1e4, -1e4])
    y = np.array([1.0, 0.0, 1.0, 0.0])
    value, grad = losses.binary_cross_entropy(z, y)  # pytest turns overflow warnings into errors
    assert value == pytest.approx(2e4 / 4)  # two terms cost 0, two cost |z| = 1e4
    np.testing.assert_array_equal(grad, [0.0, 0.25, -0.25, 0.0])


def test_cross_entropy_is_exact_for_huge_logits():
    z = np.array([[1e4, -1e4, 0.0], [-1e4, -1e4, -1e4]])
    value, grad = losses.cross_entropy(z, np.array([1, 0]))
    assert value == pytest.approx((2e4 + math.log(3)) / 2)
    assert np.isfinite(grad).all()
    np.testing.assert_allclose(grad[0], [0.5, -0.5, 0.0])


logits = arrays(
    np.float64, st.tuples(st.integers(1, 5), st.integers(2, 4)), elements=st.floats(-1e6, 1e6)
)


@settings(max_examples=60, deadline=None)
@given(z=logits, data=st.data())
def test_losses_stay_finite_and_non_negative_for_any_finite_logits(z, data):
    labels = data.draw(arrays(np.int64, z.shape[0], elements=st.integers(0, z.shape[1] - 1)))
    ce, ce_grad = losses.cross_entropy(z, labels)
    bce, bce_grad = losses.binary_cross_entropy(z, (z > 0).astype(float)[::-1])
    assert math.isfinite(ce) and ce >= 0
    assert math.isfinite(bce) and bce >= 0
    # a probability minus a one-hot label, divided by n: each entry within [-1/n, 1/n]
    assert np.all(np.abs(ce_grad) <= 1 / z.shape[0])
    np.testing.assert_allclose(ce_grad.sum(axis=1), 0.0, atol=1e-12)
    assert np.all(np.abs(bce_grad) <= 1 / z.size)


# -- bad inputs --------------------------------------------------------------------------------


@pytest.mark.parametrize("loss", [losses.binary_cross_entropy, losses.mean_squared_error])
def test_elementwise_losses_need_matching_shapes(loss):
    with pytest.raises(
        ValueError, match=r"and targets y must be non-empty and have the same shape"
    ):
        loss(np.zeros((4, 1)), np.zeros(4))
    with pytest.raises(ValueError, match="non-empty"):
        loss(np.zeros(0), np.zeros(0))


@pytest.mark.parametrize(
    ("z", "y", "message"),
    [
        (np.zeros(3), np.zeros(3, dtype=int), r"logits z of shape \(n, k\)"),
        (np.zeros((3, 2)), np.zeros(2, dtype=int), r"labels y of shape \(n,\)"),
        (np.zeros((0, 2)), np.zeros(0, dtype=int), "non-empty"),
        (np.zeros((2, 3)), np.array([0, 3]), r"integer labels 0..2"),
        (np.zeros((2, 3)), np.array([-1, 0]), r"integer labels 0..2"),
        (np.zeros((2, 3)), np.array([0.0, 1.0]), r"integer labels 0..2"),
    ],
)
def test_cross_entropy_rejects_bad_shapes_and_labels(z, y, message):
    with pytest.raises(ValueError, match=message):
        losses.cross_entropy(z, y)

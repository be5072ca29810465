"""The toy problems have the promised geometry, and the same seed gives the same data."""

import numpy as np
import pytest

from nn101 import datasets

NOISY = [datasets.xor, datasets.circles, datasets.moons, datasets.spiral, datasets.gaussians]
ids = [f.__name__ for f in NOISY]


def clean(make):
    return make(n=400, noise=0.0, seed=3)


# -- logic gates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("and", lambda a, b: a & b),
        ("or", lambda a, b: a | b),
        ("nand", lambda a, b: 1 - (a & b)),
        ("nor", lambda a, b: 1 - (a | b)),
        ("xor", lambda a, b: a ^ b),
    ],
)
def test_logic_gate_is_the_truth_table(name, rule):
    X, y = datasets.logic_gate(name)
    assert X.dtype == np.float64
    assert y.dtype == np.int64
    a, b = X.astype(np.int64).T
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(y, rule(a, b))


def test_logic_gate_rejects_unknown_names_listing_the_valid_ones():
    with pytest.raises(ValueError, match=r"unknown gate 'xnor'; valid: and, or, nand, nor, xor"):
        datasets.logic_gate("xnor")
    with pytest.raises(ValueError, match="unknown gate"):
        datasets.logic_gate(1)


# -- properties shared by every noisy problem ----------------------------------------------------


@pytest.mark.parametrize("make", NOISY, ids=ids)
@pytest.mark.parametrize("n", [2, 7, 200])
def test_shapes_dtypes_and_balanced_classes(make, n):
    X, y = make(n=n)
    assert X.shape == (n, 2)
    assert X.dtype == np.float64
    assert y.shape == (n,)
    assert y.dtype == np.int64
    assert np.bincount(y, minlength=2).tolist() == [n - n // 2, n // 2]


@pytest.mark.parametrize("make", NOISY, ids=ids)
def test_same_seed_same_data_other_seed_other_data(make):
    X1, y1 = make(seed=5)
    X2, y2 = make(seed=5)
    X3, _ = make(seed=6)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.allclose(X1, X3)


@pytest.mark.parametrize("make", NOISY, ids=ids)
def test_classes_are_shuffled_not_sorted(make):
    _, y = make(n=200)
    # sorted labels would put class 0 in the first half and class 1 in the second
    assert 30 < y[:100].sum() < 70


@pytest.mark.parametrize("make", NOISY, ids=ids)
def test_noise_is_gaussian_with_standard_deviation_noise(make):
    X_clean, y_clean = make(n=4000, noise=0.0, seed=1)
    X_noisy, y_noisy = make(n=4000, noise=0.2, seed=1)
    np.testing.assert_array_equal(y_clean, y_noisy)
    shift = X_noisy - X_clean
    assert abs(shift.mean()) < 0.01
    assert shift.std() == pytest.approx(0.2, rel=0.03)


# -- geometry without noise ---------------------------------------------------------------------


def test_xor_labels_quadrants_by_sign():
    X, y = clean(datasets.xor)
    assert np.abs(X).max() <= 1.0
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(int))
    # all four quadrants are used
    assert len({(a, b) for a, b in np.sign(X).astype(int)}) == 4


@pytest.mark.parametrize("factor", [0.3, 0.5, 0.9])
def test_circles_lie_on_circles(factor):
    X, y = datasets.circles(n=300, noise=0.0, seed=2, factor=factor)
    radius = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(radius, np.where(y == 1, factor, 1.0))


def test_moons_lie_on_two_half_circles():
    X, y = clean(datasets.moons)
    upper, lower = X[y == 0], X[y == 1]
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0)
    assert upper[:, 1].min() >= 0.0
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1.0, lower[:, 1] - 0.5), 1.0)
    assert lower[:, 1].max() <= 0.5


@pytest.mark.parametrize("turns", [0.5, 1.5, 3.0])
def test_spiral_arms_are_archimedean_and_half_a_turn_apart(turns):
    X, y = datasets.spiral(n=300, noise=0.0, seed=0, turns=turns)
    radius = np.hypot(X[:, 0], X[:, 1])
    expected_angle = 2 * np.pi * turns * radius + np.pi * y
    # compare angles on the unit circle, which ignores multiples of 2 pi
    np.testing.assert_allclose(
        X / radius[:, None],
        np.column_stack([np.cos(expected_angle), np.sin(expected_angle)]),
        atol=1e-9,
    )
    assert radius.max() <= 1.0


def test_gaussians_without_noise_sit_on_their_centres():
    X, y = clean(datasets.gaussians)
    np.testing.assert_array_equal(X, np.where(y[:, None] == 1, 1.0, -1.0) * np.ones((1, 2)))


def test_gaussians_are_linearly_separable_for_small_noise():
    X, y = datasets.gaussians(n=1000, noise=0.3)
    np.testing.assert_array_equal(X.sum(axis=1) > 0, y == 1)


# -- bad inputs ---------------------------------------------------------------------------------


@pytest.mark.parametrize("make", NOISY, ids=ids)
@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"n": 1}, ValueError, "n must be at least 2"),
        ({"n": 0}, ValueError, "n must be a positive integer"),
        ({"n": 2.0}, TypeError, "n must be an int, got float"),
        ({"n": True}, TypeError, "n must be an int, got bool"),
        ({"noise": -0.1}, ValueError, "noise must be a finite non-negative number"),
        ({"noise": float("nan")}, ValueError, "noise must be a finite non-negative number"),
        ({"noise": "0.1"}, TypeError, "noise must be a real number, got str"),
        ({"seed": -1}, ValueError, "seed must be a non-negative integer"),
        ({"seed": 0.5}, TypeError, "seed must be an int"),
    ],
)
def test_bad_arguments_are_named(make, kwargs, error, message):
    with pytest.raises(error, match=message):
        make(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"factor": 1.0}, ValueError, r"factor must be in \(0, 1\), got 1.0"),
        ({"factor": 0.0}, ValueError, "factor must be a finite positive number"),
    ],
)
def test_circles_factor_must_be_inside_the_unit_circle(kwargs, error, message):
    with pytest.raises(error, match=message):
        datasets.circles(**kwargs)


def test_spiral_needs_positive_turns():
    with pytest.raises(ValueError, match="turns must be a finite positive number"):
        datasets.spiral(turns=0)

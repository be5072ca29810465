"""Tests for nn101.gradcheck: the central-difference checker every derivative test relies on."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nn101.gradcheck import numerical_derivative, numerical_gradient, relative_error

BAD_EPS = [0.0, -1e-6, math.nan, math.inf, -math.inf, "1e-6", None, True]


# --- numerical_derivative --------------------------------------------------------------------


def test_derivative_of_sin_is_cos_for_any_shape() -> None:
    x = np.linspace(-3, 3, 24).reshape(2, 3, 4)
    d = numerical_derivative(np.sin, x)
    assert d.shape == x.shape
    assert d.dtype == np.float64
    np.testing.assert_allclose(d, np.cos(x), rtol=0, atol=1e-9)


def test_derivative_accepts_scalars_and_lists() -> None:
    assert numerical_derivative(np.exp, 0.0).shape == ()
    assert float(numerical_derivative(np.exp, 0.0)) == pytest.approx(1.0, abs=1e-9)
    np.testing.assert_allclose(numerical_derivative(np.square, [1, 2]), [2.0, 4.0], atol=1e-8)


def test_derivative_works_in_float64_even_for_float32_input() -> None:
    # In float32, x ± 1e-6 would round back to x near 3 and the quotient would be garbage.
    d = numerical_derivative(np.square, np.float32(3.0))
    assert d.dtype == np.float64
    assert float(d) == pytest.approx(6.0, abs=1e-8)


def test_derivative_error_shrinks_like_eps_squared() -> None:
    # Central differences: error ≈ ε² f'''(x)/6; for exp at 0 that is ε²/6.
    errors = [float(numerical_derivative(np.exp, 0.0, eps=e)) - 1.0 for e in (1e-2, 1e-3)]
    assert errors[0] == pytest.approx(1e-4 / 6, rel=1e-3)
    assert errors[1] == pytest.approx(1e-6 / 6, rel=1e-2)


@pytest.mark.parametrize("eps", BAD_EPS)
def test_derivative_rejects_bad_eps(eps: object) -> None:
    with pytest.raises(ValueError, match="eps"):
        numerical_derivative(np.sin, 1.0, eps=eps)


# --- numerical_gradient ----------------------------------------------------------------------


def test_gradient_of_sum_of_squares() -> None:
    x = np.arange(6.0).reshape(2, 3)
    g = numerical_gradient(lambda v: float(np.sum(v**2)), x)
    assert g.shape == (2, 3)
    assert g.dtype == np.float64
    np.testing.assert_allclose(g, 2 * x, atol=1e-7)


def test_gradient_of_quadratic_form() -> None:
    # ∇(xᵀAx) = (A + Aᵀ)x, the identity a hand-written backward pass is usually checked against.
    rng = np.random.default_rng(0)
    a, x = rng.normal(size=(4, 4)), rng.normal(size=4)
    g = numerical_gradient(lambda v: v @ a @ v, x)
    assert relative_error(g, (a + a.T) @ x) < 1e-8


def test_gradient_never_mutates_the_callers_array() -> None:
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    before = x.copy()
    numerical_gradient(lambda v: float(np.prod(v)), x)
    np.testing.assert_array_equal(x, before)


def test_gradient_of_integer_input_is_float64() -> None:
    x = np.array([1, 2, 3])
    g = numerical_gradient(lambda v: float(np.sum(v**3)), x)
    assert g.dtype == np.float64
    np.testing.assert_allclose(g, 3.0 * x**2, rtol=1e-8)
    np.testing.assert_array_equal(x, [1, 2, 3])


def test_gradient_accepts_scalar_like_returns() -> None:
    for wrap in (float, np.float64, np.asarray):
        g = numerical_gradient(lambda v, w=wrap: w(v[0] * 2.0), np.array([1.0]))
        assert g[0] == pytest.approx(2.0)


def test_gradient_of_empty_array_calls_nothing() -> None:
    def f(v: object) -> float:
        raise AssertionError("f must not be called for an empty x")

    assert numerical_gradient(f, np.empty((0, 3))).shape == (0, 3)


@pytest.mark.parametrize("bad", [np.array([1.0, 2.0]), [1.0], "loss", 1j, np.zeros((1, 1))])
def test_gradient_rejects_non_scalar_f(bad: object) -> None:
    with pytest.raises(ValueError, match="scalar"):
        numerical_gradient(lambda v: bad, np.ones(2))


@pytest.mark.parametrize("eps", BAD_EPS)
def test_gradient_rejects_bad_eps(eps: object) -> None:
    with pytest.raises(ValueError, match="eps"):
        numerical_gradient(lambda v: float(v.sum()), np.ones(2), eps=eps)


@settings(max_examples=50, deadline=None)
@given(hnp.arrays(np.float64, st.integers(1, 6), elements=st.floats(-10, 10)))
def test_gradient_of_linear_map_is_its_weights(w: np.ndarray) -> None:
    x = np.linspace(-1, 1, w.size)
    g = numerical_gradient(lambda v: float(w @ v), x)
    np.testing.assert_allclose(g, w, rtol=1e-6, atol=1e-7)


# --- relative_error --------------------------------------------------------------------------


def test_relative_error_values() -> None:
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_error([1.0], [3.0]) == pytest.approx(0.5)  # |1-3| / (1+3)
    assert relative_error([1.0], [-1.0]) == pytest.approx(1.0)  # opposite signs: the maximum
    # One denominator for the array: the small entry's 100 % error is small next to 10.
    assert relative_error([10.0, 1e-9], [10.0, 2e-9]) == pytest.approx(1e-9 / 20)


def test_relative_error_is_scale_free() -> None:
    a, b = np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.1, 3.0])
    assert relative_error(1e6 * a, 1e6 * b) == pytest.approx(relative_error(a, b))
    assert relative_error(1e-6 * a, 1e-6 * b) == pytest.approx(relative_error(a, b))


def test_relative_error_edge_cases() -> None:
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error([], []) == 0.0
    assert relative_error(1e-13, 0.0) == pytest.approx(0.1)  # the 1e-12 floor
    assert math.isnan(relative_error([math.nan], [1.0]))


def test_relative_error_rejects_different_shapes() -> None:
    with pytest.raises(ValueError, match=r"\(3,\) vs \(1,\)"):
        relative_error(np.ones(3), np.ones(1))

"""Each optimizer's step is the update rule of its docstring, applied in place."""

import numpy as np
import pytest

from nn101 import optim

# A quadratic bowl f(p) = 1/2 p^T A p with gradient A p and its minimum at p = 0.
A = np.array([[3.0, 1.0], [1.0, 2.0]])


def grad(p):
    return A @ p


def test_sgd_step_is_p_minus_lr_g():
    p = np.array([1.0, -2.0])
    p0, g0 = p.copy(), grad(p)
    optim.SGD(learning_rate=0.1).step([p], [g0])
    np.testing.assert_allclose(p, p0 - 0.1 * g0)


def test_momentum_accumulates_a_velocity():
    p = np.array([1.0, -2.0])
    opt = optim.Momentum(learning_rate=0.1, momentum=0.9)
    p0, g0 = p.copy(), grad(p)
    opt.step([p], [g0])
    np.testing.assert_allclose(p, p0 - 0.1 * g0)  # v1 = g0: the first step is plain SGD
    p1, g1 = p.copy(), grad(p)
    opt.step([p], [g1])
    np.testing.assert_allclose(p, p1 - 0.1 * (0.9 * g0 + g1))  # v2 = mu v1 + g1


def test_momentum_on_a_constant_gradient_approaches_lr_over_one_minus_mu():
    p, g = np.zeros(1), np.ones(1)
    opt = optim.Momentum(learning_rate=1.0, momentum=0.9)
    for _ in range(200):
        before = p.copy()
        opt.step([p], [g])
    assert (before - p)[0] == pytest.approx(1 / (1 - 0.9))


@pytest.mark.parametrize("scale", [1e-3, 1.0, 1e6])
def test_adam_first_step_is_lr_times_sign_of_g_whatever_the_scale_of_g(scale):
    p = np.zeros(3)
    g = scale * np.array([2.0, -0.5, 1.0])
    optim.Adam(learning_rate=0.01).step([p], [g])
    np.testing.assert_allclose(p, -0.01 * g / (np.abs(g) + 1e-8), rtol=1e-12)
    np.testing.assert_allclose(p, -0.01 * np.sign(g), rtol=1e-7 / scale)


def test_adam_eps_shrinks_the_first_step_only_for_gradients_near_eps():
    p, g = np.zeros(1), np.array([1e-8])
    optim.Adam(learning_rate=0.01).step([p], [g])
    assert p[0] == pytest.approx(-0.005)  # lr g / (|g| + eps) with |g| = eps


def test_adam_second_step_matches_the_bias_corrected_formula():
    p = np.array([0.5, -1.0])
    opt = optim.Adam(learning_rate=0.1, betas=(0.8, 0.99), eps=1e-8)
    g1 = grad(p)
    opt.step([p], [g1])
    p1, g2 = p.copy(), grad(p)
    opt.step([p], [g2])
    m = 0.8 * (0.2 * g1) + 0.2 * g2
    v = 0.99 * (0.01 * g1**2) + 0.01 * g2**2
    m_hat, v_hat = m / (1 - 0.8**2), v / (1 - 0.99**2)
    np.testing.assert_allclose(p, p1 - 0.1 * m_hat / (np.sqrt(v_hat) + 1e-8))
    assert opt.t == 2


@pytest.mark.parametrize(
    "opt",
    [optim.SGD(0.1), optim.Momentum(0.05), optim.Adam(0.05)],
    ids=["sgd", "momentum", "adam"],
)
def test_every_optimizer_finds_the_bottom_of_the_bowl(opt):
    p = np.array([1.0, -2.0])
    for _ in range(500):
        opt.step([p], [grad(p)])
    np.testing.assert_allclose(p, 0.0, atol=1e-3)


def test_step_updates_each_array_in_place_with_its_own_gradient():
    W, b = np.ones((2, 3)), np.ones(3)
    ids = id(W), id(b)
    optim.SGD(0.5).step([W, b], [np.full((2, 3), 2.0), np.zeros(3)])
    assert (id(W), id(b)) == ids
    np.testing.assert_array_equal(W, 0.0)
    np.testing.assert_array_equal(b, 1.0)


# The update rules as their docstrings write them, one array at a time: `step` works on all
# parameters as one flat vector, and must give these numbers to the last bit.


def sgd_by_hand(p, g, state, lr):
    p -= lr * g


def momentum_by_hand(p, g, state, lr, mu=0.9):
    v = state.setdefault("v", np.zeros_like(p))
    v *= mu
    v += g
    p -= lr * v


def adam_by_hand(p, g, state, lr, b1=0.9, b2=0.999, eps=1e-8):
    m, v = state.setdefault("m", np.zeros_like(p)), state.setdefault("v", np.zeros_like(p))
    t = state["t"] = state.get("t", 0) + 1
    m *= b1
    m += (1.0 - b1) * g
    v *= b2
    v += (1.0 - b2) * (g * g)
    c2 = np.sqrt(1.0 - b2**t)
    p -= lr * c2 / (1.0 - b1**t) * m / (np.sqrt(v) + eps * c2)


@pytest.mark.parametrize(
    ("name", "by_hand"),
    [("sgd", sgd_by_hand), ("momentum", momentum_by_hand), ("adam", adam_by_hand)],
)
def test_one_flat_step_equals_the_rule_applied_array_by_array(name, by_hand):
    rng = np.random.default_rng(0)
    shapes = [(3, 4), (4,), (), (2, 1, 3)]
    params = [rng.normal(size=s) for s in shapes]
    expected = [p.copy() for p in params]
    states = [{} for _ in shapes]
    opt = optim.get(name, learning_rate=0.05)
    for _ in range(20):
        grads = [rng.normal(size=s) * 10.0 ** rng.integers(-6, 6) for s in shapes]
        opt.step(params, grads)
        for p, g, state in zip(expected, grads, states, strict=True):
            by_hand(p, g, state, 0.05)
    for p, e in zip(params, expected, strict=True):
        np.testing.assert_array_equal(p, e)
    # The state is still kept per parameter: attribute name -> key in the by-hand state.
    kept = {"momentum": {"velocity": "v"}, "adam": {"m": "m", "v": "v"}}.get(name, {})
    for attribute, key in kept.items():
        for piece, state in zip(getattr(opt, attribute), states, strict=True):
            np.testing.assert_array_equal(piece, state[key])


def test_sgd_keeps_no_state_so_each_step_may_update_other_arrays():
    opt = optim.SGD(0.5)
    p, q = np.ones(2), np.ones((2, 3))
    opt.step([p], [np.ones(2)])
    opt.step([q], [np.ones((2, 3))])
    np.testing.assert_array_equal(p, 0.5)
    np.testing.assert_array_equal(q, 0.5)


@pytest.mark.parametrize("name", optim.names())
def test_float32_parameters_stay_float32_and_are_updated_in_place(name):
    p32, p64 = np.array([1.0, -2.0], dtype=np.float32), np.array([1.0, -2.0])
    opt32, opt64 = optim.get(name, 0.1), optim.get(name, 0.1)
    for _ in range(3):
        opt32.step([p32], [grad(p32.astype(np.float64))])
        opt64.step([p64], [grad(p64)])
    assert p32.dtype == np.float32
    np.testing.assert_allclose(p32, p64, rtol=1e-6)


@pytest.mark.parametrize("name", optim.names())
def test_an_empty_list_of_parameters_is_a_no_op(name):
    """After step([], []) the optimizer behaves exactly like a fresh one: no state laid out for
    no parameters, no step counted."""
    used, fresh = optim.get(name, 0.1), optim.get(name, 0.1)
    used.step([], [])
    p, q = np.array([1.0, -2.0]), np.array([1.0, -2.0])
    for g in (np.array([0.5, 0.25]), np.array([-1.0, 3.0])):
        used.step([p], [g])
        fresh.step([q], [g])
    np.testing.assert_array_equal(p, q)
    assert getattr(used, "t", None) == getattr(fresh, "t", None)  # Adam's step count


def test_registry_builds_optimizers_by_name():
    assert optim.names() == ["sgd", "momentum", "adam"]
    opt = optim.get("adam", learning_rate=0.5)
    assert isinstance(opt, optim.Adam)
    assert opt.learning_rate == 0.5
    assert opt.betas == (0.9, 0.999)
    assert opt.eps == 1e-8
    assert optim.get("momentum").momentum == 0.9
    assert repr(optim.get("sgd", 0.25)) == "SGD(learning_rate=0.25)"


# -- bad inputs --------------------------------------------------------------------------------


def test_unknown_optimizer_lists_the_valid_names():
    with pytest.raises(ValueError, match="unknown optimizer 'rmsprop'; valid: sgd, momentum, adam"):
        optim.get("rmsprop")


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: optim.SGD(0.0), ValueError, "learning_rate must be a finite positive number"),
        (lambda: optim.SGD(-1), ValueError, "learning_rate must be a finite positive number"),
        (lambda: optim.SGD(np.inf), ValueError, "learning_rate must be a finite positive"),
        (lambda: optim.SGD("0.1"), TypeError, "learning_rate must be a real number, got str"),
        (lambda: optim.Momentum(0.1, momentum=1.0), ValueError, r"momentum must be in \[0, 1\)"),
        (lambda: optim.Momentum(0.1, momentum=-0.1), ValueError, "momentum must be a finite"),
        (lambda: optim.Adam(betas=(0.9, 1.0)), ValueError, r"betas\[1\] must be in \[0, 1\)"),
        (lambda: optim.Adam(betas=0.9), TypeError, r"betas must be a pair"),
        (lambda: optim.Adam(betas=(0.9,)), TypeError, r"betas must be a pair"),
        (lambda: optim.Adam(eps=0.0), ValueError, "eps must be a finite positive number"),
    ],
)
def test_bad_hyper_parameters_are_named(make, error, message):
    with pytest.raises(error, match=message):
        make()


@pytest.mark.parametrize("opt", [optim.SGD(0.1), optim.Momentum(0.1), optim.Adam(0.1)])
def test_step_checks_params_against_grads(opt):
    with pytest.raises(ValueError, match="got 2 parameter arrays but 1 gradients"):
        opt.step([np.zeros(2), np.zeros(2)], [np.zeros(2)])
    with pytest.raises(ValueError, match=r"grads\[0\] has shape \(3,\), params\[0\] has \(2,\)"):
        opt.step([np.zeros(2)], [np.zeros(3)])
    with pytest.raises(TypeError, match=r"params\[0\] must be a float numpy array"):
        opt.step([np.zeros(2, dtype=int)], [np.zeros(2)])
    with pytest.raises(TypeError, match=r"params\[0\] must be a float numpy array"):
        opt.step([[0.0, 0.0]], [np.zeros(2)])


@pytest.mark.parametrize("opt", [optim.Momentum(0.1), optim.Adam(0.1)])
def test_stateful_optimizers_refuse_a_different_set_of_parameters(opt):
    opt.step([np.zeros(2)], [np.ones(2)])
    with pytest.raises(ValueError, match="params differ from the previous step"):
        opt.step([np.zeros(3)], [np.ones(3)])


def test_the_base_class_has_no_update_rule():
    with pytest.raises(NotImplementedError):
        optim.Optimizer(0.1).step([np.zeros(1)], [np.zeros(1)])

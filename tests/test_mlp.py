"""The multi-layer perceptron: backpropagation is the exact gradient, linear layers collapse into
one, a hidden layer is what it takes to learn XOR, and bad input is refused by name."""

import itertools

import numpy as np
import pytest

from nn101 import activations, datasets, mlp
from nn101.gradcheck import numerical_gradient, relative_error
from nn101.mlp import MLP, _sum_over_rows, recommended_init

rng = np.random.default_rng(7)

# Smooth activations (at least once continuously differentiable), taken from the registry so a
# new entry is gradient-checked inside a network by itself.
SMOOTH = [n for n in activations.names() if activations.get(n).properties.continuity >= 1]


def random_problem(output, n=6, sizes=(3, 4, 3)):
    """Inputs and valid targets for a small network with the given output type."""
    X = rng.normal(size=(n, sizes[0]))
    if output == "sigmoid":
        return [*sizes, 1], X, rng.integers(0, 2, size=n)
    if output == "softmax":
        return [*sizes, 2], X, np.arange(n) % 2
    return [*sizes, 2], X, rng.normal(size=(n, 2))


def numerical_grads(model, X, y):
    """d loss / d parameter by central differences, perturbing each parameter array in place."""

    def along(p):
        def loss_at(value):
            saved = p.copy()
            p[...] = value
            loss = model.loss(X, y)
            p[...] = saved
            return loss

        return numerical_gradient(loss_at, p)

    return [along(W) for W in model.weights], [along(b) for b in model.biases]


# -- backpropagation ---------------------------------------------------------------------------


def test_the_smooth_activations_include_the_usual_suspects():
    assert {"tanh", "sigmoid", "gelu", "softplus", "elu", "silu", "identity"} <= set(SMOOTH)


@pytest.mark.parametrize("output", ["sigmoid", "softmax", "identity"])
@pytest.mark.parametrize("activation", SMOOTH)
def test_backprop_equals_the_numerical_gradient(activation, output):
    sizes, X, y = random_problem(output)
    model = MLP(sizes, activation=activation, output=output, seed=1)
    for b in model.biases:  # non-zero biases, so that their gradients are tested off zero
        b[...] = rng.normal(size=b.shape)
    loss, grad_w, grad_b = model.loss_and_grads(X, y)
    num_w, num_b = numerical_grads(model, X, y)
    assert loss == model.loss(X, y)
    for analytic, numeric in zip([*grad_w, *grad_b], [*num_w, *num_b], strict=True):
        assert relative_error(analytic, numeric) < 1e-6


def test_backprop_with_a_deeper_net_and_a_parametrised_activation():
    act = activations.get("leaky_relu", negative_slope=0.3)
    X = rng.normal(size=(5, 2))
    y = np.array([0, 2, 1, 2, 0])
    model = MLP([2, 5, 4, 3, 3], activation=act, output="softmax", seed=3)
    _, grad_w, grad_b = model.loss_and_grads(X, y)
    num_w, num_b = numerical_grads(model, X, y)
    for analytic, numeric in zip([*grad_w, *grad_b], [*num_w, *num_b], strict=True):
        assert relative_error(analytic, numeric) < 1e-6


def test_gradients_have_the_shapes_of_the_parameters():
    model = MLP([3, 5, 2], output="softmax")
    _, grad_w, grad_b = model.loss_and_grads(rng.normal(size=(4, 3)), [0, 1, 1, 0])
    assert [g.shape for g in grad_w] == [(3, 5), (5, 2)]
    assert [g.shape for g in grad_b] == [(5,), (2,)]


# -- the forward pass ------------------------------------------------------------------------


def test_a_network_of_identity_activations_collapses_to_one_affine_map():
    model = MLP([3, 5, 4, 2], activation="identity", output="identity", seed=2)
    for b in model.biases:
        b[...] = rng.normal(size=b.shape)
    W0, W1, W2 = model.weights
    b0, b1, b2 = model.biases
    W = W0 @ W1 @ W2
    b = (b0 @ W1 + b1) @ W2 + b2
    X = rng.normal(size=(10, 3))
    np.testing.assert_allclose(model.forward(X), X @ W + b, rtol=1e-12, atol=1e-12)


def test_forward_trace_records_every_layer():
    model = MLP([2, 3, 4, 1], activation="tanh", seed=0)
    X = rng.normal(size=(5, 2))
    trace = model.forward_trace(X)
    assert len(trace.z) == 3
    assert len(trace.a) == 4
    np.testing.assert_array_equal(trace.a[0], X)
    assert [z.shape for z in trace.z] == [(5, 3), (5, 4), (5, 1)]
    for layer in range(3):
        np.testing.assert_allclose(
            trace.z[layer], trace.a[layer] @ model.weights[layer] + model.biases[layer]
        )
    np.testing.assert_allclose(trace.a[1], np.tanh(trace.z[0]))
    np.testing.assert_allclose(trace.a[3], 1 / (1 + np.exp(-trace.z[2])))
    np.testing.assert_array_equal(model.forward(X), trace.a[-1])


def test_forward_trace_shows_dead_relu_units():
    model = MLP([2, 8, 1], activation="relu", seed=0)
    model.biases[0][:3] = -100.0  # three units whose pre-activation is negative for every input
    hidden = model.forward_trace(rng.normal(size=(50, 2))).a[1]
    dead = np.all(hidden == 0, axis=0)
    assert dead[:3].all()
    assert not dead[3:].any()


def test_softmax_outputs_are_probabilities_and_predict_takes_the_argmax():
    model = MLP([2, 6, 3], activation="tanh", output="softmax", seed=4)
    X = rng.normal(size=(20, 2))
    proba = model.predict_proba(X)
    assert proba.shape == (20, 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(model.predict(X), proba.argmax(axis=1))
    assert model.predict(X).dtype == np.int64


def test_sigmoid_predict_proba_is_the_probability_of_class_1():
    model = MLP([2, 6, 1], activation="tanh", seed=4)
    X = rng.normal(size=(20, 2))
    proba = model.predict_proba(X)
    assert proba.shape == (20,)
    assert np.all((proba > 0) & (proba < 1))
    np.testing.assert_array_equal(proba, model.forward(X)[:, 0])
    np.testing.assert_array_equal(model.predict(X), (proba >= 0.5).astype(int))


def test_identity_output_predicts_the_outputs_themselves():
    model = MLP([2, 4, 2], activation="tanh", output="identity", seed=0)
    X = rng.normal(size=(3, 2))
    np.testing.assert_array_equal(model.predict(X), model.forward(X))
    with pytest.raises(ValueError, match="predict_proba needs output 'sigmoid' or 'softmax'"):
        model.predict_proba(X)


# -- initialisation ----------------------------------------------------------------------------


def test_shapes_parameter_count_and_zero_biases():
    model = MLP([3, 5, 2], output="softmax")
    assert [W.shape for W in model.weights] == [(3, 5), (5, 2)]
    assert [b.shape for b in model.biases] == [(5,), (2,)]
    assert all(np.all(b == 0) for b in model.biases)
    assert model.n_parameters == 3 * 5 + 5 + 5 * 2 + 2
    assert repr(model) == (
        "MLP(layer_sizes=[3, 5, 2], activation='relu', output='softmax', init='he')"
    )


# What init="auto" picks for every registry activation, as `recommended_init` documents it.
RECOMMENDED = {
    "lecun": {"selu"},
    "he": {"relu", "leaky_relu", "relu6", "elu", "celu", "rrelu"}
    | {"softplus", "gelu", "gelu_tanh", "silu", "mish", "hard_swish", "log_sigmoid"},
    "xavier": {"identity", "step", "sigmoid", "tanh", "hard_sigmoid", "hard_tanh", "softsign"}
    | {"tanhshrink", "softshrink", "hardshrink", "gaussian", "sinusoid"},
}
# The smooth and hard rectifiers given He's variance on the evidence of their derivative.
RECTIFIER_LIKE = ("softplus", "gelu", "gelu_tanh", "silu", "mish", "hard_swish", "log_sigmoid")


def test_every_registry_activation_has_the_documented_recommendation():
    assert set().union(*RECOMMENDED.values()) == set(activations.names())
    for scheme, names in RECOMMENDED.items():
        for name in names:
            assert recommended_init(name) == scheme, name
            assert recommended_init(activations.get(name)) == scheme, name


@pytest.mark.parametrize(
    ("activation", "expected"),
    [
        *[("selu", "lecun"), ("relu", "he"), ("elu", "he"), ("gelu", "he"), ("silu", "he")],
        *[("sigmoid", "xavier"), ("tanh", "xavier"), ("hard_tanh", "xavier")],
    ],
)
def test_auto_init_picks_the_activations_own_scheme_and_reports_it(activation, expected):
    model = MLP([2, 3, 1], activation=activation)
    assert model.init == expected
    assert repr(model).endswith(f"init={expected!r})")


def test_auto_init_follows_the_activation_object_with_its_parameters():
    leaky = activations.get("leaky_relu", negative_slope=0.2)
    assert MLP([2, 3, 1], activation=leaky).init == "he"


def test_recommended_init_rejects_an_unknown_activation_by_name():
    with pytest.raises(ValueError, match="unknown activation 'swish'"):
        recommended_init("swish")


def mean_squared_derivative(name: str) -> float:
    """E[f'(z)^2] for z ~ N(0, 1), by the trapezoid rule on [-12, 12] (the tails beyond hold
    less than 1e-32 of the mass; 240 001 points resolve the kinks to about 1e-4)."""
    z = np.linspace(-12.0, 12.0, 240_001)
    density = np.exp(-(z**2) / 2) / np.sqrt(2 * np.pi)
    return float(np.trapezoid(activations.get(name).grad(z) ** 2 * density, z))


def test_the_rectifiers_given_he_pass_about_half_the_squared_derivative_as_relu_does():
    """recommended_init's evidence: E[f'(z)^2] is 0.29 to 0.48 for the smooth and hard
    rectifiers (GELU 0.46, SiLU 0.38, Mish 0.48), near ReLU's 0.5, far from the identity's 1."""
    quoted = {"relu": 0.50, "gelu": 0.46, "silu": 0.38, "mish": 0.48, "identity": 1.0}
    for name, value in quoted.items():
        assert mean_squared_derivative(name) == pytest.approx(value, abs=0.005), name
    for name in RECTIFIER_LIKE:
        assert 0.285 <= mean_squared_derivative(name) <= 0.485, name


def test_recommended_init_docstring_example():
    assert (recommended_init("selu"), recommended_init("gelu"), recommended_init("tanh")) == (
        "lecun",
        "he",
        "xavier",
    )
    assert "('lecun', 'he', 'xavier')" in (recommended_init.__doc__ or "")


def test_init_choices_are_public():
    assert mlp.INITS == ("auto", "xavier", "he", "lecun")
    assert {"INITS", "recommended_init"} <= set(mlp.__all__)


def test_lecun_init_is_normal_with_variance_one_over_fan_in():
    # 400 x 300 = 120 000 independent draws: the sample variance has a relative standard error
    # of sqrt(2 / 120 000) = 0.4 %, so 2 % is five standard errors; the mean's standard error is
    # sqrt(1/400 / 120 000) = 1.4e-4, so 0.001 is seven.
    W = MLP([400, 300, 1], init="lecun", seed=0).weights[0]
    assert W.mean() == pytest.approx(0.0, abs=0.001)
    assert W.var() == pytest.approx(1 / 400, rel=0.02)
    kurtosis = np.mean((W - W.mean()) ** 4) / W.var() ** 2
    assert kurtosis == pytest.approx(3.0, abs=0.1)  # normal (a uniform's would be 1.8)


def test_lecun_and_he_draw_the_same_normal_numbers_scaled_by_sqrt2():
    lecun, he = MLP([5, 7, 3, 1], init="lecun", seed=4), MLP([5, 7, 3, 1], init="he", seed=4)
    for W_lecun, W_he in zip(lecun.weights, he.weights, strict=True):
        np.testing.assert_allclose(W_he, np.sqrt(2) * W_lecun, rtol=1e-12)


def test_he_and_xavier_weights_are_drawn_as_before_lecun_existed():
    """The draws of the first two schemes, layer by layer from the spawned init generator, so
    every figure trained with them keeps its numbers."""
    sizes = [3, 6, 4, 1]
    init_seed = np.random.SeedSequence(5).spawn(2)[0]
    he_rng, xavier_rng = np.random.default_rng(init_seed), np.random.default_rng(init_seed)
    he, xavier = MLP(sizes, init="he", seed=5), MLP(sizes, init="xavier", seed=5)
    for layer, (fan_in, fan_out) in enumerate(itertools.pairwise(sizes)):
        expected_he = he_rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))
        r = np.sqrt(6.0 / (fan_in + fan_out))
        expected_xavier = xavier_rng.uniform(-r, r, size=(fan_in, fan_out))
        np.testing.assert_array_equal(he.weights[layer], expected_he)
        np.testing.assert_array_equal(xavier.weights[layer], expected_xavier)


def test_he_init_has_variance_two_over_fan_in():
    W = MLP([400, 300, 1], init="he", seed=0).weights[0]
    assert W.mean() == pytest.approx(0.0, abs=0.002)
    assert W.var() == pytest.approx(2 / 400, rel=0.02)


def test_xavier_init_is_uniform_with_variance_two_over_fan_in_plus_fan_out():
    W = MLP([400, 200, 1], init="xavier", seed=0).weights[0]
    r = np.sqrt(6 / 600)
    assert np.abs(W).max() <= r
    assert np.abs(W).max() > 0.99 * r
    assert W.var() == pytest.approx(2 / 600, rel=0.02)


def test_the_seed_fixes_the_initial_weights():
    a, b, c = MLP([2, 4, 1], seed=1), MLP([2, 4, 1], seed=1), MLP([2, 4, 1], seed=2)
    for Wa, Wb, Wc in zip(a.weights, b.weights, c.weights, strict=True):
        np.testing.assert_array_equal(Wa, Wb)
        assert not np.array_equal(Wa, Wc)


# -- training ----------------------------------------------------------------------------------

XOR_SETTINGS = {"epochs": 150, "learning_rate": 0.3, "optimizer": "momentum"}


def test_one_hidden_layer_of_four_tanh_units_learns_xor_for_nearly_every_seed():
    X, y = datasets.logic_gate("xor")
    solved = [
        np.array_equal(
            MLP([2, 4, 1], activation="tanh", seed=s).fit(X, y, **XOR_SETTINGS).predict(X), y
        )
        for s in range(20)
    ]
    assert sum(solved) >= 18


def test_without_a_nonlinearity_no_seed_learns_xor():
    X, y = datasets.logic_gate("xor")
    for seed in range(20):
        model = MLP([2, 4, 1], activation="identity", seed=seed).fit(X, y, **XOR_SETTINGS)
        assert np.mean(model.predict(X) == y) <= 3 / 4


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_every_optimizer_learns_the_moons(optimizer):
    X, y = datasets.moons(n=200, noise=0.1, seed=0)
    model = MLP([2, 16, 16, 1], activation="tanh", seed=0)
    lr = {"sgd": 0.5, "momentum": 0.1, "adam": 0.02}[optimizer]
    model.fit(X, y, epochs=150, learning_rate=lr, optimizer=optimizer, batch_size=32)
    assert len(model.history) == 150
    assert model.history[-1] < 0.3 * model.history[0]
    assert np.mean(model.predict(X) == y) >= 0.97


def test_softmax_learns_three_classes():
    X = rng.normal(size=(150, 2))
    y = np.argmax(X @ np.array([[1.0, -1.0, 0.0], [0.0, 1.0, -1.0]]), axis=1)
    model = MLP([2, 8, 3], activation="tanh", output="softmax", seed=0)
    model.fit(X, y, epochs=300, learning_rate=0.05, optimizer="adam")
    assert np.mean(model.predict(X) == y) >= 0.95


def test_a_linear_model_trained_on_mse_finds_the_least_squares_solution():
    X = rng.normal(size=(50, 3))
    y = X @ np.array([1.0, -2.0, 0.5]) + 0.3 + 0.1 * rng.normal(size=50)
    model = MLP([3, 1], output="identity", seed=0).fit(X, y, epochs=500, learning_rate=0.1)
    coef, *_ = np.linalg.lstsq(np.column_stack([X, np.ones(50)]), y)
    np.testing.assert_allclose(model.weights[0][:, 0], coef[:3], atol=1e-6)
    assert model.biases[0][0] == pytest.approx(coef[3], abs=1e-6)


def test_full_batch_history_starts_at_the_initial_loss_and_falls():
    X, y = datasets.gaussians(n=40, noise=0.5, seed=0)
    model = MLP([2, 3, 1], activation="tanh", seed=0)
    initial = model.loss(X, y)
    model.fit(X, y, epochs=30, learning_rate=0.5)
    assert model.history[0] == pytest.approx(initial)
    assert all(b < a for a, b in zip(model.history, model.history[1:], strict=False))


def test_callback_sees_every_epoch_and_fit_continues_where_it_stopped():
    X, y = datasets.gaussians(n=20, seed=0)
    model = MLP([2, 3, 1], seed=0)
    seen = []
    assert (
        model.fit(X, y, epochs=3, callback=lambda e, m: seen.append((e, len(m.history)))) is model
    )
    assert seen == [(1, 1), (2, 2), (3, 3)]
    model.fit(X, y, epochs=2)
    assert len(model.history) == 5


def test_training_is_deterministic_given_the_seed():
    X, y = datasets.moons(n=60, seed=1)

    def run(seed):
        model = MLP([2, 5, 1], activation="tanh", seed=seed)
        return model.fit(X, y, epochs=5, batch_size=7, optimizer="adam").history

    assert run(3) == run(3)
    assert run(3) != run(4)


def test_batch_size_larger_than_the_data_means_full_batch():
    X, y = datasets.gaussians(n=10, seed=0)
    full = MLP([2, 3, 1], seed=0).fit(X, y, epochs=3)
    big = MLP([2, 3, 1], seed=0).fit(X, y, epochs=3, batch_size=100)
    assert full.history == big.history


def test_divergence_raises_naming_the_epoch_and_the_cure():
    X = rng.normal(size=(20, 2)) * 10
    y = X @ np.array([[3.0], [-1.0]])
    model = MLP([2, 8, 1], activation="identity", output="identity", seed=0)
    with pytest.raises(FloatingPointError, match=r"diverged in epoch \d+.*smaller learning_rate"):
        model.fit(X, y, epochs=500, learning_rate=10.0)


def test_divergence_is_caught_in_the_weights_even_when_the_loss_stays_finite():
    # A bias of -inf silences its relu unit: the loss stays finite, the parameter does not.
    X, y = datasets.logic_gate("xor")
    model = MLP([2, 4, 1], activation="relu", seed=0)
    model.biases[0][0] = -np.inf
    assert np.isfinite(model.loss(X, y))
    with pytest.raises(FloatingPointError, match=r"diverged in epoch 1: .* no longer finite"):
        model.fit(X, y, epochs=5, learning_rate=0.01, optimizer="adam")
    assert model.history == []


@pytest.mark.parametrize("shape", [(1, 1), (7, 1), (1000, 1), (1, 16), (5, 2), (1000, 16), (33, 7)])
def test_the_bias_gradient_sums_the_rows_as_numpy_does_to_the_last_bit(shape):
    """`_sum_over_rows` replaces delta.sum(axis=0) in backpropagation for speed; the training
    trajectories the figures show depend on it giving the very same numbers."""
    delta = rng.normal(size=shape) * 10.0 ** rng.integers(-8, 8, size=shape)
    np.testing.assert_array_equal(_sum_over_rows(delta), delta.sum(axis=0))


# -- bad inputs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"layer_sizes": [2]}, ValueError, "layer_sizes needs at least 2 entries"),
        ({"layer_sizes": "21"}, TypeError, "layer_sizes must be a sequence of ints, got str"),
        ({"layer_sizes": 3}, TypeError, "layer_sizes must be a sequence of ints, got int"),
        ({"layer_sizes": [2, 0, 1]}, ValueError, r"layer_sizes\[1\] must be a positive integer"),
        ({"layer_sizes": [2, 1.5]}, TypeError, r"layer_sizes\[1\] must be an int, got float"),
        ({"output": "linear"}, ValueError, "unknown output 'linear'; valid: sigmoid, softmax"),
        ({"layer_sizes": [2, 2]}, ValueError, "output 'sigmoid' needs exactly 1 output unit"),
        ({"output": "softmax"}, ValueError, "output 'softmax' needs at least 2 output units"),
        ({"init": "glorot"}, ValueError, "unknown init 'glorot'; valid: auto, xavier, he, lecun"),
        ({"activation": "swish"}, ValueError, "unknown activation 'swish'"),
        ({"seed": -1}, ValueError, "seed must be a non-negative integer"),
    ],
)
def test_constructor_rejects_bad_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        MLP(**{"layer_sizes": [2, 3, 1], **kwargs})


GOOD_X, GOOD_Y = datasets.logic_gate("xor")


@pytest.mark.parametrize(
    ("output", "X", "y", "error", "message"),
    [
        ("sigmoid", GOOD_X[:, 0], GOOD_Y, ValueError, "X must be 2-D"),
        ("sigmoid", GOOD_X[:, :1], GOOD_Y, ValueError, r"X has 1 features \(columns\), expected 2"),
        ("sigmoid", GOOD_X + np.inf, GOOD_Y, ValueError, "X contains NaN or infinity"),
        ("sigmoid", GOOD_X, GOOD_Y[:3], ValueError, r"y must have shape \(4,\) to match X"),
        ("sigmoid", GOOD_X, GOOD_Y + 1, ValueError, "y must hold class labels 0 or 1"),
        ("softmax", GOOD_X, [0, 1, 2, 3], ValueError, r"y must hold class labels integers 0..2"),
        ("softmax", GOOD_X, [0, 1, 2, 0.5], ValueError, r"y must hold class labels integers 0..2"),
        ("identity", GOOD_X, np.zeros((4, 2)), ValueError, r"y must have shape \(4, 3\)"),
        ("identity", GOOD_X, np.full((4, 3), np.nan), ValueError, "y contains NaN or infinity"),
    ],
)
def test_data_is_checked_against_the_network(output, X, y, error, message):
    model = MLP([2, 3, 1 if output == "sigmoid" else 3], output=output)
    with pytest.raises(error, match=message):
        model.fit(X, y)
    with pytest.raises(error, match=message):
        model.loss_and_grads(X, y)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"epochs": 0}, ValueError, "epochs must be a positive integer, got 0"),
        ({"epochs": 2.5}, TypeError, "epochs must be an int, got float"),
        ({"learning_rate": 0.0}, ValueError, "learning_rate must be a finite positive number"),
        ({"learning_rate": np.nan}, ValueError, "learning_rate must be a finite positive number"),
        ({"batch_size": 0}, ValueError, "batch_size must be a positive integer"),
        ({"batch_size": "all"}, TypeError, "batch_size must be an int, got str"),
        ({"optimizer": "rmsprop"}, ValueError, "unknown optimizer 'rmsprop'; valid: sgd, momentum"),
    ],
)
def test_fit_rejects_bad_settings(kwargs, error, message):
    with pytest.raises(error, match=message):
        MLP([2, 3, 1]).fit(GOOD_X, GOOD_Y, **kwargs)


def test_prediction_needs_inputs_of_the_right_width():
    model = MLP([2, 3, 1])
    for method in (model.forward, model.forward_trace, model.predict, model.predict_proba):
        with pytest.raises(ValueError, match=r"X has 3 features \(columns\), expected 2"):
            method(np.zeros((1, 3)))
    with pytest.raises(ValueError, match="X has no samples"):
        model.loss(np.zeros((0, 2)), [])

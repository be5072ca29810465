"""What the multi-layer perceptron chapter's figures plot, asserted on their ``compute()``."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable

import numpy as np
import pytest
from matplotlib.figure import Figure

from figures import load_module
from figures.table import Table
from nn101 import activations, gradcheck
from nn101.datasets import logic_gate, moons
from nn101.mlp import MLP


@pytest.fixture(scope="module")
def view():
    return load_module("mlp/hidden-view").compute()


@pytest.fixture(scope="module")
def curves():
    return load_module("mlp/loss-curve").compute()


def test_architecture_labels_are_the_shapes_of_a_real_mlp() -> None:
    arch = load_module("mlp/architecture").compute()
    assert arch.layer_sizes == [3, 4, 4, 2]
    assert arch.weight_shapes == [(3, 4), (4, 4), (4, 2)]
    assert arch.bias_shapes == [(4,), (4,), (2,)]
    assert arch.n_parameters == 46
    model = MLP([3, 4, 4, 2], output="softmax")
    assert arch.weight_shapes == [W.shape for W in model.weights]
    assert [len(units) for units in arch.units] == arch.layer_sizes


def test_architecture_narrow_layout_is_the_same_diagram_legible_on_a_phone(
    narrow_layout: Callable[[str], Figure],
) -> None:
    narrow = narrow_layout("mlp/architecture")
    labels = {text.get_text() for text in narrow.axes[0].texts}
    assert {"input layer", "output layer", "$W_3$: 4 × 2", "$b_3$: 2"} <= labels


def test_hidden_view_no_line_separates_xor_in_input_space(view) -> None:
    assert view.input_best == 3


def test_hidden_view_one_line_separates_the_hidden_points(view) -> None:
    assert view.hidden_best == 4
    assert view.hidden_correct == 4  # the trained output unit's own line
    np.testing.assert_array_equal(view.logits >= 0, view.y == 1)
    hidden_logits = view.hidden @ view.W2[:, 0] + view.b2[0]  # linear in the hidden activations
    np.testing.assert_allclose(hidden_logits, view.logits)
    assert view.final_loss < 0.05


def test_hidden_view_folds_the_two_class_one_corners_together(view) -> None:
    """(0, 1) and (1, 0) land on one hidden point; the two class-0 corners land far apart."""
    near = load_module("mlp/hidden-view").NEAR
    ones = view.hidden[view.y == 1]
    zeros = view.hidden[view.y == 0]
    assert np.linalg.norm(ones[0] - ones[1]) < near
    assert np.linalg.norm(zeros[0] - zeros[1]) > 1.5
    # both hidden units respond to (almost) nothing but x1 + x2: their weights are nearly equal
    np.testing.assert_allclose(view.W1[0], view.W1[1], rtol=0.05)


def test_hidden_units_rediscover_or_and_nand_and_the_output_and(view) -> None:
    _, labels_or = logic_gate("or")
    _, labels_nand = logic_gate("nand")
    z_hidden = view.X @ view.W1 + view.b1
    np.testing.assert_array_equal(z_hidden[:, 0] >= 0, labels_or == 1)
    np.testing.assert_array_equal(z_hidden[:, 1] >= 0, labels_nand == 1)
    assert np.all(view.W2 > 0) and view.b2[0] < 0  # fires only when both units are high
    corners = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]])
    np.testing.assert_array_equal(corners @ view.W2[:, 0] + view.b2[0] >= 0, [0, 0, 0, 1])
    # the thresholds on x1 + x2 quoted in the chapter: about 0.47 and 1.46
    thresholds = -view.b1 / view.W1.mean(axis=0)
    np.testing.assert_allclose(thresholds, [0.47, 1.46], atol=0.01)


def test_best_line_accuracy_is_right_on_known_cases() -> None:
    best = load_module("mlp/hidden-view").best_line_accuracy
    for gate, expected in (("and", 4), ("or", 4), ("xor", 3)):
        X, y = logic_gate(gate)
        assert best(X, y) == expected, gate


def test_two_hidden_units_can_get_stuck_on_xor() -> None:
    """The chapter's exercise 6: the same 2-2-1 recipe fails from seed 2."""
    stuck = load_module("mlp/hidden-view").compute(seed=2)
    assert stuck.hidden_correct == 2
    assert stuck.final_loss == pytest.approx(math.log(2) / 2, abs=0.01)
    # (1, 0) and (1, 1), labelled differently, share one saturated hidden point near (1, -1)
    np.testing.assert_allclose(stuck.hidden[2], [1.0, -1.0], atol=0.01)
    np.testing.assert_allclose(stuck.hidden[3], [1.0, -1.0], atol=0.01)
    assert stuck.y[2] != stuck.y[3]
    assert stuck.hidden_best == 3  # no output line can separate them any more


def test_linear_network_never_beats_log_2(curves) -> None:
    linear = curves.losses["identity"]
    assert linear.min() >= math.log(2) - 1e-9
    assert linear[-1] == pytest.approx(math.log(2), abs=1e-4)
    assert curves.accuracy["identity"] < 4
    assert np.all(np.abs(linear[50:] - math.log(2)) < 1e-3)  # "flattens almost at once"


def test_nonlinear_networks_learn_xor(curves) -> None:
    for name in ("sigmoid", "tanh", "relu"):
        loss = curves.losses[name]
        assert np.argmax(loss < 0.01) + 1 <= 300, name  # first epoch below 0.01
        assert loss[-1] < 0.001, name
        assert curves.accuracy[name] == 4, name
    below = {name: np.argmax(curves.losses[name] < 0.1) + 1 for name in ("sigmoid", "tanh", "relu")}
    assert below["tanh"] <= 40 and below["relu"] <= 40  # "within about 35 epochs"
    assert 80 <= below["sigmoid"] <= 100  # "needs about 90"
    assert list(curves.losses) == ["sigmoid", "tanh", "relu", "identity"]
    assert all(len(loss) == len(curves.epochs) == 1000 for loss in curves.losses.values())


def test_backprop_matches_central_differences() -> None:
    module = load_module("mlp/gradient-check")
    checks = module.compute()
    assert [c.weight_shape for c in checks] == [(2, 3), (3, 3), (3, 1)]
    for check in checks:
        assert check.weight_error < 1e-6, check.layer
        assert check.bias_error < 1e-6, check.layer
    table = module.build()
    assert isinstance(table, Table)
    assert len(table.rows) == len(checks)


def test_a_missing_derivative_factor_is_caught_by_the_check() -> None:
    """The chapter: a bug such as a missing f'(Z) factor gives errors of 1e-2 or more."""
    X, y = moons(n=16, noise=0.1, seed=0)
    model = MLP([2, 3, 3, 1], activation="tanh", seed=0)
    tanh = model.activation
    model.activation = dataclasses.replace(tanh, _grad=lambda x, **_: np.ones_like(x))
    _, grad_w, _ = model.loss_and_grads(X, y)
    model.activation = tanh

    def loss_at(W1: np.ndarray) -> float:
        saved, model.weights[0] = model.weights[0], W1
        value = model.loss(X, y)
        model.weights[0] = saved
        return value

    numeric = gradcheck.numerical_gradient(loss_at, model.weights[0])
    assert gradcheck.relative_error(grad_w[0], numeric) > 1e-2
    _, correct, _ = model.loss_and_grads(X, y)  # the chapter's snippet: about 1e-10
    # Only the order of magnitude is the method's: the digits are rounding error, which differs
    # between CPUs (1.2e-10 on one machine, 1.6e-10 on another, from the same code and seed).
    assert 1e-11 < gradcheck.relative_error(correct[0], numeric) < 1e-9


def test_chapter_snippets_shapes_and_parameter_counts() -> None:
    model = MLP([3, 4, 4, 2], activation="tanh", output="softmax")
    X = np.random.default_rng(0).normal(size=(5, 3))
    assert [a.shape for a in model.forward_trace(X).a] == [(5, 3), (5, 4), (5, 4), (5, 2)]
    np.testing.assert_allclose(model.predict_proba(X).sum(axis=1), np.ones(5))
    assert MLP([784, 128, 64, 10], output="softmax").n_parameters == 109_386  # exercise 1


def test_linear_layers_collapse_into_one_affine_map() -> None:
    """Exercise 2: ((X W1 + b1) W2 + b2) W3 + b3 = X (W1 W2 W3) + (b1 W2 W3 + b2 W3 + b3)."""
    model = MLP([2, 4, 4, 1], activation="identity", seed=3)
    W1, W2, W3 = model.weights
    b1, b2, b3 = (b + 0.1 * (i + 1) for i, b in enumerate(model.biases))  # non-zero biases
    model.biases = [b1, b2, b3]
    X = np.random.default_rng(1).normal(size=(7, 2))
    logits = model.forward_trace(X).z[-1]
    np.testing.assert_allclose(logits, X @ (W1 @ W2 @ W3) + (b1 @ W2 @ W3 + b2 @ W3 + b3))


def test_zero_initialisation_leaves_the_hidden_layer_dead() -> None:
    """Exercise 3: with all-zero weights only the output bias ever moves."""
    X, y = logic_gate("xor")
    model = MLP([2, 4, 1], activation="tanh", seed=0)
    model.weights = [np.zeros_like(W) for W in model.weights]
    model.fit(X, y, epochs=50, learning_rate=0.5)
    assert all(np.all(W == 0) for W in model.weights)
    assert np.all(model.biases[0] == 0)
    assert len(set(model.predict_proba(X))) == 1  # a constant network


def test_step_activation_gives_hidden_layers_no_gradient() -> None:
    """Exercise 4: with the step function every hidden gradient is zero."""
    X, y = logic_gate("xor")
    model = MLP([2, 4, 1], activation=activations.get("step"), seed=0)
    _, grad_w, grad_b = model.loss_and_grads(X, y)
    assert np.all(grad_w[0] == 0) and np.all(grad_b[0] == 0)
    assert np.any(grad_w[1] != 0)  # the output layer still gets one


@pytest.fixture(scope="module")
def xor_panels() -> dict[str, object]:
    return {panel.key: panel for panel in load_module("mlp/xor-boundaries").compute()}


@pytest.mark.parametrize("key", ["perceptron", "identity"])
def test_xor_boundaries_line_is_the_linear_models_exact_boundary(xor_panels, key) -> None:
    """The drawn line w·x + b = 0 splits the grid exactly where the model's shading does."""
    module = load_module("mlp/xor-boundaries")
    panel = xor_panels[key]
    x1, x2 = np.meshgrid(module.GRID, module.GRID)
    side = panel.line.side(np.column_stack([x1.ravel(), x2.ravel()]))
    np.testing.assert_array_equal((side >= 0).reshape(panel.region.shape), panel.region == 1)
    assert np.any(panel.region == 0) and np.any(panel.region == 1)  # a line crosses the panel
    for point in panel.line.points():
        assert abs(float(panel.line.side(np.array([point]))[0])) < 1e-9


def test_xor_boundaries_only_linear_panels_get_a_line(xor_panels) -> None:
    assert {key for key, panel in xor_panels.items() if panel.line is not None} == {
        "perceptron",
        "identity",
    }


def test_affine_line_is_the_deep_linear_nets_logit() -> None:
    module = load_module("mlp/xor-boundaries")
    model = MLP([2, 4, 4, 1], activation="identity", seed=5)
    model.biases = [b + 0.3 for b in model.biases]
    X = np.random.default_rng(2).normal(size=(9, 2))
    line = module.affine_line(model)
    np.testing.assert_allclose(line.side(X), model.forward_trace(X).z[-1][:, 0])


def test_xor_boundaries_draws_the_line_on_the_two_linear_panels() -> None:
    from matplotlib.lines import AxLine

    figure = load_module("mlp/xor-boundaries").build()
    with_line = [ax for ax in figure.axes if any(isinstance(a, AxLine) for a in ax.get_lines())]
    assert len(with_line) == 2


# -- narrow layouts: the same drawing for a phone's column ---------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("figure_id", ["mlp/hidden-view", "mlp/xor-boundaries"])
def test_narrow_layout_fits_a_phone_and_draws_what_build_does(
    figure_id: str, same_drawing: Callable[..., None]
) -> None:
    same_drawing(figure_id, ylabel=False)

"""What the learning chapter's figures and its worked example show, asserted on their numbers.

The worked example's tables are checked twice: against nn101 (`MLP.loss_and_grads`, the
optimizer step) and against plain arithmetic on the chapter's formulas, so a wrong cell fails.
"""

from __future__ import annotations

import doctest
import math
from pathlib import Path

import matplotlib
import numpy as np
import pytest

from figures import load_module, style
from figures.learning import _neuron, _worked
from figures.pipeline import embed, render
from nn101 import activations, gradcheck, losses, optim
from nn101.mlp import MLP

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.fixture(scope="module")
def rates():
    return load_module("learning/learning-rate").compute()


@pytest.fixture(scope="module")
def batches():
    return load_module("learning/batch-size").compute()


# -- learning/learning-rate ------------------------------------------------------------------


def test_every_rate_starts_from_the_same_loss(rates) -> None:
    assert list(rates.losses) == ["small", "good", "large"]
    starts = {key: loss[0] for key, loss in rates.losses.items()}
    assert len(set(starts.values())) == 1
    assert starts["small"] == pytest.approx(0.59, abs=0.005)
    assert all(len(loss) == len(rates.epochs) == 100 for loss in rates.losses.values())


def test_the_smallest_loss_is_about_0_199_and_the_good_rate_reaches_it(rates) -> None:
    assert rates.best_loss == pytest.approx(0.199, abs=0.0005)
    X, y = _neuron.data(0)
    # a minimum: the gradient of the best run's loss is (numerically) zero
    model = _neuron.neuron(0).fit(X, y, epochs=_neuron.BEST_EPOCHS, learning_rate=_neuron.BEST_RATE)
    _, grad_w, grad_b = model.loss_and_grads(X, y)
    assert max(np.abs(grad_w[0]).max(), np.abs(grad_b[0]).max()) < 1e-6
    good = rates.losses["good"]
    assert good[-1] == pytest.approx(rates.best_loss, abs=1e-6)


def test_too_small_a_rate_crawls(rates) -> None:
    small = rates.losses["small"]
    assert np.all(np.diff(small) < 0)  # steadily down ...
    assert small[-1] == pytest.approx(0.30, abs=0.005)  # ... but still near 0.30 at epoch 100
    assert small[-1] - rates.best_loss > 0.09


def test_a_good_rate_is_near_the_minimum_by_epoch_10_and_stays(rates) -> None:
    good = rates.losses["good"]
    assert np.all(np.diff(good) < 0)
    within = np.abs(good - rates.best_loss) < 0.002
    assert within[9:].all()  # epoch 10 onwards (history[9] is epoch 10's loss)
    assert not within[8]


def test_too_large_a_rate_overshoots_then_never_settles(rates) -> None:
    large = rates.losses["large"]
    assert large[1] == pytest.approx(1.26, abs=0.005)  # the first step raises the loss
    assert large[1] > 2 * large[0]
    # it does come down to the minimum, epochs 15 to 22 ...
    assert np.all(np.abs(large[14:22] - rates.best_loss) < 0.002)
    # ... and is thrown out again from epoch 23 on
    assert large[22] - rates.best_loss > 0.002
    last_50 = large[50:]
    assert last_50.max() == pytest.approx(0.73, abs=0.005)
    assert last_50.min() - rates.best_loss > 0.01  # never back at the minimum
    assert np.sum(np.diff(last_50) > 0) >= 20  # up and down, not down


def test_the_stability_limit_near_the_minimum_is_about_28() -> None:
    """Gradient descent near a minimum overshoots when η > 2 / (largest curvature there)."""
    X, y = _neuron.data(0)
    model = _neuron.neuron(0).fit(X, y, epochs=_neuron.BEST_EPOCHS, learning_rate=_neuron.BEST_RATE)
    theta = np.concatenate([model.weights[0][:, 0], model.biases[0]])

    def gradient(point: np.ndarray) -> np.ndarray:
        model.weights[0][:, 0], model.biases[0][:] = point[:2], point[2:]
        _, grad_w, grad_b = model.loss_and_grads(X, y)
        return np.concatenate([grad_w[0][:, 0], grad_b[0]])

    hessian = np.column_stack(
        [
            gradcheck.numerical_gradient(lambda p, i=i: float(gradient(p)[i]), theta.copy())
            for i in range(3)
        ]
    )
    limit = 2.0 / np.linalg.eigvalsh((hessian + hessian.T) / 2).max()
    assert limit == pytest.approx(28, abs=0.5)
    rates_module = load_module("learning/learning-rate")
    assert rates_module.RATES["good"] < limit < rates_module.RATES["large"]


# -- learning/batch-size ---------------------------------------------------------------------


def test_updates_per_epoch_are_n_over_b(batches) -> None:
    assert batches.n_points == 200
    assert batches.updates_per_epoch == {200: 1, 50: 4, 10: 20, 1: 200}
    assert batches.best_loss == load_module("learning/learning-rate").compute().best_loss
    assert all(len(loss) == 31 for loss in batches.losses.values())  # epochs 0..30


def test_small_batches_learn_more_per_epoch(batches) -> None:
    after_one = {size: loss[1] for size, loss in batches.losses.items()}
    assert after_one[200] == pytest.approx(0.52, abs=0.005)
    assert after_one[1] == pytest.approx(0.20, abs=0.005)
    assert after_one[200] > after_one[50] > after_one[10] > after_one[1]
    assert batches.losses[200][-1] > 0.22  # still, after 30 epochs
    assert np.all(np.diff(batches.losses[200]) < 0)
    assert np.all(np.diff(batches.losses[50]) < 0)


def test_per_update_the_batch_sizes_make_the_same_progress(batches) -> None:
    losses = batches.losses
    after_20_updates = [losses[200][20], losses[50][5], losses[10][1]]  # 20, 5 and 1 epochs
    assert max(after_20_updates) - min(after_20_updates) < 0.002
    assert all(round(value, 2) == 0.24 for value in after_20_updates)


def test_one_point_updates_are_noisy(batches) -> None:
    one, ten, best = batches.losses[1], batches.losses[10], batches.best_loss
    assert np.any(np.diff(one) > 0)
    assert one[5:].max() - best > 0.02  # it wanders above the minimum after epoch 5
    assert np.all(np.abs(ten[10:] - best) < 0.001)  # B = 10 has settled by then
    assert one[1] > ten[10]  # after 200 updates each: noise costs


# -- both figures: readable on a phone ---------------------------------------------------------


@pytest.mark.parametrize("figure_id", ["learning/learning-rate", "learning/batch-size"])
def test_text_is_at_least_9_px_at_a_phones_column_width(figure_id: str) -> None:
    with matplotlib.rc_context(style.theme("light")):
        figure = load_module(figure_id).build()
    assert render.shown_text_px(figure, render.COLUMN_PX["phone"]) >= embed.MIN_TEXT_PX


# -- learning/worked-example and learning/worked-update -----------------------------------------


def sigma(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def by_hand() -> dict[str, float]:
    """The worked example on paper: every formula of the chapter, in plain arithmetic."""
    (x1, x2), y = _worked.X, _worked.Y
    (w11, w12), (w21, w22) = _worked.W
    (b1, b2), (v1, v2), c = _worked.B, _worked.V, _worked.C
    n: dict[str, float] = {}
    n["z1"] = w11 * x1 + w21 * x2 + b1
    n["z2"] = w12 * x1 + w22 * x2 + b2
    n["h1"], n["h2"] = sigma(n["z1"]), sigma(n["z2"])
    n["z"] = v1 * n["h1"] + v2 * n["h2"] + c
    n["y_hat"] = sigma(n["z"])
    n["L"] = -(y * math.log(n["y_hat"]) + (1 - y) * math.log(1 - n["y_hat"]))
    n["delta"] = n["y_hat"] - y
    n["dv1"], n["dv2"], n["dc"] = n["delta"] * n["h1"], n["delta"] * n["h2"], n["delta"]
    n["delta1"] = n["delta"] * v1 * n["h1"] * (1 - n["h1"])
    n["delta2"] = n["delta"] * v2 * n["h2"] * (1 - n["h2"])
    n["dw11"], n["dw21"] = n["delta1"] * x1, n["delta1"] * x2
    n["dw12"], n["dw22"] = n["delta2"] * x1, n["delta2"] * x2
    n["db1"], n["db2"] = n["delta1"], n["delta2"]
    return n


ROW_KEYS = [  # the rows of learning/worked-example, in order
    *("z1", "z2", "h1", "h2", "z", "y_hat", "L", "delta", "dv1", "dv2", "dc"),
    *("delta1", "delta2", "dw11", "dw21", "dw12", "dw22", "db1", "db2"),
]
PARAMETER_KEYS = ["w11", "w21", "w12", "w22", "b1", "b2", "v1", "v2", "c"]


def starting_parameters() -> dict[str, float]:
    (w11, w12), (w21, w22) = _worked.W
    (b1, b2), (v1, v2) = _worked.B, _worked.V
    values = (w11, w21, w12, w22, b1, b2, v1, v2, _worked.C)
    return dict(zip(PARAMETER_KEYS, values, strict=True))


def test_the_starting_point_is_the_one_the_chapter_states() -> None:
    assert _worked.X == (1.0, 0.0) and _worked.Y == 1
    assert starting_parameters() == {
        "w11": 1.0,
        "w21": 0.5,
        "w12": -1.0,
        "w22": 0.5,
        "b1": -0.5,
        "b2": 0.0,
        "v1": 1.0,
        "v2": -1.0,
        "c": 0.0,
    }
    assert _worked.LEARNING_RATE == 0.5


def test_every_cell_of_the_passes_table_is_the_hand_computed_number() -> None:
    module = load_module("learning/worked-example")
    table = module.build()
    hand = by_hand()
    assert len(table.rows) == len(ROW_KEYS) == len(module.ROWS)
    for row, key in zip(table.rows, ROW_KEYS, strict=True):
        assert row[2] == module.cell(hand[key]), key
    # and nn101's numbers agree with the hand's to rounding error, not just to four decimals
    values = module.values(module.compute())
    np.testing.assert_allclose(values, [hand[key] for key in ROW_KEYS], rtol=1e-12, atol=1e-15)


def test_the_passes_agree_with_loss_and_grads_and_the_matrix_recursion() -> None:
    worked = load_module("learning/worked-example").compute()
    model = _worked.network()
    X, y = np.array([_worked.X]), np.array([_worked.Y])
    loss, grad_w, grad_b = model.loss_and_grads(X, y)
    assert worked.loss == loss
    np.testing.assert_array_equal(worked.grad_w, grad_w[0])
    np.testing.assert_array_equal(worked.grad_v, grad_w[1][:, 0])
    np.testing.assert_array_equal(worked.grad_b, grad_b[0])
    # delta at the output is what the loss gives, and one step down by the recursion
    trace = model.forward_trace(X)
    _, delta = losses.binary_cross_entropy(trace.z[-1], y[:, None].astype(float))
    assert worked.delta == pytest.approx(delta[0, 0], rel=1e-15)
    sigmoid = activations.get("sigmoid")
    delta_hidden = (delta @ model.weights[1].T) * sigmoid.grad(trace.z[0])
    np.testing.assert_allclose(worked.delta_hidden, delta_hidden[0], rtol=1e-15)
    np.testing.assert_allclose(worked.grad_w, X.T @ delta_hidden, rtol=1e-15)


def test_every_cell_of_the_update_table_is_the_hand_computed_step() -> None:
    module = load_module("learning/worked-update")
    table = module.build()
    hand, start = by_hand(), starting_parameters()
    eta = _worked.LEARNING_RATE
    assert len(table.rows) == len(PARAMETER_KEYS) + 1
    after = {}
    for row, key in zip(table.rows[:-1], PARAMETER_KEYS, strict=True):
        gradient = hand["d" + key]
        after[key] = start[key] - eta * gradient
        assert row[1:] == [module.cell(start[key]), module.cell(gradient), module.cell(after[key])]
    # the loss of the updated network, by hand again
    z1 = after["w11"] * _worked.X[0] + after["w21"] * _worked.X[1] + after["b1"]
    z2 = after["w12"] * _worked.X[0] + after["w22"] * _worked.X[1] + after["b2"]
    y_hat = sigma(after["v1"] * sigma(z1) + after["v2"] * sigma(z2) + after["c"])
    assert table.rows[-1] == ["\\(L\\)", module.cell(hand["L"]), "", module.cell(-math.log(y_hat))]
    assert round(hand["L"], 3) == 0.532 and round(-math.log(y_hat), 3) == 0.405  # the caption


def test_the_update_is_one_sgd_step_of_the_library() -> None:
    worked = load_module("learning/worked-update").compute()
    model = _worked.network()
    X, y = np.array([_worked.X]), np.array([_worked.Y])
    _, grad_w, grad_b = model.loss_and_grads(X, y)
    params = [*model.weights, *model.biases]
    optim.SGD(_worked.LEARNING_RATE).step(params, [*grad_w, *grad_b])
    np.testing.assert_array_equal(worked.params_after["w"], model.weights[0])
    np.testing.assert_array_equal(worked.params_after["v"], model.weights[1][:, 0])
    np.testing.assert_array_equal(worked.params_after["b"], model.biases[0])
    np.testing.assert_array_equal(worked.params_after["c"], model.biases[1])
    assert worked.loss_after == model.loss(X, y) < worked.loss
    # x2 = 0: the weights leaving x2 get no gradient from this example and do not move
    np.testing.assert_array_equal(worked.params_after["w"][1], np.array(_worked.W)[1])


def test_the_numbers_the_mlp_chapter_quotes_about_the_worked_example() -> None:
    hand = by_hand()
    assert round(hand["delta"], 4) == -0.4125
    assert (round(hand["delta1"], 4), round(hand["delta2"], 4)) == (-0.0969, 0.0811)
    assert (
        abs(hand["delta1"]) < abs(hand["delta"]) / 4
        and abs(hand["delta2"]) < abs(hand["delta"]) / 4
    )
    worked = load_module("learning/worked-update").compute()
    assert (round(worked.loss, 4), round(worked.loss_after, 4)) == (0.5319, 0.4049)


# -- the exercises' answers ------------------------------------------------------------------


def test_exercise_1_a_confident_mistake() -> None:
    loss, grad = losses.binary_cross_entropy([2.0], [0.0])
    assert round(sigma(2.0), 3) == 0.881
    assert round(loss, 3) == 2.127 and round(float(grad[0]), 3) == 0.881


def test_exercise_2_the_parabola() -> None:
    a, w0 = 4.0, 1.0
    for eta, expected in (
        (1 / a, "lands"),
        (1.5 / a, "damped"),
        (2 / a, "flips"),
        (3 / a, "grows"),
    ):
        w = np.array([w0])
        path = []
        for _ in range(20):
            optim.SGD(eta).step([w], [a * w])  # the gradient of (a / 2) w^2
            path.append(float(w[0]))
        if expected == "lands":
            assert path[0] == 0.0
        elif expected == "damped":
            assert path[0] < 0 < path[1] and abs(path[-1]) < 1e-5
        elif expected == "flips":
            assert path[:2] == [-w0, w0] and path[-1] == w0
        else:
            assert abs(path[-1]) > 1e5


def test_exercise_3_updates_per_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    sizes: list[int] = []
    original = MLP._loss_and_grads

    def spy(self: MLP, X: np.ndarray, Y: np.ndarray):
        sizes.append(len(X))
        return original(self, X, Y)

    monkeypatch.setattr(MLP, "_loss_and_grads", spy)
    X = np.random.default_rng(0).normal(size=(1000, 2))
    MLP([2, 1]).fit(X, (X[:, 0] > 0).astype(int), epochs=1, batch_size=32)
    assert len(sizes) == 32 and sizes[:-1] == [32] * 31 and sizes[-1] == 8


def test_exercise_4_adams_first_step_is_about_the_learning_rate() -> None:
    w = np.zeros(2)
    optim.Adam(0.01).step([w], [np.array([1e-3, -1e3])])
    np.testing.assert_allclose(w, [-0.01, 0.01], rtol=1e-4)


def test_exercise_5_momentum_approaches_ten_times_the_step() -> None:
    w, g, eta = np.zeros(1), np.ones(1), 0.01
    stepper = optim.Momentum(eta, momentum=0.9)
    before = 0.0
    for step in range(1, 201):
        stepper.step([w], [g])
        size = before - float(w[0])
        before = float(w[0])
        if step == 20:
            assert size / (10 * eta) == pytest.approx(1 - 0.9**20) and round(1 - 0.9**20, 2) == 0.88
    assert size == pytest.approx(10 * eta)


# -- code shown in docs/learning.md ----------------------------------------------------------


def test_the_chapters_code_examples_run_and_print_what_the_text_shows() -> None:
    path = DOCS / "learning.md"
    parser = doctest.DocTestParser()
    test = parser.get_doctest(path.read_text(encoding="utf-8"), {}, "learning.md", str(path), 0)
    assert len(test.examples) >= 5
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0

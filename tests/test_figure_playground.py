"""What the playground figures plot, asserted on their ``compute()`` output.

The accuracy claims of docs/playground.md are checked for the build seed and for one more seed,
so that they describe the recipe and not one lucky draw.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np
import pytest

from figures import load_module
from figures.playground import _training as training
from nn101 import datasets
from nn101.mlp import MLP

NONLINEAR = ("sigmoid", "tanh", "relu", "gelu")
WINNERS = ("tanh", "relu", "gelu")  # the activations that learn the spiral within 300 epochs


@cache
def boundaries(seed: int) -> dict[tuple[str, str], Any]:
    """The grid's panels, trained once per seed for the whole module."""
    result: dict[tuple[str, str], Any] = load_module("playground/boundaries").compute(seed)
    return result


@pytest.fixture(scope="module", params=[0, 1], ids=["seed0", "seed1"])
def panels(request: pytest.FixtureRequest) -> dict[tuple[str, str], Any]:
    return boundaries(request.param)


@pytest.fixture(scope="module")
def curves() -> Any:
    return load_module("playground/spiral-curves").compute()


@pytest.fixture(scope="module")
def animation() -> Any:
    return load_module("playground/animation").compute()


def test_grid_has_every_dataset_and_activation(panels: dict[tuple[str, str], Any]) -> None:
    assert set(panels) == {(d, a) for d in training.DATASETS for a in training.ACTIVATIONS}
    columns = list(training.ACTIVATIONS)
    assert columns == ["identity", *NONLINEAR]
    resolution = load_module("playground/boundaries").RESOLUTION
    for panel in panels.values():
        assert panel.region.shape == (resolution, resolution)


def test_linear_network_is_near_chance_where_the_boundary_must_bend(
    panels: dict[tuple[str, str], Any],
) -> None:
    for dataset in ("xor", "circles"):
        panel = panels[dataset, "identity"]
        assert panel.train_accuracy <= 0.62 and panel.test_accuracy <= 0.62, dataset
    spiral = panels["spiral", "identity"]
    assert max(spiral.train_accuracy, spiral.test_accuracy) <= 0.66


def test_linear_network_draws_a_straight_line(panels: dict[tuple[str, str], Any]) -> None:
    for dataset in training.DATASETS:
        region = panels[dataset, "identity"].region
        changes = np.abs(np.diff(region, axis=1)).sum(axis=1)  # class changes along each row
        assert changes.max() <= 1, dataset  # a half-plane: at most one crossing per row


def test_moons_are_almost_linearly_separable(panels: dict[tuple[str, str], Any]) -> None:
    panel = panels["moons", "identity"]
    assert 0.8 <= panel.train_accuracy <= 0.93
    assert 0.8 <= panel.test_accuracy <= 0.93


def test_every_nonlinear_network_learns_xor_circles_and_moons(
    panels: dict[tuple[str, str], Any],
) -> None:
    for activation in NONLINEAR:
        for dataset in ("xor", "circles", "moons"):
            panel = panels[dataset, activation]
            assert panel.train_accuracy >= 0.93, (dataset, activation)
            assert panel.test_accuracy >= (0.88 if dataset == "xor" else 0.97), (
                dataset,
                activation,
            )


def test_on_the_spiral_tanh_relu_and_gelu_beat_sigmoid(panels: dict[tuple[str, str], Any]) -> None:
    sigmoid = panels["spiral", "sigmoid"]
    assert sigmoid.train_accuracy <= 0.72
    for activation in WINNERS:
        panel = panels["spiral", activation]
        assert panel.train_accuracy >= 0.88, activation
        assert panel.train_accuracy >= sigmoid.train_accuracy + 0.15, activation
        assert panel.test_accuracy >= sigmoid.test_accuracy + 0.05, activation


def test_on_the_spiral_winners_score_lower_on_test_points(
    panels: dict[tuple[str, str], Any],
) -> None:
    for activation in WINNERS:
        panel = panels["spiral", activation]
        assert panel.train_accuracy - panel.test_accuracy >= 0.05, activation


def test_no_single_winner_among_tanh_relu_and_gelu(panels: dict[tuple[str, str], Any]) -> None:
    for dataset in training.DATASETS:
        scores = [panels[dataset, activation].train_accuracy for activation in WINNERS]
        assert max(scores) - min(scores) <= 0.05, dataset


def test_curves_continue_the_grids_training(curves: Any) -> None:
    panels = boundaries(0)  # the curves are drawn for the build seed
    for activation, loss in curves.losses.items():
        assert loss.size == 1000
        assert loss[training.EPOCHS - 1] == pytest.approx(panels["spiral", activation].final_loss)


def test_linear_loss_levels_off_and_never_improves(curves: Any) -> None:
    loss = curves.losses["identity"]
    assert np.ptp(loss[50:]) < 1e-3
    assert loss[-1] > 0.6


def test_relu_falls_fastest_at_first(curves: Any) -> None:
    at_100 = {activation: loss[99] for activation, loss in curves.losses.items()}
    assert min(at_100, key=at_100.get) == "relu"


def test_sigmoid_plateaus_then_learns(curves: Any) -> None:
    loss = curves.losses["sigmoid"]
    assert np.all(loss[20:150] > 0.6)  # the plateau near the loss of a constant guess, ln 2
    assert loss[training.EPOCHS - 1] > 0.5
    for activation in WINNERS:
        winner = curves.losses[activation][training.EPOCHS - 1]
        assert winner < 0.15, activation
        assert loss[training.EPOCHS - 1] > 2 * winner, activation
    assert loss[-1] < 0.3
    assert 0.88 <= curves.accuracies["sigmoid"] <= 0.93
    for activation in WINNERS:
        assert np.median(curves.losses[activation][-100:]) < 0.1, activation


def test_some_curve_spikes_after_the_grid_stops(curves: Any) -> None:
    jumps = {a: np.max(loss[301:] / loss[300:-1]) for a, loss in curves.losses.items()}
    assert jumps["relu"] > 2 and jumps["gelu"] > 2


def test_animation_snapshots_every_20_epochs_and_learns(animation: Any) -> None:
    snapshots = animation.snapshots
    assert [s.epoch for s in snapshots] == list(range(0, 301, 20))
    losses = [s.loss for s in snapshots]
    assert losses[-1] < 0.2 < 0.6 < losses[0]
    by_epoch = {s.epoch: s.accuracy for s in snapshots}
    assert by_epoch[0] < 0.55 and by_epoch[20] < by_epoch[60] < by_epoch[300]
    assert by_epoch[300] >= 0.9


def test_animation_ends_where_the_grid_panel_does(animation: Any) -> None:
    panel = boundaries(0)["spiral", "relu"]  # the animation is drawn for the build seed
    assert animation.snapshots[-1].accuracy == pytest.approx(panel.train_accuracy)


def test_animation_json_stays_small() -> None:
    figure = load_module("playground/animation").build()
    assert len(figure.frames) == 16
    assert len(figure.to_json()) < 120_000


# The numbers docs/playground.md quotes for the build seed (seed 0), as the figures show them.


def test_grid_numbers_quoted_in_the_chapter() -> None:
    panels = boundaries(0)
    for dataset in ("xor", "circles"):  # "between 46 % and 56 %"
        linear = panels[dataset, "identity"]
        assert min(linear.train_accuracy, linear.test_accuracy) >= 0.455, dataset
        assert max(linear.train_accuracy, linear.test_accuracy) < 0.565, dataset
    assert panels["spiral", "identity"].train_accuracy == pytest.approx(0.63, abs=0.005)
    moons = panels["moons", "identity"]
    assert (moons.train_accuracy, moons.test_accuracy) == pytest.approx((0.89, 0.87), abs=0.005)
    for activation in NONLINEAR:
        for dataset in ("xor", "circles", "moons"):
            assert panels[dataset, activation].train_accuracy >= 0.98, (dataset, activation)
        for dataset in ("circles", "moons"):
            assert panels[dataset, activation].test_accuracy >= 0.99, (dataset, activation)
        assert 0.895 <= panels["xor", activation].test_accuracy < 0.925, activation
    assert panels["spiral", "sigmoid"].train_accuracy == pytest.approx(0.70, abs=0.006)
    for activation in WINNERS:
        spiral = panels["spiral", activation]
        assert spiral.train_accuracy == pytest.approx(0.94, abs=0.006), activation
        assert 0.795 <= spiral.test_accuracy < 0.825 + 1e-9, activation
        assert spiral.train_accuracy - spiral.test_accuracy > 0.1, activation


def test_linear_spiral_boundary_is_almost_horizontal() -> None:
    panel = boundaries(0)["spiral", "identity"]
    top, bottom = panel.region[panel.x2 > 0.3], panel.region[panel.x2 < -0.3]
    assert top.mean() < 0.05 and bottom.mean() > 0.95  # class 0 above, class 1 below


def test_true_xor_rule_sets_the_ceiling() -> None:
    for seed in (0, 1):
        data = training.load("xor", seed)
        rule = np.mean((data.X_test[:, 0] * data.X_test[:, 1] < 0) == data.y_test)
        if seed == 0:
            assert rule == pytest.approx(0.93)  # exercise 3
        for activation in NONLINEAR:
            assert abs(boundaries(seed)["xor", activation].test_accuracy - rule) <= 0.04


def test_chapter_setup_snippet() -> None:
    X, y = datasets.spiral(n=200, noise=0.1, seed=0)
    model = MLP([2, 16, 16, 1], activation="tanh", output="sigmoid", seed=0)
    model.fit(X, y, epochs=300, learning_rate=0.03, optimizer="adam")
    assert (model.predict(X) == y).mean() == pytest.approx(0.945)
    assert model.history[-1] == pytest.approx(boundaries(0)["spiral", "tanh"].final_loss)


def test_curve_details_quoted_in_the_chapter(curves: Any) -> None:
    loss = curves.losses
    assert loss["relu"][99] < loss["gelu"][99] < loss["tanh"][99]  # ReLU, GELU, then tanh
    assert np.ptp([loss[a][199] for a in WINNERS]) < 0.02  # tanh has caught up by 200
    for activation in WINNERS:
        assert 0.11 <= loss[activation][training.EPOCHS - 1] <= 0.13, activation
    linear = loss["identity"][-1]
    assert linear == pytest.approx(0.65, abs=0.005)
    assert np.all(np.abs(loss["sigmoid"][30:150] - linear) < 0.025)  # "at the linear loss"
    assert np.all(np.abs(loss["sigmoid"][400:800] - 0.4) < 0.05)  # "a second plateau near 0.4"
    assert loss["sigmoid"][-1] == pytest.approx(0.25, abs=0.01)
    assert curves.accuracies["sigmoid"] == pytest.approx(0.9, abs=0.01)  # exercise 2
    for activation in ("sigmoid", "tanh"):  # only ReLU and GELU spike
        assert np.max(loss[activation][1:] / loss[activation][:-1]) < 1.1, activation


def test_animation_numbers_quoted_in_the_chapter(animation: Any) -> None:
    by_epoch = {s.epoch: s.accuracy for s in animation.snapshots}
    shown = {epoch: f"{by_epoch[epoch]:.0%}" for epoch in (0, 20, 60, 300)}  # as in the titles
    assert shown == {0: "45%", 20: "64%", 60: "78%", 300: "94%"}


def test_zero_bias_relu_network_is_constant_along_rays() -> None:
    """Exercise 4: with all biases 0, a ReLU network's class is constant on rays from 0."""
    X = np.random.default_rng(0).normal(size=(500, 2))
    relu = training.new_model("relu", seed=0)
    for c in (0.1, 3.0):
        assert np.array_equal(relu.predict(c * X), relu.predict(X))
    tanh = training.new_model("tanh", seed=0)
    assert np.allclose(tanh.forward_trace(-X).z[-1], -tanh.forward_trace(X).z[-1])


def best_line_accuracy(X: np.ndarray, y: np.ndarray, directions: int = 720) -> float:
    """Highest training accuracy of any straight boundary, by trying every direction and cut."""
    best = 0.0
    for angle in np.linspace(0.0, np.pi, directions, endpoint=False):
        order = np.argsort(X @ np.array([np.cos(angle), np.sin(angle)]))
        ones_below = np.concatenate([[0], np.cumsum(y[order])])  # class 1 below each cut
        cut = np.arange(y.size + 1)
        right = ones_below[-1] - ones_below + (cut - ones_below)  # 1 above, 0 below the cut
        best = max(best, right.max() / y.size, 1 - right.min() / y.size)
    return float(best)


def test_exercise_1_no_line_does_much_better_on_moons() -> None:
    data = training.load("moons", 0)
    assert best_line_accuracy(data.X, data.y) == pytest.approx(0.905)
    assert boundaries(0)["moons", "identity"].train_accuracy == pytest.approx(0.89)


# -- narrow layouts: the same drawing for a phone's column ---------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "figure_id", ["playground/animation", "playground/boundaries", "playground/spiral-curves"]
)
def test_narrow_layout_fits_a_phone_and_draws_what_the_static_image_does(
    figure_id: str, same_drawing: Callable[..., None]
) -> None:
    same_drawing(figure_id, ylabel=True)

"""What the universal-approximation figures plot, asserted on their ``compute()`` output."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from matplotlib.figure import Figure

from figures import load_module
from figures.universal import _approximation as approx
from nn101.mlp import MLP


@pytest.fixture(scope="module")
def slider() -> SimpleNamespace:
    x, f, results = load_module("universal/slider").compute()
    return SimpleNamespace(x=x, f=f, by_units={r.units: r for r in results})


@pytest.fixture(scope="module")
def trained() -> dict[int, Any]:
    _, _, results = load_module("universal/trained").compute()
    return {r.units: r for r in results}


def test_bump_is_the_height_inside_and_zero_outside_closer_as_k_grows() -> None:
    module = load_module("universal/bump")
    data = module.compute()
    left, right = module.EDGES
    inside = (data.x > left + 0.05) & (data.x < right - 0.05)
    outside = (data.x < left - 0.05) | (data.x > right + 0.05)
    inside_gaps = [np.max(np.abs(bump[inside] - module.HEIGHT)) for bump in data.bumps.values()]
    outside_gaps = [np.max(np.abs(bump[outside])) for bump in data.bumps.values()]
    assert list(data.bumps) == sorted(data.bumps)  # steepness in increasing order
    assert inside_gaps == sorted(inside_gaps, reverse=True)
    assert outside_gaps == sorted(outside_gaps, reverse=True)
    assert inside_gaps[0] > 0.3  # k = 10: a low hill, nowhere near the rectangle
    assert max(inside_gaps[-1], outside_gaps[-1]) < 1e-4  # k = 250: the rectangle
    assert np.max(np.abs(data.bumps[max(data.bumps)] - data.ideal)) <= module.HEIGHT


def test_bump_is_the_difference_of_the_two_sigmoids_shown() -> None:
    module = load_module("universal/bump")
    data = module.compute()
    shown = data.rise - data.fall
    assert np.allclose(module.HEIGHT * shown, data.bumps[module.SHOWN_K])
    assert shown.max() == pytest.approx(1.0, abs=0.02)


def test_tower_is_an_mlp_with_two_sigmoid_units_per_bump() -> None:
    model = approx.sigmoid_tower(7)
    assert model.layer_sizes == [1, 14, 1]
    assert model.activation.name == "sigmoid" and model.output == "identity"


def test_tower_error_shrinks_with_more_bumps() -> None:
    _, _, towers = load_module("universal/tower").compute()
    errors = [tower.max_error for tower in towers]
    assert [tower.bumps for tower in towers] == [5, 10, 20, 50]
    assert [tower.hidden_units for tower in towers] == [10, 20, 40, 100]
    assert errors == sorted(errors, reverse=True)
    assert errors == pytest.approx([0.34, 0.19, 0.09, 0.04], abs=0.006)  # as the chapter says


def test_slider_errors_shrink_for_both_activations(slider: SimpleNamespace) -> None:
    results = [slider.by_units[units] for units in sorted(slider.by_units)]
    assert [r.units for r in results] == [2, 4, 8, 16, 32, 64]
    for key in ("sigmoid_rms", "relu_rms"):
        errors = [getattr(r, key) for r in results]
        assert errors == sorted(errors, reverse=True), key
    assert results[-1].sigmoid_rms < 0.02 and results[-1].relu_rms < 0.003


def test_relu_hinges_beat_sigmoid_bumps_at_every_width(slider: SimpleNamespace) -> None:
    for result in slider.by_units.values():
        assert result.relu_rms < result.sigmoid_rms, result.units


def test_relu_network_matches_the_target_at_its_knots(slider: SimpleNamespace) -> None:
    for units, result in slider.by_units.items():
        assert result.knots.size == units + 1
        assert np.allclose(result.relu_at_knots, approx.target(result.knots), atol=1e-12)


def test_relu_network_is_piecewise_linear_between_knots(slider: SimpleNamespace) -> None:
    result = slider.by_units[8]
    expected = np.interp(slider.x, result.knots, approx.target(result.knots))
    assert np.allclose(result.relu, expected, atol=1e-12)


def test_trained_networks_fall_short_of_the_hand_built_ones(
    trained: dict[int, Any], slider: SimpleNamespace
) -> None:
    assert sorted(trained) == [4, 16, 64]
    hand_built = {units: slider.by_units[units].relu_rms for units in trained}
    assert trained[4].rms < hand_built[4]  # few units: training places its kinks well
    assert trained[16].rms > 2 * hand_built[16]
    assert trained[64].rms > 10 * hand_built[64]
    # Width stops helping: 64 trained units end where 16 do (the docstring's "0.042" for both).
    assert trained[64].rms == pytest.approx(trained[16].rms, rel=0.1)
    assert 0.035 < trained[64].rms < 0.05


def test_bump_with_gentle_steps_is_a_low_hill() -> None:
    module = load_module("universal/bump")
    data = module.compute()
    assert data.bumps[10.0].max() / module.HEIGHT == pytest.approx(0.46, abs=0.01)  # "half"


def test_slider_numbers_quoted_in_the_chapter(slider: SimpleNamespace) -> None:
    r32, r64 = slider.by_units[32], slider.by_units[64]
    assert r64.relu_rms == pytest.approx(0.002, abs=5e-4)
    assert r64.sigmoid_rms == pytest.approx(0.017, abs=1e-3)
    assert (r32.relu_rms, r32.sigmoid_rms) == pytest.approx((0.0078, 0.042), abs=5e-4)
    assert r32.relu_rms / r64.relu_rms == pytest.approx(3.9, abs=0.1)  # exercise 5
    assert r32.sigmoid_rms / r64.sigmoid_rms == pytest.approx(2.5, abs=0.1)


def test_trained_numbers_quoted_in_the_chapter(
    trained: dict[int, Any], slider: SimpleNamespace
) -> None:
    assert trained[4].rms == pytest.approx(0.075, abs=5e-4)
    assert slider.by_units[4].relu_rms == pytest.approx(0.091, abs=5e-4)
    assert trained[16].rms == pytest.approx(0.042, abs=5e-4)
    assert trained[64].rms == pytest.approx(0.042, abs=5e-4)
    assert slider.by_units[16].relu_rms == pytest.approx(0.013, abs=5e-4)


# The chapter's code, as printed there: the tower snippet and the answers of exercises 1 and 4.


def chapter_tower(n: int, k: float) -> float:
    """Largest error of the chapter's hand-built sigmoid tower with n bumps and steepness k."""
    edges = np.linspace(0, 1, n + 1)
    heights = approx.target((edges[:-1] + edges[1:]) / 2)
    left, right = edges[:-1].copy(), edges[1:].copy()
    left[0], right[-1] = -1.0, 2.0
    model = MLP([1, 2 * n, 1], activation="sigmoid", output="identity")
    model.weights[0] = np.full((1, 2 * n), k)
    model.biases[0] = -k * np.column_stack([left, right]).ravel()
    model.weights[1] = np.column_stack([heights, -heights]).reshape(-1, 1)
    model.biases[1] = np.zeros(1)
    x = np.linspace(0, 1, 1001)
    return float(np.abs(model.forward(x[:, None])[:, 0] - approx.target(x)).max())


def test_chapter_tower_snippet() -> None:
    assert chapter_tower(20, 400.0) == pytest.approx(0.094, abs=1e-3)


def test_exercise_1_steepness_has_a_sweet_spot() -> None:
    errors = {k: chapter_tower(50, k) for k in (20.0, 100.0, 1000.0)}
    assert errors[20.0] == pytest.approx(0.14, abs=0.01)
    assert errors[100.0] == pytest.approx(0.023, abs=1e-3)
    assert errors[1000.0] == pytest.approx(0.042, abs=1e-3)
    assert errors[100.0] < errors[1000.0] < errors[20.0]


def test_exercise_4_deep_narrow_relu_network_computes_the_sawtooth() -> None:
    k = 4
    model = MLP([1] + [2] * k + [1], activation="relu", output="identity")
    first, tent = np.array([[1.0, 1.0]]), np.array([[2.0], [-4.0]])
    model.weights[0], model.biases[0] = first, np.array([0.0, -0.5])
    for layer in range(1, k):
        model.weights[layer] = tent @ first
        model.biases[layer] = np.array([0.0, -0.5])
    model.weights[k], model.biases[k] = tent, np.zeros(1)
    x = np.linspace(0, 1, 129)
    saw = model.forward(x[:, None])[:, 0]
    expected = x.copy()
    for _ in range(k):
        expected = np.where(expected < 0.5, 2 * expected, 2 - 2 * expected)
    assert np.allclose(saw, expected, atol=1e-12)
    slopes = np.sign(np.diff(saw))
    assert 1 + np.count_nonzero(np.diff(slopes)) == 2**k  # 16 straight pieces
    assert model.n_parameters == 25


# -- narrow layouts: the same panels for a phone's column ----------------------------------------


@pytest.mark.parametrize(
    "figure_id", ["universal/bump", "universal/slider", "universal/tower", "universal/trained"]
)
def test_narrow_layout_shows_the_same_panels_legibly_on_a_phone(
    figure_id: str, narrow_layout: Callable[[str], Figure]
) -> None:
    narrow = narrow_layout(figure_id)
    assert narrow.get_figheight() > narrow.get_figwidth()  # panels stacked or two by two

"""What the seed figures plot, asserted on their ``compute()`` output (numbers, not pixels)."""

from __future__ import annotations

import numpy as np
import pytest

from figures import load_module


def transitions_per_row(region: np.ndarray) -> np.ndarray:
    """How often the predicted class changes along each row (and column) of a region grid."""
    rows = np.abs(np.diff(region, axis=1)).sum(axis=1)
    columns = np.abs(np.diff(region, axis=0)).sum(axis=0)
    return np.concatenate([rows, columns])


def test_steeper_sigmoids_approach_the_step() -> None:
    data = load_module("activations/step-vs-sigmoid").compute()
    away_from_zero = np.abs(data.x) >= 0.25
    gaps = [np.max(np.abs(curve - data.step)[away_from_zero]) for curve in data.sigmoids.values()]
    assert gaps == sorted(gaps, reverse=True)  # monotonically closer as k grows
    assert gaps[-1] < 0.01 < gaps[0]
    assert data.slopes_at_zero == {k: pytest.approx(k / 4) for k in data.sigmoids}
    for curve in data.sigmoids.values():
        assert curve[np.argmin(np.abs(data.x))] == pytest.approx(0.5)


def test_xor_linear_models_fail_and_nonlinear_mlps_succeed() -> None:
    panels = {panel.key: panel for panel in load_module("mlp/xor-boundaries").compute()}
    assert list(panels) == ["perceptron", "identity", "sigmoid", "tanh", "relu"]
    assert panels["perceptron"].correct < 4
    assert panels["identity"].correct < 4
    for name in ("sigmoid", "tanh", "relu"):
        assert panels[name].correct == 4, name


def test_xor_linear_boundaries_are_half_planes_and_nonlinear_ones_are_not() -> None:
    panels = {panel.key: panel for panel in load_module("mlp/xor-boundaries").compute()}
    for key in ("perceptron", "identity"):  # a line crosses each row and column at most once
        assert transitions_per_row(panels[key].region).max() <= 1, key
    for key in ("sigmoid", "tanh", "relu"):  # XOR needs a band: two crossings somewhere
        assert transitions_per_row(panels[key].region).max() >= 2, key

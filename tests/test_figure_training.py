"""What the figures of the chapter "Activations in training" plot, asserted on ``compute()``.

Every claim docs/training.md makes about a figure's numbers is checked here, on three seeds
where the figure trains networks (the figures themselves show seed 0).
"""

from __future__ import annotations

import doctest
import math
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure

from figures import load_module, style
from figures.pipeline import embed, render
from figures.training import _deep as deep
from nn101 import activations

SEEDS = (0, 1, 2)
LN2 = math.log(2.0)


def geometric_mean(values: np.ndarray) -> float:
    return float(np.exp(np.mean(np.log(values))))


@pytest.fixture(scope="module")
def vanishing_module() -> ModuleType:
    return load_module("training/vanishing-gradients")


@pytest.fixture(scope="module")
def vanishing(vanishing_module: ModuleType) -> dict[int, Any]:
    """compute(seed) for three seeds: each trains with `seed`, and its norms cover seed..seed+2."""
    return {seed: vanishing_module.compute(seed) for seed in SEEDS}


@pytest.fixture(scope="module")
def norms(vanishing: dict[int, Any]) -> dict[str, np.ndarray]:
    """Gradient norms at initialisation, (3 seeds, 11 layers) per activation."""
    return vanishing[0].norms  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def signals() -> dict[int, Any]:
    module = load_module("training/signal-propagation")
    return {seed: module.compute(seed) for seed in SEEDS}


@pytest.fixture(scope="module")
def dying() -> Any:
    return load_module("training/dying-relu").compute()


@pytest.fixture(scope="module")
def centred() -> Any:
    return load_module("training/zero-centred").compute()


@pytest.fixture(scope="module")
def outputs() -> Any:
    return load_module("training/output-activations").compute()


# -- training/vanishing-gradients ------------------------------------------------------------


def test_the_networks_use_their_own_initialisation_except_the_two_wrong_ones() -> None:
    chosen = {net.key: net.init for net in deep.NETWORKS}
    assert chosen == {
        "sigmoid": "xavier",
        "tanh": "xavier",
        "relu": "he",
        "gelu+xavier": "xavier",
        "selu": "lecun",
        "selu+he": "he",
    }
    for net in deep.NETWORKS:
        own = deep.build_network(net, 0).init == deep.network(net.activation, 0).init  # "auto"
        assert own == net.own_init == ("+" not in net.key), net
        model = deep.build_network(net, 0)
        assert model.init == net.init and model.activation.name == net.activation


def test_wrong_initialisations_are_labelled_and_dotted() -> None:
    for net in deep.NETWORKS:
        look = deep.line_style(net)
        assert ("wrong" in look["label"]) == (not net.own_init), net
        assert (look["linestyle"] == ":") == (not net.own_init), net
        assert look["color"] == style.activation_look(net.activation).color
    assert deep.line_style(deep.Network("selu", "lecun"))["label"] == "SELU (LeCun init)"
    assert deep.line_style(deep.Network("selu", "he"))["label"] == "SELU (He init: the wrong one)"


def test_sigmoid_gradients_vanish_towards_the_input(norms: dict[str, np.ndarray]) -> None:
    sigmoid = norms["sigmoid"]
    assert sigmoid.shape == (3, 11)
    for seed_norms in sigmoid:
        ratio = seed_norms[-1] / seed_norms[0]
        assert ratio > 1e5  # more than five orders of magnitude
        assert 3.5 < ratio ** (1 / 10) < 5.5  # roughly a factor of 4 per layer
        assert np.all(np.diff(seed_norms) > 0)  # smaller at every step towards the input


def test_tanh_and_relu_keep_every_layer_within_a_factor_of_ten(
    norms: dict[str, np.ndarray],
) -> None:
    for name in ("tanh", "relu"):
        for seed_norms in norms[name]:
            assert seed_norms.max() / seed_norms.min() < 10, name


def test_gelu_with_xavier_is_level_but_hundreds_of_times_smaller_than_tanh(
    norms: dict[str, np.ndarray],
) -> None:
    for gelu, tanh in zip(norms["gelu+xavier"], norms["tanh"], strict=True):
        assert gelu.max() / gelu.min() < 10
        assert geometric_mean(tanh) / geometric_mean(gelu) > 300


def test_selu_with_he_init_has_larger_gradients_than_relu(norms: dict[str, np.ndarray]) -> None:
    for selu, relu in zip(norms["selu+he"], norms["relu"], strict=True):
        assert selu.max() / selu.min() < 15  # level
        assert 5 < geometric_mean(selu) / geometric_mean(relu) < 50  # an order of magnitude


def test_selu_with_lecun_init_keeps_every_layer_within_a_factor_of_ten(
    norms: dict[str, np.ndarray],
) -> None:
    for seed_norms in norms["selu"]:
        assert seed_norms.max() / seed_norms.min() < 10
        assert seed_norms.min() > 0.1 and seed_norms.max() < 10  # neither tiny nor huge


def test_sigmoid_and_gelu_stay_at_ln2_while_tanh_relu_and_selu_train(
    vanishing: dict[int, Any], vanishing_module: ModuleType
) -> None:
    for seed in SEEDS:
        result = vanishing[seed]
        for name in ("sigmoid", "gelu+xavier", "tanh", "relu", "selu"):
            assert not result.diverged[name], (seed, name)
            assert result.losses[name].size == vanishing_module.EPOCHS
        for name in ("sigmoid", "gelu+xavier"):
            assert abs(result.losses[name][-1] - LN2) < 1e-3, (seed, name)
        for name in ("tanh", "relu", "selu"):
            assert result.losses[name][-1] < 0.01, (seed, name)


def test_selu_with_he_init_diverges_within_ten_epochs(vanishing: dict[int, Any]) -> None:
    for seed in SEEDS:
        assert vanishing[seed].diverged["selu+he"]
        assert vanishing[seed].losses["selu+he"].size < 10


def test_gelu_with_he_init_trains(
    vanishing_module: ModuleType, norms: dict[str, np.ndarray]
) -> None:
    """The first exercise: the same GELU network, He-initialised, leaves ln 2 behind."""
    assert norms["gelu+xavier"].max() < 0.002  # the figure's (wrong) Xavier initialisation
    X, y = vanishing_module.data()
    for seed in SEEDS:
        model = deep.network("gelu", seed, init="he")
        assert model.init == deep.network("gelu", seed).init  # He is GELU's own (init="auto")
        norms = vanishing_module.gradient_norms(model, X, y)
        assert norms.max() / norms.min() < 10
        assert norms.min() > 0.01
        trace = model.forward_trace(X)
        assert min(z.std() for z in trace.z[:-1]) > 0.3  # pre-activations of order 1
        hidden = trace.a[1:-1]
        shrink = np.sqrt(np.mean(hidden[0] ** 2) / np.mean(hidden[-1] ** 2))
        assert shrink < 3.5  # 3 at most over the ten layers (Xavier: about 600)
        slope_rms = [np.sqrt(np.mean(model.activation.grad(z) ** 2)) for z in trace.z[:-1]]
        assert 0.5 < np.mean(slope_rms) < 0.7  # about 0.6
        model.fit(X, y, epochs=200, learning_rate=0.2, optimizer="sgd")
        assert model.history[-1] < 0.05


# -- training/signal-propagation -------------------------------------------------------------


def test_sigmoid_slope_never_exceeds_a_quarter_and_sits_near_024(signals: dict[int, Any]) -> None:
    for result in signals.values():
        assert np.all(result.slope_max["sigmoid"] <= 0.25)
        assert np.all((result.slope["sigmoid"] > 0.22) & (result.slope["sigmoid"] <= 0.25))
        assert np.all(result.slope_min["sigmoid"] > 0.13)  # no unit near saturation


def test_mean_slopes_of_tanh_relu_gelu(signals: dict[int, Any]) -> None:
    for result in signals.values():
        assert np.all(result.slope["tanh"] > 0.9)
        assert 0.4 < result.slope["relu"].mean() < 0.6
        assert 0.45 < result.slope["gelu+xavier"].mean() < 0.55


def test_backward_signal_per_layer_factors(signals: dict[int, Any]) -> None:
    for result in signals.values():
        back = result.backward
        per_layer = {k: (v[-1] / v[0]) ** (1 / 9) for k, v in back.items()}  # shrink per layer
        assert 4.0 < per_layer["sigmoid"] < 5.0  # about 1 / 0.24
        assert 1.7 < per_layer["gelu+xavier"] < 2.4  # about 1 / 0.5
        for name in ("tanh", "relu"):
            assert back[name].max() / back[name].min() < 4, name
        assert back["selu+he"][0] / back["selu+he"][-1] > 5  # grows towards the input
        assert 2 < back["selu"][0] / back["selu"][-1] < 6  # grows, more slowly


def test_selu_with_lecun_init_stays_normalised_over_depth(signals: dict[int, Any]) -> None:
    """Klambauer et al.'s point: activations keep a size of order 1 in every layer."""
    for result in signals.values():
        forward = result.forward["selu"]
        assert np.all((forward > 0.7) & (forward < 1.2))
        assert np.all((result.slope["selu"] > 0.9) & (result.slope["selu"] < 1.15))  # about 1.1
    X, _ = deep.data()
    for seed in SEEDS:
        hidden = deep.build_network(deep.Network("selu", "lecun"), seed).forward_trace(X).a[1:-1]
        assert all(abs(a.mean()) < 0.2 and 0.7 < a.std() < 1.2 for a in hidden), seed


def test_forward_signal(signals: dict[int, Any]) -> None:
    for result in signals.values():
        forward = result.forward
        assert 300 < forward["gelu+xavier"][0] / forward["gelu+xavier"][-1] < 1000  # about 2 ** 9
        assert forward["selu+he"][-1] / forward["selu+he"][0] > 2
        for name in ("sigmoid", "tanh", "relu"):
            assert forward[name].max() / forward[name].min() < 4, name


def test_product_of_sigmoid_slopes_predicts_the_gradient_ratio(
    signals: dict[int, Any], vanishing: dict[int, Any]
) -> None:
    for seed in SEEDS:
        product = float(np.prod(signals[seed].slope["sigmoid"]))
        assert product == pytest.approx(5.5e-7, rel=0.05)  # the chapter's "about 5.5 × 10⁻⁷"
        assert 0.236 < product ** (1 / 10) < 0.24  # "a little below 0.24" per layer
        assert f"{0.24**10:.1e}" == "6.3e-07"  # which is why 0.24^10 ≈ 6.3 × 10⁻⁷ overshoots
        measured = vanishing[seed].norms["sigmoid"][0]
        ratio = measured[0] / measured[-1]
        assert 0.1 < ratio / product < 10  # the same order of magnitude


# -- text size at column width -----------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "figure_id", ["training/signal-propagation", "training/vanishing-gradients"]
)
def test_every_text_is_at_least_9_css_px_at_column_width(figure_id: str) -> None:
    with matplotlib.rc_context(style.theme("light")):
        figure = load_module(figure_id).build()
    for device, column_px in render.COLUMN_PX.items():
        size = render.shown_text_px(figure, column_px)
        assert size >= embed.MIN_TEXT_PX, (figure_id, device, size)


@pytest.mark.slow
@pytest.mark.parametrize(
    "figure_id", ["training/dying-relu", "training/output-activations", "training/zero-centred"]
)
def test_narrow_layout_stacks_the_same_two_panels_legibly_on_a_phone(
    figure_id: str, narrow_layout: Callable[[str], Figure]
) -> None:
    narrow = narrow_layout(figure_id)
    left, right = narrow.axes
    assert right.get_position().y1 < left.get_position().y0  # one above the other


# -- training/dying-relu ---------------------------------------------------------------------


def test_large_learning_rates_kill_relu_units(dying: Any) -> None:
    lrs = load_module("training/dying-relu").LEARNING_RATES
    relu = dict(zip(lrs, dying.by_lr["relu"], strict=True))
    assert np.all(relu[0.001] < 0.2)
    assert np.all(relu[0.1] > 1 / 3)
    assert np.all(relu[0.3] > 0.6)
    means = dying.by_lr["relu"].mean(axis=1)
    assert np.all(np.diff(means) > 0)  # more dead units at every larger learning rate
    at_init = dying.by_shift_init["relu"][0]  # zero biases, before training
    assert np.all((at_init > 0.04) & (at_init < 0.12))
    loss = dict(zip(lrs, dying.lr_loss["relu"], strict=True))
    assert np.all(loss[0.1] < 0.01)  # the survivors still fit the moons


def test_leaky_relu_never_dies_and_elu_only_at_the_largest_step(dying: Any) -> None:
    lrs = load_module("training/dying-relu").LEARNING_RATES
    assert np.all(dying.by_lr["leaky_relu"] == 0)
    assert np.all(dying.by_shift["leaky_relu"] == 0)
    assert np.all(dying.by_shift["elu"] == 0)
    elu = dict(zip(lrs, dying.by_lr["elu"], strict=True))
    assert all(np.all(elu[lr] == 0) for lr in lrs if lr <= 0.1)
    assert elu[0.3].max() > 0


def test_negative_bias_shift_leaves_relu_dead_and_untrained(dying: Any) -> None:
    shifts = load_module("training/dying-relu").BIAS_SHIFTS
    at = shifts.index(-1.5)
    assert np.all(dying.by_shift_init["relu"][at] > 0.8)
    assert np.all(dying.by_shift["relu"][at] > 0.8)
    assert np.all(np.abs(dying.shift_loss["relu"][at] - LN2) < 0.01)
    leaky = dying.shift_loss["leaky_relu"][at]
    assert np.all((leaky > 0.2) & (leaky < 0.45))  # alive, but slow on the negative side
    assert np.all(dying.shift_loss["elu"][at] < 0.05)
    assert np.all(dying.shift_loss["relu"][shifts.index(0.0)] < 0.05)
    minus_one = shifts.index(-1.0)  # a few deeper units come back to life
    assert dying.by_shift["relu"][minus_one].mean() < dying.by_shift_init["relu"][minus_one].mean()


# -- training/zero-centred -------------------------------------------------------------------


def test_tanh_beats_sigmoid_on_every_seed(centred: Any) -> None:
    for data, runs in centred.losses.items():
        tanh, sigmoid, sigmoid_4x = (runs[k][:, -1] for k in ("tanh", "sigmoid", "sigmoid_4x"))
        assert tanh.size == 5
        assert np.all(tanh < np.minimum(sigmoid, sigmoid_4x)), data
        assert np.all(tanh < 0.05), data
        assert np.all(np.minimum(sigmoid, sigmoid_4x) > 0.2), data


def test_sigmoid_barely_leaves_ln2_on_circles(centred: Any) -> None:
    for key in ("sigmoid", "sigmoid_4x"):
        assert np.all(centred.losses["circles"][key][:, -1] > 0.68), key


def test_a_larger_step_helps_sigmoid_early_on_the_moons(centred: Any) -> None:
    moons = centred.losses["moons"]
    assert np.all(moons["sigmoid_4x"][:, 99] < moons["sigmoid"][:, 99])  # after 100 epochs


# -- training/output-activations -------------------------------------------------------------


def _at(outputs: Any, z: float) -> int:
    return int(np.argmin(np.abs(outputs.z - z)))


def test_cross_entropy_gradient_stays_large_on_confident_mistakes(outputs: Any) -> None:
    i = _at(outputs, -10.0)
    bce, mse = abs(outputs.grad["bce"][i]), abs(outputs.grad["mse"][i])
    assert bce > 0.999
    assert mse < 1e-4
    assert bce / mse > 1e4
    assert outputs.loss["bce"][i] == pytest.approx(10.0, abs=1e-3)  # grows like -z
    assert outputs.loss["mse"][i] == pytest.approx(1.0, abs=1e-3)  # flattens at 1
    assert np.all(np.diff(np.abs(outputs.grad["bce"])) < 0)  # the more wrong, the harder


def test_squared_error_gradient_peaks_near_minus_ln2(outputs: Any) -> None:
    j = int(np.argmax(np.abs(outputs.grad["mse"])))
    assert abs(outputs.z[j] + LN2) < 0.06  # the grid is 0.1 apart
    assert abs(outputs.grad["mse"][j]) == pytest.approx(8 / 27, abs=1e-3)


def test_saturation_thresholds_quoted_in_the_chapter() -> None:
    assert activations.get("sigmoid").grad(4.0) < 0.018
    assert activations.get("tanh").grad(3.0) < 0.01


def test_selu_slopes_quoted_in_the_chapter() -> None:
    selu = activations.get("selu")
    assert float(selu.grad(1.0)) == pytest.approx(1.05, abs=0.005)  # lambda, for z > 0
    assert float(selu.grad(-1e-9)) == pytest.approx(1.76, abs=0.005)  # lambda * alpha, below 0
    assert np.all(selu.grad(np.linspace(-10.0, -1e-9, 1001)) < 1.7581)  # "up to"


def test_two_class_softmax_is_the_sigmoid(outputs: Any) -> None:
    np.testing.assert_allclose(outputs.loss["softmax"], outputs.loss["bce"], atol=1e-12)
    np.testing.assert_allclose(outputs.grad["softmax"], outputs.grad["bce"], atol=1e-12)


# -- code shown in docs/training.md ----------------------------------------------------------


def test_the_chapters_code_examples_run_and_print_what_the_text_shows() -> None:
    path = Path(__file__).resolve().parents[1] / "docs" / "training.md"
    parser = doctest.DocTestParser()
    test = parser.get_doctest(path.read_text(encoding="utf-8"), {}, "training.md", str(path), 0)
    assert len(test.examples) > 10
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0

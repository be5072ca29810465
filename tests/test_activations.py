"""Tests for nn101.activations.

Every test that is about "each activation" loops over ``names()`` (plus non-default parameter
sets), so a new registry entry is tested by the same checks without editing this file: PyTorch's
numbers, the derivative against central differences, every claimed property, extremes, dtypes.
"""

from __future__ import annotations

import ast
import dataclasses
import itertools
import json
import math
import re
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.integrate import quad
from scipy.special import ndtr

from nn101 import activations
from nn101.activations import FAMILIES, Activation, get, names, softmax, softmax_jacobian
from nn101.gradcheck import numerical_derivative, numerical_gradient, relative_error

REFERENCE = json.loads((Path(__file__).parent / "data" / "torch_reference.json").read_text())
REF_X = np.array(REFERENCE["meta"]["x"])

# Parameter sets beyond the defaults: those PyTorch was run with, plus edge cases whose
# properties differ (a zero slope saturates, λ = 0 turns a shrink into the identity, ...).
EDGE_PARAMS: list[tuple[str, dict[str, float]]] = [
    ("leaky_relu", {"negative_slope": 0.0}),
    ("leaky_relu", {"negative_slope": 1.0}),
    ("elu", {"alpha": 0.5}),
    ("hard_tanh", {"min_val": 0.0, "max_val": 2.0}),
    ("softshrink", {"lambd": 0.0}),
    ("hardshrink", {"lambd": 0.0}),
    ("rrelu", {"lower": 0.0, "upper": 0.0}),
]
CASES: list[tuple[str, dict[str, float]]] = (
    [(name, {}) for name in names()]
    + [(c["name"], c["params"]) for c in REFERENCE["cases"] if c["params"]]
    + EDGE_PARAMS
)


def case_id(case: tuple[str, dict[str, float]]) -> str:
    name, params = case
    return name + "".join(f"-{k}={v}" for k, v in params.items())


def build(case: tuple[str, dict[str, float]]) -> Activation:
    return get(case[0], **case[1])


each_case = pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
each_name = pytest.mark.parametrize("name", names())

REQUIRED = [
    "identity", "step", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu", "celu", "gelu",
    "gelu_tanh", "silu", "mish", "softplus", "softsign", "hard_sigmoid", "hard_tanh",
    "hard_swish", "relu6", "log_sigmoid", "tanhshrink", "gaussian", "sinusoid",
]  # fmt: skip


# --- the registry ----------------------------------------------------------------------------


def test_names_contain_the_required_activations_and_extras() -> None:
    assert set(REQUIRED) <= set(names())
    assert {"softshrink", "hardshrink", "rrelu"} <= set(names())
    assert len(names()) == len(set(names()))


def test_names_are_grouped_by_family_in_family_order() -> None:
    families = [get(n).family for n in names()]
    order = [FAMILIES.index(f) for f in families]
    assert order == sorted(order)
    assert set(families) == set(FAMILIES)


def test_families_match_the_chapter_sections() -> None:
    by_family: dict[str, list[str]] = {}
    for n in names():
        by_family.setdefault(get(n).family, []).append(n)
    assert by_family["linear & step"] == ["identity", "step"]
    assert by_family["sigmoid-like"] == ["sigmoid", "tanh"]
    assert set(by_family["relu family"]) == {
        "relu", "leaky_relu", "relu6", "elu", "celu", "selu", "rrelu",
    }  # fmt: skip
    assert set(by_family["smooth modern"]) == {"softplus", "gelu", "gelu_tanh", "silu", "mish"}
    assert set(by_family["hard approximations"]) == {"hard_sigmoid", "hard_tanh", "hard_swish"}


@each_name
def test_metadata_is_complete(name: str) -> None:
    act = get(name)
    assert act.name == name
    assert act.label and act.formula and act.derivative_formula
    p = act.properties
    assert p.saturating in {"none", "left", "right", "both"}
    assert p.continuity in {-1.0, 0.0, 1.0, math.inf}
    assert p.output_range[0] < p.output_range[1]
    assert p.cost and p.authors and all(p.authors) and p.title
    assert 1940 <= p.year <= 2025
    assert p.url.startswith(("https://doi.org/10.", "https://arxiv.org/abs/", "https://"))


def test_params_hold_pytorch_defaults() -> None:
    assert get("leaky_relu").params == {"negative_slope": 0.01}
    assert get("elu").params == {"alpha": 1.0}
    assert get("celu").params == {"alpha": 1.0}
    assert get("softplus").params == {"beta": 1.0, "threshold": 20.0}
    assert get("hard_tanh").params == {"min_val": -1.0, "max_val": 1.0}
    assert get("softshrink").params == {"lambd": 0.5}
    assert get("hardshrink").params == {"lambd": 0.5}
    assert get("rrelu").params == {"lower": 1 / 8, "upper": 1 / 3}
    assert get("relu").params == {}
    assert get("elu", alpha=2).params == {"alpha": 2.0}


# The torch.nn activation modules (PyTorch 2.x) with their constructor's keyword arguments and
# defaults, written down from PyTorch's documentation; ``inplace`` is left out (nn101 has no
# in-place mode). The registry's ``torch_class`` must be one of these, called with these names.
TORCH_NN = {
    "torch.nn.Identity": {},
    "torch.nn.Sigmoid": {},
    "torch.nn.Tanh": {},
    "torch.nn.ReLU": {},
    "torch.nn.LeakyReLU": {"negative_slope": 0.01},
    "torch.nn.ReLU6": {},
    "torch.nn.ELU": {"alpha": 1.0},
    "torch.nn.CELU": {"alpha": 1.0},
    "torch.nn.SELU": {},
    "torch.nn.RReLU": {"lower": 1 / 8, "upper": 1 / 3},
    "torch.nn.Softplus": {"beta": 1.0, "threshold": 20.0},
    "torch.nn.GELU": {"approximate": "none"},
    "torch.nn.SiLU": {},
    "torch.nn.Mish": {},
    "torch.nn.Hardsigmoid": {},
    "torch.nn.Hardtanh": {"min_val": -1.0, "max_val": 1.0},
    "torch.nn.Hardswish": {},
    "torch.nn.Softsign": {},
    "torch.nn.LogSigmoid": {},
    "torch.nn.Tanhshrink": {},
    "torch.nn.Softshrink": {"lambd": 0.5},
    "torch.nn.Hardshrink": {"lambd": 0.5},
}
NO_TORCH_MODULE = {"step", "gaussian", "sinusoid"}  # torch.heaviside, exp(-x²), sin: functions


def call_arguments(code: str) -> tuple[str, dict[str, object]]:
    """``("torch.nn.X", {keyword: value})`` of a call written as code, read with ``ast``."""
    call = ast.parse(code, mode="eval").body
    assert isinstance(call, ast.Call) and not call.args, code
    return ast.unparse(call.func), {k.arg: ast.literal_eval(k.value) for k in call.keywords}


@each_name
def test_torch_class_is_a_torch_nn_module_with_the_same_defaults(name: str) -> None:
    act = get(name)
    if name in NO_TORCH_MODULE:
        assert act.torch_class is None and act.torch_call is None
        return
    assert act.torch_class in TORCH_NN, name
    assert act.torch_call is not None
    torch_class, arguments = call_arguments(act.torch_call)
    accepted = TORCH_NN[torch_class]
    assert torch_class == act.torch_class and set(arguments) <= set(accepted)
    for key, value in act.params.items():  # same names, and nn101's defaults are PyTorch's
        assert arguments[key] == value == accepted[key], (name, key)


def test_torch_call_follows_the_parameters() -> None:
    assert get("leaky_relu", negative_slope=0.2).torch_call == (
        "torch.nn.LeakyReLU(negative_slope=0.2)"
    )
    assert get("gelu_tanh").torch_call == "torch.nn.GELU(approximate='tanh')"
    assert get("relu").torch_call == "torch.nn.ReLU()"


@each_name
def test_formulas_are_latex_that_names_the_variable_and_every_parameter(name: str) -> None:
    act = get(name)
    for tex in (act.formula, act.derivative_formula):
        assert tex.count("{") == tex.count("}") and "$" not in tex, (name, tex)
        assert tex.count(r"\begin{cases}") == tex.count(r"\end{cases}"), (name, tex)
    assert re.search(r"(?<![a-z\\])x", act.formula), (name, "f must depend on x")
    for key in act.params:
        assert re.search(
            re.escape(activations.PARAMETER_SYMBOLS[key]) + r"(?![a-z])", act.formula
        ), (name, key)


def test_activation_is_immutable_hashable_and_rebuildable() -> None:
    act = get("softplus", beta=2.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        act.name = "relu"  # type: ignore[misc]
    with pytest.raises(TypeError):
        act.params["beta"] = 3.0  # type: ignore[index]
    assert act == get("softplus", beta=2) and hash(act) == hash(get("softplus", beta=2))
    assert act != get("softplus")
    assert eval(repr(act), {"get": get}) == act
    assert repr(get("relu")) == "get('relu')"


def test_properties_follow_parameters() -> None:
    assert get("leaky_relu", negative_slope=0).properties.saturating == "left"
    assert get("leaky_relu", negative_slope=0).properties.output_range == (0.0, math.inf)
    assert get("elu", alpha=2).properties.continuity == 0
    assert get("elu", alpha=2).properties.output_range == (-2.0, math.inf)
    assert get("celu", alpha=3).properties.output_range == (-3.0, math.inf)
    assert get("hard_tanh", min_val=-2, max_val=3).properties.output_range == (-2.0, 3.0)
    assert get("softshrink", lambd=0).properties.identity_near_zero
    assert get("hardshrink", lambd=0).properties.continuity == math.inf


# --- PyTorch reference -----------------------------------------------------------------------


def test_reference_covers_every_activation() -> None:
    defaults = {c["name"] for c in REFERENCE["cases"] if not c["params"]}
    assert defaults == set(names()), "rerun tests/data/make_torch_reference.py"
    for c in REFERENCE["cases"]:
        if c["params"]:
            assert set(c["params"]) == set(get(c["name"]).params)


def kink_mask(act: Activation, x: np.ndarray) -> np.ndarray:
    """Grid points where f or f' jumps: there we demand PyTorch's numbers exactly."""
    d = 1e-9
    jump_f = np.abs(act(x + d) - act(x - d)) > 1e-6
    jump_g = np.abs(act.grad(x + d) - act.grad(x - d)) > 1e-6
    return jump_f | jump_g


REF_CASES = REFERENCE["cases"]


@pytest.mark.parametrize(
    "case", REF_CASES, ids=[case_id((c["name"], c["params"])) for c in REF_CASES]
)
def test_matches_pytorch(case: dict[str, Any]) -> None:
    act = get(case["name"], **case["params"])
    kinks = kink_mask(act, REF_X)
    for kind, ours in (("value", act(REF_X)), ("grad", act.grad(REF_X))):
        ref = np.array(case[kind])
        # 1e-12 relative; the 1e-14 absolute floor covers tails where PyTorch's own formula
        # cancels (1 − tanh², 1 + erf, x − tanh x) and ours does not.
        tol = 1e-12 * np.abs(ref) + 1e-14
        if case["name"] == "hard_sigmoid" and kind == "grad":
            # PyTorch's hardsigmoid backward multiplies by 1/6 rounded to float32, even in
            # float64 (0.1666666716337204); nn101 returns 1/6.
            tol = 1e-7 * np.abs(ref)
            ref = np.where(ref == np.float32(1 / 6), 1 / 6, ref)
        np.testing.assert_array_less(np.abs(ours - ref), tol + 1e-300, err_msg=kind)
        np.testing.assert_array_equal(ours[kinks], ref[kinks], err_msg=f"{kind} at kinks")


def test_kink_conventions_of_pytorch() -> None:
    assert get("relu").grad(0.0) == 0.0
    assert get("leaky_relu").grad(0.0) == 0.01
    assert get("elu", alpha=2).grad(0.0) == 2.0  # the left derivative
    assert get("celu", alpha=2).grad(0.0) == 1.0
    assert get("selu").grad(0.0) == pytest.approx(activations.SELU_SCALE * activations.SELU_ALPHA)
    np.testing.assert_array_equal(get("hard_tanh").grad([-1.0, 1.0]), [0.0, 0.0])
    np.testing.assert_array_equal(get("relu6").grad([0.0, 6.0]), [0.0, 0.0])
    np.testing.assert_array_equal(get("hard_sigmoid").grad([-3.0, 3.0]), [0.0, 0.0])
    np.testing.assert_array_equal(get("hard_swish").grad([-3.0, 3.0]), [0.0, 1.0])
    np.testing.assert_array_equal(get("softshrink").grad([-0.5, 0.5]), [0.0, 0.0])
    np.testing.assert_array_equal(get("hardshrink").grad([-0.5, 0.5]), [0.0, 0.0])
    assert get("softplus").grad(20.0) == pytest.approx(1 / (1 + math.exp(-20)), rel=1e-15)
    assert get("softplus").grad(20.0 + 1e-12) == 1.0
    assert get("step")(0.0) == 1.0 and get("step").grad(0.0) == 0.0


def test_softplus_threshold_leaves_a_tiny_jump() -> None:
    # PyTorch's shortcut: softplus(20) = log1p(e^20) but softplus(20 + tiny) = 20 + tiny.
    sp = get("softplus")
    jump = float(sp(20.0)) - float(sp(np.nextafter(20.0, 21.0)))
    assert jump == pytest.approx(math.log1p(math.exp(-20)), rel=1e-6)
    assert 2e-9 < jump < 2.1e-9


# --- derivatives vs central differences ------------------------------------------------------

# Points on x.x5: at least 0.05 from every kink (integers, ±0.5, softplus switch at 5 or 20).
SMOOTH_GRID = np.concatenate([np.arange(-70, 71) / 10 + 0.05, [-25.05, -12.35, 12.35, 25.05]])


@each_case
def test_derivative_matches_central_difference(case: tuple[str, dict[str, float]]) -> None:
    act = build(case)
    np.testing.assert_allclose(
        act.grad(SMOOTH_GRID), numerical_derivative(act, SMOOTH_GRID), rtol=1e-6, atol=1e-7
    )


# --- textbook values -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "x", "expected"),
    [
        ("identity", -2.5, -2.5),
        ("step", 0.0, 1.0),
        ("step", -1e-300, 0.0),
        ("sigmoid", 0.0, 0.5),
        ("sigmoid", 1.0, 1 / (1 + math.exp(-1))),
        ("tanh", 0.0, 0.0),
        ("tanh", 1.0, math.tanh(1.0)),
        ("relu", -3.0, 0.0),
        ("relu6", 7.0, 6.0),
        ("leaky_relu", -100.0, -1.0),
        ("elu", -1.0, math.exp(-1) - 1),
        ("selu", 1.0, 1.0507009873554805),
        ("selu", -1000.0, -1.0507009873554805 * 1.6732632423543772),
        ("celu", -1.0, math.exp(-1) - 1),
        ("rrelu", -48.0, -11.0),  # slope (1/8 + 1/3)/2 = 11/48
        ("softplus", 0.0, math.log(2)),
        ("gelu", 1.0, 0.8413447460685429),  # Φ(1)
        ("gelu", -1.0, -0.15865525393145707),  # −Φ(−1)
        ("gelu_tanh", 1.0, 0.5 * (1 + math.tanh(math.sqrt(2 / math.pi) * 1.044715))),
        ("silu", 1.0, 1 / (1 + math.exp(-1))),
        ("mish", 1.0, math.tanh(math.log1p(math.e))),
        ("softsign", 1.0, 0.5),
        ("hard_sigmoid", 0.0, 0.5),
        ("hard_sigmoid", 4.0, 1.0),
        ("hard_tanh", -7.0, -1.0),
        ("hard_swish", -3.0, 0.0),
        ("hard_swish", 3.0, 3.0),
        ("hard_swish", -1.5, -0.375),
        ("log_sigmoid", 0.0, -math.log(2)),
        ("tanhshrink", 1.0, 1 - math.tanh(1.0)),
        ("softshrink", 0.7, 0.2),
        ("softshrink", -0.3, 0.0),
        ("hardshrink", 0.5, 0.0),
        ("hardshrink", -0.7, -0.7),
        ("gaussian", 0.0, 1.0),
        ("gaussian", 1.0, math.exp(-1)),
        ("sinusoid", math.pi / 2, 1.0),
    ],
)
def test_textbook_values(name: str, x: float, expected: float) -> None:
    assert float(get(name)(x)) == pytest.approx(expected, rel=1e-15, abs=1e-300)


def test_selu_constants_are_pytorchs() -> None:
    assert activations.SELU_SCALE == 1.0507009873554804934193349852946
    assert activations.SELU_ALPHA == 1.6732632423543772848170429916717


def test_gelu_is_x_times_normal_cdf() -> None:
    x = np.linspace(-8, 8, 161)
    np.testing.assert_allclose(get("gelu")(x), x * ndtr(x), rtol=1e-15, atol=1e-300)
    np.testing.assert_allclose(get("gelu")(x), get("gelu_tanh")(x), atol=5e-4)


# --- every claimed property, checked numerically ---------------------------------------------

FINE = np.linspace(-10.0, 10.0, 20001)
WIDE = np.logspace(-3, 6, 400)
GRID = np.unique(np.concatenate([-WIDE, FINE, WIDE]))
FAR = np.array([1e6, 1e7, 1e8])


def is_monotonic(y: np.ndarray) -> bool:
    dy = np.diff(y)
    tol = 1e-12 * (1 + np.abs(y[1:]))
    return bool(np.all(dy >= -tol) or np.all(dy <= tol))


def goes_both_ways(y: np.ndarray) -> bool:
    dy = np.diff(y)
    return bool(np.any(dy > 1e-9) and np.any(dy < -1e-9))


@each_case
def test_output_range(case: tuple[str, dict[str, float]]) -> None:
    act = build(case)
    lo, hi = act.properties.output_range
    y = act(GRID)
    assert y.min() >= lo - 1e-12 and y.max() <= hi + 1e-12
    # and the range is tight: each finite end is approached, each infinite end exceeded far.
    assert y.min() <= lo + 1e-6 if math.isfinite(lo) else y.min() < -1e3
    assert y.max() >= hi - 1e-6 if math.isfinite(hi) else y.max() > 1e3


@each_case
def test_monotonic(case: tuple[str, dict[str, float]]) -> None:
    act = build(case)
    claimed = act.properties.monotonic
    assert is_monotonic(act(GRID)) == claimed
    assert claimed or goes_both_ways(act(GRID))


@each_case
def test_monotonic_derivative(case: tuple[str, dict[str, float]]) -> None:
    act = build(case)
    x = GRID[~np.isin(GRID, kink_candidates(case))]  # f' exists away from the kinks
    claimed = act.properties.monotonic_derivative
    assert is_monotonic(act.grad(x)) == claimed
    assert claimed or goes_both_ways(act.grad(x))


def gaussian_expectation(f: Any, breaks: np.ndarray) -> float:
    """E[f(z)], z ~ N(0, 1), by adaptive quadrature between f's branch points (scipy's quad)."""
    edges = np.unique(np.concatenate([[-40.0, 40.0], breaks[np.abs(breaks) < 40]]))

    def weighted(z: float) -> float:
        return float(f(z)) * math.exp(-z * z / 2) / math.sqrt(2 * math.pi)

    return sum(quad(weighted, lo, hi, limit=200)[0] for lo, hi in itertools.pairwise(edges))


@each_case
def test_mean_output_is_the_mean_on_normal_inputs(case: tuple[str, dict[str, float]]) -> None:
    act = build(case)
    expected = gaussian_expectation(act, kink_candidates(case))
    assert act.properties.mean_output == pytest.approx(expected, abs=1e-7)
    assert act.properties.zero_centred == (abs(expected) < activations.ZERO_CENTRED_MEAN)


RELU_MEAN = 1 / math.sqrt(2 * math.pi)  # E[max(0, z)] = φ(0)
ELU_LEFT = math.sqrt(math.e) * float(ndtr(-1.0)) - 0.5  # E[(e^z − 1) 1{z < 0}]


@pytest.mark.parametrize(
    ("name", "params", "mean"),
    [
        ("relu", {}, RELU_MEAN),  # 0.399
        ("leaky_relu", {}, 0.99 * RELU_MEAN),  # 0.395: it takes both signs, yet is not centred
        ("rrelu", {}, (1 - 11 / 48) * RELU_MEAN),
        ("elu", {"alpha": 2.0}, RELU_MEAN + 2.0 * ELU_LEFT),
        ("selu", {}, activations.SELU_SCALE * (RELU_MEAN + activations.SELU_ALPHA * ELU_LEFT)),
        ("gelu", {}, 1 / (2 * math.sqrt(math.pi))),  # E[z Φ(z)] = E[φ(z)] (Stein), 0.282
        ("sigmoid", {}, 0.5),  # σ(z) + σ(−z) = 1
        ("step", {}, 0.5),
        ("gaussian", {}, 1 / math.sqrt(3)),
        ("tanh", {}, 0.0),  # odd functions average to 0
        ("hardshrink", {}, 0.0),
    ],
)
def test_mean_output_closed_forms(name: str, params: dict[str, float], mean: float) -> None:
    assert get(name, **params).properties.mean_output == pytest.approx(mean, abs=1e-7)


def test_zero_centred_means_a_mean_output_near_zero() -> None:
    means = {name: get(name).properties.mean_output for name in names()}
    assert abs(means["selu"]) < 1e-7  # SELU's fixed point: mean 0 for N(0, 1) inputs
    assert get("softplus").properties.mean_output == pytest.approx(-means["log_sigmoid"])
    assert [round(means[n], 3) for n in ("relu", "leaky_relu", "gelu", "silu", "mish")] == [
        0.399, 0.395, 0.282, 0.207, 0.240,
    ]  # fmt: skip
    centred = {name for name in names() if get(name).properties.zero_centred}
    assert centred == {n for n, m in means.items() if abs(m) < activations.ZERO_CENTRED_MEAN}
    assert min(abs(m) for n, m in means.items() if n not in centred) > 0.15  # ELU's 0.161


@each_case
def test_identity_near_zero(case: tuple[str, dict[str, float]]) -> None:
    act = build(case)
    slope = float(numerical_derivative(act, 0.0))
    if act.properties.identity_near_zero:
        assert float(act(0.0)) == 0.0 and slope == pytest.approx(1.0, abs=1e-5)
    else:
        assert float(act(0.0)) != 0.0 or abs(slope - 1.0) > 1e-3


@each_case
def test_saturating(case: tuple[str, dict[str, float]]) -> None:
    act = build(case)
    claimed = act.properties.saturating
    for side, x in (("left", -FAR), ("right", FAR)):
        g = np.abs(act.grad(x))
        if claimed in (side, "both"):
            assert np.all(g < 1e-6), side
        else:
            assert np.max(g) > 1e-3, side


def kink_candidates(case: tuple[str, dict[str, float]]) -> np.ndarray:
    """0 and ± every number where some activation switches branches."""
    candidates = [0.5, 1.0, 2.0, 3.0, 5.0, 6.0, 20.0, *case[1].values()]
    return np.array([0.0, *candidates, *(-c for c in candidates)])


def jumps(f: Any, points: np.ndarray, delta: float, threshold: float) -> bool:
    return bool(np.any(np.abs(f(points + delta) - f(points - delta)) > threshold))


@each_case
def test_continuity(case: tuple[str, dict[str, float]]) -> None:
    """f ∈ C^k exactly for the claimed k, probed at every candidate kink, up to k = 2."""
    act = build(case)
    k = act.properties.continuity
    points = kink_candidates(case)
    derivatives = [
        (act, 1e-8, 1e-4),
        (act.grad, 1e-8, 1e-4),
        (lambda t: numerical_derivative(act.grad, t), 1e-5, 1e-2),
    ]
    for order, (f, delta, threshold) in enumerate(derivatives):
        assert jumps(f, points, delta, threshold) == (order > k), f"order {order}"
        if order > k:
            break


# --- textbook identities (hypothesis) --------------------------------------------------------

reals = st.floats(min_value=-50, max_value=50, allow_nan=False)
arrays = hnp.arrays(np.float64, st.integers(1, 8), elements=reals)


@given(reals)
def test_sigmoid_symmetry_and_range(z: float) -> None:
    s = get("sigmoid")
    assert float(s(-z)) == pytest.approx(1 - float(s(z)), abs=1e-15)
    assert 0.0 <= float(s(z)) <= 1.0
    assert abs(z) > 36 or 0.0 < float(s(z)) < 1.0  # σ(37) rounds to 1.0 in float64


@given(reals)
def test_tanh_is_a_rescaled_sigmoid(z: float) -> None:
    assert float(get("tanh")(z)) == pytest.approx(2 * float(get("sigmoid")(2 * z)) - 1, abs=1e-15)


@given(arrays)
def test_smooth_family_identities(x: np.ndarray) -> None:
    sig, sp = get("sigmoid"), get("softplus")
    np.testing.assert_allclose(get("silu")(x), x * sig(x), rtol=1e-15)
    np.testing.assert_allclose(get("mish")(x), x * np.tanh(sp(x)), rtol=1e-14, atol=1e-300)
    np.testing.assert_allclose(get("hard_swish")(x), x * get("hard_sigmoid")(x), rtol=1e-15)
    np.testing.assert_allclose(get("tanhshrink")(x), x - np.tanh(x), rtol=0, atol=0)
    # softplus switches to the identity for x > 20, which moves these by ≤ 2.1e-9.
    np.testing.assert_allclose(sp.grad(x), sig(x), rtol=0, atol=2.1e-9)
    np.testing.assert_allclose(get("log_sigmoid")(x), -sp(-x), rtol=1e-15, atol=2.1e-9)


@given(arrays)
def test_exponential_linear_family_identities(x: np.ndarray) -> None:
    elu = get("elu", alpha=activations.SELU_ALPHA)
    np.testing.assert_allclose(get("selu")(x), activations.SELU_SCALE * elu(x), rtol=1e-15)
    np.testing.assert_array_equal(get("celu")(x), get("elu")(x))  # equal for α = 1
    np.testing.assert_array_equal(get("relu6")(x), np.minimum(get("relu")(x), 6.0))
    np.testing.assert_array_equal(
        get("rrelu", lower=0.1, upper=0.3)(x), get("leaky_relu", negative_slope=0.2)(x)
    )


@given(arrays, st.floats(min_value=-100, max_value=100))
def test_softmax_sums_to_one_and_ignores_shifts(x: np.ndarray, c: float) -> None:
    s = softmax(x)
    assert np.all((s >= 0) & (s <= 1))
    assert s.sum() == pytest.approx(1.0, abs=1e-12)
    np.testing.assert_allclose(softmax(x + c), s, rtol=1e-9, atol=1e-12)


@settings(deadline=None)
@given(arrays)
def test_softmax_jacobian(x: np.ndarray) -> None:
    j = softmax_jacobian(x)
    assert j.shape == (x.size, x.size)
    np.testing.assert_allclose(j.sum(axis=1), 0.0, atol=1e-15)
    np.testing.assert_allclose(j, j.T, atol=0)
    numeric = np.stack([numerical_gradient(lambda v, i=i: softmax(v)[i], x) for i in range(x.size)])
    np.testing.assert_allclose(j, numeric, rtol=0, atol=1e-8)
    assert relative_error(j, numeric) < 1e-6 or np.abs(j).max() < 1e-4  # unless near one-hot


def test_softmax_along_an_axis() -> None:
    x = np.arange(6.0).reshape(2, 3)
    np.testing.assert_allclose(softmax(x, axis=0).sum(axis=0), 1.0)
    np.testing.assert_allclose(softmax(x).sum(axis=1), 1.0)
    np.testing.assert_allclose(softmax(x)[0], softmax(x)[1])  # shift-invariance, row by row
    np.testing.assert_allclose(softmax([1000.0, 0.0, -1000.0]), [1.0, 0.0, 0.0])
    np.testing.assert_allclose(softmax([0.0, 0.0]), [0.5, 0.5])


def test_softmax_jacobian_by_hand() -> None:
    s = np.array([0.5, 0.5])
    expected = np.diag(s) - np.outer(s, s)  # [[0.25, -0.25], [-0.25, 0.25]]
    np.testing.assert_allclose(softmax_jacobian([3.0, 3.0]), expected)


# --- extremes --------------------------------------------------------------------------------

EXTREME_64 = np.array([-1e300, -1e10, -1e4, -800.0, -710.0, 0.0, 710.0, 800.0, 1e4, 1e10, 1e300])


@each_case
@pytest.mark.parametrize(
    ("dtype", "x"),
    [
        (np.float64, EXTREME_64),
        (np.float32, np.array([-3e38, -1e30, -100.0, 100.0, 1e30, 3e38])),
        (np.float16, np.array([-6e4, -1e3, -20.0, 20.0, 1e3, 6e4])),
    ],
    ids=["float64", "float32", "float16"],
)
def test_extreme_inputs_give_finite_results_without_warnings(
    case: tuple[str, dict[str, float]], dtype: type, x: np.ndarray
) -> None:
    act = build(case)
    xs = x.astype(dtype)
    for out in (act(xs), act.grad(xs)):
        assert out.dtype == dtype
        assert np.all(np.isfinite(out))


def test_softmax_of_huge_logits() -> None:
    np.testing.assert_allclose(softmax([1e300, 0.0]), [1.0, 0.0])
    np.testing.assert_allclose(softmax(np.array([6e4, 0.0], dtype=np.float16)), [1.0, 0.0])
    assert np.all(np.isfinite(softmax_jacobian([1000.0, -1000.0, 0.0])))


@each_name
def test_nan_input_gives_nan_or_a_number_and_leaves_the_other_entries_alone(name: str) -> None:
    """The module docstring's promise: NaN in gives NaN or a number out, never an error (nor a
    warning, which `filterwarnings = error` would turn into one, and which is set here too)."""
    act = get(name)
    x = np.array([np.nan, 1.0, -2.0])
    for f in (act, act.grad):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            out = f(x)
        assert out.shape == x.shape and out.dtype == np.float64
        assert np.isnan(out[0]) or np.isfinite(out[0])
        np.testing.assert_array_equal(out[1:], f(x[1:]))  # the NaN does not spread


# --- dtypes and shapes -----------------------------------------------------------------------


@each_name
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_float_dtypes_are_kept_and_correctly_rounded(name: str, dtype: type) -> None:
    act = get(name)
    x = np.linspace(-4, 4, 17).astype(dtype)
    for f in (act, act.grad):
        out = f(x)
        assert out.dtype == dtype
        np.testing.assert_array_equal(out, f(x.astype(np.float64)).astype(dtype))


@each_name
def test_integers_and_bools_become_float64(name: str) -> None:
    act = get(name)
    for x in (np.array([-2, 0, 3]), np.array([True, False]), [1, 2], 3):
        assert act(x).dtype == np.float64
        assert act.grad(x).dtype == np.float64
    np.testing.assert_array_equal(act(np.array([-2, 0, 3])), act(np.array([-2.0, 0.0, 3.0])))


@each_name
def test_shapes_scalars_and_lists(name: str) -> None:
    act = get(name)
    x = np.linspace(-3, 3, 24).reshape(2, 3, 4)
    assert act(x).shape == (2, 3, 4) and act.grad(x).shape == (2, 3, 4)
    assert act(np.empty((0, 2))).shape == (0, 2)
    scalar = act(0.25)
    assert isinstance(scalar, np.ndarray) and scalar.shape == ()
    np.testing.assert_array_equal(act([[0.25, -1.0]]), act(np.array([[0.25, -1.0]])))
    assert float(act(0.25)) == float(act(np.array([0.25]))[0])


@each_name
def test_input_is_never_modified(name: str) -> None:
    x = np.linspace(-3, 3, 7)
    before = x.copy()
    get(name)(x)
    get(name).grad(x)
    np.testing.assert_array_equal(x, before)


@each_case
def test_float64_arrays_skip_the_conversions_and_get_the_same_numbers(
    case: tuple[str, dict[str, float]],
) -> None:
    """A float64 array (what `MLP` passes) goes straight to the kernel; a list of the same
    numbers is converted first. Both must give the same bits, and a 0-d array still a 0-d array."""
    act = build(case)
    x = np.concatenate([EXTREME_64, np.linspace(-4.0, 4.0, 33)]).reshape(4, 11)
    for f in (act, act.grad):
        out = f(x)
        assert type(out) is np.ndarray and out.dtype == np.float64 and out.shape == x.shape
        np.testing.assert_array_equal(out, f(x.tolist()))
        zero_d = f(np.array(0.25))
        assert type(zero_d) is np.ndarray and zero_d.shape == ()


@pytest.mark.parametrize("bad", [np.array([1 + 2j]), np.array(["a"]), "relu"])
def test_non_real_input_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="real numbers"):
        get("relu")(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="real numbers"):
        softmax(bad)  # type: ignore[arg-type]


def test_softmax_keeps_dtype() -> None:
    assert softmax(np.zeros(3, dtype=np.float32)).dtype == np.float32
    assert softmax([1, 2]).dtype == np.float64
    assert softmax_jacobian(np.zeros(3, dtype=np.float32)).dtype == np.float32


# --- bad names, parameters, shapes -----------------------------------------------------------


def test_unknown_name_lists_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="unknown activation 'swishh'") as err:
        get("swishh")
    for name in names():
        assert name in str(err.value)


@pytest.mark.parametrize(
    ("name", "params", "words"),
    [
        ("relu", {"alpha": 1.0}, ["'alpha'", "accepted: none"]),
        ("elu", {"alhpa": 1.0}, ["'alhpa'", "accepted: alpha"]),
        ("softplus", {"lambd": 1.0}, ["'lambd'", "beta, threshold"]),
        ("elu", {"alpha": "1"}, ["'alpha'", "real number"]),
        ("elu", {"alpha": True}, ["'alpha'", "real number"]),
        ("elu", {"alpha": None}, ["'alpha'", "real number"]),
        ("hard_tanh", {"min_val": [0.0]}, ["'min_val'", "real number"]),
    ],
)
def test_unknown_or_non_numeric_parameter_is_a_type_error(
    name: str, params: dict[str, Any], words: list[str]
) -> None:
    with pytest.raises(TypeError) as err:
        get(name, **params)
    for word in words:
        assert word in str(err.value)


@pytest.mark.parametrize(
    ("name", "params", "param"),
    [
        ("elu", {"alpha": 0.0}, "alpha"),
        ("elu", {"alpha": -1.0}, "alpha"),
        ("elu", {"alpha": math.inf}, "alpha"),
        ("celu", {"alpha": 0.0}, "alpha"),
        ("celu", {"alpha": math.nan}, "alpha"),
        ("leaky_relu", {"negative_slope": -0.1}, "negative_slope"),
        ("softplus", {"beta": 0.0}, "beta"),
        ("softplus", {"beta": -1.0}, "beta"),
        ("softplus", {"threshold": math.inf}, "threshold"),
        ("hard_tanh", {"min_val": 1.0}, "max_val"),
        ("hard_tanh", {"min_val": 2.0, "max_val": -2.0}, "max_val"),
        ("softshrink", {"lambd": -0.5}, "lambd"),
        ("hardshrink", {"lambd": -0.5}, "lambd"),
        ("rrelu", {"lower": -0.1}, "lower"),
        ("rrelu", {"lower": 0.5, "upper": 0.1}, "upper"),
    ],
)
def test_bad_parameter_value_is_a_value_error(
    name: str, params: dict[str, float], param: str
) -> None:
    with pytest.raises(ValueError, match=f"'{param}'"):
        get(name, **params)


def test_numpy_and_integer_parameters_are_accepted() -> None:
    assert get("elu", alpha=np.float32(2.0)).params["alpha"] == 2.0
    assert get("softplus", beta=2, threshold=np.int64(10)).params == {
        "beta": 2.0,
        "threshold": 10.0,
    }
    assert isinstance(get("elu", alpha=2).params["alpha"], float)


@pytest.mark.parametrize("bad", [5.0, [[1.0, 2.0]], [], np.zeros((2, 2))])
def test_softmax_jacobian_needs_a_non_empty_vector(bad: object) -> None:
    with pytest.raises(ValueError, match=re.escape(f"got shape {np.shape(bad)}")):
        softmax_jacobian(bad)  # type: ignore[arg-type]


def test_softmax_needs_an_axis() -> None:
    with pytest.raises(ValueError, match=r"shape \(\)"):
        softmax(3.0)


@pytest.mark.parametrize("name", activations.names())
def test_the_input_array_is_never_modified(name: str) -> None:
    x = np.linspace(-8.0, 8.0, 33)
    before = x.copy()
    act = activations.get(name)
    act(x)
    act.grad(x)
    np.testing.assert_array_equal(x, before)

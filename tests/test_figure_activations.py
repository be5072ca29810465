"""What the activations chapter says about its figures, asserted on their ``compute()`` output.

Each test names the claim it backs; the chapter (docs/activations.md) states the same numbers.
"""

from __future__ import annotations

import json
import math
import re
from types import ModuleType
from typing import Any

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure

from figures import load_module, style
from figures.pipeline import embed, render
from figures.pipeline.discovery import REPO
from figures.table import Table
from nn101 import activations
from nn101.activations import FAMILIES, get, names

FAMILY_IDS = {
    "linear & step": "activations/family-linear-step",
    "sigmoid-like": "activations/family-sigmoid-like",
    "relu family": "activations/family-relu-family",
    "smooth modern": "activations/family-smooth-modern",
    "hard approximations": "activations/family-hard-approximations",
    "other": "activations/family-other",
}


@pytest.fixture(scope="module")
def panels() -> dict[str, Any]:
    """Every activation's panel (f and f' as the family and per-activation figures plot them)."""
    return {p.name: p for p in load_module("activations/function")._panels.panels()}


@pytest.fixture(scope="module")
def table() -> Table:
    return load_module("activations/properties").compute()


@pytest.fixture(scope="module")
def explorer() -> ModuleType:
    return load_module("activations/explorer")


@pytest.fixture(scope="module")
def sweeps() -> dict[str, Any]:
    """The parameters figure's sweeps by activation name."""
    return {c.sweep.name: c for c in load_module("activations/parameters").compute()}


@pytest.fixture(scope="module")
def softmax_data() -> Any:
    return load_module("activations/softmax").compute()


def json_size(figure: Any) -> int:
    """Bytes of the figure's JSON as the runner writes it (no template)."""
    figure.update_layout(template=None)
    return len(json.dumps(json.loads(figure.to_json()), separators=(",", ":")))


# --- catalogue and families ------------------------------------------------------------------


def test_catalogue_has_every_registered_activation_in_order(panels: dict[str, Any]) -> None:
    assert list(panels) == names()
    for name, panel in panels.items():
        act = get(name)
        assert panel.label == act.label
        np.testing.assert_array_equal(panel.value, act(panel.x))
        np.testing.assert_array_equal(panel.grad, act.grad(panel.x))


def test_each_family_has_a_figure_with_exactly_its_members() -> None:
    family = load_module("activations/family")
    assert set(family.variants()) == {
        i.removeprefix("activations/family-") for i in FAMILY_IDS.values()
    }
    shown = []
    for name, figure_id in FAMILY_IDS.items():
        assert family.variants()[figure_id.removeprefix("activations/family-")] == name
        members = [p.name for p in family.compute(name)]
        assert members == [n for n in names() if get(n).family == name]
        shown += members
    assert sorted(shown) == sorted(names())  # every activation is in exactly one family figure


def test_family_captions_and_alt_texts_name_and_count_the_members_from_the_registry() -> None:
    family = load_module("activations/family")
    for name in FAMILIES:
        members = [get(n) for n in names() if get(n).family == name]
        caption, alt = family.caption(name), family.alt(name)
        assert all(act.label in caption for act in members), name
        assert alt.startswith(f"{len(members)} line charts"), name
    assert family.alt("sigmoid-like").startswith("2 line charts over z from -4 to 4, each with")
    assert " over z" not in family.alt("relu family")  # ReLU6 is drawn over its own range


def themed(builder: Any, *args: Any) -> Any:
    """What ``builder(*args)`` draws in the light theme, as the runner calls it."""
    with matplotlib.rc_context(style.theme("light")):
        return builder(*args)


def assert_fits_a_phone(figure: Figure) -> None:
    """At most 5 inches wide, and every text at least 9 CSS px in a phone's column."""
    assert figure.get_figwidth() <= 5.0
    assert render.shown_text_px(figure, render.COLUMN_PX["phone"]) >= embed.MIN_TEXT_PX


def drawn_lines(figure: Figure) -> list[tuple[str, list[np.ndarray]]]:
    """Each visible axes' title and the (x, y) data of its lines, in order."""
    return [
        (ax.get_title(), [np.asarray(line.get_xydata()) for line in ax.get_lines()])
        for ax in figure.axes
        if ax.get_visible()
    ]


def legend_texts(figure: Figure) -> list[list[str]]:
    """The entries of every legend of the figure and of its axes, in order."""
    legends = figure.legends + [ax.get_legend() for ax in figure.axes if ax.get_legend()]
    return [[text.get_text() for text in legend.texts] for legend in legends]


def assert_same_lines(figure: Figure, expected: Figure) -> None:
    """The same panels (by title), each with the same lines through the same points."""
    shown, wanted = drawn_lines(figure), drawn_lines(expected)
    assert [title for title, _ in shown] == [title for title, _ in wanted]
    for (title, lines), (_, wanted_lines) in zip(shown, wanted, strict=True):
        assert len(lines) == len(wanted_lines), title
        for line, wanted_line in zip(lines, wanted_lines, strict=True):
            np.testing.assert_array_equal(line, wanted_line, err_msg=title)
    assert legend_texts(figure) == legend_texts(expected)


@pytest.mark.slow
@pytest.mark.parametrize("family", FAMILIES)
def test_family_narrow_layout_fits_a_phone_and_draws_what_build_does(family: str) -> None:
    module = load_module("activations/family")
    wide, narrow = themed(module.build, family), themed(module.narrow, family)
    assert_fits_a_phone(narrow)
    assert_same_lines(narrow, wide)
    shown = [ax for ax in narrow.axes if ax.get_visible()]
    columns = {round(ax.get_position().x0, 2) for ax in shown}
    assert len(columns) == min(2, len(shown))  # two panels a row at most


def test_relu6_panel_is_wide_enough_to_show_the_cap(panels: dict[str, Any]) -> None:
    relu6 = panels["relu6"]
    assert relu6.value.max() == 6.0 and np.all(relu6.grad[relu6.x > 6] == 0)


def test_panels_break_exactly_where_f_or_its_derivative_jumps(panels: dict[str, Any]) -> None:
    jumps = load_module("activations/function")._panels.jumps
    for name, panel in panels.items():
        k = get(name).properties.continuity
        assert (len(jumps(panel.value)) > 0) == (k < 0), name
        if k >= 0:  # f continuous: f' jumps exactly when f has a kink (C^0 but not C^1)
            assert (len(jumps(panel.grad)) > 0) == (k == 0), name


# --- why: the step gives no gradient, the sigmoid does ---------------------------------------


def test_step_derivative_is_zero_everywhere_identity_derivative_is_one(panels: dict) -> None:
    assert np.all(panels["step"].grad == 0.0)
    assert set(np.unique(panels["step"].value)) == {0.0, 1.0}
    assert np.all(panels["identity"].grad == 1.0)


def test_sigmoid_derivative_is_positive_and_never_exceeds_a_quarter(panels: dict) -> None:
    s = panels["sigmoid"]
    assert np.all(s.grad > 0) and s.grad.max() == pytest.approx(0.25)
    assert s.x[np.argmax(s.grad)] == pytest.approx(0.0)
    np.testing.assert_allclose(s.grad, s.value * (1 - s.value), atol=1e-15)
    assert s.grad[np.abs(s.x) >= 4].max() < 0.018  # saturated: below 1/14 of its peak


def test_tanh_is_a_rescaled_sigmoid_with_derivative_at_most_one(panels: dict) -> None:
    t, s = panels["tanh"], get("sigmoid")
    np.testing.assert_allclose(t.value, 2 * s(2 * t.x) - 1, atol=1e-15)
    assert t.grad.max() == pytest.approx(1.0) and t.x[np.argmax(t.grad)] == pytest.approx(0)
    assert t.grad[np.abs(t.x) >= 3].max() < 0.01


def test_ten_sigmoid_layers_shrink_the_gradient_below_a_millionth() -> None:
    assert float(get("sigmoid").grad(0.0)) ** 10 < 1e-6


# --- ReLU family -----------------------------------------------------------------------------


def test_relu_derivative_is_zero_for_negative_and_one_for_positive(panels: dict) -> None:
    r = panels["relu"]
    assert np.all(r.grad[r.x < 0] == 0) and np.all(r.grad[r.x > 0] == 1)
    assert np.all(r.value[r.x <= 0] == 0)


def test_leaky_and_rrelu_keep_a_slope_on_the_left(panels: dict) -> None:
    assert np.all(panels["leaky_relu"].grad[panels["leaky_relu"].x < 0] == 0.01)
    rrelu = panels["rrelu"]
    assert np.all(rrelu.grad[rrelu.x < 0] == pytest.approx(11 / 48))  # (1/8 + 1/3) / 2
    assert round(11 / 48, 3) == 0.229


def test_elu_family_floors(panels: dict) -> None:
    """ELU and CELU level off at −α = −1, SELU at −sα ≈ −1.758; all are the identity for x > 0."""
    for name, floor in (("elu", -1.0), ("celu", -1.0), ("selu", -1.7581)):
        p = panels[name]
        assert p.value.min() > floor and p.value[0] == pytest.approx(floor, abs=0.035), name
    for name in ("elu", "celu"):
        assert np.all(panels[name].value[panels[name].x > 0] == panels[name].x[panels[name].x > 0])


def test_selu_derivative_jumps_at_zero_elu_does_not() -> None:
    selu = get("selu")
    assert float(selu.grad(-1e-9)) == pytest.approx(1.7581, abs=1e-4)
    assert float(selu.grad(1e-9)) == pytest.approx(1.0507, abs=1e-4)
    elu = get("elu")
    assert float(elu.grad(-1e-9)) == pytest.approx(float(elu.grad(1e-9)), abs=1e-8)


def test_elu_with_alpha_not_one_has_a_kink_celu_never_does(sweeps: dict) -> None:
    for name in ("elu", "celu"):
        curves = sweeps[name]
        zero = np.flatnonzero(curves.x == 0.0)[0]  # on the grid; x = 0 takes the left branch
        for alpha, g in zip(curves.sweep.values, curves.grads, strict=True):
            assert np.all(g[curves.x > 0] == 1.0)
            jump = abs(g[zero] - 1.0)  # f'(0⁻) against f'(0⁺) = 1
            expected = 0.0 if name == "celu" else abs(alpha - 1.0)
            assert jump == pytest.approx(expected, abs=1e-12), (name, alpha)
        scale = [a if name == "celu" else 1.0 for a in curves.sweep.values]  # e^{x/α} or e^x
        floors = [
            -a * (1 - math.exp(-4 / s)) for a, s in zip(curves.sweep.values, scale, strict=True)
        ]
        np.testing.assert_allclose(curves.values.min(axis=1), floors)  # f(−4), close to −α


def test_leaky_relu_sweep_goes_from_relu_to_identity(sweeps: dict) -> None:
    curves = sweeps["leaky_relu"]
    values = dict(zip(curves.sweep.values, curves.values, strict=True))
    np.testing.assert_array_equal(values[0.0], get("relu")(curves.x))
    np.testing.assert_array_equal(values[1.0], curves.x)


# --- smooth modern ---------------------------------------------------------------------------


def test_softplus_is_a_smooth_relu_with_sigmoid_derivative(panels: dict, sweeps: dict) -> None:
    p = panels["softplus"]
    np.testing.assert_allclose(p.grad, get("sigmoid")(p.x), atol=1e-15)
    gap = p.value - np.maximum(p.x, 0)
    assert np.all(gap > 0) and gap.max() == pytest.approx(math.log(2))
    curves = sweeps["softplus"]  # larger β: closer to ReLU, the largest gap is log(2)/β at 0
    gaps = (curves.values - np.maximum(curves.x, 0)).max(axis=1)
    np.testing.assert_allclose(gaps, [math.log(2) / b for b in curves.sweep.values])


def test_softplus_switches_to_the_identity_past_beta_x_20_with_a_tiny_jump() -> None:
    softplus = get("softplus")
    jump = float(softplus(20.0)) - 20.0  # the last point of the log branch, against x itself
    assert 1.5e-9 < jump < 2.5e-9 and float(softplus(20.0 + 1e-12)) == 20.0 + 1e-12


def test_gelu_is_not_monotonic_and_dips_to_about_minus_0_17(panels: dict) -> None:
    g = panels["gelu"]
    assert np.any(np.diff(g.value) < 0) and np.any(np.diff(g.value) > 0)
    assert g.value.min() == pytest.approx(-0.170, abs=1e-3)
    assert g.x[np.argmin(g.value)] == pytest.approx(-0.75, abs=0.03)
    assert g.grad.max() == pytest.approx(1.129, abs=2e-3)  # overshoots 1
    assert g.grad.min() == pytest.approx(-0.129, abs=2e-3)


def test_gelu_tanh_approximation_is_within_5e_4(panels: dict) -> None:
    gap = np.abs(panels["gelu"].value - panels["gelu_tanh"].value)
    assert gap.max() < 5e-4
    x = np.linspace(-10, 10, 20001)  # and not only on the plotted grid
    assert np.abs(get("gelu")(x) - get("gelu_tanh")(x)).max() < 5e-4


def test_silu_and_mish_dip_below_zero(panels: dict) -> None:
    for name, low, at, peak in (("silu", -0.278, -1.28, 1.100), ("mish", -0.309, -1.19, 1.088)):
        p = panels[name]
        assert p.value.min() == pytest.approx(low, abs=1e-3), name
        assert p.x[np.argmin(p.value)] == pytest.approx(at, abs=0.03), name
        assert p.grad.max() == pytest.approx(peak, abs=2e-3), name
    silu = panels["silu"]
    np.testing.assert_allclose(silu.value, silu.x * get("sigmoid")(silu.x))


def test_gated_functions_have_slightly_negative_derivatives_on_the_left(panels: dict) -> None:
    for name in ("gelu", "silu", "mish"):
        p = panels[name]
        assert -0.15 < p.grad.min() < 0 and p.x[np.argmin(p.grad)] < 0, name
        assert np.all(np.diff(p.grad[p.x > 2.5]) < 0), name  # past the peak, falling towards 1
        assert float(get(name).grad(20.0)) == pytest.approx(1.0, abs=1e-6), name


def test_smooth_modern_functions_approach_relu_far_from_zero(panels: dict) -> None:
    for name in ("softplus", "gelu", "gelu_tanh", "silu", "mish"):
        p = panels[name]
        far = np.abs(p.x) >= 4
        assert np.abs(p.value - np.maximum(p.x, 0))[far].max() < 0.08, name


# --- hard approximations ---------------------------------------------------------------------


def test_hard_sigmoid_is_within_0_07_of_sigmoid(panels: dict) -> None:
    h, s = panels["hard_sigmoid"], panels["sigmoid"]
    gap = np.abs(h.value - s.value)
    assert 0.06 < gap.max() < 0.07
    x = np.linspace(-50, 50, 100001)  # everywhere, not only on the plotted grid
    assert np.abs(get("hard_sigmoid")(x) - get("sigmoid")(x)).max() < 0.07
    assert h.grad.max() == pytest.approx(1 / 6) and s.grad.max() == pytest.approx(1 / 4)


def test_hard_swish_is_within_0_15_of_swish_and_dips_to_minus_0_375(panels: dict) -> None:
    x = np.linspace(-50, 50, 100001)
    gap = np.abs(get("hard_swish")(x) - get("silu")(x))
    assert 0.14 < gap.max() < 0.15 and x[np.argmax(gap)] == pytest.approx(-3.0, abs=1e-3)
    assert float(get("hard_swish")(-1.5)) == -0.375
    assert panels["hard_swish"].value.min() == pytest.approx(-0.375, abs=1e-3)


def test_hard_tanh_is_within_0_24_of_tanh(panels: dict) -> None:
    gap = np.abs(panels["hard_tanh"].value - panels["tanh"].value)
    assert 0.23 < gap.max() < 0.24


def test_hard_functions_have_piecewise_constant_or_linear_derivatives(panels: dict) -> None:
    assert set(np.round(panels["hard_sigmoid"].grad, 12)) == {0.0, round(1 / 6, 12)}
    assert set(panels["hard_tanh"].grad) == {0.0, 1.0}
    hs = panels["hard_swish"]
    inside = np.abs(hs.x) < 3
    np.testing.assert_allclose(hs.grad[inside], hs.x[inside] / 3 + 0.5)


# --- other -----------------------------------------------------------------------------------


def test_softsign_saturates_much_more_slowly_than_tanh(panels: dict) -> None:
    s, t = panels["softsign"], panels["tanh"]
    assert s.grad[-1] == pytest.approx(1 / 25) and t.grad[-1] < 0.0014  # at x = 4
    assert 29 < s.grad[-1] / t.grad[-1] < 31  # "about 30 times tanh's"


def test_log_sigmoid_tanhshrink_gaussian_sinusoid_derivatives(panels: dict) -> None:
    x = panels["log_sigmoid"].x
    np.testing.assert_allclose(panels["log_sigmoid"].grad, 1 - get("sigmoid")(x), atol=1e-15)
    np.testing.assert_allclose(panels["log_sigmoid"].value, -get("softplus")(-x), atol=1e-15)
    assert np.all(panels["log_sigmoid"].value < 0)
    np.testing.assert_allclose(panels["tanhshrink"].grad, np.tanh(x) ** 2)
    g = panels["gaussian"]
    assert g.value.max() == 1.0 and g.x[np.argmax(g.value)] == 0.0
    np.testing.assert_allclose(g.grad, -2 * g.x * g.value, atol=1e-15)
    np.testing.assert_allclose(panels["sinusoid"].grad, np.cos(x), atol=1e-15)


def test_shrinks_zero_the_band_and_hardshrink_jumps_by_lambda(sweeps: dict) -> None:
    for name in ("softshrink", "hardshrink"):
        curves = sweeps[name]
        for lam, f in zip(curves.sweep.values, curves.values, strict=True):
            assert np.all(f[np.abs(curves.x) <= lam] == 0), (name, lam)
            assert np.all(f[np.abs(curves.x) > lam] != 0), (name, lam)
    hard = get("hardshrink", lambd=1.0)
    assert float(hard(1.0 + 1e-12)) - float(hard(1.0)) == pytest.approx(1.0)


# --- softmax ---------------------------------------------------------------------------------


def test_softmax_temperature(softmax_data: Any) -> None:
    p = softmax_data.probabilities
    for probs in p.values():
        assert probs.sum() == pytest.approx(1.0)
        assert list(np.argsort(-probs)) == [0, 1, 2, 3]  # the order of the logits is kept
    assert p[0.25][0] > 0.98
    np.testing.assert_allclose(p[1.0], [0.64, 0.23, 0.10, 0.03], atol=0.01)
    assert 0.16 < p[4.0].min() < p[4.0].max() < 0.35


def test_softmax_caption_and_chapter_quote_the_probabilities_at_t_1(softmax_data: Any) -> None:
    quoted = [f"{s:.2f}" for s in softmax_data.probabilities[1.0]]  # 0.6381, 0.2347, ...
    assert quoted == ["0.64", "0.23", "0.10", "0.03"]
    alt = " ".join(load_module("activations/softmax").__doc__.split())
    assert "at T = 1 the probabilities are about {}, {}, {} and {};".format(*quoted) in alt
    chapter = " ".join((REPO / "docs" / "activations.md").read_text(encoding="utf-8").split())
    assert "$T = 1$ gives about $({}, {}, {}, {})$".format(*quoted) in chapter


@pytest.mark.slow
def test_softmax_narrow_layout_fits_a_phone_and_draws_what_build_does() -> None:
    module = load_module("activations/softmax")
    wide, narrow = themed(module.build), themed(module.narrow)
    assert_fits_a_phone(narrow)
    (bars, jacobian), (wide_bars, wide_jacobian) = narrow.axes, wide.axes
    assert bars.get_position().y0 > jacobian.get_position().y1  # stacked: bars on top
    heights = [patch.get_height() for patch in bars.patches]
    assert heights == [patch.get_height() for patch in wide_bars.patches]
    assert len(heights) == len(module.LOGITS) * len(module.TEMPERATURES)
    np.testing.assert_array_equal(
        jacobian.get_images()[0].get_array(), wide_jacobian.get_images()[0].get_array()
    )
    cells = [text.get_text() for text in jacobian.texts]
    assert cells == [text.get_text() for text in wide_jacobian.texts] and len(cells) == 16
    legend = [text.get_text() for text in bars.get_legend().texts]
    assert legend == [text.get_text() for text in wide_bars.get_legend().texts]


def test_two_class_softmax_is_the_sigmoid() -> None:
    z = np.linspace(-6, 6, 13)
    two = np.array([activations.softmax([zi, 0.0])[0] for zi in z])
    np.testing.assert_allclose(two, get("sigmoid")(z), atol=1e-15)


def test_softmax_jacobian_structure(softmax_data: Any) -> None:
    J, s = softmax_data.jacobian, softmax_data.probabilities[1.0]
    np.testing.assert_allclose(J.sum(axis=1), 0, atol=1e-15)
    np.testing.assert_allclose(J, J.T)
    np.testing.assert_allclose(np.diag(J), s * (1 - s))
    off = ~np.eye(len(s), dtype=bool)
    assert np.all(J[off] < 0)
    np.testing.assert_allclose(J[off], -np.outer(s, s)[off])


# --- the property table ----------------------------------------------------------------------

GRID = np.unique(np.concatenate([np.linspace(-10, 10, 40001), np.geomspace(10, 1e6, 200)]))
GRID = np.unique(np.concatenate([-GRID, GRID]))
FAR = np.linspace(1000, 1010, 101)  # f' → 0 here means saturation (sin' = cos does not vanish)
FINE = np.linspace(-8.0, 8.0, 160001)  # h = 1e-4, for jumps of f, f' and f''


ZERO_CENTRED = "zero-centred (mean f(z), z ~ N(0, 1))"


def table_rows(table: Table) -> dict[str, dict[str, str]]:
    return {row[1]: dict(zip(table.columns, row, strict=True)) for row in table.rows}


def is_monotonic(y: np.ndarray) -> bool:
    dy = np.diff(y)
    tol = 1e-12 * (1 + np.abs(y[1:]))
    return bool(np.all(dy >= -tol) or np.all(dy <= tol))


def smoothness_order(name: str) -> float:
    """−1 if f jumps, 0 if f' jumps, 1 if f'' jumps on FINE, else ∞ (C^∞ claimed, C^2 seen)."""
    act = get(name)
    f, g = act(FINE), act.grad(FINE)
    if np.abs(np.diff(f)).max() > 1e-2:
        return -1.0
    if np.abs(np.diff(g)).max() > 1e-2:
        return 0.0
    second = np.diff(g) / np.diff(FINE)
    return 1.0 if np.abs(np.diff(second)).max() > 0.1 else math.inf


def test_table_has_one_row_per_registered_activation(table: Table) -> None:
    assert [row[1] for row in table.rows] == names()
    assert [row[0] for row in table.rows] == [get(n).label for n in names()]
    for row, name in zip(table.rows, names(), strict=True):
        assert row[table.columns.index("f(x)")] == rf"\({get(name).formula}\)"
        authors, year = get(name).properties.authors, get(name).properties.year
        short = {1: authors[0], 2: " & ".join(authors)}.get(len(authors), f"{authors[0]} et al.")
        assert row[-1] == f"{short} ({year})"


@pytest.mark.parametrize("name", names())
def test_table_claims_hold_numerically(table: Table, name: str) -> None:
    row, act = table_rows(table)[name], get(name)
    f, g = act(GRID), act.grad(GRID)
    assert (row["monotonic"] == "yes") == is_monotonic(f)
    kinks = np.isin(GRID, [0.0, -0.5, 0.5, -1.0, 1.0, -3.0, 3.0, 6.0, 20.0])
    assert (row["f′ monotonic"] == "yes") == is_monotonic(g[~kinks])
    verdict, mean = re.fullmatch(r"(yes|no) \((.+)\)", row[ZERO_CENTRED]).groups()
    mean_output = float(np.mean(act(np.random.default_rng(0).standard_normal(400_000))))
    assert float(mean.replace("−", "-")) == pytest.approx(mean_output, abs=5e-3)  # Monte Carlo
    assert (verdict == "yes") == (abs(act.properties.mean_output) < activations.ZERO_CENTRED_MEAN)
    slope = (float(act(1e-6)) - float(act(-1e-6))) / 2e-6
    assert (row["≈ x near 0"] == "yes") == (float(act(0.0)) == 0 and abs(slope - 1) < 1e-4)


@pytest.mark.parametrize("name", names())
def test_table_range_saturation_and_smoothness_hold(table: Table, name: str) -> None:
    row, act = table_rows(table)[name], get(name)
    f = act(GRID)
    ends = row["range (inf … sup)"].replace("−", "-").replace("∞", "inf").split("\u00a0…\u00a0")
    lo, hi = ends
    assert f.min() == pytest.approx(float(lo), abs=5e-4) if lo != "-inf" else f.min() < -1e3
    assert f.max() == pytest.approx(float(hi), abs=5e-4) if hi != "inf" else f.max() > 1e3
    far = {"left": act.grad(-FAR), "right": act.grad(FAR)}
    saturates = {side: bool(np.abs(g).max() < 1e-3) for side, g in far.items()}
    expected = {"x → −∞": "left", "x → +∞": "right", "x → ±∞": "both", "never": "none"}
    side = expected[row["saturates as"]]
    assert saturates == {"left": side in ("left", "both"), "right": side in ("right", "both")}
    text = row["smoothness"]
    claimed = -1.0 if text == "discontinuous" else float(re.sub(r"[^0-9]", "", text) or math.inf)
    assert smoothness_order(name) == claimed


# --- the interactive figures -----------------------------------------------------------------


def test_explorer_has_every_activation_with_f_and_derivative(explorer: ModuleType) -> None:
    curves = explorer.compute()
    assert list(curves.values) == names()
    figure = explorer.build()
    assert len(figure.data) == 2 * 2 * len(names())  # two blocks: the activation, the compared one
    visible = [trace.name for trace in figure.data if trace.visible]
    assert visible == ["ReLU", "ReLU: f′"]  # the default activation only, nothing compared
    main, compare = figure.layout.updatemenus
    assert [b.label for b in main.buttons] == [curves.labels[n] for n in names()]
    assert [b.label for b in compare.buttons][1:] == [curves.labels[n] for n in names()]
    relu = np.asarray(figure.data[explorer.trace_index(curves, "main", "relu", False)].y)
    assert relu[0] == 0.0 and math.isclose(relu[-1], 5.0)


def test_explorer_menus_are_independent(explorer: ModuleType) -> None:
    curves, figure = explorer.compute(), explorer.build()
    n = 2 * len(names())
    main, compare = figure.layout.updatemenus
    for button in main.buttons:  # each restyles only the first block...
        assert list(button.args[2]) == list(range(n)) and sum(button.args[0]["visible"]) == 2
    for button in compare.buttons:  # ... and the second menu only the second block
        assert list(button.args[1]) == list(range(n, 2 * n))
    assert not any(compare.buttons[0].args[0]["visible"])  # "(none)"
    gelu = main.buttons[names().index("gelu")].args
    shown = [i for i, v in zip(gelu[2], gelu[0]["visible"], strict=True) if v]
    assert shown == [explorer.trace_index(curves, "main", "gelu", d) for d in (False, True)]


def test_explorer_breaks_curves_where_they_jump(explorer: ModuleType) -> None:
    curves, figure = explorer.compute(), explorer.build()
    step = np.asarray(figure.data[explorer.trace_index(curves, "main", "step", False)].y)
    relu_grad = np.asarray(figure.data[explorer.trace_index(curves, "main", "relu", True)].y)
    assert np.isnan(step).sum() == 1 and np.isnan(relu_grad).sum() == 1
    gelu = np.asarray(figure.data[explorer.trace_index(curves, "main", "gelu", False)].y)
    assert not np.isnan(gelu).any()


def test_interactive_figures_stay_small(explorer: ModuleType) -> None:
    assert json_size(explorer.build()) < 150_000
    assert json_size(load_module("activations/parameters").build()) < 120_000


@pytest.mark.slow
def test_parameters_narrow_layout_fits_a_phone_and_draws_what_static_does() -> None:
    module = load_module("activations/parameters")
    static, narrow = themed(module.static), themed(module.narrow)
    assert_fits_a_phone(narrow)
    assert_same_lines(narrow, static)
    assert len(narrow.axes) == len(module.SWEEPS)
    assert len({round(ax.get_position().x0, 2) for ax in narrow.axes}) == 1  # one panel a row
    assert sum(len(lines) for _, lines in drawn_lines(narrow)) == sum(
        len(sweep.values) for sweep in module.SWEEPS
    )


def test_parameter_sweeps_include_defaults_and_start_there(sweeps: dict) -> None:
    figure = load_module("activations/parameters").build()
    assert len(figure.layout.sliders) == len(sweeps)
    assert not figure.layout.updatemenus  # one slider per subplot, no menu to keep in sync
    for slider, curves in zip(figure.layout.sliders, sweeps.values(), strict=True):
        assert curves.default == get(curves.sweep.name).params[curves.sweep.param]
        assert curves.sweep.values[slider.active] == curves.default
        assert 7 <= len(curves.sweep.values) <= 9
        assert [s.label for s in slider.steps] == [f"{v:g}" for v in curves.sweep.values]
        assert slider.currentvalue.prefix.startswith(curves.label)
    visible = [t for t in figure.data if t.visible is not False]
    assert len(visible) == 3 * len(sweeps)  # f, f' at the default, and the reference, each


def test_parameter_sliders_are_independent(sweeps: dict) -> None:
    figure = load_module("activations/parameters").build()
    touched: list[set[int]] = []
    for slider in figure.layout.sliders:
        indices = {i for step in slider.steps for i in step.args[1]}
        axes = {(figure.data[i].xaxis, figure.data[i].yaxis) for i in indices}
        assert len(axes) == 1  # every trace a slider moves is in one subplot
        touched.append(indices)
    assert sum(len(t) for t in touched) == len(set().union(*touched))  # no trace shared


def test_parameter_slider_steps_show_one_value_each(sweeps: dict) -> None:
    figure = load_module("activations/parameters").build()
    for slider, curves in zip(figure.layout.sliders, sweeps.values(), strict=True):
        n = len(curves.sweep.values)
        for i, step in enumerate(slider.steps):
            visible, indices = step.args
            assert len(indices) == 2 * n
            shown = [j for j, v in zip(indices, visible["visible"], strict=True) if v]
            assert len(shown) == 2
            f_trace = np.asarray(figure.data[shown[0]].y, dtype=np.float64)
            expected = curves.values[i].astype(np.float32)
            ok = ~np.isnan(f_trace)
            np.testing.assert_allclose(f_trace[ok], expected[ok], rtol=1e-6)


# --- the code shown in the chapter -----------------------------------------------------------


def test_chapter_snippets_print_what_the_chapter_says() -> None:
    z = [-2.0, -0.5, 0.5, 2.0]
    assert np.all(get("step").grad(z) == 0.0)
    np.testing.assert_allclose(get("sigmoid").grad(z), [0.105, 0.235, 0.235, 0.105], atol=5e-4)
    assert len(names()) == 26
    gelu = get("gelu")
    assert (gelu.label, gelu.family, gelu.properties.monotonic) == ("GELU", "smooth modern", False)
    assert get("elu", alpha=2.0).properties.continuity == 0.0
    assert (
        float(get("elu", alpha=2.0).grad(0.0)) == 2.0
        and float(get("celu", alpha=2.0).grad(0.0)) == 1.0
    )
    s = activations.softmax([2.0, 1.0, 0.1, -1.0])
    np.testing.assert_allclose(s, [0.638, 0.235, 0.095, 0.032], atol=5e-4)
    silu = get("silu")
    grid = np.linspace(-4, 0, 400_001)
    i = np.argmin(silu(grid))
    assert grid[i] == pytest.approx(-1.2785, abs=5e-5) and silu(grid)[i] == pytest.approx(
        -0.27846, abs=5e-6
    )
    assert silu.properties.output_range[0] == pytest.approx(silu(grid)[i], abs=1e-9)


def test_home_page_counts_the_registry() -> None:
    home = " ".join((REPO / "docs" / "index.md").read_text(encoding="utf-8").split())
    count = re.search(r"The (\d+) activation functions of the library's registry", home)
    assert count is not None, "docs/index.md no longer says how many activations there are"
    assert int(count[1]) == len(names())


def test_chapters_quote_the_mean_outputs_and_the_zero_centred_limit() -> None:
    mean = {name: f"{get(name).properties.mean_output:.3f}" for name in names()}
    chapters = ("activations.md", "training.md", "glossary.md")
    text = {c: " ".join((REPO / "docs" / c).read_text(encoding="utf-8").split()) for c in chapters}
    caption = " ".join(load_module("activations/properties").__doc__.split())
    limit = f"within {activations.ZERO_CENTRED_MEAN:g} of 0"
    assert all(limit in t for t in [*text.values(), caption])
    assert (
        f"against ReLU's {mean['relu']}, the mean outputs are {mean['leaky_relu']} for leaky ReLU, "
        f"{mean['gelu']} for GELU, {mean['mish']} for Mish, {mean['silu']} for SiLU and "
        f"{mean['elu']} for ELU"
    ) in text["training.md"]
    leaky = f"leaky ReLU's mean output is {mean['leaky_relu']}"
    assert f"{leaky}, against ReLU's {mean['relu']}" in text["activations.md"]
    elu = f"({mean['elu']} for standard-normal inputs, against ReLU's {mean['relu']}"
    elu_page = (REPO / "docs" / "includes" / "activations" / "elu.md").read_text(encoding="utf-8")
    assert elu in " ".join(elu_page.split())  # ELU's prose lives on its own page
    assert leaky in text["glossary.md"]


# --- readable figures: narrow table, shared scales, labelled curves, gaps, σ(z) ----------------


def test_property_table_opens_on_a_narrow_view_of_key_columns(table: Table) -> None:
    assert table.key_columns is not None
    shown = [table.columns[i] for i in table.key_columns]
    assert shown == ["activation", "f(x)", "range (inf … sup)", "saturates as"]
    assert len(table.columns) - len(shown) == 9  # one click away ("Show all columns")


def test_sigmoid_like_panels_share_a_y_scale_with_ticks_at_a_quarter_and_one() -> None:
    figure = load_module("activations/family").build("sigmoid-like")
    shown = [ax for ax in figure.axes if ax.get_visible()]
    assert {ax.get_title() for ax in shown} >= {"Sigmoid", "Tanh"}
    assert len({ax.get_ylim() for ax in shown}) == 1
    for ax in shown:
        assert {0.25, 1.0} <= set(ax.get_yticks())
    # What the shared scale shows: σ' peaks at 1/4, tanh' at 1.
    assert get("sigmoid").grad(0.0) == 0.25 and get("tanh").grad(0.0) == 1.0


def test_parameters_static_view_names_every_value_of_every_sweep(sweeps) -> None:
    figure = load_module("activations/parameters").static()
    for ax, curves in zip(figure.axes, sweeps.values(), strict=True):
        texts = [text.get_text() for text in ax.get_legend().get_texts()]
        symbol = curves.sweep.symbol
        expected = [f"{symbol} = {value:g}" for value in curves.sweep.values]
        default = curves.sweep.values.index(curves.default)
        expected[default] += " (default)"
        assert texts == expected, curves.sweep.name


def test_explorer_static_view_lifts_the_pen_where_relu_prime_jumps(explorer) -> None:
    figure = explorer.static()
    grad = next(line for line in figure.axes[0].get_lines() if line.get_linestyle() == "--")
    x, y = (np.asarray(v, dtype=float) for v in grad.get_data())
    gap = np.flatnonzero(np.isnan(y))
    assert gap.size == 1 and x[gap[0] - 1] <= 0 < x[gap[0] + 1]  # f'(0) = 0, PyTorch's choice
    assert (y[gap[0] - 1], y[gap[0] + 1]) == (0.0, 1.0)
    finite = ~np.isnan(y)
    assert set(y[finite]) == {0.0, 1.0}  # no sample between: no slanted segment


def test_sigmoid_legends_write_sigma_of_z_not_of_1z() -> None:
    from figures import style

    figure = load_module("activations/step-vs-sigmoid").build()
    legend = [text.get_text() for text in figure.axes[0].get_legend().get_texts()]
    assert legend[1:] == ["σ(z)", "σ(2z)", "σ(5z)", "σ(20z)"]
    assert [style.scaled(k) for k in (1, -1, 0.5, -2)] == ["z", "−z", "0.5z", "−2z"]

"""The shared look: one colour, dash and marker per activation, for every registry name."""

from __future__ import annotations

import itertools
from typing import Any

import matplotlib as mpl
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from figures import style
from figures.pipeline import render
from nn101 import activations


def test_every_registry_activation_has_a_look_and_no_other_name_does() -> None:
    assert set(style._LOOKS) == set(activations.names())


def test_no_two_activations_share_a_hue_and_a_dash() -> None:
    pairs = [(hue, dash) for hue, dash, _ in style._LOOKS.values()]
    assert len(set(pairs)) == len(pairs)


def test_the_activations_shown_together_differ_in_hue_or_dash() -> None:
    # The sets the training, MLP and playground figures plot on one axes.
    groups = [
        ("sigmoid", "tanh", "relu", "gelu", "selu"),
        ("identity", "sigmoid", "tanh", "relu", "gelu"),
        ("relu", "leaky_relu", "elu"),
    ]
    for group in groups:
        for a, b in itertools.combinations(group, 2):
            assert style._LOOKS[a][:2] != style._LOOKS[b][:2], (a, b)


@pytest.mark.parametrize("theme", style.THEMES)
def test_a_look_resolves_to_the_active_theme_and_the_registry_label(theme: str) -> None:
    with mpl.rc_context(style.theme(theme)):
        look = style.activation_look("sigmoid")
        assert look.color == style.palette()[0]
        assert look.label == activations.get("sigmoid").label
        assert look.line() == {"color": look.color, "linestyle": "-", "label": "Sigmoid"}
    assert look.plotly_color == style.PLOTLY_COLORS[0]


def test_an_unknown_activation_is_named_in_the_error() -> None:
    with pytest.raises(ValueError, match="no look for activation 'relu7'"):
        style.activation_look("relu7")


# --- every figure draws an activation in its look ----------------------------------------------

# Figures that draw activations by name: each must yield at least one checked curve, so that a
# change of labels cannot make the check below pass by checking nothing.
DRAW_ACTIVATIONS = {
    "activations/explorer",
    "activations/parameters",
    "activations/step-vs-sigmoid",
    "activations/family-sigmoid-like",
    "activations/family-relu-family",
    "mlp/loss-curve",
    "playground/spiral-curves",
    "training/dying-relu",
    "training/zero-centred",
    "training/vanishing-gradients",
    "training/signal-propagation",
    "universal/slider",
}


def activation_named(text: str) -> str | None:
    """The registry name of the activation ``text`` starts with ("ReLU, 2-8-1", "sigmoid bumps"):
    labels compared case-insensitively, the longest first ("Leaky ReLU" before "ReLU")."""
    labels = sorted(((activations.get(n).label, n) for n in activations.names()), reverse=True)
    for label, name in sorted(labels, key=lambda pair: -len(pair[0])):
        head = text[: len(label)]
        rest = text[len(label) : len(label) + 1]
        if head.lower() == label.lower() and not (rest.isalnum() or rest == "-"):
            return name
    return None


def static_offenders(figure_id: str, figure: Any) -> tuple[list[str], int]:
    """Curves of an activation not in its look, and how many curves were checked.

    A curve is an activation's when its legend label names it, or when its panel's title does
    (the small multiples); lines in the ink or grid colour (axes, references) are not curves."""
    neutral = {to_hex(style.text_color()), to_hex(style.grid_color())}
    offenders, checked = [], 0
    for axes in figure.axes:
        panel = activation_named(axes.get_title())
        for line in axes.get_lines():
            label = line.get_label()
            name = activation_named(label) if not label.startswith("_") else None
            name = name or (panel if to_hex(line.get_color()) not in neutral else None)
            if name is None:
                continue
            checked += 1
            if to_hex(line.get_color()) != to_hex(style.activation_look(name).color):
                offenders.append(f"{figure_id}: {label!r} ({name}) is {line.get_color()}")
    return offenders, checked


def plotly_offenders(figure_id: str, figure: Any) -> tuple[list[str], int]:
    """Traces named after an activation whose line (or marker) is not its look's colour."""
    offenders, checked = [], 0
    for trace in figure.data:
        name = activation_named(trace.name or "")
        if name is None:
            continue
        checked += 1
        drawn = trace.line.color if "lines" in (trace.mode or "lines") else trace.marker.color
        if drawn != style.activation_look(name).plotly_color:
            offenders.append(f"{figure_id}: trace {trace.name!r} ({name}) is {drawn}")
    return offenders, checked


def offenders_of(figure_id: str, built: Any) -> tuple[list[str], int]:
    if isinstance(built, Figure):
        return static_offenders(figure_id, built)
    if hasattr(built, "data") and hasattr(built, "layout"):  # a plotly figure
        return plotly_offenders(figure_id, built)
    return [], 0  # a table draws no curves


def test_the_check_sees_a_curve_in_the_wrong_colour() -> None:
    with mpl.rc_context(style.theme("light")):
        figure, axes = style.new_figure()
        axes.plot([0, 1], [0, 1], color=style.palette()[0], label="ReLU, 2-8-1")
        axes.plot([0, 1], [1, 0], color=style.text_color(), label="target")
        offenders, checked = static_offenders("test/figure", figure)
    assert checked == 1 and offenders == ["test/figure: 'ReLU, 2-8-1' (relu) is #0072B2"]
    assert activation_named("Leaky ReLU (slope 0.01)") == "leaky_relu"
    assert activation_named("ReLU6") == "relu6" and activation_named("Reluctant") is None


@pytest.mark.slow
def test_every_figure_draws_each_activation_in_its_look() -> None:
    offenders, checked = [], {}
    for info in render.all_infos():
        loaded = render.load_module(info.module)
        for function in ("build", "static", "narrow"):  # narrow: the phone layout
            builder = render._builder(loaded, function, info)
            if builder is not None:
                with mpl.rc_context(style.theme("light")):
                    found, count = offenders_of(info.id, render._themed(builder, "light"))
                offenders += found
                checked[info.id] = checked.get(info.id, 0) + count
    assert offenders == []
    assert {figure_id for figure_id in DRAW_ACTIVATIONS if not checked.get(figure_id)} == set()

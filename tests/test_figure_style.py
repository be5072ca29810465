"""The shared look: one colour, dash and marker per activation, for every registry name."""

from __future__ import annotations

import itertools

import matplotlib as mpl
import pytest

from figures import style
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

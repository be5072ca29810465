"""One figure per activation family: f (solid) and f′ (dashed) of every member.

A family of figures: ``variants()`` gives one figure per family of ``nn101.activations``
(``activations/family-<slug>``), and each figure's caption and alt text are computed from the
registry (its members, their labels and how many there are), so an activation added to the
registry appears in its family's figure, caption and alt text by itself. Only what the curves of
a family look like is written by hand, in ``SHAPES``.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from figures.activations import _panels
from figures.i18n import N_, _, ngettext
from nn101 import activations

# Each family's name in a caption, and what its curves look like (the alt text's second half).
TITLES = {  # N_(): translated where used, in caption()
    activations.LINEAR: N_("The linear and step family"),
    activations.SIGMOID_LIKE: N_("The sigmoid-like family (S-shaped, saturating on both sides)"),
    activations.RELU_FAMILY: N_("The ReLU family"),
    activations.SMOOTH: N_("Smooth modern activations"),
    activations.HARD: N_("Hard approximations (piecewise-linear sigmoid, tanh and swish)"),
    activations.OTHER: N_("Other activations"),
}
SHAPES = {  # N_(): translated where used, in alt()
    activations.LINEAR: N_(
        "The identity is the line f(z) = z with constant derivative 1. The step jumps from 0 to"
        " 1 at z = 0 and its derivative is 0 everywhere else, so it passes no gradient."
    ),
    activations.SIGMOID_LIKE: N_(
        "The sigmoid rises from 0 to 1 through 0.5 and its derivative is a bump of height 1/4 "
        "at 0. Tanh rises from -1 to 1 through 0 and its derivative is a bump of height 1 at 0."
        " Both derivatives fall towards 0 on either side."
    ),
    activations.RELU_FAMILY: N_(
        "All are the identity (SELU a scaled identity) for positive inputs. For negative inputs"
        " ReLU and ReLU6 are 0 with derivative 0; leaky ReLU and RReLU keep a small slope; ELU,"
        " CELU and SELU curve smoothly down towards a negative floor. ReLU6 is also capped at "
        "6, where its derivative drops back to 0."
    ),
    activations.SMOOTH: N_(
        "All are smooth, close to 0 for very negative inputs and close to the identity for "
        "large positive ones. Softplus stays positive and its derivative is the sigmoid. GELU, "
        "SiLU and Mish dip slightly below zero for negative inputs before returning towards 0, "
        "and their derivatives overshoot 1 a little before settling at 1."
    ),
    activations.HARD: N_(
        "The hard sigmoid ramps linearly from 0 at z = -3 to 1 at z = 3; the hard tanh is the "
        "identity clipped to [-1, 1]; the hard swish is 0 below -3, the identity above 3 and a "
        "parabola in between. Their derivatives are piecewise constant or piecewise linear, "
        "with jumps at the corners."
    ),
    activations.OTHER: N_(
        "Softsign is an S-curve like tanh that saturates slowly; log-sigmoid is negative and "
        "rises to 0; tanhshrink is flat near 0 and parallel to the identity far out; softshrink"
        " and hardshrink zero the inputs between -0.5 and 0.5 (hardshrink jumps there); the "
        "Gaussian is a bump of height 1 at 0; the sinusoid oscillates between -1 and 1."
    ),
}


# Three columns at most on a desktop: four 2.6-inch panels side by side shrink their tick labels
# below 9 px in a desktop column. On a phone, two columns of 2.3-inch panels make a 5-inch figure
# whose 9.5-pt tick labels show at 9.4 px in a 358 px column (8 pt would show at 8 px).
WIDE = _panels.Layout(max_columns=3, panel_width=2.6, row_height=2.1, tick_size=8)
NARROW = _panels.Layout(max_columns=2, panel_width=2.3, row_height=2.0, tick_size=9.5)

# Families whose panels share one y scale, with ticks at the heights the chapter compares: the
# sigmoid's derivative never exceeds 1/4, tanh's reaches 1 at 0.
SHARED_Y_TICKS = {activations.SIGMOID_LIKE: (-1.0, 0.0, 0.25, 1.0)}


def variants() -> dict[str, str]:
    """``{id suffix: family}`` for every family of the registry: ``linear-step``, ..."""
    return {_panels.slug(family): family for family in activations.FAMILIES}


def caption(family: str) -> str:
    """``"<title>: <member>, ... and <member>, with their derivatives."``"""
    labels = [panel.label for panel in compute(family)]
    return _("{family}: {members}, with their derivatives.").format(
        family=_(TITLES[family]), members=_listed(labels)
    )


def alt(family: str) -> str:
    """How many charts, over which x range, and what the curves look like."""
    members = compute(family)
    charts = ngettext("{n} line chart", "{n} line charts", len(members)).format(n=len(members))
    ranges = {(float(p.x[0]), float(p.x[-1])) for p in members}
    if len(ranges) == 1:
        lo, hi = ranges.pop()
        charts = _("{charts} over z from {lo:g} to {hi:g}").format(charts=charts, lo=lo, hi=hi)
    return _("{charts}, each with f solid and f′ dashed. {shapes}").format(
        charts=charts, shapes=_(SHAPES[family])
    )


def _listed(items: list[str]) -> str:
    """``a, b and c``."""
    if len(items) == 1:
        return items[0]
    return _("{items} and {last}").format(items=_(", ").join(items[:-1]), last=items[-1])


def compute(family: str, seed: int = 0) -> list[_panels.Panel]:
    """f and f' of every registered activation of ``family``, at default parameters."""
    return _panels.panels(family)


def build(family: str, seed: int = 0) -> Figure:
    """The family's panels in rows of three, for a desktop column."""
    return _panels.draw_family(compute(family, seed), WIDE, y_ticks=SHARED_Y_TICKS.get(family))


def narrow(family: str, seed: int = 0) -> Figure:
    """The same panels in rows of two, 5 inches wide with larger ticks, for a phone column."""
    return _panels.draw_family(compute(family, seed), NARROW, y_ticks=SHARED_Y_TICKS.get(family))

"""Smooth modern activations: softplus, GELU (exact and tanh approximation), SiLU/Swish and Mish.

Five line charts over x from -4 to 4, each with f solid and f′ dashed. All are smooth, close to
0 for very negative inputs and close to the identity for large positive ones. Softplus stays
positive and its derivative is the sigmoid. GELU, SiLU and Mish dip slightly below zero for
negative inputs before returning towards 0, and their derivatives overshoot 1 a little before
settling at 1.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from figures.activations import _panels

# One of nn101.activations.FAMILIES; the figure id is family-<_panels.slug(FAMILY)>.
FAMILY = "smooth modern"


def compute(seed: int = 0) -> list[_panels.Panel]:
    """f and f' of every registered activation of FAMILY, at default parameters."""
    return _panels.panels(FAMILY)


def build(seed: int = 0) -> Figure:
    return _panels.draw_family(compute(seed))


if __name__ == "__main__":
    from figures.cli import main_standalone

    main_standalone(__file__)

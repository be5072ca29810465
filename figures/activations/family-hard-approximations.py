"""Hard approximations: piecewise-linear versions of sigmoid, tanh and swish.

Three line charts over x from -4 to 4, each with f solid and f′ dashed. The hard sigmoid ramps
linearly from 0 at x = -3 to 1 at x = 3; the hard tanh is the identity clipped to [-1, 1]; the
hard swish is 0 below -3, the identity above 3 and a parabola in between. Their derivatives are
piecewise constant or piecewise linear, with jumps at the corners.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from figures.activations import _panels

# One of nn101.activations.FAMILIES; the figure id is family-<_panels.slug(FAMILY)>.
FAMILY = "hard approximations"


def compute(seed: int = 0) -> list[_panels.Panel]:
    """f and f' of every registered activation of FAMILY, at default parameters."""
    return _panels.panels(FAMILY)


def build(seed: int = 0) -> Figure:
    return _panels.draw_family(compute(seed))


if __name__ == "__main__":
    from figures.cli import main_standalone

    main_standalone(__file__)

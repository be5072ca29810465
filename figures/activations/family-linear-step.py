"""The linear and step family: the identity and the perceptron's step, with their derivatives.

Two line charts over x from -4 to 4. The identity is the line f(x) = x with constant derivative
1. The step jumps from 0 to 1 at x = 0 and its derivative is 0 everywhere else, so it passes no
gradient.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from figures.activations import _panels

# One of nn101.activations.FAMILIES; the figure id is family-<_panels.slug(FAMILY)>.
FAMILY = "linear & step"


def compute(seed: int = 0) -> list[_panels.Panel]:
    """f and f' of every registered activation of FAMILY, at default parameters."""
    return _panels.panels(FAMILY)


def build(seed: int = 0) -> Figure:
    return _panels.draw_family(compute(seed))


if __name__ == "__main__":
    from figures.cli import main_standalone

    main_standalone(__file__)

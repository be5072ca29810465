"""Other activations: softsign, log-sigmoid, tanhshrink, softshrink, hardshrink, Gaussian and
sinusoid.

Seven line charts over x from -4 to 4, each with f solid and f′ dashed. Softsign is an S-curve
like tanh that saturates slowly; log-sigmoid is negative and rises to 0; tanhshrink is flat near
0 and parallel to the identity far out; softshrink and hardshrink zero the inputs between -0.5
and 0.5 (hardshrink jumps there); the Gaussian is a bump of height 1 at 0; the sinusoid
oscillates between -1 and 1.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from figures.activations import _panels

# One of nn101.activations.FAMILIES; the figure id is family-<_panels.slug(FAMILY)>.
FAMILY = "other"


def compute(seed: int = 0) -> list[_panels.Panel]:
    """f and f' of every registered activation of FAMILY, at default parameters."""
    return _panels.panels(FAMILY)


def build(seed: int = 0) -> Figure:
    return _panels.draw_family(compute(seed))


if __name__ == "__main__":
    from figures.cli import main_standalone

    main_standalone(__file__)

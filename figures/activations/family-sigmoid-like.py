"""The sigmoid-like family: sigmoid and tanh, S-shaped and saturating on both sides.

Two line charts over x from -4 to 4, each with f solid and f′ dashed. The sigmoid rises from 0
to 1 through 0.5 and its derivative is a bump of height 1/4 at 0. Tanh rises from -1 to 1
through 0 and its derivative is a bump of height 1 at 0. Both derivatives fall towards 0 on
either side.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from figures.activations import _panels

# One of nn101.activations.FAMILIES; the figure id is family-<_panels.slug(FAMILY)>.
FAMILY = "sigmoid-like"


def compute(seed: int = 0) -> list[_panels.Panel]:
    """f and f' of every registered activation of FAMILY, at default parameters."""
    return _panels.panels(FAMILY)


def build(seed: int = 0) -> Figure:
    return _panels.draw_family(compute(seed))


if __name__ == "__main__":
    from figures.cli import main_standalone

    main_standalone(__file__)

"""The ReLU family: ReLU, leaky ReLU, ReLU6, ELU, CELU, SELU and RReLU, with their derivatives.

Seven line charts, each with f solid and f′ dashed. All are the identity (SELU a scaled
identity) for positive inputs. For negative inputs ReLU and ReLU6 are 0 with derivative 0; leaky
ReLU and RReLU keep a small slope; ELU, CELU and SELU curve smoothly down towards a negative
floor. ReLU6 is also capped at 6, where its derivative drops back to 0.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from figures.activations import _panels

# One of nn101.activations.FAMILIES; the figure id is family-<_panels.slug(FAMILY)>.
FAMILY = "relu family"


def compute(seed: int = 0) -> list[_panels.Panel]:
    """f and f' of every registered activation of FAMILY, at default parameters."""
    return _panels.panels(FAMILY)


def build(seed: int = 0) -> Figure:
    return _panels.draw_family(compute(seed))


if __name__ == "__main__":
    from figures.cli import main_standalone

    main_standalone(__file__)

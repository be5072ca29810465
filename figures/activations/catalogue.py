"""Every activation function in the library: f (solid) and its derivative f′ (dashed).

A grid of small line charts, one per activation registered in nn101, in registry order (grouped
by family: linear and step, sigmoid-like, the ReLU family, smooth modern functions, hard
approximations and others), each titled with the activation's name. Each panel shows the
function as a solid line and its derivative as a dashed line over x from -4 to 4 (ReLU6 from -3
to 8, to show its cap at 6); lines are broken where a function jumps.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from figures.activations import _panels

COLUMNS = 5  # 9 inches wide: shown at about 80 % on a 700-pixel text column


def compute(seed: int = 0) -> list[_panels.Panel]:
    """f and f' of every registered activation at its default parameters."""
    return _panels.panels()


def build(seed: int = 0) -> Figure:
    return _panels.draw(compute(seed), ncols=COLUMNS, width=9.0, row_height=1.75)

"""Small multiples of f and f' for registered activations: shared by the catalogue and families.

Not a figure (the leading underscore keeps it out of the figure catalogue). ``panels(family)``
loops over :func:`nn101.activations.names`, so an activation added to the registry appears in
the catalogue and in its family's figure by itself. Each panel is one activation at its default
parameters, in the activation's own colour (``style.activation_look``): f solid, f' dashed,
lines broken where the function jumps so that no vertical segment pretends to be part of the
graph.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from figures import style
from figures.i18n import N_, _
from nn101 import activations

X_RANGE = (-4.0, 4.0)
X_RANGES = {"relu6": (-3.0, 8.0)}  # where the interesting part lies outside X_RANGE
POINTS = 201  # 0.04 apart on X_RANGE: as fine as a 2-inch-wide panel shows
# The chapter writes an activation as f(z) of the pre-activation z: so do the axes and legends.
LABELS = {"f": N_("f(z)  (solid)"), "grad": N_("f′(z)  (dashed)"), "x": N_("z")}


@dataclass(frozen=True)
class Layout:
    """How a grid of panels is laid out: at most ``max_columns`` panels a row, each
    ``panel_width`` by ``row_height`` inches, tick labels of ``tick_size`` points."""

    max_columns: int
    panel_width: float
    row_height: float
    tick_size: float


@dataclass(frozen=True)
class Panel:
    name: str  # registry name
    label: str  # display label, the panel title
    x: np.ndarray
    value: np.ndarray  # f(x)
    grad: np.ndarray  # f'(x)


def slug(family: str) -> str:
    """The figure-id slug of a family: ``"linear & step"`` -> ``"linear-step"``."""
    return re.sub(r"[^a-z0-9]+", "-", family.lower()).strip("-")


def panels(family: str | None = None) -> list[Panel]:
    """One panel per registered activation of ``family`` (all if None), in registry order."""
    result = []
    for name in activations.names():
        act = activations.get(name)
        if family is None or act.family == family:
            x = np.linspace(*X_RANGES.get(name, X_RANGE), POINTS)
            result.append(Panel(name, style.activation_label(name), x, act(x), act.grad(x)))
    return result


def jumps(y: np.ndarray) -> np.ndarray:
    """Indices i where y jumps between samples i - 1 and i (sampled on an even grid).

    A jump is a step Δy that lies outside the interval spanned by its two neighbouring steps by
    more than either of them: a smooth curve's steps change gradually and a kink's step lies
    between its neighbours, but a jump's step stands out.
    """
    step = np.diff(y)
    before = np.insert(step[:-1], 0, step[0])  # the edges compare with themselves: never jumps
    after = np.append(step[1:], step[-1])
    excess = np.maximum(step - np.maximum(before, after), np.minimum(before, after) - step)
    scale = np.maximum(np.abs(before), np.abs(after))
    floor = 1e-3 * max(float(np.ptp(y)), 1e-12)  # ignore rounding-level wiggles
    return np.flatnonzero((excess > scale) & (excess > floor)) + 1


def broken(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """x and y with a NaN inserted at every jump, so matplotlib lifts the pen there."""
    cuts = jumps(y)
    return np.insert(x, cuts, np.nan), np.insert(y, cuts, np.nan)


def _draw_panel(axes: Axes, panel: Panel, tick_size: float) -> None:
    color = style.activation_look(panel.name).color
    axes.plot(*broken(panel.x, panel.value), color=color)
    axes.plot(*broken(panel.x, panel.grad), color=color, linestyle="--", linewidth=1.6)
    axes.axhline(0.0, color=style.text_color(), linewidth=0.6, alpha=0.5)
    axes.axvline(0.0, color=style.text_color(), linewidth=0.6, alpha=0.5)
    axes.set_title(panel.label, fontsize=10)
    axes.set_xlim(panel.x[0], panel.x[-1])
    axes.tick_params(labelsize=tick_size)
    axes.xaxis.set_major_locator(MaxNLocator(3, steps=[1, 2, 4, 5, 10]))  # -4, 0, 4
    axes.yaxis.set_major_locator(MaxNLocator(4))


def draw(items: list[Panel], ncols: int, layout: Layout) -> Figure:
    """A grid of panels with one shared legend on top; unused cells are hidden."""
    nrows = math.ceil(len(items) / ncols)
    width, height = layout.panel_width * ncols + 0.4, 0.6 + layout.row_height * nrows
    figure, axes = style.new_figure(nrows, ncols, width=width, height=height)
    cells = list(np.asarray(axes).flat)
    for ax, panel in zip(cells, items, strict=False):
        _draw_panel(ax, panel, layout.tick_size)
    for ax in cells[len(items) :]:
        ax.set_visible(False)
    figure.supxlabel(_(LABELS["x"]), fontsize=10)
    # Each panel has its activation's colour, so the legend explains the dashes in the ink colour.
    ink = style.text_color()
    handles = [Line2D([], [], color=ink), Line2D([], [], color=ink, linestyle="--", linewidth=1.6)]
    figure.legend(handles, [_(LABELS["f"]), _(LABELS["grad"])], loc="outside upper center", ncols=2)
    # Lay out once and freeze: the runner saves the figure twice (SVG and PNG), and constrained
    # layout would otherwise be redone for each, the slowest step with two dozen panels.
    engine = figure.get_layout_engine()
    assert engine is not None  # style.new_figure lays out with "constrained"
    engine.execute(figure)
    figure.set_layout_engine("none")
    return figure


def draw_family(
    items: list[Panel], layout: Layout, y_ticks: Sequence[float] | None = None
) -> Figure:
    """A family figure: balanced rows of at most ``layout.max_columns`` panels (5 panels in
    rows of 3: 3 + 2; in rows of 2: 2 + 2 + 1).

    With ``y_ticks``, every panel has the same y range (all its f and f' values) and these ticks,
    so that heights compare across panels (σ′ peaks at ¼, tanh′ at 1).
    """
    columns = math.ceil(len(items) / math.ceil(len(items) / layout.max_columns))
    figure = draw(items, ncols=columns, layout=layout)
    if y_ticks is not None:
        _share_y(figure.axes[: len(items)], items, y_ticks)
    return figure


def _share_y(cells: list[Axes], items: list[Panel], ticks: Sequence[float]) -> None:
    values = np.concatenate([np.concatenate([p.value, p.grad]) for p in items])
    low, high = min(float(values.min()), min(ticks)), max(float(values.max()), max(ticks))
    margin = 0.05 * (high - low)
    for ax in cells:
        ax.set_ylim(low - margin, high + margin)
        ax.set_yticks(list(ticks), [f"{tick:g}" for tick in ticks])

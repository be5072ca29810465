"""One figure per activation: f on the left, its derivative f′ on the right, for an activation's
own page.

A family of figures: ``variants()`` gives one figure per registered activation
(``activations/function-<name>``, with ``_`` written as ``-``), each with its caption and alt text
computed from the registry, so an activation added to the registry gets its figure (and its page,
see ``figures.pipeline.activation_pages``) by itself. Two panels instead of one with both curves:
f and f′ often live on very different scales (ReLU6 reaches 6, its derivative 1), and each gets
its own readable y-axis. The figure is narrow and its text large, so that its smallest text is
at least ``embed.MIN_TEXT_PX`` CSS pixels when the page shows it at the width of a phone's text
column (see ``render.shown_text_px``).
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from figures import style
from figures.activations import _panels
from figures.i18n import N_, _
from nn101 import activations

WIDTH, HEIGHT = 5.4, 2.6  # inches: two panels side by side, shown at the text column's width
FONT_PT = 11.0  # every text of the figure, ticks included
TITLE_PT = 12.0
# CSS pixels of the text column (Material for MkDocs 9, measured with Chromium: a 390 px phone
# has 16 px margins; a 1280 px desktop, two 242 px sidebars and 24 px margins).
TITLES = {"f": N_("f(x)"), "grad": N_("f′(x)"), "x": N_("x")}


def variants() -> dict[str, str]:
    """``{id suffix: registry name}`` for every activation: ``relu``, ``leaky-relu``, ..."""
    return {figure_suffix(name): name for name in activations.names()}


def figure_suffix(name: str) -> str:
    """An activation's figure-id suffix (ids have no ``_``): ``leaky_relu`` -> ``leaky-relu``."""
    return name.replace("_", "-")


def figure_id(name: str) -> str:
    """The id of an activation's figure, ``activations/function-<suffix>``; unknown names raise
    ``ValueError`` listing the valid ones (from the registry)."""
    activations.get(name)
    return f"activations/function-{figure_suffix(name)}"


def compute(name: str, seed: int = 0) -> _panels.Panel:
    """f and f' of activation ``name`` at its default parameters (the catalogue's x range)."""
    matches = [panel for panel in _panels.panels() if panel.name == name]
    if not matches:
        activations.get(name)  # raises, naming the valid names
    return matches[0]


def caption(name: str) -> str:
    """``"<label> (left) and its derivative (right)"``, with the parameter values it is drawn at."""
    label = style.activation_label(name)
    params = activations.get(name).params
    if not params:
        return _("{label} (left) and its derivative (right).").format(label=label)
    values = _(", ").join(f"{key}={value:g}" for key, value in params.items())
    return _("{label} (left) and its derivative (right), with PyTorch's defaults {values}.").format(
        label=label, values=values
    )


def alt(name: str) -> str:
    """The x range and the range each curve covers on it, computed from the plotted numbers."""
    panel = compute(name)
    return _(
        "Two line charts over x from {lo:g} to {hi:g}. Left: {label}, between {f_min:.3g} and "
        "{f_max:.3g}. Right: its derivative, between {g_min:.3g} and {g_max:.3g}."
    ).format(
        lo=float(panel.x[0]),
        hi=float(panel.x[-1]),
        label=style.activation_label(name),
        f_min=float(panel.value.min()),
        f_max=float(panel.value.max()),
        g_min=float(panel.grad.min()),
        g_max=float(panel.grad.max()),
    )


def _draw(axes: Axes, panel: _panels.Panel, curve: str) -> None:
    y = panel.value if curve == "f" else panel.grad
    look = style.activation_look(panel.name)  # its colour and dash in every figure of the site
    axes.plot(*_panels.broken(panel.x, y), color=look.color, linestyle=look.linestyle, linewidth=2)
    axes.axhline(0.0, color=style.text_color(), linewidth=0.6, alpha=0.5)
    axes.axvline(0.0, color=style.text_color(), linewidth=0.6, alpha=0.5)
    axes.set_title(_(TITLES[curve]), fontsize=FONT_PT)
    axes.set_xlabel(_(TITLES["x"]), fontsize=FONT_PT)
    axes.set_xlim(panel.x[0], panel.x[-1])
    axes.tick_params(labelsize=FONT_PT)
    axes.xaxis.set_major_locator(MaxNLocator(4, steps=[1, 2, 4, 5, 10]))
    axes.yaxis.set_major_locator(MaxNLocator(4, steps=[1, 2, 2.5, 5, 10]))


def build(name: str, seed: int = 0) -> Figure:
    panel = compute(name, seed)
    figure, (left, right) = style.new_figure(1, 2, width=WIDTH, height=HEIGHT)
    _draw(left, panel, "f")
    _draw(right, panel, "grad")
    figure.suptitle(style.activation_label(name), fontsize=TITLE_PT)
    return figure

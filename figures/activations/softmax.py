"""Softmax turns logits into probabilities; temperature sharpens or flattens them, and its
Jacobian couples every output to every input.

Two panels. First, a bar chart of softmax(z / T) for the four logits z = (2, 1, 0.1, -1) at
temperatures T = 0.25, 1 and 4. At T = 0.25 almost all the probability goes to the largest
logit; at T = 1 the probabilities are about 0.64, 0.23, 0.10 and 0.03; at T = 4 they are nearly
equal. The order of the classes never changes. Second, a 4 × 4 heatmap of the Jacobian of
softmax at T = 1, with each entry written in its cell: the diagonal entries s_i(1 - s_i) are
positive, the off-diagonal entries -s_i s_j are negative, and every row sums to zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap, to_rgba
from matplotlib.figure import Figure

from figures import style
from figures.i18n import N_, _
from nn101 import activations

LOGITS = (2.0, 1.0, 0.1, -1.0)
TEMPERATURES = (0.25, 1.0, 4.0)
JACOBIAN_T = 1.0  # the temperature whose Jacobian is drawn
LABELS = {
    "bars_title": N_("softmax(z / T) for z = (2, 1, 0.1, −1)"),
    "class": N_("class $i$  (logit $z_i$)"),
    "tick": N_("{i}  ({z:g})"),
    "probability": N_("probability $s_i$"),
    "temperature": N_("T = {t:g}"),
    "jacobian_title": N_("Jacobian $\\partial s_i / \\partial z_j$ at T = 1"),
    "row": N_("output $i$"),
    "column": N_("logit $j$"),
}


@dataclass(frozen=True)
class Layout:
    """Where the two panels go: side by side or stacked (``shape``, rows × columns), the figure's
    ``size`` in inches, the panels' relative sizes along that direction, and the point size of
    the numbers written in the Jacobian's cells."""

    shape: tuple[int, int]
    size: tuple[float, float]
    ratios: tuple[float, float]
    cell_size: float


WIDE = Layout(shape=(1, 2), size=(8.0, 3.5), ratios=(1.45, 1), cell_size=9)
# On a phone the panels are stacked in a 5-inch figure: 9.5 pt shows at 9.4 px in its column.
NARROW = Layout(shape=(2, 1), size=(5.0, 7.6), ratios=(1, 1.15), cell_size=9.5)


@dataclass(frozen=True)
class Softmax:
    logits: np.ndarray
    probabilities: dict[float, np.ndarray]  # temperature T -> softmax(z / T)
    jacobian: np.ndarray  # ∂s_i/∂z_j of softmax(z / JACOBIAN_T) with respect to z / JACOBIAN_T


def compute(seed: int = 0) -> Softmax:
    """Probabilities at each temperature and the Jacobian, all from nn101.activations."""
    z = np.array(LOGITS)
    probabilities = {t: activations.softmax(z / t) for t in TEMPERATURES}
    return Softmax(z, probabilities, activations.softmax_jacobian(z / JACOBIAN_T))


def _draw_bars(axes: Axes, data: Softmax) -> None:
    n, width = len(data.logits), 0.8 / len(TEMPERATURES)
    for k, (t, p) in enumerate(data.probabilities.items()):
        offset = (k - (len(TEMPERATURES) - 1) / 2) * width
        label = _(LABELS["temperature"]).format(t=t)
        axes.bar(np.arange(n) + offset, p, width=width, color=f"C{k}", label=label)
    ticks = [
        _(LABELS["tick"]).format(i=i, z=z).replace("-", "−") for i, z in enumerate(data.logits)
    ]
    axes.set_xticks(np.arange(n), ticks)
    axes.set(ylim=(0, 1.05), xlabel=_(LABELS["class"]), ylabel=_(LABELS["probability"]))
    axes.set_title(_(LABELS["bars_title"]))
    axes.legend(loc="upper right")
    axes.grid(axis="x", visible=False)


def _draw_jacobian(axes: Axes, jacobian: np.ndarray, cell_size: float) -> None:
    negative, positive = style.palette()[1], style.palette()[0]
    stops = [(0.0, to_rgba(negative, 0.6)), (0.5, to_rgba(negative, 0.0))]
    stops += [(0.5, to_rgba(positive, 0.0)), (1.0, to_rgba(positive, 0.6))]  # text stays legible
    cmap = LinearSegmentedColormap.from_list("signed", stops)
    limit = float(np.abs(jacobian).max())
    axes.imshow(jacobian, cmap=cmap, vmin=-limit, vmax=limit)
    ink = style.text_color()
    for (i, j), value in np.ndenumerate(jacobian):
        text = f"{value:+.3f}".replace("-", "−")
        axes.text(j, i, text, ha="center", va="center", color=ink, fontsize=cell_size)
    ticks = np.arange(len(jacobian))
    axes.set_xticks(ticks)
    axes.set_yticks(ticks)
    axes.set(xlabel=_(LABELS["column"]), ylabel=_(LABELS["row"]), title=_(LABELS["jacobian_title"]))
    axes.grid(False)


def _draw(data: Softmax, layout: Layout) -> Figure:
    ratios = "height_ratios" if layout.shape[0] > 1 else "width_ratios"
    figure, (bars, jacobian) = style.new_figure(
        *layout.shape,
        width=layout.size[0],
        height=layout.size[1],
        gridspec_kw={ratios: list(layout.ratios)},
    )
    _draw_bars(bars, data)
    _draw_jacobian(jacobian, data.jacobian, layout.cell_size)
    return figure


def build(seed: int = 0) -> Figure:
    """The bars and the Jacobian side by side, for a desktop column."""
    return _draw(compute(seed), WIDE)


def narrow(seed: int = 0) -> Figure:
    """The bars above the Jacobian, for a phone column."""
    return _draw(compute(seed), NARROW)

"""Training loss on the spiral for each activation: the linear network stalls at once, the
sigmoid network sits on a plateau before it starts to learn.

Line chart of the mean training loss (binary cross-entropy, log scale) against the epoch, from 1
to 1000, for the 2-16-16-1 network of the playground grid trained on the spiral with five hidden
activations: identity, sigmoid, tanh, ReLU and GELU. A dotted vertical line marks epoch 300, where
the grid of decision regions stops. The identity network levels off at 0.65 within a few dozen
epochs and never improves. ReLU falls fastest at first, GELU close behind and tanh a little later;
by epoch 300 all three are near 0.12. The sigmoid network stays on a plateau near 0.65 for about 150
epochs and is still above 0.5 at epoch 300; it then falls slowly, with a second plateau near 0.4,
to 0.25 by epoch 1000, while the other three get down to about 0.06. The ReLU and GELU curves each
show a spike, where one step overshot and the next ones recovered; the GELU spike leaves the chart.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import NullFormatter
from matplotlib.typing import LegendLocType

from figures import style
from figures.i18n import N_, _
from figures.playground import _training as training

DATASET = "spiral"
EPOCHS = 1000  # longer than the grid's training, to show what happens after it stops
Y_RANGE = (0.03, 1.5)  # spikes above 1.5 are cut off
Y_TICKS = (0.05, 0.1, 0.2, 0.5, 1.0)
LABELS = {
    "grid_stop": N_("grid stops here\n(epoch {epoch})"),
    "title": N_("Training loss on the spiral, 2-16-16-1 network, full-batch Adam"),
    "x": N_("epoch"),
    "y": N_("training loss (binary cross-entropy)"),
}


@dataclass(frozen=True)
class Curves:
    epochs: np.ndarray  # 1..EPOCHS
    losses: dict[str, np.ndarray]  # activation -> mean training loss per epoch
    accuracies: dict[str, float]  # activation -> training accuracy after EPOCHS epochs


def compute(seed: int = 0) -> Curves:
    """Loss history of every activation's network on the spiral."""
    data = training.load(DATASET, seed)
    losses, accuracies = {}, {}
    for activation in training.ACTIVATIONS:
        model = training.train(data, activation, seed, epochs=EPOCHS)
        losses[activation] = np.asarray(model.history)
        accuracies[activation] = training.accuracy(model, data.X, data.y)
    return Curves(np.arange(1, EPOCHS + 1), losses, accuracies)


@dataclass(frozen=True)
class Layout:
    """The figure's ``size`` in inches, the point size of the note at epoch 300, the characters
    a title line may hold (None: one line) and where the legend goes: its location, anchor (in
    axes fractions) and columns."""

    size: tuple[float, float]
    note_size: float
    title_chars: int | None
    legend_loc: LegendLocType
    legend_anchor: tuple[float, float]
    legend_columns: int


WIDE = Layout((8.5, 4.0), 8.5, None, "center left", (1.01, 0.5), legend_columns=1)
# On a phone, a 5-inch figure with its legend under the x axis (beside the plot it would leave
# the curves 3 inches), the title on two lines and the note at 9.5 pt, 9.4 px in the phone's
# column.
NARROW = Layout((5.0, 4.8), 9.5, 34, "upper center", (0.5, -0.2), legend_columns=3)


def _draw(curves: Curves, layout: Layout) -> Figure:
    figure, axes = style.new_figure(width=layout.size[0], height=layout.size[1])
    for activation, loss in curves.losses.items():
        look = style.activation_look(activation)
        label = training.activation_name(activation)
        axes.plot(curves.epochs, loss, color=look.color, ls=look.linestyle, label=label)
    axes.axvline(training.EPOCHS, color=style.text_color(), linewidth=1.0, linestyle=":")
    axes.text(
        training.EPOCHS + 10,
        0.97,
        _(LABELS["grid_stop"]).format(epoch=training.EPOCHS),
        transform=axes.get_xaxis_transform(),
        fontsize=layout.note_size,
        va="top",
    )
    title = _(LABELS["title"])
    if layout.title_chars is not None:  # at line breaks, not inside "2-16-16-1"
        title = textwrap.fill(title, layout.title_chars, break_on_hyphens=False)
    axes.set(
        xlim=(0, EPOCHS),
        ylim=Y_RANGE,
        yscale="log",
        xlabel=_(LABELS["x"]),
        ylabel=_(LABELS["y"]),
        title=title,
    )
    axes.set_yticks(Y_TICKS, [f"{tick:g}" for tick in Y_TICKS])
    axes.yaxis.set_minor_formatter(NullFormatter())
    axes.legend(
        loc=layout.legend_loc, bbox_to_anchor=layout.legend_anchor, ncols=layout.legend_columns
    )
    return figure


def build(seed: int = 0) -> Figure:
    """The loss curves with the legend beside them, for a desktop column."""
    return _draw(compute(seed), WIDE)


def narrow(seed: int = 0) -> Figure:
    """The loss curves with the legend below them, for a phone column."""
    return _draw(compute(seed), NARROW)

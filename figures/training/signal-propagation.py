"""Why the gradients of the previous figure vanish or explode: the signals layer by layer.

Three panels, one above the other, for the same six networks at initialisation (10 hidden layers of
32 units, two-moons data; GELU with Xavier and SELU with He are the deliberately wrong
initialisations, dotted with crosses), each plotted against the hidden layer 1 to 10. Top, on a
logarithmic axis: the size (root mean square) of the activations a_l on the way forward; sigmoid,
tanh and ReLU keep it roughly level, SELU with its own LeCun initialisation keeps it between 0.7 and
1.2 in every layer, GELU with Xavier halves it at every layer and SELU with He lets it grow. Middle:
the mean derivative f'(z_l) of each layer's units; sigmoid's never exceeds the dotted line at 1/4
and sits near 0.24, tanh's is close to 1, SELU's with LeCun between 0.9 and 1.15, and ReLU's and
GELU's are about one half. Bottom, logarithmic: the size of the error signal dL/dz_l on the way back
from the output. For sigmoid it shrinks about four times per layer, for GELU with Xavier about two
times, for tanh and ReLU it stays level, and for both SELU networks it grows towards the input: 2 to
6 times over the nine layers with LeCun initialisation, more than 5 times with He's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from figures import style
from figures.i18n import N_, _
from figures.training._deep import HIDDEN_LAYERS, NETWORKS, build_network, data, line_style
from nn101.mlp import MLP

# One column wide: on a phone every text is at least 9 CSS px (tests/test_figure_training).
WIDTH, HEIGHT, LEGEND_SIZE, NOTE_SIZE = 5.0, 8.6, 10, 10
SIGMOID_MAX_SLOPE = 0.25  # σ'(0) = 1/4, the largest value σ' takes; drawn as a reference line
LABELS = {
    "layer": N_("hidden layer $l$"),
    "forward": N_("forward: RMS of $a_l$"),
    "slope": N_("mean of $f\\,'(z_l)$"),
    "backward": N_("backward: RMS of $\\partial L/\\partial z_l$"),
}
SIGMOID_MAX_NOTE = "σ′ ≤ 1/4"  # maths only: the same in every language


@dataclass(frozen=True)
class Signals:
    """Keyed by ``Network.key``: "sigmoid", "tanh", "relu", "gelu+xavier", "selu", "selu+he"."""

    forward: dict[str, np.ndarray]  # activation -> RMS of a_l, hidden layers 1..10
    slope: dict[str, np.ndarray]  # activation -> mean of f'(z_l) over units and samples
    slope_min: dict[str, np.ndarray]  # activation -> smallest f'(z_l) in each layer
    slope_max: dict[str, np.ndarray]  # activation -> largest f'(z_l) in each layer
    backward: dict[str, np.ndarray]  # activation -> RMS of the per-sample dL/dz_l


def rms(values: np.ndarray) -> float:
    return float(np.sqrt(np.mean(values**2)))


def error_signals(model: MLP, X: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
    """dL/dz_l of every hidden layer for each sample, shape (n, width) per layer.

    For a batch of one sample the bias gradient of layer l *is* dL/dz_l, so the library's
    backpropagation, run one sample at a time, hands the error signal over directly.
    """
    per_sample = [model.loss_and_grads(X[i : i + 1], y[i : i + 1])[2] for i in range(len(X))]
    return [np.array([grads[layer] for grads in per_sample]) for layer in range(HIDDEN_LAYERS)]


def compute(seed: int = 0) -> Signals:
    X, y = data()
    forward, slope, slope_min, slope_max, backward = {}, {}, {}, {}, {}
    for net in NETWORKS:
        model, name = build_network(net, seed), net.key
        trace = model.forward_trace(X)
        slopes = [model.activation.grad(z) for z in trace.z[:HIDDEN_LAYERS]]
        forward[name] = np.array([rms(a) for a in trace.a[1 : HIDDEN_LAYERS + 1]])
        slope[name] = np.array([s.mean() for s in slopes])
        slope_min[name] = np.array([s.min() for s in slopes])
        slope_max[name] = np.array([s.max() for s in slopes])
        backward[name] = np.array([rms(d) for d in error_signals(model, X, y)])
    return Signals(forward, slope, slope_min, slope_max, backward)


def build(seed: int = 0) -> Figure:
    signals = compute(seed)
    figure, axes = style.new_figure(3, 1, width=WIDTH, height=HEIGHT, sharex=True)
    layers = np.arange(1, HIDDEN_LAYERS + 1)
    panels = (signals.forward, signals.slope, signals.backward)
    for ax, values, key in zip(axes, panels, ("forward", "slope", "backward"), strict=True):
        for net in NETWORKS:
            ax.plot(layers, values[net.key], markersize=4, **line_style(net))
        ax.set(title=_(LABELS[key]), xticks=layers)
    axes[-1].set_xlabel(_(LABELS["layer"]))
    axes[0].set_yscale("log")
    axes[2].set_yscale("log")
    axes[1].axhline(SIGMOID_MAX_SLOPE, color=style.text_color(), linestyle=":", linewidth=1.2)
    axes[1].annotate(
        SIGMOID_MAX_NOTE,
        (HIDDEN_LAYERS, SIGMOID_MAX_SLOPE),
        xytext=(0, 4),
        textcoords="offset points",
        ha="right",
        va="bottom",
        fontsize=NOTE_SIZE,
    )
    axes[1].set_ylim(0.0, 1.3)  # SELU's mean slope is about 1.1
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside lower center", ncols=2, fontsize=LEGEND_SIZE)
    return figure

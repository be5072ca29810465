"""A worked example: every number of one forward and one backward pass through a 2-2-1 network.

Table with one row per quantity, in the order it is computed, for the input (1, 0) with label 1
and round starting weights: the forward pass (the hidden pre-activations z₁, z₂ and
activations h₁, h₂, the output logit z, the prediction ŷ and the loss L), then the backward
pass (the output error signal δ = ŷ − y, the output weights' and bias's gradients, the hidden
error signals δ₁, δ₂ and the hidden weights' and biases' gradients). Each row gives the formula
and its value; every value is computed by nn101's MLP.
"""

from __future__ import annotations

from figures.i18n import N_, _
from figures.learning import _worked
from figures.table import Table

COLUMNS = [N_("pass"), N_("formula"), N_("value")]
STEPS = {"forward": N_("forward"), "loss": N_("loss"), "backward": N_("backward")}
# (pass, formula) of every row, in the order of `_values`.
ROWS = [
    ("forward", "z_1 = w_{11} x_1 + w_{21} x_2 + b_1"),
    ("forward", "z_2 = w_{12} x_1 + w_{22} x_2 + b_2"),
    ("forward", "h_1 = \\sigma(z_1)"),
    ("forward", "h_2 = \\sigma(z_2)"),
    ("forward", "z = v_1 h_1 + v_2 h_2 + c"),
    ("forward", "\\hat y = \\sigma(z)"),
    ("loss", "L = -[y \\log \\hat y + (1 - y) \\log(1 - \\hat y)]"),
    ("backward", "\\delta = \\partial L / \\partial z = \\hat y - y"),
    ("backward", "\\partial L / \\partial v_1 = \\delta\\, h_1"),
    ("backward", "\\partial L / \\partial v_2 = \\delta\\, h_2"),
    ("backward", "\\partial L / \\partial c = \\delta"),
    ("backward", "\\delta_1 = \\delta\\, v_1\\, h_1 (1 - h_1)"),
    ("backward", "\\delta_2 = \\delta\\, v_2\\, h_2 (1 - h_2)"),
    ("backward", "\\partial L / \\partial w_{11} = \\delta_1 x_1"),
    ("backward", "\\partial L / \\partial w_{21} = \\delta_1 x_2"),
    ("backward", "\\partial L / \\partial w_{12} = \\delta_2 x_1"),
    ("backward", "\\partial L / \\partial w_{22} = \\delta_2 x_2"),
    ("backward", "\\partial L / \\partial b_1 = \\delta_1"),
    ("backward", "\\partial L / \\partial b_2 = \\delta_2"),
]


def compute(seed: int = 0) -> _worked.Worked:
    """The numbers of the worked example (fixed weights: the seed plays no part)."""
    return _worked.compute()


def values(worked: _worked.Worked) -> list[float]:
    """The value of every row of `ROWS`, in order."""
    return [
        *worked.z_hidden,
        *worked.h,
        worked.z,
        worked.y_hat,
        worked.loss,
        worked.delta,
        *worked.grad_v,
        worked.grad_c,
        *worked.delta_hidden,
        worked.grad_w[0, 0],
        worked.grad_w[1, 0],
        worked.grad_w[0, 1],
        worked.grad_w[1, 1],
        *worked.grad_b,
    ]


def cell(value: float) -> str:
    """A value as the table prints it: four decimals, and no "-0.0000"."""
    return f"{value:.4f}".replace("-0.0000", "0.0000")


def build(seed: int = 0) -> Table:
    numbers = values(compute(seed))
    rows = [
        [_(STEPS[step]), f"\\({formula}\\)", cell(value)]
        for (step, formula), value in zip(ROWS, numbers, strict=True)
    ]
    return Table([_(column) for column in COLUMNS], rows)

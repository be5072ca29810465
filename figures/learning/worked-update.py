"""A worked example, continued: one step of gradient descent on the 2-2-1 network, and its effect.

Table with one row per parameter of the 2-2-1 network of the worked example (the four hidden
weights, the two hidden biases, the two output weights and the output bias): its value before
the step, its gradient from the backward pass, and its value after the step θ − η ∂L/∂θ with
learning rate η = 0.5. The weights from x₂ do not change, since x₂ = 0. A last row gives the
loss on the example before and after the step: it falls from 0.532 to 0.405.
"""

from __future__ import annotations

import numpy as np

from figures.i18n import N_, _
from figures.learning import _worked
from figures.table import Table

LABELS = {
    "columns": [
        N_("parameter \\(\\theta\\)"),
        N_("before"),
        N_("gradient \\(\\partial L / \\partial \\theta\\)"),
        N_("after \\(\\theta - \\eta\\, \\partial L / \\partial \\theta\\)"),
    ],
}
# (symbol, key in Worked.params_after, index) of every parameter row.
PARAMETERS = [
    ("w_{11}", "w", (0, 0)),
    ("w_{21}", "w", (1, 0)),
    ("w_{12}", "w", (0, 1)),
    ("w_{22}", "w", (1, 1)),
    ("b_1", "b", (0,)),
    ("b_2", "b", (1,)),
    ("v_1", "v", (0,)),
    ("v_2", "v", (1,)),
    ("c", "c", (0,)),
]


def compute(seed: int = 0) -> _worked.Worked:
    """The numbers of the worked example (fixed weights: the seed plays no part)."""
    return _worked.compute()


def before() -> dict[str, np.ndarray]:
    """The starting parameters, keyed like `Worked.params_after`."""
    return {
        "w": np.array(_worked.W),
        "b": np.array(_worked.B),
        "v": np.array(_worked.V),
        "c": np.array([_worked.C]),
    }


def gradients(worked: _worked.Worked) -> dict[str, np.ndarray]:
    """The backward pass's gradients, keyed like `Worked.params_after`."""
    return {
        "w": worked.grad_w,
        "b": worked.grad_b,
        "v": worked.grad_v,
        "c": np.array([worked.grad_c]),
    }


def cell(value: float) -> str:
    """A value as the table prints it: four decimals, and no "-0.0000"."""
    return f"{value:.4f}".replace("-0.0000", "0.0000")


def build(seed: int = 0) -> Table:
    worked = compute(seed)
    start, grads = before(), gradients(worked)
    rows = [
        [
            f"\\({symbol}\\)",
            cell(start[key][index]),
            cell(grads[key][index]),
            cell(worked.params_after[key][index]),
        ]
        for symbol, key, index in PARAMETERS
    ]
    rows.append(["\\(L\\)", cell(worked.loss), "", cell(worked.loss_after)])
    return Table([_(column) for column in LABELS["columns"]], rows)

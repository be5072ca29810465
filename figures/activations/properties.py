"""The properties of every activation in the library, generated from its registry.

A table with one row per registered activation, in registry order: its display name, the name
and the default parameters to pass to activations.get, its formula, its range (infimum …
supremum), whether it is monotonic and whether its derivative is, how smooth it is (C^k, C^∞ or
discontinuous), whether it is zero-centred (its mean output on standard-normal inputs, shown in
brackets, is within 0.05 of 0) and close to the identity near 0, on which side its derivative
vanishes (saturation), the most expensive operation it needs, and the paper that introduced or
popularised it.

Nothing in the table is typed by hand: each cell is formatted from the ``properties``, ``formula``
and ``label`` fields of ``nn101.activations.get(name)`` at default parameters, so a new registry
entry adds a row by itself. The tests check every yes/no claim numerically against the functions.
"""

from __future__ import annotations

import math

from figures import style
from figures.i18n import N_, _
from figures.table import Table
from nn101 import activations

COLUMNS = [
    N_("activation"),
    N_("name"),
    N_("parameters"),
    N_("f(x)"),
    N_("range (inf … sup)"),
    N_("monotonic"),
    N_("f′ monotonic"),
    N_("smoothness"),
    N_("zero-centred (mean f(z), z ~ N(0, 1))"),
    N_("≈ x near 0"),
    N_("saturates as"),
    N_("cost"),
    N_("paper"),
]
# The narrow view pages show first (13 columns do not fit a desktop column, let alone a phone):
# what the function is, where its values lie, how smooth it is and where it saturates.
KEY_COLUMNS = tuple(
    COLUMNS.index(column)
    for column in (N_("activation"), N_("f(x)"), N_("range (inf … sup)"), N_("saturates as"))
)
LABELS = {
    "yes": N_("yes"),
    "no": N_("no"),
    "jump": N_("discontinuous"),
    "left": N_("x → −∞"),
    "right": N_("x → +∞"),
    "both": N_("x → ±∞"),
    "none": N_("never"),
    "range": N_("{lo}\u00a0…\u00a0{hi}"),  # no-break spaces: a range never wraps
    "centred": N_("{verdict} ({mean})"),  # yes (0), no (0.399)
    "paper": N_("{authors} ({year})"),
    "et_al": N_("{first} et al."),
    "pair": N_("{first} & {second}"),
    "no_params": N_("—"),
}


def number(value: float) -> str:
    """A range end as the reader writes it: ∞, −∞, 0, 6, −1.758, −0.17 (4 significant digits)."""
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return f"{value:.4g}".replace("-", "−")


def mean(value: float) -> str:
    """A mean output to 3 decimals, with a true minus sign, and 0 for anything that rounds to 0."""
    text = f"{value:.3f}"
    return "0" if float(text) == 0 else text.replace("-", "−")


def smoothness(k: float) -> str:
    """C^k as inline LaTeX, or "discontinuous" for k = −1."""
    if k < 0:
        return _(LABELS["jump"])
    return r"\(C^\infty\)" if math.isinf(k) else rf"\(C^{int(k)}\)"


def authors(names: tuple[str, ...]) -> str:
    """How a table cites authors: "A", "A & B", or "A et al." for three or more."""
    if len(names) > 2:
        return _(LABELS["et_al"]).format(first=names[0])
    return (
        _(LABELS["pair"]).format(first=names[0], second=names[1]) if len(names) == 2 else names[0]
    )


def row(name: str) -> list[str]:
    """The table row of one activation at its default parameters."""
    act = activations.get(name)
    p = act.properties
    yes_no = {True: _(LABELS["yes"]), False: _(LABELS["no"])}
    lo, hi = p.output_range
    return [
        style.activation_label(name),
        name,
        ", ".join(f"{k} = {v:.4g}" for k, v in act.params.items()) or _(LABELS["no_params"]),
        rf"\({act.formula}\)",
        _(LABELS["range"]).format(lo=number(lo), hi=number(hi)),
        yes_no[p.monotonic],
        yes_no[p.monotonic_derivative],
        smoothness(p.continuity),
        _(LABELS["centred"]).format(verdict=yes_no[p.zero_centred], mean=mean(p.mean_output)),
        yes_no[p.identity_near_zero],
        _(LABELS[p.saturating]),
        _(p.cost),  # the operations it costs: words of the library's metadata
        _(LABELS["paper"]).format(authors=authors(p.authors), year=p.year),
    ]


def compute(seed: int = 0) -> Table:
    """One row per registered activation, in registry order."""
    columns = [_(column) for column in COLUMNS]
    return Table(columns, [row(name) for name in activations.names()], KEY_COLUMNS)


def build(seed: int = 0) -> Table:
    return compute(seed)

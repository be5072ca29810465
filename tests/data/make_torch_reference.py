"""Write torch_reference.json: PyTorch's value and autograd derivative of every activation.

``tests/test_activations.py`` compares nn101 against this file, so the test suite itself never
needs PyTorch. Regenerate it (PyTorch is not a dependency of nn101; use a throwaway venv):

    python3 -m venv /tmp/torchvenv
    /tmp/torchvenv/bin/pip install torch==2.13.0 numpy
    /tmp/torchvenv/bin/python tests/data/make_torch_reference.py

Run from the repository root. The output is deterministic: float64 throughout, fixed grid, keys
sorted, one case per line, floats written by ``repr`` (shortest round-trip form, at most 17
significant digits), so rerunning with the same PyTorch gives a byte-identical file.

Every name in ``nn101.activations.names()`` needs an entry in ``TORCH`` below (a test fails
otherwise); each is evaluated with default parameters and, for activations that have
parameters, once more with the non-default set in ``VARIANTS``. The script imports only torch,
not nn101, so the venv needs nothing else.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import torch
import torch.nn.functional as F  # noqa: N812 (PyTorch's own spelling)

OUT = Path(__file__).with_name("torch_reference.json")

# Kinks (0, ±0.5, ±1, ±2, ±3, 5, 6, softplus's switch at 20 and at 5 for beta=2, threshold=10),
# points on both sides of them, tiny and large values.
GRID = sorted(
    {0.0, 1e-7, -1e-7, 1e-3, -1e-3}
    | {s * v for s in (1.0, -1.0) for v in (0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0)}
    | {s * v for s in (1.0, -1.0) for v in (4.0, 5.0, 6.0, 7.5, 10.0, 19.999, 20.0, 20.001, 50.0)}
    | {2.999, 3.001, 5.999, 6.001, 4.999, 5.001}
)

Fn = Callable[..., torch.Tensor]


def _step(x: torch.Tensor) -> torch.Tensor:
    # Not in torch.nn.functional; heaviside has no autograd formula. `0 * x` gives the
    # derivative nn101 defines, 0 everywhere.
    return torch.heaviside(x, torch.tensor(1.0, dtype=x.dtype)).detach() + 0 * x


def _rrelu(x: torch.Tensor, lower: float = 1 / 8, upper: float = 1 / 3) -> torch.Tensor:
    return F.rrelu(x, lower, upper, training=False)


TORCH: dict[str, Fn] = {
    "identity": lambda x: x * 1,
    "step": _step,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": F.relu,
    "leaky_relu": F.leaky_relu,
    "relu6": F.relu6,
    "elu": F.elu,
    "celu": F.celu,
    "selu": F.selu,
    "rrelu": _rrelu,
    "softplus": F.softplus,
    "gelu": F.gelu,
    "gelu_tanh": lambda x: F.gelu(x, approximate="tanh"),
    "silu": F.silu,
    "mish": F.mish,
    "hard_sigmoid": F.hardsigmoid,
    "hard_tanh": F.hardtanh,
    "hard_swish": F.hardswish,
    "softsign": F.softsign,
    "log_sigmoid": F.logsigmoid,
    "tanhshrink": F.tanhshrink,
    "softshrink": F.softshrink,
    "hardshrink": F.hardshrink,
    "gaussian": lambda x: torch.exp(-(x**2)),
    "sinusoid": torch.sin,
}

VARIANTS: dict[str, dict[str, float]] = {
    "leaky_relu": {"negative_slope": 0.2},
    "elu": {"alpha": 2.0},
    "celu": {"alpha": 0.5},
    "rrelu": {"lower": 0.1, "upper": 0.3},
    "softplus": {"beta": 2.0, "threshold": 10.0},
    "hard_tanh": {"min_val": -2.0, "max_val": 3.0},
    "softshrink": {"lambd": 1.0},
    "hardshrink": {"lambd": 1.0},
}


def evaluate(fn: Fn, params: dict[str, float]) -> tuple[list[float], list[float]]:
    """f(x) and autograd f'(x) on GRID, in float64."""
    x = torch.tensor(GRID, dtype=torch.float64, requires_grad=True)
    y = fn(x, **params)
    (grad,) = torch.autograd.grad(y.sum(), x)  # elementwise f, so d(sum f)/dx_i = f'(x_i)
    return [float(v) for v in y.detach()], [float(v) for v in grad]


def cases() -> list[dict[str, object]]:
    """One case per (activation, parameter set), in registry order."""
    out: list[dict[str, object]] = []
    for name, fn in TORCH.items():
        for params in ({}, VARIANTS.get(name)):
            if params is None:
                continue
            value, grad = evaluate(fn, params)
            out.append({"name": name, "params": params, "value": value, "grad": grad})
    return out


def main() -> None:
    lines = [json.dumps(case, sort_keys=True, separators=(",", ":")) for case in cases()]
    header = {"torch_version": torch.__version__, "x": GRID}
    text = (
        "{\n"
        + f'"meta":{json.dumps(header, sort_keys=True, separators=(",", ":"))},\n'
        + '"cases":[\n'
        + ",\n".join(lines)
        + "\n]}\n"
    )
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {len(lines)} cases x {len(GRID)} points to {OUT}")


if __name__ == "__main__":
    main()

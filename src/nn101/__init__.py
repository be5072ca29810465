"""nn101: the small, tested numpy library behind Neural Networks 101.

One module per idea (``activations``, ``gradcheck``, ``perceptron``, ``mlp``, ...). Import the
module you need, e.g. ``from nn101 import activations``; importing the package itself loads
nothing else.
"""

__all__ = [
    "__version__",
    "activations",
    "datasets",
    "gradcheck",
    "losses",
    "mlp",
    "optim",
    "perceptron",
]
__version__ = "0.1.0"

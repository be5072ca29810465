# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Explore activation functions
#
# Every activation function in `nn101` comes from one registry: a name, the function $f$, its
# derivative $f'$, a LaTeX formula and a set of properties. This notebook walks through it and
# checks a few textbook facts numerically.
# [Download it as a Jupyter notebook](../explore-activations.ipynb) to change the functions and
# parameters yourself: its first cell installs `nn101` from this site's
# [wheel](../../download/) when your Python does not have it yet.

# %% tags=["site-only"]
from figures.pipeline.notebook import use_site_renderer

use_site_renderer()

# %% [markdown]
# ## The registry
#
# Each row gives a function's name, its family and its output range. The families are grouped
# and drawn in the [catalogue](../../activations/catalogue/).

# %%
import numpy as np
import plotly.graph_objects as go

from nn101 import activations
from nn101.gradcheck import numerical_derivative

for name in activations.names():
    act = activations.get(name)
    print(f"{name:<13} {act.family:<20} range={act.properties.output_range}")

# %% [markdown]
# ## Plot any of them with its derivative
#
# Change `chosen` to any names from the list above; parameters go to `activations.get`, for
# example `activations.get("leaky_relu", negative_slope=0.2)`.

# %%
chosen = ["sigmoid", "tanh", "relu", "gelu", "silu"]
x = np.linspace(-5, 5, 401)
figure = go.Figure()
for name in chosen:
    act = activations.get(name)
    figure.add_trace(go.Scatter(x=x, y=act(x), name=f"{act.label}", mode="lines"))
    figure.add_trace(
        go.Scatter(x=x, y=act.grad(x), name=f"{act.label}′", mode="lines", line={"dash": "dot"})
    )
figure.update_layout(xaxis_title="z", height=460, hovermode="x unified")
figure.show()

# %% [markdown]
# ## The derivatives are right
#
# Each `grad` is the exact derivative. Compare it with a central difference,
# $\bigl(f(z + h) - f(z - h)\bigr) / 2h$, away from the kinks where some derivatives jump.

# %%
z = np.linspace(-4, 4, 81) + 0.0123  # shifted off the kinks at 0, ±1, ±3 and 6
for name in activations.names():
    act = activations.get(name)
    error = np.max(np.abs(act.grad(z) - numerical_derivative(act, z)))
    print(f"{name:<13} max |f' - central difference| = {error:.1e}")

# %% [markdown]
# ## Textbook identities
#
# The sigmoid is symmetric about $(0, \tfrac12)$, and tanh is a rescaled sigmoid:
# $\sigma(-z) = 1 - \sigma(z)$ and $\tanh z = 2\sigma(2z) - 1$. Why $\sigma'(z) \le \tfrac14$
# matters for deep networks is the subject of [Activations in training](../../training/).

# %%
sigmoid, tanh = activations.get("sigmoid"), activations.get("tanh")
print("σ(-z) = 1 - σ(z):", np.allclose(sigmoid(-z), 1 - sigmoid(z)))
print("tanh z = 2σ(2z) - 1:", np.allclose(tanh(z), 2 * sigmoid(2 * z) - 1))
print("max σ'(z):", sigmoid.grad(np.linspace(-10, 10, 2001)).max())

# %% [markdown]
# ## Large inputs are safe
#
# Every function is written so that huge inputs neither overflow nor produce NaN.

# %%
extreme = np.array([-1e4, -50.0, 0.0, 50.0, 1e4])
for name in ("sigmoid", "softplus", "log_sigmoid", "silu", "mish", "elu"):
    act = activations.get(name)
    print(f"{name:<12}", act(extreme))
print("softmax of logits 1000, 999, 0:", activations.softmax(np.array([1000.0, 999.0, 0.0])))

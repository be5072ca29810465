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
#   source_blob: a9aedc5ec376c9945e83580b3bf6aabbabce6c6e
# ---

# %% [markdown]
# # 探索激活函数
#
# `nn101` 中的每个激活函数（activation function）都来自同一个注册表：一个名字、函数 $f$、它的导数 $f'$、一个 LaTeX 公式和一组性质。这个笔记本带你浏览这个注册表，并用数值方法验证几条教科书中的结论。[把它下载为 Jupyter 笔记本](../explore-activations.ipynb)，就可以自己改动其中的函数和参数：如果你的 Python 环境里还没有 `nn101`，它的第一个单元格会从本站的 [wheel 包](../../download/)安装它。

# %% tags=["site-only"]
from figures.pipeline.notebook import use_site_renderer

use_site_renderer("zh")

# %% [markdown]
# ## 注册表
#
# 每一行依次是函数名、函数族和值域。函数名和函数族都是注册表里的英文标识符（函数族见 `activations.FAMILIES`）；各函数族的中文名称和图像见[激活函数目录](../../activations/catalogue/)。

# %%
import numpy as np
import plotly.graph_objects as go

from nn101 import activations
from nn101.gradcheck import numerical_derivative

for name in activations.names():
    act = activations.get(name)
    print(f"{name:<13} {act.family:<20} 值域={act.properties.output_range}")

# %% [markdown]
# ## 任选一个函数，与其导数一起作图
#
# 把 `chosen` 改成上面列表中的任意名字即可；参数传给 `activations.get`，例如 `activations.get("leaky_relu", negative_slope=0.2)`。

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
# ## 导数都是对的
#
# 每个 `grad` 都是精确的导数。有些导数会在折点（kink）处跳变；在远离折点的地方，把它与中心差分 $\bigl(f(z + h) - f(z - h)\bigr) / 2h$ 比较。

# %%
z = np.linspace(-4, 4, 81) + 0.0123  # 平移一点，避开 0、±1、±3 和 6 处的折点
for name in activations.names():
    act = activations.get(name)
    error = np.max(np.abs(act.grad(z) - numerical_derivative(act, z)))
    print(f"{name:<13} max |f' - 中心差分| = {error:.1e}")

# %% [markdown]
# ## 教科书中的恒等式
#
# sigmoid 函数关于点 $(0, \tfrac12)$ 中心对称，而 tanh 是缩放后的 sigmoid：$\sigma(-z) = 1 - \sigma(z)$，$\tanh z = 2\sigma(2z) - 1$。至于 $\sigma'(z) \le \tfrac14$ 为什么对深层网络很重要，请看[训练中的激活函数](../../training/)一章。

# %%
sigmoid, tanh = activations.get("sigmoid"), activations.get("tanh")
print("σ(-z) = 1 - σ(z):", np.allclose(sigmoid(-z), 1 - sigmoid(z)))
print("tanh z = 2σ(2z) - 1:", np.allclose(tanh(z), 2 * sigmoid(2 * z) - 1))
print("max σ'(z):", sigmoid.grad(np.linspace(-10, 10, 2001)).max())

# %% [markdown]
# ## 大输入也安全
#
# 每个函数的写法都保证了极大的输入既不会溢出，也不会产生 NaN。

# %%
extreme = np.array([-1e4, -50.0, 0.0, 50.0, 1e4])
for name in ("sigmoid", "softplus", "log_sigmoid", "silu", "mish", "elu"):
    act = activations.get(name)
    print(f"{name:<12}", act(extreme))
print("logit 为 1000, 999, 0 时的 softmax:", activations.softmax(np.array([1000.0, 999.0, 0.0])))

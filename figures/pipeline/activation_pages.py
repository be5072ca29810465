"""The activation catalogue: one generated page per registered activation, and their index.

Plain Python with no MkDocs import, like ``embed``: ``hooks/nn101_activation_pages.py`` adds the
pages this module writes to the site and to its navigation. Each page is made from the registry
(``nn101.activations``) and its own figure (``activations/function-<name>``), so adding a registry
entry adds its page by itself:

- its formula and derivative (the registry's LaTeX), its figure;
- the hand-written prose of ``docs/includes/activations/<name>.md``, when that file exists (its
  links are relative to the page, ``activations/<name>/``);
- its properties (the cells of the chapter's property table, so the two always agree), its
  parameters with PyTorch's defaults, the equivalent ``torch.nn`` module, the paper;
- a short nn101 snippet whose commented results are computed here (and re-checked by a test
  that runs the snippet).

Every sentence of the template is a message of ``figures.i18n``, so another language translates
the catalogue like any figure.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from markdown.extensions.toc import slugify

from figures import i18n, style
from figures.i18n import N_, _
from figures.pipeline.discovery import REPO
from figures.pipeline.embed import heading
from figures.pipeline.render import load_module
from nn101 import activations

__all__ = [
    "FOLDER",
    "INCLUDES",
    "INCLUDES_DIR",
    "INDEX",
    "SNIPPET_X",
    "check_includes",
    "index_markdown",
    "page_markdown",
    "page_path",
    "snippet",
]

FOLDER = "activations"  # docs-relative folder of the pages: activations/<name>.md
INDEX = f"{FOLDER}/catalogue.md"  # the index, activations/catalogue/
INCLUDES_DIR = "includes/activations"  # optional prose, <name>.md, under the docs folder
INCLUDES = REPO / "docs" / INCLUDES_DIR
SNIPPET_X = (-2.0, -0.5, 0.0, 0.5, 2.0)
# The property table's columns a page shows in its own sections instead (N_ ids, untranslated).
NOT_PROPERTIES = {"activation", "name", "parameters", "f(x)", "paper"}

TEXT = {
    "index_title": N_("Activation catalogue"),
    "index_intro": N_(
        "Every activation function in nn101's registry, by family. Each has its own page: its "
        "formula and derivative, a figure of both, its properties, its parameters with "
        "PyTorch's defaults, the equivalent PyTorch module and the paper it comes from. The "
        "[activation functions chapter](../activations.md) explains the ideas; its "
        "[property table](../activations.md#the-catalogue-and-its-properties) compares them all."
    ),
    "family_heading": N_("Family: [{family}](catalogue.md#{anchor})."),
    "properties": N_("Properties"),
    "property": N_("property"),
    "value": N_("value"),
    "parameters": N_("Parameters"),
    "no_parameters": N_("{label} has no parameters."),
    "parameter_intro": N_("nn101 uses PyTorch's names and defaults:"),
    "parameter": N_("parameter"),
    "default": N_("default"),
    "symbol": N_("in the formula"),
    "pytorch": N_("In PyTorch"),
    "torch_module": N_("The equivalent module is `{call}` (shown with its default parameters)."),
    "no_torch_module": N_(
        "PyTorch has no `torch.nn` module for {label}: write it as a function of tensors."
    ),
    "code": N_("In nn101"),
    "code_intro": N_("f(x) and f′(x) at five points:"),
    "paper": N_("Paper"),
    "citation": N_("{authors} ({year}). *{title}*. [{shown}]({url})"),
    "list_and": N_("{items} and {last}"),
    "list_comma": N_(", "),
    "back": N_("All activations: [the catalogue](catalogue.md)."),
}
INLINE_MATH = re.compile(r"\\\((.+?)\\\)")  # a table cell's \(...\): $...$ in Markdown
DOLLARS = r"$\1$"
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def page_path(name: str) -> str:
    """The docs-relative path of an activation's page, ``activations/<name>.md`` (URL
    ``activations/<name>/``); ``ValueError`` listing the valid names for an unknown one."""
    activations.get(name)
    return f"{FOLDER}/{name}.md"


def check_includes(folder: Path = INCLUDES) -> None:
    """``ValueError`` naming the file when a prose file names no registered activation."""
    known = set(activations.names())
    for path in sorted(folder.glob("*.md")):
        if path.stem not in known:
            shown = path.relative_to(REPO) if path.is_relative_to(REPO) else path
            raise ValueError(
                f"{shown.as_posix()}: no activation {path.stem!r} in the "
                f"registry (nn101.activations.names()); valid names: {', '.join(sorted(known))}"
            )


def _listed(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return _(TEXT["list_and"]).format(items=_(TEXT["list_comma"]).join(items[:-1]), last=items[-1])


def _family_anchor(family: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", family.lower()).strip("-")


def _family_title(family: str) -> str:
    return _(load_module("activations/family").TITLES[family])


def _figure(figure_id: str) -> str:
    return f'{{{{ figure("{figure_id}") }}}}'


def _formulas(act: activations.Activation) -> list[str]:
    return ["$$", f"f(x) = {act.formula}", "$$", "", "$$", f"f'(x) = {act.derivative_formula}"]


def _properties(name: str) -> list[str]:
    """The page's property table: the chapter table's cells for this activation, one per row."""
    table = load_module("activations/properties")
    cells = zip(table.COLUMNS, table.row(name), strict=True)
    lines = [f"| {_(TEXT['property'])} | {_(TEXT['value'])} |", "|---|---|"]
    for column, cell in cells:
        if column not in NOT_PROPERTIES:
            lines.append(f"| {_(column)} | {INLINE_MATH.sub(DOLLARS, cell)} |")
    return lines


def _parameters(act: activations.Activation) -> list[str]:
    if not act.params:
        return [_(TEXT["no_parameters"]).format(label=act.label)]
    lines = [
        _(TEXT["parameter_intro"]),
        "",
        f"| {_(TEXT['parameter'])} | {_(TEXT['default'])} | {_(TEXT['symbol'])} |",
        "|---|---|---|",
    ]
    for key, value in act.params.items():
        lines.append(f"| `{key}` | {value:g} | ${activations.PARAMETER_SYMBOLS[key]}$ |")
    return lines


def _pytorch(act: activations.Activation, label: str) -> str:
    if act.torch_call is None:
        return _(TEXT["no_torch_module"]).format(label=label)
    return _(TEXT["torch_module"]).format(call=act.torch_call)


def _number(value: float) -> str:
    return "0" if value == 0 else f"{value:.4g}"  # no "-0"


def snippet(name: str) -> str:
    """Python that builds the activation and evaluates f and f' at ``SNIPPET_X``, each result
    written as a comment (4 significant digits, computed by nn101)."""
    act = activations.get(name)
    x = list(SNIPPET_X)

    def numbers(values: np.ndarray) -> str:
        return "[" + ", ".join(_number(float(v)) for v in values) + "]"

    return "\n".join(
        [
            "from nn101 import activations",
            "",
            f'act = activations.get("{name}")',
            f"x = {x!r}",
            f"act(x)  # {numbers(act(x))}",
            f"act.grad(x)  # {numbers(act.grad(x))}",
        ]
    )


def _paper(act: activations.Activation) -> str:
    p = act.properties
    shown = p.url.removeprefix("https://").removeprefix("doi.org/")  # the link's text
    return _(TEXT["citation"]).format(
        authors=_listed(list(p.authors)), year=p.year, title=p.title, url=p.url, shown=shown
    )


def _prose(name: str, folder: Path) -> list[str]:
    """The page's own prose, without the front matter a translation records its source in."""
    path = folder / f"{name}.md"
    if not path.is_file():
        return []
    return [FRONT_MATTER.sub("", path.read_text(encoding="utf-8"), count=1).strip(), ""]


def page_markdown(name: str, folder: Path = INCLUDES) -> str:
    """The Markdown of activation ``name``'s page; ``ValueError`` for an unknown name."""
    act = activations.get(name)
    figure_id = load_module("activations/function").figure_id(name)
    label = style.activation_label(name)
    family = _(TEXT["family_heading"]).format(
        family=_family_title(act.family), anchor=_family_anchor(act.family)
    )
    with i18n.using(i18n.SOURCE_LANGUAGE):
        title_id = slugify(style.activation_label(name), "-")
    lines = [f"# {label} {{#{title_id}}}", "", family, "", *_formulas(act), "$$", ""]
    lines += [_figure(figure_id), "", *_prose(name, folder)]
    lines += [heading(2, TEXT["properties"]), "", *_properties(name), ""]
    lines += [heading(2, TEXT["parameters"]), "", *_parameters(act), ""]
    lines += [heading(2, TEXT["pytorch"]), "", _pytorch(act, label), ""]
    lines += [heading(2, TEXT["code"]), "", _(TEXT["code_intro"]), ""]
    lines += ["```python", snippet(name), "```", ""]
    lines += [heading(2, TEXT["paper"]), "", _paper(act), "", _(TEXT["back"]), ""]
    return "\n".join(lines)


def index_markdown() -> str:
    """The catalogue's index: per family, its figure and a link to each member's page."""
    family_module = load_module("activations/family")
    ids = {
        family: f"activations/family-{suffix}"
        for suffix, family in family_module.variants().items()
    }
    lines = [heading(1, TEXT["index_title"]), "", _(TEXT["index_intro"]), ""]
    for family in activations.FAMILIES:
        lines += [f"## {_family_title(family)} {{#{_family_anchor(family)}}}", ""]
        for name in activations.names():
            act = activations.get(name)
            if act.family == family:
                torch = f" — `{act.torch_class}`" if act.torch_class else ""
                lines.append(f"- [{style.activation_label(name)}]({name}.md){torch}")
        lines += ["", _figure(ids[family]), ""]
    return "\n".join(lines)

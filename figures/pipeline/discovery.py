"""Find the figure modules and read what a figure says about itself, without importing it.

A figure module is ``figures/<chapter>/<name>.py`` (any folder of ``figures/`` except this
pipeline). Two shapes:

- **one figure** (the usual case): its id is ``<chapter>/<name>``; the module docstring's first
  paragraph is the caption, the second the alt text. Reading them with ``ast`` keeps
  ``python -m figures list`` and the site's freshness check free of numpy and matplotlib.
- **a family of figures**: the module defines ``variants()``, returning ``{suffix: parameter}``;
  each entry is the figure ``<chapter>/<name>-<suffix>``, built by ``build(parameter)`` with
  ``caption(parameter)`` and ``alt(parameter)`` computed from the data. Its ids are known only
  once the module has run, so the runner learns them when it builds the module.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "REPO",
    "ROOT",
    "FigureError",
    "FigureInfo",
    "FigureModule",
    "docstring_info",
    "module_for",
    "modules",
]

ROOT = Path(__file__).resolve().parents[1]  # the figures/ folder
REPO = ROOT.parent
PIPELINE = Path(__file__).resolve().parent
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$")
FAMILY_HOOK = "variants"  # the function that makes a module a family of figures


class FigureError(Exception):
    """A figure is missing, malformed or failed to build; the message names it."""


@dataclass(frozen=True)
class FigureModule:
    """One ``figures/<chapter>/<name>.py`` file: a figure, or a family of figures."""

    path: Path
    family: bool

    @property
    def chapter(self) -> str:
        return self.path.parent.name

    @property
    def id(self) -> str:
        """The figure id of a one-figure module; the common prefix of a family's ids."""
        return f"{self.chapter}/{self.path.stem}"

    @property
    def relpath(self) -> str:
        """Path relative to the repository, with forward slashes (what messages and pages show)."""
        return self.path.relative_to(REPO).as_posix()

    def owns(self, figure_id: str) -> bool:
        """Whether ``figure_id`` is (for a family: may be) one of this module's figures."""
        return figure_id == self.id or (self.family and figure_id.startswith(self.id + "-"))


@dataclass(frozen=True)
class FigureInfo:
    """What a figure says about itself: its id, module, caption and alt text.

    ``variant`` is the parameter a family module builds this figure with (None otherwise).
    """

    id: str
    module: FigureModule
    caption: str
    alt: str
    variant: str | None = None

    @property
    def name(self) -> str:
        """The part of the id after the chapter: the stem of every output file."""
        return self.id.split("/", 1)[1]


def modules() -> list[FigureModule]:
    """Every figure module, sorted by path; private helpers (``_x.py``, ``_x/``) are not."""
    found = []
    for path in sorted(ROOT.glob("*/*.py")):
        if path.parent == PIPELINE or path.name.startswith("_") or path.parent.name.startswith("_"):
            continue
        found.append(FigureModule(path, family=_defines(path, FAMILY_HOOK)))
    return found


def _defines(path: Path, function: str) -> bool:
    """Whether the module defines ``function`` at top level (a text search: a no-op build reads
    every module, and parsing them all would cost more than the rest of the check)."""
    pattern = re.compile(rf"^def {function}\(", re.M)
    return pattern.search(path.read_text(encoding="utf-8")) is not None


def _parse(path: Path) -> ast.Module:
    try:
        return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError as error:
        relpath = path.relative_to(REPO).as_posix()
        raise FigureError(f"{relpath}:{error.lineno}: SyntaxError: {error.msg}") from error


def module_for(figure_id: str, known: list[FigureModule] | None = None) -> FigureModule:
    """The module that builds ``figure_id``; ``FigureError`` naming the known ids otherwise."""
    known = modules() if known is None else known
    if ID_PATTERN.match(figure_id):
        exact = [m for m in known if m.id == figure_id]
        family = [m for m in known if m.family and m.owns(figure_id)]
        if exact or family:
            return (exact or family)[0]
    names = [m.id + ("-*" if m.family else "") for m in known]
    raise FigureError(
        f"unknown figure id {figure_id!r}: no module figures/{figure_id}.py builds it; "
        f"known ids: {', '.join(names)}"
    )


def docstring_info(module: FigureModule) -> FigureInfo:
    """Caption and alt text of a one-figure module, from its docstring.

    Paragraph 1 is the caption, paragraph 2 the alt text; later ones are notes for the reader.
    ``FigureError`` (naming the file) when either is missing.
    """
    docstring = ast.get_docstring(_parse(module.path)) or ""
    paragraphs = [" ".join(p.split()) for p in docstring.split("\n\n")] + ["", ""]
    caption, alt = paragraphs[0], paragraphs[1]
    if not caption or not alt:
        missing = (
            "caption (first paragraph)" if not caption else "alt text (paragraph after the caption)"
        )
        raise FigureError(f"{module.id}: {module.relpath}:1: docstring has no {missing}")
    return FigureInfo(module.id, module, caption, alt)

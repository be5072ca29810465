"""Find figure modules and read their caption and alt text without importing them.

Reading the docstring with ``ast`` keeps ``python -m figures list`` and the site's
embedding step fast: neither needs numpy or matplotlib.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
REPO = ROOT.parent
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$")


class FigureError(Exception):
    """A figure is missing, malformed or failed to build; the message names it."""


@dataclass(frozen=True)
class FigureInfo:
    """What the runner and the site know about one figure before building it."""

    id: str
    path: Path
    caption: str
    alt: str

    @property
    def chapter(self) -> str:
        return self.id.split("/")[0]

    @property
    def relpath(self) -> str:
        """Path of the module relative to the repository, with forward slashes."""
        return self.path.relative_to(REPO).as_posix()


def module_path(figure_id: str) -> Path:
    return ROOT / f"{figure_id}.py"


def all_ids() -> list[str]:
    """Every figure id, sorted: ``<chapter>/<name>`` for each ``figures/<chapter>/<name>.py``."""
    ids = []
    for path in sorted(ROOT.glob("*/*.py")):
        if not path.name.startswith("_") and not path.parent.name.startswith("_"):
            ids.append(f"{path.parent.name}/{path.stem}")
    return ids


def read_info(figure_id: str) -> FigureInfo:
    """Caption and alt text from the module's docstring; ``FigureError`` if either is missing."""
    path = module_path(figure_id)
    if not ID_PATTERN.match(figure_id) or not path.is_file():
        raise FigureError(
            f"unknown figure id {figure_id!r}: there is no {path.relative_to(REPO)}; "
            f"known ids: {', '.join(all_ids())}"
        )
    source = path.read_text(encoding="utf-8")
    try:
        docstring = ast.get_docstring(ast.parse(source, filename=str(path))) or ""
    except SyntaxError as error:
        raise FigureError(
            f"{figure_id}: {path}:{error.lineno}: SyntaxError: {error.msg}"
        ) from error
    # Paragraph 1 is the caption, paragraph 2 the alt text; later ones are notes for the reader.
    paragraphs = [" ".join(p.split()) for p in docstring.split("\n\n")] + ["", ""]
    caption, alt = paragraphs[0], paragraphs[1]
    if not caption or not alt:
        missing = (
            "caption (first line)" if not caption else "alt text (paragraph after the caption)"
        )
        raise FigureError(f"{figure_id}: {path.relative_to(REPO)}:1: docstring has no {missing}")
    return FigureInfo(figure_id, path, caption, alt)

"""``make messages``: every reader-visible message of the site in one gettext template.

``python -m figures.pipeline.messages [OUT]`` writes ``build/locales/messages.pot`` (generated,
never committed), from which each language's ``locales/<lang>/LC_MESSAGES/messages.po`` is
updated with the usual tools (``pybabel update -i build/locales/messages.pot -d locales``).
Three sources, so nothing a reader sees is missing:

1. Babel's extraction over ``babel.cfg``: ``_()``, ``N_()`` and ``ngettext()`` in the figures,
   the hooks and the templates, with their file and line for translators;
2. the captions and alt texts of one-figure modules (their docstrings);
3. the messages figures ask for while they are drawn: every figure is built once with a
   recording catalogue, which catches what no source line spells out, such as the registry's
   activation labels and its cost words.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

from figures import i18n
from figures.pipeline.discovery import REPO, docstring_info, modules

__all__ = ["catalogue_template", "main"]

MAPPING = REPO / "babel.cfg"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
DEFAULT_OUT = REPO / "build" / "locales" / "messages.pot"


class _Recorder:
    """A catalogue that translates nothing and remembers every message it was asked for."""

    def __init__(self) -> None:
        self.seen: list[object] = []  # str, or (singular, plural) for ngettext

    def get(self, message: object) -> None:
        self.seen.append(message)


def _read_mapping() -> list[tuple[str, str]]:
    """``[(glob, method), ...]`` from babel.cfg's ``[method: glob]`` sections."""
    sections = []
    for line in MAPPING.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            method, _, pattern = line[1:-1].partition(":")
            sections.append((pattern.strip(), method.strip()))
    return sections


def _drawn_messages() -> list[object]:
    """Every message the figures look up while they are built (in memory, light theme)."""
    from figures.pipeline import render

    recorder = _Recorder()
    original = i18n.catalogue

    def recording(lang: str, root: Path) -> _Recorder:
        return recorder

    i18n.catalogue = recording  # type: ignore[assignment]
    try:
        for info in render.all_infos():
            loaded = render.load_module(info.module)
            render.render(loaded, info)
    finally:
        i18n.catalogue = original
    return recorder.seen


def catalogue_template() -> Catalog:
    """The template catalogue: every message with where it comes from."""
    template = Catalog(project="nn101", charset="utf-8")
    for filename, lineno, message, comments, _context in extract_from_dir(
        REPO, _read_mapping(), keywords=KEYWORDS, comment_tags=("Translators:",)
    ):
        template.add(message, locations=[(filename, lineno)], auto_comments=comments)
    for module in modules():
        if not module.family:
            info = docstring_info(module)
            for text in (info.caption, info.alt):
                template.add(text, locations=[(module.relpath, 1)])
    for drawn in _drawn_messages():
        if isinstance(drawn, str | tuple) and drawn not in template:
            template.add(drawn, auto_comments=["drawn in a figure"])
    return template


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else DEFAULT_OUT
    template = catalogue_template()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.with_suffix(".tmp")
    with staging.open("wb") as handle:
        write_po(handle, template, width=100)
    staging.replace(out)  # never half a template
    print(f"{len(template)} messages in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

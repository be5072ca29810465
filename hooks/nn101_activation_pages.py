"""MkDocs glue for the activation catalogue: one generated page per registered activation.

A thin layer over ``figures.pipeline.activation_pages``, which writes the Markdown:

- ``on_config`` adds the catalogue to the navigation, in the section that holds the activations
  chapter (whatever the edition calls it): its index, then one entry per activation, titled with
  its (translated) registry label;
- ``on_files`` adds the pages themselves (``activations/<name>.md``, URL ``activations/<name>/``)
  and the index (``activations/catalogue.md``), as generated files; a prose file under
  ``docs/includes/activations/`` that names no registered activation stops the build.

The pages embed their figures with ``{{ figure("...") }}`` lines, which ``nn101_site`` replaces
like those of any chapter.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from figures import style
from figures.i18n import N_, _
from figures.pipeline import activation_pages
from nn101 import activations

CHAPTER = "activations.md"  # the nav section holding this chapter holds the catalogue too
SECTION = N_("Activation catalogue")
INDEX_TITLE = N_("All activations")


def catalogue_nav() -> list[dict[str, str]]:
    """The catalogue's nav entries: the index first, then the pages in registry order."""
    pages = [
        {style.activation_label(n): activation_pages.page_path(n)} for n in activations.names()
    ]
    return [{_(INDEX_TITLE): activation_pages.INDEX}, *pages]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    for item in config.nav or []:
        for children in item.values() if isinstance(item, dict) else ():
            if isinstance(children, list) and _lists_chapter(children):
                children.append({_(SECTION): catalogue_nav()})
                return config
    name = Path(config.config_file_path or "mkdocs.yml").name
    raise PluginError(f"{name}: no nav section lists {CHAPTER}, so none can hold the catalogue")


def _lists_chapter(children: list[Any]) -> bool:
    return any(isinstance(c, dict) and CHAPTER in c.values() for c in children)


def _includes(config: MkDocsConfig) -> Path:
    """Where this build's prose files are: ``includes/activations`` under its docs folder."""
    return Path(config.docs_dir) / activation_pages.INCLUDES_DIR


def on_files(files: Files, config: MkDocsConfig) -> Files:
    includes = _includes(config)
    try:
        activation_pages.check_includes(includes)
    except ValueError as error:
        raise PluginError(str(error)) from error
    for name in activations.names():
        page = activation_pages.page_markdown(name, includes)
        files.append(File.generated(config, activation_pages.page_path(name), content=page))
    index = activation_pages.index_markdown()
    files.append(File.generated(config, activation_pages.INDEX, content=index))
    return files


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Under ``mkdocs serve``, editing a page's prose rebuilds (docs/includes is excluded)."""
    server.watch(str(_includes(config)))
    return server

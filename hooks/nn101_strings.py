"""One language per site build: every reader-visible string of the hooks, templates and page
scripts goes through ``figures.i18n``.

- ``on_config`` makes the theme's language (``theme.language``) the active one, so the figure
  embeds, source pages and gallery are written in it;
- ``on_env`` gives templates ``_()`` (the 404 page's text is a message like any other);
- ``on_post_page`` (and ``on_post_template``, for the 404 page) hands the page scripts their
  words as data attributes of ``<body>``: scripts hold no English literal, and Material's
  instant navigation keeps ``<body>`` (a page of the other language is a full load), so the
  attributes stay right after every navigation.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from figures import i18n
from figures.pipeline import embed


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    i18n.activate(config.theme["language"])
    return config


def on_env(env: Any, config: MkDocsConfig, files: Any) -> Any:
    env.globals["_"] = i18n._
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _with_page_strings(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The theme's own pages (404.html) are templates, not pages: they need the words too."""
    return _with_page_strings(output_content) if template_name.endswith(".html") else output_content


def _with_page_strings(html: str) -> str:
    return html.replace("<body", "<body" + embed.page_attributes(), 1)

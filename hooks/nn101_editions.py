"""MkDocs glue for the book's editions (``figures.editions``): English at the site's root, each
translation a second build (``mkdocs.zh.yml``, ``INHERIT: mkdocs.yml``) under ``/<lang>/``.

- ``on_config``: a translation's ``site_url`` gains its prefix (``.../zh/``), so its canonical
  links, sitemap and instant navigation stay inside it; the language switch is turned on
  (``extra.alternate``) and its links come from ``nn101_alternates``, a template global that gives
  each page the *same page* in every edition. Material's stock selector links each edition's
  home page, and its head links would make every page fetch ``<page>/sitemap.xml``; the
  ``hreflang`` alternates go into each edition's sitemap instead (``overrides/sitemap.xml``);
- ``on_config`` also teaches jieba, which Material's search uses to split Chinese into words,
  the glossary's terms, so 决策边界 and 预激活 are indexed whole;
- ``on_files``: a translation serves the English edition's ``assets/`` (stylesheets, scripts,
  vendored KaTeX) rather than keeping a copy (MkDocs does not check that ``extra_css`` exists);
- ``on_serve`` and ``on_post_build``: ``make serve`` serves every edition. The English server
  watches the translations too; after each English build, each translation is rebuilt (only
  when one of its inputs changed) into a folder of its own and copied under the served site,
  which the English build empties each time.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from figures import editions
from figures.editions import REPO, Edition

log = logging.getLogger("mkdocs.hooks.nn101_editions")
GLOSSARY = "glossary.md"
# A glossary entry's term line in a translation: `预激活（pre-activation）`.
GLOSSARY_TERM = re.compile(r"^([^\s:（][^（\n]*)（[^）\n]+）$", re.M)
HAN_ONLY = re.compile(r"^[\u4e00-\u9fff]{2,}$")
# What a translation's build reads besides its docs folder, under `make serve`.
SERVE_INPUTS = ("docs", "figures", "src/nn101", "locales", "overrides", "hooks")
_serving: dict[str, Any] = {}


def edition_of(config: MkDocsConfig) -> Edition:
    return editions.by_language(config.theme["language"])


def source_site_url(config: MkDocsConfig) -> str:
    """The English edition's ``site_url`` (with a trailing slash), whichever edition builds."""
    url = (config.site_url or "/").rstrip("/") + "/"
    prefix = edition_of(config).prefix
    return url[: -len(prefix)] if prefix and url.endswith("/" + prefix) else url


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    edition = edition_of(config)
    if edition.prefix and config.site_url and not config.site_url.endswith("/" + edition.prefix):
        config.site_url = config.site_url.rstrip("/") + "/" + edition.prefix
    config.extra["alternate"] = True  # not a list: Material writes no <link rel=alternate>
    if edition.lang == "zh":
        add_search_words(glossary_terms(Path(config.docs_dir) / GLOSSARY))
    return config


def glossary_terms(glossary: Path) -> list[str]:
    """The glossary's Chinese terms that are Han characters only (jieba splits such compounds;
    a term with Latin letters in it is split at them anyway)."""
    if not glossary.is_file():
        return []
    terms = (m[1].strip() for m in GLOSSARY_TERM.finditer(glossary.read_text(encoding="utf-8")))
    return sorted({term for term in terms if HAN_ONLY.match(term)})


def add_search_words(words: list[str]) -> None:
    import jieba  # only the Chinese edition needs it, and importing it takes a while

    jieba.setLogLevel(logging.WARNING)  # not its "Building prefix dict" lines in every build
    for word in words:
        jieba.add_word(word)


def alternates(page: Page | Any, config: MkDocsConfig) -> list[dict[str, Any]]:
    """The same page in every edition: ``lang``, ``name``, ``href`` (absolute), ``root`` (the
    edition's home) and ``current``. Without a page (the 404 template), each edition's home."""
    base, this = source_site_url(config), edition_of(config)
    path = getattr(page, "url", None)
    path = path if isinstance(path, str) and not path.endswith(".html") else ""
    return [
        {
            "lang": edition.lang,
            "name": edition.name,
            "root": base + edition.prefix,
            "href": base + edition.prefix + path,
            "current": edition == this,
        }
        for edition in editions.EDITIONS
    ]


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    env.globals["nn101_alternates"] = lambda page: alternates(page, config)
    return env


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if edition_of(config) == editions.SOURCE:
        return files
    source = editions.SOURCE.docs
    for path in sorted((source / "assets").rglob("*")):
        uri = path.relative_to(source).as_posix()
        if path.is_file() and files.get_file_from_path(uri) is None:
            files.append(File(uri, str(source), config.site_dir, config.use_directory_urls))
    return files


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """The English server watches the translations' pages and configs too."""
    for edition in editions.TRANSLATIONS:
        server.watch(str(edition.docs))
        server.watch(str(REPO / edition.config))
    _serving["on"] = True
    return server


def on_post_build(config: MkDocsConfig) -> None:
    if _serving.get("on") and edition_of(config) == editions.SOURCE:
        for edition in editions.TRANSLATIONS:
            serve_translation(edition, config)


def serve_translation(edition: Edition, config: MkDocsConfig) -> None:
    """Rebuild ``edition`` if its inputs changed since its last build, then copy it under the
    served site (the English build has just emptied that folder)."""
    out = Path(tempfile.gettempdir()) / f"nn101-serve-{edition.lang}"
    stamp = inputs_stamp(edition)
    if _serving.get(edition.lang) != stamp:
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "--config-file"]
        command += [str(REPO / edition.config), "--site-dir", str(out)]
        env = {**os.environ, "SITE_URL": source_site_url(config)}
        log.info("Building the %s edition", edition.lang)
        result = subprocess.run(command, cwd=REPO, env=env, check=False)
        if result.returncode != 0:
            log.error("The %s edition did not build (see above)", edition.lang)
            return
        _serving[edition.lang] = stamp
    shutil.copytree(out, Path(config.site_dir) / edition.prefix, dirs_exist_ok=True)


def inputs_stamp(edition: Edition) -> tuple[float, ...]:
    """The newest modification time under each of the edition's inputs."""
    folders = [edition.docs, *(REPO / name for name in SERVE_INPUTS)]
    newest = [
        max((p.stat().st_mtime for p in folder.rglob("*") if p.is_file()), default=0.0)
        for folder in folders
    ]
    return (*newest, (REPO / edition.config).stat().st_mtime)
